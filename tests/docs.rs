//! Documents as reviewers hold them: tests/fixtures/docs, made from corpus pages by real
//! converters (scripts/make-doc-fixtures.sh: PDFs printed by headless Chromium and exported by
//! LibreOffice, .docx/.xlsx saved by LibreOffice, Markdown by markitdown). Each must import to the same cells and the
//! same diagnostics as its page; what differs in the import is said by its notes, kept in
//! golden files under tests/golden/docs/ (regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test docs` and review the diff).

use nianbao::{Options, Report};
use nianbao_html::{self as import, InputKind, Note, NoteLevel, ReadOptions};
use std::fmt::Write;
use std::path::{Path, PathBuf};

const DOCS: &str = "tests/fixtures/docs";

fn read(path: &Path, opts: &ReadOptions) -> (InputKind, Report, Vec<Note>) {
    let bytes = std::fs::read(path).unwrap();
    let kind = InputKind::detect_bytes(&path.to_string_lossy(), &bytes);
    let (r, n) = import::read_document(&bytes, kind, opts);
    (kind, r, n)
}

/// The converted documents (everything but the article pages they were made from).
fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(DOCS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.starts_with("pingtan-") && !name.ends_with(".html")
        })
        .collect();
    v.sort();
    v
}

/// The corpus page a fixture was made from.
fn page_of(fixture: &Path) -> PathBuf {
    let name = fixture.file_name().unwrap().to_string_lossy();
    let stem = name.split('.').next().unwrap();
    Path::new("tests/fixtures/corpus").join(format!("{stem}.html"))
}

fn diagnostics(r: &Report) -> serde_json::Value {
    let v = nianbao::validate(r, &Options::default()).unwrap();
    serde_json::to_value(&v.diagnostics).unwrap()
}

/// A note as compared across documents: level, code, cell, label (not the message, which
/// names positions).
fn note_key(n: &Note) -> String {
    format!(
        "{:?} {} {} {}",
        n.level,
        n.code,
        n.cell.as_deref().unwrap_or("-"),
        n.label.as_deref().unwrap_or("-")
    )
}

#[test]
fn every_converted_document_reads_as_its_page() {
    let all = fixtures();
    // 3 pages × (Chromium PDF for two, LibreOffice PDF, .docx, .xlsx, markitdown Markdown).
    assert_eq!(all.len(), 14, "{all:?}");
    for f in &all {
        let (_, page, _) = read(&page_of(f), &ReadOptions::default());
        let (kind, got, notes) = read(f, &ReadOptions::default());
        let name = f.display();
        let md = f.extension().is_some_and(|e| e == "md");
        assert_eq!(kind.is_binary(), !md, "{name}: {kind:?}");
        assert!(
            !notes.iter().any(|n| n.level == NoteLevel::Fatal),
            "{name}: {notes:?}"
        );
        assert_eq!(got.format, page.format, "{name}");
        assert_eq!(got.year, page.year, "{name}");
        assert_eq!(got.cells, page.cells, "{name}: cells differ from the page");
        assert_eq!(got.missing, page.missing, "{name}");
        assert_eq!(
            diagnostics(&got),
            diagnostics(&page),
            "{name}: diagnostics differ"
        );
        // The article page the converters read gives the same report as the whole page.
        let article = Path::new(DOCS).join(format!(
            "{}.html",
            f.file_name()
                .unwrap()
                .to_string_lossy()
                .split('.')
                .next()
                .unwrap()
        ));
        let (_, art, _) = read(&article, &ReadOptions::default());
        assert_eq!(art.cells, page.cells, "{}", article.display());
    }
}

/// The golden text of a fixture: what was read, the notes that differ from its page's, and
/// the diagnostics.
fn render(f: &Path) -> String {
    let (kind, r, notes) = read(f, &ReadOptions::default());
    let (_, _, page_notes) = read(&page_of(f), &ReadOptions::default());
    let page_keys: Vec<String> = page_notes.iter().map(note_key).collect();
    let sum = import::summarize(&r, &notes);
    let mut out = String::new();
    writeln!(out, "file: {}", f.file_name().unwrap().to_string_lossy()).unwrap();
    writeln!(out, "page: {}", page_of(f).display()).unwrap();
    writeln!(out, "kind: {}", kind.as_str()).unwrap();
    writeln!(out, "format: {}  year: {:?}", r.format, r.year).unwrap();
    writeln!(out, "title: {}", r.title.as_deref().unwrap_or("-")).unwrap();
    for t in &sum.tables {
        writeln!(out, "cells {}: {}/{}", t.table, t.found, t.expected).unwrap();
    }
    writeln!(out, "notes not in the page's import:").unwrap();
    for n in notes.iter().filter(|n| !page_keys.contains(&note_key(n))) {
        writeln!(out, "  {:?} {}: {}", n.level, n.code, n.message).unwrap();
    }
    let v = nianbao::validate(&r, &Options::default()).unwrap();
    writeln!(out, "errors: {}  warnings: {}", v.errors(), v.warnings()).unwrap();
    for d in &v.diagnostics {
        writeln!(
            out,
            "{:?} {} {}",
            d.severity,
            d.rule,
            d.target.as_deref().unwrap_or("-")
        )
        .unwrap();
    }
    out
}

