//! Importers: text (and Markdown), TSV, JSON, Word (`.docx`) and Excel (`.xlsx`) into a
//! `Report`, through one table-grid step and one label matcher; HTML and PDF come in through
//! [`Readers`] (the Rust HTML reader and the PDF reader are `nianbao-html`; the browser feeds
//! the page's `DOMParser` walk into [`tables`]). Reading never fails: every importer returns
//! the report *and* its notes.
//!
//! [`read_document_with`] is the one dispatch by kind every front end uses (the CLI's `check`,
//! `parse` and `review` through `nianbao_html::read_document`, the browser's `parse`), with
//! [`ReadOptions`] for documents that state neither their format nor their year.

pub mod builder;
pub mod docx;
pub mod grid;
pub(crate) mod inflate;
pub mod labels;
pub mod render;
pub mod review;
pub mod tables;
pub mod text;
pub mod xlsx;
pub(crate) mod xml;
pub(crate) mod zip;

// The core's modules at this crate's root, and this crate as `import`: the files moved here
// from the core keep their `crate::format::…`, `crate::import::…` paths.
#[allow(unused_imports)]
use crate as import;
#[allow(unused_imports)]
use nianbao::*;

use crate::report::Report;
use serde::Serialize;
use std::borrow::Cow;

/// What kind of document an input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Json,
    /// Plain text: pasted, PDF text, Markdown.
    Text,
    Html,
    Tsv,
    /// Word / WPS (Office Open XML).
    Docx,
    /// Excel / WPS spreadsheet (Office Open XML).
    Xlsx,
    /// PDF with a text layer (native builds only).
    Pdf,
}

impl InputKind {
    /// The kind a file name's extension names, if any (`.md`, `.markdown` and `.txt` are text).
    pub fn from_name(name: &str) -> Option<InputKind> {
        let lower = name.to_ascii_lowercase();
        let ext = match lower.bytes().rposition(|b| b == b'.') {
            Some(i) => &lower[i + 1..],
            None => "",
        };
        Some(match ext {
            "json" => InputKind::Json,
            "html" | "htm" | "xhtml" | "shtml" => InputKind::Html,
            "tsv" => InputKind::Tsv,
            "txt" | "md" | "markdown" => InputKind::Text,
            "docx" => InputKind::Docx,
            "xlsx" => InputKind::Xlsx,
            "pdf" => InputKind::Pdf,
            _ => return None,
        })
    }

    /// Guesses the kind of a text document from a file name, then from the content.
    pub fn detect(name: &str, content: &str) -> InputKind {
        InputKind::detect_bytes(name, content.as_bytes())
    }

    /// Guesses the kind from a file name's extension, then from the content: `%PDF`, a zip
    /// holding `word/document.xml` or `xl/workbook.xml`, `{` (JSON), `<` (HTML), else text.
    pub fn detect_bytes(name: &str, content: &[u8]) -> InputKind {
        if let Some(k) = InputKind::from_name(name) {
            return k;
        }
        if content.starts_with(b"%PDF") {
            return InputKind::Pdf;
        }
        if content.starts_with(b"PK\x03\x04") {
            return match zip::office_kind(content) {
                Some(k) => k,
                None => InputKind::Text,
            };
        }
        let head = content
            .strip_prefix("\u{FEFF}".as_bytes())
            .unwrap_or(content)
            .trim_ascii_start();
        match head.first() {
            Some(b'{') => InputKind::Json,
            Some(b'<') => InputKind::Html,
            _ => InputKind::Text,
        }
    }

    /// The serialized name (`"text"`, `"docx"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Json => "json",
            InputKind::Text => "text",
            InputKind::Html => "html",
            InputKind::Tsv => "tsv",
            InputKind::Docx => "docx",
            InputKind::Xlsx => "xlsx",
            InputKind::Pdf => "pdf",
        }
    }

    /// Documents read from bytes (zip or PDF), not from text.
    pub fn is_binary(self) -> bool {
        matches!(self, InputKind::Docx | InputKind::Xlsx | InputKind::Pdf)
    }
}

/// What the reader of a document is told that the document itself does not say: the format
/// and the report year (`--format`, `--year`; the paste page's fields). Given values win over
/// what the document states; a disagreement is a warning note.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// A format id (`gb2019`, `gb2021`, a regional variant): tables are read as this format,
    /// not detected.
    pub format: Option<String>,
    pub year: Option<u16>,
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

/// The readers a build adds to [`read_document_with`]. The Rust HTML reader and the PDF reader
/// are `nianbao-html`'s (native and Node builds); the browser modules have neither (HTML goes
/// through the page's `DOMParser`), so they carry no HTML or PDF parser.
#[derive(Clone, Copy, Default)]
pub struct Readers {
    pub html: Option<fn(&str) -> Doc>,
    pub pdf: Option<ReadBytes>,
}

/// A reader of a binary document: the document, or the notes saying why not.
pub type ReadBytes = fn(&[u8]) -> Result<Doc, Vec<Note>>;

/// [`read_document_with`] without HTML and PDF readers (the browser's importer module).
pub fn read_document(bytes: &[u8], kind: InputKind, opts: &ReadOptions) -> (Report, Vec<Note>) {
    read_document_with(bytes, kind, opts, &Readers::default())
}

