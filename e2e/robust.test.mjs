// The drop-in on pages it does not control, for what the host-page suite (hosts.test.mjs)
// does not cover: loading twice, no WebAssembly, look-alike buttons and data-nb-* attributes
// in host content, a trap, two forms, host handlers that throw, programmatic values and
// re-renders of a plain form, and a silent console. On the demo page www/cms-2021.html
// (empty 2021-format form; 表四 行政复议 fields field_186..field_190, field_190 the total).
//
//   node --test e2e/robust.test.mjs        (or all browser tests: node e2e/run.mjs)
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

/** Opens cms-2021.html, its HTML rewritten by `html`; records page errors and console. */
async function open({ html, init, initArg, wait = true } = {}) {
  const page = await ctx.newPage();
  const log = { errors: [], console: [], rejections: [] };
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('console', (m) => log.console.push(`${m.type()}: ${m.text()}`));
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  if (html) {
    await page.route('**/cms-2021.html', async (route) => {
      const res = await route.fetch();
      route.fulfill({ response: res, body: html(await res.text()) });
    });
  }
  await page.addInitScript(() => {
    window.__rejections = [];
    window.addEventListener('unhandledrejection', (e) => window.__rejections.push(String(e.reason)));
  });
  if (init) await page.addInitScript(init, initArg);
  await page.goto(srv.url + 'cms-2021.html', { waitUntil: 'load' });
  if (wait) {
    await page.waitForFunction(() => window.nianbao?.handles?.length > 0, null, { timeout: 10_000 });
  }
  return { page, log };
}

async function typeInto(page, name, text, { blur = true } = {}) {
  const f = page.locator(`[name="${name}"]`).first();
  await f.click();
  await f.press('Control+A');
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
  if (blur) await page.keyboard.press('Tab');
}

const invalid = (page, scope = 'document') =>
  page.evaluate(
    (scope) =>
      [...(scope === 'document' ? document : document.querySelector(scope)).querySelectorAll('[aria-invalid="true"]')]
        .map((e) => e.name)
        .sort(),
    scope,
  );

const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => `field_${a + i}`);

/** Clicks nianbao's fix button for `cell` (inline in the page, or in the overlay when the
 * cell would clip its message). */
async function clickFix(page, cell) {
  const inline = page.locator(`.nb-msg .nb-act[data-nb-cell="${cell}"]`);
  if (await inline.first().isVisible()) return inline.first().click();
  return page.locator(`[data-nianbao-overlay] button[data-cell="${cell}"][data-value]`).first().click();
}

/** A wrong 行政复议 total, its row filled as a user fills it (the blank form's checks wait for
 * every cell of an identity, spec §3.1): field_186 = 1, 187–189 = 0, field_190 = 4 (should be 1). */
async function wrongTotal(page) {
  await typeInto(page, 'field_186', '1');
  for (const f of ['field_187', 'field_188', 'field_189']) await typeInto(page, f, '0');
  await typeInto(page, 'field_190', '4');
}

test('loading the script twice attaches once and changes nothing else', async () => {
  const { page, log } = await open({
    html: (h) => h.replace('</body>', '<script src="nianbao.js" data-nianbao-auto></script></body>'),
  });
  try {
    await page.waitForTimeout(500);
    const r = await page.evaluate(() => ({
      handles: nianbao.handles.length,
      panels: document.querySelectorAll('[data-nianbao-panel]').length,
      overlays: document.querySelectorAll('[data-nianbao-overlay]').length,
      styles: document.querySelectorAll('style[data-nianbao-style]').length,
    }));
    assert.deepEqual(r, { handles: 1, panels: 1, overlays: 1, styles: 1 });
    await wrongTotal(page);
    assert.deepEqual(await invalid(page), range(186, 190));
    assert.equal(await page.locator('.nb-msg').count(), 1, 'one message, not two');
    assert.deepEqual(log.errors, []);
  } finally {
    await page.close();
  }
});

// The module is stored coded in the script; decoding it costs ~0.7 s of slices, so the
// decoded module is kept in the page's IndexedDB (`nianbao`/`modules`, one entry per part)
// and read back on later loads. Whether a load decoded is seen by counting `atob` calls (the
// loader's first step, nothing else in the script calls it).
const countAtob = (clear) => {
  if (clear) indexedDB.deleteDatabase('nianbao'); // queued before the drop-in's open
  window.__atob = 0;
  const atob = window.atob;
  window.atob = function (s) {
    window.__atob++;
    return atob.call(window, s);
  };
};
/** The kept entry of part `name` (null when there is none): its hash and the module's length,
 * first bytes and a checksum; with `damage`, the module is first overwritten with bytes that
 * are not one (same hash, same length). */
