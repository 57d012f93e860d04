//! The national formats as data (spec §2.2–2.5). Labels are exactly as printed.

use super::{BlockDef, ColumnDef, FormatDef, Layout, RowDef, TableDef, ValueKind};
use ValueKind::{AmountAny, AmountWan, Count, Delta};

const fn col(id: &'static str, label: &'static str, label_en: &'static str) -> ColumnDef {
    ColumnDef {
        id,
        label,
        label_en,
        parent: None,
        aliases: &[],
        kind: Count,
    }
}

const fn row(id: &'static str, label: &'static str, label_en: &'static str) -> RowDef {
    RowDef {
        id,
        label,
        label_en,
        parents: &[],
        aliases: &[],
    }
}

const fn sub(
    id: &'static str,
    label: &'static str,
    label_en: &'static str,
    parents: &'static [&'static str],
) -> RowDef {
    RowDef {
        id,
        label,
        label_en,
        parents,
        aliases: &[],
    }
}

// ---- s2, gb2019 ----

const S2_2019_DOCS_COLS: &[ColumnDef] = &[
    col("made", "本年新制作数量", "made this year"),
    col("published", "本年新公开数量", "published this year"),
    col("public_total", "对外公开总数量", "total published"),
];
const S2_2019_ITEM_COLS: &[ColumnDef] = &[
    col("prev_items", "上一年项目数量", "items last year"),
    ColumnDef {
        kind: Delta,
        aliases: &["本年增减", "本年增／减"],
        ..col("change", "本年增/减", "change this year")
    },
    col("decisions", "处理决定数量", "decisions"),
];
const S2_2019_FEE_COLS: &[ColumnDef] = &[
    col("prev_items", "上一年项目数量", "items last year"),
    ColumnDef {
        kind: Delta,
        aliases: &["本年增减", "本年增／减"],
        ..col("change", "本年增/减", "change this year")
    },
];
const S2_2019_PROC_COLS: &[ColumnDef] = &[
    col("projects", "采购项目数量", "procurement projects"),
    ColumnDef {
        kind: AmountAny,
        ..col("amount", "采购总金额", "total procurement amount")
    },
];

const S2_2019: TableDef = TableDef {
    id: "s2",
    label: "二、主动公开政府信息情况",
    label_en: "II. Proactive disclosure",
    layout: Layout::Rows,
    note: None,
    blocks: &[
        BlockDef {
            id: "art20_1",
            caption: "第二十条第（一）项",
            columns: S2_2019_DOCS_COLS,
            rows: &[
                row("rules", "规章", "rules"),
                row("normative", "规范性文件", "normative documents"),
            ],
        },
        BlockDef {
            id: "art20_5",
            caption: "第二十条第（五）项",
            columns: S2_2019_ITEM_COLS,
            rows: &[
                row("licensing", "行政许可", "administrative licensing"),
                row(
                    "other_services",
                    "其他对外管理服务事项",
                    "other external management services",
                ),
            ],
        },
        BlockDef {
            id: "art20_6",
            caption: "第二十条第（六）项",
            columns: S2_2019_ITEM_COLS,
            rows: &[
                row("penalty", "行政处罚", "administrative penalties"),
                row("coercion", "行政强制", "administrative coercion"),
            ],
        },
        BlockDef {
            id: "art20_8",
            caption: "第二十条第（八）项",
            columns: S2_2019_FEE_COLS,
            rows: &[row("fees", "行政事业性收费", "administrative fees")],
        },
        BlockDef {
            id: "art20_9",
            caption: "第二十条第（九）项",
            columns: S2_2019_PROC_COLS,
            rows: &[row(
                "procurement",
                "政府集中采购",
                "central government procurement",
            )],
        },
    ],
};

// ---- s2, gb2021 ----