/// Reads a file's bytes as a document of `kind` (see [`InputKind::detect_bytes`]): the one
/// dispatch behind every command. Text kinds are decoded first (UTF-8, with or without BOM, or
/// UTF-16 with BOM). Never fails and never panics; time linear in the input.
pub fn read_document_with(
    bytes: &[u8],
    kind: InputKind,
    opts: &ReadOptions,
    readers: &Readers,
) -> (Report, Vec<Note>) {
    if let Some(f) = &opts.format {
        if crate::format::builtin(f).is_none() {
            return (Report::default(), vec![unknown_format(f)]);
        }
    }
    let doc = match kind {
        InputKind::Docx | InputKind::Xlsx => office_doc(bytes, kind),
        InputKind::Pdf => match readers.pdf {
            Some(read) => read(bytes),
            None => pdf_doc(bytes),
        },
        _ => match decode_text(bytes) {
            Err(note) => return (Report::default(), vec![note]),
            Ok(text) => match kind {
                InputKind::Json => return with_options(import_json(&text), opts),
                InputKind::Tsv => Ok(text::parse_tsv(&text)),
                InputKind::Html => match readers.html {
                    Some(read) => Ok(read(&text)),
                    None => html_doc(&text),
                },
                _ => Ok(text::parse_text(&text)),
            },
        },
    };
    match doc {
        Ok(doc) => {
            let (report, mut notes) = tables::report_from_doc(&doc, opts);
            notes.splice(0..0, doc.notes);
            (report, notes)
        }
        Err(notes) => (Report::default(), notes),
    }
}

/// Word and Excel files: read in every build (the drop-in also serves the paste and review
/// pages, which read documents).
fn office_doc(bytes: &[u8], kind: InputKind) -> Result<Doc, Vec<Note>> {
    if kind == InputKind::Docx {
        docx::parse_docx(bytes)
    } else {
        xlsx::parse_xlsx(bytes)
    }
}

/// Without a PDF reader ([`Readers`]).
#[cfg(not(target_arch = "wasm32"))]
fn pdf_doc(_bytes: &[u8]) -> Result<Doc, Vec<Note>> {
    Err(vec![Note::fatal(
        "unsupported-kind",
        "这个版本不读取 PDF（未启用 cargo 功能 `pdf`）",
        "this build reads no PDF (cargo feature `pdf`)",
    )])
}

#[cfg(target_arch = "wasm32")]
fn pdf_doc(_bytes: &[u8]) -> Result<Doc, Vec<Note>> {
    Err(vec![Note::fatal(
        "unsupported-kind",
        "浏览器中不能读取 PDF：请用命令行 nianbao，或复制 PDF 中的文字粘贴进来",
        "PDF is read by the command line only; in the browser, paste the PDF's text",
    )])
}

fn unknown_format(f: &str) -> Note {
    let mut known = String::new();
    for (i, k) in crate::format::builtin_formats().iter().enumerate() {
        if i > 0 {
            known.push_str(", ");
        }
        known.push_str(k.id);
    }
    Note::fatal(
        "unknown-format",
        crate::textnorm::concat(&["未知的格式「", f, "」（可用：", &known, "）"]),
        crate::textnorm::concat(&["unknown format '", f, "'"]),
    )
}

/// A report JSON with the given format/year put in place of its own.
fn with_options(
    (mut report, mut notes): (Report, Vec<Note>),
    opts: &ReadOptions,
) -> (Report, Vec<Note>) {
    if notes.iter().any(|n| n.level == NoteLevel::Fatal) {
        return (report, notes);
    }
    if let Some(f) = &opts.format {
        report.format = f.clone();
    }
    if let Some(y) = opts.year {
        if report.year.is_some_and(|r| r != y) {
            notes.push(tables::year_override_note(report.year, y));
        }
        report.year = Some(y);
    }
    (report, notes)
}

/// Text of a text document: UTF-8 (a BOM dropped) or, natively, UTF-16 with its BOM; anything
/// else is a fatal note naming the first bad byte.
// A note (zh + en message) is the whole error; it happens at most once per document.
#[allow(clippy::result_large_err)]
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, Note> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_text(rest);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    // UTF-16 (Windows "Unicode" text) natively; the browser hands text over as strings.
    #[cfg(not(target_arch = "wasm32"))]
    {
        if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            return Ok(Cow::Owned(utf16(rest, true)));
        }
        if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            return Ok(Cow::Owned(utf16(rest, false)));
        }
    }
    // The fast check natively; std's below finds where invalid input stops being UTF-8.
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    match core::str::from_utf8(bytes) {
        // Borrowed: a page is read without a copy of it.
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => Err(Note::fatal(
            "not-utf8",
            crate::textnorm::concat(&[
                "不是 UTF-8 文本（第 ",
                &crate::num::u64_text(e.valid_up_to() as u64),
                " 字节起无法解码；请另存为 UTF-8）",
            ]),
            crate::textnorm::concat(&[
                "not UTF-8 text (invalid byte at offset ",
                &crate::num::u64_text(e.valid_up_to() as u64),
                ")",
            ]),
        )),
    }
}

/// A document split into what the mapping step needs: its title, the narrative (text outside
/// the tables), its tables, and the notes reading it gave (zip limits, unreadable parts).
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub title: String,
    pub narrative: String,
    pub tables: Vec<tables::TableInput>,
    pub notes: Vec<Note>,
}

/// Without an HTML reader ([`Readers`]): the browser builds read HTML with the page's
/// `DOMParser` (crates/parse), never through here, so they carry no HTML parser.
fn html_doc(_input: &str) -> Result<Doc, Vec<Note>> {
    Err(vec![Note::fatal(
        "unsupported-kind",
        "此版本中 HTML 由浏览器的 DOMParser 读取",
        "HTML is read with the browser's DOMParser in this build",
    )])
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
