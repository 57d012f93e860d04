//! Autosave drafts on the widget's side (storage itself is `store.rs`): which key and
//! fingerprint a form's draft has, the offer to restore it (panel, `nianbao:draft` event,
//! `h.draft`), restoring without touching what was typed since load, one undo, discarding,
//! removal on submit, and storage errors shown once. A child module of `widget`.

use super::super::store::{self, Fingerprint, Saved, Slot};
use super::{bind, run, util, Effect, Inner, Kind};
use crate::num::u64_text;
use crate::textnorm::{self, concat};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Element};

/// Per form: the draft's key and fingerprint, which cells were typed since load, and the
/// one undo of a restore.
#[derive(Default)]
pub(super) struct Drafts {
    key: String,
    fp: Fingerprint,
    /// Per bound cell: received input since load (a restore never overwrites it).
    pub typed: Vec<bool>,
    /// After 恢复: (cell, value before, value restored), for one undo.
    undo: Option<Vec<(usize, String, String)>>,
    error_shown: bool,
}

/// The form's identity among the page's forms: its id, its name, or its position.
fn form_identity(root: &Element) -> String {
    if !root.id().is_empty() {
        return root.id();
    }
    if let Some(n) = root.get_attribute("name").filter(|n| !n.is_empty()) {
        return n;
    }
    let Some(doc) = root.owner_document() else {
        return "form".into();
    };
    if let Ok(forms) = doc.query_selector_all("form") {
        for i in 0..forms.length() {
            if forms.item(i).is_some_and(|f| util::same(&f, root.as_ref())) {
                return concat(&["form", &u64_text(i as u64 + 1)]);
            }
        }
    }
    util::tag(root)
}

/// The text value of a field of `root` (not a bound cell) whose label holds one of `words`:
/// the page's own 单位名称 or 报告年度.
fn labelled_value(inner: &Inner, words: &[&str]) -> String {
    let Ok(list) = inner.root.query_selector_all("input, select") else {
        return String::new();
    };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if inner.lookup.has(el.as_ref()) {
            continue;
        }
        let ty = el.get_attribute("type").unwrap_or_default();
        if !(ty.is_empty() || ty == "text") {
            continue;
        }
        // The label: a <label for>, the enclosing <label>, or the table cell before the field's.
        let mut label = String::new();
        if !el.id().is_empty() {
            if let Ok(Some(l)) =
                inner
                    .doc
                    .query_selector(&concat(&["label[for=\"", &el.id(), "\"]"]))
            {
                label = l.text_content().unwrap_or_default();
            }
        }
        if label.is_empty() {
            if let Ok(Some(l)) = el.closest("label") {
                label = l.text_content().unwrap_or_default();
            }
        }
        if label.is_empty() {
            if let Some(prev) = el
                .closest("td, th")
                .ok()
                .flatten()
                .and_then(|c| c.previous_element_sibling())
            {
                label = prev.text_content().unwrap_or_default();
            }
        }
        if words.iter().any(|w| textnorm::contains(&label, w)) {
            return util::prop_string(el.as_ref(), "value").trim().to_string();
        }
    }
    String::new()
}

impl Inner {
    /// At attach: the key and fingerprint, expired drafts removed, and the offer of this
    /// form's draft when it differs from the page.
    pub(super) fn open_drafts(&mut self) {
        let Some(key) = self.opts.autosave.clone() else {
            return;
        };
        self.drafts.typed = vec![false; self.cells.len()];
        self.drafts.key = if key.is_empty() {
            let loc = self.win.location();
            let path = loc.pathname().unwrap_or_default();
            let query = loc.search().unwrap_or_default();
            concat(&[&path, &query, "#", &form_identity(&self.root)])
        } else if let Some(k) = key.strip_suffix('*') {
            // autoAttach with one key for several forms (see `auto_attach`).
            concat(&[k, &form_identity(&self.root)])
        } else {
            key
        };
        let year = match self.opts.year {
            Some(y) => y.to_string(),
            None => labelled_value(self, &["报告年度", "年度"]),
        };
        self.drafts.fp = Fingerprint {
            format: self.format.id.into(),
            year,
            agency: labelled_value(self, &["单位名称", "填报单位", "报告单位", "机关名称"]),
            title: self.doc.title().trim().to_string(),
        };
        if let Err(e) = store::sweep(&self.win, self.opts.autosave_days) {
            self.draft_error(&e);
        }
        let saved = match store::load(&self.win, &self.drafts.key, &self.drafts.fp) {
            Ok(Some(s)) => s,
            Ok(None) => return,
            Err(e) => return self.draft_error(&e),
        };
        if self.differ(&saved) == 0 {
            return;
        }
        self.offer = Some(saved);
        self.show_offer();
        self.draft_event(None);
    }

