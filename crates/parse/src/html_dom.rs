//! HTML in the browser without an HTML parser in the `.wasm`: the page's `DOMParser` builds
//! the tree (inert: scripts do not run, images do not load), and this walker turns it into
//! what the core's Rust reader (`import::html::parse_html`) produces — page title, narrative
//! text outside tables, and every `<table>` as a [`Grid`](crate::import::grid::Grid) of
//! [`RawCell`](crate::import::grid::RawCell)s (`<br>` → `"\n"`,
//! rowspan/colspan, per-table source index) with the text just before it. The grid → report
//! step is then the core importer's [`report_from_doc`], shared by every input kind.
//!
//! Text, tables and nesting are built by the importer's one HTML document builder
//! ([`DocBuilder`]), which the Rust reader feeds too; this file only walks the tree.
//!
//! Text follows the Rust reader's rules so both paths give the same report: white space
//! (NBSP and U+3000 included) collapses to one space, `<br>` and block elements start a new
//! line, lines are trimmed, empty lines dropped; a nested table is a table of its own and its
//! text also goes into the enclosing cell (rows on lines, cells tab-separated); nesting deeper
//! than [`MAX_TABLE_DEPTH`](builder::MAX_TABLE_DEPTH) is flattened. The walk is iterative, so a
//! deep DOM cannot overflow the stack.

use crate::import::builder::{self, DocBuilder, Flow, HtmlDoc, TablePart, TextSink};
use crate::import::tables::report_from_doc;
use crate::import::{Note, ReadOptions};
use crate::report::Report;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomParser, HtmlTableCellElement, Node, SupportedType};

/// Whether this JS environment has a `DOMParser` (browsers yes, Node no).
pub fn available() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str("DOMParser")).unwrap_or(false)
}

/// Reads an HTML document with the page's `DOMParser`.
pub fn read(html: &str) -> Result<HtmlDoc, String> {
    let parser = DomParser::new().map_err(|e| {
        crate::textnorm::concat(&["DOMParser unavailable: ", &super::js_error_text(&e)])
    })?;
    let doc = parser
        .parse_from_string(html, SupportedType::TextHtml)
        .map_err(|e| crate::textnorm::concat(&["DOMParser failed: ", &super::js_error_text(&e)]))?;
    let mut title = TextSink::default();
    for c in doc.title().chars() {
        title.push_char(c, false);
    }
    let mut w = Walker::default();
    if let Some(root) = doc
        .body()
        .map(Node::from)
        .or_else(|| doc.document_element().map(Node::from))
    {
        w.walk(&root);
    }
    Ok(w.doc.finish(title.out))
}

/// `parse(html, {kind: 'html'})` in the browser: DOM walk, then the core's grid → report step.
pub fn import_html(html: &str, opts: &ReadOptions) -> (Report, Vec<Note>) {
    match read(html) {
        Ok(doc) => report_from_doc(&doc.into_doc(), opts),
        Err(e) => (
            Report::default(),
            vec![Note::fatal(
                "no-dom",
                crate::textnorm::concat(&["无法读取 HTML：", &e]),
                crate::textnorm::concat(&["cannot read the HTML: ", &e]),
            )],
        ),
    }
}

/// What to do when leaving an element whose children were walked.
#[derive(Clone, Copy)]
enum Exit {
    Flow(Flow),
    Table,
    Part(TablePart),
    Nothing,
}

#[derive(Default)]
struct Walker {
    doc: DocBuilder,
}

const TEXT_NODE: u16 = 3;
const ELEMENT_NODE: u16 = 1;

impl Walker {
    /// Depth-first over `root`'s descendants without recursion.
    fn walk(&mut self, root: &Node) {
        let mut exits: Vec<Exit> = Vec::new();
        let mut next = root.first_child();
        while let Some(node) = next {
            if let Some(exit) = self.enter(&node) {
                if let Some(child) = node.first_child() {
                    exits.push(exit);
                    next = Some(child);
                    continue;
                }
                self.exit(exit);
            }
            // Next sibling, or climb until an ancestor below `root` has one.
            let mut cur = node;
            next = loop {
                if let Some(sibling) = cur.next_sibling() {
                    break Some(sibling);
                }
                match cur.parent_node() {
                    Some(parent) if !parent.is_same_node(Some(root)) => {
                        if let Some(exit) = exits.pop() {
                            self.exit(exit);
                        }
                        cur = parent;
                    }
                    _ => break None,
                }
            };
        }
        while let Some(exit) = exits.pop() {
            self.exit(exit);
        }
    }

    /// Handles entering a node; `Some(exit)` to walk its children (then run `exit`).
    fn enter(&mut self, node: &Node) -> Option<Exit> {
        match node.node_type() {
            TEXT_NODE => {
                if let Some(text) = node.node_value() {
                    let (sink, pre) = self.doc.text();
                    for c in text.chars() {
                        sink.push_char(c, pre);
                    }
                }
                None
            }
            ELEMENT_NODE => {
                let el: &web_sys::Element = node.unchecked_ref();
                let name = el.local_name().to_ascii_lowercase();
                self.start_tag(name.as_bytes(), node)
            }
            _ => None,
        }
    }

    fn start_tag(&mut self, name: &[u8], node: &Node) -> Option<Exit> {
        if builder::is_hidden(name) {
            return None;
        }
        if name == b"br" {
            self.doc.line_break();
            return None;
        }
        if name == b"table" {
            self.doc.open_table();
            return Some(Exit::Table);
        }
        let Some(part) = TablePart::of(name) else {
            let flow = Flow::of(name);
            self.doc.open_flow(flow);
            return Some(Exit::Flow(flow));
        };
        let (rowspan, colspan) = node
            .dyn_ref::<HtmlTableCellElement>()
            .map_or((1, 1), |c| (c.row_span() as usize, c.col_span() as usize));
        Some(if self.doc.open_part(part, rowspan, colspan) {
            Exit::Part(part)
        } else {
            Exit::Nothing
        })
    }

    fn exit(&mut self, exit: Exit) {
        match exit {
            Exit::Flow(flow) => self.doc.close_flow(flow),
            Exit::Table => self.doc.end_table(),
            Exit::Part(part) => self.doc.close_part(part),
            Exit::Nothing => {}
        }
    }
}
