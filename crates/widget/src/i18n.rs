//! The widget's own words (panel, buttons, short inline messages). Rule messages come from
//! the core; this is only presentation. Chinese by default, English with `lang: 'en'`.

use crate::num::u64_text;
use crate::textnorm::concat;
use crate::Lang;

pub struct Ui {
    pub lang: Lang,
}

impl Ui {
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    fn pick(&self, zh: &'static str, en: &'static str) -> &'static str {
        if self.zh() {
            zh
        } else {
            en
        }
    }

    pub fn title(&self) -> &'static str {
        self.pick("年报校验", "Report check")
    }

    pub fn errors(&self, n: usize) -> String {
        if self.zh() {
            concat(&[&u64_text(n as u64), " 个错误"])
        } else if n == 1 {
            "1 error".into()
        } else {
            concat(&[&u64_text(n as u64), " errors"])
        }
    }

    pub fn warnings(&self, n: usize) -> String {
        if self.zh() {
            concat(&[&u64_text(n as u64), " 个提醒"])
        } else if n == 1 {
            "1 warning".into()
        } else {
            concat(&[&u64_text(n as u64), " warnings"])
        }
    }

    pub fn notes(&self, n: usize) -> String {
        if self.zh() {
            concat(&[&u64_text(n as u64), " 条说明"])
        } else if n == 1 {
            "1 note".into()
        } else {
            concat(&[&u64_text(n as u64), " notes"])
        }
    }

    pub fn all_clear(&self) -> &'static str {
        self.pick("未发现问题", "No problems found")
    }

    /// Sentence for the live region.
    pub fn announce(&self, errors: usize, warnings: usize) -> String {
        match (errors, warnings) {
            (0, 0) => self
                .pick("年报校验：未发现问题。", "Report check: no problems.")
                .into(),
            _ if self.zh() => concat(&[
                "年报校验：",
                &u64_text(errors as u64),
                " 个错误，",
                &u64_text(warnings as u64),
                " 个提醒。",
            ]),
            _ => concat(&[
                "Report check: ",
                &self.errors(errors),
                ", ",
                &self.warnings(warnings),
                ".",
            ]),
        }
    }

    pub fn table_name(&self, table: &str) -> String {
        let zh = match table {
            "s2" => "表二",
            "s3" => "表三",
            "s4" => "表四",
            "" => "其他",
            other => return other.to_string(),
        };
        if self.zh() {
            zh.into()
        } else if table.is_empty() {
            "Other".into()
        } else {
            concat(&["Table ", &table[1..]])
        }
    }

    pub fn fill(&self, v: &str) -> String {
        if self.zh() {
            concat(&["填入 ", v])
        } else {
            concat(&["Enter ", v])
        }
    }

    /// A fix button's tooltip: where its value goes (the label says which value). Without the
    /// value, so retyping does not rewrite it: a `title` change restyles the page (the UA sheet
    /// has `abbr[title]`), the label's text does not.
    pub fn fill_title(&self, cell: &str) -> String {
        if self.zh() {
            concat(&["把此值填入「", cell, "」"])
        } else {
            concat(&["Write this value into '", cell, "'"])
        }
    }

    pub fn change_to(&self, v: &str) -> String {
        if self.zh() {
            concat(&["改为 ", v])
        } else {
            concat(&["Change to ", v])
        }
    }

    /// The short inline message of a failing sum: "应为 552（自然人至其他之和），现为 550，差 2".
    pub fn expected_line(
        &self,
        expected: &str,
        phrase: Option<&str>,
        actual: &str,
        diff: &str,
    ) -> String {
        match (self.zh(), phrase) {
            (true, Some(p)) => concat(&[
                "应为 ",
                expected,
                "（",
                p,
                "），现为 ",
                actual,
                "，差 ",
                diff,
            ]),
            (true, None) => concat(&["应为 ", expected, "，现为 ", actual, "，差 ", diff]),
            (false, Some(p)) => concat(&[
                "Should be ",
                expected,
                " (",
                p,
                "), is ",
                actual,
                ", off by ",
                diff,
            ]),
            (false, None) => concat(&["Should be ", expected, ", is ", actual, ", off by ", diff]),
        }
    }

    /// What a sum rule adds up, for the short inline message (presentation only).
    pub fn phrase(&self, rule: crate::rules::RuleId) -> Option<&'static str> {
        rule.short(self.lang)
    }

    pub fn warning_prefix(&self, text: &str) -> String {
        if self.zh() {
            concat(&["提醒：", text])
        } else {
            concat(&["Warning: ", text])
        }
    }

    pub fn typo_here(&self, value: &str, n: usize) -> String {
        if self.zh() {
            concat(&[
                "疑似此格笔误：改为 ",
                value,
                " 后相关 ",
                &u64_text(n as u64),
                " 项均平衡",
            ])
        } else {
            concat(&[
                "Likely a typo here: with ",
                value,
                " all ",
                &u64_text(n as u64),
                " related checks pass",
            ])
        }
    }

    pub fn typo_elsewhere(&self) -> &'static str {
        self.pick(
            "另一单元格疑似笔误（已用“?”标出）",
            "another cell is a likely typo (marked “?”)",
        )
    }

    pub fn typo_in(&self, cell: &str, value: &str) -> String {
        if self.zh() {
            concat(&["疑似笔误：「", cell, "」应为 ", value])
        } else {
            concat(&["Likely typo: '", cell, "' should be ", value])
        }
    }

    pub fn collapse(&self) -> &'static str {
        self.pick("收起", "Hide")
    }

    pub fn expand(&self) -> &'static str {
        self.pick("展开", "Show")
    }

    pub fn locate(&self) -> &'static str {
        self.pick("定位到此单元格", "Go to this cell")
    }

    pub fn not_bound(&self, n: usize) -> String {
        if self.zh() {
            concat(&[
                &u64_text(n as u64),
                " 个单元格未能对应到页面上的输入框，相关规则未检查：",
            ])
        } else {
            concat(&[
                &u64_text(n as u64),
                " cells could not be found on the page; their rules are not checked:",
            ])
        }
    }

    /// The restore offer; `newer`: when what was typed while the offer was open was saved.
    pub fn restore_offer(&self, when: &str, n: usize, newer: Option<&str>) -> String {
        let mut s = if self.zh() {
            concat(&[
                "本机于 ",
                when,
                " 自动保存过填写内容，其中 ",
                &u64_text(n as u64),
                " 个单元格与当前页面不同。",
            ])
        } else {
            concat(&[
                "Values auto-saved on this computer at ",
                when,
                " differ from this page in ",
                &u64_text(n as u64),
                " cells.",
            ])
        };
        if let Some(t) = newer {
            if self.zh() {
                s.push_str(&concat(&[
                    "此后于 ",
                    t,
                    " 又保存了较新的输入（恢复时以较新的为准）。",
                ]));
            } else {
                s.push_str(&concat(&[
                    " Newer input was saved at ",
                    t,
                    " (restoring keeps the newer values).",
                ]));
            }
        }
        s
    }

    pub fn undo(&self) -> &'static str {
        self.pick("撤销", "Undo")
    }

    pub fn undone(&self, n: usize) -> String {
        if self.zh() {
            concat(&[
                "已撤销恢复，",
                &u64_text(n as u64),
                " 个单元格改回恢复前的内容。",
            ])
        } else {
            concat(&[
                "Restore undone: ",
                &u64_text(n as u64),
                " cells are back to what they held before.",
            ])
        }
    }

    pub fn autosave_failed(&self, reason: &str) -> String {
        if self.zh() {
            concat(&[
                "自动保存失败（",
                reason,
                "）：本机未保存填写内容，请及时提交或用系统的保存草稿功能。",
            ])
        } else {
            concat(&[
                "Autosave failed (",
                reason,
                "): nothing is saved on this computer; submit or save a draft in the system.",
            ])
        }
    }

    pub fn restore(&self) -> &'static str {
        self.pick("恢复", "Restore")
    }

    pub fn discard(&self) -> &'static str {
        self.pick("丢弃", "Discard")
    }

    pub fn restored(&self, n: usize) -> String {
        if self.zh() {
            concat(&["已恢复 ", &u64_text(n as u64), " 个单元格。"])
        } else {
            concat(&["Restored ", &u64_text(n as u64), " cells."])
        }
    }

    /// The panel's pending line (spec §3.1): checks that wait for blank cells.
    pub fn pending_line(&self, n: usize) -> String {
        if self.zh() {
            concat(&[
                "另有 ",
                &u64_text(n as u64),
                " 项核对待相关单元格填写后进行。",
            ])
        } else if n == 1 {
            "1 more check runs once its cells are filled.".into()
        } else {
            concat(&[
                &u64_text(n as u64),
                " more checks run once their cells are filled.",
            ])
        }
    }

    pub fn check_all(&self) -> &'static str {
        self.pick("全部检查", "Check all")
    }

    pub fn check_all_title(&self) -> &'static str {
        self.pick(
            "现在检查全部规则：空白单元格按 0 计，空白的总计请填写",
            "Check every rule now: blank cells count as 0, blank totals are asked for",
        )
    }

    /// `unbound[].message`: why a cell could not be bound (`cell`: its label, else its id).
    pub fn unbound(
        &self,
        reason: &str,
        cell: &str,
        label: Option<&str>,
        selector: Option<&str>,
    ) -> String {
        let sel = selector.unwrap_or("");
        let label = crate::textnorm::replace(label.unwrap_or(""), "\n", "");
        let zh = self.zh();
        match reason {
            "no-element" if zh => concat(&[
                "「",
                cell,
                "」：map 中的选择器 ",
                sel,
                " 在页面上找不到元素",
            ]),
            "no-element" => concat(&[
                "'",
                cell,
                "': the map's selector ",
                sel,
                " matches no element",
            ]),
            "not-an-element" if zh => concat(&["「", cell, "」：map 给出的不是页面元素"]),
            "not-an-element" => concat(&["'", cell, "': the map's value is not an element"]),
            "unmapped-label" if zh => {
                concat(&["表格中的标签「", &label, "」未能对应到年报的单元格"])
            }
            "unmapped-label" => concat(&[
                "the table's label 「",
                &label,
                "」 matches no cell of the report",
            ]),
            "duplicate" if zh => concat(&["「", cell, "」在页面上出现两次，只绑定了第一个"]),
            "duplicate" => concat(&[
                "'",
                cell,
                "' appears twice on the page; only the first is bound",
            ]),
            "merged" if zh => concat(&["「", cell, "」在页面表格中与上一行合并，不单独检查"]),
            "merged" => concat(&[
                "'",
                cell,
                "' is merged with the row above in the page's table and not checked on its own",
            ]),
            "unknown-cell" if zh => concat(&[
                "“",
                cell,
                "”不是本格式的单元格编号（data-nianbao-cell 或 map）",
            ]),
            "unknown-cell" => concat(&[
                "'",
                cell,
                "' is not a cell id of this format (data-nianbao-cell or map)",
            ]),
            "not-a-text-field" if zh => concat(&["「", cell, "」绑定的元素不是可填写的文本框"]),
            "not-a-text-field" => concat(&["'", cell, "': the bound element is not a text field"]),
            "element-taken" if zh => concat(&["「", cell, "」的元素已绑定给另一个单元格"]),
            "element-taken" => {
                concat(&["'", cell, "': its element is already bound to another cell"])
            }
            "no-column-label" if zh => {
                concat(&["「", cell, "」所在的列没有可识别的列标题，不按位置猜测绑定"])
            }
            "no-column-label" => concat(&[
                "'",
                cell,
                "': its column has no recognisable label; nianbao does not bind by position",
            ]),
            "not-found" if zh => concat(&["页面上没有找到「", cell, "」，相关规则未检查"]),
            "not-found" => concat(&[
                "'",
                cell,
                "' was not found on the page; its rules are not checked",
            ]),
            other if zh => concat(&["「", cell, "」未能绑定（", other, "）"]),
            other => concat(&["'", cell, "' could not be bound (", other, ")"]),
        }
    }

    pub fn severity(&self, severity: crate::rules::Severity) -> &'static str {
        match severity {
            crate::rules::Severity::Error => self.pick("错误", "Error"),
            crate::rules::Severity::Warning => self.pick("提醒", "Warning"),
            crate::rules::Severity::Info => self.pick("说明", "Note"),
        }
    }
}
