#!/usr/bin/env bash
# Size report of the shipped package (run after scripts/build-wasm.sh): raw and gzip -9 bytes
# of each .wasm and its JS glue; the browser JS API total (pkg/web: validate, formats,
# createChecker) against the 60 KB gzip target, the importer module a page loads only to read
# documents (pkg/web-parse: parse) beside it, and the widget build (pkg/widget).
# Fails if the JS API exceeds its 60 KB gzip budget or the drop-in its budget (gates, so they
# stay met) or serde_json
# (JSON text parsing) is linked into a browser build; also shows whether the Rust HTML reader
# is in each build (browser: no, Node: yes).
set -euo pipefail
cd "$(dirname "$0")/.."

gz() { gzip -9c "$1" | wc -c; }
row() { printf '%-36s %9d %9d\n' "$1" "$(stat -c%s "$1")" "$(gz "$1")"; }

printf '%-36s %9s %9s\n' file raw gzip
for f in pkg/web/nianbao_bg.wasm pkg/web/nianbao.js \
         pkg/bundler/nianbao_bg.wasm pkg/bundler/nianbao.js pkg/bundler/nianbao_bg.js \
         pkg/web-parse/nianbao_parse_bg.wasm pkg/web-parse/nianbao_parse.js \
         pkg/widget/nianbao_bg.wasm pkg/widget/nianbao.js \
         pkg/node/nianbao_bg.wasm pkg/node/nianbao.js; do
  row "$f"
done
raw=$(( $(stat -c%s pkg/web/nianbao_bg.wasm) + $(stat -c%s pkg/web/nianbao.js) ))
gzt=$(( $(gz pkg/web/nianbao_bg.wasm) + $(gz pkg/web/nianbao.js) ))
printf '%-36s %9d %9d\n' "browser total (web: API)" "$raw" "$gzt"
praw=$(( $(stat -c%s pkg/web-parse/nianbao_parse_bg.wasm) + $(stat -c%s pkg/web-parse/nianbao_parse.js) ))
pgz=$(( $(gz pkg/web-parse/nianbao_parse_bg.wasm) + $(gz pkg/web-parse/nianbao_parse.js) ))
printf '%-36s %9d %9d\n' "importer (web-parse: parse)" "$praw" "$pgz"
wraw=$(( $(stat -c%s pkg/widget/nianbao_bg.wasm) + $(stat -c%s pkg/widget/nianbao.js) ))
wgz=$(( $(gz pkg/widget/nianbao_bg.wasm) + $(gz pkg/widget/nianbao.js) ))
printf '%-36s %9d %9d\n' "widget total (API + widget)" "$wraw" "$wgz"
target=$((60 * 1024))
over=0
if [ "$gzt" -le "$target" ]; then
  echo "budget: JS API wasm + glue <= 60 KB gzip: met ($gzt B, $((target - gzt)) B to spare)"
else
  echo "budget: JS API wasm + glue <= 60 KB gzip: EXCEEDED ($gzt B, $((gzt - target)) B over;" \
    "scripts/size-profile.sh shows where the bytes go)" >&2
  over=1
fi

# The drop-in (www/nianbao.js, from scripts/build-dropin.sh): one file, the widget module
# inlined (split and context-mixing coded); what a CMS page loads. Its document-reading part (www/nianbao-parse.js)
# is loaded only by pages that read documents, and is shown beside it.
# DROPIN_BUDGET: the gate, the goal of 100 KB = 102,400 B gzip -9 (100,562 B since the eighth
# session's coder; 117,018 B before it: README "Size and speed").
DROPIN_BUDGET=${DROPIN_BUDGET:-102400}
if [ -f www/nianbao.js ]; then
  row www/nianbao.js
  [ -f www/nianbao-parse.js ] && row www/nianbao-parse.js
  dgz=$(gz www/nianbao.js)
  if [ "$dgz" -le "$DROPIN_BUDGET" ]; then
    echo "budget: drop-in www/nianbao.js <= $DROPIN_BUDGET B gzip: met ($dgz B, $((DROPIN_BUDGET - dgz)) B to spare)"
  else
    echo "budget: drop-in www/nianbao.js <= $DROPIN_BUDGET B gzip: EXCEEDED ($dgz B, $((dgz - DROPIN_BUDGET)) B over;" \
      "CRATE=widget scripts/size-profile.sh shows where the bytes go)" >&2
    over=1
  fi
else
  echo "size: www/nianbao.js missing (bash scripts/build-dropin.sh): the drop-in gate is not checked" >&2
  over=1
fi

# What is linked, from the symbol names of cargo's output (wasm-opt strips them later).
fail=0
check() { # label wasm
  local w=$2 json html
  json=$(grep -a -c 'serde_json' "$w" || true)
  html=$(grep -a -c 'nianbao_html' "$w" || true)
  printf '%-17s serde_json: %s   Rust HTML reader: %s\n' "$1" \
    "$([ "$json" -gt 0 ] && echo linked || echo absent)" "$([ "$html" -gt 0 ] && echo linked || echo absent)"
  case $1 in browser*) [ "$json" -eq 0 ] || fail=1 ;; esac
}
check browser target-mvp/wasm32-unknown-unknown/release/nianbao_wasm.wasm
check browser-importer target-mvp-parse/wasm32-unknown-unknown/release/nianbao_parse_wasm.wasm
check node target-mvp-node/wasm32-unknown-unknown/release/nianbao_node.wasm
[ $fail -eq 0 ] || { echo "FAIL: serde_json is linked into the browser build" >&2; exit 1; }
[ $over -eq 0 ] || exit 1
