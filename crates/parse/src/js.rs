//! The importer's results in JavaScript, built field by field as [`nianbao_js::js`] builds the
//! core's (same rules: exactly the fields of the `Serialize` impls); with the rest of
//! [`nianbao_js::js`] re-exported.

use js_sys::Array;
use nianbao::report::Report;
use nianbao_import::Note;
pub use nianbao_js::js::*;
use wasm_bindgen::JsValue;

/// A [`Note`] as its `Serialize` has it (absent `cell`/`label` left out).
fn note(n: &Note) -> JsValue {
    let Note {
        level,
        code,
        message,
        cell,
        label,
        ..
    } = n;
    let o = Obj::new();
    o.text("level", level.as_str());
    o.text("code", code);
    o.text("message", message);
    if let Some(c) = cell {
        o.text("cell", c);
    }
    if let Some(l) = label {
        o.text("label", l);
    }
    o.done()
}

/// `parse`'s `{report, notes}`.
pub fn parsed(r: &Report, notes: &[Note]) -> Result<JsValue, String> {
    let o = Obj::new();
    o.set("report", &report(r));
    o.set("notes", &array(notes, note));
    Ok(o.done())
}

/// `pairReports`' result: `{agency, prev, candidates}` per report.
pub fn pairings(
    keys: &[(Option<String>, Option<u16>)],
    pairs: &[nianbao_import::review::Pairing],
) -> JsValue {
    let out = Array::new();
    for ((agency, _), p) in keys.iter().zip(pairs) {
        let o = Obj::new();
        o.set("agency", &opt_text(agency.as_deref()));
        o.set(
            "prev",
            &p.prev
                .map_or(JsValue::NULL, |i| JsValue::from_f64(i as f64)),
        );
        let c = Array::new();
        for &i in &p.candidates {
            c.push(&JsValue::from_f64(i as f64));
        }
        o.set("candidates", &c.into());
        out.push(&o.done());
    }
    out.into()
}
