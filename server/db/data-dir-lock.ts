import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims a data folder for this process. PGlite is a single-process database: two backends on one folder would
 * corrupt it, so a second start fails with a clear message. A lock left by a killed process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'server.lock');
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new Error(`The data folder ${dataDir} is in use by process ${holder}; stop it or set another DATA_DIR`, {
          cause: error,
        });
      }
      rmSync(path, { force: true });
    }
  }
  return () => rmSync(path, { force: true });
}
