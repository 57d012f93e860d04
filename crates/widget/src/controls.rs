//! The host's controls as nianbao reads them: which element of a cell holds its text
//! (`resolve`: an input, a textarea, an editor's cell, a read-only cell), how that text is read,
//! and the report tables under a root. Used by binding (`bind`) and the automatic step
//! (`auto`); depends on neither.

use super::text::is_ui;
use super::util::{as_element, is_content_editable, tag};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTableElement};

/// How a bound cell's text is read and where its feedback goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `<input>`: value read from `.value`, feedback inline next to it.
    Input,
    /// `<textarea>`: as `Input`.
    TextArea,
    /// A cell inside a `contenteditable` region (a rich-text editor). Its DOM is the host's
    /// content and is saved as is, so nianbao never writes into it: feedback is an overlay.
    Editable,
    /// A cell of a read-only table: checked, feedback as an overlay, never edited.
    Static,
}

impl Kind {
    pub fn is_control(self) -> bool {
        matches!(self, Kind::Input | Kind::TextArea)
    }
}

#[derive(Clone, Debug)]
pub struct BindNote {
    pub level: String,
    pub code: String,
    /// Chinese; `en` in English (picked by the widget's `lang`).
    pub message: String,
    pub en: String,
}

/// `input` types that hold free text a number can be typed into.
fn is_text_input(el: &Element) -> bool {
    let ty = el
        .get_attribute("type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        ty.as_str(),
        "" | "text" | "number" | "tel" | "search" | "decimal"
    )
}

/// The control a bound element stands for: an input/textarea itself, the first one inside
/// a cell, or the cell itself (editable or static).
pub fn resolve(el: &Element) -> Option<(Element, Kind, Option<Element>)> {
    let tag = el.local_name().to_ascii_lowercase();
    match tag.as_str() {
        "input" if is_text_input(el) => return Some((el.clone(), Kind::Input, None)),
        "input" => return None,
        "textarea" => return Some((el.clone(), Kind::TextArea, None)),
        _ => {}
    }
    if let Ok(list) = el.query_selector_all("input, textarea") {
        for i in 0..list.length() {
            if let Some(c) = list.item(i).and_then(|n| as_element(&n)) {
                if is_ui(&c) {
                    continue;
                }
                let ctag = c.local_name().to_ascii_lowercase();
                if ctag == "textarea" {
                    return Some((c, Kind::TextArea, None));
                }
                if is_text_input(&c) {
                    return Some((c, Kind::Input, None));
                }
            }
        }
    }
    if is_content_editable(el) {
        return Some((el.clone(), Kind::Editable, editing_host(el)));
    }
    Some((el.clone(), Kind::Static, None))
}

/// The outermost editable ancestor: where `input` events of a rich-text editor fire.
pub fn editing_host(el: &Element) -> Option<Element> {
    let mut host: Option<Element> = None;
    let mut cur: Option<Element> = Some(el.clone());
    while let Some(e) = cur {
        if is_content_editable(&e) {
            host = Some(e.clone());
        } else {
            break;
        }
        cur = e.parent_element();
    }
    host
}

/// The value of an `<input>` or `<textarea>`.
pub fn read_control(el: &Element) -> String {
    match tag(el).as_str() {
        "input" | "textarea" => value_of(el),
        _ => String::new(),
    }
}

thread_local! {
    /// The key `"value"` as a JS string, made once: the value poll reads ~200 fields.
    static VALUE: wasm_bindgen::JsValue = wasm_bindgen::JsValue::from_str("value");
}

/// `.value` of an element known to be an `<input>` or `<textarea>` (a bound control).
pub fn value_of(el: &Element) -> String {
    VALUE
        .with(|k| js_sys::Reflect::get(el, k).ok().and_then(|v| v.as_string()))
        .unwrap_or_default()
}

/// The input a grid cell holds while it is being edited.
pub fn editing_input(cell: &Element) -> Option<Element> {
    let list = cell.get_elements_by_tag_name("input");
    for i in 0..list.length() {
        if let Some(e) = list.item(i) {
            if !is_ui(&e) && is_text_input(&e) {
                return Some(e);
            }
        }
    }
    let list = cell.get_elements_by_tag_name("textarea");
    list.item(0).filter(|e| !is_ui(e))
}

/// Every `<table>` at or under `root` (nianbao's own UI excluded), plus the tables of
/// same-origin iframes under it (rich-text editors such as UEditor/TinyMCE use one).
pub fn find_tables(root: &Element) -> Vec<HtmlTableElement> {
    let mut out = Vec::new();
    let push_from = |scope: &Element, out: &mut Vec<HtmlTableElement>| {
        if scope.local_name().eq_ignore_ascii_case("table") {
            out.push(scope.clone().unchecked_into::<HtmlTableElement>());
        }
        if let Ok(list) = scope.query_selector_all("table") {
            for i in 0..list.length() {
                if let Some(t) = list
                    .item(i)
                    .and_then(|n| as_element(&n))
                    .map(|e| e.unchecked_into::<HtmlTableElement>())
                {
                    // nianbao's own tables live in shadow roots, out of reach here.
                    out.push(t);
                }
            }
        }
    };
    push_from(root, &mut out);
    if let Ok(frames) = root.query_selector_all("iframe") {
        for i in 0..frames.length() {
            let doc = frames
                .item(i)
                .map(|n| n.unchecked_into::<web_sys::HtmlIFrameElement>())
                .and_then(|f| f.content_document());
            if let Some(body) = doc.and_then(|d| d.body()) {
                push_from(&body, &mut out);
            }
        }
    }
    out
}
