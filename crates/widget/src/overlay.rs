//! Feedback for cells nianbao must not modify: tables inside a rich-text editor (their HTML is
//! the host's content and is saved verbatim, so an attribute or element added there would end
//! up in the published report) and read-only tables. Marks and messages are drawn in a layer
//! of our own (a shadow root under `<body>`) positioned over the cells; the editor's DOM is
//! never touched.

use super::bind::Bound;
use super::spec::CellSpec;
use super::text::UI_ATTR;
use super::util::{clear, el, el_with, px, set_text, text};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

struct Item {
    /// The bound cell.
    cell: usize,
    frame: Element,
    badge: Element,
    msg: Element,
    has_msg: bool,
    warning: bool,
    /// A control's message moved here (its cell would clip or cover it): no frame.
    msg_only: bool,
}

pub struct Overlay {
    pub host: Element,
    pub shadow: ShadowRoot,
    layer: Element,
    /// One per marked cell (a `Vec`: few entries, smaller wasm than a map).
    items: Vec<Item>,
}

impl Overlay {
    pub fn new(doc: &Document) -> Result<Overlay, JsValue> {
        let host = super::util::create(doc, "div")?;
        host.set_attribute(UI_ATTR, "")?;
        host.set_attribute("data-nianbao-overlay", "")?;
        host.set_attribute(
            "style",
            "position:absolute;left:0;top:0;width:0;height:0;overflow:visible;z-index:2147481000;",
        )?;
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        let style = el_with(doc, "style", "", &[], Some(&super::style::overlay_css()))?;
        shadow.append_child(&style)?;
        let layer = el(doc, "div", "layer")?;
        shadow.append_child(&layer)?;
        match doc.body() {
            Some(b) => b.append_child(&host)?,
            None => doc
                .document_element()
                .ok_or_else(|| JsValue::from_str("no document element"))?
                .append_child(&host)?,
        };
        Ok(Overlay {
            host,
            shadow,
            layer,
            items: Vec::new(),
        })
    }

