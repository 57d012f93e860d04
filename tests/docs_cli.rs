//! The CLI on the documents of tests/fixtures/docs (see tests/docs.rs): every kind read, and
//! `--format` / `--year` for documents that state neither. A test of crates/cli (it runs the
//! binary), run from the repository root.

mod cli;

use cli::nianbao;

const DOCS: &str = "tests/fixtures/docs";

/// A table copied without its title (the same file as in tests/docs.rs).
const UNTITLED: &str = include_str!("fixtures/untitled.md");

#[test]
fn the_cli_reads_every_kind_and_takes_format_and_year() {
    let (code, out, _) = nianbao(&["check", "--json", DOCS]);
    assert_eq!(code, 2, "scanned.pdf is unreadable"); // and pingtan-shenpi-2024 has an error
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    // 11 converted documents, 3 article pages, the scan (.md files are read only by name).
    assert_eq!(rows.len(), 15);
    let scan = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("scanned.pdf"))
        .unwrap();
    assert!(scan["error"].as_str().unwrap().contains("没有文字层"));
    for r in rows.iter().filter(|r| r.get("error").is_none()) {
        let file = r["file"].as_str().unwrap();
        let want = if file.contains("shenpi-2024") { 1 } else { 0 };
        assert_eq!(r["errors"], want, "{file}");
    }
    let kinds: Vec<&str> = rows.iter().filter_map(|r| r["kind"].as_str()).collect();
    for k in ["pdf", "docx", "xlsx", "html"] {
        assert!(kinds.contains(&k), "{kinds:?}");
    }

    let md = std::env::temp_dir().join("nianbao-cli-untitled.md");
    std::fs::write(&md, UNTITLED).unwrap();
    let md = md.to_str().unwrap();
    let (code, out, _) = nianbao(&["parse", "--format", "gb2021", "--year", "2023", md]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["format"].as_str(), v["year"].as_u64()),
        (Some("gb2021"), Some(2023))
    );
    assert_eq!(v["cells"]["s2.normative.issued"], "2");
    let (code, out, _) = nianbao(&["check", "--year", "2023", md]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2023年度"), "{out}");
    let (code, _, err) = nianbao(&["check", "--format", "gb2030", md]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format 'gb2030'"), "{err}");
    let (code, _, err) = nianbao(&["parse", "--year", "23", md]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--year takes a year such as 2023, got '23'"),
        "{err}"
    );
}
