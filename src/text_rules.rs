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
use crate::rules::Severity;
use crate::textnorm;
use crate::Lang;

/// Narrative text beyond this is not read.
const MAX_NARRATIVE_CHARS: usize = 200_000;

const MESSAGE: (&str, &str) = (
    "正文“{quote}”中的 {n} 与表格{target}（{table_value}）不一致。",
    "The text '{quote}' says {n}, but the table's {target} is {table_value}.",
);
const PERCENT_MESSAGE: (&str, &str) = (
    "正文“{quote}”的比例 {x}% 与按表格计算的 {computed}% 不符。",
    "The text gives {x}%, but the table gives {computed}%.",
);

/// The `MESSAGE` text (one closure for every rule that uses it).
#[inline(never)]
fn mismatch(lang: Lang, quote: &str, n: &str, target: &str, table_value: Num) -> String {
    let v = table_value.to_string();
    fill(pick(lang, MESSAGE.0, MESSAGE.1), &|k| {
        let s = match k {
            "quote" => quote,
            "n" => n,
            "target" => target,
            "table_value" => &v,
            _ => return None,
        };
        Some(s.to_string())
    })
}

/// Owned cell ids (one shared routine instead of a `String` built at every call site).
#[inline(never)]
fn ids(ids: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(ids.len());
    for c in ids {
        out.push(c.to_string());
    }
    out
}

/// The first of `words` that `s` contains (one shared routine for every word list).
#[inline(never)]
fn first_in<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.contains(w))
}

/// Whether `s` contains any of `words` (one call per chain of `contains`).
fn any_in(s: &str, words: &[&str]) -> bool {
    first_in(s, words).is_some()
}

/// The s4 cells of cases not upheld: review first, then both kinds of litigation.
const NOT_UPHELD: [&str; 9] = [
    "s4.review.corrected",
    "s4.review.other",
    "s4.review.pending",
    "s4.suit_direct.corrected",
    "s4.suit_direct.other",
    "s4.suit_direct.pending",
    "s4.suit_after_review.corrected",
    "s4.suit_after_review.other",
    "s4.suit_after_review.pending",
];

const UPHELD: &[&str] = &["均获维持", "全部维持", "均维持", "均被维持", "全部获得维持"];

/// Characters as a string (one shared routine for every slice of `chars`).
#[inline(never)]
fn text(chars: &[char]) -> String {
    chars.iter().collect()
}

/// The first `n` characters of `s`.
#[inline(never)]
fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Applicant words and the s3 columns they stand for (static: no table built per number).
const APPLICANTS: &[(&str, &[&str])] = &[
    (
        "法人或其他组织",
        &[
            "commercial",
            "research",
            "nonprofit",
            "legal_service",
            "org_other",
        ],
    ),
    ("自然人", &["natural"]),
    ("商业企业", &["commercial"]),
    ("科研机构", &["research"]),
    ("社会公益组织", &["nonprofit"]),
    ("法律服务机构", &["legal_service"]),
    ("其他", &["org_other"]),
];

const SCOPE_MARKERS: &[&str] = &[
    "市本级",
    "县本级",
    "区本级",
    "本级",
    "全市各级",
    "全县各级",
    "全区各级",
    "各县(市、区)",
    "各县市区",
    "下属单位",
    "所属单位",
];

/// One number stated in the text.
#[derive(Clone, Debug)]
struct Stated {
    value: Num,
    text: String,
    unit: &'static str,
    /// Text between the previous number (or clause start) and this one.
    left: String,
    /// Text after this number's unit up to the next number or clause end.
    right: String,
    /// The 16 characters after this number's unit.
    after: String,
}

/// A quantity the table offers for a statement: a label and the cells summed.
struct Quantity {
    label_zh: String,
    label_en: String,
    cells: Vec<String>,
}

