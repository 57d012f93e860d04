// The npm package as a JavaScript developer's bundled app meets it: `npm pack`, the tarball
// installed into a fresh project (offline: it has no dependencies), then the app in
// e2e/bundlers/app (all three browser entries, `await init()` each, no bundler configuration)
// built by Vite 8 and by webpack 5 and served by the Vite dev server, each run in Chromium:
// a validate() call, a freed checker's message, the importer, and the widget attaching and
// marking what the user types. Also `tsc` with its default options over every entry, and the
// Node-facing types without the DOM lib.
//
//   bash e2e/bundlers/install.sh && node --test e2e/bundlers.test.mjs
//   (needs the package built: bash scripts/build-wasm.sh)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.join(root, 'e2e/bundlers/node_modules');
const run = (cmd, args, cwd) => {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`${path.basename(cmd)} ${args.join(' ')}: ${e.stdout}${e.stderr}`);
  }
};

let dir;
let app;
let ctx;
before(async () => {
  if (!fs.existsSync(path.join(tools, 'vite')) || !fs.existsSync(path.join(tools, 'webpack'))) {
    throw new Error('e2e/bundlers/node_modules is missing: run bash e2e/bundlers/install.sh');
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bundlers-'));
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], root))[0];
  app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{"name":"app","private":true,"type":"module"}\n');
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(dir, packed.filename)], app);
  for (const f of fs.readdirSync(path.join(root, 'e2e/bundlers/app'))) {
    fs.copyFileSync(path.join(root, 'e2e/bundlers/app', f), path.join(app, f));
  }
  ctx = await launch();
});
after(async () => {
  await ctx?.close();
  if (dir && !process.env.NIANBAO_KEEP) fs.rmSync(dir, { recursive: true, force: true });
});

const tool = (name) => import(pathToFileURL(path.join(tools, name, fs.readFileSync(path.join(tools, name, 'package.json'), 'utf8') && '')).href);

/** Loads the app at `url` in Chromium and checks everything it shows. */
async function check(url) {
  const page = await ctx.newPage();
  const errors = [];
  const failed = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__result, null, { timeout: 20_000 });
    const result = await page.evaluate(() => window.__result);
    assert.deepStrictEqual(result, {
      errors: ['E-S3-ROW:new', 'E-S3-BALANCE:natural', 'E-S3-BALANCE:total'],
      format: 'gb2021',
      freed: 'Checker: this checker was freed (free() was called); create a new one',
      parsed: { 's2.rules.made': '1' },
      version: '0.1.0',
      attached: true,
      bound: ['s3.new.natural', 's3.new.total'],
    });
    // The widget follows typing: once a field is left, what cannot be read is marked on it.
    await page.fill('#natural', '-1');
    await page.keyboard.press('Tab');
    await page.fill('#total', '2x');
    await page.keyboard.press('Tab');
    const invalid = () => page.evaluate(() => [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => e.id).sort());
    await page.waitForFunction(() => document.querySelectorAll('[aria-invalid="true"]').length === 2, null, { timeout: 10_000 });
    assert.deepStrictEqual(await invalid(), ['natural', 'total']);
    const keys = await page.evaluate(() => window.__handle.diagnostics().map((d) => d.key));
    assert.deepStrictEqual(keys, ['D-COUNT-NEG:s3.new.natural', 'D-COUNT:s3.new.total']);
    // Fixing them clears the marks.
    await page.fill('#natural', '1');
    await page.fill('#total', '1');
    await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'), null, { timeout: 10_000 });
    assert.deepStrictEqual(errors, []);
    assert.deepStrictEqual(failed, []);
    // Where the .wasm files came from: the bundler's emitted (or served) copies.
    return await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.wasm(\?|$)/.test(n)));
  } finally {
    await page.close();
  }
}

test('Vite 8 build, no configuration: the app runs in Chromium', async () => {
  const { build } = await import(pathToFileURL(path.join(tools, 'vite/dist/node/index.js')).href);
  const out = path.join(dir, 'dist-vite');
  await build({ root: app, configFile: false, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  const wasm = fs.readdirSync(path.join(out, 'assets')).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 3, wasm.join(' '));
  const srv = await startServer(out);
  try {
    const loaded = await check(srv.url + 'index.html');
    assert.equal(loaded.length, 3, loaded.join(' '));
    for (const u of loaded) assert.match(u, /\/assets\/nianbao(_parse)?_bg-[\w-]+\.wasm$/);
  } finally {
    await srv.close();
  }
});

test('Vite 8 dev server (dependency pre-bundling on), no configuration', async () => {
  const { createServer } = await import(pathToFileURL(path.join(tools, 'vite/dist/node/index.js')).href);
  const server = await createServer({
    root: app,
    configFile: false,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  try {
    await server.listen();
    const loaded = await check(server.resolvedUrls.local[0]);
    assert.equal(loaded.length, 3, loaded.join(' '));
    // nianbao was pre-bundled, and its .wasm still found.
    assert.ok(fs.existsSync(path.join(app, 'node_modules/.vite/deps/nianbao.js')), 'pre-bundled');
  } finally {
    await server.close();
  }
});

test('webpack 5, no configuration beyond entry and output: the app runs in Chromium', async () => {
  const { default: webpack } = await import(pathToFileURL(path.join(tools, 'webpack/lib/index.js')).href);
  const out = path.join(dir, 'dist-webpack');
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: 'production', context: app, entry: './main.js', output: { path: out, filename: 'main.js' } },
      (err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
  // Only webpack's size hints (the widget's .wasm is over its 244 KiB advice).
  const warnings = stats.compilation.warnings.map((w) => w.name);
  assert.deepStrictEqual(warnings.filter((w) => !/OverSizeLimit|NoAsyncChunks/.test(w)), []);
  // webpack's output is a classic script (its automatic publicPath reads document.currentScript).
  const html = fs.readFileSync(path.join(app, 'index.html'), 'utf8').replace('<script type="module" src="./main.js">', '<script src="./main.js">');
  assert.notEqual(html, fs.readFileSync(path.join(app, 'index.html'), 'utf8'));
  fs.writeFileSync(path.join(out, 'index.html'), html);
  assert.equal(fs.readdirSync(out).filter((f) => f.endsWith('.wasm')).length, 3);
  const srv = await startServer(out);
  try {
    const loaded = await check(srv.url + 'index.html');
    assert.equal(loaded.length, 3, loaded.join(' '));
  } finally {
    await srv.close();
  }
});

test('tsc with default options resolves every entry; the Node entries need no DOM lib', () => {
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  // Default options: module CommonJS, classic node resolution (subpaths via typesVersions).
  run(tsc, ['--noEmit', 'all.ts'], app);
  run(tsc, ['--noEmit', '--strict', 'all.ts'], app);
  run(tsc, ['--noEmit', '--strict', '--lib', 'es2020', 'node.ts'], app);
  // And with exports-aware resolution.
  run(tsc, ['--noEmit', '--strict', '--module', 'nodenext', 'all.ts'], app);
});
