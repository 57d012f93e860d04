//! Tests of the HTML reader (`html.rs`): tables, layout, encodings, limits, the corpus.

use super::*;
use crate::import::tables::TableInput;

fn table_texts(t: &TableInput) -> Vec<Vec<&str>> {
    (0..t.grid.height()).map(|r| t.grid.row_texts(r)).collect()
}

fn only_table(html: &str) -> Vec<Vec<String>> {
    let doc = parse_html(html);
    assert_eq!(doc.tables.len(), 1, "{html}");
    table_texts(&doc.tables[0])
        .into_iter()
        .map(|r| r.into_iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn entities() {
    let doc = parse_html(
        "<p>&nbsp;a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; &ldquo;三安全一稳定&rdquo;&mdash;&hellip;</p>\
         <p>&#20320;&#x597D;&#X597d; &#150; &#0; &#xD800; &#99999999999;</p>\
         <p>&unknown; &amp &nbsp0 &ampx; & &# &#x; &copy2024</p>",
    );
    assert_eq!(
        doc.text,
        "a&b <c> \"d\" 'e' “三安全一稳定”—…\n你好好 – \u{FFFD} \u{FFFD} \u{FFFD}\n&unknown; & 0 &x; & &# &#x; ©2024"
    );
}

#[test]
fn cell_text_keeps_line_breaks() {
    let rows = only_table(
        "<table><tr><td>本年新<br />制作数量</td><td><p>自</p><p>然</p><p>人</p></td>\
         <td>　&nbsp;&nbsp;&nbsp;0 &nbsp;</td><td> a \n\t b </td><td>&nbsp;</td></tr></table>",
    );
    assert_eq!(rows, [["本年新\n制作数量", "自\n然\n人", "0", "a b", ""]]);
}

#[test]
fn hidden_content_and_title() {
    let doc = parse_html(
        "<!DOCTYPE html><html><HEAD><meta charset=utf-8><Title> 年度报告 &amp; 附件 </TITLE>\
         <style>p { color: red }</style><script>var t = '<table><td>x</td></table>';</script></head>\
         <body><!-- <table><td>commented</td></table> --><noscript>请启用脚本</noscript>\
         <![if !supportMisalignedColumns]><p>正文</p><![endif]><?php echo 1 ?>\
         <SCRIPT type=text/javascript>if (a < b) {}</script >尾</body></html>",
    );
    assert_eq!(doc.title, "年度报告 & 附件");
    assert_eq!(doc.text, "正文\n尾");
    assert!(doc.tables.is_empty());
}

#[test]
fn attributes_and_case() {
    let rows = only_table(
        "<TABLE border=1><TR><TD ROWSPAN=2 colspan='2' style=\"a>b\">a</TD><Th Colspan = \"2\" data-x='\"'>b</tH></Tr>\
         <tr><td rowspan=\"+1px\" colspan=abc>c</td><td class=x\"y>d</td></tr></table>",
    );
    assert_eq!(rows, [["a", "a", "b", "b"], ["a", "a", "c", "d"]]);
}

#[test]
fn implicit_closing() {
    // No </td>, no </tr>, a cell before any <tr>, and EOF inside the table.
    let rows = only_table("<table><td>x<tr><td>a<td>b<tr><th>c<td>d</tbody><tr><td>e");
    assert_eq!(rows, [["x", ""], ["a", "b"], ["c", "d"], ["e", ""]]);
    // Table tags outside a table are ignored; text stays in the narrative.
    let doc = parse_html("<td>a</td><tr><td>b</tr></td></table>c");
    assert!(doc.tables.is_empty());
    assert_eq!(doc.text, "abc");
    // A <table> directly inside a table (not in a cell) closes the first one.
    let doc = parse_html("<table><tr><td>1</td></tr><table><tr><td>2</td></tr></table>");
    assert_eq!(doc.tables.len(), 2);
    assert_eq!(doc.tables[1].grid.row_texts(0), ["2"]);
}

#[test]
fn narrative_and_text_before() {
    let doc = parse_html(
        "<div>导航</div><p>一、总体情况</p><p>正文 <b>加粗</b>\n继续</p><p>二、主动公开政府信息情况</p>\
         <table><tr><td>规章</td></tr></table>\
         <p style='x'>三、收到和处理政府信息公开申请情况</p>\
         <table><caption>表三</caption><tr><td>总计</td></tr></table><table><tr><td>x</td></tr></table>\
         <ul><li>五<li>六</ul>",
    );
    assert_eq!(
        doc.text,
        "导航\n一、总体情况\n正文 加粗 继续\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n五\n六"
    );
    let before: Vec<&str> = doc.tables.iter().map(|t| t.text_before.as_str()).collect();
    assert_eq!(
        before,
        [
            "导航\n一、总体情况\n正文 加粗 继续\n二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况\n表三",
            ""
        ]
    );
}

#[test]
fn nested_tables() {
    let doc = parse_html(
        "<table><tr><td>布局<p>三、收到和处理政府信息公开申请情况</p>\
         <table><tr><td>自<br>然人</td><td>总计</td></tr><tr><td>1</td><td></td><td>2</td></tr></table>\
         后记</td><td>侧栏</td></tr></table>",
    );
    assert_eq!(doc.tables.len(), 2);
    let (outer, inner) = (&doc.tables[0], &doc.tables[1]);
    assert_eq!(
        table_texts(inner),
        [["自\n然人", "总计", ""], ["1", "", "2"]]
    );
    assert_eq!(
        inner.text_before,
        "布局\n三、收到和处理政府信息公开申请情况"
    );
    assert_eq!(
        table_texts(outer),
        [[
            "布局\n三、收到和处理政府信息公开申请情况\n自 然人\t总计\n1\t2\n后记",
            "侧栏"
        ]]
    );
    assert_eq!(doc.text, "");
}

#[test]
fn deep_nesting_is_flattened() {
    let depth = MAX_TABLE_DEPTH + 5;
    let html = "<table><tr><td>c".repeat(depth) + &"</td></tr></table>".repeat(depth) + "尾";
    let doc = parse_html(&html);
    assert_eq!(doc.tables.len(), MAX_TABLE_DEPTH);
    let deepest = &doc.tables[MAX_TABLE_DEPTH - 1];
    assert_eq!(deepest.grid.height(), 1);
    assert_eq!(deepest.grid.row_texts(0), ["c\nc\nc\nc\nc\nc"]);
    assert_eq!(doc.text, "尾");
}

#[test]
fn preformatted_text() {
    let doc = parse_html("<pre>a  b\nc</pre>d");
    assert_eq!(doc.text, "a b\nc\nd");
}

#[test]
fn literal_angle_brackets() {
    // `</` + non-letter opens a bogus comment up to the next '>' and `</>` is dropped,
    // as in browsers.
    let doc = parse_html("<p>1 < 2, 3<4, x </ y, <>, a</>b, c</ 5>d, e<</p>");
    assert_eq!(doc.text, "1 < 2, 3<4, x , ab, cd, e<");
}

#[test]
fn spans_reach_the_grid() {
    let rows = only_table(
        "<table><tr><td rowspan=0>all</td><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr>\
         <tr><td colspan=0>z</td><td colspan=99999>w</td></tr></table>",
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2][..2], ["all", "c"]);
    assert_eq!(rows[3][..3], ["all", "z", "w"]);
    assert_eq!(rows[3].len(), crate::import::grid::MAX_COLS);
}

fn corpus_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus")
}

