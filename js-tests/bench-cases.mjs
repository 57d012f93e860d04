// The bench cases shared by bench.mjs (Node) and bench-browser.mjs (imported in the page):
// one timing loop and one list of cases, so both print the same rows.
//
// `runCases(nb, seed, seconds, print, extra)`: `nb` is the loaded JS API, `seed` the example
// report; `extra` adds cases after the shared ones (Node: the importer). Each case runs for
// about `seconds` after a warm-up; `print` gets one line per case: the mean and the median of
// batches of ≥ 20 ms (µs per call). The checker cases alternate a cell between two values so
// that every call really changes something, across the JS ↔ wasm boundary.
export function bench(name, fn, seconds, print) {
  for (let i = 0; i < 50; i++) fn(i); // warm-up
  const batches = [];
  let calls = 0;
  const end = performance.now() + seconds * 1000;
  let i = 0;
  while (performance.now() < end) {
    const t0 = performance.now();
    let n = 0;
    do {
      fn(i++);
      n++;
    } while (performance.now() - t0 < 20);
    batches.push(((performance.now() - t0) * 1000) / n);
    calls += n;
  }
  batches.sort((a, b) => a - b);
  const mean = batches.reduce((a, b) => a + b, 0) / batches.length;
  const median = batches[batches.length >> 1];
  print(`${name.padEnd(58)} ${mean.toFixed(1).padStart(9)} µs mean ${median.toFixed(1).padStart(9)} µs median  (${calls} calls)`);
}

export function runCases(nb, seed, seconds, print, extra = []) {
  const typo = structuredClone(seed);
  typo.cells['s3.new.natural'] = '508';
  const b = (name, fn) => bench(name, fn, seconds, print);
  b('validate(example report)  [2 findings]', () => nb.validate(seed));
  b('validate(example report with a typo)  [4 findings]', () => nb.validate(typo));
  b('validate(example report, {lang: "en"})', () => nb.validate(seed, { lang: 'en' }));
  const c = nb.createChecker(seed);
  b('checker.set(s3.new.natural, 507 ↔ 508)  [2 appear/clear]', (i) =>
    c.set('s3.new.natural', i % 2 ? '507' : '508'));
  c.set('s3.new.natural', '507'); // back to the published report for the next cases
  b('checker.set(s2.rules.made, 11 ↔ 12)  [no finding changes]', (i) =>
    c.set('s2.rules.made', i % 2 ? '11' : '12'));
  c.set('s2.rules.made', '11');
  b('checker.diagnostics()  [the 2 findings of the example]', () => c.diagnostics());
  b('createChecker(example report)', () => nb.createChecker(seed).free());
  b('formats()', () => nb.formats());
  for (const [name, fn] of extra) b(name, fn);
}
