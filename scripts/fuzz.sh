#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 15), seeded from the report corpus.
#   bash scripts/fuzz.sh            # smoke, as CI runs it
#   bash scripts/fuzz.sh 3600       # the long run: one hour per target
# A crash, timeout or out-of-memory input lands in fuzz/artifacts/<target>/ and fails the
# script; reproduce with `cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>`.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-15}"
export PATH="$HOME/.cargo/bin:$PATH"
seed() {
  local target="$1"; shift
  mkdir -p "fuzz/corpus/$target"
  for f in "$@"; do cp -f "$f" "fuzz/corpus/$target/"; done
}
seed import_text tests/fixtures/corpus/*.txt examples/yichun-2020.txt
seed import_html tests/fixtures/corpus/*.html
seed import_tsv tests/fixtures/corpus/shanghai-bangongting-2019.txt
seed import_json examples/yichun-2020.json
seed import_docx tests/fixtures/docs/*.docx
seed import_xlsx tests/fixtures/docs/*.xlsx
seed import_markdown tests/fixtures/docs/*.md
mkdir -p fuzz/corpus/value_read
printf '130774个' > fuzz/corpus/value_read/a; printf '342690.4107万元' > fuzz/corpus/value_read/b
printf '减少346' > fuzz/corpus/value_read/c; printf '1,234' > fuzz/corpus/value_read/d
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mkdir -p fuzz/corpus/checker_sets
for t in import_text import_html import_tsv import_json import_docx import_xlsx import_markdown value_read checker_sets; do
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s"
  # Edit sequences are short: small inputs keep the checker target's executions fast.
  max_len=400000
  [ "$t" = checker_sets ] && max_len=512
  if ! cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len="$max_len" -rss_limit_mb=4096 -timeout=20 \
    >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "fuzz: $t failed (see fuzz/artifacts/$t)" >&2
    exit 1
  fi
  grep -E "^Done [0-9]+ runs" "$log" || tail -3 "$log"
done
