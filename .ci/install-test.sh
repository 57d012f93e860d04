#!/usr/bin/env bash
# The test tools (`bash scripts/test.sh` runs this after .ci/install-build.sh): Debian Chromium
# and chromedriver with CJK fonts, clippy and rustfmt, wasm-tools (the old-browser gate), a
# nightly toolchain with cargo-fuzz, and the test-only npm packages (e2e/hosts: host frameworks
# and editors; e2e/bundlers: Vite and webpack). Each step skips itself when present and says
# how long it took when it ran.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source .ci/steps.sh

WASM_TOOLS_VERSION=1.263.0

need_apt() {
  local need=()
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
  fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
  echo "${need[*]}"
}
step "apt chromium chromium-driver fonts-noto-cjk" \
  "[ -z \"\$(need_apt)\" ]" \
  "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \$(need_apt) >/dev/null"
step "rustup component clippy" \
  "rustup component list --installed | grep -q '^clippy'" "rustup component add clippy"
step "rustup component rustfmt" \
  "rustup component list --installed | grep -q '^rustfmt'" "rustup component add rustfmt"
step "wasm-tools $WASM_TOOLS_VERSION" \
  "wasm-tools --version | grep -q '$WASM_TOOLS_VERSION'" \
  "cargo install -q wasm-tools --locked --version $WASM_TOOLS_VERSION --no-default-features --features validate,print,objdump"
# Fuzzing (scripts/fuzz.sh): cargo-fuzz runs on a nightly toolchain.
step "rustup toolchain nightly" \
  "rustup toolchain list | grep -q '^nightly'" \
  "rustup toolchain install nightly --profile minimal"
step "cargo-fuzz" \
  "command -v cargo-fuzz || [ -x \"\$HOME/.cargo/bin/cargo-fuzz\" ]" \
  "cargo install -q cargo-fuzz --locked"
# Test-only npm packages, each with its own lockfile (npm ci when it changed).
step "e2e/hosts npm ci (host frameworks and editors)" \
  "cmp -s e2e/hosts/package-lock.json e2e/hosts/node_modules/.nianbao-lock" \
  "bash e2e/hosts/install.sh"
step "e2e/bundlers npm ci (Vite, webpack)" \
  "cmp -s e2e/bundlers/package-lock.json e2e/bundlers/node_modules/.nianbao-lock" \
  "bash e2e/bundlers/install.sh"
steps_done install-test
