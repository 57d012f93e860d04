//! One bad cell is reported once: a cell failing a D-rule makes every other rule that uses it
//! not assessable, warnings included.

use nianbao::{validate, Checker, Options, Report};

fn filled_2021() -> Report {
    let text = include_str!("fixtures/gb2021-consistent.json");
    serde_json::from_str(text).expect("fixture JSON")
}

#[test]
fn a_negative_count_is_reported_by_its_d_rule_only() {
    let r = filled_2021();
    let mut c = Checker::from_report(&r, &Options::default()).unwrap();
    assert!(c.diagnostics().is_empty());
    // issued 2 ≤ in_force + repealed (−1 + 1) would fail W-2021-ISSUED-LE-AVAILABLE.
    c.set("s2.rules.in_force", "-1").unwrap();
    let got: Vec<(String, Vec<String>)> = c
        .diagnostics()
        .into_iter()
        .map(|d| (d.rule.to_string(), d.cells))
        .collect();
    let want = vec![(
        "D-COUNT-NEG".to_string(),
        vec!["s2.rules.in_force".to_string()],
    )];
    assert_eq!(got, want);
    // The whole-report path agrees.
    let mut r2 = r.clone();
    r2.cells.insert("s2.rules.in_force".into(), "-1".into());
    let whole: Vec<(String, Vec<String>)> = validate(&r2, &Options::default())
        .unwrap()
        .diagnostics
        .into_iter()
        .map(|d| (d.rule.to_string(), d.cells))
        .collect();
    assert_eq!(whole, want);
}
