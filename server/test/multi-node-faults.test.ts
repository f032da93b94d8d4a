import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { InteropClient, visitorTokenProvider } from '@interop-kit/elements/client';
import type { Message } from '@interop-kit/elements/protocol';
import { callOk, memoryStorage, next, until } from './harness.js';
import { startBalancer, type Balancer } from './support/balancer.js';
import {
  clusterUnavailable,
  employeeToken,
  socketTo,
  startCluster,
  visitorToken,
  webhookReceiver,
  type Cluster,
} from './support/cluster.js';
import type { NodeProcess } from './support/node-process.js';

/** Visitors with the kit's own client (its outbox resends what was not acknowledged), through the balancer. */
async function visitors(balancer: Balancer, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const storage = memoryStorage();
      const client = new InteropClient({
        endpoint: balancer.url,
        corp: 'acme',
        tokenProvider: visitorTokenProvider({ endpoint: balancer.url, corp: 'acme', storage }),
        storage,
        requestTimeoutMs: 5000,
      });
      client.connect();
      const conversation = await client.request('conversation:open', { createNew: true });
      return { client, conversationId: conversation.id, texts: [] as string[] };
    }),
  );
}
type Visitor = Awaited<ReturnType<typeof visitors>>[number];

const acknowledged = (all: Visitor[]) => all.reduce((sum, v) => sum + v.texts.length - v.client.pending().length, 0);

/** Waits until every message of every visitor is acknowledged, and none failed. */
async function allAcknowledged(all: Visitor[]) {
  await until(() => all.every((v) => v.client.pending().length === 0), 90_000, 'every message to be acknowledged');
  for (const v of all) v.client.close();
}

/** What the database holds: each conversation has exactly the texts sent, once each, and its seqs have no gap. */
async function assertStoredOnce(databaseUrl: string, all: Visitor[]) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const { conversationId, texts } of all) {
      const { rows } = await db.query<{ seq: string; kind: string; text: string | null }>(
        `SELECT seq, kind, body->>'text' AS text FROM messages WHERE conversation_id = $1 ORDER BY seq`,
        [conversationId],
      );
      assert.deepEqual(
        rows.map((row) => Number(row.seq)),
        rows.map((_, i) => i + 1),
        'seqs 1, 2, 3… without a gap',
      );
      const stored = rows.filter((row) => row.kind === 'text').map((row) => row.text);
      assert.equal(stored.length, texts.length, 'nothing lost, nothing twice');
      assert.deepEqual([...stored].sort(), [...texts].sort());
    }
  } finally {
    await db.end();
  }
}

