import { readFile, writeFile } from 'node:fs/promises';

/**
 * A committed file that a script writes (the README's size table, the React wrappers): on a developer's machine it is
 * rewritten when it differs; under CI it is left alone and reported stale, so that a commit cannot forget it.
 */
export async function keepGenerated(path: string | URL, content: string): Promise<'same' | 'written' | 'stale'> {
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current === content) return 'same';
  if (process.env.CI) return 'stale';
  await writeFile(path, content);
  return 'written';
}
