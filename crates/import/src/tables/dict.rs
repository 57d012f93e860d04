//! Dictionaries: each built-in format compiled once into label matchers — table captions,
//! block captions, row labels (with the importer-side aliases), row groups, and a header
//! tree per table (groups › columns) with its default column order and a segmenter for
//! run-together header text.
//!
//! Built for the built-in formats only (labels and ids are borrowed for `'static`). Does not
//! look at any document: classifying cells is `classify`, reading a header is `header`.

use super::classify::Class;
use super::texts::Texts;
use super::{EXTRA_ROW_ALIASES, HEADER_WORDS};
use crate::format::{self, Format, Layout};

use super::texts::RowCell;
use crate::labels::{label_key, KeySet, LabelKey};
use crate::textnorm;

/// A resolved column: (row index within the block for single-row tables, column id).
pub(super) type Key = (Option<usize>, &'static str);

#[derive(Debug)]
pub(super) struct HNode {
    pub(super) key: Option<Key>,
    /// Child nodes (for groups).
    pub(super) children: Vec<usize>,
}

#[derive(Debug, Default)]
pub(super) struct HeaderDict {
    pub(super) nodes: Vec<HNode>,
    /// Label class → nodes it may denote (empty: a word to ignore).
    pub(super) classes: Vec<Vec<usize>>,
    /// Key text of each label class.
    class_texts: Vec<String>,
    /// (label, class) for matching whole cells.
    cands: Vec<&'static str>,
    /// The keys of `cands`, with their label classes (while the dictionary is built).
    k_cands: Vec<(LabelKey, usize)>,
    /// `k_cands` compiled for matching.
    pub(super) keys: KeySet,
    /// (cleaned key text, class), longest first, for segmenting run-together header text.
    pub(super) seg: Vec<(Vec<char>, usize)>,
    /// Default leaf order of each node.
    pub(super) default_leaves: Vec<Vec<Key>>,
}

impl HeaderDict {
    /// The label class of key text `k`.
    fn class_for(&mut self, k: &str) -> usize {
        if let Some(c) = self.class_texts.iter().position(|t| t == k) {
            return c;
        }
        let c = self.classes.len();
        self.classes.push(Vec::new());
        if !k.is_empty() {
            // Kept longest first, ties in insertion order (what a stable sort would give).
            let w: Vec<char> = k.chars().collect();
            let at = self.seg.partition_point(|s| s.0.len() >= w.len());
            self.seg.insert(at, (w, c));
        }
        self.class_texts.push(k.to_string());
        c
    }

    fn add_label(&mut self, label: &'static str, node: Option<usize>) {
        let key = label_key(label);
        let c = self.class_for(&key.text);
        if let Some(n) = node {
            if !self.classes[c].contains(&n) {
                self.classes[c].push(n);
            }
        }
        if !self.cands.contains(&label) {
            self.cands.push(label);
            self.k_cands.push((key, c));
        }
    }

    /// A label with its aliases, all naming `node`.
    fn add_labels(&mut self, label: &'static str, aliases: &'static [&'static str], node: usize) {
        self.add_label(label, Some(node));
        for a in aliases {
            self.add_label(a, Some(node));
        }
    }

    /// A new node; `key` for a leaf column, `None` for a group of `children`.
    fn add_node(&mut self, key: Option<Key>, children: Vec<usize>) -> usize {
        self.nodes.push(HNode { key, children });
        self.nodes.len() - 1
    }

    /// Group nodes for parent labels, in order of first appearance.
    fn add_parents(&mut self, parents: Vec<(&'static str, Vec<usize>)>) {
        for (p, ch) in parents {
            let n = self.add_node(None, ch);
            self.add_label(p, Some(n));
        }
    }

    fn finish(&mut self) {
        self.keys = KeySet::new(std::mem::take(&mut self.k_cands));
        let n = self.nodes.len();
        for i in 0..n {
            let mut leaves = Vec::new();
            self.leaves_of(i, &mut leaves);
            self.default_leaves.push(leaves);
        }
    }

    /// Appends the leaves under node `i`, in order.
    fn leaves_of(&self, i: usize, out: &mut Vec<Key>) {
        match &self.nodes[i].key {
            Some(k) => out.push(*k),
            None => {
                for &c in &self.nodes[i].children {
                    self.leaves_of(c, out);
                }
            }
        }
    }
}

/// Table, block and row indices packed into one value, so that the label matcher is compiled
/// for one value type only (formats have far fewer than 1024 blocks or rows).
fn pack(t: usize, b: usize, r: usize) -> usize {
    (t << 20) | (b << 10) | r
}

pub(super) fn unpack(v: usize) -> (usize, usize, usize) {
    (v >> 20, (v >> 10) & 1023, v & 1023)
}

/// Built for the built-in formats only, so labels and ids are borrowed for `'static`.
pub(super) struct Dict {
    pub(super) f: &'static Format,
    /// Table captions → table index.
    pub(super) k_captions: KeySet,
    /// Block captions (第一项…) → packed (table, block).
    pub(super) k_blocks: KeySet,
    /// Row labels and aliases → packed (table, block, row).
    pub(super) k_rows: KeySet,
    /// Row group labels → table index.
    pub(super) k_groups: KeySet,
    pub(super) headers: Vec<HeaderDict>,
    /// Every known label's key text, for recognising fragments of labels.
    all_keys: Vec<String>,
    /// By table and block: the index in `f.cells` of each cell, row by row.
    cells: Vec<Vec<Vec<u32>>>,
}

/// Adds `label` → `v` to `keys`, and its key text to `all`.
#[inline(never)]
fn add_key(keys: &mut Vec<(LabelKey, usize)>, all: &mut Vec<String>, label: &str, v: usize) {
    let k = label_key(label);
    if !k.text.is_empty() {
        all.push(k.text.clone());
    }
    keys.push((k, v));
}

/// Adds node `n` under parent label `p` (groups in order of first appearance).
fn add_child<'a>(parents: &mut Vec<(&'a str, Vec<usize>)>, p: &'a str, n: usize) {
    match parents.iter_mut().find(|(l, _)| *l == p) {
        Some((_, ch)) => {
            if !ch.contains(&n) {
                ch.push(n)
            }
        }
        None => parents.push((p, vec![n])),
    }
}

impl HeaderDict {
    /// Table `t`'s header tree: its columns (and, single-row, its rows over their columns)
    /// as nodes under the groups that print above them.
    fn add_tree(&mut self, t: &'static format::Table) {
        let mut parents: Vec<(&str, Vec<usize>)> = Vec::new();
        match t.layout {
            Layout::Rows => {
                let mut leaf_of: Vec<(&str, usize)> = Vec::new();
                for b in &t.blocks {
                    for c in &b.columns {
                        let n = match leaf_of.iter().find(|(id, _)| *id == c.id) {
                            Some(&(_, n)) => n,
                            None => {
                                let n = self.add_node(Some((None, c.id)), Vec::new());
                                leaf_of.push((c.id, n));
                                n
                            }
                        };
                        self.add_labels(c.label, &c.aliases, n);
                        if let Some(p) = &c.parent {
                            add_child(&mut parents, p, n);
                        }
                    }
                }
            }
            Layout::SingleRow => {
                let b = &t.blocks[0];
                for (ri, r) in b.rows.iter().enumerate() {
                    let mut children = Vec::new();
                    for c in &b.columns {
                        let n = self.add_node(Some((Some(ri), c.id)), Vec::new());
                        self.add_labels(c.label, &c.aliases, n);
                        children.push(n);
                    }
                    let g = self.add_node(None, children);
                    self.add_labels(r.label, &r.aliases, g);
                    if let Some(p) = r.parents.last() {
                        // `g` is new, so never already a child.
                        add_child(&mut parents, p, g);
                    }
                }
            }
        }
        self.add_parents(parents);
        self.finish();
    }
}

impl Dict {
    pub(super) fn new(f: &'static Format) -> Dict {
        // Header matches are table bit masks; packed values hold 10-bit indices.
        debug_assert!(f.tables.len() <= 32);
        let mut d = Dict {
            f,
            k_captions: KeySet::default(),
            k_blocks: KeySet::default(),
            k_rows: KeySet::default(),
            k_groups: KeySet::default(),
            headers: Vec::new(),
            all_keys: Vec::new(),
            cells: cell_indices(f),
        };
        let mut groups: Vec<&str> = Vec::new();
        let (mut k_captions, mut k_blocks, mut k_rows, mut k_groups) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (ti, t) in f.tables.iter().enumerate() {
            add_key(&mut k_captions, &mut d.all_keys, t.label, ti);
            let mut h = HeaderDict::default();
            for w in HEADER_WORDS {
                h.add_label(w, None);
            }
            if let Some(note) = &t.note {
                h.add_label(note, None);
            }
            for (bi, b) in t.blocks.iter().enumerate() {
                if !b.caption.is_empty() {
                    if t.layout == Layout::Rows && b.caption.starts_with("第") {
                        add_key(&mut k_blocks, &mut d.all_keys, b.caption, pack(ti, bi, 0));
                    } else {
                        h.add_label(b.caption, None);
                    }
                }
                if t.layout == Layout::Rows {
                    for (ri, r) in b.rows.iter().enumerate() {
                        let v = pack(ti, bi, ri);
                        add_key(&mut k_rows, &mut d.all_keys, r.label, v);
                        for a in &r.aliases {
                            add_key(&mut k_rows, &mut d.all_keys, a, v);
                        }
                        for (tid, rid, extra) in EXTRA_ROW_ALIASES {
                            if *tid == t.id && *rid == r.id {
                                for a in *extra {
                                    add_key(&mut k_rows, &mut d.all_keys, a, v);
                                }
                            }
                        }
                        for p in r.parents {
                            if !groups.contains(p) {
                                groups.push(p);
                                add_key(&mut k_groups, &mut d.all_keys, p, ti);
                            }
                        }
                    }
                }
            }
            h.add_tree(t);
            for (k, _) in h.keys.iter() {
                if !k.text.is_empty() {
                    d.all_keys.push(k.text.clone());
                }
            }
            d.headers.push(h);
        }
        d.k_captions = KeySet::new(k_captions);
        d.k_blocks = KeySet::new(k_blocks);
        d.k_rows = KeySet::new(k_rows);
        d.k_groups = KeySet::new(k_groups);
        d
    }

    /// The index in `f.cells` of each cell of block `b` of table `t`, row by row (ids that
    /// repeat give the one index the format's id lookup gives).
    pub(super) fn block_cells(&self, t: usize, b: usize) -> &[u32] {
        &self.cells[t][b]
    }

    /// Adds the texts of `cells` classed unknown that are not pieces of known labels.
    pub(super) fn push_unknown(
        &self,
        texts: &Texts<'_>,
        cells: &[RowCell<'_>],
        classes: &[Class],
        out: &mut Vec<String>,
    ) {
        for (c, k) in cells.iter().zip(classes) {
            let fragment = || match texts.label(c.id) {
                Some(p) => self.is_fragment_key(&p.key.text),
                None => self.is_fragment(c.text),
            };
            if matches!(k, Class::Unknown) && !fragment() {
                out.push(c.text.to_string());
            }
        }
    }

    /// True when `text` is a piece of a known label (a label cut by a line or page break).
    pub(super) fn is_fragment(&self, text: &str) -> bool {
        self.is_fragment_key(&label_key(text).text)
    }

    /// [`Self::is_fragment`] of a text whose key text is `k`.
    fn is_fragment_key(&self, k: &str) -> bool {
        if k.is_empty() {
            return true;
        }
        let n = k.chars().count();
        // Bracketed notes and one-character scraps carry no label.
        if k.starts_with('(') || n <= 1 {
            return true;
        }
        self.all_keys.iter().any(|l| textnorm::contains(l, k))
    }
}

/// By table and block: the index in `f.cells` of each cell (`Format::cell_index` of its id),
/// row by row.
fn cell_indices(f: &Format) -> Vec<Vec<Vec<u32>>> {
    let mut out = Vec::new();
    for t in &f.tables {
        let mut blocks = Vec::new();
        for b in &t.blocks {
            let mut ix = Vec::new();
            for r in &b.rows {
                for c in &b.columns {
                    let id = crate::textnorm::concat(&[t.id, ".", r.id, ".", c.id]);
                    ix.push(f.cell_index(&id).unwrap_or(0) as u32);
                }
            }
            blocks.push(ix);
        }
        out.push(blocks);
    }
    out
}
