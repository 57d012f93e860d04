//! Zip archives (Office Open XML containers).

use super::InputKind;

/// `Docx` or `Xlsx` for an Office zip, by the parts it holds.
pub(crate) fn office_kind(_bytes: &[u8]) -> Option<InputKind> {
    None
}
