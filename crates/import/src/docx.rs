//! Word / WPS documents (`.docx`, Office Open XML): the body of `word/document.xml` walked
//! once — paragraphs outside tables into the narrative, each `<w:tbl>` into a grid — and the
//! document title from `docProps/core.xml`.
//!
//! Tables follow Word's model: a cell spans `<w:gridSpan w:val="n"/>` grid columns, a row may
//! start after `<w:gridBefore w:val="n"/>` empty columns, and a vertical merge is a
//! `<w:vMerge w:val="restart"/>` cell continued by `<w:vMerge/>` cells at the same grid column
//! in the rows below. They become `RawCell`s with colspan/rowspan, so the one grid step
//! (`grid.rs`) places them as it places HTML cells. A nested table is a table of its own and
//! its text also goes into the enclosing cell (rows on lines, cells tab-separated), as in HTML.
//!
//! Linear in the part's size; nesting deeper than [`MAX_TABLE_DEPTH`]
//! is flattened into the deepest tracked cell.

use super::builder::MAX_TABLE_DEPTH;
use super::grid::{Grid, GridBudget, RawCell, MAX_COLS};
use super::tables::TableInput;
use super::xml::{self, Token};
use super::zip::Archive;
use super::{Doc, Note};

/// Reads a `.docx` file's body: paragraphs into the narrative, tables into grids.
pub fn parse_docx(bytes: &[u8]) -> Result<Doc, Vec<Note>> {
    let (mut zip, body, mut notes) = Archive::open_with_part(
        bytes,
        "word/document.xml",
        Note::fatal(
            "bad-zip",
            "不是 Word 文件（没有 word/document.xml）",
            "not a Word document (no word/document.xml)",
        ),
    )?;
    let title = core_title(&mut zip, &mut notes);
    let mut doc = parse_document_xml(xml::text(&body));
    doc.title = office_title(title, &doc.narrative);
    notes.append(&mut doc.notes);
    doc.notes = notes;
    Ok(doc)
}

/// The document's title: `dc:title` when set, else its first line mentioning 报告 among the
/// first eight.
pub(crate) fn office_title(core_title: String, narrative: &str) -> String {
    if core_title.trim().is_empty() {
        narrative
            .lines()
            .take(8)
            .find(|l| l.contains("报告"))
            .unwrap_or("")
            .to_string()
    } else {
        core_title
    }
}

