import * as z from 'zod/mini';
import { admins, anyone, employees, visitors, type CallerRole } from './callers.js';
import { conversationContextRequestSchema, conversationSchema, sessionSchema } from './conversations.js';
import { MAX_RATING_COMMENT_LENGTH, MAX_TOPIC_LENGTH } from './limits.js';
import { MAX_INT4 } from './safe-text.js';
import { corpInfoSchema, profileUpdateSchema, PRESENCE_STATUSES } from './corp.js';
import { businessCardSchema, cardRequestSchema, productRequestSchema, productSchema } from './commerce.js';
import { messageSchema, outgoingContentSchema, senderSchema } from './messages.js';
import { customerTransferSchema, transferAnswerRequestSchema } from './transfers.js';
import {
  conversationAssignRequestSchema,
  conversationListRequestSchema,
  conversationListSchema,
  customerDetailSchema,
  customerProfileSchema,
  customerUpdateRequestSchema,
  employeeDepartRequestSchema,
  employeeDepartResultSchema,
  quickReplySaveRequestSchema,
  quickReplySchema,
  teamMemberSchema,
  todoCreateRequestSchema,
  todoSchema,
  todoUpdateRequestSchema,
  workbenchStatsSchema,
} from './workbench.js';
import { apiKeyCreatedSchema, apiKeyCreateRequestSchema } from './crm.js';
import {
  adminConsoleSchema,
  adminEmployeeSaveSchema,
  corpSettingsSchema,
  corpSettingsUpdateSchema,
  managedEmployeeSchema,
  originCheckRequestSchema,
  originCheckSchema,
  ssoConfigSchema,
  ssoSettingsSchema,
} from './management.js';
import {
  orderListRequestSchema,
  orderRequestSchema,
  orderSchema,
  payCreateRequestSchema,
  paySyncRequestSchema,
} from './payments.js';

/** Largest page of messages one request returns. */
export const MAX_PAGE_SIZE = 200;

const conversationId = z.uuid();
// Sequence numbers are stored as PostgreSQL integers: a larger one is an invalid payload, not a failed query.
const seq = z.int().check(z.nonnegative(), z.maximum(MAX_INT4));
const pageSize = z.optional(z.int().check(z.positive(), z.maximum(MAX_PAGE_SIZE)));
const messagePage = z.object({ messages: z.array(messageSchema), hasMore: z.boolean() });

/**
 * Every client→server event: who may call it, the payload the server accepts and the data its ack carries.
 * Both ends parse with these: the server every payload, the client every ack.
 * `idempotent`: receiving it twice has the effect of receiving it once (a read, or a write keyed by the client), so
 * the client sends it again when the connection dropped before the answer came.
 */