fn corpus_html() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(corpus_dir())
        .expect("corpus directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("utf-8 html"))
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 8, "corpus .html files");
    files
}

fn corpus_doc(name: &str) -> HtmlDoc {
    parse_html(&std::fs::read_to_string(corpus_dir().join(name)).expect("corpus file"))
}

/// Every page: three tables with the national layouts, captions found, chrome and
/// scripts kept out of the cells.
#[test]
fn corpus_pages_parse() {
    for (name, html) in corpus_html() {
        let doc = parse_html(&html);
        assert!(
            doc.title.contains("政府信息公开工作年度报告"),
            "{name}: {}",
            doc.title
        );
        assert_eq!(doc.tables.len(), 3, "{name}");
        for t in &doc.tables {
            assert!(
                t.grid.rows.iter().all(|r| r.len() == t.grid.width()),
                "{name}"
            );
        }
        let [s2, s3, s4] = [&doc.tables[0], &doc.tables[1], &doc.tables[2]];
        // The caption is the last line before each table (jinjing 2019 appends （有关情况附表）).
        let caption = |t: &TableInput| t.text_before.lines().last().unwrap_or("").to_owned();
        assert!(
            caption(s2).starts_with("二、主动公开政府信息情况"),
            "{name}"
        );
        assert!(
            caption(s3).starts_with("三、收到和处理政府信息公开申请情况"),
            "{name}"
        );
        assert!(
            caption(s4).starts_with("四、政府信息公开行政复议"),
            "{name}"
        );
        assert_eq!(s2.grid.row_texts(0), ["第二十条第（一）项"; 4], "{name}");
        assert_eq!(s2.grid.width(), 4, "{name}");
        assert!(s3.grid.row_texts(0)[0].contains("勾稽关系"), "{name}");
        assert_eq!(s3.grid.row_texts(0).last(), Some(&"申请人情况"), "{name}");
        let last = s3.grid.height() - 1;
        assert_eq!(
            s3.grid.row_texts(last)[0],
            "四、结转下年度继续办理",
            "{name}"
        );
        assert_eq!(s4.grid.width(), 15, "{name}");
        assert_eq!(
            s4.grid.row_texts(0)[..6],
            [
                "行政复议",
                "行政复议",
                "行政复议",
                "行政复议",
                "行政复议",
                "行政诉讼"
            ]
        );
        assert!(
            doc.text.contains("一、总体情况")
                || doc.text.contains("一、总体情况".replace('、', "").as_str())
        );
        assert!(
            !doc.text.contains("SiteInfo") && !doc.text.contains("申请人情况"),
            "{name}"
        );
        // Cells hold trimmed text: no NBSP, no empty lines, no edge spaces.
        for t in &doc.tables {
            for c in t.grid.rows.iter().flatten() {
                assert_eq!(c.text.trim(), c.text, "{name}");
                assert!(
                    !c.text.contains('\u{A0}') && !c.text.contains("\n\n"),
                    "{name}: {:?}",
                    c.text
                );
            }
        }
    }
}

