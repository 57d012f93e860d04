//! The summary panel: counts per table, the list of diagnostics (each focuses its cell on
//! click, fixes offered as explicit buttons), the autosave offer, what could not be bound,
//! and a polite live region. It lives in its own shadow root, so the host's CSS does not
//! reach it and its CSS does not leak out. Updates are per diagnostic (insert/remove one
//! `<li>`), never a rebuild of the list.

use super::i18n::Ui;
use super::spec::Action;
use super::text::UI_ATTR;
use super::util::{append, clear, el, el_with, text};
use super::PanelPlace;
use crate::diagnostic::Diagnostic;
use crate::rules::Severity;
use crate::textnorm::{self, concat};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element, Node, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Sort order of the list: errors first, then by table position of the cell.
pub type SortKey = (u8, usize, String);

/// Per table: (errors, warnings). A table's entry stays once made (counts may drop to 0).
type Counts = Vec<(String, (usize, usize))>;

/// Errors, warnings, notes, per-table counts and "list empty", as last rendered.
type Rendered = (usize, usize, usize, Counts, bool);

/// One `<li>` of the list.
struct Item {
    sort: SortKey,
    key: String,
    table: String,
    error: bool,
    /// Info notes are listed but not counted as warnings (the header counts them apart).
    info: bool,
    li: Element,
    /// Severity, locate target and whether a fix button follows: while these stay, a new
    /// message or fix value is written into the entry in place (no rebuild per keystroke).
    shape: String,
    /// The message's text node and the fix button, with what was last written into them
    /// (compared here: reading the DOM back costs more than the comparison).
    text: Node,
    message: String,
    fix: Option<(Element, Action)>,
}

/// A client rectangle: left, top, right, bottom.
pub type Rect = (f64, f64, f64, f64);

pub struct Panel {
    pub host: Element,
    pub shadow: ShadowRoot,
    wrap: Element,
    sum: Element,
    tables: Element,
    list: Element,
    empty: Element,
    live: Element,
    restore: Element,
    /// "N more checks run once their cells are filled" and the 全部检查 button.
    pend: Element,
    pend_shown: Option<usize>,
    toggle: Element,
    /// What could not be bound (hidden when everything was).
    ub: Element,
    /// In sort order (a sorted `Vec`: smaller wasm than maps, and the list is short).
    items: Vec<Item>,
    counts: Counts,
    table_order: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
    notes: usize,
    collapsed: bool,
    /// The user expanded or collapsed it: no automatic docking any more.
    pub user_toggled: bool,
    /// What `summary` last rendered, so an edit that changes no count touches nothing.
    rendered: Option<Rendered>,
    /// Fixed over the page, not placed into the host's layout (asked for once, at creation).
    floating: bool,
}

impl Panel {
    pub fn new(
        doc: &Document,
        place: &PanelPlace,
        ui: &Ui,
        table_order: Vec<String>,
        unbound: &[String],
    ) -> Result<Panel, JsValue> {
        let (host, shadow) = host(doc)?;
        let wrap = section(doc, place, ui)?;
        let (hd, sum, toggle) = header(doc, ui)?;
        let (body, [restore, tables, list, empty, pend, ub]) = body(doc, ui)?;
        let live = el_with(
            doc,
            "div",
            "sr",
            &[
                ("role", "status"),
                ("aria-live", "polite"),
                ("aria-atomic", "true"),
            ],
            None,
        )?;
        append(&wrap, &[&hd, &body, &live])?;
        shadow.append_child(&wrap)?;
        mount(doc, place, &host)?;
        let mut p = Panel {
            host,
            shadow,
            wrap,
            sum,
            tables,
            list,
            empty,
            live,
            restore,
            pend,
            pend_shown: None,
            toggle,
            ub,
            items: Vec::new(),
            counts: Vec::new(),
            table_order,
            errors: 0,
            warnings: 0,
            notes: 0,
            collapsed: false,
            user_toggled: false,
            rendered: None,
            floating: !matches!(place, PanelPlace::Into(_)),
        };
        p.set_unbound(doc, ui, unbound)?;
        p.summary(doc, ui);
        Ok(p)
    }

