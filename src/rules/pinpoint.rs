//! Typo pinpointing: one typed cell whose one new value makes every failing sum identity it
//! belongs to pass is named as the likely typo (spec §3.3).

use super::{
    effective, evaluate_instance, CellRef, Inputs, Kind, Op, Outcome, RuleSet, Severity, Term,
};
use crate::diagnostic::{Diagnostic, Fix, Status};
use crate::num::Num;
use crate::value::{Reading, Value};

/// (failing identity, fix) pairs: a single typed cell in two or more failing identities
/// whose one new value makes every identity it belongs to pass. Claims nothing when
/// no cell or more than one cell qualifies.
pub(crate) fn pinpoints(
    set: &RuleSet,
    base: &[Option<Box<Diagnostic>>],
    inputs: &Inputs,
) -> Vec<(usize, Fix)> {
    let failing = failing_identities(set, base);
    if failing.len() < 2 {
        return Vec::new();
    }
    let held = identities_holding(set, &failing, inputs.cur.len());
    let mut found: Vec<(usize, Num)> = Vec::new();
    for (x, &n) in held.iter().enumerate() {
        if n < 2 || !matches!(inputs.cur[x].value, Value::Number { .. }) {
            continue;
        }
        let Some(v) = wanted(set, inputs, &failing, x) else {
            continue;
        };
        if !v.is_negative() && all_pass_with(set, inputs, x, v) {
            found.push((x, v));
        }
    }
    if found.len() != 1 {
        return Vec::new();
    }
    let (x, v) = found[0];
    let fix = Fix {
        cell: set.format.cells[x].id.clone(),
        value: v,
    };
    let mut out = Vec::new();
    for i in failing {
        if set.instances[i].cells.contains(&CellRef::Cur(x)) {
            out.push((i, fix.clone()));
        }
    }
    out
}

/// The failing error sum identities over this year's cells (the ones pinpointing reasons
/// about), by instance index.
fn failing_identities(set: &RuleSet, base: &[Option<Box<Diagnostic>>]) -> Vec<usize> {
    let mut failing: Vec<usize> = Vec::new();
    for (i, base) in base.iter().enumerate() {
        let inst = &set.instances[i];
        if base.as_ref().is_some_and(|d| {
            d.status == Status::Fail
                && d.severity == Severity::Error
                && matches!(inst.kind, Kind::Relation { op: Op::Eq, .. })
                && inst.cells.iter().all(|c| matches!(c, CellRef::Cur(_)))
        }) {
            failing.push(i);
        }
    }
    failing
}

/// Per cell: how many of the `failing` identities hold it.
fn identities_holding(set: &RuleSet, failing: &[usize], n: usize) -> Vec<usize> {
    // Each identity counted once: `last` marks the identity that counted a cell last, so no
    // sort or set is needed.
    let mut seen = vec![0usize; n];
    let mut last = vec![usize::MAX; n];
    for &i in failing {
        for c in &set.instances[i].cells {
            if let CellRef::Cur(x) = *c {
                if last[x] != i {
                    last[x] = i;
                    seen[x] += 1;
                }
            }
        }
    }
    seen
}

/// The one value every failing identity containing cell `x` asks of it; `None` when they
/// ask different values (or `x` has no effective value).
fn wanted(set: &RuleSet, inputs: &Inputs, failing: &[usize], x: usize) -> Option<Num> {
    let cur = effective(set, inputs, CellRef::Cur(x))?;
    let mut wanted: Option<Num> = None;
    for &i in failing {
        if !set.instances[i].cells.contains(&CellRef::Cur(x)) {
            continue;
        }
        let Kind::Relation { lhs, rhs, .. } = &set.instances[i].kind else {
            continue;
        };
        let diff = side(set, inputs, lhs) - side(set, inputs, rhs);
        let Some(delta) = delta_for(lhs, rhs, CellRef::Cur(x), diff) else {
            continue;
        };
        let v = cur + delta;
        match wanted {
            None => wanted = Some(v),
            Some(w) if w == v => {}
            Some(_) => return None,
        }
    }
    wanted
}

/// A side's signed sum, blanks and unreadable cells as 0, summed in order from zero (as
/// `Iterator::sum` would).
fn side(set: &RuleSet, inputs: &Inputs, terms: &[Term]) -> Num {
    let mut total = Num::ZERO;
    for t in terms {
        let mut v = Num::ZERO;
        for &c in &t.cells {
            v = v + effective(set, inputs, c).unwrap_or_default();
        }
        total = total + if t.sign > 0 { v } else { -v };
    }
    total
}

/// How much cell `x` must change for a relation off by `diff` (`lhs - rhs`) to hold: by the
/// sign of the first term that reads it; `None` when no term does.
fn delta_for(lhs: &[Term], rhs: &[Term], x: CellRef, diff: Num) -> Option<Num> {
    if let Some(t) = lhs.iter().find(|t| t.cells.contains(&x)) {
        Some(if t.sign > 0 { -diff } else { diff })
    } else {
        let t = rhs.iter().find(|t| t.cells.contains(&x))?;
        Some(if t.sign > 0 { diff } else { -diff })
    }
}

/// Whether every identity cell `x` belongs to passes (or skips) with `x` = `v`.
fn all_pass_with(set: &RuleSet, inputs: &Inputs, x: usize, v: Num) -> bool {
    let mut trial = inputs.cur.to_vec();
    trial[x] = Reading {
        value: Value::Number { value: v },
        unit: None,
        notes: Vec::new(),
    };
    let t_inputs = Inputs {
        cur: &trial,
        missing: inputs.missing,
        prev: inputs.prev,
        pending: inputs.pending,
    };
    set.identities_of(x).all(|i| {
        matches!(
            evaluate_instance(set, i, &t_inputs),
            Outcome::Pass | Outcome::Skip
        )
    })
}
