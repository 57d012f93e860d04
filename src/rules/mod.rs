//! The rule engine: rule templates (data, in `data.rs`) are compiled against a format into
//! instances with resolved cell indexes, and one evaluator checks them all.
//!
//! Architecture invariants: no rule logic outside this module and `data.rs`; no `if` per
//! rule id — behaviour comes from `Check` and the relation text. Evaluation is a pure
//! function of the cell readings.

mod data;
mod eval;

pub use data::{FORMAT_YEAR, MISSING_TOTAL, PINPOINT, RULES};
pub use eval::{effective, evaluate_instance, Finding, Inputs, Outcome};

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
}

#[derive(Clone, Copy, Debug)]
pub struct RuleTemplate {
    pub id: &'static str,
    pub severity: Severity,
    pub over: Domain,
    pub check: Check,
    /// The cell a diagnostic points at; defaults to the total of a sum identity.
    pub target: Option<&'static str>,
    pub zh: &'static str,
    pub en: &'static str,
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
    /// Name used in messages: the literal path segments (`carried_over`, `p_in_force`).
    pub name: String,
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
    NotEmpty(String, Vec<usize>),
}

/// A template bound to concrete cells.
#[derive(Clone, Debug)]
pub struct Instance {
    pub template: usize,
    /// Stable key: rule id plus the bound variable (`E-S3-ROW:new`).
    pub key: String,
    /// The bound variable's value (row id, column id or table id), for messages.
    pub var: Option<String>,
    pub kind: Kind,
    pub target: Option<usize>,
    /// Every cell the instance reads directly.
    pub cells: Vec<CellRef>,
}

