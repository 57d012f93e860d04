// The README's "JavaScript API" examples run as written (against the Node build, from the
// repository root) and print exactly their `// prints:` lines.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('\n## JavaScript API'));
const next = section.indexOf('\n## ', 4);
const api = next < 0 ? section : section.slice(0, next);
const blocks = [...api.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
const entry = pathToFileURL(path.join(root, 'js/node.mjs')).href;
const parseEntry = pathToFileURL(path.join(root, 'js/parse-node.mjs')).href;

test('README JavaScript API examples', async (t) => {
  assert.ok(blocks.length >= 5, `found ${blocks.length} examples`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-readme-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [i, code] of blocks.entries()) {
    await t.test(`example ${i + 1}: ${code.split('\n').find((l) => /[a-z]\(/.test(l) && !l.startsWith('import')) ?? ''}`, () => {
      assert.match(code, /from 'nianbao'/);
      const file = path.join(dir, `example-${i + 1}.mjs`);
      fs.writeFileSync(file, code
        .replaceAll("from 'nianbao'", `from ${JSON.stringify(entry)}`)
        .replaceAll("from 'nianbao/parse'", `from ${JSON.stringify(parseEntry)}`));
      const want = code
        .split('\n')
        .filter((l) => l.startsWith('// prints: '))
        .map((l) => l.slice('// prints: '.length));
      const got = execFileSync('node', [file], { cwd: root, encoding: 'utf8' }).trimEnd().split('\n');
      assert.deepStrictEqual(got, want);
    });
  }
});
