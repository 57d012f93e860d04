// Every entry of the package, type-checked by `tsc` with its default options (e2e/bundlers.test.mjs).
import init, { validate, createChecker, Diagnostic, InitInput } from 'nianbao';
import initParse, { parse, ParseResult } from 'nianbao/parse';
import initWidget, { attach, AttachHandle } from 'nianbao/widget';
import * as web from 'nianbao/web';
import * as parseWeb from 'nianbao/parse/web';
import * as widgetWeb from 'nianbao/widget/web';
import * as node from 'nianbao/node';

const where: InitInput = '/static/nianbao_bg.wasm';
init(where).then(() => initParse()).then(() => initWidget()).then(() => {
  const d: Diagnostic[] = validate({ format: 'gb2021', cells: { 's3.new.natural': 1 } }, { lang: 'en' });
  const n: number = createChecker('gb2021').pending;
  const r: ParseResult = parse('x', { kind: 'text' });
  const h: AttachHandle = attach('form', { panel: 'right' });
  const same: typeof validate[] = [web.validate, widgetWeb.validate, node.validate];
  const p: typeof parse = parseWeb.parse;
  // @ts-expect-error typed, not any
  const wrong: string = d[0].expected;
  return [d, n, r, h, same, p, wrong];
});
