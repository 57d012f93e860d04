//! The report year, from the title first, then from the narrative text.
//!
//! Reads text only; a year given by the caller wins over it (`report`).

/// The report year: from the title ("2024 年政府信息公开工作年度报告", "…2021年度…"), else from
/// the text (a report title line, or the statistics period "自2019年1月1日").
pub fn detect_year(title: &str, text: &str) -> Option<u16> {
    let title = crate::textnorm::normalize(title);
    if let Some(y) = first_year(&title) {
        return Some(y);
    }
    let text = crate::textnorm::normalize(text);
    let head = match text.char_indices().nth(20_000) {
        Some((end, _)) => &text[..end],
        None => &text[..],
    };
    for line in head.lines().take(400) {
        let l = without_white_space(line);
        if l.contains("年度报告") || l.contains("年报") {
            if let Some(y) = first_year(&l) {
                return Some(y);
            }
        }
    }
    let compact = without_white_space(head);
    for pat in ["年1月1日", "年01月01日"] {
        if let Some(i) = compact.find(pat) {
            if let Some(y) = year_before(&compact, i) {
                return Some(y);
            }
        }
    }
    None
}

/// The first four-digit year (2000–2099) directly followed by 年 (spaces allowed).
fn first_year(s: &str) -> Option<u16> {
    let compact = without_white_space(s);
    compact
        .match_indices('年')
        .find_map(|(i, _)| year_before(&compact, i))
}

pub(crate) fn without_white_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The year written by exactly the four ASCII digits that end at byte `i`.
fn year_before(s: &str, i: usize) -> Option<u16> {
    let before = s.get(..i)?.as_bytes();
    let n = before
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n != 4 {
        return None;
    }
    let y = before[i - 4..]
        .iter()
        .fold(0u16, |y, &d| y * 10 + u16::from(d - b'0'));
    (2000..=2099).contains(&y).then_some(y)
}
