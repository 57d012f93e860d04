//! The attached widget: state, event handling and rendering of `Change`s.
//!
//! Per keystroke: find the bound cell of the event target (a `Map` lookup), read its raw
//! text, `Checker::set`, then touch only the cells of the diagnostics that appeared, cleared
//! or changed. New diagnostics wait until the edited field loses focus; cleared ones go at
//! once. Everything that calls back into the page (events, value writes on a fix click) runs
//! after the state's borrow is released, so host listeners may call the handle re-entrantly.

mod drafts;
mod events;
mod export;
mod geometry;
mod guard;
mod layout;
mod observe;
mod pending;
mod render;
mod view;
use crate::num::u64_text;
use crate::spec::{Action, CellSpec, Line};
use crate::textnorm::{self, concat};
mod write;

use events::{install, process_cells, relisten};
pub use guard::{disable_all, guarded, is_attached, set_guard};
use guard::{register, retarget, Listener};

use super::bind::{self, BindNote, Bound, Kind, Unbound};
use super::i18n::Ui;
use super::overlay::Overlay;
use super::panel::{Panel, SortKey};
use super::text::UI_ATTR;
use super::util::{self, el_with, target_element, Idxs, Keys};
use super::{store, style, Opts, PanelPlace};
use crate::checker::{Change, Checker, Options as CheckOptions};
use crate::diagnostic::Diagnostic;
use crate::format::Format;
use crate::report::Report;
use crate::rules::Severity;
use crate::sorted::Sorted;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AddEventListenerOptions, CustomEvent, CustomEventInit, Document, Element, Event, EventTarget,
    Node, Window,
};

/// What nianbao has put on one bound control (to update minimally and undo exactly).
#[derive(Default)]
struct View {
    mark: Option<&'static str>,
    anchor: bool,
    badge: Option<Element>,
    /// The badge's text and class as last drawn (on `badge` or the field box).
    badge_drawn: Option<(&'static str, &'static str)>,
    msg: Option<Element>,
    /// What the message shows and its nodes (`render::Drawn`): a new text is compared with
    /// the last one here, not read back from the page.
    drawn: Option<render::Drawn>,
    invalid: bool,
    described: String,
    orig_invalid: Option<Option<String>>,
    orig_described: Option<Option<String>>,
    validity: String,
    /// The message is drawn in the overlay: its cell would clip or cover it.
    moved: bool,
    /// Where the inline message was last placed (`layout.rs`).
    placed: Option<layout::Placement>,
    /// The framework's visible field box around the input (`util::field_box`), looked up
    /// once: it carries the outline and the badge.
    field_box: Option<Option<Element>>,
    /// Whether `data-nb-rel` (position:relative for the badge) was put on the box.
    rel: bool,
}

#[derive(Default)]
struct Timers {
    live: Option<i32>,
    /// A change came while `live` was pending: it waits one more period instead of being
    /// cleared and set again on every keystroke.
    live_again: bool,
    save: Option<i32>,
    raf: Option<i32>,
    live_cb: Option<Closure<dyn FnMut()>>,
    save_cb: Option<Closure<dyn FnMut()>>,
    raf_cb: Option<Closure<dyn FnMut()>>,
    /// The three callbacks as handed to the page (`guarded`).
    live_fn: JsValue,
    save_fn: JsValue,
    raf_fn: JsValue,
}

