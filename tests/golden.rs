//! Golden files: for every corpus file (and the seed), the import summary and the
//! diagnostics (severity, rule, target) as stable text under tests/golden/. Regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff against
//! tests/fixtures/corpus/INDEX.md before accepting: an error not in INDEX.md is a bug.

mod common;

use nianbao::{Lang, Options};
use nianbao_html::{self as import, InputKind, NoteLevel};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn inputs() -> Vec<PathBuf> {
    let mut v = common::documents();
    v.push("examples/yichun-2020.json".into());
    v.sort();
    v
}

fn render(path: &Path) -> String {
    let name = path.display().to_string();
    let s = std::fs::read_to_string(path).unwrap();
    let kind = InputKind::detect(&name, &s);
    let (r, notes) = import::import(&s, kind);
    let sum = import::summarize(&r, &notes);
    let mut out = String::new();
    writeln!(out, "file: {}", path.file_name().unwrap().to_string_lossy()).unwrap();
    writeln!(out, "kind: {kind:?}").unwrap();
    writeln!(out, "format: {}", r.format).unwrap();
    writeln!(out, "year: {:?}", r.year).unwrap();
    for t in &sum.tables {
        writeln!(out, "cells {}: {}/{}", t.table, t.found, t.expected).unwrap();
    }
    writeln!(out, "unmapped: {:?}", sum.unmapped).unwrap();
    writeln!(out, "duplicates: {:?}", sum.duplicates).unwrap();
    for n in notes
        .iter()
        .filter(|n| n.level != NoteLevel::Info || n.code != "year")
    {
        writeln!(
            out,
            "note {:?} {} {}",
            n.level,
            n.code,
            n.cell.as_deref().unwrap_or("-")
        )
        .unwrap();
        writeln!(out, "  zh: {}", n.message_in(Lang::Zh)).unwrap();
        writeln!(out, "  en: {}", n.message_in(Lang::En)).unwrap();
        // English notes name things by the formats' English labels: Chinese only inside
        // 「…」, where a note quotes the document's own words.
        let mut quoted = 0;
        for c in n.message_in(Lang::En).chars() {
            match c {
                '「' => quoted += 1,
                '」' => quoted -= 1,
                c if quoted == 0 => assert!(
                    !('\u{3000}'..='\u{9fff}').contains(&c)
                        && !('\u{ff00}'..='\u{ffef}').contains(&c),
                    "Chinese in an English note: {}",
                    n.message_in(Lang::En)
                ),
                _ => {}
            }
        }
    }
    match nianbao::validate(&r, &Options::default()) {
        Ok(v) => {
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
        Err(e) => writeln!(out, "error: {e}").unwrap(),
    }
    out
}

#[test]
fn golden() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failed = Vec::new();
    for p in inputs() {
        let got = render(&p);
        let golden = Path::new("tests/golden")
            .join(format!("{}.txt", p.file_name().unwrap().to_string_lossy()));
        if update {
            std::fs::create_dir_all("tests/golden").unwrap();
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != got {
            failed.push(format!(
                "--- {}\n{}\n+++ got\n{}",
                golden.display(),
                want,
                got
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "golden files differ (UPDATE_GOLDEN=1 cargo test --test golden to accept):\n{}",
        failed.join("\n")
    );
}