#[test]
fn corpus_shenpi_2024_exact() {
    let doc = corpus_doc("pingtan-shenpi-2024.html");
    assert_eq!(doc.title, "平潭综合实验区行政审批局2024年政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会");
    let s2 = table_texts(&doc.tables[0]);
    assert_eq!(s2.len(), 14);
    assert_eq!(
        s2[1],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    );
    assert_eq!(s2[3], ["行政规范性文件", "15", "6", "21"]);
    assert_eq!(
        s2[5],
        [
            "信息内容",
            "本年处理决定数量",
            "本年处理决定数量",
            "本年处理决定数量"
        ]
    );
    assert_eq!(s2[12][1], "本年收费金额（单位：万元）");

    let s3 = &doc.tables[1].grid;
    assert_eq!((s3.height(), s3.width()), (28, 10));
    assert_eq!(
        s3.row_texts(1)[3..6],
        ["自\n然\n人", "法人或其他组织", "法人或其他组织"]
    );
    assert_eq!(
        s3.row_texts(2)[3..],
        [
            "自\n然\n人",
            "商业\n企业",
            "科研\n机构",
            "社会\n公益\n组织",
            "法律\n服务\n机构",
            "其他",
            "总计"
        ]
    );
    assert_eq!(
        s3.row_texts(3),
        ["一、本年新收政府信息公开申请数量"; 3]
            .iter()
            .copied()
            .chain(["28", "0", "0", "0", "0", "0", "28"])
            .collect::<Vec<_>>()
    );
    assert_eq!(s3.row_texts(5)[0], "三\n、\n本\n年\n度\n办\n理\n结\n果");
    assert_eq!(
        s3.row_texts(7)[1..4],
        ["（三）不予公开", "1.属于国家秘密", "0"]
    );
    assert_eq!(s3.row_texts(9)[2], "3.危及“三安全一稳定”");
    assert_eq!(
        s3.row_texts(15)[2..],
        [
            "1.本机关不掌握相关政府信息",
            "4",
            "0",
            "0",
            "0",
            "0",
            "0",
            "4"
        ]
    );
    assert_eq!(s3.row_texts(26)[1..4], ["（七）总计", "（七）总计", "28"]);
    // Span copies are marked; the physical cells are numbered in document order.
    assert!(s3.get(0, 0).unwrap().origin && !s3.get(2, 2).unwrap().origin);
    assert_eq!(s3.get(2, 2).unwrap().source, 0);
    assert_eq!(s3.get(0, 3).unwrap().source, 1);

    let s4 = table_texts(&doc.tables[2]);
    assert_eq!(s4.len(), 4);
    assert_eq!(
        s4[1][..6],
        [
            "结果维持",
            "结果\n纠正",
            "其他\n结果",
            "尚未\n审结",
            "总计",
            "未经复议直接起诉"
        ]
    );
    assert_eq!(
        s4[2][10..],
        [
            "结果\n维持",
            "结果\n纠正",
            "其他\n结果",
            "尚未\n审结",
            "总计"
        ]
    );
    assert_eq!(
        s4[3],
        ["1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]
    );

    assert!(doc.text.contains("\n五、存在的主要问题及改进情况\n"));
    assert!(doc.text.contains("因依申请公开引发行政复议1起"));
}

#[test]
fn corpus_gb2019_and_misaligned() {
    let doc = corpus_doc("pingtan-qu-2020.html");
    let s2 = table_texts(&doc.tables[0]);
    assert_eq!(
        s2[1],
        [
            "信息内容",
            "本年新\n制作数量",
            "本年新\n公开数量",
            "对外公开总数量"
        ]
    );
    assert_eq!(s2[10], ["行政处罚", "2648", "-18", "538"]);
    assert_eq!(
        s2[13],
        ["信息内容", "上一年项目数量", "本年增/减", "本年增/减"]
    );
    assert_eq!(
        s2[17],
        ["政府集中采购", "395", "73802895.90元", "73802895.90元"]
    );
    assert_eq!(
        doc.tables[1].grid.row_texts(23)[1..4],
        ["（六）其他处理", "（六）其他处理", "4"]
    );

    // NBSP and U+3000 padding around a value.
    let doc = corpus_doc("pingtan-jinjing-2019.html");
    assert_eq!(doc.tables[0].grid.row_texts(6), ["行政许可", "0", "0", "0"]);
    assert_eq!(
        doc.tables[0].grid.row_texts(17),
        ["政府集中采购", "3", "147230元", "147230元"]
    );

    // Word colspans that do not line up: table 三 is 11 columns wide.
    let doc = corpus_doc("pingtan-qu-2021.html");
    let s3 = &doc.tables[1].grid;
    assert_eq!(s3.width(), 11);
    assert_eq!(s3.row_texts(1)[3..5], ["自然人", "自然人"]);
    assert_eq!(
        s3.row_texts(3)[3..],
        ["64", "0", "0", "0", "2", "0", "4", "70"]
    );

    // 市场监管局: one number merged over （六）1–3; the 规章 row is absent.
    let doc = corpus_doc("pingtan-shichang-2024.html");
    assert_eq!(
        doc.tables[0].grid.row_texts(2),
        ["规范性文件", "6", "8", "56"]
    );
    let s3 = &doc.tables[1].grid;
    let other: Vec<_> = (23..26)
        .map(|r| {
            (
                s3.get(r, 3).unwrap().text.as_str(),
                s3.get(r, 3).unwrap().origin,
            )
        })
        .collect();
    assert_eq!(other, [("0", true), ("0", false), ("0", false)]);
}

/// Floor `i` to a char boundary of `s`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn check_invariants(doc: &HtmlDoc) {
    for t in &doc.tables {
        let w = t.grid.width();
        assert!(t.grid.rows.iter().all(|r| r.len() == w));
        assert!(w * t.grid.height() <= crate::import::grid::MAX_SLOTS);
    }
}

