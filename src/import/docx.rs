//! Word / WPS documents (`.docx`).

use super::{Doc, Note};

/// Reads a `.docx` file's body: paragraphs into the narrative, tables into grids.
pub fn parse_docx(_bytes: &[u8]) -> Result<Doc, Vec<Note>> {
    Err(vec![Note::fatal("unsupported-kind", "docx: not yet")])
}