    /// Saved cells whose value differs from the page.
    fn differ(&self, saved: &Saved) -> usize {
        let mut n = 0;
        for (id, v) in saved.merged() {
            if let Some(i) = self.bound_of(&id) {
                n += (bind::read(&self.cells[i]) != v) as usize;
            }
        }
        n
    }

    fn show_offer(&self) {
        let (Some(saved), Some(p)) = (&self.offer, &self.panel) else {
            return;
        };
        let newer = saved.newer.as_ref().map(|n| store::format_time(n.saved_at));
        let msg = self.ui.restore_offer(
            &store::format_time(saved.older.saved_at),
            self.differ(saved),
            newer.as_deref(),
        );
        let _ = p.offer_restore(&self.doc, &self.ui, &msg);
    }

    /// Writes the draft now. While an offer is open the offered draft stays as it is and
    /// what was typed since load goes into its newer slot.
    pub(super) fn save_draft(&mut self) {
        if self.opts.autosave.is_none() || self.drafts.key.is_empty() {
            return;
        }
        let now = js_sys::Date::now();
        let current: Vec<(String, String)> = self
            .cells
            .iter()
            .map(|b| (b.id.clone(), bind::read(b)))
            .collect();
        let record = match &self.offer {
            Some(offer) => {
                let mut newer = offer.newer.clone().unwrap_or_default();
                for (i, (id, v)) in current.into_iter().enumerate() {
                    if !self.drafts.typed.get(i).copied().unwrap_or(false) {
                        continue;
                    }
                    match newer.cells.iter_mut().find(|(x, _)| *x == id) {
                        Some(e) => e.1 = v,
                        None => newer.cells.push((id, v)),
                    }
                }
                newer.saved_at = now;
                Saved {
                    fp: self.drafts.fp.clone(),
                    older: offer.older.clone(),
                    newer: Some(newer),
                }
            }
            None => Saved {
                fp: self.drafts.fp.clone(),
                older: Slot {
                    saved_at: now,
                    cells: current,
                },
                newer: None,
            },
        };
        if let Err(e) = store::save(&self.win, &self.drafts.key, &record) {
            return self.draft_error(&e);
        }
        if let Some(o) = self.offer.as_mut() {
            let first = o.newer.is_none();
            o.newer = record.newer;
            if first {
                self.show_offer();
            }
        }
    }

    /// A storage error (quota, storage disabled): shown once, in the panel, the console and
    /// a `nianbao:draft` event; autosave goes on trying.
    fn draft_error(&mut self, e: &str) {
        if self.drafts.error_shown {
            return;
        }
        self.drafts.error_shown = true;
        let msg = self.ui.autosave_failed(e);
        web_sys::console::warn_1(&JsValue::from_str(&msg));
        if let Some(p) = &self.panel {
            let _ = p.note(&self.doc, &msg);
        }
        self.draft_event(Some(&msg));
    }

    /// `nianbao:draft` on the root: an offer opened (detail as `h.draft`) or an error.
    fn draft_event(&self, error: Option<&str>) {
        let detail = match error {
            Some(e) => {
                let o = js_sys::Object::new();
                util::set_str(&o, "error", e);
                o.into()
            }
            None => self.draft_js(),
        };
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_detail(&detail);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict("nianbao:draft", &init) {
            let _ = self.root.dispatch_event(&ev);
        }
    }