struct Ctx<'a> {
    format: &'a Format,
    lang: Lang,
    value: &'a dyn Fn(&str) -> Option<Num>,
    out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn has(&self, id: &str) -> bool {
        self.format.cell(id).is_some()
    }

    fn sum(&self, cells: &[String]) -> Option<Num> {
        let mut total = Num::ZERO;
        for c in cells {
            total = total.checked_add((self.value)(c)?)?;
        }
        Some(total)
    }

    /// Every s3 leaf row id under `prefix` (`result.deny` → deny.secret …).
    fn rows_under(&self, prefix: &str, col: &str) -> Vec<String> {
        let nested = format!("{prefix}.");
        let mut out = Vec::new();
        for c in &self.format.cells {
            if c.table == "s3" && c.column == col && (c.row == prefix || c.row.starts_with(&nested))
            {
                out.push(c.id.clone());
            }
        }
        out
    }

    fn q(&self, zh: &str, en: &str, cells: Vec<String>) -> Option<Quantity> {
        if cells.is_empty() || cells.iter().any(|c| !self.has(c)) {
            return None;
        }
        Some(Quantity {
            label_zh: zh.into(),
            label_en: en.into(),
            cells,
        })
    }

    /// [`Ctx::compare`] with the single quantity `zh`/`en` over `cells` when they all exist;
    /// whether it was compared (one routine for every single-quantity statement).
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn compare_cells(
        &mut self,
        rule: &str,
        key: String,
        quote: &str,
        n: &Stated,
        zh: &str,
        en: &str,
        cells: Vec<String>,
    ) -> bool {
        match self.q(zh, en, cells) {
            Some(q) => {
                self.compare(rule, key, quote, n, vec![q]);
                true
            }
            None => false,
        }
    }

    /// Compares a stated number with the acceptable quantities; warns when none matches.
    fn compare(
        &mut self,
        rule: &str,
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
        let target = pick(self.lang, &q.label_zh, &q.label_en);
        let message = mismatch(self.lang, quote, &n.text, target, v);
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
        rule: &str,
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
            rule: rule.into(),
            key,
            severity: Severity::Warning,
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
    };
    if narrative.trim().is_empty() {
        return ctx.out;
    }
    let text = prefix(narrative, MAX_NARRATIVE_CHARS);
    for (si, sentence) in sentences(&text).into_iter().enumerate() {
        check_sentence(&mut ctx, si, &sentence);
    }
    ctx.out
}

/// Splits text into sentences (。！？； and line breaks), trimmed, at most 300 characters.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if matches!(c, '。' | '！' | '？' | '；' | ';' | '\n' | '!' | '?') {
            if matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?') {
                cur.push(c);
            }
            push_sentence(&mut out, &mut cur);
        } else {
            cur.push(c);
            if cur.chars().count() > 600 {
                push_sentence(&mut out, &mut cur);
            }
        }
    }
    push_sentence(&mut out, &mut cur);
    out
}

fn push_sentence(out: &mut Vec<String>, cur: &mut String) {
    let s = cur.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
    cur.clear();
}

