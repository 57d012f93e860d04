// Timings of the JS API on the Node build (not a test; prints numbers):
//
//   bash scripts/build-wasm.sh node && node js-tests/bench.mjs [seconds-per-case=2]
//
// Each case runs for about the given time after a warm-up and reports the mean and the
// median of batches (µs per call). The checker cases alternate a cell between two values so
// that every call really changes something (and returns the diagnostics that appeared or
// cleared), across the JS ↔ wasm boundary, serialisation included.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const nb = createRequire(import.meta.url)('../js/node.cjs');
const { parse } = createRequire(import.meta.url)('../js/parse-node.cjs');
const seconds = Number(process.argv[2] || 2);
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const seed = JSON.parse(read('examples/yichun-2020.json'));
const text = read('examples/yichun-2020.txt');
const html = read('tests/fixtures/corpus/pingtan-shenpi-2024.html');
const typo = structuredClone(seed);
typo.cells['s3.new.natural'] = '508';

function bench(name, fn) {
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
  console.log(`${name.padEnd(58)} ${mean.toFixed(1).padStart(9)} µs mean ${median.toFixed(1).padStart(9)} µs median  (${calls} calls)`);
}

console.log(`nianbao ${nb.version()} — Node ${process.version}, ${seconds} s per case`);
bench('validate(example report)  [2 findings]', () => nb.validate(seed));
bench('validate(example report with a typo)  [4 findings]', () => nb.validate(typo));
bench('validate(example report, {lang: "en"})', () => nb.validate(seed, { lang: 'en' }));
const c = nb.createChecker(seed);
bench('checker.set(s3.new.natural, 507 ↔ 508)  [2 appear/clear]', (i) =>
  c.set('s3.new.natural', i % 2 ? '507' : '508'));
c.set('s3.new.natural', '507'); // back to the published report for the next cases
bench('checker.set(s2.rules.made, 11 ↔ 12)  [no finding changes]', (i) =>
  c.set('s2.rules.made', i % 2 ? '11' : '12'));
c.set('s2.rules.made', '11');
bench('checker.diagnostics()  [the 2 findings of the example]', () => c.diagnostics());
bench('createChecker(example report)', () => nb.createChecker(seed).free());
bench('formats()', () => nb.formats());
bench('parse(example text, {kind: "text"})', () => parse(text, { kind: 'text' }));
bench('parse(published page 137 KB, {kind: "html"})', () => parse(html, { kind: 'html' }));
