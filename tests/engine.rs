//! Behaviour of the engine on whole reports: the seed, exact messages, blank totals,
//! unreadable cells, typo pinpointing, the incremental checker and regional variants.

use nianbao::diagnostic::Diagnostic;
use nianbao::format::{builtin, Format, RowDef, VariantDef};
use nianbao::rules::Severity;
use nianbao::{validate, validate_indexed, Checker, Lang, Options, Report};
use proptest::prelude::*;

fn seed() -> Report {
    let text = include_str!("../examples/yichun-2020.json");
    serde_json::from_str(text).expect("seed JSON")
}

fn diags(r: &Report) -> Vec<Diagnostic> {
    validate(r, &Options::default()).unwrap().diagnostics
}

fn of(d: &[Diagnostic], sev: Severity) -> Vec<(String, Option<String>)> {
    d.iter()
        .filter(|x| x.severity == sev)
        .map(|x| (x.rule.to_string(), x.target.clone()))
        .collect()
}

#[test]
fn seed_has_no_errors_and_one_warning() {
    let d = diags(&seed());
    assert_eq!(of(&d, Severity::Error), vec![]);
    assert_eq!(
        of(&d, Severity::Warning),
        vec![("W-2019-CHANGE-LARGE".into(), Some("s2.fees.change".into()))]
    );
    let w = d.iter().find(|x| x.rule == "W-2019-CHANGE-LARGE").unwrap();
    assert_eq!(
        w.message,
        "「行政事业性收费」：本年增/减 1452 超过上一年项目数量 625（增幅超过一倍）。请确认填写的是增减数，而不是本年项目总数。"
    );
    // "130774个" is read with an info note, not an error.
    assert_eq!(
        of(&d, Severity::Info),
        vec![(
            "I-UNIT-IGNORED".into(),
            Some("s2.procurement.projects".into())
        )]
    );
}

#[test]
fn wrong_total_gives_exact_diagnostic_in_both_languages() {
    let mut r = seed();
    r.set("s3.result.total.total", "550");
    let d = diags(&r);
    let e: Vec<&Diagnostic> = d.iter().filter(|x| x.severity == Severity::Error).collect();
    let keys: Vec<&str> = e.iter().map(|x| x.key.as_str()).collect();
    assert_eq!(
        keys,
        vec![
            "E-S3-RESULT:total",
            "E-S3-ROW:result.total",
            "E-S3-BALANCE:total"
        ]
        .into_iter()
        .collect::<Vec<_>>()
        .iter()
        .copied()
        .filter(|k| keys.contains(k))
        .collect::<Vec<_>>()
    );
    assert_eq!(e.len(), 3);
    let row = e.iter().find(|x| x.key == "E-S3-ROW:result.total").unwrap();
    assert_eq!(row.target.as_deref(), Some("s3.result.total.total"));
    assert_eq!(row.expected.map(|v| v.to_string()), Some("552".into()));
    assert_eq!(row.actual.map(|v| v.to_string()), Some("550".into()));
    assert_eq!(row.delta.map(|v| v.to_string()), Some("-2".into()));
    assert_eq!(
        row.message,
        "第三部分「（七）总计」行：总计应为自然人与五类法人或其他组织之和 552，现填 550（差 2）。很可能是「三 › （七）总计 › 总计」填错：改为 552 可使相关合计全部一致。"
    );
    let pin = row.pinpoint.as_ref().unwrap();
    assert_eq!(
        (pin.cell.as_str(), pin.value.to_string()),
        ("s3.result.total.total", "552".into())
    );
    assert_eq!(row.fix.as_ref().unwrap().value.to_string(), "552");
    let en = validate(
        &r,
        &Options {
            lang: Lang::En,
            ..Options::default()
        },
    )
    .unwrap();
    let bal = en
        .diagnostics
        .iter()
        .find(|x| x.key == "E-S3-BALANCE:total")
        .unwrap();
    assert_eq!(
        bal.message,
        "Section 3, column 'total' does not balance: received 550 + carried over 3 = 553, but concluded 550 + carried forward 1 = 551 (difference 2). Likely a typo in 'Table 3 › (7) total › total': 552 makes every related total agree."
    );
    assert_eq!(bal.target.as_deref(), Some("s3.carried_forward.total"));
    assert_eq!(bal.expected.map(|v| v.to_string()), Some("3".into()));
}

