import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CLIENT_EVENT_NAMES,
  clientEvents,
  MAX_TEXT_LENGTH,
  type CallerRole,
  type ClientEventName,
} from '@interop-kit/elements/protocol';
import type * as z from 'zod/mini';
import { call, startHarness, until, type Harness } from './harness.js';

const id = () => crypto.randomUUID();
const text = { kind: 'text', body: { text: 'hi' } };
/** Garbage every event must refuse; typed by event name so a new event cannot be added without its cases. */
const NOT_AN_OBJECT = [null, 42, 'text', [], true];
const MALFORMED: Record<ClientEventName, unknown[]> = {
  'session:get': [...NOT_AN_OBJECT],
  'admin:console': [...NOT_AN_OBJECT],
  'admin:settings': [
    ...NOT_AN_OBJECT,
    { name: '' },
    { accentColor: 'red; background: url(x)' },
    { logoUrl: 'javascript:alert(1)' },
    { allowedOrigins: ['https://a.example/path'] },
  ],
  'admin:origin-check': [...NOT_AN_OBJECT, {}, { origin: 7 }],
  'admin:employee-save': [
    ...NOT_AN_OBJECT,
    {},
    { employeeId: 'has space', name: 'X', email: 'x@example.com' },
    { employeeId: 'x', name: 'X', email: 'nope' },
    { employeeId: 'x', name: 'X', email: 'x@example.com', role: 'owner' },
  ],
  'admin:apikey-create': [...NOT_AN_OBJECT, {}, { name: 'k' }, { name: 'k', scope: 'root' }],
  'admin:apikey-revoke': [...NOT_AN_OBJECT, {}, { keyId: 'x' }],
  'admin:sso-set': [
    ...NOT_AN_OBJECT,
    {},
    { displayName: 'Okta', issuer: 'javascript:alert(1)', clientId: 'c', clientSecret: 's' },
    { displayName: 'Okta', issuer: 'https://login.example', clientId: 'c', clientSecret: 's', matchBy: 'phone' },
  ],
  'admin:sso-remove': [...NOT_AN_OBJECT],
  'corp:info': [...NOT_AN_OBJECT],
  'card:get': [...NOT_AN_OBJECT, {}, { employeeId: '' }, { employeeId: 7 }],
  'product:get': [...NOT_AN_OBJECT, {}, { productId: '' }, { productId: ['longjing-250'] }],
  'profile:update': [
    ...NOT_AN_OBJECT,
    {},
    { name: 'Ann' },
    { name: 'Ann', consent: false },
    { email: 'not an email', consent: true },
    { phone: 'call me maybe', consent: true },
    { name: '   ', consent: true },
  ],
  'conversation:close': [...NOT_AN_OBJECT, {}, { conversationId: 'x' }],
  'pay:create': [
    ...NOT_AN_OBJECT,
    {},
    { productId: 'longjing-250', quantity: 1, provider: 'sandbox' },
    { productId: 'longjing-250', quantity: 0, provider: 'sandbox', idempotencyKey: id() },
    { productId: 'longjing-250', quantity: 100, provider: 'sandbox', idempotencyKey: id() },
    { productId: 'longjing-250', quantity: 1.5, provider: 'sandbox', idempotencyKey: id() },
    { productId: 'longjing-250', quantity: 1, provider: 'paypal', idempotencyKey: id() },
    { productId: 'longjing-250', quantity: 1, provider: 'sandbox', idempotencyKey: 'k' },
    // A client-sent price is refused outright, not silently ignored.
    { productId: 'longjing-250', quantity: 1, provider: 'sandbox', idempotencyKey: id(), amountMinor: 1 },
  ],
  'product:list': [...NOT_AN_OBJECT, { query: 7 }, { limit: 0 }, { limit: 101 }],
  'pay:sync': [...NOT_AN_OBJECT, {}, { orderId: 'x' }, { idempotencyKey: 7 }],
  'pay:cancel': [...NOT_AN_OBJECT, {}, { orderId: 'x' }],
  'pay:refund': [...NOT_AN_OBJECT, {}, { orderId: 'x' }],
  'order:list': [...NOT_AN_OBJECT, { limit: 0 }, { limit: 101 }, { customerId: 'x' }],
  'transfer:answer': [...NOT_AN_OBJECT, {}, { transferId: 'x', accept: true }, { transferId: id(), accept: 'yes' }],
  'conversation:rate': [
    ...NOT_AN_OBJECT,
    { conversationId: id() },
    { conversationId: id(), score: 0 },
    { conversationId: id(), score: 6 },
    { conversationId: id(), score: 2.5 },
    { conversationId: id(), score: 5, comment: 42 },
  ],
  'message:delivered': [...NOT_AN_OBJECT, { conversationId: id() }, { conversationId: id(), upToSeq: -1 }],
  typing: [...NOT_AN_OBJECT, { conversationId: id() }, { conversationId: id(), typing: 'yes' }],
  'presence:set': [...NOT_AN_OBJECT, {}, { status: 'offline' }, { status: 'busy' }],
  'conversation:open': [
    ...NOT_AN_OBJECT,
    { conversationId: 'nope' },
    { createNew: 'yes' },
    { subject: 7 },
    { context: { productId: '' } },
    { context: 'longjing' },
  ],
  'conversation:list': [
    ...NOT_AN_OBJECT,
    { status: 'archived' },
    { limit: 0 },
    { limit: 1.5 },
    { scope: 'theirs' },
    { query: 42 },
    { cursor: 'page-2' },
    { customerId: 7 },
    { awaitingReply: 'yes' },
  ],
  'team:list': [...NOT_AN_OBJECT],
  'conversation:assign': [
    ...NOT_AN_OBJECT,
    {},
    { conversationId: id() },
    { conversationId: 'x', employeeId: 'emp_lin' },
    { conversationId: id(), employeeId: 'emp_lin', note: ['x'] },
  ],
  'customer:get': [...NOT_AN_OBJECT, {}, { customerId: 'x' }],
  'customer:update': [
    ...NOT_AN_OBJECT,
    {},
    { customerId: id(), email: 'not an email' },
    { customerId: id(), tags: 'vip' },
    { customerId: id(), tags: [''] },
    { customerId: id(), notes: null },
    { customerId: id(), name: '  ' },
  ],
  'employee:depart': [...NOT_AN_OBJECT, {}, { employeeId: 'emp_sara' }, { employeeId: '', successorId: 'emp_lin' }],
  'quickreply:list': [...NOT_AN_OBJECT],
  'quickreply:save': [
    ...NOT_AN_OBJECT,
    {},
    { title: 'Hi' },
    { title: '', text: 'Hello' },
    { id: 'x', title: 'Hi', text: 'Hello' },
  ],
  'quickreply:delete': [...NOT_AN_OBJECT, {}, { id: 'x' }],
  'todo:list': [...NOT_AN_OBJECT, { done: 'yes' }, { limit: 0 }],
  'todo:create': [
    ...NOT_AN_OBJECT,
    { text: '' },
    { text: 7 },
    { text: 'Call back', dueAt: 'tomorrow' },
    { messageId: 'x' },
  ],
  'todo:update': [...NOT_AN_OBJECT, {}, { id: 'x', done: true }, { id: id(), done: 'yes' }],
  'workbench:stats': [...NOT_AN_OBJECT],
  'message:send': [
    ...NOT_AN_OBJECT,
    {},
    { conversationId: id(), clientId: 'nope', content: text },
    { conversationId: id(), clientId: id(), content: { kind: 'text', body: { text: '' } } },
    { conversationId: id(), clientId: id(), content: { kind: 'text', body: 'hi' } },
    { conversationId: id(), clientId: id(), content: { kind: 'gif', body: {} } },
    {
      conversationId: id(),
      clientId: id(),
      content: { kind: 'image', body: { url: 'https://evil.example/x.png', name: 'x', size: 1, mime: 'image/png' } },
    },
    { conversationId: id(), clientId: id(), content: { kind: 'product_card', body: { productId: '' } } },
    {
      conversationId: id(),
      clientId: id(),
      content: { kind: 'payment_request', body: { productId: 'gift-box', quantity: 0 } },
    },
    { conversationId: id(), clientId: id(), content: { kind: 'payment_request', body: { productId: 'gift-box' } } },
    { conversationId: id(), clientId: id() },
  ],
  'message:read': [
    ...NOT_AN_OBJECT,
    { conversationId: id() },
    { conversationId: id(), upToSeq: -1 },
    { conversationId: id(), upToSeq: 'x' },
  ],
  'history:page': [
    ...NOT_AN_OBJECT,
    {},
    { conversationId: id(), beforeSeq: 1.5 },
    { conversationId: id(), limit: 10_000 },
  ],
  sync: [
    ...NOT_AN_OBJECT,
    { conversationId: id() },
    { conversationId: 'x', afterSeq: 0 },
    { conversationId: id(), afterSeq: -1 },
  ],
};

