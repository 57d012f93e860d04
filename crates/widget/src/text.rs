//! Reading text out of the host page: a cell's text as a reader sees it (close to
//! `innerText`, without forcing layout), and the text just before a table (its section
//! heading), for the label matcher.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// Attribute carried by every element nianbao puts into the host's light DOM (for the host's
/// CSS and tests; nianbao itself recognises its elements by identity, `util::is_own`).
pub const UI_ATTR: &str = "data-nb-ui";

/// Table parts, which also start a new line here: a cell's or heading's text may hold nested
/// tables (the HTML readers handle tables themselves). Other blocks: the readers' list.
const TABLE_PARTS: &[&str] = &["tr", "table", "tbody", "thead", "tfoot", "caption"];

/// Elements whose content is never rendered text (or is a control's own value).
const SKIP: &[&str] = &[
    "script", "style", "template", "noscript", "textarea", "input", "select", "button", "iframe",
    "object", "svg", "canvas", "head", "title",
];

#[derive(Default)]
struct Writer {
    out: String,
    space: bool,
    newline: bool,
}

impl Writer {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            // HTML collapses ASCII white space; NBSP and U+3000 are kept as typed.
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                if !self.out.is_empty() && !self.newline {
                    self.space = true;
                }
                continue;
            }
            if self.newline {
                if !self.out.is_empty() {
                    self.out.push('\n');
                }
                self.newline = false;
                self.space = false;
            }
            if self.space {
                self.out.push(' ');
                self.space = false;
            }
            self.out.push(c);
        }
    }

    fn line_break(&mut self) {
        self.space = false;
        self.newline = true;
    }
}

/// True for elements that nianbao inserted into the page (by identity: host content that
/// merely carries `data-nb-ui` is read like any other).
pub fn is_ui(el: &Element) -> bool {
    super::util::is_own(el)
}

fn walk(node: &Node, w: &mut Writer, budget: &mut usize) {
    if *budget == 0 {
        return;
    }
    match node.node_type() {
        Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
            if let Some(t) = node.node_value() {
                *budget = budget.saturating_sub(t.len());
                w.text(&t);
            }
        }
        Node::ELEMENT_NODE => {
            let el: &Element = node.unchecked_ref();
            if is_ui(el) {
                return;
            }
            let tag = el.local_name();
            let tag = tag.to_ascii_lowercase();
            if tag == "br" {
                w.line_break();
                return;
            }
            if SKIP.contains(&tag.as_str()) {
                return;
            }
            let block = crate::import::builder::BLOCK_TAGS.contains(&tag.as_str())
                || TABLE_PARTS.contains(&tag.as_str());
            if block {
                w.line_break();
            }
            let mut child = node.first_child();
            while let Some(c) = child {
                walk(&c, w, budget);
                child = c.next_sibling();
            }
            if block {
                w.line_break();
            }
        }
        _ => {}
    }
}

/// The rendered text of a node: white space collapsed as HTML does, `<br>` and block
/// elements as line breaks, controls and nianbao's own UI left out. At most about
/// `limit` bytes are read.
pub fn text_of(node: &Node, limit: usize) -> String {
    let mut w = Writer::default();
    let mut budget = limit;
    walk(node, &mut w, &mut budget);
    w.out
}

/// A cell's text for the value reader: as [`text_of`], unbounded.
pub fn cell_text(node: &Node) -> String {
    text_of(node, usize::MAX)
}

fn contains_table(node: &Node) -> bool {
    match super::util::as_element(node) {
        Some(el) => {
            el.local_name().eq_ignore_ascii_case("table")
                || el.query_selector("table").ok().flatten().is_some()
        }
        None => false,
    }
}

/// Up to `limit` characters of text that precede `table` in document order, stopping at
/// the previous table: the section heading a host puts above each report table
/// ("三、收到和处理政府信息公开申请情况" in a `<legend>`, a `<p>`, an `<h3>` …).
pub fn text_before(table: &Element, limit: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut total = 0usize;
    let mut node: Node = table.clone().into();
    'outer: loop {
        let mut prev = node.previous_sibling();
        while let Some(p) = prev {
            if contains_table(&p) {
                break 'outer;
            }
            let t = text_of(&p, limit * 4);
            if !t.trim().is_empty() {
                total += t.chars().count();
                parts.push(t);
                if total >= limit {
                    break 'outer;
                }
            }
            prev = p.previous_sibling();
        }
        match node.parent_node() {
            Some(parent) if parent.node_type() == Node::ELEMENT_NODE => {
                let el: &Element = parent.unchecked_ref();
                if el.local_name().eq_ignore_ascii_case("body") {
                    break;
                }
                node = parent;
            }
            _ => break,
        }
    }
    parts.reverse();
    let joined = crate::textnorm::join(&parts, "\n");
    let n = joined.chars().count();
    if n > limit {
        joined.chars().skip(n - limit).collect()
    } else {
        joined
    }
}
