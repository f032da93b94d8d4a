import { mkdtempSync, rmSync } from 'node:fs';
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

export default {
  files: ['test/elements/**/*.test.ts'],
  port: 8765,
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 20000 } },
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
