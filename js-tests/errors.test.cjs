// Error messages a JavaScript developer meets with bad arguments (Node build; the browser
// builds share the Rust side and the glue patch, e2e/bundlers checks `free()` there):
// a clear message after `free()`, long values cut short instead of echoed whole, and a
// field that is no object named as such.
//
//   bash scripts/build-wasm.sh node && node --test js-tests/errors.test.cjs
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const nb = require('../js/node.cjs');
const { parse } = require('../js/parse-node.cjs');

const throws = (fn, message) =>
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, 'an Error');
    assert.equal(e.message, message);
    return true;
  });

/** What a message quotes of a long value: its first `max` characters and the count. */
const clip = (s, max) => {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max).join('')}…(${chars.length} characters)`;
};

const MB10 = 'x'.repeat(10 * 1024 * 1024);

test('after free(): a clear Error, not "null pointer passed to rust"', () => {
  const c = nb.createChecker('gb2021');
  c.set('s3.new.natural', '1');
  c.free();
  const freed = 'Checker: this checker was freed (free() was called); create a new one';
  throws(() => c.set('s3.new.natural', '2'), freed);
  throws(() => c.diagnostics(), freed);
  throws(() => c.checkAll(), freed);
  throws(() => c.report(), freed);
  throws(() => c.pending, freed);
  throws(() => c.format, freed);
  // Freeing twice says so too; other checkers are unaffected.
  throws(() => c.free(), freed);
  assert.equal(nb.createChecker('gb2019').format, 'gb2019');
});

test('a 10 MB bad value is quoted by its first 40 characters and its length', () => {
  throws(() => nb.validate({ format: 'gb2021', year: MB10 }),
    `validate: report: invalid type: string "${'x'.repeat(40)}…(10485760 characters)", expected u16`);
  // Characters, not bytes or UTF-16 units.
  throws(() => nb.validate({ format: 'gb2021', title: 7, year: '年'.repeat(50) + '😀' }),
    `validate: report: invalid type: string "${'年'.repeat(40)}…(51 characters)", expected u16`);
  throws(() => nb.validate({ format: 'gb2021', cells: { 's3.new.natural': { note: MB10 } } }),
    'validate: report: invalid type: map, expected a cell\'s text (string or number)');
  throws(() => nb.validate({ format: 'gb2021', narrative: [MB10] }),
    `validate: report: invalid type: JsValue(${clip(`["${MB10}"]`, 40)}), expected a string`);
  throws(() => nb.validate({ format: 'gb2021', title: { a: MB10 } }),
    `validate: report: invalid type: JsValue(${clip(`Object({"a":"${MB10}"})`, 40)}), expected a string`);
});

test('messages carrying long text from elsewhere are cut at 300 characters', () => {
  const known = nb.formats().map((f) => f.id).join(', ');
  throws(() => nb.validate({ format: MB10, cells: {} }),
    `validate: ${clip(`unknown format '${MB10}' (known: ${known})`, 300)}`);
  throws(() => nb.createChecker(MB10), `createChecker: ${clip(`unknown format '${MB10}' (known: ${known})`, 300)}`);
  throws(() => nb.createChecker('gb2021').set(MB10, '1'),
    `Checker.set: ${clip(`unknown cell id(s) for format gb2021: ${MB10}`, 300)}`);
  const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`s9.cell${i}`, '1']));
  const ids = Object.keys(many).sort().join(', ');
  throws(() => nb.validate({ format: 'gb2021', cells: many }),
    `validate: ${clip(`unknown cell id(s) for format gb2021: ${ids}`, 300)}`);
  throws(() => nb.validate({ format: 'gb2021' }, { lang: MB10 }),
    `validate: ${clip(`options.lang must be 'zh' or 'en', got '${MB10}'`, 300)}`);
  throws(() => nb.validate({ format: 'gb2021' }, { [MB10]: 1 }),
    `validate: ${clip(`options: unknown option '${MB10}' (known: lang, prev)`, 300)}`);
  throws(() => parse('x', { kind: MB10 }),
    `parse: ${clip(`unknown kind '${MB10}' (expected 'text', 'html', 'tsv', 'docx' or 'xlsx')`, 300)}`);
  // Short messages are whole, as before.
  throws(() => nb.validate({ format: 'gb2030' }), `validate: unknown format 'gb2030' (known: ${known})`);
});

test('cells / missing that are no object are named, not "Reflect.get called on non-object"', () => {
  const cells = 'cells must be an object mapping cell ids to their text';
  throws(() => nb.validate({ format: 'gb2021', cells: null }), `validate: report: ${cells}, got null`);
  throws(() => nb.validate({ format: 'gb2021', cells: 'x' }), `validate: report: ${cells}, got a string`);
  throws(() => nb.validate({ format: 'gb2021', cells: 12 }), `validate: report: ${cells}, got a number`);
  throws(() => nb.validate({ format: 'gb2021', cells: true }), `validate: report: ${cells}, got a boolean`);
  throws(() => nb.createChecker({ format: 'gb2021', cells: null }), `createChecker: report: ${cells}, got null`);
  throws(() => nb.validate({ format: 'gb2021' }, { prev: { format: 'gb2021', cells: null } }),
    `validate: options.prev: ${cells}, got null`);
  throws(() => nb.validate({ format: 'gb2021', missing: null }),
    'validate: report: missing must be an array of cell ids, got null');
  throws(() => nb.validate({ format: 'gb2021', missing: 's3.new.total' }),
    'validate: report: missing must be an array of cell ids, got a string');
  // `undefined` is absent, as before: a blank report.
  assert.deepStrictEqual(
    nb.validate({ format: 'gb2021', cells: undefined, missing: undefined }).map((d) => d.key),
    nb.validate({ format: 'gb2021' }).map((d) => d.key),
  );
});
