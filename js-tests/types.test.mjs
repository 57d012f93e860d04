// The hand-written TypeScript types (js/nianbao.d.ts, js/parse.d.ts):
// - they compile under `tsc --strict`, and a usage file type-checks against them, with
//   `@ts-expect-error` lines proving the types are precise (not `any`);
// - every interface lists exactly the fields real results carry: each key of a real object is
//   declared, and each non-optional field is present.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const nb = require('../js/node.cjs');
const { parse } = require('../js/parse-node.cjs');
const dts = fs.readFileSync(path.join(root, 'js/nianbao.d.ts'), 'utf8');

/** interface name -> {field: optional?} from the .d.ts text (top-level fields only). */
function interfaces(src) {
  const out = {};
  const re = /export interface (\w+) \{([\s\S]*?)\n\}/g;
  for (let m; (m = re.exec(src)); ) {
    const fields = {};
    for (const line of m[2].split('\n')) {
      const f = /^  (\w+)(\??):/.exec(line);
      if (f) fields[f[1]] = f[2] === '?';
    }
    out[m[1]] = fields;
  }
  return out;
}

const ifaces = interfaces(dts);

function conforms(name, value, where) {
  const fields = ifaces[name];
  assert.ok(fields, `interface ${name} in nianbao.d.ts`);
  for (const k of Object.keys(value)) assert.ok(k in fields, `${where}: ${name} lacks field '${k}'`);
  for (const [k, optional] of Object.entries(fields)) {
    if (!optional) assert.ok(k in value, `${where}: ${name}.${k} is required but absent`);
  }
}

test('tsc --strict: the declarations and a typed usage file', () => {
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  const usage = path.join(root, 'js-tests/types/usage.ts');
  execFileSync(tsc, ['--strict', '--noEmit', '--target', 'es2019', '--lib', 'es2019,dom',
    '--module', 'es2015', '--moduleResolution', 'node10', usage, path.join(root, 'js/nianbao.d.ts'),
    path.join(root, 'js/parse.d.ts')],
  { cwd: root, stdio: 'pipe' });
});

test('the ES-module copies of the types (pkg/types/*.d.mts) are current', () => {
  assert.equal(fs.readFileSync(path.join(root, 'pkg/types/nianbao.d.mts'), 'utf8'), dts);
  assert.equal(
    fs.readFileSync(path.join(root, 'pkg/types/parse.d.mts'), 'utf8'),
    fs.readFileSync(path.join(root, 'js/parse.d.ts'), 'utf8').replaceAll("'./nianbao.js'", "'./nianbao.mjs'"),
  );
});

test('declared interfaces match real results field by field', () => {
  const seed = JSON.parse(fs.readFileSync(path.join(root, 'examples/yichun-2020.json'), 'utf8'));
  seed.cells['s3.new.natural'] = '508';
  const diags = nb.validate(seed);
  // Every optional Diagnostic field shows up somewhere in this set.
  const shenpi = (y) => parse(fs.readFileSync(path.join(root, `tests/fixtures/corpus/pingtan-shenpi-${y}.html`), 'utf8'), { kind: 'html' }).report;
  diags.push(...nb.validate(shenpi(2024), { prev: shenpi(2023) }));
  const seen = new Set(diags.flatMap((d) => Object.keys(d)));
  for (const k of ['fix', 'pinpoint', 'prev_cells']) assert.ok(seen.has(k), k);
  for (const d of diags) {
    conforms('Diagnostic', d, d.key);
    if (d.fix) conforms('Fix', d.fix, d.key);
    if (d.pinpoint) conforms('Fix', d.pinpoint, d.key);
  }
  const c = nb.createChecker(seed);
  const ch = c.set('s3.new.natural', '507');
  conforms('Change', ch, 'change');
  conforms('Report', c.report(), 'checker.report');
  const parsed = parse(fs.readFileSync(path.join(root, 'tests/fixtures/corpus/pingtan-shichang-2024.html'), 'utf8'), { kind: 'html' });
  conforms('ParseResult', parsed, 'parse');
  conforms('Report', parsed.report, 'parse.report');
  for (const n of parsed.notes) conforms('Note', n, n.code);
  for (const f of nb.formats()) {
    conforms('Format', f, f.id);
    for (const t of f.tables) {
      conforms('Table', t, t.id);
      for (const b of t.blocks) {
        conforms('Block', b, b.id);
        for (const r of b.rows) conforms('Row', r, r.id);
        for (const col of b.columns) conforms('Column', col, col.id);
      }
    }
    for (const cell of f.cells) conforms('Cell', cell, cell.id);
  }
});
