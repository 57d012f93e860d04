// Type-checked by js-tests/types.test.mjs (tsc --strict --noEmit); never run.
import init, {
  validate, formats, createChecker, Checker, version,
  Diagnostic, Report, ReportInput, Options, Change, Format, ParseResult, Severity,
} from '../../js/nianbao';
import initParse, { parse, pairReports, Pairing } from '../../js/parse';

async function main(): Promise<void> {
  await init();
  await init({ module_or_path: '/static/nianbao_bg.wasm' });
  await initParse({ module_or_path: '/static/nianbao_parse_bg.wasm' });
  const report: ReportInput = { format: 'gb2021', year: 2023, cells: { 's3.new.natural': 3, 's3.new.total': '3' } };
  const opts: Options = { lang: 'en', prev: null };
  const ds: Diagnostic[] = validate(report, opts);
  const sev: Severity = ds[0].severity;
  const fixValue: number | undefined = ds[0].fix?.value;
  const expected: number | null = ds[0].expected;
  const parsed: ParseResult = parse('<table></table>', { kind: 'html' });
  const r: Report = parsed.report;
  const pairs: Pairing[] = pairReports([r, { title: 'x', year: 2020 }]);
  const prevIndex: number | null = pairs[0].prev;
  void prevIndex;
  const cells: Record<string, string> = r.cells;
  const fs: Format[] = formats();
  const ids: string[] = fs[0].cells.map((c) => c.id);
  const checker: Checker = createChecker('gb2021', { lang: 'zh' });
  const c2 = new Checker(fs[1]);
  const ch: Change = checker.set('s3.new.natural', 1);
  checker.set('s3.new.natural', null);
  const appeared: Diagnostic[] = ch.appeared;
  const fmt: string = c2.format;
  c2.free();
  const v: string = version();
  void [sev, fixValue, expected, cells, ids, appeared, fmt, v, checker.report(), checker.diagnostics()];

  // @ts-expect-error lang is 'zh' | 'en'
  validate(report, { lang: 'fr' });
  // @ts-expect-error unknown option
  validate(report, { lng: 'en' });
  // @ts-expect-error a report needs its format
  validate({ cells: {} });
  // @ts-expect-error kind is 'text' | 'html' | 'tsv' | 'docx' | 'xlsx'
  parse('x', { kind: 'pdf' });
  parse(new Uint8Array(4), { kind: 'xlsx', format: 'gb2021', year: 2023 });
  // @ts-expect-error set takes a cell id string
  checker.set(5, '1');
  // @ts-expect-error severity is a union, not any string
  const bad: Severity = 'fatal';
  // @ts-expect-error results are typed, not any
  const n: number = validate(report)[0].message;
  void [bad, n];
}
void main;
