//! Importers: text, HTML, TSV and JSON into a `Report`, through one table-grid step and one
//! label matcher. Reading never fails: every importer returns the report *and* its notes.

pub(crate) mod builder;
pub mod grid;
pub mod html;
pub mod labels;
pub mod render;
pub mod tables;
pub mod text;

use crate::report::Report;
use serde::Serialize;

/// What kind of document an input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Json,
    Text,
    Html,
    Tsv,
}

impl InputKind {
    /// Guesses the kind from a file name, then from the content.
    pub fn detect(name: &str, content: &str) -> InputKind {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".json") {
            InputKind::Json
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            InputKind::Html
        } else if lower.ends_with(".tsv") {
            InputKind::Tsv
        } else {
            let head = content.trim_start();
            if head.starts_with('{') {
                InputKind::Json
            } else if head.starts_with('<') {
                InputKind::Html
            } else {
                InputKind::Text
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteLevel {
    /// The document could not be read as a report at all.
    Fatal,
    Warning,
    Info,
}

/// The notes with their messages in `lang` (Chinese by default, as diagnostics).
pub fn localized(notes: &[Note], lang: crate::Lang) -> Vec<Note> {
    let mut out = Vec::with_capacity(notes.len());
    for n in notes {
        let mut n = n.clone();
        n.message = n.message_in(lang).to_string();
        out.push(n);
    }
    out
}

impl NoteLevel {
    /// The serialized name (`"fatal"`, `"warning"`, `"info"`).
    pub fn as_str(self) -> &'static str {
        match self {
            NoteLevel::Fatal => "fatal",
            NoteLevel::Warning => "warning",
            NoteLevel::Info => "info",
        }
    }
}

/// Something the importer wants the user to know about the document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    pub level: NoteLevel,
    /// Stable code, e.g. `no-table`, `bad-json`, `unmapped-label`.
    pub code: String,
    /// In Chinese (the default); `localized` gives the English one.
    pub message: String,
    /// The English message (formats' English labels only); output through `localized`.
    #[serde(skip)]
    pub en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The document's label the note is about (`unmapped-label`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Note {
    /// A note that stops the import, in Chinese and English.
    pub fn fatal(code: &str, zh: impl Into<String>, en: impl Into<String>) -> Note {
        Note::new(NoteLevel::Fatal, code, zh, en)
    }

    pub fn new(level: NoteLevel, code: &str, zh: impl Into<String>, en: impl Into<String>) -> Note {
        Note {
            level,
            code: code.into(),
            message: zh.into(),
            en: en.into(),
            cell: None,
            label: None,
        }
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.message,
        }
    }

    pub fn with_cell(mut self, cell: Option<String>) -> Note {
        self.cell = cell;
        self
    }
}

/// Reads a report from a document of any supported kind. Never fails and never panics: the
/// notes say what was found, what was not, and (as a `Fatal` note) when nothing could be read.
pub fn import(input: &str, kind: InputKind) -> (Report, Vec<Note>) {
    match kind {
        InputKind::Json => import_json(input),
        InputKind::Text => text::import_text(input),
        InputKind::Tsv => text::import_tsv(input),
        InputKind::Html => import_html(input),
    }
}

/// A published page: its `<title>`, the text outside tables as narrative, every table.
pub fn import_html(input: &str) -> (Report, Vec<Note>) {
    let doc = html::parse_html(input);
    let tables: Vec<tables::TableInput> = doc
        .tables
        .into_iter()
        .map(|t| tables::TableInput {
            grid: t.grid,
            text_before: t.text_before,
        })
        .collect();
    let title = if doc.title.trim().is_empty() {
        doc.text
            .lines()
            .find(|l| l.contains("报告"))
            .unwrap_or("")
            .to_string()
    } else {
        doc.title.clone()
    };
    tables::report_from_tables(&tables, &doc.text, &title)
}

/// How many cells of one table the import found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TableCount {
    pub table: String,
    pub found: usize,
    pub expected: usize,
}

/// The import report of one document: cells found per table, labels that could not be
/// mapped, cells found twice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub tables: Vec<TableCount>,
    pub unmapped: Vec<String>,
    pub duplicates: Vec<String>,
}

impl ImportSummary {
    pub fn cells_found(&self) -> usize {
        self.tables.iter().map(|t| t.found).sum()
    }
    pub fn cells_expected(&self) -> usize {
        self.tables.iter().map(|t| t.expected).sum()
    }
}

/// Cells found per table of `report` (a cell listed in `missing` was not found), plus the
/// unmapped labels and duplicates named in `notes`.
pub fn summarize(report: &Report, notes: &[Note]) -> ImportSummary {
    let mut s = ImportSummary::default();
    if let Some(f) = crate::format::builtin(&report.format) {
        for t in &f.tables {
            let expected = f.cells.iter().filter(|c| c.table == t.id).count();
            let missing = report
                .missing
                .iter()
                .filter(|m| f.cell(m).is_some_and(|c| c.table == t.id))
                .count();
            s.tables.push(TableCount {
                table: t.id.into(),
                found: expected.saturating_sub(missing),
                expected,
            });
        }
    }
    for n in notes {
        match n.code.as_str() {
            "unmapped-label" => {
                if let Some(l) = n.label.clone() {
                    s.unmapped.push(l);
                }
            }
            "duplicate-cell" => {
                if let Some(c) = n.cell.clone() {
                    s.duplicates.push(c);
                }
            }
            _ => {}
        }
    }
    s
}

/// The report JSON form `{"format":…,"year":…,"cells":{…}}`.
#[cfg(not(target_arch = "wasm32"))]
pub fn import_json(input: &str) -> (Report, Vec<Note>) {
    match serde_json::from_str::<Report>(input) {
        Ok(r) => (r, Vec::new()),
        Err(e) => (
            Report::default(),
            vec![Note::fatal(
                "bad-json",
                format!(
                    "不是报告 JSON（第 {} 行第 {} 列）：{e}",
                    e.line(),
                    e.column()
                ),
                format!(
                    "not a report JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            )],
        ),
    }
}

#[cfg(target_arch = "wasm32")]
pub fn import_json(_input: &str) -> (Report, Vec<Note>) {
    (
        Report::default(),
        vec![Note::fatal(
            "unsupported",
            "请以对象形式传入报告；JSON 文本由宿主页面解析",
            "pass the report as an object; JSON text is parsed by the host",
        )],
    )
}
