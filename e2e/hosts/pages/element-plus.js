// Vue 3 + Element Plus: el-table (header and body in separate <table>s) with el-input v-model.
(function () {
  'use strict';
  var NB = window.NB;
  var Vue = window.Vue;
  var model = Vue.reactive(Object.assign({}, NB.values));
  var formKey = Vue.ref(0);

  var s2Tables = NB.S2_BLOCKS.map(function (b) {
    return {
      caption: b[0],
      cols: b[1].map(function (label, i) { return { label: label, id: b[2][i] }; }),
      rows: b[3].map(function (r) { return { label: r[0], id: r[1] }; }),
    };
  });
  var s3Rows = NB.S3_ROWS.map(function (r) { return { id: r[0], g: r[1], sub: r[2], item: r[3] }; });
  var s3Cols = NB.S3_COLS.map(function (c) { return { id: c[0], label: c[1] }; });
  var s4Subs = NB.S4_SUBS.map(function (s) { return { id: s[0], label: s[1] }; });
  var s4Row = [{ id: 'row' }];

  // Label columns merged as printed: group | sub-group | item.
  function s3Span(ctx) {
    var r = ctx.row;
    var i = ctx.rowIndex;
    var c = ctx.columnIndex;
    if (c > 2) return [1, 1];
    if (!r.g) return c === 0 ? [1, 3] : [0, 0];
    if (c === 0) {
      if (i > 0 && s3Rows[i - 1].g === r.g) return [0, 0];
      return [s3Rows.filter(function (x) { return x.g === r.g; }).length, 1];
    }
    if (!r.sub) return c === 1 ? [1, 2] : [0, 0];
    if (c === 1) {
      if (s3Rows[i - 1].sub === r.sub) return [0, 0];
      return [s3Rows.filter(function (x) { return x.sub === r.sub; }).length, 1];
    }
    return [1, 1];
  }
  function s3Label(r, c) {
    if (!r.g) return r.item;
    if (c === 0) return r.g;
    if (!r.sub) return r.item;
    return c === 1 ? r.sub : r.item;
  }

  var Report = {
    props: ['model'],
    setup: function () {
      return { s2Tables: s2Tables, s3Rows: s3Rows, s3Cols: s3Cols, s4Subs: s4Subs, s4Row: s4Row, s3Span: s3Span, s3Label: s3Label, NB: NB };
    },
    template:
      '<el-form class="report" label-width="0">' +
      '<h1>{{ NB.year }}年度政府信息公开工作年度报告</h1>' +
      '<h2>二、主动公开政府信息情况</h2>' +
      '<el-table v-for="t in s2Tables" :key="t.caption" :data="t.rows" border style="margin-bottom:8px">' +
      '  <el-table-column :label="t.caption" align="center">' +
      '    <el-table-column label="信息内容" width="200"><template #default="{row}">{{ row.label }}</template></el-table-column>' +
      '    <el-table-column v-for="c in t.cols" :key="c.id" :label="c.label" align="center">' +
      '      <template #default="{row}"><el-input v-model="model[\'s2.\' + row.id + \'.\' + c.id]" :data-testid="\'s2.\' + row.id + \'.\' + c.id" /></template>' +
      '    </el-table-column>' +
      '  </el-table-column>' +
      '</el-table>' +
      '<h2>三、收到和处理政府信息公开申请情况</h2>' +
      '<el-table :data="s3Rows" border :span-method="s3Span" row-key="id">' +
      '  <el-table-column :label="NB.S3_NOTE" align="center">' +
      '    <el-table-column v-for="k in [0,1,2]" :key="k" label="" :width="k === 2 ? 260 : 110"><template #default="{row}">{{ s3Label(row, k) }}</template></el-table-column>' +
      '  </el-table-column>' +
      '  <el-table-column label="申请人情况" align="center">' +
      '    <el-table-column :label="s3Cols[0].label" align="center"><template #default="{row}"><el-input v-model="model[\'s3.\' + row.id + \'.natural\']" :data-testid="\'s3.\' + row.id + \'.natural\'" /></template></el-table-column>' +
      '    <el-table-column label="法人或其他组织" align="center">' +
      '      <el-table-column v-for="c in s3Cols.slice(1, 6)" :key="c.id" :label="c.label" align="center"><template #default="{row}"><el-input v-model="model[\'s3.\' + row.id + \'.\' + c.id]" :data-testid="\'s3.\' + row.id + \'.\' + c.id" /></template></el-table-column>' +
      '    </el-table-column>' +
      '    <el-table-column :label="s3Cols[6].label" align="center"><template #default="{row}"><el-input v-model="model[\'s3.\' + row.id + \'.total\']" :data-testid="\'s3.\' + row.id + \'.total\'" /></template></el-table-column>' +
      '  </el-table-column>' +
      '</el-table>' +
      '<h2>四、政府信息公开行政复议、行政诉讼情况</h2>' +
      '<el-table :data="s4Row" border>' +
      '  <el-table-column label="行政复议" align="center">' +
      '    <el-table-column v-for="s in s4Subs" :key="s.id" :label="s.label" align="center"><template #default><el-input v-model="model[\'s4.review.\' + s.id]" :data-testid="\'s4.review.\' + s.id" /></template></el-table-column>' +
      '  </el-table-column>' +
      '  <el-table-column label="行政诉讼" align="center">' +
      '    <el-table-column v-for="g in [[\'suit_direct\', \'未经复议直接起诉\'], [\'suit_after_review\', \'复议后起诉\']]" :key="g[0]" :label="g[1]" align="center">' +
      '      <el-table-column v-for="s in s4Subs" :key="s.id" :label="s.label" align="center"><template #default><el-input v-model="model[\'s4.\' + g[0] + \'.\' + s.id]" :data-testid="\'s4.\' + g[0] + \'.\' + s.id" /></template></el-table-column>' +
      '    </el-table-column>' +
      '  </el-table-column>' +
      '</el-table>' +
      '<div style="margin-top:16px"><el-button type="primary">提交审核</el-button><el-button>保存草稿</el-button></div>' +
      '</el-form>',
  };

  var app = Vue.createApp({
    components: { Report: Report },
    setup: function () { return { model: model, formKey: formKey }; },
    template: '<Report :key="formKey" :model="model" />',
  });
  app.use(window.ElementPlus);

  window.host = {
    ready: false,
    getModel: function (id) { return model[id]; },
    setModel: function (id, v) { model[id] = v; },
    rerender: function () { formKey.value++; return Vue.nextTick(); },
    fieldOf: NB.testidOf,
    edit: function (id) { return document.querySelector('input[data-testid="' + id + '"]'); },
  };
  NB.whenToRender(function () {
    app.mount('#app');
    Vue.nextTick(function () { setTimeout(function () { window.host.ready = true; }, 50); });
  });
})();
