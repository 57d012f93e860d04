//! Evaluates one compiled instance against the cell readings (spec §3.1 semantics).

use super::{CellRef, Kind, Op, RuleSet};
use crate::num::Num;
use crate::value::{Reading, Value, ValueNote};

/// Inputs of an evaluation: this year's readings, which cells the import did not find, and
/// last year's readings.
pub struct Inputs<'a> {
    pub cur: &'a [Reading],
    pub missing: &'a [bool],
    pub prev: Option<&'a [Reading]>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Pass,
    /// Nothing to check (all cells blank, guard not met).
    Skip,
    /// An operand is unreadable or missing: its own diagnostic says so, no second error.
    NotAssessable,
    Fail(Finding),
    /// A blank total whose parts are not zero (W-MISSING-TOTAL).
    Incomplete(Finding),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Finding {
    pub expected: Option<Num>,
    pub actual: Option<Num>,
    /// Named numbers for the message (`lhs`, `rhs`, term names, `value`, …).
    pub numbers: Vec<(String, Num)>,
}

impl Finding {
    pub fn number(&self, name: &str) -> Option<Num> {
        self.numbers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
    }
}

impl Inputs<'_> {
    fn reading(&self, c: CellRef) -> Option<&Reading> {
        match c {
            CellRef::Cur(i) => (!self.missing.get(i).copied().unwrap_or(false))
                .then(|| self.cur.get(i))
                .flatten(),
            CellRef::Prev(i) => self.prev.and_then(|p| p.get(i)),
        }
    }

    fn is_blank(&self, c: CellRef) -> bool {
        self.reading(c).is_some_and(Reading::is_blank)
    }

    fn known(&self, c: CellRef) -> bool {
        self.reading(c)
            .is_some_and(|r| !matches!(r.value, Value::Invalid { .. }))
    }
}

/// The value a cell takes in arithmetic: typed value, 0 for blank parts, or — for a blank
/// total — the sum of its parts, so one blank 总计 never cascades into false errors.
pub fn effective(set: &RuleSet, inp: &Inputs, c: CellRef) -> Option<Num> {
    fn go(set: &RuleSet, inp: &Inputs, c: CellRef, depth: u8) -> Option<Num> {
        let r = inp.reading(c)?;
        if !r.is_blank() || depth > 8 {
            return r.number();
        }
        let (sums, total_of, i) = match c {
            CellRef::Cur(i) => (&set.instances, &set.total_of, i),
            CellRef::Prev(i) => (&set.prev_sums, &set.prev_total_of, i),
        };
        let Some(j) = total_of.get(i).copied().flatten() else {
            return Some(Num::ZERO);
        };
        let Kind::Relation { rhs, .. } = &sums[j].kind else {
            return Some(Num::ZERO);
        };
        let mut sum = Num::ZERO;
        for t in rhs {
            for &p in &t.cells {
                let p = match (c, p) {
                    (CellRef::Prev(_), CellRef::Cur(x)) => CellRef::Prev(x),
                    _ => p,
                };
                let v = go(set, inp, p, depth + 1)?;
                sum = if t.sign > 0 { sum + v } else { sum - v };
            }
        }
        Some(sum)
    }
    go(set, inp, c, 0)
}

/// Evaluates `set.instances[index]`.
pub fn evaluate_instance(set: &RuleSet, index: usize, inp: &Inputs) -> Outcome {
    let inst = &set.instances[index];
    match &inst.kind {
        Kind::Relation {
            lhs,
            op,
            rhs,
            guard,
            total,
        } => relation(set, index, inp, lhs, *op, rhs, *guard, *total),
        Kind::Readable(c) => match inp.reading(CellRef::Cur(*c)) {
            Some(Reading {
                value: Value::Invalid { .. },
                ..
            }) => Outcome::Fail(Finding::default()),
            _ => Outcome::Pass,
        },
        Kind::NonNegative(c) => match inp.reading(CellRef::Cur(*c)) {
            Some(Reading {
                value: Value::Number { value },
                ..
            }) if value.is_negative() => Outcome::Fail(Finding {
                numbers: vec![("value".into(), *value)],
                ..Finding::default()
            }),
            _ => Outcome::Pass,
        },
        Kind::Note(c, tag) => match inp.reading(CellRef::Cur(*c)) {
            Some(r) if r.notes.iter().any(|n| note_tag(n) == *tag) => with_value(r),
            _ => Outcome::Pass,
        },
        Kind::UnitStated(c) => match inp.reading(CellRef::Cur(*c)) {
            Some(
                r @ Reading {
                    value: Value::Number { .. },
                    unit: None,
                    ..
                },
            ) => with_value(r),
            _ => Outcome::Pass,
        },
        Kind::UnitWan(c) => match inp.reading(CellRef::Cur(*c)) {
            Some(
                r @ Reading {
                    value: Value::Number { .. },
                    unit: Some(u),
                    ..
                },
            ) if *u != "万元" => with_value(r),
            _ => Outcome::Pass,
        },
        Kind::ZeroTogether(a, b) => {
            let (a, b) = (CellRef::Cur(*a), CellRef::Cur(*b));
            if !inp.known(a) || !inp.known(b) {
                return Outcome::NotAssessable;
            }
            if inp.is_blank(a) && inp.is_blank(b) {
                return Outcome::Skip;
            }
            let (Some(va), Some(vb)) = (effective(set, inp, a), effective(set, inp, b)) else {
                return Outcome::NotAssessable;
            };
            if va.is_zero() == vb.is_zero() {
                Outcome::Pass
            } else {
                Outcome::Fail(Finding {
                    numbers: vec![("a".into(), va), ("b".into(), vb)],
                    ..Finding::default()
                })
            }
        }
        Kind::NotEmpty(_, cells) => {
            // Skip when no cell is present, fail when every present cell is blank.
            let mut present = false;
            let mut all_blank = true;
            for &c in cells {
                let c = CellRef::Cur(c);
                if inp.reading(c).is_some() {
                    present = true;
                    all_blank &= inp.is_blank(c);
                }
            }
            if !present {
                Outcome::Skip
            } else if all_blank {
                Outcome::Fail(Finding::default())
            } else {
                Outcome::Pass
            }
        }
    }
}