pub struct Inner {
    no: u32,
    pub root: Element,
    doc: Document,
    win: Window,
    ui: Ui,
    opts: Opts,
    checker: Checker,
    pub format: &'static Format,
    cells: Vec<Bound>,
    by_index: Vec<Option<usize>>,
    lookup: js_sys::Map,
    unbound: Vec<Unbound>,
    notes: Vec<BindNote>,
    pub tables: usize,
    /// The checker's current diagnostics, mirrored from each `Change`.
    truth: Diags,
    /// What is rendered.
    shown: Diags,
    /// In `truth`, waiting for the edited field's blur.
    pending: Keys,
    /// Per bound cell: keys of shown diagnostics that mark it.
    cell_keys: Vec<Keys>,
    views: Vec<View>,
    /// blockSubmit: per bound cell, error keys (of `truth`) mirrored into setCustomValidity.
    err_keys: Vec<Keys>,
    /// blockSubmit: error key → the bound cells it was mirrored into.
    err_cells: Vec<(String, Vec<usize>)>,
    listeners: Vec<Listener>,
    timers: Timers,
    panel: Option<Panel>,
    overlay: Option<Overlay>,
    /// Documents where the light-DOM style was injected (one use each).
    styled_docs: Vec<Document>,
    composing: bool,
    last_edit: Option<usize>,
    place_msgs: Idxs,
    /// Where the fields lie, reused across frames until something may move them.
    geo: Option<geometry::Geometry>,
    /// How many times the geometry was measured (its epoch).
    measured: u32,
    /// The bound cell being edited (focused control, or the editor cell holding the caret).
    active: Option<usize>,
    announced: Option<(usize, usize)>,
    dirty_save: bool,
    offer: Option<store::Saved>,
    drafts: drafts::Drafts,
    pub detached: bool,
    /// An automatic handle: when its root leaves the page, it follows the replacement.
    auto_root: bool,
    /// `observe::signature` of the root at the last binding.
    sig: (u32, u32),
    /// Per bound cell: the text last read (the value poll compares against it).
    seen: Vec<String>,
    watch: Option<observe::Watch>,
    dropped_watch: Option<observe::Watch>,
    /// Test hook (`__trapOnNextEdit`): the next edit traps while the state is borrowed.
    pub trap_next: bool,
}

/// Diagnostics by key.
type Diags = Sorted<Diagnostic>;

/// Something to do once the state is no longer borrowed.
enum Effect {
    Dispatch(EventTarget, Event),
    Write(usize, String),
    Focus(usize),
}

thread_local! {
    static NEXT_NO: RefCell<u32> = const { RefCell::new(1) };
    static ATTACHED: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// Per document: the injected light-DOM `<style>` and how many handles use it.
    static STYLES: RefCell<Vec<(Document, Element, u32)>> = const { RefCell::new(Vec::new()) };
}

#[wasm_bindgen]
extern "C" {
    /// The event detail over its JSON text, parsed on first read (js/detail.js, appended to
    /// this module's glue by scripts/build-wasm.sh).
    #[wasm_bindgen(js_name = __nbDetail)]
    fn lazy_detail(json: &str) -> JsValue;
}

/// Diagnostics as the JS API gives them (`crates/js`: built by hand, no serde).
fn diags_js(ds: &[Diagnostic]) -> JsValue {
    crate::wasm::js::diagnostics(ds).unwrap_or(JsValue::NULL)
}

fn is_error(d: &Diagnostic) -> bool {
    d.severity == Severity::Error
}

/// The cell a diagnostic's message belongs next to.
fn anchor(d: &Diagnostic) -> Option<&str> {
    d.target
        .as_deref()
        .or_else(|| (d.cells.len() == 1).then(|| d.cells[0].as_str()))
}

fn set_attr(e: &Element, k: &str, v: Option<&str>) {
    let _ = match v {
        Some(v) => e.set_attribute(k, v),
        None => e.remove_attribute(k),
    };
}

fn use_style(doc: &Document) -> Result<(), JsValue> {
    STYLES.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(entry) = s
            .iter_mut()
            .find(|(d, _, _)| d.is_same_node(Some(doc.as_ref())))
        {
            entry.2 += 1;
            return Ok(());
        }
        let st = util::create(doc, "style")?;
        st.set_attribute(UI_ATTR, "")?;
        st.set_attribute("data-nianbao-style", "")?;
        st.set_text_content(Some(&style::light_css()));
        match doc.head() {
            Some(h) => h.append_child(&st)?,
            None => doc
                .document_element()
                .ok_or_else(|| JsValue::from_str("no document element"))?
                .append_child(&st)?,
        };
        s.push((doc.clone(), st, 1));
        Ok(())
    })
}

