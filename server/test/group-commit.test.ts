import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Message } from '@interop-kit/elements/protocol';
import type { Socket } from 'socket.io-client';
import { startHarness, until, type Harness } from './harness.js';

/** Lifted so that the bursts below measure the write path, not the limits. */
const UNLIMITED = { perSecond: 100_000, burst: 100_000 };

interface Send {
  conversationId: string;
  clientId: string;
  side: 'customer' | 'employee';
  ack: Promise<{ ok: boolean; data: { message: Message; duplicate: boolean } }>;
}

const send = (socket: Socket, conversationId: string, clientId: string, text: string) =>
  socket
    .timeout(30_000)
    .emitWithAck('message:send', { conversationId, clientId, content: { kind: 'text', body: { text } } });

describe('group commit: concurrent sends share statements and keep every guarantee', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ limits: { events: UNLIMITED, messages: UNLIMITED, conversationMessages: UNLIMITED } });
  });
  after(() => h.close());

  test('bursts into many conversations from both sides, with retries racing their originals', async () => {
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    // A subscriber to message.created, so that every event of the burst is published into a delivery of its own
    // (the address answers nothing: what is checked is what was published, not what was received).
    const subscription = randomUUID();
    await h.server.db.query(
      `INSERT INTO webhook_subscriptions (id, corp_id, url, events, secret) VALUES ($1, 'acme', 'http://127.0.0.1:9/hooks', '{message.created}', 's')`,
      [subscription],
    );
    const visitors = await Promise.all(Array.from({ length: 12 }, () => h.visitorConversation()));
    const sends: Send[] = [];
    const retries: Send[] = [];
    // Everything is emitted at once: customers and the employee write into the same conversations, and every third
    // customer message is sent twice with one clientId, the copy racing the original.
    for (let i = 0; i < 25; i++) {
      for (const { socket, conversationId } of visitors) {
        const clientId = randomUUID();
        sends.push({
          conversationId,
          clientId,
          side: 'customer',
          ack: send(socket, conversationId, clientId, `customer ${i}`),
        });
        if (i % 3 === 0)
          retries.push({
            conversationId,
            clientId,
            side: 'customer',
            ack: send(socket, conversationId, clientId, `customer ${i}`),
          });
        if (i % 5 === 0) {
          const reply = randomUUID();
          sends.push({
            conversationId,
            clientId: reply,
            side: 'employee',
            ack: send(employee, conversationId, reply, `employee ${i}`),
          });
        }
      }
    }
    const acks = await Promise.all(sends.map((s) => s.ack));
    const retryAcks = await Promise.all(retries.map((s) => s.ack));
    for (const ack of [...acks, ...retryAcks]) assert.equal(ack.ok, true, JSON.stringify(ack));

    // A clientId is stored once: of an original and its copy, exactly one is new, and both name the same message.
    const byClientId = new Map(acks.map((ack, index) => [sends[index]!.clientId, ack.data]));
    for (const [index, retry] of retryAcks.entries()) {
      const original = byClientId.get(retries[index]!.clientId)!;
      assert.deepEqual(retry.data.message, original.message);
      assert.equal(Number(retry.data.duplicate) + Number(original.duplicate), 1, 'one of the two is the duplicate');
      if (original.duplicate) byClientId.set(retries[index]!.clientId, retry.data);
    }

    const stored: Message[] = [];
    for (const { socket, conversationId } of visitors) {
      const page = await socket.timeout(5000).emitWithAck('history:page', { conversationId, limit: 100 });
      const messages = page.data.messages as Message[];
      assert.equal(page.data.hasMore, false);
      // Gapless, from 1, in the order each sender sent.
      assert.deepEqual(
        messages.map((m) => m.seq),
        messages.map((_, index) => index + 1),
        `seqs of ${conversationId}`,
      );
      const expected = sends.filter((s) => s.conversationId === conversationId);
      assert.equal(messages.length, expected.length, 'every message once');
      for (const side of ['customer', 'employee'] as const) {
        const texts = messages.filter((m) => m.sender.kind === side).map((m) => (m.kind === 'text' ? m.body.text : ''));
        assert.deepEqual(
          texts,
          [...texts].sort((a, b) => Number(a.split(' ')[1]) - Number(b.split(' ')[1])),
          `${side} order kept`,
        );
      }
      // What each sender was told is what history says.
      for (const message of messages) assert.deepEqual(byClientId.get(message.clientId!)?.message, message);
      stored.push(...messages);

      // The counters, read marks and workbench columns are what appending one by one would have left.
      const customerSeqs = messages.filter((m) => m.sender.kind === 'customer').map((m) => m.seq);
      const employeeSeqs = messages.filter((m) => m.sender.kind === 'employee').map((m) => m.seq);
      const { rows } = await h.server.db.query<Record<string, unknown>>('SELECT * FROM conversations WHERE id = $1', [
        conversationId,
      ]);
      const row = rows[0]!;
      assert.equal(row.last_seq, messages.length);
      assert.equal(row.employee_unread, customerSeqs.length);
      assert.equal(row.customer_unread, employeeSeqs.length);
      assert.equal(row.customer_read_seq, Math.max(...customerSeqs));
      assert.equal(row.employee_read_seq, Math.max(...employeeSeqs));
      assert.equal(row.awaiting_reply, messages.at(-1)!.sender.kind === 'customer');
      assert.equal(row.last_message_preview, (messages.at(-1)!.body as { text: string }).text);
      const answered = employeeSeqs.some((seq) => seq > Math.min(...customerSeqs));
      assert.equal(
        row.first_response_at !== null,
        answered,
        'the response clock starts at the first answer after a customer wrote',
      );
    }

    // The burst was written in shared statements: one statement's messages share its transaction's timestamp.
    const statements = new Set(stored.map((m) => m.createdAt)).size;
    assert.ok(statements < stored.length / 2, `${stored.length} messages in ${statements} statements`);

    // Each message has its one message.created event, carrying the message exactly as stored, published once.
    const storedIds = new Set(stored.map((m) => m.id));
    type Published = { payload: { id: string; data: { message: Message; customerId: string } } };
    let eventsOfBurst: Published[] = [];
    await until(
      async () => {
        const { rows } = await h.server.db.query<Published>(
          'SELECT payload FROM webhook_deliveries WHERE subscription_id = $1',
          [subscription],
        );
        eventsOfBurst = rows.filter((e) => storedIds.has(e.payload.data.message.id));
        return eventsOfBurst.length >= stored.length;
      },
      10_000,
      'every event published',
    );
    const { rows: left } = await h.server.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM events WHERE type = 'message.created'`,
    );
    assert.equal(left[0]!.count, 0, 'a published event leaves the outbox');
    assert.equal(eventsOfBurst.length, stored.length);
    assert.equal(new Set(eventsOfBurst.map((e) => e.payload.id)).size, stored.length, 'event ids are unique');
    const byId = new Map(stored.map((m) => [m.id, m]));
    for (const event of eventsOfBurst)
      assert.deepEqual(event.payload.data.message, byId.get(event.payload.data.message.id));
    employee.disconnect();
  });

  test('a batch with a customer writing into a closed conversation stores the rest and refuses only that one', async () => {
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const open = await h.visitorConversation();
    const closed = await h.visitorConversation();
    assert.equal(
      (await closed.socket.timeout(5000).emitWithAck('conversation:close', { conversationId: closed.conversationId }))
        .ok,
      false,
    );
    assert.equal(
      (await employee.timeout(5000).emitWithAck('conversation:close', { conversationId: closed.conversationId })).ok,
      true,
    );
    // One batch (sent together): the customer's message into the closed conversation is refused, the rest stored.
    // The employee writes into the open one here: into the closed one it would reopen it, and whether that came
    // before or after the customer's in the batch is up to arrival order.
    const acks = await Promise.all([
      send(open.socket, open.conversationId, randomUUID(), 'one'),
      send(closed.socket, closed.conversationId, randomUUID(), 'into a closed one'),
      send(open.socket, open.conversationId, randomUUID(), 'two'),
      send(employee, open.conversationId, randomUUID(), 'an answer'),
    ]);
    const seqOf = (ack: (typeof acks)[number]) => (ack.ok ? ack.data.message.seq : ack.error.code);
    assert.equal(seqOf(acks[1]!), 'conflict');
    assert.deepEqual([acks[0]!, acks[2]!, acks[3]!].map(seqOf).sort(), [1, 2, 3], 'the rest stored, without a gap');
    assert.ok((seqOf(acks[0]!) as number) < (seqOf(acks[2]!) as number), 'one socket’s messages in the order sent');
    const byEmployee = await send(employee, closed.conversationId, randomUUID(), 'the employee may still write');
    assert.ok(byEmployee.ok, 'an employee may still write into a closed conversation');
    employee.disconnect();
  });
});
