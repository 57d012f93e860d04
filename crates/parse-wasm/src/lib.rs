//! The browser importer module (`pkg/web-parse`, `pkg/bundler-parse`; JS entry
//! `nianbao/parse`): `parse` (HTML through the page's `DOMParser`), `pairReports` and
//! `version`. Loaded only by pages that read documents.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

// Linked for its `version` export.
extern crate nianbao_js;

// Smaller than the default dlmalloc (the browser size budget); see `nianbao::heap`.
#[global_allocator]
static ALLOCATOR: nianbao::heap::WasmAlloc = nianbao::heap::WasmAlloc::new();

/// Reads a document into a report plus the importer's notes. `input`: the document's text
/// (`kind` `'text'`, `'html'`, `'tsv'`) or its bytes as a `Uint8Array` / `ArrayBuffer` (`kind`
/// `'docx'`, `'xlsx'`; text kinds are decoded as UTF-8 or UTF-16 with BOM). `kind` is guessed
/// from the content when absent. `format` and `year` are given for documents that state
/// neither. Reading never fails: problems with the document are notes (level `fatal` when no
/// report could be read); only bad arguments throw.
#[wasm_bindgen]
pub fn parse(input: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    nianbao_parse::parse(input, options, nianbao_parse::dom_html)
}
