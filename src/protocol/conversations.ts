import * as z from 'zod/mini';
import { CONVERSATION_STATUSES, MAX_RATING_COMMENT_LENGTH, MAX_TOPIC_LENGTH } from './limits.js';

const person = z.object({ id: z.string(), name: z.string() });

/** What a visitor asks about when a conversation starts (sent by a launcher on a product page, say). */
export const conversationContextRequestSchema = z.object({
  productId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  topic: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_TOPIC_LENGTH))),
});
export type ConversationContextRequest = z.infer<typeof conversationContextRequestSchema>;

/** The stored context: the product's title comes from the catalog, not from the page. */
export const conversationContextSchema = z.object({
  productId: z.nullable(z.string()),
  productTitle: z.nullable(z.string()),
  topic: z.nullable(z.string()),
});
export type ConversationContext = z.infer<typeof conversationContextSchema>;

export const ratingSchema = z.object({
  score: z.int().check(z.minimum(1), z.maximum(5)),
  comment: z.nullable(z.string().check(z.maxLength(MAX_RATING_COMMENT_LENGTH))),
});
export type Rating = z.infer<typeof ratingSchema>;

/** A conversation as its viewer sees it: `unread` and `readSeq` are the viewer's side. */
export const conversationSchema = z.object({
  id: z.uuid(),
  corpId: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  subject: z.nullable(z.string()),
  customer: z.extend(person, { verified: z.boolean() }),
  assignee: z.nullable(person),
  lastSeq: z.int().check(z.nonnegative()),
  lastMessagePreview: z.nullable(z.string()),
  lastMessageAt: z.nullable(z.iso.datetime({ offset: true })),
  unread: z.int().check(z.nonnegative()),
  /** Highest seq the viewer has read. */
  readSeq: z.int().check(z.nonnegative()),
  /** Highest seq the other side has read (for read receipts). */
  peerReadSeq: z.int().check(z.nonnegative()),
  /** Highest seq the other side's devices have received (for delivery receipts); never below `peerReadSeq`. */
  peerDeliveredSeq: z.int().check(z.nonnegative()),
  /** What the conversation was started about, e.g. the product page the visitor wrote from. */
  context: z.nullable(conversationContextSchema),
  /** The customer's satisfaction rating, given once the conversation was closed. */
  rating: z.nullable(ratingSchema),
  /** The customer spoke last and waits for an answer. */
  awaitingReply: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const SESSION_KINDS = ['visitor', 'employee'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Who the socket is, as the server established it from the token. */
export const sessionSchema = z.object({
  kind: z.enum(SESSION_KINDS),
  corpId: z.string(),
  corpName: z.string(),
  /** customer id for visitors, employee id for employees */
  id: z.string(),
  name: z.string(),
  verified: z.boolean(),
  /** Visitors: when they agreed to the corp's pre-chat consent (null until then). Employees: always null. */
  consentAt: z.nullable(z.iso.datetime({ offset: true })),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type Session = z.infer<typeof sessionSchema>;
