import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { lookup, type LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { webhookSubscriptionCreatedSchema, type ErrorBody } from '@interop-kit/elements/protocol';
import { callOk, startHarness, until, type Harness } from './harness.js';

/** A receiver on one loopback address, counting what reaches it (`redirectTo` answers every request with a 302). */
async function receiver(host: string, port: number, redirectTo?: string) {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(redirectTo ? 302 : 200, redirectTo ? { location: redirectTo } : {}).end();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    hits,
    port: (server.address() as { port: number }).port,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('outbound URLs are never aimed inward (webhooks, sign-in providers)', () => {
  let h: Harness;
  let key: string;
  /** DNS as this test says it is: names it sets resolve to its answer, others as the system resolves them. */
  const dns = new Map<string, string[]>();
  // Two receivers on one port: 127.0.0.2 is allowed by the operator (OUTBOUND_ALLOW), 127.0.0.1 is not.
  let allowed: Awaited<ReturnType<typeof receiver>>;
  let inward: Awaited<ReturnType<typeof receiver>>;
  const PUBLIC_ADDRESS = '93.184.215.14';

  before(async () => {
    allowed = await receiver('127.0.0.2', 0);
    inward = await receiver('127.0.0.1', allowed.port);
    h = await startHarness({
      outboundAllow: ['127.0.0.2/32'],
      // Where the world reaches this backend: a public name whose address must never be a destination either.
      publicUrl: 'https://chat.acme.example',
      outboundResolve: async (hostname) => {
        const answer = dns.get(hostname);
        if (answer) return answer.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
        return new Promise((resolve, reject) =>
          lookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
        );
      },
    });
    dns.set('chat.acme.example', [PUBLIC_ADDRESS]);
    key = (await h.server.stores.apiKeys.create('acme', 'webhooks', 'admin')).key;
  });
  after(async () => {
    await h.close();
    await allowed.close();
    await inward.close();
  });

  const subscribe = (url: string) =>
    fetch(`${h.server.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url, events: ['message.created'] }),
    });

  /** A visitor's message (a message.created event for every subscription), delivered now. */
  async function messageAndDeliver() {
    const { socket, conversationId } = await h.visitorConversation();
    await callOk(socket, 'message:send', {
      conversationId,
      clientId: randomUUID(),
      content: { kind: 'text', body: { text: 'Hello' } },
    });
    await h.server.deliverWebhooks();
    socket.disconnect();
  }

  test('a subscription to an inward address is refused, in every spelling', async () => {
    const port = inward.port;
    dns.set('inward.example.test', ['127.0.0.1']);
    dns.set('mixed.example.test', [PUBLIC_ADDRESS, '10.0.0.7']);
    dns.set('mapped.example.test', ['::ffff:127.0.0.1']);
    dns.set('alias.example.test', [PUBLIC_ADDRESS]);
    const spellings = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://127.1:${port}/`,
      `http://0x7f000001:${port}/`,
      `http://2130706433:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://0x7f.0.0.1:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://[0:0:0:0:0:ffff:7f00:0001]:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://0:${port}/`,
      `http://[::]:${port}/`,
      `https://127.0.0.1:${port}/`,
      'http://10.1.2.3/hooks',
      'http://172.16.0.1/hooks',
      'http://192.168.0.10/hooks',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/hooks',
      'http://[fd00::1]/hooks',
      'http://224.0.0.1/hooks',
      'http://[ff02::1]/hooks',
      'http://100.64.0.1/hooks',
      'http://[64:ff9b::7f00:1]/hooks',
      'http://[2002:7f00:1::]/hooks',
      `http://inward.example.test:${port}/`,
      `http://mixed.example.test:${port}/`,
      `http://mapped.example.test:${port}/`,
      // The backend itself, by its public name and by another name for its address.
      'https://chat.acme.example/api/corps/acme/sessions/visitor',
      'https://alias.example.test/api/corps/acme/sessions/visitor',
    ];
    for (const url of spellings) {
      const response = await subscribe(url);
      const body = (await response.json()) as { error?: ErrorBody };
      assert.equal(response.status, 400, `${url} is refused`);
      assert.equal(body.error?.code, 'invalid_payload');
      assert.match(
        body.error!.message,
        /loopback|private|link-local|unique-local|multicast|unspecified|carrier-grade|reserved|rfc6052|6to4|backend|address/i,
        url,
      );
    }
    await messageAndDeliver();
    assert.deepEqual(inward.hits, [], 'nothing reached the inward receiver');
  });

  test('the operator allowlist lets a company deliver inside its network', async () => {
    const created = await subscribe(`http://127.0.0.2:${allowed.port}/allowed`);
    assert.equal(created.status, 200);
    const subscription = webhookSubscriptionCreatedSchema.parse(await created.json());
    await messageAndDeliver();
    await until(() => allowed.hits.includes('POST /allowed'), 5000, 'the delivery inside the allowed subnet');
    await fetch(`${h.server.url}/api/v1/webhooks/${subscription.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${key}` },
    });
  });

  test('a name that resolves inward by the time of delivery is refused then, and no redirect is followed', async () => {
    dns.set('moving.example.test', ['127.0.0.2']);
    const moving = webhookSubscriptionCreatedSchema.parse(
      await (await subscribe(`http://moving.example.test:${allowed.port}/moving`)).json(),
    );
    await messageAndDeliver();
    await until(
      () => allowed.hits.includes('POST /moving'),
      5000,
      'the first delivery, while the name pointed at an allowed address',
    );

    dns.set('moving.example.test', ['127.0.0.1']);
    await messageAndDeliver();
    const { rows } = await h.server.db.query<{ last_error: string }>(
      `SELECT d.last_error FROM webhook_deliveries d WHERE d.subscription_id = $1 AND d.delivered_at IS NULL`,
      [moving.id],
    );
    assert.equal(rows.length, 1, 'the second delivery is not delivered');
    assert.match(rows[0]!.last_error, /refused: 127\.0\.0\.1 is a loopback address/);
    assert.deepEqual(inward.hits, [], 'nothing reached the inward receiver');
    await fetch(`${h.server.url}/api/v1/webhooks/${moving.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${key}` },
    });

    // An allowed receiver that redirects inward: the redirect is an answer (a failed delivery), never followed.
    const redirecting = await receiver('127.0.0.2', 0, `http://127.0.0.1:${inward.port}/redirected`);
    try {
      const sub = webhookSubscriptionCreatedSchema.parse(
        await (await subscribe(`http://127.0.0.2:${redirecting.port}/r`)).json(),
      );
      await messageAndDeliver();
      const failed = await h.server.db.query<{ last_status: number }>(
        'SELECT last_status FROM webhook_deliveries WHERE subscription_id = $1',
        [sub.id],
      );
      assert.deepEqual(
        failed.rows.map((row) => row.last_status),
        [302],
      );
      assert.deepEqual(redirecting.hits, ['POST /r']);
      assert.deepEqual(inward.hits, [], 'the redirect was not followed');
    } finally {
      await redirecting.close();
    }
  });

  test('a company cannot name an inward sign-in provider either', async () => {
    const response = await fetch(`${h.server.url}/api/v1/sso`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        displayName: 'Inward',
        issuer: `http://[::ffff:127.0.0.1]:${inward.port}`,
        clientId: 'c',
        clientSecret: 's',
      }),
    });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: ErrorBody }).error.message, /loopback/);
    assert.deepEqual(inward.hits, []);
  });
});

