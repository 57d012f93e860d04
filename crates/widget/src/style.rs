//! CSS. The light-DOM rules (marks on the host's inputs, badges and inline messages) are
//! injected once per document in a `<style data-nb-ui>`; every selector starts with `.nb-`
//! or `[data-nb-`, so nothing applies to the host's own elements unless nianbao marked them.
//! Declarations get `!important` on injection: the host's stylesheet is unknown and must not
//! hide a mark. The panel and the overlay live in shadow roots with their own sheets.

use crate::textnorm;

/// CJK fonts first: the messages are Chinese text with digits, and a Latin-only first font
/// (system-ui) sends every run through font fallback, which costs ~13% of the layout a
/// keystroke's new message needs (e2e/bench-jquery.mjs); their Latin glyphs serve the digits.
const FONT: &str = r#""PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",system-ui,-apple-system,sans-serif"#;

/// An inline message's top margin in `LIGHT` (`.nb-msg{…margin:3px 0 0 0…}`): a placement's
/// `margin-top` replaces it. (Were the two to differ, a placed message would only be measured
/// again each frame, never misplaced.)
pub const MSG_MARGIN_TOP: f64 = 3.0;

/// Light-DOM rules, before `!important` is added.
const LIGHT: &str = r#"
[data-nb-mark]{outline:2px solid #c5221f;outline-offset:1px;}
[data-nb-mark="part"]{outline:2px dashed #c5221f;outline-offset:1px;}
[data-nb-mark="warning"]{outline:2px dotted #a15c00;outline-offset:1px;}
[data-nb-mark][data-nb-inbox]{outline:none;}
[data-nb-rel]{position:relative;}
[data-nb-badge]::after{all:initial;content:attr(data-nb-badge);position:absolute;top:1px;right:1px;display:block;box-sizing:border-box;width:14px;height:14px;border-radius:7px;border:1px solid #fff;background:#c5221f;color:#fff;font:bold 10px/12px %FONT%;text-align:center;z-index:2147482000;pointer-events:none;}
[data-nb-badge="?"]::after{background:#6a1b9a;}
[data-nb-mark="warning"][data-nb-badge]::after{background:#a15c00;}
.nb-badge{all:initial;position:absolute;display:inline-block;box-sizing:border-box;width:15px;height:15px;margin:-7px 0 0 -9px;border-radius:8px;border:1px solid #fff;background:#c5221f;color:#fff;font:bold 11px/13px %FONT%;text-align:center;z-index:2147482000;pointer-events:none;}
.nb-badge-typo{background:#6a1b9a;}
.nb-badge-warn{background:#a15c00;}
.nb-msg{all:initial;box-sizing:border-box;display:block;position:absolute;z-index:2147482001;width:max-content;max-width:24em;min-width:8em;margin:3px 0 0 0;padding:3px 7px 4px 7px;border:1px solid #c5221f;border-left:4px solid #c5221f;border-radius:3px;background:#fff5f4;color:#4a1410;box-shadow:0 2px 6px rgba(0,0,0,.18);font:12px/1.55 %FONT%;text-align:left;white-space:normal;overflow-wrap:anywhere;cursor:default;pointer-events:none;}
.nb-msg[data-nb-probe]{pointer-events:auto;}
.nb-msg[data-nb-tip]{display:none;}
.nb-msg[data-nb-tip][data-nb-open],[data-nb-anchor]:hover~.nb-msg[data-nb-tip],.nb-msg[data-nb-tip]:hover{display:block;}
.nb-msg-warn{display:none;border-color:#a15c00;background:#fff9ef;color:#3d2600;}
[data-nb-anchor]:focus~.nb-msg-warn,[data-nb-anchor]:hover~.nb-msg-warn,.nb-msg-warn[data-nb-open]{display:block;}
.nb-msg[data-nb-dim]{opacity:.12;}
.nb-msg[data-nb-dim] .nb-act{pointer-events:none;}
.nb-line{all:initial;pointer-events:none;display:block;font:inherit;color:inherit;white-space:normal;overflow-wrap:anywhere;}
.nb-sev{all:initial;pointer-events:none;font:inherit;font-weight:bold;color:inherit;margin-right:4px;}
.nb-note{all:initial;pointer-events:none;display:block;font:11px/1.5 %FONT%;color:#6d4c41;}
.nb-act{all:initial;pointer-events:auto;display:inline-block;margin:0 0 0 6px;padding:0 6px;border:1px solid #1a56b0;border-radius:2px;background:#fff;color:#1a56b0;font:bold 12px/18px %FONT%;cursor:pointer;white-space:nowrap;}
.nb-act:hover{background:#e8f0fe;}
.nb-act:focus{outline:2px solid #1a56b0;outline-offset:1px;}
"#;

/// The light-DOM stylesheet text.
pub fn light_css() -> String {
    let css = textnorm::replace(LIGHT, "%FONT%", FONT);
    // Every declaration `name:value;` becomes `name:value !important;`.
    textnorm::replace(&css, ";", " !important;")
}

/// Shadow-root sheet of the summary panel.
pub fn panel_css() -> String {
    const PANEL: &str = r#"
:host{all:initial;}
.p{position:fixed;z-index:2147483000;bottom:12px;right:12px;width:330px;max-width:calc(100vw - 24px);max-height:min(40vh,460px);display:flex;flex-direction:column;box-sizing:border-box;background:#fff;color:#222;border:1px solid #b8c2cf;border-top:3px solid #1a56b0;border-radius:4px;box-shadow:0 4px 18px rgba(0,0,0,.18);font:13px/1.5 %FONT%;text-align:left;}
.p.left{right:auto;left:12px;}
.p.static{position:static;width:auto;max-width:none;max-height:none;box-shadow:none;}
.p.collapsed .body{display:none;}
.p.collapsed{width:auto;max-width:min(330px,calc(100vw - 24px));}
.p.collapsed .hd{padding:3px 5px 3px 7px;gap:5px;}
.p.collapsed .title{font-size:12px;}
.p.collapsed .sum .n,.p.collapsed .sum .sep{display:none;}
.p.collapsed .sum .w{margin-left:5px;}
.p.collapsed .tog{padding:0 5px;}
.p[data-at=bl]{left:12px;right:auto;top:auto;bottom:12px;}
.p[data-at=br]{right:12px;left:auto;top:auto;bottom:12px;}
.p[data-at=tl]{left:12px;right:auto;top:12px;bottom:auto;}
.p[data-at=tr]{right:12px;left:auto;top:12px;bottom:auto;}
.hd{display:flex;align-items:center;gap:8px;padding:6px 8px 6px 10px;border-bottom:1px solid #e3e7ed;background:#f6f8fb;}
.p.collapsed .hd{border-bottom:0;}
.title{font-weight:bold;color:#1a3a66;white-space:nowrap;}
.sum{flex:1;min-width:0;font-size:12px;color:#333;}
.sum .e{color:#b3261e;font-weight:bold;}
.sum .w{color:#8a4b00;}
.sum .ok{color:#1e7b34;}
.sum .n{color:#555;}
button{font:inherit;cursor:pointer;}
.tog{border:1px solid #c6ced9;background:#fff;border-radius:3px;padding:0 8px;font-size:12px;line-height:20px;color:#333;}
.tog:hover{border-color:#1a56b0;color:#1a56b0;}
.body{overflow:auto;min-height:0;}
.tables{display:flex;flex-wrap:wrap;gap:4px 12px;padding:6px 10px;border-bottom:1px solid #eef1f5;font-size:12px;color:#555;}
.tables .t b{font-weight:bold;}
.tables .t.bad b{color:#b3261e;}
.tables .t.ok b{color:#1e7b34;}
ol{list-style:none;margin:0;padding:0;}
li{display:flex;gap:6px;align-items:flex-start;padding:6px 10px;border-bottom:1px solid #f0f2f5;}
li:last-child{border-bottom:0;}
.ic{flex:0 0 auto;display:inline-block;width:16px;height:16px;margin-top:1px;border-radius:8px;color:#fff;background:#b3261e;font:bold 11px/16px %FONT%;text-align:center;}
li.warning .ic,li.info .ic{background:#a15c00;}
.go{flex:1;min-width:0;border:0;background:none;padding:0;text-align:left;color:#222;font-size:12.5px;line-height:1.5;}
.go:hover{color:#1a56b0;text-decoration:underline;}
.go:focus-visible,.fix:focus-visible,.tog:focus-visible,.rs button:focus-visible{outline:2px solid #1a56b0;outline-offset:1px;}
.go .sev{font-weight:bold;margin-right:4px;}
li.error .go .sev{color:#b3261e;}
li.warning .go .sev,li.info .go .sev{color:#8a4b00;}
.fix{flex:0 0 auto;border:1px solid #1a56b0;background:#fff;color:#1a56b0;border-radius:3px;padding:0 6px;font-size:12px;line-height:20px;white-space:nowrap;font-weight:bold;}
.fix:hover{background:#e8f0fe;}
.empty{padding:10px;color:#1e7b34;font-size:12.5px;}
.pend{padding:6px 10px 8px;color:#555;font-size:12px;border-top:1px solid #eee;}
.pend button{margin-left:2px;border:1px solid #1a56b0;background:#fff;color:#1a56b0;border-radius:3px;padding:0 10px;line-height:22px;font-size:12px;cursor:pointer;}
.pend button:focus-visible{outline:2px solid #1a56b0;outline-offset:1px;}
.rs{padding:8px 10px;background:#fff8e1;border-bottom:1px solid #f0dca4;font-size:12.5px;}
.rs button{margin:6px 6px 0 0;border:1px solid #8a6d3b;background:#fff;border-radius:3px;padding:0 10px;line-height:22px;font-size:12px;}
.rs button.pri{background:#1a56b0;border-color:#1a56b0;color:#fff;}
.ub{padding:6px 10px;font-size:12px;color:#6b4e00;background:#fffbea;border-top:1px solid #f3e3a6;overflow-wrap:anywhere;}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;}
"#;
    textnorm::replace(PANEL, "%FONT%", FONT)
}

/// Shadow-root sheet of the overlay that marks cells nianbao must not modify (tables inside a
/// rich-text editor or a read-only page).
pub fn overlay_css() -> String {
    const OVERLAY: &str = r#"
:host{all:initial;}
.box{position:absolute;box-sizing:border-box;pointer-events:none;outline:2px solid #c5221f;outline-offset:-1px;}
.box.part{outline-style:dashed;}
.box.warning{outline:2px dotted #a15c00;}
.badge{position:absolute;right:-7px;top:-7px;width:15px;height:15px;box-sizing:border-box;border-radius:8px;border:1px solid #fff;background:#c5221f;color:#fff;font:bold 11px/13px %FONT%;text-align:center;}
.box.typo .badge{background:#6a1b9a;}
.box.warning .badge{background:#a15c00;}
.msg{position:absolute;box-sizing:border-box;width:max-content;max-width:24em;min-width:8em;padding:3px 7px 4px;border:1px solid #c5221f;border-left:4px solid #c5221f;border-radius:3px;background:#fff5f4;color:#4a1410;box-shadow:0 2px 6px rgba(0,0,0,.18);font:12px/1.55 %FONT%;text-align:left;overflow-wrap:anywhere;pointer-events:none;}
.msg button{pointer-events:auto;}
.msg.tip{display:none;}
.msg.tip:hover{display:block;}
.msg[data-dim]{opacity:.12;}
.msg[data-dim] button{pointer-events:none;}
.msg.warning{display:none;border-color:#a15c00;background:#fff9ef;color:#3d2600;}
.msg.warning.show,.msg.warning:hover{display:block;}
.line{display:block;}
.sev{font-weight:bold;margin-right:4px;}
.note{display:block;font-size:11px;color:#6d4c41;}
button{margin-left:6px;padding:0 6px;border:1px solid #1a56b0;border-radius:2px;background:#fff;color:#1a56b0;font:bold 12px/18px %FONT%;cursor:pointer;white-space:nowrap;}
button:hover{background:#e8f0fe;}
.hidden{display:none;}
"#;
    textnorm::replace(OVERLAY, "%FONT%", FONT)
}