fn release_style(doc: &Document) {
    STYLES.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(pos) = s
            .iter()
            .position(|(d, _, _)| d.is_same_node(Some(doc.as_ref())))
        {
            s[pos].2 -= 1;
            if s[pos].2 == 0 {
                s[pos].1.remove();
                s.remove(pos);
            }
        }
    });
}

/// What the form holds at attach: its bound cells' text; unbound cells listed as missing.
fn initial_report(format: &'static Format, year: Option<u16>, cells: &[Bound]) -> Report {
    let mut report = Report::new(format.id, year);
    for b in cells {
        let raw = bind::read(b);
        if !raw.is_empty() {
            report.cells.insert(b.id.clone(), raw);
        }
    }
    let mut bound = vec![false; format.cells.len()];
    for b in cells {
        bound[b.index] = true;
    }
    report.missing = format
        .cells
        .iter()
        .zip(&bound)
        .filter(|(_, &b)| !b)
        .map(|(c, _)| c.id.clone())
        .collect();
    report
}

/// Element → bound index (a JS `Map`, for event targets) and format cell → bound index.
fn index_cells(format: &Format, cells: &[Bound]) -> (js_sys::Map, Vec<Option<usize>>) {
    let lookup = js_sys::Map::new();
    let mut by_index = vec![None; format.cells.len()];
    for (i, b) in cells.iter().enumerate() {
        lookup.set(b.el.as_ref(), &JsValue::from_f64(i as f64));
        by_index[b.index] = Some(i);
    }
    (lookup, by_index)
}

impl Inner {
    /// The state of a new handle, before its UI and listeners exist.
    fn new(
        no: u32,
        root: Element,
        win: Window,
        doc: Document,
        opts: Opts,
        checker: Checker,
        binding: bind::Binding,
    ) -> Inner {
        let ui = Ui { lang: opts.lang };
        let (lookup, by_index) = index_cells(binding.format, &binding.cells);
        let n = binding.cells.len();
        Inner {
            no,
            root: root.clone(),
            // nianbao's own UI always goes into the top document, never into an editor's.
            doc: win.document().unwrap_or_else(|| doc.clone()),
            win,
            ui,
            opts,
            checker,
            format: binding.format,
            cells: binding.cells,
            by_index,
            lookup,
            unbound: binding.unbound,
            notes: binding.notes,
            tables: binding.tables,
            truth: Diags::default(),
            shown: Diags::default(),
            pending: Keys::default(),
            cell_keys: (0..n).map(|_| Keys::default()).collect(),
            views: (0..n).map(|_| View::default()).collect(),
            err_keys: (0..n).map(|_| Keys::default()).collect(),
            err_cells: Vec::new(),
            listeners: Vec::new(),
            timers: Timers::default(),
            panel: None,
            overlay: None,
            styled_docs: Vec::new(),
            composing: false,
            last_edit: None,
            place_msgs: Idxs::default(),
            geo: None,
            measured: 0,
            active: None,
            announced: None,
            dirty_save: false,
            offer: None,
            drafts: drafts::Drafts::default(),
            detached: false,
            auto_root: false,
            sig: (0, 0),
            seen: Vec::new(),
            watch: None,
            dropped_watch: None,
            trap_next: false,
        }
    }

