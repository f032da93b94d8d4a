import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a TypeScript server script in its own process and waits for the line that says where it listens. */
async function spawnListening(
  script: string,
  cwd: string,
  env: Record<string, string>,
  listening: RegExp,
  cleanup = async () => {},
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--conditions=ix-source', '--import', 'tsx', script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = listening.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening: ${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await cleanup();
    },
  };
}

/**
 * The backend as `npm start` runs it (its own process, the default settings unless `env` says otherwise, the demo
 * company seeded), on a free port and a fresh data folder: a bench's clients then do not share its event loop.
 * `nodeArgs` go to node (`--cpu-prof`, say).
 */
export async function startBackendProcess(
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ix-bench-backend-'));
  return spawnListening(
    'index.ts',
    fileURLToPath(new URL('../../server/', import.meta.url)),
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: join(dataDir, 'none'),
      NODE_ENV: 'development',
      ...env,
    },
    /Interop backend on (http:\/\/\S+)/,
    () => rm(dataDir, { recursive: true, force: true }),
    nodeArgs,
  );
}

/** The bare socket.io relay (bench/support/relay.ts) in its own process. */
export function startRelayProcess(): Promise<ServerProcess> {
  return spawnListening('relay.ts', fileURLToPath(new URL('.', import.meta.url)), {}, /relay on (http:\/\/\S+)/);
}
