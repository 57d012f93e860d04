//! Checking a report: `validate` for a whole report and `Checker` for keystroke-by-keystroke
//! use, where `set` re-evaluates only the rules the cell index says the cell touches.

use crate::diagnostic::{build, fill, pick, Ctx, Diagnostic, Status};
use crate::format::{self, Format};
use crate::num::Num;
use crate::report::Report;
use crate::rules::{
    effective, evaluate_instance, plainly_read, CellRef, Inputs, Outcome, RuleSet, Severity,
};
use crate::value::{self, Reading};
use crate::{Error, Lang};
use serde::Serialize;
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub lang: Lang,
    pub prev: Option<Report>,
    /// A live form being filled (spec §3.1 "pending"): a finding that uses a blank cell is
    /// held back until every cell it uses holds a value, or until `Checker::check_all`.
    /// Cells that hold a value at load count as filled. Off for published reports.
    pub pending: bool,
}

/// What one edit changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Change {
    pub appeared: Vec<Diagnostic>,
    pub cleared: Vec<Diagnostic>,
    /// Same finding, new numbers or message.
    pub updated: Vec<Diagnostic>,
}

/// An incremental checker over one report.
#[derive(Clone, Debug)]
pub struct Checker {
    set: Arc<RuleSet>,
    lang: Lang,
    year: Option<u16>,
    title: Option<String>,
    narrative: String,
    raw: Vec<String>,
    readings: Vec<Reading>,
    missing: Vec<bool>,
    prev: Option<Vec<Reading>>,
    /// Per instance: its diagnostic without pinpoint decoration. Boxed: most instances pass,
    /// and a `None` of a bare `Diagnostic` is hundreds of bytes to write and move.
    base: Vec<Option<Box<Diagnostic>>>,
    /// Pending mode is on (`Options::pending`, until `check_all`).
    pending: bool,
    /// Per instance: its finding is pending (held back, not in `base`).
    held: Vec<bool>,
    /// Report-level diagnostics (format vs year, added by callers).
    extra: Vec<Diagnostic>,
    /// Narrative-vs-table findings (`rules::narrative`), recomputed when a cell changes.
    text: Vec<Diagnostic>,
    /// Decorated diagnostics sorted by key, one per key (a Vec, not a map: less code).
    current: Vec<Diagnostic>,
}

/// Resolves a format id (built-in formats and variants).
pub fn resolve_format(id: &str) -> Result<&'static Format, Error> {
    format::builtin(id).ok_or_else(|| Error::UnknownFormat(id.to_string()))
}

/// Raw text, readings and "not found by the importer" flags, one per format cell.
type CellState = (Vec<String>, Vec<Reading>, Vec<bool>);

/// `report`'s cells, or `given` (the raw text by format index, already resolved by the
/// caller: `validate_indexed`), with the importer's missing list.
fn read_all(
    format: &Format,
    report: &Report,
    given: Option<Vec<String>>,
) -> Result<CellState, Error> {
    // Plain loops rather than iterator adapters in this file: less generic code.
    let n = format.cells.len();
    let mut missing = vec![false; n];
    let mut unknown: Vec<String> = Vec::new();
    let raw = match given {
        Some(mut raw) => {
            // Texts missing at the end are blank (a loop: `resize` links its own routine).
            while raw.len() < n {
                raw.push(String::new());
            }
            raw
        }
        None => resolve(format, report, &mut unknown),
    };
    let mut found: Vec<usize> = Vec::with_capacity(report.missing.len());
    for k in &report.missing {
        match format.cell_index(k) {
            Some(i) => found.push(i),
            None => unknown.push(k.clone()),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::UnknownCells {
            format: format.id.into(),
            cells: unknown,
        });
    }
    for i in found {
        if raw[i].trim().is_empty() {
            missing[i] = true;
        }
    }
    let mut readings = Vec::with_capacity(n);
    for (c, r) in format.cells.iter().zip(&raw) {
        readings.push(value::read(r, c.kind));
    }
    Ok((raw, readings, missing))
}

/// The report's raw text by format index; ids the format does not know go to `unknown`.
fn resolve(format: &Format, report: &Report, unknown: &mut Vec<String>) -> Vec<String> {
    let mut raw = vec![String::new(); format.cells.len()];
    // Report cells come in id order, as does `by_id`: one merge walk resolves them all.
    let by_id = format.by_id();
    let mut j = 0;
    for (k, v) in &report.cells {
        while j < by_id.len() && format.cells[by_id[j]].id.as_str() < k.as_str() {
            j += 1;
        }
        match by_id.get(j) {
            Some(&i) if format.cells[i].id == *k => raw[i].clone_from(v),
            _ => unknown.push(k.clone()),
        }
    }
    raw
}