    pub fn attach(root: Element, opts: Opts) -> Result<Rc<RefCell<Inner>>, String> {
        let already = ATTACHED.with(|a| a.borrow().iter().any(|e| util::same(e, &root)));
        if already {
            return Err(
                "attach: this element already has nianbao attached (detach it first)".into(),
            );
        }
        let win = web_sys::window().ok_or("attach: no window")?;
        let doc = root
            .owner_document()
            .ok_or("attach: element has no document")?;
        let binding = bind::bind(
            &root,
            &doc,
            &bind::Request {
                map: &opts.map,
                format: opts.format.as_deref(),
                year: opts.year,
                auto: opts.auto,
            },
        )?;
        if binding.cells.is_empty() {
            return Err("attach: no report table or cell could be bound".into());
        }
        if let Some(min) = opts.require {
            if binding.tables == 0 || binding.cells.len() < min {
                return Err("attach: no recognisable report table".into());
            }
        }
        let format = binding.format;
        let report = initial_report(format, opts.year, &binding.cells);
        // Pending (spec §3.1) unless the form arrives filled: then it is judged in full.
        let pending = opts.pending && !pending::arrived_filled(format, &binding.cells, &report);
        let checker = Checker::from_report(
            &report,
            &CheckOptions {
                lang: opts.lang,
                prev: opts.prev.clone(),
                pending,
            },
        )
        .map_err(|e| e.message())?;

        let no = NEXT_NO.with(|c| {
            let v = *c.borrow();
            *c.borrow_mut() = v + 1;
            v
        });
        let mut inner = Inner::new(no, root.clone(), win, doc, opts, checker, binding);
        inner.auto_root = inner.opts.require.is_some();
        inner.seen = inner.cells.iter().map(bind::read).collect();
        inner.sig = observe::signature(&root);
        inner
            .build_ui()
            .map_err(|e| concat(&["attach: ", &crate::wasm::js_error_text(&e)]))?;
        ATTACHED.with(|a| a.borrow_mut().push(root.clone()));

        let rc = Rc::new(RefCell::new(inner));
        install(&rc).map_err(|e| concat(&["attach: ", &crate::wasm::js_error_text(&e)]))?;
        observe::start(&rc).map_err(|e| concat(&["attach: ", &crate::wasm::js_error_text(&e)]))?;
        register(&rc);

        let effects = {
            let mut me = rc.borrow_mut();
            let all = me.checker.diagnostics();
            for d in &all {
                me.truth.insert(d.clone());
                me.sync_validity(d);
            }
            me.apply(all, Vec::new());
            me.show_pending();
            me.open_drafts();
            // First layout: the floating panel docks off the form.
            me.schedule_frame();
            me.after_change(None, false)
        };
        run(&rc, effects);
        Ok(rc)
    }

    /// The light-DOM style for controls' badges and messages (in each document holding a
    /// bound control) and the overlay (always in the top document), as the cells need them.
    fn ensure_ui(&mut self) -> Result<(), JsValue> {
        if self.opts.inline {
            for b in &self.cells {
                if !b.kind.is_control() {
                    continue;
                }
                let d = b.el.owner_document().unwrap_or_else(|| self.doc.clone());
                if !self
                    .styled_docs
                    .iter()
                    .any(|x| x.is_same_node(Some(d.as_ref())))
                {
                    use_style(&d)?;
                    self.styled_docs.push(d);
                }
            }
        }
        // Also for controls: a message its cell would clip or cover is drawn there.
        if self.opts.inline && self.overlay.is_none() {
            self.overlay = Some(Overlay::new(&self.doc)?);
        }
        Ok(())
    }

    fn build_ui(&mut self) -> Result<(), JsValue> {
        self.ensure_ui()?;
        if !matches!(self.opts.panel, PanelPlace::None) {
            let order = self
                .format
                .tables
                .iter()
                .map(|t| t.id.to_string())
                .collect();
            let unbound = self.unbound_labels();
            self.panel = Some(Panel::new(
                &self.doc,
                &self.opts.panel,
                &self.ui,
                order,
                &unbound,
            )?);
        }
        Ok(())
    }

