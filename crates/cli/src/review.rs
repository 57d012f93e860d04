//! `nianbao review`: the CLI side of reviewing many reports — arguments, reading files (through
//! the same reader as `check`), a progress bar, the terminal table and the output files. The
//! review itself (pairing, checking, counting) is `nianbao_import::review`.

use super::{expand, read_report, shared_option, Shared, USAGE};
use nianbao::Lang;
use nianbao_html::review::{self, Document, Summary};
use nianbao_html::ReadOptions;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

pub struct Args {
    shared: Shared,
    csv: Option<PathBuf>,
    html: Option<PathBuf>,
    paths: Vec<PathBuf>,
}

pub fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut out = Args {
        shared: Shared::default(),
        csv: None,
        html: None,
        paths: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if shared_option(a, &mut it, &mut out.shared)? {
            continue;
        }
        match a.as_str() {
            "--csv" => out.csv = Some(it.next().ok_or("--csv takes a file to write")?.into()),
            "--html" => out.html = Some(it.next().ok_or("--html takes a file to write")?.into()),
            s if s.starts_with("--") => return Err(format!("unknown option '{s}'\n\n{USAGE}")),
            s => out.paths.push(s.into()),
        }
    }
    if out.paths.is_empty() {
        return Err(format!("review needs at least one FILE or DIR\n\n{USAGE}"));
    }
    Ok(out)
}

/// Folders expanded recursively (hidden ones skipped), each through `check`'s `expand`, so
/// review reads exactly the kinds `check` reads.
fn walk(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(expand(std::slice::from_ref(p))?);
            let mut subdirs: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|d| {
                    d.is_dir()
                        && !d
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            subdirs.sort();
            out.extend(walk(&subdirs)?);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

pub fn run(args: Args) -> Result<u8, String> {
    let started = Instant::now();
    let zh = args.shared.lang == Lang::Zh;
    let files = walk(&args.paths)?;
    if files.is_empty() {
        return Err("no report files found".into());
    }
    let docs = read_all(&files, &args.shared.read, args.shared.lang);
    let summary = review::review(docs, args.shared.lang);
    if args.shared.json {
        let text = serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print_table(&summary, zh);
    }
    if let Some(path) = &args.csv {
        write(path, &review::csv(&summary, args.shared.lang))?;
    }
    // The page renderer is native only (it is no part of any browser build); the wasm32
    // build of this binary exists only because `cargo test --target wasm32` builds it.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(path) = &args.html {
        write(path, &review::html::page(&summary, args.shared.lang))?;
    }
    let secs = started.elapsed().as_secs_f64();
    let n = summary.reports.len();
    if zh {
        eprintln!("共 {n} 份报告，用时 {secs:.2} 秒");
    } else {
        eprintln!("{n} reports in {secs:.2} s");
    }
    let unreadable = summary.reports.iter().any(|r| r.unreadable.is_some());
    let errors = summary.reports.iter().any(|r| r.errors > 0);
    Ok(if unreadable {
        2
    } else if errors {
        1
    } else {
        0
    })
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads every file (on every core; the order of `files` is kept), with a progress bar on a
/// terminal.
fn read_all(files: &[PathBuf], read: &ReadOptions, lang: Lang) -> Vec<Document> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Document>>> = Mutex::new((0..files.len()).map(|_| None).collect());
    let bar = std::io::stderr().is_terminal() && files.len() > 1;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len())
        .min(8);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let doc = read_one(path, read, lang);
                if let Ok(mut s) = slots.lock() {
                    s[i] = Some(doc);
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if bar {
                    progress(n, files.len(), path);
                }
            });
        }
    });
    if bar {
        eprint!("\r\x1b[2K");
    }
    slots
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .zip(files)
        .map(|(d, p)| {
            d.unwrap_or_else(|| Document {
                file: p.display().to_string(),
                read: Err("internal error while reading".into()),
            })
        })
        .collect()
}

fn read_one(path: &Path, opts: &ReadOptions, lang: Lang) -> Document {
    let file = path.display().to_string();
    let read = read_report(path, opts, lang)
        .map(|imp| (imp.report, imp.notes))
        .map_err(|msg| {
            // The reader names the file; the row already does.
            msg.strip_prefix(&file)
                .and_then(|m| m.strip_prefix(": "))
                .map_or(msg.clone(), str::to_string)
        });
    Document { file, read }
}

fn progress(n: usize, total: usize, path: &Path) {
    const WIDTH: usize = 28;
    let filled = n * WIDTH / total;
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "\r\x1b[2K[{}{}] {n}/{total} {}",
        "█".repeat(filled),
        "░".repeat(WIDTH - filled),
        clip(&name, 40)
    );
    let _ = err.flush();
}

/// Terminal columns a string takes (CJK and full-width forms take two).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let c = c as u32;
            let wide = (0x1100..=0x115F).contains(&c)
                || (0x2E80..=0xA4CF).contains(&c)
                || (0xAC00..=0xD7A3).contains(&c)
                || (0xF900..=0xFAFF).contains(&c)
                || (0xFE30..=0xFE4F).contains(&c)
                || (0xFF00..=0xFF60).contains(&c)
                || (0xFFE0..=0xFFE6).contains(&c)
                || (0x20000..=0x3FFFD).contains(&c);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

