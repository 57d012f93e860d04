// Runs every real-browser test (Playwright driving Debian Chromium, no browser download):
//
//   node e2e/run.mjs [FILTER]            # FILTER: substring of a test name
//
// The test files are node:test files (e2e/*.test.mjs); each starts its own static server on
// 127.0.0.1 and its own headless Chromium and closes both in `after`. This runner prints one
// line per test and a final line `e2e: N passed, N failed`, exits non-zero on any failure,
// and kills a file's process (with its server and browser) if it hangs.
//
// Needs www/nianbao.js: `bash scripts/build-dropin.sh` builds it.
import fs from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
if (!fs.existsSync(path.join(here, '..', 'www', 'nianbao.js'))) {
  console.error('e2e: www/nianbao.js is missing; run `bash scripts/build-dropin.sh` first');
  process.exit(1);
}
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .sort()
  .map((f) => path.join(here, f));

let passed = 0;
let failed = 0;
const failures = [];
const started = Date.now();

// A file's process is killed after 180 s; the host-page suite (10 frameworks and editors,
// e2e/hosts.test.mjs) gets 15 minutes.
const long = (f) => path.basename(f).startsWith('hosts');
const streams = [
  [files.filter((f) => !long(f)), 180_000],
  [files.filter(long), 900_000],
]
  .filter(([fs]) => fs.length)
  .map(([fs, timeout]) => () =>
    run({
      files: fs,
      concurrency: 1,
      timeout,
      ...(filter ? { testNamePatterns: [filter] } : {}),
    }),
  );

function report(stream) {
  stream.on('test:pass', (t) => {
    if (t.nesting !== 0 || t.skip || t.todo) return;
    if (t.details?.type === 'suite') return;
    passed++;
    console.log(`ok    ${t.name}  (${Math.round(t.details?.duration_ms ?? 0)} ms)`);
  });
  stream.on('test:fail', (t) => {
    if (t.nesting !== 0) return;
    failed++;
    const err = t.details?.error;
    const cause = err?.cause ?? err;
    const msg = String(cause?.message ?? cause ?? 'failed').split('\n').slice(0, 12).join('\n      ');
    failures.push(t.name);
    console.log(`FAIL  ${t.name}\n      ${msg}`);
  });
  stream.on('test:stderr', (t) => process.stderr.write(t.message ?? ''));
  stream.on('test:stdout', (t) => process.stdout.write(t.message ?? ''));
}

for (const start of streams) {
  const stream = start();
  report(stream);
  // Drain the stream (events above do the reporting).
  for await (const _ of stream) {
    void _;
  }
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) console.log(`\nfailed: ${failures.join('; ')}`);
console.log(`e2e: ${secs} s`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
