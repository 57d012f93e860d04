//! The one mapping step from table grids to cell ids, shared by the text, HTML and TSV
//! importers and by the live widget (which builds grids from the host page's DOM).
//!
//! Value slots are found structurally: a data row is a row whose label matches a row of the
//! format; its value slots are the physical cells after that label, taken in logical order
//! (distinct cells left to right, whatever their colspans), and the k-th slot belongs to the
//! k-th column the header declares. The header is read as a tree (申请人情况 › 法人或其他组织 ›
//! 商业企业…, 行政诉讼 › 复议后起诉 › 结果维持…) from its labels, so a header whose cells were
//! split over lines (text) or spanned (HTML) resolves to the same column order. Nothing looks at
//! whether a slot holds a number, and nothing uses pixel or raw column positions.
//!
//! Free of any HTML dependency: the browser build calls it on grids built from `DOMParser`.

use super::grid::Grid;
use super::labels::{label_key, KeySet, LabelKey, Prepared};
use super::{Doc, Note, NoteLevel, ReadOptions};
use crate::format::{self, Block, Format, Layout};
use crate::num::u64_text;
use crate::report::Report;
use crate::textnorm::concat;
use crate::value::{self, Value};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One table of a document: its grid and the text just before it (its caption).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableInput {
    pub grid: Grid,
    pub text_before: String,
}

/// One bound value slot.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MappedCell {
    /// Cell id, e.g. `s3.new.natural`.
    pub cell: String,
    /// `source` of the grid cell holding the value.
    pub source: usize,
    /// The slot's text as found (trimmed).
    pub text: String,
}

/// What [`map_tables`] found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Mapping {
    /// Detected format (or the hint), e.g. "gb2019".
    pub format: Option<String>,
    /// Each bound value slot, in document order.
    pub cells: Vec<MappedCell>,
    /// Row and column labels that could not be mapped.
    pub unmapped: Vec<String>,
    /// Cell ids found twice (the first one is kept).
    pub duplicates: Vec<String>,
    pub notes: Vec<Note>,
    /// Cells whose slot is covered by a value merged down from the row above: the number is
    /// counted once, in the first row, and these cells are blank.
    pub merged: Vec<String>,
    /// Strict mapping only: cells of rows whose column labels were missing or not recognised,
    /// left unbound instead of being taken in the standard column order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unlabelled: Vec<String>,
}

/// Labels matched below this similarity are not matched at all.
const FUZZY: f64 = 0.8;
/// Cells examined per table; a real report table has a few hundred.
const MAX_CELLS_PER_TABLE: usize = 5_000;
/// Characters of a header run that are segmented into labels.
const MAX_SEGMENT_CHARS: usize = 4_000;

/// Extra row labels seen in real reports, kept on the importer side (the format's printed
/// labels stay as published): 宿迁 2023 abbreviates the 2021 （六） rows.
const EXTRA_ROW_ALIASES: &[(&str, &str, &[&str])] = &[
    (
        "s3",
        "result.other.no_correction",
        &[
            "1.逾期不补正",
            "1.无正当理由逾期不补正",
            "1.申请人逾期不补正",
        ],
    ),
    (
        "s3",
        "result.other.no_fee",
        &[
            "2.逾期不缴费",
            "2.逾期未缴费",
            "2.逾期未缴纳费用",
            "2.逾期未按收费通知要求缴纳费用",
        ],
    ),
];

/// Header words that carry no column of their own.
const HEADER_WORDS: &[&str] = &["信息内容", "申请人情况"];

// ---------------------------------------------------------------------------------------
// Dictionaries

