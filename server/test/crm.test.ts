import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  crmConversationPageSchema,
  crmCustomerPageSchema,
  crmMessagePageSchema,
  crmOrderPageSchema,
  webhookEventSchema,
  webhookSubscriptionCreatedSchema,
  type WebhookEvent,
} from '@interop-kit/elements/protocol';
import { startWebhookDispatcher } from '../crm/webhooks.js';
import { createOutbound } from '../http/outbound.js';
import { call, callOk, startHarness, until, type Harness } from './harness.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A company's webhook receiver on loopback: records every delivery and answers with the status `respond` picks. */
async function receiver(respond: (delivery: Received, index: number) => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const delivery = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(delivery);
      res.writeHead(respond(delivery, received.length - 1));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** What the README tells companies to do with a delivery: check the signature over the raw body, then parse. */
function verified(secret: string, delivery: Received): WebhookEvent | undefined {
  const header = String(delivery.headers['interop-signature'] ?? '');
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex');
  if (expected !== v1 || Math.abs(Date.now() / 1000 - Number(t)) > 300) return undefined;
  return webhookEventSchema.parse(JSON.parse(delivery.body));
}

describe('CRM API', () => {
  let h: Harness;
  let key: string;
  const api = (path: string, init: RequestInit & { key?: string | null } = {}) =>
    fetch(`${h.server.url}/api/v1/${path}`, {
      ...init,
      headers: {
        ...(init.key === null ? {} : { authorization: `Bearer ${init.key ?? key}` }),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  before(async () => {
    h = await startHarness();
    key = (await h.server.stores.apiKeys.create('acme', 'CRM sync', 'admin')).key;
    await h.server.stores.corps.createCorp({ id: 'globex', name: 'Globex' });
  });
  after(() => h.close());

  test('refuses a missing, malformed, unknown, revoked or browser-held key; a key sees only its own corp', async () => {
    for (const [init, status] of [
      [{ key: null }, 401],
      [{ key: 'not-a-key' }, 401],
      [{ key: `ixk_${'A'.repeat(43)}` }, 401],
      [{ headers: { origin: 'https://evil.example' } }, 403],
    ] as const) {
      const response = await api('customers', init);
      assert.equal(response.status, status, JSON.stringify(init));
      assert.match((await response.json()).error.code, /^(unauthorized|forbidden)$/);
    }
    const revoked = await h.server.stores.apiKeys.create('acme', 'old', 'read');
    await h.server.stores.apiKeys.revoke('acme', revoked.id);
    assert.equal((await api('customers', { key: revoked.key })).status, 401);

    const { token } = await h.visitorToken();
    const acmeCustomer = (await callOk(await h.rawSocket(token), 'session:get', {})).id as string;
    const globexKey = (await h.server.stores.apiKeys.create('globex', 'theirs', 'admin')).key;
    assert.equal(
      (await api(`customers/${acmeCustomer}`, { key: globexKey })).status,
      404,
      "another corp's key does not see it",
    );
    const theirs = crmCustomerPageSchema.parse(await (await api('customers', { key: globexKey })).json());
    assert.ok(theirs.data.every((customer) => customer.id !== acmeCustomer));
    assert.equal((await api(`customers/${acmeCustomer}`)).status, 200);

    assert.equal((await api('customers?limit=0')).status, 400);
    assert.equal((await api('customers?limit=501')).status, 400);
    assert.equal((await api('customers?cursor=page-2')).status, 400);
    assert.equal((await api('nothing-here')).status, 404);
  });

  test('pages through a large export in creation order, with conversations, their messages and orders', async () => {
    await h.server.db.query(
      `INSERT INTO customers (id, corp_id, name, created_at)
       SELECT gen_random_uuid(), 'acme', 'Bulk ' || n, now() - interval '1 day' + n * interval '1 millisecond' FROM generate_series(1, 1234) AS n`,
    );
    const { rows } = await h.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE corp_id = 'acme'`,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await api(`customers?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(response.status, 200);
      const page = crmCustomerPageSchema.parse(await response.json());
      seen.push(...page.data.map((customer) => customer.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    assert.equal(seen.length, rows[0]!.n, 'every customer once');
    assert.equal(new Set(seen).size, seen.length, 'no repeats');
    assert.equal(pages, Math.ceil(rows[0]!.n / 500));

    const { socket, conversationId } = await h.visitorConversation();
    for (let n = 1; n <= 5; n += 1) {
      await callOk(socket, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        content: { kind: 'text', body: { text: `Question ${n}` } },
      });
    }
    const conversations = crmConversationPageSchema.parse(await (await api('conversations?limit=100')).json());
    assert.ok(conversations.data.some((conversation) => conversation.id === conversationId));
    const first = crmMessagePageSchema.parse(
      await (await api(`conversations/${conversationId}/messages?limit=3`)).json(),
    );
    const rest = crmMessagePageSchema.parse(
      await (await api(`conversations/${conversationId}/messages?limit=3&cursor=${first.nextCursor}`)).json(),
    );
    assert.deepEqual(
      [...first.data, ...rest.data].map((message) => message.seq),
      [1, 2, 3, 4, 5],
    );
    assert.equal(rest.nextCursor, null);
    assert.equal((await api(`conversations/${crypto.randomUUID()}/messages`)).status, 404);

    await callOk(socket, 'pay:create', {
      productId: 'gift-box',
      quantity: 2,
      provider: 'sandbox',
      idempotencyKey: crypto.randomUUID(),
    });
    const orders = crmOrderPageSchema.parse(await (await api('orders')).json());
    assert.deepEqual(
      orders.data.map((order) => [order.productId, order.amountMinor]),
      [['gift-box', 77600]],
    );
  });

  test('webhook deliveries are signed, carry new customers, messages and payment status, and are retried after a failure', async () => {
    // The receiver is down for each event's first attempt.
    const firstTries = new Set<string>();
    const hooks = await receiver((delivery) => {
      const id = String(delivery.headers['interop-event-id']);
      if (firstTries.has(id)) return 204;
      firstTries.add(id);
      return 503;
    });
    try {
      const created = await api('webhooks', {
        method: 'POST',
        body: JSON.stringify({ url: hooks.url, events: ['customer.created', 'message.created', 'order.updated'] }),
      });
      const subscription = webhookSubscriptionCreatedSchema.parse(await created.json());
      assert.deepEqual(
        (await (await api('webhooks')).json()).data.map((s: { id: string }) => s.id),
        [subscription.id],
      );
      const refused = await api('webhooks', {
        method: 'POST',
        body: JSON.stringify({ url: 'ftp://example.com/x', events: ['message.created'] }),
      });
      assert.equal(refused.status, 400);

      const { socket, conversationId } = await h.visitorConversation();
      await callOk(socket, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        content: { kind: 'text', body: { text: 'Is the 250 g tin in stock?' } },
      });
      await callOk(socket, 'pay:create', {
        productId: 'longjing-250',
        quantity: 1,
        provider: 'sandbox',
        idempotencyKey: crypto.randomUUID(),
      });

      await until(() => firstTries.size === 3 && hooks.received.length === 6, 10000, 'three events, each retried once');
      const byType = new Map<string, WebhookEvent[]>();
      for (const delivery of hooks.received) {
        const event = verified(subscription.secret, delivery);
        assert.ok(event, 'every delivery verifies with the subscription secret');
        byType.set(event.type, [...(byType.get(event.type) ?? []), event]);
      }
      const customer = byType.get('customer.created')![0]!;
      const message = byType
        .get('message.created')!
        .find((event) => event.type === 'message.created' && event.data.message.kind === 'text')!;
      const order = byType.get('order.updated')![0]!;
      assert.equal(
        message.type === 'message.created' && message.data.message.kind === 'text' && message.data.message.body.text,
        'Is the 250 g tin in stock?',
      );
      assert.equal(
        message.type === 'message.created' && message.data.customerId,
        customer.type === 'customer.created' && customer.data.customer.id,
      );
      assert.equal(order.type === 'order.updated' && order.data.order.status, 'requires_action');
      assert.equal(order.type === 'order.updated' && order.data.order.amountMinor, 16800);
      // Each event came twice (503, then 204) with the same event id: receivers dedupe by it.
      for (const [, list] of byType)
        for (const event of list) assert.equal(list.filter((e) => e.id === event.id).length, 2);

      const tampered = { ...hooks.received[0]!, body: hooks.received[0]!.body.replace('"type"', '"typo"') };
      assert.equal(verified(subscription.secret, tampered), undefined, 'a tampered body does not verify');
      assert.equal(verified('whsec_wrong', hooks.received[0]!), undefined, 'nor another secret');

      // Deleted: nothing more is sent.
      assert.equal((await api(`webhooks/${subscription.id}`, { method: 'DELETE' })).status, 200);
      const before = hooks.received.length;
      await callOk(socket, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        content: { kind: 'text', body: { text: 'Anyone?' } },
      });
      // A pass that started after the send has published the message's event and sent what was due.
      await h.server.deliverWebhooks();
      assert.equal(hooks.received.length, before);
    } finally {
      await hooks.close();
    }
  });

  test('a receiver that never answers 2xx is given up after the configured attempts, and other corps hear nothing', async () => {
    const hooks = await receiver(() => 500);
    const globex = await receiver();
    try {
      const globexKey = (await h.server.stores.apiKeys.create('globex', 'theirs', 'admin')).key;
      await api('webhooks', {
        key: globexKey,
        method: 'POST',
        body: JSON.stringify({ url: globex.url, events: ['message.created'] }),
      });
      await api('webhooks', { method: 'POST', body: JSON.stringify({ url: hooks.url, events: ['message.created'] }) });
      const { socket, conversationId } = await h.visitorConversation();
      await callOk(socket, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        content: { kind: 'text', body: { text: 'hello?' } },
      });
      await until(
        async () => {
          const { rows } = await h.server.db.query<{ failed: boolean }>(
            `SELECT failed_at IS NOT NULL AS failed FROM webhook_deliveries WHERE payload->>'type' = 'message.created' AND payload->'data'->'message'->'body'->>'text' = 'hello?'`,
          );
          return rows.length === 1 && rows[0]!.failed;
        },
        10000,
        'the delivery to be given up',
      );
      assert.equal(hooks.received.length, h.config.webhooks.maxAttempts);
      assert.equal(globex.received.length, 0);
      const notWebhook = await call(socket, 'session:get', {});
      assert.ok(notWebhook.ok, 'the backend carries on');
    } finally {
      await hooks.close();
      await globex.close();
    }
  });

  test('each recorded event is published once, however many dispatchers (nodes) run at the same time', async () => {
    const hooks = await receiver();
    const created = await api('webhooks', {
      method: 'POST',
      body: JSON.stringify({ url: hooks.url, events: ['message.created'] }),
    });
    const subscription = webhookSubscriptionCreatedSchema.parse(await created.json());
    const outbound = createOutbound({ allow: h.config.outboundAllow, ownUrls: () => [] });
    const second = startWebhookDispatcher({
      db: h.server.db,
      ...h.config.webhooks,
      fetch: outbound.fetch,
      log: () => {},
    });
    try {
      const { socket, conversationId } = await h.visitorConversation();
      const texts = Array.from({ length: 20 }, (_, i) => `Burst ${i}`);
      await Promise.all(
        texts.map((text) =>
          callOk(socket, 'message:send', {
            conversationId,
            clientId: crypto.randomUUID(),
            content: { kind: 'text', body: { text } },
          }),
        ),
      );
      await Promise.all([h.server.deliverWebhooks(), second.kick(), h.server.deliverWebhooks(), second.kick()]);
      const delivered = hooks.received.map((delivery) => verified(subscription.secret, delivery)!);
      const burst = delivered.filter(
        (event) =>
          event.type === 'message.created' &&
          event.data.message.kind === 'text' &&
          event.data.message.body.text.startsWith('Burst'),
      );
      assert.equal(burst.length, texts.length, 'every message reached the receiver');
      assert.equal(new Set(burst.map((event) => event.id)).size, texts.length, 'none of them twice');
    } finally {
      await second.close();
      await outbound.close();
      await api(`webhooks/${subscription.id}`, { method: 'DELETE' });
      await hooks.close();
    }
  });

  test('the OpenAPI document describes every endpoint with the schemas the answers are checked against', async () => {
    const response = await fetch(`${h.server.url}/api/v1/openapi.json`);
    assert.equal(response.status, 200);
    const doc = await response.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api-keys',
      '/api-keys/{keyId}',
      '/conversations',
      '/conversations/{conversationId}/messages',
      '/customers',
      '/customers/{customerId}',
      '/customers/{customerId}/messages',
      '/customers/{customerId}/transfer',
      '/employees',
      '/employees/{employeeId}',
      '/employees/{employeeId}/deactivate',
      '/orders',
      '/origins',
      '/origins/check',
      '/products',
      '/products/import',
      '/products/{productId}',
      '/sessions/employee',
      '/settings',
      '/sso',
      '/transfers',
      '/webhooks',
      '/webhooks/{subscriptionId}',
    ]);
    assert.deepEqual(doc.components.schemas.Customer.required.sort(), [
      'consentAt',
      'createdAt',
      'displayName',
      'email',
      'externalId',
      'id',
      'lastVisit',
      'name',
      'notes',
      'owner',
      'phone',
      'tags',
      'verified',
    ]);
    assert.ok(doc.components.schemas.WebhookEvent.oneOf ?? doc.components.schemas.WebhookEvent.anyOf);
  });
});
