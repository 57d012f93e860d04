//! Importers: text, HTML, TSV and JSON into a `Report`, through one table-grid step and one
//! label matcher. Reading never fails: every importer returns the report *and* its notes.

pub mod grid;
pub mod html;
pub mod labels;

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

/// Something the importer wants the user to know about the document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    pub level: NoteLevel,
    /// Stable code, e.g. `no-table`, `bad-json`, `unmapped-label`.
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

impl Note {
    pub fn fatal(code: &str, message: impl Into<String>) -> Note {
        Note {
            level: NoteLevel::Fatal,
            code: code.into(),
            message: message.into(),
            cell: None,
        }
    }
}

/// Reads a report from a document of any supported kind.
pub fn import(input: &str, kind: InputKind) -> (Report, Vec<Note>) {
    match kind {
        InputKind::Json => import_json(input),
        _ => (
            Report::default(),
            vec![Note::fatal(
                "unsupported",
                format!("reading {kind:?} documents is not available in this build"),
            )],
        ),
    }
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
            "pass the report as an object; JSON text is parsed by the host",
        )],
    )
}
