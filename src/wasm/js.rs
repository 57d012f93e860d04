//! How core values look in JavaScript.
//!
//! Everything goes through [`to_js`] with `serde_wasm_bindgen`'s JSON-compatible serializer:
//! maps become plain objects, `None` becomes `null` and fields the core skips stay absent, so
//! a JS object has exactly the fields the CLI's `--json` output has. Lists of diagnostics and
//! the `{appeared, cleared, updated}` object are assembled here around one diagnostic at a
//! time (the same plain arrays and objects, less generic code).
//!
//! Diagnostics get a mirror type because their numbers are [`Num`]s: `Num` serialises
//! integers as `i64`, and `serde_wasm_bindgen` refuses an `i64` beyond 2^53 (a 17-digit typo
//! in a cell would make the whole call fail). The mirror turns every number into an `f64`
//! (exact up to 2^53, the nearest double beyond) and otherwise repeats the core's field names,
//! order and skip rules; `tests/web.rs` compares it with the core's own serialisation.

use crate::diagnostic::{Diagnostic, Fix, Status};
use crate::num::Num;
use crate::rules::Severity;
use crate::Change;
use serde::Serialize;
use wasm_bindgen::JsValue;

const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::json_compatible();

/// Serialises a value for JavaScript (plain objects, `null` for `None`, numbers as numbers).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
    value
        .serialize(&SERIALIZER)
        .map_err(|e| format!("could not convert the result for JavaScript: {e}"))
}

fn number(n: Num) -> f64 {
    match n.as_i64() {
        Some(i) => i as f64,
        None => n.as_f64(),
    }
}

#[derive(Serialize)]
pub struct JsFix<'a> {
    cell: &'a str,
    value: f64,
}

impl<'a> From<&'a Fix> for JsFix<'a> {
    fn from(f: &'a Fix) -> Self {
        JsFix {
            cell: &f.cell,
            value: number(f.value),
        }
    }
}

/// [`Diagnostic`] as JavaScript sees it: same fields, same order, same omissions.
#[derive(Serialize)]
pub struct JsDiagnostic<'a> {
    rule: &'a str,
    key: &'a str,
    severity: Severity,
    status: Status,
    target: Option<&'a str>,
    cells: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    prev_cells: &'a [String],
    expected: Option<f64>,
    actual: Option<f64>,
    delta: Option<f64>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsFix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pinpoint: Option<JsFix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        // Destructured so that a field added to `Diagnostic` fails to compile here.
        let Diagnostic {
            rule,
            key,
            severity,
            status,
            target,
            cells,
            prev_cells,
            expected,
            actual,
            delta,
            message,
            fix,
            pinpoint,
            quote,
        } = d;
        JsDiagnostic {
            rule,
            key,
            severity: *severity,
            status: *status,
            target: target.as_deref(),
            cells,
            prev_cells,
            expected: expected.map(number),
            actual: actual.map(number),
            delta: delta.map(number),
            message,
            fix: fix.as_ref().map(JsFix::from),
            pinpoint: pinpoint.as_ref().map(JsFix::from),
            quote: quote.as_deref(),
        }
    }
}

pub fn diagnostics(ds: &[Diagnostic]) -> Result<JsValue, String> {
    list(ds).map(JsValue::from)
}

/// An array of diagnostics, built here so that the serializer is instantiated for one
/// diagnostic only (not for each container).
fn list(ds: &[Diagnostic]) -> Result<js_sys::Array, String> {
    let out = js_sys::Array::new();
    for d in ds {
        out.push(&to_js(&JsDiagnostic::from(d))?);
    }
    Ok(out)
}

/// `{appeared, cleared, updated}`, in that order, as a plain object.
pub fn change(c: &Change) -> Result<JsValue, String> {
    let Change {
        appeared,
        cleared,
        updated,
    } = c;
    let o = js_sys::Object::new();
    for (k, v) in [
        ("appeared", appeared),
        ("cleared", cleared),
        ("updated", updated),
    ] {
        // Setting a property of a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &list(v)?.into());
    }
    Ok(o.into())
}
