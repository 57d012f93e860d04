//! From a mapping to a report: the report of a document (year, format, cells, narrative) plus
//! the import notes — cells not found per table, unmapped labels, duplicates, a document with
//! no report table, a year given by the caller that differs from the stated one.
//!
//! Maps nothing itself (that is [`map_tables_for_year`](super::map_tables_for_year)); it only
//! reads the [`Mapping`](super::Mapping) it is given.

use super::year::detect_year;
#[cfg(not(target_arch = "wasm32"))]
use super::MappedCell;
use super::{map_tables_for_year, Mapping, TableInput};
use crate::format::{self, Format, Layout};
use crate::num::u64_text;
use crate::report::Report;
use crate::textnorm::concat;
use crate::{Doc, Note, NoteLevel, ReadOptions};

/// Builds the report of a document from its tables, narrative and title: detects the year
/// (title first, then the text), maps the tables, lists every cell not found as missing, and
/// explains in notes what was found, what was not, and what could not be mapped.
pub fn report_from_tables(
    tables: &[TableInput],
    narrative: &str,
    title: &str,
) -> (Report, Vec<Note>) {
    report_from_parts(tables, narrative, title, &ReadOptions::default())
}

/// [`report_from_tables`] for a whole [`Doc`], with the format and year the caller gives
/// (they win over detection; a year the document states otherwise is a warning note).
pub fn report_from_doc(doc: &Doc, opts: &ReadOptions) -> (Report, Vec<Note>) {
    report_from_parts(&doc.tables, &doc.narrative, &doc.title, opts)
}

fn report_from_parts(
    tables: &[TableInput],
    narrative: &str,
    title: &str,
    opts: &ReadOptions,
) -> (Report, Vec<Note>) {
    let detected = detect_year(title, narrative);
    let year = opts.year.or(detected);
    let m = map_tables_for_year(tables, opts.format.as_deref(), year);
    let (report, mut notes) = report_from_mapping(&m, year, narrative, title);
    if m.format.is_none() || (m.cells.is_empty() && m.merged.is_empty()) {
        notes.insert(0, no_table_note(tables));
    }
    if let Some(y) = opts.year {
        notes.retain(|n| n.code != "year");
        if detected.is_some_and(|d| d != y) {
            notes.push(year_override_note(detected, y));
        }
        notes.push(Note::new(
            NoteLevel::Info,
            "year",
            concat(&["报告年度：", &u64_text(y.into()), "年（指定）"]),
            concat(&["report year ", &u64_text(y.into()), " (given)"]),
        ));
    }
    (report, notes)
}

/// The year given by the caller differs from the one the document states.
pub fn year_override_note(stated: Option<u16>, given: u16) -> Note {
    let stated = stated.map_or(String::new(), |y| u64_text(y.into()));
    let given = u64_text(given.into());
    Note::new(
        NoteLevel::Warning,
        "year-override",
        concat(&[
            "文件写明的年度是 ",
            &stated,
            "，按指定的 ",
            &given,
            " 年度检查",
        ]),
        concat(&[
            "the document states year ",
            &stated,
            "; checked as year ",
            &given,
            " as given",
        ]),
    )
}

fn no_table_note(tables: &[TableInput]) -> Note {
    let (zh, en) = if tables.is_empty() {
        ("文档中没有任何表格", "the document holds no table at all")
    } else {
        (
            "文档中的表格都没有年报表格的标签",
            "none of its tables has the labels of the report tables",
        )
    };
    Note::fatal(
        "no-table",
        concat(&[
            "未找到年报表格：",
            zh,
            "。至少应有以下一张：「二、主动公开政府信息情况」（行：规章、行政规范性文件、行政许可…）、\
             「三、收到和处理政府信息公开申请情况」（行：一、本年新收政府信息公开申请数量…四、结转下年度继续办理；\
             列：自然人…总计）或「四、政府信息公开行政复议、行政诉讼情况」（行政复议 / 行政诉讼，结果维持…总计）",
        ]),
        concat(&[
            "no report table found: ",
            en,
            ". Expected at least one of 'II. Proactive disclosure' (rows rules, normative \
             documents, administrative licensing …), 'III. Applications received and handled' \
             (rows I. new applications this year … IV. carried forward to next year; columns \
             natural persons … total) or 'IV. Administrative review and litigation' \
             (administrative review / litigation with upheld … total)",
        ]),
    )
}