describe('the backend never calls its own listener, in any mode', () => {
  let h: Harness;
  let key: string;
  const dns = new Map<string, string>();
  before(async () => {
    // Outside production loopback is allowed (the demo's local receivers): its own port on loopback still is not.
    h = await startHarness({
      outboundResolve: async (hostname) => {
        const address = dns.get(hostname) ?? '127.0.0.1';
        return [{ address, family: address.includes(':') ? 6 : 4 }];
      },
    });
    key = (await h.server.stores.apiKeys.create('acme', 'own', 'admin')).key;
  });
  after(() => h.close());

  const subscribe = (url: string) =>
    fetch(`${h.server.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url, events: ['customer.created'] }),
    });

  test('its own port on loopback, in every spelling, is refused; another local receiver is not', async () => {
    const port = h.server.port;
    const path = '/api/corps/acme/sessions/visitor';
    for (const host of [
      '127.0.0.1',
      'localhost',
      '127.1',
      '0x7f000001',
      '127.0.0.2',
      '[::1]',
      '[::ffff:7f00:1]',
      '0.0.0.0',
    ]) {
      const response = await subscribe(`http://${host}:${port}${path}`);
      assert.equal(response.status, 400, `${host}:${port} is refused`);
      assert.match(((await response.json()) as { error: ErrorBody }).error.message, /this backend/, host);
    }
    const local = await receiver('127.0.0.1', 0);
    try {
      assert.equal((await subscribe(`http://127.0.0.1:${local.port}/hooks`)).status, 200);
    } finally {
      await local.close();
    }
  });

  test('a name that turns to its own address by delivery time is refused as it connects: no loop', async () => {
    const port = h.server.port;
    dns.set('crm.example.test', '93.184.215.14');
    const created = await subscribe(`http://crm.example.test:${port}/api/corps/acme/sessions/visitor`);
    assert.equal(created.status, 200);
    const { id } = webhookSubscriptionCreatedSchema.parse(await created.json());
    dns.set('crm.example.test', '127.0.0.1');
    const customers = async () =>
      (await h.server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers`)).rows[0]!.n;
    const before = await customers();
    await h.visitorConversation(); // a new customer: a customer.created delivery
    await h.server.deliverWebhooks();
    const { rows } = await h.server.db.query<{ last_error: string | null }>(
      'SELECT last_error FROM webhook_deliveries WHERE subscription_id = $1',
      [id],
    );
    assert.equal(rows.length, 1);
    assert.match(rows[0]!.last_error ?? '', /this backend's own address/);
    assert.equal(await customers(), before + 1, 'only the visitor made a customer');
  });
});

describe('plain http webhooks in production', () => {
  test('are refused on the internet and allowed inside a subnet the operator allows (OUTBOUND_ALLOW)', async () => {
    const inside = await receiver('127.0.0.2', 0);
    const h = await startHarness({
      production: true,
      outboundAllow: ['127.0.0.2/32'],
      outboundResolve: async (hostname) => [
        hostname === 'crm.example.test' ? { address: '93.184.215.14', family: 4 } : { address: '127.0.0.1', family: 4 },
      ],
    });
    try {
      await h.otherCompany();
      const key = (await h.server.stores.apiKeys.create('globex', 'hooks', 'admin')).key;
      const subscribe = (url: string) =>
        fetch(`${h.server.url}/api/v1/webhooks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ url, events: ['customer.created'] }),
        });
      const plain = await subscribe('http://crm.example.test/hooks');
      assert.equal(plain.status, 400);
      assert.match(((await plain.json()) as { error: ErrorBody }).error.message, /https.+OUTBOUND_ALLOW/);
      assert.equal((await subscribe('https://crm.example.test/hooks')).status, 200);
      assert.equal((await subscribe(`http://127.0.0.2:${inside.port}/hooks`)).status, 200, 'inside the company');
    } finally {
      await h.close();
      await inside.close();
    }
  });
});
