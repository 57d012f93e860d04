//! The rule registry: every rule nianbao reports, one row each — its id (the only place a
//! rule id is spelt), severity, zh/en message templates and the widget's short phrase of a
//! sum rule. The rules of spec §3.2–3.5 are templates: each is expanded over its domain
//! against a format (and last year's format, for `P.` terms); an instance whose cells do not
//! exist in the format is dropped, which is how format-specific rules stay out of the other
//! format. The rows at the end are found outside the engine (`Check::Outside`): a blank
//! total, the format/year check, the narrative rules. Code names a rule by a `RuleId`
//! (an index into `RULES`); the constants below are the ones code or other data names.
//!
//! Relation syntax: `terms OP terms [when cell > 0]`, OP one of `=`, `<=`, `>=` (spaced as
//! shown: single spaces around operators and `> 0`); a term is
//! `[P.]table.path` with `{var}` placeholders; `path.*` means every row at or under `path`.

use super::{Check, Domain, Rule, RuleId, Severity};
use Severity::{Error, Info, Warning};

const S3_COLS: Domain = Domain::Columns("s3");
const S2_DOCS: Domain = Domain::BlockRows("s2", "art20_1");
const S2_ITEMS: Domain =
    Domain::List(&["licensing", "other_services", "penalty", "coercion", "fees"]);

