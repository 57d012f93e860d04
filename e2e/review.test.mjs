// Reviewing many reports in Chromium: the page `nianbao review --html` writes, and
// www/review.html checking a folder in the browser. Both draw with www/review-render.js; both
// are held to the CLI's golden summary and CSV over the corpus (tests/golden/review-corpus.*):
// rows in order, heat-map counts per format, click-through from a cell and a rule to the
// reports, the CSV's bytes, nothing requested from outside.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'tests/fixtures');
const GOLDEN = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/review-corpus.json'), 'utf8'));
const GOLDEN_CSV = fs.readFileSync(path.join(ROOT, 'tests/golden/review-corpus.csv'));

let srv;
let ctx;
let tmp;
before(async () => {
  srv = await startServer(path.join(ROOT, 'www'));
  ctx = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-e2e-'));
});
after(async () => {
  await ctx?.close();
  await srv?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** `nianbao review ARGS DIR` run in `cwd` (by default `corpus` in tests/fixtures: file names
 * `corpus/…`, as in the goldens); its stdout. */
function cli(args, { cwd = FIXTURES, dir = 'corpus' } = {}) {
  try {
    return execFileSync('cargo', ['run', '-q', '--manifest-path', path.join(ROOT, 'Cargo.toml'), '--bin', 'nianbao', '--', 'review', ...args, dir], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: errors in the reports
    return e.stdout;
  }
}

async function open(url) {
  const page = await ctx.newPage();
  const errors = [];
  const foreign = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!(u.hostname === '127.0.0.1' || /^(file|data|blob):$/.test(u.protocol))) foreign.push(r.url());
  });
  await page.goto(url);
  return { page, errors, foreign };
}

/** What the rendered page shows: rows, heat-map counts per format, rule bars. */
const shown = (page) =>
  page.evaluate(() => {
    const maps = {};
    for (const f of document.querySelectorAll('.nbr-hm-format')) {
      const counts = {};
      for (const td of f.querySelectorAll('td[data-cell]')) {
        if (+td.dataset.count) counts[td.dataset.cell] = +td.dataset.count;
      }
      maps[f.dataset.format] = { counts, cells: f.querySelectorAll('td[data-cell]').length };
    }
    return {
      rows: [...document.querySelectorAll('.nbr-sum tbody tr')].map((tr) => tr.dataset.file),
      maps,
      rules: Object.fromEntries(
        [...document.querySelectorAll('.nbr-bars .track')].map((t) => [t.dataset.rule, t.nextElementSibling.querySelector('b').textContent]),
      ),
      kpis: Object.fromEntries([...document.querySelectorAll('.nbr-kpi')].map((k) => [k.dataset.kpi, k.querySelector('.v').textContent])),
    };
  });

function expectedMaps() {
  const out = {};
  for (const [f, c] of Object.entries(GOLDEN.formats)) out[f] = { counts: c.cells, cells: f === 'gb2019' ? 198 : 200 };
  return out;
}

async function csvDownload(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=csv]').click()]);
  assert.equal(download.suggestedFilename(), 'nianbao-review.csv');
  return fs.readFileSync(await download.path());
}

