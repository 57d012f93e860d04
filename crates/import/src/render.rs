//! Renders a report model as text, HTML or TSV in the published layout, so the importers
//! can be tested on a round trip (render, read back, same cells) and a reviewer can look at an
//! imported report the way it was printed.

use super::InputKind;
use crate::format::{self, Format, Layout};
use crate::report::Report;

/// One rendered row: (text, rowspan, colspan) per cell.
type Row = Vec<(String, usize, usize)>;

fn cell(t: &str) -> (String, usize, usize) {
    (t.to_string(), 1, 1)
}

/// Rows of one table in the national layout (captions, headers, data rows).
fn table_rows(f: &Format, report: &Report, ti: usize) -> Vec<Row> {
    let t = &f.tables[ti];
    let value = |row: &str, col: &str| {
        report
            .cells
            .get(&format!("{}.{}.{}", t.id, row, col))
            .cloned()
            .unwrap_or_default()
    };
    let mut rows: Vec<Row> = Vec::new();
    match t.layout {
        Layout::Rows if t.id == "s3" => applications_rows(t, &value, &mut rows),
        Layout::Rows => block_rows(t, &value, &mut rows),
        Layout::SingleRow => single_row_rows(t, &value, &mut rows),
    }
    rows
}

/// A cell's value by row and column id.
type Value<'a> = &'a dyn Fn(&str, &str) -> String;

/// 三 (applications): a three-row header (the note over the row labels, 申请人情况 ›
/// 法人或其他组织 › its kinds), then the data rows with their parent labels as rowspans.
fn applications_rows(t: &format::Table, value: Value, rows: &mut Vec<Row>) {
    let b = &t.blocks[0];
    let note = t.note.unwrap_or_default().to_owned();
    let org: Vec<_> = b.columns.iter().filter(|c| c.parent.is_some()).collect();
    let parent = org.first().and_then(|c| c.parent).unwrap_or_default();
    rows.push(vec![
        (note, 3, 3),
        (b.caption.to_owned(), 1, b.columns.len()),
    ]);
    let mut r2: Row = Vec::new();
    let mut put_parent = false;
    for c in &b.columns {
        if c.parent.is_some() {
            if !put_parent {
                r2.push((parent.to_owned(), 1, org.len()));
                put_parent = true;
            }
        } else {
            r2.push((c.label.to_owned(), 2, 1));
        }
    }
    rows.push(r2);
    rows.push(org.iter().map(|c| cell(c.label)).collect());
    // Data rows, parents as rowspans.
    let n = b.rows.len();
    for (i, r) in b.rows.iter().enumerate() {
        let mut out: Row = Vec::new();
        for (d, p) in r.parents.iter().enumerate() {
            let same_before = i > 0 && b.rows[i - 1].parents.get(d) == Some(p);
            if same_before {
                continue;
            }
            let span = (i..n)
                .take_while(|&j| b.rows[j].parents.get(d) == Some(p))
                .count();
            out.push(((*p).to_owned(), span, 1));
        }
        out.push((r.label.to_owned(), 1, 3 - r.parents.len().min(2)));
        for c in &b.columns {
            out.push(cell(&value(r.id, c.id)));
        }
        rows.push(out);
    }
}

/// A table of row blocks (二, proactive disclosure): per block its caption, a header row
/// and the data rows.
fn block_rows(t: &format::Table, value: Value, rows: &mut Vec<Row>) {
    for b in &t.blocks {
        rows.push(vec![(b.caption.to_owned(), 1, 4)]);
        let w = 3 / b.columns.len().max(1);
        let mut h: Row = vec![cell("信息内容")];
        h.extend(b.columns.iter().map(|c| (c.label.to_owned(), 1, w)));
        rows.push(h);
        for r in &b.rows {
            let mut out: Row = vec![cell(r.label)];
            out.extend(b.columns.iter().map(|c| (value(r.id, c.id), 1, w)));
            rows.push(out);
        }
    }
}

