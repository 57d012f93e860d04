// Autosave drafts that never leak or vanish (issue 11, items 3–4), in headless Chromium on
// www/cms-2021.html with `data-nianbao-autosave` (no key: path + query + the form's identity).
//
//   node e2e/run.mjs drafts
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';

const WWW = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');
const TITLE = '2021年度政府信息公开工作年度报告填报 - ××市政府信息公开管理系统';

let srv;
let ctx;
before(async () => {
  srv = await startServer(WWW);
  ctx = await launch();
});
after(async () => {
  await ctx?.close();
  await srv?.close();
});

const withAutosave = (extra = '') => (h) =>
  h.replace('data-nianbao-auto', `data-nianbao-auto data-nianbao-autosave${extra}`);

async function open(page, url, { html = withAutosave() } = {}) {
  await page.unroute('**/cms-2021.html*').catch(() => {});
  await page.route('**/cms-2021.html*', async (route) => {
    const res = await route.fetch();
    route.fulfill({ response: res, body: html(await res.text()) });
  });
  await page.goto(srv.url + url, { waitUntil: 'load' });
  await attached(page);
}

const attached = (page) =>
  page.waitForFunction(() => window.nianbao?.handles?.length >= 1, null, { timeout: 10_000 });

async function newPage() {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  return page;
}

const drafts = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('nianbao:autosave:'))
        .map((k) => [k, JSON.parse(localStorage.getItem(k))]),
    ),
  );

const clearDrafts = (page) =>
  page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('nianbao:autosave:')) localStorage.removeItem(k);
  });

const offerText = (page) =>
  page.evaluate(() => {
    const rs = document.querySelector('[data-nianbao-panel]')?.shadowRoot.querySelector('.rs');
    return !rs || rs.hidden ? null : rs.textContent;
  });

const clickPanel = (page, act) =>
  page.evaluate(
    (act) => document.querySelector('[data-nianbao-panel]').shadowRoot.querySelector(`[data-act="${act}"]`).click(),
    act,
  );