    /// Adds or replaces the entry of one diagnostic.
    #[allow(clippy::too_many_arguments)]
    pub fn upsert(
        &mut self,
        doc: &Document,
        ui: &Ui,
        d: &Diagnostic,
        sort: SortKey,
        table: &str,
        go_cell: Option<&str>,
        action: Option<&Action>,
    ) -> Result<(), JsValue> {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let shape = concat(&[
            sev,
            "\u{1}",
            go_cell.unwrap_or("\u{2}"),
            if action.is_some() { "\u{1}" } else { "" },
        ]);
        if let Some(it) = self
            .items
            .iter_mut()
            .find(|it| it.key == d.key && it.shape == shape && it.sort == sort && it.table == table)
        {
            if it.message != d.message {
                it.text.set_node_value(Some(&d.message));
                it.message = d.message.clone();
            }
            if let (Some((b, old)), Some(a)) = (&mut it.fix, action) {
                a.update(old, b, ["data-cell", "data-value"]);
                *old = a.clone();
            }
            return Ok(());
        }
        self.remove(&d.key);
        let error = d.severity == Severity::Error;
        let info = d.severity == Severity::Info;
        let (li, msg, fix) = entry(doc, ui, d, sev, go_cell, action)?;
        // Insert before the next entry in sort order.
        let at = self.items.partition_point(|it| it.sort <= sort);
        match self.items.get(at) {
            Some(n) => {
                self.list.insert_before(&li, Some(&n.li))?;
            }
            None => {
                self.list.append_child(&li)?;
            }
        }
        self.add_count(table, error, info);
        self.items.insert(
            at,
            Item {
                sort,
                key: d.key.clone(),
                table: table.to_string(),
                error,
                info,
                li,
                shape,
                text: msg,
                message: d.message.clone(),
                fix: fix.zip(action.cloned()),
            },
        );
        Ok(())
    }

    /// Counts a new entry in its table and in the totals.
    fn add_count(&mut self, table: &str, error: bool, info: bool) {
        let c = match self.counts.iter().position(|(t, _)| t == table) {
            Some(p) => &mut self.counts[p].1,
            None => {
                self.counts.push((table.to_string(), (0, 0)));
                &mut self.counts.last_mut().expect("pushed").1
            }
        };
        if error {
            c.0 += 1;
            self.errors += 1;
        } else if info {
            self.notes += 1;
        } else {
            c.1 += 1;
            self.warnings += 1;
        }
    }

    fn count(&self, table: &str) -> Option<(usize, usize)> {
        self.counts
            .iter()
            .find(|(t, _)| t == table)
            .map(|(_, c)| *c)
    }

    pub fn remove(&mut self, key: &str) {
        if let Some(p) = self.items.iter().position(|it| it.key == key) {
            let Item {
                table,
                error,
                info,
                li,
                ..
            } = self.items.remove(p);
            li.remove();
            if info {
                self.notes = self.notes.saturating_sub(1);
            } else if let Some((_, c)) = self.counts.iter_mut().find(|(t, _)| *t == table) {
                if error {
                    c.0 = c.0.saturating_sub(1);
                    self.errors = self.errors.saturating_sub(1);
                } else {
                    c.1 = c.1.saturating_sub(1);
                    self.warnings = self.warnings.saturating_sub(1);
                }
            }
        }
    }

