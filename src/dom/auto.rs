//! Automatic binding: every report table in the root becomes a grid of `RawCell`s (the
//! importers' grid step) and the importers' table mapper — the same label matcher as the
//! text/HTML importers — says which physical cell holds which cell id. Value slots are found
//! structurally, so empty inputs bind too. Runs once, at attach time.

use super::bind::{find_tables, read_control, resolve, BindNote, Kind};
use super::text;
use crate::import::grid::{Grid, RawCell};
use crate::import::tables::{map_tables_for_year, TableInput};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTableCellElement, HtmlTableElement, Node};

pub struct Auto {
    pub format: Option<String>,
    pub cells: Vec<(String, Element)>,
    pub unmapped: Vec<String>,
    pub duplicates: Vec<String>,
    pub merged: Vec<String>,
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

pub fn auto_bind(root: &Element, hint: Option<&str>, year: Option<u16>) -> Auto {
    let tables = find_tables(root);
    let mut phys: Vec<Element> = Vec::new();
    let mut inputs = Vec::with_capacity(tables.len());
    for t in &tables {
        let rows = table_rows(t, &mut phys);
        if rows.is_empty() {
            continue;
        }
        inputs.push(TableInput {
            grid: Grid::from_rows(rows),
            text_before: text::text_before(t, 200),
        });
    }
    let m = map_tables_for_year(&inputs, hint, year);
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
