import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestRunnerPlugin } from '@web/test-runner';
import { startHarness, type Harness } from '@interop-kit/server/testing';
import { hostPageHtml } from './host-page.js';

const ADMIN = fileURLToPath(new URL('../../server/admin.ts', import.meta.url));
export const GO_LIVE_CORP = 'golive';

interface GoLive {
  harness: Harness;
  /** The company's write-scoped API key: only "its server" (the runner, see `serve`) holds it. */
  key: string;
  /** What the operator saw, command by command. */
  transcript: string[];
}

/** `npm run admin -- …` as an operator runs it, in its own process, on the production backend's data folder. */
function admin(dataDir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--conditions=ix-source', '--import', 'tsx', ADMIN, ...args],
      { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'production' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`admin ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
}

/**
 * The "Go live" acceptance scenario: a production backend on a fresh data folder, onboarded only through the operator
 * CLI (a company with the test pages' origin, two employees, a catalog, a write key), a company server that mints
 * employee sessions with that key (`POST /go-live/interop-token`), and two pages of the company's site on that
 * origin loading the CDN build: the customer's (`/go-live.html?as=customer`) and the employee's workbench
 * (`?as=employee`).
 */
export function goLiveScenario(runnerOrigins: string[]) {
  let state: Promise<GoLive> | undefined;

  async function setUp(): Promise<GoLive> {
    const harness = await startHarness({ production: true });
    const run = (...args: string[]) => admin(harness.dataDir, args);
    const transcript: string[] = [];
    const created = await run(
      'corp',
      'create',
      GO_LIVE_CORP,
      '--name',
      'Go Live Tea',
      ...runnerOrigins.flatMap((origin) => ['--origin', origin]),
    );
    transcript.push(created);
    transcript.push(
      await run(
        'employee',
        'add',
        GO_LIVE_CORP,
        'mei',
        '--name',
        'Mei Chen',
        '--email',
        'mei@golive.example',
        '--role',
        'admin',
      ),
    );
    transcript.push(
      await run(
        'employee',
        'add',
        GO_LIVE_CORP,
        'tom',
        '--name',
        'Tom Berg',
        '--email',
        'tom@golive.example',
        '--title',
        'Sales',
      ),
    );
    const catalog = join(harness.dataDir, 'products.json');
    await writeFile(
      catalog,
      JSON.stringify([
        { id: 'oolong-100', title: 'Oolong, 100 g', priceMinor: 5800, currency: 'CNY', pagePath: '/products/oolong' },
      ]),
    );
    transcript.push(await run('catalog', 'import', GO_LIVE_CORP, catalog));
    const made = await run('api-key', 'create', GO_LIVE_CORP, 'Company server', '--scope', 'write');
    transcript.push(made);
    const key = /\n {2}(ixk_\S+)/.exec(made)?.[1];
    if (!key) throw new Error(`no key in: ${made}`);
    return { harness, key, transcript };
  }

  return {
    commands: {
      /** Sets the scenario up once; answers within the runner's limit with `starting` while it is on its way. */
      'go-live-setup': async () => {
        state ??= setUp();
        state.catch(() => (state = undefined));
        const ready = await Promise.race([
          state,
          new Promise<undefined>((resolve) => setTimeout(resolve, 10_000, undefined)),
        ]);
        return ready
          ? { url: ready.harness.server.url, corp: GO_LIVE_CORP, transcript: ready.transcript }
          : { starting: true };
      },
    },

    async serve(context: Parameters<NonNullable<TestRunnerPlugin['serve']>>[0]) {
      const goLive = await state;
      if (!goLive) return undefined;
      const backend = goLive.harness.server.url;
      // The company's own server: it has signed its employee in (here: Tom), and exchanges that for a session.
      if (context.path === '/go-live/interop-token' && context.method === 'POST') {
        const answer = await fetch(`${backend}/api/v1/sessions/employee`, {
          method: 'POST',
          headers: { authorization: `Bearer ${goLive.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ employeeId: 'tom' }),
        });
        return { type: 'json', body: await answer.text() };
      }
      if (context.path !== '/go-live.html') return undefined;
      return context.URL.searchParams.get('as') === 'employee'
        ? hostPageHtml(
            backend,
            ['/test-results/cdn/all.js', '/test/host-pages/go-live-employee.js'],
            `<ix-workbench endpoint="${backend}" corp="${GO_LIVE_CORP}"></ix-workbench>`,
          )
        : hostPageHtml(
            backend,
            ['/test-results/cdn/all.js'],
            `<ix-launcher endpoint="${backend}" corp="${GO_LIVE_CORP}" product="oolong-100"></ix-launcher>`,
          );
    },

    async close() {
      await (await state?.catch(() => undefined))?.harness.close();
    },
  };
}
