//! Every rule gets a passing and a failing case generated from its own data: a new rule
//! template is tested without new test code.

use nianbao::format::{builtin, Format, ValueKind};
use nianbao::num::Num;
use nianbao::rules::{CellRef, Check, Instance, Kind, Op, RuleId, RuleSet, RULES};
use nianbao::{validate, Options, Report};
use std::collections::BTreeMap;

struct Case {
    cur: BTreeMap<String, String>,
    prev: BTreeMap<String, String>,
}

fn id(f: &Format, i: usize) -> String {
    f.cells[i].id.clone()
}

/// Values for a linear relation: every cell gets a small number, then the adjustable cell
/// (the target, else the first cell) is solved so that `lhs - rhs == want`.
fn relation_case(set: &RuleSet, inst: &Instance, want: i64, seed: u64) -> Option<Case> {
    let Kind::Relation {
        lhs, rhs, guard, ..
    } = &inst.kind
    else {
        return None;
    };
    let f = &set.format;
    let pf = set.prev_format.as_ref();
    let mut vals: BTreeMap<CellRef, i64> = BTreeMap::new();
    let mut s = seed;
    for c in &inst.cells {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        vals.insert(*c, 2 + ((s >> 33) % 7) as i64);
    }
    if let Some(g) = guard {
        vals.insert(*g, 5);
    }
    let adjust = inst.target.map(CellRef::Cur).unwrap_or(inst.cells[0]);
    let side = |terms: &[nianbao::rules::Term], vals: &BTreeMap<CellRef, i64>| -> i64 {
        terms
            .iter()
            .map(|t| t.sign as i64 * t.cells.iter().map(|c| vals[c]).sum::<i64>())
            .sum()
    };
    let diff = side(lhs, &vals) - side(rhs, &vals);
    // Effect of +1 on the adjustable cell on (lhs - rhs).
    let effect = lhs
        .iter()
        .find(|t| t.cells.contains(&adjust))
        .map(|t| t.sign as i64)
        .or_else(|| {
            rhs.iter()
                .find(|t| t.cells.contains(&adjust))
                .map(|t| -(t.sign as i64))
        })?;
    let delta = (want - diff) * effect;
    let v = vals[&adjust] + delta;
    let kind = match adjust {
        CellRef::Cur(i) => f.cells[i].kind,
        CellRef::Prev(i) => pf?.cells[i].kind,
    };
    if v < 0 && kind != ValueKind::Delta {
        return None;
    }
    vals.insert(adjust, v);
    let mut case = Case {
        cur: BTreeMap::new(),
        prev: BTreeMap::new(),
    };
    for (c, v) in vals {
        match c {
            CellRef::Cur(i) => case.cur.insert(id(f, i), v.to_string()),
            CellRef::Prev(i) => case.prev.insert(id(pf?, i), v.to_string()),
        };
    }
    Some(case)
}

/// (passing, failing) raw values for the single-cell checks.
fn cell_case(kind: &Kind, f: &Format) -> Option<(Case, Case)> {
    let one = |cells: Vec<(usize, &str)>| Case {
        cur: cells
            .into_iter()
            .map(|(i, v)| (id(f, i), v.to_string()))
            .collect(),
        prev: BTreeMap::new(),
    };
    Some(match kind {
        Kind::Readable(c) => (one(vec![(*c, "12")]), one(vec![(*c, "12abc")])),
        Kind::NonNegative(c) => (one(vec![(*c, "12")]), one(vec![(*c, "-12")])),
        Kind::Note(c, tag) => {
            let bad = match *tag {
                "unit_ignored" => "12件",
                "decimal_zero_ignored" => "12.0",
                "wan_multiplier" => "1.2万",
                "amount_converted" => "120000元",
                _ => return None,
            };
            (one(vec![(*c, "12")]), one(vec![(*c, bad)]))
        }
        Kind::UnitStated(c) => (one(vec![(*c, "12万元")]), one(vec![(*c, "12")])),
        Kind::UnitWan(c) => (one(vec![(*c, "12")]), one(vec![(*c, "120000元")])),
        Kind::ZeroTogether(a, b) => (
            one(vec![(*a, "3"), (*b, "12")]),
            one(vec![(*a, "3"), (*b, "0")]),
        ),
        Kind::NotEmpty(_, cells) => (one(vec![(cells[0], "0")]), one(vec![])),
        Kind::Relation { .. } => return None,
    })
}

fn keys(format: &str, case: &Case, prev_format: Option<&str>) -> Vec<String> {
    let mut r = Report::new(format, None);
    r.cells = case.cur.clone().into_iter().collect();
    let prev = prev_format.map(|p| {
        let mut pr = Report::new(p, None);
        pr.cells = case.prev.clone().into_iter().collect();
        pr
    });
    let v = validate(
        &r,
        &Options {
            prev,
            ..Options::default()
        },
    )
    .expect("valid report");
    v.diagnostics.into_iter().map(|d| d.key).collect()
}

