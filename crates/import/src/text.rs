//! Text and TSV importers: published text (one cell per line with wrapped headers, as in the
//! seed), browser copies (tab-separated rows), PDF text (cells separated by spaces, labels
//! wrapped across lines, page numbers inside tables) and page dumps with `|`-terminated cells.
//!
//! Text has no spans, so it is only turned into grid rows here: the table regions are found
//! by their captions, each line becomes cells, label pieces wrapped over lines are joined, and
//! the rows go through the same [`map_tables`](super::tables::map_tables) step as HTML.
//! Everything outside the table regions is the narrative.

use super::grid::{Grid, GridBudget, RawCell};
use super::tables::{
    is_caption_label, is_value_text, label_kind, report_from_tables, without_white_space,
    LabelKind, TableInput,
};
use super::Note;
use crate::report::Report;
use crate::textnorm;
use std::borrow::Cow;

/// A text document split into title, narrative and table grids.
pub use super::Doc as TextDoc;

/// Lines beyond this are not read (a report is a few hundred lines).
const MAX_LINES: usize = 50_000;
/// Longer lines are prose, never table content.
const MAX_CELL_LINE: usize = 400;

/// Reads a text document into a report.
pub fn import_text(input: &str) -> (Report, Vec<Note>) {
    let doc = parse_text(input);
    report_from_tables(&doc.tables, &doc.narrative, &doc.title)
}

/// Reads a tab-separated block (Excel/WPS copy) into a report. Quoted fields may hold tabs
/// and line breaks (`"本年新\n制作数量"`).
pub fn import_tsv(input: &str) -> (Report, Vec<Note>) {
    let doc = parse_tsv(input);
    report_from_tables(&doc.tables, &doc.narrative, &doc.title)
}

/// True for page-number lines: `- 5 -`, `— 12 —`, `第 3 页`, `第3页 共9页`, `3 / 9`.
fn is_page_number(line: &str) -> bool {
    // Every form below is made of these characters only: most lines fail here, uncopied.
    let page_char = |c: char| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || matches!(c, '-' | '—' | '–' | '－' | '−' | '第' | '页' | '共' | '/')
    };
    if !line.chars().all(page_char) {
        return false;
    }
    let t = without_white_space(line);
    if t.is_empty() {
        return false;
    }
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '−');
    if let Some(inner) = t.strip_prefix(dash).and_then(|s| s.strip_suffix(dash)) {
        return !inner.is_empty() && inner.len() <= 4 && inner.bytes().all(|b| b.is_ascii_digit());
    }
    if let Some(inner) = t.strip_prefix('第') {
        let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &inner[digits..];
        return digits > 0
            && (rest == "页"
                || rest
                    .strip_prefix("页共")
                    .and_then(|r| r.strip_suffix('页'))
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())));
    }
    if let Some((a, b)) = t.split_once('/') {
        return !a.is_empty()
            && !b.is_empty()
            && a.len() <= 3
            && b.len() <= 3
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit());
    }
    false
}

/// A section heading after the tables: 五、… or 六、….
fn ends_tables(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with("五、") || t.starts_with("六、") {
        return true;
    }
    // Prose: long, with a full stop. No table label has one.
    t.chars().count() >= 40 && t.contains('。') && !t.contains('\t')
}

/// Inside a table, a caption reads as one ("三、…情况"): a wrapped label's last piece such as
/// "政府信息公开申请" is close enough to a caption's words to match one.
fn caption_like(l: &str) -> bool {
    let t = l.trim();
    starts_with_enum(t) || textnorm::contains(t, "情况") || t.starts_with('表')
}

fn is_caption(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().count() <= 60 && is_caption_label(t)
}

/// Starts a table region without a caption (a copy that begins at the table itself).
fn starts_table(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    // The first cell: of a tab-separated row, a `|`-terminated line or a Markdown row.
    let first = t
        .trim_start_matches('|')
        .split(['\t', '|'])
        .next()
        .unwrap_or(t)
        .trim();
    matches!(label_kind(first), LabelKind::Block)
        || first.starts_with("(本列数据")
        || first.starts_with("信息内容")
}

