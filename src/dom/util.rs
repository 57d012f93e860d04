//! Small DOM helpers. Text always goes in as text nodes, never as HTML: messages quote what
//! the user typed.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

/// `<tag class=…>` owned by nianbao.
pub fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_attribute("class", class)?;
    }
    Ok(e)
}

/// Appends a text node.
pub fn text(doc: &Document, parent: &Node, s: &str) -> Result<(), JsValue> {
    parent.append_child(&doc.create_text_node(s))?;
    Ok(())
}

/// Removes all children.
pub fn clear(node: &Node) {
    while let Some(c) = node.first_child() {
        let _ = node.remove_child(&c);
    }
}

pub fn same(a: &Node, b: &Node) -> bool {
    a.is_same_node(Some(b))
}

/// The element an event happened on (text-node targets resolved to their parent).
pub fn target_element(ev: &web_sys::Event) -> Option<Element> {
    let t: JsValue = ev.target()?.into();
    if let Some(e) = as_element(&t) {
        return Some(e);
    }
    as_node(&t).and_then(|n| n.parent_element())
}

// Cross-realm casts: nodes of a same-origin iframe (an editor's document) fail `instanceof`
// against this window's classes, so `dyn_ref` would reject them. These check the node type
// or tag name instead.

/// An element, from any realm.
pub fn as_element(v: &JsValue) -> Option<Element> {
    let nt = js_sys::Reflect::get(v, &"nodeType".into()).ok()?.as_f64()?;
    (nt == 1.0).then(|| v.clone().unchecked_into())
}

/// A node, from any realm.
pub fn as_node(v: &JsValue) -> Option<Node> {
    js_sys::Reflect::get(v, &"nodeType".into())
        .ok()?
        .as_f64()
        .map(|_| v.clone().unchecked_into())
}

/// A document, from any realm.
pub fn as_document(v: &JsValue) -> Option<Document> {
    let nt = js_sys::Reflect::get(v, &"nodeType".into()).ok()?.as_f64()?;
    (nt == 9.0).then(|| v.clone().unchecked_into())
}

/// Lower-case local name.
pub fn tag(el: &Element) -> String {
    el.local_name().to_ascii_lowercase()
}

pub fn is_content_editable(el: &Element) -> bool {
    js_sys::Reflect::get(el, &"isContentEditable".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
