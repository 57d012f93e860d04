//! `nianbao review` over the real corpus: the JSON summary and the CSV as golden files
//! (tests/golden/review-corpus.{json,csv}; regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test review_cli` and review the diff), the pairing of
//! consecutive years of one agency, ambiguities, the terminal table, the HTML page, exit codes.
//!
//! The review runs in tests/fixtures with the path `corpus`, so file names in the goldens are
//! `corpus/…` on every machine — the names `www/review.html` gives a dropped `corpus` folder
//! (e2e/review.test.mjs compares the page's summary and CSV with these same goldens).

mod cli;

use cli::nianbao_in;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn golden(name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        want == got,
        "{} differs (UPDATE_GOLDEN=1 cargo test --test review_cli to accept):\n{}",
        path.display(),
        first_difference(&want, got)
    );
}

fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n- {w}\n+ {g}", i + 1);
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        want.lines().count(),
        got.lines().count()
    )
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap()
}

fn report<'a>(v: &'a serde_json::Value, file: &str) -> &'a serde_json::Value {
    v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file"] == file)
        .unwrap_or_else(|| panic!("no report {file}"))
}

#[test]
fn corpus_summary_json_is_golden() {
    let (code, out, err) = nianbao_in(&fixtures(), &["review", "--json", "corpus"]);
    assert_eq!(code, 1, "errors in the corpus give exit code 1\n{err}");
    // The time goes to stderr, never into the JSON.
    assert!(err.contains("共 12 份报告，用时 "), "{err}");
    golden("review-corpus.json", &out);
}

#[test]
fn corpus_csv_is_golden() {
    let csv = std::env::temp_dir().join(format!("nianbao-review-{}.csv", std::process::id()));
    let (code, _, _) = nianbao_in(
        &fixtures(),
        &["review", "--csv", csv.to_str().unwrap(), "corpus"],
    );
    assert_eq!(code, 1);
    let bytes = std::fs::read(&csv).unwrap();
    std::fs::remove_file(&csv).ok();
    assert_eq!(
        &bytes[..3],
        b"\xEF\xBB\xBF",
        "UTF-8 byte-order mark for Excel/WPS"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(
        text.matches("\r\n").count(),
        13,
        "header + one line per report"
    );
    golden("review-corpus.csv", &text);
}

#[test]
fn consecutive_years_of_one_agency_are_paired() {
    let (_, out, _) = nianbao_in(&fixtures(), &["review", "--json", "corpus"]);
    let v = json(&out);
    let pairs: Vec<(String, String)> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["prev"].is_null())
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_string(),
                r["prev"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "corpus/pingtan-shenpi-2024.html".to_string(),
                "corpus/pingtan-shenpi-2023.html".to_string()
            ),
            (
                "corpus/pingtan-qu-2021.html".to_string(),
                "corpus/pingtan-qu-2020.html".to_string()
            ),
        ]
    );
    // 金井 2019 and 2021 are the same agency, but not consecutive years.
    let jinjing = report(&v, "corpus/pingtan-jinjing-2021.html");
    assert_eq!(jinjing["agency"], "平潭综合实验区金井片区管理局");
    assert_eq!(
        report(&v, "corpus/pingtan-jinjing-2019.html")["agency"],
        jinjing["agency"]
    );
    assert!(jinjing["prev"].is_null());
    // The pair is really used: 2024's 现行有效件数 is checked against 2023's.
    let shenpi = report(&v, "corpus/pingtan-shenpi-2024.html");
    assert_eq!(
        shenpi["rules"],
        serde_json::json!({"E-S4-SUM": 1, "X-2021-IN-FORCE": 1})
    );
    let (_, alone, _) = nianbao_in(
        &fixtures(),
        &["review", "--json", "corpus/pingtan-shenpi-2024.html"],
    );
    assert_eq!(
        json(&alone)["reports"][0]["rules"],
        serde_json::json!({"E-S4-SUM": 1})
    );
}