fn title_of(lines: &[&str]) -> String {
    let mut picked: Vec<&str> = Vec::new();
    for l in lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !is_page_number(l))
    {
        if l.chars().count() > 60 {
            break;
        }
        picked.push(l);
        if l.contains("报告") || picked.len() >= 3 {
            break;
        }
    }
    let joined: String = if picked.last().is_some_and(|l| l.contains("报告")) {
        picked.concat()
    } else {
        String::new()
    };
    joined.chars().take(120).collect()
}

/// Splits a text document into narrative and table regions and builds one grid per region.
pub fn parse_text(input: &str) -> TextDoc {
    super::tables::with_label_kinds(|| parse_text_lines(input))
}

fn parse_text_lines(input: &str) -> TextDoc {
    let mut raw_lines: Vec<&str> = Vec::new();
    // Borrowed from the input where normalising changes nothing (most lines).
    let mut norm: Vec<Cow<str>> = Vec::new();
    for l in input.lines().take(MAX_LINES) {
        raw_lines.push(l);
        norm.push(markdown_plain(normalized_line(l)));
    }
    // Normalized (Kangxi radicals of PDF text, Markdown headings) for a title that names the
    // agency as typed elsewhere.
    let heads: Vec<&str> = norm.iter().take(8).map(|l| l.as_ref()).collect();
    let title = title_of(&heads);
    let mut narrative: Vec<&str> = Vec::new();
    let mut tables = Vec::new();
    let mut region: Option<(&str, Vec<&str>)> = None;
    let mut budget = GridBudget::per_document();
    let mut close = |region: &mut Option<(&str, Vec<&str>)>, tables: &mut Vec<TableInput>| {
        if let Some((caption, lines)) = region.take() {
            let rows = lines_to_rows(&lines);
            if !rows.is_empty() {
                tables.push(TableInput {
                    grid: Grid::from_rows_within(rows, &mut budget),
                    text_before: caption.to_string(),
                });
            }
        }
    };
    for (raw, line) in raw_lines.iter().zip(&norm) {
        let line: &str = line;
        if is_page_number(line) {
            continue;
        }
        let long = line.chars().count() > MAX_CELL_LINE;
        if !long && is_caption(line) && (region.is_none() || caption_like(line)) {
            close(&mut region, &mut tables);
            narrative.push(raw);
            region = Some((line.trim(), Vec::new()));
            continue;
        }
        match &mut region {
            Some((_, lines)) => {
                if long || ends_tables(line) {
                    close(&mut region, &mut tables);
                    narrative.push(raw);
                } else {
                    lines.push(line);
                }
            }
            None => {
                if !long && starts_table(line) {
                    region = Some(("", vec![line]));
                } else {
                    narrative.push(raw);
                }
            }
        }
    }
    close(&mut region, &mut tables);
    TextDoc {
        title,
        narrative: narrative.join("\n"),
        tables,
        notes: if budget.exhausted {
            vec![GridBudget::note()]
        } else {
            Vec::new()
        },
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// One cell per tab-indented line, rows separated by blank lines (the seed).
    CellLines,
    /// Tab-separated cells, one row per line.
    Tabs,
    /// One cell per line ending in `|`; `||` lines are span fillers.
    Pipes,
    /// Markdown pipe tables: `| 规章 | 0 | 0 | 0 |`, separator rows `|---|`.
    Markdown,
    /// Cells separated by spaces, labels wrapped over lines (PDF text).
    Spaces,
}

fn mode_of(lines: &[&str]) -> Mode {
    // Counts over the non-empty lines.
    let (mut n, mut tab_start, mut tab_inside, mut pipes, mut md) = (0usize, 0, 0, 0, 0);
    for l in lines.iter().filter(|l| !l.trim().is_empty()) {
        n += 1;
        md += usize::from(is_markdown_row(l));
        tab_start += usize::from(l.starts_with('\t'));
        tab_inside += usize::from(l.trim_start_matches('\t').contains('\t'));
        pipes += usize::from(l.trim_end().ends_with('|'));
    }
    let n = n.max(1);
    if tab_start * 3 >= n && tab_start >= tab_inside {
        Mode::CellLines
    } else if tab_inside * 4 >= n {
        Mode::Tabs
    } else if md * 2 >= n {
        Mode::Markdown
    } else if pipes * 2 >= n {
        Mode::Pipes
    } else {
        Mode::Spaces
    }
}

struct RowBuilder {
    rows: Vec<Vec<RawCell>>,
    source: usize,
}

impl RowBuilder {
    fn push_row(&mut self, cells: Vec<String>) {
        if cells.is_empty() {
            return;
        }
        let mut row = Vec::with_capacity(cells.len());
        for t in cells {
            row.push(RawCell::new(t, self.source));
            self.source += 1;
        }
        self.rows.push(row);
    }
}

/// `||`, `|||`: span fillers of a page dump.
fn is_pipe_filler(l: &str) -> bool {
    l.len() > 1 && l.bytes().all(|c| c == b'|')
}

fn lines_to_rows(lines: &[&str]) -> Vec<Vec<RawCell>> {
    let mut b = RowBuilder {
        rows: Vec::new(),
        source: 0,
    };
    match mode_of(lines) {
        Mode::CellLines => {
            let mut cur: Vec<String> = Vec::new();
            for l in lines {
                if l.starts_with('\t') {
                    // "\t" alone is an empty cell, not a row break.
                    cur.append(&mut tab_cells(l.trim_start_matches('\t')));
                } else if l.trim().is_empty() {
                    b.push_row(std::mem::take(&mut cur));
                } else {
                    b.push_row(std::mem::take(&mut cur));
                    b.push_row(tab_cells(l));
                }
            }
            b.push_row(cur);
        }
        Mode::Tabs => {
            // A row of empty cells still has its tabs.
            for l in lines
                .iter()
                .filter(|l| l.contains('\t') || !l.trim().is_empty())
            {
                b.push_row(tab_cells(l));
            }
        }
        Mode::Pipes => {
            let mut cells: Vec<String> = Vec::new();
            for l in lines.iter().map(|l| l.trim()) {
                if !l.is_empty() && !is_pipe_filler(l) {
                    cells.push(l.trim_end_matches('|').trim().to_string());
                }
            }
            stream_rows(&mut b, cells);
        }
        Mode::Markdown => {
            for l in lines.iter().filter(|l| is_markdown_row(l)) {
                let cells = markdown_cells(l);
                if !is_separator_row(&cells) {
                    markdown_row(&mut b, cells);
                }
            }
        }
        Mode::Spaces => space_rows(&mut b, lines),
    }
    b.rows
}

/// `| a | b |`: a Markdown table row (a line starting with `|` and holding another).
fn is_markdown_row(l: &str) -> bool {
    let t = l.trim();
    t.starts_with('|') && t.len() > 1 && t[1..].contains('|')
}

/// The cells of a Markdown row: split at `|` (not `\|`), the outer pipes dropped, `<br>`
/// as a line break, bold and code marks removed.
fn markdown_cells(l: &str) -> Vec<String> {
    let t = l.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t
        .strip_suffix('|')
        .filter(|x| !x.ends_with('\\'))
        .unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(markdown_inline(&std::mem::take(&mut cur))),
            _ => cur.push(c),
        }
    }
    cells.push(markdown_inline(&cur));
    cells
}

