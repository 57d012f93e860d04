// Node, ES module: `import init, { validate } from 'nianbao'`. The exports of the browser
// entries (the Node build also has `parse`, which is `nianbao/parse`'s, as in the browser).
// `init()` is a no-op kept so that code written for the browser entry (`await init()`) runs
// unchanged.
export { validate, formats, createChecker, Checker, version } from '../pkg/node/nianbao.js';

export default function init() {
  return Promise.resolve();
}
export { init };