/// Truncated and garbled copies of the corpus: prefixes, suffixes, windows, raw byte cuts
/// inside multi-byte characters (decoded lossily) and shuffled halves. Nothing may panic.
#[test]
fn corpus_cuts_never_panic() {
    for (_, html) in corpus_html() {
        let n = html.len();
        // Cut points spread over the file plus points inside the first tables' markup.
        let mut cuts: Vec<usize> = (1..24).map(|k| n * k / 24).collect();
        if let Some(t) = html.find("<table") {
            cuts.extend((0..40).map(|k| t + k * 37));
        }
        for &raw in &cuts {
            let cut = floor_boundary(&html, raw);
            check_invariants(&parse_html(&html[..cut]));
            check_invariants(&parse_html(&html[cut..]));
            let end = floor_boundary(&html, cut + 5_000);
            check_invariants(&parse_html(&html[cut..end]));
            // Byte-level cut, possibly inside a UTF-8 sequence.
            let lossy = String::from_utf8_lossy(&html.as_bytes()[raw.min(n)..(raw + 3_001).min(n)]);
            check_invariants(&parse_html(&lossy));
        }
        // Swap halves at a cut inside the tables: closing tags before opening ones.
        let mid = floor_boundary(&html, n / 2);
        let swapped = format!("{}{}", &html[mid..], &html[..mid]);
        check_invariants(&parse_html(&swapped));
    }
}

