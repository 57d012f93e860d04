//! The JavaScript API over the core: `validate`, `formats`, `createChecker` / `Checker`
//! (`version` is `nianbao-js`'s). A thin translation layer — no rule logic lives here or in
//! JavaScript — over [`nianbao_js`]'s conversions. Links no importer: the browser API module
//! (`nianbao-wasm`: `pkg/web`, `pkg/bundler`) is this crate alone, so a page that checks a
//! form never downloads the importer (`cargo tree -p nianbao-wasm --target
//! wasm32-unknown-unknown` has no `nianbao-import`).
#![cfg(target_arch = "wasm32")]

// The core's modules at this crate's root and the JS layer's helpers: the code moved here
// keeps its paths.
#[allow(unused_imports)]
use nianbao::*;
use nianbao_js::{check_keys, error, field, got, install_panic_hook, js, last_panic, read_lang};

use crate::textnorm::concat;
use crate::Report;
use crate::{Checker, Options};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Reads a report object. `what` names it in messages ("report", "options.prev"). Also the
/// widget's `attach` options.
pub fn read_report(v: JsValue, what: &str) -> Result<Report, String> {
    if v.is_string() {
        return Err(concat(&[
            what,
            " must be an object such as {format: 'gb2021', year: 2023, cells: {…}}, got a \
             string (use JSON.parse for JSON text, parse() for text, HTML or TSV)",
        ]));
    }
    if !v.is_object() || js_sys::Array::is_array(&v) {
        return Err(concat(&[
            what,
            &got(
                " must be an object such as {format: 'gb2021', year: 2023, cells: {…}}, got ",
                &v,
            ),
        ]));
    }
    js::read_report(&v).map_err(|e| concat(&[what, ": ", &e]))
}

/// Reads `{lang, prev}` (and `pending` for a checker: `live`); `undefined`/`null` mean the
/// defaults (Chinese, no last year, not pending).
fn read_options(v: JsValue, live: bool) -> Result<Options, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(Options::default());
    }
    if !v.is_object() || js_sys::Array::is_array(&v) {
        return Err(got(
            "options must be an object such as {lang: 'en'}, got ",
            &v,
        ));
    }
    let keys: &[&str] = if live {
        &["lang", "prev", "pending"]
    } else {
        &["lang", "prev"]
    };
    check_keys(&v, keys, "options")?;
    let lang = read_lang(&field(&v, "lang"))?;
    let p = field(&v, "pending");
    let pending = match p.as_bool() {
        Some(b) => b,
        None if p.is_undefined() || p.is_null() => false,
        None => return Err(got("options.pending must be true or false, got ", &p)),
    };
    let prev = field(&v, "prev");
    let prev = if prev.is_undefined() || prev.is_null() {
        None
    } else {
        Some(read_report(prev, "options.prev")?)
    };
    Ok(Options {
        lang,
        prev,
        pending,
    })
}

// ---------------------------------------------------------------------------------------------
// validate, formats

/// Checks a whole report. Returns every diagnostic, errors first, then in table order.
#[wasm_bindgen]
pub fn validate(report: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    install_panic_hook();
    let f = |m| error("validate", m);
    let report = read_report(report, "report").map_err(f)?;
    let opts = read_options(options, false).map_err(f)?;
    let v = nianbao::validate(&report, &opts).map_err(|e| f(e.message()))?;
    js::diagnostics(&v.diagnostics).map_err(f)
}

// The JS wrapper's bulk path (js/validate.js, spliced into the API modules' glue by
// scripts/build-wasm.sh): the cells cross as one string instead of a call and a copy per key
// and per value. Not public: the splice keeps these two out of the module's exports.

/// The ids of a built-in format's cells in the format's order, each followed by NUL;
/// `undefined` for an unknown format.
#[cfg(feature = "bulk")]
#[wasm_bindgen(js_name = __cellIds)]
pub fn cell_ids(format: &str) -> Option<String> {
    let f = crate::format::builtin(format)?;
    let mut out = String::new();
    for c in &f.cells {
        out.push_str(&c.id);
        out.push('\0');
    }
    Some(out)
}

