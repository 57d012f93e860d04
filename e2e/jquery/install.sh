#!/usr/bin/env bash
# Installs the bench-only baseline (e2e/jquery/package.json: jQuery + jquery-validation) for
# e2e/bench-jquery.mjs. Idempotent: `npm ci` only when the lockfile changed since the last install
# (stamp inside node_modules). Called by the bench, not by the tests.
# --ignore-scripts: no package may run code at install time.
set -euo pipefail
cd "$(dirname "$0")"
if ! cmp -s package-lock.json node_modules/.nianbao-lock 2>/dev/null; then
  echo "install: npm ci (e2e/jquery: bench-only baseline)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.nianbao-lock
fi
