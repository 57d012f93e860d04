//! The value reader (spec §4): one cell's raw text → blank / not applicable / number / invalid,
//! keeping the raw text. Reading never panics and never guesses silently: every
//! normalisation it applies is reported as a note.

use crate::format::ValueKind;
use crate::num::Num;
use serde::Serialize;

/// What a cell holds once read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    /// Nothing typed (whitespace and NBSP only): "no data".
    Blank,
    /// A not-applicable marker such as `/`, `-`, `—`, `无`: 0 in sums, marker kept.
    NotApplicable { marker: String },
    /// A number; amounts are in 万元.
    Number { value: Num },
    /// Unreadable; the reason says why in Chinese and English.
    Invalid { reason: InvalidReason },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvalidReason {
    NotANumber,
    BadThousands,
    NotInteger,
    Negative,
    TooLarge,
    WrongUnit,
}

impl InvalidReason {
    pub fn text(self, lang: crate::Lang) -> &'static str {
        use crate::Lang::*;
        match (self, lang) {
            (Self::NotANumber, Zh) => "不是数字",
            (Self::NotANumber, En) => "not a number",
            (Self::BadThousands, Zh) => "千分位分隔不正确（每组应为3位数字）",
            (Self::BadThousands, En) => "thousands separators must group exactly 3 digits",
            (Self::NotInteger, Zh) => "应为整数",
            (Self::NotInteger, En) => "must be a whole number",
            (Self::Negative, Zh) => "不能为负数",
            (Self::Negative, En) => "cannot be negative",
            (Self::TooLarge, Zh) => "数值过大",
            (Self::TooLarge, En) => "number too large",
            (Self::WrongUnit, Zh) => "单位与该栏不符",
            (Self::WrongUnit, En) => "unit does not fit this column",
        }
    }
}

/// A normalisation the reader applied, reported to the user as info or warning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ValueNote {
    /// A measure word such as 件/个 was removed from a count.
    UnitIgnored { unit: &'static str },
    /// "3.0" read as 3.
    DecimalZeroIgnored,
    /// "13.5万" read as 135000.
    WanMultiplier,
    /// A changes-in-words form such as 减少346 or 持平.
    WordsRead,
    /// An amount written in 元 or 亿元, converted to 万元.
    AmountConverted { unit: &'static str },
}

/// A cell read: the value, the unit typed into the cell (amounts), and notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub value: Value,
    /// Unit written in an amount cell: "元", "万元", "亿元"; `None` when none was typed.
    pub unit: Option<&'static str>,
    pub notes: Vec<ValueNote>,
}

impl Reading {
    /// The number used in arithmetic: blank and not-applicable are 0; `None` when invalid.
    pub fn number(&self) -> Option<Num> {
        match &self.value {
            Value::Blank | Value::NotApplicable { .. } => Some(Num::ZERO),
            Value::Number { value } => Some(*value),
            Value::Invalid { .. } => None,
        }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self.value, Value::Blank)
    }
}

const NA_MARKERS: &[&str] = &[
    "/",
    "\\",
    "-",
    "--",
    "—",
    "——",
    "–",
    "−",
    "无",
    "暂无",
    "不涉及",
    "不适用",
    "空",
    "…",
];
const COUNT_UNITS: &[&str] = &["人次", "件", "条", "项", "个", "次", "份", "家", "宗"];
const UNCHANGED_WORDS: &[&str] = &["持平", "无变化", "不变", "无增减"];
const DECREASE_WORDS: &[&str] = &["减少", "下降", "降低", "减"];
const INCREASE_WORDS: &[&str] = &["增加", "新增", "增长", "上升", "增"];

/// Amount units: (suffix, power of ten to 万元, unit name). A static table, not one built
/// on the stack per call.
const AMOUNT_UNITS: &[(&str, i32, &str)] = &[
    ("万元", 0, "万元"),
    ("亿元", 4, "亿元"),
    ("元", -4, "元"),
    ("万", 0, "万元"),
];

