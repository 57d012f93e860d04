//! A tolerant, dependency-free HTML reader for published report pages: it extracts the page
//! title, the narrative text and every table as a [`Grid`].
//!
//! It is not a full HTML5 parser. It tokenises the way browsers do (comments, raw-text
//! elements, quoted or unquoted attributes, entities) and applies the few tree rules tables
//! need: `<td>`/`<tr>` close the open cell/row implicitly, a cell outside a row opens one,
//! `<th>` is a `<td>`, table tags outside any table are ignored, and EOF closes everything.
//!
//! Text follows the browser's rendering closely enough for matching: runs of white space
//! (including NBSP and U+3000) collapse to one space, `<br>` and block elements (`<p>`,
//! `<div>`, `<li>`, `<tr>`, `<h1>`…) start a new line, lines are trimmed and empty lines dropped.
//!
//! Nested tables (a table inside a cell): the inner table is reported as a table of its own,
//! in document order of its `<table>` tag, and its text is also appended to the enclosing cell
//! (rows on their own lines, cells separated by tabs), so neither view loses content. Old sites
//! wrap whole pages in layout tables; this keeps the report tables reachable. Nesting deeper
//! than [`MAX_TABLE_DEPTH`] is flattened into the deepest tracked cell, which bounds the work.
//!
//! Everything runs in time linear in the input: each scan either consumes what it reads or
//! looks ahead a bounded distance.

use super::builder::{self, TableBuilder, TextSink};
use super::grid::{Grid, GridBudget};

/// Deepest table nesting that is tracked; deeper `<table>` tags are treated as plain text flow.
pub const MAX_TABLE_DEPTH: usize = 8;

/// The result of [`parse_html`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlDoc {
    /// Text of the first `<title>`, whitespace collapsed.
    pub title: String,
    /// Visible text outside tables, one paragraph or line per `'\n'`.
    pub text: String,
    /// Every table in document order (nested ones included).
    pub tables: Vec<HtmlTable>,
    /// Limits reached while reading (`tables-too-large`).
    pub notes: Vec<super::Note>,
}

/// One `<table>` of the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlTable {
    pub grid: Grid,
    /// Narrative text between the previous table (in the same context: the page or the
    /// enclosing cell) and this one, plus the table's `<caption>`. The section caption, e.g.
    /// 三、收到和处理政府信息公开申请情况, is usually its last line.
    pub text_before: String,
}

/// Parses a whole page or a fragment. Never panics; linear time.
pub fn parse_html(html: &str) -> HtmlDoc {
    let mut p = Parser::new();
    p.run(html);
    p.finish()
}

/// Tags whose start and end both begin a new line of text.
fn is_block(name: &[u8]) -> bool {
    builder::BLOCK_TAGS.iter().any(|t| t.as_bytes() == name)
}

/// Elements whose content is not markup and is not shown.
fn is_raw_hidden(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"noscript"
            | b"textarea"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
    )
}

/// Elements that may stay in `<head>` without implying `<body>`.
fn is_head_element(name: &[u8]) -> bool {
    matches!(
        name,
        b"html"
            | b"head"
            | b"meta"
            | b"link"
            | b"title"
            | b"base"
            | b"script"
            | b"style"
            | b"noscript"
    )
}

struct Parser {
    title: Option<String>,
    narrative: TextSink,
    tables: Vec<HtmlTable>,
    stack: Vec<TableBuilder>,
    /// `<table>` tags beyond `MAX_TABLE_DEPTH` still open; their structure tags are ignored.
    ignored_tables: usize,
    in_head: bool,
    pre_depth: usize,
    /// Grid slots and span text left for the page's tables.
    budget: GridBudget,
}

/// A tag name, lower-cased; names longer than the buffer are kept truncated but flagged so
/// they never equal a known name.
struct TagName {
    buf: [u8; 16],
    len: usize,
    too_long: bool,
}