    /// Header counts and the per-table line.
    pub fn summary(&mut self, doc: &Document, ui: &Ui) {
        let state = (
            self.errors,
            self.warnings,
            self.notes,
            self.counts.clone(),
            self.items.is_empty(),
        );
        if self.rendered.as_ref() == Some(&state) {
            return;
        }
        self.rendered = Some(state);
        clear(&self.sum);
        let add = |cls: &str, s: &str| -> Result<(), JsValue> {
            let sp = el_with(doc, "span", cls, &[], Some(s))?;
            self.sum.append_child(&sp)?;
            Ok(())
        };
        if self.errors == 0 && self.warnings == 0 {
            let _ = add("ok", &concat(&["✓ ", ui.all_clear()]));
        } else {
            if self.errors > 0 {
                let _ = add("e", &ui.errors(self.errors));
            }
            if self.errors > 0 && self.warnings > 0 {
                let _ = add("sep", " · ");
            }
            if self.warnings > 0 {
                let _ = add("w", &ui.warnings(self.warnings));
            }
        }
        if self.notes > 0 {
            let _ = add("sep", " · ");
            let _ = add("n", &ui.notes(self.notes));
        }
        clear(&self.tables);
        let mut order = self.table_order.clone();
        if self.count("").is_some_and(|c| c.0 + c.1 > 0) {
            order.push(String::new());
        }
        for t in order {
            let (e, w) = self.count(&t).unwrap_or_default();
            let cls = if e > 0 { "t bad" } else { "t ok" };
            let Ok(sp) = el(doc, "span", cls) else {
                continue;
            };
            let name = ui.table_name(&t);
            let detail = match (e, w) {
                (0, 0) => "✓".to_string(),
                (e, 0) => ui.errors(e),
                (0, w) => ui.warnings(w),
                (e, w) => concat(&[&ui.errors(e), " · ", &ui.warnings(w)]),
            };
            let _ = text(doc, &sp, &concat(&[&name, " "]));
            if let Ok(b) = el_with(doc, "b", "", &[], Some(&detail)) {
                let _ = sp.append_child(&b);
            }
            let _ = self.tables.append_child(&sp);
        }
        let _ = if self.items.is_empty() {
            self.empty.remove_attribute("hidden")
        } else {
            self.empty.set_attribute("hidden", "")
        };
    }

    pub fn announce(&self, s: &str) {
        self.live.set_text_content(Some(s));
    }

    /// Docking: a floating panel lying over a table of the form (`covers_form`, rows and
    /// labels) collapses to its header badge (expandable by click or keyboard), unless the
    /// user expanded it; it always collapses over the focused field. Collapsed, it goes to
    /// the first corner where it covers neither the form nor a bound field
    /// (`covers_field`), else to the first that covers no bound field.
    pub fn dock(
        &mut self,
        ui: &Ui,
        covers_form: &dyn Fn(Rect) -> bool,
        covers_field: &dyn Fn(Rect) -> bool,
        active: Option<Rect>,
        view: (f64, f64),
    ) {
        if !self.floating() {
            return;
        }
        let r = self.wrap.get_bounding_client_rect();
        if !self.collapsed {
            let here = (r.left(), r.top(), r.right(), r.bottom());
            let focused = active.is_some_and(|a| super::overlay::overlaps(a, &r));
            if focused || (!self.user_toggled && covers_form(here)) {
                self.toggle(ui);
            } else {
                return;
            }
        }
        // Corner rectangles computed from the badge's size (no trial placements).
        let r = self.wrap.get_bounding_client_rect();
        let (w, h) = (r.width(), r.height());
        let (vw, vh) = view;
        let at = |c: &str| match c {
            "bl" => (12.0, vh - 12.0 - h, 12.0 + w, vh - 12.0),
            "br" => (vw - 12.0 - w, vh - 12.0 - h, vw - 12.0, vh - 12.0),
            "tl" => (12.0, 12.0, 12.0 + w, 12.0 + h),
            _ => (vw - 12.0 - w, 12.0, vw - 12.0, 12.0 + h),
        };
        let left = textnorm::contains(
            &self.wrap.get_attribute("class").unwrap_or_default(),
            "left",
        );
        let order = if left {
            ["bl", "br", "tl", "tr"]
        } else {
            ["br", "bl", "tr", "tl"]
        };
        let best = order
            .iter()
            .find(|c| !covers_form(at(c)) && !covers_field(at(c)))
            .or_else(|| order.iter().find(|c| !covers_field(at(c))))
            .unwrap_or(&order[0]);
        if self.wrap.get_attribute("data-at").as_deref() != Some(*best) {
            let _ = self.wrap.set_attribute("data-at", best);
        }
    }

    /// Fixed over the page (not placed in the host's layout by `panel: 'static'`).
    pub fn floating(&self) -> bool {
        self.floating
    }

    pub fn toggle(&mut self, ui: &Ui) {
        self.collapsed = !self.collapsed;
        if !self.collapsed {
            let _ = self.wrap.remove_attribute("data-at");
        }
        let cls = self.wrap.get_attribute("class").unwrap_or_default();
        let cls = if self.collapsed {
            concat(&[&cls, " collapsed"])
        } else {
            textnorm::replace(&cls, " collapsed", "")
        };
        let _ = self.wrap.set_attribute("class", &cls);
        let _ = self.toggle.set_attribute(
            "aria-expanded",
            if self.collapsed { "false" } else { "true" },
        );
        self.toggle.set_text_content(Some(if self.collapsed {
            ui.expand()
        } else {
            ui.collapse()
        }));
    }

