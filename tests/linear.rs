//! Adversarial inputs that used to take quadratic time or unbounded memory: each test asserts
//! what the importer returns (cells, notes), never how long it takes (`cargo bench --bench
//! validate -- import::scale` prints the times).

use nianbao_html::grid::{MAX_DOC_SLOTS, MAX_SLOTS};
use nianbao_html::{self as import, html, text, InputKind, NoteLevel};

const CAPTION: &str = "三、收到和处理政府信息公开申请情况";

fn codes(notes: &[import::Note]) -> Vec<&str> {
    notes.iter().map(|n| n.code.as_str()).collect()
}

#[test]
fn a_caption_followed_by_many_short_lines_keeps_every_piece() {
    let pieces = ["甲乙", "丙丁戊", "己庚"];
    let n = 30_000;
    let mut s = String::from(CAPTION);
    s.push('\n');
    for i in 0..n {
        s.push_str(pieces[i % 3]);
        s.push('\n');
    }
    let doc = text::parse_text(&s);
    assert_eq!(doc.tables.len(), 1);
    let grid = &doc.tables[0].grid;
    let texts: Vec<&str> = grid
        .rows
        .iter()
        .flatten()
        .filter(|c| c.origin)
        .map(|c| c.text.as_str())
        .collect();
    // The pieces are joined into labels of bounded length, none is lost.
    let joined: String = texts.concat();
    let expected: String = (0..n).map(|i| pieces[i % 3]).collect();
    assert!(joined == expected, "label text lost or reordered");
    assert!(texts.len() > 1);
    assert!(
        texts.iter().all(|t| t.len() <= 1_200 + 9),
        "a label grew unbounded"
    );
    // Nothing there is a report table.
    let (r, notes) = import::import(&s, InputKind::Text);
    assert!(r.cells.is_empty());
    assert_eq!(codes(&notes), ["no-table"]);
    assert_eq!(notes[0].level, NoteLevel::Fatal);
}

#[test]
fn huge_spans_repeated_over_a_page_are_bounded_per_document() {
    let mut table = String::from("<table><tr><td rowspan=200 colspan=1000>自然人</td></tr>");
    for _ in 0..199 {
        table.push_str("<tr><td>1</td></tr>");
    }
    table.push_str("</table>");
    let page = table.repeat(40);
    let doc = html::parse_html(&page);
    assert_eq!(doc.tables.len(), 40);
    let slots: usize = doc
        .tables
        .iter()
        .map(|t| t.grid.width() * t.grid.height())
        .sum();
    assert!(slots <= MAX_DOC_SLOTS, "{slots} slots");
    // The first tables are read whole (one table's cap); the later ones get what is left.
    assert_eq!(
        doc.tables[0].grid.width() * doc.tables[0].grid.height(),
        MAX_SLOTS
    );
    assert_eq!(
        doc.tables[39].grid.width() * doc.tables[39].grid.height(),
        0
    );
    assert_eq!(codes(&doc.notes), ["tables-too-large"]);
    let note = &doc.notes[0];
    assert_eq!(note.level, NoteLevel::Warning);
    assert!(note.message.contains("500000"), "{}", note.message);
    assert!(note.en.contains("500000"), "{}", note.en);
    // Through the importer: the note comes first, then the no-table verdict.
    let (_, notes) = import::read_document(page.as_bytes(), InputKind::Html, &Default::default());
    assert_eq!(codes(&notes), ["tables-too-large", "no-table"]);
}

#[test]
fn a_real_page_has_no_limit_note() {
    let page = std::fs::read_to_string("tests/fixtures/corpus/pingtan-qu-2021.html").unwrap();
    let doc = html::parse_html(&page);
    assert!(doc.notes.is_empty());
    let seed = std::fs::read_to_string("examples/yichun-2020.txt").unwrap();
    assert!(text::parse_text(&seed).notes.is_empty());
}

#[test]
fn hundreds_of_unknown_labels_are_all_listed_once_and_sorted() {
    let mut s = String::from(
        "二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 1 | 2 | 3 |\n",
    );
    let n = 550; // 1,100 rows of 4 cells: within one table's 5,000-cell cap
    for i in (0..n).rev() {
        // Each twice: listed once.
        s.push_str(&format!(
            "| 未知栏目{i:05} | {i} | | |\n| 未知栏目{i:05} | {i} | | |\n"
        ));
    }
    let (r, notes) = import::import(&s, InputKind::Text);
    assert_eq!(
        r.cells.get("s2.rules.issued").map(String::as_str),
        Some("1")
    );
    let sum = import::summarize(&r, &notes);
    let expected: Vec<String> = (0..n).map(|i| format!("未知栏目{i:05}")).collect();
    assert!(sum.unmapped == expected, "{} unmapped", sum.unmapped.len());
}
