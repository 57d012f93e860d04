//! Live forms (spec §3.1 "pending"): the widget's checker holds back findings over cells the
//! user has not filled yet; the panel says how many wait and offers 全部检查; `checkAll()` and
//! the form's `submit` judge everything. A child module of `widget` (it uses its state).

use super::events::listen;
use super::{after_submit, is_error, run, Inner};
use crate::checker::Change;
use crate::format::Format;
use crate::report::Report;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlFormElement};

/// Whether a form arrives filled (a saved report, last year's edited, a preloaded demo): every
/// table with bound cells already holds a value. Such a form is judged in full at attach, as a
/// published report; a blank or partly typed one starts pending.
pub(super) fn arrived_filled(format: &Format, cells: &[super::Bound], report: &Report) -> bool {
    let mut tables: Vec<(&str, bool)> = Vec::new();
    for b in cells {
        let t = format.cells[b.index].table;
        let has = report
            .cells
            .get(&b.id)
            .is_some_and(|v| !v.trim().is_empty());
        match tables.iter_mut().find(|(x, _)| *x == t) {
            Some(e) => e.1 |= has,
            None => tables.push((t, has)),
        }
    }
    !tables.is_empty() && tables.iter().all(|t| t.1)
}

impl Inner {
    /// The panel's pending line: how many checks wait, and 全部检查 (gone once judged).
    pub(super) fn show_pending(&mut self) {
        let n = self
            .checker
            .is_pending()
            .then(|| self.checker.pending_count());
        if let Some(p) = self.panel.as_mut() {
            p.pending(&self.doc, &self.ui, n);
        }
    }

    /// Judges every pending finding and shows it at once (no waiting for blur), with what was
    /// waiting for blur. Returns the checker's change when there was one.
    fn judge_all(&mut self) -> (Option<Change>, bool) {
        let mut change = None;
        if self.checker.is_pending() {
            let ch = self.checker.check_all();
            self.show_pending();
            if !(ch.appeared.is_empty() && ch.cleared.is_empty() && ch.updated.is_empty()) {
                self.apply_change(&ch, false);
                change = Some(ch);
            }
        }
        let flushed = self.flush();
        if change.is_some() || flushed {
            self.schedule_frame();
        }
        let any = change.is_some() || flushed;
        (change, any)
    }
}

/// `h.checkAll()` and the panel's 全部检查: judges the whole form now.
pub(super) fn check_all(rc: &Rc<RefCell<Inner>>) {
    let effects = {
        let Ok(mut me) = rc.try_borrow_mut() else {
            return;
        };
        if me.detached {
            return;
        }
        let (change, any) = me.judge_all();
        if !any {
            return;
        }
        me.after_change(change.as_ref(), true)
    };
    run(rc, effects);
}

/// Submits reach the root (a form, or an element holding forms) or the form around it.
pub(super) fn listen_submit(rc: &Rc<RefCell<Inner>>, root: &Element) -> Result<(), JsValue> {
    listen(rc, &root.clone().into(), "submit", true, false, on_submit)?;
    let outer = root
        .parent_element()
        .and_then(|p| p.closest("form").ok().flatten());
    if let Some(f) = outer {
        listen(rc, &f.into(), "submit", true, false, on_submit)?;
    }
    Ok(())
}

/// On submit the form is judged in full; with `blockSubmit`, errors then stop the submit and
/// the browser shows the first one (its custom validity message).
fn on_submit(rc: &Rc<RefCell<Inner>>, e: Event) {
    let (effects, block) = {
        let Ok(mut me) = rc.try_borrow_mut() else {
            return;
        };
        if me.detached {
            return;
        }
        let (change, any) = me.judge_all();
        let errors = me.truth.iter().filter(|d| is_error(d)).count();
        let block = me.opts.block_submit && errors > 0;
        let fx = if any {
            me.after_change(change.as_ref(), true)
        } else {
            Vec::new()
        };
        (fx, block)
    };
    if block {
        // Before the host's own submit handlers (a capture listener runs first).
        e.prevent_default();
        e.stop_immediate_propagation();
    }
    run(rc, effects);
    if block {
        if let Some(f) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        {
            f.report_validity();
        }
    } else {
        after_submit(rc);
    }
}
