//! Every T-rule diagnostic, in full, for a fixed set of sentences × formats × table values ×
//! languages, and for the corpus files' narratives: a snapshot so that restructuring
//! `text_rules` cannot change a rule id, a cell, a number, a message or a quote. Regenerate
//! with `UPDATE_TEXT_RULES=1 cargo test --test text_rules` only for an intended change, and
//! review the diff.

mod common;

use nianbao::format::{builtin, Format};
use nianbao::num::Num;
use nianbao::rules::narrative::check_narrative;
use nianbao::{Lang, Options};
use nianbao_html::{self as import, InputKind};
use std::fmt::Write;
use std::path::Path;

const SNAPSHOT: &str = "tests/fixtures/text_rules.txt";

/// One sentence (or short paragraph) per rule path, matching and not.
const SENTENCES: &[&str] = &[
    "本年度未收到政府信息公开申请。",
    "本机关未收到依申请公开的申请。",
    "本年度共受理政府信息公开申请120件，其中自然人100件，法人或其他组织20件，商业企业5件，科研机构3件，社会公益组织2件，法律服务机构1件，其他9件。",
    "本年新收申请3件，上年结转2件。",
    "共收到申请45件，其中自然人40件。",
    "本年度新收政府信息公开申请15件（其中自然人申请12件，法人或其他组织申请3件），上年结转2件，本年度办结15件，结转下年度继续办理2件。",
    "本年度受理依申请公开 3119 件，其中自然人 3000 件。",
    "接收政府信息公开申请6件；其中自然人6件。",
    "其中自然人7件。",
    "予以公开及部分公开258件，部分公开12件，不予公开3件，予以公开30件，同意公开31件，无法提供265件，不予处理4件，其他处理5件。",
    "予以公开和部分公开9件，公开及部分公开10件。",
    "不予部分公开2件。",
    "予以公开30件，占45.5%。",
    "予以公开30件（占比12.35%）。",
    "部分公开12件，占3%。",
    "不予公开3件,占0.5%。",
    "无法提供4件，占40%。",
    "不予处理1件，占33.33%。",
    "其他处理2件，占100.0%。",
    "予以公开7件占7%。",
    "予以公开5件，占.5%。",
    "予以公开5件，其中占5%。",
    "结转下年度继续办理6件。",
    "6件结转下年度继续办理。",
    "另有6件申请结转到下年度办理。",
    "有3件顺延至下年度办理。",
    "已全部办结申请80件。",
    "答复申请人75件。",
    "80件已办结。",
    "办理完毕22件，已办理23件。",
    "上年度结转申请8件，上一年度结转9件，结转上年10件。",
    "办理行政复议2件，行政诉讼3件。",
    "发生行政复议4件。",
    "行政诉讼1件，复议后起诉1件，直接起诉2件。",
    "行政复议后诉讼3件。",
    "未发生行政复议、行政诉讼案件。",
    "本年度无行政复议案件。",
    "没有发生行政复议。",
    "未发生因政府信息公开引起的行政复议。",
    "未发生因政府信息公开引起的诉讼。",
    "行政复议案件均获维持。",
    "行政诉讼案件全部维持。",
    "行政复议和行政诉讼案件均被维持。",
    "相关案件均维持。",
    "所涉案件全部获得维持。",
    "全年制发规章2件，规范性文件5件。",
    "印发规范性文件7件。",
    "出台规章和规范性文件3件。",
    "公开政府规章1件。",
    "本年度制定规范性文件0件。",
    "收取行政事业性收费12.5万元。",
    "行政事业性收费0万元。",
    "市本级受理申请100件。",
    "其中市公安局受理申请20件。",
    "其中市委办受理申请20件。",
    "受理申请约100件。",
    "受理申请900余件。",
    "受理申请近100件，超5件，逾6件。",
    "2020年3月10号受理申请5件。",
    "根据〔2019〕60号文件，第3件。",
    "电话0795-3273397，受理申请1,234件。",
    "受理申请1.5件。",
    "行政复议案件2件，均获维持。",
    "受理行政复议申请2件。",
    "受理行政诉讼申请2件。",
    "本年度收到申请20件，办结18件，其中予以公开10件，占55.6%，部分公开3件，占16.7%，不予公开2件，占11.1%，无法提供3件，占16.6%。",
    "本年度共受理申请20件，其中自然人15件，商业企业3件，其他2件；予以公开10件。",
    "上年结转申请2件，本年共受理申请22件，其中自然人20件，科研机构2件。",
    "受理申请22件！其中自然人20件?行政复议1件!",
    "本机关全年受理政府信息公开申请50件\n其中自然人申请50件",
    "",
    "   ",
];

