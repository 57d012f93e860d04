//! Live forms (spec §3.1 "pending"): a finding over a cell the user has not filled yet waits;
//! it is judged once every cell it uses holds a value, or on `check_all`. With pending off
//! the checker is exactly the published-report checker.

use nianbao::diagnostic::Diagnostic;
use nianbao::format::builtin;
use nianbao::{validate, Change, Checker, Options, Report};
use proptest::prelude::*;

/// A consistent gb2021 report (every cell typed, no diagnostic at all); also typed by the
/// widget's browser tests (e2e/pending.test.mjs).
fn filled_2021() -> Report {
    let text = include_str!("fixtures/gb2021-consistent.json");
    serde_json::from_str(text).expect("fixture JSON")
}

fn live() -> Options {
    Options {
        pending: true,
        ..Options::default()
    }
}

/// Cell ids in the order a user tabs through the printed form (the format's order).
fn tab_order() -> Vec<String> {
    let f = builtin("gb2021").unwrap();
    f.cells.iter().map(|c| c.id.clone()).collect()
}

fn keys(ds: &[Diagnostic]) -> Vec<&str> {
    ds.iter().map(|d| d.key.as_str()).collect()
}

#[test]
fn the_fixture_is_consistent() {
    let r = filled_2021();
    assert_eq!(r.cells.len(), 200);
    assert_eq!(
        validate(&r, &Options::default()).unwrap().diagnostics,
        vec![]
    );
}

#[test]
fn typing_a_consistent_report_top_down_shows_nothing_at_any_step() {
    let full = filled_2021();
    let mut c = Checker::from_report(&Report::new("gb2021", Some(2021)), &live()).unwrap();
    assert_eq!(c.diagnostics(), vec![]);
    assert!(c.is_pending());
    // Blank: every finding over a blank cell waits (here the three W-EMPTY-TABLE).
    assert_eq!(c.pending_count(), 3);
    for id in tab_order() {
        let ch = c.set(&id, &full.cells[&id]).unwrap();
        assert_eq!(ch, Change::default(), "after {id}");
        assert_eq!(c.diagnostics(), vec![], "after {id}");
    }
    assert_eq!(c.pending_count(), 0);
    assert_eq!(c.check_all(), Change::default());
    assert!(!c.is_pending());
    assert_eq!(c.report().cells, full.cells);
}

#[test]
fn a_typo_appears_when_its_identitys_last_cell_is_filled() {
    let full = filled_2021();
    assert_eq!(full.cells["s3.new.commercial"], "127");
    let mut c = Checker::from_report(&Report::new("gb2021", Some(2021)), &live()).unwrap();
    let mut seen: Vec<(String, Change)> = Vec::new();
    for id in tab_order() {
        // 127 typed as 172.
        let v = if id == "s3.new.commercial" {
            "172"
        } else {
            full.cells[&id].as_str()
        };
        let ch = c.set(&id, v).unwrap();
        if ch != Change::default() {
            seen.push((id.clone(), ch));
        }
    }
    // Exactly two steps change anything: the row's 总计 (its last cell) and the column's
    // 结转下年度 (the balance's last cell, which also pinpoints the typo).
    let steps: Vec<&str> = seen.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(steps, vec!["s3.new.total", "s3.carried_forward.commercial"]);

    let row = &seen[0].1;
    assert_eq!(keys(&row.appeared), vec!["E-S3-ROW:new"]);
    assert!(row.cleared.is_empty() && row.updated.is_empty());
    let d = &row.appeared[0];
    assert_eq!(d.target.as_deref(), Some("s3.new.total"));
    assert_eq!(d.expected.unwrap().to_string(), "689");
    assert_eq!(d.actual.unwrap().to_string(), "644");
    assert_eq!(d.pinpoint, None);
    assert_eq!(
        d.message,
        "第三部分「一、本年新收政府信息公开申请数量」行：总计应为自然人与五类法人或其他组织之和 689，现填 644（差 45）。"
    );

    let bal = &seen[1].1;
    assert_eq!(keys(&bal.appeared), vec!["E-S3-BALANCE:commercial"]);
    assert_eq!(keys(&bal.updated), vec!["E-S3-ROW:new"]);
    for d in bal.appeared.iter().chain(&bal.updated) {
        let p = d.pinpoint.as_ref().expect("pinpointed");
        assert_eq!(p.cell, "s3.new.commercial");
        assert_eq!(p.value.to_string(), "127");
    }
    assert_eq!(
        keys(&c.diagnostics()),
        vec!["E-S3-ROW:new", "E-S3-BALANCE:commercial"]
    );
    assert_eq!(c.pending_count(), 0);
    // Fixing the typo clears both.
    let ch = c.set("s3.new.commercial", "127").unwrap();
    assert_eq!(
        keys(&ch.cleared),
        vec!["E-S3-BALANCE:commercial", "E-S3-ROW:new"]
    );
}