/// `dc:title` of `docProps/core.xml` (LibreOffice keeps an HTML page's `<title>` there).
pub(crate) fn core_title(zip: &mut Archive, notes: &mut Vec<Note>) -> String {
    let Ok(Some(core)) = zip.read("docProps/core.xml", notes) else {
        return String::new();
    };
    let core = xml::text(&core);
    let mut inside = false;
    let mut out = String::new();
    for t in xml::tokens(core) {
        match t {
            Token::Start { name, empty, .. } if xml::local(name) == "title" => inside = !empty,
            Token::End { name } if xml::local(name) == "title" => break,
            Token::Text(s) if inside => xml::unescape(s, &mut out),
            Token::Cdata(s) if inside => out.push_str(s),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

struct Cell {
    text: String,
    span: usize,
    vmerge: VMerge,
}

#[derive(Default)]
struct Row {
    before: usize,
    cells: Vec<Cell>,
}

/// A table being read.
struct Table {
    rows: Vec<Row>,
    text_before: String,
    /// Its slot in the document's table list (open order of `<w:tbl>`: document order).
    index: usize,
}

impl Table {
    fn cell(&mut self) -> Option<&mut Cell> {
        self.rows.last_mut()?.cells.last_mut()
    }

    /// Word's rows → `RawCell` rows: `gridBefore` becomes an empty cell, each restart cell's
    /// rowspan counts the continue cells below it at its grid column, which are left out.
    fn into_input(self, budget: &mut GridBudget) -> TableInput {
        let mut out: Vec<Vec<RawCell>> = Vec::with_capacity(self.rows.len());
        // Per grid column: the row and index in `out` of the vertical merge open there.
        let mut open: Vec<Option<(usize, usize)>> = Vec::new();
        let mut source = 0usize;
        for (r, row) in self.rows.into_iter().enumerate() {
            let mut cells = Vec::with_capacity(row.cells.len() + 1);
            let mut col = row.before.min(MAX_COLS);
            if col > 0 {
                // Nothing there: a vertical merge open in these columns ends.
                if open.len() < col {
                    open.resize(col, None);
                }
                for slot in &mut open[..col] {
                    *slot = None;
                }
                let mut pad = RawCell::new("", source);
                pad.colspan = col;
                source += 1;
                cells.push(pad);
            }
            for c in row.cells {
                if col >= MAX_COLS {
                    break;
                }
                let span = c.span.clamp(1, MAX_COLS - col);
                if open.len() < col + span {
                    open.resize(col + span, None);
                }
                if c.vmerge == VMerge::Continue {
                    if let Some((or, oi)) = open[col] {
                        let o: &mut RawCell = &mut out[or][oi];
                        o.rowspan = r - or + 1;
                        col += span;
                        continue;
                    }
                }
                for slot in &mut open[col..col + span] {
                    *slot = None;
                }
                if c.vmerge == VMerge::Restart {
                    open[col] = Some((r, cells.len()));
                }
                let mut cell = RawCell::new(c.text, source);
                cell.colspan = span;
                source += 1;
                cells.push(cell);
                col += span;
            }
            out.push(cells);
        }
        TableInput {
            grid: Grid::from_rows_within(out, budget),
            text_before: self.text_before,
        }
    }
}

/// Appends text to `s`, white space collapsed as a browser renders it (as the HTML readers
/// do, so a page and its Word copy give the same narrative).
pub(crate) fn push_text(s: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '\u{AD}' | '\u{200B}') {
            continue;
        }
        if c.is_whitespace() {
            if !s.is_empty() && !s.ends_with([' ', '\n', '\t']) {
                s.push(' ');
            }
        } else {
            s.push(c);
        }
    }
}

/// Ends the current line of `s` (a paragraph or a break): trailing spaces dropped, no empty
/// lines.
pub(crate) fn end_line(s: &mut String) {
    while s.ends_with(' ') {
        s.pop();
    }
    if !s.is_empty() && !s.ends_with('\n') {
        s.push('\n');
    }
}

/// Where text goes: the innermost open cell, else the narrative.
fn sink<'a>(stack: &'a mut [Table], narrative: &'a mut String) -> &'a mut String {
    match stack.last_mut().and_then(Table::cell) {
        Some(c) => &mut c.text,
        None => narrative,
    }
}

/// Walks `word/document.xml`.
pub(crate) fn parse_document_xml(xml_text: &str) -> Doc {
    let mut w = Walker::default();
    for t in xml::tokens(xml_text) {
        if w.skip > 0 {
            match t {
                Token::Start { empty: false, .. } => w.skip += 1,
                Token::End { .. } => w.skip -= 1,
                _ => {}
            }
            continue;
        }
        match t {
            Token::Text(s) if w.in_text => {
                let mut raw = String::new();
                xml::unescape(s, &mut raw);
                push_text(w.sink(), &raw);
            }
            Token::Cdata(s) if w.in_text => push_text(w.sink(), s),
            Token::Start { name, attrs, empty } => w.start(xml::local(name), attrs, empty),
            Token::End { name } => w.end(xml::local(name)),
            _ => {}
        }
    }
    w.finish()
}

/// The state of the walk over `word/document.xml`.
#[derive(Default)]
struct Walker {
    narrative: String,
    /// Start of the narrative since the last table closed: the next table's text_before.
    mark: usize,
    stack: Vec<Table>,
    /// One slot per <w:tbl>, reserved when it opens (document order), filled when it closes.
    tables: Vec<Option<TableInput>>,
    /// Tables opened beyond MAX_TABLE_DEPTH (flattened).
    deep: usize,
    /// Grid slots and span text left for the document's tables.
    budget: GridBudget,
    /// Inside <w:t> (text).
    in_text: bool,
    /// Depth of a skipped subtree (mc:Fallback, deleted text, field code).
    skip: usize,
    /// Depth of property elements (their <w:tab> is a tab stop, not a tab).
    props: usize,
    in_tcpr: bool,
    in_trpr: bool,
}

impl Walker {
    /// Where text goes: the innermost open cell, else the narrative.
    fn sink(&mut self) -> &mut String {
        sink(&mut self.stack, &mut self.narrative)
    }

    fn start(&mut self, local: &str, attrs: &str, empty: bool) {
        if local.ends_with("Pr") && !empty {
            self.props += 1;
            self.in_tcpr |= local == "tcPr";
            self.in_trpr |= local == "trPr";
            return;
        }
        match local {
            "t" => self.in_text = !empty,
            "Fallback" | "delText" | "instrText" | "rPh" if !empty => self.skip = 1,
            "tab" if self.props == 0 => self.sink().push(' '),
            "br" | "cr" => end_line(self.sink()),
            "tbl" => self.open_table(),
            "tr" if self.deep == 0 => {
                if let Some(t) = self.stack.last_mut() {
                    t.rows.push(Row::default());
                }
            }
            "tc" if self.deep == 0 => {
                if let Some(row) = self.stack.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.cells.push(Cell {
                        text: String::new(),
                        span: 1,
                        vmerge: VMerge::None,
                    });
                }
            }
            "gridSpan" | "vMerge" if self.deep == 0 && self.in_tcpr => {
                self.cell_property(local, attrs)
            }
            "gridBefore" if self.deep == 0 && self.in_trpr => {
                let n = xml::attr(attrs, "w:val").and_then(|v| v.parse().ok());
                if let Some(r) = self.stack.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.before = n.unwrap_or(0usize).min(MAX_COLS);
                }
            }
            _ => {}
        }
    }

    /// `<w:gridSpan>` or `<w:vMerge>` of the open cell.
    fn cell_property(&mut self, local: &str, attrs: &str) {
        let val = xml::attr(attrs, "w:val");
        let Some(c) = self.stack.last_mut().and_then(Table::cell) else {
            return;
        };
        if local == "gridSpan" {
            let n = val.and_then(|v| v.parse().ok());
            c.span = n.unwrap_or(1usize).clamp(1, MAX_COLS);
        } else if val.as_deref() == Some("restart") {
            c.vmerge = VMerge::Restart;
        } else {
            c.vmerge = VMerge::Continue;
        }
    }

    fn end(&mut self, local: &str) {
        match local {
            l if l.ends_with("Pr") => {
                self.props = self.props.saturating_sub(1);
                if l == "tcPr" {
                    self.in_tcpr = false;
                } else if l == "trPr" {
                    self.in_trpr = false;
                }
            }
            "t" => self.in_text = false,
            "p" => end_line(self.sink()),
            "tc" if self.deep == 0 => {
                if let Some(c) = self.stack.last_mut().and_then(Table::cell) {
                    let trimmed = c.text.trim_end().len();
                    c.text.truncate(trimmed);
                }
            }
            "tbl" => self.close_table(),
            _ => {}
        }
    }

    fn open_table(&mut self) {
        if self.stack.len() >= MAX_TABLE_DEPTH {
            self.deep += 1;
            return;
        }
        let text_before = if self.stack.is_empty() {
            let n = &mut self.narrative;
            let b = n[self.mark.min(n.len())..].trim().to_string();
            end_line(n);
            b
        } else {
            String::new()
        };
        self.stack.push(Table {
            rows: Vec::new(),
            text_before,
            index: self.tables.len(),
        });
        self.tables.push(None);
    }

    fn close_table(&mut self) {
        if self.deep > 0 {
            self.deep -= 1;
        } else if let Some(t) = self.stack.pop() {
            let text = table_text(&t);
            match self.stack.last_mut().and_then(Table::cell) {
                Some(outer) => {
                    end_line(&mut outer.text);
                    outer.text.push_str(&text);
                }
                None => self.mark = self.narrative.len(),
            }
            let i = t.index;
            self.tables[i] = Some(t.into_input(&mut self.budget));
        }
    }

    fn finish(mut self) -> Doc {
        while let Some(t) = self.stack.pop() {
            let i = t.index;
            self.tables[i] = Some(t.into_input(&mut self.budget));
        }
        Doc {
            title: String::new(),
            narrative: self.narrative.trim_end().to_string(),
            tables: self.tables.into_iter().flatten().collect(),
            notes: if self.budget.exhausted {
                vec![GridBudget::note()]
            } else {
                Vec::new()
            },
        }
    }
}

