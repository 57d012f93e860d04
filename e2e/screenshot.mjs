// Screenshot a page of www/ as a user would see it.
//
//   node e2e/screenshot.mjs www/cms-2019.html out.png [width=1280] [--full]
//
// Serves www/ (the directory of the page) on 127.0.0.1, opens the page in headless
// Chromium, waits for the network to settle and saves a PNG. Requests that leave
// 127.0.0.1 are blocked and reported on stderr.
import path from 'node:path';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';

const args = process.argv.slice(2);
const full = args.includes('--full');
const pos = args.filter((a) => !a.startsWith('--'));
if (pos.length < 2) {
  console.error('usage: node e2e/screenshot.mjs www/PAGE.html out.png [width] [--full]');
  process.exit(2);
}
const [pageArg, out, widthArg] = pos;
const width = Number(widthArg || 1280);
const pagePath = path.resolve(pageArg);
const root = path.dirname(pagePath);
const rel = path.relative(root, pagePath).split(path.sep).map(encodeURIComponent).join('/');

const srv = await startServer(root);
const ctx = await launch({ viewport: { width, height: 900 } });
let status = 0;
try {
  const page = await ctx.newPage();
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1') return route.continue();
    console.error(`blocked external request: ${route.request().url()}`);
    return route.abort();
  });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`console: ${m.text()}`);
  });
  await page.goto(srv.url + rel, { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts && document.fonts.ready);
  await page.screenshot({ path: out, fullPage: full });
  console.log(`${out} (${width}px${full ? ', full page' : ''})`);
} catch (e) {
  console.error(e);
  status = 1;
} finally {
  await ctx.close();
  await srv.close();
}
process.exit(status);
