#!/usr/bin/env bash
# Builds the drop-in widget `www/nianbao.js` (git-ignored): one classic script with the
# WebAssembly module inlined, for `<script src="nianbao.js" data-nianbao-auto></script>`;
# and its document-reading part `www/nianbao-parse.js` (parse, pairReports: the importer
# module pkg/web-parse, inlined the same way), which only pages that read documents load.
#
#   bash scripts/build-dropin.sh [--force]
#
# Uses pkg/widget from scripts/build-wasm.sh (web target, crates/widget, MVP recipe). Skips everything when
# www/nianbao.js is newer than every input (sources, manifests, the shell), so a warm run
# takes well under a second. No network access beyond what cargo/wasm-pack already cached.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

OUT=www/nianbao.js
OUT_PARSE=www/nianbao-parse.js
force=0
[ "${1:-}" = "--force" ] && force=1

inputs=(src crates Cargo.toml Cargo.lock js/dropin.js js/dropin-parse.js js/dropin-load.js js/detail.js js/validate.js scripts/build-dropin.mjs scripts/build-dropin.sh scripts/build-wasm.sh)
if [ "$force" = 0 ] && [ -f "$OUT" ] && [ -f "$OUT_PARSE" ] &&
  [ -z "$(find "${inputs[@]}" -newer "$OUT" -print -quit 2>/dev/null)" ] &&
  [ -z "$(find "${inputs[@]}" -newer "$OUT_PARSE" -print -quit 2>/dev/null)" ]; then
  echo "build-dropin: $OUT is up to date"
  exit 0
fi

# The widget and importer builds of scripts/build-wasm.sh (web target, MVP recipe).
bash scripts/build-wasm.sh widget web-parse
if command -v wasm-tools >/dev/null; then
  wasm-tools validate --features mvp,mutable-global,sign-extension pkg/widget/nianbao_bg.wasm
  wasm-tools validate --features mvp,mutable-global,sign-extension pkg/web-parse/nianbao_parse_bg.wasm
fi
node scripts/build-dropin.mjs pkg/widget "$OUT"
node scripts/build-dropin.mjs pkg/web-parse "$OUT_PARSE"
