// The Node-facing entries type-check without the DOM lib (`tsc --lib es2020`, no @types).
import init, { validate, Diagnostic } from 'nianbao';
import { parse, Note } from 'nianbao/parse';

init(new Uint8Array(0)).then(() => {
  const d: Diagnostic[] = validate({ format: 'gb2021', cells: {} });
  const n: Note[] = parse('x').notes;
  return [d, n];
});
