import { createHash, randomUUID } from 'node:crypto';
import {
  InteropError,
  messagePlainText,
  type Message,
  type MessageContent,
  type Sender,
} from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';
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
    sender:
      row.sender_name === null
        ? { kind: row.sender_kind, id: row.sender_id }
        : { kind: row.sender_kind, id: row.sender_id, name: row.sender_name },
    kind: row.kind,
    body: row.body,
    createdAt: row.created_at.toISOString(),
  }) as Message;

// Column names per side come from this fixed table, never from input.
export const SIDE_COLUMNS = {
  customer: {
    readSeq: 'customer_read_seq',
    deliveredSeq: 'customer_delivered_seq',
    unread: 'customer_unread',
    peerKind: 'employee',
  },
  employee: {
    readSeq: 'employee_read_seq',
    deliveredSeq: 'employee_delivered_seq',
    unread: 'employee_unread',
    peerKind: 'customer',
  },
} as const;

/** A row that came as JSON has its timestamps as text: they are Dates again, as a row read directly has them. */
const revivedRow = <Row extends object>(json: Row): Row =>
  Object.fromEntries(
    Object.entries(json).map(([key, value]) => [
      key,
      key.endsWith('_at') && typeof value === 'string' ? new Date(value) : value,
    ]),
  ) as Row;

/** A message to append: where, by whom, the sender's idempotency key, and what. */
export interface NewMessage {
  conversationId: string;
  sender: Sender;
  clientId: string | null;
  content: MessageContent;
}

/**
 * What became of one message of a batch: stored, with its conversation as the batch left it (`latest`: the last of
 * the batch's messages there, so that one announces the conversation), or left out (the caller finds out why).
 */
export type Appended = { message: Message; conversation: ConversationRecord; latest: boolean } | { refused: true };

