//! Binding the host's page to cell ids, once, at attach time. In order of preference:
//! 1. the explicit `map` option `{cellId: selector | element}`;
//! 2. `data-nianbao-cell="s3.new.natural"` attributes;
//! 3. automatic: every `<table>` in the root (and in same-origin editor iframes) becomes a
//!    grid of `RawCell`s through the importers' grid step, and the importers' table mapper
//!    (the same label matcher) says which physical cell holds which cell id.
//!
//! What could not be bound is reported (`Unbound`), never guessed.

use super::controls::{editing_input, resolve};
pub use super::controls::{find_tables, read_control, BindNote, Kind};
use super::text;
use super::util::as_element;
use crate::format::{self, Format};
use crate::textnorm::concat;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element, Node};

#[derive(Clone)]
pub struct Bound {
    pub id: String,
    /// Index of the cell in the format.
    pub index: usize,
    pub el: Element,
    pub kind: Kind,
    /// The editing host (`contenteditable` root) of an `Editable` cell.
    pub host: Option<Element>,
    /// `map`, `data` or `auto`.
    pub via: &'static str,
}

#[derive(Clone, Debug)]
pub struct Unbound {
    pub cell: Option<String>,
    pub label: Option<String>,
    pub selector: Option<String>,
    pub reason: &'static str,
}

impl Unbound {
    fn cell(cell: &str, reason: &'static str) -> Unbound {
        Unbound {
            cell: Some(cell.to_string()),
            label: None,
            selector: None,
            reason,
        }
    }
}

pub struct Binding {
    pub format: &'static Format,
    pub cells: Vec<Bound>,
    pub unbound: Vec<Unbound>,
    pub notes: Vec<BindNote>,
    /// Number of report tables the automatic step recognised.
    pub tables: usize,
}

/// What to bind (already read from the JS options).
pub struct Request<'a> {
    pub map: &'a [(String, JsValue)],
    pub format: Option<&'a str>,
    pub year: Option<u16>,
    pub auto: bool,
}

/// The text a bound cell holds right now: what the user typed, untouched.
pub fn read(b: &Bound) -> String {
    match b.kind {
        Kind::Input | Kind::TextArea => super::controls::value_of(&b.el),
        Kind::Editable => text::cell_text(&b.el),
        // A grid cell shows its value as text, and an input only while it is edited
        // (layui `table.render`, vxe-table): then the input is what the user sees.
        Kind::Static => match editing_input(&b.el) {
            Some(i) => read_control(&i),
            None => text::cell_text(&b.el),
        },
    }
}

/// The format whose cell ids include all of `ids`; `None` when several or none do.
fn infer_format(ids: &[&str]) -> Option<&'static Format> {
    let fits: Vec<&'static Format> = format::builtin_formats()
        .iter()
        .filter(|f| f.id == f.base)
        .filter(|f| ids.iter().all(|id| f.cell_index(id).is_some()))
        .collect();
    (fits.len() == 1).then(|| fits[0])
}

fn query(root: &Element, doc: &Document, sel: &str) -> Option<Element> {
    root.query_selector(sel)
        .ok()
        .flatten()
        .or_else(|| doc.query_selector(sel).ok().flatten())
}

pub fn bind(root: &Element, doc: &Document, req: &Request) -> Result<Binding, String> {
    let mut unbound: Vec<Unbound> = Vec::new();
    let mut notes: Vec<BindNote> = Vec::new();
    // (cell id, element, via) in order of preference.
    let mut candidates = map_candidates(root, doc, req.map, &mut unbound);
    candidates.extend(data_candidates(root));
    let mut auto_format: Option<String> = None;
    let mut tables = 0;
    if req.auto {
        let a = super::auto::auto_bind(root, req.format, req.year);
        auto_format = a.format;
        tables = a.tables;
        let labels = a.unmapped.into_iter().map(|label| Unbound {
            cell: None,
            label: Some(label),
            selector: None,
            reason: "unmapped-label",
        });
        unbound.extend(labels);
        let reasons = [
            (a.duplicates, "duplicate"),
            (a.merged, "merged"),
            (a.unlabelled, "no-column-label"),
        ];
        for (cells, reason) in reasons {
            unbound.extend(cells.iter().map(|c| Unbound::cell(c, reason)));
        }
        notes.extend(a.notes);
        candidates.extend(a.cells.into_iter().map(|(id, el)| (id, el, "auto")));
    }
    let format = choose_format(req, auto_format.as_deref(), &candidates, &mut notes)?;
    let cells = assign(format, candidates, &mut unbound);
    Ok(Binding {
        format,
        cells,
        unbound,
        notes,
        tables,
    })
}

