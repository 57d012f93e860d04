//! Importers on the real corpus (tests/fixtures/corpus, INDEX.md), the seed, round trips
//! through the renderers, cross-year checks across files, and no-panic properties.

use nianbao::rules::Severity;
use nianbao::{Options, Report};
use nianbao_html::render::render;
use nianbao_html::tables::{map_tables, TableInput};
use nianbao_html::{self as import, grid::Grid, grid::RawCell, InputKind, NoteLevel};
use proptest::prelude::*;

const CORPUS: &str = "tests/fixtures/corpus";

fn load(path: &str) -> (Report, Vec<import::Note>) {
    let s = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (r, notes) = import::import(&s, InputKind::detect(path, &s));
    assert!(
        notes.iter().all(|n| n.level != NoteLevel::Fatal),
        "{path}: {notes:?}"
    );
    (r, notes)
}

fn corpus(name: &str) -> (Report, Vec<import::Note>) {
    load(&format!("{CORPUS}/{name}"))
}

fn errors(r: &Report) -> Vec<(String, String)> {
    let v = nianbao::validate(r, &Options::default()).unwrap();
    v.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule.to_string(), d.target.clone().unwrap_or_default()))
        .collect()
}

fn warnings(r: &Report) -> Vec<(String, String)> {
    let v = nianbao::validate(r, &Options::default()).unwrap();
    v.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| (d.rule.to_string(), d.target.clone().unwrap_or_default()))
        .collect()
}

fn pair(rule: &str, cell: &str) -> (String, String) {
    (rule.to_string(), cell.to_string())
}

#[test]
fn seed_text_imports_to_the_seed_json() {
    let (r, _) = load("examples/yichun-2020.txt");
    let json: Report =
        serde_json::from_str(&std::fs::read_to_string("examples/yichun-2020.json").unwrap())
            .unwrap();
    assert_eq!(r.format, "gb2019");
    assert_eq!(r.year, Some(2020));
    assert!(r.missing.is_empty());
    // The JSON keeps the published NBSP after "34"; the importer trims cells.
    let trimmed: nianbao::report::Cells = json
        .cells
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.trim_matches(|c: char| c.is_whitespace()).to_string(),
            )
        })
        .collect();
    assert_eq!(r.cells, trimmed);
    assert!(errors(&r).is_empty());
    assert_eq!(
        warnings(&r),
        [pair("W-2019-CHANGE-LARGE", "s2.fees.change")]
    );
    // The narrative is everything outside the tables.
    assert!(r.narrative.contains("受理依申请公开553件"));
    assert!(r.narrative.contains("五、存在的主要问题及改进情况"));
    assert!(!r.narrative.contains("130774个"));
}

#[test]
fn every_corpus_file_imports_all_its_cells() {
    for (file, format, year, found) in [
        ("pingtan-jinjing-2019.html", "gb2019", 2019, 198),
        ("pingtan-jinjing-2021.html", "gb2021", 2021, 200),
        ("pingtan-shenpi-2023.html", "gb2021", 2023, 200),
        ("pingtan-shenpi-2024.html", "gb2021", 2024, 200),
        ("pingtan-guanweihui-2025.html", "gb2021", 2025, 200),
        ("pingtan-shichang-2024.html", "gb2021", 2024, 197),
        ("pingtan-qu-2020.html", "gb2019", 2020, 198),
        ("pingtan-qu-2021.html", "gb2021", 2021, 200),
        ("shanghai-bangongting-2019.txt", "gb2019", 2019, 198),
        ("huaian-2024.txt", "gb2021", 2024, 200),
        ("suqian-2023.txt", "gb2021", 2023, 200),
        ("tongji-district-2023-partial.txt", "gb2021", 2023, 31),
    ] {
        let (r, notes) = corpus(file);
        assert_eq!(r.format, format, "{file}");
        assert_eq!(r.year, Some(year), "{file}");
        let s = import::summarize(&r, &notes);
        assert_eq!(s.cells_found(), found, "{file}: {:?}", r.missing);
        assert!(s.duplicates.is_empty(), "{file}: {:?}", s.duplicates);
    }
}

