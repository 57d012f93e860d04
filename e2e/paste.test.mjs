// www/paste.html: a report pasted as text or chosen as a file is imported in the page
// (HTML through the browser's DOMParser and the shared grid step) and its diagnostics listed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

let srv;
let ctx;
before(async () => {
  srv = await startServer(path.join(ROOT, 'www'));
  ctx = await launch();
});
after(async () => {
  await ctx?.close();
  await srv?.close();
});

async function open() {
  const page = await ctx.newPage();
  const errors = [];
  const foreign = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (new URL(r.url()).hostname !== '127.0.0.1' && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });
  await page.goto(srv.url + 'paste.html');
  await page.waitForFunction(() => window.nianbao && window.nianbao.ready);
  await page.evaluate(() => nianbao.ready);
  return { page, errors, foreign };
}

const result = (page) =>
  page.evaluate(() => ({
    summary: [...document.querySelectorAll('#summary tr')].map((tr) => tr.textContent),
    verdict: document.getElementById('verdict').textContent,
    rules: [...document.querySelectorAll('#diags li')].map((li) => [li.className, li.dataset.rule]),
  }));

test('paste.html: the seed report pasted as text is imported and checked', async () => {
  const { page, errors, foreign } = await open();
  try {
    const text = fs.readFileSync(path.join(ROOT, 'examples/yichun-2020.txt'), 'utf8');
    await page.locator('#doc').fill(text);
    await page.getByRole('button', { name: '检查' }).click();
    const r = await result(page);
    assert.match(r.summary.join('|'), /2019年格式/);
    assert.match(r.summary.join('|'), /表二 主动公开识别 22 \/ 22 格/);
    assert.match(r.summary.join('|'), /表三 依申请公开识别 161 \/ 161 格/);
    assert.match(r.summary.join('|'), /表四 复议诉讼识别 15 \/ 15 格/);
    assert.match(r.verdict, /勾稽关系全部成立/);
    assert.ok(r.rules.some(([c, rule]) => c === 'warning' && rule === 'W-2019-CHANGE-LARGE'));
    assert.ok(!r.rules.some(([c]) => c === 'error'));
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
  } finally {
    await page.close();
  }
});

test('paste.html: a published HTML report chosen as a file shows its real error', async () => {
  const { page, errors } = await open();
  try {
    await page.locator('#file').setInputFiles(path.join(ROOT, 'tests/fixtures/corpus/pingtan-shenpi-2024.html'));
    await page.waitForFunction(() => document.querySelectorAll('#diags li').length > 0);
    const r = await result(page);
    assert.match(r.summary.join('|'), /2021年格式/);
    assert.match(r.summary.join('|'), /表四 复议诉讼识别 15 \/ 15 格/);
    assert.deepEqual(r.rules, [['error', 'E-S4-SUM']]);
    assert.match(r.verdict, /1 个错误/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