    /// Shows the autosave offer with its two buttons (`data-act="restore" | "discard"`).
    pub fn offer_restore(&self, doc: &Document, ui: &Ui, message: &str) -> Result<(), JsValue> {
        clear(&self.restore);
        text(doc, &self.restore, message)?;
        let br = el(doc, "br", "")?;
        self.restore.append_child(&br)?;
        let r = el_with(
            doc,
            "button",
            "pri",
            &[("type", "button"), ("data-act", "restore")],
            Some(ui.restore()),
        )?;
        let d = el_with(
            doc,
            "button",
            "",
            &[("type", "button"), ("data-act", "discard")],
            Some(ui.discard()),
        )?;
        append(&self.restore, &[&r, &d])?;
        self.restore.remove_attribute("hidden")?;
        Ok(())
    }

    /// The pending line: `Some(n)` while the form is not judged in full (with the 全部检查
    /// button, `data-act="checkall"`), `None` once it is.
    pub fn pending(&mut self, doc: &Document, ui: &Ui, n: Option<usize>) {
        if self.pend_shown == n {
            return;
        }
        self.pend_shown = n;
        clear(&self.pend);
        let Some(n) = n else {
            let _ = self.pend.set_attribute("hidden", "");
            return;
        };
        if n > 0 {
            let _ = text(doc, &self.pend, &ui.pending_line(n));
            let _ = text(doc, &self.pend, " ");
        }
        if let Ok(b) = el_with(
            doc,
            "button",
            "",
            &[
                ("type", "button"),
                ("data-act", "checkall"),
                ("title", ui.check_all_title()),
            ],
            Some(ui.check_all()),
        ) {
            let _ = self.pend.append_child(&b);
        }
        let _ = self.pend.remove_attribute("hidden");
    }

    /// After 恢复: what was restored, with 撤销 while it can be undone.
    pub fn restored(
        &self,
        doc: &Document,
        ui: &Ui,
        message: &str,
        undo: bool,
    ) -> Result<(), JsValue> {
        clear(&self.restore);
        text(doc, &self.restore, message)?;
        if undo {
            text(doc, &self.restore, " ")?;
            let u = el_with(
                doc,
                "button",
                "",
                &[("type", "button"), ("data-act", "undo")],
                Some(ui.undo()),
            )?;
            self.restore.append_child(&u)?;
        }
        self.restore.remove_attribute("hidden")?;
        Ok(())
    }

    /// A lasting notice at the top of the panel (autosave failed).
    pub fn note(&self, doc: &Document, message: &str) -> Result<(), JsValue> {
        let n = el_with(doc, "div", "ub", &[("role", "alert")], Some(message))?;
        self.restore.after_with_node_1(&n)?;
        Ok(())
    }

    /// The list of what could not be bound (after each binding).
    pub fn set_unbound(&self, _doc: &Document, ui: &Ui, unbound: &[String]) -> Result<(), JsValue> {
        if unbound.is_empty() {
            self.ub.set_attribute("hidden", "")?;
            self.ub.set_text_content(None);
            return Ok(());
        }
        let shown: Vec<&str> = unbound.iter().take(12).map(String::as_str).collect();
        let mut s = concat(&[
            &ui.not_bound(unbound.len()),
            " ",
            &textnorm::join(&shown, "、"),
        ]);
        if unbound.len() > shown.len() {
            s.push_str(" …");
        }
        self.ub.set_text_content(Some(&s));
        self.ub.remove_attribute("hidden")?;
        Ok(())
    }

    pub fn hide_restore(&self) {
        clear(&self.restore);
        let _ = self.restore.set_attribute("hidden", "");
    }

    pub fn remove_from_dom(&self) {
        self.host.remove();
    }
}

