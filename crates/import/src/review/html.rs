//! The `review --html` report: one self-contained page (inline style, script and data; no
//! request leaves it). It is drawn in the browser by the same script `www/review.html` uses,
//! `www/review-render.js`, fed with the summary and the data of the formats it holds — so
//! the heat-map, the table and the CSV exist once.

use super::Summary;
use crate::format::{self, Format};
use crate::Lang;

const CSS: &str = include_str!("../../../../www/review.css");
const RENDERER: &str = include_str!("../../../../www/review-render.js");

/// What the renderer is fed: the summary, the formats its reports use (labels for the
/// heat-map) and the language.
pub fn data_json(s: &Summary, lang: Lang) -> String {
    let formats: Vec<&Format> = s
        .formats
        .keys()
        .filter_map(|id| format::builtin(id))
        .collect();
    let data = serde_json::json!({ "summary": s, "formats": formats, "lang": lang });
    // `<` escaped: the JSON sits in a <script> element and must not end it.
    serde_json::to_string(&data)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
}

/// The whole page.
pub fn page(s: &Summary, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let n = s.reports.len().to_string();
    let title = if zh {
        ["政府信息公开工作年度报告审查汇总（", &n, " 份）"].concat()
    } else {
        ["Annual report review (", &n, " reports)"].concat()
    };
    let fallback = if zh {
        "此页面需要启用脚本的现代浏览器显示（双核浏览器请切换到“极速模式”）。"
    } else {
        "This page needs a current browser with scripts enabled."
    };
    [
        "<!DOCTYPE html>\n<html lang=\"",
        if zh { "zh-CN" } else { "en" },
        "\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"nianbao ",
        env!("CARGO_PKG_VERSION"),
        "\">\n<title>",
        &escape(&title),
        "</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n",
        CSS,
        "</style>\n</head>\n<body class=\"nbr-page\">\n<div id=\"nianbao-review\" class=\"nbr\">\
         <p class=\"nbr-fallback\">",
        fallback,
        "</p></div>\n<script type=\"application/json\" id=\"nianbao-review-data\">",
        &data_json(s, lang),
        "</script>\n<script>\n",
        RENDERER,
        "</script>\n<script>\nNianbaoReview.render(document.getElementById('nianbao-review'), \
         JSON.parse(document.getElementById('nianbao-review-data').textContent));\n</script>\n\
         </body>\n</html>\n",
    ]
    .concat()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_close_its_script_element() {
        let mut s = Summary::default();
        s.reports.push(super::super::ReportRow {
            file: "</script><b>.html".into(),
            unreadable: Some("x".into()),
            ..Default::default()
        });
        let p = page(&s, Lang::Zh);
        assert!(!p.contains("</script><b>"));
        assert!(p.contains("\\u003c/script>\\u003cb>.html"));
        assert!(!RENDERER.contains("</script"));
    }

    #[test]
    fn the_page_requests_nothing() {
        let p = page(&Summary::default(), Lang::En);
        for needle in ["src=", "href=\"http", "url(", "@import", "fetch("] {
            assert!(!p.contains(needle), "{needle}");
        }
    }
}