/// A resolved column: (row index within the block for single-row tables, column id).
type Key = (Option<usize>, &'static str);

#[derive(Debug)]
struct HNode {
    key: Option<Key>,
    /// Child nodes (for groups).
    children: Vec<usize>,
}

#[derive(Debug, Default)]
struct HeaderDict {
    nodes: Vec<HNode>,
    /// Label class → nodes it may denote (empty: a word to ignore).
    classes: Vec<Vec<usize>>,
    /// Key text of each label class.
    class_texts: Vec<String>,
    /// (label, class) for matching whole cells.
    cands: Vec<&'static str>,
    /// The keys of `cands`, with their label classes (while the dictionary is built).
    k_cands: Vec<(LabelKey, usize)>,
    /// `k_cands` compiled for matching.
    keys: KeySet,
    /// (cleaned key text, class), longest first, for segmenting run-together header text.
    seg: Vec<(Vec<char>, usize)>,
    /// Default leaf order of each node.
    default_leaves: Vec<Vec<Key>>,
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

fn unpack(v: usize) -> (usize, usize, usize) {
    (v >> 20, (v >> 10) & 1023, v & 1023)
}

/// Built for the built-in formats only, so labels and ids are borrowed for `'static`.
struct Dict {
    f: &'static Format,
    /// Table captions → table index.
    k_captions: KeySet,
    /// Block captions (第一项…) → packed (table, block).
    k_blocks: KeySet,
    /// Row labels and aliases → packed (table, block, row).
    k_rows: KeySet,
    /// Row group labels → table index.
    k_groups: KeySet,
    headers: Vec<HeaderDict>,
    /// Every known label's key text, for recognising fragments of labels.
    all_keys: Vec<String>,
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

impl Dict {
    fn new(f: &'static Format) -> Dict {
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
            // Header tree.
            let mut parents: Vec<(&str, Vec<usize>)> = Vec::new();
            match t.layout {
                Layout::Rows => {
                    let mut leaf_of: Vec<(&str, usize)> = Vec::new();
                    for b in &t.blocks {
                        for c in &b.columns {
                            let n = match leaf_of.iter().find(|(id, _)| *id == c.id) {
                                Some(&(_, n)) => n,
                                None => {
                                    let n = h.add_node(Some((None, c.id)), Vec::new());
                                    leaf_of.push((c.id, n));
                                    n
                                }
                            };
                            h.add_labels(c.label, &c.aliases, n);
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
                            let n = h.add_node(Some((Some(ri), c.id)), Vec::new());
                            h.add_labels(c.label, &c.aliases, n);
                            children.push(n);
                        }
                        let g = h.add_node(None, children);
                        h.add_labels(r.label, &r.aliases, g);
                        if let Some(p) = r.parents.last() {
                            // `g` is new, so never already a child.
                            add_child(&mut parents, p, g);
                        }
                    }
                }
            }
            h.add_parents(parents);
            h.finish();
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

    /// Adds the texts of `cells` classed unknown that are not pieces of known labels.
    fn push_unknown(&self, cells: &[RowCell<'_>], classes: &[Class], out: &mut Vec<String>) {
        for (c, k) in cells.iter().zip(classes) {
            if matches!(k, Class::Unknown) && !self.is_fragment(c.text) {
                out.push(c.text.to_string());
            }
        }
    }

    /// True when `text` is a piece of a known label (a label cut by a line or page break).
    fn is_fragment(&self, text: &str) -> bool {
        let k = label_key(text).text;
        if k.is_empty() {
            return true;
        }
        let n = k.chars().count();
        // Bracketed notes and one-character scraps carry no label.
        if k.starts_with('(') || n <= 1 {
            return true;
        }
        self.all_keys.iter().any(|l| l.contains(k.as_str()))
    }
}

// ---------------------------------------------------------------------------------------
// Cell classification

#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    Value,
    Caption(usize),
    Block(usize, usize),
    Row(usize, usize, usize),
    Group(usize),
    /// Matches a header label of these tables (bit i: table i; never 0).
    Header(u32),
    Unknown,
}

/// The tables (bit i: table i) whose header dictionaries pass `test`.
fn header_mask(d: &Dict, mut test: impl FnMut(&HeaderDict) -> bool) -> u32 {
    let mut mask = 0;
    for (i, h) in d.headers.iter().enumerate() {
        if test(h) {
            mask |= 1 << i;
        }
    }
    mask
}

/// True when the text reads as a cell value: blank, a number (with unit or sign), or a
/// not-applicable marker. Used to tell labels from values in text; never to find slots.
pub fn is_value_text(s: &str) -> bool {
    use crate::format::ValueKind;
    if s.chars().count() > 40 {
        return false;
    }
    let r = value::read(s, ValueKind::Delta);
    match r.value {
        Value::Blank | Value::NotApplicable { .. } | Value::Number { .. } => true,
        Value::Invalid { .. } => matches!(
            value::read(s, ValueKind::AmountAny).value,
            Value::Number { .. }
        ),
    }
}

struct Classifier<'d> {
    d: &'d Dict,
    /// Classes of the texts seen in this document (no cap: its size is bounded by the
    /// document's, and a capped cache made large documents re-classify every text).
    cache: BTreeMap<String, Class>,
}

impl Classifier<'_> {
    fn classify(&mut self, text: &str) -> Class {
        if let Some(c) = self.cache.get(text) {
            return *c;
        }
        let c = self.d.classify(text);
        self.cache.insert(text.to_string(), c);
        c
    }
}

impl Dict {
    fn classify(&self, text: &str) -> Class {
        let d = self;
        if is_value_text(text) {
            return Class::Value;
        }
        // The label's key is computed once for every candidate list.
        let p = Prepared::new(text);
        let key = &p.key;
        if key.text.is_empty() || p.len() > 200 {
            return Class::Unknown;
        }
        if let Some((t, _)) = d.k_captions.best(&p, 0.85) {
            return Class::Caption(t);
        }
        if let Some((v, s)) = d.k_blocks.best(&p, 0.9) {
            if s >= 0.999 || key.text.starts_with("第") {
                let (t, b, _) = unpack(v);
                return Class::Block(t, b);
            }
        }
        if let Some((v, _)) = d.k_rows.best(&p, FUZZY) {
            let (t, b, r) = unpack(v);
            // "总计" (a header) is not "（七）总计" (a row): a short label without its
            // enumeration does not name a numbered row.
            if !(key.number.is_none()
                && p.len() <= 4
                && label_key(d.f.tables[t].blocks[b].rows[r].label)
                    .number
                    .is_some())
            {
                return Class::Row(t, b, r);
            }
        }
        if let Some((t, _)) = d.k_groups.best(&p, FUZZY) {
            return Class::Group(t);
        }
        let tables = header_mask(d, |h| h.keys.best(&p, FUZZY).is_some());
        if tables != 0 {
            return Class::Header(tables);
        }
        // Header text run together (PDF text): "行政复议 行政诉讼", "总计商 业 企".
        let chars = clean_chars(text);
        let segs = header_mask(d, |h| {
            // Most of the text must be header words.
            let (found, rest) = segment(h, &chars);
            let unknown: usize = rest.iter().map(|r| r.chars().count()).sum();
            !found.is_empty() && unknown * 2 <= chars.len()
        });
        if segs != 0 {
            return Class::Header(segs);
        }
        Class::Unknown
    }
}

fn clean_chars(s: &str) -> Vec<char> {
    crate::textnorm::normalize(s)
        .chars()
        .filter(|&c| {
            !crate::textnorm::is_blank_char(c)
                && !matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」')
        })
        .take(MAX_SEGMENT_CHARS)
        .collect()
}

impl Dict {
    /// Tables whose header has exactly this label (bit i: table i).
    fn header_tables_exact(&self, text: &str) -> u32 {
        let p = Prepared::new(text);
        header_mask(self, |h| {
            h.keys
                .best(&p, FUZZY)
                .is_some_and(|m| m.1 >= 0.999 && !h.classes[m.0].is_empty())
        })
    }
}

/// What a label names, over every national format (for the text importer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LabelKind {
    Value,
    Caption,
    Block,
    Row,
    Group,
    Header,
    Unknown,
}

/// Memo of [`label_kind`] while one text document is read ([`with_label_kinds`]): the text
/// importer asks about the same lines several times.
struct KindMemo {
    depth: usize,
    kinds: BTreeMap<String, LabelKind>,
}

std::thread_local! {
    static KIND_MEMO: std::cell::RefCell<KindMemo> = const {
        std::cell::RefCell::new(KindMemo {
            depth: 0,
            kinds: BTreeMap::new(),
        })
    };
}

/// Runs `f` with [`label_kind`] memoised; the memo is dropped when the outermost call ends, so
/// it lives for one document only.
pub(crate) fn with_label_kinds<R>(f: impl FnOnce() -> R) -> R {
    KIND_MEMO.with(|m| m.borrow_mut().depth += 1);
    let r = f();
    KIND_MEMO.with(|m| {
        let mut m = m.borrow_mut();
        m.depth -= 1;
        if m.depth == 0 {
            m.kinds = BTreeMap::new();
        }
    });
    r
}

pub(crate) fn label_kind(text: &str) -> LabelKind {
    let memo = KIND_MEMO.with(|m| {
        let m = m.borrow();
        (m.depth > 0).then(|| m.kinds.get(text).copied())
    });
    match memo {
        Some(Some(k)) => k,
        Some(None) => {
            let k = label_kind_uncached(text);
            KIND_MEMO.with(|m| m.borrow_mut().kinds.insert(text.to_string(), k));
            k
        }
        None => label_kind_uncached(text),
    }
}

fn label_kind_uncached(text: &str) -> LabelKind {
    let national = format::builtin_formats()
        .iter()
        .zip(dicts())
        .filter(|(f, _)| f.id == f.base);
    let mut best = LabelKind::Unknown;
    for (_, d) in national {
        let k = match d.classify(text) {
            Class::Value => LabelKind::Value,
            Class::Caption(_) => LabelKind::Caption,
            Class::Block(..) => LabelKind::Block,
            Class::Row(..) => LabelKind::Row,
            Class::Group(_) => LabelKind::Group,
            Class::Header(_) => LabelKind::Header,
            Class::Unknown => LabelKind::Unknown,
        };
        if k != LabelKind::Unknown {
            return k;
        }
        best = k;
    }
    best
}

/// Greedy longest-match segmentation of run-together header text into label classes.
/// Returns the classes found and the unknown pieces left between them.
fn segment(h: &HeaderDict, text: &[char]) -> (Vec<usize>, Vec<String>) {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    let mut pending = String::new();
    let mut i = 0;
    while i < text.len() {
        let hit = h
            .seg
            .iter()
            .find(|(w, _)| w.len() >= 2 && text[i..].starts_with(w));
        match hit {
            Some((w, c)) => {
                if !pending.is_empty() {
                    unknown.push(std::mem::take(&mut pending));
                }
                found.push(*c);
                i += w.len();
            }
            None => {
                pending.push(text[i]);
                i += 1;
            }
        }
    }
    if !pending.is_empty() {
        unknown.push(pending);
    }
    (found, unknown)
}

// ---------------------------------------------------------------------------------------
// Header resolution

/// A header cell, borrowed from the grid.
#[derive(Clone, Debug)]
struct HCell<'g> {
    x: usize,
    text: &'g str,
}

