#!/usr/bin/env bash
# Builds the npm package's WebAssembly with the MVP recipe (toolchain note §2/§5), so the
# .wasm needs only MVP + mutable-globals + sign-ext (Chromium 75+, not 96+). One cdylib crate
# per module (see ARCHITECTURE.md):
#
#   pkg/web      crates/wasm        wasm-bindgen --target web: the JS API (validate, formats,
#                                   createChecker; no importer in its crate graph): ES module
#                                   + async init(); ES2019 JS. Also *.bundler.js (here,
#                                   web-parse, widget): the package's bundler entries
#   pkg/bundler  crates/wasm        --target bundler: the same with wasm ESM integration (not
#                                   in the npm package: its bundler entries load *.bundler.js)
#   pkg/web-parse, pkg/bundler-parse
#                crates/parse-wasm  the importer module: parse, pairReports (out-name
#                                   nianbao_parse), loaded only by pages that read documents
#   pkg/widget   crates/widget      --target web: JS API + parse + live widget (attach); the
#                                   drop-in www/nianbao.js is made from it
#   pkg/node     crates/node        --target nodejs: JS API + parse (Rust HTML reader), CommonJS
#
# Each module has its own target dir (target-mvp, target-mvp-parse, target-mvp-widget,
# target-mvp-node): the Node build's flags differ, and separate dirs keep each warm.
# Idempotent and quick when warm: each output is redone only
# when its cargo .wasm, this script or a tool version changed (stamp in pkg/<dir>/.stamp).
#
#   bash scripts/build-wasm.sh          # all six
#   bash scripts/build-wasm.sh web      # only some: web, bundler, web-parse, bundler-parse,
#                                       # widget, node
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The first wasm-opt on PATH must be npm binaryen (v132), never Debian's (breaks the output).
case "$(command -v wasm-opt || true)" in
  "$PWD/node_modules/.bin/wasm-opt") ;;
  *) echo "build-wasm: node_modules/.bin/wasm-opt missing (run npm ci)" >&2; exit 1 ;;
esac

export RUSTC_BOOTSTRAP=1
# The release profile unwinds for the native CLI (Cargo.toml); WebAssembly aborts.
export CARGO_PROFILE_RELEASE_PANIC=abort
# -Zlocation-detail=none drops file:line from panic messages (about 3 KB gzip).
export RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext -Zlocation-detail=none"
# Browser builds, for size: a panic traps at once (no panic message machinery; the call throws
# a WebAssembly.RuntimeError) and `{:?}` prints nothing (no Debug code; nothing shipped relies
# on Debug output). The Node build keeps panic messages (its hook logs them).
BROWSER_FLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
# optimize_for_size: std picks its smaller implementations (sorts, formatting; ~1 KB gzip).
BUILD_STD=(-Z build-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
# -Oz, iterated; the module's own memory starts zeroed and Rust never uses addresses below
# 1024 (the stack is above them), which lets binaryen fold more (~3 KB gzip).
WASM_OPT=(-Oz --converge --zero-filled-memory --low-memory-unused)

# One build at a time (other scripts, e.g. build-dropin.sh, call this one too).
mkdir -p target-mvp
exec 9>target-mvp/.build-wasm.lock
flock 9

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(web bundler web-parse bundler-parse widget node)

tools="$(wasm-bindgen --version) $(wasm-opt --version) $(rustc --version) terser $(node -p "require('terser/package.json').version")"
# js/validate.js and js/detail.js are spliced into the glue: a change to them redoes the
# output too.
script_hash=$(cat "$0" js/validate.js js/detail.js | sha256sum | cut -c1-16)

# The JS glue of the browser builds must parse as ES2019 (old Chromium-based browsers):
# rewrite the two ES2020 constructs wasm-bindgen 0.2.130 emits. scripts/check-compat.sh
# then parses every shipped browser file with acorn (ecmaVersion 2019).
es2019() {
  node - "$@" <<'EOF'
const fs = require('fs');
for (const file of process.argv.slice(2)) {
  let s = fs.readFileSync(file, 'utf8');
  // debugString: `re.exec(x)?.[1]` -> `(re.exec(x) || [])[1]`
  s = s.replace(/(\/\\\[object \(\[\^\\\]\]\+\)\\\]\/\.exec\(toStringOutput\))\?\.\[1\]/g, '($1 || [])[1]');
  // web target: the default .wasm location used `import.meta.url` (ES2020). The module's own
  // URL is taken from a stack trace at load time instead (Chromium, Firefox and Safari all
  // print script URLs there); when that fails, init() asks for the location explicitly.
  const meta = /new URL\('(nianbao(?:_parse)?_bg\.wasm)', import\.meta\.url\)/.exec(s);
  // The bundler flavour (NIANBAO_KEEP_META=1) keeps it: bundlers rewrite that pattern.
  const keepMeta = process.env.NIANBAO_KEEP_META === '1';
  if (meta && !keepMeta) {
    const wasmName = meta[1];
    s = s.replace(meta[0], '__nianbao_wasm_url()');
    s += `
const __nianbao_script_url = (function () {
    try { throw new Error(); } catch (e) {
        const m = /((?:https?|file|blob|app|chrome-extension):\\/\\/[^\\s()]+?)(?::\\d+){1,2}\\)?(?=\\s|$)/.exec(String(e.stack));
        return m ? m[1] : null;
    }
})();
function __nianbao_wasm_url() {
    if (__nianbao_script_url) {
        try { return new URL('${wasmName}', __nianbao_script_url); } catch (e) { /* below */ }
    }
    throw new Error("nianbao: cannot tell where ${wasmName} is served; pass it to init(), e.g. init({ module_or_path: '/static/nianbao/${wasmName}' })");
}
`;
  }
  if (/\?\.|\?\?|import\.meta/.test(s.replace(/\/\/.*$/gm, '').replace(keepMeta && meta ? meta[0] : /^$/, ''))) {
    // Not fatal here (strings may hold these characters); check-compat.sh parses for real.
    console.error(`build-wasm: note: ${file} still contains '?.', '??' or import.meta text`);
  }
  fs.writeFileSync(file, s);
}
EOF
}