/** The checks both pages must pass on the corpus. */
async function assertCorpusReport(page) {
  const s = await shown(page);
  assert.deepEqual(s.rows, GOLDEN.reports.map((r) => r.file));
  assert.deepEqual(s.maps, expectedMaps());
  assert.deepEqual(s.rules, Object.fromEntries(Object.entries(GOLDEN.rules).map(([k, v]) => [k, String(v)])));
  assert.deepEqual(s.kpis, { all: '12', err: '2', warn: '2', ok: '8', bad: '0', pair: '2' });

  // Labels come from each format's data: gb2021's 表三 has （六）其他处理 1–3, gb2019's not.
  const labels = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.nbr-hm-format')].map((f) => [
        f.dataset.format,
        [...f.querySelectorAll('[data-table=s3] th.rowlab')].map((th) => th.textContent).filter((t) => t.startsWith('3.')),
      ]),
    ),
  );
  assert.deepEqual(labels, {
    gb2019: ['3.危及“三安全一稳定”', '3.补正后申请内容仍不明确', '3.要求提供公开出版物'],
    gb2021: ['3.危及“三安全一稳定”', '3.补正后申请内容仍不明确', '3.要求提供公开出版物', '3.其他'],
  });

  // A table no report fails is folded.
  const open = await page.evaluate(() =>
    [...document.querySelectorAll('.nbr-hm-format details')].map((d) => `${d.closest('.nbr-hm-format').dataset.format}.${d.dataset.table}:${d.open}`),
  );
  assert.deepEqual(open, ['gb2019.s2:false', 'gb2019.s3:true', 'gb2019.s4:false', 'gb2021.s2:false', 'gb2021.s3:false', 'gb2021.s4:true']);

  // Hover: the count; click: the reports failing there, with their messages.
  const cell = page.locator('.nbr-hm-format[data-format=gb2021] td[data-cell="s4.review.total"]');
  await cell.hover();
  assert.equal(await page.locator('.nbr-tip').textContent(), '表四 › 行政复议 › 总计1 份报告在此格有错误');
  await cell.click();
  const list = page.locator('.nbr-hm-format[data-format=gb2021] .nbr-list');
  assert.equal(await list.locator('h4').textContent(), '表四 › 行政复议 › 总计：1 份报告有错误');
  assert.deepEqual(await list.locator('li').evaluateAll((lis) => lis.map((li) => li.dataset.file)), [
    'corpus/pingtan-shenpi-2024.html',
  ]);
  assert.match(await list.locator('li .msg').first().textContent(), /^第四部分「行政复议」：总计应为结果维持、结果纠正、其他结果、尚未审结之和 1，现填 0（差 1）。$/);
  // …and from there to the report's findings.
  await list.locator('li a').first().click();
  assert.equal(await page.evaluate(() => location.hash), '#' + (await page.locator('article[data-file="corpus/pingtan-shenpi-2024.html"]').getAttribute('id')));
  assert.deepEqual(
    await page.locator('article[data-file="corpus/pingtan-shenpi-2024.html"] ol.diags li').evaluateAll((lis) => lis.map((li) => li.dataset.rule)),
    ['E-S4-SUM', 'X-2021-IN-FORCE'],
  );

  // A cell no report fails is not clickable.
  assert.equal(await page.locator('.nbr-hm-format[data-format=gb2021] td[data-cell="s3.new.natural"]').getAttribute('data-count'), '0');

  // A rule bar lists its reports.
  await page.locator('.nbr-bars .track[data-rule="E-S3-RESULT"]').click();
  const rl = page.locator('#nbr-rules .nbr-list');
  assert.equal(await rl.locator('h4').textContent(), 'E-S3-RESULT：1 份报告未通过');
  assert.deepEqual(await rl.locator('li').evaluateAll((lis) => lis.map((li) => li.dataset.file)), ['corpus/pingtan-qu-2020.html']);
  assert.equal(await rl.locator('li .msg').count(), 2);

  // Sorting by a column and back.
  await page.locator('.nbr-sum th.idx button').click();
  await page.locator('.nbr-sum th.idx button').click();
  const year = page.locator('.nbr-sum thead th').nth(2).locator('button');
  await year.click();
  const years = await page.locator('.nbr-sum tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(years, [...years].sort().reverse());
  assert.equal(years[0], '2025');

  // The CSV is the CLI's, byte for byte.
  assert.deepEqual(await csvDownload(page), GOLDEN_CSV);
}

test('review --html: one offline page with the summary, heat-maps, rules and findings', async () => {
  const file = path.join(tmp, 'review.html');
  cli(['--html', file]);
  const { page, errors, foreign } = await open('file://' + file);
  try {
    await assertCorpusReport(page);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
  } finally {
    await page.close();
  }
});

