//! Mapping: walks the grids of a document, finds each table, block and data row by its labels,
//! and binds a data row's value slots (its cells after the label, in logical order) to the
//! columns its header declares; notes what could not be mapped, duplicates and merged cells.
//!
//! Never looks at whether a slot holds a number, nor at pixel or raw column positions; picking
//! the format and turning the mapping into a report happen in `mod.rs` and `report`.

use super::classify::{Class, Classifier};
use super::dict::{Dict, Key};
use super::header::{resolve_header, HCell};
use super::texts::{sorted_order, RowCell, Texts};
use super::{MappedCell, Mapping, MAX_CELLS_PER_TABLE};
use crate::format::{Block, Format, Layout};
use crate::labels::Prepared;
use crate::num::u64_text;
use crate::textnorm::concat;
use crate::{Note, NoteLevel};

/// No cell: an unbound slot.
const NONE: u32 = u32::MAX;

pub(super) struct Mapper<'d> {
    pub(super) cls: Classifier<'d>,
    pub(super) out: Mapping,
    /// The cell (index into the format's cells) first bound to each slot, or `NONE`.
    by_slot: Vec<u32>,
    /// The cell index of each of `out.cells`, in the same order.
    bound_cells: Vec<u32>,
    /// By cell index: bound (exactly the cells of `out.cells`), found twice.
    bound: Vec<bool>,
    duplicate: Vec<bool>,
    /// In document order, with repeats: sorted and deduplicated once, at the end (`map_with`);
    /// a `Vec` instead of a set keeps B-tree code out of the widget's wasm.
    pub(super) unmapped: Vec<String>,
    s4_blank: Option<(usize, Vec<u32>)>,
    /// Never bind by column position: a live page's wrong binding means false errors.
    strict: bool,
    /// The classes of the row being read (a buffer kept between rows).
    classes: Vec<Class>,
}

/// Where a value slot goes: a row of its block (`None`: the data row's own) and a column index.
type Slot = (Option<usize>, usize);

pub(super) struct State<'g> {
    pub(super) table: Option<usize>,
    pub(super) header: Vec<Vec<HCell<'g>>>,
    header_open: bool,
    pub(super) resolved: Option<(usize, Vec<Key>)>,
    /// Under `resolved` (cleared with it), by block and single-row: the (row, column index)
    /// of each slot, from `Mapper::keys_for`.
    columns: Vec<(usize, bool, Vec<Slot>)>,
}

impl State<'_> {
    pub(super) fn new(table: Option<usize>) -> Self {
        State {
            table,
            header: Vec::new(),
            header_open: false,
            resolved: None,
            columns: Vec::new(),
        }
    }
}

impl<'d> Mapper<'d> {
    pub(super) fn new(d: &'d Dict, texts: &'d Texts<'d>, strict: bool) -> Self {
        let cells = d.f.cells.len();
        Mapper {
            cls: Classifier::new(d, texts),
            out: Mapping {
                format: Some(d.f.id.to_owned()),
                ..Mapping::default()
            },
            by_slot: vec![NONE; texts.slots],
            bound_cells: Vec::new(),
            bound: vec![false; cells],
            duplicate: vec![false; cells],
            unmapped: Vec::new(),
            s4_blank: None,
            strict,
            classes: Vec::new(),
        }
    }
}