fn with_value(r: &Reading) -> Outcome {
    let mut numbers = Vec::new();
    if let Some(v) = r.number() {
        numbers.push(("value".into(), v));
    }
    Outcome::Fail(Finding {
        numbers,
        ..Finding::default()
    })
}

pub(crate) fn note_tag(n: &ValueNote) -> &'static str {
    match n {
        ValueNote::UnitIgnored { .. } => "unit_ignored",
        ValueNote::DecimalZeroIgnored => "decimal_zero_ignored",
        ValueNote::WanMultiplier => "wan_multiplier",
        ValueNote::WordsRead => "words_read",
        ValueNote::AmountConverted { .. } => "amount_converted",
    }
}

#[allow(clippy::too_many_arguments)]
fn relation(
    set: &RuleSet,
    index: usize,
    inp: &Inputs,
    lhs: &[super::Term],
    op: Op,
    rhs: &[super::Term],
    guard: Option<CellRef>,
    total: Option<usize>,
) -> Outcome {
    let inst = &set.instances[index];
    if inst.cells.iter().any(|&c| !inp.known(c)) {
        return Outcome::NotAssessable;
    }
    if inst.cells.iter().all(|&c| inp.is_blank(c)) {
        return Outcome::Skip;
    }
    if let Some(g) = guard {
        match effective(set, inp, g) {
            Some(v) if v > Num::ZERO => {}
            Some(_) => return Outcome::Skip,
            None => return Outcome::NotAssessable,
        }
    }
    let sum = |terms: &[super::Term]| -> Option<(Num, Vec<(String, Num)>)> {
        let mut total = Num::ZERO;
        let mut named = Vec::new();
        for t in terms {
            let mut v = Num::ZERO;
            for &c in &t.cells {
                v = v + effective(set, inp, c)?;
            }
            named.push((t.name.clone(), v));
            total = if t.sign > 0 { total + v } else { total - v };
        }
        Some((total, named))
    };
    let Some((l, mut named)) = sum(lhs) else {
        return Outcome::NotAssessable;
    };
    let Some((r, named_r)) = sum(rhs) else {
        return Outcome::NotAssessable;
    };
    named.extend(named_r);

    if let Some(t) = total {
        if inp.is_blank(CellRef::Cur(t)) {
            // Only the first identity of a blank total asks for it; the others use its
            // computed value and would only repeat the question.
            if set.total_of[t] != Some(index) || r.is_zero() {
                return Outcome::Skip;
            }
            return Outcome::Incomplete(Finding {
                expected: Some(r),
                actual: None,
                numbers: named,
            });
        }
    }

    let ok = match op {
        Op::Eq => l == r,
        Op::Le => l <= r,
        Op::Ge => l >= r,
    };
    if ok {
        return Outcome::Pass;
    }
    let diff = l - r;
    let (expected, actual) = match inst.target.map(CellRef::Cur) {
        Some(t) => {
            let actual = effective(set, inp, t);
            let side_sign = lhs
                .iter()
                .find(|term| term.cells.contains(&t))
                .map(|term| -(term.sign as i64))
                .or_else(|| {
                    rhs.iter()
                        .find(|term| term.cells.contains(&t))
                        .map(|term| term.sign as i64)
                });
            match (actual, side_sign) {
                (Some(a), Some(s)) => {
                    let delta = if s > 0 { diff } else { -diff };
                    (Some(a + delta), Some(a))
                }
                _ => (None, actual),
            }
        }
        None => (None, None),
    };
    named.push(("lhs".into(), l));
    named.push(("rhs".into(), r));
    named.push(("diff".into(), diff.abs()));
    Outcome::Fail(Finding {
        expected,
        actual,
        numbers: named,
    })
}
