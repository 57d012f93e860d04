#!/usr/bin/env bash
# Everything the test command needs (scripts/test.sh): the build tools, then the test tools.
# Idempotent: every step skips itself when present. scripts/demo.sh runs only the first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-build.sh
bash .ci/install-test.sh
