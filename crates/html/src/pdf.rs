//! PDF (native builds only): the text layer, page by page in the order its text is drawn
//! (which for printed pages — browsers, Word, WPS, LibreOffice — is reading order: cell by
//! cell, row by row), into the text importer. Lines break where the baseline moves, a gap
//! wider than a tenth of the font size is a space (`pdf-extract`'s plain-text output). The
//! title is the document's `/Title` (browsers and office suites write the page's or
//! document's title there), else the text importer's.
//!
//! A PDF without a text layer (a scan) gives a fatal note saying so. `pdf-extract` is a large
//! parser over untrusted input that can panic: a panic is caught (native builds unwind, see
//! Cargo.toml's release profile) and reported as an unreadable file.

use super::{Doc, Note};
use pdf_extract::{Document, Object, PlainTextOutput};

/// Reads a PDF's text layer into the text importer.
pub fn parse_pdf(bytes: &[u8]) -> Result<Doc, Vec<Note>> {
    let read = std::panic::catch_unwind(|| -> Result<(String, Vec<String>), String> {
        let mut doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            doc.decrypt("")
                .map_err(|_| "encrypted with a password".to_string())?;
        }
        let title = info_title(&doc);
        let mut pages = Vec::new();
        for n in doc.get_pages().keys() {
            let mut s = String::new();
            let mut out = PlainTextOutput::new(&mut s);
            pdf_extract::output_doc_page(&doc, &mut out, *n).map_err(|e| e.to_string())?;
            pages.push(s);
        }
        Ok((title, pages))
    });
    let (title, pages) = match read {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return Err(vec![unreadable(&e)]),
        Err(_) => return Err(vec![unreadable("the PDF parser failed on this file")]),
    };
    let text = pages.join("\n");
    if text.chars().all(char::is_whitespace) {
        return Err(vec![Note::fatal(
            "pdf-no-text",crate::textnorm::concat(&["这个 PDF 没有文字层（共 ", &crate::num::u64_text(pages.len() as u64), " 页，可能是扫描件或图片）：无法读取表格。请使用网页版、Word 或 Excel 文件，或先做文字识别（OCR）"]),
"this PDF has no text layer (a scan or images): nothing to read. Use the web page, Word or Excel file, or run OCR first",
)]);
    }
    let mut doc = super::text::parse_text(&text);
    let title = crate::textnorm::normalize(title.trim());
    if title.contains("报告") || doc.title.is_empty() {
        doc.title = title;
    }
    Ok(doc)
}

/// The `/Title` of the document information dictionary (UTF-16 with BOM or PDFDocEncoding,
/// read as Latin-1).
fn info_title(doc: &Document) -> String {
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => doc.get_object(*id).ok(),
        Ok(o) => Some(o),
        Err(_) => None,
    };
    let Some(Ok(Object::String(bytes, _))) =
        info.and_then(|o| o.as_dict().ok()).map(|d| d.get(b"Title"))
    else {
        return String::new();
    };
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(be) => {
            char::decode_utf16(be.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])))
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

fn unreadable(why: &str) -> Note {
    Note::fatal(
        "bad-pdf",
        crate::textnorm::concat(&["无法读取这个 PDF 文件（", why, "）"]),
        crate::textnorm::concat(&["unreadable PDF (", why, ")"]),
    )
}
