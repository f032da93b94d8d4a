import type { IncomingHttpHeaders } from 'node:http';
import {
  FINAL_ORDER_STATUSES,
  InteropError,
  PAYMENT_PROVIDERS,
  type Order,
  type OrderStatus,
  type PaymentProvider,
} from '@interop-kit/elements/protocol';
import type { CatalogStore } from '../catalog/store.js';
import type { ConversationStore } from '../conversations/store.js';
import { publishAppended, type Notifier } from '../core/notifier.js';
import type { Operations } from '../core/operations.js';
import type { Database } from '../db/database.js';
import { viewerOf, type Ownership } from '../auth/ownership.js';
import type { AuthSession } from '../auth/session.js';
import type { PaymentAdapter } from './adapter.js';
import { recordEvent } from '../events/outbox.js';
import { createOrderStore, orderView, type OrderRecord, type OrderStore } from './orders.js';

export interface PaymentDeps {
  /** For the unit of work that changes an order and records its webhook event together. */
  db: Database;
  orders: OrderStore;
  catalog: CatalogStore;
  conversations: ConversationStore;
  adapters: Record<PaymentProvider, PaymentAdapter>;
  ownership: Ownership;
  notifier: Notifier;
  /** How long a payer has to pay an order. */
  orderTtlSeconds: number;
  log: (message: string, error?: unknown) => void;
}

/** What became of a provider's notification: applied, a replay of one already recorded, or a change the order refuses. */
export type NotificationOutcome = 'applied' | 'duplicate' | 'ignored';

/** States the customer is told about in the conversation thread (waiting for the payer is shown by the button). */
const ANNOUNCED_IN_THREAD: readonly OrderStatus[] = ['processing', ...FINAL_ORDER_STATUSES];
/** A processing order not heard of for this long is asked about at its provider. */
const PROCESSING_CHECK_MS = 60_000;

