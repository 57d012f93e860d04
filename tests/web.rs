//! The JavaScript API (crates/api, crates/parse, crates/js) in headless Chromium (wasm-bindgen-test):
//!
//!   cargo test --target wasm32-unknown-unknown --test web
//!
//! Every exported function is called as JavaScript would call it (JS values in, JS values
//! out). Results are compared exactly: with hand-written expectations, and with the core's
//! own serde output for the same input (`JSON.stringify(js) == serde_json::to_string(rust)`),
//! which pins that JS objects carry exactly the core's fields, order and omissions.
//! `parse(html)` goes through the page's `DOMParser` here and must give the very report the
//! core's Rust HTML reader gives.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Object, Reflect, JSON};
use nianbao::{Checker, Lang, Options, Report};
use nianbao_api::{create_checker, formats, validate, JsChecker};
use nianbao_js::version;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The browser modules' `parse` (crates/parse-wasm): HTML through the page's `DOMParser`.
fn parse(input: JsValue, options: JsValue) -> Result<JsValue, wasm_bindgen::JsError> {
    nianbao_parse::parse(input, options, nianbao_parse::dom_html)
}

const SEED_JSON: &str = include_str!("../examples/yichun-2020.json");
const SEED_TXT: &str = include_str!("../examples/yichun-2020.txt");
const JINJING_2019: &str = include_str!("fixtures/corpus/pingtan-jinjing-2019.html");
const SHENPI_2024: &str = include_str!("fixtures/corpus/pingtan-shenpi-2024.html");

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn seed_js() -> JsValue {
    js(SEED_JSON)
}

fn seed() -> Report {
    serde_json::from_str(SEED_JSON).unwrap()
}

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().into()
}

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

