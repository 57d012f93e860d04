//! Unit tests of the label matcher.

use super::*;
use crate::textnorm::concat;

fn key(number: Option<&str>, text: &str) -> LabelKey {
    LabelKey {
        number: number.map(str::to_owned),
        text: text.to_owned(),
    }
}

#[test]
fn wrapped_labels_join() {
    assert_eq!(normalize_label("本年新\n制作数量"), "本年新制作数量");
    assert_eq!(normalize_label("自\n然\n人"), "自然人");
    assert_eq!(normalize_label("⾃然⼈"), "自然人");
    assert_eq!(normalize_label("社会\n公益\n组织"), "社会公益组织");
    assert_eq!(normalize_label("第二十条 第（一）项"), "第二十条第(一)项");
    assert_eq!(
        normalize_label("2. 其他法律⾏政法规禁⽌公\n开"),
        "2.其他法律行政法规禁止公开"
    );
}

#[test]
fn quotes_are_removed() {
    let a = normalize_label("3.危及“三安全一稳定”");
    assert_eq!(a, "3.危及三安全一稳定");
    assert_eq!(normalize_label("3.危及\"三安全一稳定\""), a);
    assert_eq!(normalize_label("3. 危及 “ 三安全⼀稳定 ”"), a);
    assert_eq!(normalize_label("3．危及「三安全一稳定」"), a);
}

#[test]
fn enumeration_styles_unify() {
    for s in [
        "（七）总计",
        "(七)总计",
        "七、总计",
        "七．总计",
        " （七）、总计 ",
    ] {
        assert_eq!(normalize_label(s), "(七)总计", "{s}");
        assert_eq!(label_key(s), key(Some("七"), "总计"), "{s}");
    }
    for s in [
        "1.属于国家秘密",
        "1．属于国家秘密",
        "1、属于国家秘密",
        "1，属于国家秘密",
        "１. 属于国家秘密",
    ] {
        assert_eq!(normalize_label(s), "1.属于国家秘密", "{s}");
        assert_eq!(label_key(s), key(Some("1"), "属于国家秘密"), "{s}");
    }
    assert_eq!(
        label_key("三\n、\n本\n年\n度\n办\n理\n结\n果"),
        key(Some("三"), "本年度办理结果")
    );
    assert_eq!(
        label_key("一、本年新收政府信息公开申请数量"),
        key(Some("一"), "本年新收政府信息公开申请数量")
    );
    assert_eq!(label_key("（三）\n不予公开"), key(Some("三"), "不予公开"));
    assert_eq!(label_key("(1)其他"), key(Some("1"), "其他"));
}

#[test]
fn numbers_are_not_enumerations() {
    assert_eq!(label_key("1,234"), key(None, "1,234"));
    assert_eq!(label_key("1.5万"), key(None, "1.5万"));
    assert_eq!(label_key("2023年办件量"), key(None, "2023年办件量"));
    assert_eq!(label_key("七、"), key(None, "七、"));
    assert_eq!(label_key("一般事项"), key(None, "一般事项"));
    assert_eq!(label_key("三安全一稳定"), key(None, "三安全一稳定"));
}

#[test]
fn trailing_notes_are_stripped() {
    assert_eq!(
        label_key("处理决定数量（2023年办件量）"),
        key(None, "处理决定数量")
    );
    assert_eq!(
        label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        key(Some("二"), "部分公开")
    );
    assert_eq!(
        label_key("本年收费金额（单位：万元）"),
        key(None, "本年收费金额")
    );
    assert_eq!(
        label_key("本年增/减（指2020年增加或减少的事项数，减用负值表示，如-8）"),
        key(None, "本年增/减")
    );
    assert_eq!(label_key("本年增／减"), key(None, "本年增/减"));
    assert_eq!(
        label_key("上一年项目数量（指2019年事项数）"),
        key(None, "上一年项目数量")
    );
    assert_eq!(
        label_key("规章（设区的市、自治州人民政府应提供相关数据）"),
        key(None, "规章")
    );
    assert_eq!(
        label_key("处理决定数量（指2020年办件量）（注）"),
        key(None, "处理决定数量")
    );
    assert_eq!(
        label_key("处理决定数量（2023年办件"),
        key(None, "处理决定数量")
    );
    assert_eq!(label_key("说明（含（一）项）"), key(None, "说明"));
    // Inner brackets stay; a label that is only a note is kept.
    assert_eq!(
        label_key("第二十条第（一）项"),
        key(None, "第二十条第(一)项")
    );
    let note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    assert_eq!(
        label_key(note),
        key(
            None,
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
        )
    );
    // normalize_label keeps notes.
    assert_eq!(
        normalize_label("本年收费金额（单位：万元）"),
        "本年收费金额(单位:万元)"
    );
}

