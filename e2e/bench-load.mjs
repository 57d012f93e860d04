// Page load cost of the drop-in (not part of the tests):
//
//   node e2e/bench-load.mjs [runs=9] [file.js …]
//
// Opens www/cms-2019.html (the seed form, `data-nianbao-auto`) in a new tab per run, first
// with the module's cache emptied (IndexedDB `nianbao`: the module is decoded, the first load
// of a build), then with it kept (a later load), and reports medians over the runs: when
// `nianbao.ready` resolves (ms after navigation start, and after the script arrived), and the
// longest main-thread task during load (every task timed by a chain of MessageChannel
// messages; the decoder works in ~8 ms slices). With file arguments, each file is served as
// www/nianbao.js in turn (to compare builds, e.g. the one before a change), tabs alternating.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { runInBrowser } from './bench-lib.mjs';

const WWW = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');
const RUNS = Number(process.argv[2] || 9);
const files = process.argv.slice(3);
if (!files.length) files.push(path.join(WWW, 'nianbao.js'));
const bodies = files.map((f) => fs.readFileSync(f));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

await runInBrowser(WWW, async (srv, ctx) => {
  const modes = ['decoded', 'kept'];
  const res = files.map(() => modes.map(() => ({ ready: [], arrived: [], longest: [] })));
  for (let r = 0; r < RUNS; r++) {
    for (let f = 0; f < files.length; f++) {
      for (let mode = 0; mode < modes.length; mode++) {
        const page = await ctx.newPage();
        page.on('pageerror', (e) => console.error('page error:', e.message));
        await page.route('**/nianbao.js', (route) =>
          route.fulfill({ body: bodies[f], contentType: 'text/javascript; charset=utf-8' }),
        );
        await page.addInitScript((clear) => {
          if (clear) indexedDB.deleteDatabase('nianbao'); // queued before the drop-in's open
          const ch = new MessageChannel();
          let last = performance.now();
          window.__longest = 0;
          ch.port1.onmessage = () => {
            const now = performance.now();
            window.__longest = Math.max(window.__longest, now - last);
            last = now;
            if (!window.__done) ch.port2.postMessage(0);
          };
          ch.port2.postMessage(0);
        }, mode === 0);
        await page.goto(new URL('cms-2019.html', srv.url).href);
        await page.waitForFunction(() => window.nianbao && window.nianbao.ready);
        const m = await page.evaluate(async () => {
          await nianbao.ready;
          window.__done = true;
          const s = performance.getEntriesByName(document.querySelector('script[src$="nianbao.js"]').src)[0];
          return { ready: performance.now(), arrived: s ? s.responseEnd : 0, longest: window.__longest };
        });
        const x = res[f][mode];
        x.ready.push(m.ready);
        x.arrived.push(m.ready - m.arrived);
        x.longest.push(m.longest);
        await page.close();
      }
    }
  }
  for (let f = 0; f < files.length; f++) {
    const gz = zlib.gzipSync(bodies[f], { level: 9 }).length;
    console.log(`${path.relative(process.cwd(), files[f])} (${gz} B gzip), median of ${RUNS}:`);
    for (let mode = 0; mode < modes.length; mode++) {
      const x = res[f][mode];
      console.log(
        `  module ${modes[mode].padEnd(7)}: ready ${median(x.ready).toFixed(0)} ms after navigation, ` +
          `${median(x.arrived).toFixed(0)} ms after the script arrived; longest task ${median(x.longest).toFixed(1)} ms`,
      );
    }
  }
});
