//! Cell classification: what a cell's text is for one format (a value, a table or block
//! caption, a row label, a row group, a header label), memoised per document, and the
//! format-independent [`LabelKind`] the text importer asks about while it groups lines.
//!
//! Looks at one text at a time: where a cell stands in its table, and which column a header
//! label resolves to, is decided by `mapper` and `header`.

use super::dict::{unpack, Dict, HeaderDict};
use super::shared;
use super::texts::Texts;
use super::{dicts, FUZZY, MAX_SEGMENT_CHARS};
use crate::format;
use crate::value::{self, Value};
use std::collections::HashMap;

use crate::labels::{label_key, Prepared};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Class {
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
    if s.chars().count() > 40 || !value::may_be_value(s) {
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

/// Captions matched below this similarity are not matched at all.
const CAPTION: f64 = 0.85;

pub(super) struct Classifier<'d> {
    pub(super) d: &'d Dict,
    /// The class of each text of the document (by its number in `texts`), once classified.
    cache: Vec<Option<Class>>,
    /// What does not depend on the format, shared by the classifiers of every candidate
    /// format for one document.
    pub(super) texts: &'d Texts<'d>,
}

impl<'d> Classifier<'d> {
    pub(super) fn new(d: &'d Dict, texts: &'d Texts<'d>) -> Self {
        Classifier {
            d,
            cache: vec![None; texts.count()],
            texts,
        }
    }

    /// The class of text `id` (`text`).
    pub(super) fn classify(&mut self, text: &str, id: u32) -> Class {
        if let Some(c) = self.cache[id as usize] {
            return c;
        }
        // The browser builds prepare every label at once (this way is 170 B smaller there).
        #[cfg(target_arch = "wasm32")]
        let c = match self.texts.label(id) {
            None => Class::Value,
            Some(p) => shared::class(self.d.f.id, text, || self.d.classify_label(text, p)),
        };
        // The label is prepared only when the memo does not know the text.
        #[cfg(not(target_arch = "wasm32"))]
        let c = match self.texts.is_label(id) {
            false => Class::Value,
            true => shared::class(self.d.f.id, text, || {
                let p = self.texts.label(id);
                p.map_or(Class::Value, |p| self.d.classify_label(text, p))
            }),
        };
        self.cache[id as usize] = Some(c);
        c
    }
}

impl Dict {
    /// What a text that is not a value (prepared as `p`) is in this format.
    fn classify_label(&self, text: &str, p: &Prepared) -> Class {
        let d = self;
        let key = &p.key;
        if key.text.is_empty() || p.len() > 200 {
            return Class::Unknown;
        }
        if let Some((t, _)) = d.k_captions.best(p, CAPTION) {
            return Class::Caption(t);
        }
        if let Some((v, s)) = d.k_blocks.best(p, 0.9) {
            if s >= 0.999 || key.text.starts_with("第") {
                let (t, b, _) = unpack(v);
                return Class::Block(t, b);
            }
        }
        if let Some((v, _)) = d.k_rows.best(p, FUZZY) {
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
        if let Some((t, _)) = d.k_groups.best(p, FUZZY) {
            return Class::Group(t);
        }
        let tables = header_mask(d, |h| h.keys.best(p, FUZZY).is_some());
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

pub(super) fn clean_chars(s: &str) -> Vec<char> {
    clean_iter(s).collect()
}

/// The characters of `s` normalised, without white space and quotes (at most
/// `MAX_SEGMENT_CHARS`), read without copying `s`.
pub(super) fn clean_iter(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter_map(crate::textnorm::normalize_char)
        .filter(|&c| {
            !crate::textnorm::is_blank_char(c)
                && !matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」')
        })
        .take(MAX_SEGMENT_CHARS)
}

impl Dict {
    /// Tables whose header has exactly this label (bit i: table i).
    pub(super) fn header_tables_exact(&self, p: &Prepared) -> u32 {
        header_mask(self, |h| {
            h.keys
                .best(p, FUZZY)
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
    kinds: Option<HashMap<String, LabelKind>>,
}

std::thread_local! {
    static KIND_MEMO: std::cell::RefCell<KindMemo> = const {
        std::cell::RefCell::new(KindMemo {
            depth: 0,
            kinds: None,
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
            m.kinds = None;
        }
    });
    r
}

pub(crate) fn label_kind(text: &str) -> LabelKind {
    // Natively every text's kind is kept for the process already (`shared`).
    if cfg!(not(target_arch = "wasm32")) {
        return shared::kind(text, || label_kind_uncached(text));
    }
    let memo = KIND_MEMO.with(|m| {
        let m = m.borrow();
        (m.depth > 0).then(|| m.kinds.as_ref().and_then(|k| k.get(text).copied()))
    });
    match memo {
        Some(Some(k)) => k,
        Some(None) => {
            let k = shared::kind(text, || label_kind_uncached(text));
            KIND_MEMO.with(|m| {
                let mut m = m.borrow_mut();
                m.kinds
                    .get_or_insert_with(HashMap::new)
                    .insert(text.to_string(), k)
            });
            k
        }
        None => shared::kind(text, || label_kind_uncached(text)),
    }
}

/// `label_kind(text) == LabelKind::Caption`, without classifying the texts no national
/// format's captions match (most lines of a document): a format classifies a text by its
/// captions first, so only such a text can be a caption.
pub(crate) fn is_caption_label(text: &str) -> bool {
    let memo = KIND_MEMO.with(|m| {
        let m = m.borrow();
        m.kinds.as_ref().and_then(|k| k.get(text).copied())
    });
    if let Some(k) = memo {
        return k == LabelKind::Caption;
    }
    shared::caption(text, || {
        if is_value_text(text) {
            return false;
        }
        let p = Prepared::new(text);
        if p.key.text.is_empty() || p.len() > 200 {
            return false;
        }
        let caption = national()
            .iter()
            .any(|d| d.k_captions.best(&p, CAPTION).is_some());
        caption && label_kind(text) == LabelKind::Caption
    })
}

/// The dictionaries of the national formats (not their regional variants), in order.
fn national() -> &'static [&'static Dict] {
    static NATIONAL: std::sync::OnceLock<Vec<&'static Dict>> = std::sync::OnceLock::new();
    NATIONAL.get_or_init(|| {
        let formats = format::builtin_formats().iter().zip(dicts());
        formats
            .filter(|(f, _)| f.id == f.base)
            .map(|(_, d)| d)
            .collect()
    })
}

fn label_kind_uncached(text: &str) -> LabelKind {
    // Value or not, and the prepared key, are the same for every format.
    if is_value_text(text) {
        return LabelKind::Value;
    }
    let p = Prepared::new(text);
    let mut best = LabelKind::Unknown;
    for d in national() {
        let k = match d.classify_label(text, &p) {
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
pub(super) fn segment(h: &HeaderDict, text: &[char]) -> (Vec<usize>, Vec<String>) {
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
