// The npm package as users get it: `npm pack`, install the tarball into an empty project
// (offline: it has no dependencies), then `require`, `import`, subpaths and TypeScript
// resolution through package.json "exports"/"types".
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack → install → require / import / types', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pack-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], root))[0];
  // Only what ships: the entries, the types and the builds.
  assert.deepStrictEqual(packed.files.map((f) => f.path).sort(), [
    'LICENSE', 'README.md',
    'js/bundler.mjs', 'js/nianbao.d.ts', 'js/node.cjs', 'js/node.mjs',
    'js/parse-bundler.mjs', 'js/parse-node.cjs', 'js/parse-node.mjs', 'js/parse.d.ts', 'js/widget.d.ts',
    'package.json',
    'pkg/node/nianbao.js', 'pkg/node/nianbao_bg.wasm', 'pkg/node/package.json',
    'pkg/types/nianbao.d.mts', 'pkg/types/parse.d.mts', 'pkg/types/widget.d.mts',
    'pkg/web-parse/nianbao_parse.bundler.js', 'pkg/web-parse/nianbao_parse.js',
    'pkg/web-parse/nianbao_parse_bg.wasm', 'pkg/web-parse/package.json',
    'pkg/web/nianbao.bundler.js', 'pkg/web/nianbao.js', 'pkg/web/nianbao_bg.wasm', 'pkg/web/package.json',
    'pkg/widget/nianbao.bundler.js', 'pkg/widget/nianbao.js', 'pkg/widget/nianbao_bg.wasm',
    'pkg/widget/package.json',
  ]);
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{"name":"app","private":true}\n');
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(dir, packed.filename)], app);

  const seed = path.join(root, 'examples/yichun-2020.json');
  const cjs = run('node', ['-e', `
    const nb = require('nianbao');
    const d = nb.validate(JSON.parse(require('fs').readFileSync(${JSON.stringify(seed)}, 'utf8')));
    const sub = require('nianbao/node');
    const { parse } = require('nianbao/parse');
    const p = parse('<table><tr><td>规章</td><td>1</td></tr></table>', { kind: 'html' });
    console.log(JSON.stringify([d.map((x) => x.key), nb.version(), typeof nb.init, sub.validate === nb.validate,
      'parse' in nb, p.report.cells]));
  `], app);
  assert.deepStrictEqual(JSON.parse(cjs), [
    ['W-2019-CHANGE-LARGE:fees', 'I-UNIT-IGNORED:s2.procurement.projects'], '0.1.0', 'function', true,
    false, { 's2.rules.made': '1' },
  ]);

  fs.writeFileSync(path.join(app, 'm.mjs'), `
    import init, { validate, createChecker, version } from 'nianbao';
    import initParse, { parse } from 'nianbao/parse';
    import fs from 'node:fs';
    await Promise.all([init(), initParse()]);
    const d = validate(JSON.parse(fs.readFileSync(${JSON.stringify(seed)}, 'utf8')));
    const p = parse('<table><tr><td>规章</td><td>1</td></tr></table>', { kind: 'html' });
    const c = createChecker('gb2021');
    console.log(JSON.stringify([d.map((x) => x.key), version(), c.format, typeof p.report]));
  `);
  assert.deepStrictEqual(JSON.parse(run('node', ['m.mjs'], app)), [
    ['W-2019-CHANGE-LARGE:fees', 'I-UNIT-IGNORED:s2.procurement.projects'], '0.1.0', 'gb2021', 'object',
  ]);

  // The browser and bundler files are in place where "exports" points (loaded in
  // js-tests/browser.test.mjs and by bundlers; Node cannot run them).
  const pkg = JSON.parse(fs.readFileSync(path.join(app, 'node_modules/nianbao/package.json'), 'utf8'));
  const e = pkg.exports;
  for (const target of [
    e['.'].browser.default, e['.'].browser.types, e['.'].import.default, e['.'].node.import.types,
    e['.'].node.require.types, e['./web'].default, e['./nianbao_bg.wasm'],
    e['./widget'].default, e['./widget'].types, e['./widget/web'].default, e['./widget/nianbao_bg.wasm'],
    e['./parse'].browser.default, e['./parse'].browser.types, e['./parse'].node.import.default,
    e['./parse'].node.require.default, e['./parse'].node.require.types, e['./parse/web'].default,
    e['./parse/nianbao_parse_bg.wasm'],
  ]) {
    assert.ok(fs.existsSync(path.join(app, 'node_modules/nianbao', target)), target);
  }

  // TypeScript finds the hand-written types through "exports" (node16 and bundler resolution)
  // and the "types" field (classic node resolution).
  fs.writeFileSync(path.join(app, 't.mts'), `
    import init, { validate, type Diagnostic } from 'nianbao';
    await init();
    const d: Diagnostic[] = validate({ format: 'gb2021', cells: {} }, { lang: 'en' });
    // @ts-expect-error typed, not any
    const n: number = d[0].rule;
    void n;
  `);
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  run(tsc, ['--strict', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--lib', 'es2022,dom', 't.mts'], app);
  fs.copyFileSync(path.join(app, 't.mts'), path.join(app, 'b.ts'));
  run(tsc, ['--strict', '--noEmit', '--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022', '--lib', 'es2022,dom', 'b.ts'], app);
  // The widget entry's types: the API re-exported plus attach/autoAttach.
  fs.writeFileSync(path.join(app, 'w.mts'), `
    import init, { attach, validate, type AttachHandle, type Diagnostic } from 'nianbao/widget';
    await init();
    const h: AttachHandle = attach('form', { lang: 'en', panel: 'right' });
    const d: Diagnostic[] = h.diagnostics().concat(validate({ format: 'gb2021' }));
    // @ts-expect-error typed, not any
    const b: string = h.attached;
    void d; void b;
  `);
  run(tsc, ['--strict', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--lib', 'es2022,dom', 'w.mts'], app);
  // The importer entry's types, as ES module and CommonJS.
  fs.writeFileSync(path.join(app, 'p.mts'), `
    import init, { parse, type ParseResult } from 'nianbao/parse';
    await init();
    const r: ParseResult = parse('x', { kind: 'text' });
    // @ts-expect-error only text, html, tsv, docx and xlsx
    parse('x', { kind: 'pdf' });
    void r;
  `);
  run(tsc, ['--strict', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--lib', 'es2022,dom', 'p.mts'], app);
  fs.writeFileSync(path.join(app, 'p.ts'), `
    import { parse, Note } from 'nianbao/parse';
    const n: Note[] = parse('x').notes;
    void n;
  `);
  run(tsc, ['--strict', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16', '--lib', 'es2019,dom', 'p.ts'], app);
  fs.writeFileSync(path.join(app, 't.ts'), `
    import { createChecker, Change } from 'nianbao';
    const c: Change = createChecker('gb2021').set('s3.new.natural', 1);
    void c;
  `);
  run(tsc, ['--strict', '--noEmit', '--module', 'commonjs', '--moduleResolution', 'node10', '--lib', 'es2019,dom', 't.ts'], app);
});

test('package.json scripts: `npm run build` and `npm test` (the README\'s test command), nothing else', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.deepStrictEqual(pkg.scripts, { build: 'bash scripts/build-wasm.sh', test: 'bash scripts/test.sh' });
  for (const cmd of Object.values(pkg.scripts)) assert.ok(fs.existsSync(path.join(root, cmd.split(' ')[1])), cmd);
  assert.match(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), /bash scripts\/test\.sh/);
  assert.match(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'), /^MIT License/);
});