/// A cell id, the element found for it, and how (`map`, `data`, `auto`).
type Candidate = (String, Element, &'static str);

/// The explicit `map` option: a selector or an element per cell id.
fn map_candidates(
    root: &Element,
    doc: &Document,
    map: &[(String, JsValue)],
    unbound: &mut Vec<Unbound>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (id, v) in map {
        let found = if let Some(sel) = v.as_string() {
            match query(root, doc, &sel) {
                Some(el) => Some(el),
                None => {
                    unbound.push(Unbound {
                        cell: Some(id.clone()),
                        label: None,
                        selector: Some(sel),
                        reason: "no-element",
                    });
                    continue;
                }
            }
        } else {
            as_element(v)
        };
        match found {
            Some(el) => out.push((id.clone(), el, "map")),
            None => unbound.push(Unbound::cell(id, "not-an-element")),
        }
    }
    out
}

/// Elements marked `data-nianbao-cell="…"` (the root included).
fn data_candidates(root: &Element) -> Vec<Candidate> {
    let mut els: Vec<Element> = Vec::new();
    if root.has_attribute("data-nianbao-cell") {
        els.push(root.clone());
    }
    if let Ok(list) = root.query_selector_all("[data-nianbao-cell]") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| as_element(&n)) {
                els.push(el);
            }
        }
    }
    els.into_iter()
        .filter_map(|el| {
            let id = el.get_attribute("data-nianbao-cell")?.trim().to_string();
            (!id.is_empty()).then_some((id, el, "data"))
        })
        .collect()
}

/// The option's format, else the one the tables were recognised as, else the one the cell
/// ids imply, else the report year's (with a note saying so).
fn choose_format(
    req: &Request,
    auto_format: Option<&str>,
    candidates: &[Candidate],
    notes: &mut Vec<BindNote>,
) -> Result<&'static Format, String> {
    if let Some(f) = req.format {
        return format::builtin(f).ok_or_else(|| concat(&["unknown format '", f, "'"]));
    }
    if let Some(f) = auto_format.and_then(format::builtin) {
        return Ok(f);
    }
    let ids: Vec<&str> = candidates.iter().map(|c| c.0.as_str()).collect();
    if let Some(f) = infer_format(&ids) {
        return Ok(f);
    }
    let f = match req.year.and_then(Format::expected_for_year) {
        Some(f) => f,
        None if candidates.is_empty() => {
            return Err("no report table or cell found to attach to".into())
        }
        None => format::builtin("gb2021").ok_or("format gb2021 missing")?,
    };
    notes.push(BindNote {
        level: "warning".into(),
        code: "format-assumed".into(),
        message: concat(&[
            "单元格编号无法区分格式，按 ",
            f.id,
            " 处理（请传入 options.format）",
        ]),
        en: concat(&[
            "the cell ids do not tell the format apart; assuming ",
            f.id,
            " (pass options.format)",
        ]),
    });
    Ok(f)
}

/// Each format cell gets its first usable candidate; the rest go to `unbound` with why.
/// The result is in format order.
fn assign(format: &Format, candidates: Vec<Candidate>, unbound: &mut Vec<Unbound>) -> Vec<Bound> {
    let mut slots: Vec<Option<Bound>> = (0..format.cells.len()).map(|_| None).collect();
    let mut taken_els: Vec<Element> = Vec::new();
    for (id, el, via) in candidates {
        let Some(index) = format.cell_index(&id) else {
            unbound.push(Unbound::cell(&id, "unknown-cell"));
            continue;
        };
        if slots[index].is_some() {
            // A later, less preferred binding of the same cell: the first one stands.
            if via != "auto" {
                unbound.push(Unbound::cell(&id, "duplicate"));
            }
            continue;
        }
        let Some((ctl, kind, host)) = resolve(&el) else {
            unbound.push(Unbound::cell(&id, "not-a-text-field"));
            continue;
        };
        if taken_els.iter().any(|e| {
            let n: &Node = e.as_ref();
            n.is_same_node(Some(ctl.as_ref()))
        }) {
            unbound.push(Unbound::cell(&id, "element-taken"));
            continue;
        }
        taken_els.push(ctl.clone());
        slots[index] = Some(Bound {
            id,
            index,
            el: ctl,
            kind,
            host,
            via,
        });
    }
    let missing: Vec<Unbound> = format
        .cells
        .iter()
        .zip(&slots)
        .filter(|(c, s)| {
            s.is_none()
                && !unbound
                    .iter()
                    .any(|u| u.cell.as_deref() == Some(c.id.as_str()))
        })
        .map(|(c, _)| Unbound::cell(&c.id, "not-found"))
        .collect();
    unbound.extend(missing);
    slots.into_iter().flatten().collect()
}
