// Default entry for bundlers and the "browser"/"import" conditions: the wasm-pack `bundler`
// build (webpack 5 `experiments.asyncWebAssembly`, vite-plugin-wasm, …), which instantiates the
// module asynchronously while the bundle loads. `init()` exists so that the same code works
// with every entry: `import init, { validate } from 'nianbao'; await init();`.
export * from '../pkg/bundler/nianbao.js';

export default function init() {
  return Promise.resolve();
}
