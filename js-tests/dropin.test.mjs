// The drop-in's own DEFLATE decoder (js/dropin.js `inflate`, used where the browser has no
// DecompressionStream('deflate-raw')): byte-exact against zlib on stored, fixed-Huffman and
// dynamic-Huffman streams, including a built module.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const shell = fs.readFileSync(path.join(root, 'js/dropin.js'), 'utf8');
const fn = /\n {2}function inflate\(src, size\) \{[\s\S]*?\n {2}\}\n/.exec(shell);
assert.ok(fn, 'js/dropin.js defines inflate(src, size)');
// eslint-disable-next-line no-new-func
const inflate = new Function(`${fn[0]}\nreturn inflate;`)();

function roundTrip(data, options) {
  const packed = zlib.deflateRawSync(data, options);
  const out = inflate(new Uint8Array(packed), data.length);
  assert.equal(Buffer.compare(Buffer.from(out), data), 0);
}

test('inflate: stored, fixed and dynamic blocks, as zlib wrote them', () => {
  const text = Buffer.from(fs.readFileSync(path.join(root, 'README.md'), 'utf8').repeat(3));
  let seed = 7;
  const noise = Buffer.alloc(200_000, 0).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  for (const data of [Buffer.alloc(0), Buffer.from('a'), text, noise, Buffer.concat([noise, text])]) {
    roundTrip(data, { level: 0 }); // stored
    roundTrip(data, { level: 9, strategy: zlib.constants.Z_FIXED }); // fixed Huffman
    roundTrip(data, { level: 9 }); // dynamic Huffman
    roundTrip(data, { level: 1 });
  }
});

test('inflate: a built module', { skip: !fs.existsSync(path.join(root, 'pkg/widget/nianbao_bg.wasm')) }, () => {
  const wasm = fs.readFileSync(path.join(root, 'pkg/widget/nianbao_bg.wasm'));
  roundTrip(wasm, { level: 9, memLevel: 9 });
});

test('inflate: the modules inlined in www/nianbao.js and www/nianbao-parse.js (Zopfli streams)', {
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
    const out = inflate(new Uint8Array(Buffer.from(b64[1], 'base64')), wasm.length);
    assert.equal(Buffer.compare(Buffer.from(out), wasm), 0, `${file} inflates to ${wasmFile}`);
  }
});
