import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { Conversation, CorpInfo, Message } from '@interop-kit/elements/protocol';
import { call, callOk, next, startHarness, type Harness } from './harness.js';

const text = (value: string) => ({ kind: 'text' as const, body: { text: value } });
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Fails if `event` arrives on `socket` while `during` runs or before one more round trip on that socket is answered:
 * a socket delivers in order, so a push sent before then would have come first. No waiting on the clock.
 */
async function nothingArrives(socket: Socket, event: string, during: () => Promise<unknown>) {
  const seen: unknown[] = [];
  const listener = (value: unknown) => seen.push(value);
  socket.on(event, listener);
  try {
    await during();
    await call(socket, 'session:get', {});
  } finally {
    socket.off(event, listener);
  }
  assert.deepEqual(seen, [], `${event} must not arrive`);
}

describe('customer chat features', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  afterEach(() => h.server.stores.corps.updateCorpSettings('acme', { businessHours: null, prechat: null }));
  after(() => h.close());

  async function upload(token: string, body: Buffer, type: string, name: string) {
    return fetch(`${h.server.url}/api/corps/acme/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      body: new Uint8Array(body),
    });
  }

  test('delivery and read receipts reach the sender as the other side receives and reads', async () => {
    const { socket: visitor, conversationId } = await h.visitorConversation();
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    await callOk(visitor, 'message:send', { conversationId, clientId: crypto.randomUUID(), content: text('hello') });

    const delivered = next<{ conversation: Conversation }>(
      visitor,
      'conversation:updated',
      ({ conversation }) => conversation.peerDeliveredSeq === 1,
    );
    assert.ok((await call(employee, 'message:delivered', { conversationId, upToSeq: 1 })).ok);
    assert.equal((await delivered).conversation.peerReadSeq, 0, 'delivered, not yet read');

    const read = next<{ conversation: Conversation }>(
      visitor,
      'conversation:updated',
      ({ conversation }) => conversation.peerReadSeq === 1,
    );
    assert.ok((await call(employee, 'message:read', { conversationId, upToSeq: 1 })).ok);
    await read;

    // A delivery mark never runs past the last message, nor back.
    await callOk(employee, 'message:delivered', { conversationId, upToSeq: 99 });
    const view = await callOk(visitor, 'conversation:open', { conversationId });
    assert.equal(view.peerDeliveredSeq, 1);
  });

  test('typing reaches the other side, not the typist', async () => {
    const { socket: visitor, conversationId } = await h.visitorConversation();
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const seen = next<{ conversationId: string; sender: { kind: string }; typing: boolean }>(employee, 'typing');
    assert.ok((await call(visitor, 'typing', { conversationId, typing: true })).ok);
    const event = await seen;
    assert.deepEqual([event.conversationId, event.sender.kind, event.typing], [conversationId, 'customer', true]);

    const toVisitor = next<{ sender: { kind: string; name?: string } }>(visitor, 'typing');
    await nothingArrives(employee, 'typing', async () =>
      assert.ok((await call(employee, 'typing', { conversationId, typing: true })).ok),
    );
    assert.equal((await toVisitor).sender.name, 'Lin Wei 林伟');

    // Another visitor hears nothing of it, and cannot type into someone else's conversation: to them it does not exist.
    const { socket: stranger } = await h.visitorConversation();
    const refused = await call(stranger, 'typing', { conversationId, typing: true });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'not_found');
  });

  test('employee presence: online on connect, away when set, offline when the last socket goes', async () => {
    const { socket: visitor } = await h.visitorConversation();
    const before: CorpInfo = await callOk(visitor, 'corp:info', {});
    assert.equal(before.team.find((member) => member.id === 'emp_sara')?.presence, 'offline');

    const online = next<{ employeeId: string; status: string }>(
      visitor,
      'presence',
      (p) => p.employeeId === 'emp_sara',
    );
    const sara = await h.rawSocket(await h.employeeToken('emp_sara'));
    assert.equal((await online).status, 'online');

    const away = next<{ status: string }>(visitor, 'presence', (p) => p.status === 'away');
    assert.ok((await call(sara, 'presence:set', { status: 'away' })).ok);
    await away;
    assert.equal(
      (await callOk(visitor, 'corp:info', {})).team.find((m: { id: string }) => m.id === 'emp_sara').presence,
      'away',
    );

    const offline = next<{ status: string }>(visitor, 'presence', (p) => p.status === 'offline');
    sara.disconnect();
    await offline;
    const refused = await call(visitor, 'presence:set', { status: 'online' });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'forbidden');
  });

  test('closing posts a notice, refuses further customer messages, and the customer can rate it', async () => {
    const { socket: visitor, conversationId } = await h.visitorConversation();
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const early = await call(visitor, 'conversation:rate', { conversationId, score: 5 });
    assert.equal(early.ok ? 'ok' : early.error.code, 'conflict', 'an open conversation is not rated');
    const notClosable = await call(visitor, 'conversation:close', { conversationId });
    assert.equal(notClosable.ok ? 'ok' : notClosable.error.code, 'forbidden');

    await callOk(visitor, 'message:send', { conversationId, clientId: crypto.randomUUID(), content: text('Thanks!') });
    const notice = next<{ message: Message }>(visitor, 'message:new', ({ message }) => message.kind === 'system');
    const closed = await callOk(employee, 'conversation:close', { conversationId });
    assert.equal(closed.status, 'closed');
    const { message } = await notice;
    assert.ok(message.kind === 'system' && message.body.event === 'closed' && message.body.text.includes('Lin Wei'));
    // The list still shows what was last said, not the (English) notice.
    assert.equal(closed.lastMessagePreview, 'Thanks!');
    assert.equal(closed.lastSeq, message.seq);
    // Closing twice posts no second notice.
    assert.ok((await call(employee, 'conversation:close', { conversationId })).ok);
    const history = await callOk(visitor, 'history:page', { conversationId });
    assert.equal(history.messages.filter((m: Message) => m.kind === 'system').length, 1);

    const late = await call(visitor, 'message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: text('one more thing'),
    });
    assert.equal(late.ok ? 'ok' : late.error.code, 'conflict');

    const staffSees = next<{ conversation: Conversation }>(
      employee,
      'conversation:updated',
      ({ conversation }) => conversation.rating !== null,
    );
    const rated = await callOk(visitor, 'conversation:rate', {
      conversationId,
      score: 4,
      comment: '  Quick and kind  ',
    });
    assert.deepEqual(rated.rating, { score: 4, comment: 'Quick and kind' });
    assert.deepEqual((await staffSees).conversation.rating, { score: 4, comment: 'Quick and kind' });
  });

  test('outside business hours a new conversation waits as pending until an employee answers', async () => {
    // Open only on a weekday that is not today, in UTC: closed now whatever the clock says.
    const tomorrow = String((new Date().getUTCDay() + 1) % 7) as '0';
    await h.server.stores.corps.updateCorpSettings('acme', {
      businessHours: { timezone: 'UTC', weekly: { [tomorrow]: [['09:00', '17:00']] } },
    });
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const info: CorpInfo = await callOk(socket, 'corp:info', {});
    assert.equal(info.hours.open, false);
    const nextOpen = new Date(info.hours.nextOpenAt!);
    assert.equal(nextOpen.getUTCDay(), Number(tomorrow));
    assert.equal(nextOpen.getUTCHours(), 9);

    const opened = await callOk(socket, 'conversation:open', {});
    assert.equal(opened.status, 'pending');
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const reply = await call(employee, 'message:send', {
      conversationId: opened.id,
      clientId: crypto.randomUUID(),
      content: text('Morning!'),
    });
    assert.ok(reply.ok);
    assert.equal((await callOk(socket, 'conversation:open', { conversationId: opened.id })).status, 'open');
  });

  test('with a pre-chat form, a conversation starts only after the visitor consented', async () => {
    await h.server.stores.corps.updateCorpSettings('acme', {
      prechat: { fields: ['name', 'email'], consentText: 'Acme may reply to me here and by email.' },
    });
    const socket = await h.rawSocket((await h.visitorToken()).token);
    assert.equal((await callOk(socket, 'corp:info', {})).prechat.fields.length, 2);
    const refused = await call(socket, 'conversation:open', {});
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'forbidden');

    const session = await callOk(socket, 'profile:update', {
      name: ' Ann Lee ',
      email: 'ann@example.com',
      consent: true,
    });
    assert.equal(session.name, 'Ann Lee');
    assert.ok(session.consentAt);
    const opened = await callOk(socket, 'conversation:open', {});
    assert.equal(opened.customer.name, 'Ann Lee');
  });

  test('a conversation started about a product carries the catalog title; another product starts another one', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const first = await callOk(socket, 'conversation:open', {
      context: { productId: 'longjing-250', topic: 'Bulk order' },
    });
    assert.deepEqual(first.context, {
      productId: 'longjing-250',
      productTitle: 'West Lake Longjing, 250 g',
      topic: 'Bulk order',
    });
    const again = await callOk(socket, 'conversation:open', {
      context: { productId: 'longjing-250', topic: 'Bulk order' },
    });
    assert.equal(again.id, first.id, 'the same question resumes its conversation');
    const other = await callOk(socket, 'conversation:open', { context: { productId: 'gift-box' } });
    assert.notEqual(other.id, first.id);
    const unknown = await call(socket, 'conversation:open', { context: { productId: 'no-such-tea' } });
    assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'not_found');
  });

  test('uploads: the server checks type and size, and the message carries its own URL, name and size', async () => {
    const { token } = await h.visitorToken();
    const socket = await h.rawSocket(token);
    const conversationId = (await callOk(socket, 'conversation:open', { createNew: true })).id;

    const uploaded = await upload(token, PNG, 'image/png', '茶 photo.png');
    assert.equal(uploaded.status, 200);
    const result = await uploaded.json();
    assert.equal(result.kind, 'image');
    const sent = await callOk(socket, 'message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'image', body: { uploadId: result.uploadId, name: 'renamed-by-client.exe' } },
    });
    assert.equal(sent.message.body.name, '茶 photo.png');
    assert.equal(sent.message.body.size, PNG.length);
    const file = await fetch(`${h.server.url}${sent.message.body.url}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), PNG);
    const forged = await fetch(`${h.server.url}${sent.message.body.url.replace(/sig=.*/, 'sig=' + 'A'.repeat(32))}`);
    assert.equal(forged.status, 404);

    // Someone else's upload cannot be sent; a PDF is not an image.
    const stranger = await h.visitorConversation();
    const stolen = await call(stranger.socket, 'message:send', {
      conversationId: stranger.conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'file', body: { uploadId: result.uploadId } },
    });
    assert.equal(stolen.ok ? 'ok' : stolen.error.code, 'not_found');
    const pdf = await (await upload(token, Buffer.from('%PDF-1.4'), 'application/pdf', 'quote.pdf')).json();
    assert.equal(pdf.kind, 'file');
    const mislabelled = await call(socket, 'message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'image', body: { uploadId: pdf.uploadId } },
    });
    assert.equal(mislabelled.ok ? 'ok' : mislabelled.error.code, 'invalid_payload');

    const html = await upload(token, Buffer.from('<script>alert(1)</script>'), 'text/html', 'x.html');
    assert.equal(html.status, 400);
    assert.equal((await html.json()).error.code, 'invalid_payload');
    const big = await upload(token, Buffer.alloc(h.config.uploadMaxBytes + 1), 'application/pdf', 'big.pdf');
    assert.equal(big.status, 413);
    assert.equal((await big.json()).error.code, 'too_large');
    const anonymous = await fetch(`${h.server.url}/api/corps/acme/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'x-file-name': 'a.png' },
      body: new Uint8Array(PNG),
    });
    assert.equal(anonymous.status, 401);
  });
});
