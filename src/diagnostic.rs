//! Diagnostics: what a rule found, where, the exact numbers, and a message built from the
//! rule's template and the format's labels.

use crate::format::Format;
use crate::num::Num;
use crate::rules::{CellRef, Domain, Finding, Instance, RuleId, RuleSet, Severity};
use crate::textnorm::concat;
use crate::value::Value;
use crate::Lang;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Fail,
    Incomplete,
}

/// A value that makes the diagnostic go away when written into `cell`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fix {
    pub cell: String,
    pub value: Num,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The rule (its id string only in the output: serde, JS objects, CLI text).
    pub rule: RuleId,
    /// Stable identity of the finding across edits (`E-S3-ROW:new`).
    pub key: String,
    pub severity: Severity,
    pub status: Status,
    pub target: Option<String>,
    pub cells: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prev_cells: Vec<String>,
    pub expected: Option<Num>,
    pub actual: Option<Num>,
    pub delta: Option<Num>,
    pub message: String,
    /// Writing `expected` into the target fixes it (offered as an explicit action).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// The single cell whose change makes every identity it belongs to pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinpoint: Option<Fix>,
    /// The narrative sentence a text rule quotes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// Fills `{name}` placeholders; unknown names are left visible rather than dropped.
pub fn fill(template: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match lookup(name) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub(crate) struct Ctx<'a> {
    pub set: &'a RuleSet,
    pub raw: &'a [String],
    pub readings: &'a [crate::value::Reading],
    pub lang: Lang,
}

pub(crate) fn cell_ids(
    format: &Format,
    refs: &[CellRef],
    prev: Option<&Format>,
) -> (Vec<String>, Vec<String>) {
    let mut cur = Vec::new();
    let mut old = Vec::new();
    for r in refs {
        match *r {
            CellRef::Cur(i) => cur.push(format.cells[i].id.clone()),
            CellRef::Prev(i) => {
                if let Some(p) = prev {
                    old.push(p.cells[i].id.clone());
                }
            }
        }
    }
    (cur, old)
}

/// Builds the diagnostic of a failing or incomplete instance.
pub(crate) fn build(ctx: &Ctx, inst: &Instance, finding: &Finding, incomplete: bool) -> Diagnostic {
    let set = ctx.set;
    let format = &set.format;
    let rule = inst.rule();
    let (cells, prev_cells) = cell_ids(format, &inst.cells, set.prev_format);
    let target = inst.target.map(|t| format.cells[t].id.clone());
    // An incomplete sum identity (its total blank) is reported as a missing total.
    let rule_id = if incomplete {
        crate::rules::MISSING_TOTAL
    } else {
        inst.rule
    };
    let key = if incomplete {
        concat(&[rule_id.as_str(), ":", target.as_deref().unwrap_or_default()])
    } else {
        inst.key.clone()
    };
    let template = rule_id.message(ctx.lang);
    let message = fill(template, &|name| param(ctx, inst, finding, name));
    let delta = match (finding.actual, finding.expected) {
        (Some(a), Some(e)) => Some(a - e),
        _ => None,
    };
    let fix = match (&target, finding.expected, rule.severity) {
        (Some(t), Some(e), Severity::Error) if !e.is_negative() && !incomplete => Some(Fix {
            cell: t.clone(),
            value: e,
        }),
        (Some(t), Some(e), _) if incomplete => Some(Fix {
            cell: t.clone(),
            value: e,
        }),
        _ => None,
    };
    Diagnostic {
        rule: rule_id,
        key,
        severity: rule_id.severity(),
        status: if incomplete {
            Status::Incomplete
        } else {
            Status::Fail
        },
        target,
        cells,
        prev_cells,
        expected: finding.expected,
        actual: finding.actual,
        delta,
        message,
        fix,
        pinpoint: None,
        quote: None,
    }
}

pub(crate) fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn param(ctx: &Ctx, inst: &Instance, finding: &Finding, name: &str) -> Option<String> {
    let format = &ctx.set.format;
    let lang = ctx.lang;
    let target = inst.target.map(|t| &format.cells[t]);
    match name {
        "expected" => finding.expected.map(Num::to_text),
        "actual" => Some(match finding.actual {
            Some(v) => v.to_text(),
            None => pick(lang, "空", "blank").into(),
        }),
        "diff" => match (finding.actual, finding.expected) {
            (Some(a), Some(e)) => Some((a - e).abs().to_text()),
            _ => finding.number("diff").map(Num::to_text),
        },
        "cell" => target.map(|c| format.cell_label(c, lang)),
        "raw" => target
            .and_then(|c| format.cell_index(&c.id))
            .map(|i| ctx.raw[i].trim().to_string()),
        "reason" => target.and_then(|c| match &ctx.readings[format.cell_index(&c.id)?].value {
            Value::Invalid { reason } => Some(reason.text(lang).to_string()),
            _ => None,
        }),
        "row" | "col" | "table" => {
            let var = inst.var?;
            let table = target.map(|c| c.table);
            match (name, inst.rule().over) {
                ("table", _) => format.table(var).map(|t| match lang {
                    Lang::Zh => t.label.into(),
                    Lang::En => t.label_en.into(),
                }),
                ("col", Domain::Columns(t)) => format.column(t, var).map(|c| match lang {
                    Lang::Zh => match c.parent {
                        Some(p) => concat(&[p, "·", c.label]),
                        None => c.label.into(),
                    },
                    Lang::En => c.label_en.into(),
                }),
                ("row", _) => {
                    let row = format.row(table?, var)?;
                    Some(match lang {
                        Lang::Zh => match row.parents.last() {
                            Some(p) if !p.starts_with('三') => concat(&[p, "·", row.label]),
                            _ => row.label.into(),
                        },
                        Lang::En => row.label_en.into(),
                    })
                }
                _ => None,
            }
        }
        other => finding.number(other).map(Num::to_text),
    }
}
