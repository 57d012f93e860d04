//! The rule engine: rule templates (data, in `data.rs`) are compiled against a format into
//! instances with resolved cell indexes, and one evaluator checks them all.
//!
//! Architecture invariants: no rule logic outside this module and `data.rs`; no `if` per
//! rule id — behaviour comes from `Check` and the relation text. Evaluation is a pure
//! function of the cell readings.

mod data;
mod eval;
mod id;
pub mod narrative;
pub(crate) mod pinpoint;

pub use data::*;
pub use eval::{effective, evaluate_instance, plainly_read, Finding, Inputs, Outcome};
pub use id::RuleId;

use crate::format::{Format, ValueKind};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// What a template ranges over.
#[derive(Clone, Copy, Debug)]
pub enum Domain {
    /// A single instance with no variable.
    One,
    /// Every row of a table, bound to the template's single variable.
    Rows(&'static str),
    /// Every row of one block.
    BlockRows(&'static str, &'static str),
    /// Every column of a table.
    Columns(&'static str),
    /// A fixed list of row ids.
    List(&'static [&'static str]),
    /// Every cell of the given kinds.
    CellsOfKind(&'static [ValueKind]),
    /// Every table.
    Tables,
}

#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// A linear relation between cells, see `data.rs` for the syntax.
    Relation(&'static str),
    /// Both zero or both non-zero.
    ZeroTogether(&'static str, &'static str),
    /// An amount cell must state its unit.
    UnitStated(&'static str),
    /// An amount cell must be in 万元 (or state no unit).
    UnitWan(&'static str),
    /// The cell can be read.
    Readable,
    /// The cell is not negative.
    NonNegative,
    /// The value reader applied this normalisation (`ValueNote` tag).
    Note(&'static str),
    /// At least one cell of the table is filled.
    NotEmpty,
    /// Found outside the instance engine (a blank total, the format/year check, the
    /// narrative rules): the row only names the rule; it has no instances.
    Outside,
}

/// A row of the registry (`data::RULES`): a rule's id, severity and messages, and for the
/// engine's rules the template it is expanded from.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The id as spelt in the output; nowhere else in the code.
    pub id: &'static str,
    pub severity: Severity,
    pub over: Domain,
    pub check: Check,
    /// The cell a diagnostic points at; defaults to the total of a sum identity.
    pub target: Option<&'static str>,
    pub zh: &'static str,
    pub en: &'static str,
    /// What a sum rule adds up (zh, en), for the widget's short inline message.
    pub short: Option<(&'static str, &'static str)>,
}

/// A cell of this year's report or of last year's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CellRef {
    Cur(usize),
    Prev(usize),
}

#[derive(Clone, Debug)]
pub struct Term {
    pub sign: i8,
    pub cells: Vec<CellRef>,
    /// The term as written (`P.s3.carried_forward.{c}`); messages name it by its literal
    /// path segments (`p_carried_forward`), see `Finding::number`.
    pub name: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Le,
    Ge,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Relation {
        lhs: Vec<Term>,
        op: Op,
        rhs: Vec<Term>,
        guard: Option<CellRef>,
        /// `Some` when the relation is a sum identity `total = parts`.
        total: Option<usize>,
    },
    ZeroTogether(usize, usize),
    UnitStated(usize),
    UnitWan(usize),
    Readable(usize),
    NonNegative(usize),
    Note(usize, &'static str),
    NotEmpty(&'static str, Vec<usize>),
}

/// A template bound to concrete cells.
#[derive(Clone, Debug)]
pub struct Instance {
    pub rule: RuleId,
    /// Stable key: rule id plus the bound variable (`E-S3-ROW:new`).
    pub key: String,
    /// The bound variable's value (row id, column id or table id), for messages.
    pub var: Option<&'static str>,
    pub kind: Kind,
    pub target: Option<usize>,
    /// Every cell the instance reads directly.
    pub cells: Vec<CellRef>,
}

impl Instance {
    pub fn rule(&self) -> &'static Rule {
        self.rule.rule()
    }
}

/// All instances for a format (and last year's format), with the cell → rules index.
#[derive(Debug)]
pub struct RuleSet {
    /// Borrowed for built-in formats (no copy of the format per rule set); owned only for a
    /// format made at run time.
    pub format: Cow<'static, Format>,
    /// Last year's format is always a built-in one.
    pub prev_format: Option<&'static Format>,
    pub instances: Vec<Instance>,
    /// For each cell: the first sum identity whose total it is (blank totals take its value).
    pub total_of: Vec<Option<usize>>,
    pub prev_total_of: Vec<Option<usize>>,
    /// Sum identities of last year's format, used only for its blank totals.
    pub prev_sums: Vec<Instance>,
    /// For each cell: every instance whose outcome can change when the cell changes,
    /// including through blank totals that take a computed value.
    pub by_cell: Vec<Vec<usize>>,
    /// The one-cell checks as (cell, instance): they only fail on an unreadable value, a
    /// negative number or a reader's note (readable, not negative, notes: most instances);
    /// and every other instance. A whole evaluation evaluates a one-cell check only when its
    /// cell is not read plainly (`eval::plainly_read`).
    pub one_cell: Vec<(usize, usize)>,
    pub others: Vec<usize>,
}

impl RuleSet {
    /// A rule set over built-in formats.
    pub fn new(format: &'static Format, prev_format: Option<&'static Format>) -> RuleSet {
        RuleSet::build(Cow::Borrowed(format), prev_format)
    }

    /// A rule set over a format made at run time (a variant not built in).
    pub fn owned(format: Format) -> RuleSet {
        RuleSet::build(Cow::Owned(format), None)
    }

    fn build(format: Cow<'static, Format>, prev_format: Option<&'static Format>) -> RuleSet {
        let instances = compile(&format, prev_format);
        let total_of = totals(&instances, format.cells.len());
        let prev_sums = match prev_format {
            Some(p) => {
                // A plain loop rather than an in-place filter/collect: less generic code.
                let mut sums = Vec::new();
                for i in compile(p, None) {
                    if matches!(i.kind, Kind::Relation { total: Some(_), .. }) {
                        sums.push(i);
                    }
                }
                sums
            }
            None => Vec::new(),
        };
        let prev_total_of = match prev_format {
            Some(p) => totals(&prev_sums, p.cells.len()),
            None => Vec::new(),
        };
        let by_cell = index(&instances, &total_of, format.cells.len());
        let mut one_cell = Vec::new();
        let mut others = Vec::new();
        for (i, inst) in instances.iter().enumerate() {
            match inst.kind {
                Kind::Readable(c) | Kind::NonNegative(c) | Kind::Note(c, _) => {
                    one_cell.push((c, i))
                }
                _ => others.push(i),
            }
        }
        RuleSet {
            format,
            prev_format,
            instances,
            total_of,
            prev_total_of,
            prev_sums,
            by_cell,
            one_cell,
            others,
        }
    }

    /// Sum identities (the ones typo pinpointing reasons about) that read `cell` directly.
    pub fn identities_of(&self, cell: usize) -> impl Iterator<Item = usize> + '_ {
        self.by_cell[cell].iter().copied().filter(move |&i| {
            let inst = &self.instances[i];
            matches!(&inst.kind, Kind::Relation { op: Op::Eq, .. })
                && inst.rule().severity == Severity::Error
                && inst.cells.contains(&CellRef::Cur(cell))
                && inst.cells.iter().all(|c| matches!(c, CellRef::Cur(_)))
        })
    }
}

fn totals(instances: &[Instance], n: usize) -> Vec<Option<usize>> {
    let mut t = vec![None; n];
    for (i, inst) in instances.iter().enumerate() {
        if let Kind::Relation { total: Some(c), .. } = inst.kind {
            if t[c].is_none() {
                t[c] = Some(i);
            }
        }
    }
    t
}

/// Cell → instances, closed over blank-total dependencies.
fn index(instances: &[Instance], total_of: &[Option<usize>], n: usize) -> Vec<Vec<usize>> {
    // deps[c]: cells whose value can flow into c's effective value.
    let mut deps: Vec<Option<Vec<usize>>> = vec![None; n];
    fn deps_of(
        c: usize,
        instances: &[Instance],
        total_of: &[Option<usize>],
        memo: &mut Vec<Option<Vec<usize>>>,
        visiting: &mut Vec<bool>,
    ) -> Vec<usize> {
        if let Some(d) = &memo[c] {
            return d.clone();
        }
        let mut out = vec![c];
        if !visiting[c] {
            visiting[c] = true;
            if let Some(j) = total_of[c] {
                for part in instances[j].cells.iter() {
                    if let CellRef::Cur(p) = *part {
                        if p != c {
                            for d in deps_of(p, instances, total_of, memo, visiting) {
                                // Small lists: a linear check instead of sort + dedup.
                                if !out.contains(&d) {
                                    out.push(d);
                                }
                            }
                        }
                    }
                }
            }
            visiting[c] = false;
        }
        memo[c] = Some(out.clone());
        out
    }
    let mut visiting = vec![false; n];
    let mut by_cell: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, inst) in instances.iter().enumerate() {
        for c in &inst.cells {
            if let CellRef::Cur(c) = *c {
                for d in deps_of(c, instances, total_of, &mut deps, &mut visiting) {
                    // Instances come in order, so "already listed" is "last one is i".
                    if by_cell[d].last() != Some(&i) {
                        by_cell[d].push(i);
                    }
                }
            }
        }
    }
    by_cell
}

/// What a template's variable is bound to in one instance.
#[derive(Clone, Copy)]
enum Bound {
    Nothing,
    /// A row, column or table id, borrowed from the format or the rule data.
    Name(&'static str),
    /// A cell index (the domain rules: one instance per cell).
    Cell(usize),
}

/// Expands every template against `format` (and `prev` for `P.` terms).
pub fn compile(format: &Format, prev: Option<&Format>) -> Vec<Instance> {
    let mut out = Vec::new();
    for id in RuleId::all() {
        let t = id.rule();
        if let Check::Outside = t.check {
            continue;
        }
        for b in domain(format, t.over) {
            if let Some(inst) = instantiate(id, b, format, prev) {
                out.push(inst);
            }
        }
    }
    out
}

fn domain(format: &Format, d: Domain) -> Vec<Bound> {
    // Plain loops rather than iterator adapters here and below: less generic code.
    let mut out = Vec::new();
    let (table, block) = match d {
        Domain::One => return vec![Bound::Nothing],
        Domain::Rows(t) | Domain::Columns(t) => (t, None),
        Domain::BlockRows(t, b) => (t, Some(b)),
        Domain::List(l) => {
            for s in l {
                out.push(Bound::Name(s));
            }
            return out;
        }
        Domain::CellsOfKind(kinds) => {
            for (i, c) in format.cells.iter().enumerate() {
                if kinds.contains(&c.kind) {
                    out.push(Bound::Cell(i));
                }
            }
            return out;
        }
        Domain::Tables => {
            for t in &format.tables {
                out.push(Bound::Name(t.id));
            }
            return out;
        }
    };
    let Some(t) = format.table(table) else {
        return out;
    };
    for b in &t.blocks {
        if let Domain::Columns(_) = d {
            // Every column id once, in order of first appearance.
            for c in &b.columns {
                if !out
                    .iter()
                    .any(|x| matches!(x, Bound::Name(v) if *v == c.id))
                {
                    out.push(Bound::Name(c.id));
                }
            }
        } else if block.is_none_or(|id| b.id == id) {
            for r in &b.rows {
                out.push(Bound::Name(r.id));
            }
        }
    }
    out
}

/// `pattern` with every `{…}` placeholder replaced by the variable (kept as is without one).
fn bind(pattern: &str, var: Option<&str>) -> String {
    let Some(v) = var else {
        return pattern.to_string();
    };
    let mut parts = pattern.split('{');
    let mut out = String::from(parts.next().unwrap_or_default());
    for p in parts {
        out.push_str(v);
        out.push_str(p.split_once('}').map_or(p, |(_, after)| after));
    }
    out
}

/// One instance of rule `id` with its variable bound: the check compiled to cell indexes,
/// the cells it reads and the cell it points at; `None` when a cell does not exist.
fn instantiate(id: RuleId, b: Bound, format: &Format, prev: Option<&Format>) -> Option<Instance> {
    let t = id.rule();
    let var = match b {
        Bound::Name(v) => Some(v),
        _ => None,
    };
    let key = crate::textnorm::concat(&match b {
        Bound::Nothing => [t.id, "", ""],
        Bound::Name(v) => [t.id, ":", v],
        Bound::Cell(c) => [t.id, ":", &format.cells[c].id],
    });
    let kind = kind(t.check, b, format, prev)?;
    let named = t
        .target
        .and_then(|pattern| format.cell_index(&bind(pattern, var)));
    let target = target_of(&kind, named);
    let cells = cells_read(&kind);
    Some(Instance {
        rule: id,
        key,
        var,
        kind,
        target,
        cells,
    })
}

/// A check compiled against the format with the variable bound.
fn kind(check: Check, b: Bound, format: &Format, prev: Option<&Format>) -> Option<Kind> {
    let var = match b {
        Bound::Name(v) => Some(v),
        _ => None,
    };
    let cell = |pattern: &str| format.cell_index(&bind(pattern, var));
    let bound_cell = match b {
        Bound::Cell(c) => Some(c),
        _ => None,
    };
    Some(match check {
        Check::Relation(text) => relation(text, var, format, prev)?,
        Check::ZeroTogether(a, b) => Kind::ZeroTogether(cell(a)?, cell(b)?),
        Check::UnitStated(c) => Kind::UnitStated(cell(c)?),
        Check::UnitWan(c) => Kind::UnitWan(cell(c)?),
        Check::Readable => Kind::Readable(bound_cell?),
        Check::NonNegative => Kind::NonNegative(bound_cell?),
        Check::Note(tag) => Kind::Note(bound_cell?, tag),
        Check::NotEmpty => {
            let table = var?;
            let mut cells = Vec::new();
            for (i, c) in format.cells.iter().enumerate() {
                if c.table == table {
                    cells.push(i);
                }
            }
            Kind::NotEmpty(table, cells)
        }
        Check::Outside => return None,
    })
}

/// The cell a diagnostic points at: a single-cell check's cell, else the rule's `target`
/// (`named`), else a sum identity's total.
fn target_of(kind: &Kind, named: Option<usize>) -> Option<usize> {
    match kind {
        Kind::Relation { total, .. } => named.or(*total),
        Kind::UnitStated(c)
        | Kind::UnitWan(c)
        | Kind::Readable(c)
        | Kind::NonNegative(c)
        | Kind::Note(c, _) => Some(*c),
        Kind::ZeroTogether(..) | Kind::NotEmpty(..) => named,
    }
}

/// Every cell the check reads directly, in the order its terms name them.
fn cells_read(kind: &Kind) -> Vec<CellRef> {
    let mut cells: Vec<CellRef> = Vec::new();
    match kind {
        Kind::Relation {
            lhs, rhs, guard, ..
        } => {
            for t in lhs {
                cells.extend_from_slice(&t.cells);
            }
            for t in rhs {
                cells.extend_from_slice(&t.cells);
            }
            if let Some(g) = guard {
                if !cells.contains(g) {
                    cells.push(*g);
                }
            }
        }
        Kind::ZeroTogether(a, b) => {
            cells.push(CellRef::Cur(*a));
            cells.push(CellRef::Cur(*b));
        }
        Kind::UnitStated(c)
        | Kind::UnitWan(c)
        | Kind::Readable(c)
        | Kind::NonNegative(c)
        | Kind::Note(c, _) => cells.push(CellRef::Cur(*c)),
        Kind::NotEmpty(_, list) => {
            for &c in list {
                cells.push(CellRef::Cur(c));
            }
        }
    }
    cells
}

/// Compiles `terms OP terms [when cell > 0]` with the variable bound; `None` when a cell
/// does not exist in the format (or there is no last year's format for a `P.` term).
fn relation(
    text: &'static str,
    var: Option<&str>,
    format: &Format,
    prev: Option<&Format>,
) -> Option<Kind> {
    let (body, guard) = match crate::textnorm::split_once(text, " when ") {
        Some((b, g)) => (b, Some(g.strip_suffix(" > 0")?)),
        None => (text, None),
    };
    // The operator is the first of `<=`, `>=`, `=`.
    let at = body.bytes().position(|c| matches!(c, b'<' | b'>' | b'='))?;
    let (op, len) = match body.as_bytes()[at] {
        b'<' => (Op::Le, 2),
        b'>' => (Op::Ge, 2),
        _ => (Op::Eq, 1),
    };
    let (l, r) = (&body[..at], &body[at + len..]);
    let lhs = terms(l, var, format, prev)?;
    let rhs = terms(r, var, format, prev)?;
    let guard = match guard {
        Some(g) => Some(CellRef::Cur(format.cell_index(&bind(g, var))?)),
        None => None,
    };
    // A sum identity `total = parts` over this year's cells: its total may be left blank.
    let mut total = None;
    if let (Op::Eq, [single]) = (op, lhs.as_slice()) {
        if let (1, [CellRef::Cur(c)]) = (single.sign, single.cells.as_slice()) {
            let all_cur = rhs
                .iter()
                .all(|t| t.cells.iter().all(|c| matches!(c, CellRef::Cur(_))));
            if all_cur {
                total = Some(*c);
            }
        }
    }
    Some(Kind::Relation {
        lhs,
        op,
        rhs,
        guard,
        total,
    })
}

/// "a + b - P.c" → three terms, signs +1, +1, -1, the last over last year's cells; a bare
/// `0` is no term.
#[inline(never)]
fn terms(
    side: &'static str,
    var: Option<&str>,
    format: &Format,
    prev: Option<&Format>,
) -> Option<Vec<Term>> {
    let mut out = Vec::new();
    let mut sign = 1i8;
    for tok in side.split_whitespace() {
        match tok {
            "+" => sign = 1,
            "-" => sign = -1,
            "0" => {}
            t => {
                let (is_prev, pattern) = match t.strip_prefix("P.") {
                    Some(p) => (true, p),
                    None => (false, t),
                };
                let f = if is_prev { prev? } else { format };
                let mut cells = Vec::new();
                for c in resolve_path(f, &bind(pattern, var))? {
                    cells.push(if is_prev {
                        CellRef::Prev(c)
                    } else {
                        CellRef::Cur(c)
                    });
                }
                out.push(Term {
                    sign,
                    cells,
                    name: t,
                });
                sign = 1;
            }
        }
    }
    Some(out)
}

/// `s3.result.deny.*.natural` → every cell of rows at or under `result.deny`, column natural.
fn resolve_path(format: &Format, path: &str) -> Option<Vec<usize>> {
    if let Some((head, col)) = crate::textnorm::split_once(path, ".*.") {
        let (table, row_prefix) = head.split_once('.')?;
        let mut cells: Vec<usize> = Vec::new();
        for (i, c) in format.cells.iter().enumerate() {
            let under = c
                .row
                .strip_prefix(row_prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'));
            if c.table == table && c.column == col && under {
                cells.push(i);
            }
        }
        (!cells.is_empty()).then_some(cells)
    } else {
        Some(vec![format.cell_index(path)?])
    }
}

/// How many instances of each rule id a format yields (for tests and docs).
pub fn instance_counts(set: &RuleSet) -> HashMap<RuleId, usize> {
    let mut m = HashMap::new();
    for i in &set.instances {
        *m.entry(i.rule).or_insert(0) += 1;
    }
    m
}