    fn bound_of(&self, cell: &str) -> Option<usize> {
        self.format.cell_index(cell).and_then(|i| self.by_index[i])
    }

    fn msg_id(&self, i: usize) -> String {
        concat(&["nb-m", &u64_text(self.no as u64), "-", &u64_text(i as u64)])
    }

    /// Shows `show` (new or replaced) and hides `hide`; re-renders only the cells involved.
    fn apply(&mut self, show: Vec<Diagnostic>, hide: Vec<String>) {
        let mut touched = Idxs::default();
        for key in hide {
            if let Some(old) = self.shown.remove(&key) {
                for c in self.involved(&old) {
                    self.cell_keys[c].remove(&key);
                    touched.insert(c);
                }
                if let Some(p) = self.panel.as_mut() {
                    p.remove(&key);
                }
            }
        }
        for d in show {
            let key = d.key.clone();
            if let Some(old) = self.shown.remove(&key) {
                for c in self.involved(&old) {
                    self.cell_keys[c].remove(&key);
                    touched.insert(c);
                }
            }
            for c in self.involved(&d) {
                self.cell_keys[c].insert(key.clone());
                touched.insert(c);
            }
            if self.panel.is_some() {
                let sort = self.sort_key(&d);
                let table = anchor(&d)
                    .or(d.cells.first().map(String::as_str))
                    .map(|c| textnorm::split_once(c, ".").map_or(c, |(t, _)| t))
                    .unwrap_or("")
                    .to_string();
                let go = anchor(&d)
                    .or(d.cells.first().map(String::as_str))
                    .filter(|c| self.bound_of(c).is_some())
                    .map(str::to_string);
                let action = self.action_for(&d);
                if let Some(p) = self.panel.as_mut() {
                    let _ = p.upsert(
                        &self.doc,
                        &self.ui,
                        &d,
                        sort,
                        &table,
                        go.as_deref(),
                        action.as_ref(),
                    );
                }
            }
            self.shown.insert(d);
        }
        for i in touched.into_vec() {
            self.render_cell(i);
        }
        if let Some(p) = self.panel.as_mut() {
            p.summary(&self.doc, &self.ui);
        }
    }

    /// Re-reads one cell and applies what changed. `defer`: new diagnostics wait for blur.
    fn edit(&mut self, i: usize, defer: bool) -> Option<Change> {
        let raw = bind::read(&self.cells[i]);
        let id = self.cells[i].id.clone();
        let change = self.checker.set(&id, &raw).ok()?;
        self.show_pending();
        if let Some(s) = self.seen.get_mut(i) {
            *s = raw;
        }
        if self.opts.autosave.is_some() {
            self.dirty_save = true;
            self.schedule_save();
        }
        if change.appeared.is_empty() && change.cleared.is_empty() && change.updated.is_empty() {
            return None;
        }
        self.apply_change(&change, defer);
        Some(change)
    }

    fn apply_change(&mut self, change: &Change, defer: bool) {
        for d in &change.cleared {
            self.truth.remove(&d.key);
            self.sync_validity(d);
        }
        for d in change.appeared.iter().chain(&change.updated) {
            self.truth.insert(d.clone());
            self.sync_validity(d);
        }
        let hide: Vec<String> = change.cleared.iter().map(|d| d.key.clone()).collect();
        for k in &hide {
            self.pending.remove(k);
        }
        let mut show = Vec::new();
        for d in &change.updated {
            if self.shown.get(&d.key).is_some() {
                show.push(d.clone());
            }
        }
        for d in &change.appeared {
            if defer {
                self.pending.insert(d.key.clone());
            } else {
                show.push(d.clone());
            }
        }
        self.apply(show, hide);
    }