/// A header token: (x, text, label class, exact match).
type Tok = (usize, String, Option<usize>, bool);

struct TNode {
    node: usize,
    children: Vec<usize>,
}

/// Resolves header rows into the ordered column keys they declare. Returns the keys (empty
/// when nothing was recognised) and label pieces that matched nothing.
fn resolve_header(h: &HeaderDict, rows: &[Vec<HCell<'_>>]) -> (Vec<Key>, Vec<String>) {
    let matched = |t: &str| h.keys.best(&Prepared::new(t), FUZZY);
    let mut toks: Vec<Vec<Tok>> = Vec::with_capacity(rows.len());
    for r in rows {
        let mut row = Vec::new();
        for c in r.iter().filter(|c| !c.text.trim().is_empty()) {
            let mut m = matched(c.text);
            // "未经复议直接起诉 复议后起诉": two labels, not a fuzzy one.
            if m.is_some_and(|m| m.1 < 0.999) && segment(h, &clean_chars(c.text)).0.len() >= 2 {
                m = None;
            }
            row.push((
                c.x,
                c.text.to_string(),
                m.map(|m| m.0),
                m.is_some_and(|m| m.1 >= 0.999),
            ));
        }
        toks.push(row);
    }
    // Labels wrapped onto the next header row at the same position: 本年新 / 制作数量, 自 / 然人.
    for r in 0..toks.len().saturating_sub(1) {
        let (upper, lower) = toks.split_at_mut(r + 1);
        let (upper, lower) = (&mut upper[r], &mut lower[0]);
        for t in upper.iter_mut().filter(|t| !t.3) {
            if let Some(j) = lower.iter().position(|u| u.0 == t.0 && !u.3) {
                let joined = concat(&[t.1.as_str(), &lower[j].1]);
                if let Some((c, s)) = matched(&joined) {
                    if s >= 0.999 {
                        t.1 = joined;
                        t.2 = Some(c);
                        t.3 = true;
                        lower.remove(j);
                    }
                }
            }
        }
    }
    // Reading order; runs of unmatched cells are segmented as one text.
    let mut seq: Vec<usize> = Vec::new();
    let mut unknown = Vec::new();
    let mut run: Vec<char> = Vec::new();
    // Not a closure: it is called from two places and should be compiled once.
    #[inline(never)]
    fn flush(h: &HeaderDict, run: &mut Vec<char>, seq: &mut Vec<usize>, unknown: &mut Vec<String>) {
        if !run.is_empty() {
            let (mut found, mut rest) = segment(h, run);
            seq.append(&mut found);
            unknown.append(&mut rest);
            run.clear();
        }
    }
    for row in &toks {
        for (_, text, class, _) in row {
            match class {
                Some(c) => {
                    flush(h, &mut run, &mut seq, &mut unknown);
                    seq.push(*c);
                }
                None => {
                    if run.len() < MAX_SEGMENT_CHARS {
                        run.extend(clean_chars(text));
                    }
                }
            }
        }
    }
    flush(h, &mut run, &mut seq, &mut unknown);

    // Expand groups: each label goes under the first open group expecting it.
    let mut tree: Vec<TNode> = Vec::new();
    let mut top: Vec<usize> = Vec::new();
    let mut ambiguous = false;
    for c in seq {
        let nodes = &h.classes[c];
        if nodes.is_empty() {
            continue;
        }
        let mut placed = false;
        // Pre-order walk over the tree.
        let mut stack = top.clone();
        stack.reverse();
        while let Some(t) = stack.pop() {
            let hn = &h.nodes[tree[t].node];
            if let Some(&n) = nodes.iter().find(|&&n| {
                hn.children.contains(&n) && !tree[t].children.iter().any(|&ch| tree[ch].node == n)
            }) {
                let id = tree.len();
                tree.push(TNode {
                    node: n,
                    children: Vec::new(),
                });
                tree[t].children.push(id);
                placed = true;
                break;
            }
            for &ch in tree[t].children.iter().rev() {
                stack.push(ch);
            }
        }
        if !placed {
            if nodes.len() > 1 {
                ambiguous = true;
            }
            let id = tree.len();
            tree.push(TNode {
                node: nodes[0],
                children: Vec::new(),
            });
            top.push(id);
        }
    }
    fn collect(h: &HeaderDict, tree: &[TNode], t: usize, out: &mut Vec<Key>) {
        let hn = &h.nodes[tree[t].node];
        if let Some(k) = &hn.key {
            out.push(*k);
        } else if tree[t].children.is_empty() {
            out.extend_from_slice(&h.default_leaves[tree[t].node]);
        } else {
            // Children found, plus the ones the header did not print, in default order.
            for &ch in &tree[t].children {
                collect(h, tree, ch, out);
            }
        }
    }
    let mut keys = Vec::new();
    if !ambiguous {
        for &t in &top {
            collect(h, &tree, t, &mut keys);
        }
    }
    (keys, unknown)
}

// ---------------------------------------------------------------------------------------
// Mapping

/// One physical cell of a grid row, in logical order (text borrowed from the grid).
#[derive(Clone, Debug)]
struct RowCell<'g> {
    x: usize,
    text: &'g str,
    source: usize,
    /// The cell starts in this row (false for a rowspan copy from above).
    origin_row: bool,
}

