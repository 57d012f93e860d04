//! The one HTML document builder, fed by events from either walker: the Rust HTML reader
//! (crates/html, which tokenises the text) and the browser's `DOMParser` walk (crates/parse,
//! which walks the page's tree). It renders text the way browsers do closely enough for
//! matching, builds each table's rows (`RawCell`s) into a [`Grid`] within the document's
//! budget, and tracks nesting, so both walkers give the same [`HtmlDoc`].
//!
//! It parses nothing: tokenising, entities and the tree rules of HTML are the walkers' own;
//! which elements are hidden or start a line is data here ([`HIDDEN_TAGS`], [`BLOCK_TAGS`]).
//! No HTML parser dependency, so the wasm importer can link it.

use super::grid::{Grid, GridBudget, RawCell};
use super::tables::TableInput;
use super::{Doc, Note};

/// Accumulates rendered text: collapses white space, merges line breaks, trims lines.
#[derive(Debug, Default)]
pub struct TextSink {
    pub out: String,
    pub pending_space: bool,
    pub pending_break: bool,
    /// `out.len()` when the last table closed in this context; start of the next `text_before`.
    pub mark: usize,
}

impl TextSink {
    pub fn push_char(&mut self, c: char, pre: bool) {
        if c.is_whitespace() {
            if pre && c == '\n' {
                self.line_break();
            } else {
                self.pending_space = true;
            }
            return;
        }
        if matches!(c, '\u{AD}' | '\u{200B}') {
            return; // soft hyphen and zero-width space render as nothing
        }
        if !self.out.is_empty() {
            if self.pending_break {
                self.out.push('\n');
            } else if self.pending_space && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
        }
        self.pending_break = false;
        self.pending_space = false;
        self.out.push(c);
    }

    /// Appends a run of characters none of which `push_char` treats specially (no white
    /// space, soft hyphen or zero-width space): the same as pushing them one at a time.
    pub fn push_plain(&mut self, run: &str) {
        if run.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            if self.pending_break {
                self.out.push('\n');
            } else if self.pending_space && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
        }
        self.pending_break = false;
        self.pending_space = false;
        self.out.push_str(run);
    }

    pub fn space(&mut self) {
        self.pending_space = true;
    }

    pub fn line_break(&mut self) {
        self.pending_break = true;
    }

    /// Appends preformatted lines (a nested table's text) on lines of their own.
    pub fn push_block(&mut self, block: &str) {
        if block.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out.push_str(block);
        self.pending_space = false;
        self.pending_break = true;
    }

    pub fn since_mark(&self) -> String {
        self.out.get(self.mark..).unwrap_or("").trim().to_owned()
    }

    pub fn set_mark(&mut self) {
        self.mark = self.out.len();
        self.pending_break = true;
    }
}

#[derive(Debug)]
struct OpenCell {
    text: TextSink,
    rowspan: usize,
    colspan: usize,
    source: usize,
}

#[derive(Debug)]
struct TableBuilder {
    /// Slot in `DocBuilder::tables` reserved when `<table>` was seen (keeps document order).
    index: usize,
    rows: Vec<Vec<RawCell>>,
    row_open: bool,
    cell: Option<OpenCell>,
    caption: Option<TextSink>,
    next_source: usize,
    text_before: String,
}

/// Deepest table nesting that is tracked (both HTML readers); deeper `<table>` tags are
/// treated as plain text flow.
pub const MAX_TABLE_DEPTH: usize = 8;

/// Elements whose content is never page text (both HTML readers). The Rust reader skips the
/// content of each up to its end tag (raw text), except `title`, which it reads as the title,
/// and `head`, which ends at the first visible text as in browsers; the DOM walk skips the
/// element's children.
pub const HIDDEN_TAGS: &[&str] = &[
    "script", "style", "noscript", "textarea", "xmp", "iframe", "noembed", "noframes", "template",
    "head", "title",
];

/// Whether the content of element `name` (lower case) is hidden ([`HIDDEN_TAGS`]).
pub fn is_hidden(name: &[u8]) -> bool {
    // A slice search, much smaller in wasm than a `matches!` on strings.
    HIDDEN_TAGS.iter().any(|t| t.as_bytes() == name)
}

/// Whether element `name` (lower case) starts a new line at its start and end ([`BLOCK_TAGS`]).
pub fn is_block(name: &[u8]) -> bool {
    BLOCK_TAGS.iter().any(|t| t.as_bytes() == name)
}

