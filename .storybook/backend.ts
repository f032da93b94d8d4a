/**
 * The stories' backend: the real interop backend on a temporary, seeded database (`npm run storybook` starts it beside
 * Storybook), and a few fixture endpoints the stories call to get the sessions they show:
 *   GET /new-visitor                   → a new visitor's token
 *   GET /visitor-with-history?count=N  → a visitor token whose conversation has N messages, and that conversation
 *   GET /employee-token?employee=ID    → an employee token
 */
import { createServer } from 'node:http';
import { startHarness } from '@interop-kit/server/testing';

const BACKEND_PORT = Number(process.env.STORYBOOK_BACKEND_PORT ?? 3300);
const FIXTURE_PORT = BACKEND_PORT + 1;
const STORYBOOK_ORIGINS = (process.env.STORYBOOK_ORIGINS ?? 'http://localhost:6006,http://127.0.0.1:6006').split(',');

const harness = await startHarness({ port: BACKEND_PORT, host: '127.0.0.1' });
for (const origin of STORYBOOK_ORIGINS) await harness.server.stores.corps.addAllowedOrigin('acme', origin);

const fixtures = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://fixtures');
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(body));
  };
  const run = async () => {
    if (url.pathname === '/new-visitor') return reply(200, { token: (await harness.visitorToken()).token });
    if (url.pathname === '/visitor-with-history') {
      const { visitorKey, conversationId } = await harness.seedHistory(
        Math.min(500, Number(url.searchParams.get('count') ?? 40)),
      );
      return reply(200, { token: (await harness.visitorToken({ visitorKey })).token, conversationId });
    }
    if (url.pathname === '/employee-token')
      return reply(200, { token: await harness.employeeToken(url.searchParams.get('employee') ?? 'emp_lin') });
    return reply(404, { error: 'no such fixture' });
  };
  run().catch((error: unknown) => reply(500, { error: String(error) }));
});
fixtures.listen(FIXTURE_PORT, '127.0.0.1');
console.log(`[stories] interop backend on ${harness.server.url}, fixtures on http://127.0.0.1:${FIXTURE_PORT}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    fixtures.close();
    void harness.close().finally(() => process.exit(0));
  });
}