fn has(v: &JsValue, k: &str) -> bool {
    Reflect::has(v, &JsValue::from_str(k)).unwrap()
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

/// The JS `Error` a call threw: checks it is an `Error` and returns its message.
#[track_caller]
fn err_msg<T>(r: Result<T, wasm_bindgen::JsError>) -> String {
    let Err(e) = r else {
        panic!("expected an Error")
    };
    let e: JsValue = e.into();
    let e: Error = e.dyn_into().expect("an Error instance");
    e.message().into()
}

fn keys(list: &JsValue) -> Vec<String> {
    Array::from(list)
        .iter()
        .map(|d| get(&d, "key").as_string().unwrap())
        .collect()
}

fn known_formats() -> String {
    nianbao::format::builtin_formats()
        .iter()
        .map(|f| f.id)
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// validate

#[wasm_bindgen_test]
fn validate_seed_gives_the_cores_diagnostics_exactly() {
    let out = validate(seed_js(), JsValue::UNDEFINED).unwrap();
    let core = nianbao::validate(&seed(), &Options::default()).unwrap();
    assert_eq!(
        stringify(&out),
        serde_json::to_string(&core.diagnostics).unwrap()
    );
    assert_eq!(
        keys(&out),
        [
            "W-2019-CHANGE-LARGE:fees",
            "I-UNIT-IGNORED:s2.procurement.projects"
        ]
    );
    let w = Array::from(&out).get(0);
    assert_eq!(get(&w, "rule").as_string().unwrap(), "W-2019-CHANGE-LARGE");
    assert_eq!(get(&w, "severity").as_string().unwrap(), "warning");
    assert_eq!(get(&w, "status").as_string().unwrap(), "fail");
    assert_eq!(get(&w, "target").as_string().unwrap(), "s2.fees.change");
    assert_eq!(get(&w, "expected").as_f64(), Some(625.0));
    assert_eq!(get(&w, "actual").as_f64(), Some(1452.0));
    assert_eq!(get(&w, "delta").as_f64(), Some(827.0));
    assert_eq!(
        get(&w, "message").as_string().unwrap(),
        "「行政事业性收费」：本年增/减 1452 超过上一年项目数量 625（增幅超过一倍）。请确认填写的是增减数，而不是本年项目总数。"
    );
    // Optional fields the core skips are absent; `None`s the core writes are null.
    for k in ["fix", "pinpoint", "quote", "prev_cells"] {
        assert!(!has(&w, k), "{k}");
    }
    let i = Array::from(&out).get(1);
    assert!(get(&i, "expected").is_null() && get(&i, "actual").is_null());
    assert!(get(&i, "delta").is_null());
}

#[wasm_bindgen_test]
fn validate_in_english_with_numbers_as_cells() {
    let report = seed_js();
    // Hosts send numbers: 625 and -346 as numbers must read like the strings.
    let cells = get(&report, "cells");
    Reflect::set(&cells, &"s2.fees.prev_items".into(), &625.into()).unwrap();
    Reflect::set(&cells, &"s2.penalty.change".into(), &(-346).into()).unwrap();
    let out = validate(report, obj(&[("lang", "en".into())])).unwrap();
    let core = nianbao::validate(
        &seed(),
        &Options {
            lang: Lang::En,
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(
        stringify(&out),
        serde_json::to_string(&core.diagnostics).unwrap()
    );
    assert_eq!(
        get(&Array::from(&out).get(0), "message").as_string().unwrap(),
        "'administrative fees': the change 1452 is larger than last year's count 625 (more than doubling). Did you enter this year's total instead of the change?"
    );
}

#[wasm_bindgen_test]
fn validate_with_last_years_report() {
    // Last year's report = this year's with 结转下年度 of 自然人 changed: this year's 上年结转
    // no longer matches it.
    let prev = seed_js();
    Reflect::set(&prev, &"year".into(), &2019.into()).unwrap();
    let mut prev_rust = seed();
    prev_rust.year = Some(2019);
    let out = validate(seed_js(), obj(&[("prev", prev)])).unwrap();
    let core = nianbao::validate(
        &seed(),
        &Options {
            lang: Lang::Zh,
            prev: Some(prev_rust),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(
        stringify(&out),
        serde_json::to_string(&core.diagnostics).unwrap()
    );
    // Cross-year diagnostics name last year's cells in prev_cells.
    let cross: Vec<JsValue> = Array::from(&out)
        .iter()
        .filter(|d| has(d, "prev_cells"))
        .collect();
    assert_eq!(
        cross.len(),
        core.diagnostics
            .iter()
            .filter(|d| !d.prev_cells.is_empty())
            .count()
    );
}

#[wasm_bindgen_test]
fn bad_arguments_are_errors_with_clear_messages() {
    let v = |report: JsValue, options: JsValue| err_msg(validate(report, options));
    assert_eq!(
        v(SEED_JSON.into(), JsValue::UNDEFINED),
        "validate: report must be an object such as {format: 'gb2021', year: 2023, cells: {…}}, \
         got a string (use JSON.parse for JSON text, parse() for text, HTML or TSV)"
    );
    assert_eq!(
        v(JsValue::NULL, JsValue::UNDEFINED),
        "validate: report must be an object such as {format: 'gb2021', year: 2023, cells: {…}}, got null"
    );
    assert_eq!(
        v(Array::new().into(), JsValue::UNDEFINED),
        "validate: report must be an object such as {format: 'gb2021', year: 2023, cells: {…}}, got an array"
    );
    assert_eq!(
        v(js(r#"{"cells":{}}"#), JsValue::UNDEFINED),
        "validate: report: missing field `format`"
    );
    assert_eq!(
        v(js(r#"{"format":"gb2030"}"#), JsValue::UNDEFINED),
        format!(
            "validate: unknown format 'gb2030' (known: {})",
            known_formats()
        )
    );
    assert_eq!(
        v(
            js(r#"{"format":"gb2019","cells":{"s9.nope":"1","s3.new.natural":"1"}}"#),
            JsValue::UNDEFINED
        ),
        "validate: unknown cell id(s) for format gb2019: s9.nope"
    );
    assert_eq!(
        v(
            js(r#"{"format":"gb2019","year":"2020"}"#),
            JsValue::UNDEFINED
        ),
        "validate: report: invalid type: string \"2020\", expected u16"
    );
    assert_eq!(
        v(seed_js(), obj(&[("lang", "fr".into())])),
        "validate: options.lang must be 'zh' or 'en', got 'fr'"
    );
    assert_eq!(
        v(seed_js(), obj(&[("lng", "en".into())])),
        "validate: options: unknown option 'lng' (known: lang, prev)"
    );
    assert_eq!(
        v(seed_js(), "en".into()),
        "validate: options must be an object such as {lang: 'en'}, got a string"
    );
    assert_eq!(
        v(seed_js(), obj(&[("prev", js(r#"{"cells":{}}"#))])),
        "validate: options.prev: missing field `format`"
    );
    assert_eq!(
        v(seed_js(), obj(&[("prev", js(r#"{"format":"x"}"#))])),
        format!(
            "validate: last year's report: unknown format 'x' (known: {})",
            known_formats()
        )
    );
    // null options and null prev are the defaults.
    let out = validate(seed_js(), obj(&[("prev", JsValue::NULL)])).unwrap();
    assert_eq!(Array::from(&out).length(), 2);
    let out = validate(seed_js(), JsValue::NULL).unwrap();
    assert_eq!(Array::from(&out).length(), 2);
}

#[wasm_bindgen_test]
fn numbers_beyond_2_53_still_serialise() {
    // serde_wasm_bindgen refuses such i64s; the JS layer sends the nearest double instead.
    let report = js(
        r#"{"format":"gb2021","cells":{"s3.new.natural":"99999999999999999","s3.new.total":"1"}}"#,
    );
    let out = validate(report, JsValue::UNDEFINED).unwrap();
    let d: Vec<JsValue> = Array::from(&out)
        .iter()
        .filter(|d| get(d, "key").as_string().unwrap() == "E-S3-ROW:new")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(get(&d[0], "actual").as_f64(), Some(1.0));
    assert_eq!(get(&d[0], "expected").as_f64(), Some(99999999999999999.0));
    assert_eq!(
        get(&d[0], "delta").as_f64(),
        Some(1.0 - 99999999999999999.0)
    );
}

// ---------------------------------------------------------------------------------------------
// formats, version

#[wasm_bindgen_test]
fn formats_are_the_cores_format_data() {
    let out = formats().unwrap();
    let core = nianbao::format::builtin_formats();
    assert_eq!(stringify(&out), serde_json::to_string(core).unwrap());
    let list = Array::from(&out);
    assert_eq!(list.length() as usize, core.len());
    let g19 = list.get(0);
    assert_eq!(get(&g19, "id").as_string().unwrap(), "gb2019");
    assert_eq!(Array::from(&get(&g19, "cells")).length(), 198);
    assert_eq!(
        get(&Array::from(&get(&g19, "cells")).get(0), "id")
            .as_string()
            .unwrap(),
        core[0].cells[0].id
    );
    let g21 = list.get(1);
    assert_eq!(get(&g21, "id").as_string().unwrap(), "gb2021");
    assert_eq!(Array::from(&get(&g21, "cells")).length(), 200);
    let tables = Array::from(&get(&g21, "tables"));
    let ids: Vec<String> = tables
        .iter()
        .map(|t| get(&t, "id").as_string().unwrap())
        .collect();
    assert_eq!(ids, ["s2", "s3", "s4"]);
    assert!(get(&g21, "last_year").is_null());
}

#[wasm_bindgen_test]
fn version_is_the_crates() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

// ---------------------------------------------------------------------------------------------
// Checker

fn change_json(c: &nianbao::Change) -> String {
    serde_json::to_string(c).unwrap()
}

#[wasm_bindgen_test]
fn checker_sequence_matches_the_core() {
    let js_c = create_checker(seed_js(), JsValue::UNDEFINED).unwrap();
    let mut core = Checker::from_report(&seed(), &Options::default()).unwrap();
    assert_eq!(js_c.format().unwrap(), "gb2019");
    assert_eq!(
        keys(&js_c.diagnostics().unwrap()),
        [
            "W-2019-CHANGE-LARGE:fees",
            "I-UNIT-IGNORED:s2.procurement.projects"
        ]
    );

    // A typo in 自然人 of 本年新收: row and column sums break.
    let c1 = js_c.set("s3.new.natural".into(), "508".into()).unwrap();
    let k1 = core.set("s3.new.natural", "508").unwrap();
    assert_eq!(stringify(&c1), change_json(&k1));
    assert_eq!(
        keys(&get(&c1, "appeared")),
        k1.appeared
            .iter()
            .map(|d| d.key.clone())
            .collect::<Vec<_>>()
    );
    assert!(!keys(&get(&c1, "appeared")).is_empty());
    assert!(keys(&get(&c1, "appeared")).contains(&"E-S3-ROW:new".to_string()));
    assert_eq!(Array::from(&get(&c1, "cleared")).length(), 0);

    // The same value again changes nothing.
    let same = js_c.set("s3.new.natural".into(), "508".into()).unwrap();
    assert_eq!(
        stringify(&same),
        r#"{"appeared":[],"cleared":[],"updated":[]}"#
    );

    // Back to the published value: exactly what appeared is cleared.
    let c2 = js_c.set("s3.new.natural".into(), 507.into()).unwrap();
    let k2 = core.set("s3.new.natural", "507").unwrap();
    assert_eq!(stringify(&c2), change_json(&k2));
    assert_eq!(keys(&get(&c2, "cleared")), keys(&get(&c1, "appeared")));
    assert_eq!(Array::from(&get(&c2, "appeared")).length(), 0);

    assert_eq!(
        stringify(&js_c.diagnostics().unwrap()),
        serde_json::to_string(&core.diagnostics()).unwrap()
    );
    assert_eq!(
        stringify(&js_c.report().unwrap()),
        serde_json::to_string(&core.report()).unwrap()
    );
    assert_eq!(
        get(&get(&js_c.report().unwrap(), "cells"), "s3.new.natural")
            .as_string()
            .unwrap(),
        "507"
    );
}

#[wasm_bindgen_test]
fn checker_from_a_format_id_or_object() {
    let c = create_checker("gb2021".into(), obj(&[("lang", "en".into())])).unwrap();
    assert_eq!(
        stringify(&c.report().unwrap()),
        r#"{"format":"gb2021","cells":{}}"#
    );
    let core = Checker::new("gb2021", None, Lang::En).unwrap();
    assert_eq!(
        stringify(&c.diagnostics().unwrap()),
        serde_json::to_string(&core.diagnostics()).unwrap()
    );
    // Numbers are written as JS prints them; null and undefined blank the cell.
    c.set("s3.new.natural".into(), 12.into()).unwrap();
    c.set("s3.new.commercial".into(), 0.5.into()).unwrap();
    assert_eq!(
        stringify(&get(&c.report().unwrap(), "cells")),
        r#"{"s3.new.commercial":"0.5","s3.new.natural":"12"}"#
    );
    c.set("s3.new.commercial".into(), JsValue::NULL).unwrap();
    c.set("s3.new.natural".into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        stringify(&c.report().unwrap()),
        r#"{"format":"gb2021","cells":{}}"#
    );

    let f = Array::from(&formats().unwrap()).get(0);
    let c = create_checker(f, JsValue::UNDEFINED).unwrap();
    assert_eq!(c.format().unwrap(), "gb2019");
    let c = JsChecker::new("gb2019-hubei".into(), JsValue::NULL).unwrap();
    assert_eq!(c.format().unwrap(), "gb2019-hubei");
}

#[wasm_bindgen_test]
fn checker_errors() {
    let c = create_checker("gb2021".into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        err_msg(c.set(5.into(), "1".into())),
        "Checker.set: cellId must be a string such as 's3.new.natural', got a number"
    );
    assert_eq!(
        err_msg(c.set("s3.nope".into(), "1".into())),
        "Checker.set: unknown cell id(s) for format gb2021: s3.nope"
    );
    assert_eq!(
        err_msg(c.set("s3.new.natural".into(), Object::new().into())),
        "Checker.set: the value must be a string, a finite number or null, got an object"
    );
    assert_eq!(
        err_msg(c.set("s3.new.natural".into(), f64::NAN.into())),
        "Checker.set: the value must be a string, a finite number or null, got a number"
    );
    // The checker still works after rejected calls, exactly like the core's.
    let mut core = Checker::new("gb2021", None, Lang::Zh).unwrap();
    assert_eq!(
        stringify(&c.set("s3.new.natural".into(), "1".into()).unwrap()),
        change_json(&core.set("s3.new.natural", "1").unwrap())
    );
    assert_eq!(
        stringify(&c.diagnostics().unwrap()),
        serde_json::to_string(&core.diagnostics()).unwrap()
    );
    assert_eq!(
        err_msg(create_checker(42.into(), JsValue::UNDEFINED)),
        "createChecker: expected a format id such as 'gb2021', a format from formats() or a report object, got a number"
    );
    assert_eq!(
        err_msg(create_checker("gb1999".into(), JsValue::UNDEFINED)),
        format!(
            "createChecker: unknown format 'gb1999' (known: {})",
            known_formats()
        )
    );
    assert_eq!(
        err_msg(create_checker(js(r#"{"id":"gb2021"}"#), JsValue::UNDEFINED)),
        "createChecker: report: missing field `format`"
    );
    assert_eq!(
        err_msg(create_checker("gb2021".into(), obj(&[("lang", 1.into())]))),
        "createChecker: options.lang must be 'zh' or 'en', got a number"
    );
}

// ---------------------------------------------------------------------------------------------
// parse

fn core_import_json(r: &(Report, Vec<nianbao_html::Note>)) -> String {
    format!(
        r#"{{"report":{},"notes":{}}}"#,
        serde_json::to_string(&r.0).unwrap(),
        serde_json::to_string(&r.1).unwrap()
    )
}

#[wasm_bindgen_test]
fn parse_text_is_the_core_text_importer() {
    let out = parse(SEED_TXT.into(), obj(&[("kind", "text".into())])).unwrap();
    let core = nianbao_html::text::import_text(SEED_TXT);
    assert_eq!(stringify(&out), core_import_json(&core));
    // The published text gives the published numbers: all 198 cells as in the JSON seed
    // (the importer keeps a cell's text as written, NBSP included).
    let seed = seed();
    let report = get(&out, "report");
    assert_eq!(get(&report, "format").as_string().unwrap(), "gb2019");
    assert_eq!(get(&report, "year").as_f64(), Some(2020.0));
    let cells = get(&report, "cells");
    assert_eq!(Object::keys(cells.unchecked_ref::<Object>()).length(), 198);
    for (id, raw) in &seed.cells {
        let got = get(&cells, id).as_string().unwrap();
        let trim = |s: &str| s.trim_matches(char::is_whitespace).to_string();
        assert_eq!(trim(&got), trim(raw), "{id}");
    }
    // Without `kind` the content decides (text here).
    let guessed = parse(SEED_TXT.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(stringify(&guessed), stringify(&out));
}

#[wasm_bindgen_test]
fn parse_tsv_is_the_core_tsv_importer() {
    let tsv = "三、收到和处理政府信息公开申请情况\n\t\t\t申请人情况\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n一、本年新收政府信息公开申请数量\t\t\t3\t1\t0\t0\t0\t0\t4\n";
    let out = parse(tsv.into(), obj(&[("kind", "tsv".into())])).unwrap();
    let core = nianbao_html::text::import_tsv(tsv);
    assert_eq!(stringify(&out), core_import_json(&core));
}

#[wasm_bindgen_test]
fn parse_html_with_domparser_equals_the_rust_reader() {
    for (name, page) in [
        ("pingtan-jinjing-2019", JINJING_2019),
        ("pingtan-shenpi-2024", SHENPI_2024),
    ] {
        let out = parse(page.into(), obj(&[("kind", "html".into())])).unwrap();
        let core = nianbao_html::import_html(page);
        assert_eq!(stringify(&out), core_import_json(&core), "{name}");
    }
    // Exact outcome on the first page (corpus INDEX: gb2019, 2019, no errors).
    let out = parse(JINJING_2019.into(), obj(&[("kind", "html".into())])).unwrap();
    let report = get(&out, "report");
    assert_eq!(get(&report, "format").as_string().unwrap(), "gb2019");
    assert_eq!(get(&report, "year").as_f64(), Some(2019.0));
    let notes = Array::from(&get(&out, "notes"));
    assert!(notes
        .iter()
        .all(|n| get(&n, "level").as_string().unwrap() != "fatal"));
    let diags = validate(report, JsValue::UNDEFINED).unwrap();
    assert!(Array::from(&diags)
        .iter()
        .all(|d| get(&d, "severity").as_string().unwrap() != "error"));
    // 2024 has one real error (corpus INDEX): E-S4-SUM on s4.review.total.
    let out = parse(SHENPI_2024.into(), obj(&[("kind", "html".into())])).unwrap();
    let diags = validate(get(&out, "report"), JsValue::UNDEFINED).unwrap();
    let errors: Vec<(String, String)> = Array::from(&diags)
        .iter()
        .filter(|d| get(d, "severity").as_string().unwrap() == "error")
        .map(|d| {
            (
                get(&d, "rule").as_string().unwrap(),
                get(&d, "target").as_string().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [("E-S4-SUM".to_string(), "s4.review.total".to_string())]
    );
}

#[wasm_bindgen_test]
fn parse_html_structure_spans_breaks_and_nesting() {
    // rowspan/colspan, <br>, a caption, entities, hidden elements and a nested table: the DOM
    // walk and the Rust reader agree on every one.
    let html = r#"<html><head><title> 某局 2021年 年度报告 </title><style>td{}</style></head><body>
      <p>一、总体情况</p><p>本年共&nbsp;收到申请<b>3</b>件。</p><script>var x = "<table>";</script>
      <template><p>模板</p><table><tr><td>9</td></tr></table></template>
      <table><caption>三、收到和处理政府信息公开申请情况</caption>
        <tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：…）</td><td colspan="7">申请人情况</td></tr>
        <tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>
        <tr><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
        <tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>2</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
      </table>
      <div>之后的文字<table><tr><td>外<table><tr><td>内1</td><td>内2</td></tr></table></td></tr></table></div>
      </body></html>"#;
    let out = parse(html.into(), obj(&[("kind", "html".into())])).unwrap();
    let core = nianbao_html::import_html(html);
    assert_eq!(stringify(&out), core_import_json(&core));
    let cells = get(&get(&out, "report"), "cells");
    assert_eq!(get(&cells, "s3.new.natural").as_string().unwrap(), "2");
    assert_eq!(get(&cells, "s3.new.commercial").as_string().unwrap(), "1");
    assert_eq!(get(&cells, "s3.new.total").as_string().unwrap(), "3");
}

#[wasm_bindgen_test]
fn parse_never_fails_on_a_bad_document() {
    let out = parse("no tables here".into(), obj(&[("kind", "html".into())])).unwrap();
    let core = nianbao_html::import_html("no tables here");
    assert_eq!(stringify(&out), core_import_json(&core));
    let notes = Array::from(&get(&out, "notes"));
    assert_eq!(get(&notes.get(0), "level").as_string().unwrap(), "fatal");
    assert_eq!(get(&notes.get(0), "code").as_string().unwrap(), "no-table");
    let out = parse("".into(), obj(&[("kind", "text".into())])).unwrap();
    assert_eq!(
        stringify(&out),
        core_import_json(&nianbao_html::text::import_text(""))
    );
}

#[wasm_bindgen_test]
fn parse_argument_errors() {
    assert_eq!(
        err_msg(parse(5.into(), JsValue::UNDEFINED)),
        "parse: input must be a string (the document's text) or a Uint8Array / ArrayBuffer (a .docx or .xlsx file's bytes), got a number"
    );
    assert_eq!(
        err_msg(parse("x".into(), obj(&[("kind", "pdf".into())]))),
        "parse: PDF is read by the command line (nianbao check FILE.pdf) only; in the browser, paste the PDF's text with kind 'text'"
    );
    let json_err = "parse: JSON is not parsed here: JSON.parse the text and pass the object to \
                    validate() or createChecker()";
    assert_eq!(
        err_msg(parse("{}".into(), obj(&[("kind", "json".into())]))),
        json_err
    );
    assert_eq!(
        err_msg(parse(SEED_JSON.into(), JsValue::UNDEFINED)),
        json_err
    );
    assert_eq!(
        err_msg(parse("x".into(), obj(&[("type", "html".into())]))),
        "parse: options: unknown option 'type' (known: kind, format, year, lang)"
    );
    assert_eq!(
        err_msg(parse("x".into(), "html".into())),
        "parse: options must be an object such as {kind: 'html'}, got a string"
    );
}