const kept = (page, { name = 'widget', damage = false } = {}) =>
  page.evaluate(
    ({ name, damage }) =>
      new Promise((resolve, reject) => {
        const rq = indexedDB.open('nianbao');
        rq.onerror = () => reject(rq.error);
        rq.onsuccess = () => {
          const db = rq.result;
          const store = db.transaction('modules', 'readwrite').objectStore('modules');
          const get = store.get(name);
          get.onsuccess = () => {
            const v = get.result;
            if (v && damage) store.put({ h: v.h, m: new Uint8Array(v.m.length).fill(7) }, name);
            db.close();
            if (!v) return resolve(null);
            let sum = 0;
            for (const b of v.m) sum = (sum * 31 + b) | 0;
            resolve({ h: v.h, length: v.m.length, head: [...v.m.subarray(0, 4)], sum, valid: WebAssembly.validate(v.m) });
          };
        };
      }),
    { name, damage },
  );

/** Polls `kept` until `ok(entry)` (the entry is written once the module is decoded). */
async function keptWhen(page, ok) {
  let v = null;
  for (let i = 0; i < 50 && !ok((v = await kept(page))); i++) await page.waitForTimeout(100);
  return v;
}

/** Opens the page (emptying the cache first with `clear`), checks how many times the module
 * was decoded and that the form is checked; returns the page and its log. */
async function load(clear, decoded, why) {
  const r = await open({ init: countAtob, initArg: clear });
  await r.page.evaluate(() => nianbao.ready);
  assert.equal(await r.page.evaluate(() => window.__atob), decoded, why);
  await wrongTotal(r.page);
  assert.deepEqual(await invalid(r.page), range(186, 190));
  assert.deepEqual(r.log.errors, []);
  return r;
}

test('the decoded module is kept in IndexedDB: later loads do not decode; a damaged copy is decoded again and replaced', async () => {
  let { page } = await load(true, 1, 'the first load decodes');
  try {
    const first = await keptWhen(page, (v) => v);
    assert.ok(first && first.length > 200_000 && first.valid, 'the whole module is kept');
    assert.deepEqual(first.head, [0, 0x61, 0x73, 0x6d]);
    await page.close();

    ({ page } = await load(false, 0, 'a later load reads the kept module'));
    await kept(page, { damage: true });
    assert.equal((await kept(page)).valid, false);
    await page.close();

    ({ page } = await load(false, 1, 'a damaged copy is not used'));
    assert.deepEqual(await keptWhen(page, (v) => v.valid), first, 'the damaged copy is replaced by the module');
  } finally {
    await page.close();
  }
});

test('without IndexedDB (a sandboxed frame, a browser that refuses it): the module is decoded, all works', async () => {
  const { page, log } = await open({
    init: () => {
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      });
      window.__atob = 0;
      const atob = window.atob;
      window.atob = (s) => (window.__atob++, atob.call(window, s));
    },
  });
  try {
    await page.evaluate(() => nianbao.ready);
    assert.equal(await page.evaluate(() => window.__atob), 1);
    await wrongTotal(page);
    assert.deepEqual(await invalid(page), range(186, 190));
    assert.deepEqual(log.errors, []);
  } finally {
    await page.close();
  }
});

test('without WebAssembly: a notice, and nianbao.ready is a promise that rejects with a clear Error', async () => {
  const { page, log } = await open({
    wait: false,
    init: () => {
      delete window.WebAssembly;
    },
  });
  try {
    await page.locator('[data-nianbao-notice]').waitFor();
    assert.match(await page.locator('[data-nianbao-notice]').textContent(), /不支持 WebAssembly/);
    const r = await page.evaluate(async () => {
      const isPromise = nianbao.ready instanceof Promise;
      try {
        await nianbao.ready;
        return { isPromise, rejected: false };
      } catch (e) {
        return { isPromise, rejected: true, isError: e instanceof Error, message: e.message };
      }
    });
    assert.equal(r.isPromise, true);
    assert.equal(r.rejected, true);
    assert.equal(r.isError, true);
    assert.match(r.message, /^nianbao: this browser has no WebAssembly/);
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(() => window.__rejections), []);
    assert.deepEqual(log.errors, []);
    // The form still works.
    await typeInto(page, 'field_186', '12');
    assert.equal(await page.locator('[name="field_186"]').inputValue(), '12');
  } finally {
    await page.close();
  }
});