/// Deterministic, uneven table values (1..=97).
fn spread(id: &str) -> i64 {
    id.bytes().fold(7i64, |h, b| (h * 31 + b as i64) % 9973) % 97 + 1
}

/// Values that make the sample sentences agree with the tables.
fn consistent(id: &str) -> Option<i64> {
    Some(match id {
        "s3.new.total" => 120,
        "s3.new.natural" => 100,
        "s3.carried_over.total" => 2,
        "s3.carried_over.natural" => 0,
        "s3.new.commercial" => 5,
        "s3.new.research" => 3,
        "s3.new.nonprofit" => 2,
        "s3.new.legal_service" => 1,
        "s3.new.org_other" => 9,
        "s3.result.granted.total" => 30,
        "s3.result.partial.total" => 12,
        "s3.result.total.total" => 66,
        "s3.carried_forward.total" => 6,
        "s4.review.total" => 2,
        "s4.suit_direct.total" => 2,
        "s4.suit_after_review.total" => 1,
        "s2.rules.issued" | "s2.rules.made" => 2,
        "s2.normative.in_force" | "s2.normative.public_total" => 5,
        _ if id.starts_with("s4.") => 0,
        _ => spread(id) % 5,
    })
}

type Values = fn(&str) -> Option<Num>;

const VALUES: &[(&str, Values)] = &[
    ("spread", |id| Some(Num::from_int(spread(id)))),
    ("zero", |_| Some(Num::ZERO)),
    ("consistent", |id| {
        if id == "s2.fees.amount" {
            return Num::parse_plain("12.5");
        }
        consistent(id).map(Num::from_int)
    }),
    ("fraction", |id| {
        Num::parse_plain(&format!("{}.{}", spread(id), spread(id) % 10))
    }),
    ("missing-some", |id| {
        (spread(id) % 3 != 0).then(|| Num::from_int(spread(id) - 40))
    }),
];

fn render(out: &mut String, format: &Format, values: Values, text: &str) {
    for lang in [Lang::Zh, Lang::En] {
        for d in check_narrative(format, text, lang, &values) {
            writeln!(out, "  {lang:?} {d:?}").unwrap();
        }
    }
}

fn snapshot() -> String {
    let mut out = String::new();
    for fid in ["gb2019", "gb2021", "gb2019-hubei"] {
        let format = builtin(fid).unwrap();
        for (vname, values) in VALUES {
            for (i, s) in SENTENCES.iter().enumerate() {
                writeln!(out, "{fid} {vname} #{i}").unwrap();
                render(&mut out, format, *values, s);
            }
            writeln!(out, "{fid} {vname} all").unwrap();
            render(&mut out, format, *values, &SENTENCES.join(""));
        }
    }
    // Real narratives, with the reports' own tables.
    for p in common::documents() {
        let s = std::fs::read_to_string(&p).unwrap();
        let (r, _) = import::import(&s, InputKind::detect(&p.display().to_string(), &s));
        writeln!(out, "file {}", p.file_name().unwrap().to_string_lossy()).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let opts = Options {
                lang,
                ..Options::default()
            };
            if let Ok(v) = nianbao::validate(&r, &opts) {
                for d in v
                    .diagnostics
                    .iter()
                    .filter(|d| d.rule.as_str().starts_with("T-"))
                {
                    writeln!(out, "  {lang:?} {d:?}").unwrap();
                }
            }
        }
    }
    out
}

#[test]
fn text_rules_snapshot() {
    let got = snapshot();
    if std::env::var_os("UPDATE_TEXT_RULES").is_some() {
        std::fs::write(SNAPSHOT, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(Path::new(SNAPSHOT)).unwrap();
    if got != want {
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "T-rule diagnostics changed; first differing line {}:\n got: {}\nwant: {}",
            first + 1,
            got.lines().nth(first).unwrap_or(""),
            want.lines().nth(first).unwrap_or("")
        );
    }
}
