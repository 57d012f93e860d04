// The drop-in's own LZMA decoder (js/dropin-load.js `unlzma`, the loader both parts of the
// drop-in use): byte-exact against xz-utils' raw LZMA1 streams (lp=0 pb=0 and lc 0–4, as
// scripts/build-dropin.mjs writes them) on text, noise, long runs and built modules.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const loader = fs.readFileSync(path.join(root, 'js/dropin-load.js'), 'utf8');
// eslint-disable-next-line no-new-func
const { unlzma, unsplit } = new Function('window', `${loader}\nreturn { unlzma, unsplit };`)({});

function roundTrip(data, preset = '9e', lc = 4) {
  const packed = execFileSync(
    'xz',
    ['--format=raw', `--lzma1=preset=${preset},lc=${lc},lp=0,pb=0,dict=1MiB`, '--stdout'],
    { input: data, maxBuffer: 1 << 28 },
  );
  const out = unlzma(new Uint8Array(packed), data.length, lc);
  assert.equal(out.length, data.length);
  assert.equal(Buffer.compare(Buffer.from(out), data), 0);
}

test('unlzma: text, noise, runs and mixes, fast and best presets', () => {
  const text = Buffer.from(fs.readFileSync(path.join(root, 'README.md'), 'utf8').repeat(3));
  let seed = 7;
  const noise = Buffer.alloc(200_000, 0).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  const runs = Buffer.concat([Buffer.alloc(70_000, 0), Buffer.alloc(300, 1), Buffer.alloc(5000, 0)]);
  // repeats at 2–4 earlier distances (the rep0…rep3 paths) and short literal gaps
  const reps = Buffer.from(Array.from({ length: 4000 }, (_, i) => ['abcd', 'wxyz01', 'QQ', 'abcd'][i % 4] + (i % 7)).join(''));
  for (const data of [Buffer.alloc(0), Buffer.from('a'), text, noise, runs, reps, Buffer.concat([noise, text, runs])]) {
    roundTrip(data, '9e', 4);
    roundTrip(data, '0', 4);
    roundTrip(data, '9e', 0);
    roundTrip(data, '9e', 2);
  }
});

test('unlzma: a built module', { skip: !fs.existsSync(path.join(root, 'pkg/widget/nianbao_bg.wasm')) }, () => {
  roundTrip(fs.readFileSync(path.join(root, 'pkg/widget/nianbao_bg.wasm')));
});

/** The raw bytes of section `id` (10: code, 11: data) of a module. */
function section(bytes, id) {
  let p = 8;
  const u32 = () => {
    let v = 0, shift = 0, b;
    do {
      b = bytes[p++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return v;
  };
  while (p < bytes.length) {
    const sid = bytes[p++];
    const size = u32();
    if (sid === id) return Buffer.from(bytes.subarray(p, p + size));
    p += size;
  }
  return null;
}

// The drop-in's module is the package's with shorter import and export names
// (scripts/build-dropin.mjs renames them in the module and its glue alike), stored split
// (code section opcodes and immediates in streams) and LZMA-compressed: decoded, the same
// code and data, the same imports and exports otherwise.
test('unlzma: the modules inlined in www/nianbao.js and www/nianbao-parse.js', {
  skip: !fs.existsSync(path.join(root, 'www/nianbao.js')) || !fs.existsSync(path.join(root, 'www/nianbao-parse.js')),
}, () => {
  for (const [file, wasmFile] of [
    ['www/nianbao.js', 'pkg/widget/nianbao_bg.wasm'],
    ['www/nianbao-parse.js', 'pkg/web-parse/nianbao_parse_bg.wasm'],
  ]) {
    const src = fs.readFileSync(path.join(root, file), 'utf8');
    const b64 = /"([A-Za-z0-9+/=]{10000,})"/.exec(src);
    assert.ok(b64, `${file} holds the module as one base64 string`);
    const wasm = fs.readFileSync(path.join(root, wasmFile));
    // [lc, size, code start, head length, 14 stream lengths]: the split form (js/dropin-load.js)
    const meta = JSON.parse(/\[\d,\d+(?:,\d+){16}\]/.exec(src)[0]);
    assert.ok(meta[1] > wasm.length * 0.9 && meta[1] <= wasm.length, `${file} holds the module's size`);
    const packed = new Uint8Array(Buffer.from(b64[1], 'base64'));
    const out = unsplit(unlzma(packed, meta[1], meta[0]), meta);
    assert.ok(WebAssembly.validate(out), `${file} decodes to a valid module`);
    for (const id of [10, 11]) {
      assert.equal(Buffer.compare(section(out, id), section(wasm, id)), 0, `${file}: section ${id} as in ${wasmFile}`);
    }
    const [a, b] = [new WebAssembly.Module(out), new WebAssembly.Module(wasm)];
    const kinds = (list) => list.map((x) => x.kind).join();
    assert.equal(kinds(WebAssembly.Module.imports(a)), kinds(WebAssembly.Module.imports(b)));
    assert.equal(kinds(WebAssembly.Module.exports(a)), kinds(WebAssembly.Module.exports(b)));
    assert.ok(WebAssembly.Module.imports(a).every((i) => i.name.length <= 3), 'import names are short');
  }
});

// unpack(base64, meta): the sliced decoding the shells run, with a MessageChannel (every
// current browser) and without one (timers).
test('unpack: the inlined module through the shells\' loader, with and without MessageChannel', {
  skip: !fs.existsSync(path.join(root, 'www/nianbao.js')),
}, async () => {
  const src = fs.readFileSync(path.join(root, 'www/nianbao.js'), 'utf8');
  const b64 = /"([A-Za-z0-9+/=]{10000,})"/.exec(src)[1];
  const meta = JSON.parse(/\[\d,\d+(?:,\d+){16}\]/.exec(src)[0]);
  const whole = unsplit(unlzma(new Uint8Array(Buffer.from(b64, 'base64')), meta[1], meta[0]), meta);
  const win = { atob: (s) => Buffer.from(s, 'base64').toString('latin1') };
  for (const channel of [true, false]) {
    const saved = globalThis.MessageChannel;
    if (!channel) delete globalThis.MessageChannel;
    try {
      // eslint-disable-next-line no-new-func
      const unpack = new Function('window', `${loader}\nreturn unpack;`)(win);
      const out = await unpack(b64, meta);
      assert.equal(Buffer.compare(Buffer.from(out), Buffer.from(whole)), 0);
    } finally {
      globalThis.MessageChannel = saved;
    }
  }
});
