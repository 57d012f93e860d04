// validate()'s bulk path (js/validate.js: a report's cells cross into WebAssembly as one
// string) gives exactly what reading the cells value by value gives: results and error
// messages deep-equal over the cases of bulk-cases.mjs, in Node (pkg/node) and in Chromium
// (pkg/web); and the glue keeps its two entry points private.
//
//   bash scripts/build-wasm.sh node web && node --test js-tests/bulk.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { bothPaths } from './bulk-cases.mjs';
import { startServer } from '../e2e/serve.mjs';
import { launch } from '../e2e/browser.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const seed = JSON.parse(read('examples/yichun-2020.json'));
const gb2021 = JSON.parse(read('tests/fixtures/gb2021-consistent.json'));

function assertSame(rows) {
  assert.ok(rows.length >= 90);
  for (const [name, options, bulk, byValue] of rows) {
    assert.deepEqual(bulk, byValue, `${name}, options ${options}`);
  }
  // The cases do reach the engine: findings and errors both occur.
  assert.ok(rows.some(([, , r]) => Array.isArray(r) && r.some((d) => d.pinpoint)));
  assert.ok(rows.some(([, , r]) => typeof r === 'string' && /^throws: validate: /.test(r)));
}

test('Node: bulk path = value by value', () => {
  const nb = createRequire(import.meta.url)('../js/node.cjs');
  assertSame(bothPaths(nb, seed, gb2021));
  assert.deepEqual(nb.validate(seed), nb.validate({ ...seed, cells: new Map(Object.entries(seed.cells)) }));
});

test('the glue keeps __cellIds and __validateCells private', async () => {
  const node = createRequire(import.meta.url)('../pkg/node/nianbao.js');
  assert.equal(node.__validateCells, undefined);
  assert.equal(node.__cellIds, undefined);
  assert.match(read('pkg/node/nianbao.js'), /function validateObjects\(/);
  const web = read('pkg/web/nianbao.js');
  assert.doesNotMatch(web, /export\s*\{[^}]*__(cellIds|validateCells)/);
});

test('Chromium (pkg/web): bulk path = value by value', async (t) => {
  const srv = await startServer(root);
  const ctx = await launch();
  t.after(async () => {
    await ctx.close();
    await srv.close();
  });
  const page = await ctx.newPage();
  await page.route('**/blank.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bulk</title>' }));
  await page.goto(srv.url + 'blank.html');
  const out = await page.evaluate(async ({ seed, gb2021 }) => {
    const nb = await import('/pkg/web/nianbao.js');
    await nb.default();
    const { bothPaths } = await import('/js-tests/bulk-cases.mjs');
    return { rows: bothPaths(nb, seed, gb2021), exports: Object.keys(nb).sort() };
  }, { seed, gb2021 });
  assertSame(out.rows);
  assert.deepEqual(out.exports, ['Checker', 'createChecker', 'default', 'formats', 'initSync', 'validate', 'version']);
});
