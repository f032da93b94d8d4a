import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startHarness } from './harness.js';

test('a busy port is one log line that names PORT, and the process ends', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  const dataDir = await mkdtemp(join(tmpdir(), 'ix-port-'));
  try {
    const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(
        process.execPath,
        ['--conditions=ix-source', '--import', 'tsx', join(import.meta.dirname, '..', 'index.ts')],
        {
          env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
          timeout: 60_000,
        },
        (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
      ),
    );
    assert.equal(result.code, 1);
    // Logs are JSON lines (pino): the last one says what to change.
    const last = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { level: number; msg: string; node: string };
    assert.equal(
      last.msg,
      `Port ${port} on 127.0.0.1 is in use: stop what uses it, or set PORT to another port (PORT=3001 npm start).`,
    );
    assert.equal(last.level, 50, 'logged as an error');
    assert.ok(last.node, 'naming the node');
  } finally {
    blocker.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a production backend starts empty: no demo company, no development login', async () => {
  const h = await startHarness({ production: true });
  try {
    assert.equal(await h.server.stores.corps.getCorp('acme'), undefined);
    const { rows } = await h.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM corps');
    assert.equal(rows[0]!.n, 0);
  } finally {
    await h.close();
  }
});
