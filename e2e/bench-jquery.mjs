// Keystroke cost of nianbao against a jQuery baseline on the same page, in one run (not a test):
//
//   bash e2e/jquery/install.sh && node e2e/bench-jquery.mjs [rounds=12] [keystrokes per round=20]
//   BENCH_SHOTS=/tmp/shots node e2e/bench-jquery.mjs   # also a screenshot of each tab at the end
//
// Three tabs of www/cms-2019.html (198 inputs, the seed loaded, a wrong 行政复议 total shown),
// served cross-origin isolated so that `performance.now()` counts in 5 µs steps:
// - nianbao: the drop-in attached to the form, as on the demo page;
// - jQuery: jQuery 4.1 + jquery-validation 1.22 (e2e/jquery, bench-only, never shipped) checking
//   the same 45 identities (e2e/jquery/baseline.js), its own error labels in the page;
// - the page alone: no validator attached, what both are measured against.
// Rounds alternate between the tabs with the same typing (a digit, then Backspace, in a part of
// the wrong total). Per keystroke: latency from the `input` event and from `keydown` to the first
// DOM mutation, and the main thread's time (CDP Performance.getMetrics deltas over a round:
// all tasks, script, style recalculation, layout), divided by the round's keystrokes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISOLATED, focusWrongTotalPart, ms, runInBrowser, stats, typeAlternating } from './bench-lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WWW = path.join(HERE, '..', 'www');
const ROUNDS = Number(process.argv[2] || 12);
const PER_ROUND = Number(process.argv[3] || 20);
const JQ = path.join(HERE, 'jquery', 'node_modules');
if (!fs.existsSync(JQ)) {
  console.error('bench-jquery: run `bash e2e/jquery/install.sh` first');
  process.exit(2);
}
const SCRIPTS = {
  'jquery.js': path.join(JQ, 'jquery/dist/jquery.min.js'),
  'jquery.validate.js': path.join(JQ, 'jquery-validation/dist/jquery.validate.min.js'),
  'baseline.js': path.join(HERE, 'jquery/baseline.js'),
};

const METRICS = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'];

async function open(ctx, srv, side) {
  const page = await ctx.newPage();
  await page.route('**/bench-baseline/*', (route) => {
    const file = SCRIPTS[new URL(route.request().url()).pathname.split('/').pop()];
    route.fulfill({ path: file, contentType: 'text/javascript' });
  });
  await page.route('**/cms-2019.html', async (route) => {
    const res = await route.fetch();
    let body = await res.text();
    if (side === 'none') {
      body = body.replace('<script src="nianbao.js" data-nianbao-auto></script>', '<script src="nianbao.js"></script>');
    } else if (side === 'jquery') {
      body = body.replace(
        '<script src="nianbao.js" data-nianbao-auto></script>',
        '<script src="nianbao.js"></script>' +
          ['jquery.js', 'jquery.validate.js', 'baseline.js'].map((f) => `<script src="bench-baseline/${f}"></script>`).join(''),
      );
    }
    route.fulfill({ response: res, body });
  });
  await page.goto(srv.url + 'cms-2019.html');
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('the page is not cross-origin isolated: timings would come in 0.1 ms steps');
  await page.waitForFunction(() => window.nianbao && window.nianbao.ready);
  await page.evaluate(() => nianbao.ready);
  if (side === 'jquery') {
    const b = await page.evaluate(() => window.__baseline);
    console.log(`jQuery baseline: ${b.identities} identities as rules on ${b.fields} total fields`);
    if (b.identities !== 45) throw new Error(`expected the 45 gb2019 identities, got ${b.identities}`);
  } else if (side === 'nianbao') {
    await page.waitForFunction(() => nianbao.handles.length === 1);
  }
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.bringToFront();
  await focusWrongTotalPart(page);
  return { side, page, cdp, perKey: { TaskDuration: [], ScriptDuration: [], RecalcStyleDuration: [], LayoutDuration: [], Own: [] }, typed: 0 };
}

async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = {};
  for (const x of metrics) if (METRICS.includes(x.name)) m[x.name] = x.value * 1000;
  return m;
}

async function round(t) {
  await t.page.bringToFront();
  const before = await metrics(t.cdp);
  await typeAlternating(t.page, PER_ROUND, t.typed);
  const after = await metrics(t.cdp);
  t.typed += PER_ROUND;
  for (const k of METRICS) t.perKey[k].push((after[k] - before[k]) / PER_ROUND);
  // The "main-thread cost (style, layout, script)": the three summed per round.
  t.perKey.Own.push(['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'].reduce((s, k) => s + t.perKey[k][t.perKey[k].length - 1], 0));
}

