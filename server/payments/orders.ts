import { randomUUID } from 'node:crypto';
import {
  ORDER_STATUSES,
  type NextAction,
  type Order,
  type OrderStatus,
  type PaymentProvider,
} from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';

/**
 * Which state may follow which. Anything else is a no-op, so a late, duplicated or reordered notification (a
 * "processing" after "succeeded", say) changes nothing.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  creating: ['requires_action', 'processing', 'succeeded', 'failed', 'canceled', 'expired'],
  requires_action: ['processing', 'succeeded', 'failed', 'canceled', 'expired'],
  processing: ['succeeded', 'failed'],
  succeeded: ['refunded'],
  failed: [],
  canceled: [],
  expired: [],
  refunded: [],
};

/** The states an order may be in to move to `to`. */
const predecessors = (to: OrderStatus) => ORDER_STATUSES.filter((from) => ORDER_TRANSITIONS[from].includes(to));

export interface OrderRecord extends Order {
  corpId: string;
  idempotencyKey: string;
  providerRef: string | null;
}

interface OrderRow {
  id: string;
  corp_id: string;
  customer_id: string;
  conversation_id: string | null;
  idempotency_key: string;
  product_id: string;
  product_title: string;
  quantity: number;
  unit_price_minor: string | number;
  amount_minor: string | number;
  currency: string;
  provider: PaymentProvider;
  provider_ref: string | null;
  status: OrderStatus;
  next_action: NextAction | null;
  failure_reason: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  expires_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

const toRecord = (row: OrderRow): OrderRecord => ({
  id: row.id,
  corpId: row.corp_id,
  customerId: row.customer_id,
  conversationId: row.conversation_id,
  idempotencyKey: row.idempotency_key,
  productId: row.product_id,
  productTitle: row.product_title,
  quantity: row.quantity,
  unitPriceMinor: Number(row.unit_price_minor),
  amountMinor: Number(row.amount_minor),
  currency: row.currency.trim(),
  provider: row.provider,
  providerRef: row.provider_ref,
  status: row.status,
  nextAction: row.status === 'requires_action' ? row.next_action : null,
  failureReason: row.failure_reason,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
  expiresAt: iso(row.expires_at),
});

/** What both sides see of an order (without our bookkeeping). */
export function orderView(record: OrderRecord): Order {
  const { corpId: _corp, idempotencyKey: _key, providerRef: _ref, ...order } = record;
  return order;
}

export interface NewOrder {
  corpId: string;
  customerId: string;
  conversationId: string | null;
  idempotencyKey: string;
  productId: string;
  productTitle: string;
  quantity: number;
  unitPriceMinor: number;
  currency: string;
  provider: PaymentProvider;
  expiresAt: Date;
}

export function createOrderStore(db: Queryable) {
  async function one(sql: string, params: unknown[]): Promise<OrderRecord | undefined> {
    const { rows } = await db.query<OrderRow>(sql, params);
    return rows[0] && toRecord(rows[0]);
  }

  return {
    get: (id: string) => one('SELECT * FROM orders WHERE id = $1', [id]),
    byKey: (corpId: string, customerId: string, key: string) =>
      one('SELECT * FROM orders WHERE corp_id = $1 AND customer_id = $2 AND idempotency_key = $3', [
        corpId,
        customerId,
        key,
      ]),
    byProviderRef: (provider: PaymentProvider, ref: string) =>
      one('SELECT * FROM orders WHERE provider = $1 AND provider_ref = $2', [provider, ref]),

    /** Creates the order of a purchase intent, or returns the one its key already made (`created: false`). */
    async createOnce(input: NewOrder): Promise<{ order: OrderRecord; created: boolean }> {
      const inserted = await one(
        `INSERT INTO orders (id, corp_id, customer_id, conversation_id, idempotency_key, product_id, product_title, quantity,
                             unit_price_minor, amount_minor, currency, provider, status, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'creating', $13)
         ON CONFLICT (corp_id, customer_id, idempotency_key) DO NOTHING RETURNING *`,
        [
          randomUUID(),
          input.corpId,
          input.customerId,
          input.conversationId,
          input.idempotencyKey,
          input.productId,
          input.productTitle,
          input.quantity,
          input.unitPriceMinor,
          input.unitPriceMinor * input.quantity,
          input.currency,
          input.provider,
          input.expiresAt,
        ],
      );
      if (inserted) return { order: inserted, created: true };
      return { order: (await this.byKey(input.corpId, input.customerId, input.idempotencyKey))!, created: false };
    },

    /** Records the provider's payment for an order that is still being created. */
    attachProvider: (id: string, providerRef: string, nextAction: NextAction) =>
      one(
        `UPDATE orders SET provider_ref = $2, next_action = $3::jsonb, status = 'requires_action', updated_at = now()
         WHERE id = $1 AND status = 'creating' RETURNING *`,
        [id, providerRef, JSON.stringify(nextAction)],
      ),

    /** Applies `to` if the transition table allows it from the current state; undefined when nothing changed. */
    transition: (id: string, to: OrderStatus, failureReason: string | null) =>
      one(
        `UPDATE orders SET status = $2, failure_reason = COALESCE($3, failure_reason), updated_at = now()
         WHERE id = $1 AND status = ANY($4::text[]) RETURNING *`,
        [id, to, failureReason, predecessors(to)],
      ),

    /**
     * Orders time has caught up with: unpaid past their expiry, or processing for longer than `processingCheckMs`
     * since their last change (the provider's notification may have been lost).
     */
    async due(processingCheckMs: number, limit: number): Promise<OrderRecord[]> {
      const { rows } = await db.query<OrderRow>(
        `SELECT * FROM orders
         WHERE (status IN ('creating', 'requires_action') AND expires_at <= now())
            OR (status = 'processing' AND updated_at <= now() - $1 * interval '1 millisecond')
         ORDER BY expires_at LIMIT $2`,
        [processingCheckMs, limit],
      );
      return rows.map(toRecord);
    },

    /** Remembers a provider event; false when it was seen before (a replay or a re-delivery). */
    async recordEvent(
      provider: PaymentProvider,
      eventId: string,
      orderId: string,
      status: OrderStatus,
    ): Promise<boolean> {
      const { rows } = await db.query(
        `INSERT INTO payment_events (provider, event_id, order_id, status) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [provider, eventId, orderId, status],
      );
      return rows.length === 1;
    },

    /** An export page: the corp's orders in creation order, after the order `cursor`. */
    async exportPage(
      corpId: string,
      filter: { customerId?: string | undefined; cursor?: string | undefined; limit: number },
    ) {
      const { rows } = await db.query<OrderRow>(
        `SELECT * FROM orders WHERE corp_id = $1 AND ($2::uuid IS NULL OR customer_id = $2)
           AND ($3::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM orders WHERE id = $3))
         ORDER BY created_at, id LIMIT $4`,
        [corpId, filter.customerId ?? null, filter.cursor ?? null, filter.limit + 1],
      );
      const records = rows.slice(0, filter.limit).map(toRecord);
      return { records, nextCursor: rows.length > filter.limit ? records.at(-1)!.id : null };
    },

    async list(filter: { corpId: string; customerId?: string | undefined; limit: number }): Promise<OrderRecord[]> {
      const { rows } = await db.query<OrderRow>(
        `SELECT * FROM orders WHERE corp_id = $1 AND ($2::uuid IS NULL OR customer_id = $2)
         ORDER BY created_at DESC, id LIMIT $3`,
        [filter.corpId, filter.customerId ?? null, filter.limit],
      );
      return rows.map(toRecord);
    },
  };
}
export type OrderStore = ReturnType<typeof createOrderStore>;
