//! Excel / WPS spreadsheets (`.xlsx`, Office Open XML): every sheet, in workbook order, as
//! one grid — cell text from `sharedStrings.xml`, inline strings or the stored value, merged
//! ranges (`<mergeCell ref="A1:C2"/>`) as rowspan/colspan of their top-left cell, so the one
//! grid step (`grid.rs`) places them as it places HTML cells.
//!
//! A sheet is split into tables at its paragraph rows (see [`split_tables`]): a page saved as
//! a sheet gives the same tables, captions and narrative as the page.
//!
//! Linear in the parts' sizes; rows beyond [`MAX_ROWS`] and columns beyond
//! [`MAX_COLS`](super::grid::MAX_COLS) are not read (with a note).

use super::docx::{core_title, office_title};
use super::grid::{Grid, GridBudget, RawCell, MAX_COLS};
use super::tables::{label_kind, LabelKind, TableInput};
use super::xml::{self, Token};
use super::zip::Archive;
use super::{Doc, Note, NoteLevel};

/// Rows of one sheet beyond this are not read; a report sheet has a few hundred.
pub const MAX_ROWS: usize = 20_000;
/// Sheets beyond this are not read.
const MAX_SHEETS: usize = 64;

fn not_excel(what: &str) -> Note {
    Note::fatal(
        "bad-zip",
        crate::textnorm::concat(&["不是 Excel 文件（", what, "）"]),
        crate::textnorm::concat(&["not an Excel workbook (", what, ")"]),
    )
}

/// Reads a `.xlsx` workbook's sheets into grids.
pub fn parse_xlsx(bytes: &[u8]) -> Result<Doc, Vec<Note>> {
    let (mut zip, workbook, mut notes) =
        Archive::open_with_part(bytes, "xl/workbook.xml", not_excel("no xl/workbook.xml"))?;
    let rels = zip
        .read("xl/_rels/workbook.xml.rels", &mut notes)
        .ok()
        .flatten()
        .unwrap_or_default();
    let strings = match zip.read("xl/sharedStrings.xml", &mut notes) {
        Ok(Some(s)) => shared_strings(xml::text(&s)),
        _ => Vec::new(),
    };
    let title = core_title(&mut zip, &mut notes);
    let sheets = sheet_parts(xml::text(&workbook), xml::text(&rels));
    let mut doc = Doc::default();
    let mut narrative = String::new();
    // Grid slots and span text left for the workbook's tables.
    let mut budget = GridBudget::per_document();
    for (name, part) in sheets.iter().take(MAX_SHEETS) {
        let Ok(Some(sheet)) = zip.read(part, &mut notes) else {
            continue;
        };
        let (rows, truncated) = sheet_rows(xml::text(&sheet), &strings);
        if truncated {
            notes.push(Note::new(
                NoteLevel::Warning,
                "sheet-limit",
                crate::textnorm::concat(&["工作表「", name, "」过大，只读取了前 20000 行"]),
                crate::textnorm::concat(&[
                    "sheet ",
                    name,
                    " is larger than nianbao reads; only its first 20000 rows were read",
                ]),
            ));
        }
        split_tables(rows, name, &mut narrative, &mut doc.tables, &mut budget);
    }
    if budget.exhausted {
        notes.push(GridBudget::note());
    }
    doc.title = office_title(title, &narrative);
    doc.narrative = narrative.trim_end().to_string();
    doc.notes = notes;
    Ok(doc)
}

/// The text of every `<si>` of `sharedStrings.xml` (rich runs joined, phonetic runs left out).
fn shared_strings(x: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut in_si, mut in_t, mut skip) = (false, false, 0usize);
    let mut cur = String::new();
    for t in xml::tokens(x) {
        match t {
            Token::Start { name, empty, .. } => match xml::local(name) {
                "si" if !empty => {
                    in_si = true;
                    cur.clear();
                }
                "si" => out.push(String::new()),
                "rPh" if !empty => skip += 1,
                "t" => in_t = !empty,
                _ => {}
            },
            Token::End { name } => match xml::local(name) {
                "si" => {
                    in_si = false;
                    out.push(std::mem::take(&mut cur));
                }
                "rPh" => skip = skip.saturating_sub(1),
                "t" => in_t = false,
                _ => {}
            },
            Token::Text(s) if in_si && in_t && skip == 0 => xml::unescape(s, &mut cur),
            Token::Cdata(s) if in_si && in_t && skip == 0 => cur.push_str(s),
            _ => {}
        }
    }
    out
}