#[test]
fn similarity_tolerates_missing_characters() {
    assert!(similarity("年废止件数", "本年废止件数") >= 0.8);
    assert!(similarity("政许可", "行政许可") >= 0.8);
    assert!((similarity("政许可", "行政许可") - 6.0 / 7.0).abs() < 1e-12);
    assert_eq!(similarity("（七）总计", "七、总计"), 1.0);
    assert_eq!(similarity("本年新\n制作数量", "本年新制作数量"), 1.0);
    assert!(similarity("结果维持", "结果纠正") < 0.6);
    assert!(similarity("商业企业", "科研机构") < 0.1);
    assert_eq!(similarity("", ""), 1.0);
    assert_eq!(similarity("总计", ""), 0.0);
    let s = similarity("行政许可", "行政处罚");
    assert!((0.0..=1.0).contains(&s));
}

#[test]
fn long_and_unbalanced_labels_are_cheap() {
    // `assert!` rather than `assert_eq!`: a failure must not print megabytes.
    let nested = "(".repeat(100_000) + &")".repeat(100_000);
    assert!(label_key(&nested).text == nested);
    let unclosed = "a(".repeat(100_000);
    assert!(label_key(&unclosed) == key(None, "a"));
    let closers = "a)".repeat(100_000);
    assert!(label_key(&closers).text == closers);
    // Only the last group is a trailing note.
    let groups = "a(b)".repeat(50_000);
    assert!(label_key(&groups).text == groups[..groups.len() - 3]);
}

#[test]
fn similarity_is_bounded_on_long_input() {
    let a = "政".repeat(100_000);
    let b = "府".repeat(100_000);
    assert_eq!(similarity(&a, &a), 1.0);
    assert_eq!(similarity(&a, &b), 0.0);
}

const S2_2021: [(&str, &str); 7] = [
    ("规章", "rules"),
    ("行政规范性文件", "normative"),
    ("规范性文件", "normative"), // alias from the format data
    ("行政许可", "licensing"),
    ("行政处罚", "penalty"),
    ("行政强制", "coercion"),
    ("行政事业性收费", "fees"),
];

#[test]
fn best_match_rules() {
    // Exact after normalization, aliases do not conflict.
    assert_eq!(
        best_match("行政规范性文件", &S2_2021, 0.8),
        Some(("normative", 1.0))
    );
    assert_eq!(
        best_match("规范性文件", &S2_2021, 0.8),
        Some(("normative", 1.0))
    );
    assert_eq!(
        best_match("⾏政许可", &S2_2021, 0.8),
        Some(("licensing", 1.0))
    );
    assert_eq!(
        best_match(
            "规章（设区的市、自治州人民政府应提供相关数据）",
            &S2_2021,
            0.8
        ),
        Some(("rules", 1.0))
    );
    // Containment: a scraped label missing its first character.
    let (v, score) = best_match("政许可", &S2_2021, 0.95).unwrap();
    assert_eq!(v, "licensing");
    assert!(score > 0.8 && score < 1.0);
    // Fuzzy.
    assert_eq!(
        best_match("行政处法", &S2_2021, 0.7).map(|m| m.0),
        Some("penalty")
    );
    assert_eq!(best_match("行政处法", &S2_2021, 0.9), None);
    // Too short for containment, too far for fuzzy.
    assert_eq!(best_match("行政", &S2_2021, 0.8), None);
    assert_eq!(best_match("", &S2_2021, 0.0), None);
    assert_eq!(best_match("（七）", &S2_2021, 0.0), None);
}

#[test]
fn best_match_columns() {
    let cols = [
        ("本年制发件数", "issued"),
        ("本年废止件数", "repealed"),
        ("现行有效件数", "in_force"),
        ("本年处理决定数量", "decisions"),
        ("处理决定数量", "decisions"),
        ("本年收费金额（单位：万元）", "amount"),
    ];
    assert_eq!(
        best_match("年废止件数", &cols, 0.8).map(|m| m.0),
        Some("repealed")
    );
    assert_eq!(
        best_match("处理决定数量（2023年办件量）", &cols, 0.8),
        Some(("decisions", 1.0))
    );
    assert_eq!(
        best_match("本年收费金额(单位:元)", &cols, 0.8),
        Some(("amount", 1.0))
    );
    assert_eq!(
        best_match("本年\n制发件数", &cols, 0.8),
        Some(("issued", 1.0))
    );
}