#[test]
fn every_rule_instance_passes_and_fails_on_its_own_data() {
    let pairs = [
        ("gb2019", Some("gb2019")),
        ("gb2021", Some("gb2021")),
        ("gb2021", Some("gb2019")),
        ("gb2019-hubei", Some("gb2019")),
    ];
    let mut tested: BTreeMap<&str, usize> = BTreeMap::new();
    for (fid, pid) in pairs {
        let f = builtin(fid).unwrap();
        let p = pid.map(|p| builtin(p).unwrap());
        let set = RuleSet::new(f, p);
        for inst in &set.instances {
            let (pass, fail) = match &inst.kind {
                Kind::Relation { op, .. } => {
                    let violate = match op {
                        Op::Eq | Op::Le => 1,
                        Op::Ge => -1,
                    };
                    let (Some(a), Some(b)) = (
                        relation_case(&set, inst, 0, 7),
                        relation_case(&set, inst, violate, 7),
                    ) else {
                        panic!("no case for {}", inst.key)
                    };
                    (a, b)
                }
                k => match cell_case(k, &set.format) {
                    Some(c) => c,
                    None => continue,
                },
            };
            let k_pass = keys(fid, &pass, pid);
            let k_fail = keys(fid, &fail, pid);
            assert!(
                !k_pass.contains(&inst.key),
                "{fid}: {} fired on its passing case {:?}",
                inst.key,
                pass.cur
            );
            assert!(
                k_fail.contains(&inst.key),
                "{fid}: {} silent on its failing case {:?} / prev {:?}: got {k_fail:?}",
                inst.key,
                fail.cur,
                fail.prev
            );
            *tested.entry(inst.rule().id).or_default() += 1;
        }
    }
    // Every template (bar the value-note ones with no sample) was exercised; the rows found
    // outside the engine (blank totals, format/year, narrative) have no instances.
    for t in RULES.iter().filter(|t| !matches!(t.check, Check::Outside)) {
        assert!(tested.contains_key(t.id), "rule {} never tested", t.id);
    }
}

#[test]
fn instance_counts_match_spec_section_3_7() {
    let count = |fid: &str, prev: Option<&str>| {
        let set = RuleSet::new(builtin(fid).unwrap(), prev.map(|p| builtin(p).unwrap()));
        nianbao::rules::instance_counts(&set)
    };
    let c19 = count("gb2019", Some("gb2019"));
    let c21 = count("gb2021", Some("gb2021"));
    let n = |m: &std::collections::HashMap<RuleId, usize>, k: &str| {
        m.get(&RuleId::parse(k).unwrap()).copied().unwrap_or(0)
    };
    // Arithmetic identities: 45 (2019) and 42 (2021).
    let ids19: usize = [
        "E-S3-ROW",
        "E-S3-RESULT",
        "E-S3-BALANCE",
        "E-S4-SUM",
        "E-2019-ITEMS",
    ]
    .iter()
    .map(|k| n(&c19, k))
    .sum();
    let ids21: usize = [
        "E-S3-ROW",
        "E-S3-RESULT",
        "E-S3-BALANCE",
        "E-S4-SUM",
        "E-2019-ITEMS",
    ]
    .iter()
    .map(|k| n(&c21, k))
    .sum();
    assert_eq!((ids19, ids21), (45, 42));
    assert_eq!(
        (n(&c19, "D-COUNT"), n(&c19, "D-DELTA"), n(&c19, "D-AMOUNT")),
        (192, 5, 1)
    );
    assert_eq!((n(&c21, "D-COUNT"), n(&c21, "D-AMOUNT")), (199, 1));
    // Specific warnings: 16 (2019) and 10 (2021).
    let w19: usize = [
        "W-2019-PUBLISHED-LE-TOTAL",
        "W-2019-CHANGE-LARGE",
        "W-2019-PROC-PAIR",
        "W-2019-PROC-UNIT",
        "W-S3-CARRY-LE-NEW",
    ]
    .iter()
    .map(|k| n(&c19, k))
    .sum();
    let w21: usize = [
        "W-2021-FEE-UNIT",
        "W-2021-ISSUED-LE-AVAILABLE",
        "W-S3-CARRY-LE-NEW",
    ]
    .iter()
    .map(|k| n(&c21, k))
    .sum();
    assert_eq!((w19, w21), (16, 10));
    // Cross-year: 14 and 11.
    let x = |m: &std::collections::HashMap<RuleId, usize>| -> usize {
        m.iter()
            .filter(|(k, _)| k.as_str().starts_with("X-"))
            .map(|(_, v)| v)
            .sum()
    };
    assert_eq!((x(&c19), x(&c21)), (14, 11));
    // Across the change of format only X-S3-CARRY applies.
    let across = count("gb2021", Some("gb2019"));
    assert_eq!(x(&across), 7);
    assert_eq!(n(&c19, "W-EMPTY-TABLE"), 3);
    let _ = Num::ZERO;
}
