//! Rendering a cell's state into the host DOM: marks, `aria-*`, badges, inline
//! messages and the constraint-validation text. Writes only nianbao's own attributes and
//! elements (`.nb-`, `[data-nb-`), each remembered so `clear_view` restores the field.

use super::*;
use crate::util::set_text;

impl Inner {
    pub(super) fn render_cell(&mut self, i: usize) {
        let spec = self.spec_for(i);
        if !self.opts.inline {
            // Marks only.
            self.render_attrs(i, &spec);
            return;
        }
        if self.cells[i].kind.is_control() {
            self.render_attrs(i, &spec);
            self.render_inline(i, &spec);
            if self.views[i].moved {
                if let Some(o) = self.overlay.as_mut() {
                    let _ = o.render_msg(&self.doc, i, &spec);
                }
                if spec.lines.is_empty() {
                    self.views[i].moved = false;
                }
                self.schedule_frame();
            }
        } else if let Some(o) = self.overlay.as_mut() {
            let _ = o.render(&self.doc, i, &spec);
            self.schedule_frame();
        }
    }

    /// Attributes on the host's own control: data-nb-mark, aria-invalid, aria-describedby.
    pub(super) fn render_attrs(&mut self, i: usize, spec: &CellSpec) {
        if !self.cells[i].kind.is_control() {
            return;
        }
        let e = self.cells[i].el.clone();
        let v = &mut self.views[i];
        if v.mark != spec.mark {
            set_attr(&e, "data-nb-mark", spec.mark);
            v.mark = spec.mark;
            if self.opts.inline {
                let bx = v
                    .field_box
                    .get_or_insert_with(|| util::field_box(&e))
                    .clone();
                if let Some(b) = bx {
                    // The outline and badge go on the framework's visible box, not on the
                    // borderless input inside it.
                    set_attr(&e, "data-nb-inbox", spec.mark.map(|_| ""));
                    set_attr(&b, "data-nb-mark", spec.mark);
                    if spec.mark.is_some() && !v.rel && util::is_static(&b) {
                        set_attr(&b, "data-nb-rel", Some(""));
                        v.rel = true;
                    }
                }
            }
        }
        if spec.invalid != v.invalid {
            if v.orig_invalid.is_none() {
                v.orig_invalid = Some(e.get_attribute("aria-invalid"));
            }
            if spec.invalid {
                set_attr(&e, "aria-invalid", Some("true"));
            } else {
                let orig = v.orig_invalid.clone().flatten();
                set_attr(&e, "aria-invalid", orig.as_deref());
            }
            v.invalid = spec.invalid;
        }
        let ours = if self.opts.inline {
            crate::textnorm::join(&spec.described_by, " ")
        } else {
            String::new()
        };
        if ours != v.described {
            if v.orig_described.is_none() {
                v.orig_described = Some(e.get_attribute("aria-describedby"));
            }
            let orig = v.orig_described.clone().flatten();
            let value = match (orig, ours.is_empty()) {
                (Some(o), false) => Some(concat(&[&o, " ", &ours])),
                (Some(o), true) => Some(o),
                (None, false) => Some(ours.clone()),
                (None, true) => None,
            };
            set_attr(&e, "aria-describedby", value.as_deref());
            v.described = ours;
        }
    }