/// Turns a mapping into a report plus the import notes (missing cells per table,
/// unmapped labels, duplicates).
pub fn report_from_mapping(
    m: &Mapping,
    year: Option<u16>,
    narrative: &str,
    title: &str,
) -> (Report, Vec<Note>) {
    let mut notes = m.notes.clone();
    let format = m.format.as_deref().and_then(format::builtin);
    let mut report = Report::new(format.map_or("", |f| f.id), year);
    report.title = (!title.trim().is_empty()).then(|| title.trim().to_string());
    report.narrative = narrative.to_string();
    let Some(f) = format else {
        return (report, notes);
    };
    // Which of the format's cells were bound (empty or not), by cell position.
    let mut bound = vec![false; f.cells.len()];
    #[cfg(target_arch = "wasm32")]
    {
        for c in &m.cells {
            if !c.text.is_empty() {
                report.cells.insert(c.cell.clone(), c.text.clone());
            }
        }
        for c in &m.cells {
            if let Some(i) = f.cell_index(&c.cell) {
                bound[i] = true;
            }
        }
    }
    // Natively the cells go in by id order (a sort of their ranks), so that each insert
    // appends instead of searching and shifting (a tenth of reading a page).
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut rank = vec![0u32; f.cells.len()];
        for (k, &i) in f.by_id().iter().enumerate() {
            rank[i] = k as u32;
        }
        let mut found: Vec<(u32, &MappedCell)> = Vec::with_capacity(m.cells.len());
        for c in &m.cells {
            // The mapper's cell position when it names this cell, else a search.
            let kept = f.cells.get(c.index as usize).filter(|x| x.id == c.cell);
            match kept
                .map(|_| c.index as usize)
                .or_else(|| f.cell_index(&c.cell))
            {
                Some(i) => {
                    bound[i] = true;
                    if !c.text.is_empty() {
                        found.push((rank[i], c));
                    }
                }
                None if !c.text.is_empty() => {
                    report.cells.insert(c.cell.clone(), c.text.clone());
                }
                None => {}
            }
        }
        // Stable: of cells with one id, the last found is inserted last and kept.
        found.sort_by_key(|&(k, _)| k);
        for (_, c) in found {
            report.cells.insert(c.cell.clone(), c.text.clone());
        }
    }
    for t in &f.tables {
        if let Some(note) = missing_cells(f, t, m, &bound, &mut report.missing) {
            notes.push(note);
        }
    }
    notes.extend(m.unmapped.iter().map(|u| unmapped_note(u)));
    notes.extend(m.duplicates.iter().map(|d| duplicate_note(f, d)));
    if let Some(y) = year {
        let y = u64_text(y.into());
        notes.push(Note::new(
            NoteLevel::Info,
            "year",
            concat(&["报告年度：", &y, "年（取自标题或正文）"]),
            concat(&["report year ", &y, " (from the title or text)"]),
        ));
    }
    (report, notes)
}

/// The note on table `t`'s cells neither bound nor merged (their ids are added to
/// `report_missing`), naming their rows; `None` when none is missing.
fn missing_cells(
    f: &Format,
    t: &format::Table,
    m: &Mapping,
    bound: &[bool],
    report_missing: &mut Vec<String>,
) -> Option<Note> {
    // Cells neither bound nor merged.
    let mut total = 0;
    let mut missing: Vec<&format::Cell> = Vec::new();
    for (c, &b) in (f.cells.iter().zip(bound)).filter(|(c, _)| c.table == t.id) {
        total += 1;
        if !b && !m.merged.contains(&c.id) {
            missing.push(c);
            report_missing.push(c.id.clone());
        }
    }
    if missing.is_empty() {
        return None;
    }
    // Name the rows, not every cell (Chinese and English labels).
    let mut rows: Vec<(String, String)> = Vec::new();
    for c in &missing {
        let row = f.row_of(c);
        let col = f.column_of(c);
        let label = match t.layout {
            Layout::Rows => (
                crate::import::labels::normalize_label(row.label),
                row.label_en.to_string(),
            ),
            Layout::SingleRow => (
                concat(&[row.label, "·", col.label]),
                concat(&[row.label_en, " / ", col.label_en]),
            ),
        };
        if !rows.contains(&label) {
            rows.push(label);
        }
    }
    let (n, all) = (u64_text(missing.len() as u64), u64_text(total as u64));
    let (zh, en) = if missing.len() == total {
        (
            concat(&[t.label, "：未找到该表（缺 ", &all, " 个单元格）"]),
            concat(&[t.label_en, ": table not found (", &all, " cells missing)"]),
        )
    } else {
        let mut zh = concat(&[
            t.label,
            "：",
            &all,
            " 个单元格中有 ",
            &n,
            " 个未找到（未检查）：",
        ]);
        let mut en = concat(&[
            t.label_en,
            ": ",
            &n,
            " of ",
            &all,
            " cells not found (not checked): ",
        ]);
        for (i, (rz, re)) in rows.iter().take(12).enumerate() {
            if i > 0 {
                zh.push('、');
                en.push_str("; ");
            }
            zh.push_str(rz);
            en.push_str(re);
        }
        if rows.len() > 12 {
            let more = u64_text((rows.len() - 12) as u64);
            zh.push_str(&concat(&["等，另有 ", &more, " 行"]));
            en.push_str(&concat(&[" and ", &more, " more"]));
        }
        (zh, en)
    };
    Some(
        Note::new(NoteLevel::Warning, "missing-cells", zh, en)
            .with_cell(missing.first().map(|c| c.id.clone())),
    )
}

/// A label that could not be mapped: the document's own words, quoted as they are in both
/// languages.
fn unmapped_note(u: &str) -> Note {
    let quoted = truncate(u, 60);
    let mut n = Note::new(
        NoteLevel::Info,
        "unmapped-label",
        concat(&["未识别的标签：「", &quoted, "」"]),
        concat(&["label not recognised: 「", &quoted, "」"]),
    );
    n.label = Some(u.to_string());
    n
}

/// A cell found twice (the first value is kept).
fn duplicate_note(f: &Format, d: &str) -> Note {
    let (zh, en) = match f.cell(d) {
        Some(c) => (
            f.cell_label(c, crate::Lang::Zh),
            f.cell_label(c, crate::Lang::En),
        ),
        None => (d.to_string(), d.to_string()),
    };
    Note::new(
        NoteLevel::Warning,
        "duplicate-cell",
        concat(&["「", &zh, "」出现两次，保留第一个值"]),
        concat(&["'", &en, "' found twice; the first value is kept"]),
    )
    .with_cell(Some(d.to_string()))
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}
