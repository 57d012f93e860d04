// layui 2 form: a laytpl template renders `layui-table` tables of `layui-input`s; the form's
// values (form.val) are the model, keyed by the backend's field names f001…f200.
(function () {
  'use strict';
  var NB = window.NB;
  var nameOf = {};
  var cellOf = {};
  NB.cells.forEach(function (id, i) {
    var n = 'f' + ('00' + (i + 1)).slice(-3);
    nameOf[id] = n;
    cellOf[n] = id;
  });

  function data(values) {
    var f = function (id) { return { name: nameOf[id], value: values[id] == null ? '' : values[id] }; };
    var seen = {};
    return {
      year: NB.year,
      note: NB.S3_NOTE,
      orgCols: NB.S3_COLS.slice(1, 6).map(function (c) { return c[1]; }),
      s4subs: NB.S4_SUBS.map(function (s) { return s[1]; }),
      s2: NB.S2_BLOCKS.map(function (b) {
        return {
          caption: b[0],
          cols: b[1],
          rows: b[3].map(function (r) {
            return { label: r[0], fields: b[2].map(function (c) { return f('s2.' + r[1] + '.' + c); }) };
          }),
        };
      }),
      s3: NB.S3_ROWS.map(function (r) {
        var labels = [];
        if (!r[1]) labels.push({ text: r[3], colspan: 3 });
        else {
          if (!seen[r[1]]) {
            seen[r[1]] = 1;
            labels.push({ text: r[1], rowspan: NB.S3_ROWS.filter(function (x) { return x[1] === r[1]; }).length });
          }
          if (!r[2]) labels.push({ text: r[3], colspan: 2 });
          else {
            if (!seen[r[2]]) {
              seen[r[2]] = 1;
              labels.push({ text: r[2], rowspan: NB.S3_ROWS.filter(function (x) { return x[2] === r[2]; }).length });
            }
            labels.push({ text: r[3] });
          }
        }
        return { labels: labels, fields: NB.S3_COLS.map(function (c) { return f('s3.' + r[0] + '.' + c[0]); }) };
      }),
      s4: NB.S4_GROUPS.reduce(function (a, g) {
        return a.concat(NB.S4_SUBS.map(function (s) { return f('s4.' + g[0] + '.' + s[0]); }));
      }, []),
    };
  }

  layui.use(['form', 'laytpl'], function () {
    var form = layui.form;
    var laytpl = layui.laytpl;
    var view = document.getElementById('view');
    var tpl = document.getElementById('tpl').innerHTML;
    function render(values) {
      view.innerHTML = laytpl(tpl).render(data(values));
      form.render(null, 'report');
    }
    function values() {
      var v = form.val('report');
      var out = {};
      Object.keys(v).forEach(function (n) { if (cellOf[n]) out[cellOf[n]] = v[n]; });
      return out;
    }
    form.on('submit(save)', function () {
      layui.layer && layui.layer.msg('已提交');
      return false;
    });
    window.host = {
      ready: false,
      getModel: function (id) { return form.val('report')[nameOf[id]]; },
      setModel: function (id, v) {
        var o = {};
        o[nameOf[id]] = v;
        form.val('report', o);
      },
      rerender: function () { render(values()); },
      fieldOf: function (el) {
        var input = el && (el.name ? el : el.querySelector && el.querySelector('input[name]'));
        return input && cellOf[input.name] ? cellOf[input.name] : null;
      },
      edit: function (id) { return document.querySelector('input[name="' + nameOf[id] + '"]'); },
    };
    NB.whenToRender(function () {
      render(NB.values);
      window.host.ready = true;
    });
  });
})();
