/*! nianbao review renderer: draws a review summary (the `nianbao review --json` shape) as
 * the report page. One script for both places it is shown: inlined into the page
 * `nianbao review --html` writes, and loaded by www/review.html after it checked the files in
 * the browser. Labels come from the format data (`formats()` / the CLI's embedded formats);
 * nothing about the tables is written here.
 *
 *   NianbaoReview.render(element, { summary, formats, lang })
 *   NianbaoReview.summarize(rows)   rows (unsorted, as built by the page) -> summary
 *   NianbaoReview.csv(summary, lang) -> string (UTF-8 BOM, CRLF; the bytes of `review --csv`)
 */
(function (root) {
  'use strict';

  var TEXT = {
    zh: {
      eyebrow: '政府信息公开工作年度报告',
      title: '年度报告审查汇总',
      meta: function (n, years, fmts) { return '共 ' + n + ' 份报告' + (years ? ' · ' + years + ' 年度' : '') + (fmts ? ' · ' + fmts : ''); },
      fmtCount: function (name, n) { return name + ' ' + n + ' 份'; },
      csv: '导出 CSV', print: '打印',
      kReports: '报告', kErr: '有错误', kWarn: '仅有提示', kOk: '未发现问题', kBad: '无法检查', kPair: '与上年配对',
      ofAll: function (n, all) { return all ? '占 ' + pct(n, all) : ''; },
      kPairSub: function (amb) { return amb ? amb + ' 份上年报告不唯一' : '跨年勾稽已检查'; },
      s1: '一、逐份结果', s1lead: '按问题多少排序，点击表头可重新排序；点击机构名称查看该报告的问题明细。',
      s2: '二、未通过的规则', s2lead: '每条规则有多少份报告未通过；点击条形查看是哪些报告。',
      s3: '三、问题单元格分布', s3lead: '按报告表格原样绘制，颜色越深，表示在该格出现错误的报告越多；鼠标悬停显示份数，点击列出这些报告。',
      s4: '四、各报告问题明细',
      cols: ['序号', '报告', '年度', '格式', '识别单元格', '错误', '提示', '未通过的规则', '上年报告'],
      unreadable: '无法检查', noPrev: '—', ambiguous: '不唯一', missingCells: function (n) { return '缺 ' + n + ' 格'; },
      prevOf: function (a) { return a; },
      noRules: '所有报告均未发现问题。',
      reportsN: function (n) { return n + ' 份'; },
      hmTitle: function (f) { return f.name + '（' + f.doc + '）'; },
      hmReports: function (n) { return n + ' 份报告'; },
      hmNone: '这些报告的表格没有错误。',
      legendZero: '无错误', legendUnit: '份报告有错误',
      tip: function (label, n) { return label + '<br><b>' + n + ' 份报告</b>在此格有错误'; },
      tip0: function (label) { return label + '<br>没有报告在此格有错误'; },
      listCell: function (label, n) { return label + '：' + n + ' 份报告有错误'; },
      listRule: function (rule, n) { return rule + '：' + n + ' 份报告未通过'; },
      close: '关闭', example: '例：', tableClean: '没有报告在此表有错误（点击展开）',
      table: function (t) { return '表' + t.label.split('、')[0]; },
      sev: { error: '错误', warning: '提示', info: '说明' },
      st: function (e, w) { return e ? e + ' 个错误' + (w ? '，' + w + ' 个提示' : '') : w ? w + ' 个提示' : '未发现问题'; },
      fileL: '文件', formatL: '格式', cellsL: function (f, e) { return '识别 ' + f + '/' + e + ' 格'; },
      prevL: '上年报告', prevNone: '未找到上年报告', prevAmb: function (l) { return '上年报告不唯一（' + l + '），未作跨年检查'; },
      notChecked: function (m) { return '无法检查：' + m; },
      passed: function (n) { return '以下 ' + n + ' 份报告未发现问题：'; },
      cellsMore: function (n) { return '（核对涉及 ' + n + ' 格）'; },
      foot: '由 nianbao 在本机生成 · 检查不上传任何内容',
      sep: '、',
      csvHead: ['文件', '机构', '年度', '格式', '识别单元格', '应有单元格', '错误', '提示', '未通过的规则', '上年报告', '标题', '说明'],
      csvBad: function (m) { return '无法检查：' + m; },
      csvAmb: function (l) { return '上年报告不唯一（' + l + '），未作跨年检查'; },
    },
    en: {
      eyebrow: 'Government information disclosure annual reports',
      title: 'Review summary',
      meta: function (n, years, fmts) { return n + ' reports' + (years ? ' · years ' + years : '') + (fmts ? ' · ' + fmts : ''); },
      fmtCount: function (name, n) { return name + ': ' + n; },
      csv: 'Export CSV', print: 'Print',
      kReports: 'reports', kErr: 'with errors', kWarn: 'warnings only', kOk: 'no findings', kBad: 'not checked', kPair: "paired with last year's",
      ofAll: function (n, all) { return all ? pct(n, all) + ' of all' : ''; },
      kPairSub: function (amb) { return amb ? amb + " with an ambiguous last year's report" : 'cross-year rules checked'; },
      s1: '1. Reports', s1lead: 'Worst first; click a column header to sort, an agency to see its findings.',
      s2: '2. Failing rules', s2lead: 'How many reports fail each rule; click a bar to list them.',
      s3: '3. Where the errors are', s3lead: 'The report tables as printed; the darker a cell, the more reports have an error there. Hover for the count, click to list the reports.',
      s4: '4. Findings per report',
      cols: ['#', 'Report', 'Year', 'Format', 'Cells found', 'Errors', 'Warnings', 'Failing rules', "Last year's"],
      unreadable: 'not checked', noPrev: '—', ambiguous: 'ambiguous', missingCells: function (n) { return n + ' missing'; },
      prevOf: function (a) { return a; },
      noRules: 'No report has any finding.',
      reportsN: function (n) { return n + (n === 1 ? ' report' : ' reports'); },
      hmTitle: function (f) { return f.name_en + ' (' + f.doc + ')'; },
      hmReports: function (n) { return n + (n === 1 ? ' report' : ' reports'); },
      hmNone: "These reports' tables have no errors.",
      legendZero: 'no errors', legendUnit: 'reports with an error',
      tip: function (label, n) { return label + '<br><b>' + n + (n === 1 ? ' report has' : ' reports have') + '</b> an error here'; },
      tip0: function (label) { return label + '<br>no report has an error here'; },
      listCell: function (label, n) { return label + ': ' + n + (n === 1 ? ' report' : ' reports') + ' with an error'; },
      listRule: function (rule, n) { return rule + ': ' + n + (n === 1 ? ' report fails' : ' reports fail'); },
      close: 'Close', example: 'e.g. ', tableClean: 'no report has an error in this table (click to open)',
      table: function (t) { return 'Table ' + t.id.slice(1); },
      sev: { error: 'error', warning: 'warning', info: 'info' },
      st: function (e, w) { return e ? e + ' errors' + (w ? ', ' + w + ' warnings' : '') : w ? w + ' warnings' : 'no findings'; },
      fileL: 'file', formatL: 'format', cellsL: function (f, e) { return f + '/' + e + ' cells found'; },
      prevL: "last year's report", prevNone: "no last year's report", prevAmb: function (l) { return "last year's report is ambiguous (" + l + '); no cross-year check'; },
      notChecked: function (m) { return 'not checked: ' + m; },
      passed: function (n) { return n + (n === 1 ? ' report has' : ' reports have') + ' no findings: '; },
      cellsMore: function (n) { return '(' + n + ' cells checked)'; },
      foot: 'Made by nianbao on this computer · nothing was uploaded',
      sep: ', ',
      csvHead: ['file', 'agency', 'year', 'format', 'cells found', 'cells expected', 'errors', 'warnings', 'failing rules', "last year's report", 'title', 'remarks'],
      csvBad: function (m) { return 'not checked: ' + m; },
      csvAmb: function (l) { return "last year's report is ambiguous (" + l + '); no cross-year check'; },
    },
  };

  function pct(n, all) { return Math.round((100 * n) / all) + '%'; }

  function h(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        var v = attrs[k];
        if (v == null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k === 'html') e.innerHTML = v;
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : v);
      }
    }
    for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }
  function append(e, c) {
    if (c == null || c === false) return;
    if (Array.isArray(c)) c.forEach(function (x) { append(e, x); });
    else e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }
  function cmpStr(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // ---- summary (the page builds rows itself; the CLI's Rust does the same) ----------------

  function missing(r) { return Math.max(0, r.cells_expected - r.cells_found); }

  /** Worst first, as crates/import/src/review/mod.rs sorts. */
  function worstFirst(a, b) {
    return (+!!b.unreadable - +!!a.unreadable) || (b.errors - a.errors) || (b.warnings - a.warnings) ||
      (missing(b) - missing(a)) || cmpStr(a.file, b.file);
  }

  function sortedObject(counts) {
    var out = {};
    Object.keys(counts).sort(cmpStr).forEach(function (k) { out[k] = counts[k]; });
    return out;
  }

  /** Rows → the summary: order, reports per cell (errors) and per rule, per format. */
  function summarize(rows) {
    var reports = rows.slice().sort(worstFirst);
    var cells = {}, rules = {}, formats = {};
    reports.forEach(function (r) {
      var seen = {};
      r.diagnostics.forEach(function (d) {
        if (d.severity === 'error') d.cells.forEach(function (c) { seen[c] = 1; });
      });
      var fc = null;
      if (r.format) {
        fc = formats[r.format] || (formats[r.format] = { reports: 0, cells: {} });
        fc.reports++;
      }
      Object.keys(seen).forEach(function (c) {
        cells[c] = (cells[c] || 0) + 1;
        if (fc) fc.cells[c] = (fc.cells[c] || 0) + 1;
      });
      Object.keys(r.rules).forEach(function (k) { rules[k] = (rules[k] || 0) + 1; });
    });
    Object.keys(formats).forEach(function (f) { formats[f].cells = sortedObject(formats[f].cells); });
    return { reports: reports, cells: sortedObject(cells), rules: sortedObject(rules), formats: sortedObject(formats) };
  }

  // ---- CSV (same bytes as `nianbao review --csv`) -----------------------------------------

  function csvField(f) {
    f = f == null ? '' : String(f);
    return /[,"\n\r]/.test(f) ? '"' + f.replace(/"/g, '""') + '"' : f;
  }
  function csv(summary, lang) {
    var t = TEXT[lang === 'en' ? 'en' : 'zh'];
    var lines = [t.csvHead.map(csvField).join(',')];
    summary.reports.forEach(function (r) {
      var rules = Object.keys(r.rules).sort(cmpStr).map(function (k) { return k + '×' + r.rules[k]; }).join(' ');
      var remark = r.unreadable != null ? t.csvBad(r.unreadable)
        : r.prev_candidates.length ? t.csvAmb(r.prev_candidates.join(' ')) : '';
      lines.push([r.file, r.agency || '', r.year == null ? '' : r.year, r.format || '', r.cells_found, r.cells_expected,
        r.errors, r.warnings, rules, r.prev || '', r.title || '', remark].map(csvField).join(','));
    });
    return '\ufeff' + lines.join('\r\n') + '\r\n';
  }

  // ---- the page ---------------------------------------------------------------------------

  function render(el, data) {
    var lang = data.lang === 'en' ? 'en' : 'zh';
    var t = TEXT[lang];
    var s = data.summary;
    var reports = s.reports;
    var fmtById = {};
    (data.formats || []).forEach(function (f) { fmtById[f.id] = f; });
    var byFile = {};
    reports.forEach(function (r, i) { byFile[r.file] = r; r._id = 'nbr-r' + i; });

    el.textContent = '';
    el.classList.add('nbr');
    el.setAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');

    function fmtName(id) {
      var f = fmtById[id];
      return f ? (lang === 'zh' ? f.name : f.name_en) : id || '';
    }
    function label(fid, cellId) {
      var f = fmtById[fid];
      var c = f && f.cells.find(function (x) { return x.id === cellId; });
      if (!c) return cellId;
      var table = f.tables.find(function (x) { return x.id === c.table; });
      var block = table.blocks.find(function (b) { return b.id === c.block; });
      var row = block.rows.find(function (x) { return x.id === c.row; });
      var col = block.columns.find(function (x) { return x.id === c.column; });
      if (lang === 'en') return t.table(table) + ' › ' + row.label_en + ' › ' + col.label_en;
      return t.table(table) + ' › ' + row.label + ' › ' + (col.parent ? col.parent + '·' : '') + col.label;
    }
    function reportName(r) {
      return r.agency || r.title || r.file.split(/[\\/]/).pop();
    }
    // File names as shown: the path below the folder every input shares (two files of the
    // same name in different folders stay apart).
    var common = commonDir(reports.map(function (r) { return r.file; }));
    function baseName(f) {
      return f.slice(common.length);
    }
    function reportLink(r) {
      return h('a', { href: '#' + r._id, class: 'nbr-agency' }, reportName(r));
    }

    // header
    var years = reports.map(function (r) { return r.year; }).filter(function (y) { return y != null; });
    var yMin = Math.min.apply(null, years), yMax = Math.max.apply(null, years);
    var yearText = years.length ? (yMin === yMax ? String(yMin) : yMin + '—' + yMax) : '';
    var fmtText = Object.keys(s.formats).map(function (f) { return t.fmtCount(fmtName(f), s.formats[f].reports); }).join(t.sep);
    var csvBtn = h('button', { type: 'button', class: 'nbr-btn primary', 'data-action': 'csv', onclick: function () { download(csv(s, lang)); } }, t.csv);
    append(el, h('header', { class: 'nbr-head' },
      h('div', null, h('div', { class: 'nbr-eyebrow' }, t.eyebrow), h('h1', null, t.title),
        h('div', { class: 'nbr-meta' }, t.meta(reports.length, yearText, fmtText))),
      h('div', { class: 'nbr-tools' }, csvBtn,
        h('button', { type: 'button', class: 'nbr-btn', onclick: function () { window.print(); } }, t.print))));

    // key figures
    var nBad = reports.filter(function (r) { return r.unreadable != null; }).length;
    var nErr = reports.filter(function (r) { return r.unreadable == null && r.errors > 0; }).length;
    var nWarn = reports.filter(function (r) { return r.unreadable == null && !r.errors && r.warnings > 0; }).length;
    var nOk = reports.length - nBad - nErr - nWarn;
    var nPair = reports.filter(function (r) { return r.prev; }).length;
    var nAmb = reports.filter(function (r) { return r.prev_candidates.length; }).length;
    function kpi(cls, v, k, sub) {
      return h('div', { class: 'nbr-kpi ' + cls, 'data-kpi': cls }, h('div', { class: 'v' }, v), h('div', { class: 'k' }, k), h('div', { class: 's' }, sub || '\u00a0'));
    }
    append(el, h('section', { class: 'nbr-kpis' },
      kpi('all', reports.length, t.kReports, yearText ? yearText : ''),
      kpi('err', nErr, t.kErr, t.ofAll(nErr, reports.length)),
      kpi('warn', nWarn, t.kWarn, t.ofAll(nWarn, reports.length)),
      kpi('ok', nOk, t.kOk, t.ofAll(nOk, reports.length)),
      kpi('bad', nBad, t.kBad, ''),
      kpi('pair', nPair, t.kPair, t.kPairSub(nAmb))));

    // 1. the table
    var sevOf = ruleSeverities(reports);
    // num: sorted as numbers (first click: largest first); right: right-aligned
    var cols = [
      { key: function (r, i) { return i; }, num: true, cls: 'idx' },
      { key: function (r) { return reportName(r); }, cls: 'rep' },
      { key: function (r) { return r.year == null ? -1 : r.year; }, num: true, cls: 'num' },
      { key: function (r) { return r.format || ''; }, cls: 'fmt' },
      { key: function (r) { return r.cells_expected ? r.cells_found / r.cells_expected : -1; }, num: true, cls: 'num' },
      { key: function (r) { return r.unreadable != null ? 1e9 : r.errors; }, num: true, cls: 'num' },
      { key: function (r) { return r.warnings; }, num: true, cls: 'num' },
      { key: function (r) { return Object.keys(r.rules).length; }, num: true, cls: 'rules' },
      { key: function (r) { return r.prev ? 1 : r.prev_candidates.length ? 0.5 : 0; }, num: true, cls: 'prev' },
    ];
    var tbody = h('tbody');
    var rowEls = reports.map(function (r, i) {
      var cls = r.unreadable != null ? 'is-bad' : r.errors ? 'is-err' : r.warnings ? 'is-warn' : '';
      var cov = null;
      if (r.unreadable == null) {
        var part = r.cells_found < r.cells_expected;
        cov = h('span', { class: 'nbr-cov' + (part ? ' partial' : ''), title: part ? t.missingCells(missing(r)) : null },
          h('i', null, h('b', { style: 'width:' + (r.cells_expected ? (100 * r.cells_found) / r.cells_expected : 0).toFixed(1) + '%' })),
          r.cells_found + '/' + r.cells_expected);
      }
      var chips = r.unreadable != null
        ? [h('span', { class: 'nbr-chip bad' }, t.unreadable), h('div', { class: 'nbr-why', title: r.unreadable }, r.unreadable)]
        : Object.keys(r.rules).sort(function (a, b) { return sevRank(sevOf[a]) - sevRank(sevOf[b]) || cmpStr(a, b); }).map(function (k) {
          var first = r.diagnostics.find(function (d) { return d.rule === k; });
          return h('span', { class: 'nbr-chip ' + (sevOf[k] || 'info'), title: first ? first.message : null }, k + (r.rules[k] > 1 ? ' ×' + r.rules[k] : ''));
        });
      var prevCell;
      if (r.prev) {
        var p = byFile[r.prev];
        prevCell = h('a', { class: 'nbr-prev', href: '#' + (p ? p._id : ''), title: r.prev }, (p && p.year ? p.year + (lang === 'zh' ? ' 年度' : '') : baseName(r.prev)));
      } else if (r.prev_candidates.length) {
        prevCell = h('span', { class: 'nbr-prev amb', title: r.prev_candidates.join('\n') }, t.ambiguous + '（' + r.prev_candidates.length + '）');
      } else {
        prevCell = h('span', { class: 'nbr-prev none' }, t.noPrev);
      }
      var tr = h('tr', { class: cls, 'data-file': r.file },
        h('td', { class: 'idx' }, i + 1),
        h('td', { class: 'rep' }, h('div', null, reportLink(r)), h('div', { class: 'nbr-file', title: r.file }, baseName(r.file))),
        h('td', { class: 'num' }, r.year == null ? '' : r.year),
        h('td', { class: 'fmt' }, fmtName(r.format)),
        h('td', { class: 'num' }, cov),
        h('td', { class: 'num' }, r.unreadable != null ? '' : count(r.errors, 'err')),
        h('td', { class: 'num' }, r.unreadable != null ? '' : count(r.warnings, 'warn')),
        h('td', null, chips),
        h('td', { class: 'prev' }, prevCell));
      tr._r = r;
      tr._i = i;
      return tr;
    });
    append(tbody, rowEls);
    var ths = t.cols.map(function (c, i) {
      var th = h('th', { scope: 'col', class: cols[i].cls }, h('button', { type: 'button' }, c));
      th.querySelector('button').addEventListener('click', function () { sortBy(i, th); });
      return th;
    });
    var table = h('table', { class: 'nbr-sum' }, h('thead', null, h('tr', null, ths)), tbody);
    var sortState = { col: 0, dir: 1 };
    function sortBy(i, th) {
      var dir = sortState.col === i ? -sortState.dir : cols[i].num && i !== 0 ? -1 : 1;
      sortState = { col: i, dir: dir };
      ths.forEach(function (x) { x.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      var sorted = rowEls.slice().sort(function (a, b) {
        var ka = cols[i].key(a._r, a._i), kb = cols[i].key(b._r, b._i);
        var c = cols[i].num ? ka - kb : String(ka).localeCompare(String(kb), lang === 'zh' ? 'zh-CN' : 'en');
        return c * dir || a._i - b._i;
      });
      sorted.forEach(function (tr) { tbody.appendChild(tr); });
    }
    append(el, section('nbr-reports', t.s1, t.s1lead, h('div', { class: 'nbr-table-wrap' }, table)));

    // 2. failing rules
    var ruleIds = Object.keys(s.rules).sort(function (a, b) {
      return s.rules[b] - s.rules[a] || sevRank(sevOf[a]) - sevRank(sevOf[b]) || cmpStr(a, b);
    });
    var ruleList = listPanel();
    var bars;
    if (!ruleIds.length) {
      bars = h('div', { class: 'nbr-empty' }, t.noRules);
    } else {
      bars = h('div', { class: 'nbr-bars' }, ruleIds.map(function (k) {
        var n = s.rules[k];
        var track = h('div', { class: 'track ' + (sevOf[k] || 'info'), role: 'button', tabindex: '0', 'data-rule': k, title: t.listRule(k, n) },
          h('b', { style: 'width:' + ((100 * n) / reports.length).toFixed(1) + '%' }));
        var open = function () { showRule(k); };
        track.addEventListener('click', open);
        track.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
        // What the rule checks, told by one of its findings (the rule table has no titles).
        var example = null;
        reports.some(function (r) { return r.diagnostics.some(function (d) { if (d.rule === k) { example = d.message; return true; } return false; }); });
        return [h('div', { class: 'lab' }, k, h('small', null, t.sev[sevOf[k]] || '')), track,
          h('div', { class: 'n' }, h('b', null, n), ' ' + (lang === 'zh' ? '份' : '') + ' · ' + pct(n, reports.length)),
          example ? h('div', { class: 'ex', title: example }, t.example + example) : null];
      }));
    }
    function showRule(k) {
      var hits = reports.filter(function (r) { return r.rules[k]; });
      ruleList.show(t.listRule(k, hits.length), hits.map(function (r) {
        var msgs = r.diagnostics.filter(function (d) { return d.rule === k; }).map(function (d) { return d.message; });
        return [r, msgs];
      }));
    }
    append(el, section('nbr-rules', t.s2, t.s2lead, bars, ruleList.el));

    // 3. heat-maps, one per format present
    // One tooltip per document, kept across renders (a page may render again).
    var tip = document.querySelector('body > .nbr-tip');
    if (!tip) {
      tip = h('div', { class: 'nbr-tip', hidden: true, role: 'tooltip' });
      document.body.appendChild(tip);
    }
    tip.hidden = true;
    var hmSec = section('nbr-heatmap', t.s3, t.s3lead);
    Object.keys(s.formats).forEach(function (fid) {
      var f = fmtById[fid];
      if (!f) return;
      hmSec.appendChild(heatmap(f, s.formats[fid]));
    });
    append(el, hmSec);

    function heatmap(f, fc) {
      var counts = fc.cells;
      var max = 0;
      Object.keys(counts).forEach(function (c) { if (counts[c] > max) max = counts[c]; });
      var list = listPanel();
      var wrap = h('div', { class: 'nbr-hm-format', 'data-format': f.id },
        h('h3', null, t.hmTitle(f), h('small', null, t.hmReports(fc.reports))), legend(max));
      if (!max) wrap.appendChild(h('div', { class: 'nbr-empty' }, t.hmNone));
      f.tables.forEach(function (table) {
        // A table no report fails is folded (still drawn, one click away).
        var hits = Object.keys(counts).some(function (c) { return c.slice(0, table.id.length + 1) === table.id + '.'; });
        wrap.appendChild(h('details', { class: 'nbr-hm-table', 'data-table': table.id, open: hits },
          h('summary', null, lang === 'zh' ? table.label : table.label_en, hits ? null : h('small', null, t.tableClean)),
          h('div', { class: 'nbr-hm-scroll' }, table.layout === 'single_row' ? singleRow(table) : rowsTable(table))));
      });
      wrap.appendChild(list.el);
      var selected = null;

      function cell(id) {
        var n = counts[id] || 0;
        var td = h('td', { class: 'c' + (n ? ' hit' : ''), 'data-cell': id, 'data-count': n, tabindex: n ? '0' : null, style: shade(n, max) }, n ? n : '');
        td.addEventListener('mouseenter', function (e) { showTip(e, id, n); });
        td.addEventListener('mousemove', moveTip);
        td.addEventListener('mouseleave', hideTip);
        if (n) {
          var open = function () {
            if (selected) selected.classList.remove('sel');
            selected = td;
            td.classList.add('sel');
            var hits = reports.filter(function (r) {
              return r.format === f.id && r.diagnostics.some(function (d) { return d.severity === 'error' && d.cells.indexOf(id) >= 0; });
            });
            list.show(t.listCell(label(f.id, id), hits.length), hits.map(function (r) {
              return [r, r.diagnostics.filter(function (d) { return d.severity === 'error' && d.cells.indexOf(id) >= 0; }).map(function (d) { return d.message; })];
            }), function () { td.classList.remove('sel'); selected = null; });
          };
          td.addEventListener('click', open);
          td.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
        }
        return td;
      }
      function showTip(e, id, n) {
        tip.innerHTML = n ? t.tip(esc(label(f.id, id)), n) : t.tip0(esc(label(f.id, id)));
        tip.hidden = false;
        moveTip(e);
      }
      function lab(x) { return lang === 'zh' ? x.label : x.label_en; }

      // Blocks of rows under a header of columns (tables 二 and 三).
      function rowsTable(table) {
        var width = Math.max.apply(null, table.blocks.map(function (b) { return b.columns.length; }));
        var tb = h('tbody');
        var grouped = table.blocks.some(function (b) { return b.columns.some(function (c) { return c.parent; }); });
        table.blocks.forEach(function (b) {
          // header: parents over their columns, as printed
          var hr1 = h('tr'), hr2 = grouped ? h('tr') : null;
          hr1.appendChild(h('th', { class: 'caption', rowspan: grouped ? 2 : null }, b.caption || ''));
          var i = 0;
          while (i < b.columns.length) {
            var c = b.columns[i];
            var last = i === b.columns.length - 1;
            var span = last ? width - i : 1;
            if (grouped && c.parent) {
              var j = i;
              while (j < b.columns.length && b.columns[j].parent === c.parent) j++;
              hr1.appendChild(h('th', { class: 'col', colspan: j - i }, lang === 'zh' ? c.parent : parentEn(b, c)));
              for (var k = i; k < j; k++) hr2.appendChild(h('th', { class: 'col' }, lab(b.columns[k])));
              i = j;
              continue;
            }
            hr1.appendChild(h('th', { class: 'col', colspan: span > 1 ? span : null, rowspan: grouped ? 2 : null }, lab(c)));
            i++;
          }
          tb.appendChild(hr1);
          if (hr2) tb.appendChild(hr2);
          var parents = [];
          b.rows.forEach(function (r) {
            // a group row where the printed parents change (三、本年度办理结果 › （三）不予公开)
            var ps = r.parents || [];
            for (var d = 0; d < ps.length; d++) {
              if (parents[d] !== ps[d]) {
                var gl = lang === 'zh' ? ps[d] : groupEn(b, r, d);
                tb.appendChild(h('tr', null, h('th', { class: 'group', colspan: width + 1, style: 'padding-left:' + (6 + 14 * d) + 'px' }, gl)));
              }
            }
            parents = ps.slice();
            var tr = h('tr', null, h('th', { class: 'rowlab', scope: 'row', style: 'padding-left:' + (6 + 14 * ps.length) + 'px' }, lab(r)));
            b.columns.forEach(function (c, ci) {
              var td = cell(table.id + '.' + r.id + '.' + c.id);
              if (ci === b.columns.length - 1 && width - ci > 1) td.setAttribute('colspan', width - ci);
              tr.appendChild(td);
            });
            tb.appendChild(tr);
          });
        });
        var cg = h('colgroup', null, h('col', { style: 'width:' + (table.id === 's3' ? 38 : 30) + '%' }));
        for (var w = 0; w < width; w++) cg.appendChild(h('col'));
        return h('table', { class: 'nbr-hm' }, cg, tb);
      }

      // Every data row a column group of one printed row (table 四).
      function singleRow(table) {
        var thead = h('thead');
        var rowsAll = [];
        table.blocks.forEach(function (b) { b.rows.forEach(function (r) { rowsAll.push([b, r]); }); });
        var depth = Math.max.apply(null, rowsAll.map(function (x) { return (x[1].parents || []).length; }));
        var lines = [];
        for (var d = 0; d <= depth + 1; d++) lines.push(h('tr'));
        var i = 0;
        while (i < rowsAll.length) {
          var b = rowsAll[i][0], r = rowsAll[i][1], ps = r.parents || [];
          var n = b.columns.length;
          if (ps.length) {
            // consecutive rows under the same printed parent share its header
            var j = i;
            while (j < rowsAll.length && (rowsAll[j][1].parents || [])[0] === ps[0]) j++;
            lines[0].appendChild(h('th', { class: 'col', colspan: n * (j - i) }, lang === 'zh' ? ps[0] : groupEn(b, r, 0)));
            for (var k = i; k < j; k++) {
              lines[1].appendChild(h('th', { class: 'col', colspan: n }, lab(rowsAll[k][1])));
              rowsAll[k][0].columns.forEach(function (c) { lines[2].appendChild(h('th', { class: 'col' }, lab(c))); });
            }
            i = j;
          } else {
            lines[0].appendChild(h('th', { class: 'col', colspan: n, rowspan: depth + 1 }, lab(r)));
            b.columns.forEach(function (c) { lines[depth + 1].appendChild(h('th', { class: 'col' }, lab(c))); });
            i++;
          }
        }
        lines.forEach(function (l) { if (l.childNodes.length) thead.appendChild(l); });
        var tr = h('tr');
        rowsAll.forEach(function (x) { x[0].columns.forEach(function (c) { tr.appendChild(cell(table.id + '.' + x[1].id + '.' + c.id)); }); });
        return h('table', { class: 'nbr-hm' }, thead, h('tbody', null, tr));
      }
      return wrap;
    }

    function parentEn(b, c) { return c.parent; }
    function groupEn(b, r, d) { return (r.parents || [])[d]; }

    function legend(max) {
      var l = h('div', { class: 'nbr-legend' }, h('span', { class: 'sw', style: shade(0, max) }), t.legendZero);
      if (max) {
        var steps = max <= 6 ? max : 5;
        var sw = h('span', { class: 'sws' });
        for (var i = 1; i <= steps; i++) {
          var n = Math.round(1 + ((i - 1) * (max - 1)) / Math.max(1, steps - 1));
          sw.appendChild(h('span', { class: 'sw', style: shade(n, max) }, n));
        }
        append(l, [sw, t.legendUnit]);
      }
      return l;
    }
    function moveTip(e) {
      var x = e.clientX + 14, y = e.clientY + 16;
      var w = tip.offsetWidth, hgt = tip.offsetHeight;
      if (x + w > window.innerWidth - 8) x = e.clientX - w - 10;
      if (y + hgt > window.innerHeight - 8) y = e.clientY - hgt - 10;
      tip.style.left = x + 'px';
      tip.style.top = y + 'px';
    }
    function hideTip() { tip.hidden = true; }

    // 4. per report
    var detail = section('nbr-details', t.s4, null);
    var passed = [];
    reports.forEach(function (r) {
      var findings = r.diagnostics.some(function (d) { return d.severity !== 'info'; });
      if (r.unreadable == null && !findings && !r.notes.length && !r.prev_candidates.length) {
        passed.push(r);
        return;
      }
      detail.appendChild(reportCard(r));
    });
    if (passed.length) {
      var p = h('div', { class: 'nbr-passed' }, t.passed(passed.length));
      passed.forEach(function (r, i) {
        if (i) p.appendChild(document.createTextNode(t.sep));
        var a = reportLink(r);
        a.id = r._id;
        a.classList.remove('nbr-agency');
        a.textContent = reportName(r) + (r.year ? ' ' + r.year : '');
        p.appendChild(a);
      });
      detail.appendChild(p);
    }
    append(el, detail);
    append(el, h('div', { class: 'nbr-foot' }, t.foot));

    function reportCard(r) {
      var cls = r.unreadable != null ? 'is-bad' : r.errors ? 'is-err' : r.warnings ? 'is-warn' : '';
      var st = r.unreadable != null ? t.unreadable : t.st(r.errors, r.warnings);
      var meta = [t.fileL + '：' + r.file];
      if (lang === 'en') meta = [t.fileL + ': ' + r.file];
      if (r.format) meta.push(fmtName(r.format));
      if (r.unreadable == null) meta.push(t.cellsL(r.cells_found, r.cells_expected));
      var prev;
      if (r.prev) {
        var p = byFile[r.prev];
        prev = h('span', null, t.prevL + (lang === 'zh' ? '：' : ': '), h('a', { href: '#' + (p ? p._id : '') }, r.prev));
      } else if (r.prev_candidates.length) {
        prev = h('span', { class: 'nbr-prev amb' }, t.prevAmb(r.prev_candidates.join(t.sep)));
      }
      var card = h('article', { class: 'nbr-rep ' + cls, id: r._id, 'data-file': r.file },
        h('div', { class: 'nbr-rep-hd' },
          h('h3', null, reportName(r) + (r.year ? (lang === 'zh' ? ' ' + r.year + ' 年度' : ' ' + r.year) : '')),
          h('span', { class: 'st ' + (r.errors ? 'nbr-count err' : r.warnings ? 'nbr-count warn' : '') }, st)),
        h('div', { class: 'meta' }, meta.join(' · '), prev ? ' · ' : '', prev));
      if (r.unreadable != null) card.appendChild(h('ul', { class: 'notes' }, h('li', { class: 'fatal' }, t.notChecked(r.unreadable))));
      var notes = r.notes.filter(function (n) { return r.unreadable == null || n.level !== 'fatal'; });
      if (notes.length) {
        card.appendChild(h('ul', { class: 'notes' }, notes.map(function (n) { return h('li', { class: n.level }, n.message); })));
      }
      if (r.diagnostics.length) {
        card.appendChild(h('ol', { class: 'diags' }, r.diagnostics.map(function (d) {
          // The cell the finding is about (and the one that alone would fix it); the message
          // names the rest, the count says how many the check read.
          var shown = [];
          if (d.target) shown.push(d.target);
          if (d.pinpoint && shown.indexOf(d.pinpoint.cell) < 0) shown.push(d.pinpoint.cell);
          if (!shown.length) shown = d.cells.slice(0, 3);
          var cells = h('div', { class: 'cells' }, shown.map(function (c) {
            return h('span', { class: c === d.target ? 't' : null, 'data-cell': c }, label(r.format, c));
          }), d.cells.length > 1 ? t.cellsMore(d.cells.length) : null);
          return h('li', { class: d.severity, 'data-rule': d.rule },
            h('span', { class: 'sev' }, t.sev[d.severity]),
            h('span', null, d.message, h('span', { class: 'rule' }, d.rule)),
            d.cells.length ? cells : null,
            d.quote ? h('div', { class: 'quote' }, '「' + d.quote + '」') : null);
        })));
      }
      return card;
    }

    function listPanel() {
      var title = h('h4');
      var ol = h('ol');
      var onClose = null;
      var panel = h('div', { class: 'nbr-list', hidden: true, 'aria-live': 'polite' },
        h('div', { class: 'nbr-list-hd' }, title, h('button', { type: 'button', onclick: function () { close(); } }, t.close + ' ×')), ol);
      function close() {
        panel.hidden = true;
        if (onClose) onClose();
        onClose = null;
      }
      return {
        el: panel,
        show: function (head, items, closed) {
          if (onClose) onClose();
          onClose = closed || null;
          title.textContent = head;
          ol.textContent = '';
          items.forEach(function (it) {
            var r = it[0];
            ol.appendChild(h('li', { 'data-file': r.file }, reportLink(r), r.year ? ' ' + r.year : '', h('span', { class: 'nbr-file' }, '　' + r.file),
              it[1].map(function (m) { return h('span', { class: 'msg' }, m); })));
          });
          panel.hidden = false;
          if (panel.scrollIntoView) panel.scrollIntoView({ block: 'nearest' });
        },
      };
    }

    function section(id, title, lead) {
      var sec = h('section', { class: 'nbr-sec', id: id }, h('h2', null, title), lead ? h('p', { class: 'nbr-lead' }, lead) : null);
      for (var i = 3; i < arguments.length; i++) append(sec, arguments[i]);
      return sec;
    }
    function count(n, cls) { return h('span', { class: 'nbr-count ' + (n ? cls : 'zero') }, n); }
  }

  /** The longest folder prefix ("a/b/") all paths share. */
  function commonDir(files) {
    if (!files.length) return '';
    var prefix = files[0].slice(0, files[0].search(/[^\\/]*$/));
    files.forEach(function (f) {
      while (prefix && f.slice(0, prefix.length) !== prefix) {
        prefix = prefix.slice(0, prefix.slice(0, -1).search(/[^\\/]*$/));
      }
    });
    return prefix;
  }

  function sevRank(s) { return s === 'error' ? 0 : s === 'warning' ? 1 : 2; }

  /** Rule → its severity, from the diagnostics (a rule has one severity). */
  function ruleSeverities(reports) {
    var out = {};
    reports.forEach(function (r) { r.diagnostics.forEach(function (d) { if (!out[d.rule] || sevRank(d.severity) < sevRank(out[d.rule])) out[d.rule] = d.severity; }); });
    return out;
  }

  /** Background for a cell failing in n of max reports: white, then pale to deep red. */
  function shade(n, max) {
    if (!n || !max) return 'background:#fff';
    var x = max === 1 ? 1 : (n - 1) / (max - 1);
    // from #f6b9b0 to #8e1b14
    var c0 = [246, 185, 176], c1 = [142, 27, 20];
    var c = c0.map(function (v, i) { return Math.round(v + (c1[i] - v) * (0.25 + 0.75 * x)); });
    var light = 0.25 + 0.75 * x < 0.45;
    return 'background:rgb(' + c.join(',') + ');color:' + (light ? '#5c1410' : '#fff');
  }

  function download(text) {
    var blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'nianbao-review.csv';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  root.NianbaoReview = { render: render, summarize: summarize, csv: csv, worstFirst: worstFirst };
})(typeof window !== 'undefined' ? window : this);
