//! Evaluates one compiled instance against the cell readings (spec §3.1 semantics).

use super::{CellRef, Kind, Op, RuleSet, Term};
use crate::num::Num;
use crate::value::{Reading, Value, ValueNote};

/// Inputs of an evaluation: this year's readings, which cells the import did not find, and
/// last year's readings.
pub struct Inputs<'a> {
    pub cur: &'a [Reading],
    pub missing: &'a [bool],
    pub prev: Option<&'a [Reading]>,
    /// Live form being filled (spec §3.1 "pending"): a blank cell of this year is "not typed
    /// yet", so a finding that uses one waits instead of failing.
    pub pending: bool,
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
    /// Would fail or be incomplete, but a cell it uses is still blank in a live form
    /// (`Inputs::pending`): judged once every cell holds a value (spec §3.1).
    Pending,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Finding {
    pub expected: Option<Num>,
    pub actual: Option<Num>,
    /// Named numbers for the message (`lhs`, `rhs`, term names, `value`, …).
    pub numbers: Vec<(&'static str, Num)>,
}

impl Finding {
    /// The number called `name`: `lhs`, `value`, … or a term's message name.
    pub fn number(&self, name: &str) -> Option<Num> {
        for (n, v) in &self.numbers {
            // Term entries are the term as written, the only names with a '.'.
            let hit = if n.contains('.') {
                term_has_name(n, name)
            } else {
                *n == name
            };
            if hit {
                return Some(*v);
            }
        }
        None
    }
}

/// Whether a term (`P.s3.carried_forward.{c}`) has the message name `name`
/// (`p_carried_forward`): its literal path segments after the table, joined with '_',
/// prefixed `p_` for last year's. Matched in place, so no name is ever built.
fn term_has_name(term: &str, name: &str) -> bool {
    let (path, mut rest) = match term.strip_prefix("P.") {
        Some(p) => match name.strip_prefix("p_") {
            Some(n) => (p, n),
            None => return false,
        },
        None => (term, name),
    };
    let mut first = true;
    for seg in path.split('.').skip(1) {
        if seg.starts_with('{') || seg == "*" {
            continue;
        }
        if !first {
            match rest.strip_prefix('_') {
                Some(r) => rest = r,
                None => return false,
            }
        }
        first = false;
        match rest.strip_prefix(seg) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
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

    /// A bound cell of this year that is blank: "not typed yet" in a live form.
    pub fn is_open(&self, i: usize) -> bool {
        !self.missing.get(i).copied().unwrap_or(false)
            && self.cur.get(i).is_some_and(Reading::is_blank)
    }

    fn known(&self, c: CellRef) -> bool {
        self.reading(c)
            .is_some_and(|r| !matches!(r.value, Value::Invalid { .. }))
    }
}

/// Whether a rule may use the cell: readable, and not a negative count (a cell failing a
/// D-rule is reported once, by that D-rule; every other rule using it is not assessable).
fn assessable(set: &RuleSet, inp: &Inputs, c: CellRef) -> bool {
    if !inp.known(c) {
        return false;
    }
    let (format, i) = match c {
        CellRef::Cur(i) => (Some(&*set.format), i),
        CellRef::Prev(i) => (set.prev_format, i),
    };
    let count = format
        .and_then(|f| f.cells.get(i))
        .is_some_and(|cell| cell.kind == crate::format::ValueKind::Count);
    !(count
        && inp
            .reading(c)
            .is_some_and(|r| matches!(r.value, Value::Number { value } if value.is_negative())))
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
                sum = add_signed(sum, t.sign, go(set, inp, p, depth + 1)?);
            }
        }
        Some(sum)
    }
    go(set, inp, c, 0)
}

/// Read as blank or a non-negative number, with no note: every one-cell check of the cell
/// (`RuleSet::one_cell`) passes.
pub fn plainly_read(r: &Reading) -> bool {
    r.notes.is_empty()
        && match r.value {
            Value::Blank => true,
            Value::Number { value } => !value.is_negative(),
            _ => false,
        }
}

/// Evaluates `set.instances[index]`. A finding over a cell the user has not filled yet is
/// `Pending` (only with `inp.pending`); every other outcome is the same as without it.
pub fn evaluate_instance(set: &RuleSet, index: usize, inp: &Inputs) -> Outcome {
    let out = judge(set, index, inp);
    if inp.pending && matches!(out, Outcome::Fail(_) | Outcome::Incomplete(_)) {
        for &c in &set.instances[index].cells {
            if let CellRef::Cur(i) = c {
                if inp.is_open(i) {
                    return Outcome::Pending;
                }
            }
        }
    }
    out
}

