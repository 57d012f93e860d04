// The JavaScript API against the Node build (pkg/node via js/node.cjs, what `require('nianbao')`
// loads, and js/parse-node.cjs, `require('nianbao/parse')`), with exact expected outcomes:
//
//   bash scripts/build-wasm.sh node && node --test js-tests/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const nb = require('../js/node.cjs');
const { parse } = require('../js/parse-node.cjs');

const root = path.join(__dirname, '..');
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const seed = () => JSON.parse(read('examples/yichun-2020.json'));
const corpus = (name) => read(`tests/fixtures/corpus/${name}`);
const keys = (list) => list.map((d) => d.key);
const errors = (list) => list.filter((d) => d.severity === 'error').map((d) => d.key);

const SEED_DIAGNOSTICS = [
  {
    rule: 'W-2019-CHANGE-LARGE',
    key: 'W-2019-CHANGE-LARGE:fees',
    severity: 'warning',
    status: 'fail',
    target: 's2.fees.change',
    cells: ['s2.fees.change', 's2.fees.prev_items'],
    expected: 625,
    actual: 1452,
    delta: 827,
    message:
      '「行政事业性收费」：本年增/减 1452 超过上一年项目数量 625（增幅超过一倍）。请确认填写的是增减数，而不是本年项目总数。',
  },
  {
    rule: 'I-UNIT-IGNORED',
    key: 'I-UNIT-IGNORED:s2.procurement.projects',
    severity: 'info',
    status: 'fail',
    target: 's2.procurement.projects',
    cells: ['s2.procurement.projects'],
    expected: null,
    actual: null,
    delta: null,
    message: '「二 › 政府集中采购 › 采购项目数量」中的单位已忽略：“130774个”按 130774 计。',
  },
];

test('validate: the example report gives exactly its two findings', () => {
  const d = nb.validate(seed());
  assert.deepStrictEqual(d, SEED_DIAGNOSTICS);
  // Field order and presence are the Rust Diagnostic's (no fix/pinpoint/quote here).
  assert.deepStrictEqual(Object.keys(d[0]), [
    'rule', 'key', 'severity', 'status', 'target', 'cells', 'expected', 'actual', 'delta', 'message',
  ]);
  assert.deepStrictEqual(nb.validate(seed(), {}), SEED_DIAGNOSTICS);
  assert.deepStrictEqual(nb.validate(seed(), null), SEED_DIAGNOSTICS);
});

test('validate: English messages; numbers accepted as cell values', () => {
  const r = seed();
  r.cells['s2.fees.prev_items'] = 625;
  r.cells['s2.penalty.change'] = -346;
  r.cells['s4.review.total'] = 34;
  const d = nb.validate(r, { lang: 'en' });
  assert.deepStrictEqual(keys(d), keys(SEED_DIAGNOSTICS));
  assert.equal(
    d[0].message,
    "'administrative fees': the change 1452 is larger than last year's count 625 (more than doubling). Did you enter this year's total instead of the change?",
  );
  assert.equal(
    d[1].message,
    "Unit ignored in 'Table 2 › central government procurement › procurement projects': '130774个' counted as 130774.",
  );
});

test('validate: a wrong total gives the exact error with fix and pinpoint', () => {
  const r = seed();
  r.cells['s3.new.natural'] = '508';
  const d = nb.validate(r);
  assert.deepStrictEqual(errors(d), ['E-S3-ROW:new', 'E-S3-BALANCE:natural']);
  const row = d.find((x) => x.key === 'E-S3-ROW:new');
  assert.deepStrictEqual(row, {
    rule: 'E-S3-ROW',
    key: 'E-S3-ROW:new',
    severity: 'error',
    status: 'fail',
    target: 's3.new.total',
    cells: [
      's3.new.total', 's3.new.natural', 's3.new.commercial', 's3.new.research',
      's3.new.nonprofit', 's3.new.legal_service', 's3.new.org_other',
    ],
    expected: 551,
    actual: 550,
    delta: -1,
    message:
      '第三部分「一、本年新收政府信息公开申请数量」行：总计应为自然人与五类法人或其他组织之和 551，现填 550（差 1）。很可能是「三 › 一、本年新收政府信息公开申请数量 › 自然人」填错：改为 507 可使相关合计全部一致。',
    fix: { cell: 's3.new.total', value: 551 },
    pinpoint: { cell: 's3.new.natural', value: 507 },
  });
});

