//! PDF text layer (native only).

use super::{Doc, Note};

/// Reads a PDF's text layer in reading order into the text importer.
pub fn parse_pdf(_bytes: &[u8]) -> Result<Doc, Vec<Note>> {
    Err(vec![Note::fatal("unsupported-kind", "pdf: not yet")])
}
