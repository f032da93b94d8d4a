import * as z from 'zod/mini';

export const CONVERSATION_STATUSES = ['open', 'pending', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

const person = z.object({ id: z.string(), name: z.string() });

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
  expiresAt: z.iso.datetime({ offset: true }),
});
export type Session = z.infer<typeof sessionSchema>;
