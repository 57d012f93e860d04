// The shipped browser builds (pkg/web, its importer module pkg/web-parse, pkg/widget;
// ES2019-rewritten glue) in headless Chromium: loaded the
// way a CMS page loads it (`<script type="module">`, served over HTTP), with the default
// .wasm location (found without import.meta), with an explicit one, and under a
// Content-Security-Policy with and without 'wasm-unsafe-eval'.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/serve.mjs';
import { launch } from '../e2e/browser.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A page on the test server whose HTML (and headers) we choose. */
async function pageWith(ctx, srv, html, headers = {}) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = `${srv.url}js-tests/__page.html`;
  await page.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: html }),
  );
  await page.goto(url);
  return { page, errors };
}

test('pkg/web in Chromium', async (t) => {
  const srv = await startServer(root);
  const ctx = await launch();
  t.after(async () => {
    await ctx.close();
    await srv.close();
  });

  await t.test('default init(): .wasm found next to the JS, API works', async () => {
    const { page, errors } = await pageWith(ctx, srv, '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">');
    const out = await page.evaluate(async () => {
      const nb = await import('/pkg/web/nianbao.js');
      const importer = await import('/pkg/web-parse/nianbao_parse.js');
      await Promise.all([nb.default(), importer.default()]);
      const seed = await (await fetch('/examples/yichun-2020.json')).json();
      const html = await (await fetch('/tests/fixtures/corpus/pingtan-shenpi-2024.html')).text();
      const parsed = importer.parse(html, { kind: 'html' });
      // Word and Excel files as bytes, read by the importer module itself.
      const office = [];
      for (const name of ['pingtan-shenpi-2024.docx', 'pingtan-shenpi-2024.xlsx']) {
        const bytes = new Uint8Array(await (await fetch('/tests/fixtures/docs/' + name)).arrayBuffer());
        const r = importer.parse(bytes).report;
        office.push([r.format, r.year, JSON.stringify(r.cells) === JSON.stringify(parsed.report.cells)]);
      }
      const text = importer.parse('三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3', { kind: 'text' });
      const badKind = (() => {
        try {
          importer.parse('x', { kind: 'pdf' });
          return null;
        } catch (e) {
          return [e instanceof Error, e.message];
        }
      })();
      const c = nb.createChecker(seed, { lang: 'en' });
      const change = c.set('s3.new.natural', '508');
      let error = null;
      try {
        nb.validate('{}');
      } catch (e) {
        error = [e instanceof Error, e.message];
      }
      return {
        seed: nb.validate(seed).map((d) => d.key),
        parsed: [parsed.report.format, parsed.report.year, Object.keys(parsed.report.cells).length],
        errors: nb.validate(parsed.report).filter((d) => d.severity === 'error').map((d) => d.key),
        appeared: change.appeared.map((d) => d.key),
        formats: nb.formats().length > 1,
        error,
        text: [text.report.cells['s3.new.natural'], text.report.cells['s3.new.total']],
        office,
        badKind,
        // Each module has its own exports: the API has no importer, the importer no checker.
        exports: [Object.keys(nb).sort(), Object.keys(importer).sort()],
      };
    });
    assert.deepStrictEqual(out, {
      seed: ['W-2019-CHANGE-LARGE:fees', 'I-UNIT-IGNORED:s2.procurement.projects'],
      parsed: ['gb2021', 2024, 200],
      errors: ['E-S4-SUM:review'],
      appeared: ['E-S3-BALANCE:natural', 'E-S3-ROW:new'],
      formats: true,
      error: [
        true,
        "validate: report must be an object such as {format: 'gb2021', year: 2023, cells: {…}}, got a string (use JSON.parse for JSON text, parse() for text, HTML or TSV)",
      ],
      text: ['3', '3'],
      office: [['gb2021', 2024, true], ['gb2021', 2024, true]],
      badKind: [true, "parse: PDF is read by the command line (nianbao check FILE.pdf) only; in the browser, paste the PDF's text with kind 'text'"],
      exports: [
        ['Checker', 'createChecker', 'default', 'formats', 'initSync', 'validate', 'version'],
        ['default', 'initSync', 'pairReports', 'parse', 'version'],
      ],
    });
    assert.deepStrictEqual(errors, []);
  });

  await t.test('explicit module_or_path; a module script tag', async () => {
    const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
      <script type="module">
        import init, { validate } from '/pkg/web/nianbao.js';
        await init({ module_or_path: '/pkg/web/nianbao_bg.wasm' });
        document.title = String(validate({ format: 'gb2021', cells: { 's3.new.natural': '1', 's3.new.total': '1' } }).length);
      </script>`;
    const { page, errors } = await pageWith(ctx, srv, html);
    await page.waitForFunction(() => document.title !== '');
    // A blank gb2021 report with two filled cells: the whole tables left empty are warned about.
    const expected = await page.evaluate(async () => {
      const nb = await import('/pkg/web/nianbao.js');
      return nb.validate({ format: 'gb2021', cells: { 's3.new.natural': '1', 's3.new.total': '1' } }).length;
    });
    assert.equal(await page.title(), String(expected));
    assert.ok(expected > 0);
    assert.deepStrictEqual(errors, []);
  });

  await t.test("CSP: 'wasm-unsafe-eval' (or the older 'unsafe-eval') is needed and enough", async () => {
    const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
      <script type="module">
        import init, { version } from '/pkg/web/nianbao.js';
        init().then(() => { document.title = 'ok ' + version(); },
                    (e) => { document.title = 'failed: ' + e.name; });
      </script>`;
    const allowed = await pageWith(ctx, srv, html, {
      'Content-Security-Policy': "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
    });
    await allowed.page.waitForFunction(() => document.title !== '');
    assert.equal(await allowed.page.title(), 'ok 0.1.0');

    const old = await pageWith(ctx, srv, html, {
      'Content-Security-Policy': "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    });
    await old.page.waitForFunction(() => document.title !== '');
    assert.equal(await old.page.title(), 'ok 0.1.0');

    const blocked = await pageWith(ctx, srv, html, {
      'Content-Security-Policy': "default-src 'self'; script-src 'self' 'unsafe-inline'",
    });
    await blocked.page.waitForFunction(() => document.title !== '');
    assert.equal(await blocked.page.title(), 'failed: CompileError');
  });
  await t.test('pkg/widget: the API plus attach; pkg/web carries no widget', async () => {
    const { page, errors } = await pageWith(ctx, srv, `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
      <form><table>
        <tr><td>维持</td><td><input data-nianbao-cell="s4.review.upheld"></td></tr>
        <tr><td>纠正</td><td><input data-nianbao-cell="s4.review.corrected"></td></tr>
        <tr><td>其他</td><td><input data-nianbao-cell="s4.review.other"></td></tr>
        <tr><td>尚未审结</td><td><input data-nianbao-cell="s4.review.pending"></td></tr>
        <tr><td>总计</td><td><input data-nianbao-cell="s4.review.total"></td></tr>
      </table></form>`);
    const out = await page.evaluate(async () => {
      const api = await import('/pkg/web/nianbao.js');
      const nb = await import('/pkg/widget/nianbao.js');
      await nb.default();
      const h = nb.attach('form', { format: 'gb2021', panel: 'none', deferNewErrors: false });
      const inputs = [...document.querySelectorAll('input')];
      // Fields not on the form are not checked: only the review row's identity applies.
      ['3', '1', '0', '0', '5'].forEach((v, i) => {
        inputs[i].value = v;
        inputs[i].dispatchEvent(new Event('input', { bubbles: true }));
      });
      return {
        webHasAttach: 'attach' in api,
        bound: h.bound.map((b) => [b.cell, b.via]),
        errors: h.diagnostics().filter((d) => d.severity === 'error').map((d) => [d.key, d.expected, d.actual]),
        invalid: inputs.map((el) => el.getAttribute('aria-invalid')),
        values: inputs.map((el) => el.value),
      };
    });
    assert.deepStrictEqual(out, {
      webHasAttach: false,
      bound: [
        ['s4.review.upheld', 'data'], ['s4.review.corrected', 'data'], ['s4.review.other', 'data'],
        ['s4.review.pending', 'data'], ['s4.review.total', 'data'],
      ],
      errors: [['E-S4-SUM:review', 4, 5]],
      invalid: ['true', 'true', 'true', 'true', 'true'],
      values: ['3', '1', '0', '0', '5'],
    });
    assert.deepStrictEqual(errors, []);
  });
  await t.test('error messages for bad input are the same as in the Node build', async () => {
    // The browser builds compile Rust's `{:?}` to nothing (-Zfmt-debug=none): every message
    // that quotes a JS value must still name it.
    const cases = `(() => {
      const named = function cellText() {};
      const err = new TypeError('boom');
      err.stack = 'at x';
      return [
        { format: 'gb2021', year: '2023\\'"x\\u0301' }, { format: 'gb2021', year: Symbol('s') },
        { format: 'gb2021', year: Symbol() }, { format: 'gb2021', year: named },
        { format: 'gb2021', year: () => 1 }, { format: 'gb2021', year: { a: [1, 'b'] } },
        { format: 'gb2021', year: new Map() }, { format: 'gb2021', year: [1, 'a', null] },
        { format: 'gb2021', year: 10n }, { format: 'gb2021', year: 2023.5 }, { format: 'gb2021', year: err },
        { format: 'gb2021', cells: { 's3.new.natural': [1] } }, { format: 'gb2021', cells: { 's3.new.natural': {} } },
        { format: 'gb2021', cells: 5 }, { format: 5 }, { format: 'gb2021', missing: 'x' }, { cells: {} },
      ];
    })()`;
    const run = (nb, list) => list.map((r) => {
      try {
        nb.validate(r);
        return 'no error';
      } catch (e) {
        return e.message;
      }
    });
    const { createRequire } = await import('node:module');
    const node = createRequire(import.meta.url)('../js/node.cjs');
    const expected = run(node, eval(cases));
    const { page, errors } = await pageWith(ctx, srv, '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">');
    const got = await page.evaluate(async ([src, runSrc]) => {
      const nb = await import('/pkg/web/nianbao.js');
      await nb.default();
      return eval(runSrc)(nb, eval(src));
    }, [cases, run.toString()]);
    assert.deepStrictEqual(got, expected);
    assert.ok(expected.some((m) => m.includes('string "2023\'\\"x\\u{301}"')), expected.join('\n'));
    assert.ok(expected.includes('validate: report: invalid type: JsValue(Symbol(s)), expected u16'), expected.join('\n'));
    assert.deepStrictEqual(errors, []);
  });
});
