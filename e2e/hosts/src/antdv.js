// ant-design-vue 4 host: a-table (columns with grouped headers, merged label cells through
// customCell) with a-input v-model:value. Bundled by esbuild (harness.mjs), as a Vite app would.
import { createApp, reactive, ref, nextTick, h } from 'vue';
import Antd, { Form, Table, Input, Button } from 'ant-design-vue';
import 'ant-design-vue/dist/reset.css';

const NB = window.NB;
const model = reactive({ ...NB.values });
const formKey = ref(0);

const input = (id) => h(Input, { value: model[id], 'onUpdate:value': (v) => (model[id] = v), 'data-testid': id });

const s2 = NB.S2_BLOCKS.map(([caption, labels, ids, rows]) => ({
  caption,
  data: rows.map(([label, rid]) => ({ key: rid, label, rid })),
  columns: [
    {
      title: caption,
      align: 'center',
      children: [
        { title: '信息内容', dataIndex: 'label', key: 'label', width: 200 },
        ...labels.map((l, i) => ({ title: l, key: ids[i], align: 'center', customRender: ({ record }) => input(`s2.${record.rid}.${ids[i]}`) })),
      ],
    },
  ],
}));

const s3Rows = NB.S3_ROWS.map(([rid, g, sub, item], i) => ({ key: rid, rid, g, sub, item, i }));
function span(r, c) {
  const i = r.i;
  if (!r.g) return c === 0 ? { colSpan: 3 } : { colSpan: 0 };
  if (c === 0) return i > 0 && s3Rows[i - 1].g === r.g ? { rowSpan: 0 } : { rowSpan: s3Rows.filter((x) => x.g === r.g).length };
  if (!r.sub) return c === 1 ? { colSpan: 2 } : { colSpan: 0 };
  if (c === 1) return s3Rows[i - 1].sub === r.sub ? { rowSpan: 0 } : { rowSpan: s3Rows.filter((x) => x.sub === r.sub).length };
  return {};
}
const label = (r, c) => (!r.g ? r.item : c === 0 ? r.g : !r.sub ? r.item : c === 1 ? r.sub : r.item);
const s3Col = ([c, l]) => ({ title: l, key: c, align: 'center', customRender: ({ record }) => input(`s3.${record.rid}.${c}`) });
const s3Columns = [
  {
    title: NB.S3_NOTE,
    align: 'center',
    children: [0, 1, 2].map((k) => ({ title: '', key: `l${k}`, width: k === 2 ? 260 : 110, customCell: (r) => span(r, k), customRender: ({ record }) => label(record, k) })),
  },
  {
    title: '申请人情况',
    align: 'center',
    children: [s3Col(NB.S3_COLS[0]), { title: '法人或其他组织', align: 'center', children: NB.S3_COLS.slice(1, 6).map(s3Col) }, s3Col(NB.S3_COLS[6])],
  },
];
const s4Sub = (g) => NB.S4_SUBS.map(([s, l]) => ({ title: l, key: `${g}.${s}`, align: 'center', customRender: () => input(`s4.${g}.${s}`) }));
const s4Columns = [
  { title: '行政复议', align: 'center', children: s4Sub('review') },
  {
    title: '行政诉讼',
    align: 'center',
    children: [
      { title: '未经复议直接起诉', align: 'center', children: s4Sub('suit_direct') },
      { title: '复议后起诉', align: 'center', children: s4Sub('suit_after_review') },
    ],
  },
];

const Report = {
  setup: () => () =>
    h(Form, { class: 'report', layout: 'vertical' }, () => [
      h('h1', `${NB.year}年度政府信息公开工作年度报告`),
      h('h2', '二、主动公开政府信息情况'),
      ...s2.map((t) => h(Table, { key: t.caption, columns: t.columns, dataSource: t.data, bordered: true, pagination: false, size: 'small', style: 'margin-bottom:8px' })),
      h('h2', '三、收到和处理政府信息公开申请情况'),
      h(Table, { columns: s3Columns, dataSource: s3Rows, bordered: true, pagination: false, size: 'small' }),
      h('h2', '四、政府信息公开行政复议、行政诉讼情况'),
      h(Table, { columns: s4Columns, dataSource: [{ key: 'row' }], bordered: true, pagination: false, size: 'small', scroll: { x: 1150 } }),
      h('div', { style: 'margin-top:16px' }, [h(Button, { type: 'primary' }, () => '提交审核'), ' ', h(Button, null, () => '保存草稿')]),
    ]),
};

const app = createApp({ setup: () => () => h(Report, { key: formKey.value }) });
app.use(Antd);
window.host = {
  ready: false,
  getModel: (id) => model[id],
  setModel: (id, v) => (model[id] = v),
  rerender: async () => {
    formKey.value++;
    await nextTick();
  },
  fieldOf: NB.testidOf,
  edit: (id) => document.querySelector(`input[data-testid="${id}"]`),
};
NB.whenToRender(() => {
  app.mount('#app');
  nextTick(() => setTimeout(() => (window.host.ready = true), 50));
});
