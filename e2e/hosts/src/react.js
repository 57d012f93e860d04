// React 19 host: the report as plain tables of controlled inputs (state is the truth; every
// input's value comes from it). React.createElement, no JSX; bundled by esbuild (harness.mjs).
import React, { useState, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';

const NB = window.NB;
const h = React.createElement;
let current = { ...NB.values };
let api = null;

function Field({ id, model, set }) {
  return h('input', {
    type: 'text',
    className: 'ipt',
    'data-testid': id,
    value: model[id] ?? '',
    onChange: (e) => set(id, e.target.value),
    autoComplete: 'off',
  });
}

function S2({ model, set }) {
  const rows = [];
  for (const [caption, labels, ids, rws] of NB.S2_BLOCKS) {
    rows.push(h('tr', { key: caption, className: 'cap' }, h('td', { colSpan: 4 }, caption)));
    rows.push(
      h('tr', { key: caption + 'h' },
        h('th', null, '信息内容'),
        labels.map((l) => h('th', { key: l, colSpan: labels.length === 1 ? 3 : 1 }, l))),
    );
    for (const [label, rid] of rws) {
      rows.push(
        h('tr', { key: rid },
          h('td', { className: 'lbl' }, label),
          ids.map((c) => h('td', { key: c, colSpan: ids.length === 1 ? 3 : 1 }, h(Field, { id: `s2.${rid}.${c}`, model, set })))),
      );
    }
  }
  return h('table', { className: 'rpt' }, h('tbody', null, rows));
}

function S3({ model, set }) {
  const head = h('thead', null,
    h('tr', null, h('th', { rowSpan: 3, colSpan: 3 }, NB.S3_NOTE), h('th', { colSpan: 7 }, '申请人情况')),
    h('tr', null, h('th', { rowSpan: 2 }, '自然人'), h('th', { colSpan: 5 }, '法人或其他组织'), h('th', { rowSpan: 2 }, '总计')),
    h('tr', null, NB.S3_COLS.slice(1, 6).map(([id, l]) => h('th', { key: id }, l))));
  const seen = new Set();
  const body = NB.S3_ROWS.map(([rid, g, sub, item]) => {
    const tds = [];
    if (!g) tds.push(h('td', { key: 'l', colSpan: 3, className: 'lbl' }, item));
    else {
      if (!seen.has(g)) {
        seen.add(g);
        tds.push(h('td', { key: 'g', rowSpan: NB.S3_ROWS.filter((r) => r[1] === g).length, className: 'grp' }, g));
      }
      if (!sub) tds.push(h('td', { key: 'l', colSpan: 2, className: 'lbl' }, item));
      else {
        if (!seen.has(sub)) {
          seen.add(sub);
          tds.push(h('td', { key: 's', rowSpan: NB.S3_ROWS.filter((r) => r[2] === sub).length, className: 'grp' }, sub));
        }
        tds.push(h('td', { key: 'l', className: 'lbl' }, item));
      }
    }
    for (const [c] of NB.S3_COLS) tds.push(h('td', { key: c }, h(Field, { id: `s3.${rid}.${c}`, model, set })));
    return h('tr', { key: rid }, tds);
  });
  return h('table', { className: 'rpt' }, head, h('tbody', null, body));
}

function S4({ model, set }) {
  return h('table', { className: 'rpt' },
    h('thead', null,
      h('tr', null, h('th', { colSpan: 5 }, '行政复议'), h('th', { colSpan: 10 }, '行政诉讼')),
      h('tr', null,
        NB.S4_SUBS.map(([id, l]) => h('th', { key: id, rowSpan: 2 }, l)),
        h('th', { colSpan: 5 }, '未经复议直接起诉'), h('th', { colSpan: 5 }, '复议后起诉')),
      h('tr', null, [0, 1].flatMap((g) => NB.S4_SUBS.map(([id, l]) => h('th', { key: g + id }, l))))),
    h('tbody', null,
      h('tr', null, NB.S4_GROUPS.flatMap(([g]) => NB.S4_SUBS.map(([s]) => h('td', { key: g + s }, h(Field, { id: `s4.${g}.${s}`, model, set })))))));
}

function App() {
  const [model, setModel] = useState(current);
  const [key, setKey] = useState(0);
  const set = (id, v) => setModel((m) => (current = { ...m, [id]: v }));
  useEffect(() => {
    api = { set, rerender: () => setKey((k) => k + 1) };
    window.host.ready = true;
  }, []);
  return h('form', { key, className: 'report', onSubmit: (e) => e.preventDefault() },
    h('h1', null, `${NB.year}年度政府信息公开工作年度报告`),
    h('h2', null, '二、主动公开政府信息情况'), h(S2, { model, set }),
    h('h2', null, '三、收到和处理政府信息公开申请情况'), h(S3, { model, set }),
    h('h2', null, '四、政府信息公开行政复议、行政诉讼情况'), h(S4, { model, set }),
    h('p', null, h('button', { type: 'submit' }, '提交审核')));
}

window.host = {
  ready: false,
  getModel: (id) => current[id],
  setModel: (id, v) => api.set(id, v),
  rerender: () => flushSync(() => api.rerender()),
  fieldOf: NB.testidOf,
  edit: (id) => document.querySelector(`input[data-testid="${id}"]`),
};
NB.whenToRender(() => createRoot(document.getElementById('app')).render(h(App)));
