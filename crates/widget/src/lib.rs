//! The live widget: attaches to a host page's existing form (or rich-text editor), binds its
//! fields to cell ids once, then checks every edit with the incremental `Checker` and renders
//! what changed. Data flows one way: page → raw text → `Checker::set` → `Change` → DOM.
//! No rule logic lives here; nianbao never writes into a field unless the user clicks a fix.
//!
//! JS surface (`#[wasm_bindgen]`): `attach(root, options) -> AttachHandle` with
//! `diagnostics()`, `report()`, `refresh()`, `detach()`, `focus(cellId)`,
//! `restoreAutosave()`, `discardAutosave()` and the getters `unbound`, `bound`, `format`,
//! `notes`, `attached`. See `js/dropin.js` for the drop-in global and `README.md` for options.
//!
//! The widget module (`pkg/widget`, the drop-in `www/nianbao.js`) also has the JS API
//! (`nianbao-api`: validate, formats, createChecker). Of the importer it links only what
//! binding needs (grid, label matcher, tables); `parse` and `pairReports` are the importer
//! module's (`pkg/web-parse`), which the drop-in's second part `www/nianbao-parse.js` carries
//! for the pages that read documents (paste, review).
#![cfg(target_arch = "wasm32")]

// The core's modules at this crate's root, this crate as `dom`, the importer as `import` and
// the JS layer as `wasm`: the files moved here keep their `crate::…` paths.
#[allow(unused_imports)]
use crate as dom;
#[allow(unused_imports)]
use nianbao::*;
use nianbao_import as import;
use nianbao_js as wasm;

// Linked for its `#[wasm_bindgen]` exports.
extern crate nianbao_api;

// Smaller than the default dlmalloc (the browser size budget); see `nianbao::heap`.
#[global_allocator]
static ALLOCATOR: nianbao::heap::WasmAlloc = nianbao::heap::WasmAlloc::new();

mod auto;
mod bind;
mod controls;
mod i18n;
mod late;
mod overlay;
mod panel;
mod spec;
mod store;
mod style;
mod text;
mod util;
mod widget;

use crate::report::Report;
use crate::textnorm::{self, concat};
use crate::Lang;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Where the summary panel goes.
#[derive(Clone)]
pub(crate) enum PanelPlace {
    None,
    Right,
    Left,
    Into(Element),
}

/// `attach` options, read from the JS object.
#[derive(Clone)]
pub(crate) struct Opts {
    pub map: Vec<(String, JsValue)>,
    pub format: Option<String>,
    pub year: Option<u16>,
    pub lang: Lang,
    pub prev: Option<Report>,
    pub block_submit: bool,
    /// The draft's key; empty: path + query + the form's identity.
    pub autosave: Option<String>,
    /// Drafts older than this are removed (`autosaveDays`, default 30).
    pub autosave_days: f64,
    pub panel: PanelPlace,
    pub inline: bool,
    pub defer: bool,
    pub auto: bool,
    /// Findings over blank cells wait until the user fills them (spec §3.1; `pending: false`
    /// judges blanks at once, as for a published report).
    pub pending: bool,
    /// autoAttach: fail unless automatic binding recognised a table and bound this many cells.
    pub require: Option<usize>,
    /// autoAttach: when nothing is found now, keep watching the page until report tables
    /// appear (late hosts, editors initialised later, SPA routes).
    pub watch: bool,
    /// autoAttach with `watch`: called with each handle attached later.
    pub on_attach: Option<js_sys::Function>,
}