/** Order operations, providers' notifications, the order timer, and the one place an order's change is announced. */
export function createPayments(deps: PaymentDeps) {
  const { orders, ownership, notifier } = deps;

  /** Tells the order's customer and the corp's employees, and notes final outcomes in its conversation. */
  async function announce(order: OrderRecord) {
    notifier.publish({ type: 'order.changed', order });
    if (!order.conversationId || !ANNOUNCED_IN_THREAD.includes(order.status)) return;
    const result = await deps.conversations.append(order.conversationId, { kind: 'system', id: null }, null, {
      kind: 'payment_status',
      body: {
        orderId: order.id,
        status: order.status,
        productTitle: order.productTitle,
        quantity: order.quantity,
        amountMinor: order.amountMinor,
        currency: order.currency,
      },
    });
    publishAppended(notifier, result);
  }

  /**
   * Runs an order change in a transaction that also queues its `order.updated` webhook deliveries, so the company's
   * systems hear of every change that was committed. Undefined when nothing changed.
   */
  function changeOrder(
    change: (store: OrderStore) => Promise<OrderRecord | undefined>,
  ): Promise<OrderRecord | undefined> {
    return deps.db.transaction(async (tx) => {
      const changed = await change(createOrderStore(tx));
      if (changed) await recordEvent(tx, changed.corpId, 'order.updated', { order: orderView(changed) });
      return changed;
    });
  }

  /**
   * A cancellation of an order past its time is its expiry, whichever path brings the provider's word first: the
   * timer's own cancel call, or the notification that cancel makes the provider send.
   */
  function lapsed(order: OrderRecord, status: OrderStatus, failureReason: string | null) {
    return status === 'canceled' && new Date(order.expiresAt).getTime() <= Date.now()
      ? { status: 'expired' as const, failureReason: 'expired' }
      : { status, failureReason };
  }

  /** Applies a provider's word on an order (verified notification or active query); announces a real change. */
  async function apply(order: OrderRecord, status: OrderStatus, failureReason: string | null): Promise<OrderRecord> {
    const changed = await changeOrder((store) => store.transition(order.id, status, failureReason));
    if (!changed) return (await orders.get(order.id))!;
    await announce(changed).catch((error: unknown) => deps.log('announcing an order failed', error));
    return changed;
  }

  async function conversationFor(session: AuthSession, requested: string | undefined): Promise<string | null> {
    if (requested === undefined) return (await deps.conversations.latestOpenForCustomer(session.id))?.id ?? null;
    return (await ownership.conversation(viewerOf(session), requested)).id;
  }

  /**
   * A timer (one node runs it): orders whose time has come. An unpaid order past its expiry is canceled at the
   * provider — unless the provider says the payer paid meanwhile — and expires; one processing for long is asked
   * about, as its notification may have been lost.
   */
  async function checkDue(): Promise<void> {
    for (const order of await orders.due(PROCESSING_CHECK_MS, 100)) {
      try {
        if (!order.providerRef) {
          await apply(order, 'expired', 'expired'); // its provider was never reached (the node creating it died)
          continue;
        }
        const adapter = deps.adapters[order.provider];
        let snapshot = await adapter.query(order.providerRef);
        if (order.status !== 'processing' && snapshot.status === 'requires_action') {
          snapshot = await adapter.cancel(order.providerRef);
        }
        const seen = lapsed(order, snapshot.status, snapshot.failureReason);
        await apply(order, seen.status, seen.failureReason);
      } catch (error) {
        deps.log(`checking order ${order.id} with ${order.provider} failed`, error);
      }
    }
  }

  const operations: Pick<Operations, 'pay:create' | 'pay:sync' | 'pay:cancel' | 'pay:refund' | 'order:list'> = {
    async 'pay:create'(payload, session) {
      const existing = await orders.byKey(session.corp.id, session.id, payload.idempotencyKey);
      if (existing) return sameIntent(existing, payload);
      const product = await deps.catalog.get(session.corp.id, payload.productId);
      if (!product) throw new InteropError('not_found', `No product ${payload.productId}`);
      if (!product.available) throw new InteropError('conflict', `${product.title} is not available`);
      const { order, created } = await orders.createOnce({
        corpId: session.corp.id,
        customerId: session.id,
        conversationId: await conversationFor(session, payload.conversationId),
        idempotencyKey: payload.idempotencyKey,
        productId: product.id,
        productTitle: product.title,
        quantity: payload.quantity,
        // The price is the catalog's, now; the request carries none.
        unitPriceMinor: product.priceMinor,
        currency: product.currency,
        provider: payload.provider,
        expiresAt: new Date(Date.now() + deps.orderTtlSeconds * 1000),
      });
      if (!created) return sameIntent(order, payload); // a concurrent request with the same key won the insert
      try {
        const { providerRef, nextAction } = await deps.adapters[order.provider].create({
          orderId: order.id,
          amountMinor: order.amountMinor,
          currency: order.currency,
          description: order.quantity > 1 ? `${order.productTitle} × ${order.quantity}` : order.productTitle,
          expiresAt: new Date(order.expiresAt),
          payerBase: session.publicBase,
        });
        const attached =
          (await changeOrder((store) => store.attachProvider(order.id, providerRef, nextAction))) ??
          (await orders.get(order.id))!;
        await announce(attached);
        return orderView(attached);
      } catch (error) {
        deps.log(`payment provider ${order.provider} refused an order`, error);
        return orderView(await apply(order, 'failed', 'provider_unavailable'));
      }
    },

    async 'pay:sync'(payload, session) {
      const viewer = viewerOf(session);
      const order =
        'orderId' in payload
          ? await ownership.order(viewer, payload.orderId)
          : await ownership.orderByKey(viewer, payload.idempotencyKey);
      if (FINAL_ORDER_STATUSES.includes(order.status) || !order.providerRef) return orderView(order);
      // The active check: a notification may have been lost, or the payment expired meanwhile.
      const snapshot = await deps.adapters[order.provider].query(order.providerRef);
      return orderView(await apply(order, snapshot.status, snapshot.failureReason));
    },

    async 'pay:cancel'(payload, session) {
      const order = await ownership.order(viewerOf(session), payload.orderId);
      if (order.status !== 'requires_action' || !order.providerRef) {
        throw new InteropError('conflict', `An order that is ${order.status.replace('_', ' ')} cannot be canceled`);
      }
      // The provider decides: a payer who paid a moment ago gets their success, not a cancellation.
      const snapshot = await deps.adapters[order.provider].cancel(order.providerRef);
      return orderView(await apply(order, snapshot.status, snapshot.failureReason));
    },

    async 'pay:refund'(payload, session) {
      const order = await ownership.order(viewerOf(session), payload.orderId);
      if (order.status !== 'succeeded' || !order.providerRef)
        throw new InteropError('conflict', 'Only a paid order can be refunded');
      const snapshot = await deps.adapters[order.provider].refund(order.providerRef);
      return orderView(await apply(order, snapshot.status, snapshot.failureReason));
    },

    async 'order:list'(payload, session) {
      const records = await orders.list({
        corpId: session.corp.id,
        customerId: session.kind === 'visitor' ? session.id : payload.customerId,
        limit: payload.limit ?? 50,
      });
      return { orders: records.map(orderView) };
    },
  };

  /**
   * A provider's notification, its signature already checked by its adapter. The event id is recorded in the same
   * transaction that applies the change, so a replay or a re-delivery is a no-op, and the transition table makes
   * reordered ones no-ops too.
   */
  async function notified(
    provider: PaymentProvider,
    rawBody: Buffer,
    headers: IncomingHttpHeaders,
  ): Promise<NotificationOutcome> {
    if (!(PAYMENT_PROVIDERS as readonly string[]).includes(provider))
      throw new InteropError('not_found', 'No such payment provider');
    const notification = deps.adapters[provider].parseWebhook(rawBody, headers);
    const order = await orders.byProviderRef(provider, notification.providerRef);
    if (!order) throw new InteropError('not_found', 'No order for this payment');
    let duplicate = false;
    const changed = await changeOrder(async (store) => {
      duplicate = !(await store.recordEvent(provider, notification.eventId, order.id, notification.status));
      if (duplicate) return undefined;
      const seen = lapsed(order, notification.status, notification.failureReason);
      return store.transition(order.id, seen.status, seen.failureReason);
    });
    if (!changed) return duplicate ? 'duplicate' : 'ignored';
    await announce(changed).catch((error: unknown) => deps.log('announcing an order failed', error));
    return 'applied';
  }

  return { operations, notified, checkDue };
}

/** A repeated key: the stored order if the terms are the same, `conflict` if someone reused the key for another purchase. */
function sameIntent(
  order: OrderRecord,
  request: { productId: string; quantity: number; provider: PaymentProvider },
): Order {
  if (
    order.productId !== request.productId ||
    order.quantity !== request.quantity ||
    order.provider !== request.provider
  ) {
    throw new InteropError('conflict', 'This idempotency key was used for another purchase');
  }
  return orderView(order);
}
export type Payments = ReturnType<typeof createPayments>;
