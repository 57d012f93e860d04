//! Unit tests of the narrative rules.

use super::*;

#[test]
fn numbers_with_measure_words_only() {
    let s = compact(
        "2020年3月10号，共受理553件，900余件，电话0795—3273397，〔2019〕60号，占33.9%，3119 件",
    );
    let ns: Vec<String> = stated_numbers(&s).into_iter().map(|n| n.text).collect();
    assert_eq!(ns, ["553件", "33.9%", "3119件"]);
}

#[test]
fn sentence_splitting() {
    assert_eq!(
        sentences(" 受理3件。\n\n其中自然人2件；x\n；办结！ "),
        ["受理3件。", "其中自然人2件；", "x", "；", "办结！"]
    );
    // No break for 1300 characters: pieces of 601.
    let long = "件".repeat(1300);
    let lens: Vec<usize> = sentences(&long).iter().map(|s| s.chars().count()).collect();
    assert_eq!(lens, [601, 601, 98]);
}

#[test]
fn prefix_counts_characters() {
    assert_eq!(prefix("予以公开30件", 4), "予以公开");
    assert_eq!(prefix("予以公开30件", 6), "予以公开30");
    assert_eq!(prefix("予以公开30件", 7), "予以公开30件");
    assert_eq!(prefix("予以公开30件", 100), "予以公开30件");
    assert_eq!(prefix("予以", 0), "");
    assert_eq!(prefix("", 3), "");
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
            for places in (1..=9).chain([13, 18]) {
                assert_eq!(
                    fixed(v, places),
                    format!("{:.*}", places as usize, v),
                    "{v:e}"
                );
            }
        }
    }
}

#[test]
fn indexed_texts_find_the_same_words() {
    // The character bits only rule out words that are absent: an indexed text finds exactly
    // what a plain search finds, over every word list the statements use.
    let sentences = [
        "本年度市本级共受理政府信息公开申请30件，均获维持。",
        "行政复议2件，全部维持；行政诉讼0件。",
        "其中自然人申请25件，法人或其他组织申请5件。",
        "全市各级行政机关主动公开政府信息1200条。",
        "",
    ];
    let mut lists: Vec<&str> = vec![SCOPE_MARKERS, UPHELD];
    let whens = STATEMENTS
        .iter()
        .map(|st| st.when)
        .chain(CLAIMS.iter().map(|c| c.when));
    for when in whens {
        for t in when {
            if let Test::Left(w) | Test::NotLeft(w) | Test::Before(w) | Test::Right(w) = *t {
                lists.push(w);
            }
        }
    }
    for s in sentences {
        for words in &lists {
            assert_eq!(
                first_in(Text::indexed(s), words),
                first_in(Text::plain(s), words),
                "{s} {words}"
            );
        }
    }
    assert_eq!(
        first_in(Text::indexed("受理申请均获维持"), UPHELD),
        Some("均获维持")
    );
    assert_eq!(first_in(Text::indexed("受理申请均获"), UPHELD), None);
}