test('validate: last year\'s report enables the cross-year rules', () => {
  // 平潭 行政审批局 2023 → 2024: 现行有效件数 does not follow on (a real warning).
  const prev = parse(corpus('pingtan-shenpi-2023.html'), { kind: 'html' }).report;
  const cur = parse(corpus('pingtan-shenpi-2024.html'), { kind: 'html' }).report;
  assert.deepStrictEqual(nb.validate(cur).filter((d) => d.prev_cells), []);
  const cross = nb.validate(cur, { prev }).filter((d) => d.prev_cells);
  assert.deepStrictEqual(
    cross.map((d) => [d.key, d.severity, d.prev_cells, d.expected, d.actual]),
    [['X-2021-IN-FORCE:normative', 'warning', ['s2.normative.in_force'], 25, 21]],
  );
  // Last year's 结转下年度 changed: this year's 上年结转 no longer carries it over.
  prev.cells['s3.carried_forward.natural'] = '99';
  const carry = nb.validate(cur, { prev }).filter((d) => d.prev_cells);
  assert.deepStrictEqual(
    carry.map((d) => [d.key, d.severity, d.expected, d.actual]),
    [['X-S3-CARRY:natural', 'error', 99, 0], ['X-2021-IN-FORCE:normative', 'warning', 25, 21]],
  );
  // 平潭 whole district 2020 (gb2019) → 2021 (gb2021): across the change of format, clean.
  const p20 = parse(corpus('pingtan-qu-2020.html'), { kind: 'html' }).report;
  const q21 = parse(corpus('pingtan-qu-2021.html'), { kind: 'html' }).report;
  assert.deepStrictEqual(nb.validate(q21, { prev: p20 }), nb.validate(q21));
});

test('validate: a count beyond 2^53 is still a number, not an exception', () => {
  const d = nb.validate({
    format: 'gb2021',
    cells: { 's3.new.natural': '99999999999999999', 's3.new.total': '1' },
  });
  const row = d.find((x) => x.key === 'E-S3-ROW:new');
  assert.equal(row.expected, 99999999999999999);
  assert.equal(row.actual, 1);
});

test('formats: built once; every call returns the same deep-frozen array', () => {
  const a = nb.formats();
  assert.equal(nb.formats(), a);
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a[1]) && Object.isFrozen(a[1].cells[0]));
  assert.throws(() => {
    'use strict';
    a[1].cells[0].id = 'x';
  }, TypeError);
  assert.equal(nb.formats()[1].cells[0].id, a[1].cells[0].id);
});

test('formats: the format data a host builds a form from', () => {
  const f = nb.formats();
  assert.deepStrictEqual(f.map((x) => x.id).slice(0, 2), ['gb2019', 'gb2021']);
  const [g19, g21] = f;
  assert.equal(g19.cells.length, 198);
  assert.equal(g21.cells.length, 200);
  assert.deepStrictEqual(g21.tables.map((t) => t.id), ['s2', 's3', 's4']);
  assert.deepStrictEqual(g19.cells[0], {
    id: g19.cells[0].id,
    table: 's2',
    block: g19.cells[0].block,
    row: g19.cells[0].row,
    column: g19.cells[0].column,
    kind: 'count',
  });
  assert.equal(g19.cells[0].id, `s2.${g19.cells[0].row}.${g19.cells[0].column}`);
  // Every cell id is table.row.column of the tables' rows × columns, in order.
  for (const fmt of f) {
    const ids = [];
    for (const t of fmt.tables)
      for (const b of t.blocks)
        for (const r of b.rows) for (const c of b.columns) ids.push(`${t.id}.${r.id}.${c.id}`);
    assert.deepStrictEqual(fmt.cells.map((c) => c.id), ids, fmt.id);
  }
  const s3 = g21.tables.find((t) => t.id === 's3');
  const natural = s3.blocks[0].columns.find((c) => c.id === 'natural');
  assert.equal(natural.label, '自然人');
  assert.equal(natural.parent, null);
  assert.equal(g21.last_year, null);
  assert.equal(nb.version(), JSON.parse(read('package.json')).version);
});

test('parse: the published text of the example report', () => {
  const { report, notes } = parse(read('examples/yichun-2020.txt'), { kind: 'text' });
  assert.equal(report.format, 'gb2019');
  assert.equal(report.year, 2020);
  const want = seed().cells;
  assert.deepStrictEqual(Object.keys(report.cells).sort(), Object.keys(want).sort());
  for (const [id, raw] of Object.entries(want)) {
    assert.equal(report.cells[id].trim(), raw.trim(), id);
  }
  // Notes in Chinese by default, English with lang: 'en' (as diagnostics).
  assert.deepStrictEqual(notes, [
    { level: 'info', code: 'year', message: '报告年度：2020年（取自标题或正文）' },
  ]);
  assert.deepStrictEqual(parse(read('examples/yichun-2020.txt'), { kind: 'text', lang: 'en' }).notes, [
    { level: 'info', code: 'year', message: 'report year 2020 (from the title or text)' },
  ]);
  assert.deepStrictEqual(nb.validate(report), SEED_DIAGNOSTICS);
  // kind is guessed when absent.
  assert.deepStrictEqual(parse(read('examples/yichun-2020.txt')), { report, notes });
});

