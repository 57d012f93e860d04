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
use crate::format::{Block, Cell, Column, Format, Layout, Row, Table, ValueKind};
use crate::num::Num;
use crate::rules::Severity;
use crate::{Change, Report};
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

// ---------------------------------------------------------------------------------------------
// Formats and reports, built field by field: the same plain objects `to_js` would give
// (`tests/web.rs` compares them with the core's serde output), without instantiating the
// serializer for every format type.

/// A plain object filled in order.
struct Obj(js_sys::Object);

impl Obj {
    fn new() -> Obj {
        Obj(js_sys::Object::new())
    }

    fn set(&self, key: &str, value: &JsValue) {
        // Setting a property of a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), value);
    }

    fn text(&self, key: &str, value: &str) {
        self.set(key, &JsValue::from_str(value));
    }

    fn done(self) -> JsValue {
        self.0.into()
    }
}

fn opt_text(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

fn texts(v: &[String]) -> JsValue {
    array(v, |s| JsValue::from_str(s))
}

fn array<T>(items: &[T], each: fn(&T) -> JsValue) -> JsValue {
    let out = js_sys::Array::new();
    for x in items {
        out.push(&each(x));
    }
    out.into()
}

/// Its serde name (`rename_all = "snake_case"`).
fn kind(k: ValueKind) -> JsValue {
    JsValue::from_str(match k {
        ValueKind::Count => "count",
        ValueKind::Delta => "delta",
        ValueKind::AmountWan => "amount_wan",
        ValueKind::AmountAny => "amount_any",
    })
}

/// The built-in formats, as [`Format`]'s `Serialize` has them.
pub fn formats(list: &[Format]) -> JsValue {
    array(list, format)
}

fn format(f: &Format) -> JsValue {
    let o = Obj::new();
    o.text("id", &f.id);
    o.text("base", &f.base);
    o.text("name", &f.name);
    o.text("name_en", &f.name_en);
    o.text("doc", &f.doc);
    o.set("first_year", &f.first_year.into());
    o.set(
        "last_year",
        &f.last_year.map_or(JsValue::NULL, JsValue::from),
    );
    o.set("signals", &texts(&f.signals));
    o.set("tables", &array(&f.tables, table));
    o.set("cells", &array(&f.cells, cell));
    o.done()
}

fn table(t: &Table) -> JsValue {
    let Table {
        id,
        label,
        label_en,
        layout,
        note,
        blocks,
    } = t;
    let o = Obj::new();
    o.text("id", id);
    o.text("label", label);
    o.text("label_en", label_en);
    let layout = match layout {
        Layout::Rows => "rows",
        Layout::SingleRow => "single_row",
    };
    o.text("layout", layout);
    o.set("note", &opt_text(note.as_deref()));
    o.set("blocks", &array(blocks, block));
    o.done()
}

fn block(b: &Block) -> JsValue {
    let Block {
        id,
        caption,
        columns,
        rows,
    } = b;
    let o = Obj::new();
    o.text("id", id);
    o.text("caption", caption);
    o.set("columns", &array(columns, column));
    o.set("rows", &array(rows, row));
    o.done()
}

fn column(c: &Column) -> JsValue {
    let Column {
        id,
        label,
        label_en,
        parent,
        aliases,
        kind: k,
    } = c;
    let o = Obj::new();
    o.text("id", id);
    o.text("label", label);
    o.text("label_en", label_en);
    o.set("parent", &opt_text(parent.as_deref()));
    o.set("aliases", &texts(aliases));
    o.set("kind", &kind(*k));
    o.done()
}

fn row(r: &Row) -> JsValue {
    let Row {
        id,
        label,
        label_en,
        parents,
        aliases,
    } = r;
    let o = Obj::new();
    o.text("id", id);
    o.text("label", label);
    o.text("label_en", label_en);
    o.set("parents", &texts(parents));
    o.set("aliases", &texts(aliases));
    o.done()
}

fn cell(c: &Cell) -> JsValue {
    let o = Obj::new();
    o.text("id", &c.id);
    o.text("table", &c.table);
    o.text("block", &c.block);
    o.text("row", &c.row);
    o.text("column", &c.column);
    o.set("kind", &kind(c.kind));
    o.done()
}

/// A report, as [`Report`]'s `Serialize` has it (empty optionals left out).
pub fn report(r: &Report) -> JsValue {
    let Report {
        format,
        year,
        title,
        cells,
        missing,
        narrative,
    } = r;
    let o = Obj::new();
    o.text("format", format);
    if let Some(y) = year {
        o.set("year", &(*y).into());
    }
    if let Some(t) = title {
        o.text("title", t);
    }
    let c = Obj::new();
    for (k, v) in cells {
        c.text(k, v);
    }
    o.set("cells", &c.done());
    if !missing.is_empty() {
        o.set("missing", &texts(missing));
    }
    if !narrative.is_empty() {
        o.text("narrative", narrative);
    }
    o.done()
}

/// `parse`'s `{report, notes}`.
pub fn parsed(r: &Report, notes: &[crate::import::Note]) -> Result<JsValue, String> {
    let o = Obj::new();
    o.set("report", &report(r));
    o.set("notes", &to_js(notes)?);
    Ok(o.done())
}