/// A table's text for its enclosing cell: rows on lines, cells tab-separated.
fn table_text(t: &Table) -> String {
    let mut s = String::new();
    for r in &t.rows {
        for (i, c) in r.cells.iter().enumerate() {
            if i > 0 {
                s.push('\t');
            }
            s.extend(c.text.chars().map(|ch| if ch == '\n' { ' ' } else { ch }));
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &TableInput) -> Vec<Vec<String>> {
        t.grid
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn spans_merges_and_narrative() {
        let x = r#"<w:document><w:body>
          <w:p><w:r><w:t>标题</w:t></w:r></w:p>
          <w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">二、主动 </w:t></w:r><w:r><w:t>公开</w:t></w:r></w:p>
          <w:tbl>
            <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A&amp;B</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>D</w:t></w:r></w:p><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>E</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>F</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r><mc:AlternateContent><mc:Choice/><mc:Fallback><w:t>dup</w:t></mc:Fallback></mc:AlternateContent></w:p></w:tc></w:tr>
          </w:tbl>
          <w:p><w:r><w:t>后记</w:t></w:r></w:p>
        </w:body></w:document>"#;
        let doc = parse_document_xml(x);
        assert_eq!(doc.narrative, "标题\n二、主动 公开\n后记");
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].text_before, "标题\n二、主动 公开");
        assert_eq!(
            texts(&doc.tables[0]),
            [
                ["A&B", "A&B", "C"],
                ["D\nd", "", "1"],
                ["", "E", "2"],
                ["", "F", "3"],
            ]
        );
        // Row 3's gridBefore ends D's merge: row 4's continue cell has nothing to continue.
        let g = &doc.tables[0].grid;
        assert!(g.rows[3][0].origin);
        // Without the gap, a continue cell is the restart cell's span.
        let x = "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>\
                 <w:p><w:r><w:t>G</w:t></w:r></w:p></w:tc><w:tc/></w:tr>\
                 <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc><w:tc><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        let doc = parse_document_xml(x);
        assert_eq!(texts(&doc.tables[0]), [["G", ""], ["G", "4"]]);
        let g = &doc.tables[0].grid;
        assert_eq!(g.rows[1][0].source, g.rows[0][0].source);
        assert!(!g.rows[1][0].origin);
    }

    #[test]
    fn nested_tables_in_document_order_and_deep_nesting_bounded() {
        let x = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>outer</w:t></w:r></w:p>\
                 <w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
                 </w:tc></w:tr></w:tbl>";
        let doc = parse_document_xml(x);
        assert_eq!(doc.tables.len(), 2);
        assert_eq!(texts(&doc.tables[0]), [["outer\ninner"]]);
        assert_eq!(texts(&doc.tables[1]), [["inner"]]);
        let deep = "<w:tbl><w:tr><w:tc>".repeat(10_000);
        let doc = parse_document_xml(&deep);
        assert_eq!(doc.tables.len(), MAX_TABLE_DEPTH);
    }
}
