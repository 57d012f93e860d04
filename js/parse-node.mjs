// `nianbao/parse` in Node, ES module. Node has one build with every export (pkg/node); this
// entry gives its `parse` and `pairReports`, so code written for the browser's separate importer module runs
// unchanged. `init()` is a no-op, as in the API entry.
export { parse, pairReports, version } from '../pkg/node/nianbao.js';

export default function init() {
  return Promise.resolve();
}
export { init };
