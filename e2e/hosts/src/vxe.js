// vxe-table host: grids whose cell becomes an input only while edited (edit on click). The row
// objects are the model (vxe edits them in place). Bundled by esbuild (harness.mjs).
import { createApp, reactive, ref, nextTick } from 'vue';
import VxeUI from 'vxe-pc-ui';
import 'vxe-pc-ui/lib/style.css';
import VxeUITable from 'vxe-table';
import 'vxe-table/lib/style.css';

const NB = window.NB;
const V = NB.values;

const s2 = NB.S2_BLOCKS.map(([caption, labels, ids, rows]) => ({
  caption,
  cols: labels.map((label, i) => ({ label, id: ids[i] })),
  rows: reactive(rows.map(([label, rid]) => Object.fromEntries([['label', label], ['rid', rid], ...ids.map((c) => [c, V[`s2.${rid}.${c}`] ?? ''])]))),
}));
const s3Rows = reactive(NB.S3_ROWS.map(([rid, g, sub, item]) =>
  Object.fromEntries([['rid', rid], ['g', g], ['sub', sub], ['item', item], ...NB.S3_COLS.map(([c]) => [c, V[`s3.${rid}.${c}`] ?? ''])])));
const s4Rows = reactive([Object.fromEntries([['rid', ''], ...NB.S4_GROUPS.flatMap(([g]) => NB.S4_SUBS.map(([s]) => [`${g}__${s}`, V[`s4.${g}.${s}`] ?? '']))])]);

// cell id → [rows, row index, field]
function locate(id) {
  const [t, ...rest] = id.split('.');
  if (t === 's4') return [s4Rows, 0, rest.join('__')];
  const c = rest.pop();
  const rid = rest.join('.');
  if (t === 's3') return [s3Rows, s3Rows.findIndex((r) => r.rid === rid), c];
  for (const b of s2) {
    const i = b.rows.findIndex((r) => r.rid === rid);
    if (i >= 0) return [b.rows, i, c];
  }
  return [null, -1, null];
}
function idOf(tableKind, row, field) {
  if (tableKind === 's4') return `s4.${field.replace('__', '.')}`;
  return `${tableKind}.${row.rid}.${field}`;
}

// vxe's columnIndex counts within a column group: merge by the label column's field.
function s3Span({ row, rowIndex, column }) {
  const m = /^l(\d)$/.exec(column.field || '');
  const c = m ? Number(m[1]) : 3;
  if (c > 2) return { rowspan: 1, colspan: 1 };
  if (!row.g) return c === 0 ? { rowspan: 1, colspan: 3 } : { rowspan: 0, colspan: 0 };
  if (c === 0) {
    if (rowIndex > 0 && s3Rows[rowIndex - 1].g === row.g) return { rowspan: 0, colspan: 0 };
    return { rowspan: s3Rows.filter((x) => x.g === row.g).length, colspan: 1 };
  }
  if (!row.sub) return c === 1 ? { rowspan: 1, colspan: 2 } : { rowspan: 0, colspan: 0 };
  if (c === 1) {
    if (s3Rows[rowIndex - 1].sub === row.sub) return { rowspan: 0, colspan: 0 };
    return { rowspan: s3Rows.filter((x) => x.sub === row.sub).length, colspan: 1 };
  }
  return { rowspan: 1, colspan: 1 };
}
const s3Label = (r, c) => (!r.g ? r.item : c === 0 ? r.g : !r.sub ? r.item : c === 1 ? r.sub : r.item);

