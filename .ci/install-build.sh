#!/usr/bin/env bash
# The build tools, and only those: what `scripts/demo.sh` (the main job) and `npm run build`
# need on a bare `rust`-kind machine — the wasm32 target and rust-src (the MVP recipe rebuilds
# std), wasm-bindgen-cli at the Cargo.lock version, and the root package's node modules (npm
# binaryen's wasm-opt, terser). Each step skips itself when present and says how long it took
# when it ran. The test tools are in .ci/install-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source .ci/steps.sh

WASM_BINDGEN_VERSION=0.2.130

step "rustup target wasm32-unknown-unknown" \
  "rustup target list --installed | grep -q wasm32-unknown-unknown" \
  "rustup target add wasm32-unknown-unknown"
step "rustup component rust-src" \
  "rustup component list --installed | grep -q '^rust-src'" \
  "rustup component add rust-src"
# no --locked: the registry lacks a crate version its lockfile pins
step "wasm-bindgen-cli $WASM_BINDGEN_VERSION" \
  "[ \"\$(wasm-bindgen --version)\" = 'wasm-bindgen $WASM_BINDGEN_VERSION' ]" \
  "cargo install -q wasm-bindgen-cli --version $WASM_BINDGEN_VERSION"
# npm ci only when the lockfile changed since the last install (stamp inside node_modules).
step "npm ci (binaryen, terser, …)" \
  "cmp -s package-lock.json node_modules/.nianbao-lock" \
  "npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.nianbao-lock"
steps_done install-build
