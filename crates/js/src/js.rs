//! How core values look in JavaScript: plain objects, `null` for `None`, fields the core
//! skips left out, so a JS object has exactly the fields the CLI's `--json` output has.
//!
//! Diagnostics, formats and reports (and, in crates/parse, the importer's notes) are built field by field here (one
//! small routine per type instead of `serde_wasm_bindgen`'s serializer instantiated for each),
//! repeating their `Serialize` field names, order and skip rules; `tests/web.rs` compares
//! them with the core's own serde output. Diagnostics (many per call, on every keystroke) are
//! written as one JSON text and parsed by one `JSON.parse` ([`Json`]); formats and reports as
//! objects.
//!
//! Reports come in the same way ([`read_report`]): field by field, with the messages
//! `serde_wasm_bindgen::from_value::<Report>` gave word for word (hosts and tests match on
//! them; a quoted string value escapes fewer rare characters, see `debug_quote`), so neither
//! its deserializer nor Rust's float formatting is linked.
//!
//! A diagnostic's numbers are [`Num`]s and become JS numbers: exact up to 2^53, the nearest
//! double beyond (a 17-digit typo in a cell still serialises).

use crate::diagnostic::{Diagnostic, Fix, Status};
use crate::format::{Block, Cell, Column, Format, Layout, Row, Table, ValueKind};
use crate::num::{u64_text, Num};
use crate::report::Cells;
use crate::rules::Severity;
use crate::textnorm::concat;
use crate::{Change, Report};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A JSON text written value by value, for one `JSON.parse` in JS: a whole result crosses
/// as one string instead of a `Reflect.set` and a string copy per field (the diagnostics of
/// `validate` and of a checker's changes). Numbers are written as their exact decimals, which
/// `JSON.parse` rounds to the double [`Num::as_f64`] gives (the nearest, ties to even).
pub struct Json(String);

// `new` starts an empty text: not a value to default to.
#[allow(clippy::new_without_default)]
impl Json {
    pub fn new() -> Json {
        Json(String::new())
    }

    /// Punctuation, written as it is.
    pub fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// `"k":`, after a comma unless it opens the object (the names are the same literals the
    /// rest of the module uses).
    pub fn key(&mut self, k: &str) {
        if !self.0.ends_with('{') {
            self.0.push(',');
        }
        self.0.push('"');
        self.0.push_str(k);
        self.0.push_str("\":");
    }

    /// A JSON string: quotes, backslashes and control characters escaped (`\u00XX`), the rest
    /// as it is.
    pub fn text(&mut self, s: &str) {
        self.0.push('"');
        let b = s.as_bytes();
        let mut run = 0;
        for i in 0..b.len() {
            let c = b[i];
            if c < 0x20 || c == b'"' || c == b'\\' {
                self.0.push_str(&s[run..i]);
                run = i + 1;
                self.0.push_str("\\u00");
                for d in [c >> 4, c & 15] {
                    self.0.push(char::from(b"0123456789abcdef"[usize::from(d)]));
                }
            }
        }
        self.0.push_str(&s[run..]);
        self.0.push('"');
    }

    fn opt_num(&mut self, n: Option<Num>) {
        match n {
            Some(n) => n.push_text(&mut self.0),
            None => self.0.push_str("null"),
        }
    }

    /// `[a,b,…]`, each item written by `each`.
    pub fn list<T>(&mut self, items: &[T], each: fn(&mut Json, &T)) {
        self.0.push('[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            each(self, x);
        }
        self.0.push(']');
    }

    fn texts(&mut self, v: &[String]) {
        self.list(v, |j, s| j.text(s));
    }

