// A plain server-rendered-style form of the report (what the CSP pages hold): <table>s of
// <input>s with the printed labels, built by an external script (no inline script under CSP).
(function () {
  'use strict';
  var NB = window.NB;
  var esc = NB.esc;
  var field = function (id) {
    return '<input type="text" class="ipt" autocomplete="off" data-testid="' + id + '" value="' + esc(NB.values[id] == null ? '' : NB.values[id]) + '">';
  };
  var h = ['<h1>' + NB.year + '年度政府信息公开工作年度报告</h1>', '<h2>二、主动公开政府信息情况</h2><table class="rpt"><tbody>'];
  NB.S2_BLOCKS.forEach(function (b) {
    var wide = b[1].length === 1 ? ' colspan="3"' : '';
    h.push('<tr class="cap"><td colspan="4">' + b[0] + '</td></tr><tr><th>信息内容</th>');
    b[1].forEach(function (l) { h.push('<th' + wide + '>' + l + '</th>'); });
    h.push('</tr>');
    b[3].forEach(function (r) {
      h.push('<tr><td>' + r[0] + '</td>');
      b[2].forEach(function (c) { h.push('<td' + wide + '>' + field('s2.' + r[1] + '.' + c) + '</td>'); });
      h.push('</tr>');
    });
  });
  h.push('</tbody></table><h2>三、收到和处理政府信息公开申请情况</h2><table class="rpt"><thead>');
  h.push('<tr><th rowspan="3" colspan="3">' + NB.S3_NOTE + '</th><th colspan="7">申请人情况</th></tr>');
  h.push('<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr><tr>');
  NB.S3_COLS.slice(1, 6).forEach(function (c) { h.push('<th>' + c[1] + '</th>'); });
  h.push('</tr></thead><tbody>');
  var seen = {};
  var count = function (k, v) { return NB.S3_ROWS.filter(function (x) { return x[k] === v; }).length; };
  NB.S3_ROWS.forEach(function (r) {
    h.push('<tr>');
    if (!r[1]) h.push('<td colspan="3">' + r[3] + '</td>');
    else {
      if (!seen[r[1]]) { seen[r[1]] = 1; h.push('<td rowspan="' + count(1, r[1]) + '">' + r[1] + '</td>'); }
      if (!r[2]) h.push('<td colspan="2">' + r[3] + '</td>');
      else {
        if (!seen[r[2]]) { seen[r[2]] = 1; h.push('<td rowspan="' + count(2, r[2]) + '">' + r[2] + '</td>'); }
        h.push('<td>' + r[3] + '</td>');
      }
    }
    NB.S3_COLS.forEach(function (c) { h.push('<td>' + field('s3.' + r[0] + '.' + c[0]) + '</td>'); });
    h.push('</tr>');
  });
  h.push('</tbody></table><h2>四、政府信息公开行政复议、行政诉讼情况</h2><table class="rpt"><thead>');
  h.push('<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr><tr>');
  NB.S4_SUBS.forEach(function (s) { h.push('<th rowspan="2">' + s[1] + '</th>'); });
  h.push('<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr><tr>');
  for (var i = 0; i < 2; i++) NB.S4_SUBS.forEach(function (s) { h.push('<th>' + s[1] + '</th>'); });
  h.push('</tr></thead><tbody><tr>');
  NB.S4_GROUPS.forEach(function (g) { NB.S4_SUBS.forEach(function (s) { h.push('<td>' + field('s4.' + g[0] + '.' + s[0]) + '</td>'); }); });
  h.push('</tr></tbody></table><p><button type="submit">提交审核</button></p>');
  var form = document.getElementById('report');
  form.innerHTML = h.join('');
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  var q = function (id) { return form.querySelector('input[data-testid="' + id + '"]'); };
  window.host = {
    ready: true,
    getModel: function (id) { return q(id).value; },
    setModel: function (id, v) { q(id).value = v; },
    rerender: function () {},
    fieldOf: NB.testidOf,
    edit: q,
  };
})();