/// The sheets in workbook order: (name, part path), through the workbook's relationships.
fn sheet_parts(workbook: &str, rels: &str) -> Vec<(String, String)> {
    let mut targets: Vec<(String, String)> = Vec::new();
    for t in xml::tokens(rels) {
        if let Token::Start { name, attrs, .. } = t {
            if xml::local(name) == "Relationship" {
                if let (Some(id), Some(target)) =
                    (xml::attr(attrs, "Id"), xml::attr(attrs, "Target"))
                {
                    let path = match target.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => crate::textnorm::concat(&["xl/", &target]),
                    };
                    targets.push((id, path));
                }
            }
        }
    }
    let mut out = Vec::new();
    for t in xml::tokens(workbook) {
        if let Token::Start { name, attrs, .. } = t {
            if xml::local(name) == "sheet" {
                let sheet_name = xml::attr(attrs, "name").unwrap_or_default();
                let id = xml::attr(attrs, "r:id").or_else(|| {
                    // Another prefix for the relationships namespace.
                    attrs.split_whitespace().find_map(|a| {
                        let (k, _) = a.split_once('=')?;
                        (xml::local(k) == "id")
                            .then(|| xml::attr(attrs, k))
                            .flatten()
                    })
                });
                if let Some(part) = id.and_then(|id| targets.iter().find(|(i, _)| *i == id)) {
                    out.push((sheet_name, part.1.clone()));
                }
            }
        }
    }
    if out.is_empty() && targets.iter().any(|(_, p)| p == "xl/worksheets/sheet1.xml") {
        out.push(("Sheet1".into(), "xl/worksheets/sheet1.xml".into()));
    }
    out
}

/// `"B3"` → (row 2, column 1), zero-based; `None` for anything else.
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let r = r.trim().trim_start_matches('$');
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col = 0usize;
    for b in r[..letters].bytes() {
        col = col * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row: usize = r[letters..].trim_start_matches('$').parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

/// A merged range: its two corners as (row, column), zero-based.
type Merge = ((usize, usize), (usize, usize));

/// One cell as read: position, text.
struct SheetCell {
    row: usize,
    col: usize,
    text: String,
}

/// A sheet's cells as rows of `RawCell`s (merges applied); true when rows were cut at
/// [`MAX_ROWS`].
fn sheet_rows(x: &str, strings: &[String]) -> (Vec<Vec<(usize, RawCell)>>, bool) {
    let mut cells: Vec<SheetCell> = Vec::new();
    let mut merges: Vec<Merge> = Vec::new();
    let mut truncated = false;
    // The cell being read: its type and position; whether we are in <v>, <t> (inline) or <f>.
    let (mut kind, mut pos) = (String::new(), (0usize, 0usize));
    let (mut in_c, mut in_v, mut in_t) = (false, false, false);
    let mut value = String::new();
    // Rows and columns without an `r` attribute follow the previous ones.
    let (mut next_row, mut next_col) = (0usize, 0usize);
    for t in xml::tokens(x) {
        match t {
            Token::Start { name, attrs, empty } => match xml::local(name) {
                "row" => {
                    let r = xml::attr(attrs, "r")
                        .and_then(|r| r.trim().parse::<usize>().ok())
                        .filter(|&r| r >= 1)
                        .map_or(next_row, |r| r - 1);
                    next_row = r + 1;
                    next_col = 0;
                    if r >= MAX_ROWS {
                        truncated = true;
                    }
                }
                "c" => {
                    pos = xml::attr(attrs, "r")
                        .and_then(|r| cell_ref(&r))
                        .unwrap_or((next_row.saturating_sub(1), next_col));
                    next_col = pos.1 + 1;
                    kind = xml::attr(attrs, "t").unwrap_or_default();
                    value.clear();
                    in_c = !empty;
                }
                "v" if in_c => in_v = !empty,
                "t" if in_c => in_t = !empty,
                "mergeCell" => merges.extend(merge_ref(attrs)),
                _ => {}
            },
            Token::End { name } => match xml::local(name) {
                "v" => in_v = false,
                "t" => in_t = false,
                "c" if in_c => {
                    in_c = false;
                    if pos.0 < MAX_ROWS && pos.1 < MAX_COLS {
                        let text = cell_text(&kind, &mut value, strings);
                        if !text.trim().is_empty() {
                            cells.push(SheetCell {
                                row: pos.0,
                                col: pos.1,
                                text,
                            });
                        }
                    } else {
                        truncated |= pos.0 >= MAX_ROWS;
                    }
                }
                _ => {}
            },
            Token::Text(s) if in_v || in_t => xml::unescape(s, &mut value),
            Token::Cdata(s) if in_v || in_t => value.push_str(s),
            _ => {}
        }
    }
    (place(cells, &merges), truncated)
}

/// The range of a `<mergeCell ref="A1:C2">`.
fn merge_ref(attrs: &str) -> Option<Merge> {
    xml::attr(attrs, "ref")
        .as_deref()
        .and_then(|r| r.split_once(':'))
        .and_then(|(a, b)| Some((cell_ref(a)?, cell_ref(b)?)))
}

/// A cell's text from its type `t` and the `<v>` (or inline `<t>`) text read: a shared
/// string, a boolean, or the text itself (taken).
fn cell_text(kind: &str, value: &mut String, strings: &[String]) -> String {
    match kind {
        "s" => value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| strings.get(i))
            .cloned()
            .unwrap_or_default(),
        "b" => (if value.trim() == "1" { "TRUE" } else { "FALSE" }).into(),
        _ => std::mem::take(value),
    }
}