#[test]
fn garbage_never_panics() {
    let pieces = [
        "<",
        ">",
        "</",
        "<!",
        "<!--",
        "-->",
        "--!>",
        "<?",
        "&",
        "&#",
        "&#x",
        "&#1234567890;",
        "&nbsp",
        "\"",
        "'",
        "=",
        "<td",
        "<td rowspan=",
        "<tr>",
        "<table>",
        "</table>",
        "</td>",
        "<th colspan=\"0",
        "<br/>",
        "<p>",
        "<script>",
        "</script",
        "<style",
        "<title>",
        "</title>",
        "<pre>",
        "</pre>",
        "<caption>",
        "<head>",
        "<body>",
        "自然人",
        "\u{A0}",
        "\u{3000}",
        " ",
        "\n",
        "<TD ROWSPAN=999999999999999999999>",
        "<xmp>",
    ];
    // Deterministic pseudo-random sequences of the pieces.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..60 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        check_invariants(&parse_html(&s));
    }
    for s in [
        "",
        "<",
        "&",
        "<t",
        "<td",
        "</",
        "<!-",
        "<!--",
        "<!-->",
        "<!--->",
        "<table",
        "<table><td rowspan=\"",
    ] {
        check_invariants(&parse_html(s));
    }
}

/// Pathological inputs that make naive parsers quadratic.
#[test]
fn linear_time_on_pathological_input() {
    const N: usize = 100_000;
    let inputs = [
        "<td>".repeat(N),
        "<table><tr><td>x".repeat(N),
        "<tr>".repeat(N),
        "<".repeat(N),
        "</".repeat(N),
        "<a ".repeat(N),
        "<a b=\"".repeat(N),
        "<!--".repeat(N),
        "<!".repeat(N),
        "&".repeat(N),
        "&#".repeat(N),
        "&nbsp".repeat(N),
        "<script>".repeat(N),
        "<title>".repeat(N),
        "</table>".repeat(N),
        "<table>".repeat(N),
        "<p>".repeat(N),
        "<table><tr>".to_owned() + &"<td colspan=1000 rowspan=1000>".repeat(N),
        "<table>".to_owned() + &"<tr><td>x</td></tr>".repeat(N),
    ];
    let start = std::time::Instant::now();
    for input in &inputs {
        check_invariants(&parse_html(input));
    }
    // Generous for debug builds on a slow machine; a quadratic pass would take minutes.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    let doc = parse_html(&inputs[0]);
    assert!(doc.tables.is_empty());
    let doc = parse_html(&inputs[18]);
    assert_eq!(doc.tables[0].grid.height(), N);
}