test('parse: published HTML pages (corpus) give the hand-verified results', () => {
  const cases = [
    ['pingtan-jinjing-2019.html', 'gb2019', 2019, 198, []],
    ['pingtan-shenpi-2024.html', 'gb2021', 2024, 200, ['E-S4-SUM:review']],
    ['pingtan-qu-2020.html', 'gb2019', 2020, 198, ['E-S3-RESULT:natural', 'E-S3-RESULT:total']],
  ];
  for (const [file, format, year, found, errs] of cases) {
    const { report, notes } = parse(corpus(file), { kind: 'html' });
    assert.equal(report.format, format, file);
    assert.equal(report.year, year, file);
    assert.equal(Object.keys(report.cells).length, found, file);
    assert.equal(report.missing, undefined, file);
    assert.deepStrictEqual(notes.map((n) => `${n.level}:${n.code}`), ['info:year'], file);
    assert.deepStrictEqual(errors(nb.validate(report)), errs, file);
  }
  // 规章 row absent and （六）1–3 merged: reported as missing / merged, not invented.
  const { report, notes } = parse(corpus('pingtan-shichang-2024.html'), { kind: 'html' });
  assert.equal(report.missing.length, 3);
  assert.ok(report.missing.every((c) => c.startsWith('s2.rules.')));
  assert.deepStrictEqual(notes.map((n) => `${n.level}:${n.code}`), [
    'warning:merged-rows', 'warning:merged-rows', 'warning:missing-cells', 'info:year',
  ]);
  assert.equal(notes[2].message, '二、主动公开政府信息情况：10 个单元格中有 3 个未找到（未检查）：规章');
  assert.equal(parse(corpus('pingtan-shichang-2024.html'), { kind: 'html', lang: 'en' }).notes[2].message,
    'II. Proactive disclosure: 3 of 10 cells not found (not checked): rules');
  assert.deepStrictEqual(errors(nb.validate(report)), []);
});

test('parse: Word and Excel files as bytes give the same report as their page', () => {
  const page = parse(corpus('pingtan-shenpi-2024.html'), { kind: 'html' }).report;
  const bytes = (name) => fs.readFileSync(path.join(root, 'tests/fixtures/docs', name));
  for (const [name, kind] of [['pingtan-shenpi-2024.docx', 'docx'], ['pingtan-shenpi-2024.xlsx', undefined]]) {
    const buf = bytes(name);
    // A Uint8Array (a Node Buffer is one) and an ArrayBuffer; the kind given or guessed.
    for (const input of [new Uint8Array(buf), buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length)]) {
      const { report, notes } = parse(input, kind ? { kind } : undefined);
      assert.equal(report.format, 'gb2021', name);
      assert.equal(report.year, 2024, name);
      assert.deepEqual(report.cells, page.cells, name);
      assert.deepEqual(errors(nb.validate(report)), ['E-S4-SUM:review'], name);
      assert.ok(!notes.some((n) => n.level === 'fatal'), name);
    }
  }
  // A table without title or year: format and year given.
  const md = '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 0 | 0 | 0 |\n';
  const r = parse(md, { kind: 'text', format: 'gb2021', year: 2023 }).report;
  assert.deepEqual([r.format, r.year, r.cells['s2.rules.in_force']], ['gb2021', 2023, '0']);
  // A damaged file is a fatal note.
  const cut = parse(new Uint8Array(bytes('pingtan-shenpi-2024.docx').subarray(0, 500)), { kind: 'docx' });
  assert.deepEqual(cut.notes.map((n) => [n.level, n.code]), [['fatal', 'bad-zip']]);
});

test('parse: a document without tables is a fatal note, not an exception', () => {
  const { report, notes } = parse('<p>年度报告</p>', { kind: 'html' });
  assert.equal(report.format, '');
  assert.equal(notes[0].level, 'fatal');
  assert.equal(notes[0].code, 'no-table');
  const t = parse('', { kind: 'text' });
  assert.equal(t.notes[0].level, 'fatal');
});

