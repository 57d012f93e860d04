// Assembles the one-file drop-in `www/nianbao.js` from a wasm-pack `--target web` build:
//
//   node scripts/build-dropin.mjs PKG_DIR OUT_FILE
//
// - the wasm-bindgen glue (an ES module) becomes a function `__nianbao_glue` returning its
//   exports: `export` keywords removed, `import.meta` replaced, comments dropped;
// - that function is compiled to ES5 syntax (TypeScript's transpiler, helpers inline) and
//   put into the ES5 shell `js/dropin.js` as plain code, with the .wasm compressed (js/dropin-load.js `cm`), as base64 (the loader decodes it): no eval and
//   no `new Function` (CSP without 'unsafe-eval'), and old engines still parse the file, so
//   the shell can show its notice; the glue is called only once support is confirmed;
// - the output is plain ASCII (non-ASCII escaped), so a GBK page cannot garble it, and it
//   must parse as ES5 (acorn) — the check that the IE-mode notice can show.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as acorn from 'acorn';
import ts from 'typescript';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const [pkgDir, outFile] = process.argv.slice(2);
if (!pkgDir || !outFile) {
  console.error('usage: node scripts/build-dropin.mjs PKG_DIR OUT_FILE');
  process.exit(2);
}

// pkg/widget → the drop-in (shell js/dropin.js); pkg/web-parse → its document-reading part
// www/nianbao-parse.js (shell js/dropin-parse.js).
const part = fs.existsSync(path.join(pkgDir, 'nianbao_parse.js')) ? 'parse' : 'widget';
const name = part === 'parse' ? 'nianbao_parse' : 'nianbao';
const glueSrc = fs.readFileSync(path.join(pkgDir, `${name}.js`), 'utf8');
let wasm = fs.readFileSync(path.join(pkgDir, `${name}_bg.wasm`));
// Both shells take the one loader (base64 + the module's decoder) from js/dropin-load.js.
const shellFile = part === 'parse' ? 'js/dropin-parse.js' : 'js/dropin.js';
const loader = fs.readFileSync(path.join(ROOT, 'js/dropin-load.js'), 'utf8');
// The loader's coder and its opcode table, for `split` and the coding below.
const loaderFns = new Function('window', `${loader}\nreturn { cm, uncm, parts, IMM, BR_TABLE, FLOAT };`)({});
const shell = fs
  .readFileSync(path.join(ROOT, shellFile), 'utf8')
  .replace("  '@@NIANBAO_LOADER@@';\n", () => loader);
if (shell.includes('@@NIANBAO_LOADER@@')) throw new Error(`${shellFile}: loader placeholder not replaced`);

const comments = [];
const ast = acorn.parse(glueSrc, {
  ecmaVersion: 'latest',
  sourceType: 'module',
  onComment: (block, text, start, end) => comments.push({ start, end }),
});

/** Edits as [start, end, replacement], applied back to front. */
const edits = [];
const exportsMap = new Map(); // exported name -> local name

function walk(node, fn) {
  if (!node || typeof node.type !== 'string') return;
  fn(node);
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (Array.isArray(v)) v.forEach((c) => c && typeof c.type === 'string' && walk(c, fn));
    else if (v && typeof v.type === 'string') walk(v, fn);
  }
}

