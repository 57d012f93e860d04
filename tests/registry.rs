//! The rule registry (`src/rules/data.rs`) is the only Rust source that spells a rule id:
//! everything else names a rule by `RuleId`. Tests, fixtures and `#[cfg(test)]` modules
//! aside (they assert the output, where ids are strings).

use nianbao::rules::RuleId;
use std::path::{Path, PathBuf};

/// Where the registry spells the ids.
const REGISTRY: &str = "src/rules/data.rs";

/// `"X-ABC…"` or `"X-ABC…:`: a string literal that starts with a rule id (X one of the rule
/// letters D, E, W, X, T, I; the id in capitals, digits and dashes).
fn rule_id_literals(line: &str) -> Vec<String> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    for (i, _) in line.match_indices('"') {
        let rest = &b[i + 1..];
        if rest.len() < 3 || !b"DEWXTI".contains(&rest[0]) || rest[1] != b'-' {
            continue;
        }
        let len = rest[2..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || **c == b'-')
            .count();
        if len > 0 && matches!(rest.get(2 + len), Some(b'"' | b':')) {
            out.push(String::from_utf8_lossy(&rest[..2 + len]).into_owned());
        }
    }
    out
}

/// Every `.rs` file under `dir`, skipping test folders and build output.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if p.is_dir() {
            if !matches!(
                &*name,
                "tests" | "target" | "node_modules" | "pkg" | "corpus"
            ) {
                rust_files(&p, out);
            }
        } else if name.ends_with(".rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_rule_id_is_spelt_outside_the_registry() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "crates", "benches", "examples", "fuzz"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "the source tree was not found: {files:?}");
    let mut found = Vec::new();
    let mut registry_ids = 0;
    for f in &files {
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(f).unwrap();
        // A file's unit tests assert output strings: from `#[cfg(test)]` on, ids may appear.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let ids = rule_id_literals(line);
            if rel == REGISTRY {
                registry_ids += ids.len();
            } else {
                for id in ids {
                    found.push(format!("{rel}:{}: {id}", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "rule ids spelt outside {REGISTRY}:\n{}",
        found.join("\n")
    );
    // The scan does find ids where they are: every registry row's.
    assert!(
        registry_ids >= RuleId::all().count(),
        "{registry_ids} ids in {REGISTRY}"
    );
}

#[test]
fn the_scan_sees_ids_in_string_literals() {
    assert_eq!(
        rule_id_literals(r#"if d.rule == "E-S3-ROW" {"#),
        ["E-S3-ROW"]
    );
    assert_eq!(
        rule_id_literals(r#"concat(&["W-MISSING-TOTAL:", t])"#),
        ["W-MISSING-TOTAL"]
    );
    assert_eq!(rule_id_literals(r#"key("T-S4", &[si])"#), ["T-S4"]);
    // Not ids: cell ids, words, an id in a comment's backticks.
    assert!(rule_id_literals(r#"cell("s3.new.total") // `E-S3-ROW:new`"#).is_empty());
    assert!(rule_id_literals(r#"let s = "E-mail";"#).is_empty());
}

#[test]
fn every_rule_has_an_id_severity_and_both_messages() {
    let mut ids = Vec::new();
    for id in RuleId::all() {
        let r = id.rule();
        assert!(
            !r.zh.is_empty() && !r.en.is_empty(),
            "{id}: a message is missing"
        );
        assert!(!ids.contains(&r.id), "{id} twice in the registry");
        ids.push(r.id);
    }
    // The two findings made outside the table and the narrative rules are rows too.
    for id in [
        "W-MISSING-TOTAL",
        "W-FORMAT-YEAR",
        "T-S3-PERCENT",
        "T-S4-ALL-UPHELD",
    ] {
        assert!(RuleId::parse(id).is_some(), "{id} is not in the registry");
    }
}