    /// `h.draft`: the open offer `{key, savedAt, newerAt, cells}` (times in ms, `cells`: how
    /// many differ from the page), or null.
    pub fn draft_js(&self) -> JsValue {
        let Some(s) = &self.offer else {
            return JsValue::NULL;
        };
        let o = js_sys::Object::new();
        util::set_str(&o, "key", &self.drafts.key);
        util::set(&o, "savedAt", &JsValue::from_f64(s.older.saved_at));
        let newer = s
            .newer
            .as_ref()
            .map_or(JsValue::NULL, |n| JsValue::from_f64(n.saved_at));
        util::set(&o, "newerAt", &newer);
        util::set(&o, "cells", &JsValue::from_f64(self.differ(s) as f64));
        o.into()
    }

    /// Drops the offer and the stored draft (submit, `clearAutosave`).
    fn forget_draft(&mut self) {
        if let Some(t) = self.timers.save.take() {
            self.win.clear_timeout_with_handle(t);
        }
        self.dirty_save = false;
        self.offer = None;
        self.drafts.undo = None;
        if let Some(p) = &self.panel {
            p.hide_restore();
        }
        if self.opts.autosave.is_some() && !self.drafts.key.is_empty() {
            if let Err(e) = store::remove(&self.win, &self.drafts.key, &self.drafts.fp) {
                self.draft_error(&e);
            }
        }
    }
}

/// 恢复: writes the draft's values into the fields, except those typed since load; one undo.
pub(super) fn restore(rc: &Rc<RefCell<Inner>>) -> usize {
    let (effects, n) = {
        let Ok(mut me) = rc.try_borrow_mut() else {
            return 0;
        };
        let Some(saved) = me.offer.take() else {
            return 0;
        };
        let mut fx = Vec::new();
        let mut undo = Vec::new();
        for (id, v) in saved.merged() {
            let Some(i) = me.bound_of(&id) else { continue };
            if me.cells[i].kind == Kind::Static || me.drafts.typed.get(i).copied().unwrap_or(false)
            {
                continue;
            }
            let before = bind::read(&me.cells[i]);
            if before != v {
                undo.push((i, before, v.clone()));
                fx.push(Effect::Write(i, v));
            }
        }
        let n = fx.len();
        if let Some(p) = &me.panel {
            let _ = p.restored(&me.doc, &me.ui, &me.ui.restored(n), n > 0);
            p.announce(&me.ui.restored(n));
        }
        me.drafts.undo = (n > 0).then_some(undo);
        me.dirty_save = true;
        (fx, n)
    };
    run(rc, effects);
    if let Ok(mut me) = rc.try_borrow_mut() {
        me.save_now();
    }
    n
}

/// 撤销: puts back what the fields held before 恢复, where they still hold the restored value.
pub(super) fn undo(rc: &Rc<RefCell<Inner>>) -> usize {
    let effects = {
        let Ok(mut me) = rc.try_borrow_mut() else {
            return 0;
        };
        let Some(undo) = me.drafts.undo.take() else {
            return 0;
        };
        let mut fx = Vec::new();
        for (i, before, restored) in undo {
            if bind::read(&me.cells[i]) == restored {
                fx.push(Effect::Write(i, before));
            }
        }
        if let Some(p) = &me.panel {
            p.hide_restore();
            p.announce(&me.ui.undone(fx.len()));
        }
        me.dirty_save = true;
        fx
    };
    let n = effects.len();
    run(rc, effects);
    if let Ok(mut me) = rc.try_borrow_mut() {
        me.save_now();
    }
    n
}

/// 丢弃: forgets the offered draft; what was typed since load becomes the draft.
pub(super) fn discard(rc: &Rc<RefCell<Inner>>) {
    if let Ok(mut me) = rc.try_borrow_mut() {
        me.forget_draft();
        if me.drafts.typed.iter().any(|&t| t) {
            me.dirty_save = true;
            me.save_now();
        }
    }
}

/// The form was submitted (not blocked) or the host saved it by script: no draft remains.
pub(super) fn clear(rc: &Rc<RefCell<Inner>>) {
    if let Ok(mut me) = rc.try_borrow_mut() {
        me.forget_draft();
    }
}