for (const node of ast.body) {
  if (node.type === 'ImportDeclaration') {
    throw new Error(`the glue imports ${node.source.value}: not supported by the drop-in`);
  }
  if (node.type === 'ExportNamedDeclaration') {
    if (node.source) throw new Error('re-exports are not supported by the drop-in');
    if (node.declaration) {
      edits.push([node.start, node.declaration.start, '']);
      const d = node.declaration;
      if (d.id) exportsMap.set(d.id.name, d.id.name);
      if (d.declarations) for (const v of d.declarations) exportsMap.set(v.id.name, v.id.name);
    } else {
      edits.push([node.start, node.end, '']);
      for (const s of node.specifiers) exportsMap.set(s.exported.name, s.local.name);
    }
  } else if (node.type === 'ExportDefaultDeclaration') {
    const d = node.declaration;
    if (d.id) {
      edits.push([node.start, d.start, '']);
      exportsMap.set('default', d.id.name);
    } else {
      edits.push([node.start, d.start, 'const __nianbao_default = ']);
      exportsMap.set('default', '__nianbao_default');
    }
  }
}
walk(ast, (n) => {
  if (n.type === 'MetaProperty') edits.push([n.start, n.end, '({ url: "" })']);
});
for (const c of comments) {
  // Keep comments that sit inside an edit untouched (none expected).
  edits.push([c.start, c.end, '']);
}
// Short import and export names. wasm-bindgen names every import `__wbg_<method>_<16 hex
// digits>` (220 of them in the widget: 10.7 KB of names, in the module's import section and
// again as keys of the glue's import object) and exports closure shims with their full Rust
// paths; the glue and the module travel together here, so both are renamed consistently
// (a, b, …). A name is renamed only where every mention of it in the glue is the import key
// or an access on the exports object; otherwise it is kept.
{
  const exportsVar = [];
  walk(ast, (n) => {
    if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.right.type === 'MemberExpression' &&
      !n.right.computed && n.right.property.name === 'exports') exportsVar.push(n.left.name);
  });
  if (exportsVar.length !== 1) throw new Error(`glue: expected one \`x = instance.exports\`, found ${exportsVar.length}`);
  const { imports, exports } = wasmNames(wasm);
  const words = (name) => (glueSrc.match(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g')) || []).length;
  const short = (i) => {
    const A = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let out = '';
    do {
      out = A[i % 52] + out;
      i = Math.floor(i / 52) - 1;
    } while (i >= 0);
    return out;
  };
  // imports: keys of the object literal the glue hands to the module (one module name)
  const impKeys = new Map();
  walk(ast, (n) => {
    if (n.type === 'Property' && !n.computed && n.key.type === 'Identifier' && imports.has(n.key.name)) {
      (impKeys.get(n.key.name) || impKeys.set(n.key.name, []).get(n.key.name)).push(n);
    }
  });
  // Imports whose JS functions are the same text (the same DOM call on two web-sys types,
  // e.g. querySelector of Element and of Document) share one function and one name.
  const impMap = new Map();
  const byText = new Map();
  for (const [nm, props] of impKeys) {
    if (props.length !== 1 || words(nm) !== 1) continue;
    const p = props[0];
    const text = glueSrc.slice(p.value.start, p.value.end);
    const same = byText.get(text);
    if (same) {
      impMap.set(nm, same);
      edits.push([p.start, glueSrc[p.end] === ',' ? p.end + 1 : p.end, '']);
    } else {
      const to = short(byText.size);
      byText.set(text, to);
      impMap.set(nm, to);
      edits.push([p.key.start, p.key.end, to]);
    }
  }
  const expUses = new Map();
  walk(ast, (n) => {
    if (n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' &&
      n.object.name === exportsVar[0] && exports.has(n.property.name)) {
      (expUses.get(n.property.name) || expUses.set(n.property.name, []).get(n.property.name)).push(n.property);
    }
  });
  const expMap = new Map();
  for (const [nm, uses] of expUses) {
    if (words(nm) === uses.length) {
      const to = short(expMap.size);
      expMap.set(nm, to);
      for (const u of uses) edits.push([u.start, u.end, to]);
    }
  }
  wasm = renameWasm(wasm, impMap, expMap);
  if (!impMap.size || !expMap.size) throw new Error('glue: no import or export renamed (wasm-bindgen changed shape?)');
}
// The shell instantiates the module itself (WebAssembly.instantiate on the decoded bytes) and
// hands the instance to the glue: the glue's async init()/initSync() (fetch, streaming,
// Response handling, its script-URL lookup) are dropped, and with them the ES5 async helpers.
{
  let imports = null, finalize = null;
  for (const node of ast.body) {
    const d = node.type === 'ExportNamedDeclaration' ? node.declaration : node;
    if (!d || d.type !== 'FunctionDeclaration') continue;
    const text = glueSrc.slice(d.start, d.end);
    if (/\.exports\b/.test(text) && !d.async && d.params.length === 2 && text.length < 300) finalize = d.id.name;
    if (/["']\.\/nianbao(?:_parse)?_bg\.js["']\s*:/.test(text)) imports = d.id.name;
  }
  if (!imports || !finalize) throw new Error('glue: get_imports / finalize_init not found');
  const initSync = exportsMap.get('initSync'), init = exportsMap.get('default');
  exportsMap.delete('initSync');
  exportsMap.delete('default');
  exportsMap.set('__imports', imports);
  exportsMap.set('__finalize', finalize);
  const dead = [];
  for (const node of ast.body) {
    const d = node.type === 'ExportNamedDeclaration' ? node.declaration : node;
    if (d && d.type === 'FunctionDeclaration' && (d.id.name === init || d.id.name === initSync)) dead.push(node);
  }
  if (dead.length !== 2) throw new Error('glue: init / initSync not found');
  // top-level declarations only those two used (the script-URL lookup)
  const live = (name) => {
    let src = glueSrc;
    for (const n of [...dead].sort((a, b) => b.start - a.start)) src = src.slice(0, n.start) + src.slice(n.end);
    return (src.match(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g')) || []).length;
  };
  for (const node of ast.body) {
    if (node.type === 'VariableDeclaration' && node.declarations.every((v) => v.id.type === 'Identifier' && live(v.id.name) === 1)) {
      dead.push(node);
    }
  }
  for (const n of dead) edits.push([n.start, n.end, '']);
}
const wanted = part === 'parse' ? ['parse', 'pairReports'] : ['attach', 'autoAttach'];
if (!wanted.every((k) => exportsMap.has(k))) {
  throw new Error(`unexpected glue exports: ${[...exportsMap.keys()].join(', ')}`);
}

edits.sort((a, b) => b[0] - a[0]);
let body = glueSrc;
let lastStart = Infinity;
for (const [s, e, r] of edits) {
  if (e > lastStart) continue; // overlapping (a comment inside a removed range)
  body = body.slice(0, s) + r + body.slice(e);
  lastStart = s;
}
body = body.replace(/\n\s*\n+/g, '\n');
body +=
  '\nreturn {' +
  [...exportsMap].map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ') +
  '};\n';
// The body must be a valid function body.
const fnSrc = `function __nianbao_glue() {\n${body}\n}\n`;
acorn.parse(fnSrc, { ecmaVersion: 2019 });
const es5 = ts.transpileModule(fnSrc, {
  compilerOptions: {
    target: ts.ScriptTarget.ES5,
    module: ts.ModuleKind.CommonJS,
    downlevelIteration: true,
    removeComments: true,
    importHelpers: false,
    allowJs: true,
  },
  fileName: 'glue.js',
  reportDiagnostics: true,
});
if (es5.diagnostics && es5.diagnostics.length) {
  throw new Error(
    'glue to ES5: ' + es5.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; '),
  );
}
// Minified again (terser, ES5 output), as the ES2019 glue was.
const { minify } = await import('terser');
const glueEs5 = (
  await minify(es5.outputText.replace(/^"use strict";\s*/, ''), {
    ecma: 5,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  })
).code;

// The module is stored compressed (the shell's js/dropin-load.js decodes it): base64 hides
// the wasm's repetitions from the server's gzip, so the module must be compressed before.
// First split (`split` below: the code section's opcodes and immediates in streams of their
// own), then coded by the loader's own context-mixing coder `cm` (18% under xz's best LZMA on
// the widget module; the same function encodes here and decodes in the page, in integer
// arithmetic, so both compute the same bits). The round trip runs the shell's decoder.
const split0 = split(wasm);
const meta = split0.meta;
const { cm, uncm, parts } = loaderFns;
const coder = cm(new Uint8Array(split0.data), parts(meta), null);
coder(split0.data.length);
const packed = Buffer.from(coder.out);
if (Buffer.compare(Buffer.from(uncm(new Uint8Array(packed), meta)), wasm) !== 0) {
  throw new Error('split/cm round trip (js/dropin-load.js)');
}
const strLit = (s) =>
  JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
let out = shell
  .replace("'@@NIANBAO_GLUE@@';", () => glueEs5)
  .replace("'@@NIANBAO_WASM@@'", () => '"__NIANBAO_WASM_B64__"')
  .replace("'@@NIANBAO_WASM_META@@'", () => JSON.stringify(meta));
if (out.includes('@@NIANBAO_')) throw new Error('placeholder left in the shell');
// The shell minified too (its comments and names were ~6 KB gzip); only the short licence
// comment (`/*!`) stays.
out = (
  await minify(out, {
    ecma: 5,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: /^!/ },
  })
).code;
// The module's base64 moves to the top of the shell's function (`var __nianbao_wasm="…"`
// right after its "use strict"): gzip codes it best in blocks of its own, not mixed with
// the JS around it (~0.9 KB less than in the middle of the file).
{
  const marker = '"__NIANBAO_WASM_B64__"';
  const strict = out.indexOf('"use strict";');
  if (out.split(marker).length !== 2 || strict < 0 || strict > 4000 || out.includes('__nianbao_wasm')) {
    throw new Error('drop-in: cannot place the module string');
  }
  out = out.replace(marker, '__nianbao_wasm');
  const at = strict + '"use strict";'.length;
  out = `${out.slice(0, at)}var __nianbao_wasm=${strLit(packed.toString('base64'))};${out.slice(at)}`;
}
// ASCII only: escape everything else (valid in strings, comments and regexes alike).
out = out.replace(/[^\x00-\x7f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

// The shell must run (and show its notice) in an ES5 engine such as IE mode.
try {
  acorn.parse(out, { ecmaVersion: 5, sourceType: 'script' });
} catch (e) {
  throw new Error(`drop-in is not valid ES5: ${e.message}`);
}

// No code from strings anywhere (CSP without 'unsafe-eval'): no eval, Function, or string
// timers.
{
  const ast = acorn.parse(out, { ecmaVersion: 5, sourceType: 'script' });
  walk(ast, (n) => {
    const callee = (n.type === 'CallExpression' || n.type === 'NewExpression') && n.callee;
    if (callee && callee.type === 'Identifier' && (callee.name === 'eval' || callee.name === 'Function')) {
      throw new Error(`drop-in evaluates code from a string (${callee.name}) at ${n.start}`);
    }
  });
}

fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, out);
const gz = zlib.gzipSync(out, { level: 9 }).length;
console.log(
  `${outFile}: ${out.length} bytes (${gz} gzipped); wasm ${wasm.length} bytes (${packed.length} coded), glue ${glueEs5.length} bytes (ES5)`,
);

/** The import and export field names of a module. */
function wasmNames(bytes) {
  const m = new WebAssembly.Module(bytes);
  return {
    imports: new Set(WebAssembly.Module.imports(m).map((i) => i.name)),
    exports: new Set(WebAssembly.Module.exports(m).map((e) => e.name)),
  };
}

/** The module with import fields (section 2) and export names (section 7) renamed. */
function renameWasm(bytes, impMap, expMap) {
  let p = 0;
  const u32 = () => {
    let v = 0, shift = 0, b;
    do {
      b = bytes[p++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return v;
  };
  const leb = (v) => {
    const out = [];
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v) b |= 0x80;
      out.push(b);
    } while (v);
    return Buffer.from(out);
  };
  const name = () => {
    const n = u32();
    const s = bytes.subarray(p, p + n).toString('utf8');
    p += n;
    return s;
  };
  const str = (s) => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([leb(b.length), b]);
  };
  const parts = [bytes.subarray(0, 8)];
  p = 8;
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = u32();
    const end = p + size;
    if (id !== 2 && id !== 7) {
      parts.push(Buffer.from([id]), leb(size), bytes.subarray(p, end));
      p = end;
      continue;
    }
    const count = u32();
    const body = [leb(count)];
    for (let k = 0; k < count; k++) {
      if (id === 2) {
        const mod = name();
        const field = name();
        const start = p;
        const kind = bytes[p++];
        if (kind === 0) u32(); // function: type index
        else if (kind === 1 || kind === 2) {
          if (kind === 1) p++; // table: element type
          const flags = bytes[p++];
          u32();
          if (flags & 1) u32();
        } else if (kind === 3) p += 2; // global: type, mutability
        else throw new Error(`wasm import kind ${kind}`);
        body.push(str(mod), str(impMap.get(field) ?? field), bytes.subarray(start, p));
      } else {
        const nm = name();
        const start = p;
        p++;
        u32();
        body.push(str(expMap.get(nm) ?? nm), bytes.subarray(start, p));
      }
    }
    if (p !== end) throw new Error(`wasm section ${id}: length mismatch`);
    const b = Buffer.concat(body);
    parts.push(Buffer.from([id]), leb(b.length), b);
  }
  return Buffer.concat(parts);
}

/**
 * The module in the split form js/dropin-load.js `unsplit` reverses: everything but the code
 * section's body, then 14 streams of its bytes — 0 opcodes, 1 framing (function count, body
 * sizes, locals), 2 local indices, 3 call targets, 4 i32 constants, 5 memarg alignments, 6
 * branch depths, 7 global indices, 8 block types, 9 other indices, 10 float constants, 11
 * 0xFC-prefixed ops, 12 memarg offsets, 13 i64 constants. Immediates are kept as written
 * (LEB128 bytes). A module with an instruction the splitter does not know is stored whole
 * (meta [size]).
 */
function split(w) {
  let p = 8, codeStart = -1, codeEnd = -1;
  const q = { p: 0 };
  const u32 = () => {
    let v = 0, sh = 0, c;
    do {
      c = w[q.p++];
      v += (c & 0x7f) * 2 ** sh;
      sh += 7;
    } while (c & 0x80);
    return v;
  };
  while (p < w.length) {
    const id = w[p++];
    q.p = p;
    const size = u32();
    p = q.p;
    if (id === 10) [codeStart, codeEnd] = [p, p + size];
    p += size;
  }
  if (codeStart < 0) return { data: w, meta: [w.length] };
  const S = Array.from({ length: 14 }, () => []);
  const leb = (st) => {
    let c;
    do {
      c = w[q.p++];
      S[st].push(c);
    } while (c & 0x80);
  };
  const peek = () => {
    const at = q.p, v = u32();
    q.p = at;
    return v;
  };
  try {
    q.p = codeStart;
    const n = peek();
    leb(1);
    for (let f = 0; f < n; f++) {
      const size = peek();
      leb(1);
      const end = q.p + size;
      const locals = peek();
      leb(1);
      for (let k = 0; k < locals; k++) {
        leb(1);
        S[1].push(w[q.p++]);
      }
      while (q.p < end) {
        const op = w[q.p++];
        S[0].push(op);
        // what follows the opcode, by stream: the loader's table (js/dropin-load.js IMM)
        const fields = loaderFns.IMM[op];
        if (!fields) throw new Error(`opcode 0x${op.toString(16)}`);
        for (const k of fields) {
          if (k >= 0) leb(k);
          else if (k === loaderFns.BR_TABLE) {
            const targets = peek();
            leb(6);
            for (let j = 0; j <= targets; j++) leb(6);
          } else if (k === loaderFns.FLOAT) for (let j = op === 0x43 ? 4 : 8; j--; ) S[10].push(w[q.p++]);
          else {
            const sub = peek();
            leb(11);
            if (sub === 10 || sub === 11) for (let j = 12 - sub; j--; ) leb(11);
            else if (sub > 7) throw new Error(`0xfc ${sub}`);
          }
        }
      }
      if (q.p !== end) throw new Error('function body length');
    }
    if (q.p !== codeEnd) throw new Error('code section length');
  } catch (e) {
    console.error(`build-dropin: module stored unsplit (${e.message})`);
    return { data: w, meta: [w.length] };
  }
  const streams = S.map((x) => Buffer.from(x));
  const head = Buffer.concat([w.subarray(0, codeStart), w.subarray(codeEnd)]);
  return {
    data: Buffer.concat([head, ...streams]),
    meta: [w.length, codeStart, head.length, ...streams.map((x) => x.length)],
  };
}
