'use strict';
// `nianbao/parse` in Node, CommonJS: `const { parse } = require('nianbao/parse')`. The Node
// build has every export; this entry gives its `parse` (see parse-node.mjs).
const wasm = require('../pkg/node/nianbao.js');

function init() {
  return Promise.resolve();
}

module.exports = { parse: wasm.parse, pairReports: wasm.pairReports, version: wasm.version, init: init, default: init };
