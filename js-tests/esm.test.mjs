// The Node ES-module entry (js/node.mjs, what `import … from 'nianbao'` loads in Node) exposes
// every export of the CommonJS build plus `init`, and the same functions.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import init, * as esm from '../js/node.mjs';

const require = createRequire(import.meta.url);
const cjs = require('../js/node.cjs');
const wasm = require('../pkg/node/nianbao.js');

test('ESM entry: every export of the wasm module, plus init/default', async () => {
  const names = Object.keys(wasm).sort();
  assert.deepStrictEqual(
    Object.keys(esm).filter((k) => k !== 'default' && k !== 'init').sort(),
    names,
  );
  for (const k of names) assert.equal(esm[k], wasm[k], k);
  assert.deepStrictEqual(Object.keys(cjs).sort(), [...names, 'default', 'init'].sort());
  for (const k of names) assert.equal(cjs[k], wasm[k], k);
  for (const k of ['validate', 'parse', 'formats', 'createChecker', 'Checker', 'version']) {
    assert.ok(names.includes(k), k);
  }
  assert.equal(esm.init, init);
  assert.equal(await init(), undefined);
  assert.equal(await cjs.default(), undefined);
  assert.deepStrictEqual(
    esm.validate({ format: 'gb2021', cells: { 's3.new.natural': '1', 's3.new.total': '2' } })
      .filter((d) => d.severity === 'error')
      .map((d) => d.key),
    ['E-S3-ROW:new', 'E-S3-BALANCE:natural', 'E-S3-BALANCE:total'],
  );
  assert.ok(esm.createChecker('gb2021') instanceof esm.Checker);
});
