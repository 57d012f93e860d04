// Prints the host matrix of issue 10 for the current build (www/nianbao.js, pkg/widget):
// one row per host page (e2e/hosts), the same checks as e2e/hosts.test.mjs.
//
//   node e2e/hosts-matrix.mjs [HOST…] [--details]     (Markdown table on stdout)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { HOSTS, CSP_PAGES, prepare, startHostServer } from './hosts/harness.mjs';
import { checkAttach, checkLate, checkScenario, checkCsp, LOADS } from './hosts/checks.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
if (!fs.existsSync(path.join(here, '..', 'www', 'nianbao.js'))) {
  console.error('hosts-matrix: www/nianbao.js is missing; run `bash scripts/build-dropin.sh` first');
  process.exit(1);
}
const args = process.argv.slice(2);
const details = args.includes('--details');
const only = args.filter((a) => !a.startsWith('--'));
const hosts = only.length ? HOSTS.filter((h) => only.includes(h.id)) : HOSTS;

await prepare();
const srv = await startHostServer();
const ctx = await launch();
const notes = [];
const mark = (r) => (r.ok ? r.cell : `✗ ${r.cell}`);
const rows = [];
try {
  for (const host of hosts) {
    const t0 = Date.now();
    const attach = await checkAttach(ctx, srv, host);
    const late = await checkLate(ctx, srv, host);
    const s = await checkScenario(ctx, srv, host);
    rows.push([
      host.name,
      `${mark(attach)}; late: ${mark(late)}`,
      mark(s.binding),
      mark(s.typing),
      host.kind === 'editor' ? '–' : mark(s.hostState),
      host.kind === 'editor' ? `${mark(s.rerender)}; undo: ${mark(s.undo)}` : mark(s.rerender),
      mark(s.fix),
      host.kind === 'editor' ? mark(s.saved) : '–',
      host.kind === 'editor' ? mark(s.editorView) : '–',
    ]);
    for (const [k, r] of [['attach', attach], ['late', late], ...Object.entries(s)]) {
      if (!r.ok && r.detail) notes.push(`${host.id} ${k}: ${r.detail}`);
    }
    process.stderr.write(`hosts-matrix: ${host.id} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  if (!only.length) {
    for (const p of CSP_PAGES) {
      const r = await checkCsp(ctx, srv, p);
      rows.push([`CSP \`script-src 'self' 'wasm-unsafe-eval'\`: ${p.name}`, mark(r), '', '', '', '', '', '', '']);
      if (!r.ok) notes.push(`${p.id}: ${r.detail}`);
    }
  }
} finally {
  await ctx.close();
  await srv.close();
}

const head = [
  'host (from npm)',
  `attaches by itself (n/${LOADS}; rendered 600 ms late)`,
  'cells bound (of 200)',
  'typing checked',
  'host state change seen',
  'after re-render (editors: setContent; undo)',
  'fix kept by framework',
  'saved HTML clean',
  'marks only where visible in the editor',
];
console.log(`| ${head.join(' | ')} |`);
console.log(`|${head.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (details && notes.length) {
  console.log('\nDetails:');
  for (const n of notes) console.log(`- ${n}`);
}