/// A cell's text without Markdown marks: `<br>` → line break, `**`/`__`/`` ` `` removed.
fn markdown_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s.trim();
    while let Some(c) = rest.chars().next() {
        let lower = rest.get(..3).map(|h| h.eq_ignore_ascii_case("<br"));
        if c == '<' && lower == Some(true) {
            if let Some(end) = rest.find('>') {
                out.push('\n');
                rest = &rest[end + 1..];
                continue;
            }
        }
        if (c == '*' || c == '_') && rest[1..].starts_with(c) {
            rest = &rest[2..];
            continue;
        }
        if c != '`' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.trim().to_string()
}

/// A Markdown row into cells. Converters write a spanning cell as the cell followed by empty
/// ones (`| 第二十条第（一）项 | | | |`, `| 一、本年新收… | | | 0 | 0 |`): empty cells right
/// after a label, with text later in the row, widen the label (colspan) instead of being value
/// slots. Empty cells after values, or at the end, stay blank cells.
fn markdown_row(b: &mut RowBuilder, cells: Vec<String>) {
    if cells.iter().all(|c| c.is_empty()) {
        return;
    }
    let last_text = cells.iter().rposition(|c| !c.is_empty()).unwrap_or(0);
    let mut row: Vec<RawCell> = Vec::with_capacity(cells.len());
    for (i, t) in cells.into_iter().enumerate() {
        if t.is_empty() && i < last_text {
            if let Some(prev) = row.last_mut() {
                if !prev.text.is_empty() && !is_value_text(&prev.text) {
                    prev.colspan += 1;
                    continue;
                }
            }
        }
        row.push(RawCell::new(t, b.source));
        b.source += 1;
    }
    b.rows.push(row);
}

