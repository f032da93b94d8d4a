import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface NodeProcess {
  url: string;
  child: ChildProcess;
  /** Everything it logged so far (JSON lines). */
  output(): string;
  /** As a crash would (SIGKILL): no drain, no goodbye. */
  kill(): Promise<void>;
  /** As an orchestrator would (SIGTERM): it drains, then exits. */
  stop(): Promise<void>;
}

/** Starts `server/index.ts` as its own process with `env`, and resolves once it listens. */
export function startNodeProcess(env: Record<string, string>): Promise<NodeProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=ix-source', '--import', 'tsx', fileURLToPath(new URL('../../index.ts', import.meta.url))],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const onData = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = once(child, 'exit');
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`backend did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /Interop backend on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve({ url: match[1]!, child, output: () => output, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') });
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`backend exited with ${code}:\n${output}`));
    });
  });
}
