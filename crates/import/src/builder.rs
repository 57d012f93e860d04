//! Builds table rows (`RawCell`s) and rendered text while a document is walked — shared by
//! the Rust HTML reader and the browser's DOMParser walker, so both feed the grid step the
//! same way.

use super::grid::RawCell;

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
pub struct OpenCell {
    pub text: TextSink,
    pub rowspan: usize,
    pub colspan: usize,
    pub source: usize,
}

#[derive(Debug)]
pub struct TableBuilder {
    /// Slot in `Parser::tables` reserved when `<table>` was seen (keeps document order).
    pub index: usize,
    pub rows: Vec<Vec<RawCell>>,
    pub row_open: bool,
    pub cell: Option<OpenCell>,
    pub caption: Option<TextSink>,
    pub next_source: usize,
    pub text_before: String,
}

/// Deepest table nesting that is tracked (both HTML readers); deeper `<table>` tags are
/// treated as plain text flow.
pub const MAX_TABLE_DEPTH: usize = 8;

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
pub fn current_sink<'a>(
    stack: &'a mut [TableBuilder],
    outside: &'a mut TextSink,
) -> &'a mut TextSink {
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
    pub fn new(index: usize, text_before: String) -> TableBuilder {
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

    pub fn close_cell(&mut self) {
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

    pub fn close_row(&mut self) {
        self.close_cell();
        self.row_open = false;
    }

    pub fn open_row(&mut self) {
        self.close_row();
        self.rows.push(Vec::new());
        self.row_open = true;
    }

    pub fn open_cell(&mut self, rowspan: usize, colspan: usize) {
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

    pub fn close_caption(&mut self) {
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
