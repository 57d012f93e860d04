//! `nianbao` command line: check and parse reports.

use nianbao::rules::Severity;
use nianbao::{Lang, Options, Report};
use nianbao_html::{self as import, InputKind, NoteLevel, ReadOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod review;

const USAGE: &str = "\
nianbao — 政府信息公开工作年度报告 表格检查

用法 / usage:
  nianbao check [--json] [--lang zh|en] [--prev LAST_YEAR_FILE] [--format ID] [--year YYYY] FILE|DIR...
  nianbao parse [--lang zh|en] [--format ID] [--year YYYY] FILE|DIR...
  nianbao review [--json] [--csv FILE] [--html FILE] [--lang zh|en] [--format ID] [--year YYYY] FILE|DIR...
  nianbao formats

FILE: .html/.htm (published page), .pdf (with a text layer), .docx (Word/WPS), .xlsx (Excel/WPS),
      .txt/.md (pasted or PDF text, Markdown tables), .tsv (Excel/WPS copy), .json (report JSON)
--format ID   read the tables as this format (gb2019, gb2021, … see `nianbao formats`)
--year YYYY   the report year, for documents that do not state it (wins over the document)
review: every report under the paths (folders recursively) checked, each with last year's
      report of the same agency when exactly one is among them; a summary table worst first
      (--json: the summary as JSON; --csv: one line per report for Excel/WPS; --html: a
      self-contained report page with a heat-map of the failing cells).
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 unreadable input or bad usage.";

// mimalloc: a folder check allocates per cell and label; glibc's malloc was ~30 % of it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("nianbao: {msg}");
            ExitCode::from(2)
        }
    }
}

struct CheckArgs {
    shared: Shared,
    prev: Option<PathBuf>,
    files: Vec<PathBuf>,
}

/// The options every command that reads documents takes: `--json`, `--lang`, `--format`,
/// `--year`.
struct Shared {
    json: bool,
    lang: Lang,
    read: ReadOptions,
}

impl Default for Shared {
    fn default() -> Shared {
        Shared {
            json: false,
            lang: Lang::Zh,
            read: ReadOptions::default(),
        }
    }
}

fn run(args: &[String]) -> Result<u8, String> {
    match args.first().map(String::as_str) {
        Some("check") => check(parse_check_args(&args[1..])?),
        Some("review") => review::run(review::parse_args(&args[1..])?),
        Some("parse") => {
            let mut shared = Shared::default();
            let mut files: Vec<PathBuf> = Vec::new();
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                // `parse` always writes JSON: `--json` is not one of its options.
                if a == "--json" || !shared_option(a, &mut it, &mut shared)? {
                    if a.starts_with("--") {
                        return Err(format!("unknown option '{a}'\n\n{USAGE}"));
                    }
                    files.push(a.into());
                }
            }
            if files.is_empty() {
                return Err(format!(
                    "parse takes [--lang zh|en] [--format ID] [--year YYYY] FILE|DIR...\n\n{USAGE}"
                ));
            }
            parse(&files, &shared.read, shared.lang)
        }
        Some("formats") => {
            for f in nianbao::format::builtin_formats() {
                println!("{}\t{}\t{}\t{} cells", f.id, f.name, f.doc, f.cells.len());
            }
            Ok(0)
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(0)
        }
        Some(other) => Err(format!("unknown command '{other}'\n\n{USAGE}")),
        None => Err(USAGE.to_string()),
    }
}

fn parse_check_args(args: &[String]) -> Result<CheckArgs, String> {
    let mut out = CheckArgs {
        shared: Shared::default(),
        prev: None,
        files: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if shared_option(a, &mut it, &mut out.shared)? {
            continue;
        }
        match a.as_str() {
            "--prev" => {
                out.prev = Some(
                    it.next()
                        .ok_or("--prev takes a file (last year's report)")?
                        .into(),
                )
            }
            s if s.starts_with("--") => return Err(format!("unknown option '{s}'\n\n{USAGE}")),
            s => out.files.push(s.into()),
        }
    }
    if out.files.is_empty() {
        return Err(format!("check needs at least one FILE\n\n{USAGE}"));
    }
    Ok(out)
}

