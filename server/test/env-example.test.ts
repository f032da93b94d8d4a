import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parseEnv } from 'node:util';
import { envSchema, loadConfig } from '../config.js';

test('.env.example lists every setting the backend reads, each with its default, and is a valid configuration', async () => {
  const example = parseEnv(await readFile(new URL('../.env.example', import.meta.url), 'utf8'));
  assert.deepEqual(Object.keys(example).sort(), Object.keys(envSchema.shape).sort());
  // As shipped it changes nothing but production mode: every value written there is the default.
  const same = (env: NodeJS.ProcessEnv) => JSON.parse(JSON.stringify(loadConfig({ ...env, NODE_ID: 'node-1' })));
  assert.deepEqual(same(example), same({ NODE_ENV: 'production' }));
});