const S2_2021: TableDef = TableDef {
    id: "s2",
    label: "二、主动公开政府信息情况",
    label_en: "II. Proactive disclosure",
    layout: Layout::Rows,
    note: None,
    blocks: &[
        BlockDef {
            id: "art20_1",
            caption: "第二十条第（一）项",
            columns: &[
                col("issued", "本年制发件数", "issued this year"),
                col("repealed", "本年废止件数", "repealed this year"),
                col("in_force", "现行有效件数", "in force"),
            ],
            rows: &[
                row("rules", "规章", "rules"),
                RowDef {
                    aliases: &["规范性文件"],
                    ..row("normative", "行政规范性文件", "normative documents")
                },
            ],
        },
        BlockDef {
            id: "art20_5",
            caption: "第二十条第（五）项",
            columns: S2_2021_DECISION_COLS,
            rows: &[row("licensing", "行政许可", "administrative licensing")],
        },
        BlockDef {
            id: "art20_6",
            caption: "第二十条第（六）项",
            columns: S2_2021_DECISION_COLS,
            rows: &[
                row("penalty", "行政处罚", "administrative penalties"),
                row("coercion", "行政强制", "administrative coercion"),
            ],
        },
        BlockDef {
            id: "art20_8",
            caption: "第二十条第（八）项",
            columns: &[ColumnDef {
                kind: AmountWan,
                aliases: &["本年收费金额", "收费金额（万元）"],
                ..col(
                    "amount",
                    "本年收费金额（单位：万元）",
                    "fees collected this year (10k yuan)",
                )
            }],
            rows: &[row("fees", "行政事业性收费", "administrative fees")],
        },
    ],
};

const S2_2021_DECISION_COLS: &[ColumnDef] = &[ColumnDef {
    aliases: &["处理决定数量"],
    ..col("decisions", "本年处理决定数量", "decisions this year")
}];

// ---- s3, both formats ----

const ORG: Option<&str> = Some("法人或其他组织");
const S3_COLS: &[ColumnDef] = &[
    col("natural", "自然人", "natural persons"),
    ColumnDef {
        parent: ORG,
        ..col("commercial", "商业企业", "businesses")
    },
    ColumnDef {
        parent: ORG,
        ..col("research", "科研机构", "research institutions")
    },
    ColumnDef {
        parent: ORG,
        ..col("nonprofit", "社会公益组织", "non-profit organisations")
    },
    ColumnDef {
        parent: ORG,
        ..col("legal_service", "法律服务机构", "legal service providers")
    },
    ColumnDef {
        parent: ORG,
        ..col("org_other", "其他", "other organisations")
    },
    col("total", "总计", "total"),
];

const RESULT: &str = "三、本年度办理结果";
const DENY: &[&str] = &[RESULT, "（三）不予公开"];
const UNABLE: &[&str] = &[RESULT, "（四）无法提供"];
const REJECT: &[&str] = &[RESULT, "（五）不予处理"];
const OTHER: &[&str] = &[RESULT, "（六）其他处理"];

macro_rules! s3_rows {
    ($($other:expr),* $(,)?) => {
        &[
            row("new", "一、本年新收政府信息公开申请数量", "I. new applications this year"),
            row("carried_over", "二、上年结转政府信息公开申请数量", "II. carried over from last year"),
            sub("result.granted", "（一）予以公开", "granted", &[RESULT]),
            sub(
                "result.partial",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "partly granted",
                &[RESULT],
            ),
            sub("result.deny.secret", "1.属于国家秘密", "denied: state secret", DENY),
            sub("result.deny.law", "2.其他法律行政法规禁止公开", "denied: other law forbids", DENY),
            RowDef {
                aliases: &["3.危及\"三安全一稳定\"", "3.危及三安全一稳定"],
                ..sub("result.deny.safety", "3.危及“三安全一稳定”", "denied: security and stability", DENY)
            },
            sub("result.deny.third_party", "4.保护第三方合法权益", "denied: third-party rights", DENY),
            sub("result.deny.internal", "5.属于三类内部事务信息", "denied: internal affairs", DENY),
            sub("result.deny.process", "6.属于四类过程性信息", "denied: process information", DENY),
            sub("result.deny.case_file", "7.属于行政执法案卷", "denied: enforcement case file", DENY),
            sub("result.deny.inquiry", "8.属于行政查询事项", "denied: inquiry matter", DENY),
            sub("result.unable.not_held", "1.本机关不掌握相关政府信息", "unable: not held", UNABLE),
            sub("result.unable.needs_creation", "2.没有现成信息需要另行制作", "unable: needs creating", UNABLE),
            sub("result.unable.unclear", "3.补正后申请内容仍不明确", "unable: still unclear", UNABLE),
            sub("result.reject.petition", "1.信访举报投诉类申请", "not processed: petition", REJECT),
            sub("result.reject.repeat", "2.重复申请", "not processed: repeat", REJECT),
            sub("result.reject.publication", "3.要求提供公开出版物", "not processed: publication", REJECT),
            sub("result.reject.excessive", "4.无正当理由大量反复申请", "not processed: excessive", REJECT),
            sub(
                "result.reject.reconfirm",
                "5.要求行政机关确认或重新出具已获取信息",
                "not processed: reconfirmation",
                REJECT,
            ),
            $($other,)*
            sub("result.total", "（七）总计", "(7) total", &[RESULT]),
            row("carried_forward", "四、结转下年度继续办理", "IV. carried forward to next year"),
        ]
    };
}