const formKey = ref(0);
const grids = [];
const Report = {
  setup() {
    return { s2, s3Rows, s4Rows, s3Span, s3Label, NB, edit: { trigger: 'click', mode: 'cell' }, grids };
  },
  mounted() {
    grids.length = 0;
    for (const [k, r] of Object.entries(this.$refs)) {
      const list = Array.isArray(r) ? r : [r];
      for (const g of list) grids.push({ kind: k.slice(0, 2), grid: g });
    }
  },
  template: `
<form class="report" @submit.prevent>
  <h1>{{ NB.year }}年度政府信息公开工作年度报告</h1>
  <h2>二、主动公开政府信息情况</h2>
  <vxe-table v-for="t in s2" :key="t.caption" ref="s2grid" :data="t.rows" border :edit-config="edit" style="margin-bottom:8px">
    <vxe-colgroup :title="t.caption" align="center">
      <vxe-column field="label" title="信息内容" width="200"></vxe-column>
      <vxe-column v-for="c in t.cols" :key="c.id" :field="c.id" :title="c.label" align="center" :edit-render="{name: 'input'}"></vxe-column>
    </vxe-colgroup>
  </vxe-table>
  <h2>三、收到和处理政府信息公开申请情况</h2>
  <vxe-table ref="s3grid" :data="s3Rows" border :span-method="s3Span" :edit-config="edit">
    <vxe-colgroup :title="NB.S3_NOTE" align="center">
      <vxe-column v-for="k in [0,1,2]" :key="k" :field="'l' + k" title="" :width="k === 2 ? 260 : 110">
        <template #default="{ row }">{{ s3Label(row, k) }}</template>
      </vxe-column>
    </vxe-colgroup>
    <vxe-colgroup title="申请人情况" align="center">
      <vxe-column field="natural" title="自然人" align="center" :edit-render="{name: 'input'}"></vxe-column>
      <vxe-colgroup title="法人或其他组织" align="center">
        <vxe-column v-for="c in NB.S3_COLS.slice(1, 6)" :key="c[0]" :field="c[0]" :title="c[1]" align="center" :edit-render="{name: 'input'}"></vxe-column>
      </vxe-colgroup>
      <vxe-column field="total" title="总计" align="center" :edit-render="{name: 'input'}"></vxe-column>
    </vxe-colgroup>
  </vxe-table>
  <h2>四、政府信息公开行政复议、行政诉讼情况</h2>
  <vxe-table ref="s4grid" :data="s4Rows" border :edit-config="edit">
    <vxe-colgroup title="行政复议" align="center">
      <vxe-column v-for="s in NB.S4_SUBS" :key="s[0]" :field="'review__' + s[0]" :title="s[1]" align="center" :edit-render="{name: 'input'}"></vxe-column>
    </vxe-colgroup>
    <vxe-colgroup title="行政诉讼" align="center">
      <vxe-colgroup v-for="g in NB.S4_GROUPS.slice(1)" :key="g[0]" :title="g[2]" align="center">
        <vxe-column v-for="s in NB.S4_SUBS" :key="s[0]" :field="g[0] + '__' + s[0]" :title="s[1]" align="center" :edit-render="{name: 'input'}"></vxe-column>
      </vxe-colgroup>
    </vxe-colgroup>
  </vxe-table>
  <p><button type="submit">提交审核</button></p>
</form>`,
};

const app = createApp({ components: { Report }, setup: () => ({ formKey }), template: '<Report :key="formKey" />' });
app.use(VxeUI).use(VxeUITable);

function gridOf(el) {
  return grids.find((g) => g.grid.$el && g.grid.$el.contains(el));
}
window.__grids = grids;
window.host = {
  ready: false,
  getModel(id) {
    const [rows, i, f] = locate(id);
    return rows && i >= 0 ? rows[i][f] : undefined;
  },
  setModel(id, v) {
    const [rows, i, f] = locate(id);
    rows[i][f] = v;
  },
  async rerender() {
    formKey.value++;
    await nextTick();
  },
  fieldOf(el) {
    const td = el && el.closest && el.closest('td');
    const g = td && gridOf(td);
    if (!g) return null;
    const rowNode = g.grid.getRowNode(td.closest('tr'));
    const colNode = g.grid.getColumnNode(td);
    if (!rowNode || !colNode || !colNode.item.field) return null;
    const field = colNode.item.field;
    if (field === 'label' || /^l\d$/.test(field)) return null;
    return idOf(g.kind, rowNode.item, field);
  },
  edit(id) {
    const [rows, i, f] = locate(id);
    const kind = id.split('.')[0];
    for (const g of grids) {
      if (g.kind !== kind) continue;
      const row = g.grid.getData().find((r) => r.rid === rows[i].rid && f in r);
      if (row) return g.grid.getCellElement(row, f);
    }
    return null;
  },
};
NB.whenToRender(() => {
  app.mount('#app');
  nextTick(() => setTimeout(() => (window.host.ready = true), 100));
});