#[test]
fn expected_errors_on_the_right_cells() {
    for file in [
        "pingtan-jinjing-2019.html",
        "pingtan-jinjing-2021.html",
        "pingtan-shenpi-2023.html",
        "pingtan-guanweihui-2025.html",
        "pingtan-shichang-2024.html",
        "pingtan-qu-2021.html",
        "shanghai-bangongting-2019.txt",
        "huaian-2024.txt",
        "suqian-2023.txt",
        "tongji-district-2023-partial.txt",
    ] {
        assert!(errors(&corpus(file).0).is_empty(), "{file}");
    }
    assert_eq!(
        errors(&corpus("pingtan-shenpi-2024.html").0),
        [pair("E-S4-SUM", "s4.review.total")]
    );
    assert_eq!(
        errors(&corpus("pingtan-qu-2020.html").0),
        [
            pair("E-S3-RESULT", "s3.result.total.natural"),
            pair("E-S3-RESULT", "s3.result.total.total")
        ]
    );
}

#[test]
fn shanghai_blank_totals_warn_and_the_narrative_disagrees() {
    let (r, _) = corpus("shanghai-bangongting-2019.txt");
    let w = warnings(&r);
    let missing: Vec<&String> = w
        .iter()
        .filter(|(rule, _)| rule == "W-MISSING-TOTAL")
        .map(|(_, c)| c)
        .collect();
    assert_eq!(missing.len(), 11, "{w:?}");
    assert!(missing.contains(&&"s3.result.granted.total".to_string()));
    let v = nianbao::validate(&r, &Options::default()).unwrap();
    let text: Vec<_> = v
        .diagnostics
        .iter()
        .filter(|d| d.rule.as_str().starts_with("T-"))
        .collect();
    let has = |rule: &str, needle: &str| {
        text.iter()
            .any(|d| d.rule == rule && d.quote.as_deref().is_some_and(|q| q.contains(needle)))
    };
    assert!(has("T-S3-OUTCOME", "予以公开及部分公开258件"));
    assert!(has("T-S3-OUTCOME", "无法提供265件"));
    assert!(has("T-S4-ALL-UPHELD", "均获维持"));
    let outcome = text
        .iter()
        .find(|d| d.quote.as_deref().is_some_and(|q| q.contains("258件")))
        .unwrap();
    assert_eq!(outcome.expected.map(|n| n.to_string()), Some("275".into()));
    // 采购总金额 251000元 is read as 25.1 万元.
    assert!(v
        .diagnostics
        .iter()
        .any(|d| d.rule == "I-AMOUNT-CONVERTED" && d.message.contains("25.1")));
    // Receipts and replies in the same paragraph agree with the table.
    assert!(!text
        .iter()
        .any(|d| d.rule == "T-S3-RECEIVED" || d.rule == "T-S3-CONCLUDED"));
}

#[test]
fn shichang_counts_merged_rows_once_and_reports_the_missing_rules_row() {
    let (r, notes) = corpus("pingtan-shichang-2024.html");
    for c in ["s2.rules.issued", "s2.rules.repealed", "s2.rules.in_force"] {
        assert!(r.missing.contains(&c.to_string()), "{c}");
    }
    assert_eq!(r.missing.len(), 3);
    assert_eq!(
        r.cells
            .get("s3.result.other.no_correction.total")
            .map(String::as_str),
        Some("0")
    );
    assert!(!r.cells.contains_key("s3.result.other.misc.total"));
    assert!(notes.iter().any(|n| n.code == "merged-rows"));
}

#[test]
fn tongji_partial_lists_what_is_missing() {
    let (r, notes) = corpus("tongji-district-2023-partial.txt");
    assert!(r.missing.contains(&"s3.result.partial.natural".to_string()));
    assert!(r.missing.contains(&"s4.review.total".to_string()));
    assert!(!r.missing.contains(&"s3.new.total".to_string()));
    assert_eq!(
        r.cells.get("s2.rules.issued").map(String::as_str),
        Some("/")
    );
    let missing_notes: Vec<_> = notes.iter().filter(|n| n.code == "missing-cells").collect();
    assert_eq!(missing_notes.len(), 2, "{missing_notes:?}");
    assert!(errors(&r).is_empty());
}

#[test]
fn pdf_text_imports_like_html() {
    // 淮安: page numbers inside the tables, wrapped labels; 宿迁: Kangxi radicals.
    let (h, _) = corpus("huaian-2024.txt");
    assert_eq!(h.cells["s3.result.unable.needs_creation.total"], "11");
    assert_eq!(h.cells["s3.result.other.no_correction.total"], "71");
    assert_eq!(h.cells["s4.suit_after_review.total"], "20");
    let (s, _) = corpus("suqian-2023.txt");
    assert_eq!(s.cells["s2.normative.in_force"], "597");
    assert_eq!(s.cells["s3.result.other.no_fee.total"], "10");
    assert_eq!(s.cells["s4.suit_after_review.other"], "67");
}

