// Nothing of the widget covers what the user must read or click (issue 11, item 2): after a
// typo in 一·总计 of www/cms-2019.html, at 1280×900 and 1024×768,
// - real mouse clicks on the fields below the inline message focus those fields;
// - at every bound field's centre (scrolled into view) the topmost element is the field;
// - Tab goes from field to field, never stopping on a 填入/改为 button.
//
//   node e2e/run.mjs layout
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

const name = (n) => `field_${String(n).padStart(3, '0')}`;

async function open(file, viewport) {
  const page = await ctx.newPage();
  await page.setViewportSize(viewport);
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  await page.goto(srv.url + file, { waitUntil: 'load' });
  await page.waitForFunction(() => window.nianbao?.handles?.length >= 1, null, { timeout: 10_000 });
  return page;
}

/** The typo of the issue: 一·总计 (s3.new.total, field_029) 550 → 551. */
async function typo(page) {
  const f = page.locator(`[name="field_029"]`);
  await f.click();
  await f.press('Control+A');
  await page.keyboard.type('551');
  await page.keyboard.press('Tab');
  await page.waitForFunction(
    () => document.querySelector('[name="field_029"]').getAttribute('aria-invalid') === 'true',
  );
  // Layout runs in the next animation frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Names of the bound fields whose centre is not the field itself, the page scrolled by half
 * a viewport at a time (each field checked where it is wholly in view). */
const coveredFields = (page) =>
  page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const out = new Set();
    const seen = new Set();
    const fields = [...document.querySelectorAll('input[name^="field_"]')];
    const max = document.documentElement.scrollHeight - innerHeight;
    for (let y = 0; ; y = Math.min(y + innerHeight / 2, max)) {
      scrollTo(0, y);
      await frame();
      for (const el of fields) {
        const r = el.getBoundingClientRect();
        if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) continue;
        seen.add(el.name);
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        // A message's 填入/改为 button stays clickable (known limit: it may sit over a field).
        const fix = hit && (hit.closest?.('[data-nb-act]') || hit.matches?.('[data-nianbao-overlay]'));
        if (hit !== el && !fix) out.add(`${el.name}→${hit ? hit.tagName + (hit.className ? '.' + hit.className : '') : 'null'}`);
      }
      if (y >= max) break;
    }
    // Every field was looked at.
    for (const el of fields) if (!seen.has(el.name)) out.add(`${el.name} never wholly in view`);
    return [...out];
  });

