'use strict';
// Node, CommonJS: `const nianbao = require('nianbao')`. The module is compiled synchronously
// when this file loads (fine in Node). The exports of the browser entries: `parse` is
// `nianbao/parse`'s (parse-node.cjs), as in the browser. `init()` is a no-op kept so that code
// written for the browser entry (`await init()`) runs unchanged.
const wasm = require('../pkg/node/nianbao.js');

function init() {
  return Promise.resolve();
}

module.exports = {
  validate: wasm.validate,
  formats: wasm.formats,
  createChecker: wasm.createChecker,
  Checker: wasm.Checker,
  version: wasm.version,
  init: init,
  default: init,
};