/// `validate(report, options)` with the report's fields read in JS (`narrative` `undefined`
/// when absent) and its cells given as `values`: the text of every cell of `format` in the
/// format's order (blank for a cell the report does not hold), each followed by NUL. No call
/// back into JS for a field. `undefined` when `values` does not split into one text per cell
/// (a value holds a NUL): the wrapper then calls `validate` itself.
#[cfg(feature = "bulk")]
#[wasm_bindgen(js_name = __validateCells)]
#[allow(clippy::too_many_arguments)]
pub fn validate_cells(
    format: JsValue,
    year: JsValue,
    title: JsValue,
    missing: JsValue,
    narrative: JsValue,
    values: &str,
    options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let f = |m| error("validate", m);
    let narrative = (!narrative.is_undefined()).then_some(narrative);
    let mut fields = [
        Some(format),
        Some(year),
        Some(title),
        Some(missing),
        narrative,
    ];
    let mut get = |k: &str| {
        let at = ["format", "year", "title", "missing", "narrative"]
            .iter()
            .position(|x| *x == k)?;
        fields[at].take()
    };
    let report = js::read_fields(&mut get).map_err(|e| f(concat(&["report: ", &e])))?;
    let opts = read_options(options, false).map_err(f)?;
    let Some(cells) = crate::format::builtin(&report.format).map(|f| f.cells.len()) else {
        return Ok(JsValue::UNDEFINED);
    };
    let mut raw = Vec::with_capacity(cells);
    let mut rest = values;
    while let Some(end) = rest.bytes().position(|b| b == 0) {
        raw.push(rest[..end].to_string());
        rest = &rest[end + 1..];
    }
    if raw.len() != cells || !rest.is_empty() {
        return Ok(JsValue::UNDEFINED);
    }
    let v = nianbao::validate_indexed(&report, raw, &opts).map_err(|e| f(e.message()))?;
    js::diagnostics(&v.diagnostics).map_err(f)
}

/// The built-in formats (national ones first, then regional variants), as data: tables →
/// blocks → rows × columns with printed labels, and the flat list of cell ids.
#[wasm_bindgen]
pub fn formats() -> Result<JsValue, JsError> {
    install_panic_hook();
    // Built once (about 2 ms: every table, row and cell) and deep-frozen, so every later
    // call returns the same read-only array at no cost.
    thread_local! {
        static FORMATS: std::cell::OnceCell<JsValue> = const { std::cell::OnceCell::new() };
    }
    Ok(FORMATS.with(|c| {
        c.get_or_init(|| freeze(js::formats(crate::format::builtin_formats())))
            .clone()
    }))
}

/// `Object.freeze`, applied to every object and array inside `v` too.
fn freeze(v: JsValue) -> JsValue {
    if v.is_object() {
        let o: &js_sys::Object = v.unchecked_ref();
        for x in js_sys::Object::values(o).iter() {
            freeze(x);
        }
        js_sys::Object::freeze(o);
    }
    v
}

// ---------------------------------------------------------------------------------------------
// Checker

/// An incremental checker over one report (JS class `Checker`).
#[wasm_bindgen(js_name = Checker)]
pub struct JsChecker {
    // `&self` methods plus our own RefCell: a call interrupted by a panic leaves this
    // borrowed, and the next call says so instead of using half-updated state.
    inner: RefCell<Checker>,
}

/// Same as `new Checker(formatOrReport, options)`.
#[wasm_bindgen(js_name = createChecker)]
pub fn create_checker(format_or_report: JsValue, options: JsValue) -> Result<JsChecker, JsError> {
    JsChecker::new(format_or_report, options)
}

impl JsChecker {
    fn inner(&self, function: &str) -> Result<std::cell::RefMut<'_, Checker>, JsError> {
        self.inner.try_borrow_mut().map_err(|_| {
            error(
                function,
                concat(&[
                    "this checker stopped after an internal error (",
                    last_panic().as_deref().unwrap_or("no message"),
                    "); create a new one",
                ]),
            )
        })
    }
}

