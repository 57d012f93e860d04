// Filling the blank form top-down as a user does (spec §3.1 "pending"): no error before its
// time; a typo shows once its identity's last cell is filled; 全部检查 / checkAll / submit judge
// the rest. Real keyboard input (page.keyboard) in headless Chromium on www/cms-2021.html.
//
//   node e2e/run.mjs pending
//
// Screenshots of the blank-fill sequence go to $E2E_SHOTS (default: <tmp>/nianbao-e2e-shots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const WWW = path.join(here, '..', 'www');
/** A consistent 2021 report, every cell typed (also used by tests/pending.rs). */
const REPORT = JSON.parse(
  fs.readFileSync(path.join(here, '..', 'tests', 'fixtures', 'gb2021-consistent.json'), 'utf8'),
);
const SHOTS = process.env.E2E_SHOTS || path.join(os.tmpdir(), 'nianbao-e2e-shots');

let srv;
let ctx;
before(async () => {
  srv = await startServer(WWW);
  ctx = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await ctx?.close();
  await srv?.close();
});

async function open(file, { html } = {}) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  if (html) {
    await page.route(`**/${file}`, async (route) => {
      const res = await route.fetch();
      route.fulfill({ response: res, body: html(await res.text()) });
    });
  }
  await page.goto(srv.url + file, { waitUntil: 'load' });
  await page.waitForFunction(() => window.nianbao?.handles?.length >= 1, null, { timeout: 10_000 });
  return { page, errors };
}

