import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

/**
 * The CDN builds as a CDN serves them: the bytes on disk, untouched by the dev server's transforms (which would add a
 * source map), so that their integrity values hold. Before the plugins, which would transform the response.
 */
async function cdnAsBuilt(context, next) {
  const file = /^\/test-results\/(cdn|cdn-copy)\/((?:chunks\/(?:all\/)?)?[\w-]+\.js)$/.exec(context.path);
  if (!file) return next();
  context.type = 'text/javascript';
  context.body = await readFile(join('test-results', file[1], file[2])).catch(() => {
    context.status = 404;
    return '';
  });
}

export default {
  files: ['test/elements/**/*.test.ts'],
  port: await freePort(),
  concurrency: 1,
  concurrentBrowsers: 1,
  // Each test's own limit; generous, since CI machines are shared: a wait inside a test stays well below it.
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  middleware: [cdnAsBuilt],
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