/// `s` cut to at most `max` columns, with … when cut.
fn clip(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0; 4]));
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// One line per report (aligned columns), then the folder's summary.
fn print_table(s: &Summary, zh: bool) {
    let head: [&str; 9] = if zh {
        [
            "#",
            "错误",
            "提示",
            "单元格",
            "年度",
            "格式",
            "机构",
            "未通过的规则",
            "文件",
        ]
    } else {
        [
            "#",
            "errors",
            "warn",
            "cells",
            "year",
            "format",
            "agency",
            "failing rules",
            "file",
        ]
    };
    let rows = table_rows(s, zh);
    let mut widths = head.map(width);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c));
        }
    }
    let right = [true, true, true, true, false, false, false, false, false];
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (k, c) in cells.iter().enumerate() {
            if k > 0 {
                out.push_str("  ");
            }
            if k == cells.len() - 1 {
                out.push_str(c);
            } else if right[k] {
                out.push_str(&" ".repeat(widths[k] - width(c)));
                out.push_str(c);
            } else {
                out.push_str(&pad(c, widths[k]));
            }
        }
        println!("{}", out.trim_end());
    };
    line(&head.map(String::from));
    for r in &rows {
        line(r);
    }

    print_summary(s, zh);
}

/// The table's cells for each report, in `print_table`'s column order.
fn table_rows(s: &Summary, zh: bool) -> Vec<[String; 9]> {
    s.reports
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let rules = match &r.unreadable {
                Some(_) if zh => "无法检查".to_string(),
                Some(_) => "not checked".to_string(),
                None => r
                    .rules
                    .iter()
                    .map(|(k, n)| {
                        if *n > 1 {
                            format!("{k}×{n}")
                        } else {
                            k.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            let checked = r.unreadable.is_none();
            [
                (i + 1).to_string(),
                if checked {
                    r.errors.to_string()
                } else {
                    "-".into()
                },
                if checked {
                    r.warnings.to_string()
                } else {
                    "-".into()
                },
                if checked {
                    format!("{}/{}", r.cells_found, r.cells_expected)
                } else {
                    "-".into()
                },
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                r.format.clone().unwrap_or_default(),
                clip(r.agency.as_deref().unwrap_or(""), 24),
                clip(&rules, 44),
                r.file.clone(),
            ]
        })
        .collect()
}

/// Counts, pairings, unreadable files and the most frequent findings.
fn print_summary(s: &Summary, zh: bool) {
    let n = s.reports.len();
    let bad = s.reports.iter().filter(|r| r.unreadable.is_some()).count();
    let err = s
        .reports
        .iter()
        .filter(|r| r.unreadable.is_none() && r.errors > 0)
        .count();
    let warn = s
        .reports
        .iter()
        .filter(|r| r.unreadable.is_none() && r.errors == 0 && r.warnings > 0)
        .count();
    println!();
    if zh {
        println!(
            "{n} 份报告：{err} 份有错误，{warn} 份仅有提示，{} 份未发现问题，{bad} 份无法检查。",
            n - err - warn - bad
        );
    } else {
        println!(
            "{n} reports: {err} with errors, {warn} with warnings only, {} without findings, {bad} not checked.",
            n - err - warn - bad
        );
    }
    print_pairings(s, zh);
    for r in s.reports.iter().filter(|r| r.unreadable.is_some()) {
        let msg = r.unreadable.as_deref().unwrap_or("");
        if zh {
            println!("无法检查 {}：{msg}", r.file);
        } else {
            println!("not checked {}: {msg}", r.file);
        }
    }
    if !s.rules.is_empty() {
        let mut rules: Vec<(&String, &usize)> = s.rules.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = rules
            .iter()
            .take(8)
            .map(|(k, v)| {
                if zh {
                    format!("{k} {v} 份")
                } else {
                    format!("{k} {v}")
                }
            })
            .collect();
        if zh {
            println!("最常见的问题：{}", top.join("，"));
        } else {
            println!("most frequent findings: {}", top.join(", "));
        }
    }
}

/// Which reports were paired with last year's, and which had several candidates.
fn print_pairings(s: &Summary, zh: bool) {
    let paired: Vec<_> = s.reports.iter().filter(|r| r.prev.is_some()).collect();
    if !paired.is_empty() {
        println!(
            "{}",
            if zh {
                "与上年报告配对（已作跨年检查）："
            } else {
                "paired with last year's report (cross-year rules checked):"
            }
        );
        for r in paired {
            println!("  {} ← {}", r.file, r.prev.as_deref().unwrap_or(""));
        }
    }
    let ambiguous: Vec<_> = s
        .reports
        .iter()
        .filter(|r| !r.prev_candidates.is_empty())
        .collect();
    if !ambiguous.is_empty() {
        println!(
            "{}",
            if zh {
                "上年报告不唯一（未作跨年检查，请用 check --prev 指定）："
            } else {
                "last year's report is ambiguous (no cross-year check; use check --prev):"
            }
        );
        for r in ambiguous {
            println!("  {} ← {}", r.file, r.prev_candidates.join(" | "));
        }
    }
}
