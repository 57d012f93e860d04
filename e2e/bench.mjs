// Widget latency in a real page (not part of the tests):
//
//   node e2e/bench.mjs [keystrokes=200]
//
// On www/cms-2019.html (198 bound inputs, the seed loaded):
// - attach time: `nianbao.attach(form)` (binding by labels, grids, checker, first render),
//   median of 15 attach/detach cycles, plus the first one;
// - keystroke → DOM update: a shown error's numbers change on every keystroke (typing in a
//   part of a wrong 行政复议 total), timed in the page from the `input` event (a capture
//   listener on window, so before nianbao's) and from `keydown` to the first DOM mutation
//   (MutationObserver on the document); the page is served cross-origin isolated, so
//   `performance.now()` counts in 5 µs steps;
// - following the page when nothing changes: nianbao's `.value` poll (its 250 ms interval,
//   caught by wrapping `setInterval`) timed over 2000 calls on the unchanged form; its
//   MutationObserver has no callback at all when the DOM does not change.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISOLATED, focusWrongTotalPart, ms, runInBrowser, stats, typeAlternating } from './bench-lib.mjs';

const WWW = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');
const N = Number(process.argv[2] || 200);

await runInBrowser(WWW, async (srv, ctx) => {
  let status = 0;
  const page = await ctx.newPage();
  await page.route('**/cms-2019.html', async (route) => {
    const res = await route.fetch();
    route.fulfill({ response: res, body: (await res.text()).replace(' data-nianbao-auto', '') });
  });
  await page.addInitScript(() => {
    window.__polls = [];
    const si = window.setInterval;
    window.setInterval = function (f, t, ...rest) {
      if (t === 250 && typeof f === 'function') window.__polls.push(f);
      return si.call(this, f, t, ...rest);
    };
  });
  await page.goto(srv.url + 'cms-2019.html');
  await page.waitForFunction(() => window.nianbao && window.nianbao.ready);
  await page.evaluate(() => nianbao.ready);

  const attach = await page.evaluate(() => {
    const form = document.getElementById('reportForm');
    const times = [];
    let h;
    for (let i = 0; i < 16; i++) {
      const t0 = performance.now();
      h = nianbao.attach(form);
      times.push(performance.now() - t0);
      if (i < 15) h.detach();
    }
    window.h = h;
    return { first: times[0], rest: times.slice(1), bound: h.bound.length };
  });
  const a = stats(attach.rest);
  console.log(`attach (cms-2019, ${attach.bound} cells): first ${ms(attach.first)}, median ${ms(a.median)}, p95 ${ms(a.p95)} over ${a.n}`);

  const poll = await page.evaluate(() => {
    const f = window.__polls[window.__polls.length - 1];
    if (!f) return null;
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    return (performance.now() - t0) / n;
  });
  console.log(
    poll === null
      ? 'unchanged page: no value poll in this build'
      : `unchanged page: one .value poll of ${attach.bound} fields ${ms(poll)} (every 250 ms while visible: ${((poll / 250) * 100).toFixed(3)} % of one core)`,
  );

  // A shown error whose message changes with every keystroke in one of its parts.
  await focusWrongTotalPart(page);
  // A digit, then Backspace: every keystroke changes the expected total.
  await typeAlternating(page, N);
  const lat = await page.evaluate(() => window.__lat);
  const li = stats(lat.input);
  const lk = stats(lat.key);
  console.log(`keystroke → DOM update, from the input event: median ${ms(li.median)}, p95 ${ms(li.p95)}, max ${ms(li.max)} (${li.n} of ${N} keystrokes)`);
  console.log(`keystroke → DOM update, from keydown:         median ${ms(lk.median)}, p95 ${ms(lk.p95)}, max ${ms(lk.max)}`);
  if (li.n < N * 0.9) {
    console.error(`only ${li.n} of ${N} keystrokes produced a DOM update`);
    status = 1;
  }
  return status;
}, {}, ISOLATED);