/// Merged ranges honoured per sheet, and slots-of-rows they may cover in all (bounds the work
/// on a hostile sheet; a report has a few dozen merges).
const MAX_MERGES: usize = 20_000;
const MAX_COVERED_ROWS: usize = 400_000;

/// Columns `(first, last)` a merge covers in one row.
type Covered = (usize, usize);
/// A merge starting in a row: (column, rowspan, colspan).
type MergeStart = (usize, usize, usize);

/// Per row of a sheet `height` rows high: the column intervals merges cover there, and the
/// merges starting there as (column, rowspan, colspan).
fn merge_rows(merges: &[Merge], height: usize) -> (Vec<Vec<Covered>>, Vec<Vec<MergeStart>>) {
    let mut covered: Vec<Vec<Covered>> = Vec::new();
    covered.resize_with(height, Vec::new);
    let mut starts: Vec<Vec<MergeStart>> = Vec::new();
    starts.resize_with(height, Vec::new);
    let mut budget = MAX_COVERED_ROWS;
    for &(a, b) in merges.iter().take(MAX_MERGES) {
        let (r0, c0) = (a.0.min(b.0), a.1.min(b.1));
        if r0 >= height || c0 >= MAX_COLS {
            continue;
        }
        let r1 = a.0.max(b.0).min(height - 1);
        let c1 = a.1.max(b.1).min(MAX_COLS - 1);
        let h = r1 - r0 + 1;
        if h > budget {
            break;
        }
        budget -= h;
        starts[r0].push((c0, h, c1 - c0 + 1));
        for row in &mut covered[r0..=r1] {
            row.push((c0, c1));
        }
    }
    (covered, starts)
}

/// Rows of `RawCell`s in column order; a merged range's top-left cell carries its spans and
/// the slots it covers are left out (the grid step skips them as it skips HTML's).
fn place(mut cells: Vec<SheetCell>, merges: &[Merge]) -> Vec<Vec<(usize, RawCell)>> {
    // Sheets list cells row by row, left to right; sorting guards against files that do not.
    cells.sort_unstable_by_key(|c| (c.row, c.col));
    let height = cells
        .iter()
        .map(|c| c.row + 1)
        .chain(merges.iter().map(|(a, b)| (a.0.max(b.0) + 1).min(MAX_ROWS)))
        .max()
        .unwrap_or(0);
    let (mut covered, starts) = merge_rows(merges, height);
    let mut out: Vec<Vec<(usize, RawCell)>> = Vec::with_capacity(height);
    let mut source = 0usize;
    let mut it = cells.into_iter().peekable();
    for r in 0..height {
        let mut here: Vec<(usize, String)> = Vec::new();
        while let Some(c) = it.next_if(|c| c.row == r) {
            here.push((c.col, c.text));
        }
        // Merge origins without a cell of their own, in column order (few per row).
        for &(c0, _, _) in &starts[r] {
            if let Err(at) = here.binary_search_by_key(&c0, |(c, _)| *c) {
                here.insert(at, (c0, String::new()));
            }
        }
        let row_cov = &mut covered[r];
        row_cov.sort_unstable();
        // Walks the covered intervals alongside the columns (both only move right).
        let mut k = 0usize;
        let mut is_covered = |c: usize| {
            while k < row_cov.len() && row_cov[k].1 < c {
                k += 1;
            }
            row_cov[k..]
                .iter()
                .take_while(|iv| iv.0 <= c)
                .any(|iv| iv.1 >= c)
        };
        let mut row = Vec::new();
        let mut col = 0usize;
        for (c, text) in here {
            if c < col {
                continue; // under a merge started to the left in this row
            }
            let origin = starts[r].iter().find(|s| s.0 == c).copied();
            // Empty slots before the cell (not those covered by a merge).
            while col < c {
                if !is_covered(col) {
                    row.push((col, RawCell::new("", source)));
                    source += 1;
                }
                col += 1;
            }
            if origin.is_none() && is_covered(c) {
                col = c + 1;
                continue; // text under a merge: Excel shows only the top-left cell's
            }
            let mut cell = RawCell::new(text, source);
            source += 1;
            match origin {
                Some((_, h, w)) => {
                    cell.rowspan = h;
                    cell.colspan = w;
                    col = c + w;
                }
                None => col = c + 1,
            }
            row.push((c, cell));
        }
        out.push(row);
    }
    out
}