fn get(o: &JsValue, k: &str) -> JsValue {
    if o.is_object() {
        Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn flag(o: &JsValue, k: &str, default: bool) -> bool {
    let v = get(o, k);
    if v.is_undefined() || v.is_null() {
        default
    } else {
        v.is_truthy()
    }
}

impl Opts {
    fn parse(o: &JsValue) -> Result<Opts, JsValue> {
        let mut map = Vec::new();
        let m = get(o, "map");
        if m.is_object() {
            let entries = Object::entries(m.unchecked_ref());
            for e in entries.iter() {
                let e: Array = e.unchecked_into();
                if let Some(k) = e.get(0).as_string() {
                    map.push((k, e.get(1)));
                }
            }
        }
        let format = get(o, "format").as_string().filter(|s| !s.is_empty());
        let year = get(o, "year")
            .as_f64()
            .or_else(|| {
                get(o, "year")
                    .as_string()
                    // An integer: parsing a float would link core's float parser.
                    .and_then(|s| s.trim().parse::<u32>().ok())
                    .map(f64::from)
            })
            .filter(|y| (1900.0..=9999.0).contains(y))
            .map(|y| y as u16);
        let lang = match get(o, "lang").as_string().as_deref() {
            Some(l) if l.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Zh,
        };
        let p = get(o, "prev");
        let prev = if p.is_object() {
            Some(nianbao_api::read_report(p, "options.prev").map_err(|e| JsError::new(&e))?)
        } else {
            None
        };
        let autosave = match get(o, "autosave") {
            v if v.as_string().is_some_and(|s| !s.is_empty()) => v.as_string(),
            v if v.as_bool() == Some(true) => Some(String::new()),
            _ => None,
        };
        let pv = get(o, "panel");
        let panel = if let Some(el) = util::as_element(&pv) {
            PanelPlace::Into(el)
        } else if pv.as_bool() == Some(false) || pv.is_null() {
            PanelPlace::None
        } else {
            // Bottom-left by default: report tables have their labels on the left and the
            // totals (where most messages appear) in the rightmost column.
            match pv.as_string().as_deref() {
                Some("none") | Some("off") => PanelPlace::None,
                Some(s) if textnorm::contains(s, "right") => PanelPlace::Right,
                _ => PanelPlace::Left,
            }
        };
        Ok(Opts {
            map,
            format,
            year,
            lang,
            prev,
            block_submit: flag(o, "blockSubmit", false),
            autosave,
            autosave_days: get(o, "autosaveDays")
                .as_f64()
                .filter(|d| *d > 0.0)
                .unwrap_or(30.0),
            panel,
            inline: flag(o, "inline", true),
            defer: flag(o, "deferNewErrors", true),
            auto: flag(o, "auto", true),
            pending: flag(o, "pending", true),
            require: None,
            watch: flag(o, "watch", false),
            on_attach: get(o, "onAttach").dyn_into::<js_sys::Function>().ok(),
        })
    }
}

/// What `attach` returns: a live binding of one root.
#[wasm_bindgen(js_name = AttachHandle)]
pub struct Handle {
    inner: Rc<RefCell<widget::Inner>>,
}

/// Attaches the checker to `root` (a form, any element holding the report tables, or a
/// document). Returns a handle; the binding lives until `handle.detach()`.
#[wasm_bindgen]
pub fn attach(root: JsValue, options: JsValue) -> Result<Handle, JsValue> {
    let root: Element = if let Some(el) = util::as_element(&root) {
        el
    } else if let Some(doc) = util::as_document(&root) {
        doc.body()
            .map(Into::into)
            .or_else(|| doc.document_element())
            .ok_or_else(|| JsError::new("attach: the document has no body"))?
    } else if let Some(sel) = root.as_string() {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&sel).ok().flatten())
            .ok_or_else(|| JsError::new(&concat(&["attach: no element matches '", &sel, "'"])))?
    } else {
        return Err(
            JsError::new("attach: root must be an element, a document or a selector").into(),
        );
    };
    let opts = Opts::parse(&options)?;
    let inner = widget::Inner::attach(root, opts).map_err(|e| JsError::new(&e))?;
    Ok(Handle { inner })
}

/// Fewest bound cells for a form to count as holding a recognisable report table.
const AUTO_MIN_CELLS: usize = 10;

/// What `<script src="nianbao.js" data-nianbao-auto>` does: attaches to every `<form>` of
/// the document that holds a recognisable report table (or, when no form does, to the
/// body). Forms already attached are skipped. Returns the handles. With `watch: true` and
/// nothing found, keeps watching the page until report tables appear and hands each handle
/// attached then to `onAttach`.
#[wasm_bindgen(js_name = autoAttach)]
pub fn auto_attach(doc: JsValue, options: JsValue) -> Result<Array, JsValue> {
    let doc: web_sys::Document = match util::as_document(&doc) {
        Some(d) => d,
        None => web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("autoAttach: no document"))?,
    };
    let mut opts = Opts::parse(&options)?;
    opts.require = Some(AUTO_MIN_CELLS);
    let forms = doc.query_selector_all("form")?;
    // One key for several forms: each form's draft gets its own (key + the form's identity).
    if forms.length() > 1 {
        if let Some(k) = opts.autosave.as_mut().filter(|k| !k.is_empty()) {
            k.push_str("#*");
        }
    }
    let out = Array::new();
    for h in attach_found(&doc, &opts) {
        out.push(&JsValue::from(h));
    }
    if out.length() == 0 && opts.watch {
        late::wait(doc, opts)?;
    }
    Ok(out)
}

