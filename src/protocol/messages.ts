import * as z from 'zod/mini';
import { anyone, employees, type CallerRole } from './callers.js';
import { MAX_TEXT_LENGTH } from './limits.js';
import { MAX_ORDER_QUANTITY } from './payment-states.js';

const id = z.string().check(z.minLength(1), z.maxLength(128));
const timestamp = z.iso.datetime({ offset: true });

export const SENDER_KINDS = ['customer', 'employee', 'system'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

export const senderSchema = z.object({
  kind: z.enum(SENDER_KINDS),
  id: z.nullable(id),
  name: z.optional(z.string()),
});
export type Sender = z.infer<typeof senderSchema>;

export const textBodySchema = z.object({
  text: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT_LENGTH)),
});

const attachment = {
  url: z.string().check(z.minLength(1), z.maxLength(2048)),
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  size: z.int().check(z.nonnegative()),
  mime: z.string().check(z.maxLength(255)),
};
export const imageBodySchema = z.object({
  ...attachment,
  width: z.optional(z.int().check(z.positive())),
  height: z.optional(z.int().check(z.positive())),
});
export const fileBodySchema = z.object(attachment);
/** `name`/`title` are filled in by the server for transcripts and previews; the live card reads the rest when shown. */
export const businessCardBodySchema = z.object({
  employeeId: id,
  name: z.optional(z.string().check(z.maxLength(200))),
});
export const productCardBodySchema = z.object({ productId: id, title: z.optional(z.string().check(z.maxLength(200))) });
/**
 * An employee asks the customer to pay for a catalog product. `title` and the figures are filled in by the server from
 * the catalog for transcripts; the customer's Buy button prices the order again when it is created.
 */
export const paymentRequestBodySchema = z.object({
  productId: id,
  quantity: z.int().check(z.minimum(1), z.maximum(MAX_ORDER_QUANTITY)),
  title: z.optional(z.string().check(z.maxLength(200))),
  amountMinor: z.optional(z.int().check(z.nonnegative())),
  currency: z.optional(z.string().check(z.length(3))),
});
/** Written by the server when an order changes state; the figures are the order's, read from the server's records. */
export const paymentStatusBodySchema = z.object({
  orderId: id,
  status: z.string().check(z.maxLength(32)),
  productTitle: z.optional(z.string()),
  quantity: z.optional(z.int().check(z.positive())),
  amountMinor: z.optional(z.int().check(z.nonnegative())),
  currency: z.optional(z.string().check(z.length(3))),
});

export const SYSTEM_EVENTS = [
  'assigned',
  'transferred',
  'departed',
  'closed',
  'reopened',
  'rating',
  'notice',
  'transfer_pending',
  'transfer_refused',
] as const;
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];
/**
 * A notice in the thread, stored as what happened and the names it concerns, so each reader sees it in their own
 * language: `assigned` / `transferred` (employee = who serves the customer now), `departed` (formerEmployee left
 * corpName, employee took over), `closed` (employee = who closed it), `transfer_pending` (the customer is asked
 * whether employee may take over from formerEmployee; `transferKind` says whether formerEmployee left), `transfer_refused`
 * (the customer said no: employee serves them still, or nobody in particular — the team).
 */
export const systemBodySchema = z.object({
  event: z.enum(SYSTEM_EVENTS),
  /** The notice in English: for transcripts outside the kit, the CRM, and clients that do not know `event`. */
  text: z.string().check(z.maxLength(MAX_TEXT_LENGTH)),
  employeeId: z.optional(id),
  employeeName: z.optional(z.string()),
  formerEmployeeId: z.optional(id),
  formerEmployeeName: z.optional(z.string()),
  corpName: z.optional(z.string()),
  transferId: z.optional(z.uuid()),
  transferKind: z.optional(z.enum(['on_job', 'departure'])),
});
export type SystemBody = z.infer<typeof systemBodySchema>;

/** Every kind of message and the shape of its body. One entry per kind keeps the union and its types in step. */
export const messageBodySchemas = {
  text: textBodySchema,
  image: imageBodySchema,
  file: fileBodySchema,
  business_card: businessCardBodySchema,
  product_card: productCardBodySchema,
  payment_request: paymentRequestBodySchema,
  payment_status: paymentStatusBodySchema,
  system: systemBodySchema,
} as const;
export type MessageKind = keyof typeof messageBodySchemas;
export const MESSAGE_KINDS = Object.keys(messageBodySchemas) as MessageKind[];
export type MessageBody<K extends MessageKind> = z.infer<(typeof messageBodySchemas)[K]>;
/** A kind together with its body, correlated (narrowing on `kind` narrows `body`). */
export type MessageContent = { [K in MessageKind]: { kind: K; body: MessageBody<K> } }[MessageKind];

/**
 * An uploaded file a message refers to. The server fills in name, size, type and URL from its own upload record;
 * `name` here only labels the message while it is on its way.
 */
export const attachmentRefSchema = z.object({
  uploadId: z.uuid(),
  name: z.optional(z.string().check(z.maxLength(255))),
});

/** What a sender supplies: kind + body. Only kinds a client may author; the server writes the rest. */
export const outgoingContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), body: textBodySchema }),
  z.object({ kind: z.literal('image'), body: attachmentRefSchema }),
  z.object({ kind: z.literal('file'), body: attachmentRefSchema }),
  /** Employees only: a catalog product, rendered as a live card (price and availability read when shown). */
  z.object({ kind: z.literal('product_card'), body: productCardBodySchema }),
  /** Employees only: an active colleague's (or their own) business card, rendered live. */
  z.object({ kind: z.literal('business_card'), body: businessCardBodySchema }),
  /** Employees only: ask the customer to buy a catalog product (the customer's copy has a Buy button). */
  z.object({
    kind: z.literal('payment_request'),
    body: z.pick(paymentRequestBodySchema, { productId: true, quantity: true }),
  }),
]);
export type OutgoingContent = z.infer<typeof outgoingContentSchema>;

/** Who may author each kind: cards and payment requests come from the company, so from its employees only. */
export const CONTENT_AUTHORS = {
  text: anyone,
  image: anyone,
  file: anyone,
  product_card: employees,
  business_card: employees,
  payment_request: employees,
} as const satisfies Record<OutgoingContent['kind'], readonly CallerRole[]>;

const messageBase = {
  id: z.uuid(),
  conversationId: z.uuid(),
  seq: z.int().check(z.positive()),
  clientId: z.nullable(z.uuid()),
  sender: senderSchema,
  createdAt: timestamp,
  readAt: z.optional(z.nullable(timestamp)),
};

const variant = <K extends MessageKind>(kind: K) =>
  z.object({ ...messageBase, kind: z.literal(kind), body: messageBodySchemas[kind] });

export const messageSchema = z.discriminatedUnion('kind', [
  variant('text'),
  variant('image'),
  variant('file'),
  variant('business_card'),
  variant('product_card'),
  variant('payment_request'),
  variant('payment_status'),
  variant('system'),
]);
export type Message = z.infer<typeof messageSchema>;
