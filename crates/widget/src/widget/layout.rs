//! Layout, once per animation frame: overlay positions, inline messages kept off other
//! fields and labels (else shown as tips), and the floating panel's docking. Reads geometry
//! only here, batched, so typing never forces a layout per keystroke.

use super::*;
use crate::panel::Rect;

impl Inner {
    pub(super) fn schedule_frame(&mut self) {
        if self.timers.raf.is_some() {
            return;
        }
        if self.timers.raf_cb.is_some() {
            self.timers.raf = self
                .win
                .request_animation_frame(self.timers.raf_fn.unchecked_ref())
                .ok();
        }
    }

    /// Layout work, once per frame: overlay positions, inline messages placed (inside the
    /// viewport, off other fields and labels), the panel docked, messages dimmed or opened.
    pub(super) fn frame(&mut self) {
        self.timers.raf = None;
        let active = self
            .active
            .filter(|&i| self.cells[i].el.is_connected())
            .map(|i| crate::overlay::client_rect(&self.cells[i].el, &self.doc));
        self.ensure_geometry(active);
        if let Some(o) = &self.overlay {
            if !o.is_empty() {
                o.layout(&self.cells, &self.doc, active, self.active, self.tops());
            }
        }
        self.place_messages(active);
        self.dock_panel(active);
        self.dim_and_open(active);
    }

    /// The fields' rects in the top document (none before the first frame).
    fn tops(&self) -> &[Option<crate::panel::Rect>] {
        self.geo.as_ref().map_or(&[], |g| &g.top)
    }

    /// Messages changed since the last frame: kept in the viewport, moved to the overlay when
    /// their cell clips them, else kept off other fields and labels.
    fn place_messages(&mut self, active: Option<crate::panel::Rect>) {
        let view_w = self
            .doc
            .document_element()
            .map(|d| d.client_width() as f64)
            .unwrap_or(1280.0);
        let mut moved = Vec::new();
        for i in self.place_msgs.take() {
            let Some(m) = self.views[i].msg.clone() else {
                continue;
            };
            if self.views[i].moved {
                moved.push(i);
                continue;
            }
            let epoch = self.geo.as_ref().map_or(0, |g| g.epoch);
            // Shown where it was placed: its unshifted box follows from the placed one, read
            // without touching the message; unchanged, nothing is written (a keystroke changes
            // a message's text, seldom its box).
            if let Some(p) = self.views[i].placed.as_ref().filter(|p| p.shown(&m)) {
                let r = m.get_bounding_client_rect();
                if r.width() > 0.0 && p.same_unshifted(&r, epoch, view_w) {
                    continue;
                }
            }
            let _ = m.remove_attribute("style");
            // Measured where it would show (a tip is hidden until its field is active).
            let _ = m.remove_attribute("data-nb-tip");
            let r = m.get_bounding_client_rect();
            let natural = (r.left(), r.top(), r.right(), r.bottom());
            // The same box among the same fields as last time: the same place (no hit test).
            let at = Placement {
                natural,
                epoch,
                view_w,
                style: None,
                offset: (0.0, 0.0),
                tip: false,
            };
            if let Some(p) = self.views[i].placed.as_ref().filter(|p| p.same(&at)) {
                p.apply(&m);
                continue;
            }
            let over = (r.right() - (view_w - 8.0)).max(0.0);
            if over > 0.0 {
                let _ = m.set_attribute(
                    "style",
                    &util::px(&[("margin-left", -over)], true, " !important"),
                );
            }
            // Cut off by the cell (`overflow:hidden`) or under a neighbour: the overlay
            // draws it instead, where its button can be clicked. The hidden original
            // stays for aria-describedby.
            // Hit testing needs the message to take pointer events for a moment.
            let _ = m.set_attribute("data-nb-probe", "");
            let covered = crate::overlay::clipped_or_covered(&m);
            let _ = m.remove_attribute("data-nb-probe");
            if covered {
                let _ = m.set_attribute("style", "display:none !important");
                self.views[i].moved = true;
                self.views[i].placed = None;
                moved.push(i);
                continue;
            }
            self.ensure_labels();
            let (style, offset, tip) = self.place_clear(i, view_w, natural, over);
            let _ = m.remove_attribute("style");
            let p = Placement {
                style,
                offset,
                tip,
                ..at
            };
            p.apply(&m);
            self.views[i].placed = Some(p);
        }
        if !moved.is_empty() {
            for i in moved {
                let spec = self.spec_for(i);
                if let Some(o) = self.overlay.as_mut() {
                    let _ = o.render_msg(&self.doc, i, &spec);
                }
            }
            if let Some(o) = &self.overlay {
                o.layout(&self.cells, &self.doc, active, self.active, self.tops());
            }
        }
    }

    /// The floating panel docks as a badge when it lies over the form or the focused field.
    fn dock_panel(&mut self, active: Option<crate::panel::Rect>) {
        let (Some(p), Some(g)) = (self.panel.as_mut(), self.geo.as_ref()) else {
            return;
        };
        if !p.floating() {
            return;
        }
        let hit =
            |set: &[Option<Rect>], r: Rect| set.iter().flatten().any(|&a| geometry::overlap(a, r));
        let view = self
            .doc
            .document_element()
            .map(|d| (d.client_width() as f64, d.client_height() as f64))
            .unwrap_or((1280.0, 800.0));
        p.dock(
            &self.ui,
            &|r| hit(&g.tables, r),
            &|r| hit(&g.top, r),
            active,
            view,
        );
    }