test('a failing automatic attach (bad option) leaves no unhandled rejection or exception', async () => {
  const { page, log } = await open({
    wait: false,
    html: (h) => h.replace('data-nianbao-auto', 'data-nianbao-auto data-nianbao-format="no-such-format"'),
  });
  try {
    await page.evaluate(() => nianbao.ready);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => nianbao.handles.length), 0);
    assert.deepEqual(await page.evaluate(() => window.__rejections), []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.console, []);
  } finally {
    await page.close();
  }
});

test('look-alike fix buttons in host content do nothing; host content with data-nb-* is still checked', async () => {
  const { page, log } = await open({
    html: (h) =>
      h
        // Pasted editor HTML can carry nianbao's attributes: a fake 改为 button inside the form…
        .replace(
          '<form class="panel" id="reportForm" action="#" method="post">',
          '<form class="panel" id="reportForm" action="#" method="post"><span id="fake" data-nb-ui data-nb-act="fix" data-nb-cell="s4.review.total" data-nb-value="999" role="button">改为 999</span><button type="button" id="fake2" data-nb-ui data-cell="s4.review.total" data-value="888">填入 888</button>',
        )
        // …and the host's own rows marked data-nb-ui (must not hide them from checking).
        .replace(/<tr><td class="lbl">规章<\/td>/, '<tr data-nb-ui><td class="lbl" data-nb-ui>规章</td>'),
  });
  try {
    const bound = await page.evaluate(() => nianbao.handles[0].bound.length);
    assert.equal(bound, 200, 'rows carrying data-nb-ui are bound too');
    await wrongTotal(page);
    await page.locator('#fake').click();
    await page.locator('#fake2').click();
    await page.waitForTimeout(200);
    assert.equal(await page.locator('[name="field_190"]').inputValue(), '4');
    // nianbao's own button does act.
    await page.locator('[name="field_190"]').focus();
    await clickFix(page, 's4.review.total');
    assert.equal(await page.locator('[name="field_190"]').inputValue(), '1');
    assert.deepEqual(log.errors, []);
  } finally {
    await page.close();
  }
});

test('a trap disables nianbao cleanly: notice, validity cleared, marks gone, form untouched', async () => {
  const { page, log } = await open({
    html: (h) => h.replace('data-nianbao-auto', 'data-nianbao-auto data-nianbao-block-submit'),
  });
  try {
    await wrongTotal(page);
    assert.match(await page.locator('[name="field_190"]').evaluate((e) => e.validationMessage), /应为 1/);
    await page.evaluate(() => nianbao.handles[0].__trapOnNextEdit());
    await typeInto(page, 'field_187', '5');
    await page.locator('[data-nianbao-notice]').waitFor();
    assert.match(await page.locator('[data-nianbao-notice]').textContent(), /内部错误/);
    const r = await page.evaluate(() => ({
      validity: [...document.querySelectorAll('input')].filter((e) => e.validationMessage).length,
      invalid: document.querySelectorAll('[aria-invalid], [data-nb-mark], [aria-describedby]').length,
      ui: document.querySelectorAll('.nb-msg, .nb-badge, [data-nianbao-panel], [data-nianbao-overlay], style[data-nianbao-style]').length,
      attached: nianbao.handles[0].attached,
      values: ['field_186', 'field_187', 'field_190'].map((n) => document.querySelector(`[name="${n}"]`).value),
    }));
    assert.deepEqual(r, { validity: 0, invalid: 0, ui: 0, attached: false, values: ['1', '5', '4'] });
    // Typing on is the host's own business: nothing reaches it as an exception.
    await typeInto(page, 'field_188', '7');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__rejections), []);
    // Submit is no longer blocked.
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.locator('#notice').waitFor({ state: 'visible' });
  } finally {
    await page.close();
  }
});

