// The `nianbao:diagnostics` event's detail: scripts/build-wasm.sh appends this file to the
// widget's glue, whose `__nbDetail` import it defines.
//
// The widget writes the detail as one JSON text; it is parsed when a listener first reads a
// field, not on every keystroke (most have no listener that reads it, and a form with many
// findings would parse them all each time). The fields are own enumerable properties, so
// `JSON.stringify`, spread and `structuredClone` see them as before; each read gives the same
// value, also through a proxy (Vue's `reactive`: the getters find the text by a symbol key,
// not by the object's identity), and assigning a field makes it a plain data property.
const nbDetailKey = Symbol('nianbao detail');
const nbDetailProps = {};
['diagnostics', 'appeared', 'cleared', 'updated', 'errors', 'warnings', 'format'].forEach(function (k) {
  nbDetailProps[k] = {
    enumerable: true,
    configurable: true,
    get: function () {
      const held = this[nbDetailKey];
      if (held === undefined) return undefined;
      if (held.parsed === undefined) held.parsed = JSON.parse(held.text);
      return held.parsed[k];
    },
    set: function (value) {
      Object.defineProperty(this, k, { value: value, writable: true, enumerable: true, configurable: true });
    },
  };
});
function __nbDetail(text) {
  const detail = {};
  // Not enumerable: no copy, `JSON.stringify` or `Object.keys` sees it. Writable and
  // configurable, so a proxy may answer it with a proxy of its own (Vue's deep `reactive`).
  Object.defineProperty(detail, nbDetailKey, { value: { text: text, parsed: undefined }, writable: true, configurable: true });
  return Object.defineProperties(detail, nbDetailProps);
}