#[test]
fn cross_year_through_the_library() {
    let (p20, _) = corpus("pingtan-qu-2020.html");
    let (q21, _) = corpus("pingtan-qu-2021.html");
    let v = nianbao::validate(
        &q21,
        &Options {
            prev: Some(p20),
            ..Options::default()
        },
    )
    .unwrap();
    assert!(
        v.diagnostics
            .iter()
            .all(|d| !d.rule.as_str().starts_with("X-")),
        "{:?}",
        v.diagnostics
    );
    // A broken carry-over is named on the right cell.
    let (mut p, _) = corpus("pingtan-shenpi-2023.html");
    let (cur, _) = corpus("pingtan-shenpi-2024.html");
    p.cells
        .insert("s3.carried_forward.natural".into(), "5".into());
    let v = nianbao::validate(
        &cur,
        &Options {
            prev: Some(p),
            ..Options::default()
        },
    )
    .unwrap();
    let rules: Vec<(String, Option<String>)> = v
        .diagnostics
        .iter()
        .filter(|d| d.rule.as_str().starts_with("X-"))
        .map(|d| (d.rule.to_string(), d.target.clone()))
        .collect();
    assert!(rules.contains(&("X-S3-CARRY".into(), Some("s3.carried_over.natural".into()))));
    assert!(rules.contains(&(
        "X-2021-IN-FORCE".into(),
        Some("s2.normative.in_force".into())
    )));
}

#[test]
fn no_table_is_a_clear_fatal_note() {
    for (s, kind) in [
        (
            "<html><body><p>二、主动公开政府信息情况</p><p>见附件。</p></body></html>",
            InputKind::Html,
        ),
        ("一、总体情况\n本年度工作正常。\n", InputKind::Text),
        ("a\tb\nc\td\n", InputKind::Tsv),
    ] {
        let (_, notes) = import::import(s, kind);
        let fatal = notes.iter().find(|n| n.level == NoteLevel::Fatal).unwrap();
        assert_eq!(fatal.code, "no-table");
        assert!(fatal.message.contains("三、收到和处理政府信息公开申请情况"));
    }
}

#[test]
fn format_year_mismatch_is_detected_from_the_title() {
    let (mut r, _) = load("examples/yichun-2020.txt");
    let text = std::fs::read_to_string("examples/yichun-2020.txt").unwrap();
    let (r2, _) = import::import(
        &text.replacen("宜春市2020年度", "宜春市2022年度", 1),
        InputKind::Text,
    );
    assert_eq!(r2.year, Some(2022));
    assert!(warnings(&r2).contains(&("W-FORMAT-YEAR".into(), String::new())));
    r.year = Some(2020);
    assert!(!warnings(&r).iter().any(|(rule, _)| rule == "W-FORMAT-YEAR"));
}

/// Cells as importers give them: surrounding white space (NBSP included) trimmed, blanks
/// absent.
fn trim_cells(r: &Report) -> nianbao::report::Cells {
    r.cells
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.trim_matches(|c: char| c.is_whitespace()).to_string(),
            )
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn round_trip(r: &Report) {
    for kind in [InputKind::Text, InputKind::Html, InputKind::Tsv] {
        let doc = render(r, kind);
        let (back, notes) = import::import(&doc, kind);
        assert_eq!(back.format, r.format, "{kind:?}\n{doc}");
        assert_eq!(back.cells, trim_cells(r), "{kind:?}: {notes:?}\n{doc}");
        assert_eq!(back.year, r.year, "{kind:?}");
        assert_eq!(back.title, r.title, "{kind:?}");
        assert!(back.missing.is_empty(), "{kind:?}: {:?}", back.missing);
    }
}

#[test]
fn round_trip_seed_and_corpus() {
    let json: Report =
        serde_json::from_str(&std::fs::read_to_string("examples/yichun-2020.json").unwrap())
            .unwrap();
    round_trip(&json);
    for f in [
        "pingtan-qu-2021.html",
        "shanghai-bangongting-2019.txt",
        "suqian-2023.txt",
    ] {
        let (mut r, _) = corpus(f);
        r.narrative.clear();
        round_trip(&r);
    }
}

