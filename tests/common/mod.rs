//! Shared by the integration tests that run over every real document.

use std::path::PathBuf;

/// The corpus documents (tests/fixtures/corpus, without its notes) and the example report's
/// published text, sorted.
pub fn documents() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    v.push("examples/yichun-2020.txt".into());
    v.sort();
    v
}