/// One instance's outcome, by its kind of check (each a step below).
fn judge(set: &RuleSet, index: usize, inp: &Inputs) -> Outcome {
    let inst = &set.instances[index];
    match &inst.kind {
        Kind::Relation {
            lhs,
            op,
            rhs,
            guard,
            total,
        } => relation(set, index, inp, lhs, *op, rhs, *guard, *total),
        Kind::Readable(c) => readable(inp, *c),
        Kind::NonNegative(c) => non_negative(inp, *c),
        Kind::Note(c, tag) => match inp.reading(CellRef::Cur(*c)) {
            Some(r) if r.notes.iter().any(|n| note_tag(n) == *tag) => with_value(r),
            _ => Outcome::Pass,
        },
        Kind::UnitStated(c) => unit_stated(inp, *c),
        Kind::UnitWan(c) => unit_wan(inp, *c),
        Kind::ZeroTogether(a, b) => zero_together(set, inp, CellRef::Cur(*a), CellRef::Cur(*b)),
        Kind::NotEmpty(_, cells) => not_empty(inp, cells),
    }
}

/// `Readable`: fails on a value the reader could not read.
fn readable(inp: &Inputs, c: usize) -> Outcome {
    match inp.reading(CellRef::Cur(c)) {
        Some(Reading {
            value: Value::Invalid { .. },
            ..
        }) => Outcome::Fail(Finding::default()),
        _ => Outcome::Pass,
    }
}

/// `NonNegative`: fails on a negative number.
fn non_negative(inp: &Inputs, c: usize) -> Outcome {
    match inp.reading(CellRef::Cur(c)) {
        Some(Reading {
            value: Value::Number { value },
            ..
        }) if value.is_negative() => Outcome::Fail(Finding {
            numbers: vec![("value", *value)],
            ..Finding::default()
        }),
        _ => Outcome::Pass,
    }
}

/// `UnitStated`: fails on a number written without a unit.
fn unit_stated(inp: &Inputs, c: usize) -> Outcome {
    match inp.reading(CellRef::Cur(c)) {
        Some(
            r @ Reading {
                value: Value::Number { .. },
                unit: None,
                ..
            },
        ) => with_value(r),
        _ => Outcome::Pass,
    }
}

/// `UnitWan`: fails on a number written in another unit than 万元.
fn unit_wan(inp: &Inputs, c: usize) -> Outcome {
    match inp.reading(CellRef::Cur(c)) {
        Some(
            r @ Reading {
                value: Value::Number { .. },
                unit: Some(u),
                ..
            },
        ) if *u != "万元" => with_value(r),
        _ => Outcome::Pass,
    }
}

/// `ZeroTogether`: fails when exactly one of the two is zero.
fn zero_together(set: &RuleSet, inp: &Inputs, a: CellRef, b: CellRef) -> Outcome {
    if !assessable(set, inp, a) || !assessable(set, inp, b) {
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
            numbers: vec![("a", va), ("b", vb)],
            ..Finding::default()
        })
    }
}

