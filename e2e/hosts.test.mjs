// nianbao in host pages built with real frameworks and editors from npm (e2e/hosts): Vue 3 +
// Element Plus, ant-design-vue 4, layui 2 (form and table.render), vxe-table, React 19,
// wangEditor 5, TinyMCE 8, KindEditor 4, CKEditor 5; plus one page per build under a strict
// Content-Security-Policy. Each page loads only `<script src="/nianbao.js" data-nianbao-auto>`
// and exposes `window.host`, so the tests read the framework's own state (harness.mjs).
//
//   node e2e/run.mjs hosts          (just this suite)     node e2e/hosts-matrix.mjs (the table)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { HOSTS, CSP_PAGES, prepare, startHostServer } from './hosts/harness.mjs';
import { checkAttach, checkLate, checkScenario, checkCsp, SCENARIO_STEPS, LOADS } from './hosts/checks.mjs';

let srv;
let ctx;
before(async () => {
  await prepare();
  srv = await startHostServer();
  ctx = await launch();
});
after(async () => {
  await ctx?.close();
  await srv?.close();
});

for (const host of HOSTS) {
  test(`hosts ${host.id}: attaches by itself in each of ${LOADS} loads`, async () => {
    const r = await checkAttach(ctx, srv, host);
    assert.ok(r.ok, `${host.name}: ${r.detail}`);
  });
  test(`hosts ${host.id}: attaches when the form renders 600 ms after load`, async () => {
    const r = await checkLate(ctx, srv, host);
    assert.ok(r.ok, `${host.name}: ${r.detail}`);
  });
  // The other checks run in order on one page load (checks.mjs checkScenario); one test each.
  let scenario;
  for (const [key, what] of SCENARIO_STEPS) {
    if (['saved', 'editorView', 'undo'].includes(key) && host.kind !== 'editor') continue;
    if (key === 'hostState' && host.kind === 'editor') continue;
    test(`hosts ${host.id}: ${what}`, async () => {
      scenario ||= checkScenario(ctx, srv, host);
      const r = (await scenario)[key];
      assert.ok(r.ok, `${host.name}: ${what}: ${r.detail || r.cell}`);
    });
  }
}

for (const p of CSP_PAGES) {
  test(`hosts ${p.id}: attaches and checks under Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'`, async () => {
    const r = await checkCsp(ctx, srv, p);
    assert.ok(r.ok, `${p.name}: ${r.detail || r.cell}`);
  });
}
