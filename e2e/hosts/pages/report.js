// The 2021-format report (国办公开办函〔2021〕30号) as data, shared by every host page: labels
// exactly as printed (spec formats.md §2.3), the cell ids behind them, and helpers that build
// what an editor would hold. Values come from /dist/fixture.js (built from report-2021.json).
// Classic script, no framework: defines window.NB.
(function () {
  'use strict';
  var S3_COLS = [
    ['natural', '自然人'],
    ['commercial', '商业企业'],
    ['research', '科研机构'],
    ['nonprofit', '社会公益组织'],
    ['legal_service', '法律服务机构'],
    ['org_other', '其他'],
    ['total', '总计'],
  ];
  var S3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
  var RESULT = '三、本年度办理结果';
  // [row id, group (first label column), sub-group (second), item label (third)]
  // A row with no sub-group spans columns 2–3; a row with no group spans all three.
  var S3_ROWS = [
    ['new', null, null, '一、本年新收政府信息公开申请数量'],
    ['carried_over', null, null, '二、上年结转政府信息公开申请数量'],
    ['result.granted', RESULT, null, '（一）予以公开'],
    ['result.partial', RESULT, null, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
    ['result.deny.secret', RESULT, '（三）不予公开', '1.属于国家秘密'],
    ['result.deny.law', RESULT, '（三）不予公开', '2.其他法律行政法规禁止公开'],
    ['result.deny.safety', RESULT, '（三）不予公开', '3.危及“三安全一稳定”'],
    ['result.deny.third_party', RESULT, '（三）不予公开', '4.保护第三方合法权益'],
    ['result.deny.internal', RESULT, '（三）不予公开', '5.属于三类内部事务信息'],
    ['result.deny.process', RESULT, '（三）不予公开', '6.属于四类过程性信息'],
    ['result.deny.case_file', RESULT, '（三）不予公开', '7.属于行政执法案卷'],
    ['result.deny.inquiry', RESULT, '（三）不予公开', '8.属于行政查询事项'],
    ['result.unable.not_held', RESULT, '（四）无法提供', '1.本机关不掌握相关政府信息'],
    ['result.unable.needs_creation', RESULT, '（四）无法提供', '2.没有现成信息需要另行制作'],
    ['result.unable.unclear', RESULT, '（四）无法提供', '3.补正后申请内容仍不明确'],
    ['result.reject.petition', RESULT, '（五）不予处理', '1.信访举报投诉类申请'],
    ['result.reject.repeat', RESULT, '（五）不予处理', '2.重复申请'],
    ['result.reject.publication', RESULT, '（五）不予处理', '3.要求提供公开出版物'],
    ['result.reject.excessive', RESULT, '（五）不予处理', '4.无正当理由大量反复申请'],
    ['result.reject.reconfirm', RESULT, '（五）不予处理', '5.要求行政机关确认或重新出具已获取信息'],
    ['result.other.no_correction', RESULT, '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['result.other.no_fee', RESULT, '（六）其他处理', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    ['result.other.misc', RESULT, '（六）其他处理', '3.其他'],
    ['result.total', RESULT, null, '（七）总计'],
    ['carried_forward', null, null, '四、结转下年度继续办理'],
  ];
  // s2: blocks of [caption, column labels, column ids, rows [label, row id]]
  var S2_BLOCKS = [
    ['第二十条第（一）项', ['本年制发件数', '本年废止件数', '现行有效件数'], ['issued', 'repealed', 'in_force'],
      [['规章', 'rules'], ['行政规范性文件', 'normative']]],
    ['第二十条第（五）项', ['本年处理决定数量'], ['decisions'], [['行政许可', 'licensing']]],
    ['第二十条第（六）项', ['本年处理决定数量'], ['decisions'], [['行政处罚', 'penalty'], ['行政强制', 'coercion']]],
    ['第二十条第（八）项', ['本年收费金额（单位：万元）'], ['amount'], [['行政事业性收费', 'fees']]],
  ];
  var S4_SUBS = [['upheld', '结果维持'], ['corrected', '结果纠正'], ['other', '其他结果'], ['pending', '尚未审结'], ['total', '总计']];
  var S4_GROUPS = [['review', '行政复议', null], ['suit_direct', '行政诉讼', '未经复议直接起诉'], ['suit_after_review', '行政诉讼', '复议后起诉']];

  var cells = [];
  S2_BLOCKS.forEach(function (b) {
    b[3].forEach(function (r) {
      b[2].forEach(function (c) { cells.push('s2.' + r[1] + '.' + c); });
    });
  });
  S3_ROWS.forEach(function (r) {
    S3_COLS.forEach(function (c) { cells.push('s3.' + r[0] + '.' + c[0]); });
  });
  S4_GROUPS.forEach(function (g) {
    S4_SUBS.forEach(function (s) { cells.push('s4.' + g[0] + '.' + s[0]); });
  });

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  /**
   * The three tables as a rich-text editor holds them (the HTML an official copies from the
   * published template), with `values` in the cells. Also returns where each cell sits:
   * pos[cellId] = [table index, row index, cell index] in the tables of the HTML.
   */
  function editorHtml(values) {
    var pos = {};
    var v = function (id) { return esc(values[id] == null ? '' : values[id]); };
    var h = [];
    h.push('<h2>二、主动公开政府信息情况</h2>');
    h.push('<table border="1" style="border-collapse:collapse;width:100%"><tbody>');
    var r = 0;
    S2_BLOCKS.forEach(function (b) {
      h.push('<tr><td colspan="4">' + b[0] + '</td></tr>');
      r++;
      h.push('<tr><td>信息内容</td>');
      b[1].forEach(function (c) { h.push('<td' + (b[1].length === 1 ? ' colspan="3"' : '') + '>' + c + '</td>'); });
      h.push('</tr>');
      r++;
      b[3].forEach(function (row) {
        h.push('<tr><td>' + row[0] + '</td>');
        b[2].forEach(function (c, i) {
          var id = 's2.' + row[1] + '.' + c;
          pos[id] = [0, r, 1 + i];
          h.push('<td' + (b[2].length === 1 ? ' colspan="3"' : '') + '>' + v(id) + '</td>');
        });
        h.push('</tr>');
        r++;
      });
    });
    h.push('</tbody></table>');
    h.push('<h2>三、收到和处理政府信息公开申请情况</h2>');
    h.push('<table border="1" style="border-collapse:collapse;width:100%"><tbody>');
    h.push('<tr><td rowspan="3" colspan="3">' + S3_NOTE + '</td><td colspan="7">申请人情况</td></tr>');
    h.push('<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>');
    h.push('<tr>');
    for (var k = 1; k < 6; k++) h.push('<td>' + S3_COLS[k][1] + '</td>');
    h.push('</tr>');
    r = 3;
    var seenGroup = {};
    var seenSub = {};
    S3_ROWS.forEach(function (row) {
      var first = 0;
      h.push('<tr>');
      if (!row[1]) {
        h.push('<td colspan="3">' + row[3] + '</td>');
        first = 1;
      } else {
        if (!seenGroup[row[1]]) {
          seenGroup[row[1]] = 1;
          var n = S3_ROWS.filter(function (x) { return x[1] === row[1]; }).length;
          h.push('<td rowspan="' + n + '">' + row[1] + '</td>');
          first++;
        }
        if (!row[2]) {
          h.push('<td colspan="2">' + row[3] + '</td>');
          first++;
        } else {
          if (!seenSub[row[2]]) {
            seenSub[row[2]] = 1;
            var m = S3_ROWS.filter(function (x) { return x[2] === row[2]; }).length;
            h.push('<td rowspan="' + m + '">' + row[2] + '</td>');
            first++;
          }
          h.push('<td>' + row[3] + '</td>');
          first++;
        }
      }
      S3_COLS.forEach(function (c, i) {
        var id = 's3.' + row[0] + '.' + c[0];
        pos[id] = [1, r, first + i];
        h.push('<td>' + v(id) + '</td>');
      });
      h.push('</tr>');
      r++;
    });
    h.push('</tbody></table>');
    h.push('<h2>四、政府信息公开行政复议、行政诉讼情况</h2>');
    h.push('<table border="1" style="border-collapse:collapse;width:100%"><tbody>');
    h.push('<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>');
    h.push('<tr>');
    S4_SUBS.forEach(function (s) { h.push('<td rowspan="2">' + s[1] + '</td>'); });
    h.push('<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>');
    h.push('<tr>');
    for (var g = 0; g < 2; g++) S4_SUBS.forEach(function (s) { h.push('<td>' + s[1] + '</td>'); });
    h.push('</tr><tr>');
    var i4 = 0;
    S4_GROUPS.forEach(function (gr) {
      S4_SUBS.forEach(function (s) {
        var id = 's4.' + gr[0] + '.' + s[0];
        pos[id] = [2, 3, i4++];
        h.push('<td>' + v(id) + '</td>');
      });
    });
    h.push('</tr></tbody></table>');
    return { html: h.join(''), pos: pos };
  }

  /** Reads a cell's text back from editor HTML (the editor's saved content), by position. */
  function cellFromHtml(html, pos, id) {
    var doc = new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html');
    var p = pos[id];
    var t = doc.querySelectorAll('table')[p[0]];
    var row = t && t.rows[p[1]];
    var cell = row && row.cells[p[2]];
    return cell ? cell.textContent.replace(/[\s\u00a0\u200b\ufeff]+/g, '') : undefined;
  }

  function query(name) {
    var m = new RegExp('[?&]' + name + '=([^&]*)').exec(location.search);
    return m ? decodeURIComponent(m[1]) : null;
  }

  /** Runs `render` at once, or 600 ms after `load` with ?late=1 (a routed single-page app). */
  function whenToRender(render) {
    if (query('late')) {
      var go = function () { setTimeout(render, 600); };
      if (document.readyState === 'complete') go();
      else window.addEventListener('load', go);
    } else {
      render();
    }
  }

  /** The cell a host's own field carries (pages put data-testid on what they render per cell). */
  function testidOf(el) {
    if (!el || !el.closest) return null;
    var t = el.closest('[data-testid]') || (el.querySelector && el.querySelector('[data-testid]'));
    return t ? t.getAttribute('data-testid') : null;
  }

  /**
   * window.host for a rich-text editor holding the report tables. `ed`: getHtml() (the saved
   * HTML), setHtml(html), undo(), root() (the editable element, possibly in an iframe).
   * The framework's state is the editor's saved HTML; cells are found by position.
   */
  function editorHost(ed) {
    var pos = editorHtml({}).pos;
    var byPos = {};
    Object.keys(pos).forEach(function (id) { byPos[pos[id].join(',')] = id; });
    function cellEl(id) {
      var p = pos[id];
      var root = ed.root();
      var t = root && root.querySelectorAll('table')[p[0]];
      var row = t && t.rows[p[1]];
      return (row && row.cells[p[2]]) || null;
    }
    return {
      ready: false,
      getSavedHtml: function () { return ed.getHtml(); },
      getModel: function (id) { return cellFromHtml(ed.getHtml(), pos, id); },
      setModel: function (id, v) {
        var doc = new DOMParser().parseFromString('<body>' + ed.getHtml() + '</body>', 'text/html');
        var p = pos[id];
        var cell = doc.querySelectorAll('table')[p[0]].rows[p[1]].cells[p[2]];
        var inner = cell.querySelector('p, span') || cell;
        inner.textContent = v;
        ed.setHtml(doc.body.innerHTML);
      },
      rerender: function () { ed.setHtml(ed.getHtml()); },
      undo: function () { ed.undo(); },
      blur: function () { if (ed.blur) ed.blur(); },
      fieldOf: function (el) {
        var td = el && el.closest && el.closest('td, th');
        var table = td && td.closest('table');
        var root = ed.root();
        if (!table || !root || !root.contains(table)) return null;
        var t = Array.prototype.indexOf.call(root.querySelectorAll('table'), table);
        var tr = td.parentNode;
        return byPos[[t, tr.rowIndex, td.cellIndex].join(',')] || null;
      },
      edit: cellEl,
    };
  }

  window.NB = {
    editorHost: editorHost,
    testidOf: testidOf,
    S3_COLS: S3_COLS,
    S3_NOTE: S3_NOTE,
    S3_ROWS: S3_ROWS,
    S2_BLOCKS: S2_BLOCKS,
    S4_SUBS: S4_SUBS,
    S4_GROUPS: S4_GROUPS,
    cells: cells,
    values: (window.NB_FIXTURE && window.NB_FIXTURE.cells) || {},
    year: (window.NB_FIXTURE && window.NB_FIXTURE.year) || 2021,
    editorHtml: editorHtml,
    cellFromHtml: cellFromHtml,
    query: query,
    whenToRender: whenToRender,
    esc: esc,
  };
})();
