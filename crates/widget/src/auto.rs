//! Automatic binding: every report table in the root becomes a grid of `RawCell`s (the
//! importers' grid step) and the importers' table mapper — the same label matcher as the
//! text/HTML importers — says which physical cell holds which cell id. Value slots are found
//! structurally, so empty inputs bind too. Runs once, at attach time.

use super::controls::{find_tables, read_control, resolve, BindNote, Kind};
use super::text;
use crate::import::grid::{Grid, RawCell};
use crate::import::tables::{map_tables_strict, TableInput};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTableCellElement, HtmlTableElement, Node};

pub struct Auto {
    pub format: Option<String>,
    pub cells: Vec<(String, Element)>,
    pub unmapped: Vec<String>,
    pub duplicates: Vec<String>,
    pub merged: Vec<String>,
    /// Cells whose column labels are missing: never bound by position.
    pub unlabelled: Vec<String>,
    pub notes: Vec<BindNote>,
    pub tables: usize,
}

/// One table as the grid step wants it: rows of physical cells, label cells with their
/// text, control cells with their current value; `source` indexes into `phys`.
fn table_rows(table: &HtmlTableElement, phys: &mut Vec<Element>) -> Vec<Vec<RawCell>> {
    let rows = table.rows();
    let mut out = Vec::with_capacity(rows.length() as usize);
    for r in 0..rows.length() {
        let Some(tr) = rows
            .item(r)
            .map(|e| e.unchecked_into::<web_sys::HtmlTableRowElement>())
        else {
            continue;
        };
        let cells = tr.cells();
        let mut row = Vec::with_capacity(cells.length() as usize);
        for c in 0..cells.length() {
            let Some(el) = cells.item(c) else { continue };
            // `cells` holds only <td>/<th> (of any realm: editor iframes).
            let td: HtmlTableCellElement = el.clone().unchecked_into();
            let text = match resolve(&el) {
                Some((ctl, Kind::Input | Kind::TextArea, _)) => read_control(&ctl),
                // Labels are short; a layout table wrapping the whole page must not cost its text.
                _ => text::text_of(&el, 4096),
            };
            let source = phys.len();
            phys.push(el);
            row.push(RawCell {
                text,
                rowspan: td.row_span() as usize,
                colspan: td.col_span() as usize,
                source,
            });
        }
        out.push(row);
    }
    out
}

/// A table holding only header rows (a `<thead>`, no body rows): the header half of a grid
/// drawn as two tables (Element Plus, ant-design-vue with a fixed header, vxe-table, layui
/// `table.render`).
fn header_only(t: &HtmlTableElement) -> bool {
    let head_rows = t.t_head().map(|h| h.rows().length()).unwrap_or(0);
    if head_rows == 0 {
        return false;
    }
    let bodies = t.t_bodies();
    (0..bodies.length()).all(|i| {
        bodies
            .item(i)
            .map(|b| {
                b.unchecked_into::<web_sys::HtmlTableSectionElement>()
                    .rows()
                    .length()
                    == 0
            })
            .unwrap_or(true)
    })
}

/// A table with body rows and no header rows of its own.
fn body_only(t: &HtmlTableElement) -> bool {
    t.t_head().map(|h| h.rows().length()).unwrap_or(0) == 0 && t.rows().length() > 0
}

/// Column count: the `<colgroup>` (what frameworks use to align their two tables), else the
/// widest row.
fn columns(t: &HtmlTableElement) -> u32 {
    if let Ok(cols) = t.query_selector_all(":scope > colgroup > col") {
        if cols.length() > 0 {
            let mut n = 0;
            for i in 0..cols.length() {
                let span = cols
                    .item(i)
                    .and_then(|c| super::util::as_element(&c))
                    .and_then(|c| c.get_attribute("span"))
                    .and_then(|s| s.trim().parse::<u32>().ok())
                    .unwrap_or(1);
                n += span.max(1);
            }
            return n;
        }
    }
    let rows = t.rows();
    let mut w = 0;
    for r in 0..rows.length() {
        if let Some(tr) = rows.item(r) {
            let cells = tr.unchecked_into::<web_sys::HtmlTableRowElement>().cells();
            let mut n = 0;
            for c in 0..cells.length() {
                if let Some(td) = cells.item(c) {
                    n += td
                        .unchecked_into::<HtmlTableCellElement>()
                        .col_span()
                        .max(1);
                }
            }
            w = w.max(n);
        }
    }
    w
}

/// Whether `b` sits near `h` (within a few wrappers): the two halves of one grid.
fn near(h: &Element, b: &Element) -> bool {
    let mut cur = h.parent_element();
    for _ in 0..5 {
        let Some(p) = cur else { return false };
        if p.contains(Some(b.as_ref())) {
            return true;
        }
        cur = p.parent_element();
    }
    false
}

/// The tables as the label matcher should see them: a header-only table followed by its
/// body table (same columns, by `<colgroup>`) becomes one grid, header rows first, so the
/// header's labels name the body's columns — binding by labels, not by position.
fn grids(tables: &[HtmlTableElement], phys: &mut Vec<Element>) -> Vec<TableInput> {
    let mut inputs = Vec::with_capacity(tables.len());
    let mut i = 0;
    while i < tables.len() {
        let t = &tables[i];
        let mut rows = table_rows(t, phys);
        let mut used = 1;
        if header_only(t) {
            if let Some(b) = tables.get(i + 1) {
                let (hc, bc) = (columns(t), columns(b));
                // A header may carry one extra column for the body's scrollbar (a gutter).
                if body_only(b) && (hc == bc || hc == bc + 1) && near(t.as_ref(), b.as_ref()) {
                    rows.extend(table_rows(b, phys));
                    used = 2;
                }
            }
        }
        if !rows.is_empty() {
            inputs.push(TableInput {
                grid: Grid::from_rows(rows),
                text_before: text::text_before(t, 200),
            });
        }
        i += used;
    }
    inputs
}

pub fn auto_bind(root: &Element, hint: Option<&str>, year: Option<u16>) -> Auto {
    let tables = find_tables(root);
    let mut phys: Vec<Element> = Vec::new();
    let inputs = grids(&tables, &mut phys);
    let m = map_tables_strict(&inputs, hint, year);
    let mut used_tables = vec![false; tables.len()];
    let mut cells = Vec::with_capacity(m.cells.len());
    for c in m.cells {
        if let Some(el) = phys.get(c.source) {
            if let Some(t) = el.closest("table").ok().flatten() {
                if let Some(i) = tables.iter().position(|x| {
                    let a: &Node = x.as_ref();
                    a.is_same_node(Some(t.as_ref()))
                }) {
                    used_tables[i] = true;
                }
            }
            cells.push((c.cell, el.clone()));
        }
    }
    Auto {
        format: m.format,
        cells,
        unmapped: m.unmapped,
        duplicates: m.duplicates,
        merged: m.merged,
        unlabelled: m.unlabelled,
        notes: m
            .notes
            .into_iter()
            .map(|n| BindNote {
                level: n.level.as_str().to_string(),
                code: n.code,
                message: n.message,
                en: n.en,
            })
            .collect(),
        tables: used_tables.iter().filter(|&&u| u).count(),
    }
}