    /// Badge and message next to the host's control, in the light DOM.
    pub(super) fn render_inline(&mut self, i: usize, spec: &CellSpec) {
        let e = self.cells[i].el.clone();
        let doc = e.owner_document().unwrap_or_else(|| self.doc.clone());
        // Its id is needed once, when the message is created.
        let msg_id = if self.views[i].msg.is_none() {
            self.msg_id(i)
        } else {
            String::new()
        };
        let v = &mut self.views[i];
        let want_anchor = !spec.lines.is_empty();
        if v.anchor != want_anchor {
            set_attr(&e, "data-nb-anchor", want_anchor.then_some(""));
            v.anchor = want_anchor;
        }
        render_badge(v, &e, &doc, spec);
        if spec.lines.is_empty() {
            if let Some(m) = v.msg.take() {
                m.remove();
            }
            v.drawn = None;
            return;
        }
        let cls = if spec.msg_error {
            "nb-msg"
        } else {
            "nb-msg nb-msg-warn"
        };
        if v.msg.is_none() {
            let attrs = [(UI_ATTR, ""), ("id", msg_id.as_str())];
            if let Ok(m) = el_with(&doc, "span", cls, &attrs, None) {
                // After the field's outermost wrapper (a flex wrapper would place an
                // absolutely positioned message over the field).
                let outer = util::outer_wrapper(&e);
                let after: &Element = match (&v.badge, util::same(outer.as_ref(), e.as_ref())) {
                    (Some(b), true) => b,
                    _ => &outer,
                };
                let _ = after.after_with_node_1(&m);
                v.msg = Some(m);
                v.drawn = None;
            }
        }
        let Some(m) = v.msg.clone() else { return };
        // Retyping a total changes a few texts of a message of the same shape: written in
        // place. Another shape (lines, buttons, notes) is drawn anew.
        match v.drawn.as_mut().filter(|d| d.cls == cls) {
            Some(d) if d.same_shape(&spec.lines) => {
                if !d.patch(&spec.lines) {
                    return;
                }
            }
            _ => {
                util::set_attr_changed(&m, "class", cls);
                v.drawn = Some(fill_message(&doc, &m, cls, &spec.lines));
            }
        }
        self.place_msgs.insert(i);
        self.schedule_frame();
    }

    /// blockSubmit: keeps `setCustomValidity` in step with the error diagnostics of `truth`.
    pub(super) fn sync_validity(&mut self, d: &Diagnostic) {
        if !self.opts.block_submit {
            return;
        }
        let key = d.key.clone();
        let mut touched = Idxs::default();
        if let Some(p) = self.err_cells.iter().position(|(k, _)| *k == key) {
            for c in self.err_cells.swap_remove(p).1 {
                self.err_keys[c].remove(&key);
                touched.insert(c);
            }
        }
        if self.truth.get(&key).is_some() && is_error(d) {
            let mut cells = Vec::new();
            for c in [
                anchor(d).map(str::to_string),
                d.pinpoint.as_ref().map(|p| p.cell.clone()),
            ]
            .into_iter()
            .flatten()
            {
                if let Some(i) = self.bound_of(&c) {
                    if self.cells[i].kind.is_control() && !cells.contains(&i) {
                        cells.push(i);
                        self.err_keys[i].insert(key.clone());
                        touched.insert(i);
                    }
                }
            }
            self.err_cells.push((key, cells));
        }
        for c in touched.into_vec() {
            let msg = self.err_keys[c]
                .iter()
                .filter_map(|k| self.truth.get(k))
                .map(|d| self.short_text(d))
                .collect::<Vec<_>>();
            let msg = crate::textnorm::join(&msg, "；");
            if msg != self.views[c].validity {
                set_validity(&self.cells[c].el, &msg);
                self.views[c].validity = msg;
            }
        }
    }

    /// Takes nianbao's marks, messages, `aria-*` and validity off bound cell `i`.
    pub(super) fn clear_view(&mut self, i: usize) {
        let v = std::mem::take(&mut self.views[i]);
        let e = &self.cells[i].el;
        if v.mark.is_some() {
            let _ = e.remove_attribute("data-nb-mark");
            let _ = e.remove_attribute("data-nb-inbox");
        }
        if let Some(Some(b)) = &v.field_box {
            for a in ["data-nb-mark", "data-nb-badge", "data-nb-rel"] {
                let _ = b.remove_attribute(a);
            }
        }
        if v.anchor {
            let _ = e.remove_attribute("data-nb-anchor");
        }
        if let Some(orig) = v.orig_invalid {
            set_attr(e, "aria-invalid", orig.as_deref());
        }
        if let Some(orig) = v.orig_described {
            set_attr(e, "aria-describedby", orig.as_deref());
        }
        if !v.validity.is_empty() {
            set_validity(e, "");
        }
        if let Some(b) = v.badge {
            b.remove();
        }
        if let Some(m) = v.msg {
            m.remove();
        }
        self.cell_keys[i].clear();
        self.err_keys[i].clear();
    }
}