    /// A message over the field being edited fades out of the way; the active field's own
    /// message (a tip included) opens.
    fn dim_and_open(&self, active: Option<crate::panel::Rect>) {
        for (i, v) in self.views.iter().enumerate() {
            let Some(m) = &v.msg else { continue };
            let dim = match active {
                Some(a) if Some(i) != self.active => {
                    crate::overlay::overlaps(a, &m.get_bounding_client_rect())
                }
                _ => false,
            };
            if dim != m.has_attribute("data-nb-dim") {
                set_attr(m, "data-nb-dim", dim.then_some(""));
            }
            let open = Some(i) == self.active;
            if open != m.has_attribute("data-nb-open") {
                set_attr(m, "data-nb-open", open.then_some(""));
            }
        }
    }

    /// Keeps an inline message off every other bound field: below its cell when that covers
    /// none, else beside its row right of the table when there is room, else it becomes a tip
    /// (`data-nb-tip`): shown only while its field has focus or the pointer, the cell's mark
    /// and badge stay, and the panel lists the message with its fix. `natural`: where the
    /// message lies unshifted; `over`: how far it must shift left into the viewport. Fields
    /// and labels come from the frame's geometry (a message moves none of them). Returns the
    /// message's style (its shift), how far that moves it from `natural`, and whether it is a
    /// tip.
    fn place_clear(
        &self,
        i: usize,
        view_w: f64,
        natural: Rect,
        over: f64,
    ) -> (Option<String>, (f64, f64), bool) {
        let shift = (over > 0.0).then(|| util::px(&[("margin-left", -over)], true, " !important"));
        let shifted = (if over > 0.0 { -over.round() } else { 0.0 }, 0.0);
        let Some(g) = self.geo.as_ref() else {
            return (shift, shifted, false);
        };
        let labels = g.labels.as_deref().unwrap_or(&[]);
        let hits = |r: Rect| {
            labels.iter().any(|&a| geometry::overlap(a, r))
                || g.own
                    .iter()
                    .enumerate()
                    .any(|(j, c)| j != i && c.is_some_and(|c| geometry::overlap(c, r)))
        };
        let (l, t, r, b) = natural;
        if !hits((l - over, t, r - over, b)) {
            return (shift, shifted, false);
        }
        let cell = g.own[i].unwrap_or((l, t, l, t));
        let table = g.table_right[i].unwrap_or(cell.2);
        let (w, h) = (r - l, b - t);
        if table + 6.0 + w > view_w - 8.0 {
            return (shift, shifted, true);
        }
        if hits((table + 6.0, cell.1, table + 6.0 + w, cell.1 + h)) {
            return (None, (0.0, 0.0), true);
        }
        let (dx, top) = ((table + 6.0 - l).round(), (cell.1 - t).round());
        let beside = util::px(
            &[("margin-left", dx), ("margin-top", top)],
            true,
            " !important",
        );
        // `margin-top` replaces the sheet's own top margin.
        (
            Some(beside),
            (dx, top - crate::style::MSG_MARGIN_TOP),
            false,
        )
    }

    /// Where the text of each label cell (a `th`/`td` holding no field) of the form's tables
    /// lies, in client coordinates: a message must not hide what the user reads.
    pub(super) fn label_rects(&self) -> Vec<Rect> {
        let mut out = Vec::new();
        let Ok(range) = self.doc.create_range() else {
            return out;
        };
        let Ok(list) = self.root.query_selector_all("th, td") else {
            return out;
        };
        for k in 0..list.length() {
            let Some(td) = list.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let bound = self.lookup.get(td.as_ref()).as_f64().is_some()
                || td
                    .query_selector("input, textarea, select, [contenteditable]")
                    .ok()
                    .flatten()
                    .is_some();
            if bound || td.text_content().is_none_or(|t| t.trim().is_empty()) {
                continue;
            }
            if range.select_node_contents(&td).is_ok() {
                let r = range.get_bounding_client_rect();
                if r.width() > 0.0 {
                    out.push((r.left(), r.top(), r.right(), r.bottom()));
                }
            }
        }
        out
    }
}

/// Where a message was placed and from what: its unshifted box, the geometry it was checked
/// against and the viewport's width.
pub(super) struct Placement {
    natural: Rect,
    epoch: u32,
    view_w: f64,
    style: Option<String>,
    /// How far `style` moves the message from `natural` (x, y).
    offset: (f64, f64),
    tip: bool,
}

impl Placement {
    fn same(&self, o: &Placement) -> bool {
        self.natural == o.natural && self.epoch == o.epoch && self.view_w == o.view_w
    }

    /// The message carries this placement's attributes (nothing else restyled it since).
    fn shown(&self, m: &Element) -> bool {
        m.get_attribute("style") == self.style && m.has_attribute("data-nb-tip") == self.tip
    }

    /// `placed`, the message's box under this placement, is this placement's unshifted box
    /// moved by its offset (to within layout rounding), among the same fields and viewport.
    fn same_unshifted(&self, placed: &web_sys::DomRect, epoch: u32, view_w: f64) -> bool {
        let (dx, dy) = self.offset;
        let (l, t, r, b) = self.natural;
        let near = |a: f64, b: f64| (a - b).abs() < 0.05;
        epoch == self.epoch
            && view_w == self.view_w
            && near(placed.left(), l + dx)
            && near(placed.top(), t + dy)
            && near(placed.right(), r + dx)
            && near(placed.bottom(), b + dy)
    }

    fn apply(&self, m: &Element) {
        if let Some(s) = &self.style {
            let _ = m.set_attribute("style", s);
        }
        set_attr(m, "data-nb-tip", self.tip.then_some(""));
    }
}
