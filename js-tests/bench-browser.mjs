// Timings of the JS API in headless Chromium (not a test; prints numbers), the browser
// counterpart of bench.mjs: the browser module pkg/web (what `nianbao` gives a page) loaded
// in a blank page, the same cases timed in the page by the same loop (bench-cases.mjs, imported
// by the page from the server).
//
//   bash scripts/build-wasm.sh web && node js-tests/bench-browser.mjs [seconds-per-case=2]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInBrowser } from '../e2e/bench-lib.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.argv[2] || 2);

await runInBrowser(root, async (srv, ctx) => {
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
      const lines = [`nianbao ${nb.version()} — ${navigator.userAgent.match(/Chrom\S+/)}, ${seconds} s per case`];
      const { runCases } = await import('/js-tests/bench-cases.mjs');
      runCases(nb, seed, seconds, (line) => lines.push(line));
      return lines;
    },
    { seconds },
  );
  console.log(out.join('\n'));
});