impl TagName {
    fn as_bytes(&self) -> &[u8] {
        if self.too_long {
            b"\0"
        } else {
            &self.buf[..self.len]
        }
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Reads a tag name starting at `i` (first byte is an ASCII letter); returns it and the index after it.
fn read_tag_name(b: &[u8], mut i: usize) -> (TagName, usize) {
    let mut name = TagName {
        buf: [0; 16],
        len: 0,
        too_long: false,
    };
    while i < b.len() && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
        if name.len < name.buf.len() {
            name.buf[name.len] = b[i].to_ascii_lowercase();
            name.len += 1;
        } else {
            name.too_long = true;
        }
        i += 1;
    }
    (name, i)
}

/// Scans attributes from `i` to the end of the tag, calling `on_attr(name, value)` with the
/// raw bytes of each. Returns the index after `>` and whether the tag was closed before EOF.
fn scan_attrs(b: &[u8], mut i: usize, mut on_attr: impl FnMut(&[u8], &[u8])) -> (usize, bool) {
    let n = b.len();
    loop {
        while i < n && (is_ws(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= n {
            return (n, false);
        }
        if b[i] == b'>' {
            return (i + 1, true);
        }
        // The first character is always part of the name, even '=' or a quote (HTML spec).
        let name_start = i;
        i += 1;
        while i < n && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' && b[i] != b'=' {
            i += 1;
        }
        let name = &b[name_start..i];
        while i < n && is_ws(b[i]) {
            i += 1;
        }
        let mut value: &[u8] = b"";
        if i < n && b[i] == b'=' {
            i += 1;
            while i < n && is_ws(b[i]) {
                i += 1;
            }
            if i < n && (b[i] == b'"' || b[i] == b'\'') {
                let quote = b[i];
                i += 1;
                let start = i;
                while i < n && b[i] != quote {
                    i += 1;
                }
                value = &b[start..i];
                if i < n {
                    i += 1;
                }
            } else {
                let start = i;
                while i < n && !is_ws(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                value = &b[start..i];
            }
        }
        on_attr(name, value);
    }
}

/// HTML "rules for parsing non-negative integers": leading spaces, optional '+', digits,
/// anything after ignored. Missing or invalid → `None`.
fn parse_span(value: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < value.len() && is_ws(value[i]) {
        i += 1;
    }
    if i < value.len() && value[i] == b'+' {
        i += 1;
    }
    let start = i;
    let mut n: usize = 0;
    while i < value.len() && value[i].is_ascii_digit() {
        n = n
            .saturating_mul(10)
            .saturating_add(usize::from(value[i] - b'0'));
        i += 1;
    }
    (i > start).then_some(n)
}

/// Index of the `<` of the first `</name` (ASCII case-insensitive, followed by a tag
/// delimiter) at or after `from`, or `b.len()`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while i < b.len() {
        if b[i] == b'<' && b.get(i + 1) == Some(&b'/') {
            let start = i + 2;
            let end = start + name.len();
            if end <= b.len()
                && b[start..end].eq_ignore_ascii_case(name)
                && !matches!(b.get(end), Some(&c) if !(is_ws(c) || c == b'/' || c == b'>'))
            {
                return i;
            }
        }
        i += 1;
    }
    b.len()
}

/// Index after the end of a comment whose body starts at `i` (just after `<!--`).
fn skip_comment(b: &[u8], i: usize) -> usize {
    // `<!-->` and `<!--->` are complete (empty) comments.
    if b.get(i) == Some(&b'>') {
        return i + 1;
    }
    if b.get(i) == Some(&b'-') && b.get(i + 1) == Some(&b'>') {
        return i + 2;
    }
    let mut j = i;
    while j + 2 < b.len() {
        if b[j] == b'-' && b[j + 1] == b'-' {
            if b[j + 2] == b'>' {
                return j + 3;
            }
            if b[j + 2] == b'!' && b.get(j + 3) == Some(&b'>') {
                return j + 4;
            }
        }
        j += 1;
    }
    b.len()
}

/// Index after the next `>` at or after `i`, or `b.len()`.
fn skip_past_gt(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..]
        .iter()
        .position(|&c| c == b'>')
        .map_or(b.len(), |p| i + p + 1)
}

/// Named character references we decode; others are left as written.
fn named_entity(name: &str) -> Option<Option<char>> {
    let c = match name {
        "nbsp" => '\u{A0}',
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "minus" => '−',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "yen" => '¥',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "plusmn" => '±',
        "permil" => '‰',
        "sect" => '§',
        "laquo" => '«',
        "raquo" => '»',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "shy" | "zwsp" | "ZeroWidthSpace" => return Some(None),
        _ => return None,
    };
    Some(Some(c))
}

/// Names that browsers also accept without the trailing ';'. None is a prefix of another, so
/// the first one found is the only one.
const LEGACY_ENTITIES: [&str; 11] = [
    "nbsp", "amp", "lt", "gt", "quot", "AMP", "LT", "GT", "QUOT", "copy", "reg",
];

