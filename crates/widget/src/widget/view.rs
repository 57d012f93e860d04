//! The view model: what each bound cell shows (`CellSpec`: mark, badge, message lines,
//! fix actions) derived from the current diagnostics. No DOM writes here.

use super::*;

impl Inner {
    /// The bound cells a diagnostic marks: its anchor and pinpointed cell, and for errors
    /// every cell of the rule.
    pub(super) fn involved(&self, d: &Diagnostic) -> Vec<usize> {
        let mut s = Idxs::default();
        if let Some(a) = anchor(d).and_then(|a| self.bound_of(a)) {
            s.insert(a);
        }
        if let Some(p) = d.pinpoint.as_ref().and_then(|p| self.bound_of(&p.cell)) {
            s.insert(p);
        }
        if is_error(d) {
            for c in &d.cells {
                if let Some(i) = self.bound_of(c) {
                    s.insert(i);
                }
            }
        }
        s.into_vec()
    }

    pub(super) fn cell_label(&self, cell: &str) -> String {
        self.format
            .cell(cell)
            .map(|c| self.format.cell_label(c, self.ui.lang))
            .unwrap_or_else(|| cell.to_string())
    }

    /// The short text of a diagnostic next to its cell.
    pub(super) fn short_text(&self, d: &Diagnostic) -> String {
        // The short form only for the sum identities the UI can name ("应为 X（…之和）");
        // any other rule (inequalities, plausibility) keeps the core's own message.
        let base = match (d.expected, d.actual, d.delta, self.ui.phrase(d.rule)) {
            (Some(e), Some(a), Some(delta), Some(phrase)) if d.target.is_some() => {
                self.ui.expected_line(
                    &e.to_text(),
                    Some(phrase),
                    &a.to_text(),
                    &delta.abs().to_text(),
                )
            }
            _ => d.message.clone(),
        };
        if is_error(d) {
            base
        } else {
            self.ui.warning_prefix(&base)
        }
    }

    /// The fix offered for a diagnostic, if any: its pinpointed typo, else its own fix.
    pub(super) fn action_for(&self, d: &Diagnostic) -> Option<Action> {
        let (fix, change) = match (&d.pinpoint, &d.fix) {
            (Some(p), _) => (p, true),
            (None, Some(f)) => (f, false),
            _ => return None,
        };
        self.bound_of(&fix.cell)?;
        let v = fix.value.to_text();
        let label = self.cell_label(&fix.cell);
        Some(Action {
            label: if change {
                self.ui.change_to(&v)
            } else {
                self.ui.fill(&v)
            },
            title: self.ui.fill_title(&label),
            cell: fix.cell.clone(),
            value: v,
        })
    }

    pub(super) fn spec_for(&self, i: usize) -> CellSpec {
        let id = self.cells[i].id.as_str();
        let diags: Vec<&Diagnostic> = self.cell_keys[i]
            .iter()
            .filter_map(|k| self.shown.get(k))
            .collect();
        let typo: Vec<&&Diagnostic> = diags
            .iter()
            .filter(|d| is_error(d) && d.pinpoint.as_ref().is_some_and(|p| p.cell == id))
            .collect();
        // By severity, then key: `diags` is in key order already.
        let mut anchored: Vec<&Diagnostic> = Vec::new();
        for sev in [Severity::Error, Severity::Warning, Severity::Info] {
            anchored.extend(
                diags
                    .iter()
                    .filter(|d| d.severity == sev && anchor(d) == Some(id)),
            );
        }
        let anchor_err = anchored.iter().any(|d| is_error(d));
        let part_err = diags.iter().any(|d| is_error(d) && anchor(d) != Some(id));
        let anchor_warn = !anchored.is_empty() && !anchor_err;
        let (mark, badge) = marking(!typo.is_empty(), anchor_err, part_err, anchor_warn);
        let lines = self.lines_for(id, &anchored, &typo);
        let described_by = self.described_by(i, &diags, !lines.is_empty());
        CellSpec {
            mark,
            badge,
            invalid: !typo.is_empty() || anchor_err || part_err,
            msg_error: !typo.is_empty() || anchor_err,
            lines,
            described_by,
        }
    }

    /// The message lines of cell `id`: its anchored findings (each with its fix, or a note
    /// pointing at the pinpointed typo elsewhere), then the typo found in this cell.
    fn lines_for(&self, id: &str, anchored: &[&Diagnostic], typo: &[&&Diagnostic]) -> Vec<Line> {
        let mut lines = Vec::new();
        for d in anchored {
            let mut note = None;
            let action = match &d.pinpoint {
                Some(p) if p.cell == id => None, // the typo line above offers it
                Some(p) => {
                    note = Some(if self.bound_of(&p.cell).is_some() {
                        self.ui.typo_elsewhere().to_string()
                    } else {
                        self.ui
                            .typo_in(&self.cell_label(&p.cell), &p.value.to_text())
                    });
                    None
                }
                None => self.action_for(d),
            };
            lines.push(Line {
                text: self.short_text(d),
                note,
                action,
            });
        }
        // The pinpointed typo last: the rule lines above say what does not add up.
        if let Some(p) = typo.first().and_then(|d| d.pinpoint.as_ref()) {
            let v = p.value.to_text();
            lines.push(Line {
                text: self.ui.typo_here(&v, typo.len()),
                note: None,
                action: Some(Action {
                    label: self.ui.change_to(&v),
                    title: self.ui.fill_title(&self.cell_label(id)),
                    cell: id.to_string(),
                    value: v,
                }),
            });
        }
        lines
    }

    /// Ids of the messages describing bound cell `i`: its own, then those of the findings
    /// it takes part in, anchored on other cells.
    fn described_by(&self, i: usize, diags: &[&Diagnostic], has_lines: bool) -> Vec<String> {
        let id = self.cells[i].id.as_str();
        let mut described_by = Vec::new();
        if has_lines {
            described_by.push(self.msg_id(i));
        }
        for d in diags {
            if let Some(a) = anchor(d)
                .filter(|a| *a != id)
                .and_then(|a| self.bound_of(a))
            {
                let mid = self.msg_id(a);
                if !described_by.contains(&mid) {
                    described_by.push(mid);
                }
            }
        }
        described_by
    }

    pub(super) fn sort_key(&self, d: &Diagnostic) -> SortKey {
        let sev = match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        let pos = anchor(d)
            .or(d.cells.first().map(String::as_str))
            .and_then(|c| self.format.cell_index(c))
            .unwrap_or(usize::MAX);
        (sev, pos, d.key.clone())
    }
}

/// The cell's outline and badge: a typo pinpointed here, an error anchored here, a part of
/// another cell's error, a warning anchored here (in that order).
fn marking(
    typo: bool,
    anchor_err: bool,
    part_err: bool,
    anchor_warn: bool,
) -> (Option<&'static str>, Option<(&'static str, &'static str)>) {
    let mark = if typo {
        Some("typo")
    } else if anchor_err {
        Some("error")
    } else if part_err {
        Some("part")
    } else if anchor_warn {
        Some("warning")
    } else {
        None
    };
    let badge = if typo {
        Some(("?", "nb-badge nb-badge-typo"))
    } else if anchor_err {
        Some(("!", "nb-badge"))
    } else if anchor_warn {
        Some(("!", "nb-badge nb-badge-warn"))
    } else {
        None
    };
    (mark, badge)
}