describe(
  'three nodes behind a load balancer: a node killed or restarted loses nothing',
  { skip: clusterUnavailable() },
  () => {
    let cluster: Cluster;
    let balancer: Balancer;
    let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
    const sockets: Socket[] = [];

    before(async () => {
      cluster = await startCluster(3);
      balancer = await startBalancer(cluster.nodes.map((node) => node.url));
      hooks = await webhookReceiver();
      // The company's CRM subscribes to every message (through the balancer, as it would).
      const admin = await socketTo(
        cluster.nodes[0]!.url,
        await employeeToken(cluster.nodes[0]!.url, 'emp_lin'),
        sockets,
      );
      const { key } = await callOk(admin, 'admin:apikey-create', { name: 'CRM', scope: 'admin' });
      const subscribed = await fetch(`${balancer.url}/api/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: hooks.url, events: ['message.created'] }),
      });
      assert.equal(subscribed.status, 200, await subscribed.clone().text());
      admin.disconnect();
    });
    after(async () => {
      for (const socket of sockets) socket.disconnect();
      await balancer?.close();
      await hooks?.close();
      await cluster?.close();
    });

    test('kill -9 a node in the middle of a 1,000-message burst: 0 lost, 0 twice, seqs gapless, each webhook counted once', async () => {
      const all = await visitors(balancer, 10);
      for (const [i, v] of all.entries()) {
        for (let n = 0; n < 100; n++) {
          const text = `v${i} m${n}`;
          v.texts.push(text);
          v.client.send(v.conversationId, { kind: 'text', body: { text } });
        }
      }
      await until(() => acknowledged(all) >= 300, 30_000, 'a third of the burst');
      const victim = cluster.nodes[0]!;
      // The balancer's health check takes it out; its clients reconnect to the other two and resend.
      balancer.targets = balancer.targets.filter((url) => url !== victim.url);
      await victim.kill();
      await allAcknowledged(all);
      await assertStoredOnce(cluster.databaseUrl, all);

      // The company's receiver: every message's event arrives. Counted by delivery id (as the README tells receivers to),
      // each once. A delivery the dead node had sent but not yet recorded is sent again once its claim runs out:
      // webhooks are at least once, and only those (a batch, 20 at most) may arrive twice.
      await until(
        () => new Set(hooks.received.map((r) => r.eventId)).size === 1000,
        60_000,
        'every message.created delivered',
      );
      const deliveries = new Map<string, Set<string>>();
      for (const { eventId, deliveryId } of hooks.received)
        deliveries.set(eventId, (deliveries.get(eventId) ?? new Set()).add(deliveryId));
      assert.ok(
        [...deliveries.values()].every((ids) => ids.size === 1),
        'one delivery per event',
      );
      assert.ok(hooks.received.length - deliveries.size <= 20, `${hooks.received.length - deliveries.size} repeats`);
    });

    test('a rolling restart of every node under load loses and duplicates nothing', async () => {
      // Replace the dead node first, so the restart starts from three.
      const replacement = await cluster.startNode();
      balancer.targets = [...balancer.targets, replacement.url];
      const live = [...balancer.targets];
      const all = await visitors(balancer, 6);
      let restarted = false;
      // Each visitor keeps writing, one message after another's ack, until every node has been replaced.
      const writing = all.map(async (v, i) => {
        for (let n = 0; n < 2000 && (!restarted || n < 20); n++) {
          const text = `r${i} m${n}`;
          v.texts.push(text);
          const acked = new Promise<void>((resolve) => {
            const off = v.client.on('outbox', (entries) => entries.length === 0 && (off(), resolve()));
          });
          v.client.send(v.conversationId, { kind: 'text', body: { text } });
          await acked;
        }
      });
      for (const url of live) {
        const old = cluster.nodes.find((node) => node.url === url) ?? replacement;
        const fresh: NodeProcess = await cluster.startNode();
        balancer.targets = [...balancer.targets.filter((target) => target !== url), fresh.url];
        await old.stop(); // SIGTERM: it drains, then exits
      }
      restarted = true;
      await Promise.all(writing);
      await allAcknowledged(all);
      assert.ok(all.every((v) => v.texts.length >= 20));
      await assertStoredOnce(cluster.databaseUrl, all);
    });

    test('a client on long-polling works through a balancer with sticky sessions', async () => {
      const [one, two] = balancer.targets as [string, string];
      const sticky = await startBalancer([one, two], { sticky: true });
      try {
        const token = await visitorToken(sticky.url);
        // Polling is several requests per session: each must reach the node holding it (the cookie says which).
        const visitor = connectSocket(sticky.url, {
          auth: { token },
          transports: ['polling'],
          withCredentials: true,
          reconnection: false,
          forceNew: true,
        });
        sockets.push(visitor);
        await new Promise<void>((resolve, reject) =>
          visitor.once('connect', () => resolve()).once('connect_error', reject),
        );
        assert.equal(visitor.io.engine.transport.name, 'polling');
        const conversation = await callOk(visitor, 'conversation:open', { createNew: true });
        const lin = await socketTo(two, await employeeToken(two, 'emp_lin'), sockets);
        const reaches = next<{ message: Message }>(
          lin,
          'message:new',
          ({ message }) => message.conversationId === conversation.id,
        );
        for (let n = 0; n < 5; n++) {
          await callOk(visitor, 'message:send', {
            conversationId: conversation.id,
            clientId: crypto.randomUUID(),
            content: { kind: 'text', body: { text: `polled ${n}` } },
          });
        }
        await reaches;
        const replied = next<{ message: Message }>(
          visitor,
          'message:new',
          ({ message }) => message.sender.kind === 'employee',
        );
        await callOk(lin, 'message:send', {
          conversationId: conversation.id,
          clientId: crypto.randomUUID(),
          content: { kind: 'text', body: { text: 'answer' } },
        });
        assert.deepEqual((await replied).message.body, { text: 'answer' });
      } finally {
        await sticky.close();
      }
    });
  },
);