#[test]
fn check_all_judges_blanks_as_a_published_report() {
    // One row's parts typed, its 总计 and everything else blank.
    let mut c = Checker::from_report(&Report::new("gb2021", Some(2021)), &live()).unwrap();
    let mut r = Report::new("gb2021", Some(2021));
    for (col, v) in [("natural", "12"), ("commercial", "3")] {
        let id = format!("s3.new.{col}");
        assert_eq!(c.set(&id, v).unwrap(), Change::default());
        r.set(&id, v);
    }
    assert_eq!(c.diagnostics(), vec![]);
    // Row 一 (its blank 总计), the balances of 自然人 and 商业企业, and the two empty tables.
    assert_eq!(c.pending_count(), 5);

    let ch = c.check_all();
    assert!(ch.cleared.is_empty() && ch.updated.is_empty());
    let want = validate(&r, &Options::default()).unwrap().diagnostics;
    assert_eq!(c.diagnostics(), want);
    assert_eq!(
        keys(&want),
        vec![
            "E-S3-BALANCE:natural",
            "E-S3-BALANCE:commercial",
            "W-EMPTY-TABLE:s2",
            "W-MISSING-TOTAL:s3.new.total",
            "W-EMPTY-TABLE:s4",
        ]
    );
    let total = want
        .iter()
        .find(|d| d.key == "W-MISSING-TOTAL:s3.new.total")
        .unwrap();
    assert_eq!(total.expected.unwrap().to_string(), "15");
    assert_eq!(total.fix.as_ref().unwrap().cell, "s3.new.total");
    // A blank part counts as 0: received 12 + 0, concluded 0 + 0.
    let nat = want
        .iter()
        .find(|d| d.key == "E-S3-BALANCE:natural")
        .unwrap();
    assert_eq!(
        nat.message,
        "第三部分「自然人」列不平衡：本年新收 12 + 上年结转 0 = 12，办理结果总计 0 + 结转下年度 0 = 0，相差 12。"
    );
    assert_eq!(c.pending_count(), 0);
    // Judged in full from now on: a second call changes nothing, and a new blank counts.
    assert_eq!(c.check_all(), Change::default());
    let ch = c.set("s3.new.total", "15").unwrap();
    assert_eq!(keys(&ch.cleared), vec!["W-MISSING-TOTAL:s3.new.total"]);
}

#[test]
fn a_report_that_arrives_partly_filled_is_judged_on_what_it_holds() {
    let full = filled_2021();
    let mut r = Report::new("gb2021", Some(2021));
    // s2 complete, s3 complete down to row 一 with a wrong 总计, the rest blank.
    for id in tab_order() {
        if id.starts_with("s2.") || id.starts_with("s3.new.") {
            r.set(&id, &full.cells[&id]);
        }
    }
    r.set("s3.new.total", "600");
    let c = Checker::from_report(&r, &live()).unwrap();
    assert_eq!(keys(&c.diagnostics()), vec!["E-S3-ROW:new"]);
    // The seven balances wait for their blank cells, and table s4 for any value.
    assert_eq!(c.pending_count(), 8);
    // Not pending: the same report is judged in full.
    let all = validate(&r, &Options::default()).unwrap().diagnostics;
    assert_eq!(all.len(), 9);
}