describe('protocol safety', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ limits: { events: { perSecond: 1000, burst: 1000 } } });
  });
  after(() => h.close());

  test('malformed payloads for every event get invalid_payload and the server keeps serving', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    // Each event from a caller it admits (the others are refused before their payload is read: see authorization).
    const admin = await h.rawSocket(await h.employeeToken('emp_lin'));
    for (const event of CLIENT_EVENT_NAMES) {
      const callers: readonly CallerRole[] = clientEvents[event].callers;
      const caller = callers.includes('visitor') ? socket : admin;
      for (const payload of MALFORMED[event]) {
        const ack = await call(caller, event, payload);
        assert.equal(ack.ok, false, `${event} ${JSON.stringify(payload)} must fail`);
        if (!ack.ok) {
          assert.equal(ack.error.code, 'invalid_payload', `${event} ${JSON.stringify(payload)}`);
          assert.ok(Array.isArray(ack.error.issues) && ack.error.issues.length > 0, 'the zod issues are returned');
        }
      }
    }
    assert.equal(socket.connected, true, 'the socket is not dropped');
    const opened = await call(socket, 'conversation:open', {});
    assert.equal(opened.ok, true, 'and the server still serves it');
    assert.deepEqual(
      h.logs.filter((line) => line.includes('failed')),
      [],
      'no handler crashed',
    );
  });

  test('clients cannot author server-only message kinds', async () => {
    const { socket, conversationId } = await h.visitorConversation();
    const ack = await call(socket, 'message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'system', body: { event: 'transferred', text: 'You now talk to Mallory' } },
    });
    assert.equal(!ack.ok && ack.error.code, 'invalid_payload');
  });

  test('an over-long message gets too_large and nothing is stored', async () => {
    const { socket, conversationId } = await h.visitorConversation();
    const ack = await call(socket, 'message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'text', body: { text: 'x'.repeat(MAX_TEXT_LENGTH + 1) } },
    });
    assert.equal(!ack.ok && ack.error.code, 'too_large');
    const history = await call(socket, 'history:page', { conversationId });
    assert.equal(history.ok && history.data.messages.length, 0);
  });

  test('unknown ids and unknown events get typed errors', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const missing = await call(socket, 'history:page', { conversationId: crypto.randomUUID() });
    assert.equal(!missing.ok && missing.error.code, 'not_found');
    const unknown = await call(socket, 'conversation:delete', {});
    assert.equal(!unknown.ok && unknown.error.code, 'not_found');
    // An event without an ack is ignored, not fatal.
    socket.emit('message:send', { garbage: true });
    assert.ok((await call(socket, 'session:get')).ok);
  });

  test('too many events per second get rate_limited, then service resumes', async () => {
    // A window far longer than the burst takes, so the count is exact however slow the machine is.
    const limited = await startHarness({ limits: { events: { perSecond: 0.1, burst: 5 } } });
    // A short window, to see service resume without waiting long.
    const brief = await startHarness({ limits: { events: { perSecond: 100, burst: 5 } } });
    try {
      const socket = await limited.rawSocket((await limited.visitorToken()).token);
      const acks = await Promise.all(Array.from({ length: 12 }, () => call(socket, 'session:get')));
      const codes = acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));
      assert.equal(codes.filter((c) => c === 'ok').length, 5);
      assert.equal(codes.filter((c) => c === 'rate_limited').length, 7);

      const resuming = await brief.rawSocket((await brief.visitorToken()).token);
      const flood = await Promise.all(Array.from({ length: 12 }, () => call(resuming, 'session:get')));
      assert.ok(
        flood.some((ack) => !ack.ok && ack.error.code === 'rate_limited'),
        'the flood is refused',
      );
      await until(async () => (await call(resuming, 'session:get')).ok, 5000, 'the limit to let events through again');
    } finally {
      await limited.close();
      await brief.close();
    }
  });

  test('every number a client sends is bounded to what the database stores (PostgreSQL integer)', () => {
    // Walks each event's payload schema to its number fields; each, on its own, must refuse 2^31.
    const numbers: string[] = [];
    const walk = (schema: unknown, path: string): void => {
      const def = (schema as { _zod?: { def: Record<string, any> } })._zod?.def;
      if (!def) return;
      if (def.type === 'number') {
        numbers.push(path);
        assert.equal((schema as z.ZodMiniType).safeParse(2 ** 31).success, false, `${path} accepts 2^31`);
        return;
      }
      if (def.type === 'object') for (const [key, value] of Object.entries(def.shape)) walk(value, `${path}.${key}`);
      else if (def.type === 'array') walk(def.element, `${path}[]`);
      else if (def.type === 'record') walk(def.valueType, `${path}{}`);
      else if (def.type === 'union')
        def.options.forEach((option: unknown, index: number) => walk(option, `${path}|${index}`));
      else if (def.type === 'pipe') walk(def.in, path);
      else if (def.innerType) walk(def.innerType, path);
    };
    for (const name of CLIENT_EVENT_NAMES) walk(clientEvents[name].payload, name);
    assert.ok(numbers.length >= 10, `the walk reached the number fields (${numbers.join(', ')})`);
  });
});
