//! The Node module (`pkg/node`, `require('nianbao')`): the JS API (`nianbao-api`), `parse`
//! and `pairReports` (`nianbao-parse`) and `version`, with HTML read by the Rust reader
//! (`nianbao-html`: Node has no `DOMParser`). Panic messages are kept (the hook logs them).
#![cfg(target_arch = "wasm32")]

use nianbao::report::Report;
use nianbao_html::{InputKind, Note, ReadOptions};
use wasm_bindgen::prelude::*;

// Linked for their `#[wasm_bindgen]` exports.
extern crate nianbao_api;
extern crate nianbao_js;

// The same allocator as the browser modules; see `nianbao::heap`.
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
    nianbao_parse::parse(input, options, native_html)
}

/// The Rust HTML reader, as the CLI uses it.
fn native_html(text: &str, opts: &ReadOptions) -> Result<(Report, Vec<Note>), String> {
    Ok(nianbao_html::read_document(
        text.as_bytes(),
        InputKind::Html,
        opts,
    ))
}
