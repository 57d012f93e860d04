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
        let msg_id = self.msg_id(i);
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
            v.msg_sig.clear();
            return;
        }
        let cls = if spec.msg_error {
            "nb-msg"
        } else {
            "nb-msg nb-msg-warn"
        };
        // Rebuild the message only when its content changed.
        let sig = signature(cls, spec);
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
            }
        }
        let Some(m) = v.msg.clone() else { return };
        if v.msg_sig == sig {
            return;
        }
        v.msg_sig = sig;
        util::set_attr_changed(&m, "class", cls);
        if !patch_message(&m, spec) {
            fill_message(&doc, &m, spec);
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
fn render_badge(v: &mut View, e: &Element, doc: &Document, spec: &CellSpec) {
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

/// What a message shows, as one string: equal signatures need no rebuild.
fn signature(cls: &str, spec: &CellSpec) -> String {
    let mut s = String::from(cls);
    for l in &spec.lines {
        s.push('\u{1}');
        s.push_str(&l.text);
        if let Some(n) = &l.note {
            s.push('\u{2}');
            s.push_str(n);
        }
        if let Some(a) = &l.action {
            s.push('\u{3}');
            s.push_str(&a.cell);
            s.push('=');
            s.push_str(&a.value);
        }
    }
    s
}

/// Writes new texts and fix values into a message of the same shape (as many lines, each
/// with its button and note where `spec` has them), so retyping a total changes a few texts
/// instead of rebuilding the message; `false` when the shape differs and it must be rebuilt.
fn patch_message(m: &Element, spec: &CellSpec) -> bool {
    let mut line = m.first_element_child();
    for l in &spec.lines {
        let Some(el) = line else { return false };
        let Some(t) = el
            .first_child()
            .filter(|t| t.node_type() == Node::TEXT_NODE)
        else {
            return false;
        };
        let mut kid = el.first_element_child();
        if let Some(a) = &l.action {
            let Some(b) = kid.filter(|b| b.class_name() == "nb-act") else {
                return false;
            };
            a.update(&b, ["data-nb-cell", "data-nb-value"]);
            kid = b.next_element_sibling();
        }
        if let Some(n) = &l.note {
            let Some(s) = kid.filter(|s| s.class_name() == "nb-note") else {
                return false;
            };
            set_text(&s, n);
            kid = s.next_element_sibling();
        }
        if kid.is_some() {
            return false;
        }
        if t.node_value().as_deref() != Some(l.text.as_str()) {
            t.set_node_value(Some(&l.text));
        }
        line = el.next_element_sibling();
    }
    line.is_none()
}

/// The message's lines, each with its fix button (out of the Tab order) and note.
fn fill_message(doc: &Document, m: &Element, spec: &CellSpec) {
    util::clear(m);
    for l in &spec.lines {
        let Ok(line) = el_with(doc, "span", "nb-line", &[(UI_ATTR, "")], None) else {
            continue;
        };
        let _ = util::text(doc, &line, &l.text);
        if let Some(a) = &l.action {
            let attrs = [
                (UI_ATTR, ""),
                ("role", "button"),
                ("tabindex", "-1"),
                ("data-nb-act", "fix"),
                ("data-nb-cell", a.cell.as_str()),
                ("data-nb-value", a.value.as_str()),
                ("title", a.title.as_str()),
            ];
            if let Ok(b) = el_with(doc, "span", "nb-act", &attrs, Some(&a.label)) {
                let _ = line.append_child(&b);
            }
        }
        if let Some(n) = &l.note {
            if let Ok(s) = el_with(doc, "span", "nb-note", &[(UI_ATTR, "")], Some(n)) {
                let _ = line.append_child(&s);
            }
        }
        let _ = m.append_child(&line);
    }
}
