#!/usr/bin/env bash
# Installs the test-only bundlers (e2e/bundlers/package.json: Vite, webpack) for
# e2e/bundlers.test.mjs. Idempotent: `npm ci` only when the lockfile changed since the last
# install (stamp inside node_modules), from the npm cache when it has them (--prefer-offline).
# Called by .ci/install-test.sh (scripts/test.sh), not by scripts/demo.sh.
# --ignore-scripts: no package may run code at install time (Vite's native parts, rolldown and
# lightningcss, come from their per-platform packages, which need none).
set -euo pipefail
cd "$(dirname "$0")"
if ! cmp -s package-lock.json node_modules/.nianbao-lock 2>/dev/null; then
  echo "install: npm ci (e2e/bundlers: test-only Vite and webpack)"
  npm ci --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.nianbao-lock
fi
