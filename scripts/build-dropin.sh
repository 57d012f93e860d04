#!/usr/bin/env bash
# Builds the drop-in widget `www/nianbao.js` (git-ignored): one classic script with the
# WebAssembly module inlined, for `<script src="nianbao.js" data-nianbao-auto></script>`.
#
#   bash scripts/build-dropin.sh [--force]
#
# Uses the wasm build of scripts/build-wasm.sh (web target, MVP recipe) when that script
# exists, else the same MVP wasm-pack recipe into pkg/dropin-web. Skips everything when
# www/nianbao.js is newer than every input (sources, manifests, the shell), so a warm run
# takes well under a second. No network access beyond what cargo/wasm-pack already cached.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

OUT=www/nianbao.js
force=0
[ "${1:-}" = "--force" ] && force=1

inputs=(src Cargo.toml Cargo.lock js/dropin.js scripts/build-dropin.mjs scripts/build-dropin.sh)
[ -f scripts/build-wasm.sh ] && inputs+=(scripts/build-wasm.sh)
if [ "$force" = 0 ] && [ -f "$OUT" ] && [ -z "$(find "${inputs[@]}" -newer "$OUT" -print -quit 2>/dev/null)" ]; then
  echo "build-dropin: $OUT is up to date"
  exit 0
fi

if [ -f scripts/build-wasm.sh ] && grep -q "pkg/web" scripts/build-wasm.sh; then
  bash scripts/build-wasm.sh web
  PKG=pkg/web
else
  # The MVP/compat recipe of the toolchain note (§2, §5): no reference types, no multivalue,
  # so old Chromium-based browsers (360/QQ 极速模式) load it too.
  PKG=pkg/dropin-web
  RUSTC_BOOTSTRAP=1 \
  RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext" \
  CARGO_TARGET_DIR=target-mvp \
    wasm-pack --quiet build --target web --release --no-pack --out-dir "$PKG" . -- -Z build-std=std,panic_abort
fi
if command -v wasm-tools >/dev/null; then
  wasm-tools validate --features mvp,mutable-global,sign-extension "$PKG/nianbao_bg.wasm"
fi
node scripts/build-dropin.mjs "$PKG" "$OUT"