/// False when `raw` holds a character no value can hold: beyond ASCII and white space (once
/// normalised), only the characters of the n.a. markers, units and change words [`read`]
/// knows. A quick test for labels, which `read` rejects only after normalising them.
pub fn may_be_value(raw: &str) -> bool {
    raw.chars()
        .filter_map(crate::textnorm::normalize_char)
        .all(|c| c.is_ascii() || c.is_whitespace() || is_value_word_char(c))
}

fn is_value_word_char(c: char) -> bool {
    VALUE_WORD_CHARS.binary_search(&c).is_ok()
}

/// The characters beyond ASCII of the n.a. markers, units and change words, sorted (a test
/// keeps it equal to the word lists).
const VALUE_WORD_CHARS: &[char] = &[
    '–', '—', '…', '−', '万', '上', '下', '不', '个', '人', '亿', '件', '份', '低', '元', '减',
    '加', '化', '升', '及', '变', '增', '宗', '家', '少', '平', '持', '新', '无', '暂', '条', '次',
    '涉', '用', '空', '适', '长', '降', '项',
];

/// Reads one cell's raw text as the column's kind says.
pub fn read(raw: &str, kind: ValueKind) -> Reading {
    // Most cells are plain digits ("0", "507"): every step below leaves them as they are
    // (no unit, sign, separator or note), so they skip the normalising copies.
    if let Some(value) = plain_digits(raw) {
        return Reading {
            value: Value::Number { value },
            unit: None,
            notes: Vec::new(),
        };
    }
    read_full(raw, kind)
}

/// The number of 1 to 15 ASCII digits and nothing else (in range for every kind).
fn plain_digits(raw: &str) -> Option<Num> {
    let b = raw.as_bytes();
    if b.is_empty() || b.len() > 15 {
        return None;
    }
    // Read here in a u64 (15 digits fit), with one scaling multiply at the end: what
    // `Num::parse_plain` gives for such text, without its splitting and per-digit i128 work.
    let mut v: u64 = 0;
    for &d in b {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(d - b'0');
    }
    Some(Num::from_int(v as i64))
}

fn read_full(raw: &str, kind: ValueKind) -> Reading {
    let mut notes = Vec::new();
    let text = compact(&crate::textnorm::normalize(raw));
    let invalid = |reason| Reading {
        value: Value::Invalid { reason },
        unit: None,
        notes: Vec::new(),
    };
    if text.is_empty() {
        return Reading {
            value: Value::Blank,
            unit: None,
            notes,
        };
    }
    if NA_MARKERS.contains(&text.as_str()) {
        return Reading {
            value: Value::NotApplicable { marker: text },
            unit: None,
            notes,
        };
    }
    let (s, unit, multiplier) = match strip_unit(&text, kind, &mut notes) {
        Ok(x) => x,
        Err(r) => return invalid(r),
    };
    let Some((s, negative)) = strip_sign(s, kind, &mut notes) else {
        // A word saying "unchanged" (持平) in a change column.
        return Reading {
            value: Value::Number { value: Num::ZERO },
            unit,
            notes,
        };
    };
    match number(s, multiplier, negative, kind, &mut notes) {
        Ok(num) => Reading {
            value: Value::Number { value: num },
            unit,
            notes,
        },
        Err(r) => invalid(r),
    }
}

