import { randomUUID } from 'node:crypto';
import { InteropError, messagePlainText, type Message, type MessageContent, type Sender } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';
import { recordEvent } from '../events/outbox.js';
import { selectConversation, toRecord, type ConversationRecord, type ConversationRow } from './record.js';

/** Which side of a conversation someone is on; each side has its own read mark and unread counter. */
export type Side = 'customer' | 'employee';

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string | null;
  sender_kind: Sender['kind'];
  sender_id: string | null;
  sender_name: string | null;
  kind: Message['kind'];
  body: Message['body'];
  created_at: Date;
}

const PREVIEW_LENGTH = 140;

export const otherSide = (side: Side): Side => (side === 'customer' ? 'employee' : 'customer');

/** The conversation as one side sees it on the wire. */
export const toMessage = (row: MessageRow): Message =>
  ({
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientId: row.client_id,
    sender: row.sender_name === null ? { kind: row.sender_kind, id: row.sender_id } : { kind: row.sender_kind, id: row.sender_id, name: row.sender_name },
    kind: row.kind,
    body: row.body,
    createdAt: row.created_at.toISOString(),
  }) as Message;


// Column names per side come from this fixed table, never from input.
export const SIDE_COLUMNS = {
  customer: { readSeq: 'customer_read_seq', deliveredSeq: 'customer_delivered_seq', unread: 'customer_unread', peerKind: 'employee' },
  employee: { readSeq: 'employee_read_seq', deliveredSeq: 'employee_delivered_seq', unread: 'employee_unread', peerKind: 'customer' },
} as const;

/**
 * Appends a message inside the caller's transaction: the next seq, the counters, the workbench columns. Returns the
 * message and the conversation as it stands with it (no second read).
 */
export async function insertMessage(
  tx: Queryable,
  conversationId: string,
  sender: Sender,
  clientId: string | null,
  content: MessageContent,
): Promise<{ message: Message; conversation: ConversationRecord }> {
  const preview = messagePlainText(content).slice(0, PREVIEW_LENGTH);
  // The sender has read what they wrote; the other side has one more unread (system notes count for no one).
  const own = sender.kind === 'system' ? null : SIDE_COLUMNS[sender.kind];
  const peer = sender.kind === 'system' ? null : SIDE_COLUMNS[otherSide(sender.kind)];
  // A customer's message waits for an answer (the first one starts the response clock); an employee's answers it.
  const workbench = {
    customer: `, awaiting_reply = true, first_customer_message_at = COALESCE(first_customer_message_at, now())`,
    employee: `, awaiting_reply = false, status = 'open',
      first_response_at = COALESCE(first_response_at, CASE WHEN first_customer_message_at IS NOT NULL THEN now() END)`,
    system: '',
  }[sender.kind];
  // One statement: the conversation's next seq and counters, the message, and the conversation as it is now shown.
  const { rows } = await tx.query<ConversationRow & { message: MessageRow }>(
    `WITH updated AS (
       UPDATE conversations SET last_seq = last_seq + 1, last_message_preview = $2, last_message_at = now(),
         updated_at = now() ${workbench}
         ${own ? `, ${own.readSeq} = last_seq + 1` : ''}
         ${peer ? `, ${peer.unread} = ${peer.unread} + 1` : ''}
       WHERE id = $1 RETURNING *),
     inserted AS (
       INSERT INTO messages (id, corp_id, conversation_id, seq, client_id, sender_kind, sender_id, sender_name, kind, body)
       SELECT $3, corp_id, id, last_seq, $4, $5, $6, $7, $8, $9::jsonb FROM updated
       RETURNING *)
     SELECT conversation.*, (SELECT to_jsonb(inserted.*) FROM inserted) AS message FROM (${selectConversation('updated')}) conversation`,
    [conversationId, preview, randomUUID(), clientId, sender.kind, sender.id, sender.name ?? null, content.kind, JSON.stringify(content.body)],
  );
  const row = rows[0];
  if (!row) throw new InteropError('not_found', 'Conversation not found');
  // to_jsonb gives the timestamp as text.
  const message = toMessage({ ...row.message, created_at: new Date(row.message.created_at) });
  await recordEvent(tx, row.corp_id, 'message.created', { customerId: row.customer_id, message });
  return { message, conversation: toRecord(row) };
}