export const clientEvents = {
  'session:get': {
    callers: anyone,
    idempotent: true,
    payload: z.object({}),
    result: sessionSchema,
  },
  /** The company as a chat window shows it: business hours, pre-chat form, the team and who is online. */
  'corp:info': {
    callers: anyone,
    idempotent: true,
    payload: z.object({}),
    result: corpInfoSchema,
  },
  /** An employee's business card (a departed employee's names the successor). Any session of the corp. */
  'card:get': {
    callers: anyone,
    idempotent: true,
    payload: cardRequestSchema,
    result: businessCardSchema,
  },
  /** A product of the corp's catalog, with its current price and availability. Any session of the corp. */
  'product:get': {
    callers: anyone,
    idempotent: true,
    payload: productRequestSchema,
    result: productSchema,
  },
  /**
   * Visitors: buy a catalog product. The server prices it, creates the order once per idempotency key and returns it
   * with the payer's next action; every later state arrives as a `pay:status` push.
   */
  'pay:create': {
    callers: visitors,
    idempotent: true,
    payload: payCreateRequestSchema,
    result: orderSchema,
  },
  /** An order found again by id or idempotency key; a pending one is first checked with the provider. */
  'pay:sync': {
    callers: anyone,
    idempotent: true,
    payload: paySyncRequestSchema,
    result: orderSchema,
  },
  /** Visitors: give up on an order that is not paid yet. */
  'pay:cancel': {
    callers: visitors,
    payload: orderRequestSchema,
    result: orderSchema,
  },
  /** Employees: refund a paid order in full. */
  'pay:refund': {
    callers: employees,
    payload: orderRequestSchema,
    result: orderSchema,
  },
  /** Newest first: a visitor's own orders, or (employees) the corp's, optionally one customer's. */
  'order:list': {
    callers: anyone,
    idempotent: true,
    payload: orderListRequestSchema,
    result: z.object({ orders: z.array(orderSchema) }),
  },
  /** Employees: the corp's catalog, optionally filtered by a search on title and id (for sending product cards). */
  'product:list': {
    callers: employees,
    idempotent: true,
    payload: z.object({
      query: z.optional(z.string().check(z.maxLength(100))),
      limit: z.optional(z.int().check(z.positive(), z.maximum(100))),
    }),
    result: z.object({ products: z.array(productSchema) }),
  },
  /** Visitors: the pre-chat form's answers and consent. */
  'profile:update': {
    callers: visitors,
    idempotent: true,
    payload: profileUpdateSchema,
    result: sessionSchema,
  },
  /**
   * Visitors: resume their latest open conversation or start one (`createNew` always starts one).
   * Employees: open a conversation of their corp by id.
   */
  'conversation:open': {
    callers: anyone,
    payload: z.object({
      conversationId: z.optional(conversationId),
      createNew: z.optional(z.boolean()),
      subject: z.optional(z.string().check(z.maxLength(MAX_TOPIC_LENGTH))),
      /** Only for a new conversation: what it is about. The product must exist in the corp's catalog. */
      context: z.optional(conversationContextRequestSchema),
      /**
       * Visitors: talk to this employee (a business card's "Chat with me"). Resumes the open conversation they answer,
       * or starts one assigned to them; a departed employee's successor stands in.
       */
      employeeId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    }),
    result: conversationSchema,
  },
  /** Most recently active first, a page at a time. */
  'conversation:list': {
    callers: anyone,
    idempotent: true,
    payload: conversationListRequestSchema,
    result: conversationListSchema,
  },
  'message:send': {
    callers: anyone,
    idempotent: true,
    payload: z.object({ conversationId, clientId: z.uuid(), content: outgoingContentSchema }),
    result: z.object({ message: messageSchema, duplicate: z.boolean() }),
  },
  'message:read': {
    callers: anyone,
    idempotent: true,
    payload: z.object({ conversationId, upToSeq: seq }),
    result: conversationSchema,
  },
  /** This side's device has received everything up to `upToSeq` (delivery receipts). */
  'message:delivered': {
    callers: anyone,
    idempotent: true,
    payload: z.object({ conversationId, upToSeq: seq }),
    result: conversationSchema,
  },
  /** This side started or stopped typing; the other side gets a `typing` push. Clients throttle it. */
  typing: {
    callers: anyone,
    idempotent: true,
    payload: z.object({ conversationId, typing: z.boolean() }),
    result: z.object({}),
  },
  /** Employees: online (working) or away; going offline is the socket closing. */
  'presence:set': {
    callers: employees,
    idempotent: true,
    payload: z.object({ status: z.enum(['online', 'away']) }),
    result: z.object({}),
  },
  /** Employees: close a conversation (the customer is then asked for a rating). */
  'conversation:close': {
    callers: employees,
    idempotent: true,
    payload: z.object({ conversationId }),
    result: conversationSchema,
  },
  /** Visitors: rate a closed conversation, 1–5 with an optional comment. Rating again replaces the rating. */
  /**
   * Visitors: the answer to a transfer notice — accept the new employee now, or refuse (keep the one they had, or
   * after a departure someone from the team). Only the customer's own transfer, while it waits.
   */
  'transfer:answer': {
    callers: visitors,
    idempotent: false,
    payload: transferAnswerRequestSchema,
    result: customerTransferSchema,
  },
  'conversation:rate': {
    callers: visitors,
    idempotent: true,
    payload: z.object({
      conversationId,
      score: z.int().check(z.minimum(1), z.maximum(5)),
      comment: z.optional(z.string().check(z.maxLength(MAX_RATING_COMMENT_LENGTH))),
    }),
    result: conversationSchema,
  },
  /** Employees: the corp's team, with presence (for assigning, transferring and departures). */
  'team:list': {
    callers: employees,
    idempotent: true,
    payload: z.object({}),
    result: z.object({ employees: z.array(teamMemberSchema) }),
  },
  /** Employees: hand a conversation to a colleague, or take it; the customer gets a notice naming who serves them. */
  'conversation:assign': {
    callers: employees,
    idempotent: true,
    payload: conversationAssignRequestSchema,
    result: conversationSchema,
  },
  /** Employees: a customer's record, earlier conversations, orders and hand-overs (the customer panel). */
  'customer:get': {
    callers: employees,
    idempotent: true,
    payload: z.object({ customerId: z.uuid() }),
    result: customerDetailSchema,
  },
  /** Employees: edit a customer's contact fields, tags, notes or owner. */
  'customer:update': {
    callers: employees,
    idempotent: true,
    payload: customerUpdateRequestSchema,
    result: customerProfileSchema,
  },
  /**
   * Admins: an employee leaves. Their customers and unclosed conversations move to the successor in one transaction,
   * each customer is told who serves them now, and the employee's sessions end at once.
   */
  'employee:depart': {
    callers: admins,
    idempotent: true,
    payload: employeeDepartRequestSchema,
    result: employeeDepartResultSchema,
  },
  /** Admins: the settings tile — company, origins, hours, pre-chat, people, keys, webhooks and their deliveries. */
  'admin:console': { callers: admins, idempotent: true, payload: z.object({}), result: adminConsoleSchema },
  'admin:settings': {
    callers: admins,
    idempotent: true,
    payload: corpSettingsUpdateSchema,
    result: corpSettingsSchema,
  },
  'admin:origin-check': {
    callers: admins,
    idempotent: true,
    payload: originCheckRequestSchema,
    result: originCheckSchema,
  },
  /** Admins: add an employee, or change one's name, email, title or role (by the company's own id). */
  'admin:employee-save': {
    callers: admins,
    idempotent: true,
    payload: adminEmployeeSaveSchema,
    result: managedEmployeeSchema,
  },
  /** Admins: a new API key; the answer carries the key, shown this once. */
  'admin:apikey-create': { callers: admins, payload: apiKeyCreateRequestSchema, result: apiKeyCreatedSchema },
  'admin:apikey-revoke': {
    callers: admins,
    idempotent: true,
    payload: z.object({ keyId: z.uuid() }),
    result: z.object({ revoked: z.boolean() }),
  },
  /** Admins: name the company's OpenID provider (replacing any before); the answer's redirectUri goes there. */
  'admin:sso-set': { callers: admins, idempotent: true, payload: ssoConfigSchema, result: ssoSettingsSchema },
  /** Admins: turn single sign-on off (employees then sign in through the company's own backend). */
  'admin:sso-remove': {
    callers: admins,
    idempotent: true,
    payload: z.object({}),
    result: z.object({ removed: z.boolean() }),
  },
  'quickreply:list': {
    callers: employees,
    idempotent: true,
    payload: z.object({}),
    result: z.object({ replies: z.array(quickReplySchema) }),
  },
  /** Admins: add or change a quick reply of the corp. */
  'quickreply:save': {
    callers: admins,
    payload: quickReplySaveRequestSchema,
    result: quickReplySchema,
  },
  'quickreply:delete': {
    callers: admins,
    idempotent: true,
    payload: z.object({ id: z.uuid() }),
    result: z.object({}),
  },
  /** The employee's own to-dos: open ones by due time, or the done ones most recent first. */
  'todo:list': {
    callers: employees,
    idempotent: true,
    payload: z.object({
      done: z.optional(z.boolean()),
      limit: z.optional(z.int().check(z.positive(), z.maximum(200))),
    }),
    result: z.object({ todos: z.array(todoSchema) }),
  },
  'todo:create': {
    callers: employees,
    payload: todoCreateRequestSchema,
    result: todoSchema,
  },
  'todo:update': {
    callers: employees,
    idempotent: true,
    payload: todoUpdateRequestSchema,
    result: todoSchema,
  },
  /** Employees: the key-data figures of their corp. */
  'workbench:stats': {
    callers: employees,
    idempotent: true,
    payload: z.object({}),
    result: workbenchStatsSchema,
  },
  /** Newest-first pages going back in time; `beforeSeq` omitted means "the latest". Messages come in seq order. */
  'history:page': {
    callers: anyone,
    idempotent: true,
    payload: z.object({ conversationId, beforeSeq: z.optional(seq), limit: pageSize }),
    result: messagePage,
  },
  /** Everything after `afterSeq`, in seq order; ask again while `hasMore`. */
  sync: {
    callers: anyone,
    idempotent: true,
    payload: z.object({ conversationId, afterSeq: seq, limit: pageSize }),
    result: messagePage,
  },
} as const satisfies Record<
  string,
  { callers: readonly CallerRole[]; payload: z.ZodMiniType; result: z.ZodMiniType; idempotent?: boolean }
