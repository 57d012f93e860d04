//! The JavaScript value layer every nianbao JS module links (the API `nianbao-api`, the
//! importer `nianbao-parse`, the widget, Node): conversions of core values ([`js`]), argument
//! checking and error messages, the panic hook and `version`. No rule logic and no importer.
//!
//! * Arguments arrive as JS values and are read field by field (reports in [`js`], with the
//!   messages `serde_wasm_bindgen` used to give); no JSON text is parsed in Rust, so
//!   `serde_json` stays out of the `.wasm`.
//! * Results leave through [`js`], built field by field: plain objects, `null` for absent
//!   optionals, numbers as numbers; diagnostics have exactly the fields of
//!   [`nianbao::Diagnostic`], formats, reports and notes those of their `Serialize`.
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
//! The modules (one cdylib each, see ARCHITECTURE.md): `nianbao-wasm` (`pkg/web`,
//! `pkg/bundler`: the API, no importer), `nianbao-parse-wasm` (`pkg/web-parse`,
//! `pkg/bundler-parse`: `parse`, `pairReports`), `nianbao-widget` and `nianbao-node` (both).
#![cfg(target_arch = "wasm32")]

pub mod js;

// The core's modules at this crate's root: the moved files keep their `crate::…` paths.
#[allow(unused_imports)]
use nianbao::*;

use crate::textnorm::concat;
use crate::Lang;
#[cfg(not(panic = "immediate-abort"))]
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// ---------------------------------------------------------------------------------------------
// Panics

// With `-Cpanic=immediate-abort` (the browser builds) a panic traps at once and never reaches
// a hook, so the hook and its message store are left out there.
#[cfg(not(panic = "immediate-abort"))]
thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook once (called at the top of every export; cheap afterwards).
/// The widget (crates/widget) may call it too: there is one hook per module.
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

/// The thrown `Error`: "function: message". A message quoting long values (a megabyte format
/// id, thousands of unknown cell ids from the core) is cut short, never echoed whole.
pub fn error(function: &str, msg: String) -> JsError {
    JsError::new(&concat(&[function, ": ", &js::clip(&msg, 300)]))
}

/// `msg` followed by what `v` is ("…, got an array").
pub fn got(msg: &str, v: &JsValue) -> String {
    concat(&[msg, describe(v)])
}

/// The message of a thrown JS value (an `Error`'s message, a string, or what it is).
/// Used by the DOMParser walker and the widget.
pub fn js_error_text(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => describe(e).to_string(),
    }
}

pub fn describe(v: &JsValue) -> &'static str {
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

/// Rejects keys a host may have mistyped (`{lng: 'en'}` would otherwise be ignored).
pub fn check_keys(v: &JsValue, known: &[&str], what: &str) -> Result<(), String> {
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
            &crate::textnorm::join(known, ", "),
            ")",
        ]))
    })
}

/// `obj[key]`; a throwing getter throws on.
pub fn field(obj: &JsValue, key: &str) -> JsValue {
    js::reflect_get(obj, &JsValue::from_str(key)).unwrap_or_else(|e| wasm_bindgen::throw_val(e))
}

pub fn read_lang(v: &JsValue) -> Result<Lang, String> {
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

/// The package version (`Cargo.toml`'s).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
