#!/usr/bin/env bash
# Builds the drop-in widget `www/nianbao.js` (git-ignored): one classic script with the
# WebAssembly module inlined, for `<script src="nianbao.js" data-nianbao-auto></script>`.
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
force=0
[ "${1:-}" = "--force" ] && force=1

inputs=(src crates Cargo.toml Cargo.lock js/dropin.js scripts/build-dropin.mjs scripts/build-dropin.sh scripts/build-wasm.sh)
if [ "$force" = 0 ] && [ -f "$OUT" ] && [ -z "$(find "${inputs[@]}" -newer "$OUT" -print -quit 2>/dev/null)" ]; then
  echo "build-dropin: $OUT is up to date"
  exit 0
fi

# The widget build of scripts/build-wasm.sh (web target, crates/widget, MVP recipe).
bash scripts/build-wasm.sh widget
PKG=pkg/widget
if command -v wasm-tools >/dev/null; then
  wasm-tools validate --features mvp,mutable-global,sign-extension "$PKG/nianbao_bg.wasm"
fi
node scripts/build-dropin.mjs "$PKG" "$OUT"
