import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { backendPlugin } from './test/support/backend-plugin.ts';
import { CHROMIUM_ARGS, chromiumPath } from './test/support/chromium.ts';

// Debian's Chromium, never a downloaded one; a fresh profile per run.
const chromium = chromiumPath();
const profile = mkdtempSync(join(tmpdir(), 'ix-chromium-'));
process.on('exit', () => rmSync(profile, { recursive: true, force: true }));

/** A port nothing listens on now, so two runs (or a run beside anything else) never collide. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

export default {
  files: ['test/elements/**/*.test.ts'],
  port: await freePort(),
  concurrency: 1,
  concurrentBrowsers: 1,
  // Each test's own limit; generous, since CI machines are shared: a wait inside a test stays well below it.
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), backendPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        userDataDir: profile,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
