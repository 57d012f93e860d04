// validate(report, options): the bulk path. scripts/build-wasm.sh splices this file into the
// API modules' glue (pkg/web, pkg/bundler, pkg/node) after wasm-bindgen's own `validate`,
// renamed `validateObjects`, and keeps `__cellIds` / `__validateCells` out of the exports.
//
// A report whose cells are a plain object of strings crosses into WebAssembly as one string:
// every cell's text in the format's order, each followed by NUL — instead of a call and a
// UTF-16 → UTF-8 copy per key and per value. Anything else (another shape, an unknown format
// or cell id, a value that is not a string, a getter that throws, a value holding a NUL)
// goes to `validateObjects`, which reads, checks and words errors as it always did; both
// paths give the same result (js-tests/bulk.test.mjs).

// Format id → Map(cell id → index in the format), for the built-in formats met so far.
const nbCellIndex = new Map();
// The last report's format, keys and their indexes: most calls repeat them.
let nbLast = { format: null, keys: [], at: null };

function nbIndexOf(format) {
  let index = nbCellIndex.get(format);
  if (index === undefined) {
    const ids = __cellIds(format);
    if (ids === undefined) return null; // unknown: not cached (any string could come)
    index = new Map();
    const list = ids.split('\0');
    for (let i = 0; i + 1 < list.length; i++) index.set(list[i], i);
    nbCellIndex.set(format, index);
  }
  return index;
}

// The indexes of `keys` in the format, or null when one is not a cell of it.
function nbIndexesOf(format, keys) {
  const last = nbLast;
  if (last.format === format && last.keys.length === keys.length) {
    let same = true;
    for (let j = 0; j < keys.length && same; j++) same = keys[j] === last.keys[j];
    if (same) return last.at;
  }
  const index = nbIndexOf(format);
  if (index === null) return null;
  const at = new Int32Array(keys.length);
  for (let j = 0; j < keys.length; j++) {
    const i = index.get(keys[j]);
    if (i === undefined) return null;
    at[j] = i;
  }
  nbLast = { format: format, keys: keys, at: at };
  return at;
}

// The arguments of `__validateCells` but the options — the report's fields (read here, so
// that WebAssembly calls back into JS for none of them) and its cells' values — or null for
// `validateObjects`.
function nbGather(report) {
  if (report === null || typeof report !== 'object' || Array.isArray(report)) return null;
  const format = report.format;
  const cells = report.cells;
  const narrative = report.narrative;
  // A `narrative: undefined` that is there is an error, worded by validateObjects.
  if (narrative === undefined && 'narrative' in report) return null;
  if (typeof format !== 'string' || cells === null || typeof cells !== 'object') return null;
  const proto = Object.getPrototypeOf(cells);
  // Maps, arrays and other iterables are read as before.
  if ((proto !== Object.prototype && proto !== null) || Symbol.iterator in cells) return null;
  const keys = Object.keys(cells);
  const at = nbIndexesOf(format, keys);
  if (at === null) return null;
  const values = new Array(nbCellIndex.get(format).size); // holes join as blank
  for (let j = 0; j < keys.length; j++) {
    const v = cells[keys[j]];
    if (typeof v !== 'string') return null;
    values[at[j]] = v;
  }
  values.push('');
  return [format, report.year, report.title, report.missing, narrative, values.join('\0')];
}

function validate(report, options) {
  let bulk = null;
  try {
    bulk = nbGather(report);
  } catch (e) {
    bulk = null; // a throwing getter: validateObjects reports it as it always did
  }
  if (bulk !== null) {
    const out = __validateCells(bulk[0], bulk[1], bulk[2], bulk[3], bulk[4], bulk[5], options);
    if (out !== undefined) return out;
  }
  return validateObjects(report, options);
}
