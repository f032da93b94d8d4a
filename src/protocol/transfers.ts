import * as z from 'zod/mini';

const person = z.object({ id: z.string(), name: z.string() });
const timestamp = z.iso.datetime({ offset: true });

/**
 * A customer relationship changing hands, as WeCom numbers its states: 1 done, 2 waiting for the customer (or the
 * window to pass), 3 refused by the customer, 4 the taker was at capacity, 5 no transfer on record.
 */
export const TRANSFER_STATUS = {
  done: 1,
  waiting: 2,
  refused: 3,
  takerAtCapacity: 4,
  none: 5,
} as const;
export type TransferStatusCode = (typeof TRANSFER_STATUS)[keyof typeof TRANSFER_STATUS];
export const TRANSFER_STATUS_NAMES = ['done', 'waiting', 'refused', 'taker_at_capacity', 'none'] as const;
export type TransferStatusName = (typeof TRANSFER_STATUS_NAMES)[number];
/** The name of a status code: `statusName(3)` is `refused`. */
export const transferStatusName = (status: TransferStatusCode): TransferStatusName =>
  TRANSFER_STATUS_NAMES[status - 1]!;

/** `on_job`: an employee hands a customer to a colleague; `departure`: the employee left the company. */
export const CUSTOMER_TRANSFER_KINDS = ['on_job', 'departure'] as const;
export type CustomerTransferKind = (typeof CUSTOMER_TRANSFER_KINDS)[number];

/** One customer's transfer from one employee to another. */
export const customerTransferSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  kind: z.enum(CUSTOMER_TRANSFER_KINDS),
  from: person,
  to: person,
  status: z.int().check(z.minimum(1), z.maximum(4)),
  statusName: z.enum(TRANSFER_STATUS_NAMES),
  /** Who started it; null: the company's own systems or its operator. */
  by: z.nullable(person),
  createdAt: timestamp,
  /** When it takes effect without an answer from the customer. */
  takesEffectAt: timestamp,
  /** When it was done or refused; null while it waits (and when the taker was at capacity). */
  decidedAt: z.nullable(timestamp),
});
export type CustomerTransfer = z.infer<typeof customerTransferSchema>;

/** The company's rules for transfers (WeCom's: 24 h to refuse, at most 2 transfers of a customer in 90 days). */
export const transferRulesSchema = z.object({
  /** How long a customer has to refuse before the transfer takes effect. */
  windowHours: z.int().check(z.minimum(1), z.maximum(24 * 30)),
  /** At most this many transfers of one customer (done or waiting) within `periodDays`. */
  maxPerCustomer: z.int().check(z.minimum(1), z.maximum(100)),
  periodDays: z.int().check(z.minimum(1), z.maximum(3650)),
  /** At most this many customers per employee (a transfer beyond it ends as "taker at capacity"); null: no limit. */
  customerCapacity: z.nullable(z.int().check(z.minimum(1), z.maximum(1_000_000))),
});
export type TransferRules = z.infer<typeof transferRulesSchema>;
export const DEFAULT_TRANSFER_RULES: TransferRules = {
  windowHours: 24,
  maxPerCustomer: 2,
  periodDays: 90,
  customerCapacity: null,
};

/**
 * The customer's answer to a transfer notice in the chat window: accept the new employee, or refuse (an on-job
 * transfer: keep talking to the one they had; a departure: someone else from the team).
 */
export const transferAnswerRequestSchema = z.object({ transferId: z.uuid(), accept: z.boolean() });

/** Where one customer stands: their latest transfer's status, or 5 when they never had one. */
export const customerTransferStatusSchema = z.object({
  customerId: z.uuid(),
  status: z.int().check(z.minimum(1), z.maximum(5)),
  statusName: z.enum(TRANSFER_STATUS_NAMES),
  transfer: z.nullable(customerTransferSchema),
});
export type CustomerTransferStatus = z.infer<typeof customerTransferStatusSchema>;
