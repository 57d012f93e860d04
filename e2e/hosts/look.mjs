// Opens one host page in headless Chromium and prints what nianbao made of it; optional
// screenshot (1280×900) after typing a value into a cell.
//
//   node e2e/hosts/look.mjs HOST [--late] [--type=CELL=TEXT] [--shot=out.png] [--full]
import { launch } from '../browser.mjs';
import { HOSTS, prepare, startHostServer, openHost, waitAttached, state, typeIntoCell, leaveCell } from './harness.mjs';

const [id, ...args] = process.argv.slice(2);
const opt = Object.fromEntries(args.map((a) => a.replace(/^--/, '').split(/=(.*)/s)).map(([k, v]) => [k, v ?? true]));
const host = HOSTS.find((h) => h.id === id) || { id, kind: 'form' };
await prepare();
const srv = await startHostServer();
const ctx = await launch();
try {
  const { page, log } = await openHost(ctx, srv, host, { late: !!opt.late });
  const ok = await waitAttached(page, 3000);
  console.log('attached:', ok);
  if (opt.type) {
    const [cell, text] = opt.type.split(/=(.*)/s);
    await typeIntoCell(page, host, cell, text);
    await leaveCell(page, host);
    await page.waitForTimeout(400);
  }
  const s = await state(page);
  if (s) {
    const wrong = s.bound.filter((b) => b.field !== b.cell);
    console.log(`bound ${s.bound.length}/200, unbound ${s.unbound.length}, wrong field ${wrong.length}`);
    if (wrong.length) console.log('wrong:', wrong.slice(0, 8));
    if (s.unbound.length) console.log('unbound:', JSON.stringify(s.unbound.slice(0, 5)));
    console.log('diagnostics:', JSON.stringify(s.diags.slice(0, 6)));
  }
  console.log('errors:', log.errors, 'outside:', log.outside);
  console.log('console:', log.console.slice(0, 10));
  if (opt.shot) {
    await page.screenshot({ path: opt.shot, fullPage: !!opt.full });
    console.log('wrote', opt.shot);
  }
} finally {
  await ctx.close();
  await srv.close();
}
