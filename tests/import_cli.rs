//! The CLI on real files: import summary in human and JSON output, --prev, folders, parse
//! output that can be fixed by hand and checked again, exit codes.

mod cli;

use cli::nianbao;

const C: &str = "tests/fixtures/corpus";

#[test]
fn check_json_has_the_import_summary() {
    let (code, out, _) = nianbao(&[
        "check",
        "--json",
        &format!("{C}/pingtan-shichang-2024.html"),
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["cells_found"], 197);
    assert_eq!(v["cells_expected"], 200);
    assert_eq!(v["unmapped"], serde_json::json!([]));
    assert_eq!(v["duplicates"], serde_json::json!([]));
    assert_eq!(v["tables"][0]["found"], 7);
    assert!(v["missing"]
        .as_array()
        .unwrap()
        .contains(&"s2.rules.issued".into()));
    assert!(v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["code"] == "merged-rows"));
}

#[test]
fn check_human_output_and_exit_codes() {
    let (code, out, _) = nianbao(&["check", &format!("{C}/pingtan-shenpi-2024.html")]);
    assert_eq!(code, 1);
    assert!(
        out.contains("导入：表二 10/10，表三 175/175，表四 15/15（共 200/200 格）"),
        "{out}"
    );
    assert!(out.contains("E-S4-SUM s4.review.total"));
    let (code, out, _) = nianbao(&["check", "--lang", "en", "examples/yichun-2020.txt"]);
    assert_eq!(code, 0);
    assert!(out.contains("import: table 2 22/22"), "{out}");
    let dir = std::env::temp_dir().join("nianbao-cli-empty.html");
    std::fs::write(&dir, "<p>二、主动公开政府信息情况</p>").unwrap();
    let (code, _, err) = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("未找到年报表格：文档中没有任何表格"), "{err}");
    let (code, _, err) = nianbao(&["check", "--lang", "en", dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no report table found: the document holds no table at all"),
        "{err}"
    );
    assert!(
        !err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{err}"
    );
}

#[test]
fn check_prev_across_the_change_of_format() {
    let (code, out, _) = nianbao(&[
        "check",
        "--json",
        "--prev",
        &format!("{C}/pingtan-qu-2020.html"),
        &format!("{C}/pingtan-qu-2021.html"),
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"], 0);
    let (_, out, _) = nianbao(&[
        "check",
        "--prev",
        &format!("{C}/pingtan-shenpi-2023.html"),
        &format!("{C}/pingtan-shenpi-2024.html"),
    ]);
    assert!(
        out.contains("X-2021-IN-FORCE s2.normative.in_force"),
        "{out}"
    );
}

#[test]
fn check_a_folder_and_parse_then_recheck() {
    let (code, out, _) = nianbao(&["check", "--json", C]);
    assert_eq!(code, 1); // 平潭 2020 and 行政审批局 2024 have real errors
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 12);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f.get("error").is_none()));

    let (code, out, _) = nianbao(&["parse", &format!("{C}/pingtan-shenpi-2024.html")]);
    assert_eq!(code, 0);
    let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["values"]["s4.review.total"]["type"], "number");
    assert_eq!(v["import"]["cells_found"], 200);
    // A reviewer fixes the cell and checks again.
    v["cells"]["s4.review.total"] = "1".into();
    let fixed = std::env::temp_dir().join("nianbao-cli-fixed.json");
    std::fs::write(&fixed, serde_json::to_string(&v).unwrap()).unwrap();
    let (code, out, _) = nianbao(&["check", fixed.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}
