//! The narrative statements and claims as data (walked by `super::check_sentence`).

use super::*;
use crate::rules::{
    T_S2, T_S3_APPLICANT, T_S3_CARRIED_FORWARD, T_S3_CARRIED_OVER, T_S3_CONCLUDED, T_S3_OUTCOME,
    T_S3_RECEIVED, T_S3_ZERO, T_S4,
};

pub(super) const S3: &str = "s3.new.total";
pub(super) const S4: &str = "s4.review.total";
pub(super) const NEW: Target = target(
    "「一、本年新收政府信息公开申请数量·总计」",
    "new applications (total)",
    "s3.new.total",
);
pub(super) const NEW_AND_CARRIED: Target = target(
    "「一、本年新收」与「二、上年结转」总计之和",
    "new + carried over (total)",
    "s3.new.total|s3.carried_over.total",
);
pub(super) const FORWARD: &str = "结转下年度|结转到下年度|结转至下年度|顺延到下年度|顺延至下年度|转入下年度|结转下一年度|顺延下年度";
pub(super) const RECEIVE: Test = Test::Left("共受理|受理|收到|新收|接收");
pub(super) const NOT_CASES: Test = Test::NotLeft("行政复议|诉讼");
pub(super) const ISSUE: Test = Test::Before("制发|出台|印发|发布|公开|制定");

