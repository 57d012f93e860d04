//! Reviewing many reports at once: each report checked (with last year's report of the same
//! agency, when the inputs hold exactly one), then one summary — rows worst first, how many
//! reports fail on each cell and each rule.
//!
//! Pure: documents arrive already read (the CLI reads files through the one importer
//! dispatch, the page through `parse`); nothing here touches files, the terminal or the DOM.
//! The summary serialises to the `review --json` shape, which the HTML report and
//! `www/review.html` render with the same script (`www/review-render.js`).

mod agency;
#[cfg(not(target_arch = "wasm32"))]
pub mod html;

pub use agency::agency;

use crate::diagnostic::Diagnostic;
use crate::import::{self, Note, NoteLevel};
use crate::rules::Severity;
use crate::{Lang, Options, Report};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Which report is last year's for one report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pairing {
    /// The one report of the same agency and the year before.
    pub prev: Option<usize>,
    /// Two or more such reports: none is used (ambiguous; reported, not guessed).
    pub candidates: Vec<usize>,
}

/// Pairs every report with last year's report of the same agency: `keys[i]` is report i's
/// agency and year. A report without either has no pair.
pub fn pair<S: AsRef<str>>(keys: &[(Option<S>, Option<u16>)]) -> Vec<Pairing> {
    // Plain nested loops: a review holds hundreds of reports, not millions, and the browser's
    // importer module (which has this too) stays free of map code.
    let mut out = Vec::with_capacity(keys.len());
    for (agency, year) in keys {
        let mut p = Pairing::default();
        if let (Some(a), Some(py)) = (agency, year.and_then(|y| y.checked_sub(1))) {
            for (j, (other, other_year)) in keys.iter().enumerate() {
                let same = other.as_ref().is_some_and(|o| o.as_ref() == a.as_ref());
                if *other_year == Some(py) && same {
                    p.candidates.push(j);
                }
            }
            if p.candidates.len() == 1 {
                p.prev = p.candidates.pop();
            }
        }
        out.push(p);
    }
    out
}

/// One input document as read: its name (as the user gave it) and the importer's result, or
/// why it could not be read.
pub struct Document {
    pub file: String,
    pub read: Result<(Report, Vec<Note>), String>,
}

/// One row of the summary (the `review --json` report object).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReportRow {
    pub file: String,
    pub agency: Option<String>,
    pub title: Option<String>,
    pub year: Option<u16>,
    pub format: Option<String>,
    pub cells_found: usize,
    pub cells_expected: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Failing rule (error or warning) → how many of its diagnostics this report has.
    pub rules: BTreeMap<String, usize>,
    /// Last year's report (its `file`), when paired.
    pub prev: Option<String>,
    /// Two or more reports could be last year's: none was used.
    pub prev_candidates: Vec<String>,
    /// Why the document could not be checked at all (no table, unreadable file, …).
    pub unreadable: Option<String>,
    /// The importer's warnings (cells merged, labels not recognised, …).
    pub notes: Vec<Note>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts for the reports of one format (one heat-map each: gb2019 and gb2021 differ).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FormatCounts {
    pub reports: usize,
    pub cells: BTreeMap<String, usize>,
}

/// The review of many reports (the `review --json` output).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Worst first: unreadable, then most errors, most warnings, most missing cells; then by
    /// file name.
    pub reports: Vec<ReportRow>,
    /// Cell id → how many reports have an error that reads it.
    pub cells: BTreeMap<String, usize>,
    /// Rule → how many reports fail it.
    pub rules: BTreeMap<String, usize>,
    /// Format id → its reports and their cell counts.
    pub formats: BTreeMap<String, FormatCounts>,
}

/// Checks every document (with last year's, when paired) and sums the results up.
pub fn review(docs: Vec<Document>, lang: Lang) -> Summary {
    let agencies: Vec<Option<String>> = docs
        .iter()
        .map(|d| match &d.read {
            Ok((r, _)) => r.title.as_deref().and_then(agency),
            Err(_) => None,
        })
        .collect();
    let keys: Vec<(Option<&str>, Option<u16>)> = docs
        .iter()
        .zip(&agencies)
        .map(|(d, a)| (a.as_deref(), d.read.as_ref().ok().and_then(|(r, _)| r.year)))
        .collect();
    let pairs = pair(&keys);
    let mut rows = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let p = &pairs[i];
        let prev = p.prev.and_then(|j| docs[j].read.as_ref().ok());
        rows.push(row(doc, agencies[i].clone(), prev.map(|(r, _)| r), lang));
        let last = rows.last_mut().expect("pushed");
        last.prev = p.prev.map(|j| docs[j].file.clone());
        last.prev_candidates = p.candidates.iter().map(|&j| docs[j].file.clone()).collect();
    }
    rows.sort_by(|a, b| {
        b.unreadable
            .is_some()
            .cmp(&a.unreadable.is_some())
            .then(b.errors.cmp(&a.errors))
            .then(b.warnings.cmp(&a.warnings))
            .then(missing(b).cmp(&missing(a)))
            .then(a.file.cmp(&b.file))
    });
    let mut s = Summary {
        reports: Vec::new(),
        ..Summary::default()
    };
    for r in &rows {
        let mut cells = BTreeSet::new();
        for d in r
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            cells.extend(d.cells.iter().map(String::as_str));
        }
        if let Some(f) = &r.format {
            let fc = s.formats.entry(f.clone()).or_default();
            fc.reports += 1;
            for c in &cells {
                *fc.cells.entry((*c).to_string()).or_default() += 1;
            }
        }
        for c in cells {
            *s.cells.entry(c.to_string()).or_default() += 1;
        }
        for rule in r.rules.keys() {
            *s.rules.entry(rule.clone()).or_default() += 1;
        }
    }
    s.reports = rows;
    s
}

