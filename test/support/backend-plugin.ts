import { mkdir } from 'node:fs/promises';
import jsQR from 'jsqr';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { Page } from 'puppeteer-core';
import type { Socket } from 'socket.io';
import type { InteropServer } from '@interop-kit/server';
import { buildCdn, CDN_ENTRIES, writeIntegrity } from '../../scripts/bundles.js';
import { buildFrameworkHosts } from './framework-hosts.js';
import { goLiveScenario } from './go-live.js';
import { hostPageHtml, type CdnBuild } from './host-page.js';
import { DEMO, startHarness, type Harness, type TestCorp } from '@interop-kit/server/testing';

/** What a test file talks to: a backend and its own company there. */
interface FileContext {
  harness: Harness;
  corp: string;
  employees: TestCorp['employees'];
}

/**
 * Runs the real interop backend inside the test runner's process, on a temporary PGlite database, and lets browser
 * tests drive it with `executeServerCommand`. Tests cannot disturb each other: each test file gets its own company
 * on the shared backend (`corp-create`), or, when it stops and starts its backend, a backend of its own
 * (`backend-own`); every other command acts on that file's company only.
 */
export function backendPlugin(): TestRunnerPlugin {
  let shared: Harness | undefined;
  /** The CDN builds host pages load, with their integrity values. */
  const cdnBuilds: CdnBuild[] = [];
  /** The runner's own origins: test pages are served from there, another origin than the backend's. */
  const runnerOrigins: string[] = [];
  const files = new Map<string, Promise<FileContext>>();
  /** Backends of their own, for files that stop and start them; started/stopped only by that file. */
  const owned = new Map<string, { harness: Harness; running: boolean }>();
  async function context(file: string): Promise<FileContext> {
    const known = files.get(file);
    if (!known) throw new Error(`${file} has no backend yet: call backendInfo() (or useOwnBackend()) first`);
    return known;
  }
  const sessionsOf = (harness: Harness, corp: string) =>
    [...harness.server.io.sockets.sockets.values()].filter(
      (socket) => (socket.data.session as { corp?: { id: string } } | undefined)?.corp?.id === corp,
    );

  const handshakes = new Map<string, number>();
  const goLive = goLiveScenario(runnerOrigins);
  const commands: Record<string, (payload: unknown, file: string) => Promise<unknown>> = {
    ...goLive.commands,
    /** This file's company on the shared backend (made on first call). */
    'corp-create': async (_payload, file) => {
      if (!files.has(file))
        files.set(
          file,
          shared!.createCorp(runnerOrigins).then((corp) => ({ harness: shared!, ...corp })),
        );
      const { harness, corp, employees } = await context(file);
      return { url: harness.server.url, corp, employees };
    },
    /** A backend of this file's own (the demo company on a database nobody else uses), which it may stop and start. */
    'backend-own': async (_payload, file) => {
      if (!files.has(file)) {
        files.set(
          file,
          startHarness().then(async (harness) => {
            owned.set(file, { harness, running: true });
            for (const origin of runnerOrigins) await harness.server.stores.corps.addAllowedOrigin(DEMO.corp, origin);
            return { harness, ...DEMO };
          }),
        );
      }
      // A runner command must answer within 20 s, and a PGlite start on a busy machine can take longer: say so, and
      // the page asks again (backend.ts) until the backend is there.
      const started = await Promise.race([
        context(file),
        new Promise<undefined>((resolve) => setTimeout(resolve, 10_000, undefined)),
      ]);
      return started
        ? { url: started.harness.server.url, corp: started.corp, employees: started.employees }
        : { starting: true };
    },
    'backend-stop': async (_payload, file) => {
      const own = owned.get(file);
      if (!own)
        throw new Error(`${file} shares the backend: only a file's own backend (useOwnBackend()) can be stopped`);
      if (own.running) await own.harness.stop();
      own.running = false;
      return true;
    },
    // Idempotent, so tests can call it after each test: one failed test must not leave the backend down for the rest.
    'backend-start': async (_payload, file) => {
      const own = owned.get(file);
      if (own && !own.running) await own.harness.start();
      if (own) own.running = true;
      return true;
    },
    'employee-token': async (payload, file) => {
      const { harness, corp, employees } = await context(file);
      return harness.employeeToken(String((payload as { employeeId?: string })?.employeeId ?? employees.lin), corp);
    },
    /** Business hours, pre-chat form and brand (accent colour, logo) of this file's company (`null` clears). */
    'corp-settings': async (payload, file) => {
      const { harness, corp } = await context(file);
      const { accentColor, logoUrl, ...settings } = payload as Parameters<
        InteropServer['stores']['corps']['updateCorpSettings']
      >[1] & { accentColor?: string | null; logoUrl?: string | null };
      await harness.server.stores.corps.updateCorpSettings(corp, settings);
      await harness.server.stores.corps.updateCorpProfile(corp, { accentColor, logoUrl });
      return true;
    },
    /** How many sockets of this file's company are connected right now. */
    'socket-count': async (_payload, file) => {
      const { harness, corp } = await context(file);
      return sessionsOf(harness, corp).length;
    },
    /** How many sockets of this file's company ever connected. */
    'handshake-count': async (_payload, file) => handshakes.get((await context(file)).corp) ?? 0,
    /** Cuts the transport of every socket of this file's company, as a network drop would; clients reconnect by themselves. */
    'drop-connections': async (_payload, file) => {
      const { harness, corp } = await context(file);
      for (const socket of sessionsOf(harness, corp)) socket.conn.close();
      return true;
    },
    /**
     * Cuts the transport of the first socket of this file's company that sends `event`, as the packet arrives and
     * before any handler runs: a request lost on the way, deterministically.
     */
    'drop-on-event': async (payload, file) => {
      const { harness, corp } = await context(file);
      const { event } = payload as { event: string };
      const io = harness.server.io;
      let dropped = false;
      const watch = (socket: Socket) =>
        socket.use(([name], next) => {
          if (
            name !== event ||
            dropped ||
            (socket.data.session as { corp?: { id: string } } | undefined)?.corp?.id !== corp
          )
            return next();
          dropped = true;
          io.off('connection', watch);
          socket.conn.close();
        });
      // Sockets connected now, and those still connecting (an element may not be online yet).
      for (const socket of io.sockets.sockets.values()) watch(socket);
      io.on('connection', watch);
      return true;
    },
    /** The payer's phone: submits the sandbox payment page at `url` (a test card, or the authentication step). */
    'sandbox-pay': async (payload) => {
      const { url, form } = payload as { url: string; form: Record<string, string> };
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
        // A hang fails here, saying so, instead of running into the test's own limit.
        signal: AbortSignal.timeout(10_000),
      });
      return response.status;
    },
    /** How many orders a customer has: proves retries and reloads made no second one. */
    'order-count': async (payload, file) => {
      const { harness } = await context(file);
      const { rows } = await harness.server.db.query('SELECT id FROM orders WHERE customer_id = $1', [
        (payload as { customerId: string }).customerId,
      ]);
      return rows.length;
    },
    /** Marks an employee of this file's company departed (with a successor) or active again. */
    'employee-status': async (payload, file) => {
      const { harness, corp } = await context(file);
      const { id, status, successorId } = payload as {
        id: string;
        status: 'active' | 'departed';
        successorId?: string;
      };
      await harness.server.db.query(
        'UPDATE employees SET status = $3, successor_id = $4 WHERE corp_id = $1 AND id = $2',
        [corp, id, status, successorId ?? null],
      );
      return true;
    },
    /** Sets this file's company's allowed origins (none: pages of the runner are refused; omitted: the runner's again). */
    'corp-origins': async (payload, file) => {
      const { harness, corp } = await context(file);
      const origins = (payload as { origins?: string[] } | undefined)?.origins ?? runnerOrigins;
      await harness.server.db.query('UPDATE corps SET allowed_origins = $2 WHERE id = $1', [corp, origins]);
      return true;
    },
    /** Decodes a QR code from the RGBA pixels Chromium rendered (jsQR, a QR decoding library). */
    'decode-qr': async (payload) => {
      const { width, height, rgba } = payload as { width: number; height: number; rgba: string };
      return jsQR(new Uint8ClampedArray(Buffer.from(rgba, 'base64')), width, height)?.data ?? null;
    },
    /** See `Harness.seedHistory`: in this file's company. */
    'seed-history': async (payload, file) => {
      const { harness, corp, employees } = await context(file);
      return harness.seedHistory(Number((payload as { count?: number })?.count ?? 100), { corp, employees });
    },
  };
  return {
    name: 'interop-backend',
    async serverStart({ config }) {
      // The CDN build as a company's page loads it, twice (two copies of the kit on one page are a test case).
      await Promise.all([
        buildCdn('test-results/cdn'),
        buildCdn('test-results/cdn-copy', { all: CDN_ENTRIES.all, launcher: CDN_ENTRIES.launcher }),
      ]);
      for (const folder of ['cdn', 'cdn-copy'])
        cdnBuilds.push({ path: `/test-results/${folder}/`, integrity: await writeIntegrity(`test-results/${folder}`) });
      // React 19, React 18 (with the kit's @lit/react wrappers) and Vue 3 apps, each built with Vite.
      await buildFrameworkHosts();
      shared = await startHarness();
      // Every connection ever made, per company: an element that reconnects after it left shows up here.
      shared.server.io.on('connection', (socket) => {
        const corp = (socket.data.session as { corp?: { id: string } } | undefined)?.corp?.id ?? '';
        handshakes.set(corp, (handshakes.get(corp) ?? 0) + 1);
      });
      for (const host of new Set(['localhost', '127.0.0.1', config.hostname]))
        if (host) runnerOrigins.push(`http://${host}:${config.port}`);
    },
    /** Host-page fixtures: plain pages under a strict CSP that load the CDN build (see test/elements/host-page.test.ts). */
    async serve(context) {
      if (context.path.startsWith('/go-live')) return goLive.serve(context);
      if (context.path !== '/host-page.html' || !shared) return undefined;
      const backend = shared.server.url;
      const scenario = context.URL.searchParams.get('scenario');
      // The test file's company, and the employee its business card shows (attribute-safe: ids are [\w-]).
      const corp = (context.URL.searchParams.get('corp') ?? '').replace(/[^\w-]/g, '');
      const employee = (context.URL.searchParams.get('employee') ?? '').replace(/[^\w-]/g, '');
      const bodies: Record<string, { scripts: string[]; body: string }> = {
        // Everything on one page: the launcher, a product card with Buy, a business card.
        csp: {
          scripts: ['/test-results/cdn/all.js'],
          body: `<ix-launcher endpoint="${backend}" corp="${corp}"></ix-launcher>
            <ix-product-card endpoint="${backend}" corp="${corp}" product="longjing-250"></ix-product-card>
            <ix-business-card endpoint="${backend}" corp="${corp}" employee="${employee}"></ix-business-card>`,
        },
        // Two copies: the second one's launcher registers first (a CDN snippet before the site's bundle), so the
        // launcher is the copy's and its provider is the other's.
        twice: {
          scripts: ['/test-results/cdn-copy/launcher.js', '/test-results/cdn/all.js', '/test-results/cdn-copy/all.js'],
          body: `<ix-provider endpoint="${backend}" corp="${corp}">
            <ix-product-card product="gift-box"></ix-product-card><ix-launcher></ix-launcher>
          </ix-provider>`,
        },
        // A backend nobody answers at (port 9 refuses at once).
        offline: {
          scripts: ['/test-results/cdn/launcher.js'],
          body: `<ix-launcher endpoint="http://127.0.0.1:9" corp="${corp}"></ix-launcher>`,
        },
        // The launcher pinned with an integrity value its file does not match (a CDN serving something else).
        tampered: {
          scripts: ['/test-results/cdn/launcher.js'],
          body: `<ix-launcher endpoint="${backend}" corp="${corp}"></ix-launcher>`,
        },
      };
      const page = bodies[scenario ?? ''];
      const tampered = scenario === 'tampered' ? page!.scripts : [];
      return page && hostPageHtml(backend, page.scripts, page.body, cdnBuilds, tampered);
    },
    async serverStop() {
      await Promise.all([
        shared?.close(),
        goLive.close(),
        ...[...owned.values()].map(({ harness }) => harness.close()),
      ]);
    },
    async executeCommand({ command, payload, session }) {
      // The test's own page in Chromium (the launcher is @web/test-runner-chrome's, on puppeteer).
      const page = () => (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
      if (command === 'screenshot') {
        // The test's own page, as Chromium renders it: saved for people to look at, size returned for the test.
        const name = String((payload as { name?: string })?.name ?? 'screenshot').replace(/[^\w-]/g, '_');
        await mkdir('test-results/screenshots', { recursive: true });
        const image = await page().screenshot({ path: `test-results/screenshots/${name}.png` });
        return { bytes: image.length };
      }
      if (command === 'grant-notifications') {
        // What an employee's "Allow" in the browser's prompt does, which a test cannot click.
        await page()
          .browserContext()
          .overridePermissions(String((payload as { origin: string }).origin), ['notifications']);
        return true;
      }
      const run = commands[command];
      return run ? run(payload, session.testFile) : undefined;
    },
  };
}
