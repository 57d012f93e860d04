/*! nianbao drop-in, document-reading part (MIT License): nianbao.parse, nianbao.pairReports. Load after nianbao.js. */
/* nianbao drop-in, document-reading part: parse() and pairReports() (Rust/WebAssembly, MIT License).
 *
 *   <script src="nianbao.js"></script>
 *   <script src="nianbao-parse.js"></script>
 *
 * Only for pages that read documents (text, HTML, TSV, JSON, .docx, .xlsx): the drop-in
 * `nianbao.js` checks forms and editors by itself and carries no document reader. This file
 * adds `nianbao.parse` and `nianbao.pairReports` (the importer module, inlined like the
 * drop-in's) to the global `nianbao`, and `nianbao.ready` then waits for both parts. Load it
 * after nianbao.js (in either order, `ready` covers both). ES5 like the drop-in; the drop-in
 * shows the notice when the browser cannot run either.
 */
(function (window) {
  'use strict';

  var NS = window.nianbao || {};
  if (NS.__nianbao_parse_loaded) return;
  window.nianbao = NS;
  try {
    Object.defineProperty(NS, '__nianbao_parse_loaded', { value: true });
  } catch (e) {
    NS.__nianbao_parse_loaded = true;
  }
  function noop() {}
  if (
    typeof WebAssembly !== 'object' ||
    typeof WebAssembly.instantiate !== 'function' ||
    typeof Promise !== 'function' ||
    typeof Uint8Array !== 'function' ||
    typeof TextDecoder !== 'function' ||
    typeof TextEncoder !== 'function'
  ) {
    return; /* nianbao.js says why */
  }

  /* The importer module's wasm-bindgen glue, compiled to ES5 syntax at build time. */
  '@@NIANBAO_GLUE@@';
  var WASM = '@@NIANBAO_WASM@@';
  var WASM_META = '@@NIANBAO_WASM_META@@';

  /* unpack(base64, meta, part, imports): the loader js/dropin.js uses too (js/dropin-load.js). */
  '@@NIANBAO_LOADER@@';

  var api;
  try {
    api = __nianbao_glue();
  } catch (e) {
    return;
  }
  var mine = unpack(WASM, WASM_META, 'parse', api.__imports())
    .then(function (r) {
      api.__finalize(r.instance, r.module);
      NS.parse = api.parse;
      NS.pairReports = api.pairReports;
    });
  // nianbao.js, loaded after this file, joins its own promise to this one the same way.
  var before = NS.ready;
  NS.ready = (before ? Promise.all([before, mine]) : mine).then(function () {
    return NS;
  });
  NS.ready['catch'](noop);
})(window);
