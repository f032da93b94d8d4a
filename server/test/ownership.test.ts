import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CLIENT_EVENT_NAMES,
  clientEvents,
  type CallerRole,
  type ClientEventName,
} from '@interop-kit/elements/protocol';
import { call, startHarness, type Harness } from './harness.js';

/** Whose a thing is (auth/ownership.ts), asked through every event of the protocol that names one. */
describe('ownership', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await h.otherCompany({ id: 'emp_globex' }, ['https://globex.example']);
  });
  after(() => h.close());

  test('whose a thing is, is one policy: another customer’s or another company’s conversation, order, customer or message is not_found, exactly like one that does not exist', async () => {
    const alice = await h.rawSocket((await h.visitorToken()).token);
    const opened = await call(alice, 'conversation:open', {});
    assert.ok(opened.ok);
    const conversationId: string = opened.data.id;
    const customerId: string = opened.data.customer.id;
    const sent = await call(alice, 'message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'text', body: { text: 'mine' } },
    });
    assert.ok(sent.ok);
    const idempotencyKey = crypto.randomUUID();
    const bought = await call(alice, 'pay:create', {
      productId: 'longjing-250',
      quantity: 1,
      provider: 'sandbox',
      idempotencyKey,
      conversationId,
    });
    assert.ok(bought.ok);
    const things = {
      conversationId,
      customerId,
      messageId: sent.data.message.id as string,
      orderId: bought.data.id as string,
    };

    type Names = typeof things;
    // Every event whose payload names a thing by id, with a payload that is otherwise valid.
    const naming: Partial<Record<ClientEventName, Array<(ids: Names) => Record<string, unknown>>>> = {
      'conversation:open': [({ conversationId }) => ({ conversationId })],
      'message:send': [
        ({ conversationId }) => ({
          conversationId,
          clientId: crypto.randomUUID(),
          content: { kind: 'text', body: { text: 'hi' } },
        }),
      ],
      'message:read': [({ conversationId }) => ({ conversationId, upToSeq: 1 })],
      'message:delivered': [({ conversationId }) => ({ conversationId, upToSeq: 1 })],
      typing: [({ conversationId }) => ({ conversationId, typing: true })],
      'conversation:close': [({ conversationId }) => ({ conversationId })],
      'conversation:rate': [({ conversationId }) => ({ conversationId, score: 5 })],
      'conversation:assign': [({ conversationId }) => ({ conversationId, employeeId: 'emp_globex' })],
      'history:page': [({ conversationId }) => ({ conversationId })],
      sync: [({ conversationId }) => ({ conversationId, afterSeq: 0 })],
      'pay:create': [
        ({ conversationId }) => ({
          productId: 'longjing-250',
          quantity: 1,
          provider: 'sandbox',
          idempotencyKey: crypto.randomUUID(),
          conversationId,
        }),
      ],
      'pay:sync': [({ orderId }) => ({ orderId })],
      'pay:cancel': [({ orderId }) => ({ orderId })],
      'pay:refund': [({ orderId }) => ({ orderId })],
      'customer:get': [({ customerId }) => ({ customerId })],
      'customer:update': [({ customerId }) => ({ customerId, notes: 'seen by a stranger' })],
      'todo:create': [({ conversationId }) => ({ conversationId, text: 'x' }), ({ messageId }) => ({ messageId })],
    };
    // Lists filter by customer: someone else's customer lists nothing (covered below), it is not an error.
    const lists: ClientEventName[] = ['conversation:list', 'order:list'];
    const keysOf = (schema: unknown): string[] => {
      const def = (schema as { _zod: { def: { type: string; shape?: object; options?: unknown[] } } })._zod.def;
      if (def.type === 'object') return Object.keys(def.shape!);
      if (def.type === 'union') return def.options!.flatMap(keysOf);
      return [];
    };
    const namesAThing = CLIENT_EVENT_NAMES.filter((event) =>
      keysOf(clientEvents[event].payload).some((key) =>
        ['conversationId', 'orderId', 'customerId', 'messageId'].includes(key),
      ),
    );
    assert.deepEqual(
      namesAThing.filter((event) => !naming[event] && !lists.includes(event)),
      [],
      'every event naming a thing is swept here',
    );

    const mallory = await h.rawSocket((await h.visitorToken()).token);
    const hank = await h.rawSocket(await h.employeeToken('emp_globex', 'globex'));
    const strangers = [
      { who: 'another customer', socket: mallory, role: 'visitor' as const },
      { who: 'another company’s employee', socket: hank, role: 'employee' as const },
    ];
    const nobody: Names = {
      conversationId: crypto.randomUUID(),
      customerId: crypto.randomUUID(),
      messageId: crypto.randomUUID(),
      orderId: crypto.randomUUID(),
    };
    for (const [event, payloads] of Object.entries(naming) as Array<
      [ClientEventName, Array<(ids: Names) => Record<string, unknown>>]
    >) {
      const callers: readonly CallerRole[] = clientEvents[event].callers;
      for (const { who, socket, role } of strangers) {
        if (!callers.includes(role)) continue;
        for (const payload of payloads) {
          const theirs = await call(socket, event, payload(things));
          const missing = await call(socket, event, payload(nobody));
          assert.equal(theirs.ok ? 'ok' : theirs.error.code, 'not_found', `${event} by ${who}`);
          assert.deepEqual(
            theirs.ok ? {} : theirs.error,
            missing.ok ? {} : missing.error,
            `${event} by ${who}: the same answer as for nothing`,
          );
        }
      }
    }
    for (const event of lists) {
      const listed = await call(hank, event, { customerId });
      assert.ok(listed.ok, event);
      assert.deepEqual(Object.values(listed.data).find(Array.isArray), [], `${event}: none of another company’s`);
    }
    // Alice's things are untouched, and still hers.
    const history = await call(alice, 'history:page', { conversationId });
    assert.ok(history.ok);
    assert.deepEqual(
      history.data.messages.map(
        (message: { kind: string; body: { text?: string } }) => message.body.text ?? message.kind,
      ),
      ['mine'],
    );
  });
});
