#!/usr/bin/env bash
# Where the browser .wasm's bytes go: builds the JS API wasm with the same recipe as
# scripts/build-wasm.sh (web target, browser flags) but keeps function names, then prints
# the optimized raw/gzip size and twiggy's view grouped by crate/module and the top items.
# A development tool (needs `cargo install twiggy`); not part of the test run.
#
#   bash scripts/size-profile.sh [N]       # N = top items to list (default 40); the JS API
#   CRATE=parse-wasm bash scripts/size-profile.sh      # the importer module
#   CRATE=widget bash scripts/size-profile.sh          # API + parse + widget
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
command -v twiggy >/dev/null || { echo "size-profile: needs twiggy (cargo install twiggy --locked)" >&2; exit 2; }
n=${1:-40}
export RUSTC_BOOTSTRAP=1
# The release profile unwinds for the native CLI (Cargo.toml); WebAssembly aborts.
export CARGO_PROFILE_RELEASE_PANIC=abort
# The browser modules are built for size (Cargo.toml's release profile is for the native CLI).
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
# Keep in step with scripts/build-wasm.sh (RUSTFLAGS + BROWSER_FLAGS).
export RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext -Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
tdir=target-size-profile
crate=${CRATE:-wasm}
CARGO_TARGET_DIR=$tdir cargo build -q --lib --release --target wasm32-unknown-unknown \
  -Z build-std=std,panic_abort -Zbuild-std-features=optimize_for_size -p "nianbao-$crate"
out=$tdir/profile
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name nianbao \
  "$tdir/wasm32-unknown-unknown/release/nianbao_$(echo "$crate" | tr - _).wasm"
# The glue minified as scripts/build-wasm.sh ships it (without its ES2019 rewrite: a few bytes).
node -e '
const fs = require("fs");
require("terser").minify(fs.readFileSync(process.argv[1], "utf8"),
  { module: true, ecma: 2019, compress: { passes: 2 }, mangle: true, format: { comments: false } })
  .then((r) => fs.writeFileSync(process.argv[1], r.code + "\n"));
' "$out/nianbao.js"
wasm-opt -Oz --converge --zero-filled-memory --low-memory-unused -g "$out/nianbao_bg.wasm" -o "$out/named.wasm"
wasm-opt -Oz --converge --zero-filled-memory --low-memory-unused "$out/nianbao_bg.wasm" -o "$out/opt.wasm"
printf 'wasm %d raw %d gzip; glue %d raw %d gzip; total gzip %d\n' \
  "$(stat -c%s "$out/opt.wasm")" "$(gzip -9c "$out/opt.wasm" | wc -c)" \
  "$(stat -c%s "$out/nianbao.js")" "$(gzip -9c "$out/nianbao.js" | wc -c)" \
  "$(( $(gzip -9c "$out/opt.wasm" | wc -c) + $(gzip -9c "$out/nianbao.js" | wc -c) ))"
twiggy top -n 1000000 -f csv "$out/named.wasm" > "$out/top.csv"
python3 - "$out/top.csv" "$n" <<'PY'
import csv, re, sys, collections
rows = list(csv.DictReader(open(sys.argv[1])))
n = int(sys.argv[2])
def clean(s): return re.sub(r'\[[0-9a-f]+\]', '', s)
groups = collections.Counter()
items = []
for r in rows:
    name, size = clean(r['Name']), int(r['ShallowSize'])
    if 'subsection' in name:
        continue
    items.append((size, name))
    if name.startswith('data segment'):
        k = 'data (.rodata)'
    else:
        m = re.search(r'(nianbao\w*)::(\w+)(?:::(\w+))?', name)
        if m:
            k = m.group(1) + '::' + m.group(2) + ('::' + m.group(3) if m.group(2) in ('rules', 'format') and m.group(3) and m.group(3)[0].islower() else '')
        else:
            m = re.search(r'(core::slice::sort|btree|hashbrown|serde\w*|core::fmt|raw_vec|alloc::vec|alloc::string|core::str|core::iter|dlmalloc|wasm_bindgen|js_sys|web_sys|core::num)', name)
            k = m.group(1) if m else ('export ' + name if re.fullmatch(r'\w+', name) else 'other')
    groups[k] += size
print(f"{'bytes':>8}  group (shallow, optimized, before gzip)")
for k, v in groups.most_common(30):
    print(f'{v:8d}  {k}')
print(f"\n{'bytes':>8}  top items")
for size, name in sorted(items, reverse=True)[:n]:
    print(f'{size:8d}  {name[:150]}')
PY
