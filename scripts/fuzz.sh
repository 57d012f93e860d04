#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 15), seeded from small committed seeds
# (fuzz/seeds: tables-only copies of published pages) and the report corpus.
#   bash scripts/fuzz.sh                  # smoke, as CI runs it
#   bash scripts/fuzz.sh 3600             # the long run: one hour per target
#   bash scripts/fuzz.sh 600 import_html  # some targets only
# Each target prints one record line (`fuzz-record: target execs seconds exec/s findings`) for
# FUZZING.md. Inputs are capped per target (-max_len) so executions stay fast; the corpus in
# fuzz/corpus (git-ignored) is kept between runs. Built without a sanitizer (the fuzzed code is
# safe Rust; `unsafe` lives only in the wasm32 allocator) but with debug assertions, so an
# integer overflow is a finding. A crash, timeout or out-of-memory input lands in
# fuzz/artifacts/<target>/ and fails the script; reproduce with
# `cargo +nightly fuzz run -s none -a <target> fuzz/artifacts/<target>/<file>`.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-15}"
shift || true
export PATH="$HOME/.cargo/bin:$PATH"
seed() {
  local target="$1"; shift
  mkdir -p "fuzz/corpus/$target"
  for f in "$@"; do cp -f "$f" "fuzz/corpus/$target/"; done
}
seed import_text tests/fixtures/corpus/*.txt examples/yichun-2020.txt
seed import_html fuzz/seeds/import_html/*.html
seed import_tsv tests/fixtures/corpus/shanghai-bangongting-2019.txt
seed import_json examples/yichun-2020.json
# Office seeds are the fixtures made small (scripts/minimise-office-seeds.py): same tables, a
# seventh of the XML, so an execution costs a seventh.
seed import_docx fuzz/seeds/import_docx/*.docx
seed import_xlsx fuzz/seeds/import_xlsx/*.xlsx
seed import_markdown tests/fixtures/docs/*.md
mkdir -p fuzz/corpus/value_read
printf '130774个' > fuzz/corpus/value_read/a; printf '342690.4107万元' > fuzz/corpus/value_read/b
printf '减少346' > fuzz/corpus/value_read/c; printf '1,234' > fuzz/corpus/value_read/d
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mkdir -p fuzz/corpus/checker_sets
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(import_text import_html import_tsv import_json import_docx import_xlsx import_markdown value_read checker_sets)
# Largest input a target gets: room for its seeds, no more (bigger inputs only slow it down).
max_len_of() {
  case "$1" in
    value_read) echo 64 ;;
    checker_sets) echo 512 ;;
    import_tsv) echo 8192 ;;
    import_text | import_json | import_markdown | import_docx | import_xlsx) echo 16384 ;;
    *) echo 32768 ;;
  esac
}
for t in "${targets[@]}"; do
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s"
  start=$(date +%s)
  if ! cargo +nightly fuzz run -s none -a "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len_of "$t")" -rss_limit_mb=4096 -timeout=20 \
    -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "fuzz: $t failed (see fuzz/artifacts/$t)" >&2
    exit 1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(( $(date +%s) - start ))
  echo "fuzz-record: $t ${execs:-0} ${secs} $(( ${execs:-0} / (secs > 0 ? secs : 1) )) 0"
done
