import * as z from 'zod/mini';
import { customerTransferSchema } from './transfers.js';
import { conversationSchema } from './conversations.js';
import { CONVERSATION_STATUSES, MAX_TEXT_LENGTH } from './limits.js';
import { MAX_NAME_LENGTH, PRESENCE_STATUSES } from './corp.js';
import { orderSchema } from './payments.js';
import { visitSchema } from './http.js';

const id = z.string().check(z.minLength(1), z.maxLength(128));
const timestamp = z.iso.datetime({ offset: true });
const person = z.object({ id: z.string(), name: z.string() });

export const EMPLOYEE_ROLES = ['agent', 'admin'] as const;
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number];

/** A colleague as the workbench lists them (for assigning, transferring and departures). */
export const teamMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.nullable(z.string()),
  role: z.enum(EMPLOYEE_ROLES),
  status: z.enum(['active', 'departed']),
  presence: z.enum(PRESENCE_STATUSES),
  successorId: z.nullable(z.string()),
  /** The customers whose relationship they own. */
  customers: z.int().check(z.nonnegative()),
  /** Transfers of customers to or from them waiting for the customers' answers. */
  waitingTransfers: z.int().check(z.nonnegative()),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** Which conversations an inbox shows: the employee's own, nobody's yet, or the whole corp's. */
export const INBOX_SCOPES = ['mine', 'unassigned', 'all'] as const;
export type InboxScope = (typeof INBOX_SCOPES)[number];

export const MAX_SEARCH_LENGTH = 100;

/** Visitors list their own conversations; employees filter the corp's and search them (customer name, message text). */
export const conversationListRequestSchema = z.object({
  status: z.optional(z.enum(CONVERSATION_STATUSES)),
  scope: z.optional(z.enum(INBOX_SCOPES)),
  query: z.optional(z.string().check(z.trim(), z.maxLength(MAX_SEARCH_LENGTH))),
  /** Employees: one customer's conversations. */
  customerId: z.optional(z.uuid()),
  /** Employees: only conversations whose customer spoke last and waits for an answer. */
  awaitingReply: z.optional(z.boolean()),
  /** The `nextCursor` of the previous page. */
  cursor: z.optional(z.uuid()),
  limit: z.optional(z.int().check(z.positive(), z.maximum(100))),
});
export const conversationListSchema = z.object({
  conversations: z.array(conversationSchema),
  /** Where the next page starts; null on the last page. */
  nextCursor: z.nullable(z.uuid()),
});

export const MAX_TRANSFER_NOTE_LENGTH = 1000;

/** Hand a conversation to a colleague (or take it). The customer is told who serves them now; the note is for staff. */
export const conversationAssignRequestSchema = z.object({
  conversationId: z.uuid(),
  employeeId: id,
  note: z.optional(z.string().check(z.trim(), z.maxLength(MAX_TRANSFER_NOTE_LENGTH))),
});

export const TRANSFER_REASONS = ['assign', 'transfer', 'departure'] as const;
export const transferSchema = z.object({
  conversationId: z.uuid(),
  from: z.nullable(person),
  to: person,
  /** null: the company's own systems or its operator (a deactivation through the API or the CLI). */
  by: z.nullable(person),
  reason: z.enum(TRANSFER_REASONS),
  note: z.nullable(z.string()),
  createdAt: timestamp,
});
export type Transfer = z.infer<typeof transferSchema>;

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_NOTES_LENGTH = 10_000;

/** Where a customer last came from: the page, their time zone and language, their device ("Chrome 126 on macOS"). */
export const lastVisitSchema = z.extend(visitSchema, { device: z.nullable(z.string()), at: timestamp });
export type LastVisit = z.infer<typeof lastVisitSchema>;

/** The company's record of a customer, kept by its employees. */
export const customerProfileSchema = z.object({
  id: z.uuid(),
  /** What the customer is called: their name, or a readable generated one ("Calm Jade Heron") until they give one. */
  displayName: z.string(),
  name: z.nullable(z.string()),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  /** The company's own user id, when its backend vouched for this customer. */
  externalId: z.nullable(z.string()),
  verified: z.boolean(),
  tags: z.array(z.string()),
  notes: z.string(),
  /** The employee who owns the relationship for the company. */
  owner: z.nullable(person),
  consentAt: z.nullable(timestamp),
  createdAt: timestamp,
  lastVisit: z.nullable(lastVisitSchema),
});
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