/// `|---|:---:|`: the row under a Markdown header.
fn is_separator_row(cells: &[String]) -> bool {
    cells.iter().any(|c| !c.is_empty())
        && cells.iter().all(|c| {
            let c = c.trim().trim_start_matches(':').trim_end_matches(':');
            c.bytes().all(|b| b == b'-')
        })
}

/// A line normalised (`textnorm::normalize`), without a trailing `\r`; borrowed when
/// normalising changes nothing.
fn normalized_line(l: &str) -> Cow<'_, str> {
    match textnorm::normalize_cow(l) {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim_end_matches('\r')),
        Cow::Owned(mut line) => {
            line.truncate(line.trim_end_matches('\r').len());
            Cow::Owned(line)
        }
    }
}

/// A Markdown heading or a bold line as plain text (`## 二、主动公开…` → `二、主动公开…`), so
/// captions written by document converters are found; any other line unchanged.
fn markdown_plain(l: Cow<'_, str>) -> Cow<'_, str> {
    match (markdown_inner(&l), l) {
        (None, l) => l,
        (Some(r), Cow::Borrowed(b)) => Cow::Borrowed(&b[r]),
        (Some(r), Cow::Owned(o)) => Cow::Owned(o[r].to_string()),
    }
}

/// The byte range of [`markdown_plain`]'s text in `l`; `None` for `l` unchanged.
fn markdown_inner(l: &str) -> Option<std::ops::Range<usize>> {
    let t = l.trim_start();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    let t = if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        t[hashes..].trim()
    } else if hashes > 0 {
        return None;
    } else {
        t
    };
    let t = t.trim_end();
    let range = |inner: &str| {
        let start = inner.as_ptr() as usize - l.as_ptr() as usize;
        start..start + inner.len()
    };
    for mark in ["**", "__"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|x| x.strip_suffix(mark)) {
            if !inner.contains(mark) {
                return Some(range(inner.trim()));
            }
        }
    }
    (hashes > 0).then(|| range(t))
}

