// Default entry for bundlers and the "browser"/"import" conditions: the browser build's glue in
// its bundler flavour, which locates the module with `new URL('nianbao_bg.wasm',
// import.meta.url)`, the pattern webpack 5 and Vite (build, and dev server even when it
// pre-bundles) follow with no configuration. Call `await init()` once before anything else.
export * from '../pkg/web/nianbao.bundler.js';
export { default } from '../pkg/web/nianbao.bundler.js';
