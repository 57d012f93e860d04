//! Writing a fix into the page the way a user would, so the host's own model takes it:
//! inputs through the native `value` setter plus `input`/`change` (React, Vue `v-model`,
//! layui, vxe), rich-text editors through the selection and `insertText` (the editor's
//! `beforeinput` handling, model and undo stack see an ordinary edit), grid cells that become
//! inputs only while edited by opening their editor first. Never HTML behind anyone's back.

use super::super::bind::{Bound, Kind};
use super::super::util;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventInit, EventTarget, HtmlElement, Node};

/// `(element's realm).ctor.prototype`'s own `value` setter.
fn native_setter(el: &Element, ctor: &str) -> Option<Function> {
    let win: JsValue = el
        .owner_document()
        .and_then(|d| Reflect::get(&d, &"defaultView".into()).ok())
        .filter(|w| w.is_object())
        .or_else(|| web_sys::window().map(Into::into))?;
    let proto = Reflect::get(&Reflect::get(&win, &ctor.into()).ok()?, &"prototype".into()).ok()?;
    let desc =
        Object::get_own_property_descriptor(proto.unchecked_ref::<Object>(), &"value".into());
    Reflect::get(&desc, &"set".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

/// Sets an input's or textarea's value through the prototype's setter (React tracks the
/// instance property; the native setter makes its `onChange` fire), then `input` and `change`.
pub fn set_control(el: &Element, value: &str) {
    let ctor = if util::tag(el) == "textarea" {
        "HTMLTextAreaElement"
    } else {
        "HTMLInputElement"
    };
    let done = native_setter(el, ctor)
        .map(|s| s.call1(el.as_ref(), &JsValue::from_str(value)).is_ok())
        .unwrap_or(false);
    if !done {
        let _ = Reflect::set(el.as_ref(), &"value".into(), &JsValue::from_str(value));
    }
    dispatch_simple(el.as_ref(), "input");
    dispatch_simple(el.as_ref(), "change");
}

/// The innermost element holding all of a cell's text (`<td><p>0</p></td>`: the `<p>`).
fn text_holder(cell: &Element) -> Element {
    let mut cur: Element = cell.clone();
    loop {
        let kids = cur.children();
        let mut own_text = String::new();
        let mut n = cur.first_child();
        while let Some(c) = n {
            if c.node_type() == Node::TEXT_NODE {
                own_text.push_str(&c.node_value().unwrap_or_default());
            }
            n = c.next_sibling();
        }
        if kids.length() == 1 && own_text.trim().is_empty() {
            match kids.item(0) {
                Some(k) if !k.local_name().eq_ignore_ascii_case("br") => cur = k,
                _ => break,
            }
        } else {
            break;
        }
    }
    cur
}

/// `doc.execCommand(cmd, false, value)` (any realm); false when refused or unsupported.
fn exec_command(doc: &Document, cmd: &str, value: &str) -> bool {
    let Ok(f) = Reflect::get(doc, &"execCommand".into()) else {
        return false;
    };
    let Ok(f) = f.dyn_into::<Function>() else {
        return false;
    };
    f.call3(doc, &cmd.into(), &JsValue::FALSE, &value.into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Replaces an editor cell's text as typing would: focus the editor, select the cell's text
/// once the editor has settled its focus, then (once the editor has taken that selection
/// into its model on `selectionchange`) a `beforeinput` of type `insertText`. Editors with
/// their own model (wangEditor/Slate, CKEditor 5) apply it and record an undo step; where no
/// one handles it (TinyMCE, KindEditor: plain contenteditable) `execCommand('insertText')`
/// edits as the browser would. Asynchronous; false when it could not start.
fn write_editable(b: &Bound, value: &str) -> bool {
    let Some(doc) = b.el.owner_document() else {
        return false;
    };
    if let Some(h) = &b.host {
        let fo = web_sys::FocusOptions::new();
        fo.set_prevent_scroll(true);
        let _ = h.unchecked_ref::<HtmlElement>().focus_with_options(&fo);
    }
    let value = value.to_string();
    let cell = b.el.clone();
    let host = b.host.clone().unwrap_or_else(|| b.el.clone());
    let select = Closure::once_into_js(move || {
        let holder = text_holder(&cell);
        let (Ok(range), Ok(Some(sel))) = (doc.create_range(), doc.get_selection()) else {
            return;
        };
        if range.select_node_contents(&holder).is_err() {
            return;
        }
        let _ = sel.remove_all_ranges();
        let _ = sel.add_range(&range);
        let insert =
            Closure::once_into_js(move || insert_text(&doc, &cell, &holder, &host, &value));
        later(&insert, 150);
    });
    later(&select, 20)
}

/// Step two of `write_editable`, while the selection is still on the cell.
fn insert_text(doc: &Document, cell: &Element, holder: &Element, host: &Element, value: &str) {
    let still = doc
        .get_selection()
        .ok()
        .flatten()
        .and_then(|s| s.anchor_node())
        .is_some_and(|n| cell.contains(Some(&n)));
    if !still {
        return;
    }
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    let ty = if value.is_empty() {
        "deleteContentBackward"
    } else {
        init.set_data(Some(value));
        "insertText"
    };
    init.set_input_type(ty);
    // The range it replaces (a StaticRange; editors read it with getTargetRanges()).
    let ctor = Reflect::get(doc, &"defaultView".into())
        .and_then(|w| Reflect::get(&w, &"StaticRange".into()))
        .ok()
        .and_then(|c| c.dyn_into::<Function>().ok());
    if let Some(ctor) = ctor {
        let o = Object::new();
        util::set(&o, "startContainer", holder.as_ref());
        util::set(&o, "startOffset", &JsValue::from_f64(0.0));
        util::set(&o, "endContainer", holder.as_ref());
        let n = holder.child_nodes().length();
        util::set(&o, "endOffset", &JsValue::from_f64(n as f64));
        if let Ok(r) = Reflect::construct(&ctor, &js_sys::Array::of1(&o)) {
            let _ = Reflect::set(&init, &"targetRanges".into(), &js_sys::Array::of1(&r));
        }
    }
    if let Ok(ev) = web_sys::InputEvent::new_with_event_init_dict("beforeinput", &init) {
        let target: &EventTarget = host.as_ref();
        let _ = target.dispatch_event(&ev);
        if ev.default_prevented() {
            return; // the editor applied it through its model
        }
    }
    if value.is_empty() {
        exec_command(doc, "delete", "");
    } else {
        exec_command(doc, "insertText", value);
    }
}

/// `setTimeout(f, ms)` (through the loader's guard).
fn later(f: &JsValue, ms: i32) -> bool {
    web_sys::window()
        .and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                super::guarded(f).unchecked_ref(),
                ms,
            )
            .ok()
        })
        .is_some()
}

/// A grid cell that becomes an input only while edited (layui `table.render`, vxe-table):
/// the input it shows now, if it is being edited.
fn cell_input(cell: &Element) -> Option<Element> {
    let list = cell.query_selector_all("input, textarea").ok()?;
    for i in 0..list.length() {
        if let Some(e) = list.item(i).and_then(|n| util::as_element(&n)) {
            if !util::is_own(&e) {
                return Some(e);
            }
        }
    }
    None
}

/// Opens a grid cell's editor the way the user does (a click; a double click for grids that
/// edit on dblclick) and writes into the input it shows. Grids render that input
/// synchronously (layui) or on their next tick (vxe-table): looked for now and again later.
/// False when the cell is not an editable grid cell.
fn write_grid_cell(cell: &Element, value: &str) -> bool {
    if let Some(i) = cell_input(cell) {
        commit_input(&i, value);
        return true;
    }
    // Only cells the grid marks editable (layui `data-edit`, vxe `col--edit`): a click on a
    // read-only table may mean anything to the host.
    let editable = cell.has_attribute("data-edit")
        || cell
            .closest("[data-edit], .col--edit")
            .ok()
            .flatten()
            .is_some();
    if !editable {
        return false;
    }
    let target = text_holder(cell);
    for ty in ["mousedown", "mouseup", "click"] {
        dispatch_mouse(target.as_ref(), ty);
    }
    if let Some(i) = cell_input(cell) {
        commit_input(&i, value);
        return true;
    }
    let (cell, value) = (cell.clone(), value.to_string());
    let retry = Closure::once_into_js(move || {
        if cell_input(&cell).is_none() {
            dispatch_mouse(text_holder(&cell).as_ref(), "dblclick");
        }
        let again = Closure::once_into_js(move || {
            if let Some(i) = cell_input(&cell) {
                commit_input(&i, &value);
            }
        });
        later(&again, 60);
    });
    later(&retry, 60)
}

/// Types `value` into a grid's cell editor and leaves it as the user does: blur (layui
/// commits then) and a press outside the grid (vxe-table commits on that).
fn commit_input(input: &Element, value: &str) {
    let fo = web_sys::FocusOptions::new();
    fo.set_prevent_scroll(true);
    let _ = input.unchecked_ref::<HtmlElement>().focus_with_options(&fo);
    set_control(input, value);
    let _ = input.unchecked_ref::<HtmlElement>().blur();
    if let Some(body) = input.owner_document().and_then(|d| d.body()) {
        dispatch_mouse(body.as_ref(), "mousedown");
        dispatch_mouse(body.as_ref(), "mouseup");
    }
}

/// Writes `value` into a bound cell. Returns false when nothing could be written (the value
/// is then only shown, for the user to type).
pub fn write_value(b: &Bound, value: &str) -> bool {
    match b.kind {
        Kind::Input | Kind::TextArea => {
            set_control(&b.el, value);
            true
        }
        Kind::Editable => write_editable(b, value),
        Kind::Static => write_grid_cell(&b.el, value),
    }
}

pub fn dispatch_simple(target: &EventTarget, ty: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    if let Ok(ev) = Event::new_with_event_init_dict(ty, &init) {
        let _ = target.dispatch_event(&ev);
    }
}

fn dispatch_mouse(target: &EventTarget, ty: &str) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    if let Ok(ev) = web_sys::MouseEvent::new_with_mouse_event_init_dict(ty, &init) {
        let _ = target.dispatch_event(&ev);
    }
}

pub fn focus_bound(b: &Bound) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    opts.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    match b.kind {
        Kind::Input | Kind::TextArea => {
            let fo = web_sys::FocusOptions::new();
            fo.set_prevent_scroll(true);
            let _ = b.el.unchecked_ref::<HtmlElement>().focus_with_options(&fo);
            b.el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
        Kind::Editable => {
            if let Some(h) = &b.host {
                let fo = web_sys::FocusOptions::new();
                fo.set_prevent_scroll(true);
                let _ = h.unchecked_ref::<HtmlElement>().focus_with_options(&fo);
            }
            if let Some(doc) = b.el.owner_document() {
                if let (Ok(range), Ok(Some(sel))) = (doc.create_range(), doc.get_selection()) {
                    let _ = range.select_node_contents(&b.el);
                    range.collapse_with_to_start(false);
                    let _ = sel.remove_all_ranges();
                    let _ = sel.add_range(&range);
                }
            }
            b.el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
        Kind::Static => b.el.scroll_into_view_with_scroll_into_view_options(&opts),
    }
}