await runInBrowser(WWW, async (srv, ctx) => {
  let status = 0;
  const sides = [await open(ctx, srv, 'nianbao'), await open(ctx, srv, 'jquery'), await open(ctx, srv, 'none')];
  // One warm-up round each (JIT, first layouts), not counted.
  for (const t of sides) {
    await round(t);
    for (const k of [...METRICS, 'Own']) t.perKey[k].length = 0;
    await t.page.evaluate(() => { window.__lat.input.length = 0; window.__lat.key.length = 0; });
  }
  for (let r = 0; r < ROUNDS; r++) for (const t of r % 2 ? [...sides].reverse() : sides) await round(t);

  const rows = [];
  for (const t of sides) {
    const lat = await t.page.evaluate(() => window.__lat);
    const li = stats(lat.input);
    const lk = stats(lat.key);
    const main = Object.fromEntries([...METRICS, 'Own'].map((k) => [k, stats(t.perKey[k])]));
    rows.push({ side: t.side, li, lk, main, perKey: t.perKey });
    // The page alone changes no DOM on a keystroke: it has no latency to record.
    if (t.side !== 'none' && li.n < ROUNDS * PER_ROUND * 0.9) {
      console.error(`${t.side}: only ${li.n} of ${ROUNDS * PER_ROUND} keystrokes changed the DOM`);
      status = 1;
    }
  }
  if (process.env.BENCH_SHOTS) {
    fs.mkdirSync(process.env.BENCH_SHOTS, { recursive: true });
    for (const t of sides) {
      await t.page.bringToFront();
      await t.page.locator('[name="field_184"]').scrollIntoViewIfNeeded();
      await t.page.screenshot({ path: path.join(process.env.BENCH_SHOTS, `${t.side}.png`) });
    }
  }
  const [nb, jq, none] = rows;
  // What a validator adds to the page's own cost of a keystroke: per round, its tab's time less
  // the page-alone tab's time in the same round (rounds alternate, so both saw the same load).
  const added = (r, k) => stats(r.perKey[k].map((x, i) => x - none.perKey[k][i]));
  const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) + '×' : '–');
  const line = (label, f, alone = () => '') => console.log(`${label.padEnd(46)}${f(nb).padStart(11)}${f(jq).padStart(11)}${ratio(...[nb, jq].map((r) => Number.parseFloat(f(r)))).padStart(8)}${alone().padStart(13)}`);
  console.log(`\n${ROUNDS} rounds × ${PER_ROUND} keystrokes per tab, alternating`);
  console.log(`${''.padEnd(46)}${'nianbao'.padStart(11)}${'jQuery'.padStart(11)}${'ratio'.padStart(8)}${'page alone'.padStart(13)}`);
  line('input → DOM, median', (r) => ms(r.li.median));
  line('input → DOM, p95', (r) => ms(r.li.p95));
  line('keydown → DOM, median', (r) => ms(r.lk.median));
  line('keydown → DOM, p95', (r) => ms(r.lk.p95));
  line('main thread per keystroke, median of rounds', (r) => ms(r.main.TaskDuration.median), () => ms(none.main.TaskDuration.median));
  line('main thread per keystroke, p95 of rounds', (r) => ms(r.main.TaskDuration.p95), () => ms(none.main.TaskDuration.p95));
  line('style + layout + script, median of rounds', (r) => ms(r.main.Own.median), () => ms(none.main.Own.median));
  line('style + layout + script, p95 of rounds', (r) => ms(r.main.Own.p95), () => ms(none.main.Own.p95));
  line('  script, median', (r) => ms(r.main.ScriptDuration.median), () => ms(none.main.ScriptDuration.median));
  line('  style recalculation, median', (r) => ms(r.main.RecalcStyleDuration.median), () => ms(none.main.RecalcStyleDuration.median));
  line('  layout, median', (r) => ms(r.main.LayoutDuration.median), () => ms(none.main.LayoutDuration.median));
  console.log('added to the page alone (same round):');
  line('  main thread per keystroke, median', (r) => ms(added(r, 'TaskDuration').median));
  line('  main thread per keystroke, p95', (r) => ms(added(r, 'TaskDuration').p95));
  line('  script, median', (r) => ms(added(r, 'ScriptDuration').median));
  line('  style + layout, median', (r) => ms(added(r, 'RecalcStyleDuration').median + added(r, 'LayoutDuration').median));
  return status;
}, {}, ISOLATED);

