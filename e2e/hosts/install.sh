#!/usr/bin/env bash
# Installs the test-only host frameworks and editors (e2e/hosts/package.json) for the host-page
# browser tests. Idempotent: `npm ci` only when the lockfile changed since the last install
# (stamp inside node_modules). Called by scripts/test.sh, not by scripts/demo.sh.
# --ignore-scripts: no package may run code at install time (nothing is fetched from outside the
# npm registry; esbuild's binary comes from its @esbuild/<platform> package, which needs none).
set -euo pipefail
cd "$(dirname "$0")"
if ! cmp -s package-lock.json node_modules/.nianbao-lock 2>/dev/null; then
  echo "install: npm ci (e2e/hosts: test-only host frameworks and editors)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.nianbao-lock
fi
