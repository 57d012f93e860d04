#!/usr/bin/env bash
# Idempotent tool install for a fresh `rust`-kind machine: every step skips itself when present.
# Recipe and timings: see ARCHITECTURE.md "Toolchain" (from the tested toolchain note).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
WASM_TOOLS_VERSION=1.263.0

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install: apt ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  echo "install: wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # no --locked: the registry lacks a crate version its lockfile pins
  cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if ! wasm-pack --version 2>/dev/null | grep -q "$WASM_PACK_VERSION"; then
  echo "install: wasm-pack $WASM_PACK_VERSION"
  cargo install -q wasm-pack --locked --version "$WASM_PACK_VERSION"
fi
if ! wasm-tools --version 2>/dev/null | grep -q "$WASM_TOOLS_VERSION"; then
  echo "install: wasm-tools $WASM_TOOLS_VERSION"
  cargo install -q wasm-tools --locked --version "$WASM_TOOLS_VERSION" --no-default-features --features validate,print,objdump
fi

# npm ci only when the lockfile changed since the last install (stamp inside node_modules).
if [ -f package-lock.json ] && ! cmp -s package-lock.json node_modules/.nianbao-lock 2>/dev/null; then
  echo "install: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.nianbao-lock
fi

# Fuzzing (scripts/fuzz.sh): cargo-fuzz runs on a nightly toolchain.
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || [ -x "$HOME/.cargo/bin/cargo-fuzz" ] || cargo install -q cargo-fuzz --locked