/// A fresh directory under the system temp dir.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("nianbao-review-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn two_candidates_for_last_year_are_reported_not_guessed() {
    let d = scratch("ambiguous");
    let corpus = fixtures().join("corpus");
    // Folders are read recursively; the same 2020 report twice (as an office that keeps the
    // published page and a copy) makes 2021's last year ambiguous.
    std::fs::create_dir_all(d.join("2020/a")).unwrap();
    std::fs::create_dir_all(d.join("2020/b")).unwrap();
    std::fs::create_dir_all(d.join(".hidden")).unwrap();
    for (from, to) in [
        ("pingtan-qu-2020.html", "2020/a/qu.html"),
        ("pingtan-qu-2020.html", "2020/b/qu.html"),
        ("pingtan-qu-2021.html", "qu-2021.html"),
        ("pingtan-qu-2021.html", ".hidden/qu-2021.html"),
    ] {
        std::fs::copy(corpus.join(from), d.join(to)).unwrap();
    }
    let (code, out, _) = nianbao_in(&d, &["review", "--json", "."]);
    assert_eq!(code, 1);
    let v = json(&out);
    assert_eq!(v["reports"].as_array().unwrap().len(), 3, "{out}");
    let r2021 = report(&v, "./qu-2021.html");
    assert!(r2021["prev"].is_null());
    assert_eq!(
        r2021["prev_candidates"],
        serde_json::json!(["./2020/a/qu.html", "./2020/b/qu.html"])
    );
    let (_, human, _) = nianbao_in(&d, &["review", "."]);
    assert!(
        human.contains(
            "上年报告不唯一（未作跨年检查，请用 check --prev 指定）：\n  ./qu-2021.html ← ./2020/a/qu.html | ./2020/b/qu.html\n"
        ),
        "{human}"
    );
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn terminal_table_worst_first() {
    let (code, out, err) = nianbao_in(&fixtures(), &["review", "corpus"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        " #  错误  提示   单元格  年度  格式    机构                      未通过的规则                                  文件"
    );
    assert_eq!(
        lines[1],
        " 1     2     1  198/198  2020  gb2019  平潭综合实验区            E-S3-RESULT×2 W-2019-CHANGE-LARGE             corpus/pingtan-qu-2020.html"
    );
    assert!(lines[2].contains("E-S4-SUM X-2021-IN-FORCE"), "{out}");
    assert!(out.contains("\n12 份报告：2 份有错误，2 份仅有提示，8 份未发现问题，0 份无法检查。\n"));
    assert!(out.contains(
        "与上年报告配对（已作跨年检查）：\n  corpus/pingtan-shenpi-2024.html ← corpus/pingtan-shenpi-2023.html\n  corpus/pingtan-qu-2021.html ← corpus/pingtan-qu-2020.html\n"
    ));
    assert!(err.contains("用时"), "{err}");
    // No progress bar when stderr is not a terminal.
    assert!(!err.contains('█'), "{err}");

    let (_, en, err) = nianbao_in(&fixtures(), &["review", "--lang", "en", "corpus"]);
    assert!(en.starts_with(" #  errors  warn"), "{en}");
    assert!(en.contains(
        "12 reports: 2 with errors, 2 with warnings only, 8 without findings, 0 not checked."
    ));
    assert!(err.contains("12 reports in "), "{err}");
}

#[test]
fn an_unreadable_document_comes_first_and_exits_2() {
    let d = scratch("unreadable");
    std::fs::write(d.join("empty.html"), "<p>二、主动公开政府信息情况</p>").unwrap();
    std::fs::copy(
        fixtures().join("corpus/pingtan-shenpi-2023.html"),
        d.join("shenpi-2023.html"),
    )
    .unwrap();
    let (code, out, _) = nianbao_in(&d, &["review", "--json", "."]);
    assert_eq!(code, 2);
    let v = json(&out);
    assert_eq!(v["reports"][0]["file"], "./empty.html");
    assert!(v["reports"][0]["unreadable"].is_string(), "{out}");
    assert!(v["reports"][0]["format"].is_null());
    assert_eq!(v["reports"][1]["errors"], 0);
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn html_report_is_one_offline_page() {
    let d = scratch("html");
    let page = d.join("review.html");
    let (code, _, _) = nianbao_in(
        &fixtures(),
        &["review", "--html", page.to_str().unwrap(), "corpus"],
    );
    assert_eq!(code, 1);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<title>政府信息公开工作年度报告审查汇总（12 份）</title>"));
    assert!(html.contains("NianbaoReview.render("));
    // Nothing is loaded from anywhere: no src/href to another file, no fetch.
    for needle in [" src=", "href=\"http", "@import", "fetch(", "url(http"] {
        assert!(!html.contains(needle), "{needle}");
    }
    // The data is the summary plus the formats its reports use.
    let open = "id=\"nianbao-review-data\">";
    let start = html.find(open).unwrap() + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    let data = json(&html[start..end]);
    let (_, out, _) = nianbao_in(&fixtures(), &["review", "--json", "corpus"]);
    assert_eq!(data["summary"], json(&out));
    let ids: Vec<&str> = data["formats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["gb2019", "gb2021"]);
    assert_eq!(data["lang"], "zh");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn bad_usage_exits_2() {
    let (code, _, err) = nianbao_in(&fixtures(), &["review"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("review needs at least one FILE or DIR"),
        "{err}"
    );
    let (code, _, err) = nianbao_in(&fixtures(), &["review", "--csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("--csv takes a file"), "{err}");
    let (code, _, err) = nianbao_in(&fixtures(), &["review", "--lang", "fr", "corpus"]);
    assert_eq!(code, 2);
    assert!(err.contains("--lang takes zh or en"), "{err}");
}

#[test]
fn progress_bar_on_a_terminal_only() {
    // `script` (util-linux) runs the command on a pseudo-terminal: stderr is a TTY there.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` command to make a terminal");
        return;
    }
    let cmd = format!("{} review corpus", env!("CARGO_BIN_EXE_nianbao"));
    let out = Command::new("script")
        .current_dir(fixtures())
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .unwrap();
    let tty = String::from_utf8_lossy(&out.stdout);
    assert!(tty.contains("] 12/12 "), "{tty}");
    assert!(tty.contains('█'), "{tty}");
    // The bar is cleared before the table.
    assert!(tty.contains("\r\x1b[2K #  错误"), "{tty}");
}

#[test]
fn every_kind_of_document_is_reviewed_alike() {
    // The converters' fixtures: the same reports as published pages, PDFs (Chromium and
    // LibreOffice), Word and Excel files, and a scan.
    let (code, out, _) = nianbao_in(&fixtures(), &["review", "--json", "docs"]);
    assert_eq!(code, 2, "the scan cannot be checked");
    let v = json(&out);
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 15, "{out}");
    assert_eq!(reports[0]["file"], "docs/scanned.pdf");
    assert!(reports[0]["unreadable"]
        .as_str()
        .unwrap()
        .starts_with("这个 PDF 没有文字层"));
    for r in &reports[1..] {
        let file = r["file"].as_str().unwrap();
        let (agency, rules) = if file.contains("shenpi-2024") {
            (
                "平潭综合实验区行政审批局",
                serde_json::json!({"E-S4-SUM": 1}),
            )
        } else {
            ("平潭综合实验区金井片区管理局", serde_json::json!({}))
        };
        assert_eq!(r["agency"], agency, "{file}");
        assert_eq!(r["rules"], rules, "{file}");
        assert_eq!(r["cells_found"], r["cells_expected"], "{file}");
    }
    assert_eq!(v["rules"], serde_json::json!({"E-S4-SUM": 5}));
}
