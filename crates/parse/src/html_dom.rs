//! HTML in the browser without an HTML parser in the `.wasm`: the page's `DOMParser` builds
//! the tree (inert: scripts do not run, images do not load), and this walker turns it into
//! what the core's Rust reader (`import::html::parse_html`) produces — page title, narrative
//! text outside tables, and every `<table>` as a [`Grid`] of [`RawCell`]s (`<br>` → `"\n"`,
//! rowspan/colspan, per-table source index) with the text just before it. The grid → report
//! step is then the core importer's [`report_from_doc`], shared by every input kind.
//!
//! Text follows the Rust reader's rules so both paths give the same report: white space
//! (NBSP and U+3000 included) collapses to one space, `<br>` and block elements start a new
//! line, lines are trimmed, empty lines dropped; a nested table is a table of its own and its
//! text also goes into the enclosing cell (rows on lines, cells tab-separated); nesting deeper
//! than [`MAX_TABLE_DEPTH`] is flattened. The walk is iterative, so a deep DOM cannot
//! overflow the stack.

use crate::import::builder::MAX_TABLE_DEPTH;
use crate::import::builder::{self, TableBuilder, TextSink};
use crate::import::grid::{Grid, GridBudget};
use crate::import::tables::{report_from_doc, TableInput};
use crate::import::{Doc, Note, ReadOptions};
use crate::report::Report;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomParser, HtmlTableCellElement, Node, SupportedType};

/// Whether this JS environment has a `DOMParser` (browsers yes, Node no).
pub fn available() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str("DOMParser")).unwrap_or(false)
}

/// A document as the walker read it.
pub struct DomDoc {
    pub title: String,
    /// Visible text outside tables, one paragraph or line per `'\n'`.
    pub text: String,
    /// Every table in document order (nested ones included).
    pub tables: Vec<TableInput>,
    /// Limits reached while reading (`tables-too-large`).
    pub notes: Vec<Note>,
}

/// Reads an HTML document with the page's `DOMParser`.
pub fn read(html: &str) -> Result<DomDoc, String> {
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
    while !w.stack.is_empty() {
        w.close_table();
    }
    let notes = if w.budget.exhausted {
        vec![GridBudget::note()]
    } else {
        Vec::new()
    };
    Ok(DomDoc {
        title: title.out,
        text: w.narrative.out,
        tables: w.tables,
        notes,
    })
}