/// Statements about a number, most specific first; the first that matches is compared.
pub(super) const STATEMENTS: &[Statement] = &[
    // Outcomes of applications.
    Statement {
        rule: T_S3_OUTCOME,
        unit: Unit::Item,
        needs: S3,
        when: &[Test::Left(
            "予以公开及部分公开|予以公开和部分公开|公开及部分公开",
        )],
        then: Then::Share(&[target(
            "「（一）予以公开」与「（二）部分公开」之和",
            "granted + partly granted",
            "s3.result.granted.total|s3.result.partial.total",
        )]),
    },
    Statement {
        rule: T_S3_OUTCOME,
        unit: Unit::Item,
        needs: S3,
        when: &[
            Test::LeftEnds("部分公开"),
            Test::Or,
            Test::Left("部分公开"),
            Test::NotLeft("不予"),
        ],
        then: Then::Share(&[target(
            "「（二）部分公开·总计」",
            "partly granted (total)",
            "s3.result.partial.total",
        )]),
    },
    Statement {
        rule: T_S3_OUTCOME,
        unit: Unit::Item,
        needs: S3,
        when: &[Test::Left("不予公开")],
        then: Then::Share(&[under(
            "「（三）不予公开」各项之和",
            "denied, all reasons",
            "result.deny",
        )]),
    },
    Statement {
        rule: T_S3_OUTCOME,
        unit: Unit::Item,
        needs: S3,
        when: &[Test::Left("予以公开|同意公开")],
        then: Then::Share(&[target(
            "「（一）予以公开·总计」",
            "granted (total)",
            "s3.result.granted.total",
        )]),
    },
    Statement {
        rule: T_S3_OUTCOME,
        unit: Unit::Item,
        needs: S3,
        when: &[Test::Left("无法提供")],
        then: Then::Share(&[under(
            "「（四）无法提供」各项之和",
            "unable to provide, all reasons",
            "result.unable",
        )]),
    },
    Statement {
        rule: T_S3_OUTCOME,
        unit: Unit::Item,
        needs: S3,
        when: &[Test::Left("不予处理")],
        then: Then::Share(&[under(
            "「（五）不予处理」各项之和",
            "not processed, all reasons",
            "result.reject",
        )]),
    },
    Statement {
        rule: T_S3_OUTCOME,
        unit: Unit::Item,
        needs: S3,
        when: &[Test::Left("其他处理")],
        then: Then::Share(&[under(
            "「（六）其他处理」",
            "other handling",
            "result.other",
        )]),
    },
    Statement {
        rule: T_S3_CARRIED_OVER,
        unit: Unit::Item,
        needs: S3,
        when: &[Test::Left("上年结转|上年度结转|上一年度结转|结转上年")],
        then: Then::Compare(&[target(
            "「二、上年结转政府信息公开申请数量·总计」",
            "carried over (total)",
            "s3.carried_over.total",
        )]),
    },
    Statement {
        rule: T_S3_CARRIED_FORWARD,
        unit: Unit::Item,
        needs: S3,
        // 结转下年度 before the number, or right after it (N件申请结转至下年度).
        when: &[
            Test::Left(FORWARD),
            Test::Or,
            Test::RightStarts("申|结转|顺延"),
            Test::Right(FORWARD),
        ],
        then: Then::Compare(&[target(
            "「四、结转下年度继续办理·总计」",
            "carried forward (total)",
            "s3.carried_forward.total",
        )]),
    },
    Statement {
        rule: T_S3_CONCLUDED,
        unit: Unit::Item,
        needs: S3,
        when: &[
            Test::Left("办结|答复|办理完毕|已办理"),
            Test::Or,
            Test::RightStarts("办结|已办结"),
        ],
        then: Then::Compare(&[target(
            "「（七）总计·总计」",
            "results total",
            "s3.result.total.total",
        )]),
    },
    Statement {
        rule: T_S3_RECEIVED,
        unit: Unit::Item,
        needs: S3,
        when: &[
            RECEIVE,
            Test::Left("申请"),
            NOT_CASES,
            Test::Or,
            RECEIVE,
            Test::RightStarts("申请|政府信息公开申请|依申请"),
            NOT_CASES,
        ],
        then: Then::Received,
    },
    // 其中自然人 N 件、商业企业 N 件 … after a receipt statement.
    Statement {
        rule: T_S3_APPLICANT,
        unit: Unit::Item,
        needs: S3,
        when: &[],
        then: Then::Applicant,
    },
    Statement {
        rule: T_S4,
        unit: Unit::Item,
        needs: S4,
        when: &[Test::Left("行政复议"), Test::NotLeft("诉讼")],
        then: Then::Compare(&[target(
            "「行政复议·总计」",
            "administrative review (total)",
            "s4.review.total",
        )]),
    },
    Statement {
        rule: T_S4,
        unit: Unit::Item,
        needs: S4,
        when: &[Test::Left("诉讼"), Test::NotLeft("复议后|直接")],
        then: Then::Compare(&[
            target(
                "「行政诉讼」两项总计之和",
                "litigation (total)",
                "s4.suit_direct.total|s4.suit_after_review.total",
            ),
            target(
                "「未经复议直接起诉·总计」",
                "litigation without review (total)",
                "s4.suit_direct.total",
            ),
            target(
                "「复议后起诉·总计」",
                "litigation after review (total)",
                "s4.suit_after_review.total",
            ),
        ]),
    },
    // T-S2: documents issued, fees.
    Statement {
        rule: T_S2,
        unit: Unit::Item,
        needs: "",
        when: &[
            ISSUE,
            Test::LeftEnds("规章"),
            Test::Or,
            ISSUE,
            Test::Left("规章"),
            Test::NotLeft("规范性文件"),
        ],
        then: Then::Documents("rules", "规章"),
    },
    Statement {
        rule: T_S2,
        unit: Unit::Item,
        needs: "",
        when: &[ISSUE, Test::Left("规范性文件")],
        then: Then::Documents("normative", "规范性文件"),
    },
    Statement {
        rule: T_S2,
        unit: Unit::TenThousandYuan,
        needs: "s2.fees.amount",
        when: &[Test::Left("行政事业性收费")],
        then: Then::Compare(&[target(
            "「行政事业性收费·本年收费金额」",
            "fees collected",
            "s2.fees.amount",
        )]),
    },
];

pub(super) const CLAIMS: &[Claim] = &[
    Claim {
        rule: T_S3_ZERO,
        tag: None,
        needs: S3,
        when: &[Test::Left("未收到政府信息公开申请|未收到依申请公开")],
        word: ("未收到申请", "no applications"),
        target: NEW,
    },
    Claim {
        rule: T_S4,
        tag: Some("none"),
        needs: S4,
        // Each phrase contains 未发生, 没有发生 or 无, so they need no test of their own.
        when: &[
            Test::Left("行政复议"),
            Test::Left("未发生行政复议|没有发生行政复议|无行政复议|未发生因政府信息公开"),
        ],
        word: ("未发生", "none"),
        target: target(
            "「行政复议、行政诉讼·总计」",
            "review and litigation totals",
            "s4.review.total|s4.suit_direct.total|s4.suit_after_review.total",
        ),
    },
];
