//! PDF (native builds only): the text layer, page by page in the order its text is drawn
//! (which for printed pages — browsers, Word, WPS, LibreOffice — is reading order: cell by
//! cell, row by row), into the text importer. Lines break where the baseline moves down, a
//! gap wider than a tenth of the font size is a space (`pdf-extract`'s plain-text output).
//!
//! A PDF without a text layer (a scan) gives a fatal note saying so. `pdf-extract` is a large
//! parser over untrusted input: a panic inside it is caught (in builds that unwind) and
//! reported as an unreadable file.

use super::{Doc, Note};

/// Reads a PDF's text layer into the text importer.
pub fn parse_pdf(bytes: &[u8]) -> Result<Doc, Vec<Note>> {
    let pages =
        match std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes)) {
            Ok(Ok(pages)) => pages,
            Ok(Err(e)) => return Err(vec![unreadable(&e.to_string())]),
            Err(_) => return Err(vec![unreadable("the PDF parser failed on this file")]),
        };
    let text = pages.join("\n");
    if text.chars().all(|c| c.is_whitespace()) {
        return Err(vec![Note::fatal(
            "pdf-no-text",
            crate::textnorm::concat(&[
                "这个 PDF 没有文字层（共 ",
                &crate::num::u64_text(pages.len() as u64),
                " 页，可能是扫描件或图片）：无法读取表格。请使用网页版、Word 或 Excel 文件，或先做文字识别（OCR）— \
                 this PDF has no text layer (a scan or images): nothing to read. Use the web page, \
                 Word or Excel file, or run OCR first",
            ]),
        )]);
    }
    Ok(super::text::parse_text(&text))
}

fn unreadable(why: &str) -> Note {
    Note::fatal(
        "bad-pdf",
        crate::textnorm::concat(&[
            "无法读取这个 PDF 文件（",
            why,
            "）— unreadable PDF (",
            why,
            ")",
        ]),
    )
}
