import * as z from 'zod/mini';
import { MAX_ORDER_QUANTITY, ORDER_STATUSES, PAYMENT_PROVIDERS } from './payment-states.js';

export * from './payment-states.js';

/** What the payer does next: scan a QR code of `url` (or open it on this device), or be sent to `url`. */
export const nextActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('qr'), url: z.string() }),
  z.object({ type: z.literal('redirect'), url: z.string() }),
]);
export type NextAction = z.infer<typeof nextActionSchema>;

/** An order as both sides see it. Amounts are integer minor units, priced by the server from its catalog. */
export const orderSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  conversationId: z.nullable(z.uuid()),
  productId: z.string(),
  productTitle: z.string(),
  quantity: z.int().check(z.positive()),
  unitPriceMinor: z.int().check(z.nonnegative()),
  amountMinor: z.int().check(z.nonnegative()),
  currency: z.string().check(z.length(3)),
  provider: z.enum(PAYMENT_PROVIDERS),
  status: z.enum(ORDER_STATUSES),
  /** Present while the order waits for the payer (`requires_action`). */
  nextAction: z.nullable(nextActionSchema),
  /** Why a payment failed, in the provider's words (`card_declined`, `authentication_failed`…). */
  failureReason: z.nullable(z.string()),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  /** After this the payer can no longer pay; the order becomes `expired`. */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type Order = z.infer<typeof orderSchema>;

const orderId = z.uuid();
const idempotencyKey = z.uuid();

/**
 * A purchase intent. Strict: a client that sends an amount or a price is refused, so nobody believes it counted.
 * One `idempotencyKey` per intent: repeating it returns the same order; the same key with other terms is `conflict`.
 */
export const payCreateRequestSchema = z.strictObject({
  productId: z.string().check(z.minLength(1), z.maxLength(128)),
  quantity: z.int().check(z.minimum(1), z.maximum(MAX_ORDER_QUANTITY)),
  provider: z.enum(PAYMENT_PROVIDERS),
  idempotencyKey,
  /** The conversation whose thread gets the payment's status messages (default: the customer's latest open one). */
  conversationId: z.optional(z.uuid()),
});

/** Find an order again (after a reload) by its id, or (customers) by the key it was created with. */
export const paySyncRequestSchema = z.union([z.object({ orderId }), z.object({ idempotencyKey })]);
export const orderRequestSchema = z.object({ orderId });
export const orderListRequestSchema = z.object({
  /** Employees: one customer's orders. */
  customerId: z.optional(z.uuid()),
  limit: z.optional(z.int().check(z.positive(), z.maximum(100))),
});