fn row_cells(grid: &Grid, r: usize) -> Vec<RowCell<'_>> {
    let mut out: Vec<RowCell> = Vec::new();
    let Some(row) = grid.rows.get(r) else {
        return out;
    };
    for (x, c) in row.iter().enumerate() {
        if c.source == usize::MAX {
            continue;
        }
        if out.last().is_some_and(|l| l.source == c.source) {
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
            source: c.source,
            origin_row: !from_above,
        });
    }
    out
}

struct Mapper<'d> {
    cls: Classifier<'d>,
    out: Mapping,
    /// (source, cell id first bound to it); a table has a few hundred cells.
    by_source: Vec<(usize, String)>,
    /// Sorted, without duplicates.
    unmapped: BTreeSet<String>,
    /// `code|message` of the notes given.
    notes_seen: BTreeSet<String>,
    s4_blank: Option<(usize, Vec<String>)>,
    /// Never bind by column position: a live page's wrong binding means false errors.
    strict: bool,
}

struct State<'g> {
    table: Option<usize>,
    header: Vec<Vec<HCell<'g>>>,
    header_open: bool,
    resolved: Option<(usize, Vec<Key>)>,
}

impl State<'_> {
    fn new(table: Option<usize>) -> Self {
        State {
            table,
            header: Vec::new(),
            header_open: false,
            resolved: None,
        }
    }
}

