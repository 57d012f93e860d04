// The `nianbao:diagnostics` event's detail: scripts/build-wasm.sh appends this file to the
// widget's glue, whose `__nbDetail` import it defines.
//
// The widget writes the detail as one JSON text; it is parsed when a listener first reads a
// field, not on every keystroke (most have no listener that reads it, and a form with many
// findings would parse them all each time). The fields are own enumerable properties, so
// `JSON.stringify`, spread and `structuredClone` see them as before; each read gives the same
// value, and assigning a field makes it a plain data property.
const nbDetailText = new WeakMap();
const nbDetailProps = {};
['diagnostics', 'appeared', 'cleared', 'updated', 'errors', 'warnings', 'format'].forEach(function (k) {
  nbDetailProps[k] = {
    enumerable: true,
    configurable: true,
    get: function () {
      let v = nbDetailText.get(this);
      if (typeof v === 'string') {
        v = JSON.parse(v);
        nbDetailText.set(this, v);
      }
      return v === undefined ? undefined : v[k];
    },
    set: function (value) {
      Object.defineProperty(this, k, { value: value, writable: true, enumerable: true, configurable: true });
    },
  };
});
function __nbDetail(text) {
  const detail = {};
  nbDetailText.set(detail, text);
  return Object.defineProperties(detail, nbDetailProps);
}
