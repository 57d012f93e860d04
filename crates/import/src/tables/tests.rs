use super::*;
use crate::import::grid::RawCell;

fn grid(rows: &[&[&str]]) -> Grid {
    let mut n = 0;
    Grid::from_rows(
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|t| {
                        n += 1;
                        RawCell::new(*t, n)
                    })
                    .collect()
            })
            .collect(),
    )
}

#[test]
fn years() {
    assert_eq!(
        detect_year("2024 年政府信息公开工作年度报告", ""),
        Some(2024)
    );
    assert_eq!(
        detect_year("平潭综合实验区2021年度政府信息公开工作年度报告_政府", ""),
        Some(2021)
    );
    assert_eq!(
        detect_year("", "x\n本报告所列数据统计期限自2019年1月1日"),
        Some(2019)
    );
    assert_eq!(detect_year("无", "电话 0517-83605210"), None);
}

#[test]
fn s4_header_in_any_shape() {
    let t = TableInput {
        grid: grid(&[
            &["行政复议", "行政诉讼"],
            &[
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计",
                "未经复议直接起诉",
                "复议后起诉",
            ],
            &[
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计",
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计",
            ],
            &[
                "1", "2", "3", "4", "10", "5", "", "", "", "5", "", "", "", "", "",
            ],
        ]),
        text_before: "四、政府信息公开行政复议、行政诉讼情况".into(),
    };
    let m = map_tables(&[t], Some("gb2021"));
    let get = |id: &str| {
        m.cells
            .iter()
            .find(|c| c.cell == id)
            .map(|c| c.text.as_str())
    };
    assert_eq!(get("s4.review.total"), Some("10"));
    assert_eq!(get("s4.suit_direct.upheld"), Some("5"));
    assert_eq!(get("s4.suit_after_review.total"), Some(""));
    assert_eq!(m.cells.len(), 15);
}

#[test]
fn repeated_notes_are_kept_once_in_first_order() {
    use crate::{Note, NoteLevel};
    let n = |code: &str, zh: &str| Note::new(NoteLevel::Info, code, zh, zh);
    let mut notes = vec![
        n("a", "1"),
        n("b", "1"),
        n("a", "1"),
        n("a", "2"),
        n("b", "1"),
    ];
    mapper::dedup_notes(&mut notes);
    let got: Vec<_> = notes
        .iter()
        .map(|x| (x.code.as_str(), x.message.as_str()))
        .collect();
    assert_eq!(got, [("a", "1"), ("b", "1"), ("a", "2")]);
}
