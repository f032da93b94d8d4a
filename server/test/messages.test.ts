import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConversationFeed, InteropClient, visitorTokenProvider } from '@interop-kit/elements/client';
import type { Conversation, Message } from '@interop-kit/elements/protocol';
import { call, callOk, memoryStorage, nextEvent, startHarness, until, type Harness } from './harness.js';

const text = (value: string) => ({ kind: 'text' as const, body: { text: value } });

describe('messages', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  /** A new visitor's client, a new conversation, and the feed following it. */
  async function visitorFeed() {
    const visitor = h.visitorClient();
    const conversation = await visitor.request('conversation:open', { createNew: true });
    const feed = new ConversationFeed(visitor, conversation.id);
    await feed.start();
    return { visitor, conversation, feed };
  }

  test('the same clientId sent twice yields one stored message', async () => {
    const { socket, conversationId } = await h.visitorConversation();
    const payload = { conversationId, clientId: crypto.randomUUID(), content: text('once') };
    // Sequential repeat and a concurrent burst of the same clientId.
    const first = await call(socket, 'message:send', payload);
    const repeats = await Promise.all([1, 2, 3].map(() => call(socket, 'message:send', payload)));
    assert.ok(first.ok && !first.data.duplicate);
    for (const repeat of repeats) {
      assert.ok(repeat.ok && repeat.data.duplicate);
      assert.equal(repeat.data.message.id, first.data.message.id);
    }
    const history = await call(socket, 'history:page', { conversationId });
    assert.ok(history.ok);
    assert.deepEqual(
      history.data.messages.map((m: Message) => m.seq),
      [1],
    );

    // Another sender reusing that clientId gets conflict, not someone else's message.
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const stolen = await call(employee, 'message:send', payload);
    assert.equal(!stolen.ok && stolen.error.code, 'conflict');
  });

  test('a message is one push per side, carrying the conversation as that side now sees it', async () => {
    const { socket: visitor, conversationId } = await h.visitorConversation();
    const staff = await h.rawSocket(await h.employeeToken('emp_lin'));
    const heard: { side: string; event: string; payload: { conversation?: Conversation } }[] = [];
    for (const [side, socket] of [
      ['customer', visitor],
      ['staff', staff],
    ] as const)
      socket.onAny((event: string, payload) => heard.push({ side, event, payload }));
    await callOk(visitor, 'message:send', { conversationId, clientId: crypto.randomUUID(), content: text('Hello') });
    // A call answered on each socket after the pushes: anything pushed for this message has arrived by then.
    await until(() => heard.filter((h) => h.event === 'message:new').length === 2, 5000, 'both sides hear it');
    await Promise.all([
      callOk(visitor, 'conversation:open', { conversationId }),
      callOk(staff, 'conversation:list', {}),
    ]);
    const pushes = heard.filter(({ payload }) => payload.conversation?.id === conversationId);
    assert.deepEqual(
      pushes.map(({ side, event }) => `${side} ${event}`),
      ['customer message:new', 'staff message:new'],
      'no second push with the conversation',
    );
    const [mine, theirs] = pushes.map(({ payload }) => payload.conversation!);
    assert.equal(mine!.lastMessagePreview, 'Hello');
    assert.equal(mine!.unread, 0, 'the customer wrote it');
    assert.equal(theirs!.unread, 1, 'the staff have it to read');
  });

  test('concurrent senders get strictly increasing seqs without gaps', async () => {
    const { socket: visitor, conversationId } = await h.visitorConversation();
    const employee = await h.rawSocket(await h.employeeToken('emp_sara'));
    const sends = Array.from({ length: 40 }, (_, i) =>
      call(i % 2 ? employee : visitor, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        content: text(`m${i}`),
      }),
    );
    const acks = await Promise.all(sends);
    assert.ok(acks.every((ack) => ack.ok));
    const history = await call(visitor, 'history:page', { conversationId, limit: 100 });
    assert.ok(history.ok);
    assert.deepEqual(
      history.data.messages.map((m: Message) => m.seq),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  test('a visitor message reaches the employee live and the reply reaches the visitor', async () => {
    const visitor = h.visitorClient();
    const employee = h.client(await h.employeeToken('emp_lin'));
    await Promise.all([visitor.whenOnline(), employee.whenOnline()]);
    const conversation = await visitor.request('conversation:open', { createNew: true });

    const atEmployee = nextEvent<Message>(
      (l) => employee.on('message', l),
      (m) => m.conversationId === conversation.id,
    );
    visitor.send(conversation.id, text('Do you ship to Lyon?'));
    const received = await atEmployee;
    assert.equal(received.kind === 'text' && received.body.text, 'Do you ship to Lyon?');
    assert.equal(received.sender.kind, 'customer');

    const atVisitor = nextEvent<Message>(
      (l) => visitor.on('message', l),
      (m) => m.sender.kind === 'employee',
    );
    employee.send(conversation.id, text('Yes, in 3 days.'));
    const reply = await atVisitor;
    assert.equal(reply.kind === 'text' && reply.body.text, 'Yes, in 3 days.');
    assert.equal(reply.sender.name, 'Lin Wei 林伟');
  });

  test('unread counts rise for the other side and clear when read', async () => {
    const visitor = h.visitorClient();
    const employee = h.client(await h.employeeToken('emp_lin'));
    const conversation = await visitor.request('conversation:open', { createNew: true });
    const feed = new ConversationFeed(employee, conversation.id);
    await feed.start();
    for (const word of ['one', 'two', 'three']) visitor.send(conversation.id, text(word));
    await until(() => feed.messages.length === 3, 5000, 'three messages at the employee');
    const listed = await employee.request('conversation:list', {});
    const row = listed.conversations.find((c) => c.id === conversation.id);
    assert.equal(row?.unread, 3);
    const cleared = nextEvent<Conversation>(
      (l) => visitor.on('conversation', l),
      (c) => c.id === conversation.id && c.peerReadSeq === 3,
    );
    await feed.markRead();
    assert.equal(feed.conversation?.unread, 0);
    await cleared; // the visitor learns the employee read up to seq 3
    feed.dispose();
  });

  test('a customer and an employee of one company in one browser each send and show only their own queued messages', async () => {
    // One browser's storage, two sessions (the company's own employee trying its site): one outbox key for both.
    const storage = memoryStorage();
    const customer = new InteropClient({
      endpoint: h.server.url,
      corp: 'acme',
      storage,
      tokenProvider: visitorTokenProvider({ endpoint: h.server.url, corp: 'acme', storage }),
    });
    const employee = new InteropClient({
      endpoint: h.server.url,
      corp: 'acme',
      storage,
      token: await h.employeeToken('emp_lin'),
    });
    try {
      customer.connect();
      employee.connect();
      const conversation = await customer.request('conversation:open', { createNew: true });
      await Promise.all([customer.session(), employee.session()]);
      await h.stop();
      await until(() => customer.status === 'offline' && employee.status === 'offline', 5000, 'both to notice');
      customer.send(conversation.id, text('question'));
      employee.send(conversation.id, text('answer'));
      assert.deepEqual(
        customer.pending().map((entry) => entry.content),
        [text('question')],
        'the customer shows only theirs',
      );
      assert.deepEqual(
        employee.pending().map((entry) => entry.content),
        [text('answer')],
      );
      await h.start();
      await until(() => customer.pending().length === 0 && employee.pending().length === 0, 15000, 'both delivered');
      const history = await employee.request('history:page', { conversationId: conversation.id });
      assert.deepEqual(
        history.messages.map((m) => [m.sender.kind, m.kind === 'text' ? m.body.text : m.kind]).sort(),
        [
          ['customer', 'question'],
          ['employee', 'answer'],
        ],
        'each sent once, by its own author',
      );
    } finally {
      customer.close();
      employee.close();
    }
  });

  test(
    'a message sent the moment the one before is acknowledged goes out too, without waiting for a reconnect',
    { timeout: 15_000 },
    async () => {
      const { visitor, conversation } = await visitorFeed();
      const texts = Array.from({ length: 5 }, (_, n) => `one after another ${n}`);
      // Each message is sent as soon as the one before is acknowledged, as a script (or a fast typist) would.
      for (const value of texts) {
        const acknowledged = new Promise<void>((resolve) => {
          const off = visitor.on('outbox', (entries) => entries.length === 0 && (off(), resolve()));
        });
        visitor.send(conversation.id, text(value));
        await acknowledged;
      }
      const history = await visitor.request('history:page', { conversationId: conversation.id });
      assert.deepEqual(
        history.messages.map((m) => (m.kind === 'text' ? m.body.text : m.kind)),
        texts,
      );
    },
  );

  test('a message sent while the backend is down is delivered exactly once after reconnect', async () => {
    const { visitor, conversation, feed } = await visitorFeed();

    await h.stop();
    await until(() => visitor.status === 'offline', 5000, 'the client to notice');
    visitor.send(conversation.id, text('sent while offline'));
    assert.equal(feed.items.at(-1)?.state, 'sending');

    await h.start();
    await until(
      () => feed.messages.length === 1 && visitor.outbox.entries().length === 0,
      15000,
      'delivery after reconnect',
    );
    const employee = h.client(await h.employeeToken('emp_lin'));
    const history = await employee.request('history:page', { conversationId: conversation.id });
    assert.deepEqual(
      history.messages.map((m) => (m.kind === 'text' ? m.body.text : m.kind)),
      ['sent while offline'],
    );
    assert.deepEqual(
      feed.items.map((item) => item.state),
      ['sent'],
    );
    feed.dispose();
  });

  test('a feed that misses pushes while disconnected catches up by sync, in order, without duplicates', async () => {
    const { visitor, conversation, feed } = await visitorFeed();
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const send = (value: string) =>
      call(employee, 'message:send', {
        conversationId: conversation.id,
        clientId: crypto.randomUUID(),
        content: text(value),
      });
    await send('a');
    await until(() => feed.messages.length === 1, 5000, 'first push');

    visitor.close(); // the visitor's network drops; the employee keeps writing
    await send('b');
    await send('c');
    visitor.connect();
    await until(() => feed.messages.length === 3, 5000, 'sync after reconnect');
    await send('d');
    await until(() => feed.messages.length === 4, 5000, 'live again');
    assert.deepEqual(
      feed.messages.map((m) => m.seq),
      [1, 2, 3, 4],
    );
    assert.deepEqual(
      feed.messages.map((m) => (m.kind === 'text' ? m.body.text : '')),
      ['a', 'b', 'c', 'd'],
    );
    feed.dispose();
  });

  test('history pages go back by seq without overlap', async () => {
    const { socket: visitor, conversationId } = await h.visitorConversation();
    for (let i = 1; i <= 7; i++) {
      await call(visitor, 'message:send', { conversationId, clientId: crypto.randomUUID(), content: text(`${i}`) });
    }
    const latest = await call(visitor, 'history:page', { conversationId, limit: 3 });
    const older = await call(visitor, 'history:page', { conversationId, limit: 3, beforeSeq: 5 });
    const oldest = await call(visitor, 'history:page', { conversationId, limit: 3, beforeSeq: 2 });
    assert.ok(latest.ok && older.ok && oldest.ok);
    assert.deepEqual(
      latest.data.messages.map((m: Message) => m.seq),
      [5, 6, 7],
    );
    assert.equal(latest.data.hasMore, true);
    assert.deepEqual(
      older.data.messages.map((m: Message) => m.seq),
      [2, 3, 4],
    );
    assert.deepEqual(
      oldest.data.messages.map((m: Message) => m.seq),
      [1],
    );
    assert.equal(oldest.data.hasMore, false);
  });

  test('an expired session is refreshed through the token provider without losing the outbox', async () => {
    const short = await startHarness({ visitorTokenTtl: 2 });
    try {
      let issued = 0;
      const provider = visitorTokenProvider({ endpoint: short.server.url, corp: 'acme', storage: memoryStorage() });
      const client = short.client(() => {
        issued += 1;
        return provider();
      });
      const conversation = await client.request('conversation:open', {});
      await until(() => issued >= 2 && client.status === 'online', 8000, 'a second token after expiry');
      const sent = nextEvent<Message>((l) => client.on('message', l));
      client.send(conversation.id, text('still me'));
      assert.equal((await sent).conversationId, conversation.id, 'the same visitor keeps the same conversation');
    } finally {
      await short.close();
    }
  });
});
