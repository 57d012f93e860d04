//! JavaScript API over the core: `validate`, `parse`, `pairReports`, `formats`,
//! `createChecker` / `Checker` and `version`. A thin translation layer — no rule logic lives here or in JavaScript.
//!
//! * Arguments arrive as JS values and are read field by field (reports in [`js`], with the
//!   messages `serde_wasm_bindgen` used to give); no JSON text is parsed in Rust, so
//!   `serde_json` stays out of the `.wasm`.
//! * Results leave through [`js`], built field by field: plain objects, `null` for absent
//!   optionals, numbers as numbers; diagnostics have exactly the fields of
//!   [`crate::Diagnostic`], formats, reports and notes those of their `Serialize`.
//! * Every failure is a JS `Error` whose message starts with the function name
//!   (`validate: unknown format 'gb2030' (known: …)`). Nothing here unwraps input.
//! * A residual panic (a bug) is logged with `console.error` by the hook installed on the
//!   first call (not in the browser builds: `-Cpanic=immediate-abort` aborts at the panic,
//!   before any hook); with `panic = "abort"` the call then throws a
//!   `WebAssembly.RuntimeError` (an `Error`, catchable). Later calls keep working: every function except the checker
//!   methods starts from fresh state, and a checker that was interrupted refuses further use
//!   with an `Error` naming the panic instead of answering from half-updated state. (What the
//!   interrupted call had allocated, heap and shadow stack, is not reclaimed.)
//!
//! Split builds (cargo features, set only by `scripts/build-wasm.sh`): the browser API
//! (`pkg/web`, `pkg/bundler`; feature `no-parse`) leaves `parse` and the whole importer out,
//! and the importer module (`pkg/web-parse`, `pkg/bundler-parse`; feature `parse-only`) has
//! only `parse`, `pairReports` and `version` — so a page that checks a form never downloads the importer.
//! The Node, widget and test builds have every export.
//!
//! HTML: in a browser `parse(html, {kind:'html'})` lets the page's own `DOMParser` build the
//! tree and walks its tables ([`html_dom`]), so the browser builds carry no HTML parser. The
//! Node build (feature `native-html`) uses the core's Rust reader instead. Both feed the
//! core's one grid → report step, `import::tables::report_from_tables`.

#[cfg(not(feature = "no-parse"))]
#[cfg(not(feature = "native-html"))]
mod html_dom;
// The split builds (features `no-parse`, `parse-only`) each use a part of the conversions.
#[cfg_attr(any(feature = "no-parse", feature = "parse-only"), allow(dead_code))]
pub mod js;

#[cfg(not(feature = "no-parse"))]
use crate::import::{self, InputKind, Note, ReadOptions};
use crate::textnorm::concat;
use crate::Lang;
use crate::Report;
#[cfg(not(feature = "parse-only"))]
use crate::{Checker, Options};
#[cfg(any(not(panic = "immediate-abort"), not(feature = "parse-only")))]
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// ---------------------------------------------------------------------------------------------
// Panics

#[cfg(all(feature = "no-parse", feature = "parse-only"))]
compile_error!("features `no-parse` and `parse-only` exclude each other");

// With `-Cpanic=immediate-abort` (the browser builds) a panic traps at once and never reaches
// a hook, so the hook and its message store are left out there.
#[cfg(not(panic = "immediate-abort"))]
thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook once (called at the top of every export; cheap afterwards).
/// The widget in `src/dom` may call it too: there is one hook per module.
pub fn install_panic_hook() {
    #[cfg(not(panic = "immediate-abort"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| std::panic::set_hook(Box::new(on_panic)));
    }
}

#[cfg(not(panic = "immediate-abort"))]
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    let msg = info.to_string().replace('\n', " ");
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "nianbao: internal error (a bug — please report it with the input): {msg}"
    )));
    LAST_PANIC.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            *p = Some(msg);
        }
    });
}

/// The message of the last panic, if any happened in this module instance.
pub fn last_panic() -> Option<String> {
    #[cfg(not(panic = "immediate-abort"))]
    return LAST_PANIC.with(|p| p.try_borrow().ok().and_then(|p| p.clone()));
    #[cfg(panic = "immediate-abort")]
    None
}

// ---------------------------------------------------------------------------------------------
// Arguments

fn error(function: &str, msg: String) -> JsError {
    JsError::new(&concat(&[function, ": ", &msg]))
}

/// `msg` followed by what `v` is ("…, got an array").
fn got(msg: &str, v: &JsValue) -> String {
    concat(&[msg, describe(v)])
}

/// The message of a thrown JS value (an `Error`'s message, a string, or what it is).
/// Used by the DOMParser walker and the widget, which a Node build may both lack.
#[cfg(any(
    all(not(feature = "native-html"), not(feature = "no-parse")),
    feature = "widget"
))]
pub(crate) fn js_error_text(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => describe(e).to_string(),
    }
}

fn describe(v: &JsValue) -> &'static str {
    if v.is_undefined() {
        "undefined"
    } else if v.is_null() {
        "null"
    } else if v.is_string() {
        "a string"
    } else if v.as_f64().is_some() {
        "a number"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if js_sys::Array::is_array(v) {
        "an array"
    } else if v.is_function() {
        "a function"
    } else if v.is_object() {
        "an object"
    } else {
        "not an object"
    }
}