#[test]
fn blank_totals_warn_once_and_never_cascade() {
    // Shanghai 2019 style: every result row's 总计 blank, column totals typed.
    let mut r = seed();
    let rows: Vec<String> = builtin("gb2019")
        .unwrap()
        .cells
        .iter()
        .filter(|c| c.table == "s3" && c.row.starts_with("result.") && c.row != "result.total")
        .filter(|c| c.column == "total")
        .map(|c| c.id.clone())
        .collect();
    for id in &rows {
        r.cells.remove(id);
    }
    let d = diags(&r);
    assert_eq!(of(&d, Severity::Error), vec![]);
    let missing: Vec<String> = d
        .iter()
        .filter(|x| x.rule == "W-MISSING-TOTAL")
        .map(|x| x.target.clone().unwrap())
        .collect();
    // Only rows whose parts are non-zero ask for a total.
    let nonzero = rows.clone();
    let mut expected: Vec<String> = nonzero
        .into_iter()
        .filter(|id| {
            let row = id.trim_end_matches(".total");
            let f = builtin("gb2019").unwrap();
            f.cells
                .iter()
                .filter(|c| format!("s3.{}", c.row) == row && c.column != "total")
                .any(|c| seed().cells.get(&c.id).is_some_and(|v| v.trim() != "0"))
        })
        .collect();
    expected.sort();
    assert_eq!(expected.len(), 14);
    let mut got = missing.clone();
    got.sort();
    assert_eq!(got, expected);
    let g = d
        .iter()
        .find(|x| x.target.as_deref() == Some("s3.result.granted.total"))
        .unwrap();
    assert_eq!(
        g.message,
        "「三 › （一）予以公开 › 总计」未填写，但其组成项合计为 370。请填写总计（无数据填 0）。"
    );
    assert_eq!(g.fix.as_ref().unwrap().value.to_string(), "370");
}

#[test]
fn whole_blank_total_column_is_silent() {
    let mut r = seed();
    let ids: Vec<String> = r
        .cells
        .keys()
        .filter(|k| k.starts_with("s3.") && k.ends_with(".total"))
        .cloned()
        .collect();
    for id in ids {
        r.cells.insert(id, String::new());
    }
    let d = diags(&r);
    assert_eq!(of(&d, Severity::Error), vec![]);
    assert!(d.iter().all(|x| x.rule != "E-S3-BALANCE"));
}

#[test]
fn unreadable_cell_is_one_error_not_two() {
    let mut r = seed();
    r.set("s3.new.natural", "5O7");
    let d = diags(&r);
    let e = of(&d, Severity::Error);
    assert_eq!(e, vec![("D-COUNT".into(), Some("s3.new.natural".into()))]);
    assert_eq!(
        d[0].message,
        "「三 › 一、本年新收政府信息公开申请数量 › 自然人」应填写非负整数，无法识别“5O7”（不是数字）。"
    );
}

#[test]
fn format_year_mismatch_warns() {
    let mut r = seed();
    r.year = Some(2022);
    let d = diags(&r);
    let w = d.iter().find(|x| x.rule == "W-FORMAT-YEAR").unwrap();
    assert_eq!(
        w.message,
        "2022年度报告应使用2021年格式（国办公开办函〔2021〕30号），当前表格是2019年格式。"
    );
}

#[test]
fn two_wrong_cells_claim_no_pinpoint() {
    let mut r = seed();
    r.set("s3.new.natural", "508")
        .set("s3.new.commercial", "34");
    let d = diags(&r);
    assert!(d.iter().any(|x| x.rule == "E-S3-ROW"));
    assert!(d.iter().all(|x| x.pinpoint.is_none()), "{d:#?}");
}

#[test]
fn unknown_cells_and_formats_are_clear_errors() {
    let mut r = seed();
    r.set("s3.new.nature", "1");
    let e = validate(&r, &Options::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown cell id(s) for format gb2019: s3.new.nature"
    );
    let e = validate(&Report::new("gb2018", None), &Options::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown format 'gb2018' (known: gb2019, gb2021, gb2019-hubei)"
    );
}

#[test]
fn cross_year_carry_over_across_formats() {
    let prev = seed();
    let mut r = Report::new("gb2021", Some(2021));
    r.set("s3.carried_over.natural", "0")
        .set("s3.carried_over.total", "1");
    let v = validate(
        &r,
        &Options {
            prev: Some(prev),
            ..Options::default()
        },
    )
    .unwrap();
    let x: Vec<&Diagnostic> = v
        .diagnostics
        .iter()
        .filter(|d| d.rule == "X-S3-CARRY")
        .collect();
    assert_eq!(x.len(), 1, "{:#?}", v.diagnostics);
    assert_eq!(x[0].key, "X-S3-CARRY:natural");
    assert_eq!(x[0].prev_cells, vec!["s3.carried_forward.natural"]);
    assert_eq!(
        x[0].message,
        "「自然人」列上年结转 0 件，与上年报告“结转下年度继续办理” 1 件不一致（差 1），与上年报告不衔接。"
    );
}