/// The tab-separated cells of a line, trimmed.
fn tab_cells(l: &str) -> Vec<String> {
    l.split('\t').map(|c| c.trim().to_string()).collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cur {
    Empty,
    Header,
    Label { row: bool },
}

/// Rows from a stream of cells without row marks: a row label, a value after a label, or a
/// header word after a data row starts a new row.
fn stream_rows(b: &mut RowBuilder, cells: Vec<String>) {
    let mut cur: Vec<String> = Vec::new();
    let mut kind = Cur::Empty;
    let mut has_values = false;
    let flush =
        |cur: &mut Vec<String>, kind: &mut Cur, has_values: &mut bool, b: &mut RowBuilder| {
            b.push_row(std::mem::take(cur));
            *kind = Cur::Empty;
            *has_values = false;
        };
    for c in cells {
        let k = if is_value_text(&c) {
            LabelKind::Value
        } else {
            label_kind(&c)
        };
        match k {
            LabelKind::Value => {
                if kind == Cur::Header {
                    flush(&mut cur, &mut kind, &mut has_values, b);
                }
                cur.push(c);
                has_values = true;
            }
            LabelKind::Caption | LabelKind::Block => {
                flush(&mut cur, &mut kind, &mut has_values, b);
                b.push_row(vec![c]);
            }
            LabelKind::Row | LabelKind::Group => {
                if has_values || kind == Cur::Header || kind == (Cur::Label { row: true }) {
                    flush(&mut cur, &mut kind, &mut has_values, b);
                }
                cur.push(c);
                kind = Cur::Label {
                    row: k == LabelKind::Row,
                };
            }
            LabelKind::Header | LabelKind::Unknown => {
                if has_values || matches!(kind, Cur::Label { .. }) {
                    flush(&mut cur, &mut kind, &mut has_values, b);
                }
                cur.push(c);
                kind = Cur::Header;
            }
        }
    }
    b.push_row(cur);
}

/// An enumeration at the start of `s`: 一、 (三) 1. 1、 (on normalized text).
fn starts_with_enum(s: &str) -> bool {
    const NUMS: &str = "一二三四五六七八九十";
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix('(') {
        let n = rest.chars().take_while(|c| NUMS.contains(*c)).count();
        return n > 0 && n <= 3 && rest.chars().nth(n) == Some(')');
    }
    let n = s.chars().take_while(|c| NUMS.contains(*c)).count();
    if n > 0 && n <= 3 {
        return s.chars().nth(n) == Some('、');
    }
    let d = s.chars().take_while(|c| c.is_ascii_digit()).count();
    if d > 0 && d <= 2 {
        let mut it = s.chars().skip(d);
        return matches!(it.next(), Some('.' | '、' | ','))
            && !it.next().is_some_and(|c| c.is_ascii_digit());
    }
    false
}

/// Splits a row's label text where a new enumeration starts after a space, or where a
/// bracketed Chinese enumeration follows other text: "(四)无 1.本机关不掌握…" →
/// ["(四)无", "1.本机关不掌握…"].
fn split_label(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..].iter().take(8).collect();
        let boundary = !cur.trim().is_empty()
            && ((c.is_whitespace() && starts_with_enum(&rest))
                || (c == '(' && starts_with_enum(&rest)));
        if boundary {
            out.push(cur.trim().to_string());
            cur.clear();
        }
        cur.push(c);
        i += 1;
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

fn is_header_line(line: &str) -> bool {
    line.starts_with("(本列数据") || label_kind(line) == LabelKind::Header
}

/// PDF text: a line ending in values is a data row; label lines before it are its label
/// (wrapped), unless they are header lines, which become header rows.
// Kept whole: the cases are tried in order over one line state (labels, header, last);
// split, their order would be spread over several functions.
fn space_rows(b: &mut RowBuilder, lines: &[&str]) {
    let mut labels: Vec<String> = Vec::new();
    let mut header: Vec<String> = Vec::new();
    let mut last = Cur::Empty;
    let flush_header = |header: &mut Vec<String>, b: &mut RowBuilder| {
        for h in header.drain(..) {
            b.push_row(vec![h]);
        }
    };
    // The last line was a data row (label and values).
    let mut after_data = false;
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let tokens = unit_joined(line.split_whitespace());
        let nv = tokens.iter().rev().take_while(|t| is_value_text(t)).count();
        // A lone number token in a label line ("2024 年") is rare in tables; trailing values
        // need a label before them or a line of values only.
        let label_part = tokens[..tokens.len() - nv].join(" ");
        if nv > 0 {
            let values = tokens[tokens.len() - nv..].iter().cloned();
            if label_part.is_empty() && labels.is_empty() && header.is_empty() && after_data {
                // Values wrapped onto a line of their own ("政府集中采购 3" / "147230 元").
                if let Some(row) = b.rows.last_mut() {
                    for v in values {
                        row.push(RawCell::new(v, b.source));
                        b.source += 1;
                    }
                    continue;
                }
            }
            if !label_part.is_empty() {
                add_label(&mut labels, &label_part, last == Cur::Label { row: false });
            }
            flush_header(&mut header, b);
            let mut row: Vec<String> = std::mem::take(&mut labels);
            row.extend(values);
            b.push_row(row);
            last = Cur::Empty;
            after_data = true;
            continue;
        }
        after_data = false;
        let kind = label_kind(line);
        if kind == LabelKind::Block || (kind == LabelKind::Caption && caption_like(line)) {
            flush_header(&mut header, b);
            b.push_row(std::mem::take(&mut labels));
            b.push_row(vec![line.to_string()]);
            last = Cur::Empty;
        } else if last == (Cur::Label { row: false })
            && labels
                .last()
                .is_some_and(|l| label_kind(l) == LabelKind::Unknown)
            && !line.starts_with("(本列数据")
        {
            // A label still incomplete: "(六)" / "其他" / "处理".
            add_label(&mut labels, line, true);
        } else if starts_with_enum(line) {
            add_label(&mut labels, line, false);
            last = Cur::Label { row: false };
        } else if last == (Cur::Label { row: false })
            && labels
                .last()
                .is_some_and(|l| label_kind(&textnorm::concat(&[l, line])) == LabelKind::Row)
        {
            // The last piece of a wrapped row label that reads as a header on its own
            // ("…不再处理其" / "政府信息公开申请").
            add_label(&mut labels, line, true);
        } else if is_header_line(line) {
            // Label pieces that did not start a row were header text too.
            header.append(&mut labels);
            header.push(line.to_string());
            last = Cur::Header;
        } else if last == Cur::Header {
            header.push(line.to_string());
        } else {
            add_label(&mut labels, line, last == Cur::Label { row: false });
            last = Cur::Label { row: false };
        }
    }
    flush_header(&mut header, b);
    b.push_row(labels);
}

