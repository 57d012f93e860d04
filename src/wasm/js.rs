//! How core values look in JavaScript.
//!
//! Everything goes through [`to_js`] with `serde_wasm_bindgen`'s JSON-compatible serializer:
//! maps become plain objects, `None` becomes `null` and fields the core skips stay absent, so
//! a JS object has exactly the fields the CLI's `--json` output has.
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
    let v: Vec<JsDiagnostic> = ds.iter().map(JsDiagnostic::from).collect();
    to_js(&v)
}

fn list(v: &[Diagnostic]) -> Vec<JsDiagnostic<'_>> {
    v.iter().map(JsDiagnostic::from).collect()
}

#[derive(Serialize)]
struct JsChange<'a> {
    appeared: Vec<JsDiagnostic<'a>>,
    cleared: Vec<JsDiagnostic<'a>>,
    updated: Vec<JsDiagnostic<'a>>,
}

pub fn change(c: &Change) -> Result<JsValue, String> {
    let Change {
        appeared,
        cleared,
        updated,
    } = c;
    to_js(&JsChange {
        appeared: list(appeared),
        cleared: list(cleared),
        updated: list(updated),
    })
}