#[test]
fn a_regional_variant_is_only_data() {
    // Defined here, in the test: no engine code knows about it.
    static VARIANT: VariantDef = VariantDef {
        id: "gb2019-test-region",
        base: "gb2019",
        name: "测试地区",
        name_en: "test region",
        extra_rows: &[(
            "art20_1",
            RowDef {
                id: "other_docs",
                label: "其他主动公开文件",
                label_en: "other documents",
                parents: &[],
                aliases: &[],
            },
            Some("normative"),
        )],
        aliases: &[("s2.art20_1.col:made", "本年制作数量")],
    };
    let f: Format = builtin("gb2019").unwrap().with_variant(&VARIANT);
    assert_eq!(f.cells.len(), 201);
    let mut r = Report::new("gb2019-test-region", Some(2020));
    r.set("s2.other_docs.published", "9")
        .set("s2.other_docs.public_total", "3");
    let c = nianbao::checker::checker_for_format(&f, &r, Lang::Zh).unwrap();
    let d = c.diagnostics();
    let w = d
        .iter()
        .find(|x| x.key == "W-2019-PUBLISHED-LE-TOTAL:other_docs")
        .expect("the generic rule covers the new row");
    assert!(w
        .message
        .starts_with("「其他主动公开文件」：本年新公开数量 9 大于对外公开总数量 3"));
    assert!(f.table("s2").unwrap().blocks[0].columns[0]
        .aliases
        .contains(&"本年制作数量"));
}

#[test]
fn incremental_set_reports_appeared_updated_cleared() {
    let mut c = Checker::from_report(&seed(), &Options::default()).unwrap();
    let ch = c.set("s3.new.natural", "505").unwrap();
    let appeared: Vec<&str> = ch.appeared.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(appeared, vec!["E-S3-BALANCE:natural", "E-S3-ROW:new"]);
    assert!(ch.cleared.is_empty());
    let row = ch
        .appeared
        .iter()
        .find(|d| d.key == "E-S3-ROW:new")
        .unwrap();
    assert_eq!(row.pinpoint.as_ref().unwrap().cell, "s3.new.natural");
    assert_eq!(row.pinpoint.as_ref().unwrap().value.to_string(), "507");
    let ch = c.set("s3.new.natural", "506").unwrap();
    assert!(ch.appeared.is_empty() && ch.cleared.is_empty());
    assert_eq!(ch.updated.len(), 2);
    let ch = c.set("s3.new.natural", "507").unwrap();
    assert_eq!(ch.cleared.len(), 2);
    assert!(c.set("s3.bogus", "1").is_err());
    assert_eq!(c.report().cells, seed().cells);
}

// ---- property tests ----

/// A random report of `format` in which every identity holds.
fn consistent(format: &str, seed: u64) -> Report {
    let f = builtin(format).unwrap();
    let mut s = seed | 1;
    let mut rnd = |n: u64| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s % n
    };
    let mut r = Report::new(format, None);
    let cols = [
        "natural",
        "commercial",
        "research",
        "nonprofit",
        "legal_service",
        "org_other",
    ];
    let rows: Vec<&str> = f.table("s3").unwrap().blocks[0]
        .rows
        .iter()
        .map(|r| r.id)
        .collect();
    let results: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|r| r.starts_with("result.") && *r != "result.total")
        .collect();
    let mut tot = std::collections::BTreeMap::<String, u64>::new();
    for c in cols {
        let mut result_total = 0;
        for row in &results {
            let v = rnd(6);
            result_total += v;
            r.set(&format!("s3.{row}.{c}"), &v.to_string());
        }
        let co = rnd(4);
        let cf = rnd(4);
        let new = (result_total + cf).saturating_sub(co);
        let co = result_total + cf - new; // keeps the balance when new was clamped
        for (row, v) in [
            ("result.total", result_total),
            ("new", new),
            ("carried_over", co),
            ("carried_forward", cf),
        ] {
            r.set(&format!("s3.{row}.{c}"), &v.to_string());
        }
    }
    for row in &rows {
        let sum: u64 = cols
            .iter()
            .map(|c| r.cells[&format!("s3.{row}.{c}")].parse::<u64>().unwrap())
            .sum();
        tot.insert(row.to_string(), sum);
        r.set(&format!("s3.{row}.total"), &sum.to_string());
    }
    for g in ["review", "suit_direct", "suit_after_review"] {
        let parts: Vec<u64> = (0..4).map(|_| rnd(5)).collect();
        for (c, v) in ["upheld", "corrected", "other", "pending"]
            .iter()
            .zip(&parts)
        {
            r.set(&format!("s4.{g}.{c}"), &v.to_string());
        }
        r.set(
            &format!("s4.{g}.total"),
            &parts.iter().sum::<u64>().to_string(),
        );
    }
    for cell in f.cells.iter().filter(|c| c.table == "s2") {
        let v = match cell.column {
            "change" => 0,
            _ => rnd(50) + 1,
        };
        r.set(&cell.id, &v.to_string());
    }
    r
}

