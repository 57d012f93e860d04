// `nianbao/parse` for bundlers and the "browser"/"import" conditions: the importer module
// (pkg/bundler-parse, its own .wasm), kept apart from the API so that pages which only check
// forms never load it. `init()` exists so that the same code works with every entry.
export * from '../pkg/bundler-parse/nianbao_parse.js';

export default function init() {
  return Promise.resolve();
}