    /// Shows the diagnostics that were waiting for blur.
    fn flush(&mut self) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        let show: Vec<Diagnostic> = self
            .pending
            .take()
            .into_iter()
            .filter_map(|k| self.truth.get(&k).cloned())
            .collect();
        self.apply(show, Vec::new());
        true
    }

    fn counts(&self) -> (usize, usize) {
        let e = self.shown.iter().filter(|d| is_error(d)).count();
        (e, self.shown.len() - e)
    }

    /// Effects common to every change: the `nianbao:diagnostics` event, the live region.
    fn after_change(&mut self, change: Option<&Change>, shown_changed: bool) -> Vec<Effect> {
        let mut fx = Vec::new();
        if shown_changed || change.is_none() {
            self.schedule_live();
        }
        let all: Vec<Diagnostic> = self.checker.diagnostics();
        let errors = all.iter().filter(|d| is_error(d)).count();
        let empty: Vec<Diagnostic> = Vec::new();
        let change = match change {
            Some(ch) => [&ch.appeared[..], &ch.cleared, &ch.updated],
            None => [&all[..], &empty, &empty],
        };
        let json = crate::wasm::js::diagnostics_event(&all, change, errors, self.format.id);
        let detail = lazy_detail(&json);
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_detail(&detail);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict("nianbao:diagnostics", &init) {
            fx.push(Effect::Dispatch(self.root.clone().into(), ev.into()));
        }
        fx
    }

    fn schedule_live(&mut self) {
        if self.panel.is_none() {
            return;
        }
        if self.timers.live.is_some() {
            self.timers.live_again = true;
            return;
        }
        if self.timers.live_cb.is_some() {
            self.timers.live = self
                .win
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    self.timers.live_fn.unchecked_ref(),
                    900,
                )
                .ok();
        }
    }

    /// The count, announced once typing has paused (0.9–1.8 s after the last change).
    fn announce(&mut self) {
        self.timers.live = None;
        if std::mem::take(&mut self.timers.live_again) {
            return self.schedule_live();
        }
        let c = self.counts();
        if self.announced == Some(c) {
            return;
        }
        self.announced = Some(c);
        if let Some(p) = &self.panel {
            p.announce(&self.ui.announce(c.0, c.1));
        }
    }

    fn schedule_save(&mut self) {
        if self.timers.save.is_some() {
            return;
        }
        if self.timers.save_cb.is_some() {
            self.timers.save = self
                .win
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    self.timers.save_fn.unchecked_ref(),
                    400,
                )
                .ok();
        }
    }

    fn save_now(&mut self) {
        if let Some(t) = self.timers.save.take() {
            self.win.clear_timeout_with_handle(t);
        }
        if !self.dirty_save {
            return;
        }
        self.dirty_save = false;
        self.save_draft();
    }

    /// The bound cells an input event concerns.
    fn cells_for(&self, target: &Element) -> Vec<usize> {
        if let Some(i) = self.lookup.get(target.as_ref()).as_f64() {
            return vec![i as usize];
        }
        // The input of a grid cell being edited (layui, vxe): its bound cell is an ancestor.
        if util::tag(target) == "input" || util::tag(target) == "textarea" {
            if let Some(i) = self.cell_of(target.as_ref()) {
                return vec![i];
            }
        }
        // A rich-text editor: the event fires on the editing host. The caret says which cell.
        let in_host: Vec<usize> = self
            .cells
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                b.host
                    .as_ref()
                    .is_some_and(|h| util::same(h, target) || h.contains(Some(target.as_ref())))
            })
            .map(|(i, _)| i)
            .collect();
        if in_host.is_empty() {
            return in_host;
        }
        let sel = target
            .owner_document()
            .and_then(|d| d.get_selection().ok().flatten());
        let mut node: Option<Node> = sel.and_then(|s| s.anchor_node());
        while let Some(n) = node {
            if let Some(i) = self.lookup.get(n.as_ref()).as_f64() {
                return vec![i as usize];
            }
            if util::same(&n, target) {
                break;
            }
            node = n.parent_node();
        }
        // Unknown (paste over several cells, undo, …): re-read every cell of that editor.
        in_host
    }

    fn is_focused(&self, i: usize) -> bool {
        let b = &self.cells[i];
        let doc = b.el.owner_document().unwrap_or_else(|| self.doc.clone());
        let Some(active) = doc.active_element() else {
            return false;
        };
        util::same(&active, &b.el) || b.host.as_ref().is_some_and(|h| util::same(&active, h))
    }

    fn detach(&mut self) -> Vec<Listener> {
        if self.detached {
            return Vec::new();
        }
        self.save_now();
        for l in &self.listeners {
            l.remove();
        }
        if let Some(t) = self.timers.live.take() {
            self.win.clear_timeout_with_handle(t);
        }
        if let Some(t) = self.timers.save.take() {
            self.win.clear_timeout_with_handle(t);
        }
        if let Some(t) = self.timers.raf.take() {
            let _ = self.win.cancel_animation_frame(t);
        }
        for i in 0..self.views.len() {
            self.clear_view(i);
        }
        if let Some(mut w) = self.watch.take() {
            w.stop(&self.win);
            // Dropped later, with the borrow released (its closures hold the state).
            self.dropped_watch = Some(w);
        }
        if let Some(p) = self.panel.take() {
            p.remove_from_dom();
        }
        if let Some(o) = self.overlay.take() {
            o.remove_from_dom();
        }
        for d in std::mem::take(&mut self.styled_docs) {
            release_style(&d);
        }
        ATTACHED.with(|a| a.borrow_mut().retain(|e| !util::same(e, &self.root)));
        self.detached = true;
        self.shown.clear();
        self.pending.clear();
        std::mem::take(&mut self.listeners)
    }

    /// The panel's list of what could not be bound, after a rebinding.
    fn update_unbound_note(&mut self) {
        let list = self.unbound_labels();
        if let Some(p) = self.panel.as_mut() {
            let _ = p.set_unbound(&self.doc, &self.ui, &list);
        }
    }

    fn unbound_labels(&self) -> Vec<String> {
        self.unbound
            .iter()
            .filter_map(|u| match (&u.cell, &u.label) {
                (Some(c), _) => Some(c.clone()),
                (None, Some(l)) => Some(concat(&["“", &textnorm::replace(l, "\n", ""), "”"])),
                _ => None,
            })
            .collect()
    }

    /// The event targets `install` listens on: the root, editor hosts outside it, editor
    /// documents.
    fn targets(&self) -> (Vec<Element>, Vec<Document>) {
        let mut hosts: Vec<Element> = Vec::new();
        let mut frames: Vec<Document> = Vec::new();
        for b in &self.cells {
            if let Some(h) = &b.host {
                if !hosts.iter().any(|x| util::same(x, h)) {
                    hosts.push(h.clone());
                }
            }
            if let Some(d) = b.el.owner_document() {
                if !d.is_same_node(Some(self.doc.as_ref()))
                    && !frames.iter().any(|x| x.is_same_node(Some(d.as_ref())))
                {
                    frames.push(d);
                }
            }
        }
        (hosts, frames)
    }

    /// Whether a rebinding changed the editor hosts or documents listened to.
    fn targets_changed(&self) -> bool {
        let (hosts, frames) = self.targets();
        let same = |t: &EventTarget| {
            self.listeners.iter().any(|l| {
                let a: &JsValue = l.target.as_ref();
                let b: &JsValue = t.as_ref();
                js_sys::Object::is(a, b)
            })
        };
        !hosts
            .iter()
            .filter(|h| !self.root.contains(Some(h.as_ref())))
            .all(|h| same(h.as_ref()))
            || !frames.iter().all(|d| same(d.as_ref()))
    }
}