/// Whitespace-separated tokens with a unit word joined to the number before it
/// ("147230 元" → "147230元"): PDF text breaks a cell's text where it wraps.
fn unit_joined<'a>(tokens: impl Iterator<Item = &'a str>) -> Vec<String> {
    const UNITS: [&str; 7] = ["元", "万元", "亿元", "件", "个", "项", "%"];
    let mut out: Vec<String> = Vec::new();
    for t in tokens {
        if let Some(prev) = out.last_mut() {
            if UNITS.contains(&t) && is_value_text(prev) {
                prev.push_str(t);
                continue;
            }
        }
        out.push(t.to_string());
    }
    out
}

/// A wrapped label stops growing at this many bytes (real labels have under 100 characters):
/// each added piece re-reads the label, so an unbounded one made reading quadratic.
const MAX_JOINED_LABEL: usize = 1_200;

/// Adds label text: pieces starting with an enumeration become new cells, the rest continues
/// the last cell when `continues` (a new cell once the last one is [`MAX_JOINED_LABEL`] long).
fn add_label(labels: &mut Vec<String>, text: &str, continues: bool) {
    for (i, piece) in split_label(text).into_iter().enumerate() {
        if i == 0 && continues && !starts_with_enum(&piece) {
            if let Some(last) = labels.last_mut().filter(|l| l.len() < MAX_JOINED_LABEL) {
                last.push_str(&piece);
                continue;
            }
        }
        labels.push(piece);
    }
}