    /// The text parsed by `JSON.parse`.
    pub fn parse(self) -> JsValue {
        json_parse(&self.0)
    }
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` bound without a catch (js-sys's has one): our text is valid JSON by
    /// construction, so no error handling is linked for it.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;
}

fn fix(j: &mut Json, f: &Fix) {
    let Fix { cell, value } = f;
    j.raw("{");
    j.key("cell");
    j.text(cell);
    j.key("value");
    j.opt_num(Some(*value));
    j.raw("}");
}

/// A [`Diagnostic`] with the fields, order and omissions of its `Serialize`, numbers as JS
/// numbers.
fn diagnostic(j: &mut Json, d: &Diagnostic) {
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
    j.raw("{");
    j.key("rule");
    j.text(rule.as_str());
    j.key("key");
    j.text(key);
    j.key("severity");
    j.text(match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    });
    j.key("status");
    j.text(match status {
        Status::Fail => "fail",
        Status::Incomplete => "incomplete",
    });
    j.key("target");
    match target {
        Some(t) => j.text(t),
        None => j.raw("null"),
    }
    j.key("cells");
    j.texts(cells);
    if !prev_cells.is_empty() {
        j.key("prev_cells");
        j.texts(prev_cells);
    }
    j.key("expected");
    j.opt_num(*expected);
    j.key("actual");
    j.opt_num(*actual);
    j.key("delta");
    j.opt_num(*delta);
    j.key("message");
    j.text(message);
    if let Some(f) = fix_value {
        j.key("fix");
        fix(j, f);
    }
    if let Some(f) = pinpoint {
        j.key("pinpoint");
        fix(j, f);
    }
    if let Some(q) = quote {
        j.key("quote");
        j.text(q);
    }
    j.raw("}");
}

pub fn diagnostics(ds: &[Diagnostic]) -> Result<JsValue, String> {
    let mut j = Json::new();
    j.list(ds, diagnostic);
    Ok(j.parse())
}

/// `{appeared, cleared, updated}`, in that order, as a plain object.
pub fn change(c: &Change) -> Result<JsValue, String> {
    let Change {
        appeared,
        cleared,
        updated,
    } = c;
    let mut j = Json::new();
    j.raw("{");
    change_fields(&mut j, appeared, cleared, updated);
    j.raw("}");
    Ok(j.parse())
}

fn change_fields(
    j: &mut Json,
    appeared: &[Diagnostic],
    cleared: &[Diagnostic],
    updated: &[Diagnostic],
) {
    j.key("appeared");
    j.list(appeared, diagnostic);
    j.key("cleared");
    j.list(cleared, diagnostic);
    j.key("updated");
    j.list(updated, diagnostic);
}

/// The detail of the widget's `nianbao:diagnostics` event, sent on every keystroke that changes
/// a value, as JSON: `{diagnostics, appeared, cleared, updated, errors, warnings, format}` (the
/// widget's glue parses it when a listener reads it: js/detail.js).
pub fn diagnostics_event(
    all: &[Diagnostic],
    change: [&[Diagnostic]; 3],
    errors: usize,
    format: &str,
) -> String {
    let mut j = Json::new();
    j.raw("{");
    j.key("diagnostics");
    j.list(all, diagnostic);
    change_fields(&mut j, change[0], change[1], change[2]);
    j.key("errors");
    j.raw(&u64_text(errors as u64));
    j.key("warnings");
    j.raw(&u64_text((all.len() - errors) as u64));
    j.key("format");
    j.text(format);
    j.raw("}");
    j.0
}

// ---------------------------------------------------------------------------------------------
// Formats and reports, built field by field: the same plain objects `to_js` would give
// (`tests/web.rs` compares them with the core's serde output), without instantiating the
// serializer for every format type.

/// A plain object filled in order.
pub struct Obj(js_sys::Object);

// `new` creates a JS object: not a value to default to.
#[allow(clippy::new_without_default)]
impl Obj {
    pub fn new() -> Obj {
        Obj(js_sys::Object::new())
    }

    pub fn set(&self, key: &str, value: &JsValue) {
        // Setting a property of a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), value);
    }

    pub fn text(&self, key: &str, value: &str) {
        self.set(key, &JsValue::from_str(value));
    }

    pub fn done(self) -> JsValue {
        self.0.into()
    }
}

pub fn opt_text(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

fn texts(v: &[String]) -> JsValue {
    array(v, |s| JsValue::from_str(s))
}

/// Format text lists borrow the static data.
fn strs(v: &[&str]) -> JsValue {
    array(v, |s| JsValue::from_str(s))
}

pub fn array<T>(items: &[T], each: fn(&T) -> JsValue) -> JsValue {
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
    o.text("id", f.id);
    o.text("base", f.base);
    o.text("name", f.name);
    o.text("name_en", f.name_en);
    o.text("doc", f.doc);
    o.set("first_year", &f.first_year.into());
    o.set(
        "last_year",
        &f.last_year.map_or(JsValue::NULL, JsValue::from),
    );
    o.set("signals", &strs(f.signals));
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
    o.set("aliases", &strs(aliases));
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
    o.set("parents", &strs(parents));
    o.set("aliases", &strs(aliases));
    o.done()
}

fn cell(c: &Cell) -> JsValue {
    let o = Obj::new();
    o.text("id", &c.id);
    o.text("table", c.table);
    o.text("block", c.block);
    o.text("row", c.row);
    o.text("column", c.column);
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

// ---------------------------------------------------------------------------------------------
// Reading a report: what `serde_wasm_bindgen::from_value::<Report>` did, message for message.
// It read the struct's fields in declaration order (`obj[name]`, absent when `undefined` and
// not `name in obj`), stopped at the first error, and only then reported a missing `format`;
// maps and sequences went through `js_sys::try_iter`, whose JS errors became messages.

#[wasm_bindgen]
extern "C" {
    /// JS `String(v)`: a number as JS prints it, a thrown value's "Name: message".
    #[wasm_bindgen(js_name = String)]
    pub fn js_string(v: &JsValue) -> String;
    /// `Object.prototype.toString.call(v)`: `"[object Map]"`.
    #[wasm_bindgen(js_namespace = ["Object", "prototype", "toString"], js_name = call)]
    fn object_tag(v: &JsValue) -> String;
}

/// A thrown JS value as `serde_wasm_bindgen` worded it (`String(e)` minus "Error: ").
fn thrown(e: JsValue) -> String {
    let s = js_string(&e);
    match s.strip_prefix("Error: ") {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

fn nullish(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

fn is_bytes(v: &JsValue) -> bool {
    v.dyn_ref::<js_sys::Uint8Array>().is_some() || v.dyn_ref::<js_sys::ArrayBuffer>().is_some()
}

/// `Number.isSafeInteger(n)`.
fn safe_integer(n: f64) -> bool {
    n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0
}

/// What Rust's `f64` `Display` prints (no exponent; `NaN`, `inf`), built from JS's text
/// (the same shortest digits) so that no Rust float formatting is linked.
fn float_text(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "inf" } else { "-inf" }.into();
    }
    if n == 0.0 {
        return if n.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let s = js_string(&JsValue::from_f64(n));
    // JS writes 1e21 and up, and below 1e-6, as `d.ddde±x` (the exponent always signed).
    let Some((mantissa, exp)) = s.split_once('e') else {
        return s;
    };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = concat(&[int, frac]);
    let magnitude = exp[1..]
        .bytes()
        .fold(0, |e, d| e * 10 + isize::from(d - b'0'));
    let exp = if exp.starts_with('-') {
        -magnitude
    } else {
        magnitude
    };
    // The digits with the point moved `exp` places, zeros filled in.
    let point = int.len() as isize + exp;
    let mut out = String::from(sign);
    if point <= 0 {
        out.push_str("0.");
        zeros(&mut out, -point);
        out.push_str(&digits);
    } else if point as usize >= digits.len() {
        out.push_str(&digits);
        zeros(&mut out, point - digits.len() as isize);
    } else {
        let (a, b) = digits.split_at(point as usize);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    }
    out
}

fn zeros(out: &mut String, n: isize) {
    for _ in 0..n {
        out.push('0');
    }
}

/// serde's `Unexpected` text for a JS value, as `serde_wasm_bindgen` chose it.
fn unexpected(v: &JsValue) -> String {
    if nullish(v) {
        "unit value".into()
    } else if let Some(b) = v.as_bool() {
        concat(&["boolean `", if b { "true" } else { "false" }, "`"])
    } else if let Some(n) = v.as_f64() {
        let mut t = float_text(n);
        if n.is_finite() && !t.contains('.') {
            t.push_str(".0");
        }
        concat(&["floating point `", &t, "`"])
    } else if let Some(s) = v.as_string() {
        let mut t = String::from("string ");
        debug_quote(&mut t, &clip(&s, CLIP));
        t
    } else if is_bytes(v) {
        "byte array".into()
    } else {
        concat(&["JsValue(", &clip(&js_debug(v), CLIP), ")"])
    }
}

/// What `{:?}` of a `JsValue` prints inside `JsValue(…)` (wasm-bindgen's `debugString`),
/// spelt out: browser builds compile `{:?}` to nothing.
fn js_debug(v: &JsValue) -> String {
    if v.is_string() {
        return js_sys::JSON::stringify(v)
            .map(String::from)
            .unwrap_or_default();
    }
    if v.is_bigint() {
        return js_string(v) + "n";
    }
    if v.is_symbol() {
        return match v.unchecked_ref::<js_sys::Symbol>().description() {
            Some(d) => concat(&["Symbol(", &String::from(d), ")"]),
            None => "Symbol".into(),
        };
    }
    if v.is_function() {
        return match get_field(v, "name").and_then(|n| n.as_string()) {
            Some(n) if !n.is_empty() => concat(&["Function(", &n, ")"]),
            _ => "Function".into(),
        };
    }
    if v.is_null() || !v.is_object() {
        return js_string(v); // numbers, booleans, undefined, null
    }
    if let Some(a) = v.dyn_ref::<js_sys::Array>() {
        let mut out = String::from("[");
        let _ = each(a, &mut |x| {
            if out.len() > 1 {
                out.push_str(", ");
            }
            out.push_str(&js_debug(&x));
            Ok(())
        });
        out.push(']');
        return out;
    }
    if v.dyn_ref::<js_sys::Error>().is_some() {
        // `e.name` and `e.message` as js-sys's getters read them (a non-string throws), but
        // through the one `Reflect.get` import.
        let text = |key: &str| {
            reflect_get(v, &JsValue::from_str(key))
                .unwrap_or_else(|e| wasm_bindgen::throw_val(e))
                .as_string()
                .unwrap_throw()
        };
        let stack = get_field(v, "stack")
            .map(|s| js_string(&s))
            .unwrap_or_default();
        return concat(&[&text("name"), ": ", &text("message"), "\n", &stack]);
    }
    let tag = object_tag(v);
    match tag
        .strip_prefix("[object ")
        .and_then(|t| t.strip_suffix(']'))
    {
        Some("Object") => match js_sys::JSON::stringify(v) {
            Ok(j) => concat(&["Object(", &String::from(j), ")"]),
            Err(_) => "Object".into(),
        },
        Some(class) if !class.is_empty() => class.into(),
        _ => tag,
    }
}

/// `s` quoted as Rust's `{:?}` prints a string (browser builds compile `{:?}` to nothing) for
/// the characters a reader must see: quotes, backslashes, control characters, and invisible or
/// combining ones. Rust's full rule (Unicode's printable and grapheme-extend tables) would
/// cost ~3 KB of wasm for error messages alone; other characters are shown as they are.
fn debug_quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\0' => "\\0",
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{a0}'
            | '\u{ad}'
            | '\u{300}'..='\u{36f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}' => "",
            _ => {
                out.push(c);
                continue;
            }
        };
        if escape.is_empty() {
            out.push_str("\\u{");
            let v = c as u32;
            let mut shift = 20;
            while shift > 0 && v >> shift == 0 {
                shift -= 4;
            }
            loop {
                out.push(char::from(b"0123456789abcdef"[(v >> shift & 15) as usize]));
                if shift == 0 {
                    break;
                }
                shift -= 4;
            }
            out.push('}');
        } else {
            out.push_str(escape);
        }
    }
    out.push('"');
}

/// How many characters of a value a message quotes: a 10 MB bad value is not echoed whole.
pub(crate) const CLIP: u64 = 40;

/// `s` as a message quotes it: whole when short, else its first `max` characters and
/// "…(N characters)".
pub(crate) fn clip(s: &str, max: u64) -> String {
    // Characters counted by their first bytes, in one pass (`chars().count()` would link its
    // unrolled counting loop for error messages alone).
    let (mut chars, mut cut) = (0u64, s.len());
    for (i, b) in s.bytes().enumerate() {
        if b & 0xc0 != 0x80 {
            if chars == max {
                cut = i;
            }
            chars += 1;
        }
    }
    if cut == s.len() {
        return s.to_string();
    }
    concat(&[&s[..cut], "…(", &u64_text(chars), " characters)"])
}

fn invalid_type(v: &JsValue, expected: &str) -> String {
    concat(&["invalid type: ", &unexpected(v), ", expected ", expected])
}

/// `Reflect.get(obj, key)` through the binding `js_sys::try_iter` uses (`get_symbol` is
/// `Reflect.get` for any key): one JS import instead of two.
pub fn reflect_get(obj: &JsValue, key: &JsValue) -> Result<JsValue, JsValue> {
    Reflect::get_symbol::<JsValue>(obj.unchecked_ref(), key.unchecked_ref())
}

/// `obj[key]`, or `None` when the key is absent; a throwing getter throws on, as it did.
pub fn get_field(obj: &JsValue, key: &str) -> Option<JsValue> {
    let key = JsValue::from_str(key);
    let v = reflect_get(obj, &key).unwrap_or_else(|e| wasm_bindgen::throw_val(e));
    let absent =
        v.is_undefined() && !Reflect::has(obj, &key).unwrap_or_else(|e| wasm_bindgen::throw_val(e));
    (!absent).then_some(v)
}

pub fn string(v: JsValue) -> Result<String, String> {
    v.as_string().ok_or_else(|| invalid_type(&v, "a string"))
}

fn opt_string(v: JsValue) -> Result<Option<String>, String> {
    if nullish(&v) {
        return Ok(None);
    }
    string(v).map(Some)
}

fn year(v: JsValue) -> Result<Option<u16>, String> {
    if nullish(&v) {
        return Ok(None);
    }
    if let Some(n) = v.as_f64() {
        if safe_integer(n) && n >= 0.0 {
            let i = n as u64;
            return u16::try_from(i).map(Some).map_err(|_| {
                concat(&["invalid value: integer `", &u64_text(i), "`, expected u16"])
            });
        }
    }
    Err(invalid_type(&v, "u16"))
}

/// Calls `f` on each element of an array, by index (one loop for every array read, not
/// one `ArrayIter` per item type).
pub fn each(a: &Array, f: &mut dyn FnMut(JsValue) -> Result<(), String>) -> Result<(), String> {
    for i in 0..a.length() {
        f(a.get(i))?;
    }
    Ok(())
}

/// Calls `f` on each item of a JS iterable, JS errors as their text; `Ok(false)` when `v` is
/// not iterable.
fn each_item(
    v: &JsValue,
    f: &mut dyn FnMut(JsValue) -> Result<(), String>,
) -> Result<bool, String> {
    let Some(items) = js_sys::try_iter(v).map_err(thrown)? else {
        return Ok(false);
    };
    for x in items {
        f(x.map_err(thrown)?)?;
    }
    Ok(true)
}

/// `missing`: an array or other iterable of strings.
fn strings(v: &JsValue) -> Result<Vec<String>, String> {
    if !v.is_object() {
        // A string is iterable too, but is no list of cell ids.
        return Err(got_field("missing", "an array of cell ids", v));
    }
    let mut out = Vec::new();
    let mut add = |x: JsValue| -> Result<(), String> {
        out.push(string(x)?);
        Ok(())
    };
    if Array::is_array(v) {
        each(v.unchecked_ref(), &mut add)?;
    } else if !each_item(v, &mut add)? {
        return Err(invalid_type(v, "a sequence"));
    }
    Ok(out)
}

/// `cells`: an iterable of `[id, value]` pairs (a `Map`) or an object.
fn cells(v: &JsValue) -> Result<Cells, String> {
    if !v.is_object() {
        return Err(got_field(
            "cells",
            "an object mapping cell ids to their text",
            v,
        ));
    }
    // Collected in the caller's order and sorted once (inserting each into a sorted list
    // moved half of it per cell).
    let mut out = Vec::new();
    let add = |out: &mut Vec<(String, String)>, k: JsValue, v: JsValue| -> Result<(), String> {
        let k = string(k)?;
        out.push((k, cell_text(&v)?));
        Ok(())
    };
    let pair = |out: &mut Vec<(String, String)>, pair: JsValue| {
        let pair = pair.unchecked_into::<Array>();
        add(out, pair.get(0), pair.get(1))
    };
    if !each_item(v, &mut |p| pair(&mut out, p))? {
        // `Object.keys` and `Object.values`: two flat arrays instead of `Object.entries`' pair
        // array per cell (a third of the time in V8); the same own enumerable properties in
        // the same order, each value read once. A getter that adds or removes properties
        // makes the two disagree: then it is `Object.entries` after all.
        let o: &Object = v.unchecked_ref();
        let (keys, values) = (Object::keys(o), Object::values(o));
        if keys.length() == values.length() {
            for i in 0..keys.length() {
                add(&mut out, keys.get(i), values.get(i))?;
            }
        } else {
            each(&Object::entries(o), &mut |p| pair(&mut out, p))?;
        }
    }
    Ok(Cells::from_pairs(out))
}

/// A cell's value: text, a number (as Rust would print it), null/undefined for blank.
fn cell_text(v: &JsValue) -> Result<String, String> {
    const EXPECTED: &str = "a cell's text (string or number)";
    // Text first: nearly every cell is a string, and each test below is a call into JS
    // (the tests exclude each other, so the order changes no outcome).
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    let other = |what: &str| Err(concat(&["invalid type: ", what, ", expected ", EXPECTED]));
    if nullish(v) {
        return Ok(String::new());
    }
    if v.as_bool().is_some() {
        return Err(invalid_type(v, EXPECTED));
    }
    if v.is_bigint() {
        // Within i64::MIN..=u64::MAX, JS's decimal text is what Rust printed for the i64/u64.
        let s = js_string(v);
        let (digits, max) = match s.strip_prefix('-') {
            Some(d) => (d, "9223372036854775808"),
            None => (s.as_str(), "18446744073709551615"),
        };
        if digits.len() < max.len() || (digits.len() == max.len() && digits <= max) {
            return Ok(s);
        }
        return Err("Couldn't deserialize i64 or u64 from a BigInt outside \
                    i64::MIN..u64::MAX bounds"
            .into());
    }
    if let Some(n) = v.as_f64() {
        // A safe integer went through i64, so -0 printed as 0.
        return Ok(if n == 0.0 { "0".into() } else { float_text(n) });
    }
    if Array::is_array(v) {
        return other("sequence");
    }
    if is_bytes(v) {
        return other("byte array");
    }
    let iterable = || {
        Reflect::has(v, &js_sys::Symbol::iterator().into())
            .unwrap_or_else(|e| wasm_bindgen::throw_val(e))
    };
    if v.is_object() && (!iterable() || v.dyn_ref::<js_sys::Map>().is_some()) {
        // Read as a map first, as it was, then refused.
        if js_sys::try_iter(v).map_err(thrown)?.is_none() {
            Object::entries(v.unchecked_ref());
        }
        return other("map");
    }
    Err(invalid_type(v, EXPECTED))
}

/// "`field` must be `expected`, got null": a field that is no object, named (reading it would
/// have failed deep inside JS with "Reflect.get called on non-object").
fn got_field(field: &str, expected: &str, v: &JsValue) -> String {
    concat(&[field, " must be ", expected, ", got ", super::describe(v)])
}

/// Reads a report object (the caller has checked it is a non-array object).
pub fn read_report(v: &JsValue) -> Result<Report, String> {
    read_fields(&mut |k| get_field(v, k))
}

/// Reads a report from its fields as `get` gives them (`None`: absent), in the order and with
/// the messages of [`read_report`]: also for the JS wrapper's bulk path, which has read the
/// fields (and the cells: `get("cells")` is then `None`) in JS.
pub fn read_fields(get: &mut dyn FnMut(&str) -> Option<JsValue>) -> Result<Report, String> {
    let format = match get("format") {
        Some(f) => Some(string(f)?),
        None => None,
    };
    let mut r = Report::default();
    if let Some(y) = get("year") {
        r.year = year(y)?;
    }
    if let Some(t) = get("title") {
        r.title = opt_string(t)?;
    }
    // `undefined` is absent (as serde had it), not an error.
    if let Some(c) = get("cells").filter(|c| !c.is_undefined()) {
        r.cells = cells(&c)?;
    }
    if let Some(m) = get("missing").filter(|m| !m.is_undefined()) {
        r.missing = strings(&m)?;
    }
    if let Some(n) = get("narrative") {
        r.narrative = string(n)?;
    }
    r.format = format.ok_or("missing field `format`")?;
    Ok(r)
}