fn consistent_cells(format: &str, seed: u64) -> Report {
    let f = nianbao::format::builtin(format).unwrap();
    let mut r = Report::new(format, Some(if format == "gb2019" { 2020 } else { 2023 }));
    r.title = Some(format!(
        "测试单位{}年政府信息公开工作年度报告",
        r.year.unwrap()
    ));
    let mut x = seed | 1;
    for c in &f.cells {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if x % 5 != 0 {
            r.cells.insert(c.id.clone(), (x % 1000).to_string());
        }
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn round_trip_any_values(seed in any::<u64>(), f in prop::sample::select(vec!["gb2019", "gb2021"])) {
        round_trip(&consistent_cells(f, seed));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn text_importer_never_panics(s in "\\PC{0,300}") {
        let _ = import::import(&s, InputKind::Text);
    }

    #[test]
    fn html_importer_never_panics(s in "(<t[dhr]( (row|col)span=\"?[0-9]{1,4}\"?)?>|</t[dr]>|<table>|</table>|[^<]{0,12}){0,60}") {
        let _ = import::import(&s, InputKind::Html);
    }

    #[test]
    fn tsv_importer_never_panics(s in "([\\t\\n\"]|\\PC{0,8}){0,80}") {
        let _ = import::import(&s, InputKind::Tsv);
    }

    #[test]
    fn json_importer_never_panics(s in "\\PC{0,200}") {
        let _ = import::import(&s, InputKind::Json);
        let _ = import::import(&format!("{{\"format\":\"gb2021\",\"cells\":{{\"s3.new.total\":{s:?}}}}}"), InputKind::Json);
    }

    #[test]
    fn mutated_corpus_lines_never_panic(cut in 0usize..8000, junk in "\\PC{0,20}") {
        let s = std::fs::read_to_string(format!("{CORPUS}/huaian-2024.txt")).unwrap();
        let at = s.char_indices().map(|(i, _)| i).nth(cut % s.chars().count()).unwrap_or(0);
        let mutated = format!("{}{}{}", &s[..at], junk, &s[at..]);
        let (r, _) = import::import(&mutated, InputKind::Text);
        if !r.format.is_empty() {
            let _ = nianbao::validate(&r, &Options::default());
        }
    }
}

/// The live widget's grid: inputs are empty or typed, labels are text, sources are indexes.
#[test]
fn widget_grid_maps_empty_inputs_structurally() {
    let mut n = 0usize;
    let mut row = |cells: &[&str]| -> Vec<RawCell> {
        cells
            .iter()
            .map(|t| {
                n += 1;
                RawCell::new(*t, n)
            })
            .collect()
    };
    let mut rows = vec![
        row(&[
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "申请人情况",
        ]),
        row(&["自然人", "法人或其他组织", "总计"]),
        row(&[
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]),
    ];
    rows[0][0].rowspan = 3;
    rows[0][1].colspan = 7;
    rows[1][0].rowspan = 2;
    rows[1][1].colspan = 5;
    rows[1][2].rowspan = 2;
    rows.push(row(&[
        "一、本年新收政府信息公开申请数量",
        "",
        "3",
        "",
        "",
        "",
        "",
        "",
    ]));
    let m = map_tables(
        &[TableInput {
            grid: Grid::from_rows(rows),
            text_before: "三、收到和处理政府信息公开申请情况".into(),
        }],
        Some("gb2021"),
    );
    let ids: Vec<&str> = m.cells.iter().map(|c| c.cell.as_str()).collect();
    assert_eq!(
        ids,
        [
            "s3.new.natural",
            "s3.new.commercial",
            "s3.new.research",
            "s3.new.nonprofit",
            "s3.new.legal_service",
            "s3.new.org_other",
            "s3.new.total"
        ]
    );
    assert_eq!(m.cells[1].text, "3");
    assert_eq!(m.cells[0].source + 1, m.cells[1].source);
}

/// Classes kept across documents (native `tables::shared`) change nothing read: every corpus
/// text and page read cold, then again with the answers of all the others kept, give the same
/// report and notes.
#[test]
fn kept_classes_change_no_output() {
    let mut docs = Vec::new();
    for e in std::fs::read_dir("tests/fixtures/corpus").unwrap() {
        let p = e.unwrap().path();
        if let Some(kind) = InputKind::from_name(&p.to_string_lossy()) {
            if matches!(kind, InputKind::Text | InputKind::Html) {
                docs.push((kind, std::fs::read(&p).unwrap()));
            }
        }
    }
    assert!(docs.len() >= 8, "{} documents", docs.len());
    let opts = import::ReadOptions::default();
    let cold: Vec<_> = docs
        .iter()
        .map(|(k, b)| {
            import::tables::forget_labels();
            let (r, n) = import::read_document(b, *k, &opts);
            (serde_json::to_string(&r).unwrap(), format!("{n:?}"))
        })
        .collect();
    for (i, (k, b)) in docs.iter().enumerate().rev() {
        let (r, n) = import::read_document(b, *k, &opts);
        assert_eq!(
            cold[i],
            (serde_json::to_string(&r).unwrap(), format!("{n:?}")),
            "document {i}"
        );
    }
}
