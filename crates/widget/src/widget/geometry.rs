//! Where the bound fields, their tables and the form's label texts lie, measured once and
//! reused by the frames that follow. A keystroke changes only nianbao's own messages, which
//! are absolutely positioned and move no field, so its frame measures the message alone, not
//! the ~200 fields again. Dropped on anything that may move a field: a scroll, a resize, a
//! host mutation, a rebinding, focus moving, or the root or the active field found elsewhere
//! than when measured.

use super::*;
pub(super) use crate::overlay::overlap;
use crate::panel::Rect;

pub(super) struct Geometry {
    /// Which measurement this is (a message placed against an older one is placed again).
    pub epoch: u32,
    /// The root's client rect when measured.
    root: Rect,
    /// Per bound cell: its border box in its own document's client coordinates (`None`: not
    /// rendered), and in the top document's.
    pub own: Vec<Option<Rect>>,
    pub top: Vec<Option<Rect>>,
    /// Per bound cell: the right edge of its table, in its own document's coordinates.
    pub table_right: Vec<Option<f64>>,
    /// Each rendered table holding a bound cell, in the top document's coordinates.
    pub tables: Vec<Option<Rect>>,
    /// The form's label texts (`Inner::label_rects`), measured on first need.
    pub labels: Option<Vec<Rect>>,
}

fn rect(r: &web_sys::DomRect) -> Rect {
    (r.left(), r.top(), r.right(), r.bottom())
}

impl Inner {
    /// Measures the geometry unless the last one still holds: the root has not moved and the
    /// active field (`active`: its rect as just read) is where it was.
    pub(super) fn ensure_geometry(&mut self, active: Option<Rect>) {
        let root = rect(&self.root.get_bounding_client_rect());
        let holds = self.geo.as_ref().is_some_and(|g| {
            g.root == root
                && match (self.active, active) {
                    (Some(i), Some(a)) => g.top.get(i).copied().flatten() == Some(a),
                    _ => true,
                }
        });
        if !holds {
            self.measured = self.measured.wrapping_add(1);
            self.geo = Some(self.measure(root));
        }
    }

    fn measure(&self, root: Rect) -> Geometry {
        let n = self.cells.len();
        let mut g = Geometry {
            epoch: self.measured,
            root,
            own: Vec::with_capacity(n),
            top: Vec::with_capacity(n),
            table_right: Vec::with_capacity(n),
            tables: Vec::new(),
            labels: None,
        };
        let mut seen: Vec<(Element, f64)> = Vec::new();
        for c in &self.cells {
            if !c.el.is_connected() {
                g.own.push(None);
                g.top.push(None);
                g.table_right.push(None);
                continue;
            }
            let own = rect(&c.el.get_bounding_client_rect());
            let (dx, dy) = crate::overlay::frame_offset(&c.el, &self.doc);
            g.own.push(Some(own));
            g.top
                .push(Some((own.0 + dx, own.1 + dy, own.2 + dx, own.3 + dy)));
            let table = c.el.closest("table").ok().flatten();
            let right = table.map(|t| match seen.iter().find(|s| s.0 == t) {
                Some(s) => s.1,
                None => {
                    let t_own = rect(&t.get_bounding_client_rect());
                    let t_top = (t_own.0 + dx, t_own.1 + dy, t_own.2 + dx, t_own.3 + dy);
                    g.tables.push((t_own.2 > t_own.0).then_some(t_top));
                    seen.push((t, t_own.2));
                    t_own.2
                }
            });
            g.table_right.push(right);
        }
        g
    }

    /// Measures the label rects of the current geometry once.
    pub(super) fn ensure_labels(&mut self) {
        if self.geo.as_ref().is_some_and(|g| g.labels.is_none()) {
            let l = self.label_rects();
            if let Some(g) = self.geo.as_mut() {
                g.labels = Some(l);
            }
        }
    }
}
