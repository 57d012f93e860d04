//! Small DOM helpers. Text always goes in as text nodes, never as HTML: messages quote what
//! the user typed.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

thread_local! {
    /// Every element nianbao created. Only these act as nianbao's buttons and only these are
    /// left out of reading: a `data-nb-*` attribute on host content (pasted editor HTML can
    /// carry any) proves nothing.
    static OWN: js_sys::WeakSet = js_sys::WeakSet::new();
}

/// Records `e` as nianbao's own.
pub fn own(e: &Element) {
    OWN.with(|o| {
        o.add(e.unchecked_ref());
    });
}

/// True for elements nianbao created.
pub fn is_own(e: &Element) -> bool {
    is_own_node(e)
}

/// True for elements nianbao created; false for any other node (one lookup, no type check:
/// only elements are recorded).
pub fn is_own_node(n: &Node) -> bool {
    OWN.with(|o| o.has(n.unchecked_ref()))
}

/// `<tag>` created by nianbao (recorded as its own).
pub fn create(doc: &Document, tag: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    own(&e);
    Ok(e)
}

/// `<tag class=…>` owned by nianbao.
pub fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = create(doc, tag)?;
    if !class.is_empty() {
        e.set_attribute("class", class)?;
    }
    Ok(e)
}

/// `<tag class=…>` with further attributes (set in this order) and text content. One
/// out-of-line call instead of many inlined ones keeps the wasm small.
#[inline(never)]
pub fn el_with(
    doc: &Document,
    tag: &str,
    class: &str,
    attrs: &[(&str, &str)],
    text: Option<&str>,
) -> Result<Element, JsValue> {
    let e = el(doc, tag, class)?;
    for (k, v) in attrs {
        e.set_attribute(k, v)?;
    }
    if text.is_some() {
        e.set_text_content(text);
    }
    Ok(e)
}

/// Sets an element's text. A lone text child is rewritten in place: `textContent` would put a
/// new node in its place, which costs a style recalculation (per keystroke, for fix buttons).
pub fn set_text(e: &Element, s: &str) {
    match e.first_child() {
        Some(t)
            if t.node_type() == Node::TEXT_NODE && t.next_sibling().is_none() && !s.is_empty() =>
        {
            if t.node_value().as_deref() != Some(s) {
                t.set_node_value(Some(s));
            }
        }
        _ => {
            if e.text_content().as_deref() != Some(s) {
                e.set_text_content(Some(s));
            }
        }
    }
}

/// Sets an attribute unless it has that value already: a write, even of the same value,
/// makes the browser recalculate the element's style.
pub fn set_attr_changed(e: &Element, name: &str, value: &str) {
    if e.get_attribute(name).as_deref() != Some(value) {
        let _ = e.set_attribute(name, value);
    }
}