test('review --html --lang en: English page, same counts', async () => {
  const file = path.join(tmp, 'review-en.html');
  cli(['--lang', 'en', '--html', file]);
  const { page, errors } = await open('file://' + file);
  try {
    assert.equal(await page.locator('h1').textContent(), 'Review summary');
    assert.deepEqual(
      await page.locator('.nbr-sum thead th').allTextContents(),
      ['#', 'Report', 'Year', 'Format', 'Cells found', 'Errors', 'Warnings', 'Failing rules', "Last year's"],
    );
    const s = await shown(page);
    assert.deepEqual(s.maps, expectedMaps());
    await page.locator('.nbr-hm-format[data-format=gb2019] td[data-cell="s3.result.total.natural"]').hover();
    assert.equal(await page.locator('.nbr-tip').textContent(), 'Table 3 › (7) total › natural persons1 report has an error here');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

async function openReviewPage() {
  const r = await open(srv.url + 'review.html');
  await r.page.waitForFunction(() => window.nianbao && window.nianbao.ready);
  await r.page.evaluate(() => nianbao.ready);
  return r;
}

test('review.html: a chosen folder gives the CLI summary, pairing, heat-map and CSV', async () => {
  const { page, errors, foreign } = await openReviewPage();
  try {
    await page.locator('#folder').setInputFiles(path.join(FIXTURES, 'corpus'));
    await page.waitForSelector('.nbr-sum tbody tr');
    // The same summary as `nianbao review --json corpus`, field for field (pairing included).
    const summary = await page.evaluate(() => {
      const s = window.nianbaoReview.summary;
      return JSON.parse(JSON.stringify(s, (k, v) => (k === '_id' ? undefined : v)));
    });
    assert.deepEqual(summary, GOLDEN);
    await assertCorpusReport(page);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
  } finally {
    await page.close();
  }
});

test('review.html: dropped files; the language switch checks again in English', async () => {
  const { page, errors } = await openReviewPage();
  try {
    const files = ['pingtan-shenpi-2023.html', 'pingtan-shenpi-2024.html', 'notes.md'].map((f) => ({
      name: f,
      text: f.endsWith('.md') ? '# not a report' : fs.readFileSync(path.join(FIXTURES, 'corpus', f), 'utf8'),
    }));
    await page.evaluate((files) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/html' }));
      document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    await page.waitForSelector('.nbr-sum tbody tr');
    const rows = await page.locator('.nbr-sum tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.file));
    assert.deepEqual(rows, ['pingtan-shenpi-2024.html', 'pingtan-shenpi-2023.html'], 'notes.md is not a report kind');
    assert.equal(await page.locator('.nbr-sum tbody tr').first().locator('td.prev').textContent(), '2023 年度');
    await page.locator('#lang').selectOption('en');
    await page.waitForFunction(() => document.querySelector('h1.nbr-head, .nbr-head h1')?.textContent === 'Review summary');
    const msg = await page.locator('article[data-file="pingtan-shenpi-2024.html"] ol.diags li[data-rule="E-S4-SUM"]').textContent();
    assert.match(msg, /^errorSection 4, 'administrative review': the total must equal upheld \+ corrected \+ other \+ pending, 1; entered 0 \(off by 1\)\./);
    assert.equal(await page.locator('#rvTitle').textContent(), 'Review many reports');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('review.html: 204 files are read in chunks — the page keeps answering', async () => {
  const { page, errors } = await openReviewPage();
  try {
    const corpus = fs.readdirSync(path.join(FIXTURES, 'corpus')).filter((f) => !f.endsWith('.md')).sort();
    const files = [];
    for (let i = 0; files.length < 204; i++) {
      const f = corpus[i % corpus.length];
      files.push({ name: `b${String(i).padStart(3, '0')}-${f}`, mimeType: 'text/plain', buffer: fs.readFileSync(path.join(FIXTURES, 'corpus', f)) });
    }
    // Count timer ticks and progress repaints while the batch runs: a page that blocked for
    // the whole batch would show neither.
    await page.evaluate(() => {
      window.__ticks = 0;
      window.__progress = new Set();
      window.__timer = setInterval(() => {
        window.__ticks++;
        window.__progress.add(document.getElementById('count').textContent);
      }, 20);
    });
    await page.locator('#files').setInputFiles(files);
    await page.waitForSelector('.nbr-sum tbody tr', { timeout: 170_000 });
    const r = await page.evaluate(() => {
      clearInterval(window.__timer);
      return {
        ticks: window.__ticks,
        progress: window.__progress.size,
        rows: document.querySelectorAll('.nbr-sum tbody tr').length,
        all: document.querySelector('.nbr-kpi[data-kpi=all] .v').textContent,
        progressHidden: document.getElementById('progress').hidden,
      };
    });
    assert.equal(r.rows, 204);
    assert.equal(r.all, '204');
    assert.equal(r.progressHidden, true);
    assert.ok(r.ticks >= 10, `timer ticks while reading: ${r.ticks}`);
    assert.ok(r.progress >= 10, `distinct progress texts seen: ${r.progress}`);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('review.html: Word and Excel files are read as the CLI reads them', async () => {
  // The converters' fixtures without the PDFs (the CLI reads those; the page has no PDF reader)
  // and the Markdown (not a folder kind).
  const dir = path.join(tmp, 'docs');
  fs.mkdirSync(dir);
  for (const f of fs.readdirSync(path.join(FIXTURES, 'docs'))) {
    if (/\.(docx|xlsx|html)$/.test(f)) fs.copyFileSync(path.join(FIXTURES, 'docs', f), path.join(dir, f));
  }
  const want = JSON.parse(cli(['--json'], { cwd: tmp, dir: 'docs' }));
  assert.equal(want.reports.length, 9);
  const { page, errors } = await openReviewPage();
  try {
    await page.locator('#folder').setInputFiles(dir);
    await page.waitForSelector('.nbr-sum tbody tr');
    const got = await page.evaluate(() => JSON.parse(JSON.stringify(window.nianbaoReview.summary, (k, v) => (k === '_id' ? undefined : v))));
    assert.deepEqual(got, want);
    assert.deepEqual(
      await page.locator('.nbr-sum tbody tr').evaluateAll((trs) => trs.slice(0, 3).map((tr) => tr.dataset.file)),
      ['docs/pingtan-shenpi-2024.docx', 'docs/pingtan-shenpi-2024.html', 'docs/pingtan-shenpi-2024.xlsx'],
    );
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
