// Host pages built with real frameworks and editors from npm (e2e/hosts/package.json), served
// locally for e2e/hosts.test.mjs and e2e/hosts-matrix.mjs.
//
//   import { HOSTS, prepare, startHostServer, openHost } from './hosts/harness.mjs';
//   prepare();                              // fixture.js + esbuild bundles into e2e/hosts/dist
//   const srv = await startHostServer();    // www (/nianbao.js), /hosts/, /vendor/, /dist/, /pkg/
//   const { page } = await openHost(ctx, srv, HOSTS[0], { late: true });
//
// Every page loads the drop-in with only `<script src="/nianbao.js" data-nianbao-auto>` and
// exposes `window.host`, a test hook that reads the framework's OWN state:
//   host.ready               true once the framework/editor has rendered the report
//   host.getModel(cell)      the value the framework holds for a cell (editors: from saved HTML)
//   host.setModel(cell, v)   changes it through the framework (a host script, no input event)
//   host.rerender()          forces the framework to render the form again (editors: setContent)
//   host.fieldOf(element)    which cell a DOM element edits, by the framework's own structure
//   host.getSavedHtml()      editors: the HTML the editor saves (getHtml/getContent/html/getData)
//   host.undo()              editors: the editor's undo
//   host.edit(cell)          grids that edit on click: the element to click to edit the cell
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startServer } from '../serve.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..', '..');
const NODE_MODULES = path.join(HERE, 'node_modules');
const DIST = path.join(HERE, 'dist');

/**
 * kind: 'form' (inputs always present), 'grid' (a cell becomes an input while edited),
 * 'editor' (the report table is content of a rich-text editor).
 */
export const HOSTS = [
  { id: 'element-plus', name: 'Vue 3 + Element Plus', kind: 'form' },
  { id: 'antdv', name: 'ant-design-vue 4', kind: 'form' },
  { id: 'layui-form', name: 'layui 2 form', kind: 'form' },
  { id: 'layui-table', name: 'layui table.render', kind: 'grid' },
  { id: 'vxe', name: 'vxe-table', kind: 'grid' },
  { id: 'react', name: 'React 19', kind: 'form' },
  { id: 'wangeditor', name: 'wangEditor 5', kind: 'editor' },
  { id: 'tinymce', name: 'TinyMCE 8', kind: 'editor' },
  { id: 'kindeditor', name: 'KindEditor 4', kind: 'editor' },
  { id: 'ckeditor5', name: 'CKEditor 5', kind: 'editor' },
];

/** The CSP pages: one per build (the drop-in script, and the ESM widget entry pkg/widget). */
export const CSP_PAGES = [
  { id: 'csp-dropin', name: 'drop-in (www/nianbao.js)' },
  { id: 'csp-esm', name: 'ESM widget (pkg/widget)' },
];
export const CSP = "script-src 'self' 'wasm-unsafe-eval'";

export function hostsInstalled() {
  return fs.existsSync(path.join(NODE_MODULES, 'vue', 'package.json'));
}

/**
 * Writes dist/fixture.js (the consistent 2021-format report, report-2021.json) and bundles the
 * pages that need a bundler (React has no UMD build; vxe-table's UMD wants globals).
 */
export async function prepare() {
  if (!hostsInstalled()) {
    throw new Error('e2e/hosts/node_modules is missing: run `bash e2e/hosts/install.sh` (npm ci of the test-only host packages)');
  }
  fs.mkdirSync(DIST, { recursive: true });
  const fixture = JSON.parse(fs.readFileSync(path.join(HERE, 'report-2021.json'), 'utf8'));
  fs.writeFileSync(path.join(DIST, 'fixture.js'), `window.NB_FIXTURE = ${JSON.stringify(fixture)};\n`);
  const require = createRequire(path.join(HERE, 'package.json'));
  const esbuild = require('esbuild');
  await esbuild.build({
    entryPoints: {
      react: path.join(HERE, 'src', 'react.js'),
      vxe: path.join(HERE, 'src', 'vxe.js'),
      antdv: path.join(HERE, 'src', 'antdv.js'),
    },
    outdir: DIST,
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2020',
    loader: { '.css': 'css', '.woff': 'file', '.woff2': 'file', '.ttf': 'file' },
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    nodePaths: [NODE_MODULES],
    alias: { vue: 'vue/dist/vue.esm-bundler.js' },
    logLevel: 'error',
  });
}

/** Static server: www at / (for /nianbao.js), pages at /hosts/, packages at /vendor/. */
export function startHostServer() {
  const mounts = {
    '/hosts/': path.join(HERE, 'pages'),
    '/vendor/': NODE_MODULES,
    '/dist/': DIST,
  };
  if (fs.existsSync(path.join(ROOT, 'pkg'))) mounts['/pkg/'] = path.join(ROOT, 'pkg');
  return startServer(path.join(ROOT, 'www'), 0, {
    mounts,
    headers: (p) => {
      if (/^\/hosts\/csp-[^/]*\.html$/.test(p)) return { 'Content-Security-Policy': CSP };
      // Framework files are cached as a CMS would serve them (the 10 reloads stay fast);
      // pages, the report and nianbao.js are not.
      if (p.startsWith('/vendor/') || (p.startsWith('/dist/') && p !== '/dist/fixture.js')) {
        return { 'Cache-Control': 'public, max-age=3600' };
      }
      return undefined;
    },
  });
}

/**
 * Opens a host page and waits for the framework/editor to have rendered the report
 * (`host.ready`), not for nianbao: whether nianbao attaches is what the tests check.
 * Requests outside 127.0.0.1 are refused (nothing may load from the network).
 */
