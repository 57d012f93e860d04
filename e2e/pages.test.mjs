// Sanity checks for the demo host pages in www/ (node's test runner):
//
//   node --test e2e/pages.test.mjs
//
// - the CMS forms have exactly 198 (gb2019) / 200 (gb2021) cell inputs named field_NNN,
//   sequential, with no nianbao-specific attributes;
// - cms-2019.html holds the seed report's numbers exactly as published;
// - every table lays out as a rectangular grid (rowspan/colspan add up);
// - the pages render in Chromium without page errors and make no request outside 127.0.0.1;
// - 提交审核 shows the "已提交" notice without navigating away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const read = (f) => fs.readFileSync(path.join(WWW, f), 'utf8');
const INTEGRATION = '<script src="nianbao.js" data-nianbao-auto></script>';

function cellInputs(html) {
  return [...html.matchAll(/<input\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((t) => /\bname="field_\d+"/.test(t));
}

function decode(v) {
  return v
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The 198 raw cell texts of the seed report (examples/yichun-2020.txt), in table order. */
function seedValues() {
  const lines = fs.readFileSync(path.join(ROOT, 'examples/yichun-2020.txt'), 'utf8').split('\n');
  const at = (n) => lines[n - 1].replace(/^\t/, '');
  const s2 = [28, 29, 30, 33, 34, 35, 45, 46, 47, 50, 51, 52, 62, 63, 64, 67, 68, 69, 78, 79, 88, 89].map(at);
  const s3 = lines.slice(109, 352).filter((l) => /^\t[0-9\u00a0 ]+$/.test(l)).map((l) => l.slice(1));
  const s4 = [];
  for (let n = 383; n <= 397; n++) s4.push(at(n));
  assert.equal(s2.length, 22);
  assert.equal(s3.length, 161);
  assert.equal(s4.length, 15);
  return [...s2, ...s3, ...s4];
}

for (const [file, count] of [
  ['cms-2019.html', 198],
  ['cms-2021.html', 200],
]) {
  test(`${file}: ${count} cell inputs named field_001..field_${count}`, () => {
    const html = read(file);
    const inputs = cellInputs(html);
    assert.equal(inputs.length, count);
    inputs.forEach((t, i) => {
      assert.match(t, new RegExp(`name="field_${String(i + 1).padStart(3, '0')}"`));
      assert.match(t, /type="text"/);
      assert.doesNotMatch(t, /\bid=|data-|nianbao|nb-/i, t);
    });
  });
}

test('cms-2019.html holds the seed numbers as published', () => {
  const html = read('cms-2019.html');
  const values = cellInputs(html).map((t) => decode(t.match(/value="([^"]*)"/)[1]));
  assert.deepEqual(values, seedValues());
  assert.match(html, /name="bgnd" value="2020"/);
  assert.match(html, /name="dwmc" value="宜春市人民政府"/);
});

test('cms-2021.html is empty, year 2021', () => {
  const html = read('cms-2021.html');
  for (const t of cellInputs(html)) assert.match(t, /value=""/);
  assert.match(html, /name="bgnd" value="2021"/);
});

for (const file of ['cms-2019.html', 'cms-2021.html', 'editor.html']) {
  test(`${file}: exactly one integration line and nothing else of nianbao`, () => {
    const html = read(file);
    assert.equal(html.split(INTEGRATION).length - 1, 1);
    assert.equal((html.match(/nianbao/gi) || []).length, 2); // nianbao.js + data-nianbao-auto
    assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//i);
  });
}

test('no page or stylesheet refers to another host', () => {
  for (const f of fs.readdirSync(WWW).filter((f) => /\.(html|css)$/.test(f))) {
    const text = read(f);
    assert.doesNotMatch(text, /\b(src|href)="(https?:)?\/\//i, f);
    assert.doesNotMatch(text, /url\(\s*['"]?(https?:)?\/\//i, f);
    assert.doesNotMatch(text, /@import/i, f);
  }
});

// ---- in the browser ----
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

async function open(file) {
  const page = await ctx.newPage();
  const foreign = [];
  const errors = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') foreign.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  await page.goto(srv.url + file, { waitUntil: 'networkidle' });
  return { page, foreign, errors };
}

/** Logical column count of every row of every table matching `sel`, after rowspan/colspan. */
function gridWidths(sel) {
  return [...document.querySelectorAll(sel)].map((table) => {
    const taken = [];
    return [...table.rows].map((tr, r) => {
      taken[r] ||= [];
      let c = 0;
      for (const cell of tr.cells) {
        while (taken[r][c]) c++;
        for (let dr = 0; dr < cell.rowSpan; dr++) {
          taken[r + dr] ||= [];
          for (let dc = 0; dc < cell.colSpan; dc++) taken[r + dr][c + dc] = true;
        }
        c += cell.colSpan;
      }
      return taken[r].length;
    });
  });
}

for (const [file, expect] of [
  ['cms-2019.html', { inputs: 198, tables: 'table.rpt', rows: [18, 26, 4] }],
  ['cms-2021.html', { inputs: 200, tables: 'table.rpt', rows: [14, 28, 4] }],
  ['editor.html', { inputs: 0, tables: '[contenteditable="true"] table', rows: [14, 28, 4] }],
  ['index.html', { inputs: 0, tables: 'table', rows: [] }],
]) {
  test(`${file} renders, grids are rectangular, no foreign requests`, async () => {
    const { page, foreign, errors } = await open(file);
    try {
      assert.deepEqual(foreign, []);
      assert.deepEqual(errors, []);
      assert.equal(await page.locator('input[name^="field_"]').count(), expect.inputs);
      const grids = await page.evaluate(gridWidths, expect.tables);
      assert.deepEqual(
        grids.map((rows) => [rows.length, ...new Set(rows)]),
        expect.rows.map((n, i) => [n, [4, 10, 15][i]]),
      );
    } finally {
      await page.close();
    }
  });
}

for (const file of ['cms-2019.html', 'cms-2021.html', 'editor.html']) {
  test(`${file}: 提交审核 shows the notice and stays on the page`, async () => {
    const { page } = await open(file);
    try {
      const url = page.url();
      await page.getByRole('button', { name: '提交审核' }).click();
      await page.locator('#notice').waitFor({ state: 'visible' });
      assert.match(await page.locator('#notice').textContent(), /已提交/);
      assert.equal(page.url(), url);
    } finally {
      await page.close();
    }
  });
}
