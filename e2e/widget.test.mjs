// The widget in a real browser (headless Debian Chromium via playwright-core): the demo host
// pages load www/nianbao.js through their one integration line, exactly as a CMS would.
//
//   node e2e/run.mjs            (all browser tests)   node --test e2e/widget.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';

const WWW = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');

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

const names = (from, to) =>
  Array.from({ length: to - from + 1 }, (_, i) => `field_${String(from + i).padStart(3, '0')}`);

/**
 * Opens a demo page. `html` rewrites the page's HTML before the browser sees it (e.g. to
 * drop `data-nianbao-auto` and attach by hand, or to add script options).
 */
async function open(file, { html, wait = true, init } = {}) {
  const page = await ctx.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  if (html) {
    await page.route(`**/${file}`, async (route) => {
      const res = await route.fetch();
      route.fulfill({ response: res, body: html(await res.text()) });
    });
  }
  if (init) await page.addInitScript(init);
  await page.goto(srv.url + file, { waitUntil: 'load' });
  if (wait) await attached(page);
  return { page, errors, requests };
}

async function attached(page, n = 1) {
  await page.waitForFunction(
    (n) => window.nianbao && window.nianbao.handles && window.nianbao.handles.length >= n,
    n,
    { timeout: 10_000 },
  );
}

const noAuto = (h) => h.replace(' data-nianbao-auto', '');

/** Selects a field's text and types `text` with the keyboard (trusted input events). */
async function typeInto(page, name, text, { blur = true } = {}) {
  const f = page.locator(`[name="${name}"]`);
  await f.click();
  await f.press('Control+A');
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
  if (blur) await page.keyboard.press('Tab');
}

/** Names of the form fields that currently have aria-invalid="true". */
const invalidNames = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => e.name || e.tagName).sort(),
  );