fn missing(r: &ReportRow) -> usize {
    r.cells_expected.saturating_sub(r.cells_found)
}

/// One document's row, checked against `prev` when given.
fn row(doc: &Document, agency: Option<String>, prev: Option<&Report>, lang: Lang) -> ReportRow {
    let mut out = ReportRow {
        file: doc.file.clone(),
        agency,
        ..ReportRow::default()
    };
    let (report, notes) = match &doc.read {
        Ok(r) => r,
        Err(msg) => {
            out.unreadable = Some(msg.clone());
            return out;
        }
    };
    out.title = report.title.clone().filter(|t| !t.trim().is_empty());
    out.year = report.year;
    out.notes = notes
        .iter()
        .filter(|n| n.level != NoteLevel::Info)
        .cloned()
        .collect();
    if let Some(fatal) = notes.iter().find(|n| n.level == NoteLevel::Fatal) {
        out.unreadable = Some(fatal.message.clone());
        return out;
    }
    out.format = Some(report.format.clone());
    let sum = import::summarize(report, notes);
    out.cells_found = sum.cells_found();
    out.cells_expected = sum.cells_expected();
    let opts = Options {
        lang,
        prev: prev.cloned(),
        pending: false,
    };
    // Last year's report cannot break this year's check: without it, the cross-year rules
    // are simply not run.
    let checked = crate::validate(report, &opts).or_else(|_| {
        crate::validate(
            report,
            &Options {
                lang,
                prev: None,
                pending: false,
            },
        )
    });
    match checked {
        Ok(v) => {
            out.errors = v.errors();
            out.warnings = v.warnings();
            // Info diagnostics (a unit converted, …) are not failures.
            for d in v
                .diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Info)
            {
                *out.rules.entry(d.rule.as_str().into()).or_default() += 1;
            }
            out.diagnostics = v.diagnostics;
        }
        Err(e) => out.unreadable = Some(e.message()),
    }
    out
}

/// The summary as CSV, one line per report, for Excel and WPS: UTF-8 with a byte-order mark,
/// CRLF line ends, fields quoted when they need it. `www/review-render.js` writes the same
/// bytes in the page (tested).
pub fn csv(s: &Summary, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let head: [&str; 12] = if zh {
        [
            "文件",
            "机构",
            "年度",
            "格式",
            "识别单元格",
            "应有单元格",
            "错误",
            "提示",
            "未通过的规则",
            "上年报告",
            "标题",
            "说明",
        ]
    } else {
        [
            "file",
            "agency",
            "year",
            "format",
            "cells found",
            "cells expected",
            "errors",
            "warnings",
            "failing rules",
            "last year's report",
            "title",
            "remarks",
        ]
    };
    let mut out = String::from("\u{feff}");
    push_csv_line(&mut out, head.iter().map(|h| h.to_string()));
    for r in &s.reports {
        let rules: Vec<String> = r.rules.iter().map(|(k, n)| format!("{k}×{n}")).collect();
        let remark = match (&r.unreadable, r.prev_candidates.is_empty()) {
            (Some(msg), _) => {
                if zh {
                    format!("无法检查：{msg}")
                } else {
                    format!("not checked: {msg}")
                }
            }
            (None, false) => {
                let list = r.prev_candidates.join(" ");
                if zh {
                    format!("上年报告不唯一（{list}），未作跨年检查")
                } else {
                    format!("last year's report is ambiguous ({list}); no cross-year check")
                }
            }
            (None, true) => String::new(),
        };
        push_csv_line(
            &mut out,
            [
                r.file.clone(),
                r.agency.clone().unwrap_or_default(),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                r.format.clone().unwrap_or_default(),
                r.cells_found.to_string(),
                r.cells_expected.to_string(),
                r.errors.to_string(),
                r.warnings.to_string(),
                rules.join(" "),
                r.prev.clone().unwrap_or_default(),
                r.title.clone().unwrap_or_default(),
                remark,
            ]
            .into_iter(),
        );
    }
    out
}

