#!/usr/bin/env bash
# Old-browser gate for the shipped package (run after scripts/build-wasm.sh):
#  1. every shipped .wasm validates with only MVP + mutable-global + sign-extension
#     (no reference types / multivalue / bulk memory: Chromium 75+, not 96+);
#  2. every JS file a browser loads parses as ES2019 (acorn), as a module;
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
  js/parse-bundler.mjs <<'JS' || fail=1
const fs = require('fs');
const acorn = require('acorn');
let bad = 0;
for (const f of process.argv.slice(2)) {
  const src = fs.readFileSync(f, 'utf8');
  try {
    acorn.parse(src, { ecmaVersion: 2019, sourceType: 'module' });
    console.log(`ok   ${f}: parses as ES2019`);
  } catch (e) {
    const line = src.split('\n')[e.loc ? e.loc.line - 1 : 0] || '';
    console.error(`FAIL ${f}: not ES2019: ${e.message}\n     ${line.trim().slice(0, 160)}`);
    bad = 1;
  }
}
for (const f of ['pkg/web/nianbao.js', 'pkg/web-parse/nianbao_parse.js', 'pkg/widget/nianbao.js']) {
  const web = fs.readFileSync(f, 'utf8');
  const init = web.slice(web.indexOf('async function __wbg_load'));
  if (!/WebAssembly\.instantiateStreaming/.test(init) || !/WebAssembly\.instantiate\(/.test(init)) {
    console.error(`FAIL ${f}: default init does not instantiate asynchronously`);
    bad = 1;
  }
  const syncCompiles = (web.match(/new WebAssembly\.Module\(/g) || []).length;
  const inInitSync = /function initSync[\s\S]*?new WebAssembly\.Module\(/.test(web);
  if (syncCompiles !== 1 || !inInitSync) {
    console.error(`FAIL ${f}: ${syncCompiles} synchronous compile(s) outside initSync`);
    bad = 1;
  }
}
for (const f of ['pkg/bundler/nianbao.js', 'pkg/bundler/nianbao_bg.js', 'pkg/bundler-parse/nianbao_parse.js',
                 'pkg/bundler-parse/nianbao_parse_bg.js']) {
  if (/new WebAssembly\.Module\(/.test(fs.readFileSync(f, 'utf8'))) {
    console.error(`FAIL ${f}: synchronous compile`);
    bad = 1;
  }
}
if (!bad) console.log('ok   browser glue instantiates asynchronously (initSync only on request)');
process.exit(bad);
JS

exit $fail
