#!/usr/bin/env bash
# Every test nianbao has, on a fresh or warm machine: installs what is missing, then runs
# format/lint checks, native tests, wasm tests in headless Chromium, Node tests and the
# real-browser tests of the widget. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# The build tools (.ci/install-build.sh), then the test tools (.ci/install-test.sh: Chromium,
# wasm-tools, nightly + cargo-fuzz, and the test-only npm packages e2e/hosts and e2e/bundlers,
# none of which demo.sh needs).
bash .ci/install.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy -D warnings (every crate; also without the pdf feature)"
cargo clippy --workspace --all-targets -q -- -D warnings
cargo clippy --workspace --all-targets --no-default-features -q -- -D warnings
step "cargo test (native: core, import, html, cli)"
cargo test --workspace -q
step "cargo clippy wasm32 (JS API, importer, widget, Node modules, tests/web.rs) -D warnings"
cargo clippy --target wasm32-unknown-unknown --test web -q -- -D warnings
# One module at a time: each builds as its own crate graph (no feature unification).
for m in nianbao-wasm nianbao-parse-wasm nianbao-widget nianbao-node; do
  cargo clippy --target wasm32-unknown-unknown -p "$m" -q -- -D warnings
done
step "module boundaries (crate graph): the JS API links no importer, the browser importer no API or HTML reader"
deps() { cargo tree -p "$1" --target wasm32-unknown-unknown -e normal --prefix none; }
if deps nianbao-wasm | grep -E '^nianbao-(import|html|parse) '; then
  echo "FAIL: the JS API module (crates/wasm) depends on an importer crate" >&2
  exit 1
fi
if deps nianbao-parse-wasm | grep -E '^nianbao-(api|html) '; then
  echo "FAIL: the importer module (crates/parse-wasm) depends on the API or the HTML reader" >&2
  exit 1
fi
if deps nianbao-widget | grep -E '^nianbao-(parse|html) '; then
  echo "FAIL: the widget module (crates/widget) depends on the document reader (www/nianbao-parse.js carries it)" >&2
  exit 1
fi
step "WebAssembly package build (MVP recipe: pkg/web, pkg/bundler, pkg/widget, pkg/node)"
bash scripts/build-wasm.sh
step "old-browser compatibility (wasm features, ES2019, async instantiation)"
bash scripts/check-compat.sh
step "drop-in widget build (www/nianbao.js, www/nianbao-parse.js)"
bash scripts/build-dropin.sh
step "size report (wasm + JS glue, raw and gzip; the API and drop-in gates)"
bash scripts/size.sh
step "wasm-bindgen tests of the JS API (headless Chromium, MVP build)"
# No -q: cargo would pass --quiet on to wasm-bindgen-test-runner, which rejects it.
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext" \
  CARGO_TARGET_DIR=target-mvp \
  cargo test --target wasm32-unknown-unknown --test web -Z build-std=std,panic_abort
step "Node tests of the npm package (js-tests: API, ESM, types, npm pack, pkg/web in Chromium)"
node --test js-tests/
step "fuzz smoke"
# Every importer and the value reader, 15 s each, seeded from the corpus (scripts/fuzz.sh).
bash scripts/fuzz.sh "${FUZZ_SECONDS:-15}"
step "browser tests (Playwright, Chromium)"
# The widget on the demo host pages, the paste page, page sanity checks and the packed npm
# package in apps built by Vite and webpack (e2e/*.test.mjs);
# prints one line per test and "e2e: N passed, N failed".
node e2e/run.mjs