/// Splits a sheet into tables at its paragraph rows — one piece of text in column A merged
/// over the sheet's whole width, as a page saved as a sheet puts its paragraphs, or a title or
/// caption over a drafted table — unless that text is a table's own block or header label
/// (第二十条第（一）项). Paragraph rows are narrative lines, and the lines since the last table
/// are the next table's `text_before` (its caption), as in a page.
fn split_tables(
    rows: Vec<Vec<(usize, RawCell)>>,
    sheet: &str,
    narrative: &mut String,
    tables: &mut Vec<TableInput>,
    budget: &mut GridBudget,
) {
    let width = rows
        .iter()
        .flat_map(|r| r.iter().map(|(c, cell)| c + cell.colspan))
        .max()
        .unwrap_or(0);
    let mut current: Vec<Vec<RawCell>> = Vec::new();
    let mut before = String::from(sheet);
    let mut flush =
        |current: &mut Vec<Vec<RawCell>>, before: &mut String, tables: &mut Vec<TableInput>| {
            if current
                .iter()
                .any(|r| r.iter().any(|c| !c.text.trim().is_empty()))
            {
                tables.push(TableInput {
                    grid: Grid::from_rows_within(std::mem::take(current), budget),
                    text_before: std::mem::take(before),
                });
            }
            current.clear();
        };
    for row in rows {
        let mut texts = row.iter().filter(|(_, c)| !c.text.trim().is_empty());
        let paragraph = match (texts.next(), texts.next()) {
            (Some((0, c)), None) => {
                (c.colspan == width || width == 1)
                    && !matches!(
                        label_kind(c.text.trim()),
                        LabelKind::Block | LabelKind::Header
                    )
            }
            _ => false,
        };
        if paragraph {
            flush(&mut current, &mut before, tables);
            let text = row
                .into_iter()
                .find(|(_, c)| !c.text.trim().is_empty())
                .map(|(_, c)| c.text);
            for l in text
                .iter()
                .flat_map(|t| t.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                super::docx::push_text(narrative, l);
                super::docx::end_line(narrative);
                if !before.is_empty() {
                    before.push('\n');
                }
                before.push_str(l);
            }
        } else {
            current.push(row.into_iter().map(|(_, c)| c).collect());
        }
    }
    flush(&mut current, &mut before, tables);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AC152"), Some((151, 28)));
        assert_eq!(cell_ref("$B$3"), Some((2, 1)));
        for bad in ["", "1", "A0", "ABCD1", "A", "Ä1"] {
            assert_eq!(cell_ref(bad), None, "{bad}");
        }
    }

    #[test]
    fn merges_become_spans() {
        let sheet = r#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>x &amp; y</t></is></c></row>
            <row r="2"><c r="B2"><v>7</v></c><c r="C2"><v>8</v></c></row>
            </sheetData><mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="A2:A3"/></mergeCells></worksheet>"#;
        let (rows, cut) = sheet_rows(sheet, &["标签".to_string()]);
        assert!(!cut);
        let rows: Vec<Vec<RawCell>> = rows
            .into_iter()
            .map(|r| r.into_iter().map(|(_, c)| c).collect())
            .collect();
        let texts: Vec<Vec<(&str, usize, usize)>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| (c.text.as_str(), c.rowspan, c.colspan))
                    .collect()
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                vec![("标签", 1, 2), ("x & y", 1, 1)],
                vec![("", 2, 1), ("7", 1, 1), ("8", 1, 1)],
                vec![],
            ]
        );
        let g = Grid::from_rows(rows);
        assert_eq!(g.rows[1][1].text, "7");
        assert_eq!(g.rows[2][0].source, g.rows[1][0].source);
    }

    #[test]
    fn shared_strings_join_runs_and_skip_phonetics() {
        let x = r#"<sst><si><t>a</t></si><si><r><t>本年</t></r><r><t xml:space="preserve">新收</t></r><rPh><t>ほん</t></rPh></si><si/></sst>"#;
        assert_eq!(shared_strings(x), vec!["a", "本年新收", ""]);
    }
}
