// The backend suite once more with every harness on PostgreSQL (TEST_DATABASE=postgres): every test on both engines.
// The multi-node tests already ran on PostgreSQL in the first pass. Without a server to use it says so and stops;
// CI has one (.ci/run starts it) and must not skip.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const testDir = fileURLToPath(new URL('..', import.meta.url));
if (!process.env.TEST_POSTGRES_URL) {
  if (process.env.CI) {
    console.error(
      'CI must run the backend suite on PostgreSQL: TEST_POSTGRES_URL is not set (.ci/run starts a server)',
    );
    process.exit(1);
  }
  console.log(
    'Backend suite on PostgreSQL skipped: set TEST_POSTGRES_URL to a server whose user may create databases.',
  );
  process.exit(0);
}
const files = readdirSync(testDir)
  .filter((name) => name.endsWith('.test.ts') && !name.startsWith('multi-node'))
  .sort()
  .map((name) => `test/${name}`);
const run = spawn(
  process.execPath,
  ['--conditions=ix-source', '--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, TEST_DATABASE: 'postgres' },
    stdio: 'inherit',
  },
);
run.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