/// The text without its unit: (rest, unit name for amounts, power of ten the unit means).
fn strip_unit<'a>(
    text: &'a str,
    kind: ValueKind,
    notes: &mut Vec<ValueNote>,
) -> Result<(&'a str, Option<&'static str>, i32), InvalidReason> {
    let mut s = text;
    let mut unit = None;
    let mut multiplier = 0i32;
    match kind {
        ValueKind::AmountWan | ValueKind::AmountAny => {
            for &(u, exp, name) in AMOUNT_UNITS {
                if let Some(rest) = s.strip_suffix(u) {
                    s = rest.trim_end();
                    unit = Some(name);
                    multiplier = exp;
                    if exp != 0 {
                        notes.push(ValueNote::AmountConverted { unit: name });
                    }
                    break;
                }
            }
        }
        ValueKind::Count | ValueKind::Delta => {
            for u in COUNT_UNITS {
                if let Some(rest) = s.strip_suffix(u) {
                    s = rest.trim_end();
                    notes.push(ValueNote::UnitIgnored { unit: u });
                    break;
                }
            }
            if let Some(rest) = s.strip_suffix('万') {
                s = rest.trim_end();
                multiplier = 4;
                notes.push(ValueNote::WanMultiplier);
            }
            if s.ends_with('元') {
                return Err(InvalidReason::WrongUnit);
            }
        }
    }
    Ok((s, unit, multiplier))
}

/// The text without its sign or change words: (rest, negative). `None`: the text is a word
/// for "unchanged" in a change column (the value is 0).
fn strip_sign<'a>(
    mut s: &'a str,
    kind: ValueKind,
    notes: &mut Vec<ValueNote>,
) -> Option<(&'a str, bool)> {
    let mut negative = false;
    if kind == ValueKind::Delta {
        if UNCHANGED_WORDS.contains(&s) {
            notes.push(ValueNote::WordsRead);
            return None;
        }
        if let Some(rest) = strip_any_prefix(s, DECREASE_WORDS) {
            negative = true;
            s = rest;
            notes.push(ValueNote::WordsRead);
        } else if let Some(rest) = strip_any_prefix(s, INCREASE_WORDS) {
            s = rest;
            notes.push(ValueNote::WordsRead);
        }
        s = s.trim_start();
    }
    if let Some(rest) = strip_any_prefix(s, &["+"]) {
        s = rest.trim_start();
    } else if let Some(rest) = strip_any_prefix(s, &["-", "−", "–", "—"]) {
        negative = !negative;
        s = rest.trim_start();
    }
    Some((s, negative))
}

/// The number in `s` (thousands separators allowed), scaled and signed, checked against
/// what the column's kind accepts.
fn number(
    s: &str,
    multiplier: i32,
    negative: bool,
    kind: ValueKind,
    notes: &mut Vec<ValueNote>,
) -> Result<Num, InvalidReason> {
    let plain = strip_thousands(s)?;
    let Some(mut num) = Num::parse_plain(&plain) else {
        let too_long = plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') && !plain.is_empty();
        return Err(if too_long {
            InvalidReason::TooLarge
        } else {
            InvalidReason::NotANumber
        });
    };
    if multiplier != 0 {
        match num.scale10(multiplier) {
            Some(n) => num = n,
            None if multiplier > 0 => return Err(InvalidReason::TooLarge),
            None => return Err(InvalidReason::NotANumber),
        }
    }
    if negative {
        num = -num;
    }
    match kind {
        ValueKind::Count | ValueKind::Delta => {
            if !num.is_integer() {
                return Err(InvalidReason::NotInteger);
            }
            if plain.as_bytes().contains(&b'.') && multiplier == 0 {
                notes.push(ValueNote::DecimalZeroIgnored);
            }
            if num.as_i64().is_none() {
                return Err(InvalidReason::TooLarge);
            }
        }
        ValueKind::AmountWan | ValueKind::AmountAny => {
            if num.is_negative() {
                return Err(InvalidReason::Negative);
            }
        }
    }
    Ok(num)
}

/// Whitespace collapsed: removed next to non-digits, kept (as one space) between digits so
/// that "1 234" can be checked as a thousands group.
fn compact(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let before = out.chars().last();
            let after = chars.get(j).copied();
            if before.is_some_and(|b| b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit())
            {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn strip_any_prefix<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| s.strip_prefix(p))
}