    /// Removes every mark (a rebinding draws them again).
    pub fn clear(&mut self) {
        for it in self.items.drain(..) {
            it.frame.remove();
            it.msg.remove();
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Creates, updates or removes the mark of bound cell `i`.
    pub fn render(&mut self, doc: &Document, i: usize, spec: &CellSpec) -> Result<(), JsValue> {
        self.render_as(doc, i, spec, false)
    }

    /// Creates, updates or removes the overlay message of a control whose inline message
    /// its cell would clip or cover.
    pub fn render_msg(&mut self, doc: &Document, i: usize, spec: &CellSpec) -> Result<(), JsValue> {
        if spec.lines.is_empty() || !spec.msg_error {
            let none = CellSpec {
                mark: None,
                badge: None,
                invalid: false,
                lines: Vec::new(),
                msg_error: false,
                described_by: Vec::new(),
            };
            return self.render_as(doc, i, &none, true);
        }
        self.render_as(doc, i, spec, true)
    }

    fn render_as(
        &mut self,
        doc: &Document,
        i: usize,
        spec: &CellSpec,
        msg_only: bool,
    ) -> Result<(), JsValue> {
        let mark = match (spec.mark, msg_only) {
            (_, true) if !spec.lines.is_empty() => "error",
            (Some(m), false) => m,
            _ => {
                if let Some(p) = self.items.iter().position(|it| it.cell == i) {
                    let it = self.items.swap_remove(p);
                    it.frame.remove();
                    it.msg.remove();
                }
                return Ok(());
            }
        };
        let at = self.item_of(doc, i, msg_only)?;
        let it = &mut self.items[at];
        it.msg_only = msg_only;
        let frame_cls = match mark {
            _ if msg_only => "box hidden",
            "part" => "box part",
            "warning" => "box warning",
            "typo" => "box typo",
            _ => "box",
        };
        it.frame.set_attribute("class", frame_cls)?;
        match spec.badge {
            Some((t, _)) => {
                set_text(&it.badge, t);
                it.badge.set_attribute("class", "badge")?;
            }
            None => it.badge.set_attribute("class", "badge hidden")?,
        }
        clear(&it.msg);
        it.has_msg = !spec.lines.is_empty();
        it.warning = !spec.msg_error;
        // Warnings are listed in the panel only: a cell in an editor cannot show a message
        // on focus without touching the editor's DOM.
        let cls = if !it.has_msg || it.warning {
            "msg hidden"
        } else {
            "msg"
        };
        it.msg.set_attribute("class", cls)?;
        fill_lines(doc, &it.msg, spec)
    }

    /// The index of cell `i`'s item, made (a frame with its badge, and a message) if missing.
    fn item_of(&mut self, doc: &Document, i: usize, msg_only: bool) -> Result<usize, JsValue> {
        if let Some(p) = self.items.iter().position(|it| it.cell == i) {
            return Ok(p);
        }
        let frame = el(doc, "div", "box")?;
        let badge = el(doc, "span", "badge")?;
        frame.append_child(&badge)?;
        let msg = el(doc, "div", "msg")?;
        self.layer.append_child(&frame)?;
        self.layer.append_child(&msg)?;
        self.items.push(Item {
            cell: i,
            frame,
            badge,
            msg,
            has_msg: false,
            warning: false,
            msg_only,
        });
        Ok(self.items.len() - 1)
    }

    /// Positions every mark over its cell. Called from `requestAnimationFrame`, after scroll
    /// and resize, never synchronously in an input handler. Reads and writes come in phases
    /// (cells read, marks written, messages read once, messages written), so a frame forces
    /// one layout however many marks there are.
    /// `active`: the client rect (left, top, right, bottom) of the cell being edited; a
    /// message over it fades so the user sees what they type. `tops`: the cells' client rects
    /// as last measured (a cell whose whole box misses a message cannot have its visible
    /// part under it, so only the others are clipped, which is costly); empty when unknown.
    pub fn layout(
        &self,
        cells: &[Bound],
        doc: &Document,
        active: Option<(f64, f64, f64, f64)>,
        active_cell: Option<usize>,
        tops: &[Option<Rect>],
    ) {
        let places = self.places(cells, doc);
        self.write_marks(&places);
        let view_w = doc
            .document_element()
            .map(|d| d.client_width() as f64)
            .unwrap_or(1280.0);
        let shown = self.message_places(&places, view_w);
        for (it, s) in self.items.iter().zip(shown) {
            let Some((mleft, mtop, mr)) = s else { continue };
            if mleft.is_nan() {
                style(&it.msg, "display:none");
                continue;
            }
            // Over another bound field: a tip, shown only while its cell is active (the
            // panel lists it with its fix).
            let covers = cells.iter().enumerate().any(|(j, c)| {
                j != it.cell
                    && tops
                        .get(j)
                        .is_none_or(|t| t.is_some_and(|t| overlap(t, mr)))
                    && c.el.is_connected()
                    && visible_rect(&c.el, doc).is_some_and(|v| overlap(v, mr))
            });
            style(&it.msg, &px(&[("left", mleft), ("top", mtop)], false, ""));
            let tip = covers && active_cell != Some(it.cell);
            let _ = it.msg.class_list().toggle_with_force("tip", tip);
            let dim = active.is_some_and(|a| overlap(a, mr));
            let _ = if dim {
                it.msg.set_attribute("data-dim", "")
            } else {
                it.msg.remove_attribute("data-dim")
            };
        }
    }

    /// Reads where each marked cell is visible: only the part seen through its scroll
    /// containers, editor and iframe (a mark is never drawn over the page or a toolbar).
    fn places(&self, cells: &[Bound], doc: &Document) -> Vec<Option<Place>> {
        let origin = self.host.get_bounding_client_rect();
        self.items
            .iter()
            .map(|it| {
                let b = cells.get(it.cell).filter(|b| b.el.is_connected())?;
                let (l, t, rr, bb) = visible_rect(&b.el, doc)?;
                let msg = it.has_msg && !it.warning;
                Some(Place {
                    left: l - origin.left(),
                    top: t - origin.top(),
                    w: rr - l,
                    h: bb - t,
                    client_top: t,
                    clip: if msg {
                        scroll_clip_rect(&b.el, doc)
                    } else {
                        None
                    },
                })
            })
            .collect()
    }

    /// Writes the frames, and each message where it first goes: below its cell.
    fn write_marks(&self, places: &[Option<Place>]) {
        for (it, p) in self.items.iter().zip(places) {
            let Some(p) = p else {
                style(&it.frame, "display:none");
                style(&it.msg, "display:none");
                continue;
            };
            if !it.msg_only {
                let at = [
                    ("left", p.left),
                    ("top", p.top),
                    ("width", p.w),
                    ("height", p.h),
                ];
                style(&it.frame, &px(&at, false, ""));
            }
            if it.has_msg && !it.warning {
                let _ = it.msg.class_list().remove_1("tip");
                style(
                    &it.msg,
                    &px(&[("left", p.left), ("top", p.below())], false, ""),
                );
            }
        }
    }

    /// Reads every message's box once and computes where it goes (left, top, client rect):
    /// below the cell; shifted left when it would leave the viewport; above the cell when the
    /// editor or scroll container would cut it off below; `NaN` when neither fits (the panel
    /// lists it).
    fn message_places(
        &self,
        places: &[Option<Place>],
        view_w: f64,
    ) -> Vec<Option<(f64, f64, Rect)>> {
        self.items
            .iter()
            .zip(places)
            .map(|(it, p)| {
                let p = p.as_ref().filter(|_| it.has_msg && !it.warning)?;
                let r = it.msg.get_bounding_client_rect();
                let right = p.clip.map_or(view_w - 8.0, |c| c.2.min(view_w - 8.0));
                let mleft = p.left - (r.right() - right).max(0.0);
                let mut mtop = p.below();
                if let Some(c) = p.clip {
                    if r.bottom() > c.3 + 1.0 {
                        mtop = p.top - r.height() - 3.0;
                        if p.client_top - r.height() - 3.0 < c.1 - 1.0 {
                            return Some((f64::NAN, 0.0, (0.0, 0.0, 0.0, 0.0)));
                        }
                    }
                }
                // Moving an absolutely positioned box moves its rect by as much.
                let (dx, dy) = (mleft - p.left, mtop - p.below());
                let at = (r.left() + dx, r.top() + dy, r.right() + dx, r.bottom() + dy);
                Some((mleft, mtop, at))
            })
            .collect()
    }

    pub fn remove_from_dom(&self) {
        self.host.remove();
    }
}

/// Where a mark goes: its cell's visible part, relative to the overlay's origin.
struct Place {
    left: f64,
    top: f64,
    w: f64,
    h: f64,
    /// The visible part's top in client coordinates.
    client_top: f64,
    /// What the cell's scroll containers leave visible (a message must fit in it).
    clip: Option<Rect>,
}

impl Place {
    /// A message's top when it goes below the cell.
    fn below(&self) -> f64 {
        self.top + self.h + 3.0
    }
}

fn style(e: &Element, s: &str) {
    let _ = e.set_attribute("style", s);
}

/// Whether two (left, top, right, bottom) rects overlap.
pub fn overlap(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The part of `el` visible through every clipping ancestor (scroll containers, an editor's
/// viewport, the iframe holding it, the window), in the top document's client coordinates;
/// `None` when none of it is.
pub fn visible_rect(el: &Element, top: &Document) -> Option<(f64, f64, f64, f64)> {
    let r = el.get_bounding_client_rect();
    let (dx, dy) = frame_offset(el, top);
    let v = (r.left() + dx, r.top() + dy, r.right() + dx, r.bottom() + dy);
    match clip_rect(el, top) {
        Some(c) => intersect(v, c),
        None => Some(v),
    }
}

type Rect = (f64, f64, f64, f64);

/// What the clipping ancestors of `el` (scroll containers, the iframes holding it, not the
/// top window: the overlay scrolls with the page) leave visible, in the top document's client
/// coordinates; `None` when nothing clips.
pub fn clip_rect(el: &Element, top: &Document) -> Option<Rect> {
    clip_rect_by(el, top, clips)
}

/// Like `clip_rect`, counting only ancestors that scroll (and iframes): a message drawn in
/// the overlay may overflow a cell's `overflow:hidden` box, not a scrolled-away region.
pub fn scroll_clip_rect(el: &Element, top: &Document) -> Option<Rect> {
    clip_rect_by(el, top, scrolls)
}

fn clip_rect_by(el: &Element, top: &Document, clips: fn(&Element) -> bool) -> Option<Rect> {
    const ALL: Rect = (f64::MIN, f64::MIN, f64::MAX, f64::MAX);
    let mut clip = ALL;
    let (mut dx, mut dy) = frame_offset(el, top);
    let mut cur = el.parent_element();
    let mut doc = el.owner_document();
    while let Some(a) = cur {
        let tag = a.local_name();
        if tag.eq_ignore_ascii_case("body") || tag.eq_ignore_ascii_case("html") {
            let Some(d) = doc.clone() else { break };
            if d.is_same_node(Some(top.as_ref())) {
                break;
            }
            // The iframe's viewport: its element's inner box (quirks-mode editor documents
            // report their whole content as the root's client size).
            let Some(frame) = frame_of(&d, top) else {
                break;
            };
            let (w, h) = (frame.client_width() as f64, frame.client_height() as f64);
            clip = intersect_raw(clip, (dx, dy, dx + w, dy + h));
            (dx, dy) = frame_offset(&frame, top);
            doc = frame.owner_document();
            cur = frame.parent_element();
            continue;
        }
        if clips(&a) {
            let ar = a.get_bounding_client_rect();
            clip = intersect_raw(
                clip,
                (
                    ar.left() + dx,
                    ar.top() + dy,
                    ar.right() + dx,
                    ar.bottom() + dy,
                ),
            );
        }
        cur = a.parent_element();
    }
    (clip != ALL).then_some(clip)
}

fn intersect_raw(a: Rect, b: Rect) -> Rect {
    (a.0.max(b.0), a.1.max(b.1), a.2.min(b.2), a.3.min(b.3))
}

fn intersect(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> Option<(f64, f64, f64, f64)> {
    let r = (a.0.max(b.0), a.1.max(b.1), a.2.min(b.2), a.3.min(b.3));
    (r.2 - r.0 >= 1.0 && r.3 - r.1 >= 1.0).then_some(r)
}

/// Whether an element clips its content (`overflow` other than visible).
pub fn clips(el: &Element) -> bool {
    overflow_is(el, |v| v != "visible")
}

/// Its content scrolls (`overflow: auto | scroll`) in either direction.
fn scrolls(el: &Element) -> bool {
    overflow_is(el, |v| v == "auto" || v == "scroll")
}

fn overflow_is(el: &Element, want: fn(&str) -> bool) -> bool {
    let Some(win) = el
        .owner_document()
        .and_then(|d| js_sys::Reflect::get(&d, &"defaultView".into()).ok())
        .filter(|w| w.is_object())
    else {
        return false;
    };
    let Ok(f) = js_sys::Reflect::get(&win, &"getComputedStyle".into()) else {
        return false;
    };
    let Ok(cs) = f
        .unchecked_ref::<js_sys::Function>()
        .call1(&win, el.as_ref())
    else {
        return false;
    };
    ["overflowX", "overflowY"].iter().any(|k| {
        let v = super::util::prop_string(&cs, k);
        !v.is_empty() && want(&v)
    })
}

/// Whether an inline message is cut off by a clipping ancestor of its cell, or covered by
/// another element (a neighbouring cell drawn on top).
pub fn clipped_or_covered(m: &Element) -> bool {
    let r = m.get_bounding_client_rect();
    if r.width() < 1.0 {
        return false;
    }
    let Some(doc) = m.owner_document() else {
        return false;
    };
    // Hit testing tells both (with the real containing blocks and stacking): whatever is on
    // top at a few points of the message must be the message. Points outside the viewport
    // hit nothing and prove nothing.
    let pts = [
        (r.left() + 4.0, r.top() + 4.0),
        (r.right() - 4.0, r.top() + 4.0),
        ((r.left() + r.right()) / 2.0, (r.top() + r.bottom()) / 2.0),
        (r.left() + 4.0, r.bottom() - 4.0),
        (r.right() - 4.0, r.bottom() - 4.0),
    ];
    pts.iter()
        .any(|&(x, y)| match doc.element_from_point(x as f32, y as f32) {
            Some(e) => !m.contains(Some(e.as_ref())) && !super::util::is_own(&e),
            None => false,
        })
}

/// The iframe element in `top` (or an iframe nested in it) whose document is `doc`.
fn frame_of(doc: &Document, top: &Document) -> Option<Element> {
    let frames = top.query_selector_all("iframe").ok()?;
    for i in 0..frames.length() {
        let f = frames
            .item(i)?
            .dyn_into::<web_sys::HtmlIFrameElement>()
            .ok()?;
        if f.content_document()
            .is_some_and(|d| d.is_same_node(Some(doc.as_ref())))
        {
            return Some(f.into());
        }
    }
    None
}

/// Whether a (left, top, right, bottom) rect and a DOM rect overlap.
pub fn overlaps(a: (f64, f64, f64, f64), r: &web_sys::DomRect) -> bool {
    a.0 < r.right() && r.left() < a.2 && a.1 < r.bottom() && r.top() < a.3
}

/// Client rect of an element in the top document's coordinates.
pub fn client_rect(el: &Element, top: &Document) -> (f64, f64, f64, f64) {
    let (dx, dy) = frame_offset(el, top);
    let r = el.get_bounding_client_rect();
    (r.left() + dx, r.top() + dy, r.right() + dx, r.bottom() + dy)
}

/// Offset of an element's document inside the top document (same-origin editor iframes).
pub fn frame_offset(el: &Element, top: &Document) -> (f64, f64) {
    let Some(doc) = el.owner_document() else {
        return (0.0, 0.0);
    };
    if doc.is_same_node(Some(top.as_ref())) {
        return (0.0, 0.0);
    }
    let Ok(frames) = top.query_selector_all("iframe") else {
        return (0.0, 0.0);
    };
    for i in 0..frames.length() {
        let Some(f) = frames
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlIFrameElement>().ok())
        else {
            continue;
        };
        if f.content_document()
            .is_some_and(|d| d.is_same_node(Some(doc.as_ref())))
        {
            let r = f.get_bounding_client_rect();
            let h: &HtmlElement = f.as_ref();
            let e: &Element = h.as_ref();
            return (
                r.left() + e.client_left() as f64,
                r.top() + e.client_top() as f64,
            );
        }
    }
    (0.0, 0.0)
}

/// A message's lines: each text with its fix button (out of the Tab order: Tab goes field to
/// field, and the panel's list reaches every fix) and its note.
fn fill_lines(doc: &Document, msg: &Element, spec: &CellSpec) -> Result<(), JsValue> {
    for line in &spec.lines {
        let l = el(doc, "span", "line")?;
        text(doc, &l, &line.text)?;
        if let Some(a) = &line.action {
            let b = a.button(doc, "")?;
            b.set_attribute("tabindex", "-1")?;
            l.append_child(&b)?;
        }
        if let Some(n) = &line.note {
            let s = el_with(doc, "span", "note", &[], Some(n))?;
            l.append_child(&s)?;
        }
        msg.append_child(&l)?;
    }
    Ok(())
}