pub static RULES: &[Rule] = &[
    // ---- domain rules (§3.2) ----
    Rule {
        id: "D-COUNT",
        severity: Error,
        over: Domain::CellsOfKind(&[crate::format::ValueKind::Count]),
        check: Check::Readable,
        target: None,
        zh: "「{cell}」应填写非负整数，无法识别“{raw}”（{reason}）。",
        en: "'{cell}' must be a whole number ≥ 0; cannot read '{raw}' ({reason}).",
        short: None,
    },
    Rule {
        id: "D-COUNT-NEG",
        severity: Error,
        over: Domain::CellsOfKind(&[crate::format::ValueKind::Count]),
        check: Check::NonNegative,
        target: None,
        zh: "「{cell}」是计数，不能为负数（填写了 {value}）。",
        en: "'{cell}' is a count and cannot be negative (got {value}).",
        short: None,
    },
    Rule {
        id: "D-DELTA",
        severity: Error,
        over: Domain::CellsOfKind(&[crate::format::ValueKind::Delta]),
        check: Check::Readable,
        target: None,
        zh: "「{cell}」应填写增减数（整数，减少用负数，如 -8），无法识别“{raw}”（{reason}）。",
        en: "'{cell}' must be a signed whole number (use -8 for a decrease); cannot read '{raw}' ({reason}).",
        short: None,
    },
    Rule {
        id: "D-AMOUNT",
        severity: Error,
        over: Domain::CellsOfKind(&[
            crate::format::ValueKind::AmountWan,
            crate::format::ValueKind::AmountAny,
        ]),
        check: Check::Readable,
        target: None,
        zh: "「{cell}」应填写金额（万元），无法识别“{raw}”（{reason}）。",
        en: "'{cell}' must be an amount in 万元; cannot read '{raw}' ({reason}).",
        short: None,
    },
    // ---- arithmetic identities (§3.3) ----
    Rule {
        id: "E-S3-ROW",
        severity: Error,
        over: Domain::Rows("s3"),
        check: Check::Relation(
            "s3.{r}.total = s3.{r}.natural + s3.{r}.commercial + s3.{r}.research + s3.{r}.nonprofit + s3.{r}.legal_service + s3.{r}.org_other",
        ),
        target: None,
        zh: "第三部分「{row}」行：总计应为自然人与五类法人或其他组织之和 {expected}，现填 {actual}（差 {diff}）。",
        en: "Section 3, row '{row}': the total must equal the six applicant columns added up, {expected}; entered {actual} (off by {diff}).",
        short: Some(("自然人至其他之和", "sum of the applicant columns")),
    },
    Rule {
        id: "E-S3-RESULT",
        severity: Error,
        over: S3_COLS,
        check: Check::Relation(
            "s3.result.total.{c} = s3.result.granted.{c} + s3.result.partial.{c} + s3.result.deny.*.{c} + s3.result.unable.*.{c} + s3.result.reject.*.{c} + s3.result.other.*.{c}",
        ),
        target: None,
        zh: "第三部分「{col}」列：（七）总计应为（一）至（六）各项之和 {expected}，现填 {actual}（差 {diff}）。",
        en: "Section 3, column '{col}': the total of results (7) must equal results (1)–(6) added up, {expected}; entered {actual} (off by {diff}).",
        short: Some(("（一）至（六）之和", "sum of results (1)–(6)")),
    },
    Rule {
        id: "E-S3-BALANCE",
        severity: Error,
        over: S3_COLS,
        check: Check::Relation(
            "s3.new.{c} + s3.carried_over.{c} = s3.result.total.{c} + s3.carried_forward.{c}",
        ),
        target: Some("s3.carried_forward.{c}"),
        zh: "第三部分「{col}」列不平衡：本年新收 {new} + 上年结转 {carried_over} = {lhs}，办理结果总计 {result_total} + 结转下年度 {carried_forward} = {rhs}，相差 {diff}。",
        en: "Section 3, column '{col}' does not balance: received {new} + carried over {carried_over} = {lhs}, but concluded {result_total} + carried forward {carried_forward} = {rhs} (difference {diff}).",
        short: Some(("本年新收＋上年结转－办理结果总计", "received + carried over − concluded")),
    },
    Rule {
        id: "E-S4-SUM",
        severity: Error,
        over: Domain::Rows("s4"),
        check: Check::Relation(
            "s4.{g}.total = s4.{g}.upheld + s4.{g}.corrected + s4.{g}.other + s4.{g}.pending",
        ),
        target: None,
        zh: "第四部分「{row}」：总计应为结果维持、结果纠正、其他结果、尚未审结之和 {expected}，现填 {actual}（差 {diff}）。",
        en: "Section 4, '{row}': the total must equal upheld + corrected + other + pending, {expected}; entered {actual} (off by {diff}).",
        short: Some(("四项结果之和", "sum of the four results")),
    },
    Rule {
        id: "E-2019-ITEMS",
        severity: Error,
        over: S2_ITEMS,
        check: Check::Relation("s2.{r}.prev_items + s2.{r}.change >= 0"),
        target: Some("s2.{r}.change"),
        zh: "「{row}」：上一年项目数量 {prev_items} 加本年增/减 {change} 得 {lhs}，本年项目数不能为负，请检查增减数。",
        en: "'{row}': last year's items {prev_items} plus this year's change {change} gives {lhs}; the number of items cannot be negative.",
        short: None,
    },
    // ---- plausibility (§3.4) ----
    Rule {
        id: "W-2019-PUBLISHED-LE-TOTAL",
        severity: Warning,
        over: S2_DOCS,
        check: Check::Relation("s2.{r}.published <= s2.{r}.public_total"),
        target: Some("s2.{r}.public_total"),
        zh: "「{row}」：本年新公开数量 {published} 大于对外公开总数量 {public_total}。对外公开总数量通常已包含本年新公开的文件，请核实。",
        en: "'{row}': published this year ({published}) exceeds the total published ({public_total}), which normally includes this year's; please check.",
        short: None,
    },
    Rule {
        id: "W-2019-CHANGE-LARGE",
        severity: Warning,
        over: S2_ITEMS,
        check: Check::Relation("s2.{r}.change <= s2.{r}.prev_items when s2.{r}.prev_items > 0"),
        target: Some("s2.{r}.change"),
        zh: "「{row}」：本年增/减 {change} 超过上一年项目数量 {prev_items}（增幅超过一倍）。请确认填写的是增减数，而不是本年项目总数。",
        en: "'{row}': the change {change} is larger than last year's count {prev_items} (more than doubling). Did you enter this year's total instead of the change?",
        short: None,
    },
    Rule {
        id: "W-2019-PROC-PAIR",
        severity: Warning,
        over: Domain::One,
        check: Check::ZeroTogether("s2.procurement.projects", "s2.procurement.amount"),
        target: Some("s2.procurement.amount"),
        zh: "政府集中采购：采购项目数量 {a}、采购总金额 {b}，二者应同为零或同不为零。",
        en: "Central procurement: {a} projects but amount {b}; both should be zero or both non-zero.",
        short: None,
    },
    Rule {
        id: "W-2019-PROC-UNIT",
        severity: Warning,
        over: Domain::One,
        check: Check::UnitStated("s2.procurement.amount"),
        target: Some("s2.procurement.amount"),
        zh: "采购总金额未注明单位，已按万元理解为 {value} 万元；如为元，请写明“元”。",
        en: "The procurement amount has no unit; read as {value} 万元. Write “元” if it is in yuan.",
        short: None,
    },
    Rule {
        id: "W-2021-FEE-UNIT",
        severity: Warning,
        over: Domain::One,
        check: Check::UnitWan("s2.fees.amount"),
        target: Some("s2.fees.amount"),
        zh: "本年收费金额以万元为单位，单元格写的是“{raw}”，折合 {value} 万元，请按万元填写。",
        en: "The fee amount is in 万元; the cell says '{raw}', i.e. {value} 万元. Please enter it in 万元.",
        short: None,
    },
    Rule {
        id: "W-2021-ISSUED-LE-AVAILABLE",
        severity: Warning,
        over: S2_DOCS,
        check: Check::Relation("s2.{r}.issued <= s2.{r}.in_force + s2.{r}.repealed"),
        target: Some("s2.{r}.issued"),
        zh: "「{row}」：本年制发件数 {issued} 大于现行有效件数 {in_force} 与本年废止件数 {repealed} 之和。本年制发的文件应仍有效或已于本年废止，请核实。",
        en: "'{row}': issued this year ({issued}) exceeds in force ({in_force}) + repealed this year ({repealed}).",
        short: None,
    },
    Rule {
        id: "W-S3-CARRY-LE-NEW",
        severity: Warning,
        over: S3_COLS,
        check: Check::Relation("s3.carried_forward.{c} <= s3.new.{c}"),
        target: Some("s3.carried_forward.{c}"),
        zh: "第三部分「{col}」列：结转下年度继续办理 {carried_forward} 件多于本年新收 {new} 件。按《条例》答复期限，跨年结转的一般只应是年底前新收的申请，请核实。",
        en: "Section 3, column '{col}': {carried_forward} applications carried forward but only {new} received this year; with the statutory deadlines only late-year applications should remain open.",
        short: None,
    },
    Rule {
        id: "W-EMPTY-TABLE",
        severity: Warning,
        over: Domain::Tables,
        check: Check::NotEmpty,
        target: None,
        zh: "「{table}」整张表未填写。无相关数据时请填 0。",
        en: "Table '{table}' is entirely empty; enter 0 where there is no data.",
        short: None,
    },
    // ---- what the value reader normalised (§4) ----
    Rule {
        id: "W-COUNT-WAN",
        severity: Warning,
        over: Domain::CellsOfKind(&[crate::format::ValueKind::Count, crate::format::ValueKind::Delta]),
        check: Check::Note("wan_multiplier"),
        target: None,
        zh: "「{cell}」写作“{raw}”，已按 {value} 理解，请填写准确数字。",
        en: "'{cell}' says '{raw}', read as {value}; please enter the exact number.",
        short: None,
    },
    Rule {
        id: "I-UNIT-IGNORED",
        severity: Info,
        over: Domain::CellsOfKind(&[crate::format::ValueKind::Count, crate::format::ValueKind::Delta]),
        check: Check::Note("unit_ignored"),
        target: None,
        zh: "「{cell}」中的单位已忽略：“{raw}”按 {value} 计。",
        en: "Unit ignored in '{cell}': '{raw}' counted as {value}.",
        short: None,
    },
    Rule {
        id: "I-DECIMAL-ZERO",
        severity: Info,
        over: Domain::CellsOfKind(&[crate::format::ValueKind::Count, crate::format::ValueKind::Delta]),
        check: Check::Note("decimal_zero_ignored"),
        target: None,
        zh: "「{cell}」“{raw}”按整数 {value} 计。",
        en: "'{cell}': '{raw}' counted as the whole number {value}.",
        short: None,
    },
    Rule {
        id: "I-AMOUNT-CONVERTED",
        severity: Info,
        over: Domain::CellsOfKind(&[crate::format::ValueKind::AmountAny]),
        check: Check::Note("amount_converted"),
        target: None,
        zh: "「{cell}」“{raw}”折合 {value} 万元。",
        en: "'{cell}': '{raw}' is {value} 万元.",
        short: None,
    },
    // ---- cross-year (§3.5); `P.` is last year's report ----
    Rule {
        id: "X-S3-CARRY",
        severity: Error,
        over: S3_COLS,
        check: Check::Relation("s3.carried_over.{c} = P.s3.carried_forward.{c}"),
        target: Some("s3.carried_over.{c}"),
        zh: "「{col}」列上年结转 {carried_over} 件，与上年报告“结转下年度继续办理” {p_carried_forward} 件不一致（差 {diff}），与上年报告不衔接。",
        en: "Column '{col}': carried over {carried_over}, but last year's report carried forward {p_carried_forward} (off by {diff}).",
        short: None,
    },
    Rule {
        id: "X-2019-ITEMS",
        severity: Warning,
        over: S2_ITEMS,
        check: Check::Relation("s2.{r}.prev_items = P.s2.{r}.prev_items + P.s2.{r}.change"),
        target: Some("s2.{r}.prev_items"),
        zh: "「{row}」：上一年项目数量 {prev_items} 与上年报告的 {p_prev_items} 加 {p_change}（= {expected}）不一致。",
        en: "'{row}': last year's item count {prev_items} differs from last year's report, {p_prev_items} + {p_change} = {expected}.",
        short: None,
    },
    Rule {
        id: "X-2019-PUBLIC-TOTAL",
        severity: Warning,
        over: S2_DOCS,
        check: Check::Relation("s2.{r}.public_total <= P.s2.{r}.public_total + s2.{r}.published"),
        target: Some("s2.{r}.public_total"),
        zh: "「{row}」：对外公开总数量 {public_total} 超过上年 {p_public_total} 加本年新公开 {published}（= {rhs}）。",
        en: "'{row}': the total published, {public_total}, exceeds last year's {p_public_total} + {published} published this year.",
        short: None,
    },
    Rule {
        id: "X-2021-IN-FORCE",
        severity: Warning,
        over: S2_DOCS,
        check: Check::Relation("s2.{r}.in_force = P.s2.{r}.in_force + s2.{r}.issued - s2.{r}.repealed"),
        target: Some("s2.{r}.in_force"),
        zh: "「{row}」：现行有效件数 {in_force} 与“上年现行有效 {p_in_force} + 本年制发 {issued} − 本年废止 {repealed} = {expected}”不一致（差 {diff}）。如有文件到期失效或口径调整，请在正文说明。",
        en: "'{row}': {in_force} in force, but last year's {p_in_force} + {issued} issued − {repealed} repealed = {expected}. Explain lapses or re-basing in the text.",
        short: None,
    },
    Rule {
        id: "X-2021-REPEALED-LE-AVAILABLE",
        severity: Warning,
        over: S2_DOCS,
        check: Check::Relation("s2.{r}.repealed <= P.s2.{r}.in_force + s2.{r}.issued"),
        target: Some("s2.{r}.repealed"),
        zh: "「{row}」：本年废止 {repealed} 件，超过上年现行有效 {p_in_force} 与本年制发 {issued} 之和。",
        en: "'{row}': {repealed} repealed, more than the {p_in_force} in force last year plus {issued} issued this year.",
        short: None,
    },
    // ---- findings made outside the instance engine (no template, no instances) ----
    Rule {
        id: "W-MISSING-TOTAL",
        zh: "「{cell}」未填写，但其组成项合计为 {expected}。请填写总计（无数据填 0）。",
        en: "'{cell}' is empty although its parts add up to {expected}; please fill in the total (0 if none).",
        short: Some(("各项之和", "sum of its parts")),
        ..OUTSIDE
    },
    Rule {
        id: "W-FORMAT-YEAR",
        zh: "{year}年度报告应使用{expected_format}（{doc}），当前表格是{actual_format}。",
        en: "A report for {year} should use the {expected_format} ({doc}); the tables are in the {actual_format}.",
        ..OUTSIDE
    },
    // ---- narrative vs table (§3.6, `narrative`): statements and claims in `narrative/data.rs` ----
    Rule { id: "T-S3-RECEIVED", ..NARRATIVE },
    Rule { id: "T-S3-CONCLUDED", ..NARRATIVE },
    Rule { id: "T-S3-CARRIED-OVER", ..NARRATIVE },
    Rule { id: "T-S3-CARRIED-FORWARD", ..NARRATIVE },
    Rule { id: "T-S3-APPLICANT", ..NARRATIVE },
    Rule { id: "T-S3-OUTCOME", ..NARRATIVE },
    Rule { id: "T-S3-ZERO", ..NARRATIVE },
    Rule {
        id: "T-S3-PERCENT",
        zh: "正文“{quote}”的比例 {x}% 与按表格计算的 {computed}% 不符。",
        en: "The text gives {x}%, but the table gives {computed}%.",
        ..NARRATIVE
    },
    Rule { id: "T-S4", ..NARRATIVE },
    Rule { id: "T-S4-ALL-UPHELD", ..NARRATIVE },
    Rule { id: "T-S2", ..NARRATIVE },
];