/// The cell's badge: on the field's own box (`data-nb-badge`) or a span after the field.
/// Written only when it changes (`[data-nb-badge]` is in the style sheet: rewriting it on
/// every keystroke would restyle the page each time).
fn render_badge(v: &mut View, e: &Element, doc: &Document, spec: &CellSpec) {
    if v.badge_drawn == spec.badge {
        return;
    }
    v.badge_drawn = spec.badge;
    let boxed = v.field_box.clone().flatten();
    if let Some(b) = &boxed {
        set_attr(b, "data-nb-badge", spec.badge.map(|(t, _)| t));
    }
    match spec.badge.filter(|_| boxed.is_none()) {
        Some((t, cls)) => {
            if v.badge.is_none() {
                let attrs = [(UI_ATTR, ""), ("aria-hidden", "true")];
                if let Ok(b) = el_with(doc, "span", cls, &attrs, None) {
                    let _ = e.after_with_node_1(&b);
                    v.badge = Some(b);
                }
            }
            if let Some(b) = &v.badge {
                util::set_attr_changed(b, "class", cls);
                set_text(b, t);
            }
        }
        None => {
            if let Some(b) = v.badge.take() {
                b.remove();
            }
        }
    }
}

/// An inline message as drawn: its class, its lines and, per line, the nodes that show them.
pub(super) struct Drawn {
    cls: &'static str,
    lines: Vec<Line>,
    nodes: Vec<LineNodes>,
}

struct LineNodes {
    text: Node,
    act: Option<Element>,
    note: Option<Element>,
}

impl Drawn {
    /// As many lines, each with a button and a note where `lines` has them.
    fn same_shape(&self, lines: &[Line]) -> bool {
        self.lines.len() == lines.len()
            && self.lines.iter().zip(lines).all(|(a, b)| {
                a.action.is_some() == b.action.is_some() && a.note.is_some() == b.note.is_some()
            })
    }

    /// Writes what differs from what is shown (same shape); `false` when nothing does.
    fn patch(&mut self, lines: &[Line]) -> bool {
        let mut any = false;
        for ((old, new), n) in self.lines.iter_mut().zip(lines).zip(&self.nodes) {
            if old.text != new.text {
                n.text.set_node_value(Some(&new.text));
                any = true;
            }
            if let (Some(b), Some(was), Some(a)) = (&n.act, &old.action, &new.action) {
                a.update(was, b, ["data-nb-cell", "data-nb-value"]);
            }
            if let (Some(s), Some(t)) = (&n.note, &new.note) {
                if old.note.as_deref() != Some(t.as_str()) {
                    set_text(s, t);
                }
            }
            any |= old
                .action
                .as_ref()
                .map(|a| (&a.cell, &a.value, &a.label, &a.title))
                != new
                    .action
                    .as_ref()
                    .map(|a| (&a.cell, &a.value, &a.label, &a.title))
                || old.note != new.note;
            *old = new.clone();
        }
        any
    }
}

/// The message's lines, each with its fix button (out of the Tab order) and note.
fn fill_message(doc: &Document, m: &Element, cls: &'static str, lines: &[Line]) -> Drawn {
    util::clear(m);
    let mut nodes = Vec::new();
    for l in lines {
        let Ok(line) = el_with(doc, "span", "nb-line", &[(UI_ATTR, "")], None) else {
            continue;
        };
        let text: Node = doc.create_text_node(&l.text).into();
        let _ = line.append_child(&text);
        let act = l.action.as_ref().and_then(|a| {
            let attrs = [
                (UI_ATTR, ""),
                ("role", "button"),
                ("tabindex", "-1"),
                ("data-nb-act", "fix"),
                ("data-nb-cell", a.cell.as_str()),
                ("data-nb-value", a.value.as_str()),
                ("title", a.title.as_str()),
            ];
            let b = el_with(doc, "span", "nb-act", &attrs, Some(&a.label)).ok()?;
            line.append_child(&b).ok()?;
            Some(b)
        });
        let note = l.note.as_ref().and_then(|n| {
            let s = el_with(doc, "span", "nb-note", &[(UI_ATTR, "")], Some(n)).ok()?;
            line.append_child(&s).ok()?;
            Some(s)
        });
        let _ = m.append_child(&line);
        nodes.push(LineNodes { text, act, note });
    }
    // A line that could not be created is drawn again next time (shapes differ).
    let lines = if nodes.len() == lines.len() {
        lines.to_vec()
    } else {
        Vec::new()
    };
    Drawn { cls, lines, nodes }
}