/// Elements that start a new line when rendered (both HTML readers: Rust's and the DOM walk).
pub const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "pre",
    "blockquote",
    "center",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "address",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "option",
];

/// The sink that visible text goes to right now: the innermost open cell or caption of the
/// open tables, else `outside` (the page). Text inside a table but outside cells is shown by
/// browsers before the table, so it goes to the enclosing context as well.
fn current_sink<'a>(stack: &'a mut [TableBuilder], outside: &'a mut TextSink) -> &'a mut TextSink {
    for table in stack.iter_mut().rev() {
        if let Some(cell) = table.cell.as_mut() {
            return &mut cell.text;
        }
        if let Some(caption) = table.caption.as_mut() {
            return caption;
        }
    }
    outside
}

impl TableBuilder {
    /// A table just opened: `index` is its reserved slot, `text_before` the text since the
    /// last mark (its likely caption).
    fn new(index: usize, text_before: String) -> TableBuilder {
        TableBuilder {
            index,
            rows: Vec::new(),
            row_open: false,
            cell: None,
            caption: None,
            next_source: 0,
            text_before,
        }
    }

    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            let text = cell.text.out;
            if let Some(row) = self.rows.last_mut() {
                row.push(RawCell {
                    text,
                    rowspan: cell.rowspan,
                    colspan: cell.colspan,
                    source: cell.source,
                });
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        self.row_open = false;
    }

    fn open_row(&mut self) {
        self.close_row();
        self.rows.push(Vec::new());
        self.row_open = true;
    }

    fn open_cell(&mut self, rowspan: usize, colspan: usize) {
        self.close_cell();
        if !self.row_open {
            self.open_row();
        }
        let source = self.next_source;
        self.next_source += 1;
        self.cell = Some(OpenCell {
            text: TextSink::default(),
            rowspan,
            colspan,
            source,
        });
    }

    fn close_caption(&mut self) {
        if let Some(caption) = self.caption.take() {
            if !caption.out.is_empty() {
                if !self.text_before.is_empty() {
                    self.text_before.push('\n');
                }
                self.text_before.push_str(&caption.out);
            }
        }
    }
}

/// A document as either HTML walker read it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlDoc {
    /// Text of the first `<title>`, whitespace collapsed.
    pub title: String,
    /// Visible text outside tables, one paragraph or line per `'\n'`.
    pub text: String,
    /// Every table in document order (nested ones included). `text_before` is the narrative
    /// text between the previous table (in the same context: the page or the enclosing cell)
    /// and this one, plus the table's `<caption>`; the section caption, e.g.
    /// 三、收到和处理政府信息公开申请情况, is usually its last line.
    pub tables: Vec<TableInput>,
    /// Limits reached while reading (`tables-too-large`).
    pub notes: Vec<Note>,
}

impl HtmlDoc {
    /// The document for the mapping step; a page without `<title>` is named by its first
    /// line mentioning 报告.
    pub fn into_doc(self) -> Doc {
        let title = if self.title.trim().is_empty() {
            self.text
                .lines()
                .find(|l| l.contains("报告"))
                .unwrap_or("")
                .to_string()
        } else {
            self.title
        };
        Doc {
            title,
            narrative: self.text,
            tables: self.tables,
            notes: self.notes,
        }
    }
}

/// How an element other than table structure affects the text flow.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Flow {
    Inline,
    /// Starts a new line at its start and end.
    Block,
    /// `<pre>`: a block whose white space and line breaks are kept.
    Pre,
}

impl Flow {
    pub fn of(name: &[u8]) -> Flow {
        if name == b"pre" {
            Flow::Pre
        } else if is_block(name) {
            Flow::Block
        } else {
            Flow::Inline
        }
    }
}

/// A table structure element (`<th>` is a cell; `thead`/`tbody`/`tfoot` are sections).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TablePart {
    Row,
    Cell,
    Caption,
    Section,
}

impl TablePart {
    pub fn of(name: &[u8]) -> Option<TablePart> {
        Some(match name {
            b"tr" => TablePart::Row,
            b"td" | b"th" => TablePart::Cell,
            b"caption" => TablePart::Caption,
            b"thead" | b"tbody" | b"tfoot" => TablePart::Section,
            _ => return None,
        })
    }
}