/// `setCustomValidity` on a bound control (an input or textarea: callers check the kind).
fn set_validity(e: &Element, msg: &str) {
    util::call_str(e, "setCustomValidity", msg);
}

/// Runs effects with the state released (host listeners may call back into the handle).
fn run(rc: &Rc<RefCell<Inner>>, effects: Vec<Effect>) {
    for fx in effects {
        match fx {
            Effect::Dispatch(t, ev) => {
                let _ = t.dispatch_event(&ev);
            }
            Effect::Write(i, value) => {
                let b = {
                    let Ok(me) = rc.try_borrow() else { continue };
                    if me.detached || i >= me.cells.len() {
                        continue;
                    }
                    me.cells[i].clone()
                };
                write::write_value(&b, &value);
            }
            Effect::Focus(i) => {
                let b = {
                    let Ok(me) = rc.try_borrow() else { continue };
                    if me.detached || i >= me.cells.len() {
                        continue;
                    }
                    me.cells[i].clone()
                };
                write::focus_bound(&b);
            }
        }
    }
}

pub fn refresh(rc: &Rc<RefCell<Inner>>) {
    let effects = {
        let Ok(mut me) = rc.try_borrow_mut() else {
            return;
        };
        if me.detached {
            return;
        }
        let mut merged = Change::default();
        for i in 0..me.cells.len() {
            if let Some(ch) = me.edit(i, false) {
                merged.appeared.extend(ch.appeared);
                merged.cleared.extend(ch.cleared);
                merged.updated.extend(ch.updated);
            }
        }
        let flushed = me.flush();
        me.geo = None;
        me.schedule_frame();
        let any =
            !(merged.appeared.is_empty() && merged.cleared.is_empty() && merged.updated.is_empty());
        if !any && !flushed {
            return;
        }
        me.after_change(Some(&merged), true)
    };
    run(rc, effects);
}

