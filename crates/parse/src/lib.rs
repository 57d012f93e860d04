//! The JavaScript importer: `parse` (documents → report + notes) and `pairReports` over
//! `nianbao-import`, with [`nianbao_js`]'s conversions. HTML is read by a reader the module
//! chooses ([`HtmlReader`]): the page's `DOMParser` walk ([`html_dom`], the browser modules,
//! which so carry no HTML parser) or the Rust reader (`nianbao-html`, the Node module). Both
//! feed the importer's one grid → report step, `import::tables::report_from_tables`.
#![cfg(target_arch = "wasm32")]

mod html_dom;
pub mod js;

// The core's modules at this crate's root, the importer as `import`, and the JS layer's
// helpers: the code moved here keeps its paths.
#[allow(unused_imports)]
use nianbao::*;
use nianbao_import::{self as import, review, InputKind, Note, ReadOptions};
use nianbao_js::{check_keys, error, got, install_panic_hook, js_error_text, read_lang};

use crate::textnorm::concat;
use crate::Lang;
use crate::Report;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How a module reads HTML for [`parse`]: the report and notes, or an error for the caller.
pub type HtmlReader = fn(&str, &ReadOptions) -> Result<(Report, Vec<Note>), String>;

/// The browser modules' [`HtmlReader`]: the page's `DOMParser` (see [`html_dom`]).
pub fn dom_html(text: &str, opts: &ReadOptions) -> Result<(Report, Vec<Note>), String> {
    if !html_dom::available() {
        return Err(
            "this build reads HTML with the browser's DOMParser, which this JavaScript \
             environment lacks; in Node use the package's Node entry (require('nianbao'))"
                .into(),
        );
    }
    Ok(html_dom::import_html(text, opts))
}

// ---------------------------------------------------------------------------------------------
// parse

/// Reads a document into a report plus the importer's notes. `input`: the document's text
/// (`kind` `'text'`, `'html'`, `'tsv'`) or its bytes as a `Uint8Array` / `ArrayBuffer` (`kind`
/// `'docx'`, `'xlsx'`; text kinds are decoded as UTF-8 or UTF-16 with BOM). `kind` is guessed
/// from the content when absent. `format` and `year` are given for documents that state
/// neither. Reading never fails: problems with the document are notes (level `fatal` when no
/// report could be read); only bad arguments throw.
///
/// `html` reads HTML: [`dom_html`] in the browser modules, the Rust reader in Node. Each
/// module exports this as `parse` (a `#[wasm_bindgen]` wrapper of three lines).
pub fn parse(input: JsValue, options: JsValue, html: HtmlReader) -> Result<JsValue, JsError> {
    install_panic_hook();
    // Documents come from anywhere: texts made to collide in the importer's hash tables must
    // not slow it down (takes effect only before the first text is hashed).
    nianbao_import::labels::set_hash_seed(js_sys::Math::random().to_bits());
    let f = |m| error("parse", m);
    let input = read_input(&input).map_err(f)?;
    let (kind, opts, lang) = read_parse_options(options, &input).map_err(f)?;
    let decoded;
    let (report, notes) = match (&input, kind) {
        (_, InputKind::Html) => {
            let text = match &input {
                Input::Text(t) => Ok(t.as_str()),
                Input::Bytes(b) => {
                    decoded = import::decode_text(b);
                    decoded.as_deref().map_err(Clone::clone)
                }
            };
            match text {
                Ok(text) => html(text, &opts).map_err(f)?,
                Err(note) => (Report::default(), vec![note]),
            }
        }
        (Input::Text(text), k) if k.is_binary() => {
            return Err(f(concat(&[
                "a ",
                k.as_str(),
                " document is read from its bytes: pass a Uint8Array or ArrayBuffer \
                 (new Uint8Array(await file.arrayBuffer())), not a string",
            ])))
        }
        (input, k) => import::read_document(input.bytes(), k, &opts),
    };
    js::parsed(&report, &import::localized(&notes, lang)).map_err(f)
}

enum Input {
    Text(String),
    Bytes(Vec<u8>),
}

impl Input {
    fn bytes(&self) -> &[u8] {
        match self {
            Input::Text(t) => t.as_bytes(),
            Input::Bytes(b) => b,
        }
    }
}