#[test]
fn best_match_ties() {
    // Same text under different enumeration numbers: the number decides.
    let rows = [("1.其他", "a"), ("3.其他", "b")];
    assert_eq!(best_match("3．其他", &rows, 0.8), Some(("b", 1.0)));
    assert_eq!(best_match("其他", &rows, 0.8), None);
    assert_eq!(best_match("2.其他", &rows, 0.8), None);
    // Equally similar different values: ambiguous.
    let cols = [("结果维持", "upheld"), ("结果纠正", "corrected")];
    assert_eq!(best_match("结果", &cols, 0.5), None);
    assert_eq!(
        best_match("结果\n纠\n正", &cols, 0.8),
        Some(("corrected", 1.0))
    );
}

/// The compiled [`KeySet`] finds exactly what [`best_match_keyed`] finds, over every label
/// of the built-in formats and damaged copies of them.
#[test]
fn key_set_matches_best_match_keyed() {
    let mut labels: Vec<&str> = Vec::new();
    for f in crate::format::builtin_formats() {
        for t in &f.tables {
            labels.push(t.label);
            for b in &t.blocks {
                labels.push(b.caption);
                labels.extend(b.rows.iter().map(|r| r.label));
                labels.extend(b.columns.iter().map(|c| c.label));
            }
        }
    }
    let keys: Vec<(LabelKey, usize)> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (label_key(l), i % 37))
        .collect();
    let set = KeySet::new(keys.clone());
    let mut probes: Vec<String> = vec!["".into(), "其他".into(), "总计".into(), "（七）".into()];
    for l in &labels {
        let chars: Vec<char> = l.chars().collect();
        probes.push(l.to_string());
        probes.push(chars.iter().skip(1).collect());
        probes.push(chars.iter().take(chars.len().saturating_sub(1)).collect());
        probes.push(chars.iter().rev().collect());
        probes.push(concat(&[l, "（注）"]));
        probes.push(chars.iter().step_by(2).collect());
        probes.push(concat(&["2.", l]));
    }
    for p in &probes {
        let prepared = Prepared::new(p);
        for th in [0.0, 0.5, 0.8, 0.85, 0.9] {
            assert_eq!(
                set.best(&prepared, th),
                best_match_keyed(p, &keys, th),
                "{p} {th}"
            );
        }
    }
}

#[test]
fn s3_rows_match() {
    let rows = [
        ("一、本年新收政府信息公开申请数量", "new"),
        ("二、上年结转政府信息公开申请数量", "carried_over"),
        ("（一）予以公开", "granted"),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "partial",
        ),
        ("1.属于国家秘密", "deny.secret"),
        ("3.危及“三安全一稳定”", "deny.safety"),
        ("1.本机关不掌握相关政府信息", "unable.not_held"),
        ("2.重复申请", "reject.repeat"),
        ("3.其他", "other.misc"),
        ("（六）其他处理", "other"),
        ("（七）总计", "total"),
        ("四、结转下年度继续办理", "carried_forward"),
    ];
    let m = |label: &str| best_match(label, &rows, 0.8).map(|m| m.0);
    assert_eq!(m("七、总计"), Some("total"));
    assert_eq!(m("(七)总计"), Some("total"));
    assert_eq!(m("（二）部分公开"), Some("partial"));
    assert_eq!(m("3. 危及 “ 三安全⼀稳定 ”"), Some("deny.safety"));
    assert_eq!(m("3.危及\"三安全一稳定\""), Some("deny.safety"));
    assert_eq!(m("⼀、本年新收政府信息公开申请数量"), Some("new"));
    assert_eq!(m("1、本机关不掌握相关政府信息"), Some("unable.not_held"));
    assert_eq!(m("四、结转下年度继续办理"), Some("carried_forward"));
    assert_eq!(m("（六）其他处理"), Some("other"));
    assert_eq!(m("3.其他"), Some("other.misc"));
    assert_eq!(m("本年新收政府信息公开申请"), Some("new"));
}