test('createChecker: an edit sequence reports what appeared, changed and cleared', () => {
  const c = nb.createChecker(seed());
  assert.equal(c.format, 'gb2019');
  assert.deepStrictEqual(c.diagnostics(), SEED_DIAGNOSTICS);

  const typo = c.set('s3.new.natural', '508');
  assert.deepStrictEqual(keys(typo.appeared), ['E-S3-BALANCE:natural', 'E-S3-ROW:new']);
  assert.deepStrictEqual(typo.appeared[0].pinpoint, { cell: 's3.new.natural', value: 507 });
  assert.deepStrictEqual(typo.cleared, []);
  assert.deepStrictEqual(typo.updated, []);

  assert.deepStrictEqual(c.set('s3.new.natural', '508'), { appeared: [], cleared: [], updated: [] });

  const blank = c.set('s3.new.total', '');
  assert.deepStrictEqual(keys(blank.appeared), ['E-S3-BALANCE:total', 'W-MISSING-TOTAL:s3.new.total']);
  assert.equal(blank.appeared[1].status, 'incomplete');
  assert.deepStrictEqual(blank.appeared[1].fix, { cell: 's3.new.total', value: 551 });
  assert.deepStrictEqual(keys(blank.cleared), ['E-S3-ROW:new']);
  assert.deepStrictEqual(keys(blank.updated), ['E-S3-BALANCE:natural']);
  assert.equal(blank.updated[0].pinpoint, undefined);

  c.set('s3.new.total', 550);
  const fixed = c.set('s3.new.natural', 507);
  assert.deepStrictEqual(fixed.appeared, []);
  assert.deepStrictEqual(keys(fixed.cleared), ['E-S3-BALANCE:natural', 'E-S3-ROW:new']);
  assert.deepStrictEqual(c.diagnostics(), SEED_DIAGNOSTICS);
  const r = c.report();
  assert.equal(r.cells['s3.new.natural'], '507');
  assert.equal(r.cells['s3.new.total'], '550');
  assert.deepStrictEqual(nb.validate(r), SEED_DIAGNOSTICS);
  c.free();
});

test('createChecker: from a format id or object; incremental equals full', () => {
  const c = new nb.Checker('gb2021', { lang: 'en' });
  assert.deepStrictEqual(c.report(), { format: 'gb2021', cells: {} });
  const fromFormat = nb.createChecker(nb.formats()[1]);
  assert.equal(fromFormat.format, 'gb2021');
  const edits = [
    ['s3.new.natural', '3'], ['s3.new.commercial', 1], ['s3.new.total', '5'],
    ['s3.result.granted.natural', '2'], ['s3.new.total', '4'], ['s3.new.commercial', null],
  ];
  for (const [cell, raw] of edits) {
    c.set(cell, raw);
    assert.deepStrictEqual(c.diagnostics(), nb.validate(c.report(), { lang: 'en' }), `${cell}=${raw}`);
  }
  assert.deepStrictEqual(c.report().cells, {
    's3.new.natural': '3', 's3.new.total': '4', 's3.result.granted.natural': '2',
  });
});

test('createChecker {pending}: typing a consistent report top-down shows nothing; checkAll judges the rest', () => {
  const full = JSON.parse(read('tests/fixtures/gb2021-consistent.json'));
  const c = nb.createChecker('gb2021', { pending: true });
  assert.equal(c.pending, 3);
  for (const cell of nb.formats()[1].cells.map((x) => x.id)) {
    const ch = c.set(cell, full.cells[cell]);
    assert.deepStrictEqual(ch, { appeared: [], cleared: [], updated: [] }, cell);
  }
  assert.deepStrictEqual(c.diagnostics(), []);
  assert.equal(c.pending, 0);
  const partial = nb.createChecker({ format: 'gb2021', cells: { 's3.new.natural': 12 } }, { pending: true });
  assert.deepStrictEqual(partial.diagnostics(), []);
  assert.equal(partial.pending, 4);
  const ch = partial.checkAll();
  assert.deepStrictEqual(ch.appeared.map((d) => d.key),
    ['E-S3-BALANCE:natural', 'W-EMPTY-TABLE:s2', 'W-EMPTY-TABLE:s4', 'W-MISSING-TOTAL:s3.new.total']);
  assert.deepStrictEqual(partial.diagnostics(), nb.validate(partial.report()));
  assert.equal(partial.pending, 0);
  // Off by default: checkAll changes nothing.
  assert.deepStrictEqual(nb.createChecker('gb2021').checkAll(), { appeared: [], cleared: [], updated: [] });
});