impl Checker {
    /// A checker for a blank report of `format`.
    pub fn new(format_id: &str, year: Option<u16>, lang: Lang) -> Result<Checker, Error> {
        Checker::from_report(
            &Report::new(format_id, year),
            &Options {
                lang,
                ..Options::default()
            },
        )
    }

    pub fn from_report(report: &Report, opts: &Options) -> Result<Checker, Error> {
        Checker::from_parts(report, None, opts)
    }

    /// `from_report`, with the cells' raw text by format index when `raw` is given
    /// (`report.cells` is then not read).
    fn from_parts(
        report: &Report,
        raw: Option<Vec<String>>,
        opts: &Options,
    ) -> Result<Checker, Error> {
        let format = resolve_format(&report.format)?;
        let (prev_format, prev_readings) = match &opts.prev {
            Some(p) => {
                let pf = resolve_format(&p.format).map_err(|e| e.in_prev())?;
                let (_, readings, _) = read_all(pf, p, None).map_err(|e| e.in_prev())?;
                (Some(pf), Some(readings))
            }
            None => (None, None),
        };
        let state = read_all(format, report, raw)?;
        Ok(Checker::with_rules(
            ruleset(format, prev_format),
            report,
            state,
            opts.lang,
            prev_readings,
            opts.pending,
        ))
    }

    fn with_rules(
        set: Arc<RuleSet>,
        report: &Report,
        (raw, readings, missing): CellState,
        lang: Lang,
        prev: Option<Vec<Reading>>,
        pending: bool,
    ) -> Checker {
        let mut c = Checker {
            base: vec![None; set.instances.len()],
            pending,
            held: vec![false; set.instances.len()],
            set,
            lang,
            year: report.year,
            title: report.title.clone(),
            narrative: report.narrative.clone(),
            raw,
            readings,
            missing,
            prev,
            extra: Vec::new(),
            text: Vec::new(),
            current: Vec::new(),
        };
        // A one-cell check only over a cell not read plainly (it passes otherwise).
        let set = Arc::clone(&c.set);
        for &i in &set.others {
            (c.base[i], c.held[i]) = c.diagnose(i);
        }
        for &(cell, i) in &set.one_cell {
            if !plainly_read(&c.readings[cell]) {
                (c.base[i], c.held[i]) = c.diagnose(i);
            }
        }
        c.extra = c.report_level();
        c.text = c.text_level();
        c.current = c.decorate();
        c
    }

    pub fn format(&self) -> &Format {
        &self.set.format
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Sets one cell's raw text and returns what changed.
    pub fn set(&mut self, cell_id: &str, raw: &str) -> Result<Change, Error> {
        let format = &self.set.format;
        let idx = format
            .cell_index(cell_id)
            .ok_or_else(|| Error::UnknownCells {
                format: format.id.into(),
                cells: vec![cell_id.to_string()],
            })?;
        if self.raw[idx] == raw && !self.missing[idx] {
            return Ok(Change::default());
        }
        self.raw[idx] = raw.to_string();
        self.readings[idx] = value::read(raw, format.cells[idx].kind);
        self.missing[idx] = false;
        let set = Arc::clone(&self.set);
        for &i in &set.by_cell[idx] {
            (self.base[i], self.held[i]) = self.diagnose(i);
        }
        Ok(self.refresh())
    }

    /// Judges every pending finding as a published report is judged (spec §3.1: a blank
    /// part counts as 0, a blank total gets W-MISSING-TOTAL): the user asked for a full check
    /// or submits. Pending mode ends for good; returns what changed.
    pub fn check_all(&mut self) -> Change {
        if !self.pending {
            return Change::default();
        }
        self.pending = false;
        for i in 0..self.held.len() {
            if self.held[i] {
                (self.base[i], self.held[i]) = self.diagnose(i);
            }
        }
        self.refresh()
    }

    /// Whether pending mode is on (a live form not yet judged in full).
    pub fn is_pending(&self) -> bool {
        self.pending
    }

    /// How many findings are pending: they use a cell not filled yet, and are judged once it
    /// is, or on `check_all`.
    pub fn pending_count(&self) -> usize {
        let mut n = 0;
        for &h in &self.held {
            n += h as usize;
        }
        n
    }

    /// Text rules and decoration after `base` changed; the diff against what was current.
    fn refresh(&mut self) -> Change {
        if !self.narrative.trim().is_empty() {
            self.text = self.text_level();
        }
        let next = self.decorate();
        let change = diff(&self.current, &next);
        self.current = next;
        change
    }

    /// Every current diagnostic, errors first, then in table order.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        // A stable counting sort on (severity, position): `current` is already in key order,
        // the last tie-breaker, and no sort routine is instantiated for `Diagnostic`.
        let cells = self.set.format.cells.len();
        let slots = cells + 1;
        let rank = |d: &Diagnostic| {
            let pos = d
                .target
                .as_deref()
                .or(d.cells.first().map(String::as_str))
                .and_then(|t| self.set.format.cell_index(t))
                .unwrap_or(cells);
            d.severity as usize * slots + pos
        };
        let mut ranks: Vec<usize> = Vec::with_capacity(self.current.len());
        for d in &self.current {
            ranks.push(rank(d));
        }
        let mut start = vec![0usize; 3 * slots + 1];
        for &r in &ranks {
            start[r + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut order = vec![0usize; ranks.len()];
        for (i, &r) in ranks.iter().enumerate() {
            order[start[r]] = i;
            start[r] += 1;
        }
        let mut out = Vec::with_capacity(order.len());
        for i in order {
            out.push(self.current[i].clone());
        }
        out
    }

    /// The report as it stands (raw text of every non-blank cell).
    pub fn report(&self) -> Report {
        let format = &self.set.format;
        // Inserted one by one: collecting would instantiate a sort of (String, String).
        let mut cells = crate::report::Cells::new();
        let mut missing = Vec::new();
        for (i, c) in format.cells.iter().enumerate() {
            if !self.raw[i].is_empty() {
                cells.insert(c.id.clone(), self.raw[i].clone());
            }
            if self.missing[i] {
                missing.push(c.id.clone());
            }
        }
        Report {
            format: format.id.into(),
            year: self.year,
            title: self.title.clone(),
            cells,
            missing,
            narrative: self.narrative.clone(),
        }
    }

    /// The reading of one cell (value, unit, notes).
    pub fn reading(&self, cell_id: &str) -> Option<&Reading> {
        self.set
            .format
            .cell_index(cell_id)
            .map(|i| &self.readings[i])
    }

    /// The number a cell counts as in sums (a blank total takes its parts' sum).
    pub fn effective(&self, cell_id: &str) -> Option<Num> {
        let i = self.set.format.cell_index(cell_id)?;
        effective(&self.set, &self.inputs(), CellRef::Cur(i))
    }

    fn inputs(&self) -> Inputs<'_> {
        Inputs {
            cur: &self.readings,
            missing: &self.missing,
            prev: self.prev.as_deref(),
            pending: self.pending,
        }
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            set: &self.set,
            raw: &self.raw,
            readings: &self.readings,
            lang: self.lang,
        }
    }

