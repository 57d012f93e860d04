'use strict';
// Node, CommonJS: `const nianbao = require('nianbao')`. The module is compiled synchronously
// when this file loads (fine in Node); `init()` is a no-op kept so that code written for the
// browser entry (`await init()`) runs unchanged.
const wasm = require('../pkg/node/nianbao.js');

function init() {
  return Promise.resolve();
}

module.exports = Object.assign({}, wasm, { init: init, default: init });