async function typeAt(page, name, text) {
  await page.locator(`[name="${name}"]`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

const value = (page, name) => page.locator(`[name="${name}"]`).inputValue();
const saved = () => new Promise((r) => setTimeout(r, 600)); // the 400 ms autosave timer

test('drafts: keyed per report and form, never overwritten before 恢复/丢弃, restore skips typed cells and undoes once', async () => {
  const page = await newPage();
  try {
    await open(page, 'cms-2021.html?id=A');
    await clearDrafts(page);
    await typeAt(page, 'field_011', '28');
    await saved();
    const name = `nianbao:autosave:/cms-2021.html?id=A#reportForm|gb2021|2021||${TITLE}`;
    let d = await drafts(page);
    assert.deepEqual(Object.keys(d), [name]);
    assert.equal(d[name].v, 2);
    assert.deepEqual(d[name].fp, { format: 'gb2021', year: '2021', agency: '', title: TITLE });
    assert.equal(d[name].cells['s3.new.natural'], '28');
    assert.equal(Object.keys(d[name].cells).length, 200);

    // Report B at the same path: nothing offered, A's draft untouched.
    await open(page, 'cms-2021.html?id=B');
    assert.equal(await offerText(page), null);
    assert.equal(await page.evaluate(() => nianbao.handles[0].draft), null);

    // Report A again: offered. New typing goes into the newer slot; the offer shows both.
    await open(page, 'cms-2021.html?id=A');
    assert.match(await offerText(page), /1 个单元格与当前页面不同。恢复丢弃$/);
    const first = await page.evaluate(() => nianbao.handles[0].draft);
    assert.equal(first.cells, 1);
    assert.equal(first.newerAt, null);
    await typeAt(page, 'field_012', '5');
    await saved();
    d = await drafts(page);
    assert.equal(d[name].cells['s3.new.natural'], '28', 'the offered draft is not overwritten');
    assert.equal(d[name].cells['s3.new.commercial'], '');
    assert.deepEqual(d[name].newer.cells, { 's3.new.commercial': '5' });
    assert.match(await offerText(page), /又保存了较新的输入/);

    // A forced reload: the offer survives, with both slots (2 cells differ from the blank page).
    await page.reload({ waitUntil: 'load' });
    await attached(page);
    const again = await page.evaluate(() => nianbao.handles[0].draft);
    assert.equal(again.cells, 2);
    assert.ok(again.newerAt >= again.savedAt);
    assert.match(await offerText(page), /2 个单元格与当前页面不同。此后于 .* 又保存了较新的输入/);

    // Typed since load: 一·自然人 30. Restore writes 一·商业企业 5 but keeps 30.
    await typeAt(page, 'field_011', '30');
    await clickPanel(page, 'restore');
    assert.equal(await value(page, 'field_011'), '30');
    assert.equal(await value(page, 'field_012'), '5');
    assert.match(await offerText(page), /已恢复 1 个单元格。 撤销/);
    let cells = await page.evaluate(() => nianbao.handles[0].report().cells);
    assert.deepEqual(cells, { 's3.new.natural': '30', 's3.new.commercial': '5' });
    // Undo once.
    assert.equal(await page.evaluate(() => nianbao.handles[0].undoRestore()), 1);
    assert.equal(await value(page, 'field_012'), '');
    assert.equal(await page.evaluate(() => nianbao.handles[0].undoRestore()), 0);
    cells = await page.evaluate(() => nianbao.handles[0].report().cells);
    assert.deepEqual(cells, { 's3.new.natural': '30' });
    await saved();
    d = await drafts(page);
    assert.equal(d[name].newer, undefined);
    assert.equal(d[name].cells['s3.new.natural'], '30');
    assert.equal(d[name].cells['s3.new.commercial'], '');
  } finally {
    await clearDrafts(page).catch(() => {});
    await page.close();
  }
});

test("drafts: panel 'none' gets the offer as an event and h.draft; 丢弃 keeps only the new typing", async () => {
  const page = await newPage();
  try {
    await open(page, 'cms-2021.html?id=C');
    await clearDrafts(page);
    await typeAt(page, 'field_186', '4');
    await saved();
    await page.addInitScript(() => {
      window.__drafts = [];
      document.addEventListener('nianbao:draft', (e) => window.__drafts.push(e.detail));
    });
    await open(page, 'cms-2021.html?id=C', { html: withAutosave(' data-nianbao-panel="none"') });
    assert.equal(await page.locator('div[data-nianbao-panel]').count(), 0);
    const ev = await page.evaluate(() => window.__drafts);
    assert.equal(ev.length, 1);
    assert.equal(ev[0].cells, 1);
    assert.match(ev[0].key, /^\/cms-2021\.html\?id=C#reportForm$/);
    assert.deepEqual(await page.evaluate(() => nianbao.handles[0].draft), ev[0]);
    await typeAt(page, 'field_187', '1');
    await page.evaluate(() => nianbao.handles[0].discardAutosave());
    assert.equal(await page.evaluate(() => nianbao.handles[0].draft), null);
    const d = Object.values(await drafts(page));
    assert.equal(d.length, 1);
    assert.equal(d[0].cells['s4.review.upheld'], '', "the discarded draft's 4 is gone");
    assert.equal(d[0].cells['s4.review.corrected'], '1');
    assert.equal(await value(page, 'field_186'), '');
  } finally {
    await clearDrafts(page).catch(() => {});
    await page.close();
  }
});

test('drafts: expire after 30 days, removed on submit and by clearAutosave(); a storage error is shown once', async () => {
  const page = await newPage();
  try {
    await open(page, 'cms-2021.html?id=D');
    await clearDrafts(page);
    await page.evaluate(() => {
      const old = Date.now() - 31 * 86400000;
      localStorage.setItem('nianbao:autosave:elsewhere|gb2021|2021||x', JSON.stringify({ v: 2, savedAt: old, fp: { format: 'gb2021', year: '2021', agency: '', title: 'x' }, cells: { 's3.new.natural': '9' } }));
      localStorage.setItem('nianbao:autosave:recent|gb2021|2021||x', JSON.stringify({ v: 2, savedAt: Date.now() - 86400000, fp: { format: 'gb2021', year: '2021', agency: '', title: 'x' }, cells: {} }));
      localStorage.setItem('unrelated', '1');
    });
    await open(page, 'cms-2021.html?id=D');
    assert.deepEqual(Object.keys(await drafts(page)), ['nianbao:autosave:recent|gb2021|2021||x']);
    assert.equal(await page.evaluate(() => localStorage.getItem('unrelated')), '1');
    await clearDrafts(page);

    // Submit (the host saves by script and prevents the navigation) removes the draft.
    await typeAt(page, 'field_011', '3');
    await saved();
    assert.equal(Object.keys(await drafts(page)).length, 1);
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.locator('#notice').waitFor({ state: 'visible' });
    await saved();
    assert.deepEqual(await drafts(page), {});
    // clearAutosave() for hosts that save without a submit event.
    await typeAt(page, 'field_012', '4');
    await saved();
    assert.equal(Object.keys(await drafts(page)).length, 1);
    await page.evaluate(() => nianbao.handles[0].clearAutosave());
    assert.deepEqual(await drafts(page), {});

    // Quota: every write fails. One notice in the panel, one warning, one event.
    await page.addInitScript(() => {
      window.__warn = [];
      window.__events = [];
      const warn = console.warn;
      console.warn = (...a) => (window.__warn.push(a.join(' ')), warn.apply(console, a));
      document.addEventListener('nianbao:draft', (e) => window.__events.push(e.detail));
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await open(page, 'cms-2021.html?id=D');
    await typeAt(page, 'field_011', '1');
    await saved();
    await typeAt(page, 'field_012', '2');
    await saved();
    const alerts = await page.evaluate(() =>
      [...document.querySelector('[data-nianbao-panel]').shadowRoot.querySelectorAll('[role="alert"]')].map((e) => e.textContent),
    );
    assert.deepEqual(alerts, [
      '自动保存失败（The quota has been exceeded.）：本机未保存填写内容，请及时提交或用系统的保存草稿功能。',
    ]);
    assert.equal((await page.evaluate(() => window.__warn)).length, 1);
    assert.deepEqual(await page.evaluate(() => window.__events), [{ error: alerts[0] }]);
    assert.equal(await value(page, 'field_012'), '2', 'typing goes on');
  } finally {
    await page.close();
  }
});

test('no lost keystrokes: machine-speed typing, paste, undo and IME; the draft survives a forced reload mid-typing', async () => {
  const page = await newPage();
  try {
    await open(page, 'cms-2021.html?id=E');
    await clearDrafts(page);
    const cdp = await page.context().newCDPSession(page);
    const expected = {};
    await page.locator('[name="field_011"]').click();
    // 60 cells of 三, typed without delay, Tab between them.
    for (let n = 11; n < 71; n++) {
      const name = `field_${String(n).padStart(3, '0')}`;
      const v = String((n * 37) % 211);
      if (n % 10 === 3) {
        await page.keyboard.insertText(v); // a paste: one input event with the whole text
      } else if (n % 10 === 7) {
        await page.keyboard.type('999', { delay: 0 });
        // Undo until the field is empty again (Chromium groups typed characters its own way).
        for (let k = 0; k < 4 && (await value(page, name)) !== ''; k++) await page.keyboard.press('Control+Z');
        assert.equal(await value(page, name), '');
        await page.keyboard.type(v, { delay: 0 });
      } else if (n % 10 === 9) {
        await cdp.send('Input.imeSetComposition', { text: 'ｘ', selectionStart: 1, selectionEnd: 1 });
        await cdp.send('Input.imeSetComposition', { text: v, selectionStart: v.length, selectionEnd: v.length });
        await cdp.send('Input.insertText', { text: v }); // compositionend
      } else {
        await page.keyboard.type(v, { delay: 0 });
      }
      expected[name] = v;
      await page.keyboard.press('Tab');
    }
    const values = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll('input.ipt')].filter((e) => e.value).map((e) => [e.name, e.value])),
    );
    assert.deepEqual(values, expected);
    const byName = await page.evaluate(() => Object.fromEntries(nianbao.handles[0].bound.map((b) => [b.element.name, b.cell])));
    const cells = await page.evaluate(() => nianbao.handles[0].report().cells);
    assert.deepEqual(cells, Object.fromEntries(Object.entries(expected).map(([n, v]) => [byName[n], v])));

    // Mid-typing (no Tab, no timer yet) the page is reloaded: pagehide saved it.
    await page.keyboard.type('77', { delay: 0 });
    expected.field_071 = '77';
    await page.reload({ waitUntil: 'load' });
    await attached(page);
    const offer = await page.evaluate(() => nianbao.handles[0].draft);
    assert.equal(offer.cells, Object.keys(expected).length);
    await clickPanel(page, 'restore');
    const after = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll('input.ipt')].filter((e) => e.value).map((e) => [e.name, e.value])),
    );
    assert.deepEqual(after, expected);
    const cells2 = await page.evaluate(() => nianbao.handles[0].report().cells);
    assert.deepEqual(cells2, Object.fromEntries(Object.entries(expected).map(([n, v]) => [byName[n], v])));
  } finally {
    await clearDrafts(page).catch(() => {});
    await page.close();
  }
});