impl Mapper<'_> {
    fn f(&self) -> &'static Format {
        self.cls.d.f
    }

    /// Adds a note (Chinese and English message) once.
    fn note(&mut self, level: NoteLevel, code: &str, zh: String, en: String, cell: Option<String>) {
        let key = concat(&[code, "|", &zh]);
        if self.notes_seen.insert(key) {
            self.out
                .notes
                .push(Note::new(level, code, zh, en).with_cell(cell));
        }
    }

    /// The English label of the row holding cell `id` (messages in English name rows by the
    /// format's English labels, never the document's Chinese ones).
    fn row_en(&self, id: Option<&String>) -> &'static str {
        let f = self.f();
        id.and_then(|id| f.cell(id))
            .map_or("", |c| f.row_of(c).label_en)
    }

    fn run(&mut self, tables: &[TableInput]) {
        for t in tables {
            let mut st = State::new(None);
            // The caption is usually the last line before the table.
            // (Lines read forwards: `Lines::next_back` would be compiled just for this.)
            let mut last = [""; 3];
            let mut n = 0;
            for line in t.text_before.lines() {
                last[n % 3] = line;
                n += 1;
            }
            for k in 0..n.min(3) {
                let line = last[(n - 1 - k) % 3];
                if let Class::Caption(ti) = self.cls.classify(line.trim()) {
                    st.table = Some(ti);
                    break;
                }
            }
            let mut unmapped_here = Vec::new();
            let mut hits = 0usize;
            let mut seen_cells = 0usize;
            for r in 0..t.grid.height() {
                let cells = row_cells(&t.grid, r);
                seen_cells += cells.len();
                if seen_cells > MAX_CELLS_PER_TABLE {
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
                    break;
                }
                if self.row(&mut st, &t.grid, r, &cells, &mut unmapped_here) {
                    hits += 1;
                }
            }
            if hits > 0 {
                for u in unmapped_here {
                    self.unmapped.insert(u);
                }
            }
        }
    }

    /// Handles one grid row; true when the row was recognised as part of a report table.
    fn row<'g>(
        &mut self,
        st: &mut State<'g>,
        grid: &Grid,
        r: usize,
        cells: &[RowCell<'g>],
        unmapped: &mut Vec<String>,
    ) -> bool {
        if cells.is_empty() {
            return false;
        }
        let mut classes: Vec<Class> = Vec::with_capacity(cells.len());
        for c in cells {
            classes.push(self.cls.classify(c.text));
        }
        let f = self.f();
        // Data row: the rightmost cell naming a row.
        if let Some(i) = classes.iter().rposition(|c| matches!(c, Class::Row(..))) {
            let Class::Row(ti, bi, ri) = classes[i] else {
                unreachable!()
            };
            self.cls.d.push_unknown(&cells[..i], &classes, unmapped);
            st.header_open = false;
            st.table = Some(ti);
            let block = &f.tables[ti].blocks[bi];
            let ids = self.ids_for(st, ti, bi, Some(ri));
            let mut slots: Vec<&RowCell> = cells[i + 1..].iter().collect();
            // Label cells right after the row label (a split-off note) are not values.
            while slots.len() > block.columns.len()
                && slots
                    .first()
                    .is_some_and(|c| !c.text.is_empty() && !is_value_text(c.text))
            {
                slots.remove(0);
            }
            // Strict (a live grid): label columns left empty between the row label and the
            // values (a grid that cannot merge its label cells) are not values either.
            while self.strict
                && slots.len() > block.columns.len()
                && slots.first().is_some_and(|c| c.text.trim().is_empty())
            {
                slots.remove(0);
            }
            self.bind_row(&ids, &slots, block.rows[ri].label, grid, r);
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
            // Which table does this header belong to?
            // A header of another table (a copy without captions) switches tables, but only
            // on exact labels and not in the middle of a header (PDF pieces such as "其他"
            // of 其他结果 would otherwise look like table 三).
            if header_tables != 0 && (st.table.is_none() || !st.header_open) {
                let fits_current = st.table.is_some_and(|t| header_tables & (1 << t) != 0);
                if !fits_current {
                    // Votes per table; ties go to the later table.
                    let mut votes = vec![0usize; f.tables.len()];
                    for c in cells {
                        let exact = self.cls.d.header_tables_exact(c.text);
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
            }
            if !st.header_open {
                st.header.clear();
                st.header_open = true;
            }
            st.resolved = None;
            let mut header = Vec::new();
            for c in cells.iter().filter(|c| c.origin_row) {
                header.push(HCell {
                    x: c.x,
                    text: c.text,
                });
            }
            st.header.push(header);
            return true;
        }
        // A row of values only: the data row of a single-row table (四).
        if all_values {
            if let Some(ti) = st
                .table
                .filter(|&t| f.tables[t].layout == Layout::SingleRow)
            {
                st.header_open = false;
                let ids = self.ids_for(st, ti, 0, None);
                let slots: Vec<&RowCell> = cells.iter().collect();
                let blank = slots.iter().all(|c| c.text.is_empty());
                let already = ids.iter().any(|id| self.is_bound(id));
                if already {
                    match &self.s4_blank {
                        Some((ti0, prev)) if *ti0 == ti && !blank => {
                            // An empty row came first: the real one replaces it.
                            let prev = prev.clone();
                            self.out.cells.retain(|c| !prev.contains(&c.cell));
                            self.s4_blank = None;
                        }
                        _ => {
                            if !blank {
                                self.bind_row(&ids, &slots, f.tables[ti].label, grid, r);
                            }
                            return true;
                        }
                    }
                } else if blank {
                    self.s4_blank = Some((ti, ids.clone()));
                }
                self.bind_row(&ids, &slots, f.tables[ti].label, grid, r);
                return true;
            }
            return false;
        }
        if classes.iter().any(|c| matches!(c, Class::Group(_))) {
            return true;
        }
        self.cls.d.push_unknown(cells, &classes, unmapped);
        false
    }

    /// The cell ids a data row of block `bi` of table `ti` binds to, in slot order: row `row`
    /// (`None`: the one row of values of a single-row table, covering all its rows).
    fn ids_for(&mut self, st: &mut State, ti: usize, bi: usize, row: Option<usize>) -> Vec<String> {
        let t = &self.f().tables[ti];
        let b = &t.blocks[bi];
        let keys = self.keys_for(st, ti, b, row.is_none());
        if keys.is_empty() && self.strict {
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
        let mut ids = Vec::with_capacity(keys.len());
        for (r, c) in keys {
            let r = &b.rows[r.or(row).unwrap_or(0)].id;
            let mut id = String::with_capacity(t.id.len() + r.len() + c.len() + 2);
            id.push_str(t.id);
            id.push('.');
            id.push_str(r);
            id.push('.');
            id.push_str(c);
            ids.push(id);
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
                resolve_header(&self.cls.d.headers[ti], &st.header)
            };
            for u in unknown {
                if !self.cls.d.is_fragment(&u) {
                    self.unmapped.insert(u);
                }
            }
            st.resolved = Some((ti, keys));
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

    /// True when a value is bound to cell `id` (the bound cells are exactly `out.cells`).
    fn is_bound(&self, id: &str) -> bool {
        self.out.cells.iter().any(|c| c.cell == id)
    }

    fn bind_row(&mut self, ids: &[String], slots: &[&RowCell], label: &str, grid: &Grid, r: usize) {
        let _ = (grid, r);
        let mut merged_here = Vec::new();
        for (k, id) in ids.iter().enumerate() {
            let Some(slot) = slots.get(k) else {
                break;
            };
            if let Some((_, first)) = self.by_source.iter().find(|(s, _)| *s == slot.source) {
                if !slot.origin_row && first != id {
                    merged_here.push(id.clone());
                    continue;
                }
            }
            if self.is_bound(id) {
                if !self.out.duplicates.contains(id) {
                    self.out.duplicates.push(id.clone());
                }
                continue;
            }
            if !self.by_source.iter().any(|(s, _)| *s == slot.source) {
                self.by_source.push((slot.source, id.clone()));
            }
            self.out.cells.push(MappedCell {
                cell: id.clone(),
                source: slot.source,
                text: slot.text.to_string(),
            });
        }
        if !merged_here.is_empty() {
            let row_en = self.row_en(merged_here.first());
            self.note(
                NoteLevel::Warning,
                "merged-rows",
                concat(&[
                    "「",
                    &super::labels::normalize_label(label),
                    "」：公开的表格中本行数字与上一行合并，只在第一行计一次，本行留空",
                ]),
                concat(&[
                    "'",
                    row_en,
                    "': its numbers are merged with the row above in the published table; \
                     they are counted once, in the first row, and this row is left blank",
                ]),
                merged_here.first().cloned(),
            );
            self.out.merged.extend(merged_here);
        }
        let (code, zh_what, what, cell) = if slots.len() < ids.len() {
            (
                "short-row",
                "其余缺失",
                "the rest are missing",
                ids.get(slots.len()).cloned(),
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
            &super::labels::normalize_label(label),
            "」：",
            &n,
            " 个数值单元格对应 ",
            &cols,
            " 列，",
            zh_what,
        ]);
        let en = concat(&[
            "'",
            self.row_en(ids.first()),
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

fn count_signals(f: &Format, tables: &[TableInput]) -> usize {
    // The short cell texts, cleaned, joined by '|'.
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
                    all.extend(clean_chars(&c.text));
                }
            }
        }
    }
    let mut n = f
        .signals
        .iter()
        .filter(|s| all.contains(&label_key(s).text))
        .count();
    // 2021: （六）其他处理 has sub-items.
    if f.id.starts_with("gb2021") && all.contains("逾期") {
        n += 1;
    }
    n
}

/// Dictionaries of every built-in format, in the order of `builtin_formats`, built once.
fn dicts() -> &'static [Dict] {
    static DICTS: std::sync::OnceLock<Vec<Dict>> = std::sync::OnceLock::new();
    DICTS.get_or_init(|| {
        let mut all = Vec::new();
        for f in format::builtin_formats() {
            all.push(Dict::new(f));
        }
        all
    })
}

fn dict_for(f: &'static Format) -> &'static Dict {
    let i = format::builtin_formats()
        .iter()
        .position(|b| b.id == f.id)
        .unwrap_or(0);
    &dicts()[i]
}

/// The mapping with `f`, and how many of its signal labels the tables show.
fn map_with(f: &'static Format, tables: &[TableInput], strict: bool) -> (Mapping, usize) {
    let dict = dict_for(f);
    let mut m = Mapper {
        cls: Classifier {
            d: dict,
            cache: BTreeMap::new(),
        },
        out: Mapping {
            format: Some(f.id.to_owned()),
            ..Mapping::default()
        },
        by_source: Vec::new(),
        unmapped: BTreeSet::new(),
        notes_seen: BTreeSet::new(),
        s4_blank: None,
        strict,
    };
    m.run(tables);
    let mut out = m.out;
    out.unmapped = m.unmapped.into_iter().collect();
    (out, count_signals(f, tables))
}

/// Maps table grids to cell ids. With `format_hint` the format is not detected.
pub fn map_tables(tables: &[TableInput], format_hint: Option<&str>) -> Mapping {
    map_tables_for_year(tables, format_hint, None)
}

/// [`map_tables`], breaking ties between formats with the report year.
pub fn map_tables_for_year(
    tables: &[TableInput],
    format_hint: Option<&str>,
    year: Option<u16>,
) -> Mapping {
    map_tables_with(tables, format_hint, year, false)
}

/// [`map_tables_for_year`] for a live page: a row whose column labels are missing or not
/// recognised is left unbound (listed in `unlabelled`), never bound by column position.
pub fn map_tables_strict(
    tables: &[TableInput],
    format_hint: Option<&str>,
    year: Option<u16>,
) -> Mapping {
    map_tables_with(tables, format_hint, year, true)
}

fn map_tables_with(
    tables: &[TableInput],
    format_hint: Option<&str>,
    year: Option<u16>,
    strict: bool,
) -> Mapping {
    let candidates: &'static [Format] = match format_hint.and_then(format::builtin) {
        Some(f) => std::slice::from_ref(f),
        None => format::builtin_formats(),
    };
    let expected = year.and_then(Format::expected_for_year).map(|f| f.id);
    let mut best: Option<(Mapping, (usize, usize, bool))> = None;
    for f in candidates {
        let (m, signals) = map_with(f, tables, strict);
        let found = m.cells.len() + m.merged.len();
        let score = (found, signals, expected == Some(f.base));
        if best.as_ref().is_none_or(|(_, s)| score > *s) {
            best = Some((m, score));
        }
    }
    let (mut m, (found, _, _)) = best.unwrap_or_default();
    if found == 0 && format_hint.is_none() {
        m.format = None;
    }
    m
}

/// Builds the report of a document from its tables, narrative and title: detects the year
/// (title first, then the text), maps the tables, lists every cell not found as missing, and
/// explains in notes what was found, what was not, and what could not be mapped.
pub fn report_from_tables(
    tables: &[TableInput],
    narrative: &str,
    title: &str,
) -> (Report, Vec<Note>) {
    report_from_parts(tables, narrative, title, &ReadOptions::default())
}

/// [`report_from_tables`] for a whole [`Doc`], with the format and year the caller gives
/// (they win over detection; a year the document states otherwise is a warning note).
pub fn report_from_doc(doc: &Doc, opts: &ReadOptions) -> (Report, Vec<Note>) {
    report_from_parts(&doc.tables, &doc.narrative, &doc.title, opts)
}

fn report_from_parts(
    tables: &[TableInput],
    narrative: &str,
    title: &str,
    opts: &ReadOptions,
) -> (Report, Vec<Note>) {
    let detected = detect_year(title, narrative);
    let year = opts.year.or(detected);
    let m = map_tables_for_year(tables, opts.format.as_deref(), year);
    let (report, mut notes) = report_from_mapping(&m, year, narrative, title);
    if m.format.is_none() || (m.cells.is_empty() && m.merged.is_empty()) {
        notes.insert(0, no_table_note(tables));
    }
    if let Some(y) = opts.year {
        notes.retain(|n| n.code != "year");
        if detected.is_some_and(|d| d != y) {
            notes.push(year_override_note(detected, y));
        }
        notes.push(Note::new(
            NoteLevel::Info,
            "year",
            concat(&["报告年度：", &u64_text(y.into()), "年（指定）"]),
            concat(&["report year ", &u64_text(y.into()), " (given)"]),
        ));
    }
    (report, notes)
}

/// The year given by the caller differs from the one the document states.
pub fn year_override_note(stated: Option<u16>, given: u16) -> Note {
    let stated = stated.map_or(String::new(), |y| u64_text(y.into()));
    let given = u64_text(given.into());
    Note::new(
        NoteLevel::Warning,
        "year-override",
        concat(&[
            "文件写明的年度是 ",
            &stated,
            "，按指定的 ",
            &given,
            " 年度检查",
        ]),
        concat(&[
            "the document states year ",
            &stated,
            "; checked as year ",
            &given,
            " as given",
        ]),
    )
}

fn no_table_note(tables: &[TableInput]) -> Note {
    let (zh, en) = if tables.is_empty() {
        ("文档中没有任何表格", "the document holds no table at all")
    } else {
        (
            "文档中的表格都没有年报表格的标签",
            "none of its tables has the labels of the report tables",
        )
    };
    Note::fatal(
        "no-table",
        concat(&[
            "未找到年报表格：",
            zh,
            "。至少应有以下一张：「二、主动公开政府信息情况」（行：规章、行政规范性文件、行政许可…）、\
             「三、收到和处理政府信息公开申请情况」（行：一、本年新收政府信息公开申请数量…四、结转下年度继续办理；\
             列：自然人…总计）或「四、政府信息公开行政复议、行政诉讼情况」（行政复议 / 行政诉讼，结果维持…总计）",
        ]),
        concat(&[
            "no report table found: ",
            en,
            ". Expected at least one of 'II. Proactive disclosure' (rows rules, normative \
             documents, administrative licensing …), 'III. Applications received and handled' \
             (rows I. new applications this year … IV. carried forward to next year; columns \
             natural persons … total) or 'IV. Administrative review and litigation' \
             (administrative review / litigation with upheld … total)",
        ]),
    )
}

/// Turns a mapping into a report plus the import notes (missing cells per table,
/// unmapped labels, duplicates).
pub fn report_from_mapping(
    m: &Mapping,
    year: Option<u16>,
    narrative: &str,
    title: &str,
) -> (Report, Vec<Note>) {
    let mut notes = m.notes.clone();
    let format = m.format.as_deref().and_then(format::builtin);
    let mut report = Report::new(format.map_or("", |f| f.id), year);
    report.title = (!title.trim().is_empty()).then(|| title.trim().to_string());
    report.narrative = narrative.to_string();
    let Some(f) = format else {
        return (report, notes);
    };
    for c in &m.cells {
        if !c.text.is_empty() {
            report.cells.insert(c.cell.clone(), c.text.clone());
        }
    }
    for t in &f.tables {
        // Cells neither bound nor merged.
        let mut total = 0;
        let mut missing: Vec<&format::Cell> = Vec::new();
        for c in f.cells.iter().filter(|c| c.table == t.id) {
            total += 1;
            if !m.cells.iter().any(|b| b.cell == c.id) && !m.merged.contains(&c.id) {
                missing.push(c);
                report.missing.push(c.id.clone());
            }
        }
        if missing.is_empty() {
            continue;
        }
        // Name the rows, not every cell (Chinese and English labels).
        let mut rows: Vec<(String, String)> = Vec::new();
        for c in &missing {
            let row = f.row_of(c);
            let col = f.column_of(c);
            let label = match t.layout {
                Layout::Rows => (
                    super::labels::normalize_label(row.label),
                    row.label_en.to_string(),
                ),
                Layout::SingleRow => (
                    concat(&[row.label, "·", col.label]),
                    concat(&[row.label_en, " / ", col.label_en]),
                ),
            };
            if !rows.contains(&label) {
                rows.push(label);
            }
        }
        let (n, all) = (u64_text(missing.len() as u64), u64_text(total as u64));
        let (zh, en) = if missing.len() == total {
            (
                concat(&[t.label, "：未找到该表（缺 ", &all, " 个单元格）"]),
                concat(&[t.label_en, ": table not found (", &all, " cells missing)"]),
            )
        } else {
            let mut zh = concat(&[
                t.label,
                "：",
                &all,
                " 个单元格中有 ",
                &n,
                " 个未找到（未检查）：",
            ]);
            let mut en = concat(&[
                t.label_en,
                ": ",
                &n,
                " of ",
                &all,
                " cells not found (not checked): ",
            ]);
            for (i, (rz, re)) in rows.iter().take(12).enumerate() {
                if i > 0 {
                    zh.push('、');
                    en.push_str("; ");
                }
                zh.push_str(rz);
                en.push_str(re);
            }
            if rows.len() > 12 {
                let more = u64_text((rows.len() - 12) as u64);
                zh.push_str(&concat(&["等，另有 ", &more, " 行"]));
                en.push_str(&concat(&[" and ", &more, " more"]));
            }
            (zh, en)
        };
        notes.push(
            Note::new(NoteLevel::Warning, "missing-cells", zh, en)
                .with_cell(missing.first().map(|c| c.id.clone())),
        );
    }
    for u in &m.unmapped {
        // The document's own words, quoted as they are in both languages.
        let quoted = truncate(u, 60);
        let mut n = Note::new(
            NoteLevel::Info,
            "unmapped-label",
            concat(&["未识别的标签：「", &quoted, "」"]),
            concat(&["label not recognised: 「", &quoted, "」"]),
        );
        n.label = Some(u.clone());
        notes.push(n);
    }
    for d in &m.duplicates {
        let (zh, en) = match f.cell(d) {
            Some(c) => (
                f.cell_label(c, crate::Lang::Zh),
                f.cell_label(c, crate::Lang::En),
            ),
            None => (d.clone(), d.clone()),
        };
        notes.push(
            Note::new(
                NoteLevel::Warning,
                "duplicate-cell",
                concat(&["「", &zh, "」出现两次，保留第一个值"]),
                concat(&["'", &en, "' found twice; the first value is kept"]),
            )
            .with_cell(Some(d.clone())),
        );
    }
    if let Some(y) = year {
        let y = u64_text(y.into());
        notes.push(Note::new(
            NoteLevel::Info,
            "year",
            concat(&["报告年度：", &y, "年（取自标题或正文）"]),
            concat(&["report year ", &y, " (from the title or text)"]),
        ));
    }
    (report, notes)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}

// ---------------------------------------------------------------------------------------
// Year

/// The report year: from the title ("2024 年政府信息公开工作年度报告", "…2021年度…"), else from
/// the text (a report title line, or the statistics period "自2019年1月1日").
pub fn detect_year(title: &str, text: &str) -> Option<u16> {
    let title = crate::textnorm::normalize(title);
    if let Some(y) = first_year(&title) {
        return Some(y);
    }
    let text = crate::textnorm::normalize(text);
    let head = match text.char_indices().nth(20_000) {
        Some((end, _)) => &text[..end],
        None => &text[..],
    };
    for line in head.lines().take(400) {
        let l = without_white_space(line);
        if l.contains("年度报告") || l.contains("年报") {
            if let Some(y) = first_year(&l) {
                return Some(y);
            }
        }
    }
    let compact = without_white_space(head);
    for pat in ["年1月1日", "年01月01日"] {
        if let Some(i) = compact.find(pat) {
            if let Some(y) = year_before(&compact, i) {
                return Some(y);
            }
        }
    }
    None
}

/// The first four-digit year (2000–2099) directly followed by 年 (spaces allowed).
fn first_year(s: &str) -> Option<u16> {
    let compact = without_white_space(s);
    compact
        .match_indices('年')
        .find_map(|(i, _)| year_before(&compact, i))
}

pub(super) fn without_white_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The year written by exactly the four ASCII digits that end at byte `i`.
fn year_before(s: &str, i: usize) -> Option<u16> {
    let before = s.get(..i)?.as_bytes();
    let n = before
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n != 4 {
        return None;
    }
    let y = before[i - 4..]
        .iter()
        .fold(0u16, |y, &d| y * 10 + u16::from(d - b'0'));
    (2000..=2099).contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::RawCell;

    fn grid(rows: &[&[&str]]) -> Grid {
        let mut n = 0;
        Grid::from_rows(
            rows.iter()
                .map(|r| {
                    r.iter()
                        .map(|t| {
                            n += 1;
                            RawCell::new(*t, n)
                        })
                        .collect()
                })
                .collect(),
        )
    }

    #[test]
    fn years() {
        assert_eq!(
            detect_year("2024 年政府信息公开工作年度报告", ""),
            Some(2024)
        );
        assert_eq!(
            detect_year("平潭综合实验区2021年度政府信息公开工作年度报告_政府", ""),
            Some(2021)
        );
        assert_eq!(
            detect_year("", "x\n本报告所列数据统计期限自2019年1月1日"),
            Some(2019)
        );
        assert_eq!(detect_year("无", "电话 0517-83605210"), None);
    }

    #[test]
    fn s4_header_in_any_shape() {
        let t = TableInput {
            grid: grid(&[
                &["行政复议", "行政诉讼"],
                &[
                    "结果维持",
                    "结果纠正",
                    "其他结果",
                    "尚未审结",
                    "总计",
                    "未经复议直接起诉",
                    "复议后起诉",
                ],
                &[
                    "结果维持",
                    "结果纠正",
                    "其他结果",
                    "尚未审结",
                    "总计",
                    "结果维持",
                    "结果纠正",
                    "其他结果",
                    "尚未审结",
                    "总计",
                ],
                &[
                    "1", "2", "3", "4", "10", "5", "", "", "", "5", "", "", "", "", "",
                ],
            ]),
            text_before: "四、政府信息公开行政复议、行政诉讼情况".into(),
        };
        let m = map_tables(&[t], Some("gb2021"));
        let get = |id: &str| {
            m.cells
                .iter()
                .find(|c| c.cell == id)
                .map(|c| c.text.as_str())
        };
        assert_eq!(get("s4.review.total"), Some("10"));
        assert_eq!(get("s4.suit_direct.upheld"), Some("5"));
        assert_eq!(get("s4.suit_after_review.total"), Some(""));
        assert_eq!(m.cells.len(), 15);
    }
}