fn identity_cells(format: &str) -> Vec<String> {
    let set = nianbao::rules::RuleSet::new(builtin(format).unwrap(), None);
    let mut v: Vec<String> = set
        .instances
        .iter()
        .filter(|i| i.rule().id.starts_with("E-S"))
        .flat_map(|i| i.cells.iter())
        .filter_map(|c| match c {
            nianbao::rules::CellRef::Cur(x) => Some(set.format.cells[*x].id.clone()),
            _ => None,
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// `validate_indexed` (raw text by format index, `report.cells` not read) gives what
/// `validate` gives, with the importer's missing list and last year's report too.
fn same_as_indexed(r: &Report, opts: &Options) {
    let f = builtin(&r.format).unwrap();
    let raw: Vec<String> = f
        .cells
        .iter()
        .map(|c| r.cells.get(&c.id).cloned().unwrap_or_default())
        .collect();
    let bare = Report {
        cells: Default::default(),
        ..r.clone()
    };
    let want = validate(r, opts).unwrap().diagnostics;
    assert_eq!(
        validate_indexed(&bare, raw, opts).unwrap().diagnostics,
        want
    );
}

#[test]
fn validate_indexed_is_validate() {
    let mut odd = seed();
    odd.set("s3.new.natural", "5０8");
    odd.set("s2.fees.change", "约3");
    odd.set("s3.new.org_other", "-2");
    odd.set("s3.new.total", "");
    odd.missing.push("s3.new.total".into());
    let prev = Options {
        prev: Some(seed()),
        lang: Lang::En,
        ..Options::default()
    };
    for r in [seed(), odd] {
        same_as_indexed(&r, &Options::default());
        same_as_indexed(&r, &prev);
    }
    // Texts missing at the end are blank cells; extra ones are not read.
    let blank = Report::new("gb2019", None);
    let short = validate_indexed(&blank, vec!["1".into(); 3], &Options::default());
    let mut three = blank.clone();
    for c in &builtin("gb2019").unwrap().cells[..3] {
        three.set(&c.id, "1");
    }
    assert_eq!(short.unwrap().diagnostics, diags(&three));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn consistent_reports_have_no_errors(seed in any::<u64>(), f in prop::sample::select(vec!["gb2019", "gb2021"])) {
        let r = consistent(f, seed);
        let d = diags(&r);
        prop_assert!(d.iter().all(|x| x.severity != Severity::Error), "{:#?}", d);
        same_as_indexed(&r, &Options::default());
    }

    #[test]
    fn one_changed_cell_is_named_and_s3_cells_are_pinpointed(
        seed in any::<u64>(),
        f in prop::sample::select(vec!["gb2019", "gb2021"]),
        pick in any::<prop::sample::Index>(),
        bump in 1u64..40,
    ) {
        let r = consistent(f, seed);
        let cells = identity_cells(f);
        let cell = pick.get(&cells).clone();
        let old: u64 = r.cells[&cell].parse().unwrap();
        let mut changed = r.clone();
        changed.set(&cell, &(old + bump).to_string());
        let d = diags(&changed);
        let errors: Vec<&Diagnostic> = d.iter().filter(|x| x.severity == Severity::Error).collect();
        prop_assert!(!errors.is_empty());
        prop_assert!(errors.iter().all(|e| e.cells.contains(&cell)), "{:#?}", errors);
        if cell.starts_with("s3.") {
            for e in &errors {
                let p = e.pinpoint.as_ref().expect("pinpointed");
                prop_assert_eq!(&p.cell, &cell);
                prop_assert_eq!(p.value.to_string(), old.to_string());
            }
        }
    }

    #[test]
    fn incremental_equals_full_validation(
        seed in any::<u64>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec!["", "0", "7", "12个", "abc", "/", "-3", "1,234", "13"])), 1..12),
    ) {
        let base = consistent("gb2019", seed);
        let mut c = Checker::from_report(&base, &Options::default()).unwrap();
        let ids: Vec<String> = builtin("gb2019").unwrap().cells.iter().map(|c| c.id.clone()).collect();
        let mut r = base.clone();
        for (i, raw) in edits {
            let id = i.get(&ids);
            c.set(id, raw).unwrap();
            r.set(id, raw);
        }
        let full = diags(&r);
        prop_assert_eq!(c.diagnostics(), full);
    }

    #[test]
    fn value_reader_never_panics(s in "\\PC{0,40}") {
        for k in [nianbao::format::ValueKind::Count, nianbao::format::ValueKind::Delta, nianbao::format::ValueKind::AmountAny, nianbao::format::ValueKind::AmountWan] {
            let _ = nianbao::value::read(&s, k);
        }
    }
}