/// The header row: title, counts, and the 展开/收起 toggle.
/// One entry of the list: its `<li>` (icon, the message as a button that goes to the cell,
/// the fix button), the message's text node and the fix button, both updated in place later.
fn entry(
    doc: &Document,
    ui: &Ui,
    d: &Diagnostic,
    sev: &str,
    go_cell: Option<&str>,
    action: Option<&Action>,
) -> Result<(Element, Node, Option<Element>), JsValue> {
    let li = el(doc, "li", sev)?;
    let icon = match d.severity {
        Severity::Error => "✕",
        Severity::Warning => "!",
        Severity::Info => "i",
    };
    let ic = el_with(doc, "span", "ic", &[("aria-hidden", "true")], Some(icon))?;
    li.append_child(&ic)?;
    let go_attrs = match go_cell {
        Some(c) => [("type", "button"), ("data-cell", c), ("title", ui.locate())],
        None => [("type", "button"); 3],
    };
    let n = if go_cell.is_some() { 3 } else { 1 };
    let go = el_with(doc, "button", "go", &go_attrs[..n], None)?;
    let s = el_with(doc, "span", "sev", &[], Some(ui.severity(d.severity)))?;
    go.append_child(&s)?;
    let msg: Node = doc.create_text_node(&d.message).into();
    go.append_child(&msg)?;
    li.append_child(&go)?;
    let fix = match action {
        Some(a) => {
            let b = a.button(doc, "fix")?;
            li.append_child(&b)?;
            Some(b)
        }
        None => None,
    };
    Ok((li, msg, fix))
}

/// The panel's host element and its shadow root, with the panel's style sheet.
fn host(doc: &Document) -> Result<(Element, ShadowRoot), JsValue> {
    let host = super::util::create(doc, "div")?;
    host.set_attribute(UI_ATTR, "")?;
    host.set_attribute("data-nianbao-panel", "")?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let style = el_with(doc, "style", "", &[], Some(&super::style::panel_css()))?;
    shadow.append_child(&style)?;
    Ok((host, shadow))
}

/// The panel's outer `<section>`: a labelled region in the UI's language, placed as asked.
fn section(doc: &Document, place: &PanelPlace, ui: &Ui) -> Result<Element, JsValue> {
    let cls = match place {
        PanelPlace::Left => "p left",
        PanelPlace::Into(_) => "p static",
        _ => "p",
    };
    let lang = if ui.lang == crate::Lang::Zh {
        "zh-CN"
    } else {
        "en"
    };
    el_with(
        doc,
        "section",
        cls,
        &[
            ("role", "region"),
            ("aria-label", ui.title()),
            ("lang", lang),
        ],
        None,
    )
}

fn header(doc: &Document, ui: &Ui) -> Result<(Element, Element, Element), JsValue> {
    let hd = el(doc, "div", "hd")?;
    let title = el_with(doc, "span", "title", &[], Some(ui.title()))?;
    let sum = el(doc, "span", "sum")?;
    let toggle = el_with(
        doc,
        "button",
        "tog",
        &[("type", "button"), ("aria-expanded", "true")],
        Some(ui.collapse()),
    )?;
    append(&hd, &[&title, &sum, &toggle])?;
    Ok((hd, sum, toggle))
}

/// Into the host's container (`panel: element`), else at the end of the body.
fn mount(doc: &Document, place: &PanelPlace, host: &Element) -> Result<(), JsValue> {
    match place {
        PanelPlace::Into(container) => {
            container.append_child(host)?;
        }
        _ => {
            let parent: web_sys::Node = match doc.body() {
                Some(b) => b.into(),
                None => doc
                    .document_element()
                    .ok_or_else(|| JsValue::from_str("no document element"))?
                    .into(),
            };
            parent.append_child(host)?;
        }
    }
    Ok(())
}

/// The expandable body: draft offer, per-table counts, the list, the all-clear line, the
/// pending line and the unbound note.
fn body(doc: &Document, ui: &Ui) -> Result<(Element, [Element; 6]), JsValue> {
    let body = el(doc, "div", "body")?;
    let restore = el_with(doc, "div", "rs", &[("hidden", "")], None)?;
    let tables = el(doc, "div", "tables")?;
    let list = el(doc, "ol", "")?;
    let empty = el_with(doc, "div", "empty", &[], Some(ui.all_clear()))?;
    let pend = el_with(doc, "div", "pend", &[("hidden", "")], None)?;
    append(&body, &[&restore, &tables, &list, &empty, &pend])?;
    let ub = el_with(doc, "div", "ub", &[("hidden", "")], None)?;
    body.append_child(&ub)?;
    Ok((body, [restore, tables, list, empty, pend, ub]))
}
