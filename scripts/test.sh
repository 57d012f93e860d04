#!/usr/bin/env bash
# Every test nianbao has, on a fresh or warm machine: installs what is missing, then runs
# format/lint checks, native tests, wasm tests in headless Chromium, Node tests and the
# real-browser tests of the widget. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy -D warnings"
cargo clippy --all-targets -q -- -D warnings
step "cargo test (native)"
cargo test -q