export async function openHost(ctx, srv, host, { late = false, page, timeout = 15_000 } = {}) {
  page ||= await ctx.newPage();
  const log = page.__nbLog || { errors: [], console: [], outside: [] };
  if (!page.__nbLog) {
    page.__nbLog = log;
    page.on('pageerror', (e) => log.errors.push(e.message));
    page.on('console', (m) => log.console.push(`${m.type()}: ${m.text()}`));
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
      log.outside.push(route.request().url());
      return route.abort();
    });
  }
  const id = typeof host === 'string' ? host : host.id;
  await page.goto(`${srv.url}hosts/${id}.html${late ? '?late=1' : ''}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.host && window.host.ready === true, null, { timeout });
  return { page, log };
}

/** Waits until nianbao has a handle; false after `timeout` ms. */
export async function waitAttached(page, timeout = 3_000) {
  try {
    await page.waitForFunction(() => window.nianbao?.handles?.length > 0, null, { timeout, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

/** nianbao's view: bound cells (with the framework's field for each element), unbound, diagnostics. */
export function state(page) {
  return page.evaluate(() => {
    const h = window.nianbao?.handles?.[0];
    if (!h) return null;
    const bound = h.bound.map((b) => {
      let field = null;
      try {
        field = window.host.fieldOf(b.element);
      } catch (e) {
        field = `(fieldOf threw: ${e.message})`;
      }
      return { cell: b.cell, field, connected: b.element.isConnected, via: b.via, kind: b.kind };
    });
    const diags = h.diagnostics().map((d) => ({
      key: d.key,
      severity: d.severity,
      target: d.target,
      expected: d.expected,
      actual: d.actual,
    }));
    return { handles: window.nianbao.handles.length, bound, unbound: h.unbound, diags };
  });
}

/** Everything nianbao marked in the top document and in same-origin iframes. */
export function marks(page) {
  return page.evaluate(() => {
    const docs = [document];
    for (const f of document.querySelectorAll('iframe')) {
      try {
        if (f.contentDocument) docs.push(f.contentDocument);
      } catch {
        /* cross-origin */
      }
    }
    const out = [];
    for (const d of docs) {
      for (const el of d.querySelectorAll('[aria-invalid="true"], [data-nb-mark]')) {
        let field = null;
        try {
          field = window.host.fieldOf(el);
        } catch {
          /* not a report field */
        }
        out.push({ field, connected: el.isConnected, inIframe: d !== document, tag: el.tagName });
      }
    }
    return out;
  });
}

/** The fix buttons nianbao shows (overlay/panel shadow roots and the light DOM). */
export function fixButtons(page) {
  return page.evaluate(() => {
    const roots = [document];
    for (const h of document.querySelectorAll('[data-nianbao-overlay], [data-nianbao-panel]')) {
      if (h.shadowRoot) roots.push(h.shadowRoot);
    }
    const out = [];
    for (const r of roots) {
      for (const b of r.querySelectorAll('button[data-cell][data-value]')) {
        out.push({ cell: b.dataset.cell, value: b.dataset.value, text: b.textContent.trim(), light: r === document });
      }
    }
    return out;
  });
}

/** nianbao markup found in an editor's saved HTML ([] when clean). */
export function nianbaoMarkup(html) {
  const found = [];
  for (const re of [
    /data-nb-[\w-]*/gi,
    /data-nianbao[\w-]*/gi,
    /aria-invalid/gi,
    /aria-describedby/gi,
    /class="[^"]*\bnb-[\w-]*/gi,
    /nianbao/gi,
  ]) {
    for (const m of html.matchAll(re)) found.push(m[0]);
  }
  return [...new Set(found)];
}

/** Types `text` into a cell as a user: click it (grids: the cell first), select all, type. */
export async function typeIntoCell(page, host, cell, text) {
  const kind = typeof host === 'string' ? HOSTS.find((h) => h.id === host).kind : host.kind;
  const handle = await page.evaluateHandle((c) => window.host.edit(c), cell);
  const el = handle.asElement();
  if (!el) throw new Error(`host.edit(${cell}) returned no element`);
  // Into view: the cell inside its editor (or iframe), then the editor inside the page.
  await el.evaluate((e) => {
    e.scrollIntoView({ block: 'center', inline: 'nearest' });
    const f = e.ownerDocument.defaultView.frameElement;
    if (f) f.scrollIntoView({ block: 'nearest' });
  });
  await page.waitForTimeout(50);
  const box = await el.boundingBox();
  if (!box) throw new Error(`${cell}: its cell is not visible`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.click(x, y);
  if (kind === 'grid') await page.waitForTimeout(150);
  if (kind === 'editor') {
    // Select the cell's text inside the editor (a triple click selects the paragraph).
    await page.mouse.click(x, y, { clickCount: 3 });
  } else {
    await page.keyboard.press('Control+A');
  }
  await page.keyboard.type(text, { delay: 15 });
}

/** Moves focus away from the edited cell (errors appear on blur) without editing anything. */
export async function leaveCell(page, host) {
  const kind = typeof host === 'string' ? HOSTS.find((h) => h.id === host).kind : host.kind;
  if (kind === 'editor') {
    await page.evaluate(() => window.host.blur?.());
    await page.mouse.click(5, 5);
  } else if (kind === 'grid') {
    await page.mouse.click(5, 5);
  } else {
    await page.keyboard.press('Tab');
  }
  await page.waitForTimeout(100);
}