/// "1,234,567.5" → "1234567.5"; groups after the first must have exactly 3 digits.
fn strip_thousands(s: &str) -> Result<String, InvalidReason> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    // Bytes, not a str pattern: one slice split instead of std's multi-char searcher.
    let is_sep = |b: &u8| *b == b',' || *b == b' ';
    if !int.as_bytes().iter().any(is_sep) {
        return Ok(s.to_string());
    }
    let groups: Vec<&[u8]> = int.as_bytes().split(is_sep).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.iter().all(u8::is_ascii_digit));
    if !digits_ok {
        return Err(InvalidReason::NotANumber);
    }
    if !(first_ok && rest_ok) {
        return Err(InvalidReason::BadThousands);
    }
    let mut out = String::with_capacity(s.len());
    for g in &groups {
        for &b in *g {
            out.push(char::from(b));
        }
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValueKind::*;

    /// Every word list a value may hold (amount units apart: they carry a scale).
    const WORD_LISTS: [&[&str]; 5] = [
        NA_MARKERS,
        COUNT_UNITS,
        UNCHANGED_WORDS,
        DECREASE_WORDS,
        INCREASE_WORDS,
    ];

    #[test]
    fn value_word_chars_are_those_of_the_words() {
        let mut all: Vec<char> = WORD_LISTS
            .iter()
            .flat_map(|l| l.iter())
            .flat_map(|w| w.chars())
            .collect();
        all.extend(AMOUNT_UNITS.iter().flat_map(|u| u.0.chars()));
        all.retain(|c| !c.is_ascii());
        all.sort_unstable();
        all.dedup();
        assert_eq!(VALUE_WORD_CHARS, &all[..]);
    }

    /// Every text some kind reads as a value passes the quick test; labels do not.
    #[test]
    fn may_be_value_holds_every_value() {
        let mut texts: Vec<String> = Vec::new();
        for w in WORD_LISTS.iter().flat_map(|l| l.iter()) {
            for n in [
                "",
                "1",
                "１２",
                "1,234",
                "-3",
                "+ 4",
                "5.0",
                "6 万",
                "７亿元",
            ] {
                texts.push(crate::textnorm::concat(&[w, n]));
                texts.push(crate::textnorm::concat(&[n, " ", w]));
            }
        }
        for (u, ..) in AMOUNT_UNITS {
            texts.push(crate::textnorm::concat(&["12.5", u]));
        }
        texts.extend(
            ["", " ", "\u{3000}", "\u{200B}", "－５", "—", "1 234", "NaN"].map(String::from),
        );
        for t in &texts {
            let kinds = [Count, Delta, AmountWan, AmountAny];
            if kinds
                .iter()
                .any(|&k| !matches!(read(t, k).value, Value::Invalid { .. }))
            {
                assert!(may_be_value(t), "{t}");
            }
        }
        for label in [
            "自然人",
            "（七）总计",
            "规章",
            "本年新收政府信息公开申请数量",
        ] {
            assert!(!may_be_value(label), "{label}");
        }
    }

    #[test]
    fn plain_digits_read_as_the_full_reader_does() {
        let cases = [
            "0",
            "7",
            "00",
            "0507",
            "507",
            "1000",
            "999999999999999",
            "123456789012345",
        ];
        for raw in cases {
            for kind in [Count, Delta, AmountWan, AmountAny] {
                assert_eq!(read(raw, kind), read_full(raw, kind), "{raw} {kind:?}");
                assert!(plain_digits(raw).is_some(), "{raw}");
            }
        }
        for raw in ["", "1234567890123456", "1.0", " 1", "１", "-1", "1,000"] {
            assert!(plain_digits(raw).is_none(), "{raw}");
        }
    }

    fn num(raw: &str, kind: ValueKind) -> String {
        match read(raw, kind).value {
            Value::Number { value } => value.to_string(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn blank_zero_and_markers_stay_distinct() {
        assert_eq!(read("", Count).value, Value::Blank);
        assert_eq!(read(" \u{a0}\u{3000}\n", Count).value, Value::Blank);
        assert_eq!(num("0", Count), "0");
        assert_eq!(num("0 ", Count), "0");
        for m in ["/", "／", "-", "－", "—", "——", "无", "暂无", "不涉及"] {
            assert!(
                matches!(read(m, Count).value, Value::NotApplicable { .. }),
                "{m}"
            );
        }
        assert_eq!(read("／", Count).number(), Some(Num::ZERO));
    }

    #[test]
    fn units_on_counts() {
        assert_eq!(num("130774个", Count), "130774");
        assert_eq!(num("1 件", Count), "1");
        assert_eq!(num("12项", Count), "12");
        assert_eq!(
            read("130774个", Count).notes,
            vec![ValueNote::UnitIgnored { unit: "个" }]
        );
        assert_eq!(num("13.5万", Count), "135000");
        assert_eq!(read("13.5万", Count).notes, vec![ValueNote::WanMultiplier]);
        assert_eq!(num("3.0", Count), "3");
        assert_eq!(
            read("3.5", Count).value,
            Value::Invalid {
                reason: InvalidReason::NotInteger
            }
        );
    }

    #[test]
    fn amounts_convert_exactly() {
        assert_eq!(num("342690.4107万元", AmountAny), "342690.4107");
        assert_eq!(num("251000元", AmountAny), "25.1");
        assert_eq!(num("1.2亿元", AmountAny), "12000");
        assert_eq!(num("0.01元", AmountWan), "0.000001");
        assert_eq!(read("251000元", AmountAny).unit, Some("元"));
        assert_eq!(read("12.5", AmountAny).unit, None);
        assert!(matches!(
            read("-3万元", AmountWan).value,
            Value::Invalid { .. }
        ));
    }

    #[test]
    fn full_width_and_thousands() {
        assert_eq!(num("１２３", Count), "123");
        assert_eq!(num("1,234", Count), "1234");
        assert_eq!(num("1，234，567", Count), "1234567");
        assert_eq!(num("1 234", Count), "1234");
        assert_eq!(num("３４２６９０．４１０７万元", AmountAny), "342690.4107");
        assert_eq!(
            read("1,23", Count).value,
            Value::Invalid {
                reason: InvalidReason::BadThousands
            }
        );
        assert_eq!(
            read("12,3456", Count).value,
            Value::Invalid {
                reason: InvalidReason::BadThousands
            }
        );
    }

    #[test]
    fn signed_changes() {
        for (raw, out) in [
            ("-346", "-346"),
            ("－346", "-346"),
            ("−346", "-346"),
            ("–346", "-346"),
            ("+1036", "1036"),
            ("＋1036", "1036"),
            ("减少346", "-346"),
            ("减346", "-346"),
            ("下降 346", "-346"),
            ("增加12", "12"),
            ("新增12", "12"),
            ("持平", "0"),
            ("无变化", "0"),
            ("-8项", "-8"),
        ] {
            assert_eq!(num(raw, Delta), out, "{raw}");
        }
        assert!(matches!(
            read("—", Delta).value,
            Value::NotApplicable { .. }
        ));
        assert_eq!(num("-5", Count), "-5", "negatives are kept for D-COUNT-NEG");
    }

    #[test]
    fn garbage_is_invalid_not_panic() {
        for raw in [
            "abc",
            "12abc",
            "1..2",
            "..",
            "+",
            "-",
            "元",
            "99999999999999999999999",
            "1e9",
            "１２元",
            "增加",
            "\u{0}",
        ] {
            let r = read(raw, Count);
            assert!(
                matches!(r.value, Value::Invalid { .. } | Value::NotApplicable { .. }),
                "{raw}: {r:?}"
            );
        }
    }
}
