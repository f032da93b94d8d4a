import { mkdir } from 'node:fs/promises';
import jsQR from 'jsqr';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { Socket } from 'socket.io';
import type { InteropServer } from '@interop-kit/server';
import { buildCdn, CDN_ENTRIES } from '../../scripts/bundles.js';
import { buildFrameworkHosts } from './framework-hosts.js';
import { startHarness, type Harness } from '@interop-kit/server/testing';

/**
 * Runs the real interop backend inside the test runner's process, on a temporary PGlite database, and lets browser
 * tests drive it with `executeServerCommand`: `backend-info`, `backend-stop`, `backend-start`, `employee-token`.
 */
export function backendPlugin(): TestRunnerPlugin {
  let harness: Harness | undefined;
  let running = false;
  const commands: Record<string, (payload: unknown) => Promise<unknown>> = {
    'backend-info': async () => ({ url: harness!.server.url, corp: 'acme' }),
    'backend-stop': async () => {
      if (running) await harness!.stop();
      running = false;
      return true;
    },
    // Idempotent, so tests can call it after each test: one failed test must not leave the backend down for the rest.
    'backend-start': async () => {
      if (!running) await harness!.start();
      running = true;
      return true;
    },
    'employee-token': async (payload) => harness!.employeeToken(String((payload as { employeeId?: string })?.employeeId ?? 'emp_lin')),
    /** Business hours / pre-chat form of the demo corp (`null` clears, as after each test). */
    'corp-settings': async (payload) => {
      await harness!.server.stores.corps.updateCorpSettings('acme', payload as Parameters<InteropServer['stores']['corps']['updateCorpSettings']>[1]);
      return true;
    },
    /** How many sockets are connected to the backend right now. */
    'socket-count': async () => harness!.server.io.sockets.sockets.size,
    /** Cuts every socket's transport, as a network drop would; clients reconnect by themselves. */
    'drop-connections': async () => {
      for (const socket of harness!.server.io.sockets.sockets.values()) socket.conn.close();
      return true;
    },
    /**
     * Cuts the transport of the first socket that sends `event`, as the packet arrives and before any handler runs:
     * a request lost on the way, deterministically.
     */
    'drop-on-event': async (payload) => {
      const { event } = payload as { event: string };
      const io = harness!.server.io;
      let dropped = false;
      const watch = (socket: Socket) =>
        socket.use(([name], next) => {
          if (name !== event || dropped) return next();
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
      });
      return response.status;
    },
    /** How many orders a customer has: proves retries and reloads made no second one. */
    'order-count': async (payload) => {
      const { rows } = await harness!.server.db.query('SELECT id FROM orders WHERE customer_id = $1', [(payload as { customerId: string }).customerId]);
      return rows.length;
    },
    /** Marks an employee departed (with a successor) or active again. */
    'employee-status': async (payload) => {
      const { id, status, successorId } = payload as { id: string; status: 'active' | 'departed'; successorId?: string };
      await harness!.server.db.query('UPDATE employees SET status = $2, successor_id = $3 WHERE id = $1', [id, status, successorId ?? null]);
      return true;
    },
    /** Decodes a QR code from the RGBA pixels Chromium rendered (jsQR, a QR decoding library). */
    'decode-qr': async (payload) => {
      const { width, height, rgba } = payload as { width: number; height: number; rgba: string };
      return jsQR(new Uint8ClampedArray(Buffer.from(rgba, 'base64')), width, height)?.data ?? null;
    },
    /** See `Harness.seedHistory`. */
    'seed-history': async (payload) => harness!.seedHistory(Number((payload as { count?: number })?.count ?? 100)),
  };
  return {
    name: 'interop-backend',
    async serverStart({ config }) {
      // The CDN build as a company's page loads it, twice (two copies of the kit on one page are a test case).
      await Promise.all([buildCdn('test-results/cdn'), buildCdn('test-results/cdn-copy', { all: CDN_ENTRIES.all, launcher: CDN_ENTRIES.launcher })]);
      // React 19, React 18 (with the kit's @lit/react wrappers) and Vue 3 apps, each built with Vite.
      await buildFrameworkHosts();
      harness = await startHarness();
      running = true;
      // The test pages are served by the runner, another origin than the backend's: allow it like a company would.
      for (const host of ['localhost', '127.0.0.1', config.hostname]) {
        if (host) await harness.server.stores.corps.addAllowedOrigin('acme', `http://${host}:${config.port}`);
      }
    },
    /** Host-page fixtures: plain pages under a strict CSP that load the CDN build (see test/elements/host-page.test.ts). */
    serve(context) {
      if (context.path !== '/host-page.html' || !harness) return undefined;
      const backend = harness.server.url;
      const scenario = context.URL.searchParams.get('scenario');
      const socket = backend.replace(/^http/, 'ws');
      const csp = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: ${backend}; connect-src 'self' ${backend} ${socket}`;
      const bodies: Record<string, { scripts: string[]; body: string }> = {
        // Everything on one page: the launcher, a product card with Buy, a business card.
        csp: {
          scripts: ['/test-results/cdn/all.js'],
          body: `<ix-launcher endpoint="${backend}" corp="acme"></ix-launcher>
            <ix-product-card endpoint="${backend}" corp="acme" product="longjing-250"></ix-product-card>
            <ix-business-card endpoint="${backend}" corp="acme" employee="emp_lin"></ix-business-card>`,
        },
        // Two copies: the second one's launcher registers first (a CDN snippet before the site's bundle), so the
        // launcher is the copy's and its provider is the other's.
        twice: {
          scripts: ['/test-results/cdn-copy/launcher.js', '/test-results/cdn/all.js', '/test-results/cdn-copy/all.js'],
          body: `<ix-provider endpoint="${backend}" corp="acme">
            <ix-product-card product="gift-box"></ix-product-card><ix-launcher></ix-launcher>
          </ix-provider>`,
        },
        // A backend nobody answers at (port 9 refuses at once).
        offline: {
          scripts: ['/test-results/cdn/launcher.js'],
          body: `<ix-launcher endpoint="http://127.0.0.1:9" corp="acme"></ix-launcher>`,
        },
      };
      const page = bodies[scenario ?? ''];
      if (!page) return undefined;
      return {
        type: 'html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
          <meta http-equiv="Content-Security-Policy" content="${csp}">
          <title>Host page</title>
          <script type="module" src="/test/host-pages/probe.js"></script>
          ${page.scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n')}
          </head><body><h1>A company page</h1><button id="host-button" type="button">Host button</button><input id="host-input" aria-label="Host input">
          ${page.body}</body></html>`,
      };
    },
    async serverStop() {
      await harness?.close();
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'screenshot') {
        // The test's own page, as Chromium renders it: saved for people to look at, size returned for the test.
        const name = String((payload as { name?: string })?.name ?? 'screenshot').replace(/[^\w-]/g, '_');
        const page = (session.browser as unknown as { getPage(id: string): { screenshot(options: object): Promise<Uint8Array> } }).getPage(session.id);
        await mkdir('test-results/screenshots', { recursive: true });
        const image = await page.screenshot({ path: `test-results/screenshots/${name}.png` });
        return { bytes: image.length };
      }
      const run = commands[command];
      return run ? run(payload) : undefined;
    },
  };
}