impl Instance {
    pub fn rule(&self) -> &'static RuleTemplate {
        &RULES[self.template]
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
        RuleSet {
            format,
            prev_format,
            instances,
            total_of,
            prev_total_of,
            prev_sums,
            by_cell,
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

/// Expands every template against `format` (and `prev` for `P.` terms).
pub fn compile(format: &Format, prev: Option<&Format>) -> Vec<Instance> {
    let mut out = Vec::new();
    for (ti, t) in RULES.iter().enumerate() {
        for value in domain_values(format, t.over) {
            if let Some(inst) = instantiate(ti, t, value.as_deref(), format, prev) {
                out.push(inst);
            }
        }
    }
    out
}

fn domain_values(format: &Format, d: Domain) -> Vec<Option<String>> {
    // Plain loops rather than iterator adapters here and below: less generic code.
    let rows_of = |table: &str, block: Option<&str>| -> Vec<Option<String>> {
        let mut out = Vec::new();
        if let Some(t) = format.table(table) {
            for b in &t.blocks {
                if block.is_none_or(|id| b.id == id) {
                    for r in &b.rows {
                        out.push(Some(r.id.clone()));
                    }
                }
            }
        }
        out
    };
    match d {
        Domain::One => vec![None],
        Domain::Rows(t) => rows_of(t, None),
        Domain::BlockRows(t, b) => rows_of(t, Some(b)),
        Domain::Columns(t) => {
            let mut cols: Vec<Option<String>> = Vec::new();
            for b in format.table(t).map(|t| t.blocks.as_slice()).unwrap_or(&[]) {
                for c in &b.columns {
                    if !cols.iter().any(|x| x.as_deref() == Some(&c.id)) {
                        cols.push(Some(c.id.clone()));
                    }
                }
            }
            cols
        }
        Domain::List(l) => {
            let mut out = Vec::new();
            for s in l.iter() {
                out.push(Some(s.to_string()));
            }
            out
        }
        Domain::CellsOfKind(kinds) => {
            let mut out = Vec::new();
            for c in &format.cells {
                if kinds.contains(&c.kind) {
                    out.push(Some(c.id.clone()));
                }
            }
            out
        }
        Domain::Tables => {
            let mut out = Vec::new();
            for t in &format.tables {
                out.push(Some(t.id.clone()));
            }
            out
        }
    }
}

fn instantiate(
    ti: usize,
    t: &RuleTemplate,
    var: Option<&str>,
    format: &Format,
    prev: Option<&Format>,
) -> Option<Instance> {
    let bind = |pattern: &str| -> String {
        let mut s = pattern.to_string();
        if let Some(v) = var {
            for name in &["{r}", "{c}", "{g}"] {
                s = s.replace(name, v);
            }
        }
        s
    };
    let cell = |id: &str| format.cell_index(&bind(id));
    let key = match var {
        Some(v) => [t.id, ":", v].concat(),
        None => t.id.to_string(),
    };
    let mut target = t.target.and_then(cell);
    let kind = match t.check {
        Check::Relation(text) => {
            // Parse the unbound text so term names come from its literal segments.
            let rel = parse_relation(text)?;
            let resolve = |terms: &[(i8, bool, String)]| -> Option<Vec<Term>> {
                let mut out = Vec::new();
                for (sign, is_prev, pattern) in terms {
                    let f = if *is_prev { prev? } else { format };
                    let mut cells = Vec::new();
                    for c in resolve_path(f, &bind(pattern))? {
                        cells.push(if *is_prev {
                            CellRef::Prev(c)
                        } else {
                            CellRef::Cur(c)
                        });
                    }
                    out.push(Term {
                        sign: *sign,
                        cells,
                        name: term_name(pattern, *is_prev),
                    });
                }
                Some(out)
            };
            let lhs = resolve(&rel.lhs)?;
            let rhs = resolve(&rel.rhs)?;
            let guard = match &rel.guard {
                Some(g) => Some(CellRef::Cur(format.cell_index(&bind(g))?)),
                None => None,
            };
            let total = match (rel.op, lhs.as_slice()) {
                (Op::Eq, [single]) if single.sign > 0 && single.cells.len() == 1 => {
                    match single.cells[0] {
                        CellRef::Cur(c)
                            if rhs
                                .iter()
                                .all(|t| t.cells.iter().all(|c| matches!(c, CellRef::Cur(_)))) =>
                        {
                            Some(c)
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            if target.is_none() {
                target = total;
            }
            Kind::Relation {
                lhs,
                op: rel.op,
                rhs,
                guard,
                total,
            }
        }
        Check::ZeroTogether(a, b) => Kind::ZeroTogether(cell(a)?, cell(b)?),
        Check::UnitStated(c) => Kind::UnitStated(cell(c)?),
        Check::UnitWan(c) => Kind::UnitWan(cell(c)?),
        Check::Readable => Kind::Readable(format.cell_index(var?)?),
        Check::NonNegative => Kind::NonNegative(format.cell_index(var?)?),
        Check::Note(tag) => Kind::Note(format.cell_index(var?)?, tag),
        Check::NotEmpty => {
            let table = var?;
            let cells: Vec<usize> = (0..format.cells.len())
                .filter(|&i| format.cells[i].table == table)
                .collect();
            Kind::NotEmpty(table.to_string(), cells)
        }
    };
    let cells = match &kind {
        Kind::Relation {
            lhs, rhs, guard, ..
        } => {
            let mut v: Vec<CellRef> = Vec::new();
            for t in lhs.iter().chain(rhs) {
                v.extend_from_slice(&t.cells);
            }
            if let Some(g) = guard {
                if !v.contains(g) {
                    v.push(*g);
                }
            }
            v
        }
        Kind::ZeroTogether(a, b) => vec![CellRef::Cur(*a), CellRef::Cur(*b)],
        Kind::UnitStated(c)
        | Kind::UnitWan(c)
        | Kind::Readable(c)
        | Kind::NonNegative(c)
        | Kind::Note(c, _) => {
            target = Some(*c);
            vec![CellRef::Cur(*c)]
        }
        Kind::NotEmpty(_, cells) => {
            let mut out = Vec::with_capacity(cells.len());
            for &c in cells {
                out.push(CellRef::Cur(c));
            }
            out
        }
    };
    Some(Instance {
        template: ti,
        key,
        var: var.map(Into::into),
        kind,
        target,
        cells,
    })
}

struct Relation {
    lhs: Vec<(i8, bool, String)>,
    op: Op,
    rhs: Vec<(i8, bool, String)>,
    guard: Option<String>,
}

fn parse_relation(text: &str) -> Option<Relation> {
    let (body, guard) = match text.split_once(" when ") {
        Some((b, g)) => (b, Some(g.trim().strip_suffix("> 0")?.trim().to_string())),
        None => (text, None),
    };
    let (op, sym) = [(Op::Le, "<="), (Op::Ge, ">="), (Op::Eq, "=")]
        .into_iter()
        .find(|(_, s)| body.contains(s))?;
    let (l, r) = body.split_once(sym)?;
    Some(Relation {
        lhs: parse_terms(l),
        op,
        rhs: parse_terms(r),
        guard,
    })
}

/// "a + b - P.c" → [(+1,false,"a"), (+1,false,"b"), (-1,true,"c")]; a bare `0` is no term.
fn parse_terms(s: &str) -> Vec<(i8, bool, String)> {
    let mut out = Vec::new();
    let mut sign = 1i8;
    for tok in s.split_whitespace() {
        match tok {
            "+" => sign = 1,
            "-" => sign = -1,
            "0" => {}
            t => {
                let (is_prev, path) = match t.strip_prefix("P.") {
                    Some(p) => (true, p),
                    None => (false, t),
                };
                out.push((sign, is_prev, path.to_string()));
                sign = 1;
            }
        }
    }
    out
}

/// `s3.result.deny.*.natural` → every cell of rows at or under `result.deny`, column natural.
fn resolve_path(format: &Format, path: &str) -> Option<Vec<usize>> {
    if let Some((head, col)) = path.split_once(".*.") {
        let (table, row_prefix) = head.split_once('.')?;
        let nested = [row_prefix, "."].concat();
        let mut cells: Vec<usize> = Vec::new();
        for (i, c) in format.cells.iter().enumerate() {
            if c.table == table
                && c.column == col
                && (c.row == row_prefix || c.row.starts_with(&nested))
            {
                cells.push(i);
            }
        }
        (!cells.is_empty()).then_some(cells)
    } else {
        Some(vec![format.cell_index(path)?])
    }
}

fn term_name(pattern: &str, is_prev: bool) -> String {
    // The literal segments after the table, joined with '_' (one loop, no Vec of parts).
    let mut name = String::new();
    let mut first = true;
    for seg in pattern.split('.').skip(1) {
        if seg.starts_with('{') || seg == "*" {
            continue;
        }
        if !first {
            name.push('_');
        }
        first = false;
        name.push_str(seg);
    }
    if is_prev {
        ["p_", &name].concat()
    } else {
        name
    }
}

/// How many instances of each rule id a format yields (for tests and docs).
pub fn instance_counts(set: &RuleSet) -> HashMap<&'static str, usize> {
    let mut m = HashMap::new();
    for i in &set.instances {
        *m.entry(i.rule().id).or_insert(0) += 1;
    }
    m
}