/// Windows-1252 meanings of numeric references &#128;–&#159;, as browsers decode them.
const C1_WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Decodes the character reference at `s[0] == '&'`. Returns the decoded character (`None`
/// for one that renders as nothing) and the bytes consumed, or `None` if it is not a reference.
fn decode_entity(s: &str) -> Option<(Option<char>, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let mut i = start;
        let mut value: u32 = 0;
        while i < b.len() {
            let digit = match (hex, b[i]) {
                (_, d @ b'0'..=b'9') => u32::from(d - b'0'),
                (true, d @ b'a'..=b'f') => u32::from(d - b'a' + 10),
                (true, d @ b'A'..=b'F') => u32::from(d - b'A' + 10),
                _ => break,
            };
            // Saturate above the Unicode range; the value only has to stay invalid.
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(digit)
                .min(0x11_0000);
            i += 1;
        }
        if i == start {
            return None;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        let c = match value {
            0x80..=0x9F => C1_WINDOWS_1252[(value - 0x80) as usize],
            0 => '\u{FFFD}',
            _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
        };
        return Some((Some(c), i));
    }
    let mut i = 1;
    while i < b.len() && i <= 32 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == 1 {
        return None;
    }
    let name = &s[1..i];
    if b.get(i) == Some(&b';') {
        if let Some(decoded) = named_entity(name) {
            return Some((decoded, i + 1));
        }
    }
    // Without ';' (or with an unknown longer name) browsers still accept the legacy names as a
    // prefix: "&nbsp0" is NBSP + "0", "&copy2024" is "©2024".
    LEGACY_ENTITIES
        .iter()
        .find(|legacy| name.starts_with(*legacy))
        .and_then(|legacy| Some((named_entity(legacy)?, 1 + legacy.len())))
}

/// Decodes references and collapses white space; used for the title.
fn collapse_text(raw: &str) -> String {
    let mut sink = TextSink::default();
    for_each_decoded(raw, |c| sink.push_char(c, false));
    sink.out
}

fn for_each_decoded(raw: &str, mut f: impl FnMut(char)) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        rest[..amp].chars().for_each(&mut f);
        rest = &rest[amp..];
        match decode_entity(rest) {
            Some((c, used)) => {
                if let Some(c) = c {
                    f(c);
                }
                rest = &rest[used..];
            }
            None => {
                f('&');
                rest = &rest[1..];
            }
        }
    }
    rest.chars().for_each(f);
}

impl Parser {
    fn new() -> Parser {
        Parser {
            title: None,
            narrative: TextSink::default(),
            tables: Vec::new(),
            stack: Vec::new(),
            ignored_tables: 0,
            in_head: false,
            pre_depth: 0,
            budget: GridBudget::per_document(),
        }
    }

    fn sink(&mut self) -> &mut TextSink {
        builder::current_sink(&mut self.stack, &mut self.narrative)
    }

    fn push_text(&mut self, raw: &str) {
        if self.in_head {
            if raw.chars().all(char::is_whitespace) {
                return;
            }
            // Visible text ends the head, as in browsers.
            self.in_head = false;
        }
        let pre = self.pre_depth > 0;
        let sink = self.sink();
        for_each_decoded(raw, |c| sink.push_char(c, pre));
    }

    fn run(&mut self, html: &str) {
        let b = html.as_bytes();
        let n = b.len();
        let mut i = 0;
        let mut text_start = 0;
        while i < n {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            let next = b.get(i + 1).copied().unwrap_or(0);
            // Anything else (`< 5`, `<3`, a lone `<` or `</` at EOF) is literal text.
            let is_tag = next.is_ascii_alphabetic()
                || next == b'!'
                || next == b'?'
                || (next == b'/' && i + 2 < n);
            if !is_tag {
                i += 1;
                continue;
            }
            // `i` is at an ASCII '<', so both slices are on char boundaries.
            self.push_text(&html[text_start..i]);
            i = self.markup(html, i);
            text_start = i;
        }
        self.push_text(&html[text_start.min(n)..]);
    }

    /// Handles the markup starting at `b[i] == '<'`; returns the index after it.
    fn markup(&mut self, html: &str, i: usize) -> usize {
        let b = html.as_bytes();
        match b[i + 1] {
            b'!' => {
                if b[i + 2..].starts_with(b"--") {
                    skip_comment(b, i + 4)
                } else {
                    // Doctype, CDATA, Word's `<![if …]>`: bogus comments up to '>'.
                    skip_past_gt(b, i + 2)
                }
            }
            b'?' => skip_past_gt(b, i + 2),
            b'/' => {
                let after = i + 2;
                match b.get(after) {
                    Some(&c) if c.is_ascii_alphabetic() => {
                        let (name, j) = read_tag_name(b, after);
                        let (end, closed) = scan_attrs(b, j, |_, _| {});
                        if closed {
                            self.end_tag(name.as_bytes());
                        }
                        end
                    }
                    // `</>` is dropped; `</3…>` and the like are bogus comments.
                    _ => skip_past_gt(b, after),
                }
            }
            _ => {
                let (name, j) = read_tag_name(b, i + 1);
                let name = name.as_bytes();
                let mut rowspan = None;
                let mut colspan = None;
                let wants_spans = name == b"td" || name == b"th";
                let (end, closed) = scan_attrs(b, j, |attr, value| {
                    if wants_spans {
                        if attr.eq_ignore_ascii_case(b"rowspan") && rowspan.is_none() {
                            rowspan = Some(parse_span(value));
                        } else if attr.eq_ignore_ascii_case(b"colspan") && colspan.is_none() {
                            colspan = Some(parse_span(value));
                        }
                    }
                });
                if !closed {
                    // EOF inside a tag: browsers drop the tag.
                    return end;
                }
                if name == b"title" {
                    let close = find_end_tag(b, end, b"title");
                    if self.title.is_none() {
                        self.title = Some(collapse_text(&html[end..close]));
                    }
                    return skip_past_gt(b, close);
                }
                if is_raw_hidden(name) {
                    let close = find_end_tag(b, end, name);
                    return skip_past_gt(b, close);
                }
                // HTML: an invalid or missing span is 1; 0 is kept (rowspan 0 = to the end).
                let rowspan = rowspan.flatten().unwrap_or(1);
                let colspan = colspan.flatten().unwrap_or(1);
                self.start_tag(name, rowspan, colspan);
                end
            }
        }
    }