test('two forms, two handles: independent checks, marks and detach', async () => {
  const { page, log } = await open({
    html: (h) => {
      const a = h.indexOf('<form class="panel" id="reportForm"');
      const b = h.indexOf('</form>', a) + '</form>'.length;
      const copy = h.slice(a, b).replace('id="reportForm"', 'id="second"');
      return h.slice(0, b) + copy + h.slice(b);
    },
  });
  try {
    await page.waitForFunction(() => nianbao.handles.length === 2);
    const roots = await page.evaluate(() => nianbao.handles.map((x) => x.root.id));
    assert.deepEqual(roots, ['reportForm', 'second']);
    await wrongTotal(page); // first form (locator .first())
    assert.deepEqual(await invalid(page, '#reportForm'), range(186, 190));
    assert.deepEqual(await invalid(page, '#second'), []);
    const counts = await page.evaluate(() => nianbao.handles.map((x) => x.diagnostics().filter((d) => d.severity === 'error').length));
    assert.deepEqual(counts, [1, 0]);
    // Detaching the first leaves the second working.
    await page.evaluate(() => nianbao.handles[0].detach());
    assert.deepEqual(await invalid(page, '#reportForm'), []);
    const second = page.locator('#second [name="field_190"]');
    await page.locator('#second [name="field_186"]').fill('2');
    for (const f of ['field_187', 'field_188', 'field_189']) await page.locator(`#second [name="${f}"]`).fill('0');
    await second.click();
    await second.press('Control+A');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    assert.deepEqual(await invalid(page, '#second'), range(186, 190));
    assert.deepEqual(log.errors, []);
  } finally {
    await page.close();
  }
});

test('host handlers that throw do not stop nianbao', async () => {
  const { page, log } = await open();
  try {
    await page.evaluate(() => {
      const f = document.querySelector('#reportForm');
      for (const ty of ['input', 'change', 'focusout']) {
        f.addEventListener(ty, () => {
          throw new Error(`host ${ty} handler failed`);
        });
      }
      f.addEventListener('nianbao:diagnostics', () => {
        throw new Error('host diagnostics handler failed');
      });
    });
    await wrongTotal(page);
    assert.deepEqual(await invalid(page), range(186, 190));
    await typeInto(page, 'field_190', '1');
    assert.deepEqual(await invalid(page), []);
    assert.ok(log.errors.length > 0 && log.errors.every((e) => /^host /.test(e)), log.errors.join('; '));
  } finally {
    await page.close();
  }
});

test('a script setting .value (no event) is seen within 500 ms', async () => {
  const { page } = await open();
  try {
    await page.evaluate(() => {
      // The whole 行政复议 row, as a host script restoring saved data would set it.
      document.querySelector('[name="field_186"]').value = '2';
      for (const f of ['field_187', 'field_188', 'field_189']) document.querySelector(`[name="${f}"]`).value = '0';
      document.querySelector('[name="field_190"]').value = '3';
    });
    await page.waitForTimeout(500);
    const r = await page.evaluate(() => nianbao.handles[0].report().cells);
    assert.equal(r['s4.review.total'], '3');
    assert.deepEqual(await invalid(page), range(186, 190));
  } finally {
    await page.close();
  }
});

test('the host re-rendering its table: rebound within 500 ms, marks moved, nothing left on removed nodes', async () => {
  const { page, log } = await open();
  try {
    await wrongTotal(page);
    const old = await page.evaluate(() => {
      // Re-render 表四 as a framework would: new nodes, same values.
      const input = document.querySelector('[name="field_190"]');
      const table = input.closest('table');
      window.__oldInputs = [...table.querySelectorAll('input')];
      const values = window.__oldInputs.map((i) => i.value);
      const copy = table.cloneNode(true);
      copy.querySelectorAll('.nb-msg, .nb-badge').forEach((e) => e.remove());
      copy.querySelectorAll('input').forEach((e, i) => {
        e.removeAttribute('aria-invalid');
        e.removeAttribute('aria-describedby');
        e.removeAttribute('data-nb-mark');
        e.removeAttribute('data-nb-anchor');
        e.value = values[i];
      });
      table.replaceWith(copy);
      return window.__oldInputs.length;
    });
    assert.equal(old, 15);
    await page.waitForTimeout(500);
    const r = await page.evaluate(() => ({
      connected: nianbao.handles[0].bound.every((b) => b.element.isConnected),
      bound: nianbao.handles[0].bound.length,
      stale: window.__oldInputs.filter((e) => e.hasAttribute('aria-invalid') || e.hasAttribute('data-nb-mark') || e.nextElementSibling).length,
    }));
    assert.deepEqual(r, { connected: true, bound: 200, stale: 0 });
    assert.deepEqual(await invalid(page), range(186, 190));
    assert.equal(await page.locator('.nb-msg').count(), 1);
    // Typing in the new nodes is checked.
    await typeInto(page, 'field_190', '1');
    assert.deepEqual(await invalid(page), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await page.close();
  }
});

test('nothing is written to the console in normal operation', async () => {
  const { page, log } = await open();
  try {
    await wrongTotal(page);
    await clickFix(page, 's4.review.total');
    await page.waitForTimeout(300);
    assert.deepEqual(log.console, []);
    assert.deepEqual(log.errors, []);
  } finally {
    await page.close();
  }
});