>;

export type ClientEventName = keyof typeof clientEvents;
export type ClientEventPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]['payload']>;
export type ClientEventResult<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]['result']>;
export const CLIENT_EVENT_NAMES = Object.keys(clientEvents) as ClientEventName[];

/** Every server→client event and its payload. */
export const serverEvents = {
  /**
   * A stored message; with the conversation as the receiving side now sees it (preview, unread count, last seq) when
   * the message changed it — one push per message rather than two.
   */
  'message:new': z.object({ message: messageSchema, conversation: z.optional(conversationSchema) }),
  'conversation:updated': z.object({ conversation: conversationSchema }),
  /** Staff: a customer's transfer started, was answered, took effect or was refused. */
  'transfer:updated': z.object({ transfer: customerTransferSchema }),
  /** Sent just before the server closes a socket whose token has expired; the client refreshes and reconnects. */
  'session:expired': z.object({}),
  typing: z.object({ conversationId, sender: senderSchema, typing: z.boolean() }),
  presence: z.object({ employeeId: z.string(), status: z.enum(PRESENCE_STATUSES) }),
  /** The employee's own to-dos changed (made in another tab, done, edited). */
  'todo:updated': z.object({ todo: todoSchema }),
  /** An order changed state (to its customer and to the corp's employees). */
  'pay:status': z.object({ order: orderSchema }),
} as const;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]>;
