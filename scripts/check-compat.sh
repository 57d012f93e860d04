#!/usr/bin/env bash
# Old-browser gate for the shipped package (run after scripts/build-wasm.sh):
#  1. every shipped .wasm validates with only MVP + mutable-global + sign-extension
#     (no reference types / multivalue / bulk memory: Chromium 75+, not 96+);
#  2. every JS file a browser loads parses as ES2019 (acorn), as a module (the bundler
#     flavour *.bundler.js: all but its one `new URL(…, import.meta.url)`, which bundlers rewrite);
#  3. the browser glue instantiates asynchronously (old Chromium refuses synchronous
#     compilation of modules over 4 KB on the main thread): only initSync may compile
#     synchronously, and the default init must use WebAssembly.instantiate(Streaming).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

fail=0
for w in pkg/web/nianbao_bg.wasm pkg/bundler/nianbao_bg.wasm pkg/web-parse/nianbao_parse_bg.wasm \
         pkg/bundler-parse/nianbao_parse_bg.wasm pkg/widget/nianbao_bg.wasm pkg/node/nianbao_bg.wasm; do
  if wasm-tools validate --features mvp,mutable-global,sign-extension "$w"; then
    echo "ok   $w: MVP + mutable-global + sign-extension"
  else
    echo "FAIL $w uses WebAssembly features beyond MVP + mutable-global + sign-extension" >&2
    fail=1
  fi
done

node - pkg/web/nianbao.js pkg/bundler/nianbao.js pkg/bundler/nianbao_bg.js pkg/widget/nianbao.js js/bundler.mjs \
  pkg/web-parse/nianbao_parse.js pkg/bundler-parse/nianbao_parse.js pkg/bundler-parse/nianbao_parse_bg.js \
  js/parse-bundler.mjs pkg/web/nianbao.bundler.js pkg/web-parse/nianbao_parse.bundler.js \
  pkg/widget/nianbao.bundler.js <<'JS' || fail=1
const fs = require('fs');
const acorn = require('acorn');
let bad = 0;
// The bundler flavour of the glue (*.bundler.js) keeps exactly one ES2020 construct:
// `new URL('…_bg.wasm', import.meta.url)`, which bundlers (webpack 5, Vite) replace with the
// emitted file's URL; the rest must be ES2019 like every other file.
const META = /new URL\("(nianbao(?:_parse)?_bg\.wasm)",import\.meta\.url\)/g;
function source(f) {
  const src = fs.readFileSync(f, 'utf8');
  if (!f.endsWith('.bundler.js')) return src;
  const n = (src.match(META) || []).length;
  if (n !== 1) {
    console.error(`FAIL ${f}: expected one new URL('…_bg.wasm', import.meta.url), found ${n}`);
    bad = 1;
  }
  return src.replace(META, 'new URL("$1",__bundler_rewrites_import_meta_url)');
}
for (const f of process.argv.slice(2)) {
  const src = source(f);
  try {
    acorn.parse(src, { ecmaVersion: 2019, sourceType: 'module' });
    console.log(`ok   ${f}: parses as ES2019`);
  } catch (e) {
    const line = src.split('\n')[e.loc ? e.loc.line - 1 : 0] || '';
    console.error(`FAIL ${f}: not ES2019: ${e.message}\n     ${line.trim().slice(0, 160)}`);
    bad = 1;
  }
}
// The glue is minified, so this reads its syntax tree: every `new WebAssembly.Module(…)`
// (synchronous compile) must sit inside the function exported as `initSync`, and the code
// must also instantiate asynchronously (`WebAssembly.instantiateStreaming` / `instantiate`).
function walk(node, visit, stack = []) {
  if (!node || typeof node.type !== 'string') return;
  visit(node, stack);
  stack.push(node);
  for (const v of Object.values(node)) {
    for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c.type === 'string') walk(c, visit, stack);
  }
  stack.pop();
}
const member = (n, obj, prop) => n && n.type === 'MemberExpression' && n.object.name === obj && n.property.name === prop;
function syncCompiles(file) {
  const ast = acorn.parse(source(file), { ecmaVersion: 2019, sourceType: 'module' });
  let initSync = null;
  walk(ast, (n) => {
    if (n.type === 'ExportSpecifier' && n.exported.name === 'initSync') initSync = n.local.name;
    if (n.type === 'ExportNamedDeclaration' && n.declaration && n.declaration.id && n.declaration.id.name === 'initSync') initSync = 'initSync';
  });
  let outside = 0;
  let inside = 0;
  let asyncInit = { streaming: false, instantiate: false };
  walk(ast, (n, stack) => {
    if (n.type === 'NewExpression' && member(n.callee, 'WebAssembly', 'Module')) {
      const inInitSync = stack.some((p) => p.type === 'FunctionDeclaration' && p.id && p.id.name === initSync);
      if (inInitSync) inside++;
      else outside++;
    }
    if (n.type === 'CallExpression' && member(n.callee, 'WebAssembly', 'instantiateStreaming')) asyncInit.streaming = true;
    if (n.type === 'CallExpression' && member(n.callee, 'WebAssembly', 'instantiate')) asyncInit.instantiate = true;
  });
  return { initSync, inside, outside, asyncInit };
}
for (const f of ['pkg/web/nianbao.js', 'pkg/web-parse/nianbao_parse.js', 'pkg/widget/nianbao.js',
                 'pkg/web/nianbao.bundler.js', 'pkg/web-parse/nianbao_parse.bundler.js', 'pkg/widget/nianbao.bundler.js']) {
  const r = syncCompiles(f);
  if (!r.asyncInit.streaming || !r.asyncInit.instantiate) {
    console.error(`FAIL ${f}: default init does not instantiate asynchronously`);
    bad = 1;
  }
  if (!r.initSync || r.inside !== 1 || r.outside !== 0) {
    console.error(`FAIL ${f}: ${r.outside} synchronous compile(s) outside initSync (${r.inside} inside)`);
    bad = 1;
  }
}
for (const f of ['pkg/bundler/nianbao.js', 'pkg/bundler/nianbao_bg.js', 'pkg/bundler-parse/nianbao_parse.js',
                 'pkg/bundler-parse/nianbao_parse_bg.js']) {
  const r = syncCompiles(f);
  if (r.inside + r.outside > 0) {
    console.error(`FAIL ${f}: synchronous compile`);
    bad = 1;
  }
}
if (!bad) console.log('ok   browser glue instantiates asynchronously (initSync only on request)');
process.exit(bad);
JS

exit $fail
