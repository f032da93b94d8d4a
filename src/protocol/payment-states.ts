// No zod here: the pay button imports these without carrying the schemas.

/** Most of one product a single order may buy. */
export const MAX_ORDER_QUANTITY = 99;

/**
 * The canonical payment states (DESIGN §6). `idle` is the button's state before anything was asked; an order on the
 * server starts at `creating`. The server applies a change only along the transition table in `server/payments`.
 */
export const PAYMENT_STATUSES = [
  'idle',
  'creating',
  'requires_action',
  'processing',
  'succeeded',
  'failed',
  'canceled',
  'expired',
  'refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const ORDER_STATUSES = PAYMENT_STATUSES.filter((status) => status !== 'idle') as Exclude<
  PaymentStatus,
  'idle'
>[];
export type OrderStatus = Exclude<PaymentStatus, 'idle'>;
/** States after which nothing but a refund (of a success) happens. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['succeeded', 'failed', 'canceled', 'expired', 'refunded'];

/** Payment providers the backend can talk to. `sandbox` is built in (like Stripe test mode). */
export const PAYMENT_PROVIDERS = ['sandbox'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];
