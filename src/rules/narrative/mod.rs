//! Narrative vs table (spec §3.6): numbers the report's text states next to known keywords
//! (受理申请 N 件, 其中自然人 N 件, 予以公开 N 件, 行政复议 N 件, 均获维持 …) are compared with the
//! tables. Extraction is heuristic, so every finding is a warning and quotes its sentence; a
//! number is reported only when it matches none of the quantities the spec accepts (受理 may
//! mean 一 alone or 一 + 二).
//!
//! Skipped on purpose: sentences about another scope (市本级, 下属单位, 各县（市、区）…),
//! approximate counts (900余件, 约, 近), dates, phone and document numbers (only a number
//! followed by a measure word counts).

use crate::diagnostic::{fill, pick, Diagnostic, Status};
use crate::format::Format;
use crate::num::Num;
use crate::rules::{RuleId, T_S3_PERCENT, T_S4_ALL_UPHELD};
use crate::textnorm;
use crate::textnorm::concat;
use crate::Lang;

mod data;
use data::*;

/// Narrative text beyond this is not read.
const MAX_NARRATIVE_CHARS: usize = 200_000;

/// A message template filled from `(name, value)` pairs (one closure for every message).
#[inline(never)]
fn message(template: &str, args: &[(&str, &str)]) -> String {
    fill(template, &|k| {
        let (_, v) = args.iter().find(|(name, _)| *name == k)?;
        Some(v.to_string())
    })
}

/// The message of `rule` (the registry's narrative mismatch template).
#[inline(never)]
fn mismatch(
    rule: RuleId,
    lang: Lang,
    quote: &str,
    n: &str,
    target: &str,
    table_value: Num,
) -> String {
    let v = table_value.to_text();
    let args = [
        ("quote", quote),
        ("n", n),
        ("target", target),
        ("table_value", &v),
    ];
    message(rule.message(lang), &args)
}

// Word and cell lists are one string each, items separated by `|`: one pointer per list
// in the .wasm data instead of one per item.

/// Owned cell ids from a `|` list.
#[inline(never)]
fn ids(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    for c in list.split('|') {
        out.push(c.to_string());
    }
    out
}

/// The first word of the `|` list `words` that `s` contains.
#[inline(never)]
fn first_in<'a>(s: &str, words: &'a str) -> Option<&'a str> {
    // `split('|')` by hand: a byte search, not std's char searcher, on every test.
    let mut rest = words;
    loop {
        let end = rest.bytes().position(|b| b == b'|').unwrap_or(rest.len());
        let word = &rest[..end];
        if textnorm::contains(s, word) {
            return Some(word);
        }
        rest = rest.get(end + 1..)?;
    }
}

/// Whether `s` contains any word of the `|` list `words`.
fn any_in(s: &str, words: &str) -> bool {
    first_in(s, words).is_some()
}

/// A diagnostic key: the rule (and the claim's tag) and the sentence's and number's
/// positions, `T-S4:3:1`, `T-S4:none:3`. No formatting machinery.
#[inline(never)]
fn key(rule: RuleId, tag: Option<&str>, at: &[usize]) -> String {
    let mut out = String::from(rule.as_str());
    if let Some(tag) = tag {
        out.push(':');
        out.push_str(tag);
    }
    for &i in at {
        out.push(':');
        crate::num::push_u64(&mut out, i as u64);
    }
    out
}

const UPHELD: &str = "均获维持|全部维持|均维持|均被维持|全部获得维持";

/// The first `n` characters of `s`.
#[inline(never)]
fn prefix(s: &str, n: usize) -> &str {
    // A text of at most `n` bytes has at most `n` characters: nothing to count.
    if s.len() <= n {
        return s;
    }
    // A byte loop (smaller than `char_indices().nth`): every byte but a UTF-8 continuation
    // byte starts a character.
    let mut chars = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if chars == n {
                return &s[..i];
            }
            chars += 1;
        }
    }
    s
}

/// Applicant words and the s3 columns they stand for (static: no table built per number).
const APPLICANTS: &[(&str, &str)] = &[
    (
        "法人或其他组织",
        "commercial|research|nonprofit|legal_service|org_other",
    ),
    ("自然人", "natural"),
    ("商业企业", "commercial"),
    ("科研机构", "research"),
    ("社会公益组织", "nonprofit"),
    ("法律服务机构", "legal_service"),
    ("其他", "org_other"),
];