/// autoAttach's search: every unattached form holding a report table, else the body.
pub(crate) fn attach_found(doc: &web_sys::Document, opts: &Opts) -> Vec<Handle> {
    let mut out = Vec::new();
    let mut try_root = |root: Element| match widget::Inner::attach(root, opts.clone()) {
        Ok(inner) => {
            out.push(Handle { inner });
            true
        }
        Err(_) => false,
    };
    let mut any = false;
    if let Ok(forms) = doc.query_selector_all("form") {
        for i in 0..forms.length() {
            if let Some(f) = forms.item(i).and_then(|n| util::as_element(&n)) {
                if !widget::is_attached(&f) {
                    any |= try_root(f);
                }
            }
        }
    }
    if !any {
        if let Some(body) = doc.body() {
            if !widget::is_attached(&body) {
                try_root(body.into());
            }
        }
    }
    out
}

/// A new root for an automatic handle whose form left the page: the first unattached form
/// (else the body) where the tables of `format` bind.
pub(crate) fn find_root(
    doc: &web_sys::Document,
    opts: &Opts,
    format: Option<&str>,
) -> Option<Element> {
    let fits = |root: &Element| {
        bind::bind(
            root,
            doc,
            &bind::Request {
                map: &opts.map,
                format,
                year: opts.year,
                auto: opts.auto,
            },
        )
        .is_ok_and(|b| b.tables > 0 && b.cells.len() >= AUTO_MIN_CELLS)
    };
    if let Ok(forms) = doc.query_selector_all("form") {
        for i in 0..forms.length() {
            if let Some(f) = forms.item(i).and_then(|n| util::as_element(&n)) {
                if !widget::is_attached(&f) && fits(&f) {
                    return Some(f);
                }
            }
        }
    }
    let body: Element = doc.body()?.into();
    (!widget::is_attached(&body) && fits(&body)).then_some(body)
}

/// For the drop-in loader: a function that wraps every callback nianbao hands to the page
/// (see `widget::guarded`). Not part of the documented API.
#[wasm_bindgen(js_name = __setGuard)]
pub fn set_guard(f: JsValue) {
    widget::set_guard(f.dyn_into::<js_sys::Function>().ok());
}

/// For the drop-in loader, after a trap: every handle stops and leaves the page as it found
/// it. Not part of the documented API.
#[wasm_bindgen(js_name = __disable)]
pub fn disable() {
    late::stop_all();
    widget::disable_all();
}

#[wasm_bindgen(js_class = AttachHandle)]
impl Handle {
    /// Every current diagnostic (the checker's list, including errors still waiting for the
    /// edited field's blur).
    pub fn diagnostics(&self) -> JsValue {
        self.with(|me| me.diagnostics_js())
    }

    /// The report as it stands: `{format, year, cells: {id: raw text}, missing}`.
    pub fn report(&self) -> JsValue {
        self.with(|me| me.report_js())
    }

    /// Re-reads every bound field (for values a host script set without an `input` event)
    /// and shows every current diagnostic.
    pub fn refresh(&self) {
        widget::refresh(&self.inner);
    }

    /// Removes everything nianbao added (listeners, attributes, elements, styles) and
    /// restores the host's own `aria-*` values.
    pub fn detach(&self) {
        widget::detach(&self.inner);
    }

    /// Focuses a bound cell and scrolls it into view. False when the cell is not bound.
    pub fn focus(&self, cell: &str) -> bool {
        widget::focus_cell(&self.inner, cell)
    }