fn push_csv_line(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &[(&str, u16)]) -> Vec<(Option<&'static str>, Option<u16>)> {
        v.iter()
            .map(|&(a, y)| {
                let a: &'static str = Box::leak(a.to_string().into_boxed_str());
                (if a.is_empty() { None } else { Some(a) }, Some(y))
            })
            .collect()
    }

    #[test]
    fn consecutive_years_of_one_agency_pair() {
        let p = pair(&keys(&[
            ("甲局", 2021),
            ("乙局", 2020),
            ("甲局", 2020),
            ("甲局", 2022),
        ]));
        assert_eq!(p[0].prev, Some(2));
        assert_eq!(p[1].prev, None);
        assert_eq!(p[2].prev, None);
        assert_eq!(p[3].prev, Some(0));
        assert!(p.iter().all(|x| x.candidates.is_empty()));
    }

    #[test]
    fn a_gap_year_does_not_pair() {
        let p = pair(&keys(&[("甲局", 2019), ("甲局", 2021)]));
        assert_eq!(p, vec![Pairing::default(), Pairing::default()]);
    }

    #[test]
    fn two_candidates_are_reported_not_guessed() {
        let p = pair(&keys(&[("甲局", 2021), ("甲局", 2020), ("甲局", 2020)]));
        assert_eq!(
            p[0],
            Pairing {
                prev: None,
                candidates: vec![1, 2]
            }
        );
    }

    #[test]
    fn no_agency_or_year_no_pair() {
        let p = pair(&[
            (None::<&str>, Some(2021)),
            (None, Some(2020)),
            (Some("甲"), None),
        ]);
        assert_eq!(p, vec![Pairing::default(); 3]);
    }

    fn doc(file: &str, title: &str, year: u16, cells: &[(&str, &str)]) -> Document {
        let format = if year >= 2021 { "gb2021" } else { "gb2019" };
        let mut r = Report::new(format, Some(year));
        r.title = Some(title.into());
        for (c, v) in cells {
            r.set(c, v);
        }
        Document {
            file: file.into(),
            read: Ok((r, Vec::new())),
        }
    }

    #[test]
    fn summary_counts_reports_per_cell_and_rule_worst_first() {
        let bad = [("s4.review.total", "0"), ("s4.review.upheld", "1")];
        let docs = vec![
            doc("a.html", "甲局2024年政府信息公开工作年度报告", 2024, &[]),
            doc("b.html", "乙局2024年政府信息公开工作年度报告", 2024, &bad),
            doc("c.html", "丙局2024年政府信息公开工作年度报告", 2024, &bad),
            Document {
                file: "d.pdf".into(),
                read: Err("d.pdf: no text layer".into()),
            },
        ];
        let s = review(docs, Lang::Zh);
        let order: Vec<&str> = s.reports.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(order, ["d.pdf", "b.html", "c.html", "a.html"]);
        assert_eq!(
            s.reports[0].unreadable.as_deref(),
            Some("d.pdf: no text layer")
        );
        assert_eq!(s.reports[1].agency.as_deref(), Some("乙局"));
        assert_eq!(s.reports[1].errors, 1);
        assert_eq!(s.rules.get("E-S4-SUM"), Some(&2));
        for c in [
            "s4.review.total",
            "s4.review.upheld",
            "s4.review.corrected",
            "s4.review.other",
            "s4.review.pending",
        ] {
            assert_eq!(s.cells.get(c), Some(&2), "{c}");
        }
        assert_eq!(s.cells.len(), 5);
        assert_eq!(s.formats["gb2021"].reports, 3);
        assert_eq!(s.formats["gb2021"].cells, s.cells);
    }

    #[test]
    fn paired_report_gets_the_cross_year_rules() {
        let docs = vec![
            doc(
                "2021.html",
                "甲局2021年政府信息公开工作年度报告",
                2021,
                &[("s2.rules.in_force", "9")],
            ),
            doc(
                "2020.html",
                "甲局2020年度政府信息公开工作年度报告",
                2020,
                &[
                    ("s3.carried_forward.total", "5"),
                    ("s3.carried_forward.natural", "5"),
                ],
            ),
        ];
        let s = review(docs, Lang::Zh);
        let r2021 = s.reports.iter().find(|r| r.file == "2021.html").unwrap();
        assert_eq!(r2021.prev.as_deref(), Some("2020.html"));
        assert!(r2021.rules.contains_key("X-S3-CARRY"), "{:?}", r2021.rules);
    }

    #[test]
    fn csv_has_bom_crlf_and_quotes() {
        let mut docs = vec![doc(
            "a,b.html",
            "甲局2024年政府信息公开工作年度报告",
            2024,
            &[],
        )];
        docs.push(Document {
            file: "x\"y.txt".into(),
            read: Err("bad".into()),
        });
        let text = csv(&review(docs, Lang::Zh), Lang::Zh);
        assert_eq!(
            text,
            "\u{feff}文件,机构,年度,格式,识别单元格,应有单元格,错误,提示,未通过的规则,上年报告,标题,说明\r\n\
             \"x\"\"y.txt\",,,,0,0,0,0,,,,无法检查：bad\r\n\
             \"a,b.html\",甲局,2024,gb2021,200,200,0,3,W-EMPTY-TABLE×3,,甲局2024年政府信息公开工作年度报告,\r\n"
        );
    }
}
