//! Following the page, not only `input` events: what is on screen is what is checked.
//!
//! - A `MutationObserver` on the root (the whole document for automatic handles, whose form
//!   may be replaced) and on editor documents: text changes inside a bound cell are edits
//!   (editors that cancel `beforeinput`, such as wangEditor and CKEditor 5, fire no `input`);
//!   any other change of the host's DOM schedules a check (debounced) whether the binding still
//!   holds, and if not, a rebinding that keeps the checker and moves marks to the new nodes.
//! - A poll of the bound controls' `.value` (a script's `.value =` fires nothing), four times
//!   a second while the page is visible: about 200 property reads.
//!
//! nianbao's own insertions (badges, messages) are recognised by identity and ignored.

use super::super::bind::{self, Bound, Kind};
use super::super::util;
use super::{run, Inner};
use crate::checker::Change;
use js_sys::Array;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord, Node};

/// How long DOM changes must settle before the binding is checked (a framework re-render
/// arrives in several batches).
const SETTLE_MS: i32 = 60;
/// Value poll period.
const POLL_MS: i32 = 250;

pub struct Watch {
    mo: MutationObserver,
    _mo_cb: Closure<dyn FnMut(Array, MutationObserver)>,
    check: Option<i32>,
    check_cb: Closure<dyn FnMut()>,
    poll: Option<i32>,
    _poll_cb: Closure<dyn FnMut()>,
}

impl Watch {
    pub fn stop(&mut self, win: &web_sys::Window) {
        self.mo.disconnect();
        if let Some(t) = self.check.take() {
            win.clear_timeout_with_handle(t);
        }
        if let Some(t) = self.poll.take() {
            win.clear_interval_with_handle(t);
        }
    }
}

/// Starts following the page. The closures hold the state until `detach()`.
pub fn start(rc: &Rc<RefCell<Inner>>) -> Result<(), JsValue> {
    let r = Rc::clone(rc);
    let mo_cb = Closure::<dyn FnMut(Array, MutationObserver)>::new(
        move |records: Array, _o: MutationObserver| on_records(&r, records),
    );
    let mo = MutationObserver::new(super::guarded(mo_cb.as_ref()).unchecked_ref())?;
    let r = Rc::clone(rc);
    let check_cb = Closure::<dyn FnMut()>::new(move || check(&r));
    let r = Rc::clone(rc);
    let poll_cb = Closure::<dyn FnMut()>::new(move || poll(&r));
    let win = rc.borrow().win.clone();
    let poll = win
        .set_interval_with_callback_and_timeout_and_arguments_0(
            super::guarded(poll_cb.as_ref()).unchecked_ref(),
            POLL_MS,
        )
        .ok();
    let mut me = rc.borrow_mut();
    me.watch = Some(Watch {
        mo,
        _mo_cb: mo_cb,
        check: None,
        check_cb,
        poll,
        _poll_cb: poll_cb,
    });
    me.observe();
    Ok(())
}

impl Inner {
    /// (Re)starts observation of the root (or the document) and of editor documents.
    pub(super) fn observe(&mut self) {
        let Some(w) = &self.watch else { return };
        w.mo.disconnect();
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        // Text changes are edits only in cells that show text (editors, grids); a form of
        // inputs alone is not told of them, nianbao's own message texts included.
        init.set_character_data(self.cells.iter().any(|b| !b.kind.is_control()));
        let mut nodes: Vec<Node> = Vec::new();
        // An automatic handle's form may be replaced by the host: watch the whole document.
        let top: Node = if self.auto_root {
            self.doc
                .document_element()
                .map(Into::into)
                .unwrap_or_else(|| self.root.clone().into())
        } else {
            self.root.clone().into()
        };
        nodes.push(top);
        for b in &self.cells {
            let extra: Option<Node> = match (&b.host, b.el.owner_document()) {
                (_, Some(d)) if !d.is_same_node(Some(self.doc.as_ref())) => {
                    d.document_element().map(Into::into)
                }
                (Some(h), _) if !nodes.iter().any(|n| n.contains(Some(h.as_ref()))) => {
                    Some(h.clone().into())
                }
                _ => None,
            };
            if let Some(n) = extra {
                if !nodes.iter().any(|x| x.contains(Some(&n))) {
                    nodes.push(n);
                }
            }
        }
        for n in &nodes {
            let _ = w.mo.observe_with_options(n, &init);
        }
    }

