//! The agency a report is about, from its title: what pairs a report with last year's.
//!
//! Published titles vary around the same name: a CMS page title carries `_栏目_站点`, the
//! year is `2020年`, `2020年度`, `2020 年` or `二〇二〇年`, before or after the name, and the
//! report's own name has several wordings (工作年度报告, 年报, 关于…的报告). Everything but the
//! name is cut away; the name itself is kept exactly (no guessing of abbreviations).
//!
//! Also in the browser's importer module (`pairReports`): `textnorm`'s search instead of std's
//! Two-Way searcher, no maps.

use crate::textnorm::{contains, find, normalize_char};

/// Separators a CMS puts between a page's title and its column or site name.
const SITE_SEPARATORS: &[&str] = &["_", "|", "｜", " - ", " — ", "——", "－"];

/// Where the report's own name starts: everything from the first of these on is dropped.
const REPORT_WORDS: &[&str] = &[
    "政府信息公开",
    "政务信息公开",
    "政务公开",
    "信息公开",
    "年度报告",
    "工作年报",
    "年报",
    "工作报告",
    "报告",
];

/// Left-overs around the name once the year and the report's name are gone.
const EDGE_WORDS: &[&str] = &["关于", "的", "度", "年"];

/// The agency named by a report title, or `None` when the title names none (only the year and
/// the report's name, or nothing).
pub fn agency(title: &str) -> Option<String> {
    // Full-width forms and Kangxi radicals as their plain characters; white space dropped.
    let mut s = String::with_capacity(title.len());
    for ch in page_title(title).chars() {
        if let Some(c) = normalize_char(ch).filter(|c| !c.is_whitespace()) {
            s.push(c);
        }
    }
    let s = drop_years(&s);
    let mut cut = s.len();
    for w in REPORT_WORDS {
        if let Some(i) = find(&s, w) {
            cut = cut.min(i);
        }
    }
    // Peel 关于/的/年度 and stray brackets off both ends until nothing changes.
    let mut name = &s[..cut];
    loop {
        let before = name.len();
        for w in EDGE_WORDS {
            name = name.strip_prefix(w).unwrap_or(name);
            name = name.strip_suffix(w).unwrap_or(name);
        }
        name = name.trim_matches(|c: char| {
            c.is_ascii_punctuation() || "（）【】〔〕《》“”‘’、，。：；".contains(c)
        });
        if name.len() == before {
            break;
        }
    }
    // One character is a fragment (a title cut by a PDF's text order: 作年度报告), not a name.
    (name.chars().nth(1).is_some()).then(|| name.to_string())
}

/// The part of a page title before the CMS's column/site suffix: the first segment that names
/// a report (else the first non-blank segment).
fn page_title(title: &str) -> &str {
    let mut rest = title;
    let mut first = None;
    loop {
        let mut cut: Option<(usize, usize)> = None;
        for sep in SITE_SEPARATORS {
            if let Some(i) = find(rest, sep) {
                if cut.is_none_or(|(c, _)| i < c) {
                    cut = Some((i, sep.len()));
                }
            }
        }
        let (segment, next) = match cut {
            Some((i, n)) => (&rest[..i], Some(&rest[i + n..])),
            None => (rest, None),
        };
        if contains(segment, "报告") || contains(segment, "年报") {
            return segment;
        }
        if first.is_none() && !segment.trim().is_empty() {
            first = Some(segment);
        }
        match next {
            Some(n) => rest = n,
            None => return first.unwrap_or(""),
        }
    }
}

const CN_DIGITS: &str = "〇零○一二三四五六七八九";

/// Removes every year expression: four digits (ASCII or Chinese) and the 年/年度 after them.
fn drop_years(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let ascii = (i..i + 4).all(|k| chars.get(k).is_some_and(|c| c.is_ascii_digit()))
            && !chars.get(i + 4).is_some_and(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        let chinese = (i..i + 4).all(|k| chars.get(k).is_some_and(|c| CN_DIGITS.contains(*c)))
            && chars.get(i + 4) == Some(&'年');
        if ascii || chinese {
            i += 4;
            if chars.get(i) == Some(&'年') {
                i += 1;
                if chars.get(i) == Some(&'度') {
                    i += 1;
                }
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::agency;

    #[test]
    fn published_titles() {
        let cases = [
            (
                "平潭综合实验区行政审批局2024年政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会",
                Some("平潭综合实验区行政审批局"),
            ),
            (
                "平潭综合实验区2020年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会",
                Some("平潭综合实验区"),
            ),
            (
                "2019年上海市人民政府办公厅政府信息公开工作年度报告",
                Some("上海市人民政府办公厅"),
            ),
            (
                "淮安市人民政府2024 年政府信息公开工作年度报告",
                Some("淮安市人民政府"),
            ),
            (
                "宿迁市2023年政府信息公开工作年度报告（表格部分，经 KIROGOVCOMPARE 比对报告转载）",
                Some("宿迁市"),
            ),
            (
                "某某县财政局关于2020年度政府信息公开工作的报告",
                Some("某某县财政局"),
            ),
            ("某某市二〇二〇年政府信息公开年报 | 某某市人民政府", Some("某某市")),
            ("某某区教育局 2021 年度 政务公开工作年度报告", Some("某某区教育局")),
            ("（某某镇人民政府）２０２２年政府信息公开工作年度报告", Some("某某镇人民政府")),
            ("2021年政府信息公开工作年度报告", None),
            ("作年度报告", None),
            ("", None),
        ];
        for (title, want) in cases {
            assert_eq!(agency(title).as_deref(), want, "{title}");
        }
    }

    #[test]
    fn year_variants_name_the_same_agency() {
        let a = agency("某某局2020年政府信息公开工作年度报告");
        assert_eq!(
            a,
            agency("某某局2021年度政府信息公开工作年度报告_年报_某某网")
        );
        assert_eq!(a, agency("某某局 2022 年度政府信息公开年报"));
        assert_eq!(a.as_deref(), Some("某某局"));
    }

    #[test]
    fn an_agency_name_with_digits_keeps_them() {
        // Only four-digit runs are years.
        assert_eq!(
            agency("第12中学2020年政府信息公开工作年度报告").as_deref(),
            Some("第12中学")
        );
    }
}
