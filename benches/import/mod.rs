//! Importer benchmarks (`cargo bench --bench validate -- import`).
//!
//! Throughput: reports read per second over a folder (the seed text and the corpus's text
//! files; the corpus's published HTML pages), import alone and import + validate (`check`).
//! Scaling: adversarial shapes at ×1, ×4, ×16, ×64 of a base size; time must grow linearly
//! (each ×4 step about 4× the time, never 16×).

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use nianbao_html::{read_document, InputKind, ReadOptions};
use std::path::Path;

/// The documents of `tests/fixtures/corpus` with this extension, plus the seed for text.
fn folder(ext: &str) -> Vec<(InputKind, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    if ext == "txt" {
        paths.push(root.join("examples/yichun-2020.txt"));
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let kind = InputKind::from_name(&p.to_string_lossy()).unwrap();
            (kind, std::fs::read(p).unwrap())
        })
        .collect()
}

/// How a folder is read: as by a long-running `nianbao check` (what earlier passes
/// classified is kept), or `Cold`: each pass as a fresh process reads the folder once (the
/// kept texts forgotten before each pass, outside the timing).
#[derive(Clone, Copy, PartialEq)]
enum Memo {
    Kept,
    Cold,
}

fn run_folder(b: Bencher, docs: &[(InputKind, Vec<u8>)], validate: bool) {
    run_folder_as(b, docs, validate, Memo::Kept)
}

fn run_folder_as(b: Bencher, docs: &[(InputKind, Vec<u8>)], validate: bool, memo: Memo) {
    let opts = ReadOptions::default();
    let vopts = nianbao::Options::default();
    let pass = || {
        for (kind, bytes) in docs {
            let (r, notes) = read_document(divan::black_box(bytes), *kind, &opts);
            if validate {
                divan::black_box(nianbao::validate(&r, &vopts).ok());
            }
            divan::black_box((r, notes));
        }
    };
    let b = b.counter(ItemsCount::new(docs.len()));
    match memo {
        Memo::Kept => b.bench(pass),
        Memo::Cold => b
            .with_inputs(nianbao_html::tables::forget_labels)
            .bench_values(|()| pass()),
    }
}

/// The seed text (a real 2020 report): what `nianbao check` does per file.
#[divan::bench(sample_count = 30)]
fn seed_text_import(b: Bencher) {
    let seed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/yichun-2020.txt"))
            .unwrap();
    run_folder(b, &[(InputKind::Text, seed)], false);
}

#[divan::bench(sample_count = 30)]
fn seed_text_check(b: Bencher) {
    let seed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/yichun-2020.txt"))
            .unwrap();
    run_folder(b, &[(InputKind::Text, seed)], true);
}

/// The seed text read as if it were the first document of the process.
#[divan::bench(sample_count = 30)]
fn seed_text_import_cold(b: Bencher) {
    let seed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/yichun-2020.txt"))
            .unwrap();
    run_folder_as(b, &[(InputKind::Text, seed)], false, Memo::Cold);
}

#[divan::bench(sample_count = 20)]
fn text_folder_import_cold(b: Bencher) {
    run_folder_as(b, &folder("txt"), false, Memo::Cold);
}

#[divan::bench(sample_count = 10)]
fn html_folder_import_cold(b: Bencher) {
    run_folder_as(b, &folder("html"), false, Memo::Cold);
}

#[divan::bench(sample_count = 20)]
fn text_folder_import(b: Bencher) {
    run_folder(b, &folder("txt"), false);
}

#[divan::bench(sample_count = 10)]
fn html_folder_import(b: Bencher) {
    run_folder(b, &folder("html"), false);
}

#[divan::bench(sample_count = 10)]
fn html_folder_check(b: Bencher) {
    run_folder(b, &folder("html"), true);
}

// ---------------------------------------------------------------------------------------
// Scaling: adversarial shapes, ×1 … ×64

const SCALES: [usize; 4] = [1, 4, 16, 64];

fn scaled(b: Bencher, kind: InputKind, input: String) {
    let opts = ReadOptions::default();
    b.counter(BytesCount::new(input.len()))
        .bench(|| read_document(divan::black_box(input.as_bytes()), kind, &opts));
}

/// A caption line followed by short unrecognised lines (500 per step): one growing label.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn scale_text_label_run(b: Bencher, k: usize) {
    let mut s = String::from("三、收到和处理政府信息公开申请情况\n");
    for i in 0..500 * k {
        s.push_str(["甲乙", "丙丁戊", "己庚"][i % 3]);
        s.push('\n');
    }
    scaled(b, InputKind::Text, s);
}

/// The same as PDF-like text: space-separated label pieces with no values.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn scale_text_space_labels(b: Bencher, k: usize) {
    let mut s = String::from("三、收到和处理政府信息公开申请情况\n自然人 商业企业\n");
    for i in 0..500 * k {
        s.push_str(["甲乙 丙", "丁戊", "(己庚"][i % 3]);
        s.push('\n');
    }
    scaled(b, InputKind::Text, s);
}

/// Markdown: many rows of many distinct unrecognised labels.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn scale_markdown_rows(b: Bencher, k: usize) {
    let mut s =
        String::from("## 二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n");
    for i in 0..250 * k {
        s.push_str(&format!("| 未知标签{i} | {i} |\n"));
    }
    scaled(b, InputKind::Text, s);
}

/// HTML: many small tables, each with a distinct unrecognised label.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn scale_html_many_tables(b: Bencher, k: usize) {
    let mut s = String::from("<title>2020年报告</title>");
    for i in 0..100 * k {
        s.push_str(&format!(
            "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>标签{i}</td><td>自然人</td></tr>\
             <tr><td>一、本年新收政府信息公开申请数量</td><td>{i}</td></tr></table>"
        ));
    }
    scaled(b, InputKind::Html, s);
}

/// HTML: one row with many columns of distinct texts.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn scale_html_many_columns(b: Bencher, k: usize) {
    let mut s = String::from("<table>");
    for r in 0..4 * k {
        s.push_str("<tr>");
        for c in 0..250 {
            s.push_str(&format!("<td>列{r}x{c}</td>"));
        }
        s.push_str("</tr>");
    }
    s.push_str("</table>");
    scaled(b, InputKind::Html, s);
}

/// HTML: tables nested in cells, many times over.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn scale_html_deep_nesting(b: Bencher, k: usize) {
    let mut s = String::new();
    for i in 0..25 * k {
        for d in 0..12 {
            s.push_str(&format!("<table><tr><td>层{i}.{d}"));
        }
        for _ in 0..12 {
            s.push_str("</td></tr></table>");
        }
    }
    scaled(b, InputKind::Html, s);
}

/// HTML: tables of huge spans (`rowspan=200 colspan=1000`), repeated.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn scale_html_huge_spans(b: Bencher, k: usize) {
    let mut s = String::new();
    for _ in 0..k {
        s.push_str("<table>");
        s.push_str("<tr><td rowspan=200 colspan=1000>自然人</td></tr>");
        for _ in 0..199 {
            s.push_str("<tr><td>1</td></tr>");
        }
        s.push_str("</table>");
    }
    scaled(b, InputKind::Html, s);
}
