#!/usr/bin/env bash
# The main job: installs what is missing, builds the CLI and checks the bundled example
# report (宜春市 2020, as published).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install.sh
cargo build --release -q
./target/release/nianbao check examples/yichun-2020.json || true
