//! A minimal XML tokenizer for Office Open XML parts: start, end and empty tags with their
//! attribute text, character data (entities decoded on demand), CDATA. Comments, processing
//! instructions and DOCTYPEs are skipped. Not validating: malformed markup is read on as text
//! or skipped, never an error.
//!
//! The tokenizer keeps no stack (callers track the elements they care about with counters),
//! so deep nesting costs nothing, and every step consumes what it scans: linear time.

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// `<name attrs>` or `<name attrs/>` (`empty`). `name` keeps its prefix (`w:p`).
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End {
        name: &'a str,
    },
    /// Character data as written (decode with [`unescape`]).
    Text(&'a str),
    /// The content of `<![CDATA[…]]>`, taken literally.
    Cdata(&'a str),
}

/// Tokens of `s` in order.
pub(crate) struct Tokens<'a> {
    s: &'a str,
    pos: usize,
}

pub(crate) fn tokens(s: &str) -> Tokens<'_> {
    Tokens { s, pos: 0 }
}

/// `s[from..]` up to `end` (exclusive) and the position after it; the rest of `s` when absent.
fn until<'a>(s: &'a str, from: usize, end: &str) -> (&'a str, usize) {
    match crate::textnorm::find(&s[from..], end) {
        Some(i) => (&s[from..from + i], from + i + end.len()),
        None => (&s[from..], s.len()),
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let s = self.s;
        loop {
            let rest = s.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let n = rest.find('<').unwrap_or(rest.len());
                let text = &rest[..n];
                self.pos += n;
                return Some(Token::Text(text));
            }
            if rest.starts_with("<!--") {
                self.pos = until(s, self.pos + 4, "-->").1;
                continue;
            }
            if rest.starts_with("<![CDATA[") {
                let (text, next) = until(s, self.pos + 9, "]]>");
                self.pos = next;
                return Some(Token::Cdata(text));
            }
            if rest.starts_with("<?") {
                self.pos = until(s, self.pos + 2, "?>").1;
                continue;
            }
            if rest.starts_with("<!") {
                self.pos = until(s, self.pos + 2, ">").1;
                continue;
            }
            // A tag: up to the first '>' outside quotes.
            let bytes = rest.as_bytes();
            let mut i = 1;
            let mut quote = 0u8;
            while i < bytes.len() {
                let b = bytes[i];
                if quote != 0 {
                    if b == quote {
                        quote = 0;
                    }
                } else if b == b'"' || b == b'\'' {
                    quote = b;
                } else if b == b'>' {
                    break;
                }
                i += 1;
            }
            let inner = &rest[1..i];
            self.pos += (i + 1).min(rest.len());
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Token::End { name: name.trim() });
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(x) => (x, true),
                None => (inner, false),
            };
            let n = inner
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(inner.len());
            if n == 0 {
                // "< x" or "<>": not markup.
                continue;
            }
            return Some(Token::Start {
                name: &inner[..n],
                attrs: &inner[n..],
                empty,
            });
        }
    }
}

/// The value of attribute `name` (with its prefix, e.g. `w:val`) in a tag's attribute text,
/// entities decoded.
pub(crate) fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let key = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let q = after.chars().next()?;
        let (value, next) = if q == '"' || q == '\'' {
            let body = &after[1..];
            match body.find(q) {
                Some(e) => (&body[..e], &body[e + 1..]),
                None => (body, ""),
            }
        } else {
            let e = after
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(after.len());
            (&after[..e], &after[e..])
        };
        if key == name {
            let mut out = String::new();
            unescape(value, &mut out);
            return Some(out);
        }
        rest = next;
    }
}

/// Appends `raw` with the five XML entities and character references decoded; an unknown or
/// broken reference is kept as written.
pub(crate) fn unescape(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Bounded look-ahead keeps "&&&&…" linear.
        let end = rest.as_bytes()[1..]
            .iter()
            .take(12)
            .position(|&b| b == b';')
            .map(|e| e + 1);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let n = if let Some(h) = ent.strip_prefix("#x").or(ent.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok()
                    } else {
                        ent.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    char::from_u32(n?)?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The local part of a prefixed name (`w:p` → `p`).
pub(crate) fn local(name: &str) -> &str {
    match name.bytes().rposition(|b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// A part's text: its bytes up to the first invalid UTF-8 sequence (Office writes UTF-8; a
/// damaged part is read as far as it is valid).
pub(crate) fn text(bytes: &[u8]) -> &str {
    match core::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => core::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_a_document_part() {
        let x = r#"<?xml version="1.0"?><!-- c --><w:p a="1>2"><w:t xml:space='preserve'>a &amp; b&#x4E00;</w:t><w:br/><![CDATA[<x>]]></w:p>"#;
        let t: Vec<Token> = tokens(x).collect();
        assert_eq!(
            t,
            vec![
                Token::Start {
                    name: "w:p",
                    attrs: r#" a="1>2""#,
                    empty: false
                },
                Token::Start {
                    name: "w:t",
                    attrs: " xml:space='preserve'",
                    empty: false
                },
                Token::Text("a &amp; b&#x4E00;"),
                Token::End { name: "w:t" },
                Token::Start {
                    name: "w:br",
                    attrs: "",
                    empty: true
                },
                Token::Cdata("<x>"),
                Token::End { name: "w:p" },
            ]
        );
        let mut s = String::new();
        unescape("a &amp; b&#x4E00;&#19968; &bogus; &", &mut s);
        assert_eq!(s, "a & b一一 &bogus; &");
        assert_eq!(
            attr(r#" w:val="restart" r:id='rId1'"#, "r:id").as_deref(),
            Some("rId1")
        );
        assert_eq!(
            attr(r#" w:val="restart""#, "w:val").as_deref(),
            Some("restart")
        );
        assert_eq!(attr(r#" w:vals="x""#, "w:val"), None);
        assert_eq!(local("w:tc"), "tc");
    }

    #[test]
    fn garbage_never_panics() {
        for x in [
            "<",
            "<<<>>>",
            "</",
            "<a b='",
            "<!--",
            "<![CDATA[",
            "&#xFFFFFFFF;",
            "<a/",
            "<é/>",
        ] {
            let _: Vec<Token> = tokens(x).collect();
            let mut s = String::new();
            unescape(x, &mut s);
            let _ = attr(x, "a");
        }
    }
}