/** Text of the inline message(s) describing a field (its aria-describedby targets). */
const describedText = (page, name) =>
  page.evaluate((name) => {
    const el = document.querySelector(`[name="${name}"]`);
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`).join(' | ');
  }, name);

const allValues = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('input, textarea, select')]
        .filter((e) => e.name)
        .map((e) => [e.name, e.value]),
    ),
  );

const diagKeys = (page) => page.evaluate(() => nianbao.handles[0].diagnostics().map((d) => d.key));

for (const [file, format, count] of [
  ['cms-2019.html', 'gb2019', 198],
  ['cms-2021.html', 'gb2021', 200],
]) {
  test(`${file}: auto-binding finds every cell, in format order, and nothing else`, async () => {
    const { page, errors } = await open(file);
    try {
      const r = await page.evaluate(() => {
        const h = nianbao.handles[0];
        return {
          handles: nianbao.handles.length,
          format: h.format,
          tables: h.tables,
          unbound: h.unbound,
          bound: h.bound.map((b) => [b.cell, b.element.name, b.kind, b.via]),
        };
      });
      assert.equal(r.handles, 1);
      assert.equal(r.format, format);
      assert.equal(r.tables, 3);
      assert.deepEqual(r.unbound, []);
      assert.equal(r.bound.length, count);
      // The host numbered its fields in table order, which is the format's cell order.
      assert.deepEqual(
        r.bound.map((b) => b[1]),
        names(1, count),
      );
      assert.ok(r.bound.every((b) => b[2] === 'input' && b[3] === 'auto'));
      assert.equal(r.bound[0][0], format === 'gb2019' ? 's2.rules.made' : 's2.rules.issued');
      assert.equal(r.bound[count - 1][0], 's4.suit_after_review.total');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
}

test('cms-2019.html: the seed loads with no error and its one warning marked', async () => {
  const { page } = await open('cms-2019.html');
  try {
    const d = await page.evaluate(() => nianbao.handles[0].diagnostics());
    assert.equal(d.filter((x) => x.severity === 'error').length, 0);
    assert.ok(d.some((x) => x.key === 'W-2019-CHANGE-LARGE:fees'));
    assert.deepEqual(await invalidNames(page), []);
    assert.equal(await page.locator('[name="field_020"]').getAttribute('data-nb-mark'), 'warning');
    assert.match(await describedText(page, 'field_020'), /1452/);
    // The header counts the warning and the info note apart; the note is not a table's warning.
    const panel = await page.evaluate(() => {
      const root = document.querySelector('[data-nianbao-panel]').shadowRoot;
      return [root.querySelector('.sum').textContent, root.querySelector('.tables').textContent];
    });
    assert.deepEqual(panel, ['1 个提醒 · 1 条说明', '表二 1 个提醒表三 ✓表四 ✓']);
  } finally {
    await page.close();
  }
});

test('cms-2019.html: a wrong total marks exactly the cells of the failing rules, with the expected value', async () => {
  const { page } = await open('cms-2019.html');
  try {
    const before = await allValues(page);
    await typeInto(page, 'field_029', '551'); // s3.new.total: 550 → 551
    // E-S3-ROW:new (the row) and E-S3-BALANCE:total (the 总计 column) fail.
    assert.deepEqual(
      await invalidNames(page),
      [...names(23, 29), 'field_036', 'field_176', 'field_183'].sort(),
    );
    const at029 = await describedText(page, 'field_029');
    assert.match(at029, /应为 550（自然人至其他之和），现为 551，差 1/);
    assert.match(at029, /疑似此格笔误：改为 550/); // pinpointed typo, shown as such
    assert.equal(await page.locator('[name="field_029"]').getAttribute('data-nb-mark'), 'typo');
    const at183 = await describedText(page, 'field_183');
    assert.match(at183, /应为 2（本年新收＋上年结转－办理结果总计），现为 1，差 1/);
    // The parts of the row are described by the total's message.
    assert.match(await describedText(page, 'field_023'), /应为 550/);
    // The panel counts per table and lists both errors.
    const panel = await page.evaluate(() => {
      const root = document.querySelector('[data-nianbao-panel]').shadowRoot;
      return {
        sum: root.querySelector('.sum').textContent,
        tables: root.querySelector('.tables').textContent,
        items: [...root.querySelectorAll('li.error')].map((li) => li.textContent),
      };
    });
    assert.match(panel.sum, /2 个错误/);
    assert.match(panel.tables, /表三 2 个错误/);
    assert.equal(panel.items.length, 2);
    // Nothing was written into any field.
    const now = await allValues(page);
    assert.deepEqual(now, { ...before, field_029: '551' });

    // Fixing it clears every mark at once (no blur needed).
    await typeInto(page, 'field_029', '550', { blur: false });
    assert.deepEqual(await invalidNames(page), []);
    assert.equal(await page.locator('.nb-msg').count(), 2); // the seed's warning and info note only
    assert.deepEqual(await page.evaluate(() => nianbao.handles[0].diagnostics().filter((d) => d.severity === 'error')), []);
  } finally {
    await page.close();
  }
});

test('cms-2021.html: a wrong 行政复议 total marks its five cells and offers the sum', async () => {
  const { page } = await open('cms-2021.html');
  try {
    await typeInto(page, 'field_186', '1');
    await typeInto(page, 'field_187', '2');
    await typeInto(page, 'field_188', '0');
    await typeInto(page, 'field_189', '0');
    assert.deepEqual(await invalidNames(page), [], 'pending until the total is typed');
    await typeInto(page, 'field_190', '4'); // s4.review.total
    assert.deepEqual(await invalidNames(page), names(186, 190));
    const msg = await describedText(page, 'field_190');
    assert.match(msg, /应为 3（四项结果之和），现为 4，差 1/);
    assert.match(msg, /填入 3/);
  } finally {
    await page.close();
  }
});

test('new errors wait for the blur of the edited field; cleared ones go at once', async () => {
  const { page } = await open('cms-2019.html');
  try {
    await typeInto(page, 'field_188', '35', { blur: false }); // s4.review.total 34 → 35
    assert.ok((await diagKeys(page)).includes('E-S4-SUM:review'), 'the checker knows');
    assert.deepEqual(await invalidNames(page), [], 'but the user is still typing');
    await page.keyboard.press('Tab');
    assert.deepEqual(await invalidNames(page), names(184, 188));
    await typeInto(page, 'field_188', '34', { blur: false });
    assert.deepEqual(await invalidNames(page), [], 'cleared while still focused');
  } finally {
    await page.close();
  }
});

test('填入 writes the expected value only when clicked, and tells the host (input event)', async () => {
  const { page } = await open('cms-2019.html');
  try {
    await page.evaluate(() => {
      window.__hostInputs = [];
      document.querySelector('[name="field_188"]').addEventListener('input', (e) => {
        window.__hostInputs.push(e.target.value);
      });
    });
    await typeInto(page, 'field_188', '35');
    const act = page.locator('.nb-act', { hasText: '填入 34' });
    await act.waitFor();
    await page.waitForTimeout(600);
    assert.equal(await page.locator('[name="field_188"]').inputValue(), '35', 'no write by itself');
    const inputsBefore = await page.evaluate(() => window.__hostInputs.length);
    await act.click();
    assert.equal(await page.locator('[name="field_188"]').inputValue(), '34');
    assert.equal(await page.evaluate(() => window.__hostInputs.at(-1)), '34');
    assert.equal(await page.evaluate(() => window.__hostInputs.length), inputsBefore + 1);
    assert.deepEqual(await invalidNames(page), []);
    assert.ok(!(await diagKeys(page)).includes('E-S4-SUM:review'));
  } finally {
    await page.close();
  }
});

test('retyping a part updates the shown message and both 填入 in place, and 填入 writes the new sum', async () => {
  const { page } = await open('cms-2019.html');
  try {
    await typeInto(page, 'field_188', '99');
    await page.locator('.nb-act', { hasText: '填入 34' }).waitFor();
    // Mark the message, its button and the panel entry: typing must keep these nodes.
    // The total's own message (the one its aria-describedby names).
    await page.evaluate(() => {
      window.__msg = () =>
        document.querySelector('[name="field_188"]').getAttribute('aria-describedby').split(' ')
          .map((id) => document.getElementById(id)).find((e) => e && e.classList.contains('nb-msg'));
      const m = window.__msg();
      m.__kept = 1;
      m.querySelector('.nb-act').__kept = 1;
      const li = document.querySelector('[data-nianbao-panel]').shadowRoot.querySelector('li.error');
      li.__kept = 1;
    });
    const part = page.locator('[name="field_184"]');
    await part.click();
    await part.press('End');
    await page.keyboard.type('0');
    const state = () =>
      page.evaluate(() => {
        const m = window.__msg();
        const b = m.querySelector('.nb-act');
        const li = document.querySelector('[data-nianbao-panel]').shadowRoot.querySelector('li.error');
        const fix = li.querySelector('.fix');
        return {
          kept: [m.__kept, b.__kept, li.__kept],
          msg: m.firstElementChild.firstChild.nodeValue,
          act: [b.textContent, b.getAttribute('data-nb-value')],
          panel: li.querySelector('.go').textContent,
          fix: [fix.textContent, fix.getAttribute('data-value')],
          lines: m.children.length,
        };
      });
    await page.waitForFunction(() => /61/.test(window.__msg().textContent));
    const s = await state();
    assert.deepEqual(s.kept, [1, 1, 1], 'the same message, button and panel entry');
    assert.equal(s.lines, 1);
    assert.match(s.msg, /应为 61（四项结果之和），现为 99，差 38/);
    assert.deepEqual(s.act, ['填入 61', '61']);
    assert.match(s.panel, /之和 61，现填 99（差 38）/);
    assert.deepEqual(s.fix, ['填入 61', '61']);
    await page.locator('.nb-act', { hasText: '填入 61' }).click();
    assert.equal(await page.locator('[name="field_188"]').inputValue(), '61');
    assert.equal(await page.locator('.nb-msg', { hasText: '现为 99' }).count(), 0);
  } finally {
    await page.close();
  }
});

test('a keystroke in a part writes only the texts and values that changed: no rebuilt node, no title', async () => {
  const { page } = await open('cms-2019.html');
  try {
    await typeInto(page, 'field_188', '99');
    await page.locator('.nb-act', { hasText: '填入 34' }).waitFor();
    const part = page.locator('[name="field_184"]');
    await part.click();
    await part.press('End');
    // What nianbao's input handler changed, up to the end of the event's dispatch (its
    // listener captures on the form; this one bubbles to the window), in the page and in the
    // panel's shadow root.
    await page.evaluate(() => {
      const opts = { subtree: true, childList: true, attributes: true, characterData: true };
      const seen = [];
      const light = new MutationObserver((rs) => seen.push(...rs));
      light.observe(document, opts);
      const shadow = new MutationObserver((rs) => seen.push(...rs));
      shadow.observe(document.querySelector('[data-nianbao-panel]').shadowRoot, opts);
      const el = (n) => (n.nodeType === 1 ? n : n.parentElement);
      const name = (n) => el(n).localName + '.' + el(n).classList[0];
      window.addEventListener('input', () => {
        window.__records = [...seen, ...light.takeRecords(), ...shadow.takeRecords()]
          .map((r) => [r.type, name(r.target), r.attributeName || (r.type === 'characterData' ? r.target.data : '')].join(' '))
          .sort();
        light.disconnect();
        shadow.disconnect();
      }, { once: true });
    });
    await page.keyboard.type('0');
    await page.waitForFunction(() => window.__records);
    assert.deepEqual(await page.evaluate(() => window.__records), [
      'attributes button.fix data-value',
      'attributes span.nb-act data-nb-value',
      'characterData button.fix 填入 61',
      'characterData button.go 第四部分「行政复议」：总计应为结果维持、结果纠正、其他结果、尚未审结之和 61，现填 99（差 38）。',
      'characterData span.nb-act 填入 61',
      'characterData span.nb-line 应为 61（四项结果之和），现为 99，差 38',
    ]);
    // The tooltips name the cell, not the value: they stay as typing goes on.
    assert.equal(await page.locator('.nb-act', { hasText: '填入 61' }).getAttribute('title'), '把此值填入「四 › 行政复议 › 总计」');
  } finally {
    await page.close();
  }
});

test('no input value ever changes by itself during a typing session', async () => {
  const { page } = await open('cms-2019.html');
  try {
    const before = await allValues(page);
    const typed = {
      field_029: '551',
      field_037: '3x0',
      field_188: '35',
      field_001: '１１', // full-width digits, as an IME in full-width mode types them
      field_022: '251000元',
      nr_ztqk: before.nr_ztqk + '补充。',
    };
    for (const [name, text] of Object.entries(typed)) {
      if (name === 'nr_ztqk') {
        await page.locator('[name="nr_ztqk"]').click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type('补充。');
        await page.keyboard.press('Tab');
      } else {
        await typeInto(page, name, text);
      }
    }
    // Give every timer (live region, autosave, layout) the chance to misbehave.
    await page.waitForTimeout(1500);
    await page.mouse.click(5, 5);
    await page.waitForTimeout(200);
    assert.deepEqual(await allValues(page), { ...before, ...typed });
    const report = await page.evaluate(() => nianbao.handles[0].report().cells);
    assert.equal(report['s3.new.total'], '551');
    assert.equal(report['s3.result.granted.natural'], '3x0');
    assert.equal(report['s2.rules.made'], '１１');
    assert.equal(report['s4.review.upheld'], '3');
    assert.equal(report['s4.review.total'], '35');
    // The seed's NBSP-trailing raw text is read as typed, never trimmed.
    assert.equal(report['s4.suit_after_review.upheld'], '0\u00a0');
  } finally {
    await page.close();
  }
});

test('IME composition is not checked until compositionend', async () => {
  const { page } = await open('cms-2019.html');
  try {
    const cdp = await page.context().newCDPSession(page);
    await page.evaluate(() => {
      window.__ev = [];
      const f = document.querySelector('[name="field_029"]');
      for (const t of ['compositionstart', 'compositionend', 'input']) {
        f.addEventListener(t, (e) => window.__ev.push(t + (e.isComposing ? '*' : '')));
      }
    });
    await typeInto(page, 'field_029', '', { blur: false });
    const cell = () => page.evaluate(() => nianbao.handles[0].report().cells['s3.new.total'] ?? '');
    assert.equal(await cell(), '');
    await cdp.send('Input.imeSetComposition', { text: 'w', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: '５５', selectionStart: 2, selectionEnd: 2 });
    assert.equal(await page.locator('[name="field_029"]').inputValue(), '５５');
    assert.equal(await cell(), '', 'not read while composing');
    await cdp.send('Input.insertText', { text: '５５１' });
    assert.equal(await cell(), '５５１', 'read at compositionend');
    const ev = await page.evaluate(() => window.__ev);
    assert.ok(ev.includes('compositionstart') && ev.includes('compositionend'), ev.join(','));
    assert.ok(ev.includes('input*'), 'the browser did send composing input events');
    await page.keyboard.press('Tab');
    assert.ok((await invalidNames(page)).includes('field_029'), 'full-width ５５１ reads as 551');
  } finally {
    await page.close();
  }
});

/** Serialises the form with each control's current value and the document's head. */
const snapshot = (page, sel) =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const values = [...root.querySelectorAll('input, textarea')].map((e) => e.value);
    return {
      html: root.outerHTML,
      values,
      head: document.head.innerHTML,
      bodyChildren: document.body.children.length,
    };
  }, sel);

test('detach() leaves the form exactly as it was before attach()', async () => {
  const { page } = await open('cms-2019.html', { html: noAuto, wait: false });
  try {
    await page.waitForFunction(() => window.nianbao && window.nianbao.ready);
    await page.evaluate(() => nianbao.ready);
    // Host accessibility attributes that nianbao must extend and then restore exactly.
    await page.evaluate(() => {
      const f = document.querySelector('[name="field_029"]');
      f.setAttribute('aria-describedby', 'host-help');
      f.setAttribute('aria-invalid', 'false');
    });
    const before = await snapshot(page, '#reportForm');
    await page.evaluate(() => {
      window.h = nianbao.attach(document.querySelector('#reportForm'), { blockSubmit: true });
    });
    await typeInto(page, 'field_029', '551');
    await typeInto(page, 'field_029', '551x', { blur: false });
    await page.keyboard.press('Tab');
    await typeInto(page, 'field_029', '550');
    await typeInto(page, 'field_188', '35');
    const f = page.locator('[name="field_188"]');
    assert.equal(await f.getAttribute('aria-invalid'), 'true');
    await typeInto(page, 'field_029', '551');
    const f29 = page.locator('[name="field_029"]');
    assert.equal(await f29.getAttribute('aria-invalid'), 'true');
    assert.match(await f29.getAttribute('aria-describedby'), /^host-help( nb-m\d+-\d+)+$/);
    // Put the typed values back the way the user would, then detach.
    await typeInto(page, 'field_029', '550');
    await typeInto(page, 'field_188', '34\u00a0');
    assert.ok((await page.locator('.nb-msg').count()) > 0, 'the seed warning is shown');
    await page.evaluate(() => window.h.detach());
    const after = await snapshot(page, '#reportForm');
    assert.equal(after.html, before.html);
    assert.deepEqual(after.values, before.values);
    assert.equal(after.head, before.head);
    assert.equal(after.bodyChildren, before.bodyChildren);
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-nb-ui]').length), 0);
    assert.equal(await page.evaluate(() => window.h.attached), false);
    // Listeners are gone: typing a wrong total marks nothing now.
    await typeInto(page, 'field_029', '551');
    assert.equal(await f29.getAttribute('aria-invalid'), 'false');
    assert.equal(await page.evaluate(() => document.querySelector('#reportForm').checkValidity()), true);
    // And it can be attached again.
    await page.evaluate(() => {
      window.h2 = nianbao.attach(document.querySelector('#reportForm'), {});
    });
    assert.equal(await f29.getAttribute('aria-invalid'), 'true');
  } finally {
    await page.close();
  }
});

test('editor.html: the contenteditable table is checked without touching the editor content', async () => {
  const { page, errors } = await open('editor.html');
  try {
    const info = await page.evaluate(() => {
      const h = nianbao.handles[0];
      return {
        format: h.format,
        kinds: [...new Set(h.bound.map((b) => b.kind))],
        n: h.bound.length,
        unbound: h.unbound.length,
        keys: h.diagnostics().map((d) => d.key),
      };
    });
    assert.deepEqual(info, { format: 'gb2021', kinds: ['editable'], n: 200, unbound: 0, keys: ['E-S4-SUM:review'] });
    // The real error of this published report is marked over the table, in our own layer.
    const overlay = () =>
      page.evaluate(() => {
        const root = document.querySelector('[data-nianbao-overlay]').shadowRoot;
        return {
          boxes: [...root.querySelectorAll('.box')].filter((b) => b.style.display !== 'none').length,
          msgs: [...root.querySelectorAll('.msg:not(.hidden)')].map((m) => m.textContent),
        };
      });
    await page.waitForTimeout(100);
    let o = await overlay();
    assert.equal(o.boxes, 5);
    assert.match(o.msgs.join(), /应为 1（四项结果之和），现为 0，差 1/);
    const body = page.locator('.editor-body');
    const clean = async () => {
      const html = await body.innerHTML();
      assert.doesNotMatch(html, /nb-|data-nb|aria-invalid|aria-describedby/);
      return html;
    };
    const original = await clean();
    // Type the right total into the s4 行政复议 总计 cell (5th cell of the last row).
    const cell = page.locator('.editor-body table').nth(2).locator('tr').nth(3).locator('td').nth(4);
    await cell.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('1');
    await page.keyboard.press('ArrowLeft'); // still in the editor
    await page.waitForTimeout(100);
    assert.deepEqual(await page.evaluate(() => nianbao.handles[0].diagnostics().map((d) => d.key)), []);
    o = await overlay();
    assert.equal(o.boxes, 0);
    await clean();
    // A wrong value again, then the explicit fix from the overlay.
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('7');
    await page.locator('#wordCount').click(); // leave the editor
    await page.waitForTimeout(100);
    o = await overlay();
    assert.match(o.msgs.join(), /应为 1/);
    await page.evaluate(() =>
      document.querySelector('[data-nianbao-overlay]').shadowRoot.querySelector('.msg button').click(),
    );
    // Applied through the editor's input path (selection, then insertText), a moment later.
    await page.waitForFunction(
      () => document.querySelectorAll('.editor-body table')[2].rows[3].cells[4].textContent.trim() === '1',
      null,
      { timeout: 2000 },
    );
    assert.equal((await cell.textContent()).trim(), '1');
    assert.deepEqual(await page.evaluate(() => nianbao.handles[0].diagnostics().length), 0);
    await clean();
    assert.notEqual(original, '');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('blockSubmit blocks submit while errors remain, and unblocks it', async () => {
  const { page } = await open('cms-2019.html', {
    html: (h) => h.replace('data-nianbao-auto', 'data-nianbao-auto data-nianbao-block-submit'),
  });
  try {
    const submit = page.getByRole('button', { name: '提交审核' });
    await typeInto(page, 'field_188', '35');
    await submit.click();
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#notice').isVisible(), false, 'submit was blocked');
    const msg = await page.locator('[name="field_188"]').evaluate((e) => e.validationMessage);
    assert.match(msg, /应为 34/);
    await typeInto(page, 'field_188', '34');
    await submit.click();
    await page.locator('#notice').waitFor({ state: 'visible' });
    assert.match(await page.locator('#notice').textContent(), /已提交/);
  } finally {
    await page.close();
  }
});

test('without blockSubmit a report with errors can still be submitted (drafts)', async () => {
  const { page } = await open('cms-2019.html');
  try {
    await typeInto(page, 'field_188', '35');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.locator('#notice').waitFor({ state: 'visible' });
    assert.equal(await page.locator('[name="field_188"]').evaluate((e) => e.validationMessage), '');
  } finally {
    await page.close();
  }
});

test('autosave restores the typed values after a reload', async () => {
  const { page } = await open('cms-2021.html', {
    html: (h) => h.replace('data-nianbao-auto', 'data-nianbao-auto data-nianbao-autosave="e2e-2021"'),
  });
  try {
    await typeInto(page, 'field_011', '28');
    await typeInto(page, 'field_017', '29', { blur: false }); // s3.new.total, still focused
    await page.reload({ waitUntil: 'load' }); // pagehide saves what the timer did not yet
    await attached(page);
    assert.equal(await page.locator('[name="field_011"]').inputValue(), '');
    const offer = await page.evaluate(() =>
      document.querySelector('[data-nianbao-panel]').shadowRoot.querySelector('.rs').textContent,
    );
    assert.match(offer, /2 个单元格与当前页面不同/);
    await page.evaluate(() =>
      document.querySelector('[data-nianbao-panel]').shadowRoot.querySelector('[data-act="restore"]').click(),
    );
    assert.equal(await page.locator('[name="field_011"]').inputValue(), '28');
    assert.equal(await page.locator('[name="field_017"]').inputValue(), '29');
    const cells = await page.evaluate(() => nianbao.handles[0].report().cells);
    assert.equal(cells['s3.new.natural'], '28');
    // Restored values are judged as typed ones: row 一 still has blank cells, so it waits.
    assert.ok(!(await diagKeys(page)).includes('E-S3-ROW:new'));
    assert.ok((await page.evaluate(() => nianbao.handles[0].checkAll().map((d) => d.key))).includes('E-S3-ROW:new'));
    // Once restored, a further reload offers nothing (the values now match what is saved).
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('nianbao:autosave:')) localStorage.removeItem(k);
    });
  } finally {
    await page.close();
  }
});

test('nianbao:diagnostics fires on the form with the current list after each change', async () => {
  const { page } = await open('cms-2019.html');
  try {
    await page.evaluate(() => {
      window.__events = [];
      document.querySelector('#reportForm').addEventListener('nianbao:diagnostics', (e) =>
        window.__events.push({
          n: e.detail.diagnostics.length,
          keys: e.detail.diagnostics.map((d) => d.key),
          errors: e.detail.errors,
          appeared: e.detail.appeared.map((d) => d.key),
          updated: e.detail.updated.map((d) => d.key),
          cleared: e.detail.cleared.map((d) => d.key),
          fields: Object.keys(e.detail),
          warnings: e.detail.warnings,
          format: e.detail.format,
          first: e.detail.diagnostics[0],
        }),
      );
    });
    await typeInto(page, 'field_188', '35');
    const ev = await page.evaluate(() => window.__events);
    // "3" makes the total wrong (appeared), "35" changes its numbers (updated).
    assert.deepEqual(ev.map((e) => [e.appeared, e.updated]), [
      [['E-S4-SUM:review'], []],
      [[], ['E-S4-SUM:review']],
    ]);
    assert.equal(ev.at(-1).errors, 1);
    assert.deepEqual(ev.at(-1).keys, await diagKeys(page));
    // The detail is one plain object (one JSON.parse in the widget): its fields in this order.
    assert.deepEqual(ev.at(-1).fields, ['diagnostics', 'appeared', 'cleared', 'updated', 'errors', 'warnings', 'format']);
    assert.equal(ev.at(-1).warnings, ev.at(-1).n - 1);
    assert.equal(ev.at(-1).format, 'gb2019');
    assert.deepEqual(ev.at(-1).cleared, []);
    const first = ev.at(-1).first;
    assert.equal(first.key, 'E-S4-SUM:review');
    assert.equal(first.severity, 'error');
    assert.equal(first.actual, 35);
    assert.deepEqual(first.fix, { cell: 's4.review.total', value: first.expected });
    // Back to the right total: the error is cleared.
    await page.locator('[name="field_188"]').fill(String(first.expected));
    await page.waitForFunction(() => window.__events.at(-1).cleared.length === 1);
    assert.deepEqual(await page.evaluate(() => window.__events.at(-1).cleared), ['E-S4-SUM:review']);
    assert.equal(await page.evaluate(() => window.__events.at(-1).errors), 0);
  } finally {
    await page.close();
  }
});

test('nianbao:diagnostics: a detail read late holds its own moment; reads, copies, proxies and writes act as on a plain object', async () => {
  const { page } = await open('cms-2019.html');
  try {
    await page.evaluate(() => {
      window.__kept = [];
      document.querySelector('#reportForm').addEventListener('nianbao:diagnostics', (e) => window.__kept.push(e.detail));
    });
    await typeInto(page, 'field_188', '35');
    await typeInto(page, 'field_188', '36');
    const r = await page.evaluate(() => {
      const [first, , , last] = window.__kept;
      const d = first; // "3": read only now, after three more changes
      const same = d.diagnostics === d.diagnostics && d.diagnostics[0] === d.diagnostics[0];
      const json = JSON.parse(JSON.stringify(d));
      const spread = { ...d };
      const clone = structuredClone(d);
      // Read through a deep proxy, as Vue's reactive() reads: getters called with the proxy,
      // every object read answered with a proxy of its own (one per object).
      const proxies = new WeakMap();
      const deep = (o) => {
        if (!proxies.has(o)) {
          proxies.set(o, new Proxy(o, {
            get: (t, k, r) => {
              const v = Reflect.get(t, k, r);
              return v !== null && typeof v === 'object' ? deep(v) : v;
            },
          }));
        }
        return proxies.get(o);
      };
      const proxied = deep(window.__kept[1]);
      last.errors = 'x';
      last.diagnostics = [];
      return {
        count: window.__kept.length,
        actual: d.diagnostics.find((x) => x.key === 'E-S4-SUM:review').actual,
        appeared: d.appeared.map((x) => x.key),
        same,
        jsonKeys: Object.keys(json),
        jsonEqual: JSON.stringify(json) === JSON.stringify(spread) && JSON.stringify(clone) === JSON.stringify(json),
        lastActual: window.__kept[3].updated[0].actual,
        proxied: [proxied.updated[0].actual, proxied.errors, proxied.diagnostics === proxied.diagnostics],
        hidden: [Object.getOwnPropertySymbols(spread).length, Object.keys(d).length],
        written: [last.errors, last.diagnostics.length, Object.keys(last).length],
      };
    });
    assert.equal(r.count, 4); // 3, 35, 3 (Control+A then 3), 36
    assert.equal(r.actual, 3);
    assert.deepEqual(r.appeared, ['E-S4-SUM:review']);
    assert.equal(r.same, true);
    assert.deepEqual(r.jsonKeys, ['diagnostics', 'appeared', 'cleared', 'updated', 'errors', 'warnings', 'format']);
    assert.equal(r.jsonEqual, true);
    assert.equal(r.lastActual, 36);
    assert.deepEqual(r.proxied, [35, 1, true]);
    assert.deepEqual(r.hidden, [0, 7]);
    assert.deepEqual(r.written, ['x', 0, 7]);
  } finally {
    await page.close();
  }
});

test('panel: clicking a diagnostic focuses its cell; the live region announces the count', async () => {
  const { page } = await open('cms-2019.html');
  try {
    await typeInto(page, 'field_188', '35');
    await page.mouse.click(5, 5);
    await page.evaluate(() =>
      document.querySelector('[data-nianbao-panel]').shadowRoot.querySelector('li.error .go').click(),
    );
    assert.equal(await page.evaluate(() => document.activeElement.name), 'field_188');
    await page.waitForFunction(() =>
      /1 个错误/.test(document.querySelector('[data-nianbao-panel]').shadowRoot.querySelector('[aria-live]').textContent),
    );
  } finally {
    await page.close();
  }
});

test("lang: 'en' gives English messages", async () => {
  const { page } = await open('cms-2019.html', {
    html: (h) => h.replace('data-nianbao-auto', 'data-nianbao-auto data-nianbao-lang="en"'),
  });
  try {
    await typeInto(page, 'field_188', '35');
    const msg = await describedText(page, 'field_188');
    assert.match(msg, /Should be 34 \(sum of the four results\), is 35, off by 1/);
    assert.match(msg, /Enter 34/);
  } finally {
    await page.close();
  }
});

test('explicit map and data-nianbao-cell bindings; what is not bound is reported', async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(srv.url + 'index.html');
    await page.setContent(`<form id="f">
      <p>复议 <input id="a" name="x1"> <input name="x2" data-nianbao-cell="s4.review.corrected">
      <span data-nianbao-cell="s4.review.other"><input name="x3"></span>
      <input name="x4" data-nianbao-cell="s4.review.pending"> 总计 <input id="t" name="x5">
      <input name="x6" data-nianbao-cell="s9.bogus"></p></form>`);
    await page.addScriptTag({ url: srv.url + 'nianbao.js' });
    await page.evaluate(() => nianbao.ready);
    const r = await page.evaluate(() => {
      const form = document.getElementById('f');
      window.h = nianbao.attach(form, {
        format: 'gb2021',
        map: { 's4.review.upheld': '#a', 's4.review.total': document.getElementById('t'), 's3.new.natural': '#nope' },
        panel: false,
      });
      return {
        bound: h.bound.map((b) => [b.cell, b.element.name, b.via]),
        unbound: h.unbound.filter((u) => u.reason !== 'not-found'),
        notFound: h.unbound.filter((u) => u.reason === 'not-found').length,
      };
    });
    assert.deepEqual(r.bound, [
      ['s4.review.upheld', 'x1', 'map'],
      ['s4.review.corrected', 'x2', 'data'],
      ['s4.review.other', 'x3', 'data'],
      ['s4.review.pending', 'x4', 'data'],
      ['s4.review.total', 'x5', 'map'],
    ]);
    // Reason codes for programs, messages for people: Chinese by default, English with lang.
    assert.deepEqual(r.unbound, [
      {
        cell: 's3.new.natural', selector: '#nope', reason: 'no-element',
        message: '「三 › 一、本年新收政府信息公开申请数量 › 自然人」：map 中的选择器 #nope 在页面上找不到元素',
      },
      { cell: 's9.bogus', reason: 'unknown-cell', message: '“s9.bogus”不是本格式的单元格编号（data-nianbao-cell 或 map）' },
    ]);
    const en = await page.evaluate(() => {
      const form = document.getElementById('f');
      const h2 = nianbao.attach(document.body, {
        format: 'gb2021', lang: 'en', map: { 's3.new.natural': '#nope' }, panel: false, auto: false,
      });
      const out = h2.unbound.filter((u) => u.reason !== 'not-found').map((u) => u.message);
      h2.detach();
      void form;
      return out;
    });
    assert.equal(en.length, 2);
    assert.match(en[0], /^'.+': the map's selector #nope matches no element$/);
    for (const m of en) assert.ok(!/[\u3000-\u9fff\uff00-\uffef]/.test(m), m);
    assert.equal(r.notFound, 200 - 5 - 1);
    for (const [n, v] of [['x1', '1'], ['x2', '1'], ['x3', '0'], ['x4', '0'], ['x5', '3']]) await typeInto(page, n, v);
    assert.deepEqual(await invalidNames(page), ['x1', 'x2', 'x3', 'x4', 'x5']);
    assert.match(await describedText(page, 'x5'), /应为 2/);
  } finally {
    await page.close();
  }
});

test('where WebAssembly is unavailable (IE mode) the page shows a notice and still works', async () => {
  const { page, errors } = await open('cms-2019.html', {
    wait: false,
    init: () => {
      delete window.WebAssembly;
    },
  });
  try {
    const notice = page.locator('[role="alert"]', { hasText: '不支持 WebAssembly' });
    await notice.waitFor({ state: 'visible' });
    assert.match(await notice.textContent(), /极速模式/);
    assert.equal(await page.evaluate(() => nianbao.supported), false);
    assert.deepEqual(errors, []);
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.locator('#notice').waitFor({ state: 'visible' });
  } finally {
    await page.close();
  }
});

test('the drop-in makes no request of its own (wasm inlined)', async () => {
  const { page, requests } = await open('cms-2019.html');
  try {
    await page.waitForTimeout(200);
    const own = requests
      .map((u) => new URL(u).pathname)
      .filter((p) => !['/cms-2019.html', '/cms.css', '/nianbao.js', '/favicon.ico'].includes(p));
    assert.deepEqual(own, []);
  } finally {
    await page.close();
  }
});

test('an editor iframe (designMode/contenteditable body) is bound and checked too', async () => {
  const { page } = await open('editor.html');
  try {
    const content = await page.locator('.editor-body').innerHTML();
    await page.goto(srv.url + 'index.html');
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0">
      <form id="f" style="padding:40px 30px"><p>正文</p>
      <iframe id="ed" style="width:980px;height:700px;border:1px solid #999"></iframe>
      <button type="submit">提交</button></form></body></html>`);
    await page.evaluate((html) => {
      const d = document.getElementById('ed').contentDocument;
      d.open();
      d.write(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>td{border:1px solid #333;padding:2px 4px}table{border-collapse:collapse}</style></head><body contenteditable="true">${html}</body></html>`);
      d.close();
    }, content);
    await page.addScriptTag({ url: srv.url + 'nianbao.js' });
    await page.evaluate(() => nianbao.ready);
    const info = await page.evaluate(() => {
      window.h = nianbao.attach(document.getElementById('f'));
      return {
        n: h.bound.length,
        kinds: [...new Set(h.bound.map((b) => b.kind))],
        keys: h.diagnostics().map((d) => d.key),
      };
    });
    assert.deepEqual(info, { n: 200, kinds: ['editable'], keys: ['E-S4-SUM:review'] });
    await page.waitForTimeout(100);
    // A mark is drawn only where its cell is visible in the iframe: none while the cell is
    // scrolled out of the editor's view, over the cell once it is in view.
    const drawnOutside = await page.evaluate(() => {
      const frame = document.getElementById('ed');
      const fr = frame.getBoundingClientRect();
      return [...document.querySelector('[data-nianbao-overlay]').shadowRoot.querySelectorAll('.box')]
        .filter((b) => b.style.display !== 'none')
        .map((b) => b.getBoundingClientRect())
        .filter((r) => r.top < fr.top - 1 || r.bottom > fr.bottom + 1 || r.left < fr.left - 1 || r.right > fr.right + 1).length;
    });
    assert.equal(drawnOutside, 0, 'no mark outside the iframe');
    await page.evaluate(() =>
      h.bound.find((b) => b.cell === 's4.review.total').element.scrollIntoView({ block: 'center' }),
    );
    await page.waitForTimeout(150);
    // The mark sits over the cell inside the iframe.
    const pos = await page.evaluate(() => {
      const frame = document.getElementById('ed');
      const fr = frame.getBoundingClientRect();
      const cell = h.bound.find((b) => b.cell === 's4.review.total').element;
      const cr = cell.getBoundingClientRect();
      const box = [...document.querySelector('[data-nianbao-overlay]').shadowRoot.querySelectorAll('.box')]
        .map((b) => b.getBoundingClientRect())
        .find((r) => Math.abs(r.width - cr.width) < 1 && Math.abs(r.left - (fr.left + frame.clientLeft + cr.left)) < 1.5);
      return { found: !!box, top: box && box.top, want: fr.top + frame.clientTop + cr.top };
    });
    assert.ok(pos.found, 'a box over the iframe cell');
    assert.ok(Math.abs(pos.top - pos.want) < 1.5, JSON.stringify(pos));
    // Typing in the iframe's table is checked.
    const frame = page.frameLocator('#ed');
    const cell = frame.locator('table').nth(2).locator('tr').nth(3).locator('td').nth(4);
    await cell.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('1');
    assert.deepEqual(await page.evaluate(() => h.diagnostics().map((d) => d.key)), []);
    const html = await frame.locator('body').innerHTML();
    assert.doesNotMatch(html, /nb-|data-nb|aria-invalid/);
    await page.evaluate(() => h.detach());
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-nb-ui]').length), 0);
  } finally {
    await page.close();
  }
});

test("options.prev: last year's report enables the cross-year carry-over rule", async () => {
  const { page } = await open('cms-2021.html', { html: noAuto, wait: false });
  try {
    await page.waitForFunction(() => window.nianbao && window.nianbao.ready);
    await page.evaluate(() => nianbao.ready);
    await page.evaluate(() => {
      window.h = nianbao.attach(document.getElementById('reportForm'), {
        year: 2021,
        prev: { format: 'gb2019', year: 2020, cells: { 's3.carried_forward.natural': '1', 's3.carried_forward.total': 1 } },
      });
    });
    await typeInto(page, 'field_018', '2'); // s3.carried_over.natural; last year carried 1 forward
    const d = await page.evaluate(() => h.diagnostics().find((x) => x.key.startsWith('X-S3-CARRY')));
    assert.ok(d, 'X-S3-CARRY reported');
    assert.match(d.message, /上年报告/);
    assert.equal(await page.locator('[name="field_018"]').getAttribute('aria-invalid'), 'true');
  } finally {
    await page.close();
  }
});
