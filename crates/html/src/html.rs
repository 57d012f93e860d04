//! A tolerant, dependency-free HTML reader for published report pages: it extracts the page
//! title, the narrative text and every table as a [`Grid`](super::grid::Grid), through the
//! one document builder the browser's DOM walk uses too ([`builder`]).
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

use super::builder::{self, DocBuilder, Flow, TablePart, TextSink};
pub use super::builder::{HtmlDoc, MAX_TABLE_DEPTH};
use nianbao::textnorm::position_of;

/// Parses a whole page or a fragment. Never panics; linear time.
pub fn parse_html(html: &str) -> HtmlDoc {
    let mut p = Parser::new();
    p.run(html);
    p.finish()
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

/// [`Flow::of`] by a `match` (a tag at a time, it was 5 % of reading a page; the shared
/// slice search is kept for the smaller browser builds).
fn flow_of(name: &[u8]) -> Flow {
    match name {
        b"pre" => Flow::Pre,
        b"p" | b"div" | b"li" | b"ul" | b"ol" | b"dl" | b"dt" | b"dd" | b"h1" | b"h2" | b"h3"
        | b"h4" | b"h5" | b"h6" | b"hr" | b"blockquote" | b"center" | b"section" | b"article"
        | b"aside" | b"header" | b"footer" | b"nav" | b"main" | b"address" | b"figure"
        | b"figcaption" | b"form" | b"fieldset" | b"legend" | b"details" | b"summary"
        | b"option" => Flow::Block,
        _ => Flow::Inline,
    }
}

struct Parser {
    title: Option<String>,
    doc: DocBuilder,
    in_head: bool,
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
                i += position_of(&b[i..], quote).unwrap_or(n - i);
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
        i += match position_of(&b[i..], b'<') {
            Some(p) => p,
            None => break,
        };
        if b.get(i + 1) == Some(&b'/') {
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

/// Pushes `raw` (no references) to `sink` as `push_char` would, a character at a time, but
/// with the runs of characters it never changes appended at once.
fn push_runs(sink: &mut TextSink, raw: &str, pre: bool) {
    let b = raw.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time over those the byte loop would only step past; then that
        // loop over the next eight (or what is left).
        while i + 8 <= b.len() && !may_be_special(&b[i..i + 8]) {
            i += 8;
        }
        let stop = (i + 8).min(b.len());
        while i < stop {
            match b[i] {
                // ASCII white space.
                b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ' => {
                    sink.push_plain(&raw[start..i]);
                    if pre && b[i] == b'\n' {
                        sink.line_break();
                    } else {
                        sink.space();
                    }
                    i += 1;
                    start = i;
                }
                // Lead bytes of every other character `push_char` handles itself: U+0085,
                // U+00A0, U+00AD, U+1680, U+2000–U+205F, U+3000.
                0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                    sink.push_plain(&raw[start..i]);
                    let c = raw[i..].chars().next().unwrap_or_default();
                    sink.push_char(c, pre);
                    i += c.len_utf8();
                    start = i;
                }
                _ => i += 1,
            }
        }
    }
    sink.push_plain(&raw[start..]);
}

/// Whether eight bytes may hold one that [`push_runs`] must look at: any byte below 0x21 (the
/// ASCII white space among them) or a lead byte 0xC2 or 0xE0–0xE3 (a superset of the leads it
/// handles; a continuation byte is never one of these). Word-sized tests, no per-byte branch.
fn may_be_special(w: &[u8]) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut word = [0u8; 8];
    word.copy_from_slice(w);
    let x = u64::from_le_bytes(word);
    // A byte below 0x21 (bytes of 0x80 and above never flag: `!x` clears their high bit).
    let low = x.wrapping_sub(LO * 0x21) & !x & HI;
    // A zero byte in `y` or `z`: a byte 0xE0–0xE3 or 0xC2 in `x`.
    let y = (x & (LO * 0xFC)) ^ (LO * 0xE0);
    let z = x ^ (LO * 0xC2);
    let lead = (y.wrapping_sub(LO) & !y | z.wrapping_sub(LO) & !z) & HI;
    low | lead != 0
}

/// [`for_each_decoded`] into a sink: the runs between references through [`push_runs`].
fn push_decoded(sink: &mut TextSink, raw: &str, pre: bool) {
    let mut rest = raw;
    while let Some(amp) = position_of(rest.as_bytes(), b'&') {
        push_runs(sink, &rest[..amp], pre);
        rest = &rest[amp..];
        match decode_entity(rest) {
            Some((c, used)) => {
                if let Some(c) = c {
                    sink.push_char(c, pre);
                }
                rest = &rest[used..];
            }
            None => {
                sink.push_char('&', pre);
                rest = &rest[1..];
            }
        }
    }
    push_runs(sink, rest, pre);
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
            doc: DocBuilder::default(),
            in_head: false,
        }
    }

    fn push_text(&mut self, raw: &str) {
        if self.in_head {
            if raw.chars().all(char::is_whitespace) {
                return;
            }
            // Visible text ends the head, as in browsers.
            self.in_head = false;
        }
        let (sink, pre) = self.doc.text();
        push_decoded(sink, raw, pre);
    }

    fn run(&mut self, html: &str) {
        let b = html.as_bytes();
        let n = b.len();
        let mut i = 0;
        let mut text_start = 0;
        while i < n {
            let Some(lt) = position_of(&b[i..], b'<') else {
                break;
            };
            i += lt;
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
                // `head` holds markup; it ends at the first visible text (`in_head`).
                if name != b"head" && builder::is_hidden(name) {
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
            b"br" => self.doc.line_break(),
            b"table" => self.doc.open_table(),
            _ => match TablePart::of(name) {
                Some(part) => {
                    self.doc.open_part(part, rowspan, colspan);
                }
                None => self.doc.open_flow(flow_of(name)),
            },
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        match name {
            b"head" => self.in_head = false,
            b"br" => self.doc.line_break(),
            b"table" => self.doc.end_table(),
            _ => match TablePart::of(name) {
                Some(part) => self.doc.close_part(part),
                None => self.doc.close_flow(flow_of(name)),
            },
        }
    }

    fn finish(self) -> HtmlDoc {
        self.doc.finish(self.title.unwrap_or_default())
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