    fn start_tag(&mut self, name: &[u8], rowspan: usize, colspan: usize) {
        if self.in_head && !is_head_element(name) {
            self.in_head = false;
        }
        match name {
            b"head" => self.in_head = true,
            b"body" => self.in_head = false,
            b"br" => self.sink().line_break(),
            b"table" => self.open_table(),
            b"tr" | b"td" | b"th" | b"thead" | b"tbody" | b"tfoot" | b"caption" => {
                self.table_part(name, rowspan, colspan)
            }
            _ => {
                if name == b"pre" {
                    self.pre_depth += 1;
                }
                if is_block(name) {
                    self.sink().line_break();
                }
            }
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        match name {
            b"head" => self.in_head = false,
            b"br" => self.sink().line_break(),
            b"table" => {
                if self.ignored_tables > 0 {
                    self.ignored_tables -= 1;
                    self.sink().line_break();
                } else if !self.stack.is_empty() {
                    self.close_table();
                }
            }
            b"td" | b"th" | b"tr" | b"thead" | b"tbody" | b"tfoot" | b"caption" => {
                if self.ignored_tables > 0 {
                    return;
                }
                if let Some(table) = self.stack.last_mut() {
                    match name {
                        b"td" | b"th" => table.close_cell(),
                        b"caption" => table.close_caption(),
                        _ => table.close_row(),
                    }
                }
            }
            _ => {
                if name == b"pre" {
                    self.pre_depth = self.pre_depth.saturating_sub(1);
                }
                if is_block(name) {
                    self.sink().line_break();
                }
            }
        }
    }

    fn open_table(&mut self) {
        if self.ignored_tables > 0 || self.stack.len() >= MAX_TABLE_DEPTH {
            self.ignored_tables += 1;
            self.sink().line_break();
            return;
        }
        // `<table>` directly inside a table (not in a cell) closes that table, as in browsers.
        if self.stack.last().is_some_and(|t| t.cell.is_none()) {
            self.close_table();
        }
        let text_before = self.sink().since_mark();
        let index = self.tables.len();
        self.tables.push(HtmlTable::default());
        self.stack.push(TableBuilder::new(index, text_before));
    }

    fn table_part(&mut self, name: &[u8], rowspan: usize, colspan: usize) {
        if self.ignored_tables > 0 {
            // Structure of an untracked deep table: keep its cells apart in the text flow.
            let sink = self.sink();
            if name == b"tr" {
                sink.line_break();
            } else {
                sink.space();
            }
            return;
        }
        let Some(table) = self.stack.last_mut() else {
            return; // Table tags outside a table are ignored by browsers too.
        };
        table.close_caption();
        match name {
            b"tr" => table.open_row(),
            b"td" | b"th" => table.open_cell(rowspan, colspan),
            b"caption" => {
                table.close_row();
                table.caption = Some(TextSink::default());
            }
            _ => table.close_row(), // thead / tbody / tfoot
        }
    }

    fn close_table(&mut self) {
        let Some(mut table) = self.stack.pop() else {
            return;
        };
        table.close_caption();
        table.close_row();
        let grid = Grid::from_rows_within(table.rows, &mut self.budget);
        if self.stack.is_empty() {
            self.narrative.line_break();
            self.narrative.set_mark();
        } else {
            // Nested: the enclosing cell gets the inner table's text too.
            let flat = grid.flatten_text();
            let sink = self.sink();
            sink.push_block(&flat);
            sink.set_mark();
        }
        self.tables[table.index] = HtmlTable {
            grid,
            text_before: table.text_before,
        };
    }

    fn finish(mut self) -> HtmlDoc {
        while !self.stack.is_empty() {
            self.close_table();
        }
        let notes = if self.budget.exhausted {
            vec![GridBudget::note()]
        } else {
            Vec::new()
        };
        HtmlDoc {
            title: self.title.unwrap_or_default(),
            text: self.narrative.out,
            tables: self.tables,
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_texts(t: &HtmlTable) -> Vec<Vec<&str>> {
        (0..t.grid.height()).map(|r| t.grid.row_texts(r)).collect()
    }

    fn only_table(html: &str) -> Vec<Vec<String>> {
        let doc = parse_html(html);
        assert_eq!(doc.tables.len(), 1, "{html}");
        table_texts(&doc.tables[0])
            .into_iter()
            .map(|r| r.into_iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn entities() {
        let doc = parse_html(
            "<p>&nbsp;a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; &ldquo;三安全一稳定&rdquo;&mdash;&hellip;</p>\
             <p>&#20320;&#x597D;&#X597d; &#150; &#0; &#xD800; &#99999999999;</p>\
             <p>&unknown; &amp &nbsp0 &ampx; & &# &#x; &copy2024</p>",
        );
        assert_eq!(
            doc.text,
            "a&b <c> \"d\" 'e' “三安全一稳定”—…\n你好好 – \u{FFFD} \u{FFFD} \u{FFFD}\n&unknown; & 0 &x; & &# &#x; ©2024"
        );
    }

    #[test]
    fn cell_text_keeps_line_breaks() {
        let rows = only_table(
            "<table><tr><td>本年新<br />制作数量</td><td><p>自</p><p>然</p><p>人</p></td>\
             <td>　&nbsp;&nbsp;&nbsp;0 &nbsp;</td><td> a \n\t b </td><td>&nbsp;</td></tr></table>",
        );
        assert_eq!(rows, [["本年新\n制作数量", "自\n然\n人", "0", "a b", ""]]);
    }

    #[test]
    fn hidden_content_and_title() {
        let doc = parse_html(
            "<!DOCTYPE html><html><HEAD><meta charset=utf-8><Title> 年度报告 &amp; 附件 </TITLE>\
             <style>p { color: red }</style><script>var t = '<table><td>x</td></table>';</script></head>\
             <body><!-- <table><td>commented</td></table> --><noscript>请启用脚本</noscript>\
             <![if !supportMisalignedColumns]><p>正文</p><![endif]><?php echo 1 ?>\
             <SCRIPT type=text/javascript>if (a < b) {}</script >尾</body></html>",
        );
        assert_eq!(doc.title, "年度报告 & 附件");
        assert_eq!(doc.text, "正文\n尾");
        assert!(doc.tables.is_empty());
    }

    #[test]
    fn attributes_and_case() {
        let rows = only_table(
            "<TABLE border=1><TR><TD ROWSPAN=2 colspan='2' style=\"a>b\">a</TD><Th Colspan = \"2\" data-x='\"'>b</tH></Tr>\
             <tr><td rowspan=\"+1px\" colspan=abc>c</td><td class=x\"y>d</td></tr></table>",
        );
        assert_eq!(rows, [["a", "a", "b", "b"], ["a", "a", "c", "d"]]);
    }

    #[test]
    fn implicit_closing() {
        // No </td>, no </tr>, a cell before any <tr>, and EOF inside the table.
        let rows = only_table("<table><td>x<tr><td>a<td>b<tr><th>c<td>d</tbody><tr><td>e");
        assert_eq!(rows, [["x", ""], ["a", "b"], ["c", "d"], ["e", ""]]);
        // Table tags outside a table are ignored; text stays in the narrative.
        let doc = parse_html("<td>a</td><tr><td>b</tr></td></table>c");
        assert!(doc.tables.is_empty());
        assert_eq!(doc.text, "abc");
        // A <table> directly inside a table (not in a cell) closes the first one.
        let doc = parse_html("<table><tr><td>1</td></tr><table><tr><td>2</td></tr></table>");
        assert_eq!(doc.tables.len(), 2);
        assert_eq!(doc.tables[1].grid.row_texts(0), ["2"]);
    }

    #[test]
    fn narrative_and_text_before() {
        let doc = parse_html(
            "<div>导航</div><p>一、总体情况</p><p>正文 <b>加粗</b>\n继续</p><p>二、主动公开政府信息情况</p>\
             <table><tr><td>规章</td></tr></table>\
             <p style='x'>三、收到和处理政府信息公开申请情况</p>\
             <table><caption>表三</caption><tr><td>总计</td></tr></table><table><tr><td>x</td></tr></table>\
             <ul><li>五<li>六</ul>",
        );
        assert_eq!(
            doc.text,
            "导航\n一、总体情况\n正文 加粗 继续\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n五\n六"
        );
        let before: Vec<&str> = doc.tables.iter().map(|t| t.text_before.as_str()).collect();
        assert_eq!(
            before,
            [
                "导航\n一、总体情况\n正文 加粗 继续\n二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况\n表三",
                ""
            ]
        );
    }

    #[test]
    fn nested_tables() {
        let doc = parse_html(
            "<table><tr><td>布局<p>三、收到和处理政府信息公开申请情况</p>\
             <table><tr><td>自<br>然人</td><td>总计</td></tr><tr><td>1</td><td></td><td>2</td></tr></table>\
             后记</td><td>侧栏</td></tr></table>",
        );
        assert_eq!(doc.tables.len(), 2);
        let (outer, inner) = (&doc.tables[0], &doc.tables[1]);
        assert_eq!(
            table_texts(inner),
            [["自\n然人", "总计", ""], ["1", "", "2"]]
        );
        assert_eq!(
            inner.text_before,
            "布局\n三、收到和处理政府信息公开申请情况"
        );
        assert_eq!(
            table_texts(outer),
            [[
                "布局\n三、收到和处理政府信息公开申请情况\n自 然人\t总计\n1\t2\n后记",
                "侧栏"
            ]]
        );
        assert_eq!(doc.text, "");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let depth = MAX_TABLE_DEPTH + 5;
        let html = "<table><tr><td>c".repeat(depth) + &"</td></tr></table>".repeat(depth) + "尾";
        let doc = parse_html(&html);
        assert_eq!(doc.tables.len(), MAX_TABLE_DEPTH);
        let deepest = &doc.tables[MAX_TABLE_DEPTH - 1];
        assert_eq!(deepest.grid.height(), 1);
        assert_eq!(deepest.grid.row_texts(0), ["c\nc\nc\nc\nc\nc"]);
        assert_eq!(doc.text, "尾");
    }

    #[test]
    fn preformatted_text() {
        let doc = parse_html("<pre>a  b\nc</pre>d");
        assert_eq!(doc.text, "a b\nc\nd");
    }

    #[test]
    fn literal_angle_brackets() {
        // `</` + non-letter opens a bogus comment up to the next '>' and `</>` is dropped,
        // as in browsers.
        let doc = parse_html("<p>1 < 2, 3<4, x </ y, <>, a</>b, c</ 5>d, e<</p>");
        assert_eq!(doc.text, "1 < 2, 3<4, x , ab, cd, e<");
    }

    #[test]
    fn spans_reach_the_grid() {
        let rows = only_table(
            "<table><tr><td rowspan=0>all</td><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr>\
             <tr><td colspan=0>z</td><td colspan=99999>w</td></tr></table>",
        );
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[2][..2], ["all", "c"]);
        assert_eq!(rows[3][..3], ["all", "z", "w"]);
        assert_eq!(rows[3].len(), crate::import::grid::MAX_COLS);
    }

    fn corpus_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
    }

    fn corpus_html() -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = std::fs::read_dir(corpus_dir())
            .expect("corpus directory")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).expect("utf-8 html"))
            })
            .collect();
        files.sort();
        assert_eq!(files.len(), 8, "corpus .html files");
        files
    }

    fn corpus_doc(name: &str) -> HtmlDoc {
        parse_html(&std::fs::read_to_string(corpus_dir().join(name)).expect("corpus file"))
    }

    /// Every page: three tables with the national layouts, captions found, chrome and
    /// scripts kept out of the cells.
    #[test]
    fn corpus_pages_parse() {
        for (name, html) in corpus_html() {
            let doc = parse_html(&html);
            assert!(
                doc.title.contains("政府信息公开工作年度报告"),
                "{name}: {}",
                doc.title
            );
            assert_eq!(doc.tables.len(), 3, "{name}");
            for t in &doc.tables {
                assert!(
                    t.grid.rows.iter().all(|r| r.len() == t.grid.width()),
                    "{name}"
                );
            }
            let [s2, s3, s4] = [&doc.tables[0], &doc.tables[1], &doc.tables[2]];
            // The caption is the last line before each table (jinjing 2019 appends （有关情况附表）).
            let caption = |t: &HtmlTable| t.text_before.lines().last().unwrap_or("").to_owned();
            assert!(
                caption(s2).starts_with("二、主动公开政府信息情况"),
                "{name}"
            );
            assert!(
                caption(s3).starts_with("三、收到和处理政府信息公开申请情况"),
                "{name}"
            );
            assert!(
                caption(s4).starts_with("四、政府信息公开行政复议"),
                "{name}"
            );
            assert_eq!(s2.grid.row_texts(0), ["第二十条第（一）项"; 4], "{name}");
            assert_eq!(s2.grid.width(), 4, "{name}");
            assert!(s3.grid.row_texts(0)[0].contains("勾稽关系"), "{name}");
            assert_eq!(s3.grid.row_texts(0).last(), Some(&"申请人情况"), "{name}");
            let last = s3.grid.height() - 1;
            assert_eq!(
                s3.grid.row_texts(last)[0],
                "四、结转下年度继续办理",
                "{name}"
            );
            assert_eq!(s4.grid.width(), 15, "{name}");
            assert_eq!(
                s4.grid.row_texts(0)[..6],
                [
                    "行政复议",
                    "行政复议",
                    "行政复议",
                    "行政复议",
                    "行政复议",
                    "行政诉讼"
                ]
            );
            assert!(
                doc.text.contains("一、总体情况")
                    || doc.text.contains("一、总体情况".replace('、', "").as_str())
            );
            assert!(
                !doc.text.contains("SiteInfo") && !doc.text.contains("申请人情况"),
                "{name}"
            );
            // Cells hold trimmed text: no NBSP, no empty lines, no edge spaces.
            for t in &doc.tables {
                for c in t.grid.rows.iter().flatten() {
                    assert_eq!(c.text.trim(), c.text, "{name}");
                    assert!(
                        !c.text.contains('\u{A0}') && !c.text.contains("\n\n"),
                        "{name}: {:?}",
                        c.text
                    );
                }
            }
        }
    }

    #[test]
    fn corpus_shenpi_2024_exact() {
        let doc = corpus_doc("pingtan-shenpi-2024.html");
        assert_eq!(doc.title, "平潭综合实验区行政审批局2024年政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会");
        let s2 = table_texts(&doc.tables[0]);
        assert_eq!(s2.len(), 14);
        assert_eq!(
            s2[1],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
        );
        assert_eq!(s2[3], ["行政规范性文件", "15", "6", "21"]);
        assert_eq!(
            s2[5],
            [
                "信息内容",
                "本年处理决定数量",
                "本年处理决定数量",
                "本年处理决定数量"
            ]
        );
        assert_eq!(s2[12][1], "本年收费金额（单位：万元）");

        let s3 = &doc.tables[1].grid;
        assert_eq!((s3.height(), s3.width()), (28, 10));
        assert_eq!(
            s3.row_texts(1)[3..6],
            ["自\n然\n人", "法人或其他组织", "法人或其他组织"]
        );
        assert_eq!(
            s3.row_texts(2)[3..],
            [
                "自\n然\n人",
                "商业\n企业",
                "科研\n机构",
                "社会\n公益\n组织",
                "法律\n服务\n机构",
                "其他",
                "总计"
            ]
        );
        assert_eq!(
            s3.row_texts(3),
            ["一、本年新收政府信息公开申请数量"; 3]
                .iter()
                .copied()
                .chain(["28", "0", "0", "0", "0", "0", "28"])
                .collect::<Vec<_>>()
        );
        assert_eq!(s3.row_texts(5)[0], "三\n、\n本\n年\n度\n办\n理\n结\n果");
        assert_eq!(
            s3.row_texts(7)[1..4],
            ["（三）不予公开", "1.属于国家秘密", "0"]
        );
        assert_eq!(s3.row_texts(9)[2], "3.危及“三安全一稳定”");
        assert_eq!(
            s3.row_texts(15)[2..],
            [
                "1.本机关不掌握相关政府信息",
                "4",
                "0",
                "0",
                "0",
                "0",
                "0",
                "4"
            ]
        );
        assert_eq!(s3.row_texts(26)[1..4], ["（七）总计", "（七）总计", "28"]);
        // Span copies are marked; the physical cells are numbered in document order.
        assert!(s3.get(0, 0).unwrap().origin && !s3.get(2, 2).unwrap().origin);
        assert_eq!(s3.get(2, 2).unwrap().source, 0);
        assert_eq!(s3.get(0, 3).unwrap().source, 1);

        let s4 = table_texts(&doc.tables[2]);
        assert_eq!(s4.len(), 4);
        assert_eq!(
            s4[1][..6],
            [
                "结果维持",
                "结果\n纠正",
                "其他\n结果",
                "尚未\n审结",
                "总计",
                "未经复议直接起诉"
            ]
        );
        assert_eq!(
            s4[2][10..],
            [
                "结果\n维持",
                "结果\n纠正",
                "其他\n结果",
                "尚未\n审结",
                "总计"
            ]
        );
        assert_eq!(
            s4[3],
            ["1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]
        );

        assert!(doc.text.contains("\n五、存在的主要问题及改进情况\n"));
        assert!(doc.text.contains("因依申请公开引发行政复议1起"));
    }

    #[test]
    fn corpus_gb2019_and_misaligned() {
        let doc = corpus_doc("pingtan-qu-2020.html");
        let s2 = table_texts(&doc.tables[0]);
        assert_eq!(
            s2[1],
            [
                "信息内容",
                "本年新\n制作数量",
                "本年新\n公开数量",
                "对外公开总数量"
            ]
        );
        assert_eq!(s2[10], ["行政处罚", "2648", "-18", "538"]);
        assert_eq!(
            s2[13],
            ["信息内容", "上一年项目数量", "本年增/减", "本年增/减"]
        );
        assert_eq!(
            s2[17],
            ["政府集中采购", "395", "73802895.90元", "73802895.90元"]
        );
        assert_eq!(
            doc.tables[1].grid.row_texts(23)[1..4],
            ["（六）其他处理", "（六）其他处理", "4"]
        );

        // NBSP and U+3000 padding around a value.
        let doc = corpus_doc("pingtan-jinjing-2019.html");
        assert_eq!(doc.tables[0].grid.row_texts(6), ["行政许可", "0", "0", "0"]);
        assert_eq!(
            doc.tables[0].grid.row_texts(17),
            ["政府集中采购", "3", "147230元", "147230元"]
        );

        // Word colspans that do not line up: table 三 is 11 columns wide.
        let doc = corpus_doc("pingtan-qu-2021.html");
        let s3 = &doc.tables[1].grid;
        assert_eq!(s3.width(), 11);
        assert_eq!(s3.row_texts(1)[3..5], ["自然人", "自然人"]);
        assert_eq!(
            s3.row_texts(3)[3..],
            ["64", "0", "0", "0", "2", "0", "4", "70"]
        );

        // 市场监管局: one number merged over （六）1–3; the 规章 row is absent.
        let doc = corpus_doc("pingtan-shichang-2024.html");
        assert_eq!(
            doc.tables[0].grid.row_texts(2),
            ["规范性文件", "6", "8", "56"]
        );
        let s3 = &doc.tables[1].grid;
        let other: Vec<_> = (23..26)
            .map(|r| {
                (
                    s3.get(r, 3).unwrap().text.as_str(),
                    s3.get(r, 3).unwrap().origin,
                )
            })
            .collect();
        assert_eq!(other, [("0", true), ("0", false), ("0", false)]);
    }

    /// Floor `i` to a char boundary of `s`.
    fn floor_boundary(s: &str, mut i: usize) -> usize {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    fn check_invariants(doc: &HtmlDoc) {
        for t in &doc.tables {
            let w = t.grid.width();
            assert!(t.grid.rows.iter().all(|r| r.len() == w));
            assert!(w * t.grid.height() <= crate::import::grid::MAX_SLOTS);
        }
    }

    /// Truncated and garbled copies of the corpus: prefixes, suffixes, windows, raw byte cuts
    /// inside multi-byte characters (decoded lossily) and shuffled halves. Nothing may panic.
    #[test]
    fn corpus_cuts_never_panic() {
        for (_, html) in corpus_html() {
            let n = html.len();
            // Cut points spread over the file plus points inside the first tables' markup.
            let mut cuts: Vec<usize> = (1..24).map(|k| n * k / 24).collect();
            if let Some(t) = html.find("<table") {
                cuts.extend((0..40).map(|k| t + k * 37));
            }
            for &raw in &cuts {
                let cut = floor_boundary(&html, raw);
                check_invariants(&parse_html(&html[..cut]));
                check_invariants(&parse_html(&html[cut..]));
                let end = floor_boundary(&html, cut + 5_000);
                check_invariants(&parse_html(&html[cut..end]));
                // Byte-level cut, possibly inside a UTF-8 sequence.
                let lossy =
                    String::from_utf8_lossy(&html.as_bytes()[raw.min(n)..(raw + 3_001).min(n)]);
                check_invariants(&parse_html(&lossy));
            }
            // Swap halves at a cut inside the tables: closing tags before opening ones.
            let mid = floor_boundary(&html, n / 2);
            let swapped = format!("{}{}", &html[mid..], &html[..mid]);
            check_invariants(&parse_html(&swapped));
        }
    }

    #[test]
    fn garbage_never_panics() {
        let pieces = [
            "<",
            ">",
            "</",
            "<!",
            "<!--",
            "-->",
            "--!>",
            "<?",
            "&",
            "&#",
            "&#x",
            "&#1234567890;",
            "&nbsp",
            "\"",
            "'",
            "=",
            "<td",
            "<td rowspan=",
            "<tr>",
            "<table>",
            "</table>",
            "</td>",
            "<th colspan=\"0",
            "<br/>",
            "<p>",
            "<script>",
            "</script",
            "<style",
            "<title>",
            "</title>",
            "<pre>",
            "</pre>",
            "<caption>",
            "<head>",
            "<body>",
            "自然人",
            "\u{A0}",
            "\u{3000}",
            " ",
            "\n",
            "<TD ROWSPAN=999999999999999999999>",
            "<xmp>",
        ];
        // Deterministic pseudo-random sequences of the pieces.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut s = String::new();
            for _ in 0..60 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            check_invariants(&parse_html(&s));
        }
        for s in [
            "",
            "<",
            "&",
            "<t",
            "<td",
            "</",
            "<!-",
            "<!--",
            "<!-->",
            "<!--->",
            "<table",
            "<table><td rowspan=\"",
        ] {
            check_invariants(&parse_html(s));
        }
    }

    /// Pathological inputs that make naive parsers quadratic.
    #[test]
    fn linear_time_on_pathological_input() {
        const N: usize = 100_000;
        let inputs = [
            "<td>".repeat(N),
            "<table><tr><td>x".repeat(N),
            "<tr>".repeat(N),
            "<".repeat(N),
            "</".repeat(N),
            "<a ".repeat(N),
            "<a b=\"".repeat(N),
            "<!--".repeat(N),
            "<!".repeat(N),
            "&".repeat(N),
            "&#".repeat(N),
            "&nbsp".repeat(N),
            "<script>".repeat(N),
            "<title>".repeat(N),
            "</table>".repeat(N),
            "<table>".repeat(N),
            "<p>".repeat(N),
            "<table><tr>".to_owned() + &"<td colspan=1000 rowspan=1000>".repeat(N),
            "<table>".to_owned() + &"<tr><td>x</td></tr>".repeat(N),
        ];
        let start = std::time::Instant::now();
        for input in &inputs {
            check_invariants(&parse_html(input));
        }
        // Generous for debug builds on a slow machine; a quadratic pass would take minutes.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{:?}",
            start.elapsed()
        );
        let doc = parse_html(&inputs[0]);
        assert!(doc.tables.is_empty());
        let doc = parse_html(&inputs[18]);
        assert_eq!(doc.tables[0].grid.height(), N);
    }
}
