import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const MAX_LINES = 400;

/** A file over this is a sign that a controller or a part wants out (CONVENTIONS.md): kept true by this test. */
test(`no source file in src/ or server/ is over ${MAX_LINES} lines`, async () => {
  const over: string[] = [];
  for (const dir of ['src', 'server']) {
    const files = (await readdir(join(root, dir), { recursive: true })).filter(
      (file) => /\.(ts|mjs|js)$/.test(file) && !file.includes('node_modules'),
    );
    assert.ok(files.length > 10, `${dir} has its sources`);
    for (const file of files) {
      const lines = (await readFile(join(root, dir, file), 'utf8')).split('\n').length - 1;
      if (lines > MAX_LINES) over.push(`${dir}/${file}: ${lines}`);
    }
  }
  assert.deepEqual(over, []);
});