impl Mapper<'_> {
    pub(super) fn f(&self) -> &'static Format {
        self.cls.d.f
    }

    /// Adds a note (Chinese and English message); repeats are dropped at the end
    /// (`dedup_notes`).
    pub(super) fn note(
        &mut self,
        level: NoteLevel,
        code: &str,
        zh: String,
        en: String,
        cell: Option<String>,
    ) {
        self.out
            .notes
            .push(Note::new(level, code, zh, en).with_cell(cell));
    }

    /// The English label of the row holding cell `id` (messages in English name rows by the
    /// format's English labels, never the document's Chinese ones).
    fn row_en(&self, id: Option<&str>) -> &'static str {
        let f = self.f();
        id.and_then(|id| f.cell(id))
            .map_or("", |c| f.row_of(c).label_en)
    }

    pub(super) fn run(&mut self) {
        let texts = self.cls.texts;
        for t in &texts.tables {
            let mut st = State::new(None);
            for &(line, id) in &t.captions {
                if let Class::Caption(ti) = self.cls.classify(line, id) {
                    st.table = Some(ti);
                    break;
                }
            }
            let mut unmapped_here = Vec::new();
            let mut hits = 0usize;
            for cells in &t.rows {
                if self.row(&mut st, cells, &mut unmapped_here) {
                    hits += 1;
                }
            }
            if t.cut {
                let n = u64_text(MAX_CELLS_PER_TABLE as u64);
                self.note(
                    NoteLevel::Warning,
                    "table-too-large",
                    concat(&["有一张表格超过 ", &n, " 个单元格，其余部分未读取"]),
                    concat(&[
                        "a table has more than ",
                        &n,
                        " cells; the rest was not read",
                    ]),
                    None,
                );
            }
            if hits > 0 {
                self.unmapped.extend(unmapped_here);
            }
        }
    }

    /// Handles one grid row; true when the row was recognised as part of a report table.
    pub(super) fn row<'g>(
        &mut self,
        st: &mut State<'g>,
        cells: &[RowCell<'g>],
        unmapped: &mut Vec<String>,
    ) -> bool {
        if cells.is_empty() {
            return false;
        }
        let mut classes = std::mem::take(&mut self.classes);
        classes.clear();
        for c in cells {
            classes.push(self.cls.classify(c.text, c.id));
        }
        let hit = self.row_classed(st, cells, &classes, unmapped);
        self.classes = classes;
        hit
    }

    /// [`Self::row`] once its cells are classified.
    fn row_classed<'g>(
        &mut self,
        st: &mut State<'g>,
        cells: &[RowCell<'g>],
        classes: &[Class],
        unmapped: &mut Vec<String>,
    ) -> bool {
        // Data row: the rightmost cell naming a row.
        if let Some(i) = classes.iter().rposition(|c| matches!(c, Class::Row(..))) {
            self.cls
                .d
                .push_unknown(self.cls.texts, &cells[..i], classes, unmapped);
            self.data_row(st, cells, classes[i], i);
            return true;
        }
        if let Some(Class::Caption(ti)) = classes.iter().find(|c| matches!(c, Class::Caption(_))) {
            *st = State::new(Some(*ti));
            return true;
        }
        if let Some(Class::Block(ti, _)) = classes.iter().find(|c| matches!(c, Class::Block(..))) {
            *st = State::new(Some(*ti));
            return true;
        }
        // Tables any header cell of the row belongs to (0: no header cell).
        let header_tables = classes.iter().fold(0, |m, c| match c {
            Class::Header(t) => m | t,
            _ => m,
        });
        let all_values = classes.iter().all(|c| matches!(c, Class::Value));
        let only_unknown = classes
            .iter()
            .all(|c| matches!(c, Class::Unknown | Class::Value));
        if header_tables != 0 || (st.header_open && only_unknown && !all_values) {
            self.header_row(st, cells, header_tables);
            return true;
        }
        if all_values {
            return self.values_row(st, cells);
        }
        if classes.iter().any(|c| matches!(c, Class::Group(_))) {
            return true;
        }
        self.cls
            .d
            .push_unknown(self.cls.texts, cells, classes, unmapped);
        false
    }

    /// A data row whose cell `i` names row `class` (a [`Class::Row`]): its value slots are
    /// the cells after the label.
    fn data_row(&mut self, st: &mut State<'_>, cells: &[RowCell<'_>], class: Class, i: usize) {
        let Class::Row(ti, bi, ri) = class else {
            unreachable!()
        };
        let f = self.f();
        st.header_open = false;
        st.table = Some(ti);
        let block = &f.tables[ti].blocks[bi];
        let ids = self.ids_for(st, ti, bi, Some(ri));
        let mut slots = &cells[i + 1..];
        // Label cells right after the row label (a split-off note) are not values.
        while slots.len() > block.columns.len()
            && slots
                .first()
                .is_some_and(|c| !c.text.is_empty() && self.cls.texts.is_label(c.id))
        {
            slots = &slots[1..];
        }
        // Strict (a live grid): label columns left empty between the row label and the
        // values (a grid that cannot merge its label cells) are not values either.
        while self.strict
            && slots.len() > block.columns.len()
            && slots.first().is_some_and(|c| c.text.trim().is_empty())
        {
            slots = &slots[1..];
        }
        self.bind_row(&ids, slots, block.rows[ri].label);
    }

    /// A header row (`header_tables`: the tables its header cells belong to, bit i: table i;
    /// 0 for a row of unknown pieces continuing an open header): kept for resolving later.
    fn header_row<'g>(&mut self, st: &mut State<'g>, cells: &[RowCell<'g>], header_tables: u32) {
        // A header of another table (a copy without captions) switches tables, but only on
        // exact labels and not in the middle of a header (PDF pieces such as "其他" of
        // 其他结果 would otherwise look like table 三).
        if header_tables != 0 && (st.table.is_none() || !st.header_open) {
            let fits_current = st.table.is_some_and(|t| header_tables & (1 << t) != 0);
            if !fits_current {
                self.switch_table_by_votes(st, cells);
            }
        }
        if !st.header_open {
            st.header.clear();
            st.header_open = true;
        }
        st.resolved = None;
        st.columns.clear();
        let mut header = Vec::new();
        for c in cells.iter().filter(|c| c.origin_row) {
            header.push(HCell {
                x: c.x,
                text: c.text,
                id: c.id,
            });
        }
        st.header.push(header);
    }

    /// Which table a header row belongs to: votes of its exact labels per table; ties go to
    /// the later table.
    fn switch_table_by_votes(&mut self, st: &mut State<'_>, cells: &[RowCell<'_>]) {
        let mut votes = vec![0usize; self.f().tables.len()];
        for c in cells {
            let exact = match self.cls.texts.label(c.id) {
                Some(p) => self.cls.d.header_tables_exact(p),
                None => self.cls.d.header_tables_exact(&Prepared::new(c.text)),
            };
            if exact.count_ones() == 1 {
                votes[exact.trailing_zeros() as usize] += 1;
            }
        }
        if let Some((t, _)) = votes
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0)
            .max_by_key(|(_, v)| **v)
        {
            if st.table != Some(t) {
                st.table = Some(t);
                st.header.clear();
                st.header_open = false;
            }
        }
    }

    /// A row of values only: the data row of a single-row table (四); false elsewhere.
    fn values_row(&mut self, st: &mut State<'_>, cells: &[RowCell<'_>]) -> bool {
        let f = self.f();
        let Some(ti) = st
            .table
            .filter(|&t| f.tables[t].layout == Layout::SingleRow)
        else {
            return false;
        };
        st.header_open = false;
        let ids = self.ids_for(st, ti, 0, None);
        let blank = cells.iter().all(|c| c.text.is_empty());
        let already = ids.iter().any(|&id| self.bound[id as usize]);
        if already {
            match self.s4_blank.take() {
                Some((ti0, prev)) if ti0 == ti && !blank => {
                    // An empty row came first: the real one replaces it.
                    self.unbind(&prev);
                }
                s4_blank => {
                    self.s4_blank = s4_blank;
                    if !blank {
                        self.bind_row(&ids, cells, f.tables[ti].label);
                    }
                    return true;
                }
            }
        } else if blank {
            self.s4_blank = Some((ti, ids.clone()));
        }
        self.bind_row(&ids, cells, f.tables[ti].label);
        true
    }

    /// The cell ids a data row of block `bi` of table `ti` binds to, in slot order: row `row`
    /// (`None`: the one row of values of a single-row table, covering all its rows).
    fn ids_for(&mut self, st: &mut State, ti: usize, bi: usize, row: Option<usize>) -> Vec<u32> {
        let t = &self.f().tables[ti];
        let b = &t.blocks[bi];
        let single = row.is_none();
        let current = st.resolved.as_ref().is_some_and(|(t, _)| *t == ti);
        let cached = st.columns.iter().position(|c| c.0 == bi && c.1 == single);
        // A table's rows bind alike until its header changes; the notes were made the
        // first time (repeats are dropped at the end anyway).
        let k = match cached {
            Some(k) if current => k,
            _ => {
                let keys = self.keys_for(st, ti, b, single);
                let mut columns = Vec::with_capacity(keys.len());
                for (r, c) in keys {
                    columns.push((r, b.columns.iter().position(|x| x.id == c).unwrap_or(0)));
                }
                st.columns.push((bi, single, columns));
                st.columns.len() - 1
            }
        };
        let columns = &st.columns[k].2;
        if columns.is_empty() && self.strict {
            // Not bound by position: listed instead.
            let rows = match row {
                Some(r) => r..r + 1,
                None => 0..b.rows.len(),
            };
            for r in rows {
                for c in &b.columns {
                    let id = concat(&[t.id, ".", b.rows[r].id, ".", c.id]);
                    if !self.out.unlabelled.contains(&id) {
                        self.out.unlabelled.push(id);
                    }
                }
            }
            return Vec::new();
        }
        let cells = self.cls.d.block_cells(ti, bi);
        let mut ids = Vec::with_capacity(columns.len());
        for &(r, c) in columns {
            ids.push(cells[r.or(row).unwrap_or(0) * b.columns.len() + c]);
        }
        ids
    }

    /// The column keys a row of block `b` of table `ti` binds to: the resolved header when it
    /// fits the block exactly, else the standard order (with a note). `single`: keys for
    /// every row of a single-row table.
    fn keys_for(&mut self, st: &mut State, ti: usize, b: &'static Block, single: bool) -> Vec<Key> {
        let f = self.f();
        let rows = if single { b.rows.len() } else { 1 };
        let mut standard: Vec<Key> = Vec::new();
        for r in 0..rows {
            for c in &b.columns {
                standard.push((single.then_some(r), c.id));
            }
        }
        if st.resolved.as_ref().is_none_or(|(t, _)| *t != ti) {
            let (keys, unknown) = if st.header.is_empty() {
                (Vec::new(), Vec::new())
            } else {
                resolve_header(&self.cls.d.headers[ti], self.cls.texts, &st.header)
            };
            for u in unknown {
                if !self.cls.d.is_fragment(&u) {
                    self.unmapped.push(u);
                }
            }
            st.resolved = Some((ti, keys));
            st.columns.clear();
        }
        let resolved = &st.resolved.as_ref().expect("set above").1;
        let mut fitted: Vec<Key> = Vec::new();
        for k in resolved {
            if standard.contains(k) {
                fitted.push(*k);
            }
        }
        let distinct = fitted
            .iter()
            .enumerate()
            .all(|(i, k)| !fitted[..i].contains(k));
        if fitted.len() == standard.len() && distinct {
            return fitted;
        }
        let (zh, en) = if st.header.is_empty() {
            ("未找到列标题", "no column header found")
        } else {
            ("列标题未能完全识别", "column header not fully recognised")
        };
        let t = &f.tables[ti];
        if self.strict {
            let zh = concat(&[t.label, "：", zh, "；其数值未绑定"]);
            let en = concat(&[t.label_en, ": ", en, "; its values are not bound"]);
            self.note(NoteLevel::Warning, "unlabelled-columns", zh, en, None);
            return Vec::new();
        }
        let zh = concat(&[t.label, "：", zh, "；数值按标准列序读取"]);
        let en = concat(&[
            t.label_en,
            ": ",
            en,
            "; values taken in the standard column order",
        ]);
        self.note(NoteLevel::Info, "standard-columns", zh, en, None);
        standard
    }

    /// The id of cell `ix` of the format.
    fn id(&self, ix: u32) -> &'static str {
        self.f().cells[ix as usize].id.as_str()
    }

    /// Removes the values bound to `cells`.
    fn unbind(&mut self, cells: &[u32]) {
        let mut k = 0;
        let (bound, bound_cells) = (&mut self.bound, &self.bound_cells);
        self.out.cells.retain(|_| {
            let ix = bound_cells[k];
            k += 1;
            let drop = cells.contains(&ix);
            if drop {
                bound[ix as usize] = false;
            }
            !drop
        });
        self.bound_cells.retain(|ix| !cells.contains(ix));
    }

    fn bind_row(&mut self, ids: &[u32], slots: &[RowCell], label: &str) {
        let mut merged_here = Vec::new();
        for (k, &id) in ids.iter().enumerate() {
            let Some(slot) = slots.get(k) else {
                break;
            };
            let first = self.by_slot[slot.slot as usize];
            if first != NONE && !slot.origin_row && first != id {
                merged_here.push(id);
                continue;
            }
            if self.bound[id as usize] {
                if !self.duplicate[id as usize] {
                    self.duplicate[id as usize] = true;
                    self.out.duplicates.push(self.id(id).to_owned());
                }
                continue;
            }
            if first == NONE {
                self.by_slot[slot.slot as usize] = id;
            }
            self.bound[id as usize] = true;
            self.bound_cells.push(id);
            self.out.cells.push(MappedCell {
                cell: self.id(id).to_owned(),
                source: slot.source,
                text: slot.text.to_string(),
                #[cfg(not(target_arch = "wasm32"))]
                index: id,
            });
        }
        if !merged_here.is_empty() {
            self.merged_note(label, merged_here);
        }
        self.slot_count_note(ids, slots, label);
    }

    /// Cells of this row whose slots a value of the row above covers: counted once, there.
    fn merged_note(&mut self, label: &str, merged_here: Vec<u32>) {
        let first = merged_here.first().map(|&ix| self.id(ix));
        let row_en = self.row_en(first);
        self.note(
            NoteLevel::Warning,
            "merged-rows",
            concat(&[
                "「",
                &crate::import::labels::normalize_label(label),
                "」：公开的表格中本行数字与上一行合并，只在第一行计一次，本行留空",
            ]),
            concat(&[
                "'",
                row_en,
                "': its numbers are merged with the row above in the published table; \
                 they are counted once, in the first row, and this row is left blank",
            ]),
            first.map(str::to_owned),
        );
        for ix in merged_here {
            let id = self.id(ix).to_owned();
            self.out.merged.push(id);
        }
    }

    /// A row with fewer value cells than columns, or with extra non-blank ones.
    fn slot_count_note(&mut self, ids: &[u32], slots: &[RowCell], label: &str) {
        let (code, zh_what, what, cell) = if slots.len() < ids.len() {
            (
                "short-row",
                "其余缺失",
                "the rest are missing",
                ids.get(slots.len()).map(|&ix| self.id(ix).to_owned()),
            )
        } else if slots[ids.len()..].iter().any(|c| !c.text.is_empty()) {
            (
                "extra-cells",
                "多出的已忽略",
                "the extra ones were ignored",
                None,
            )
        } else {
            return;
        };
        let (n, cols) = (u64_text(slots.len() as u64), u64_text(ids.len() as u64));
        let zh = concat(&[
            "「",
            &crate::import::labels::normalize_label(label),
            "」：",
            &n,
            " 个数值单元格对应 ",
            &cols,
            " 列，",
            zh_what,
        ]);
        let en = concat(&[
            "'",
            self.row_en(ids.first().map(|&ix| self.id(ix))),
            "': ",
            &n,
            " value cells for ",
            &cols,
            " columns; ",
            what,
        ]);
        self.note(NoteLevel::Warning, code, zh, en, cell);
    }
}

/// Keeps the first of the notes with the same code and message, in order. Sorting indexes
/// once keeps it n log n however many rows repeat a note (a set checked per note would be
/// quadratic or bring a set's code into the widget).
pub(super) fn dedup_notes(notes: &mut Vec<Note>) {
    let key = |i: usize| (&notes[i].code, &notes[i].message);
    let order = sorted_order(notes.len(), &|a, b| key(a).cmp(&key(b)).then(a.cmp(&b)));
    let mut keep = vec![true; notes.len()];
    for w in order.windows(2) {
        if key(w[0]) == key(w[1]) {
            keep[w[1]] = false;
        }
    }
    let mut i = 0;
    notes.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}