    /// The bound cell holding `node` (itself, or an ancestor up to the root).
    pub(super) fn cell_of(&self, node: &Node) -> Option<usize> {
        let mut cur = if node.node_type() == Node::ELEMENT_NODE {
            Some(node.clone())
        } else {
            node.parent_node()
        };
        while let Some(n) = cur {
            if let Some(i) = self.lookup.get(n.as_ref()).as_f64() {
                return Some(i as usize);
            }
            if util::same(&n, self.root.as_ref()) {
                return None;
            }
            cur = n.parent_node();
        }
        None
    }

    /// The binding no longer matches the page: a bound node left, or tables/rows changed.
    fn stale(&self) -> bool {
        if !self.root.is_connected() {
            return true;
        }
        if self.cells.iter().any(|b| !b.el.is_connected()) {
            return true;
        }
        signature(&self.root) != self.sig
    }

    /// Removes every mark, message, `aria-*` and validity nianbao put on bound nodes.
    pub(super) fn clear_views(&mut self) {
        for i in 0..self.views.len() {
            self.clear_view(i);
        }
        if let Some(o) = self.overlay.as_mut() {
            o.clear();
        }
    }

    /// Binds the page again, keeping the checker: marks and messages move to the new nodes,
    /// nothing stays on removed ones. Returns what the re-read values changed, or `None` when
    /// the binding is the same.
    pub(super) fn rebind(&mut self) -> Option<Change> {
        if self.auto_root && !self.root.is_connected() {
            if let Some(r) = super::super::find_root(&self.doc, &self.opts, Some(self.format.id)) {
                super::retarget(&self.root, &r);
                self.root = r;
            }
        }
        let doc = self
            .root
            .owner_document()
            .unwrap_or_else(|| self.doc.clone());
        let binding = if self.root.is_connected() {
            bind::bind(
                &self.root,
                &doc,
                &bind::Request {
                    map: &self.opts.map,
                    format: Some(self.format.id),
                    year: self.opts.year,
                    auto: self.opts.auto,
                },
            )
            .ok()
        } else {
            None
        };
        self.sig = signature(&self.root);
        let (cells, unbound, notes, tables) = match binding {
            Some(b) => (b.cells, b.unbound, b.notes, b.tables),
            None => (Vec::new(), Vec::new(), Vec::new(), 0),
        };
        let same = cells.len() == self.cells.len()
            && cells
                .iter()
                .zip(&self.cells)
                .all(|(a, b)| a.index == b.index && util::same(a.el.as_ref(), b.el.as_ref()));
        if same {
            return None;
        }
        self.clear_views();
        let prev: Vec<String> = self.shown.take().into_iter().map(|d| d.key).collect();
        self.set_cells(cells);
        self.unbound = unbound;
        self.notes = notes;
        self.tables = tables;
        if let Err(e) = self.ensure_ui() {
            let _ = e;
        }
        // Show again what was shown, on the new nodes.
        let show: Vec<_> = prev
            .iter()
            .filter_map(|k| self.truth.get(k).cloned())
            .collect();
        self.apply(show, Vec::new());
        let all: Vec<_> = self.truth.as_slice().to_vec();
        for d in &all {
            self.sync_validity(d);
        }
        // What the new nodes hold (normally what the old ones held).
        let mut merged = Change::default();
        for i in 0..self.cells.len() {
            if let Some(ch) = self.edit(i, false) {
                merged.appeared.extend(ch.appeared);
                merged.cleared.extend(ch.cleared);
                merged.updated.extend(ch.updated);
            }
        }
        self.update_unbound_note();
        self.schedule_frame();
        Some(merged)
    }

    /// Replaces the bound cells and every per-cell table.
    pub(super) fn set_cells(&mut self, cells: Vec<Bound>) {
        let n = cells.len();
        self.lookup.clear();
        self.by_index = vec![None; self.format.cells.len()];
        for (i, b) in cells.iter().enumerate() {
            self.lookup.set(b.el.as_ref(), &JsValue::from_f64(i as f64));
            self.by_index[b.index] = Some(i);
        }
        self.seen = cells.iter().map(bind::read).collect();
        self.cells = cells;
        self.cell_keys = (0..n).map(|_| Default::default()).collect();
        self.views = (0..n).map(|_| Default::default()).collect();
        self.err_keys = (0..n).map(|_| Default::default()).collect();
        self.err_cells.clear();
        self.active = None;
        self.last_edit = None;
        self.place_msgs.take();
        self.geo = None;
    }
}

/// (tables, rows) under a root and in its editor iframes: changes when a host renders,
/// re-renders or removes a table.
pub fn signature(root: &Element) -> (u32, u32) {
    let tables = bind::find_tables(root);
    let rows = tables.iter().map(|t| t.rows().length()).sum();
    (tables.len() as u32, rows)
}

fn all_own(list: &web_sys::NodeList) -> bool {
    (0..list.length()).all(|i| list.item(i).is_some_and(|n| util::is_own_node(&n)))
}

