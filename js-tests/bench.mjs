// Timings of the JS API on the Node build (not a test; prints numbers):
//
//   bash scripts/build-wasm.sh node && node js-tests/bench.mjs [seconds-per-case=2]
//
// The cases and the timing loop are in bench-cases.mjs (shared with bench-browser.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { runCases } from './bench-cases.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const nb = createRequire(import.meta.url)('../js/node.cjs');
const { parse } = createRequire(import.meta.url)('../js/parse-node.cjs');
const seconds = Number(process.argv[2] || 2);
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const seed = JSON.parse(read('examples/yichun-2020.json'));
const text = read('examples/yichun-2020.txt');
const html = read('tests/fixtures/corpus/pingtan-shenpi-2024.html');
console.log(`nianbao ${nb.version()} — Node ${process.version}, ${seconds} s per case`);
runCases(nb, seed, seconds, console.log, [
  ['parse(example text, {kind: "text"})', () => parse(text, { kind: 'text' })],
  ['parse(published page 137 KB, {kind: "html"})', () => parse(html, { kind: 'html' })],
]);