pub fn detach(rc: &Rc<RefCell<Inner>>) {
    let listeners = match rc.try_borrow_mut() {
        Ok(mut me) => {
            let l = me.detach();
            // Timer and observer closures hold the state too: drop them to break the cycle.
            let t = std::mem::take(&mut me.timers);
            let w = me.dropped_watch.take();
            drop(me);
            drop(t);
            drop(w);
            l
        }
        Err(_) => return,
    };
    drop(listeners);
}

pub fn focus_cell(rc: &Rc<RefCell<Inner>>, cell: &str) -> bool {
    let i = {
        let Ok(me) = rc.try_borrow() else {
            return false;
        };
        if me.detached {
            return false;
        }
        match me.bound_of(cell) {
            Some(i) => i,
            None => return false,
        }
    };
    run(rc, vec![Effect::Focus(i)]);
    true
}

pub fn restore_autosave(rc: &Rc<RefCell<Inner>>) -> usize {
    drafts::restore(rc)
}

/// Undoes the last restore once; returns the number of cells put back.
pub fn undo_restore(rc: &Rc<RefCell<Inner>>) -> usize {
    drafts::undo(rc)
}

/// Removes the draft (hosts that save by script, as submit does).
pub fn clear_autosave(rc: &Rc<RefCell<Inner>>) {
    drafts::clear(rc)
}

/// The open restore offer, or null.
pub fn draft(rc: &Rc<RefCell<Inner>>) -> JsValue {
    rc.try_borrow().map_or(JsValue::NULL, |me| me.draft_js())
}

/// `h.checkAll()`: judges the whole form now (as the panel's 全部检查); returns every current
/// diagnostic.
pub fn check_all(rc: &Rc<RefCell<Inner>>) -> JsValue {
    pending::check_all(rc);
    match rc.try_borrow() {
        Ok(me) => me.diagnostics_js(),
        Err(_) => JsValue::NULL,
    }
}

/// The form was submitted (and not blocked): its draft has done its job.
fn after_submit(rc: &Rc<RefCell<Inner>>) {
    drafts::clear(rc)
}

pub fn discard_autosave(rc: &Rc<RefCell<Inner>>) {
    drafts::discard(rc)
}
