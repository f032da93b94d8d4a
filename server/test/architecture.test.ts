import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..');

/** The backend's modules (not its tests) with the modules each imports. */
async function imports(): Promise<Map<string, string[]>> {
  const files = (await readdir(root, { recursive: true }))
    .filter((file) => file.endsWith('.ts') && !file.startsWith('node_modules') && !file.startsWith('test/'));
  const result = new Map<string, string[]>();
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8');
    result.set(relative(root, join(root, file)), [...text.matchAll(/^(?:import|export) (?:[^;]*? from )?'([^']+)';/gms)].map((match) => match[1]!));
  }
  return result;
}

test('the backend takes the protocol from the kit’s public exports, never from its sources', async () => {
  for (const [file, specifiers] of await imports()) {
    assert.deepEqual(specifiers.filter((specifier) => specifier.includes('/src/')), [], file);
  }
});

test('stores and handlers do not call the CRM; the HTTP layer does not reach into the socket layer', async () => {
  for (const [file, specifiers] of await imports()) {
    const dir = file.split('/')[0];
    if (dir !== 'crm' && file !== 'app.ts') assert.deepEqual(specifiers.filter((specifier) => specifier.includes('/crm/')), [], file);
    if (dir === 'http') assert.deepEqual(specifiers.filter((specifier) => specifier.includes('/socket/')), [], file);
  }
});
