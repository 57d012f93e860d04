//! Excel / WPS spreadsheets (`.xlsx`).

use super::{Doc, Note};

/// Reads a `.xlsx` workbook's sheets into grids.
pub fn parse_xlsx(_bytes: &[u8]) -> Result<Doc, Vec<Note>> {
    Err(vec![Note::fatal("unsupported-kind", "xlsx: not yet")])
}
