import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import httpProxy from 'http-proxy';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { callOk, startHarness, type Harness } from './harness.js';

/**
 * A real reverse proxy in front (http-proxy, WebSocket upgrades included), as nginx would be: it rewrites Host to the
 * backend's and says what the client asked for in X-Forwarded-For, -Host and -Proto. The backend believes it
 * (TRUST_PROXY=true).
 */
describe('behind a reverse proxy (TRUST_PROXY)', () => {
  let h: Harness;
  let front: Server;
  let frontUrl: string;
  const sockets: Socket[] = [];

  const viaProxy = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${frontUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: frontUrl, ...headers },
      body: '{}',
    });
  const socketVia = (url: string, token: string, transport: 'websocket' | 'polling') =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connectSocket(url, {
        auth: { token },
        transports: [transport],
        reconnection: false,
        extraHeaders: { origin: frontUrl },
      });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });

  before(async () => {
    h = await startHarness({ trustProxy: true, limits: { sessionsPerMinute: 3 } });
    const proxy = httpProxy.createProxyServer({ target: h.server.url, changeOrigin: true, xfwd: true, ws: true });
    proxy.on('error', () => {});
    // http-proxy's xfwd leaves X-Forwarded-Host off WebSocket upgrades; nginx is told to send it (see the README).
    proxy.on('proxyReqWs', (proxyRequest, request) =>
      proxyRequest.setHeader('x-forwarded-host', request.headers.host ?? ''),
    );
    front = createServer((request, response) => proxy.web(request, response));
    front.on('upgrade', (request, socket, head) => proxy.ws(request, socket, head));
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    front.closeAllConnections();
    await new Promise((resolve) => front.close(resolve));
    await h.close();
  });

  test('a page served through the proxy is the backend’s own: HTTP, WebSocket and long-polling', async () => {
    const session = await viaProxy('/api/corps/acme/sessions/visitor', { 'x-forwarded-for': '198.51.100.1' });
    assert.equal(session.status, 200, await session.clone().text());
    const { token } = await session.json();
    const ws = await socketVia(frontUrl, token, 'websocket');
    assert.equal((await callOk(ws, 'session:get', {})).kind, 'visitor');
    const polling = await socketVia(frontUrl, token, 'polling');
    assert.equal((await callOk(polling, 'session:get', {})).kind, 'visitor');
    // The same Origin straight to the backend (no proxy vouching for the host) is a foreign page.
    await assert.rejects(
      socketVia(h.server.url, token, 'websocket'),
      (error: Error & { data?: { reason?: string } }) => error.data?.reason === 'origin_not_allowed',
    );
  });

  test('limits count the client’s address from X-Forwarded-For, not the proxy’s', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 4; n++)
      statuses.push((await viaProxy('/api/corps/acme/sessions/visitor', { 'x-forwarded-for': '203.0.113.7' })).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal(
      (await viaProxy('/api/corps/acme/sessions/visitor', { 'x-forwarded-for': '203.0.113.8' })).status,
      200,
      'another client behind the same proxy',
    );
  });

  test('a payment page’s URL is the one the payer reached, and it opens through the proxy', async () => {
    const { token } = await (
      await viaProxy('/api/corps/acme/sessions/visitor', { 'x-forwarded-for': '198.51.100.2' })
    ).json();
    const socket = await socketVia(frontUrl, token, 'websocket');
    const order = await callOk(socket, 'pay:create', {
      productId: 'gift-box',
      quantity: 1,
      provider: 'sandbox',
      idempotencyKey: crypto.randomUUID(),
    });
    assert.ok(order.nextAction.url.startsWith(`${frontUrl}/sandbox/pay/`), order.nextAction.url);
    const page = await fetch(order.nextAction.url);
    assert.equal(page.status, 200);
  });

  test('the operator endpoint cannot be reached through the proxy, even with its key', async () => {
    const operator = JSON.parse(await readFile(join(h.dataDir, 'operator.json'), 'utf8')) as {
      url: string;
      key: string;
    };
    const ask = (base: string) =>
      fetch(`${base}/api/operator`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ verb: 'corp.show', corp: 'acme' }),
      });
    assert.equal((await ask(frontUrl)).status, 401);
    assert.equal((await ask(operator.url)).status, 200, 'straight from this machine it is the CLI');
  });
});