/// Reads a `set` value: a string, a finite number (written as JS would), or null/undefined
/// for a blank cell.
fn read_raw(v: &JsValue) -> Result<String, String> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if v.is_undefined() || v.is_null() {
        return Ok(String::new());
    }
    if let Some(n) = v.as_f64() {
        if n.is_finite() {
            // JS's own number-to-text (`String(n)`, as `n.toString(10)`); no Rust float
            // formatting.
            return Ok(js::js_string(v));
        }
    }
    Err(got(
        "the value must be a string, a finite number or null, got ",
        v,
    ))
}

#[wasm_bindgen(js_class = Checker)]
impl JsChecker {
    /// `formatOrReport`: a format id (`'gb2021'`), a format object from `formats()` (its id is
    /// used), or a report object to start from. `options`: `{lang, prev, pending}`.
    #[wasm_bindgen(constructor)]
    pub fn new(format_or_report: JsValue, options: JsValue) -> Result<JsChecker, JsError> {
        install_panic_hook();
        let f = |m| error("createChecker", m);
        let opts = read_options(options, true).map_err(f)?;
        let report = start_report(format_or_report).map_err(f)?;
        let checker = Checker::from_report(&report, &opts).map_err(|e| f(e.message()))?;
        Ok(JsChecker {
            inner: RefCell::new(checker),
        })
    }

    /// Sets one cell's raw text; returns `{appeared, cleared, updated}`.
    pub fn set(&self, cell_id: JsValue, raw: JsValue) -> Result<JsValue, JsError> {
        install_panic_hook();
        let f = |m| error("Checker.set", m);
        let Some(id) = cell_id.as_string() else {
            return Err(f(got(
                "cellId must be a string such as 's3.new.natural', got ",
                &cell_id,
            )));
        };
        let raw = read_raw(&raw).map_err(f)?;
        let mut c = self.inner("Checker.set")?;
        let change = c.set(&id, &raw).map_err(|e| f(e.message()))?;
        js::change(&change).map_err(f)
    }

    /// Judges every pending finding (blank part = 0, blank total → W-MISSING-TOTAL) and ends
    /// pending mode; returns `{appeared, cleared, updated}`.
    #[wasm_bindgen(js_name = checkAll)]
    pub fn check_all(&self) -> Result<JsValue, JsError> {
        install_panic_hook();
        let mut c = self.inner("Checker.checkAll")?;
        let change = c.check_all();
        js::change(&change).map_err(|m| error("Checker.checkAll", m))
    }

    /// How many findings wait for a blank cell (pending mode; 0 otherwise).
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> Result<u32, JsError> {
        let c = self.inner("Checker.pending")?;
        Ok(c.pending_count() as u32)
    }

    /// Every current diagnostic, errors first, then in table order.
    pub fn diagnostics(&self) -> Result<JsValue, JsError> {
        install_panic_hook();
        let c = self.inner("Checker.diagnostics")?;
        js::diagnostics(&c.diagnostics()).map_err(|m| error("Checker.diagnostics", m))
    }

    /// The report as it stands (raw text of every non-blank cell).
    pub fn report(&self) -> Result<JsValue, JsError> {
        install_panic_hook();
        let c = self.inner("Checker.report")?;
        Ok(js::report(&c.report()))
    }

    /// The id of the checker's format.
    #[wasm_bindgen(getter)]
    pub fn format(&self) -> Result<String, JsError> {
        let c = self.inner("Checker.format")?;
        Ok(c.format().id.into())
    }
}

/// The report a checker starts from: a blank one for a format id or format object, else the
/// given report.
fn start_report(v: JsValue) -> Result<Report, String> {
    if let Some(id) = v.as_string() {
        return Ok(Report::new(&id, None));
    }
    if v.is_object() && !js_sys::Array::is_array(&v) {
        let get = |k: &str| js::reflect_get(&v, &JsValue::from_str(k)).ok();
        let is_report = get("format").is_some_and(|f| f.is_string());
        if !is_report {
            let id = get("id").and_then(|x| x.as_string());
            let cells = get("cells").is_some_and(|c| js_sys::Array::is_array(&c));
            if let (Some(id), true) = (id, cells) {
                return Ok(Report::new(&id, None));
            }
        }
        return read_report(v, "report");
    }
    Err(got(
        "expected a format id such as 'gb2021', a format from formats() or a report object, got ",
        &v,
    ))
}
