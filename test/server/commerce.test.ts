import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { businessCardSchema, productSchema } from '../../src/protocol/index.js';
import { call, callOk, startHarness, type Harness } from '../support/harness.js';

describe('cards and catalog', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await h.server.stores.corps.createCorp({ id: 'globex', name: 'Globex' });
    await h.server.stores.corps.createEmployee({
      id: 'emp_hank',
      corpId: 'globex',
      name: 'Hank Scorpio',
      title: 'CEO',
      avatarUrl: null,
      phone: '+1 555 0100',
      email: 'hank@globex.example',
      bio: null,
    });
    await h.server.db.query(`INSERT INTO products (corp_id, id, title, price_minor, currency, page_path) VALUES ('globex', 'doomsday', 'Device', 1, 'USD', '/d')`);
  });
  after(() => h.close());

  test('a visitor gets an employee card with the verified company', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const card = businessCardSchema.parse(await callOk(socket, 'card:get', { employeeId: 'emp_lin' }));
    assert.equal(card.name, 'Lin Wei 林伟');
    assert.equal(card.title, 'Sales Manager');
    assert.equal(card.phone, '+86 21 5555 0101');
    assert.deepEqual(card.company, { id: 'acme', name: 'Acme Tea Co.', verified: true });
    assert.equal(card.status, 'active');
    assert.equal(card.successor, null);
  });

  test("a departed employee's card names the successor and no longer hands out direct lines", async () => {
    await h.server.db.query(`UPDATE employees SET status = 'departed', successor_id = 'emp_lin' WHERE id = 'emp_sara'`);
    try {
      const socket = await h.rawSocket((await h.visitorToken()).token);
      const card = await callOk(socket, 'card:get', { employeeId: 'emp_sara' });
      assert.equal(card.status, 'departed');
      assert.deepEqual(card.successor, { id: 'emp_lin', name: 'Lin Wei 林伟', title: 'Sales Manager' });
      assert.equal(card.phone, null);
      assert.equal(card.email, null);
    } finally {
      await h.server.db.query(`UPDATE employees SET status = 'active', successor_id = NULL WHERE id = 'emp_sara'`);
    }
  });

  test('products come from the catalog with integer minor units', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const product = productSchema.parse(await callOk(socket, 'product:get', { productId: 'longjing-250' }));
    assert.deepEqual(
      { price: product.priceMinor, currency: product.currency, path: product.pagePath, available: product.available },
      { price: 16800, currency: 'CNY', path: '/products/longjing', available: true },
    );
  });

  test('employees send product cards from the catalog; visitors cannot, and unknown products are refused', async () => {
    const { socket: visitor, conversationId } = await h.visitorConversation();
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const card = (productId: string) => ({ conversationId, clientId: crypto.randomUUID(), content: { kind: 'product_card', body: { productId } } });
    const sent = await callOk(employee, 'message:send', card('gift-box'));
    assert.deepEqual([sent.message.kind, sent.message.body], ['product_card', { productId: 'gift-box' }]);
    const fromVisitor = await call(visitor, 'message:send', card('gift-box'));
    assert.equal(fromVisitor.ok ? 'ok' : fromVisitor.error.code, 'forbidden');
    const unknown = await call(employee, 'message:send', card('doomsday'));
    assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'not_found', "another corp's product is not in this catalog");
  });

  test('unknown ids and other companies’ employees and products are not_found', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    for (const [event, payload] of [
      ['card:get', { employeeId: 'emp_nobody' }],
      ['card:get', { employeeId: 'emp_hank' }],
      ['product:get', { productId: 'no-such-tea' }],
      ['product:get', { productId: 'doomsday' }],
    ] as const) {
      const ack = await call(socket, event, payload);
      assert.equal(ack.ok ? 'ok' : ack.error.code, 'not_found', `${event} ${JSON.stringify(payload)}`);
    }
  });
});
