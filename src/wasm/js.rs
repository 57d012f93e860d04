//! How core values look in JavaScript: plain objects, `null` for `None`, fields the core
//! skips left out, so a JS object has exactly the fields the CLI's `--json` output has.
//!
//! Diagnostics, formats and reports are built field by field here (one small routine per
//! type instead of `serde_wasm_bindgen`'s serializer instantiated for each), repeating their
//! `Serialize` field names, order and skip rules; `tests/web.rs` compares every one with the
//! core's own serde output. Everything else (the importer's notes) goes through [`to_js`].
//!
//! A diagnostic's numbers are [`Num`]s and become JS numbers: exact up to 2^53, the nearest
//! double beyond (a 17-digit typo in a cell still serialises).

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

/// A [`Num`] as a JS number: exact up to 2^53, the nearest double beyond (for an integer
/// this is what `i64 as f64` gives).
fn number(n: Num) -> JsValue {
    JsValue::from_f64(n.as_f64())
}

fn opt_number(n: Option<Num>) -> JsValue {
    n.map_or(JsValue::NULL, number)
}

fn fix(f: &Fix) -> JsValue {
    let Fix { cell, value } = f;
    let o = Obj::new();
    o.text("cell", cell);
    o.set("value", &number(*value));
    o.done()
}

/// A [`Diagnostic`] with the fields, order and omissions of its `Serialize`, numbers as JS
/// numbers.
fn diagnostic(d: &Diagnostic) -> JsValue {
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
        fix: fix_value,
        pinpoint,
        quote,
    } = d;
    let o = Obj::new();
    o.text("rule", rule);
    o.text("key", key);
    let severity = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    o.text("severity", severity);
    let status = match status {
        Status::Fail => "fail",
        Status::Incomplete => "incomplete",
    };
    o.text("status", status);
    o.set("target", &opt_text(target.as_deref()));
    o.set("cells", &texts(cells));
    if !prev_cells.is_empty() {
        o.set("prev_cells", &texts(prev_cells));
    }
    o.set("expected", &opt_number(*expected));
    o.set("actual", &opt_number(*actual));
    o.set("delta", &opt_number(*delta));
    o.text("message", message);
    if let Some(f) = fix_value {
        o.set("fix", &fix(f));
    }
    if let Some(f) = pinpoint {
        o.set("pinpoint", &fix(f));
    }
    if let Some(q) = quote {
        o.text("quote", q);
    }
    o.done()
}

pub fn diagnostics(ds: &[Diagnostic]) -> Result<JsValue, String> {
    Ok(array(ds, diagnostic))
}

/// `{appeared, cleared, updated}`, in that order, as a plain object.
pub fn change(c: &Change) -> Result<JsValue, String> {
    let Change {
        appeared,
        cleared,
        updated,
    } = c;
    let o = Obj::new();
    o.set("appeared", &array(appeared, diagnostic));
    o.set("cleared", &array(cleared, diagnostic));
    o.set("updated", &array(updated, diagnostic));
    Ok(o.done())
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