/// Normalized, without white space (PDF text puts spaces around numbers: "3119 件").
fn compact(s: &str) -> String {
    textnorm::normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Measure words a stated number must be followed by, longest first.
const UNITS: &[&str] = &["万元", "件", "个", "项", "元", "%"];
/// Words before a number that make it approximate (约 900 件).
const APPROX: &[char] = &['约', '近', '超', '逾'];

const CLAUSE_BREAKS: &[char] = &[',', '，', '、', '(', ')', ':', '：'];

/// Numbers followed by a measure word (件 个 项 万元 元 %), with their left and right context.
fn stated_numbers(s: &str) -> Vec<Stated> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_end = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
            i += 1;
        }
        let mut raw = text(&chars[start..i]);
        while raw.ends_with(['.', ',']) {
            raw.pop();
        }
        let rest = text(&chars[i..chars.len().min(i + 3)]);
        let unit = UNITS.iter().copied().find(|u| rest.starts_with(u));
        let prev = start.checked_sub(1).map(|p| chars[p]);
        // The approximation words are one character: only the one before the number counts.
        let approx_before = prev.is_some_and(|p| APPROX.contains(&p));
        let approx_after = rest.starts_with('余') || rest.starts_with('多');
        let part_of_word = prev.is_some_and(|p| {
            p.is_ascii_alphanumeric() || p == '.' || p == '-' || p == '〔' || p == '第'
        });
        match unit {
            Some(u) if !approx_before && !approx_after && !part_of_word => {
                let end = i + u.chars().count();
                let plain = raw.replace(',', "");
                if let Some(value) = Num::parse_plain(&plain) {
                    let left = text(&chars[last_end..start]);
                    out.push(Stated {
                        value,
                        text: format!("{raw}{u}"),
                        unit: u,
                        left,
                        right: String::new(),
                        after: text(&chars[end.min(chars.len())..chars.len().min(end + 16)]),
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
    let n = out.len();
    let mut pos = 0usize;
    let mut ends = Vec::new();
    for st in &out {
        if let Some(p) = s[pos..].find(&st.text) {
            let end = pos + p + st.text.len();
            ends.push(end);
            pos = end;
        } else {
            ends.push(s.len());
        }
    }
    for k in 0..n {
        let start = ends[k].min(s.len());
        let stop = if k + 1 < n {
            s[start..]
                .find(&out[k + 1].text)
                .map_or(s.len(), |p| start + p)
        } else {
            s.len()
        };
        out[k].right = s.get(start..stop).unwrap_or("").to_string();
    }
    out
}

/// The clause of `left` nearest the number (after the last clause break).
fn near_left(left: &str) -> &str {
    match left.rfind(CLAUSE_BREAKS) {
        Some(p) => {
            let c = left[p..].chars().next().map_or(1, char::len_utf8);
            &left[p + c..]
        }
        None => left,
    }
}

/// The clause of `right` nearest the number.
fn near_right(right: &str) -> &str {
    match right.find(CLAUSE_BREAKS) {
        Some(p) => &right[..p],
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
    if let Some(p) = s.find("其中") {
        let after = prefix(&s[p..], 12);
        if after.contains('局') || after.contains("委") && after.contains("办") {
            return;
        }
    }
    let quote = prefix(sentence.trim(), 200);
    let quote = quote.as_str();
    let has_s3 = ctx.has("s3.new.total");
    let has_s4 = ctx.has("s4.review.total");

    // Whole-sentence statements.
    if has_s3 && any_in(&s, &["未收到政府信息公开申请", "未收到依申请公开"]) {
        claim_none(
            ctx,
            "T-S3-ZERO",
            format!("T-S3-ZERO:{si}"),
            quote,
            ("未收到申请", "no applications"),
            (
                "「一、本年新收政府信息公开申请数量·总计」",
                "new applications (total)",
            ),
            ids(&["s3.new.total"]),
        );
    }
    if has_s4
        // Each phrase below contains 未发生, 没有发生 or 无, so they need no check of their own.
        && s.contains("行政复议")
        && any_in(
            &s,
            &[
                "未发生行政复议",
                "没有发生行政复议",
                "无行政复议",
                "未发生因政府信息公开",
            ],
        )
    {
        claim_none(
            ctx,
            "T-S4",
            format!("T-S4:none:{si}"),
            quote,
            ("未发生", "none"),
            (
                "「行政复议、行政诉讼·总计」",
                "review and litigation totals",
            ),
            ids(&[
                "s4.review.total",
                "s4.suit_direct.total",
                "s4.suit_after_review.total",
            ]),
        );
    }
    if has_s4 && first_in(&s, UPHELD).is_some() {
        let review = s.contains("复议");
        let suit = s.contains("诉讼");
        // Review cells, then litigation cells: each case is a slice of one static list.
        let range = match (review, suit) {
            (true, false) => 0..3,
            (false, true) => 3..9,
            _ => 0..9,
        };
        let cells = ids(&NOT_UPHELD[range]);
        if let Some(v) = ctx.sum(&cells) {
            if !v.is_zero() {
                let (zh, en) = match (review, suit) {
                    (true, false) => (
                        "「行政复议」结果纠正、其他结果、尚未审结",
                        "review cases not upheld",
                    ),
                    (false, true) => (
                        "「行政诉讼」结果纠正、其他结果、尚未审结",
                        "litigation cases not upheld",
                    ),
                    _ => (
                        "「行政复议、行政诉讼」结果纠正、其他结果、尚未审结",
                        "review and litigation cases not upheld",
                    ),
                };
                let word = first_in(&s, UPHELD).unwrap_or("均获维持");
                let message = mismatch(ctx.lang, quote, word, pick(ctx.lang, zh, en), v);
                // Point at the first group that is not all upheld.
                let mut cells = cells;
                if let Some(p) = cells
                    .iter()
                    .position(|c| (ctx.value)(c).is_some_and(|x| !x.is_zero()))
                {
                    cells.rotate_left(p);
                }
                ctx.push(
                    "T-S4-ALL-UPHELD",
                    format!("T-S4-ALL-UPHELD:{si}"),
                    quote,
                    message,
                    cells,
                    Some(Num::ZERO),
                    Some(v),
                );
            }
        }
    }

    let numbers = stated_numbers(&s);
    let mut basis: Option<Basis> = None;
    for (ni, n) in numbers.iter().enumerate() {
        let key = |rule: &str| format!("{rule}:{si}:{ni}");
        let left = near_left(&n.left);
        let right = near_right(&n.right);
        let whole_left = &n.left;
        if n.unit == "%" {
            continue;
        }
        if n.unit == "件" && has_s3 {
            // Outcomes, most specific first.
            let outcome: Option<(&str, &str, Vec<String>)> = if any_in(
                left,
                &["予以公开及部分公开", "予以公开和部分公开", "公开及部分公开"],
            ) {
                let mut c = ids(&["s3.result.granted.total", "s3.result.partial.total"]);
                c.dedup();
                Some((
                    "「（一）予以公开」与「（二）部分公开」之和",
                    "granted + partly granted",
                    c,
                ))
            } else if left.ends_with("部分公开")
                || left.contains("部分公开") && !left.contains("不予")
            {
                Some((
                    "「（二）部分公开·总计」",
                    "partly granted (total)",
                    ids(&["s3.result.partial.total"]),
                ))
            } else if left.contains("不予公开") {
                Some((
                    "「（三）不予公开」各项之和",
                    "denied, all reasons",
                    ctx.rows_under("result.deny", "total"),
                ))
            } else if any_in(left, &["予以公开", "同意公开"]) {
                Some((
                    "「（一）予以公开·总计」",
                    "granted (total)",
                    ids(&["s3.result.granted.total"]),
                ))
            } else if left.contains("无法提供") {
                Some((
                    "「（四）无法提供」各项之和",
                    "unable to provide, all reasons",
                    ctx.rows_under("result.unable", "total"),
                ))
            } else if left.contains("不予处理") {
                Some((
                    "「（五）不予处理」各项之和",
                    "not processed, all reasons",
                    ctx.rows_under("result.reject", "total"),
                ))
            } else if left.contains("其他处理") {
                Some((
                    "「（六）其他处理」",
                    "other handling",
                    ctx.rows_under("result.other", "total"),
                ))
            } else {
                None
            };
            if let Some((zh, en, cells)) = outcome {
                if ctx.compare_cells("T-S3-OUTCOME", key("T-S3-OUTCOME"), quote, n, zh, en, cells) {
                    check_percent(ctx, &key("T-S3-PERCENT"), quote, n);
                }
                continue;
            }
            if any_in(
                left,
                &["上年结转", "上年度结转", "上一年度结转", "结转上年"],
            ) {
                ctx.compare_cells(
                    "T-S3-CARRIED-OVER",
                    key("T-S3-CARRIED-OVER"),
                    quote,
                    n,
                    "「二、上年结转政府信息公开申请数量·总计」",
                    "carried over (total)",
                    ids(&["s3.carried_over.total"]),
                );
                continue;
            }
            let forward = |t: &str| {
                first_in(
                    t,
                    &[
                        "结转下年度",
                        "结转到下年度",
                        "结转至下年度",
                        "顺延到下年度",
                        "顺延至下年度",
                        "转入下年度",
                        "结转下一年度",
                        "顺延下年度",
                    ],
                )
                .is_some()
            };
            if forward(left)
                || (right.starts_with('申')
                    || right.is_empty()
                    || right.starts_with("结转")
                    || right.starts_with("顺延"))
                    && forward(near_right(&n.right))
            {
                ctx.compare_cells(
                    "T-S3-CARRIED-FORWARD",
                    key("T-S3-CARRIED-FORWARD"),
                    quote,
                    n,
                    "「四、结转下年度继续办理·总计」",
                    "carried forward (total)",
                    ids(&["s3.carried_forward.total"]),
                );
                continue;
            }
            if any_in(left, &["办结", "答复", "办理完毕", "已办理"])
                || right.starts_with("办结")
                || right.starts_with("已办结")
            {
                ctx.compare_cells(
                    "T-S3-CONCLUDED",
                    key("T-S3-CONCLUDED"),
                    quote,
                    n,
                    "「（七）总计·总计」",
                    "results total",
                    ids(&["s3.result.total.total"]),
                );
                continue;
            }
            let receive_word =
                first_in(left, &["共受理", "受理", "收到", "新收", "接收"]).is_some();
            let about_applications = left.contains("申请")
                || right.starts_with("申请")
                || right.starts_with("政府信息公开申请")
                || right.starts_with("依申请");
            if receive_word
                && about_applications
                && !left.contains("行政复议")
                && !left.contains("诉讼")
            {
                let new = ctx.q(
                    "「一、本年新收政府信息公开申请数量·总计」",
                    "new applications (total)",
                    ids(&["s3.new.total"]),
                );
                let both = ctx.q(
                    "「一、本年新收」与「二、上年结转」总计之和",
                    "new + carried over (total)",
                    ids(&["s3.new.total", "s3.carried_over.total"]),
                );
                let v_new = ctx.sum(&ids(&["s3.new.total"]));
                let v_both = ctx.sum(&ids(&["s3.new.total", "s3.carried_over.total"]));
                basis = Some(if v_new == Some(n.value) && v_both == Some(n.value) {
                    Basis::Either
                } else if v_new == Some(n.value) {
                    Basis::New
                } else if v_both == Some(n.value) {
                    Basis::NewAndCarried
                } else {
                    Basis::Either
                });
                let mut opts = Vec::new();
                opts.extend(new);
                opts.extend(both);
                ctx.compare("T-S3-RECEIVED", key("T-S3-RECEIVED"), quote, n, opts);
                continue;
            }
            // 其中自然人 N 件、商业企业 N 件 … after a receipt statement.
            if let Some(b) = basis {
                let applicant = APPLICANTS.iter().copied().find(|(w, _)| {
                    left.trim_start_matches("其中").starts_with(w) || left.ends_with(w)
                });
                if let Some((word, cols)) = applicant {
                    let mut new: Vec<String> = Vec::new();
                    let mut both: Vec<String> = Vec::new();
                    for c in cols {
                        new.push(format!("s3.new.{c}"));
                        both.push(format!("s3.new.{c}"));
                        both.push(format!("s3.carried_over.{c}"));
                    }
                    let mut opts = Vec::new();
                    if b != Basis::NewAndCarried {
                        opts.extend(ctx.q(
                            &format!("「一、本年新收·{word}」"),
                            &format!("new applications ({word})"),
                            new,
                        ));
                    }
                    if b != Basis::New {
                        opts.extend(ctx.q(
                            &format!("「一、本年新收」与「二、上年结转」的「{word}」之和"),
                            &format!("new + carried over ({word})"),
                            both,
                        ));
                    }
                    ctx.compare("T-S3-APPLICANT", key("T-S3-APPLICANT"), quote, n, opts);
                    continue;
                }
            }
        }
        if n.unit == "件" && has_s4 {
            if left.contains("行政复议") && !left.contains("诉讼") {
                ctx.compare_cells(
                    "T-S4",
                    key("T-S4"),
                    quote,
                    n,
                    "「行政复议·总计」",
                    "administrative review (total)",
                    ids(&["s4.review.total"]),
                );
                continue;
            }
            if left.contains("诉讼") && !left.contains("复议后") && !left.contains("直接") {
                let both = ctx.q(
                    "「行政诉讼」两项总计之和",
                    "litigation (total)",
                    ids(&["s4.suit_direct.total", "s4.suit_after_review.total"]),
                );
                let direct = ctx.q(
                    "「未经复议直接起诉·总计」",
                    "litigation without review (total)",
                    ids(&["s4.suit_direct.total"]),
                );
                let after = ctx.q(
                    "「复议后起诉·总计」",
                    "litigation after review (total)",
                    ids(&["s4.suit_after_review.total"]),
                );
                let mut opts = Vec::new();
                opts.extend(both);
                opts.extend(direct);
                opts.extend(after);
                ctx.compare("T-S4", key("T-S4"), quote, n, opts);
                continue;
            }
        }
        // T-S2: documents issued, fees.
        if n.unit == "件"
            && first_in(
                whole_left,
                &["制发", "出台", "印发", "发布", "公开", "制定"],
            )
            .is_some()
        {
            let row = if left.ends_with("规章")
                || left.contains("规章") && !left.contains("规范性文件")
            {
                Some(("rules", "规章"))
            } else if left.contains("规范性文件") {
                Some(("normative", "规范性文件"))
            } else {
                None
            };
            if let Some((row, word)) = row {
                let cols: &[&str] = if ctx.has(&format!("s2.{row}.issued")) {
                    &["issued", "in_force"]
                } else {
                    &["made", "published", "public_total"]
                };
                let mut opts = Vec::new();
                for c in cols {
                    if let Some(col) = ctx.format.column("s2", c) {
                        opts.extend(ctx.q(
                            &format!("「{word}·{}」", col.label),
                            &format!("{word} ({})", col.label_en),
                            vec![format!("s2.{row}.{c}")],
                        ));
                    }
                }
                ctx.compare("T-S2", key("T-S2"), quote, n, opts);
                continue;
            }
        }
        if n.unit == "万元" && left.contains("行政事业性收费") && ctx.has("s2.fees.amount")
        {
            ctx.compare_cells(
                "T-S2",
                key("T-S2"),
                quote,
                n,
                "「行政事业性收费·本年收费金额」",
                "fees collected",
                ids(&["s2.fees.amount"]),
            );
        }
    }
}

/// A sentence saying there were none (未收到申请, 未发生行政复议) while `cells` sum to more.
fn claim_none(
    ctx: &mut Ctx,
    rule: &str,
    key: String,
    quote: &str,
    word: (&str, &str),
    target: (&str, &str),
    cells: Vec<String>,
) {
    let Some(v) = ctx.sum(&cells) else { return };
    if v.is_zero() {
        return;
    }
    let lang = ctx.lang;
    let message = mismatch(
        lang,
        quote,
        pick(lang, word.0, word.1),
        pick(lang, target.0, target.1),
        v,
    );
    ctx.push(rule, key, quote, message, cells, Some(v), Some(Num::ZERO));
}

/// "N件，占X%": N as a share of all concluded applications, at the precision written.
fn check_percent(ctx: &mut Ctx, key: &str, quote: &str, n: &Stated) {
    let r = prefix(&n.after, 12);
    if !r.starts_with(['，', ',', '(', '（']) && !r.starts_with('占') {
        return;
    }
    let Some(p) = r.find('占') else { return };
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
    let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len()) as i32;
    let computed = n.value.as_f64() / total.as_f64() * 100.0;
    let unit = 10f64.powi(-decimals);
    // Rounded or truncated at the precision written.
    if (computed - x.as_f64()).abs() < unit + 1e-9 {
        return;
    }
    let shown = fixed(computed, decimals.max(1) as u32);
    let message = fill(
        pick(ctx.lang, PERCENT_MESSAGE.0, PERCENT_MESSAGE.1),
        &|k| match k {
            "quote" => Some(quote.to_string()),
            "x" => Some(digits.to_string()),
            "computed" => Some(shown.clone()),
            _ => None,
        },
    );
    ctx.push(
        "T-S3-PERCENT",
        key.to_string(),
        quote,
        message,
        ids(&["s3.result.total.total"]),
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
    // v = m · 2^e exactly.
    let (m, e) = if biased == 0 {
        (frac_bits as u128, -1074)
    } else {
        ((frac_bits | 1 << 52) as u128, biased - 1075)
    };
    let pow = 10u128.pow(places);
    let (int, frac) = if e >= 0 {
        (m << e, 0)
    } else {
        // m · 10^places / 2^k, rounded half to even; below 2^-128 it rounds to 0.
        let k = -e as u32;
        let n = m * pow;
        let scaled = if k >= 128 {
            0
        } else {
            let q = n >> k;
            let r = n - (q << k);
            let half = 1u128 << (k - 1);
            q + u128::from(r > half || r == half && q & 1 == 1)
        };
        (scaled / pow, scaled % pow)
    };
    // Digits from the right: the fraction (zero-padded), the point, the integer part.
    let mut buf = [0u8; 64];
    let mut at = buf.len();
    let mut put = |d: u8| {
        at -= 1;
        buf[at] = d;
    };
    let mut f = frac;
    for _ in 0..places {
        put(b'0' + (f % 10) as u8);
        f /= 10;
    }
    put(b'.');
    let mut i = int;
    loop {
        put(b'0' + (i % 10) as u8);
        i /= 10;
        if i == 0 {
            break;
        }
    }
    if bits >> 63 == 1 {
        put(b'-');
    }
    String::from_utf8_lossy(&buf[at..]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_measure_words_only() {
        let s = compact(
            "2020年3月10号，共受理553件，900余件，电话0795—3273397，〔2019〕60号，占33.9%，3119 件",
        );
        let ns: Vec<String> = stated_numbers(&s).into_iter().map(|n| n.text).collect();
        assert_eq!(ns, ["553件", "33.9%", "3119件"]);
    }

    /// `fixed` against `core::fmt` over percentages as `check_percent` computes them, exact
    /// ties, tiny and large values and both signs.
    #[test]
    fn fixed_matches_float_formatting() {
        let mut values: Vec<f64> = Vec::new();
        for total in 1..=400i64 {
            for n in 0..=total + 3 {
                let (n, t) = (Num::from_int(n), Num::from_int(total));
                values.push(n.as_f64() / t.as_f64() * 100.0);
            }
        }
        // A simple LCG: fractional counts and wide magnitudes.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..100_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let n = Num::parse_plain(&format!("{}.{:02}", (x >> 40) % 100_000, (x >> 8) % 100));
            let t = Num::parse_plain(&format!("{}.{:03}", (x >> 20) % 1000 + 1, x % 1000));
            if let (Some(n), Some(t)) = (n, t) {
                values.push(n.as_f64() / t.as_f64() * 100.0);
            }
            values.push(f64::from_bits(x >> 2));
            values.push((x >> 11) as f64 / 1e6);
        }
        for k in 0..=2000 {
            values.push(k as f64 / 8.0);
            values.push(k as f64 / 1024.0);
            values.push((k as f64 + 0.5) * 1e-9);
        }
        values.extend([
            0.0, 1e-300, 5e-324, 0.05, 0.15, 0.25, 0.35, 2.5, 1e29, 9.5e20,
        ]);
        for v in values {
            for v in [v, -v] {
                for places in 1..=9 {
                    assert_eq!(
                        fixed(v, places),
                        format!("{:.*}", places as usize, v),
                        "{v:e}"
                    );
                }
            }
        }
    }
}
