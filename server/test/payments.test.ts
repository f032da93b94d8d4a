import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { orderSchema, type Order } from '@interop-kit/elements/protocol';
import { SANDBOX_SIGNATURE_HEADER, signSandboxNotification } from '../payments/sandbox.js';
import { call, callOk, nextEvent, startHarness, type Harness } from './harness.js';

const CARDS = {
  succeeds: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  authenticate: '4000 0025 0000 3155',
  processing: '4000 0000 0000 0259',
  expires: '4000 0000 0000 0069',
};

const key = () => crypto.randomUUID();

/** Resolves with the first `pay:status` push for `orderId` reaching `status` (pushes only: no active query). */
function statusPush(socket: Socket, orderId: string, status: Order['status'], timeoutMs = 5000): Promise<Order> {
  return nextEvent<Order>(
    (listener) => {
      const handler = ({ order }: { order: unknown }) => listener(orderSchema.parse(order));
      socket.on('pay:status', handler);
      return () => socket.off('pay:status', handler);
    },
    (order) => order.id === orderId && order.status === status,
    timeoutMs,
  );
}

describe('payments', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  /** A visitor with an open conversation, and an order for `quantity` of `productId`. */
  async function visitorOrder(productId = 'longjing-250', quantity = 1) {
    const { socket, conversationId } = await h.visitorConversation();
    const order = orderSchema.parse(
      await callOk(socket, 'pay:create', { productId, quantity, provider: 'sandbox', idempotencyKey: key() }),
    );
    return { socket, conversationId, order };
  }

  /** What the payer's phone does: open the QR code's page and submit a test card. */
  async function payOnPage(order: Order, form: Record<string, string>) {
    assert.equal(order.nextAction?.type, 'qr');
    const page = await fetch(order.nextAction!.url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const response = await fetch(order.nextAction!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    return response;
  }

  async function orderRow(id: string) {
    const { rows } = await h.server.db.query<{ amount_minor: string; status: string }>(
      'SELECT amount_minor, status FROM orders WHERE id = $1',
      [id],
    );
    return { amountMinor: Number(rows[0]!.amount_minor), status: rows[0]!.status };
  }

  /** The sandbox's notifications about `order`'s payment: `status`'s body, with a new event id unless given. */
  async function notificationsFor(order: Order) {
    const { rows } = await h.server.db.query<{ id: string }>(
      'SELECT id FROM sandbox_payments WHERE merchant_ref = $1',
      [order.id],
    );
    return (status: string, id = `evt_${crypto.randomUUID()}`) =>
      JSON.stringify({
        id,
        type: 'payment.updated',
        created: Math.floor(Date.now() / 1000),
        data: { id: rows[0]!.id, merchantRef: order.id, status, failureReason: null },
      });
  }

  /** Posts a notification to the webhook endpoint, signed as the sandbox signs unless `signature` says otherwise. */
  async function notify(body: string, signature = signSandboxNotification(h.server.sandboxWebhookSecret, body)) {
    const response = await fetch(`${h.server.url}/api/webhooks/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
      body,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  test('the server prices the order from the catalog and returns a QR code to the sandbox payment page', async () => {
    const { order } = await visitorOrder('longjing-250', 2);
    assert.deepEqual(
      {
        status: order.status,
        unit: order.unitPriceMinor,
        amount: order.amountMinor,
        currency: order.currency,
        title: order.productTitle,
      },
      { status: 'requires_action', unit: 16800, amount: 33600, currency: 'CNY', title: 'West Lake Longjing, 250 g' },
    );
    assert.ok(order.nextAction?.url.startsWith(`${h.server.url}/sandbox/pay/`));
    const page = await (await fetch(order.nextAction!.url)).text();
    assert.match(page, /¥336\.00/);
  });

  test('a client-sent price is refused, and the amount charged is always the catalog price', async () => {
    const { socket } = await h.visitorConversation();
    const idempotencyKey = key();
    const refused = await call(socket, 'pay:create', {
      productId: 'gift-box',
      quantity: 1,
      provider: 'sandbox',
      idempotencyKey,
      amountMinor: 1,
    });
    assert.equal(refused.ok, false);
    assert.equal(refused.ok ? '' : refused.error.code, 'invalid_payload');
    const order = orderSchema.parse(
      await callOk(socket, 'pay:create', { productId: 'gift-box', quantity: 1, provider: 'sandbox', idempotencyKey }),
    );
    // The payer's page form cannot change it either: the sandbox charges its own record.
    const paid = statusPush(socket, order.id, 'succeeded');
    await payOnPage(order, { card: CARDS.succeeds, amount: '1', amountMinor: '1' });
    await paid;
    assert.deepEqual(await orderRow(order.id), { amountMinor: 38800, status: 'succeeded' });
    const { rows } = await h.server.db.query<{ amount_minor: string }>(
      'SELECT amount_minor FROM sandbox_payments WHERE merchant_ref = $1',
      [order.id],
    );
    assert.equal(Number(rows[0]!.amount_minor), 38800);
  });

  test('two concurrent creates and a retry after reconnecting with one key make one order; other terms are a conflict', async () => {
    const { token } = await h.visitorToken();
    const first = await h.rawSocket(token);
    const idempotencyKey = key();
    const request = { productId: 'tieguanyin-200', quantity: 3, provider: 'sandbox', idempotencyKey };
    const [a, b] = await Promise.all([callOk(first, 'pay:create', request), callOk(first, 'pay:create', request)]);
    first.disconnect();
    const second = await h.rawSocket(token);
    const c = await callOk(second, 'pay:create', request);
    assert.equal(a.id, b.id);
    assert.equal(a.id, c.id);
    const { rows } = await h.server.db.query('SELECT id FROM orders WHERE idempotency_key = $1', [idempotencyKey]);
    assert.equal(rows.length, 1);
    const { rows: payments } = await h.server.db.query('SELECT id FROM sandbox_payments WHERE merchant_ref = $1', [
      a.id,
    ]);
    assert.equal(payments.length, 1, 'the provider was asked once');
    const other = await call(second, 'pay:create', { ...request, quantity: 4 });
    assert.equal(other.ok ? '' : other.error.code, 'conflict');
  });

  test('the success card: paid through the page, confirmed by a signed notification, announced in the conversation', async () => {
    const { socket, conversationId, order } = await visitorOrder('longjing-250', 1);
    assert.equal(order.conversationId, conversationId);
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const staffSees = statusPush(employee, order.id, 'succeeded');
    const threadMessage = nextEvent<any>(
      (listener) => {
        socket.on('message:new', listener);
        return () => socket.off('message:new', listener);
      },
      ({ message }) => message.kind === 'payment_status' && message.body.orderId === order.id,
    );
    const response = await payOnPage(order, { card: CARDS.succeeds });
    assert.equal(response.status, 303);
    const paid = await statusPush(socket, order.id, 'succeeded');
    assert.equal(paid.nextAction, null);
    await staffSees;
    const { message } = await threadMessage;
    assert.deepEqual(message.body, {
      orderId: order.id,
      status: 'succeeded',
      productTitle: 'West Lake Longjing, 250 g',
      quantity: 1,
      amountMinor: 16800,
      currency: 'CNY',
    });
    assert.equal(message.sender.kind, 'system');
    const { rows } = await h.server.db.query<{ event_id: string }>(
      'SELECT event_id FROM payment_events WHERE order_id = $1',
      [order.id],
    );
    assert.equal(rows.length, 1, 'the success came from one verified notification');
    // The page now shows the outcome and offers nothing to pay.
    const page = await (await fetch(order.nextAction!.url)).text();
    assert.match(page, /Paid/);
    assert.doesNotMatch(page, /<form/);
  });

  test('the declined card fails the order with the reason', async () => {
    const { socket, order } = await visitorOrder();
    const failing = statusPush(socket, order.id, 'failed');
    await payOnPage(order, { card: CARDS.declined });
    const failed = await failing;
    assert.equal(failed.failureReason, 'card_declined');
  });

  test('the extra-step card waits for authentication, then succeeds (or fails when authentication fails)', async () => {
    const { socket, order } = await visitorOrder();
    await payOnPage(order, { card: CARDS.authenticate });
    const page = await (await fetch(order.nextAction!.url)).text();
    assert.match(page, /Complete authentication/);
    assert.equal((await orderRow(order.id)).status, 'requires_action');
    const succeeded = statusPush(socket, order.id, 'succeeded');
    await payOnPage(order, { authentication: 'complete' });
    await succeeded;

    const second = await visitorOrder();
    await payOnPage(second.order, { card: CARDS.authenticate });
    const failing = statusPush(second.socket, second.order.id, 'failed');
    await payOnPage(second.order, { authentication: 'fail' });
    const failed = await failing;
    assert.equal(failed.failureReason, 'authentication_failed');
  });

  test('the processing card stays processing, then succeeds', async () => {
    const { socket, order } = await visitorOrder();
    const processing = statusPush(socket, order.id, 'processing');
    const succeeded = statusPush(socket, order.id, 'succeeded');
    await payOnPage(order, { card: CARDS.processing });
    await processing;
    await succeeded;
  });

  test('the expiring card expires the order; an unknown card is refused on the page and changes nothing', async () => {
    const { socket, order } = await visitorOrder();
    const unknown = await payOnPage(order, { card: '1234 5678 9012 3456' });
    assert.equal(unknown.status, 400);
    assert.match(await unknown.text(), /not one of the sandbox test cards/);
    const expiring = statusPush(socket, order.id, 'expired');
    await payOnPage(order, { card: CARDS.expires });
    const expired = await expiring;
    assert.equal(expired.failureReason, 'expired');
  });

  test('pay:sync finds an order by its key after a reload and asks the provider: a lapsed payment becomes expired', async () => {
    const { token } = await h.visitorToken();
    const socket = await h.rawSocket(token);
    const idempotencyKey = key();
    const order = await callOk(socket, 'pay:create', {
      productId: 'gift-box',
      quantity: 1,
      provider: 'sandbox',
      idempotencyKey,
    });
    socket.disconnect();
    // The payer never paid and no notification came: only the active query can tell.
    await h.server.db.query(
      `UPDATE sandbox_payments SET expires_at = now() - interval '1 second' WHERE merchant_ref = $1`,
      [order.id],
    );
    const reloaded = await h.rawSocket(token);
    const synced = orderSchema.parse(await callOk(reloaded, 'pay:sync', { idempotencyKey }));
    assert.equal(synced.id, order.id);
    assert.equal(synced.status, 'expired');
  });

  test('an order past its time expires with nobody asking, and its payment can no longer be made', async () => {
    const { socket, order } = await visitorOrder();
    // Our order's time is up while the provider would still take the payment (an outside provider's longer window).
    // Listening first: the timer may expire it, and the push arrive, before the UPDATE's own answer comes back.
    const expiredPush = statusPush(socket, order.id, 'expired');
    await h.server.db.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [order.id]);
    const expired = await expiredPush;
    assert.equal(expired.failureReason, 'expired');
    const { rows } = await h.server.db.query<{ status: string }>(
      'SELECT status FROM sandbox_payments WHERE merchant_ref = $1',
      [order.id],
    );
    assert.equal(rows[0]!.status, 'canceled', 'the payment was canceled at the provider first');
    await payOnPage(order, { card: CARDS.succeeds });
    const synced = orderSchema.parse(await callOk(socket, 'pay:sync', { orderId: order.id }));
    assert.equal(synced.status, 'expired', 'a payer late to the page is not charged');
  });

  test('a cancellation that reaches us first for an order past its time still expires it', async () => {
    const { socket, order } = await visitorOrder();
    // Another node holds the expiry timer and has not acted yet; the provider's "canceled" notification (its answer to
    // that node's cancel call) lands here first.
    await h.server.db.query(
      `INSERT INTO leases (name, holder, expires_at) VALUES ('order-expiry', 'another-node', now() + interval '1 hour')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at`,
    );
    try {
      await h.server.db.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [order.id]);
      const expiredPush = statusPush(socket, order.id, 'expired');
      const event = await notificationsFor(order);
      assert.equal((await notify(event('canceled'))).status, 200);
      assert.equal((await expiredPush).failureReason, 'expired', 'expired, as the timer would have said, not canceled');
    } finally {
      await h.server.db.query(`DELETE FROM leases WHERE name = 'order-expiry' AND holder = 'another-node'`);
    }
  });

  test('a forged, tampered, stale, replayed or reordered notification is rejected or changes nothing', async () => {
    const { socket, order } = await visitorOrder();
    const event = await notificationsFor(order);
    const secret = h.server.sandboxWebhookSecret;

    const forged = await notify(event('succeeded'), signSandboxNotification('not-the-secret', event('succeeded')));
    assert.equal(forged.status, 401);
    const signedBody = event('failed');
    const tampered = await notify(
      signedBody.replace('"failed"', '"succeeded"'),
      signSandboxNotification(secret, signedBody),
    );
    assert.equal(tampered.status, 401);
    const staleBody = event('succeeded');
    const stale = await notify(
      staleBody,
      signSandboxNotification(secret, staleBody, Math.floor(Date.now() / 1000) - 3600),
    );
    assert.equal(stale.status, 401);
    const unsigned = await notify(event('succeeded'), '');
    assert.equal(unsigned.status, 401);
    const garbage = await notify('{"id":1}');
    assert.equal(garbage.status, 400);
    assert.equal((await orderRow(order.id)).status, 'requires_action', 'nothing above changed the order');

    const paid = event('succeeded');
    assert.equal((await notify(paid)).body.outcome, 'applied');
    assert.equal((await notify(paid)).body.outcome, 'duplicate', 'a replay');
    assert.equal((await notify(event('processing'))).body.outcome, 'ignored', 'a late, reordered one');
    assert.equal((await notify(event('failed'))).body.outcome, 'ignored');
    assert.equal((await orderRow(order.id)).status, 'succeeded');
    const synced = await callOk(socket, 'pay:sync', { orderId: order.id });
    assert.equal(synced.status, 'succeeded');
  });

  test('the customer cancels an unpaid order; a paid one cannot be canceled but an employee can refund it', async () => {
    const { socket, order } = await visitorOrder();
    const canceled = await callOk(socket, 'pay:cancel', { orderId: order.id });
    assert.equal(canceled.status, 'canceled');
    const page = await (await fetch(order.nextAction!.url)).text();
    assert.match(page, /Canceled/);

    const paid = await visitorOrder();
    await payOnPage(paid.order, { card: CARDS.succeeds });
    await statusPush(paid.socket, paid.order.id, 'succeeded');
    const late = await call(paid.socket, 'pay:cancel', { orderId: paid.order.id });
    assert.equal(late.ok ? '' : late.error.code, 'conflict');
    const byVisitor = await call(paid.socket, 'pay:refund', { orderId: paid.order.id });
    assert.equal(byVisitor.ok ? '' : byVisitor.error.code, 'forbidden');
    const employee = await h.rawSocket(await h.employeeToken('emp_sara'));
    const refunded = await callOk(employee, 'pay:refund', { orderId: paid.order.id });
    assert.equal(refunded.status, 'refunded');
  });

  test('orders are private to their customer and visible to the corp; employees do not pay; unavailable products are refused', async () => {
    const { order } = await visitorOrder('gift-box', 2);
    const stranger = await h.rawSocket((await h.visitorToken()).token);
    const peek = await call(stranger, 'pay:sync', { orderId: order.id });
    assert.equal(peek.ok ? '' : peek.error.code, 'not_found');
    const cancel = await call(stranger, 'pay:cancel', { orderId: order.id });
    assert.equal(cancel.ok ? '' : cancel.error.code, 'not_found');
    assert.deepEqual((await callOk(stranger, 'order:list', {})).orders, []);

    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const listed = await callOk(employee, 'order:list', { customerId: order.customerId });
    assert.deepEqual(
      listed.orders.map((o: Order) => o.id),
      [order.id],
    );
    const buy = await call(employee, 'pay:create', {
      productId: 'gift-box',
      quantity: 1,
      provider: 'sandbox',
      idempotencyKey: key(),
    });
    assert.equal(buy.ok ? '' : buy.error.code, 'forbidden');

    await h.server.db.query(`UPDATE products SET available = false WHERE id = 'tieguanyin-200'`);
    try {
      const soldOut = await call(stranger, 'pay:create', {
        productId: 'tieguanyin-200',
        quantity: 1,
        provider: 'sandbox',
        idempotencyKey: key(),
      });
      assert.equal(soldOut.ok ? '' : soldOut.error.code, 'conflict');
    } finally {
      await h.server.db.query(`UPDATE products SET available = true WHERE id = 'tieguanyin-200'`);
    }
    const unknown = await call(stranger, 'pay:create', {
      productId: 'nope',
      quantity: 1,
      provider: 'sandbox',
      idempotencyKey: key(),
    });
    assert.equal(unknown.ok ? '' : unknown.error.code, 'not_found');
  });
});
