// Node, ES module: `import init, { validate } from 'nianbao'`. Node finds the CommonJS build's
// named exports (`exports.validate = …`) statically, so `export *` carries every one of them
// (js-tests checks none is missing). `init()` is a no-op kept so that code written for the
// browser entry (`await init()`) runs unchanged.
export * from '../pkg/node/nianbao.js';

export default function init() {
  return Promise.resolve();
}
export { init };