/// Appends `kids` to `parent`, in order.
#[inline(never)]
pub fn append(parent: &Node, kids: &[&Node]) -> Result<(), JsValue> {
    for k in kids {
        parent.append_child(k)?;
    }
    Ok(())
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

// Controls' `value` and `setCustomValidity` go through `Reflect` (imported anyway) rather
// than web-sys's per-class methods: fewer distinct JS imports, a smaller glue file.

/// `target[name]` as a string; empty when it is not one.
pub fn prop_string(target: &JsValue, name: &str) -> String {
    js_sys::Reflect::get(target, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// `target[name]` is `true`.
pub fn prop_bool(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(target, &name.into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// `target[name](arg)`. A `typeof` check, not `instanceof`: works across realms.
pub fn call_str(target: &JsValue, name: &str, arg: &str) {
    if let Ok(f) = js_sys::Reflect::get(target, &name.into()) {
        if f.is_function() {
            let _ = f
                .unchecked_ref::<js_sys::Function>()
                .call1(target, &arg.into());
        }
    }
}

/// `o[k] = v`, errors ignored. Out of line: one copy for the many call sites.
#[inline(never)]
pub fn set(o: &JsValue, k: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(o, &k.into(), v);
}

/// `o[k] = v` for a string `v`.
pub fn set_str(o: &JsValue, k: &str, v: &str) {
    set(o, k, &v.into());
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

// Sorted vectors as sets: the widget's collections hold a few dozen entries at most, and
// one `Vec` instantiation costs far less wasm than a BTree/Hash map per key type. Iteration
// is in sorted order, as a `BTreeSet`'s was.

/// A sorted set of diagnostic keys.
pub type Keys = crate::sorted::Sorted<String>;

/// A sorted set of bound-cell indexes.
pub type Idxs = crate::sorted::Sorted<usize>;

/// `getComputedStyle(el)[prop]` (the element's own realm).
fn computed(el: &Element, props: &[&str]) -> Vec<String> {
    let cs = el
        .owner_document()
        .and_then(|d| js_sys::Reflect::get(&d, &"defaultView".into()).ok())
        .filter(|w| w.is_object())
        .and_then(|w| {
            let f = js_sys::Reflect::get(&w, &"getComputedStyle".into()).ok()?;
            f.unchecked_ref::<js_sys::Function>()
                .call1(&w, el.as_ref())
                .ok()
        });
    match cs {
        Some(cs) => props.iter().map(|p| prop_string(&cs, p)).collect(),
        None => props.iter().map(|_| String::new()).collect(),
    }
}

/// Whether an element draws a box of its own (a border or a box-shadow ring).
fn draws_box(el: &Element) -> bool {
    let v = computed(el, &["borderTopStyle", "borderTopWidth", "boxShadow"]);
    (v[0] != "none" && !v[0].is_empty() && v[1] != "0px") || (!v[2].is_empty() && v[2] != "none")
}

pub fn is_static(el: &Element) -> bool {
    computed(el, &["position"])[0] == "static"
}

fn fields_in(el: &Element) -> u32 {
    el.query_selector_all("input, textarea, select")
        .map(|l| l.length())
        .unwrap_or(0)
}

const STOP: &[&str] = &[
    "td", "th", "tr", "tbody", "table", "form", "body", "html", "li",
];

/// The box a framework draws around a borderless input (Element Plus `el-input__wrapper`,
/// ant-design-vue `ant-input-number`, …): the nearest close-fitting wrapper that holds only
/// this field and draws a border. `None` when the input draws its own box.
pub fn field_box(input: &Element) -> Option<Element> {
    if draws_box(input) {
        return None;
    }
    let ir = input.get_bounding_client_rect();
    let mut cur = input.parent_element();
    for _ in 0..4 {
        let p = cur?;
        if STOP.contains(&tag(&p).as_str()) || fields_in(&p) > 1 {
            return None;
        }
        let r = p.get_bounding_client_rect();
        if r.width() > ir.width() + 80.0 || r.height() > ir.height() + 16.0 {
            return None;
        }
        if draws_box(&p) {
            return Some(p);
        }
        cur = p.parent_element();
    }
    None
}

/// The outermost wrapper holding only this field, below its table cell (where an inline
/// message goes after); the input itself when it sits in the cell directly.
pub fn outer_wrapper(input: &Element) -> Element {
    let mut best = input.clone();
    let mut cur = input.parent_element();
    while let Some(p) = cur {
        if STOP.contains(&tag(&p).as_str()) || fields_in(&p) > 1 {
            break;
        }
        best = p.clone();
        cur = p.parent_element();
    }
    best
}

/// CSS declarations in pixels, `[("left", x), ("top", y)]` → `left:12.5px;top:-3.0px`
/// (one decimal, or none when `whole`), with a suffix such as `" !important"` on each: what
/// `format!("{x:.1}px")` printed, without linking core's float formatting.
pub fn px(decls: &[(&str, f64)], whole: bool, suffix: &str) -> String {
    let mut out = String::new();
    for (i, (name, v)) in decls.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(name);
        out.push(':');
        let n = if whole { v.round() } else { (v * 10.0).round() };
        if n < 0.0 {
            out.push('-');
        }
        // Saturates for huge values; NaN becomes 0.
        let a = n.abs() as u64;
        if whole {
            crate::num::push_u64(&mut out, a);
        } else {
            crate::num::push_u64(&mut out, a / 10);
            out.push('.');
            crate::num::push_u64(&mut out, a % 10);
        }
        out.push_str("px");
        out.push_str(suffix);
    }
    out
}
