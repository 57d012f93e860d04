// Timings of the JS API in headless Chromium (not a test; prints numbers), the browser
// counterpart of bench.mjs: the browser module pkg/web (what `nianbao` gives a page) loaded
// in a blank page, each case timed in the page by the same loop (batches of ≥ 20 ms after a
// warm-up; mean and median of the batches, µs per call).
//
//   bash scripts/build-wasm.sh web && node js-tests/bench-browser.mjs [seconds-per-case=2]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/serve.mjs';
import { launch } from '../e2e/browser.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.argv[2] || 2);

const srv = await startServer(root);
const ctx = await launch();
let status = 0;
try {
  const page = await ctx.newPage();
  // A blank page of the server's origin, so the module and the example load from it.
  await page.route('**/blank.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
  await page.goto(srv.url + 'blank.html');
  const out = await page.evaluate(
    async ({ seconds }) => {
      const nb = await import('/pkg/web/nianbao.js');
      await nb.default();
      const seed = await (await fetch('/examples/yichun-2020.json')).json();
      const typo = structuredClone(seed);
      typo.cells['s3.new.natural'] = '508';
      const lines = [`nianbao ${nb.version()} — ${navigator.userAgent.match(/Chrom\S+/)}, ${seconds} s per case`];
      const bench = (name, fn) => {
        for (let i = 0; i < 50; i++) fn(i); // warm-up
        const batches = [];
        let calls = 0;
        const end = performance.now() + seconds * 1000;
        let i = 0;
        while (performance.now() < end) {
          const t0 = performance.now();
          let n = 0;
          do {
            fn(i++);
            n++;
          } while (performance.now() - t0 < 20);
          batches.push(((performance.now() - t0) * 1000) / n);
          calls += n;
        }
        batches.sort((a, b) => a - b);
        const mean = batches.reduce((a, b) => a + b, 0) / batches.length;
        const median = batches[batches.length >> 1];
        lines.push(`${name.padEnd(58)} ${mean.toFixed(1).padStart(9)} µs mean ${median.toFixed(1).padStart(9)} µs median  (${calls} calls)`);
      };
      bench('validate(example report)  [2 findings]', () => nb.validate(seed));
      bench('validate(example report with a typo)  [4 findings]', () => nb.validate(typo));
      bench('validate(example report, {lang: "en"})', () => nb.validate(seed, { lang: 'en' }));
      const c = nb.createChecker(seed);
      bench('checker.set(s3.new.natural, 507 ↔ 508)  [2 appear/clear]', (i) =>
        c.set('s3.new.natural', i % 2 ? '507' : '508'));
      c.set('s3.new.natural', '507');
      bench('checker.diagnostics()  [the 2 findings of the example]', () => c.diagnostics());
      bench('createChecker(example report)', () => nb.createChecker(seed).free());
      bench('formats()', () => nb.formats());
      return lines;
    },
    { seconds },
  );
  console.log(out.join('\n'));
} catch (e) {
  console.error(e);
  status = 1;
} finally {
  await ctx.close();
  await srv.close();
}
process.exit(status);
