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
  assert.deepStrictEqual(Object.keys(wasm).sort(), [...api, 'pairReports', 'parse'].sort());
  assert.deepStrictEqual(Object.keys(esm).filter((k) => k !== 'default' && k !== 'init').sort(), api);
  assert.deepStrictEqual(Object.keys(cjs).sort(), [...api, 'default', 'init'].sort());
  for (const k of api) {
    assert.equal(esm[k], wasm[k], k);
    assert.equal(cjs[k], wasm[k], k);
  }
  assert.deepStrictEqual(Object.keys(parseEsm).sort(), ['default', 'init', 'pairReports', 'parse', 'version']);
  assert.deepStrictEqual(Object.keys(parseCjs).sort(), ['default', 'init', 'pairReports', 'parse', 'version']);
  assert.equal(parseEsm.pairReports, wasm.pairReports);
  assert.equal(parseCjs.pairReports, wasm.pairReports);
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

test('pairReports: the agency of each title and last year\'s report of the same agency', () => {
  const pairs = parseEsm.pairReports([
    { title: '甲局2021年政府信息公开工作年度报告', year: 2021 },
    { title: '甲局2020年度政府信息公开工作年度报告_政府信息公开年报_某某网', year: 2020 },
    { title: '乙局2020年政府信息公开工作年度报告', year: 2020 },
    { title: '乙局2021年政府信息公开工作年度报告', year: 2021 },
    { title: '乙局 2020 年度政府信息公开工作年度报告', year: 2020 },
    { year: 2019 },
  ]);
  assert.deepStrictEqual(pairs, [
    { agency: '甲局', prev: 1, candidates: [] },
    { agency: '甲局', prev: null, candidates: [] },
    { agency: '乙局', prev: null, candidates: [] },
    // two 2020 reports of 乙局: reported, not guessed
    { agency: '乙局', prev: null, candidates: [2, 4] },
    { agency: '乙局', prev: null, candidates: [] },
    { agency: null, prev: null, candidates: [] },
  ]);
  assert.throws(() => parseEsm.pairReports('x'), { message: 'pairReports: reports must be an array of reports, got a string' });
  assert.throws(() => parseEsm.pairReports([1]), { message: 'pairReports: each report must be an object with a title and a year, got a number' });
});
