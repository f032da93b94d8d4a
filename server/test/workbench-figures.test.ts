import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { workbenchStatsSchema, type Conversation } from '@interop-kit/elements/protocol';
import { call, callOk, startHarness, type Harness } from './harness.js';

const text = (value: string) => ({ kind: 'text' as const, body: { text: value } });

describe('workbench: quick replies and key figures', () => {
  let h: Harness;
  let lin: Socket; // admin
  let sara: Socket; // agent

  before(async () => {
    h = await startHarness();
    await h.otherCompany({ name: 'Hank' });
    lin = await h.rawSocket(await h.employeeToken('emp_lin'));
    sara = await h.rawSocket(await h.employeeToken('emp_sara'));
  });
  after(() => h.close());

  test('quick replies are the corp’s: admins keep them, every employee uses them', async () => {
    const saved = await callOk(lin, 'quickreply:save', { title: 'Shipping', text: 'We ship within 2 working days.' });
    const edited = await callOk(lin, 'quickreply:save', {
      id: saved.id,
      title: 'Shipping',
      text: 'We ship within 1 working day.',
    });
    assert.equal(edited.text, 'We ship within 1 working day.');
    const duplicate = await call(lin, 'quickreply:save', { title: 'Shipping', text: 'again' });
    assert.equal(!duplicate.ok && duplicate.error.code, 'conflict');
    const agent = await call(sara, 'quickreply:save', { title: 'Mine', text: 'x' });
    assert.equal(!agent.ok && agent.error.code, 'forbidden');
    assert.deepEqual((await callOk(sara, 'quickreply:list', {})).replies, [edited]);
    const globex = await h.rawSocket(await h.employeeToken('emp_hank', 'globex'));
    assert.deepEqual((await callOk(globex, 'quickreply:list', {})).replies, [], 'another corp has its own');
    await callOk(lin, 'quickreply:delete', { id: saved.id });
    assert.deepEqual((await callOk(sara, 'quickreply:list', {})).replies, []);
  });

  test('the key figures: open, waiting, unassigned, mine, first response time, today’s paid orders', async () => {
    const fresh = await startHarness();
    try {
      const staff = await fresh.rawSocket(await fresh.employeeToken('emp_lin'));
      const visitor = await fresh.rawSocket((await fresh.visitorToken()).token);
      const conversation: Conversation = await callOk(visitor, 'conversation:open', {});
      await callOk(visitor, 'message:send', {
        conversationId: conversation.id,
        clientId: crypto.randomUUID(),
        content: text('Hi?'),
      });
      let stats = workbenchStatsSchema.parse(await callOk(staff, 'workbench:stats', {}));
      assert.equal(stats.openConversations, 1);
      assert.equal(stats.waitingCustomers, 1);
      assert.equal(stats.averageFirstResponseSeconds, null);

      // Answered 90 s after the question.
      await fresh.server.db.query(
        `UPDATE conversations SET first_customer_message_at = now() - interval '90 seconds' WHERE id = $1`,
        [conversation.id],
      );
      await callOk(staff, 'message:send', {
        conversationId: conversation.id,
        clientId: crypto.randomUUID(),
        content: text('Hello!'),
      });
      await fresh.server.db.query(
        `INSERT INTO orders (id, corp_id, customer_id, idempotency_key, product_id, product_title, quantity, unit_price_minor, amount_minor, currency, provider, status, expires_at, updated_at)
         SELECT gen_random_uuid(), 'acme', $1, gen_random_uuid(), 'longjing-250', 'Longjing', q, 16800, 16800 * q, 'CNY', 'sandbox', s, now(), u
         FROM (VALUES (1, 'succeeded', now()), (2, 'succeeded', now()), (1, 'failed', now()), (1, 'succeeded', now() - interval '3 days')) AS v(q, s, u)`,
        [conversation.customer.id],
      );
      stats = workbenchStatsSchema.parse(await callOk(staff, 'workbench:stats', {}));
      assert.equal(stats.waitingCustomers, 0, 'answered');
      assert.ok(
        stats.averageFirstResponseSeconds! >= 89 && stats.averageFirstResponseSeconds! <= 95,
        `${stats.averageFirstResponseSeconds}`,
      );
      assert.deepEqual(stats.todayOrders, { count: 2, amounts: [{ currency: 'CNY', amountMinor: 3 * 16800 }] });
      assert.equal(stats.mine + stats.unassigned <= stats.openConversations, true);
      const visitorAsk = await call(visitor, 'workbench:stats', {});
      assert.equal(!visitorAsk.ok && visitorAsk.error.code, 'forbidden');
    } finally {
      await fresh.close();
    }
  });
});