/// A single-row table (四, review and litigation): the header rows (row labels over their
/// columns), then one row of all values.
fn single_row_rows(t: &format::Table, value: Value, rows: &mut Vec<Row>) {
    let b = &t.blocks[0];
    let ncol = b.columns.len();
    let top: Vec<&format::Row> = b.rows.iter().filter(|r| r.parents.is_empty()).collect();
    let nested: Vec<&format::Row> = b.rows.iter().filter(|r| !r.parents.is_empty()).collect();
    let mut r1: Row = top.iter().map(|r| (r.label.to_owned(), 1, ncol)).collect();
    if let Some(p) = nested.first().and_then(|r| r.parents.first()) {
        r1.push(((*p).to_owned(), 1, ncol * nested.len()));
    }
    rows.push(r1);
    let mut r2: Row = Vec::new();
    for _ in &top {
        r2.extend(b.columns.iter().map(|c| (c.label.to_owned(), 2, 1)));
    }
    r2.extend(nested.iter().map(|r| (r.label.to_owned(), 1, ncol)));
    rows.push(r2);
    let mut r3: Row = Vec::new();
    for _ in &nested {
        r3.extend(b.columns.iter().map(|c| cell(c.label)));
    }
    rows.push(r3);
    let mut vals: Row = Vec::new();
    for r in top.iter().chain(nested.iter()) {
        vals.extend(b.columns.iter().map(|c| cell(&value(r.id, c.id))));
    }
    rows.push(vals);
}

/// Renders `report` as a document of `kind` (JSON gives the report JSON on native builds; the
/// binary kinds, which nianbao reads but does not write, give text).
pub fn render(report: &Report, kind: InputKind) -> String {
    let Some(f) = format::builtin(&report.format) else {
        return String::new();
    };
    match kind {
        InputKind::Html => render_html(f, report),
        InputKind::Text | InputKind::Docx | InputKind::Xlsx | InputKind::Pdf => {
            render_text(f, report, true)
        }
        InputKind::Tsv => render_text(f, report, false),
        InputKind::Json => render_json(report),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn render_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

#[cfg(target_arch = "wasm32")]
fn render_json(_report: &Report) -> String {
    String::new()
}

/// Text: title, narrative, then each caption and its rows, cells separated by tabs (as a
/// browser copy gives them). TSV: title row and table rows only.
fn render_text(f: &Format, report: &Report, with_narrative: bool) -> String {
    let mut out = String::new();
    if let Some(t) = &report.title {
        out.push_str(t);
        out.push('\n');
    }
    if with_narrative && !report.narrative.is_empty() {
        out.push_str(&report.narrative);
        out.push('\n');
    }
    for (ti, t) in f.tables.iter().enumerate() {
        if with_narrative {
            out.push_str(t.label);
            out.push('\n');
        } else {
            out.push_str(&tsv_field(t.label));
            out.push('\n');
        }
        for row in table_rows(f, report, ti) {
            // A spanned cell is one field: text and TSV have no spans.
            let fields: Vec<String> = row
                .iter()
                .map(|(text, _, _)| {
                    if with_narrative {
                        text.clone()
                    } else {
                        tsv_field(text)
                    }
                })
                .collect();
            out.push_str(&fields.join("\t"));
            out.push('\n');
        }
    }
    out
}

fn tsv_field(s: &str) -> String {
    if s.contains(['\t', '\n', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// HTML as Word exports it: captions as paragraphs, tables with rowspan/colspan.
fn render_html(f: &Format, report: &Report) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
    if let Some(t) = &report.title {
        out.push_str(&format!("<title>{}</title>", esc(t)));
    }
    out.push_str("</head><body>\n");
    for line in report.narrative.lines() {
        out.push_str(&format!("<p>{}</p>\n", esc(line)));
    }
    for (ti, t) in f.tables.iter().enumerate() {
        out.push_str(&format!(
            "<p><strong>{}</strong></p>\n<table border=\"1\">\n",
            esc(t.label)
        ));
        for row in table_rows(f, report, ti) {
            out.push_str("<tr>");
            for (text, rs, cs) in row {
                let mut attrs = String::new();
                if rs > 1 {
                    attrs.push_str(&format!(" rowspan=\"{rs}\""));
                }
                if cs > 1 {
                    attrs.push_str(&format!(" colspan=\"{cs}\""));
                }
                let body = if text.is_empty() {
                    "&nbsp;".to_string()
                } else {
                    esc(&text).replace('\n', "<br>")
                };
                out.push_str(&format!("<td{attrs}>{body}</td>"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    out.push_str("</body></html>\n");
    out
}
