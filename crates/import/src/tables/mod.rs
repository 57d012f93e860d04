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
use super::labels::label_key;
use super::Note;
use crate::format::{self, Format};
use crate::textnorm;
use serde::Serialize;

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
    /// Natively, the cell's position in the format (saves [`report_from_mapping`] a search).
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(skip)]
    pub(crate) index: u32,
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

mod classify;
mod dict;
mod header;
mod mapper;
mod report;
mod shared;
#[cfg(test)]
mod tests;
mod texts;
mod year;

pub use classify::is_value_text;
pub(crate) use classify::{is_caption_label, label_kind, with_label_kinds, LabelKind};
use dict::Dict;
use mapper::Mapper;
pub use report::{report_from_doc, report_from_mapping, report_from_tables, year_override_note};
pub use shared::forget_labels;
use texts::Texts;
pub use year::detect_year;
pub(crate) use year::without_white_space;

/// How many of `f`'s signal labels the tables' short texts show.
fn count_signals(f: &Format, texts: &Texts) -> usize {
    let all = texts.signal_text();
    let mut n = f
        .signals
        .iter()
        .filter(|s| textnorm::contains(all, &label_key(s).text))
        .count();
    // 2021: （六）其他处理 has sub-items.
    if f.id.starts_with("gb2021") && textnorm::contains(all, "逾期") {
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

/// The best mapping so far while the candidate formats are tried.
struct Best {
    m: Mapping,
    f: &'static Format,
    found: usize,
    /// Counted when a tie needs it.
    signals: Option<usize>,
    expected: bool,
}

/// The mapping with `f`.
fn map_with(f: &'static Format, texts: &Texts, strict: bool) -> Mapping {
    let mut m = Mapper::new(dict_for(f), texts, strict);
    m.run();
    let mut out = m.out;
    mapper::dedup_notes(&mut out.notes);
    let mut unmapped = m.unmapped;
    unmapped.sort_unstable();
    unmapped.dedup();
    out.unmapped = unmapped;
    out
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
    // The best by (cells found, signal labels shown, the year's format); signals are counted
    // only to break a tie in cells found.
    let mut best: Option<Best> = None;
    let texts = Texts::new(tables);
    for f in candidates {
        let m = map_with(f, &texts, strict);
        let found = m.cells.len() + m.merged.len();
        let expected = expected == Some(f.base);
        let better = match &mut best {
            None => true,
            Some(b) if found != b.found => found > b.found,
            Some(b) => {
                let theirs = *b.signals.get_or_insert_with(|| count_signals(b.f, &texts));
                (count_signals(f, &texts), expected) > (theirs, b.expected)
            }
        };
        if better {
            best = Some(Best {
                m,
                f,
                found,
                signals: None,
                expected,
            });
        }
    }
    let (mut m, found) = best.map_or((Mapping::default(), 0), |b| (b.m, b.found));
    if found == 0 && format_hint.is_none() {
        m.format = None;
    }
    m
}