/// `NotEmpty`: skips when no cell is present, fails when every present cell is blank.
fn not_empty(inp: &Inputs, cells: &[usize]) -> Outcome {
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

/// How the target's value moves `lhs - rhs`: the sign of its term, negated on the left side;
/// `None` when no term reads it.
fn side_sign(lhs: &[Term], rhs: &[Term], t: CellRef) -> Option<i8> {
    for term in lhs {
        if term.cells.contains(&t) {
            return Some(-term.sign);
        }
    }
    for term in rhs {
        if term.cells.contains(&t) {
            return Some(term.sign);
        }
    }
    None
}

/// `sum + v` or `sum - v` by the term's sign (one copy of the saturating i128 arithmetic).
#[inline(never)]
fn add_signed(sum: Num, sign: i8, v: Num) -> Num {
    if sign > 0 {
        sum + v
    } else {
        sum - v
    }
}

fn with_value(r: &Reading) -> Outcome {
    let mut numbers = Vec::new();
    if let Some(v) = r.number() {
        numbers.push(("value", v));
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

/// A linear relation: gated (not assessable, skipped, guard), both sides summed, a blank
/// total asked for, else compared; a failure carries what the target should be.
#[allow(clippy::too_many_arguments)]
fn relation(
    set: &RuleSet,
    index: usize,
    inp: &Inputs,
    lhs: &[Term],
    op: Op,
    rhs: &[Term],
    guard: Option<CellRef>,
    total: Option<usize>,
) -> Outcome {
    let inst = &set.instances[index];
    if let Some(out) = gate(set, inp, &inst.cells, guard) {
        return out;
    }
    let (Some(l), Some(r)) = (side(set, inp, lhs, None), side(set, inp, rhs, None)) else {
        return Outcome::NotAssessable;
    };
    if let Some(t) = total {
        if inp.is_blank(CellRef::Cur(t)) {
            return blank_total(set, index, t, r, named(set, inp, lhs, rhs));
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
        Some(t) => target_values(set, inp, lhs, rhs, t, diff),
        None => (None, None),
    };
    let mut numbers = named(set, inp, lhs, rhs);
    numbers.push(("lhs", l));
    numbers.push(("rhs", r));
    numbers.push(("diff", diff.abs()));
    Outcome::Fail(Finding {
        expected,
        actual,
        numbers,
    })
}

/// The outcome decided before any sum: a cell failing a D-rule makes the relation not
/// assessable, all-blank cells skip it, and so does a guard cell that is not positive.
fn gate(set: &RuleSet, inp: &Inputs, cells: &[CellRef], guard: Option<CellRef>) -> Option<Outcome> {
    if cells.iter().any(|&c| !assessable(set, inp, c)) {
        return Some(Outcome::NotAssessable);
    }
    if cells.iter().all(|&c| inp.is_blank(c)) {
        return Some(Outcome::Skip);
    }
    if let Some(g) = guard {
        match effective(set, inp, g) {
            Some(v) if v > Num::ZERO => {}
            Some(_) => return Some(Outcome::Skip),
            None => return Some(Outcome::NotAssessable),
        }
    }
    None
}

/// A side's signed sum; `None` when a cell has no effective value. With `names`, each term's
/// value by name too (a finding's message); without, nothing is allocated (most relations
/// pass).
fn side(
    set: &RuleSet,
    inp: &Inputs,
    terms: &[Term],
    mut names: Option<&mut Vec<(&'static str, Num)>>,
) -> Option<Num> {
    let mut total = Num::ZERO;
    for t in terms {
        let mut v = Num::ZERO;
        for &c in &t.cells {
            v = v + effective(set, inp, c)?;
        }
        if let Some(n) = names.as_deref_mut() {
            n.push((t.name, v));
        }
        total = add_signed(total, t.sign, v);
    }
    Some(total)
}

/// Each term's value by name, both sides (every cell has a value, as `side` found).
fn named(set: &RuleSet, inp: &Inputs, lhs: &[Term], rhs: &[Term]) -> Vec<(&'static str, Num)> {
    let mut out = Vec::new();
    side(set, inp, lhs, Some(&mut out));
    side(set, inp, rhs, Some(&mut out));
    out
}

/// A sum identity whose total `t` is blank: the first identity of that total asks for it
/// (the parts' sum `r`); the others use its computed value and would only repeat it.
fn blank_total(
    set: &RuleSet,
    index: usize,
    t: usize,
    r: Num,
    named: Vec<(&'static str, Num)>,
) -> Outcome {
    if set.total_of[t] != Some(index) || r.is_zero() {
        return Outcome::Skip;
    }
    Outcome::Incomplete(Finding {
        expected: Some(r),
        actual: None,
        numbers: named,
    })
}

/// (expected, actual) of the target `t` of a failing relation off by `diff` (`lhs - rhs`):
/// the value that would make it hold, and the value it has.
fn target_values(
    set: &RuleSet,
    inp: &Inputs,
    lhs: &[Term],
    rhs: &[Term],
    t: CellRef,
    diff: Num,
) -> (Option<Num>, Option<Num>) {
    let actual = effective(set, inp, t);
    match (actual, side_sign(lhs, rhs, t)) {
        (Some(a), Some(s)) => {
            let delta = if s > 0 { diff } else { -diff };
            (Some(a + delta), Some(a))
        }
        _ => (None, actual),
    }
}

#[cfg(test)]
mod tests {
    use super::term_has_name;

    #[test]
    fn term_names_are_the_literal_segments() {
        assert!(term_has_name("s3.{r}.carried_over", "carried_over"));
        assert!(term_has_name("s3.result.total.{c}", "result_total"));
        assert!(term_has_name("s3.result.deny.*.{c}", "result_deny"));
        assert!(term_has_name(
            "P.s3.carried_forward.{c}",
            "p_carried_forward"
        ));
        assert!(!term_has_name(
            "P.s3.carried_forward.{c}",
            "carried_forward"
        ));
        assert!(!term_has_name(
            "s3.carried_forward.{c}",
            "p_carried_forward"
        ));
        assert!(!term_has_name("s3.result.total.{c}", "result"));
        assert!(!term_has_name("s3.result.total.{c}", "result_total_x"));
        assert!(!term_has_name("s3.result.total.{c}", "resulttotal"));
    }
}
