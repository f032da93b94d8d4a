import type { Conversation, ConversationContext, ConversationStatus, Rating } from '@interop-kit/elements/protocol';
import { customerDisplayName } from '../corps/store.js';
import { otherSide, type Side } from './messages.js';

export interface ConversationRecord {
  id: string;
  corpId: string;
  customerId: string;
  customerName: string;
  customerVerified: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
  status: ConversationStatus;
  subject: string | null;
  lastSeq: number;
  lastMessagePreview: string | null;
  lastMessageAt: string | null;
  readSeq: Record<Side, number>;
  deliveredSeq: Record<Side, number>;
  unread: Record<Side, number>;
  context: ConversationContext | null;
  rating: Rating | null;
  awaitingReply: boolean;
  createdAt: string;
}

export interface ConversationRow {
  id: string;
  corp_id: string;
  customer_id: string;
  assigned_employee_id: string | null;
  status: ConversationStatus;
  subject: string | null;
  last_seq: number;
  last_message_preview: string | null;
  last_message_at: Date | null;
  customer_read_seq: number;
  employee_read_seq: number;
  customer_unread: number;
  employee_unread: number;
  customer_delivered_seq: number;
  employee_delivered_seq: number;
  context: ConversationContext | null;
  rating_score: number | null;
  rating_comment: string | null;
  awaiting_reply: boolean;
  created_at: Date;
  customer_name: string | null;
  customer_external_id: string | null;
  assignee_name: string | null;
}

/** A conversation with the names it is shown with, from `source` (the table, or a CTE of its updated rows). */
export const selectConversation = (source = 'conversations') => `
  SELECT c.*, cu.name AS customer_name, cu.external_id AS customer_external_id, e.name AS assignee_name
  FROM ${source} c
  JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN employees e ON e.corp_id = c.corp_id AND e.id = c.assigned_employee_id`;

export const toRecord = (row: ConversationRow): ConversationRecord => ({
  id: row.id,
  corpId: row.corp_id,
  customerId: row.customer_id,
  customerName: customerDisplayName({ id: row.customer_id, name: row.customer_name }),
  customerVerified: row.customer_external_id !== null,
  assigneeId: row.assigned_employee_id,
  assigneeName: row.assignee_name,
  status: row.status,
  subject: row.subject,
  lastSeq: row.last_seq,
  lastMessagePreview: row.last_message_preview,
  lastMessageAt: row.last_message_at?.toISOString() ?? null,
  readSeq: { customer: row.customer_read_seq, employee: row.employee_read_seq },
  // Whatever was read was also delivered, so delivery never shows behind reading.
  deliveredSeq: {
    customer: Math.max(row.customer_delivered_seq, row.customer_read_seq),
    employee: Math.max(row.employee_delivered_seq, row.employee_read_seq),
  },
  unread: { customer: row.customer_unread, employee: row.employee_unread },
  context: row.context,
  rating: row.rating_score === null ? null : { score: row.rating_score, comment: row.rating_comment },
  awaitingReply: row.awaiting_reply,
  createdAt: row.created_at.toISOString(),
});

/** A conversation as one side sees it on the wire (its unread count and receipts are that side's). */
export function conversationView(record: ConversationRecord, side: Side): Conversation {
  return {
    id: record.id,
    corpId: record.corpId,
    status: record.status,
    subject: record.subject,
    customer: { id: record.customerId, name: record.customerName, verified: record.customerVerified },
    assignee: record.assigneeId ? { id: record.assigneeId, name: record.assigneeName ?? record.assigneeId } : null,
    lastSeq: record.lastSeq,
    lastMessagePreview: record.lastMessagePreview,
    lastMessageAt: record.lastMessageAt,
    unread: record.unread[side],
    readSeq: record.readSeq[side],
    peerReadSeq: record.readSeq[otherSide(side)],
    peerDeliveredSeq: record.deliveredSeq[otherSide(side)],
    context: record.context,
    rating: record.rating,
    awaitingReply: record.awaitingReply,
    createdAt: record.createdAt,
  };
}
