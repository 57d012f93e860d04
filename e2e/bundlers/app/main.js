// An app as a JavaScript developer writes it: the three browser entries of the packed npm
// package, each with its `await init()` and no bundler configuration. Results go to
// window.__result for e2e/bundlers.test.mjs.
import init, { validate, createChecker, version } from 'nianbao';
import initParse, { parse } from 'nianbao/parse';
import initWidget, { attach } from 'nianbao/widget';

async function run() {
  await Promise.all([init(), initParse(), initWidget()]);
  const errors = validate({ format: 'gb2021', cells: { 's3.new.natural': '1', 's3.new.total': '2' } })
    .filter((d) => d.severity === 'error')
    .map((d) => d.key);
  const checker = createChecker('gb2021');
  const format = checker.format;
  checker.free();
  let freed = null;
  try {
    checker.set('s3.new.natural', '1');
  } catch (e) {
    freed = e.message;
  }
  const parsed = parse('<table><tr><td>规章</td><td>1</td></tr></table>', { kind: 'html' }).report.cells;
  const handle = attach('#report', {
    format: 'gb2021',
    map: { 's3.new.natural': '#natural', 's3.new.total': '#total' },
    pending: false,
    lang: 'en',
  });
  window.__handle = handle;
  window.__result = {
    errors,
    format,
    freed,
    parsed,
    version: version(),
    attached: handle.attached,
    bound: handle.bound.map((b) => b.cell).sort(),
  };
}

run().catch((e) => {
  window.__result = { failed: String((e && e.stack) || e) };
});