/** Texts of the form's label cells that a shown inline message lies over. */
const labelsUnderMessages = (page) =>
  page.evaluate(() => {
    const msgs = [...document.querySelectorAll('.nb-msg')]
      .filter((m) => getComputedStyle(m).display !== 'none')
      .map((m) => m.getBoundingClientRect());
    const out = [];
    const range = document.createRange();
    for (const td of document.querySelectorAll('th, td')) {
      if (td.querySelector('input, textarea, select') || !td.textContent.trim()) continue;
      range.selectNodeContents(td);
      const r = range.getBoundingClientRect();
      if (msgs.some((q) => q.left < r.right && r.left < q.right && q.top < r.bottom && r.top < q.bottom)) {
        out.push(td.textContent.trim());
      }
    }
    return out;
  });

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 1024, height: 768 },
]) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`layout ${size}: clicks below a typo's message reach the fields of rows 二 and （一）`, async () => {
    const page = await open('cms-2019.html', viewport);
    await typo(page);
    // The message is shown.
    assert.match(
      await page.evaluate(() => {
        const ids = document.querySelector('[name="field_029"]').getAttribute('aria-describedby') || '';
        return ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
      }),
      /笔误/,
    );
    // 社会公益组织 … 总计 of row 二 (field_033..036) and row （一） (field_040..043).
    for (const n of [33, 34, 35, 36, 40, 41, 42, 43]) {
      const f = page.locator(`[name="${name(n)}"]`);
      await f.scrollIntoViewIfNeeded();
      const box = await f.boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      assert.equal(await page.evaluate(() => document.activeElement?.name), name(n));
    }
    await page.close();
  });

  test(`layout ${size}: typing after a scroll or a host change places messages off fields and labels`, async () => {
    // Field positions are measured once and reused across keystrokes: a scroll and a host
    // mutation must make the next keystroke measure them again.
    const page = await open('cms-2019.html', viewport);
    await typo(page);
    const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const f = page.locator('[name="field_029"]');
    for (const [i, move] of ['scroll', 'host', 'scroll'].entries()) {
      await f.scrollIntoViewIfNeeded();
      await f.click();
      await f.press('End');
      await frames();
      if (move === 'scroll') await page.mouse.wheel(0, 120 + 40 * i);
      else {
        // The host inserts a notice above the form's tables (as a CMS does on save).
        await page.evaluate(() => {
          const p = document.createElement('p');
          p.style.height = '90px';
          p.textContent = '草稿已保存';
          document.getElementById('reportForm').prepend(p);
        });
      }
      await frames();
      await page.keyboard.type(String(i + 2));
      await page.keyboard.press('Backspace');
      await page.keyboard.type(String(i + 2));
      await frames();
      await page.keyboard.press('Tab');
      await frames();
      assert.deepEqual(await labelsUnderMessages(page), [], `after ${move} ${i}`);
      assert.deepEqual(await coveredFields(page), [], `after ${move} ${i}`);
    }
    await page.close();
  });

  test(`layout ${size}: every bound field's centre is the field itself (cms-2019, cms-2021)`, async () => {
    for (const file of ['cms-2019.html', 'cms-2021.html']) {
      const page = await open(file, viewport);
      // cms-2021 is blank: a typo there is pending (no message), so only cms-2019 gets one.
      if (file === 'cms-2019.html') await typo(page);
      await page.evaluate(() => document.activeElement?.blur());
      assert.deepEqual(await coveredFields(page), [], file);
      assert.deepEqual(await labelsUnderMessages(page), [], file);
      await page.close();
    }
  });

  test(`layout ${size}: the panel never hides the focused field`, async () => {
    const page = await open('cms-2019.html', viewport);
    await typo(page);
    // Bottom rows of 表三, focused one by one by Tab from （二）.
    const bad = await page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const out = [];
      for (const el of document.querySelectorAll('input[name^="field_"]')) {
        el.focus();
        await frame();
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (hit !== el) out.push(el.name);
      }
      return out;
    });
    assert.deepEqual(bad, []);
    await page.close();
  });

  test(`layout ${size}: Tab goes field to field, never onto a fix button`, async () => {
    const page = await open('cms-2019.html', viewport);
    await typo(page);
    // A 填入/改为 button is shown (inline or in the overlay) …
    const buttons = await page.evaluate(() => {
      const ov = document.querySelector('[data-nianbao-overlay]')?.shadowRoot;
      return [
        ...document.querySelectorAll('[data-nb-act="fix"]'),
        ...(ov ? ov.querySelectorAll('button[data-value]') : []),
      ].map((b) => b.getAttribute('tabindex'));
    });
    assert.ok(buttons.length >= 1);
    assert.deepEqual(buttons, buttons.map(() => '-1'));
    // … and Tab from field_028 visits field_029, field_030, … in order.
    await page.locator('[name="field_028"]').focus();
    const seen = [];
    for (let k = 0; k < 10; k++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => document.activeElement?.name ?? document.activeElement?.tagName));
    }
    assert.deepEqual(seen, [29, 30, 31, 32, 33, 34, 35, 36, 37, 38].map(name));
    // The fix stays reachable by keyboard from the panel's list.
    const fixes = await page.evaluate(() => {
      const p = document.querySelector('[data-nianbao-panel]').shadowRoot;
      return [...p.querySelectorAll('button.fix')].map((b) => b.tabIndex);
    });
    assert.ok(fixes.length >= 1 && fixes.every((t) => t === 0), JSON.stringify(fixes));
    await page.close();
  });
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 1024, height: 768 },
]) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`layout ${size}: a message with no free room shows while its field is focused or hovered`, async () => {
    const page = await open('cms-2019.html', viewport);
    await typo(page);
    const shown = () =>
      page.evaluate(() => {
        const id = (document.querySelector('[name="field_029"]').getAttribute('aria-describedby') || '')
          .split(/\s+/)
          .find((x) => document.getElementById(x)?.classList.contains('nb-msg'));
        const m = document.getElementById(id);
        return m ? getComputedStyle(m).display !== 'none' && m.getBoundingClientRect().height > 0 : null;
      });
    // Focus is on the next field (Tab), the pointer elsewhere: hidden (it would cover row 二).
    await page.mouse.move(5, 5);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await shown(), false, 'hidden while another field has focus');
    // Its field focused: shown.
    await page.locator('[name="field_029"]').focus();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await shown(), true, 'shown while its field has focus');
    // Pointer over its field, focus elsewhere: shown.
    await page.locator('[name="field_028"]').focus();
    await page.locator('[name="field_029"]').scrollIntoViewIfNeeded();
    const box = await page.locator('[name="field_029"]').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await shown(), true, 'shown while the pointer is over its field');
    // The panel lists it with its fix.
    const listed = await page.evaluate(() => {
      const p = document.querySelector('[data-nianbao-panel]').shadowRoot;
      return [...p.querySelectorAll('button.fix')].map((b) => b.textContent);
    });
    assert.ok(listed.some((t) => t.includes('550')), JSON.stringify(listed));
    await page.close();
  });

  test(`layout ${size}: the collapsed panel covers no table of the form, at any scroll`, async () => {
    const page = await open('cms-2019.html', viewport);
    await typo(page);
    await page.mouse.move(5, 5);
    const bad = await page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const host = document.querySelector('[data-nianbao-panel]');
      const wrap = host.shadowRoot.querySelector('.p');
      const tables = [...document.querySelectorAll('table')].filter((t) => t.querySelector('input[name^="field_"]'));
      const out = [];
      const max = document.documentElement.scrollHeight - innerHeight;
      for (let y = 0; y <= max; y += 150) {
        scrollTo(0, y);
        await frame();
        if (!wrap.classList.contains('collapsed')) {
          out.push(`${y}: not collapsed`);
          continue;
        }
        const p = wrap.getBoundingClientRect();
        for (const t of tables) {
          const r = t.getBoundingClientRect();
          if (r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom) out.push(`${y}: over a table`);
        }
      }
      return out;
    });
    assert.deepEqual(bad, []);
    await page.close();
  });
}
