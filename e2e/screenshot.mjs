// Screenshot a page of www/ as a user would see it.
//
//   node e2e/screenshot.mjs www/cms-2019.html out.png [width=1280] [--full] [--height=900]
//        [--type=NAME=VALUE ...] [--click=SELECTOR] [--at=NAME]
//
// Serves www/ (the directory of the page) on 127.0.0.1, opens the page in headless
// Chromium, waits for the network to settle (and for nianbao to attach, when the page
// loads it) and saves a PNG. Requests that leave 127.0.0.1 are blocked and reported on
// stderr. --type selects the field named NAME, types VALUE as a user would and presses Tab
// (repeatable); --click clicks an element; --at scrolls the field named NAME to the
// middle of the viewport before the shot.
import path from 'node:path';
import { runInBrowser } from './bench-lib.mjs';

const args = process.argv.slice(2);
const full = args.includes('--full');
const opt = (k) => args.filter((a) => a.startsWith(`--${k}=`)).map((a) => a.slice(k.length + 3));
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

const height = Number(opt('height')[0] || 900);
await runInBrowser(
  root,
  async (srv, ctx) => {
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
    if (await page.evaluate(() => !!document.querySelector('script[src$="nianbao.js"][data-nianbao-auto]'))) {
      await page
        .waitForFunction(() => window.nianbao && (window.nianbao.handles || []).length > 0, null, { timeout: 5000 })
        .catch(() => console.error('nianbao did not attach'));
    }
    for (const t of opt('type')) {
      const eq = t.indexOf('=');
      const field = page.locator(`[name="${t.slice(0, eq)}"]`);
      await field.click();
      await field.press('Control+A');
      await page.keyboard.type(t.slice(eq + 1));
      await page.keyboard.press('Tab');
    }
    for (const sel of opt('click')) await page.locator(sel).first().click();
    for (const name of opt('at')) {
      await page.locator(`[name="${name}"]`).evaluate((e) => e.scrollIntoView({ block: 'center' }));
    }
    await page.waitForTimeout(150);
    await page.screenshot({ path: out, fullPage: full });
    console.log(`${out} (${width}px${full ? ', full page' : ''})`);
  },
  { viewport: { width, height } },
);
