// The drop-in's own coder (js/dropin-load.js `cm`, the loader both parts of the drop-in use:
// scripts/build-dropin.mjs encodes with it, the page decodes): round trips on text, noise,
// long runs, repeats and built modules, whole or in parts (the split form's code streams,
// whose immediates are predicted from their opcodes, also when the parts are not a module);
// the modules inlined in the built files; the sliced `unpack` of the shells.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const loader = fs.readFileSync(path.join(root, 'js/dropin-load.js'), 'utf8');
// eslint-disable-next-line no-new-func
const { cm, uncm } = new Function('window', `${loader}\nreturn { cm, uncm };`)({});

/** Encodes `data` in `parts` (lengths), decodes it in slices of `step` bytes; returns the
 * coded size. */
function roundTrip(data, parts = [data.length], step = 0) {
  const enc = cm(new Uint8Array(data), parts, null);
  assert.equal(enc(data.length), data.length);
  const packed = enc.out;
  assert.ok(packed instanceof Uint8Array);
  const dec = cm(packed, parts, data.length);
  if (step) for (let done = 0; done < data.length; ) done = dec(done + step);
  else dec(data.length);
  assert.equal(dec.out.length, data.length);
  assert.equal(Buffer.compare(Buffer.from(dec.out), Buffer.from(data)), 0);
  return packed.length;
}

/** Cuts `n` bytes into 15 parts (the split form's count) at pseudo-random places. */
function fifteen(n, seed) {
  const cuts = Array.from({ length: 14 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % (n + 1)).sort((a, b) => a - b);
  return [...cuts, n].map((c, i) => c - (i ? cuts[i - 1] : 0));
}

test('cm: text, noise, runs, repeats and mixes round-trip, whole, in parts and in slices', () => {
  const text = Buffer.from(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
  let seed = 7;
  const noise = Buffer.alloc(100_000, 0).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  const runs = Buffer.concat([Buffer.alloc(70_000, 0), Buffer.alloc(300, 1), Buffer.alloc(5000, 0xff)]);
  const reps = Buffer.from(Array.from({ length: 4000 }, (_, i) => ['abcd', 'wxyz01', 'QQ', 'abcd'][i % 4] + (i % 7)).join(''));
  // bytes that look like code: opcodes with LEB128 immediates (0x80 bits), as in the streams
  const lebs = Buffer.alloc(50_000, 0).map((_, i) => (i % 3 ? 0x20 + (i % 5) : 0x80 | (i % 200)));
  for (const data of [Buffer.alloc(0), Buffer.from('a'), text, noise, runs, reps, lebs, Buffer.concat([noise, text, runs])]) {
    roundTrip(data);
    if (data.length > 1) {
      roundTrip(data, fifteen(data.length, data.length));
      roundTrip(data, fifteen(data.length, 99), 777);
    }
  }
  // empty parts anywhere, and all of it in the last one
  roundTrip(text, [0, 0, ...fifteen(text.length, 5).slice(2), 0].slice(0, 15).map((x, i, a) => (i === 14 ? text.length - a.slice(0, 14).reduce((p, q) => p + q, 0) : x)));
  roundTrip(text, [...Array(14).fill(0), text.length]);
  // it compresses: text to under a third, noise grows by under 1%
  assert.ok(roundTrip(text) < text.length / 3);
  assert.ok(roundTrip(noise) < noise.length * 1.01);
});

test('cm: a built module, whole', { skip: !fs.existsSync(path.join(root, 'pkg/widget/nianbao_bg.wasm')) }, () => {
  const wasm = fs.readFileSync(path.join(root, 'pkg/widget/nianbao_bg.wasm'));
  roundTrip(wasm, [wasm.length], 4096);
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
// (code section opcodes and immediates in streams) and coded by `cm`: decoded, the same
// code and data, the same imports and exports otherwise.
const inlined = (src) => ({
  b64: /"([A-Za-z0-9+/=]{10000,})"/.exec(src)?.[1],
  // [size, code start, head length, 14 stream lengths]: the split form (js/dropin-load.js)
  meta: JSON.parse(/\[\d+(?:,\d+){16}\]/.exec(src)?.[0] ?? 'null'),
});

test('cm: the modules inlined in www/nianbao.js and www/nianbao-parse.js', {
  skip: !fs.existsSync(path.join(root, 'www/nianbao.js')) || !fs.existsSync(path.join(root, 'www/nianbao-parse.js')),
}, () => {
  for (const [file, wasmFile] of [
    ['www/nianbao.js', 'pkg/widget/nianbao_bg.wasm'],
    ['www/nianbao-parse.js', 'pkg/web-parse/nianbao_parse_bg.wasm'],
  ]) {
    const { b64, meta } = inlined(fs.readFileSync(path.join(root, file), 'utf8'));
    assert.ok(b64, `${file} holds the module as one base64 string`);
    assert.ok(meta, `${file} holds the split form's lengths`);
    const wasm = fs.readFileSync(path.join(root, wasmFile));
    assert.ok(meta[0] > wasm.length * 0.9 && meta[0] <= wasm.length, `${file} holds the module's size`);
    const out = uncm(new Uint8Array(Buffer.from(b64, 'base64')), meta);
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

// unpack(base64, meta, part, imports): the sliced decoding and instantiation the shells run, with a MessageChannel
// (every current browser) and without one (timers); here without IndexedDB (Node has none),
// so the module is always decoded (the cache is tested in Chromium: e2e/robust.test.mjs).
test('unpack: the inlined module through the shells\' loader, with and without MessageChannel', {
  skip: !fs.existsSync(path.join(root, 'www/nianbao.js')),
}, async () => {
  const { b64, meta } = inlined(fs.readFileSync(path.join(root, 'www/nianbao.js'), 'utf8'));
  const whole = uncm(new Uint8Array(Buffer.from(b64, 'base64')), meta);
  const win = { atob: (s) => Buffer.from(s, 'base64').toString('latin1') };
  // instantiated with stand-ins for the glue's imports (nothing runs at instantiation)
  const mod = new WebAssembly.Module(whole);
  const imports = {};
  for (const i of WebAssembly.Module.imports(mod)) {
    assert.equal(i.kind, 'function');
    (imports[i.module] ||= {})[i.name] = () => {};
  }
  const exported = WebAssembly.Module.exports(mod).map((e) => e.name);
  for (const channel of [true, false]) {
    const saved = globalThis.MessageChannel;
    if (!channel) delete globalThis.MessageChannel;
    try {
      // eslint-disable-next-line no-new-func
      const unpack = new Function('window', `${loader}\nreturn unpack;`)(win);
      const r = await unpack(b64, meta, 'widget', imports);
      assert.ok(r.instance instanceof WebAssembly.Instance);
      assert.deepEqual(Object.keys(r.instance.exports), exported);
    } finally {
      globalThis.MessageChannel = saved;
    }
  }
});
