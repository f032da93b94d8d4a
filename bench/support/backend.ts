import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BackendProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The backend as `npm start` runs it (its own process, the default settings unless `env` says otherwise, the demo
 * company seeded), on a free port and a fresh data folder: a bench's clients then do not share its event loop.
 */
export async function startBackendProcess(env: Record<string, string> = {}): Promise<BackendProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ix-bench-backend-'));
  const child = spawn(process.execPath, ['--conditions=ix-source', '--import', 'tsx', 'index.ts'], {
    cwd: fileURLToPath(new URL('../../server/', import.meta.url)),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'none'), NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Interop backend on (http:\/\/\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`the backend exited (${code}) before listening: ${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