#[cfg(not(feature = "parse-only"))]
/// Reads a report object. `what` names it in messages ("report", "options.prev").
fn read_report(v: JsValue, what: &str) -> Result<Report, String> {
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

/// Rejects keys a host may have mistyped (`{lng: 'en'}` would otherwise be ignored).
fn check_keys(v: &JsValue, known: &[&str], what: &str) -> Result<(), String> {
    let Some(o) = v.dyn_ref::<js_sys::Object>() else {
        return Ok(());
    };
    js::each(&js_sys::Object::keys(o), &mut |k| {
        let k = k.as_string().unwrap_or_default();
        if known.contains(&k.as_str()) {
            return Ok(());
        }
        Err(concat(&[
            what,
            ": unknown option '",
            &k,
            "' (known: ",
            &known.join(", "),
            ")",
        ]))
    })
}

/// `obj[key]`; a throwing getter throws on.
#[cfg(not(feature = "parse-only"))]
fn field(obj: &JsValue, key: &str) -> JsValue {
    js::reflect_get(obj, &JsValue::from_str(key)).unwrap_or_else(|e| wasm_bindgen::throw_val(e))
}

fn read_lang(v: &JsValue) -> Result<Lang, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(Lang::default());
    }
    match v.as_string().as_deref() {
        Some("zh") => Ok(Lang::Zh),
        Some("en") => Ok(Lang::En),
        Some(other) => Err(concat(&[
            "options.lang must be 'zh' or 'en', got '",
            other,
            "'",
        ])),
        None => Err(got("options.lang must be 'zh' or 'en', got ", v)),
    }
}

/// Reads `{lang, prev}` (and `pending` for a checker: `live`); `undefined`/`null` mean the
/// defaults (Chinese, no last year, not pending).
#[cfg(not(feature = "parse-only"))]
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
// validate, formats, version

/// Checks a whole report. Returns every diagnostic, errors first, then in table order.
#[cfg(not(feature = "parse-only"))]
#[wasm_bindgen]
pub fn validate(report: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    install_panic_hook();
    let f = |m| error("validate", m);
    let report = read_report(report, "report").map_err(f)?;
    let opts = read_options(options, false).map_err(f)?;
    let v = crate::validate(&report, &opts).map_err(|e| f(e.message()))?;
    js::diagnostics(&v.diagnostics).map_err(f)
}

/// The built-in formats (national ones first, then regional variants), as data: tables →
/// blocks → rows × columns with printed labels, and the flat list of cell ids.
#[cfg(not(feature = "parse-only"))]
#[wasm_bindgen]
pub fn formats() -> Result<JsValue, JsError> {
    install_panic_hook();
    Ok(js::formats(crate::format::builtin_formats()))
}

/// The package version (`Cargo.toml`'s).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

// ---------------------------------------------------------------------------------------------
// parse

/// Reads a document into a report plus the importer's notes. `input`: the document's text
/// (`kind` `'text'`, `'html'`, `'tsv'`) or its bytes as a `Uint8Array` / `ArrayBuffer` (`kind`
/// `'docx'`, `'xlsx'`; text kinds are decoded as UTF-8 or UTF-16 with BOM). `kind` is guessed
/// from the content when absent. `format` and `year` are given for documents that state
/// neither. Reading never fails: problems with the document are notes (level `fatal` when no
/// report could be read); only bad arguments throw.
#[cfg(not(feature = "no-parse"))]
#[wasm_bindgen]
pub fn parse(input: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    install_panic_hook();
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
                Ok(text) => import_html(text, &opts).map_err(f)?,
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

#[cfg(not(feature = "no-parse"))]
enum Input {
    Text(String),
    Bytes(Vec<u8>),
}

#[cfg(not(feature = "no-parse"))]
impl Input {
    fn bytes(&self) -> &[u8] {
        match self {
            Input::Text(t) => t.as_bytes(),
            Input::Bytes(b) => b,
        }
    }
}

/// A string, or bytes from a `Uint8Array` or `ArrayBuffer`.
#[cfg(not(feature = "no-parse"))]
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

#[cfg(not(feature = "no-parse"))]
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
#[cfg(not(feature = "no-parse"))]
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

/// Browser builds: the page's `DOMParser` (see [`html_dom`]).
#[cfg(not(feature = "no-parse"))]
#[cfg(not(feature = "native-html"))]
fn import_html(text: &str, opts: &ReadOptions) -> Result<(Report, Vec<Note>), String> {
    if !html_dom::available() {
        return Err(
            "this build reads HTML with the browser's DOMParser, which this JavaScript \
             environment lacks; in Node use the package's Node entry (require('nianbao'))"
                .into(),
        );
    }
    Ok(html_dom::import_html(text, opts))
}

/// The Node build (`--features native-html`): the core's HTML importer, as the CLI uses it.
#[cfg(not(feature = "no-parse"))]
#[cfg(feature = "native-html")]
fn import_html(text: &str, opts: &ReadOptions) -> Result<(Report, Vec<Note>), String> {
    Ok(import::read_document(
        text.as_bytes(),
        InputKind::Html,
        opts,
    ))
}

// ---------------------------------------------------------------------------------------------
// Checker

/// An incremental checker over one report (JS class `Checker`).
#[cfg(not(feature = "parse-only"))]
#[wasm_bindgen(js_name = Checker)]
pub struct JsChecker {
    // `&self` methods plus our own RefCell: a call interrupted by a panic leaves this
    // borrowed, and the next call says so instead of using half-updated state.
    inner: RefCell<Checker>,
}

/// Same as `new Checker(formatOrReport, options)`.
#[cfg(not(feature = "parse-only"))]
#[wasm_bindgen(js_name = createChecker)]
pub fn create_checker(format_or_report: JsValue, options: JsValue) -> Result<JsChecker, JsError> {
    JsChecker::new(format_or_report, options)
}

#[cfg(not(feature = "parse-only"))]
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
#[cfg(not(feature = "parse-only"))]
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

#[cfg(not(feature = "parse-only"))]
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
#[cfg(not(feature = "parse-only"))]
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