/// Parses TSV with Excel quoting into one grid; a first row holding only a title (…报告) is
/// the title.
pub fn parse_tsv(input: &str) -> TextDoc {
    let rows = tsv_records(input);
    let mut title = String::new();
    let mut b = RowBuilder {
        rows: Vec::new(),
        source: 0,
    };
    for (i, r) in rows.iter().enumerate() {
        let mut non_empty = r.iter().filter(|c| !c.trim().is_empty());
        let (first, more) = (non_empty.next(), non_empty.next().is_some());
        let Some(first) = first else {
            continue;
        };
        if i == 0 && !more && first.contains("报告") {
            title = first.trim().to_string();
            continue;
        }
        let mut row = Vec::with_capacity(r.len());
        for c in r {
            row.push(textnorm::normalize(c).trim().to_string());
        }
        b.push_row(row);
    }
    let tables = if b.rows.is_empty() {
        Vec::new()
    } else {
        vec![TableInput {
            grid: Grid::from_rows(b.rows),
            text_before: String::new(),
        }]
    };
    TextDoc {
        title,
        narrative: String::new(),
        tables,
        notes: Vec::new(),
    }
}

/// Splits TSV into records of fields; a field starting with `"` runs to the closing quote
/// (`""` is a quote) and may hold tabs and line breaks.
fn tsv_records(input: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = input.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if out.len() >= MAX_LINES {
            break;
        }
        match c {
            '"' if at_field_start => {
                // Quoted field.
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') | None => break,
                        Some(x) => field.push(x),
                    }
                }
                at_field_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut row));
                at_field_start = true;
            }
            x => {
                field.push(x);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        out.push(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for s in ["- 5 -", "— 12 —", "第 3 页", "第3页共9页", "3 / 9", "-5-"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["-346", "5", "行政许可", "- -", "2024 年"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn enumerations() {
        for s in ["三、本年度", "(三)不予公开", "1.属于", "1、属于", "三、"] {
            assert!(starts_with_enum(s), "{s}");
        }
        for s in ["三安全一稳定", "2.5万", "(本列数据", "正、行政机关", "三"] {
            assert!(!starts_with_enum(s), "{s}");
        }
        assert_eq!(
            split_label("(四)无 1.本机关不掌握相关政府信息"),
            ["(四)无", "1.本机关不掌握相关政府信息"]
        );
        assert_eq!(
            split_label("3. 危及 “ 三安全⼀稳定 ”"),
            ["3. 危及 “ 三安全⼀稳定 ”"]
        );
    }

    #[test]
    fn markdown_rows() {
        assert_eq!(markdown_cells("| 规章 | 0 | **12** |"), ["规章", "0", "12"]);
        assert_eq!(markdown_cells("|a\\|b|c<br>d|"), ["a|b", "c\nd"]);
        assert!(is_separator_row(&markdown_cells("|---|:---:|--|")));
        assert!(!is_separator_row(&markdown_cells("| - | 0 |")));
        assert!(!is_separator_row(&markdown_cells("| 规章 | 0 |")));
        assert_eq!(
            markdown_plain("## 二、主动公开政府信息情况".into()),
            "二、主动公开政府信息情况"
        );
        assert_eq!(
            markdown_plain("**三、收到和处理政府信息公开申请情况**".into()),
            "三、收到和处理政府信息公开申请情况"
        );
        assert_eq!(markdown_plain("#标签".into()), "#标签");
        assert_eq!(markdown_plain("  正文".into()), "  正文");
    }

    #[test]
    fn tsv_quotes() {
        let r = tsv_records("a\t\"本年新\n制作数量\"\tc\n\"x\"\"y\"\t\n");
        assert_eq!(
            r,
            vec![vec!["a", "本年新\n制作数量", "c"], vec!["x\"y", ""]]
        );
    }
}
