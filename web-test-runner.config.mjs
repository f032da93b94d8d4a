import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { backendPlugin } from './test/support/backend-plugin.ts';

// Debian's Chromium, never a downloaded one; a fresh profile per run.
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(`No Chromium at ${chromium}: install it (Debian: apt-get install chromium) or set CHROME_PATH.`);
}
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
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      },
    }),
  ],
};
