// The Node ES-module entry (js/node.mjs, what `import … from 'nianbao'` loads in Node) and the
// CommonJS one expose the browser API entries' exports plus `init`; `nianbao/parse`
// (js/parse-node.*) the importer's, as the browser's importer module does. Same functions as
// the Node build.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import init, * as esm from '../js/node.mjs';
import parseInit, * as parseEsm from '../js/parse-node.mjs';

const require = createRequire(import.meta.url);
const cjs = require('../js/node.cjs');
const parseCjs = require('../js/parse-node.cjs');
const wasm = require('../pkg/node/nianbao.js');

test('Node entries: the API and the importer exports, plus init/default', async () => {
  const api = ['Checker', 'createChecker', 'formats', 'validate', 'version'];
  assert.deepStrictEqual(Object.keys(wasm).sort(), [...api, 'parse'].sort());
  assert.deepStrictEqual(Object.keys(esm).filter((k) => k !== 'default' && k !== 'init').sort(), api);
  assert.deepStrictEqual(Object.keys(cjs).sort(), [...api, 'default', 'init'].sort());
  for (const k of api) {
    assert.equal(esm[k], wasm[k], k);
    assert.equal(cjs[k], wasm[k], k);
  }
  assert.deepStrictEqual(Object.keys(parseEsm).sort(), ['default', 'init', 'parse', 'version']);
  assert.deepStrictEqual(Object.keys(parseCjs).sort(), ['default', 'init', 'parse', 'version']);
  assert.equal(parseEsm.parse, wasm.parse);
  assert.equal(parseCjs.parse, wasm.parse);
  assert.equal(await parseInit(), undefined);
  assert.equal(await parseCjs.default(), undefined);
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
