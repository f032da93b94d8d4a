import * as z from 'zod/mini';
import { conversationSchema } from './conversations.js';
import { messageSchema } from './messages.js';
import { orderSchema } from './payments.js';
import { customerTransferSchema } from './transfers.js';
import { customerProfileSchema } from './workbench.js';

/**
 * The CRM API: how a company's own systems read what its employees and customers did, and hear about it as it
 * happens. HTTP, authenticated with a corp-scoped API key; documented as OpenAPI generated from these schemas.
 */

const timestamp = z.iso.datetime({ offset: true });

export const WEBHOOK_EVENT_TYPES = [
  'message.created',
  'customer.created',
  'order.updated',
  'transfer.updated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * What an API key may do. read: every GET; write: also customers, employees, products, messages and employee
 * sessions; admin: also the company's settings, allowed origins, webhooks and keys.
 */
export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** An API key as listed: its secret part is shown once, when it is made. */
export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scope: z.enum(API_KEY_SCOPES),
  /** The key's first characters, to tell keys apart. */
  prefix: z.string(),
  createdAt: timestamp,
  lastUsedAt: z.nullable(timestamp),
  revokedAt: z.nullable(timestamp),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeyCreatedSchema = z.extend(apiKeySchema, { key: z.string() });
export const apiKeyCreateRequestSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  scope: z.enum(API_KEY_SCOPES),
});

export const webhookSubscriptionSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  createdAt: timestamp,
});
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;
/** The subscription as made: `secret` verifies its deliveries' `Interop-Signature`; it is shown this once. */
export const webhookSubscriptionCreatedSchema = z.extend(webhookSubscriptionSchema, { secret: z.string() });
export const webhookCreateRequestSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).check(z.minLength(1)),
});

/** What every delivery's body holds. The event id stays the same across retries: receivers dedupe by it. */
export const webhookEventSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.uuid(),
    type: z.literal('message.created'),
    createdAt: timestamp,
    corpId: z.string(),
    data: z.object({ customerId: z.uuid(), message: messageSchema }),
  }),
  z.object({
    id: z.uuid(),
    type: z.literal('customer.created'),
    createdAt: timestamp,
    corpId: z.string(),
    data: z.object({ customer: customerProfileSchema }),
  }),
  z.object({
    id: z.uuid(),
    type: z.literal('order.updated'),
    createdAt: timestamp,
    corpId: z.string(),
    data: z.object({ order: orderSchema }),
  }),
  z.object({
    id: z.uuid(),
    type: z.literal('transfer.updated'),
    createdAt: timestamp,
    corpId: z.string(),
    data: z.object({ transfer: customerTransferSchema }),
  }),
]);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const MAX_CRM_PAGE = 500;
/** Query string of every list: pages in creation order, oldest first, so an export is stable while data is added. */
export const crmPageQuerySchema = z.object({
  limit: z._default(
    z.pipe(
      z.string().check(z.regex(/^\d+$/)),
      z.transform((value) => Number(value)),
    ),
    100,
  ),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});

/** One page of a list; `nextCursor` is null on the last page. */
export const crmPageSchema = <T extends z.ZodMiniType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.nullable(z.string()) });

export const crmCustomerPageSchema = crmPageSchema(customerProfileSchema);
export const crmConversationPageSchema = crmPageSchema(conversationSchema);
export const crmMessagePageSchema = crmPageSchema(messageSchema);
export const crmOrderPageSchema = crmPageSchema(orderSchema);
export const crmTransferPageSchema = crmPageSchema(customerTransferSchema);
/** Query string of the transfers list: a page, narrowed to a customer, an employee (either side) or a status. */
export const crmTransferQuerySchema = z.extend(crmPageQuerySchema, {
  customerId: z.optional(z.string()),
  employeeId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  status: z.optional(z.pipe(z.string().check(z.regex(/^[1-4]$/, 'status is 1 to 4')), z.transform(Number))),
});