const SCOPE_MARKERS: &str =
    "市本级|县本级|区本级|本级|全市各级|全县各级|全区各级|各县(市、区)|各县市区|下属单位|所属单位";

/// Where a statement's keywords stand, relative to its number.
#[derive(Clone, Copy)]
enum Test {
    /// The clause before the number contains one of the words.
    Left(&'static str),
    /// The clause before the number contains none of the words.
    NotLeft(&'static str),
    /// The clause before the number ends with the word.
    LeftEnds(&'static str),
    /// The text since the previous number contains one of the words.
    Before(&'static str),
    /// The clause after the number contains one of the words.
    Right(&'static str),
    /// The clause after the number starts with one of the words.
    RightStarts(&'static str),
    /// Separates alternatives: a statement matches when all tests of one alternative hold.
    Or,
}

/// The text around one number that the tests read.
struct Around<'a> {
    left: &'a str,
    right: &'a str,
    before: &'a str,
}

impl Test {
    fn holds(self, a: &Around) -> bool {
        match self {
            Test::Left(w) => any_in(a.left, w),
            Test::NotLeft(w) => !any_in(a.left, w),
            Test::LeftEnds(w) => a.left.ends_with(w),
            Test::Before(w) => any_in(a.before, w),
            Test::Right(w) => any_in(a.right, w),
            Test::RightStarts(w) => w.split('|').any(|w| a.right.starts_with(w)),
            Test::Or => true,
        }
    }
}

/// Whether one of the `Or`-separated alternatives of `tests` holds entirely.
#[inline(never)]
fn applies(tests: &[Test], a: &Around) -> bool {
    tests
        .split(|t| matches!(t, Test::Or))
        .any(|alt| alt.iter().all(|t| t.holds(a)))
}

/// What the table says a statement should be: a label and the cells summed.
struct Target {
    zh: &'static str,
    en: &'static str,
    cells: TargetCells,
}

/// The cells a target sums: listed ids, or every s3 leaf row under a row.
enum TargetCells {
    Ids(&'static str),
    /// Every s3 leaf row under this row id, column total (`result.deny` → deny.secret …).
    Under(&'static str),
}

const fn target(zh: &'static str, en: &'static str, ids: &'static str) -> Target {
    Target {
        zh,
        en,
        cells: TargetCells::Ids(ids),
    }
}

const fn under(zh: &'static str, en: &'static str, row: &'static str) -> Target {
    Target {
        zh,
        en,
        cells: TargetCells::Under(row),
    }
}

/// What a matched statement compares.
enum Then {
    /// The number against each target whose cells exist; the first is reported.
    Compare(&'static [Target]),
    /// As `Compare`, then the share that follows the number (占X%).
    Share(&'static [Target]),
    /// New, or new + carried over (`RECEIVED`), remembering which one the number is.
    Received,
    /// An applicant group, on the basis of the receipt before it; no match without one.
    Applicant,
    /// Issued documents: the s2 row and its word.
    Documents(&'static str, &'static str),
}

/// A statement's measure word: its index in `UNITS` (a byte in the table, not a string).
#[derive(Clone, Copy)]
enum Unit {
    TenThousandYuan = 0,
    Item = 1,
}

/// A kind of statement about a number: the rule, the number's measure word, a cell the
/// format must have (its table), the keyword tests and the comparison.
struct Statement {
    rule: RuleId,
    unit: Unit,
    needs: &'static str,
    when: &'static [Test],
    then: Then,
}

/// A sentence saying there were none (未收到申请, 未发生行政复议) while the cells sum to more.
struct Claim {
    rule: RuleId,
    /// Added to the rule id in the key (`T-S4:none:…`), where another finding of the rule
    /// could share the sentence.
    tag: Option<&'static str>,
    needs: &'static str,
    /// Tests on the whole sentence (as the clause before a number).
    when: &'static [Test],
    word: (&'static str, &'static str),
    target: Target,
}

/// One number stated in the sentence `'a`.
struct Stated<'a> {
    value: Num,
    text: String,
    /// The measure word's index in `UNITS`.
    unit: usize,
    /// Text between the previous number (or clause start) and this one.
    left: &'a str,
    /// Text after this number's unit up to the next number or clause end.
    right: &'a str,
    /// The rest of the sentence after this number's unit.
    after: &'a str,
}

/// A quantity the table offers for a statement: its label in the output language and the
/// cells summed.
struct Quantity {
    label: String,
    cells: Vec<String>,
}

struct Ctx<'a> {
    format: &'a Format,
    lang: Lang,
    value: &'a dyn Fn(&str) -> Option<Num>,
    out: Vec<Diagnostic>,
    /// Whether the format has [`S3`] and [`S4`]: asked per statement and number, so looked
    /// up once.
    has_s3: bool,
    has_s4: bool,
}

impl Ctx<'_> {
    fn has(&self, id: &str) -> bool {
        self.format.cell(id).is_some()
    }

    /// Whether a statement's `needs` cell exists (`""`: none needed).
    fn meets(&self, needs: &str) -> bool {
        match needs {
            "" => true,
            S3 => self.has_s3,
            S4 => self.has_s4,
            id => self.has(id),
        }
    }

    fn sum(&self, cells: &[String]) -> Option<Num> {
        let mut total = Num::ZERO;
        for c in cells {
            total = total.checked_add((self.value)(c)?)?;
        }
        Some(total)
    }

    /// Every s3 leaf row id under `row` in column `total`.
    fn rows_under(&self, row: &str) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.format.cells {
            let nested = c.row.strip_prefix(row);
            if c.table == "s3"
                && c.column == "total"
                && nested.is_some_and(|r| r.is_empty() || r.starts_with('.'))
            {
                out.push(c.id.clone());
            }
        }
        out
    }

    /// A quantity over `cells` when they all exist.
    fn q(&self, label: String, cells: Vec<String>) -> Option<Quantity> {
        if cells.is_empty() || cells.iter().any(|c| !self.has(c)) {
            return None;
        }
        Some(Quantity { label, cells })
    }

    fn cells(&self, t: &Target) -> Vec<String> {
        match t.cells {
            TargetCells::Ids(c) => ids(c),
            TargetCells::Under(row) => self.rows_under(row),
        }
    }

    /// A static target as a quantity, when its cells exist.
    #[inline(never)]
    fn quantity(&self, t: &Target) -> Option<Quantity> {
        self.q(pick(self.lang, t.zh, t.en).to_string(), self.cells(t))
    }

    /// Compares a stated number with the acceptable quantities; warns when none matches.
    fn compare(
        &mut self,
        rule: RuleId,
        key: String,
        quote: &str,
        n: &Stated,
        options: Vec<Quantity>,
    ) {
        let mut first: Option<(Num, &Quantity)> = None;
        for q in &options {
            match self.sum(&q.cells) {
                Some(v) if v == n.value => return,
                Some(v) if first.is_none() => first = Some((v, q)),
                _ => {}
            }
        }
        let Some((v, q)) = first else {
            return;
        };
        let message = mismatch(rule, self.lang, quote, &n.text, &q.label, v);
        self.push(
            rule,
            key,
            quote,
            message,
            q.cells.clone(),
            Some(v),
            Some(n.value),
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: RuleId,
        key: String,
        quote: &str,
        message: String,
        cells: Vec<String>,
        expected: Option<Num>,
        actual: Option<Num>,
    ) {
        if self.out.iter().any(|d| d.key == key) {
            return;
        }
        self.out.push(Diagnostic {
            rule,
            key,
            severity: rule.severity(),
            status: Status::Fail,
            target: cells.first().cloned(),
            cells,
            prev_cells: Vec::new(),
            expected,
            actual,
            delta: match (actual, expected) {
                (Some(a), Some(e)) => Some(a - e),
                _ => None,
            },
            message,
            fix: None,
            pinpoint: None,
            quote: Some(quote.to_string()),
        });
    }
}

/// Checks the narrative against the tables. `value` gives a cell's effective number (blank
/// totals take their parts' sum); `None` skips the comparison.
pub fn check_narrative(
    format: &Format,
    narrative: &str,
    lang: Lang,
    value: &dyn Fn(&str) -> Option<Num>,
) -> Vec<Diagnostic> {
    let mut ctx = Ctx {
        format,
        lang,
        value,
        out: Vec::new(),
        has_s3: format.cell(S3).is_some(),
        has_s4: format.cell(S4).is_some(),
    };
    if narrative.trim().is_empty() {
        return ctx.out;
    }
    let text = prefix(narrative, MAX_NARRATIVE_CHARS);
    for (si, sentence) in sentences(text).into_iter().enumerate() {
        check_sentence(&mut ctx, si, sentence);
    }
    ctx.out
}
/// Splits text into sentences (。！？； and line breaks), trimmed, at most 600 characters.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // The current sentence starts at `start` and has `len` characters.
    let (mut start, mut len) = (0, 0);
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let stop = match c {
            '\n' => i,
            '。' | '！' | '？' | '；' | ';' | '!' | '?' => end,
            _ => {
                len += 1;
                if len <= 600 {
                    continue;
                }
                end
            }
        };
        push_sentence(&mut out, &text[start..stop]);
        (start, len) = (end, 0);
    }
    push_sentence(&mut out, &text[start..]);
    out
}

fn push_sentence<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s);
    }
}

/// Normalized, without white space (PDF text puts spaces around numbers: "3119 件").
fn compact(s: &str) -> String {
    s.chars()
        .filter_map(textnorm::normalize_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Measure words a stated number must be followed by, longest first (`Unit` indexes them).
const UNITS: &[&str] = &["万元", "件", "个", "项", "元", "%"];
/// Words before a number that make it approximate (约 900 件).
const APPROX: &[char] = &['约', '近', '超', '逾'];

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | '(' | ')' | ':' | '：')
}

/// Numbers followed by a measure word (件 个 项 万元 元 %), with their left and right context.
fn stated_numbers(s: &str) -> Vec<Stated<'_>> {
    // A byte scan: digits, '.' and ',' are ASCII, so every position where one starts or
    // ends is a char boundary.
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_end = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
            i += 1;
        }
        let mut raw_end = i;
        while matches!(b[raw_end - 1], b'.' | b',') {
            raw_end -= 1;
        }
        let raw = &s[start..raw_end];
        let rest = &s[i..];
        let unit = UNITS.iter().position(|u| rest.starts_with(u));
        let prev = s[..start].chars().next_back();
        // The approximation words are one character: only the one before the number counts.
        let approx_before = prev.is_some_and(|p| APPROX.contains(&p));
        let approx_after = rest.starts_with('余') || rest.starts_with('多');
        let part_of_word = prev.is_some_and(|p| {
            p.is_ascii_alphanumeric() || p == '.' || p == '-' || p == '〔' || p == '第'
        });
        match unit {
            Some(k) if !approx_before && !approx_after && !part_of_word => {
                let u = UNITS[k];
                let end = i + u.len();
                let plain = raw.replace(',', "");
                if let Some(value) = Num::parse_plain(&plain) {
                    out.push(Stated {
                        value,
                        text: concat(&[raw, u]),
                        unit: k,
                        left: &s[last_end..start],
                        right: "",
                        after: &s[end..],
                    });
                }
                last_end = end;
                i = end;
            }
            _ => {
                last_end = i;
            }
        }
    }
    // Right context: from the end of each number up to the next stated number.
    // Each number's text is looked for after the previous one's; one not found (its digits
    // ended in '.' or ',') leaves an empty right context and does not move the search on.
    let mut pos = 0;
    for k in 0..out.len() {
        let start = match textnorm::find(&s[pos..], &out[k].text) {
            Some(p) => {
                pos += p + out[k].text.len();
                pos
            }
            None => s.len(),
        };
        let stop = match out.get(k + 1) {
            Some(next) => textnorm::find(&s[start..], &next.text).map_or(s.len(), |p| start + p),
            None => s.len(),
        };
        out[k].right = &s[start..stop];
    }
    out
}