/** The customer panel: the profile, earlier conversations, orders, and how their conversations changed hands. */
export const customerDetailSchema = z.object({
  customer: customerProfileSchema,
  conversations: z.array(conversationSchema),
  orders: z.array(orderSchema),
  transfers: z.array(transferSchema),
  /** The relationship changing hands (on-job and departure transfers), newest first. */
  customerTransfers: z.array(customerTransferSchema),
});
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

const tag = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TAG_LENGTH));

/** Employees edit a customer's record; `null` clears a contact field, an omitted field stays as it is. */
export const customerUpdateRequestSchema = z.object({
  customerId: z.uuid(),
  name: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH)))),
  email: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
  phone: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{5,32}$/)))),
  tags: z.optional(z.array(tag).check(z.maxLength(MAX_TAGS))),
  notes: z.optional(z.string().check(z.maxLength(MAX_NOTES_LENGTH))),
  /** Give the relationship to another active employee. */
  ownerId: z.optional(id),
});

/** Admins: an employee leaves; everything they served moves to the successor in one step. */
export const employeeDepartRequestSchema = z.object({ employeeId: id, successorId: id });
export const employeeDepartResultSchema = z.object({
  employee: teamMemberSchema,
  movedCustomers: z.int().check(z.nonnegative()),
  movedConversations: z.int().check(z.nonnegative()),
});

export const MAX_QUICK_REPLY_TITLE = 80;
export const quickReplySchema = z.object({
  id: z.uuid(),
  title: z.string().check(z.minLength(1), z.maxLength(MAX_QUICK_REPLY_TITLE)),
  text: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT_LENGTH)),
});
export type QuickReply = z.infer<typeof quickReplySchema>;
/** Admins: a new quick reply (without `id`) or a changed one. */
export const quickReplySaveRequestSchema = z.object({
  id: z.optional(z.uuid()),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_QUICK_REPLY_TITLE)),
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TEXT_LENGTH)),
});

export const MAX_TODO_LENGTH = 500;
export const todoSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  dueAt: z.nullable(timestamp),
  doneAt: z.nullable(timestamp),
  /** The conversation (and message) it was made from, if any. */
  conversationId: z.nullable(z.uuid()),
  messageId: z.nullable(z.uuid()),
  customerName: z.nullable(z.string()),
  createdAt: timestamp,
});
export type Todo = z.infer<typeof todoSchema>;
/** A to-do of one's own; from a message, its text defaults to the message's plain text. */
export const todoCreateRequestSchema = z.object({
  text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TODO_LENGTH))),
  dueAt: z.optional(z.nullable(timestamp)),
  conversationId: z.optional(z.uuid()),
  messageId: z.optional(z.uuid()),
});
export const todoUpdateRequestSchema = z.object({
  id: z.uuid(),
  text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TODO_LENGTH))),
  dueAt: z.optional(z.nullable(timestamp)),
  done: z.optional(z.boolean()),
});

/** The key-data tile's figures, computed by the backend for the employee's corp. */
export const workbenchStatsSchema = z.object({
  openConversations: z.int().check(z.nonnegative()),
  /** Conversations (open or pending) whose customer spoke last and waits for an answer. */
  waitingCustomers: z.int().check(z.nonnegative()),
  unassigned: z.int().check(z.nonnegative()),
  mine: z.int().check(z.nonnegative()),
  /** Orders paid since midnight in the corp's time zone, per currency. */
  todayOrders: z.object({
    count: z.int().check(z.nonnegative()),
    amounts: z.array(z.object({ currency: z.string(), amountMinor: z.int().check(z.nonnegative()) })),
  }),
  /** Mean time from a customer's first message to the first answer, over the last 7 days (null: none answered). */
  averageFirstResponseSeconds: z.nullable(z.number().check(z.nonnegative())),
  openTodos: z.int().check(z.nonnegative()),
});
export type WorkbenchStats = z.infer<typeof workbenchStatsSchema>;
