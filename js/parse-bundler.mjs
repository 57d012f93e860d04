// `nianbao/parse` for bundlers and the "browser"/"import" conditions: the importer module
// (pkg/web-parse, its own .wasm), kept apart from the API so that pages which only check forms
// never load it. Bundler flavour of its glue, as in js/bundler.mjs; `await init()` once.
export * from '../pkg/web-parse/nianbao_parse.bundler.js';
export { default } from '../pkg/web-parse/nianbao_parse.bundler.js';