/// The clause of `left` nearest the number (after the last clause break).
fn near_left(left: &str) -> &str {
    match left.char_indices().rev().find(|&(_, c)| is_clause_break(c)) {
        Some((p, c)) => &left[p + c.len_utf8()..],
        None => left,
    }
}

/// The clause of `right` nearest the number.
fn near_right(right: &str) -> &str {
    match right.char_indices().find(|&(_, c)| is_clause_break(c)) {
        Some((p, _)) => &right[..p],
        None => right,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Basis {
    New,
    NewAndCarried,
    Either,
}

fn check_sentence(ctx: &mut Ctx, si: usize, sentence: &str) {
    let s = compact(sentence);
    if s.is_empty() {
        return;
    }
    if first_in(&s, SCOPE_MARKERS).is_some() {
        return;
    }
    // 其中…局: a sub-unit's numbers.
    if let Some(p) = textnorm::find(&s, "其中") {
        let after = prefix(&s[p..], 12);
        let has = |w| textnorm::contains(after, w);
        if has("局") || has("委") && has("办") {
            return;
        }
    }
    let quote = prefix(sentence.trim(), 200);

    // Whole-sentence statements.
    let whole = Around {
        left: &s,
        right: "",
        before: &s,
    };
    for c in CLAIMS {
        if !ctx.meets(c.needs) || !applies(c.when, &whole) {
            continue;
        }
        let cells = ctx.cells(&c.target);
        let Some(v) = ctx.sum(&cells) else { continue };
        if v.is_zero() {
            continue;
        }
        let lang = ctx.lang;
        let (word, target) = (
            pick(lang, c.word.0, c.word.1),
            pick(lang, c.target.zh, c.target.en),
        );
        let message = mismatch(c.rule, lang, quote, word, target, v);
        ctx.push(
            c.rule,
            key(c.rule, c.tag, &[si]),
            quote,
            message,
            cells,
            Some(v),
            Some(Num::ZERO),
        );
    }
    if ctx.has_s4 {
        if let Some(word) = first_in(&s, UPHELD) {
            all_upheld(ctx, si, quote, &s, word);
        }
    }

    let mut basis: Option<Basis> = None;
    for (ni, n) in stated_numbers(&s).iter().enumerate() {
        let around = Around {
            left: near_left(n.left),
            right: near_right(n.right),
            before: n.left,
        };
        for st in STATEMENTS {
            if st.unit as usize == n.unit
                && ctx.meets(st.needs)
                && applies(st.when, &around)
                && apply(ctx, st, &[si, ni], quote, n, around.left, &mut basis)
            {
                break;
            }
        }
    }
}

/// The s4 cells of cases not upheld: review, litigation, both.
const NOT_UPHELD: [Target; 3] = [
    target(
        "「行政复议」结果纠正、其他结果、尚未审结",
        "review cases not upheld",
        "s4.review.corrected|s4.review.other|s4.review.pending",
    ),
    target(
        "「行政诉讼」结果纠正、其他结果、尚未审结",
        "litigation cases not upheld",
        "s4.suit_direct.corrected|s4.suit_direct.other|s4.suit_direct.pending|\
s4.suit_after_review.corrected|s4.suit_after_review.other|s4.suit_after_review.pending",
    ),
    target(
        "「行政复议、行政诉讼」结果纠正、其他结果、尚未审结",
        "review and litigation cases not upheld",
        "s4.review.corrected|s4.review.other|s4.review.pending|\
s4.suit_direct.corrected|s4.suit_direct.other|s4.suit_direct.pending|\
s4.suit_after_review.corrected|s4.suit_after_review.other|s4.suit_after_review.pending",
    ),
];

/// 均获维持 while cases were corrected, had another outcome or are pending.
fn all_upheld(ctx: &mut Ctx, si: usize, quote: &str, s: &str, word: &str) {
    let review = textnorm::contains(s, "复议");
    let suit = textnorm::contains(s, "诉讼");
    // Review cells, then litigation cells; both when the sentence names both or neither.
    let t = &NOT_UPHELD[match (review, suit) {
        (true, false) => 0,
        (false, true) => 1,
        _ => 2,
    }];
    let mut cells = ctx.cells(t);
    let Some(v) = ctx.sum(&cells) else { return };
    if v.is_zero() {
        return;
    }
    let rule = T_S4_ALL_UPHELD;
    let message = mismatch(rule, ctx.lang, quote, word, pick(ctx.lang, t.zh, t.en), v);
    // Point at the first group that is not all upheld.
    if let Some(p) = cells
        .iter()
        .position(|c| (ctx.value)(c).is_some_and(|x| !x.is_zero()))
    {
        cells.rotate_left(p);
    }
    let key = key(rule, None, &[si]);
    ctx.push(rule, key, quote, message, cells, Some(Num::ZERO), Some(v));
}

/// `s` without leading 其中s (`trim_start_matches`, without std's substring searcher).
fn without_qizhong(mut s: &str) -> &str {
    while let Some(rest) = s.strip_prefix("其中") {
        s = rest;
    }
    s
}

/// A label in the output language, from pieces (no `format!`).
fn label(lang: Lang, zh: &[&str], en: &[&str]) -> String {
    match lang {
        Lang::Zh => concat(zh),
        Lang::En => concat(en),
    }
}

/// Compares number `n` as statement `st` says; false when the statement does not apply
/// after all (an applicant word without a receipt before it, or none at all).
#[allow(clippy::too_many_arguments)]
fn apply(
    ctx: &mut Ctx,
    st: &Statement,
    at: &[usize],
    quote: &str,
    n: &Stated,
    left: &str,
    basis: &mut Option<Basis>,
) -> bool {
    let opts = match st.then {
        Then::Compare(targets) | Then::Share(targets) => {
            let mut opts: Vec<Quantity> = Vec::new();
            for t in targets {
                opts.extend(ctx.quantity(t));
            }
            if matches!(st.then, Then::Share(_)) && !opts.is_empty() {
                ctx.compare(st.rule, key(st.rule, None, at), quote, n, opts);
                check_percent(ctx, &key(T_S3_PERCENT, None, at), quote, n);
                return true;
            }
            opts
        }
        Then::Received => received(ctx, n, basis),
        Then::Applicant => {
            let Some(b) = *basis else { return false };
            let Some(opts) = applicant(ctx, b, left) else {
                return false;
            };
            opts
        }
        Then::Documents(row, word) => documents(ctx, row, word),
    };
    ctx.compare(st.rule, key(st.rule, None, at), quote, n, opts);
    true
}

/// 受理 N 件: 一 alone or 一 + 二; which one N matches is the basis of the applicant
/// numbers that follow in the sentence.
fn received(ctx: &Ctx, n: &Stated, basis: &mut Option<Basis>) -> Vec<Quantity> {
    let v_new = ctx.sum(&ctx.cells(&NEW));
    let v_both = ctx.sum(&ctx.cells(&NEW_AND_CARRIED));
    let is = |v: Option<Num>| v == Some(n.value);
    *basis = Some(match (is(v_new), is(v_both)) {
        (true, false) => Basis::New,
        (false, true) => Basis::NewAndCarried,
        _ => Basis::Either,
    });
    let mut opts = Vec::new();
    opts.extend(ctx.quantity(&NEW));
    opts.extend(ctx.quantity(&NEW_AND_CARRIED));
    opts
}

/// 其中自然人 N 件: the applicant columns the word before the number names, on the basis
/// of the receipt before it; `None` when no applicant word is there.
fn applicant(ctx: &Ctx, b: Basis, left: &str) -> Option<Vec<Quantity>> {
    let lang = ctx.lang;
    let (word, cols) = APPLICANTS
        .iter()
        .copied()
        .find(|(w, _)| without_qizhong(left).starts_with(w) || left.ends_with(w))?;
    let mut new: Vec<String> = Vec::new();
    let mut both: Vec<String> = Vec::new();
    for c in cols.split('|') {
        new.push(concat(&["s3.new.", c]));
        both.push(concat(&["s3.new.", c]));
        both.push(concat(&["s3.carried_over.", c]));
    }
    let mut opts = Vec::new();
    if b != Basis::NewAndCarried {
        let l = label(
            lang,
            &["「一、本年新收·", word, "」"],
            &["new applications (", word, ")"],
        );
        opts.extend(ctx.q(l, new));
    }
    if b != Basis::New {
        let l = label(
            lang,
            &["「一、本年新收」与「二、上年结转」的「", word, "」之和"],
            &["new + carried over (", word, ")"],
        );
        opts.extend(ctx.q(l, both));
    }
    Some(opts)
}

/// Documents of a kind (`row` of s2): each document column of the format.
fn documents(ctx: &Ctx, row: &str, word: &str) -> Vec<Quantity> {
    // gb2021 counts issued and in-force documents, gb2019 made and published ones.
    let cols = if ctx.has(&concat(&["s2.", row, ".issued"])) {
        "issued|in_force"
    } else {
        "made|published|public_total"
    };
    let mut opts = Vec::new();
    for c in cols.split('|') {
        if let Some(col) = ctx.format.column("s2", c) {
            let l = label(
                ctx.lang,
                &["「", word, "·", col.label, "」"],
                &[word, " (", col.label_en, ")"],
            );
            opts.extend(ctx.q(l, vec![concat(&["s2.", row, ".", c])]));
        }
    }
    opts
}

/// "N件，占X%": N as a share of all concluded applications, at the precision written.
fn check_percent(ctx: &mut Ctx, key: &str, quote: &str, n: &Stated) {
    let r = prefix(n.after, 12);
    if !r.starts_with(['，', ',', '(', '（']) && !r.starts_with('占') {
        return;
    }
    let Some(p) = textnorm::find(r, "占") else {
        return;
    };
    let after = &r[p + '占'.len_utf8()..];
    let after = after.strip_prefix("比").unwrap_or(after);
    // A byte loop, not a char iterator collected: digits and '.' are ASCII.
    let b = after.as_bytes();
    let mut len = 0;
    while len < b.len() && (b[len].is_ascii_digit() || b[len] == b'.') {
        len += 1;
    }
    let digits = &after[..len];
    if digits.is_empty() || !after[digits.len()..].starts_with('%') {
        return;
    }
    let Some(x) = Num::parse_plain(digits) else {
        return;
    };
    let Some(total) = (ctx.value)("s3.result.total.total") else {
        return;
    };
    if total.is_zero() {
        return;
    }
    let decimals = digits
        .bytes()
        .position(|b| b == b'.')
        .map_or(0, |p| digits.len() - p - 1) as i32;
    let computed = n.value.as_f64() / total.as_f64() * 100.0;
    let unit = 10f64.powi(-decimals);
    // Rounded or truncated at the precision written.
    if (computed - x.as_f64()).abs() < unit + 1e-9 {
        return;
    }
    let shown = fixed(computed, decimals.max(1) as u32);
    let args = [("quote", quote), ("x", digits), ("computed", &shown)];
    let message = message(T_S3_PERCENT.message(ctx.lang), &args);
    ctx.push(
        T_S3_PERCENT,
        key.to_string(),
        quote,
        message,
        ids("s3.result.total.total"),
        None,
        Some(x),
    );
}

/// `format!("{:.*}", places, v)` for finite `v` with |v| < 2^100 and `places` ≤ 18, by hand:
/// the float's exact binary value rounded half to even, as `core::fmt` does, without pulling
/// in the float formatting code (~4 KB of wasm). Here |v| ≤ 10^20 / 10^-8 · 100 (`Num`'s range).
#[inline(never)]
fn fixed(v: f64, places: u32) -> String {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac_bits = bits & ((1 << 52) - 1);
    // |v| = m · 2^e exactly.
    let (m, e) = if biased == 0 {
        (frac_bits, -1074)
    } else {
        (frac_bits | 1 << 52, biased - 1075)
    };
    // x = |v| · 10^places as an integer; when e ≥ 0 the fraction digits are zeros and x is
    // the integer part alone.
    let (mut x, zeros) = if e >= 0 {
        ((m as u128) << e, places)
    } else {
        let mut n = m as u128;
        for _ in 0..places {
            n *= 10;
        }
        // n / 2^k rounded half to even; n < 2^113, so k = 127 rounds to 0 as any larger k.
        let k = (-e).min(127) as u32;
        let q = n >> k;
        let r = n - (q << k);
        let half = 1u128 << (k - 1);
        (q + u128::from(r > half || r == half && q & 1 == 1), 0)
    };
    // Digits from the right: `places` fraction digits, the point, at least one integer digit.
    let mut buf = [0u8; 64];
    let mut at = buf.len();
    let mut d = 0;
    loop {
        if d == places {
            at -= 1;
            buf[at] = b'.';
        }
        at -= 1;
        buf[at] = if d < zeros {
            b'0'
        } else {
            let digit = (x % 10) as u8;
            x /= 10;
            b'0' + digit
        };
        d += 1;
        if d > places && x == 0 {
            break;
        }
    }
    if bits >> 63 == 1 {
        at -= 1;
        buf[at] = b'-';
    }
    // ASCII only: no UTF-8 validation needed.
    buf[at..].iter().map(|&d| char::from(d)).collect()
}

#[cfg(test)]
mod tests;
