//! The native document reader: everything `nianbao-import` reads, plus HTML through the Rust
//! HTML reader ([`html`]) and, natively with feature `pdf`, PDF ([`pdf`]). What the CLI, the
//! Node module and the tests read documents with; the browser modules never link it (they read
//! HTML with the page's `DOMParser`).
//!
//! The importer's API is re-exported here, with [`read_document`] and [`import`] reading HTML
//! (and PDF) too.

pub mod html;
#[cfg(all(not(target_arch = "wasm32"), feature = "pdf"))]
pub mod pdf;

pub use nianbao_import::*;

// The core's modules and the importer as `import`, for the paths the moved files use.
#[allow(unused_imports)]
use nianbao::{num, textnorm};
#[allow(unused_imports)]
use nianbao_import as import;

use nianbao::report::Report;

/// This build's readers: the Rust HTML reader, and PDF natively with feature `pdf`.
pub const READERS: Readers = Readers {
    html: Some(html_page),
    #[cfg(all(not(target_arch = "wasm32"), feature = "pdf"))]
    pdf: Some(pdf::parse_pdf),
    #[cfg(not(all(not(target_arch = "wasm32"), feature = "pdf")))]
    pdf: None,
};

/// Reads a file's bytes as a document of `kind` (see [`InputKind::detect_bytes`]): the one
/// dispatch behind every command ([`read_document_with`] with [`READERS`]). Never fails and
/// never panics; time linear in the input.
pub fn read_document(bytes: &[u8], kind: InputKind, opts: &ReadOptions) -> (Report, Vec<Note>) {
    read_document_with(bytes, kind, opts, &READERS)
}

/// Reads a report from a document of any supported kind. Never fails and never panics: the
/// notes say what was found, what was not, and (as a `Fatal` note) when nothing could be read.
pub fn import(input: &str, kind: InputKind) -> (Report, Vec<Note>) {
    match kind {
        // The Rust HTML reader in every build (the wasm tests compare it with the DOMParser).
        InputKind::Html => import_html(input),
        _ => read_document(input.as_bytes(), kind, &ReadOptions::default()),
    }
}

/// A published page: its `<title>`, the text outside tables as narrative, every table.
pub fn import_html(input: &str) -> (Report, Vec<Note>) {
    tables::report_from_doc(&html_page(input), &ReadOptions::default())
}

/// A page read by the Rust HTML reader.
fn html_page(input: &str) -> Doc {
    html::parse_html(input).into_doc()
}