    /// Judges the whole form now, as the panel's 全部检查 does (spec §3.1: checks that were
    /// waiting for blank cells run, a blank part counting as 0, a blank total asked for).
    /// Returns every current diagnostic.
    #[wasm_bindgen(js_name = checkAll)]
    pub fn check_all(&self) -> JsValue {
        widget::check_all(&self.inner)
    }

    /// Writes the auto-saved values back into the fields (what the panel's 恢复 does).
    /// Returns the number of cells restored.
    #[wasm_bindgen(js_name = restoreAutosave)]
    pub fn restore_autosave(&self) -> usize {
        widget::restore_autosave(&self.inner)
    }

    /// Forgets the offered draft (what the panel's 丢弃 does); what was typed since load
    /// becomes the draft.
    #[wasm_bindgen(js_name = discardAutosave)]
    pub fn discard_autosave(&self) {
        widget::discard_autosave(&self.inner)
    }

    /// Undoes the last restore once (what the panel's 撤销 does): fields that still hold the
    /// restored value get back what they held before. Returns the number of cells.
    #[wasm_bindgen(js_name = undoRestore)]
    pub fn undo_restore(&self) -> usize {
        widget::undo_restore(&self.inner)
    }

    /// Removes this form's draft, as a submit does: for hosts that save by script.
    #[wasm_bindgen(js_name = clearAutosave)]
    pub fn clear_autosave(&self) {
        widget::clear_autosave(&self.inner)
    }

    /// The open offer to restore a draft: `{key, savedAt, newerAt, cells}` (times in ms since
    /// the epoch, `newerAt` null unless newer input was saved while the offer was open,
    /// `cells`: how many differ from the page), or null. Also sent as the `nianbao:draft`
    /// event on the root when the offer opens (with `panel: 'none'` too).
    #[wasm_bindgen(getter)]
    pub fn draft(&self) -> JsValue {
        widget::draft(&self.inner)
    }

    /// What could not be bound: `[{cell?, label?, selector?, reason}]`, reasons
    /// `not-found`, `unmapped-label`, `duplicate`, `no-element`, `unknown-cell`, …
    #[wasm_bindgen(getter)]
    pub fn unbound(&self) -> JsValue {
        self.with(|me| me.unbound_js())
    }

    /// The bound cells in format order: `[{cell, element, kind, via}]`.
    #[wasm_bindgen(getter)]
    pub fn bound(&self) -> JsValue {
        self.with(|me| me.bound_js())
    }

    /// The format id in use (`gb2019`, `gb2021`, …).
    #[wasm_bindgen(getter)]
    pub fn format(&self) -> String {
        self.inner
            .try_borrow()
            .map(|me| me.format.id.to_string())
            .unwrap_or_default()
    }

    /// Binding notes (format assumed, tables not recognised, …): `[{level, code, message}]`.
    #[wasm_bindgen(getter)]
    pub fn notes(&self) -> JsValue {
        self.with(|me| me.notes_js())
    }

    /// The element the handle is attached to.
    #[wasm_bindgen(getter)]
    pub fn root(&self) -> JsValue {
        self.with(|me| me.root.clone().into())
    }

    /// False after `detach()`.
    #[wasm_bindgen(getter)]
    pub fn attached(&self) -> bool {
        self.inner.try_borrow().is_ok_and(|me| !me.detached)
    }

    /// Number of report tables recognised by automatic binding.
    #[wasm_bindgen(getter)]
    pub fn tables(&self) -> usize {
        self.inner.try_borrow().map(|me| me.tables).unwrap_or(0)
    }
}

#[wasm_bindgen(js_class = AttachHandle)]
impl Handle {
    /// Test hook, not part of the API: the next edit this handle processes traps (as a bug
    /// would), to test that a trap disables the widget cleanly.
    #[wasm_bindgen(js_name = __trapOnNextEdit)]
    pub fn trap_on_next_edit(&self) {
        if let Ok(mut me) = self.inner.try_borrow_mut() {
            me.trap_next = true;
        }
    }
}

impl Handle {
    /// Reads the state; `null` while it is busy (a host listener calling back during an
    /// update) or after a trap disabled the widget.
    fn with(&self, f: impl FnOnce(&widget::Inner) -> JsValue) -> JsValue {
        match self.inner.try_borrow() {
            Ok(me) => f(&me),
            Err(_) => JsValue::NULL,
        }
    }
}