/// The document being built while a walker reads it: the page's text, the open tables
/// (innermost last), and every table seen so far in document order.
#[derive(Debug, Default)]
pub struct DocBuilder {
    narrative: TextSink,
    tables: Vec<TableInput>,
    stack: Vec<TableBuilder>,
    /// `<table>` tags beyond [`MAX_TABLE_DEPTH`] still open; their structure only separates
    /// text.
    ignored_tables: usize,
    pre_depth: usize,
    /// Grid slots and span text left for the page's tables.
    budget: GridBudget,
}

impl DocBuilder {
    fn sink(&mut self) -> &mut TextSink {
        current_sink(&mut self.stack, &mut self.narrative)
    }

    /// Where text read now goes, and whether it is preformatted (inside `<pre>`).
    pub fn text(&mut self) -> (&mut TextSink, bool) {
        let pre = self.pre_depth > 0;
        (self.sink(), pre)
    }

    /// `<br>`.
    pub fn line_break(&mut self) {
        self.sink().line_break();
    }

    /// An element of flow `f` starts.
    pub fn open_flow(&mut self, f: Flow) {
        if f == Flow::Pre {
            self.pre_depth += 1;
        }
        if f != Flow::Inline {
            self.sink().line_break();
        }
    }

    /// An element of flow `f` ends.
    pub fn close_flow(&mut self, f: Flow) {
        if f == Flow::Pre {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
        if f != Flow::Inline {
            self.sink().line_break();
        }
    }

    /// `<table>` starts. Too deep to track (or inside an untracked one), it only starts a
    /// line; a table directly inside a table (not in a cell) closes that table first, as in
    /// browsers (the DOM never nests them so).
    pub fn open_table(&mut self) {
        if self.ignored_tables > 0 || self.stack.len() >= MAX_TABLE_DEPTH {
            self.ignored_tables += 1;
            self.sink().line_break();
            return;
        }
        if self.stack.last().is_some_and(|t| t.cell.is_none()) {
            self.close_table();
        }
        let text_before = self.sink().since_mark();
        let index = self.tables.len();
        self.tables.push(TableInput::default());
        self.stack.push(TableBuilder::new(index, text_before));
    }

    /// `</table>` (or EOF): ends the innermost untracked table, else the innermost open one.
    pub fn end_table(&mut self) {
        if self.ignored_tables > 0 {
            self.ignored_tables -= 1;
            self.sink().line_break();
        } else if !self.stack.is_empty() {
            self.close_table();
        }
    }

    /// A table structure element starts (`rowspan`/`colspan` for cells). Returns whether it
    /// opened anything in a tracked table (an untracked table's structure only separates its
    /// cells in the text flow; outside any table it is ignored, as by browsers).
    pub fn open_part(&mut self, part: TablePart, rowspan: usize, colspan: usize) -> bool {
        if self.ignored_tables > 0 {
            let sink = self.sink();
            if part == TablePart::Row {
                sink.line_break();
            } else {
                sink.space();
            }
            return false;
        }
        let Some(table) = self.stack.last_mut() else {
            return false;
        };
        table.close_caption();
        match part {
            TablePart::Row => table.open_row(),
            TablePart::Cell => table.open_cell(rowspan, colspan),
            TablePart::Caption => {
                table.close_row();
                table.caption = Some(TextSink::default());
            }
            TablePart::Section => table.close_row(),
        }
        true
    }

    /// A table structure element ends.
    pub fn close_part(&mut self, part: TablePart) {
        if self.ignored_tables > 0 {
            return;
        }
        if let Some(table) = self.stack.last_mut() {
            match part {
                TablePart::Cell => table.close_cell(),
                TablePart::Caption => table.close_caption(),
                TablePart::Row | TablePart::Section => table.close_row(),
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
            self.narrative.line_break();
            self.narrative.set_mark();
        } else {
            // Nested: the enclosing cell gets the inner table's text too.
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

    /// The end of the document closes every open table.
    pub fn finish(mut self, title: String) -> HtmlDoc {
        while !self.stack.is_empty() {
            self.close_table();
        }
        let notes = if self.budget.exhausted {
            vec![GridBudget::note()]
        } else {
            Vec::new()
        };
        HtmlDoc {
            title,
            text: self.narrative.out,
            tables: self.tables,
            notes,
        }
    }
}