/// `--json`, `--lang zh|en`, `--format ID`, `--year YYYY` (the [`Shared`] options); false
/// when `a` is not one of them.
fn shared_option<'a>(
    a: &str,
    it: &mut impl Iterator<Item = &'a String>,
    shared: &mut Shared,
) -> Result<bool, String> {
    let read = &mut shared.read;
    match a {
        "--json" => shared.json = true,
        "--lang" => {
            shared.lang = match it.next().map(String::as_str) {
                Some("zh") => Lang::Zh,
                Some("en") => Lang::En,
                other => return Err(format!("--lang takes zh or en, got {other:?}")),
            }
        }
        "--format" => {
            let id = it
                .next()
                .ok_or("--format takes a format id (see `nianbao formats`)")?;
            if nianbao::format::builtin(id).is_none() {
                let known: Vec<&str> = nianbao::format::builtin_formats()
                    .iter()
                    .map(|f| f.id)
                    .collect();
                return Err(format!(
                    "unknown format '{id}' (known: {})",
                    known.join(", ")
                ));
            }
            read.format = Some(id.clone());
        }
        "--year" => {
            let y = it.next().ok_or("--year takes a year such as 2023")?;
            match y.parse::<u16>() {
                Ok(n) if (2000..=2099).contains(&n) => read.year = Some(n),
                _ => return Err(format!("--year takes a year such as 2023, got '{y}'")),
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// Expands folders into the report files they hold (sorted, non-recursive into hidden dirs).
fn expand(files: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for f in files {
        if f.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(f)
                .map_err(|e| format!("{}: {e}", f.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let ext = p
                        .extension()
                        .and_then(|e| e.to_str())
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    p.is_file()
                        && [
                            // Not .md: folders hold READMEs and notes; name a .md file to read it.
                            "json", "txt", "html", "htm", "tsv", "docx", "xlsx", "pdf",
                        ]
                        .contains(&ext.as_str())
                })
                .collect();
            v.sort();
            out.extend(v);
        } else {
            out.push(f.clone());
        }
    }
    Ok(out)
}

/// One imported document.
struct Imported {
    kind: InputKind,
    report: Report,
    notes: Vec<import::Note>,
    summary: import::ImportSummary,
}

/// Reads and imports one file; its notes in `lang`.
fn read_report(path: &Path, read: &ReadOptions, lang: Lang) -> Result<Imported, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let kind = InputKind::detect_bytes(&path.to_string_lossy(), &bytes);
    let (report, notes) = import::read_document(&bytes, kind, read);
    let notes = import::localized(&notes, lang);
    if let Some(n) = notes.iter().find(|n| n.level == NoteLevel::Fatal) {
        return Err(format!("{}: {}", path.display(), n.message));
    }
    let summary = import::summarize(&report, &notes);
    Ok(Imported {
        kind,
        report,
        notes,
        summary,
    })
}

fn check(args: CheckArgs) -> Result<u8, String> {
    let prev = match &args.prev {
        Some(p) => Some(read_report(p, &ReadOptions::default(), args.shared.lang)?.report),
        None => None,
    };
    let files = expand(&args.files)?;
    if files.is_empty() {
        return Err("no report files found".into());
    }
    let mut worst = 0u8;
    let mut json_out = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let result = read_report(path, &args.shared.read, args.shared.lang).and_then(|imp| {
            let opts = Options {
                lang: args.shared.lang,
                prev: prev.clone(),
                pending: false,
            };
            nianbao::validate(&imp.report, &opts)
                .map(|v| (imp, v))
                .map_err(|e| format!("{name}: {e}"))
        });
        match result {
            Ok((imp, v)) => {
                if v.errors() > 0 {
                    worst = worst.max(1);
                }
                if args.shared.json {
                    json_out.push(serde_json::json!({
                        "file": name,
                        "kind": imp.kind,
                        "format": v.format,
                        "year": v.year,
                        "title": imp.report.title,
                        "cells_found": imp.summary.cells_found(),
                        "cells_expected": imp.summary.cells_expected(),
                        "tables": imp.summary.tables,
                        "unmapped": imp.summary.unmapped,
                        "duplicates": imp.summary.duplicates,
                        "missing": imp.report.missing,
                        "notes": imp.notes,
                        "errors": v.errors(),
                        "warnings": v.warnings(),
                        "diagnostics": v.diagnostics,
                    }));
                } else {
                    print_human(&name, &imp, &v, args.shared.lang);
                }
            }
            Err(msg) => {
                worst = 2;
                if args.shared.json {
                    json_out.push(serde_json::json!({ "file": name, "error": msg }));
                } else {
                    eprintln!("nianbao: {msg}");
                }
            }
        }
    }
    if args.shared.json {
        let out = if files.len() == 1 && args.files.len() == 1 && !args.files[0].is_dir() {
            json_out.pop().unwrap_or_default()
        } else {
            serde_json::Value::Array(json_out)
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
        );
    }
    Ok(worst)
}

/// "表二 22/22，表三 161/161，表四 15/15" (or the English form).
fn summary_line(s: &import::ImportSummary, zh: bool) -> String {
    let parts: Vec<String> = s
        .tables
        .iter()
        .map(|t| {
            let name = match (t.table.as_str(), zh) {
                ("s2", true) => "表二".to_string(),
                ("s3", true) => "表三".to_string(),
                ("s4", true) => "表四".to_string(),
                (id, true) => id.to_string(),
                (id, false) => format!("table {}", id.trim_start_matches('s')),
            };
            format!("{name} {}/{}", t.found, t.expected)
        })
        .collect();
    if zh {
        format!(
            "导入：{}（共 {}/{} 格）",
            parts.join("，"),
            s.cells_found(),
            s.cells_expected()
        )
    } else {
        format!(
            "import: {} ({}/{} cells)",
            parts.join(", "),
            s.cells_found(),
            s.cells_expected()
        )
    }
}

fn print_human(name: &str, imp: &Imported, v: &nianbao::Validation, lang: Lang) {
    let report = &imp.report;
    let notes = &imp.notes;
    let zh = lang == Lang::Zh;
    let format = nianbao::format::builtin(&report.format);
    let fname = format.map_or(report.format.clone(), |f| {
        if zh {
            format!("{}（{}）", f.name, f.doc)
        } else {
            format!("{} ({})", f.name_en, f.doc)
        }
    });
    let year = report.year.map_or(String::new(), |y| {
        if zh {
            format!("，{y}年度")
        } else {
            format!(", year {y}")
        }
    });
    println!("== {name}");
    println!("   {fname}{year}");
    if imp.kind != InputKind::Json || !report.missing.is_empty() {
        println!("   {}", summary_line(&imp.summary, zh));
    }
    if !imp.summary.unmapped.is_empty() {
        let shown: Vec<String> = imp
            .summary
            .unmapped
            .iter()
            .take(10)
            .map(|l| format!("「{}」", l.chars().take(40).collect::<String>()))
            .collect();
        if zh {
            println!("   未能识别的标签：{}", shown.join(" "));
        } else {
            println!("   labels not recognised: {}", shown.join(" "));
        }
    }
    if !imp.summary.duplicates.is_empty() {
        if zh {
            println!(
                "   重复出现的单元格（保留第一个）：{}",
                imp.summary.duplicates.join(", ")
            );
        } else {
            println!(
                "   cells found twice (first kept): {}",
                imp.summary.duplicates.join(", ")
            );
        }
    }
    for n in notes
        .iter()
        .filter(|n| n.level != NoteLevel::Info && n.code != "duplicate-cell")
    {
        println!("   [导入] {}", n.message);
    }
    for d in &v.diagnostics {
        let (tag, mark) = match (d.severity, zh) {
            (Severity::Error, true) => ("错误", "✗"),
            (Severity::Warning, true) => ("提示", "!"),
            (Severity::Info, true) => ("说明", "i"),
            (Severity::Error, false) => ("error", "✗"),
            (Severity::Warning, false) => ("warning", "!"),
            (Severity::Info, false) => ("info", "i"),
        };
        let cell = d.target.as_deref().unwrap_or("");
        println!("   {mark} {tag} {} {cell}", d.rule);
        println!("     {}", d.message);
        if let Some(q) = &d.quote {
            println!("     「{q}」");
        }
    }
    let (e, w) = (v.errors(), v.warnings());
    if zh {
        println!("   结果：{e} 个错误，{w} 个提示");
    } else {
        println!("   result: {e} errors, {w} warnings");
    }
}

/// Prints the report JSON (raw cells, re-checkable as is) plus each cell's reading, the
/// import summary and notes, so a reviewer can fix an import by hand. Several files give an
/// array.
fn parse(files: &[PathBuf], read: &ReadOptions, lang: Lang) -> Result<u8, String> {
    let paths = expand(files)?;
    if paths.is_empty() {
        return Err("no report files found".into());
    }
    let mut outs = Vec::new();
    let mut worst = 0u8;
    for path in &paths {
        let imp = match read_report(path, read, lang) {
            Ok(i) => i,
            Err(msg) => {
                worst = 2;
                eprintln!("nianbao: {msg}");
                outs.push(serde_json::json!({ "file": path.display().to_string(), "error": msg }));
                continue;
            }
        };
        let report = &imp.report;
        let mut values = serde_json::Map::new();
        if let Some(format) = nianbao::format::builtin(&report.format) {
            for (id, raw) in &report.cells {
                if let Some(cell) = format.cell(id) {
                    let r = nianbao::value::read(raw, cell.kind);
                    values.insert(
                        id.clone(),
                        serde_json::to_value(&r.value).map_err(|e| e.to_string())?,
                    );
                }
            }
        }
        let mut out = serde_json::to_value(report).map_err(|e| e.to_string())?;
        if let Some(obj) = out.as_object_mut() {
            obj.insert("values".into(), serde_json::Value::Object(values));
            obj.insert(
                "import".into(),
                serde_json::json!({
                    "file": path.display().to_string(),
                    "kind": imp.kind,
                    "cells_found": imp.summary.cells_found(),
                    "cells_expected": imp.summary.cells_expected(),
                    "tables": imp.summary.tables,
                    "unmapped": imp.summary.unmapped,
                    "duplicates": imp.summary.duplicates,
                }),
            );
            obj.insert(
                "notes".into(),
                serde_json::to_value(&imp.notes).map_err(|e| e.to_string())?,
            );
        }
        outs.push(out);
    }
    let out = if paths.len() == 1 && files.len() == 1 && !files[0].is_dir() {
        outs.pop().unwrap_or_default()
    } else {
        serde_json::Value::Array(outs)
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
    );
    Ok(worst)
}
