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