#[test]
fn golden() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failed = Vec::new();
    let mut inputs = fixtures();
    inputs.push(Path::new(DOCS).join("scanned.pdf"));
    for f in inputs {
        let got = if f.ends_with("scanned.pdf") {
            render_plain(&f)
        } else {
            render(&f)
        };
        let golden = Path::new("tests/golden/docs")
            .join(format!("{}.txt", f.file_name().unwrap().to_string_lossy()));
        if update {
            std::fs::create_dir_all("tests/golden/docs").unwrap();
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != got {
            failed.push(format!("--- {}\n{want}\n+++ got\n{got}", golden.display()));
        }
    }
    assert!(
        failed.is_empty(),
        "golden files differ (UPDATE_GOLDEN=1 cargo test --test docs to accept):\n{}",
        failed.join("\n")
    );
}

/// Golden text of a document without a page to compare with: its notes and diagnostics.
fn render_plain(f: &Path) -> String {
    let (kind, r, notes) = read(f, &ReadOptions::default());
    let sum = import::summarize(&r, &notes);
    let mut out = String::new();
    writeln!(out, "file: {}", f.file_name().unwrap().to_string_lossy()).unwrap();
    writeln!(out, "kind: {}", kind.as_str()).unwrap();
    writeln!(out, "format: {}  year: {:?}", r.format, r.year).unwrap();
    for t in &sum.tables {
        writeln!(out, "cells {}: {}/{}", t.table, t.found, t.expected).unwrap();
    }
    for n in notes.iter().filter(|n| n.level != NoteLevel::Info) {
        writeln!(out, "note {:?} {}: {}", n.level, n.code, n.message).unwrap();
    }
    if let Ok(v) = nianbao::validate(&r, &Options::default()) {
        writeln!(out, "errors: {}  warnings: {}", v.errors(), v.warnings()).unwrap();
        for d in &v.diagnostics {
            writeln!(
                out,
                "{:?} {} {}",
                d.severity,
                d.rule,
                d.target.as_deref().unwrap_or("-")
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn what_differs_is_in_the_notes() {
    // LibreOffice's PDF of the 2019 page wraps two header cells over lines; the cells are all
    // found, and the header fragments that match no label are named.
    let f = Path::new(DOCS).join("pingtan-jinjing-2019.lo.pdf");
    let (_, r, notes) = read(&f, &ReadOptions::default());
    let sum = import::summarize(&r, &notes);
    assert_eq!((sum.cells_found(), sum.cells_expected()), (198, 198));
    assert_eq!(sum.unmapped, ["制作数量公开数量", "本年新本年新"]);
    let (_, page, page_notes) = read(&page_of(&f), &ReadOptions::default());
    assert!(import::summarize(&page, &page_notes).unmapped.is_empty());
    // Word and Excel copies: nothing differs at all.
    for ext in ["docx", "xlsx"] {
        let f = Path::new(DOCS).join(format!("pingtan-shenpi-2024.{ext}"));
        let (_, _, notes) = read(&f, &ReadOptions::default());
        let (_, _, page_notes) = read(&page_of(&f), &ReadOptions::default());
        let keys: Vec<String> = notes.iter().map(note_key).collect();
        let page_keys: Vec<String> = page_notes.iter().map(note_key).collect();
        assert_eq!(keys, page_keys, "{ext}");
    }
}

#[test]
fn a_scanned_pdf_is_a_fatal_note_saying_so() {
    let (kind, r, notes) = read(
        &Path::new(DOCS).join("scanned.pdf"),
        &ReadOptions::default(),
    );
    assert_eq!(kind, InputKind::Pdf);
    assert_eq!(r, Report::default());
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].level, NoteLevel::Fatal);
    assert_eq!(notes[0].code, "pdf-no-text");
    assert!(
        notes[0].message.starts_with("这个 PDF 没有文字层（共 2 页"),
        "{}",
        notes[0].message
    );
}

#[test]
fn unreadable_files_are_fatal_notes() {
    let cases: [(&[u8], InputKind, &str); 6] = [
        (b"PK\x03\x04 not really a zip", InputKind::Docx, "bad-zip"),
        (b"", InputKind::Xlsx, "bad-zip"),
        (b"%PDF-1.4 garbage", InputKind::Pdf, "bad-pdf"),
        (b"\xff\xfe\x00\xd8", InputKind::Text, "no-table"),
        (b"\xc3\x28 bad utf-8", InputKind::Html, "not-utf8"),
        (b"<p>x</p>", InputKind::Html, "no-table"),
    ];
    for (bytes, kind, code) in cases {
        let (_, notes) = import::read_document(bytes, kind, &ReadOptions::default());
        assert_eq!(notes[0].level, NoteLevel::Fatal, "{kind:?} {notes:?}");
        assert_eq!(notes[0].code, code, "{kind:?} {notes:?}");
    }
    // A .docx cut in half: the directory at the end is gone.
    let docx = std::fs::read(Path::new(DOCS).join("pingtan-jinjing-2021.docx")).unwrap();
    let (_, notes) = import::read_document(
        &docx[..docx.len() / 2],
        InputKind::Docx,
        &ReadOptions::default(),
    );
    assert_eq!(notes[0].code, "bad-zip");
    assert!(notes[0]
        .message
        .starts_with("文件已损坏或不是 Word/Excel 文件"));
}

#[test]
fn kinds_are_detected_from_names_then_content() {
    let docx = std::fs::read(Path::new(DOCS).join("pingtan-jinjing-2021.docx")).unwrap();
    let xlsx = std::fs::read(Path::new(DOCS).join("pingtan-jinjing-2021.xlsx")).unwrap();
    assert_eq!(InputKind::detect_bytes("a", &docx), InputKind::Docx);
    assert_eq!(InputKind::detect_bytes("a", &xlsx), InputKind::Xlsx);
    assert_eq!(InputKind::detect_bytes("a", b"%PDF-1.7"), InputKind::Pdf);
    assert_eq!(InputKind::detect_bytes("a.MD", b"x"), InputKind::Text);
    assert_eq!(InputKind::detect_bytes("a.htm", b"x"), InputKind::Html);
    assert_eq!(
        InputKind::detect_bytes("a", "\u{FEFF} <p>".as_bytes()),
        InputKind::Html
    );
    assert_eq!(InputKind::detect_bytes("a", b"{}"), InputKind::Json);
}

/// A table copied without its title: neither format nor year in the text.
const UNTITLED: &str = include_str!("fixtures/untitled.md");

#[test]
fn format_and_year_given_for_documents_that_state_neither() {
    let (r, notes) = import::read_document(
        UNTITLED.as_bytes(),
        InputKind::Text,
        &ReadOptions::default(),
    );
    assert_eq!((r.format.as_str(), r.year), ("gb2021", None));
    assert_eq!(
        r.cells.get("s2.normative.in_force").map(String::as_str),
        Some("9")
    );
    assert!(!notes.iter().any(|n| n.code == "year"));
    let opts = ReadOptions {
        format: Some("gb2021".into()),
        year: Some(2023),
    };
    let (r2, notes) = import::read_document(UNTITLED.as_bytes(), InputKind::Text, &opts);
    assert_eq!((r2.format.as_str(), r2.year), ("gb2021", Some(2023)));
    assert_eq!(r2.cells, r.cells);
    let year: Vec<&str> = notes
        .iter()
        .filter(|n| n.code.starts_with("year"))
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(year, ["报告年度：2023年（指定）"]);
    // A year that contradicts the document: the given one is used, and the note says so.
    let page = Path::new(DOCS).join("pingtan-jinjing-2021.docx");
    let (_, r, notes) = read(
        &page,
        &ReadOptions {
            format: None,
            year: Some(2022),
        },
    );
    assert_eq!(r.year, Some(2022));
    let n = notes.iter().find(|n| n.code == "year-override").unwrap();
    assert_eq!(n.level, NoteLevel::Warning);
    assert!(n
        .message
        .starts_with("文件写明的年度是 2021，按指定的 2022 年度检查"));
    // An unknown format is a fatal note.
    let (_, notes) = import::read_document(
        UNTITLED.as_bytes(),
        InputKind::Text,
        &ReadOptions {
            format: Some("gb2030".into()),
            year: None,
        },
    );
    assert_eq!(notes[0].code, "unknown-format");
    // JSON: the given values replace the report's own.
    let (r, _) =
        import::read_document(br#"{"format":"gb2019","cells":{}}"#, InputKind::Json, &opts);
    assert_eq!((r.format.as_str(), r.year), ("gb2021", Some(2023)));
}

/// The fuzz seeds made small from the .docx/.xlsx fixtures (scripts/minimise-office-seeds.py)
/// read as the same report, title apart (the fixtures take it from document properties,
/// which the seeds drop): the fuzzer starts from real tables.
#[test]
fn office_fuzz_seeds_read_as_their_fixtures() {
    let mut n = 0;
    for dir in ["fuzz/seeds/import_docx", "fuzz/seeds/import_xlsx"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let seed = e.unwrap().path();
            let fixture = Path::new(DOCS).join(seed.file_name().unwrap());
            let (kind, mut from_seed, seed_notes) = read(&seed, &ReadOptions::default());
            let (_, mut from_fixture, fixture_notes) = read(&fixture, &ReadOptions::default());
            assert!(
                matches!(kind, InputKind::Docx | InputKind::Xlsx),
                "{seed:?}"
            );
            assert!(from_fixture.cells.len() > 100, "{fixture:?}");
            from_seed.title = None;
            from_fixture.title = None;
            assert_eq!(from_seed, from_fixture, "{seed:?}");
            assert_eq!(seed_notes, fixture_notes, "{seed:?}");
            n += 1;
        }
    }
    assert_eq!(n, 6);
}