    /// The instance's diagnostic, and whether its finding is pending.
    fn diagnose(&self, i: usize) -> (Option<Box<Diagnostic>>, bool) {
        let inst = &self.set.instances[i];
        if inst.cells.iter().any(|c| matches!(c, CellRef::Prev(_))) && self.prev.is_none() {
            return (None, false);
        }
        match evaluate_instance(&self.set, i, &self.inputs()) {
            Outcome::Fail(f) => (Some(Box::new(build(&self.ctx(), inst, &f, false))), false),
            Outcome::Incomplete(f) => (Some(Box::new(build(&self.ctx(), inst, &f, true))), false),
            Outcome::Pending => (None, true),
            _ => (None, false),
        }
    }

    fn report_level(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let format = &self.set.format;
        if let Some(year) = self.year {
            if let Some(expected) = Format::expected_for_year(year) {
                if expected.id != format.base {
                    let rule = crate::rules::FORMAT_YEAR;
                    let lang = self.lang;
                    let name = |f: &Format| pick(lang, f.name, f.name_en).to_string();
                    let message = fill(rule.message(lang), &|k| match k {
                        "year" => Some(crate::num::u64_text(year.into())),
                        "expected_format" => Some(name(expected)),
                        "doc" => Some(expected.doc.into()),
                        "actual_format" => Some(name(format)),
                        _ => None,
                    });
                    out.push(Diagnostic {
                        rule,
                        key: rule.as_str().into(),
                        severity: rule.severity(),
                        status: Status::Fail,
                        target: None,
                        cells: Vec::new(),
                        prev_cells: Vec::new(),
                        expected: None,
                        actual: None,
                        delta: None,
                        message,
                        fix: None,
                        pinpoint: None,
                        quote: None,
                    });
                }
            }
        }
        out
    }

    /// Narrative vs table (spec §3.6), on the cells' effective values.
    fn text_level(&self) -> Vec<Diagnostic> {
        if self.narrative.trim().is_empty() {
            return Vec::new();
        }
        let value = |id: &str| {
            let i = self.set.format.cell_index(id)?;
            // Not found, or (pending) not filled yet: the statement is not compared.
            if self.missing[i] || (self.pending && self.inputs().is_open(i)) {
                return None;
            }
            effective(&self.set, &self.inputs(), CellRef::Cur(i))
        };
        crate::rules::narrative::check_narrative(
            &self.set.format,
            &self.narrative,
            self.lang,
            &value,
        )
    }

