// Reports for the bulk path of validate() (js/validate.js, spliced into the API modules'
// glue), shared by bulk.test.mjs's Node and Chromium tests: each report is validated as given
// (a plain object of strings: the bulk path, or the fallback for the odd ones) and with its
// cells in a Map (read value by value in WebAssembly, as every report was before): the two
// outcomes, result or error message, must be deep-equal.

/** [name, report, options] cases around the example report `seed` and a gb2021 report. */
export function cases(seed, gb2021) {
  const edit = (cells, fields = {}) => {
    const r = structuredClone(seed);
    Object.assign(r.cells, cells);
    return Object.assign(r, fields);
  };
  const reversed = { ...seed, cells: Object.fromEntries(Object.entries(seed.cells).reverse()) };
  const reports = [
    ['the example', seed],
    ['a typo (pinpointed)', edit({ 's3.new.natural': '508' })],
    ['odd values', edit({
      's3.new.natural': '5"0\\8\n\t\u0001',
      's2.procurement.amount': '１２.５万元',
      's2.fees.change': '约3',
      's3.new.org_other': '-3',
      's3.new.total': '',
    })],
    ['huge and decimal numbers', edit({ 's3.new.natural': '123456789012345678901', 's3.new.total': '0.12345678' })],
    ['a narrative with quotes and controls', edit({}, { narrative: '本年度共收到政府信息公开申请 99 件\u0007，"引号"\\。' })],
    ['the importer\'s missing list', edit({ 's3.new.total': '' }, { missing: ['s3.new.total'] })],
    ['a lone surrogate', edit({ 's3.new.natural': '\ud800' })],
    ['keys in another order', reversed],
    ['gb2021', gb2021],
    ['a few cells', { format: 'gb2021', year: 2023, cells: { 's3.new.natural': '3' } }],
    ['no cells', { format: 'gb2021' }],
    // Fallbacks: the bulk path declines these, validate reads them as before.
    ['a value holding NUL', edit({ 's3.new.natural': '5\u00000' })],
    ['a number value', edit({ 's3.new.natural': 507 })],
    ['a null value', edit({ 's3.new.natural': null })],
    ['an unknown cell', edit({ 's9.nope': '1' })],
    ['an unknown format', { ...seed, format: 'gb2030' }],
    ['a bad year', { ...seed, year: 'last' }],
    ['year and title null', { ...seed, year: null, title: null }],
    ['a title that is a number', { ...seed, title: 5 }],
    ['missing that is a string', edit({}, { missing: 's3.new.total' })],
    ['a narrative that is there but undefined', { ...seed, narrative: undefined }],
    ['a narrative that is a number', { ...seed, narrative: 7 }],
    ['a cell getter that throws', edit({}, {
      cells: Object.defineProperty({ ...seed.cells }, 's3.new.natural', {
        enumerable: true,
        get() { throw new Error('no'); },
      }),
    })],
  ];
  const options = [undefined, { lang: 'en' }, { prev: seed }, { lang: 'fr' }, { prev: { format: 'gb2019', cells: { x: '1' } } }];
  const out = [];
  for (const [name, report] of reports) for (const o of options) out.push([name, report, o]);
  return out;
}

function outcome(nb, report, options) {
  try {
    return nb.validate(report, options);
  } catch (e) {
    return `throws: ${e.message}`;
  }
}

/** The report with its cells in a Map; the report itself when its cells cannot be read. */
function byValue(report) {
  try {
    const c = report.cells;
    return c ? { ...report, cells: new Map(Object.keys(c).map((k) => [k, c[k]])) } : report;
  } catch (e) {
    return report; // a throwing getter: the fallback meets it as validate always did
  }
}

/** [name, options, bulk outcome, value-by-value outcome] per case. */
export function bothPaths(nb, seed, gb2021) {
  return cases(seed, gb2021).map(([name, report, options]) => [
    name,
    JSON.stringify(options),
    outcome(nb, report, options),
    outcome(nb, byValue(report), options),
  ]);
}