#[test]
fn a_cleared_cell_is_blank_again_and_pending() {
    // "Filled" means holding a value now: clearing a cell to retype it raises nothing.
    let full = filled_2021();
    let mut c = Checker::from_report(&Report::new("gb2021", Some(2021)), &live()).unwrap();
    for id in tab_order()
        .iter()
        .take_while(|id| !id.starts_with("s3.carried_over"))
    {
        c.set(id, &full.cells[id]).unwrap();
    }
    assert_eq!(c.diagnostics(), vec![]);
    assert_eq!(c.set("s3.new.natural", "").unwrap(), Change::default());
    assert_eq!(c.set("s3.new.natural", "3").unwrap().appeared.len(), 1);
    assert_eq!(keys(&c.diagnostics()), vec!["E-S3-ROW:new"]);
    // Unreadable text is a value: its own error shows at once.
    let ch = c.set("s3.new.research", "abc").unwrap();
    assert_eq!(keys(&ch.appeared), vec!["D-COUNT:s3.new.research"]);
}

#[test]
fn pending_off_is_the_published_checker() {
    // The default: a blank part counts at once, as before pending existed.
    let mut c =
        Checker::from_report(&Report::new("gb2021", Some(2021)), &Options::default()).unwrap();
    assert!(!c.is_pending());
    assert_eq!(c.pending_count(), 0);
    let ch = c.set("s3.new.natural", "12").unwrap();
    assert_eq!(
        keys(&ch.appeared),
        vec!["E-S3-BALANCE:natural", "W-MISSING-TOTAL:s3.new.total"]
    );
    assert_eq!(c.check_all(), Change::default());
}

const RAWS: [&str; 9] = ["", "0", "7", "12个", "abc", "/", "-3", "1,234", "13"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Pending off: keystroke by keystroke equals a full validation of the same report.
    #[test]
    fn pending_off_incremental_equals_full_validation(
        start_blank in any::<bool>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(RAWS.to_vec())), 1..16),
    ) {
        let base = if start_blank { Report::new("gb2021", Some(2021)) } else { filled_2021() };
        let mut c = Checker::from_report(&base, &Options::default()).unwrap();
        let ids = tab_order();
        let mut r = base.clone();
        for (i, raw) in edits {
            let id = i.get(&ids);
            c.set(id, raw).unwrap();
            r.set(id, raw);
        }
        prop_assert_eq!(c.diagnostics(), validate(&r, &Options::default()).unwrap().diagnostics);
    }

    /// Pending on: the state depends only on what the cells hold (incremental equals a
    /// checker loaded with the same report), and `check_all` equals a full validation.
    #[test]
    fn pending_on_depends_only_on_the_cells_and_check_all_is_full_validation(
        start_blank in any::<bool>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(RAWS.to_vec())), 1..16),
    ) {
        let base = if start_blank { Report::new("gb2021", Some(2021)) } else { filled_2021() };
        let mut c = Checker::from_report(&base, &live()).unwrap();
        let ids = tab_order();
        let mut r = base.clone();
        for (i, raw) in edits {
            let id = i.get(&ids);
            c.set(id, raw).unwrap();
            r.set(id, raw);
        }
        let loaded = Checker::from_report(&r, &live()).unwrap();
        prop_assert_eq!(c.diagnostics(), loaded.diagnostics());
        prop_assert_eq!(c.pending_count(), loaded.pending_count());
        // Every shown finding is also a published-report finding.
        let full = validate(&r, &Options::default()).unwrap().diagnostics;
        for d in c.diagnostics() {
            prop_assert!(full.iter().any(|f| f.key == d.key), "{:?}", d.key);
        }
        c.check_all();
        prop_assert_eq!(c.diagnostics(), full);
    }
}