/// A finding made outside the instance engine: the checker (a blank total, the format/year
/// check) or the narrative rules make it; the row gives its id, severity and messages.
const OUTSIDE: Rule = Rule {
    id: "",
    severity: Warning,
    over: Domain::One,
    check: Check::Outside,
    target: None,
    zh: "",
    en: "",
    short: None,
};

/// A narrative rule: a number the text states that matches none of the table's quantities.
const NARRATIVE: Rule = Rule {
    zh: "正文“{quote}”中的 {n} 与表格{target}（{table_value}）不一致。",
    en: "The text '{quote}' says {n}, but the table's {target} is {table_value}.",
    ..OUTSIDE
};

// The ids that code or other data names (a table rule is never named: its row is all it
// needs). Resolved at compile time; an unknown id does not compile.
pub const MISSING_TOTAL: RuleId = RuleId::named("W-MISSING-TOTAL");
pub const FORMAT_YEAR: RuleId = RuleId::named("W-FORMAT-YEAR");
pub const T_S3_RECEIVED: RuleId = RuleId::named("T-S3-RECEIVED");
pub const T_S3_CONCLUDED: RuleId = RuleId::named("T-S3-CONCLUDED");
pub const T_S3_CARRIED_OVER: RuleId = RuleId::named("T-S3-CARRIED-OVER");
pub const T_S3_CARRIED_FORWARD: RuleId = RuleId::named("T-S3-CARRIED-FORWARD");
pub const T_S3_APPLICANT: RuleId = RuleId::named("T-S3-APPLICANT");
pub const T_S3_OUTCOME: RuleId = RuleId::named("T-S3-OUTCOME");
pub const T_S3_ZERO: RuleId = RuleId::named("T-S3-ZERO");
pub const T_S3_PERCENT: RuleId = RuleId::named("T-S3-PERCENT");
pub const T_S4: RuleId = RuleId::named("T-S4");
pub const T_S4_ALL_UPHELD: RuleId = RuleId::named("T-S4-ALL-UPHELD");
pub const T_S2: RuleId = RuleId::named("T-S2");

/// The message of typo pinpointing (a field of another rule's diagnostic, not a rule).
pub const PINPOINT: (&str, &str) = (
    "很可能是「{cell}」填错：改为 {value} 可使相关合计全部一致。",
    "Likely a typo in '{cell}': {value} makes every related total agree.",
);
