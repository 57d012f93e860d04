//! Feedback for cells nianbao must not modify: tables inside a rich-text editor (their HTML is
//! the host's content and is saved verbatim, so an attribute or element added there would end
//! up in the published report) and read-only tables. Marks and messages are drawn in a layer
//! of our own (a shadow root under `<body>`) positioned over the cells; the editor's DOM is
//! never touched.

use super::bind::Bound;
use super::text::UI_ATTR;
use super::util::{clear, el, el_with, text};
use super::widget::CellSpec;
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
        let Some(mark) = spec.mark else {
            if let Some(p) = self.items.iter().position(|it| it.cell == i) {
                let it = self.items.swap_remove(p);
                it.frame.remove();
                it.msg.remove();
            }
            return Ok(());
        };
        let at = match self.items.iter().position(|it| it.cell == i) {
            Some(p) => p,
            None => {
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
                });
                self.items.len() - 1
            }
        };
        let it = &mut self.items[at];
        let frame_cls = match mark {
            "part" => "box part",
            "warning" => "box warning",
            "typo" => "box typo",
            _ => "box",
        };
        it.frame.set_attribute("class", frame_cls)?;
        match spec.badge {
            Some((t, _)) => {
                it.badge.set_text_content(Some(t));
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
        for line in &spec.lines {
            let l = el(doc, "span", "line")?;
            text(doc, &l, &line.text)?;
            if let Some(a) = &line.action {
                let b = a.button(doc, "")?;
                l.append_child(&b)?;
            }
            if let Some(n) = &line.note {
                let s = el_with(doc, "span", "note", &[], Some(n))?;
                l.append_child(&s)?;
            }
            it.msg.append_child(&l)?;
        }
        Ok(())
    }

    /// Positions every mark over its cell. Called from `requestAnimationFrame`, after scroll
    /// and resize, never synchronously in an input handler.
    /// `active`: the client rect (left, top, right, bottom) of the cell being edited; a
    /// message over it fades so the user sees what they type.
    pub fn layout(&self, cells: &[Bound], doc: &Document, active: Option<(f64, f64, f64, f64)>) {
        let origin = self.host.get_bounding_client_rect();
        let view_w = doc
            .document_element()
            .map(|d| d.client_width() as f64)
            .unwrap_or(1280.0);
        for it in &self.items {
            let Some(b) = cells.get(it.cell) else {
                continue;
            };
            let (dx, dy) = frame_offset(&b.el, doc);
            let r = b.el.get_bounding_client_rect();
            // Hide marks scrolled out of the editor's own viewport.
            let visible = match &b.host {
                Some(h) => {
                    let hr = h.get_bounding_client_rect();
                    r.bottom() > hr.top()
                        && r.top() < hr.bottom()
                        && r.right() > hr.left()
                        && r.left() < hr.right()
                }
                None => true,
            } && b.el.is_connected();
            let style = |e: &Element, s: &str| {
                let _ = e.set_attribute("style", s);
            };
            if !visible {
                style(&it.frame, "display:none");
                style(&it.msg, "display:none");
                continue;
            }
            let left = r.left() + dx - origin.left();
            let top = r.top() + dy - origin.top();
            style(
                &it.frame,
                &format!(
                    "left:{left:.1}px;top:{top:.1}px;width:{:.1}px;height:{:.1}px",
                    r.width(),
                    r.height()
                ),
            );
            if it.has_msg && !it.warning {
                // Below the cell; shifted left when it would leave the viewport.
                let mut mleft = left;
                style(
                    &it.msg,
                    &format!("left:{mleft:.1}px;top:{:.1}px", top + r.height() + 3.0),
                );
                let mut mr = it.msg.get_bounding_client_rect();
                let over = mr.right() - (view_w - 8.0);
                if over > 0.0 {
                    mleft -= over;
                    style(
                        &it.msg,
                        &format!("left:{mleft:.1}px;top:{:.1}px", top + r.height() + 3.0),
                    );
                    mr = it.msg.get_bounding_client_rect();
                }
                let dim = active.is_some_and(|a| overlaps(a, &mr));
                let _ = if dim {
                    it.msg.set_attribute("data-dim", "")
                } else {
                    it.msg.remove_attribute("data-dim")
                };
            }
        }
    }

    pub fn remove_from_dom(&self) {
        self.host.remove();
    }
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
fn frame_offset(el: &Element, top: &Document) -> (f64, f64) {
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