test('bad input is an Error with a clear message, never a crash', () => {
  const throws = (fn, message) => assert.throws(fn, (e) => e instanceof Error && e.message === message);
  throws(() => nb.validate(read('examples/yichun-2020.json')),
    "validate: report must be an object such as {format: 'gb2021', year: 2023, cells: {…}}, got a string (use JSON.parse for JSON text, parse() for text, HTML or TSV)");
  throws(() => nb.validate(undefined),
    "validate: report must be an object such as {format: 'gb2021', year: 2023, cells: {…}}, got undefined");
  throws(() => nb.validate({ cells: {} }), 'validate: report: missing field `format`');
  // A quoted bad value shows quotes, backslashes, controls, invisible and combining
  // characters escaped, everything else (Chinese, emoji) as it is.
  throws(() => nb.validate({ format: 'gb2021', year: 'a\u200bb\u00a0c\td"e\\f中😀\u0301\u0007' }),
    'validate: report: invalid type: string "a\\u{200b}b\\u{a0}c\\td\\"e\\\\f中😀\\u{301}\\u{7}", expected u16');
  throws(() => nb.validate({ format: 'gb2019', cells: { 's3.new.natural': true } }),
    'validate: report: invalid type: boolean `true`, expected a cell\'s text (string or number)');
  throws(() => nb.validate({ format: 'gb2019', cells: { 's9.x': '1' } }),
    'validate: unknown cell id(s) for format gb2019: s9.x');
  throws(() => nb.validate(seed(), { lang: 'fr' }), "validate: options.lang must be 'zh' or 'en', got 'fr'");
  throws(() => nb.validate(seed(), { lng: 'en' }), "validate: options: unknown option 'lng' (known: lang, prev)");
  throws(() => nb.validate(seed(), { prev: {} }), 'validate: options.prev: missing field `format`');
  throws(() => nb.validate(seed(), { pending: true }), "validate: options: unknown option 'pending' (known: lang, prev)");
  throws(() => nb.createChecker('gb2021', { pending: 'yes' }), 'createChecker: options.pending must be true or false, got a string');
  throws(() => nb.createChecker('gb2021', { pend: true }), "createChecker: options: unknown option 'pend' (known: lang, prev, pending)");
  throws(() => parse(42), "parse: input must be a string (the document's text) or a Uint8Array / ArrayBuffer (a .docx or .xlsx file's bytes), got a number");
  throws(() => parse('x', { kind: 'pdf' }), "parse: PDF is read by the command line (nianbao check FILE.pdf) only; in the browser, paste the PDF's text with kind 'text'");
  throws(() => parse('x', { kind: 'odt' }), "parse: unknown kind 'odt' (expected 'text', 'html', 'tsv', 'docx' or 'xlsx')");
  throws(() => parse('x', { kind: 'docx' }),
    "parse: a docx document is read from its bytes: pass a Uint8Array or ArrayBuffer (new Uint8Array(await file.arrayBuffer())), not a string");
  throws(() => parse('x', { year: 23 }), 'parse: options.year must be a year such as 2023, got a number');
  throws(() => parse('x', { format: 'gb2030' }), "parse: options.format: unknown format 'gb2030'");
  throws(() => parse('x', { lang: 'fr' }), "parse: options.lang must be 'zh' or 'en', got 'fr'");
  throws(() => parse('{"format":"gb2019"}'),
    'parse: JSON is not parsed here: JSON.parse the text and pass the object to validate() or createChecker()');
  throws(() => nb.createChecker([]),
    "createChecker: expected a format id such as 'gb2021', a format from formats() or a report object, got an array");
  assert.throws(() => nb.createChecker('gb1999'), /^Error: createChecker: unknown format 'gb1999' \(known: gb2019, gb2021/);
  const c = nb.createChecker('gb2019');
  throws(() => c.set('s3.nope', '1'), 'Checker.set: unknown cell id(s) for format gb2019: s3.nope');
  throws(() => c.set('s3.new.natural', {}),
    'Checker.set: the value must be a string, a finite number or null, got an object');
  throws(() => c.set('s3.new.natural', Infinity),
    'Checker.set: the value must be a string, a finite number or null, got a number');
  // Still usable afterwards.
  assert.deepStrictEqual(keys(c.set('s3.new.natural', '1').appeared), [
    'E-S3-BALANCE:natural', 'W-MISSING-TOTAL:s3.new.total',
  ]);
  // Hostile input: huge and deeply nested documents are read, not crashed on.
  const big = '<table>'.repeat(5000) + '<tr><td>1'.repeat(20000);
  assert.equal(parse(big, { kind: 'html' }).notes[0].level, 'fatal');
  assert.equal(parse('\u0000\uffff'.repeat(100000), { kind: 'text' }).notes[0].level, 'fatal');
});