/// Inside an element nianbao created (a message's text, a badge).
fn in_own(node: &Node, stop: &Node) -> bool {
    let mut cur = Some(node.clone());
    let mut depth = 0;
    while let Some(n) = cur {
        if util::is_own_node(&n) {
            return true;
        }
        depth += 1;
        // nianbao's light-DOM elements are shallow: a badge or a message and its lines.
        if depth > 3 || util::same(&n, stop) {
            return false;
        }
        cur = n.parent_node();
    }
    false
}

fn on_records(rc: &Rc<RefCell<Inner>>, records: Array) {
    let mut dirty: Vec<usize> = Vec::new();
    let mut structural = false;
    {
        let Ok(me) = rc.try_borrow() else { return };
        if me.detached {
            return;
        }
        let root: Node = me.root.clone().into();
        let root_gone = !me.root.is_connected();
        for r in records.iter() {
            let r: MutationRecord = r.unchecked_into();
            let Some(t) = r.target() else { continue };
            if in_own(&t, &root) {
                continue;
            }
            if r.type_() == "childList" && all_own(&r.added_nodes()) && all_own(&r.removed_nodes())
            {
                continue;
            }
            let same_doc = t
                .owner_document()
                .is_some_and(|d| d.is_same_node(Some(me.doc.as_ref())));
            if same_doc && !root_gone && !root.contains(Some(&t)) && !me.in_host(&t) {
                // Elsewhere in the page (an automatic handle watches the whole document).
                continue;
            }
            match me.cell_of(&t) {
                // Inside a bound cell: an edit (a grid cell that turned into an input and
                // back is still the same binding).
                Some(i) => {
                    if !dirty.contains(&i) {
                        dirty.push(i);
                    }
                }
                None => structural = true,
            }
        }
    }
    // The host's content changed: its fields may have moved. Text typed into the active cell
    // (an editor's) moves others only by resizing that cell or the root, which the next frame
    // sees anyway (`ensure_geometry`).
    if let Ok(mut me) = rc.try_borrow_mut() {
        if structural || dirty.iter().any(|&i| Some(i) != me.active) {
            me.geo = None;
        }
    }
    if !dirty.is_empty() {
        super::process_cells(rc, dirty, true);
    }
    if structural {
        schedule_check(rc);
    }
}

impl Inner {
    /// Inside the editing host of an editor cell (an editor outside the root).
    fn in_host(&self, n: &Node) -> bool {
        self.cells
            .iter()
            .filter_map(|b| b.host.as_ref())
            .any(|h| h.contains(Some(n)))
    }
}

fn schedule_check(rc: &Rc<RefCell<Inner>>) {
    let Ok(mut me) = rc.try_borrow_mut() else {
        return;
    };
    let win = me.win.clone();
    let Some(w) = me.watch.as_mut() else { return };
    if let Some(t) = w.check.take() {
        win.clear_timeout_with_handle(t);
    }
    w.check = win
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            super::guarded(w.check_cb.as_ref()).unchecked_ref(),
            SETTLE_MS,
        )
        .ok();
}

/// After the page settled: rebinds when the binding no longer matches it.
pub fn check(rc: &Rc<RefCell<Inner>>) {
    let (effects, relisten) = {
        let Ok(mut me) = rc.try_borrow_mut() else {
            return;
        };
        if let Some(w) = me.watch.as_mut() {
            w.check = None;
        }
        if me.detached || !me.stale() {
            return;
        }
        let old_root = me.root.clone();
        let Some(change) = me.rebind() else {
            return;
        };
        let relisten = !util::same(old_root.as_ref(), me.root.as_ref()) || me.targets_changed();
        me.observe();
        (me.after_change(Some(&change), true), relisten)
    };
    if relisten {
        let _ = super::relisten(rc);
    }
    run(rc, effects);
}

/// Values a script set without an event.
fn poll(rc: &Rc<RefCell<Inner>>) {
    let dirty: Vec<usize> = {
        let Ok(me) = rc.try_borrow() else { return };
        if me.detached || me.composing || util::prop_bool(me.doc.as_ref(), "hidden") {
            return;
        }
        me.cells
            .iter()
            .enumerate()
            .filter(|(i, b)| {
                matches!(b.kind, Kind::Input | Kind::TextArea)
                    && super::super::controls::value_of(&b.el) != me.seen[*i]
            })
            .map(|(i, _)| i)
            .collect()
    };
    if !dirty.is_empty() {
        // New errors in a field being edited still wait for its blur (a framework that
        // reformats the value while the user types); elsewhere they show at once.
        super::process_cells(rc, dirty, true);
    }
}
