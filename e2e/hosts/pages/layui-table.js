// layui 2 table.render: data grids whose cells turn into an input on click (edit: 'text').
// The model is layui's own table.cache; labels sit in three label columns, blank where the
// printed form merges cells (layui does not merge body cells).
(function () {
  'use strict';
  var NB = window.NB;
  var V = NB.values;
  var val = function (id) { return V[id] == null ? '' : String(V[id]); };

  // table id → { kind, rows: [{rid, …}] }
  var tables = {};
  NB.S2_BLOCKS.forEach(function (b, i) {
    tables['s2-' + i] = {
      kind: 's2',
      block: b,
      data: b[3].map(function (r) {
        var row = { rid: r[1], label: r[0] };
        b[2].forEach(function (c) { row[c] = val('s2.' + r[1] + '.' + c); });
        return row;
      }),
    };
  });
  var seen = {};
  tables.s3 = {
    kind: 's3',
    data: NB.S3_ROWS.map(function (r) {
      var row = { rid: r[0], g: '', sub: '', item: '' };
      if (!r[1]) row.g = r[3];
      else {
        if (!seen[r[1]]) { seen[r[1]] = 1; row.g = r[1]; }
        if (!r[2]) row.sub = r[3];
        else {
          if (!seen[r[2]]) { seen[r[2]] = 1; row.sub = r[2]; }
          row.item = r[3];
        }
      }
      NB.S3_COLS.forEach(function (c) { row[c[0]] = val('s3.' + r[0] + '.' + c[0]); });
      return row;
    }),
  };
  var s4row = { rid: '' };
  NB.S4_GROUPS.forEach(function (g) {
    NB.S4_SUBS.forEach(function (s) { s4row[g[0] + '__' + s[0]] = val('s4.' + g[0] + '.' + s[0]); });
  });
  tables.s4 = { kind: 's4', data: [s4row] };

  function cols(id) {
    var t = tables[id];
    if (t.kind === 's2') {
      var b = t.block;
      return [
        [{ title: b[0], colspan: b[1].length + 1, align: 'center' }],
        [{ field: 'label', title: '信息内容', width: 200 }].concat(b[1].map(function (l, i) {
          return { field: b[2][i], title: l, edit: 'text', align: 'center' };
        })),
      ];
    }
    if (t.kind === 's3') {
      // The printed note spans the three label columns; layui has no header colspan over
      // leaf columns, so it heads the first and the other two are headed by nothing.
      return [
        [
          { field: 'g', title: NB.S3_NOTE, rowspan: 3, width: 220 },
          { field: 'sub', title: '', rowspan: 3, width: 130 },
          { field: 'item', title: '', rowspan: 3, width: 240 },
          { title: '申请人情况', colspan: 7, align: 'center' },
        ],
        [
          { field: 'natural', title: '自然人', rowspan: 2, edit: 'text', align: 'center' },
          { title: '法人或其他组织', colspan: 5, align: 'center' },
          { field: 'total', title: '总计', rowspan: 2, edit: 'text', align: 'center' },
        ],
        NB.S3_COLS.slice(1, 6).map(function (c) { return { field: c[0], title: c[1], edit: 'text', align: 'center' }; }),
      ];
    }
    var subs = function (g) {
      return NB.S4_SUBS.map(function (s) { return { field: g + '__' + s[0], title: s[1], edit: 'text', align: 'center' }; });
    };
    return [
      [{ title: '行政复议', colspan: 5, align: 'center' }, { title: '行政诉讼', colspan: 10, align: 'center' }],
      subs('review').map(function (c) { c.rowspan = 2; return c; }).concat([
        { title: '未经复议直接起诉', colspan: 5, align: 'center' },
        { title: '复议后起诉', colspan: 5, align: 'center' },
      ]),
      subs('suit_direct').concat(subs('suit_after_review')),
    ];
  }

  function locate(id) {
    var parts = id.split('.');
    var t = parts[0];
    if (t === 's4') return ['s4', 0, parts[1] + '__' + parts[2]];
    var c = parts.pop();
    var rid = parts.slice(1).join('.');
    for (var k in tables) {
      if (tables[k].kind !== t) continue;
      var data = layui.table.cache[k] || tables[k].data;
      for (var i = 0; i < data.length; i++) if (data[i].rid === rid) return [k, i, c];
    }
    return [null, -1, null];
  }

  layui.use(['table'], function () {
    var table = layui.table;
    function renderAll() {
      document.getElementById('title').textContent = NB.year + '年度政府信息公开工作年度报告';
      var s2 = document.getElementById('s2');
      if (!s2.children.length) {
        NB.S2_BLOCKS.forEach(function (b, i) {
          var el = document.createElement('table');
          el.id = 's2-' + i;
          s2.appendChild(el);
        });
      }
      Object.keys(tables).forEach(function (id) {
        table.render({
          elem: '#' + id,
          id: id,
          cols: cols(id),
          data: layui.table.cache[id] && layui.table.cache[id].length ? layui.table.cache[id] : tables[id].data,
          limit: 100,
          page: false,
          skin: 'line',
          size: 'sm',
        });
      });
    }
    window.host = {
      ready: false,
      getModel: function (id) {
        var l = locate(id);
        return l[0] ? layui.table.cache[l[0]][l[1]][l[2]] : undefined;
      },
      setModel: function (id, v) {
        var l = locate(id);
        var d = {};
        d[l[2]] = v;
        table.updateRow(l[0], { index: l[1], data: d });
      },
      rerender: function () {
        Object.keys(tables).forEach(function (id) { table.reload(id, { data: layui.table.cache[id].slice() }); });
      },
      fieldOf: function (el) {
        var td = el && el.closest && el.closest('td[data-field]');
        var view = td && td.closest('[lay-table-id]');
        if (!td || !view) return null;
        var id = view.getAttribute('lay-table-id');
        var t = tables[id];
        var field = td.getAttribute('data-field');
        var idx = Number(td.parentNode.getAttribute('data-index'));
        var row = layui.table.cache[id][idx];
        if (!t || !row || /^(label|g|sub|item)$/.test(field)) return null;
        return t.kind === 's4' ? 's4.' + field.replace('__', '.') : t.kind + '.' + row.rid + '.' + field;
      },
      edit: function (id) {
        var l = locate(id);
        var view = document.querySelector('[lay-table-id="' + l[0] + '"]');
        return view && view.querySelector('.layui-table-body tr[data-index="' + l[1] + '"] td[data-field="' + l[2] + '"]');
      },
    };
    NB.whenToRender(function () {
      renderAll();
      window.host.ready = true;
    });
  });
})();