# After free(), wasm-bindgen's glue passes a null pointer and Rust throws "null pointer passed
# to rust": say what happened instead (every build's glue, at its one throw import).
freed_message() {
  node - "$@" <<'EOF'
const fs = require('fs');
for (const file of process.argv.slice(2)) {
  const s = fs.readFileSync(file, 'utf8');
  const what = /class AttachHandle/.test(s)
    ? 'nianbao: this Checker or AttachHandle was freed (free() was called); create a new one'
    : 'Checker: this checker was freed (free() was called); create a new one';
  const t = s.replace(/(__wbindgen_throw_\w+(?:: function)?\(arg0, arg1\) \{\s*)throw new Error\(getStringFromWasm0\(arg0, arg1\)\);/,
    (_, head) => `${head}const m = getStringFromWasm0(arg0, arg1);\n` +
      `            throw new Error(/^null pointer passed/.test(m) ? ${JSON.stringify(what)} : m);`);
  if (t !== s) fs.writeFileSync(file, t);
  else if (/\bfree\(\)/.test(s) && /__wbindgen_throw/.test(s)) {
    console.error(`build-wasm: ${file}: the throw import changed shape; update freed_message`);
    process.exit(1);
  }
}
EOF
}

# The API modules' `validate` takes the bulk path of js/validate.js (cells as one string):
# wasm-bindgen's own `validate` becomes `validateObjects`, the file is appended, and the two
# entry points it uses (`__cellIds`, `__validateCells`: nianbao-api's `bulk` feature) stay out
# of the exports. Glue without them (widget, importer) is left as it is.
bulk_validate() {
  node - "$@" <<'EOF'
const fs = require('fs');
const bulk = fs.readFileSync('js/validate.js', 'utf8');
for (const file of process.argv.slice(2)) {
  let s = fs.readFileSync(file, 'utf8');
  if (!/function __validateCells\(/.test(s)) {
    // pkg/bundler's entry re-exports its _bg.js by name.
    const t = s.replace(/^(export \{[^}]*)\b__cellIds, __validateCells, /m, '$1');
    if (t !== s) fs.writeFileSync(file, t);
    continue;
  }
  const esm = /^export function validate\(/m.test(s);
  const t = s
    .replace(/^(export )?function validate\(report, options\) \{/m, 'function validateObjects(report, options) {')
    .replace(/^export function (__cellIds|__validateCells)\(/gm, 'function $1(')
    .replace(/^exports\.(__cellIds|__validateCells) = \1;\n/gm, '');
  if (!/function validateObjects\(/.test(t) || /^export function __(cellIds|validateCells)|^exports\.__(cellIds|validateCells)/m.test(t)) {
    console.error(`build-wasm: ${file}: the glue changed shape; update bulk_validate`);
    process.exit(1);
  }
  fs.writeFileSync(file, t + '\n' + (esm ? bulk.replace(/^function validate\(/m, 'export function validate(') : bulk));
}
EOF
}

# The widget's `nianbao:diagnostics` detail parses its JSON on first read (js/detail.js): the
# glue that imports `__nbDetail` gets the file appended (a module-level function, which the
# import shim's free name resolves to). Other glue is left as it is.
lazy_detail() {
  node - "$@" <<'EOF'
const fs = require('fs');
const detail = fs.readFileSync('js/detail.js', 'utf8');
for (const file of process.argv.slice(2)) {
  const s = fs.readFileSync(file, 'utf8');
  if (!/\b__nbDetail\(/.test(s)) continue;
  if (/function __nbDetail\(/.test(s)) {
    console.error(`build-wasm: ${file}: __nbDetail is defined already`);
    process.exit(1);
  }
  fs.writeFileSync(file, s + '\n' + detail);
}
EOF
}

# The browser glue ships minified (terser; ES2019 output, exported names kept): about a third
# of its gzip size. Node's glue stays readable.
minify() {
  node - "$@" <<'EOF'
const fs = require('fs');
const { minify } = require('terser');
(async () => {
  for (const file of process.argv.slice(2)) {
    const out = await minify(fs.readFileSync(file, 'utf8'), {
      module: true,
      ecma: 2019,
      compress: { passes: 2 },
      mangle: true,
      format: { comments: false },
    });
    fs.writeFileSync(file, out.code + '\n');
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
EOF
}

build() { # dir wasm-bindgen-target target-dir out-name extra-rustflags crate-dir
  local dir=$1 target=$2 tdir=$PWD/$3 name=$4 crate=$6
  local RUSTFLAGS="$RUSTFLAGS $5"
  export RUSTFLAGS
  local out="pkg/$dir" lib
  lib=$(basename "$crate" | tr - _)
  # Node runs on servers and in scripts: speed over bytes there (opt-level 3 and wasm-opt -O3
  # make validate about twice as fast); browser modules stay -Oz.
  local level=z
  local -a wasm_opt=("${WASM_OPT[@]}")
  if [ "$dir" = node ]; then
    level=3
    wasm_opt=(-O3 --zero-filled-memory --low-memory-unused)
  fi
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level CARGO_TARGET_DIR=$tdir cargo build -q --lib --release --target wasm32-unknown-unknown \
    "${BUILD_STD[@]}" -p "nianbao-$(basename "$crate")"
  local wasm="$tdir/wasm32-unknown-unknown/release/nianbao_$lib.wasm"
  local stamp
  stamp="$(sha256sum "$wasm" | cut -c1-16) $script_hash $tools"
  if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ] && [ -f "$out/${name}_bg.wasm" ]; then
    echo "build-wasm: $out up to date"
    return
  fi
  local t0=$SECONDS
  rm -rf "$out"
  # wasm-bindgen straight on cargo's output (what `wasm-pack build --no-opt --no-pack` ran, so
  # building needs no wasm-pack install).
  wasm-bindgen --target "$target" --no-typescript --out-dir "$out" --out-name "$name" "$wasm"
  # wasm-opt through a cache keyed by its input and flags: web and bundler get the same .wasm,
  # so it runs once for both (~20 s each).
  local cache="$tdir/wasm-opt-cache" key
  key=$( (sha256sum "$out/${name}_bg.wasm"; echo "${wasm_opt[*]}") | sha256sum | cut -c1-32)
  mkdir -p "$cache"
  if ! wasm-tools validate --features mvp,mutable-global,sign-extension "$cache/$key.wasm" 2>/dev/null; then
    wasm-opt "${wasm_opt[@]}" "$out/${name}_bg.wasm" -o "$cache/$key.$$.tmp"
    mv "$cache/$key.$$.tmp" "$cache/$key.wasm"
    find "$cache" -name '*.wasm' -mtime +7 -delete
  fi
  cp "$cache/$key.wasm" "$out/${name}_bg.wasm.tmp"
  mv "$out/${name}_bg.wasm.tmp" "$out/${name}_bg.wasm"
  freed_message "$out"/*.js
  bulk_validate "$out"/*.js
  lazy_detail "$out"/*.js
  case $dir in
    web|widget|web-parse)
      # The bundler flavour ($name.bundler.js, what the package's bundler entries load): the
      # same glue locating the .wasm with `new URL('…_bg.wasm', import.meta.url)` as
      # wasm-bindgen wrote it, the pattern webpack 5 and Vite (build and dev server, also when
      # it pre-bundles) follow with no configuration; ES2019 otherwise.
      cp "$out/$name.js" "$out/$name.bundler.js"
      NIANBAO_KEEP_META=1 es2019 "$out/$name.bundler.js"
      minify "$out/$name.bundler.js"
      es2019 "$out/$name.js"
      minify "$out/$name.js"
      printf '{\n  "type": "module",\n  "sideEffects": false\n}\n' > "$out/package.json" ;;
    bundler|bundler-parse)
      es2019 "$out/$name.js" "$out/${name}_bg.js"
      minify "$out/$name.js" "$out/${name}_bg.js"
      # $name.js instantiates the module on import: it must not be tree-shaken away.
      printf '{\n  "type": "module",\n  "sideEffects": ["./%s.js", "./snippets/*"]\n}\n' "$name" > "$out/package.json" ;;
    node)
      printf '{\n  "type": "commonjs"\n}\n' > "$out/package.json" ;;
  esac
  echo "$stamp" > "$out/.stamp"
  echo "build-wasm: $out built in $((SECONDS - t0)) s"
}

# The hand-written types, also as an ES-module declaration file: under TypeScript's node16 /
# bundler resolution a .d.ts in this (CommonJS-scoped) package describes the CommonJS entry,
# so the ESM entries point "types" at this identical .d.mts.
mkdir -p pkg/types
cmp -s js/nianbao.d.ts pkg/types/nianbao.d.mts || cp js/nianbao.d.ts pkg/types/nianbao.d.mts
# The widget and importer entries' types import the API's: './nianbao.js' is './nianbao.mjs'
# next to the copy (and './parse.js' './parse.mjs').
for t in widget parse; do
  sed -e "s|'./nianbao.js'|'./nianbao.mjs'|g" -e "s|'./parse.js'|'./parse.mjs'|g" js/$t.d.ts > pkg/types/$t.d.mts.tmp
  cmp -s pkg/types/$t.d.mts.tmp pkg/types/$t.d.mts && rm pkg/types/$t.d.mts.tmp ||
    mv pkg/types/$t.d.mts.tmp pkg/types/$t.d.mts
done

for t in "${targets[@]}"; do
  case $t in
    web) build web web target-mvp nianbao "$BROWSER_FLAGS" crates/wasm ;;
    bundler) build bundler bundler target-mvp nianbao "$BROWSER_FLAGS" crates/wasm ;;
    web-parse) build web-parse web target-mvp-parse nianbao_parse "$BROWSER_FLAGS" crates/parse-wasm ;;
    bundler-parse) build bundler-parse bundler target-mvp-parse nianbao_parse "$BROWSER_FLAGS" crates/parse-wasm ;;
    widget) build widget web target-mvp-widget nianbao "$BROWSER_FLAGS" crates/widget ;;
    node) build node nodejs target-mvp-node nianbao "" crates/node ;;
    *) echo "build-wasm: unknown target '$t' (web, bundler, web-parse, bundler-parse, widget, node)" >&2; exit 2 ;;
  esac
done