/** A stored message as the wire (and the webhook event) carries it, built from `messages` row `m`: one shape for both. */
const messageJsonSql = (m: string) => `jsonb_build_object(
    'id', ${m}.id, 'conversationId', ${m}.conversation_id, 'seq', ${m}.seq, 'clientId', ${m}.client_id,
    'sender', jsonb_build_object('kind', ${m}.sender_kind, 'id', ${m}.sender_id)
      || CASE WHEN ${m}.sender_name IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('name', ${m}.sender_name) END,
    'kind', ${m}.kind, 'body', ${m}.body,
    'createdAt', to_char(${m}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/** The statement of `insertMessages`: $1…$9 are the batch's columns; one `appended` JSON per conversation written. */
const APPEND_MESSAGES_SQL = `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[])
         WITH ORDINALITY AS i(id, conversation_id, client_id, sender_kind, sender_id, sender_name, kind, body, preview, ord)),
     locked AS (
       SELECT id, status FROM conversations WHERE id IN (SELECT conversation_id FROM input) ORDER BY id FOR UPDATE),
     accepted AS (
       SELECT i.*, row_number() OVER (PARTITION BY i.conversation_id ORDER BY i.ord) AS k
       FROM input i JOIN locked l ON l.id = i.conversation_id
       WHERE NOT (l.status = 'closed' AND i.sender_kind = 'customer')
         AND (i.client_id IS NULL OR (
           NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = i.conversation_id AND m.client_id = i.client_id)
           AND NOT EXISTS (SELECT 1 FROM input j WHERE j.conversation_id = i.conversation_id AND j.client_id = i.client_id AND j.ord < i.ord)))),
     totals AS (
       SELECT conversation_id, count(*) AS n,
         count(*) FILTER (WHERE sender_kind = 'customer') AS from_customer,
         count(*) FILTER (WHERE sender_kind = 'employee') AS from_employee,
         max(k) FILTER (WHERE sender_kind = 'customer') AS last_customer_k,
         min(k) FILTER (WHERE sender_kind = 'customer') AS first_customer_k,
         max(k) FILTER (WHERE sender_kind = 'employee') AS last_employee_k,
         (array_agg(preview ORDER BY k DESC) FILTER (WHERE preview IS NOT NULL))[1] AS preview
       FROM accepted GROUP BY conversation_id),
     updated AS (
       -- The sender has read what they wrote; the other side has one more unread (system notes count for no one).
       -- A customer's message waits for an answer (the first starts the response clock); an employee's answers it.
       UPDATE conversations c SET last_seq = c.last_seq + t.n, last_message_preview = COALESCE(t.preview, c.last_message_preview),
         last_message_at = now(), updated_at = now(),
         customer_read_seq = COALESCE(c.last_seq + t.last_customer_k, c.customer_read_seq),
         employee_read_seq = COALESCE(c.last_seq + t.last_employee_k, c.employee_read_seq),
         employee_unread = c.employee_unread + t.from_customer,
         customer_unread = c.customer_unread + t.from_employee,
         awaiting_reply = CASE
           WHEN t.last_customer_k IS NULL AND t.last_employee_k IS NULL THEN c.awaiting_reply
           ELSE COALESCE(t.last_customer_k, 0) > COALESCE(t.last_employee_k, 0) END,
         status = CASE WHEN t.last_employee_k IS NULL THEN c.status ELSE 'open' END,
         first_customer_message_at = CASE WHEN t.last_customer_k IS NULL THEN c.first_customer_message_at
           ELSE COALESCE(c.first_customer_message_at, now()) END,
         first_response_at = CASE
           WHEN t.last_employee_k IS NOT NULL AND (c.first_customer_message_at IS NOT NULL OR t.first_customer_k < t.last_employee_k)
           THEN COALESCE(c.first_response_at, now()) ELSE c.first_response_at END
       FROM totals t WHERE c.id = t.conversation_id
       RETURNING c.*, t.n AS appended),
     inserted AS (
       INSERT INTO messages (id, corp_id, conversation_id, seq, client_id, sender_kind, sender_id, sender_name, kind, body)
       SELECT a.id, u.corp_id, a.conversation_id, u.last_seq - u.appended + a.k, a.client_id, a.sender_kind, a.sender_id,
         a.sender_name, a.kind, a.body
       FROM accepted a JOIN updated u ON u.id = a.conversation_id
       RETURNING *),
     wire AS (
       SELECT m.conversation_id, m.seq, m.corp_id, ${messageJsonSql('m')} AS message FROM inserted m),
     recorded AS (
       INSERT INTO events (id, corp_id, type, payload)
       SELECT e.id, e.corp_id, 'message.created', jsonb_build_object('id', e.id, 'type', 'message.created',
         'createdAt', e.message->'createdAt', 'corpId', e.corp_id,
         'data', jsonb_build_object('customerId', u.customer_id, 'message', e.message))
       -- A volatile function in a subquery's list runs once per row.
       FROM (SELECT gen_random_uuid() AS id, w.* FROM wire w) e JOIN updated u ON u.id = e.conversation_id)
     SELECT to_jsonb(conversation.*) || jsonb_build_object('messages',
       (SELECT jsonb_agg(w.message ORDER BY w.seq) FROM wire w WHERE w.conversation_id = conversation.id)) AS appended
     FROM (${selectConversation('updated')}) conversation`;

/**
 * The statement runs inside a PL/pgSQL function so that its plan is made once per connection and kept (planning it
 * took about as long as running it). The name carries a hash of the text: each version of the code calls its own
 * function, so nodes of two versions side by side (a rolling deploy) never call each other's.
 */
const APPEND_FUNCTION = `append_messages_${createHash('sha256').update(APPEND_MESSAGES_SQL).digest('hex').slice(0, 12)}`;

/** Creates (or keeps) this version's append function; run after the migrations, before the first append. */
export async function installAppendFunction(db: Queryable): Promise<void> {
  const installed = async () =>
    (await db.query('SELECT 1 FROM pg_proc WHERE proname = $1', [APPEND_FUNCTION])).rows.length > 0;
  if (await installed()) return;
  try {
    await db.query(
      `CREATE OR REPLACE FUNCTION ${APPEND_FUNCTION}(uuid[], uuid[], uuid[], text[], text[], text[], text[], jsonb[], text[])
       RETURNS SETOF jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan
       AS $fn$ BEGIN RETURN QUERY ${APPEND_MESSAGES_SQL}; END $fn$`,
    );
  } catch (error) {
    // Another node starting at the same moment created it first.
    if (!(await installed())) throw error;
  }
}

/**
 * Appends a batch of messages in one statement (one round trip, one commit for all of them: the group commit's unit).
 * Per conversation, in the batch's order: the next seqs without gaps (the conversation rows are locked in id order,
 * so concurrent batches cannot deadlock), the counters, read marks and workbench columns as if each had been
 * appended alone, the message rows, their `message.created` events, and the conversation as it now stands. A message
 * is left out (`refused`) when its clientId is already stored (or came earlier in the batch), its conversation does not
 * exist, or a customer writes into a closed one. Results are in input order.
 */
export async function insertMessages(db: Queryable, batch: readonly NewMessage[]): Promise<Appended[]> {
  const column = <T>(pick: (message: NewMessage) => T) => batch.map(pick);
  const ids = column(() => randomUUID());
  const { rows } = await db.query<{ appended: ConversationRow & { messages: Message[] } }>(
    `SELECT appended FROM ${APPEND_FUNCTION}($1, $2, $3, $4, $5, $6, $7, $8, $9) AS appended`,
    [
      ids,
      column((m) => m.conversationId),
      column((m) => m.clientId),
      column((m) => m.sender.kind),
      column((m) => m.sender.id),
      column((m) => m.sender.name ?? null),
      column((m) => m.content.kind),
      column((m) => JSON.stringify(m.content.body)),
      // A notice ("… closed the conversation") is not what was last said: the preview stays the last message's, as in
      // Chatwoot's list (its lastNonActivityMessage), and no English notice reaches a reader of another language.
      column((m) => (m.content.kind === 'system' ? null : messagePlainText(m.content).slice(0, PREVIEW_LENGTH))),
    ],
  );
  const stored = new Map<string, Appended>();
  for (const { appended } of rows) {
    const conversation = toRecord(revivedRow(appended));
    const messages = appended.messages ?? [];
    messages.forEach((message, index) =>
      stored.set(message.id, { message, conversation, latest: index === messages.length - 1 }),
    );
  }
  return ids.map((id) => stored.get(id) ?? { refused: true });
}

/** Appends one message inside the caller's transaction (a system note that goes with another change). */
export async function insertMessage(
  tx: Queryable,
  conversationId: string,
  sender: Sender,
  clientId: string | null,
  content: MessageContent,
): Promise<{ message: Message; conversation: ConversationRecord; latest: boolean }> {
  const [result] = await insertMessages(tx, [{ conversationId, sender, clientId, content }]);
  if (!result || 'refused' in result) throw new InteropError('not_found', 'No such conversation');
  return result;
}
