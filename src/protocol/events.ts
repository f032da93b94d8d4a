import * as z from 'zod/mini';
import { conversationSchema, sessionSchema, CONVERSATION_STATUSES } from './conversations.js';
import { messageSchema, outgoingContentSchema } from './messages.js';

/** Largest page of messages one request returns. */
export const MAX_PAGE_SIZE = 200;

const conversationId = z.uuid();
const seq = z.int().check(z.nonnegative());
const pageSize = z.optional(z.int().check(z.positive(), z.maximum(MAX_PAGE_SIZE)));
const messagePage = z.object({ messages: z.array(messageSchema), hasMore: z.boolean() });

/**
 * Every client→server event: the payload the server accepts and the data its ack carries.
 * Both ends parse with these: the server every payload, the client every ack.
 */
export const clientEvents = {
  'session:get': {
    payload: z.object({}),
    result: sessionSchema,
  },
  /**
   * Visitors: resume their latest open conversation or start one (`createNew` always starts one).
   * Employees: open a conversation of their corp by id.
   */
  'conversation:open': {
    payload: z.object({
      conversationId: z.optional(conversationId),
      createNew: z.optional(z.boolean()),
      subject: z.optional(z.string().check(z.maxLength(200))),
    }),
    result: conversationSchema,
  },
  'conversation:list': {
    payload: z.object({
      status: z.optional(z.enum(CONVERSATION_STATUSES)),
      limit: z.optional(z.int().check(z.positive(), z.maximum(100))),
    }),
    result: z.object({ conversations: z.array(conversationSchema) }),
  },
  'message:send': {
    payload: z.object({ conversationId, clientId: z.uuid(), content: outgoingContentSchema }),
    result: z.object({ message: messageSchema, duplicate: z.boolean() }),
  },
  'message:read': {
    payload: z.object({ conversationId, upToSeq: seq }),
    result: conversationSchema,
  },
  /** Newest-first pages going back in time; `beforeSeq` omitted means "the latest". Messages come in seq order. */
  'history:page': {
    payload: z.object({ conversationId, beforeSeq: z.optional(seq), limit: pageSize }),
    result: messagePage,
  },
  /** Everything after `afterSeq`, in seq order; ask again while `hasMore`. */
  sync: {
    payload: z.object({ conversationId, afterSeq: seq, limit: pageSize }),
    result: messagePage,
  },
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ClientEventPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]['payload']>;
export type ClientEventResult<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]['result']>;
export const CLIENT_EVENT_NAMES = Object.keys(clientEvents) as ClientEventName[];

/** Every server→client event and its payload. */
export const serverEvents = {
  'message:new': z.object({ message: messageSchema }),
  'conversation:updated': z.object({ conversation: conversationSchema }),
  /** Sent just before the server closes a socket whose token has expired; the client refreshes and reconnects. */
  'session:expired': z.object({}),
} as const;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]>;