    /// Base diagnostics plus typo pinpointing over the failing sum identities.
    /// Sorted by key; a later diagnostic replaces an earlier one with the same key.
    fn decorate(&self) -> Vec<Diagnostic> {
        let mut map: Vec<Diagnostic> = Vec::new();
        // Three plain loops rather than a chain of adapters: less generic code.
        for d in self.base.iter().flatten() {
            put(&mut map, d);
        }
        for d in &self.extra {
            put(&mut map, d);
        }
        for d in &self.text {
            put(&mut map, d);
        }
        for (inst, fix) in crate::rules::pinpoint::pinpoints(&self.set, &self.base, &self.inputs())
        {
            let key = &self.set.instances[inst].key;
            if let Ok(i) = find(&map, key) {
                let d = &mut map[i];
                let (zh, en) = crate::rules::PINPOINT;
                let format = &self.set.format;
                let label = format.cell_label(format.cell(&fix.cell).expect("own cell"), self.lang);
                let extra = fill(pick(self.lang, zh, en), &|k| match k {
                    "cell" => Some(label.clone()),
                    "value" => Some(fix.value.to_text()),
                    _ => None,
                });
                d.message.push_str(pick(self.lang, "", " "));
                d.message.push_str(&extra);
                d.pinpoint = Some(fix);
            }
        }
        map
    }
}

/// Position of `key` in a key-sorted list (`Err`: where it would go).
fn find(list: &[Diagnostic], key: &str) -> Result<usize, usize> {
    list.binary_search_by(|d| d.key.as_str().cmp(key))
}

/// Puts `d` in a key-sorted list, replacing the diagnostic with the same key.
fn put(list: &mut Vec<Diagnostic>, d: &Diagnostic) {
    match find(list, &d.key) {
        Ok(i) => list[i] = d.clone(),
        Err(i) => list.insert(i, d.clone()),
    }
}

/// Both lists are sorted by key, so each part of the change comes out in key order.
fn diff(old: &[Diagnostic], new: &[Diagnostic]) -> Change {
    let mut c = Change::default();
    for d in new {
        match find(old, &d.key) {
            Err(_) => c.appeared.push(d.clone()),
            Ok(i) if old[i] != *d => c.updated.push(d.clone()),
            _ => {}
        }
    }
    for d in old {
        if find(new, &d.key).is_err() {
            c.cleared.push(d.clone());
        }
    }
    c
}

/// Compiled rule sets are cached per (format, last year's format); both are built-in formats
/// (from `resolve_format`), so their ids are `'static` and nothing is cloned on a hit.
fn ruleset(format: &'static Format, prev: Option<&'static Format>) -> Arc<RuleSet> {
    use std::sync::Mutex;
    type Key = (&'static str, Option<&'static str>);
    type Cache = Mutex<Vec<(Key, Arc<RuleSet>)>>;
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let key: Key = (format.id, prev.map(|p| p.id));
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    if let Ok(c) = cache.lock() {
        if let Some((_, s)) = c.iter().find(|(k, _)| *k == key) {
            return Arc::clone(s);
        }
    }
    let set = Arc::new(RuleSet::new(format, prev));
    if let Ok(mut c) = cache.lock() {
        c.push((key, Arc::clone(&set)));
    }
    set
}

/// A checker over a format that is not built in (a variant made at run time).
pub fn checker_for_format(format: &Format, report: &Report, lang: Lang) -> Result<Checker, Error> {
    let state = read_all(format, report, None)?;
    Ok(Checker::with_rules(
        Arc::new(RuleSet::owned(format.clone())),
        report,
        state,
        lang,
        None,
        false,
    ))
}

/// The result of validating one report.
#[derive(Clone, Debug, Serialize)]
pub struct Validation {
    pub format: String,
    pub year: Option<u16>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Validation {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// Validates a whole report.
pub fn validate(report: &Report, opts: &Options) -> Result<Validation, Error> {
    validate_parts(report, None, opts)
}

/// [`validate`] for a report whose cells' raw text comes by format index (`raw[i]` is the text
/// of cell `i` of the report's format, texts missing at the end blank; `report.cells` is not
/// read): a caller that has resolved the ids already (the JS API's bulk path) skips matching
/// them again.
pub fn validate_indexed(
    report: &Report,
    raw: Vec<String>,
    opts: &Options,
) -> Result<Validation, Error> {
    validate_parts(report, Some(raw), opts)
}

fn validate_parts(
    report: &Report,
    raw: Option<Vec<String>>,
    opts: &Options,
) -> Result<Validation, Error> {
    let c = Checker::from_parts(report, raw, opts)?;
    Ok(Validation {
        format: report.format.clone(),
        year: report.year,
        diagnostics: c.diagnostics(),
    })
}
