//! Typo pinpointing: one typed cell whose one new value makes every failing sum identity it
//! belongs to pass is named as the likely typo (spec §3.3).

use super::{effective, evaluate_instance, CellRef, Inputs, Kind, Op, Outcome, RuleSet, Severity};
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
    if failing.len() < 2 {
        return Vec::new();
    }
    // Per cell: how many failing identities hold it (each identity counted once: `last`
    // marks the identity that counted it last, so no sort or set is needed).
    let mut seen = vec![0usize; inputs.cur.len()];
    let mut last = vec![usize::MAX; inputs.cur.len()];
    for &i in &failing {
        for c in &set.instances[i].cells {
            if let CellRef::Cur(x) = *c {
                if last[x] != i {
                    last[x] = i;
                    seen[x] += 1;
                }
            }
        }
    }
    let mut found: Vec<(usize, Num)> = Vec::new();
    for (x, &n) in seen.iter().enumerate() {
        if n < 2 || !matches!(inputs.cur[x].value, Value::Number { .. }) {
            continue;
        }
        let Some(cur) = effective(set, inputs, CellRef::Cur(x)) else {
            continue;
        };
        // The value each failing identity containing x asks of x.
        let mut wanted: Option<Num> = None;
        let mut consistent = true;
        for &i in &failing {
            if !set.instances[i].cells.contains(&CellRef::Cur(x)) {
                continue;
            }
            let Kind::Relation { lhs, rhs, .. } = &set.instances[i].kind else {
                continue;
            };
            // Summed in order from zero, as `Iterator::sum` would.
            let side = |terms: &[crate::rules::Term]| {
                let mut total = Num::ZERO;
                for t in terms {
                    let mut v = Num::ZERO;
                    for &c in &t.cells {
                        v = v + effective(set, inputs, c).unwrap_or_default();
                    }
                    total = total + if t.sign > 0 { v } else { -v };
                }
                total
            };
            let diff = side(lhs) - side(rhs);
            let delta = if let Some(t) = lhs.iter().find(|t| t.cells.contains(&CellRef::Cur(x))) {
                if t.sign > 0 {
                    -diff
                } else {
                    diff
                }
            } else if let Some(t) = rhs.iter().find(|t| t.cells.contains(&CellRef::Cur(x))) {
                if t.sign > 0 {
                    diff
                } else {
                    -diff
                }
            } else {
                continue;
            };
            let v = cur + delta;
            match wanted {
                None => wanted = Some(v),
                Some(w) if w == v => {}
                Some(_) => consistent = false,
            }
        }
        let Some(v) = wanted else { continue };
        if !consistent || v.is_negative() {
            continue;
        }
        // Try it: every identity x belongs to must pass with x = v.
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
        let all_pass = set.identities_of(x).all(|i| {
            matches!(
                evaluate_instance(set, i, &t_inputs),
                Outcome::Pass | Outcome::Skip
            )
        });
        if all_pass {
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
