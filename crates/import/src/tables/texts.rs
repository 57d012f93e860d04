//! The tables of one document read once for every candidate format: each distinct text
//! interned to a number with its value test and label key ([`Prepared`]), each grid row's
//! physical cells in logical order, each physical cell numbered densely (its value slot), the
//! caption lines before each table, and the short texts the format signals are looked for in.
//!
//! Format-independent only: what a text is in a format is `classify`, the walk is `mapper`.

use super::classify::{clean_iter, is_value_text};
use super::{TableInput, MAX_CELLS_PER_TABLE};
use crate::grid::Grid;
use crate::labels::{text_hash, Prepared};
use std::cmp::Ordering;

/// One physical cell of a grid row, in logical order (text borrowed from the grid).
#[derive(Clone, Debug)]
pub(super) struct RowCell<'g> {
    pub(super) x: usize,
    pub(super) text: &'g str,
    /// The text's number in [`Texts`].
    pub(super) id: u32,
    /// The physical cell's number in the document (its `source`, numbered densely).
    pub(super) slot: u32,
    pub(super) source: usize,
    /// The cell starts in this row (false for a rowspan copy from above).
    pub(super) origin_row: bool,
}

/// One table: its caption candidates and its rows.
pub(super) struct TableTexts<'g> {
    /// The last (at most three) lines before the table, last first: (text, id).
    pub(super) captions: Vec<(&'g str, u32)>,
    /// The rows read, each its physical cells; a table cut at `MAX_CELLS_PER_TABLE` cells
    /// holds the rows before the cut.
    pub(super) rows: Vec<Vec<RowCell<'g>>>,
    /// More than `MAX_CELLS_PER_TABLE` cells: the rest was not read.
    pub(super) cut: bool,
}

pub(super) struct Texts<'g> {
    /// Each distinct text by its number: `None` for a value, else its prepared label.
    #[cfg(target_arch = "wasm32")]
    prepared: Vec<Option<Prepared>>,
    /// Natively prepared when first asked for: a folder's texts mostly have their classes
    /// in the process-wide memo (`shared`), and need no label key.
    #[cfg(not(target_arch = "wasm32"))]
    prepared: Vec<Option<(&'g str, std::cell::OnceCell<Prepared>)>>,
    pub(super) tables: Vec<TableTexts<'g>>,
    /// How many physical cells (slots) the document has.
    pub(super) slots: usize,
    /// The short cell texts, cleaned, joined by '|' (where format signals are looked for),
    /// made when first needed.
    signal_text: std::cell::OnceCell<String>,
    input: &'g [TableInput],
}

/// The physical cells of row `r` in logical order (slot numbers still unset).
fn row_cells(grid: &Grid, r: usize) -> Vec<RowCell<'_>> {
    let mut out: Vec<RowCell> = Vec::new();
    let Some(row) = grid.rows.get(r) else {
        return out;
    };
    for (x, c) in row.iter().enumerate() {
        if c.source == usize::MAX || out.last().is_some_and(|l| l.source == c.source) {
            continue;
        }
        // A rowspan copy: the slot above belongs to the same cell.
        let from_above = r > 0
            && grid
                .get(r - 1, x)
                .is_some_and(|a| a.source == c.source && a.source != usize::MAX);
        out.push(RowCell {
            x,
            text: c.text.trim(),
            id: 0,
            slot: 0,
            source: c.source,
            origin_row: !from_above,
        });
    }
    out
}

/// Texts numbered by first appearance: an open-addressing hash table of text numbers, so
/// each text is hashed once and compared only with texts of the same hash.
#[derive(Default)]
struct Interner {
    /// Text numbers (`u32::MAX`: empty), a power of two long, at most half full.
    table: Vec<u32>,
    hashes: Vec<u64>,
}

impl Interner {
    /// The number of `text`, new ones appended to `texts` (the text of each number).
    fn intern<'a>(&mut self, text: &'a str, texts: &mut Vec<&'a str>) -> u32 {
        if (texts.len() + 1) * 2 > self.table.len() {
            self.grow(texts.len());
        }
        let h = text_hash(text);
        let mask = self.table.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let id = self.table[i];
            if id == u32::MAX {
                let id = texts.len() as u32;
                self.table[i] = id;
                self.hashes.push(h);
                texts.push(text);
                return id;
            }
            if self.hashes[id as usize] == h && texts[id as usize] == text {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table (`n` texts so far).
    fn grow(&mut self, n: usize) {
        let size = (n * 4).max(64).next_power_of_two();
        self.table = vec![u32::MAX; size];
        let mask = size - 1;
        for (id, &h) in self.hashes.iter().enumerate() {
            let mut i = h as usize & mask;
            while self.table[i] != u32::MAX {
                i = (i + 1) & mask;
            }
            self.table[i] = id as u32;
        }
    }
}

/// The positions `0..n` sorted by `cmp` (ties in any order). The one sort of the mapping
/// step: a comparison through `dyn` compiles one sort for every caller (the widget's size).
pub(super) fn sorted_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b));
    order
}