const S3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

const S3_2019: TableDef = TableDef {
    id: "s3",
    label: "三、收到和处理政府信息公开申请情况",
    label_en: "III. Applications received and handled",
    layout: Layout::Rows,
    note: Some(S3_NOTE),
    blocks: &[BlockDef {
        id: "applications",
        caption: "申请人情况",
        columns: S3_COLS,
        rows: s3_rows![sub(
            "result.other",
            "（六）其他处理",
            "(6) other handling",
            &[RESULT]
        )],
    }],
};

const S3_2021: TableDef = TableDef {
    id: "s3",
    label: "三、收到和处理政府信息公开申请情况",
    label_en: "III. Applications received and handled",
    layout: Layout::Rows,
    note: Some(S3_NOTE),
    blocks: &[BlockDef {
        id: "applications",
        caption: "申请人情况",
        columns: S3_COLS,
        rows: s3_rows![
            sub(
                "result.other.no_correction",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "other: no correction in time",
                OTHER,
            ),
            sub(
                "result.other.no_fee",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "other: fee not paid",
                OTHER,
            ),
            sub("result.other.misc", "3.其他", "other: misc", OTHER),
        ],
    }],
};

// ---- s4, both formats ----

const SUIT: &[&str] = &["行政诉讼"];
const S4: TableDef = TableDef {
    id: "s4",
    label: "四、政府信息公开行政复议、行政诉讼情况",
    label_en: "IV. Administrative review and litigation",
    layout: Layout::SingleRow,
    note: None,
    blocks: &[BlockDef {
        id: "cases",
        caption: "",
        columns: &[
            col("upheld", "结果维持", "upheld"),
            col("corrected", "结果纠正", "corrected"),
            col("other", "其他结果", "other outcome"),
            col("pending", "尚未审结", "pending"),
            col("total", "总计", "total"),
        ],
        rows: &[
            row("review", "行政复议", "administrative review"),
            sub(
                "suit_direct",
                "未经复议直接起诉",
                "litigation without review",
                SUIT,
            ),
            sub(
                "suit_after_review",
                "复议后起诉",
                "litigation after review",
                SUIT,
            ),
        ],
    }],
};

pub static BUILTIN_FORMATS: &[FormatDef] = &[
    FormatDef {
        id: "gb2019",
        name: "2019年格式",
        name_en: "2019 format",
        doc: "国办公开办函〔2019〕60号",
        first_year: 2019,
        last_year: Some(2020),
        signals: &[
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
            "上一年项目数量",
            "采购项目数量",
            "第二十条第（九）项",
        ],
        tables: &[S2_2019, S3_2019, S4],
    },
    FormatDef {
        id: "gb2021",
        name: "2021年格式",
        name_en: "2021 format",
        doc: "国办公开办函〔2021〕30号",
        first_year: 2021,
        last_year: None,
        signals: &[
            "本年制发件数",
            "本年废止件数",
            "现行有效件数",
            "本年收费金额",
            "本年处理决定数量",
        ],
        tables: &[S2_2021, S3_2021, S4],
    },
];

/// A regional variant: a national format plus extra rows and label aliases (spec §2.5).
#[derive(Clone, Copy, Debug)]
pub struct VariantDef {
    pub id: &'static str,
    pub base: &'static str,
    pub name: &'static str,
    pub name_en: &'static str,
    /// (block id, row, insert after this row id).
    pub extra_rows: &'static [(&'static str, RowDef, Option<&'static str>)],
    /// ("table.block.row:<id>" or "table.block.col:<id>", alias).
    pub aliases: &'static [(&'static str, &'static str)],
}

pub static BUILTIN_VARIANTS: &[VariantDef] = &[VariantDef {
    id: "gb2019-hubei",
    base: "gb2019",
    name: "2019年格式（湖北）",
    name_en: "2019 format (Hubei)",
    extra_rows: &[(
        "art20_1",
        row(
            "other_docs",
            "其他主动公开文件",
            "other proactively published documents",
        ),
        Some("normative"),
    )],
    aliases: &[],
}];