/** The bound fields in tab (document) order: [{cell, name}]. */
const fields = (page) =>
  page.evaluate(() => {
    const b = nianbao.handles[0].bound.map((x) => ({ cell: x.cell, name: x.element.name, el: x.element }));
    b.sort((x, y) => (x.el.compareDocumentPosition(y.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return b.map(({ cell, name }) => ({ cell, name }));
  });

/** What the user sees: invalid fields, inline messages, the panel's counts and pending line. */
const shown = (page) =>
  page.evaluate(() => {
    const sr = document.querySelector('[data-nianbao-panel]').shadowRoot;
    const pend = sr.querySelector('.pend');
    return {
      invalid: [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => e.name).sort(),
      messages: document.querySelectorAll('.nb-msg').length,
      fixes: document.querySelectorAll('.nb-act').length,
      sum: sr.querySelector('.sum').textContent,
      items: sr.querySelectorAll('li').length,
      pending: pend.hidden ? null : pend.textContent,
      diagnostics: nianbao.handles[0].diagnostics().map((d) => d.key),
    };
  });

const QUIET = { invalid: [], messages: 0, fixes: 0, sum: '✓ 未发现问题', items: 0, diagnostics: [] };

/** Tabs to `name` (through whatever the page has in between, as a user does). */
async function tabTo(page, name) {
  for (let i = 0; i < 8; i++) {
    if ((await page.evaluate(() => document.activeElement?.name)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

/**
 * Types the report into the blank form top-down: each value with the keyboard, then Tab.
 * `each(step, field)` runs after every Tab.
 */
async function fillTopDown(page, values, each) {
  const list = await fields(page);
  assert.equal(list.length, 200);
  await page.locator(`[name="${list[0].name}"]`).click();
  for (const [step, f] of list.entries()) {
    await tabTo(page, f.name);
    await page.keyboard.type(values[f.cell]);
    await page.keyboard.press('Tab');
    await each(step, f);
  }
  return list;
}

test('cms-2021.html: typing a consistent report top-down with Tab shows no error at any step', async () => {
  const { page, errors } = await open('cms-2021.html');
  try {
    const start = await shown(page);
    assert.match(start.pending, /全部检查/);
    assert.deepEqual({ ...start, pending: undefined }, { ...QUIET, pending: undefined });
    const shots = { 0: 'pending-1-first-field.png', 100: 'pending-2-middle-s3.png', 199: 'pending-3-end.png' };
    const list = await fillTopDown(page, REPORT.cells, async (step, f) => {
      const s = await shown(page);
      assert.deepEqual({ ...s, pending: undefined }, { ...QUIET, pending: undefined }, `after ${f.cell}`);
      if (shots[step]) {
        await page.screenshot({ path: path.join(SHOTS, shots[step]) });
      }
    });
    // Every check has run: nothing waits, and 全部检查 finds nothing more.
    const end = await shown(page);
    assert.equal(end.pending, '全部检查');
    await page.evaluate(() =>
      document.querySelector('[data-nianbao-panel]').shadowRoot.querySelector('[data-act="checkall"]').click(),
    );
    assert.deepEqual(await shown(page), { ...QUIET, pending: null });
    const cells = await page.evaluate(() => nianbao.handles[0].report().cells);
    assert.deepEqual(cells, REPORT.cells);
    assert.equal(list.at(-1).cell, 's4.suit_after_review.total');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('cms-2021.html: a typo shows once its identity is filled, on the right cell', async () => {
  const { page } = await open('cms-2021.html');
  try {
    const values = { ...REPORT.cells, 's3.new.commercial': '172' }; // 127 typed as 172
    const seen = [];
    let before;
    await fillTopDown(page, values, async (step, f) => {
      const s = await shown(page);
      const key = JSON.stringify(s.invalid) + s.diagnostics.join();
      if (key !== before) seen.push({ cell: f.cell, ...s });
      before = key;
      if (f.cell === 's3.carried_forward.commercial') {
        await page.screenshot({ path: path.join(SHOTS, 'pending-4-typo-pinpointed.png') });
      }
    });
    const byName = Object.fromEntries((await fields(page)).map((f) => [f.cell, f.name]));
    const row = ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'org_other', 'total']
      .map((c) => byName[`s3.new.${c}`])
      .sort();
    // Quiet until the row's 总计 is typed; then the row's error (its cells marked); then, once
    // the column's balance is complete too, both identities are marked and the one cell that
    // explains both says so.
    assert.deepEqual(
      seen.map((s) => [s.cell, s.invalid, s.diagnostics]),
      [
        ['s2.rules.issued', [], []],
        ['s3.new.total', row, ['E-S3-ROW:new']],
        [
          's3.carried_forward.commercial',
          [...row, ...['carried_over', 'result.total', 'carried_forward'].map((r) => byName[`s3.${r}.commercial`])].sort(),
          ['E-S3-ROW:new', 'E-S3-BALANCE:commercial'],
        ],
      ],
    );
    const last = seen.at(-1);
    assert.equal(last.sum, '2 个错误');
    const msg = await page.evaluate(
      (name) => {
        const el = document.querySelector(`[name="${name}"]`);
        return (el.getAttribute('aria-describedby') || '')
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => document.getElementById(id)?.textContent)
          .join(' | ');
      },
      byName['s3.new.commercial'],
    );
    assert.match(msg, /疑似此格笔误：改为 127/);
  } finally {
    await page.close();
  }
});

test('cms-2021.html: 全部检查, checkAll() and a blocked submit judge the blanks (blank part = 0, blank total asked for)', async () => {
  const { page } = await open('cms-2021.html', {
    html: (h) => h.replace('data-nianbao-auto', 'data-nianbao-auto data-nianbao-block-submit'),
  });
  try {
    const byName = Object.fromEntries((await fields(page)).map((f) => [f.cell, f.name]));
    for (const [cell, v] of [['s3.new.natural', '12'], ['s3.new.commercial', '3']]) {
      await page.locator(`[name="${byName[cell]}"]`).click();
      await page.keyboard.type(v);
      await page.keyboard.press('Tab');
    }
    let s = await shown(page);
    assert.deepEqual({ ...s, pending: undefined }, { ...QUIET, pending: undefined });
    assert.equal(s.pending, '另有 5 项核对待相关单元格填写后进行。 全部检查');
    // Submitting judges everything; the errors block it.
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#notice').isVisible(), false, 'submit was blocked');
    s = await shown(page);
    assert.equal(s.pending, null);
    assert.deepEqual(s.diagnostics, [
      'E-S3-BALANCE:natural',
      'E-S3-BALANCE:commercial',
      'W-EMPTY-TABLE:s2',
      'W-MISSING-TOTAL:s3.new.total',
      'W-EMPTY-TABLE:s4',
    ]);
    assert.equal(s.sum, '2 个错误 · 3 个提醒');
    assert.match(
      await page.locator(`[name="${byName['s3.new.total']}"]`).evaluate((e) => e.getAttribute('aria-describedby') && document.getElementById(e.getAttribute('aria-describedby').split(' ')[0]).textContent),
      /填入 15/,
    );
    // The errors' fields carry the browser's messages (setCustomValidity).
    const invalid = await page.evaluate(() =>
      [...document.querySelectorAll('input:invalid')].map((e) => [e.name, e.validationMessage]),
    );
    assert.deepEqual(invalid, [
      [byName['s3.carried_forward.natural'], '应为 12（本年新收＋上年结转－办理结果总计），现为 0，差 12'],
      [byName['s3.carried_forward.commercial'], '应为 3（本年新收＋上年结转－办理结果总计），现为 0，差 3'],
    ]);
  } finally {
    await page.close();
  }
});

test('h.checkAll() judges a partly filled form; a form that arrives filled is judged at attach', async () => {
  const { page } = await open('cms-2021.html');
  try {
    const byName = Object.fromEntries((await fields(page)).map((f) => [f.cell, f.name]));
    await page.locator(`[name="${byName['s4.review.upheld']}"]`).click();
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    assert.deepEqual((await shown(page)).diagnostics, []);
    const all = await page.evaluate(() => nianbao.handles[0].checkAll().map((d) => d.key));
    assert.deepEqual(all, ['W-EMPTY-TABLE:s2', 'W-EMPTY-TABLE:s3', 'W-MISSING-TOTAL:s4.review.total']);
    assert.deepEqual((await shown(page)).diagnostics, all);
  } finally {
    await page.close();
  }
  // The preloaded 2019 demo: judged in full at attach, its one warning shown, no pending line.
  const demo = await open('cms-2019.html');
  try {
    const s = await shown(demo.page);
    assert.equal(s.pending, null);
    assert.deepEqual(s.diagnostics, ['W-2019-CHANGE-LARGE:fees', 'I-UNIT-IGNORED:s2.procurement.projects']);
  } finally {
    await demo.page.close();
  }
});