/// Numbers equal items alike, densely from 0 in sorted order: one sort per document instead
/// of a map lookup per cell and format. Returns the number of each item and how many there are.
fn number_by(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> (Vec<u32>, usize) {
    let order = sorted_order(n, cmp);
    let mut ids = vec![0u32; n];
    let mut next = 0u32;
    for (k, &i) in order.iter().enumerate() {
        if k > 0 && cmp(order[k - 1], i) != Ordering::Equal {
            next += 1;
        }
        ids[i] = next;
    }
    let count = if n == 0 { 0 } else { next as usize + 1 };
    (ids, count)
}

impl<'g> Texts<'g> {
    pub(super) fn new(tables: &'g [TableInput]) -> Texts<'g> {
        let mut out = Texts {
            prepared: Vec::new(),
            tables: Vec::with_capacity(tables.len()),
            slots: 0,
            signal_text: std::cell::OnceCell::new(),
            input: tables,
        };
        for t in tables {
            out.tables.push(table_texts(t));
        }
        // Number the texts (by first appearance: captions first, then cells, in document
        // order) and the slots.
        let mut interner = Interner::default();
        let mut first: Vec<&str> = Vec::new();
        let mut sources: Vec<usize> = Vec::new();
        for t in &mut out.tables {
            for c in &mut t.captions {
                c.1 = interner.intern(c.0, &mut first);
            }
            for c in t.rows.iter_mut().flatten() {
                c.id = interner.intern(c.text, &mut first);
                sources.push(c.source);
            }
        }
        let (slot_ids, n_slots) = number_by(sources.len(), &|a, b| sources[a].cmp(&sources[b]));
        for (c, &s) in out
            .tables
            .iter_mut()
            .flat_map(|t| t.rows.iter_mut().flatten())
            .zip(&slot_ids)
        {
            c.slot = s;
        }
        out.slots = n_slots;
        out.prepared = first
            .into_iter()
            .map(|t| (!is_value_text(t)).then(|| prepare(t)))
            .collect();
        out
    }

    /// The short cell texts, cleaned, joined by '|'.
    pub(super) fn signal_text(&self) -> &str {
        self.signal_text.get_or_init(|| signal_text(self.input))
    }

    /// The prepared label of text `id` (`None`: a value).
    pub(super) fn label(&self, id: u32) -> Option<&Prepared> {
        let p = self.prepared[id as usize].as_ref();
        #[cfg(not(target_arch = "wasm32"))]
        let p = p.map(|(t, p)| p.get_or_init(|| Prepared::new(t)));
        p
    }

    /// Whether text `id` is a label (not a value), without preparing it.
    pub(super) fn is_label(&self, id: u32) -> bool {
        self.prepared[id as usize].is_some()
    }

    /// How many distinct texts the document has.
    pub(super) fn count(&self) -> usize {
        self.prepared.len()
    }
}

#[cfg(target_arch = "wasm32")]
fn prepare(t: &str) -> Prepared {
    Prepared::new(t)
}

#[cfg(not(target_arch = "wasm32"))]
fn prepare(t: &str) -> (&str, std::cell::OnceCell<Prepared>) {
    (t, std::cell::OnceCell::new())
}

/// The caption lines and rows of one table (text numbers still unset).
fn table_texts(t: &TableInput) -> TableTexts<'_> {
    // The caption is usually the last line before the table.
    // (Lines read forwards: `Lines::next_back` would be compiled just for this.)
    let mut last = [""; 3];
    let mut n = 0;
    for line in t.text_before.lines() {
        last[n % 3] = line;
        n += 1;
    }
    let mut captions = Vec::new();
    for k in 0..n.min(3) {
        captions.push((last[(n - 1 - k) % 3].trim(), 0));
    }
    let mut rows = Vec::new();
    let mut seen_cells = 0usize;
    let mut cut = false;
    for r in 0..t.grid.height() {
        let cells = row_cells(&t.grid, r);
        seen_cells += cells.len();
        if seen_cells > MAX_CELLS_PER_TABLE {
            cut = true;
            break;
        }
        rows.push(cells);
    }
    TableTexts {
        captions,
        rows,
        cut,
    }
}

/// The short cell texts, cleaned, joined by '|'.
fn signal_text(tables: &[TableInput]) -> String {
    let mut all = String::new();
    let mut first = true;
    for t in tables {
        for row in &t.grid.rows {
            for c in row.iter().filter(|c| c.origin) {
                if c.text.chars().count() <= 100 {
                    if !first {
                        all.push('|');
                    }
                    first = false;
                    all.extend(clean_iter(&c.text));
                }
            }
        }
    }
    all
}