#[test]
fn hidden_elements_are_not_text() {
    // One list for both readers (`builder::HIDDEN_TAGS`): `<template>` content is inert, as
    // in the DOM the browser's walk reads.
    let doc = parse_html(
        "<p>a</p><template><p>t</p><table><tr><td>1</td></tr></table></template>\
         <script>s</script><style>x</style><textarea>w</textarea><p>b</p>",
    );
    assert_eq!(doc.text, "a\nb");
    assert!(doc.tables.is_empty());
}

#[test]
fn flow_of_matches_the_shared_rule() {
    let mut names: Vec<&[u8]> = builder::BLOCK_TAGS.iter().map(|t| t.as_bytes()).collect();
    names.extend([
        &b"pre"[..],
        b"span",
        b"font",
        b"b",
        b"a",
        b"img",
        b"td",
        b"x",
        b"",
    ]);
    for name in names {
        assert_eq!(
            flow_of(name),
            Flow::of(name),
            "{}",
            String::from_utf8_lossy(name)
        );
    }
}

#[test]
fn push_decoded_matches_char_at_a_time() {
    // Every character `push_char` treats specially, and its neighbours in UTF-8.
    let special = [
        "\t", "\n", "\x0b", "\x0c", "\r", " ", "\u{85}", "\u{A0}", "\u{AD}", "\u{1680}",
        "\u{2000}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}",
        "\u{3000}", "、", "。", "\u{1F}", "©", "—", "中", "a", "&amp;", "&nbsp;", "&#12288;", "&x",
    ];
    let mut inputs = Vec::new();
    for a in special {
        for b in special {
            inputs.push(format!("{a}{b}"));
            inputs.push(format!("x{a}y{b} 中\n  z"));
            inputs.push(format!("\n{a}\n\n{b}"));
        }
        // At every offset of the eight-byte steps, after and between runs longer than one.
        for k in 0..17 {
            let pad = "x".repeat(k);
            inputs.push(format!("{pad}{a}abcdefghijklmnop{a}"));
            inputs.push(format!("政府信息公开{pad}{a}年度报告工作{a}{pad}"));
        }
    }
    for raw in &inputs {
        for pre in [false, true] {
            for start in ["", "s", "s\n"] {
                let mut want = TextSink::default();
                want.out.push_str(start);
                want.pending_space = pre;
                let mut got = TextSink {
                    out: start.to_owned(),
                    pending_space: pre,
                    ..TextSink::default()
                };
                for_each_decoded(raw, |c| want.push_char(c, pre));
                push_decoded(&mut got, raw, pre);
                assert_eq!(
                    (&got.out, got.pending_space, got.pending_break),
                    (&want.out, want.pending_space, want.pending_break),
                    "{raw:?} pre={pre}"
                );
            }
        }
    }
}