/// `parse(html, {kind: 'html'})` in the browser: DOM walk, then the core's grid → report step.
pub fn import_html(html: &str, opts: &ReadOptions) -> (Report, Vec<Note>) {
    match read(html) {
        Ok(doc) => {
            // As `import::import_html` does after its own parse: a page without <title> is
            // named by its first line mentioning 报告.
            let title = if doc.title.trim().is_empty() {
                doc.text.lines().find(|l| l.contains("报告")).unwrap_or("")
            } else {
                &doc.title
            };
            let doc = Doc {
                title: title.to_string(),
                narrative: doc.text,
                tables: doc.tables,
                notes: doc.notes,
            };
            report_from_doc(&doc, opts)
        }
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
    Nothing,
    Block,
    Pre,
    Table,
    IgnoredTable,
    Cell,
    Row,
    Caption,
    Section,
}

#[derive(Default)]
struct Walker {
    narrative: TextSink,
    tables: Vec<TableInput>,
    stack: Vec<TableBuilder>,
    ignored_tables: usize,
    pre_depth: usize,
    /// Grid slots and span text left for the page's tables (as the native reader's).
    budget: GridBudget,
}

// Tag lists as data: a slice search is much smaller in wasm than a `matches!` on strings.

const HIDDEN_TAGS: &[&str] = &[
    "script", "style", "noscript", "textarea", "xmp", "iframe", "noembed", "noframes", "template",
    "head", "title",
];

fn is_block(name: &str) -> bool {
    builder::BLOCK_TAGS.contains(&name)
}

fn is_hidden(name: &str) -> bool {
    HIDDEN_TAGS.contains(&name)
}

const TEXT_NODE: u16 = 3;
const ELEMENT_NODE: u16 = 1;

impl Walker {
    fn sink(&mut self) -> &mut TextSink {
        builder::current_sink(&mut self.stack, &mut self.narrative)
    }

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
                    let pre = self.pre_depth > 0;
                    let sink = self.sink();
                    for c in text.chars() {
                        sink.push_char(c, pre);
                    }
                }
                None
            }
            ELEMENT_NODE => {
                let el: &web_sys::Element = node.unchecked_ref();
                let name = el.local_name().to_ascii_lowercase();
                self.start_tag(&name, node)
            }
            _ => None,
        }
    }

    fn start_tag(&mut self, name: &str, node: &Node) -> Option<Exit> {
        if is_hidden(name) {
            return None;
        }
        match name {
            "br" => {
                self.sink().pending_break = true;
                None
            }
            "table" => Some(self.open_table()),
            "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" | "caption" => {
                Some(self.table_part(name, node))
            }
            "pre" => {
                self.pre_depth += 1;
                self.sink().pending_break = true;
                Some(Exit::Pre)
            }
            _ if is_block(name) => {
                self.sink().pending_break = true;
                Some(Exit::Block)
            }
            _ => Some(Exit::Nothing),
        }
    }

    fn exit(&mut self, exit: Exit) {
        match exit {
            Exit::Nothing => {}
            Exit::Block => self.sink().pending_break = true,
            Exit::Pre => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                self.sink().pending_break = true;
            }
            Exit::Table => self.close_table(),
            Exit::IgnoredTable => {
                self.ignored_tables = self.ignored_tables.saturating_sub(1);
                self.sink().pending_break = true;
            }
            Exit::Cell | Exit::Row | Exit::Caption | Exit::Section => {
                if self.ignored_tables > 0 {
                    return;
                }
                if let Some(t) = self.stack.last_mut() {
                    match exit {
                        Exit::Cell => t.close_cell(),
                        Exit::Caption => t.close_caption(),
                        _ => t.close_row(),
                    }
                }
            }
        }
    }

    fn open_table(&mut self) -> Exit {
        if self.ignored_tables > 0 || self.stack.len() >= MAX_TABLE_DEPTH {
            self.ignored_tables += 1;
            self.sink().pending_break = true;
            return Exit::IgnoredTable;
        }
        let text_before = self.sink().since_mark();
        let index = self.tables.len();
        self.tables.push(TableInput::default());
        self.stack.push(TableBuilder::new(index, text_before));
        Exit::Table
    }

    fn table_part(&mut self, name: &str, node: &Node) -> Exit {
        if self.ignored_tables > 0 {
            let sink = self.sink();
            if name == "tr" {
                sink.pending_break = true;
            } else {
                sink.pending_space = true;
            }
            return Exit::Nothing;
        }
        let Some(table) = self.stack.last_mut() else {
            return Exit::Nothing; // the DOM only has these inside tables, but be safe
        };
        table.close_caption();
        match name {
            "tr" => {
                table.open_row();
                Exit::Row
            }
            "td" | "th" => {
                let (rowspan, colspan) = node
                    .dyn_ref::<HtmlTableCellElement>()
                    .map_or((1, 1), |c| (c.row_span() as usize, c.col_span() as usize));
                table.open_cell(rowspan, colspan);
                Exit::Cell
            }
            "caption" => {
                table.close_row();
                table.caption = Some(TextSink::default());
                Exit::Caption
            }
            _ => {
                table.close_row();
                Exit::Section
            }
        }
    }

    fn close_table(&mut self) {
        let Some(mut table) = self.stack.pop() else {
            return;
        };
        table.close_caption();
        table.close_row();
        let grid = Grid::from_rows_within(table.rows, &mut self.budget);
        if self.stack.is_empty() {
            self.narrative.pending_break = true;
            self.narrative.set_mark();
        } else {
            let flat = grid.flatten_text();
            let sink = self.sink();
            sink.push_block(&flat);
            sink.set_mark();
        }
        if let Some(slot) = self.tables.get_mut(table.index) {
            *slot = TableInput {
                grid,
                text_before: table.text_before,
            };
        }
    }
}
