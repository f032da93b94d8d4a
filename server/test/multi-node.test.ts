import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import type { Conversation, Message, Order, TeamMember } from '@interop-kit/elements/protocol';
import { callOk, next, until } from './harness.js';
import {
  clusterUnavailable,
  employeeToken,
  socketTo,
  startCluster,
  visitorToken,
  type Cluster,
} from './support/cluster.js';

const text = (value: string) => ({ kind: 'text' as const, body: { text: value } });

/**
 * Three backend processes on one PostgreSQL and one Redis: a visitor on node 1, the assigned employee on node 2, an
 * admin on node 3. Everything one of them does reaches the others whichever node they are on.
 */
describe(
  'three nodes: chat, presence, hand-over, departure and payments cross nodes',
  { skip: clusterUnavailable() },
  () => {
    let cluster: Cluster;
    const sockets: Socket[] = [];
    before(async () => {
      cluster = await startCluster(3);
    });
    after(async () => {
      for (const socket of sockets) socket.disconnect();
      await cluster?.close();
    });

    test('a visitor on node 1, the employee on node 2 and an admin on node 3 see each other', async () => {
      const [one, two, three] = cluster.nodes.map((node) => node.url) as [string, string, string];
      const visitor = await socketTo(one, await visitorToken(one), sockets);
      const conversation = (await callOk(visitor, 'conversation:open', { createNew: true })) as Conversation;
      // Lin is the demo's admin, Sara an agent.
      const admin = await socketTo(three, await employeeToken(three, 'emp_lin'), sockets);

      // Presence: Sara comes online on node 2; the visitor on node 1 and the admin's team list on node 3 see it.
      const online = next<{ employeeId: string; status: string }>(
        visitor,
        'presence',
        (p) => p.employeeId === 'emp_sara' && p.status === 'online',
      );
      const saraToken = await employeeToken(two, 'emp_sara');
      const sara = await socketTo(two, saraToken, sockets);
      await online;
      const team = (await callOk(admin, 'team:list', {})) as { employees: TeamMember[] };
      assert.equal(team.employees.find((member) => member.id === 'emp_sara')?.presence, 'online');

      // Hand-over by the admin on node 3 to Sara on node 2: both sides hear of it (its notice carries the conversation).
      const assignedToSara = next<{ conversation?: Conversation }>(
        sara,
        'message:new',
        ({ conversation: c }) => c?.id === conversation.id && c.assignee?.id === 'emp_sara',
      );
      const visitorSeesAssignee = next<{ conversation?: Conversation }>(
        visitor,
        'message:new',
        ({ conversation: c }) => c?.assignee?.id === 'emp_sara',
      );
      await callOk(admin, 'conversation:assign', { conversationId: conversation.id, employeeId: 'emp_sara' });
      await Promise.all([assignedToSara, visitorSeesAssignee]);

      // Messages both ways, typing, and read receipts.
      const toSara = next<{ message: Message }>(
        sara,
        'message:new',
        ({ message }) => message.conversationId === conversation.id && message.sender.kind === 'customer',
      );
      const sent = await callOk(visitor, 'message:send', {
        conversationId: conversation.id,
        clientId: randomUUID(),
        content: text('Is the tea in stock?'),
      });
      assert.equal((await toSara).message.id, sent.message.id);

      const typing = next<{ typing: boolean }>(visitor, 'typing', (t) => t.typing);
      await callOk(sara, 'typing', { conversationId: conversation.id, typing: true });
      await typing;

      const reply = next<{ message: Message }>(
        visitor,
        'message:new',
        ({ message }) => message.sender.kind === 'employee',
      );
      const answered = await callOk(sara, 'message:send', {
        conversationId: conversation.id,
        clientId: randomUUID(),
        content: text('It is.'),
      });
      assert.equal((await reply).message.id, answered.message.id);

      const readBySara = next<{ conversation: Conversation }>(
        sara,
        'conversation:updated',
        ({ conversation: c }) => c.id === conversation.id && c.peerReadSeq >= answered.message.seq,
      );
      await callOk(visitor, 'message:read', { conversationId: conversation.id, upToSeq: answered.message.seq });
      await readBySara;

      // Away on node 2 reaches node 1.
      const away = next<{ employeeId: string; status: string }>(
        visitor,
        'presence',
        (p) => p.employeeId === 'emp_sara' && p.status === 'away',
      );
      await callOk(sara, 'presence:set', { status: 'away' });
      await away;

      // A payment made by the visitor on node 1, settled by whichever node holds the sandbox's timer: pushes reach all.
      const staffSeesPaid = next<{ order: Order }>(admin, 'pay:status', ({ order }) => order.status === 'succeeded');
      const saraSeesPaid = next<{ order: Order }>(sara, 'pay:status', ({ order }) => order.status === 'succeeded');
      const visitorSeesPaid = next<{ order: Order }>(
        visitor,
        'pay:status',
        ({ order }) => order.status === 'succeeded',
        10_000,
      );
      const order = (await callOk(visitor, 'pay:create', {
        productId: 'gift-box',
        quantity: 1,
        provider: 'sandbox',
        idempotencyKey: randomUUID(),
      })) as Order;
      const paid = await fetch(order.nextAction!.url.replace(one, two), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ card: '4000 0000 0000 0259' }).toString(), // the card that processes, then settles
        redirect: 'manual',
      });
      assert.equal(paid.status, 303);
      await Promise.all([staffSeesPaid, saraSeesPaid, visitorSeesPaid]);

      // Departure: Sara leaves. Her sockets on every node are cut and her token is refused everywhere.
      const saraOnOne = await socketTo(one, saraToken, sockets);
      const cut = [sara, saraOnOne].map(
        (socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve)),
      );
      const offline = next<{ employeeId: string; status: string }>(
        visitor,
        'presence',
        (p) => p.employeeId === 'emp_sara' && p.status === 'offline',
      );
      const departed = await callOk(admin, 'employee:depart', { employeeId: 'emp_sara', successorId: 'emp_lin' });
      assert.equal(departed.employee.status, 'departed');
      assert.deepEqual(await Promise.all(cut), ['io server disconnect', 'io server disconnect']);
      await offline;
      for (const url of [one, two, three]) {
        await assert.rejects(
          socketTo(url, saraToken, sockets),
          (error: Error & { data?: { code?: string } }) => error.data?.code === 'unauthorized',
          url,
        );
      }
      const handedOn = (await callOk(visitor, 'conversation:open', {
        conversationId: conversation.id,
      })) as Conversation;
      assert.equal(
        handedOn.assignee?.id,
        'emp_lin',
        'the company keeps the customer: the successor has the conversation',
      );
    });

    test('a push travels only to the nodes with someone in its room (a Redis channel per room)', async () => {
      const [one] = cluster.nodes.map((node) => node.url) as [string];
      const redis = new Redis(cluster.redis.url);
      try {
        /** How many nodes listen on a room's channel (the sharded adapter's, `ix#/#<room>#`). */
        const listeners = async (room: string) => {
          const reply = (await redis.call('PUBSUB', 'SHARDNUMSUB', `ix#/#${room}#`)) as [string, number];
          return Number(reply[1]);
        };
        const visitor = await socketTo(one, await visitorToken(one), sockets);
        const conversation = (await callOk(visitor, 'conversation:open', { createNew: true })) as Conversation;
        const room = `customer:${conversation.customer.id}`;
        await until(async () => (await listeners(room)) === 1, 5000, 'the visitor’s node to listen on its room');
        // Only node 1 hears the customer's pushes: Redis passes each on once, whatever the number of nodes.
        assert.equal(await listeners(room), 1);
        visitor.disconnect();
        await until(async () => (await listeners(room)) === 0, 5000, 'the room’s channel to be given up');
      } finally {
        redis.disconnect();
      }
    });

    test('a node that dies takes its employees’ presence with it within the lease', async () => {
      for (const socket of sockets.splice(0)) socket.disconnect();
      const extra = await cluster.startNode();
      const one = cluster.nodes[0]!.url;
      const visitor = await socketTo(one, await visitorToken(one), sockets);
      const linPresence = async () =>
        ((await callOk(visitor, 'corp:info', {})) as { team: { id: string; presence: string }[] }).team.find(
          (m) => m.id === 'emp_lin',
        )?.presence;
      await until(async () => (await linPresence()) === 'offline', 5000, 'the first test’s sockets to be gone');

      const online = next<{ employeeId: string; status: string }>(
        visitor,
        'presence',
        (p) => p.employeeId === 'emp_lin' && p.status === 'online',
      );
      await socketTo(extra.url, await employeeToken(extra.url, 'emp_lin'), sockets);
      await online;
      const offline = next<{ employeeId: string; status: string }>(
        visitor,
        'presence',
        (p) => p.employeeId === 'emp_lin' && p.status === 'offline',
        10_000,
      );
      await extra.kill();
      // Lease 1.5 s, swept every 0.5 s by every node: offline in about 2 s (10 s allows for a loaded machine).
      await offline;
      assert.equal(await linPresence(), 'offline');
    });
  },
);