/// A string, or bytes from a `Uint8Array` or `ArrayBuffer`.
fn read_input(v: &JsValue) -> Result<Input, String> {
    if let Some(s) = v.as_string() {
        return Ok(Input::Text(s));
    }
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(Input::Bytes(a.to_vec()));
    }
    if let Some(b) = v.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Input::Bytes(js_sys::Uint8Array::new(b).to_vec()));
    }
    Err(got(
        "input must be a string (the document's text) or a Uint8Array / ArrayBuffer (a .docx or \
         .xlsx file's bytes), got ",
        v,
    ))
}

/// `{kind, format, year, lang}`: the input kind (guessed when absent), the read options and the
/// notes' language.
fn read_parse_options(v: JsValue, input: &Input) -> Result<(InputKind, ReadOptions, Lang), String> {
    let mut opts = ReadOptions::default();
    let mut lang = Lang::default();
    let kind = if v.is_undefined() || v.is_null() {
        None
    } else if !v.is_object() || js_sys::Array::is_array(&v) {
        return Err(got(
            "options must be an object such as {kind: 'html'}, got ",
            &v,
        ));
    } else {
        check_keys(&v, &["kind", "format", "year", "lang"], "options")?;
        lang = js::get_field(&v, "lang").map_or(Ok(Lang::default()), |l| read_lang(&l))?;
        let present = |k: &str| js::get_field(&v, k).filter(|x| !(x.is_undefined() || x.is_null()));
        if let Some(fmt) = present("format") {
            let id = js::string(fmt).map_err(|e| concat(&["options.format: ", &e]))?;
            if crate::format::builtin(&id).is_none() {
                return Err(concat(&["options.format: unknown format '", &id, "'"]));
            }
            opts.format = Some(id);
        }
        if let Some(y) = present("year") {
            match y.as_f64() {
                Some(n) if n.fract() == 0.0 && (2000.0..=2099.0).contains(&n) => {
                    opts.year = Some(n as u16)
                }
                _ => return Err(got("options.year must be a year such as 2023, got ", &y)),
            }
        }
        // As serde read an `Option<String>` field: null/undefined are absent.
        match present("kind") {
            Some(k) => Some(js::string(k).map_err(|e| concat(&["options: ", &e]))?),
            None => None,
        }
    };
    let kind =
        match kind.as_deref() {
            None => InputKind::detect_bytes("", input.bytes()),
            Some("text") => InputKind::Text,
            Some("html") => InputKind::Html,
            Some("tsv") => InputKind::Tsv,
            Some("docx") => InputKind::Docx,
            Some("xlsx") => InputKind::Xlsx,
            Some("json") => InputKind::Json,
            Some("pdf") => return Err(
                "PDF is read by the command line (nianbao check FILE.pdf) only; in the browser, \
                 paste the PDF's text with kind 'text'"
                    .into(),
            ),
            Some(other) => {
                return Err(concat(&[
                    "unknown kind '",
                    other,
                    "' (expected 'text', 'html', 'tsv', 'docx' or 'xlsx')",
                ]))
            }
        };
    if kind == InputKind::Json {
        return Err(
            "JSON is not parsed here: JSON.parse the text and pass the object to validate() \
             or createChecker()"
                .into(),
        );
    }
    Ok((kind, opts, lang))
}

/// `nianbao review`'s pairing, for a page that reviews many reports: the agency each report's
/// title names, and last year's report of the same agency. `reports`: an array of reports (as
/// `parse` returns them; only `title` and `year` are read). Returns one
/// `{agency, prev, candidates}` per report: `prev` is the index of last year's report or null;
/// `candidates` lists the indexes when two or more could be (then none is used).
#[wasm_bindgen(js_name = pairReports)]
pub fn pair_reports(reports: JsValue) -> Result<JsValue, JsError> {
    install_panic_hook();
    let f = |m| error("pairReports", m);
    if !js_sys::Array::is_array(&reports) {
        return Err(f(got(
            "reports must be an array of reports, got ",
            &reports,
        )));
    }
    let mut keys = Vec::new();
    js::each(reports.unchecked_ref(), &mut |r| {
        if !r.is_object() {
            return Err(got(
                "each report must be an object with a title and a year, got ",
                &r,
            ));
        }
        let title = js::get_field(&r, "title").and_then(|t| t.as_string());
        let year = js::get_field(&r, "year")
            .and_then(|y| y.as_f64())
            .filter(|y| y.fract() == 0.0 && (0.0..=65535.0).contains(y))
            .map(|y| y as u16);
        keys.push((title.as_deref().and_then(crate::review::agency), year));
        Ok(())
    })
    .map_err(f)?;
    let pairs = crate::review::pair(&keys);
    Ok(js::pairings(&keys, &pairs))
}
