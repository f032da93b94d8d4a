import { randomUUID } from 'node:crypto';
import {
  InteropError,
  type ConversationContext,
  type ConversationStatus,
  type Rating,
  type Message,
  type MessageContent,
  type Sender,
  type Transfer,
} from '@interop-kit/elements/protocol';
import { isUniqueViolation, type Database, type Queryable } from '../db/database.js';
import { groupCommit } from '../db/group-commit.js';
import {
  insertMessages,
  SIDE_COLUMNS,
  toMessage,
  type Appended,
  type MessageRow,
  type NewMessage,
  type Side,
} from './messages.js';
import { selectConversation, toRecord, type ConversationRecord, type ConversationRow } from './record.js';
import { reassign, type Reassignment, type TransferRow } from './assignment.js';

export { conversationView, type ConversationRecord } from './record.js';

/** The most messages one statement appends: enough to amortise a statement, small enough to keep each one short. */
const MAX_BATCH = 256;
/** Conversations whose owner (company, customer) is remembered: these never change once a conversation exists. */
const OWNERS_REMEMBERED = 20_000;

/**
 * Lanes of the group commit, each with one batch in flight. A conversation always takes the same lane, so its messages
 * are stored in the order they came and two batches in flight never lock the same conversation. PGlite has one
 * connection: a second lane keeps the next batch queued while the last one's answer travels back (1,600 msg/s
 * sustained at 1,000 conversations against 1,200). On PostgreSQL one lane measured best: four sustained 1,600 msg/s
 * against 2,000, two 100 against 1,600 in the same day's probe, with PostgreSQL's own cores rising to 0.75–1.2 (why
 * is not established: turning commit flushes off did not remove the stalls).
 */
const LANES = { postgres: 1, pglite: 2 } as const;

export function createConversationStore(db: Database) {
  /** Concurrent sends share one statement and one commit (see group-commit.ts, insertMessages). */
  const lanes = Array.from({ length: LANES[db.engine] }, () =>
    groupCommit<NewMessage, Appended>(async (items) => {
      try {
        return (await insertMessages(db, items)).map((value) => ({ status: 'fulfilled', value }));
      } catch (error) {
        if (items.length === 1) throw error;
        // What failed the batch (a clientId another node stored in the meantime, say) fails only its own message.
        return Promise.allSettled(items.map(async (item) => (await insertMessages(db, [item]))[0]!));
      }
    }, MAX_BATCH),
  );
  const appendInBatch = (message: NewMessage) =>
    lanes[Number.parseInt(message.conversationId.slice(0, 8), 16) % lanes.length]!(message);
  const owners = new Map<string, { id: string; corpId: string; customerId: string }>();

  async function get(q: Queryable, id: string): Promise<ConversationRecord | undefined> {
    const { rows } = await q.query<ConversationRow>(`${selectConversation()} WHERE c.id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** The message already stored under this clientId, if any; only its own sender may get it back. */
  async function storedDuplicate(
    conversationId: string,
    clientId: string,
    sender: Sender,
  ): Promise<Message | undefined> {
    const { rows } = await db.query<MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = $1 AND client_id = $2',
      [conversationId, clientId],
    );
    const existing = rows[0] && toMessage(rows[0]);
    if (existing && (existing.sender.kind !== sender.kind || existing.sender.id !== sender.id)) {
      throw new InteropError('conflict', 'This clientId is already used by another message');
    }
    return existing;
  }

  /**
   * Whose a conversation is (its company and customer), which is what deciding on a send needs: remembered, since
   * it never changes. Whether it is closed is for the append to decide, at the moment it writes.
   */
  async function owner(id: string): Promise<{ id: string; corpId: string; customerId: string } | undefined> {
    const known = owners.get(id);
    if (known) return known;
    const { rows } = await db.query<{ id: string; corp_id: string; customer_id: string }>(
      'SELECT id, corp_id, customer_id FROM conversations WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    // The oldest goes first once full (a Map iterates in insertion order).
    if (owners.size >= OWNERS_REMEMBERED) owners.delete(owners.keys().next().value!);
    const found = { id: row.id, corpId: row.corp_id, customerId: row.customer_id };
    owners.set(id, found);
    return found;
  }

  /** Active employee with the fewest open conversations: the default owner of a new customer relationship. */
  async function pickAssignee(tx: Queryable, corpId: string, customerId: string): Promise<string | null> {
    const owner = await tx.query<{ id: string }>(
      `SELECT e.id FROM customers cu JOIN employees e ON e.corp_id = cu.corp_id AND e.id = cu.assigned_employee_id
       WHERE cu.id = $1 AND e.status = 'active'`,
      [customerId],
    );
    if (owner.rows[0]) return owner.rows[0].id;
    const { rows } = await tx.query<{ id: string }>(
      `SELECT e.id FROM employees e
       LEFT JOIN conversations c ON c.corp_id = e.corp_id AND c.assigned_employee_id = e.id AND c.status <> 'closed'
       WHERE e.corp_id = $1 AND e.status = 'active'
       GROUP BY e.id ORDER BY count(c.id), e.id LIMIT 1`,
      [corpId],
    );
    const picked = rows[0]?.id ?? null;
    if (picked) await tx.query('UPDATE customers SET assigned_employee_id = $2 WHERE id = $1', [customerId, picked]);
    return picked;
  }

  return {
    get: (id: string) => get(db, id),
    storedDuplicate,

    /** A stored message by id, with whose conversation it is in (for the ownership policy). */
    async storedMessage(id: string): Promise<{ corpId: string; customerId: string; message: Message } | undefined> {
      const { rows } = await db.query<MessageRow & { corp_id: string; customer_id: string }>(
        'SELECT m.*, c.corp_id, c.customer_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = $1',
        [id],
      );
      const row = rows[0];
      return row && { corpId: row.corp_id, customerId: row.customer_id, message: toMessage(row) };
    },

    /** The message a customer was sent under `clientId` in any of their conversations (an outbound retry). */
    async storedForCustomer(corpId: string, customerId: string, clientId: string): Promise<Message | undefined> {
      const { rows } = await db.query<MessageRow>(
        `SELECT m.* FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE c.corp_id = $1 AND c.customer_id = $2 AND m.client_id = $3`,
        [corpId, customerId, clientId],
      );
      return rows[0] && toMessage(rows[0]);
    },

    owner,

    /** The customer's most recent conversation that is not closed (about `about`'s product and topic, if given). */
    async latestOpenForCustomer(
      customerId: string,
      about?: { productId: string | null; topic: string | null },
      assigneeId?: string,
    ): Promise<ConversationRecord | undefined> {
      const { rows } = await db.query<ConversationRow>(
        `${selectConversation()} WHERE c.customer_id = $1 AND c.status <> 'closed'
           AND ($2::boolean IS NOT TRUE OR ((c.context->>'productId') IS NOT DISTINCT FROM $3 AND (c.context->>'topic') IS NOT DISTINCT FROM $4))
           AND ($5::text IS NULL OR c.assigned_employee_id = $5)
         ORDER BY c.updated_at DESC LIMIT 1`,
        [customerId, about !== undefined, about?.productId ?? null, about?.topic ?? null, assigneeId ?? null],
      );
      return rows[0] && toRecord(rows[0]);
    },

    /**
     * Starts a conversation assigned to the customer's owner (or the least busy employee). Outside business hours it
     * starts `pending`: a message left for the team, shown to employees as waiting.
     */
    async create(
      corpId: string,
      customerId: string,
      options: {
        subject: string | null;
        context: ConversationContext | null;
        status: 'open' | 'pending';
        assigneeId?: string | undefined;
      },
    ): Promise<ConversationRecord> {
      const id = randomUUID();
      await db.transaction(async (tx) => {
        const assignee = options.assigneeId ?? (await pickAssignee(tx, corpId, customerId));
        await tx.query(
          `INSERT INTO conversations (id, corp_id, customer_id, assigned_employee_id, subject, context, status)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
          [
            id,
            corpId,
            customerId,
            assignee,
            options.subject,
            options.context && JSON.stringify(options.context),
            options.status,
          ],
        );
      });
      return (await get(db, id))!;
    },

    /** Closes a conversation (idempotent); returns undefined when it already was closed. */
    async close(conversationId: string): Promise<ConversationRecord | undefined> {
      const { rows } = await db.query(
        `UPDATE conversations SET status = 'closed', updated_at = now() WHERE id = $1 AND status <> 'closed' RETURNING id`,
        [conversationId],
      );
      return rows.length ? get(db, conversationId) : undefined;
    },

    async rate(conversationId: string, rating: Rating): Promise<ConversationRecord> {
      await db.query('UPDATE conversations SET rating_score = $2, rating_comment = $3 WHERE id = $1', [
        conversationId,
        rating.score,
        rating.comment,
      ]);
      return (await get(db, conversationId))!;
    },

    /** Moves a side's delivery mark forward (never back, never past the last message). */
    async markDelivered(
      conversationId: string,
      side: Side,
      upToSeq: number,
    ): Promise<{ record: ConversationRecord; changed: boolean }> {
      const column = SIDE_COLUMNS[side].deliveredSeq;
      const { rows } = await db.query(
        `UPDATE conversations SET ${column} = LEAST($2::int, last_seq) WHERE id = $1 AND ${column} < LEAST($2::int, last_seq) RETURNING id`,
        [conversationId, upToSeq],
      );
      return { record: (await get(db, conversationId))!, changed: rows.length > 0 };
    },

    /**
     * A page of the corp's conversations, most recently active first. `assigneeId`: only this employee's (null:
     * only unassigned ones). `query` matches the customer's name or email, or the text of any message.
     */
    async list(filter: {
      corpId: string;
      customerId?: string | undefined;
      status?: ConversationStatus | undefined;
      assigneeId?: string | null | undefined;
      query?: string | undefined;
      awaitingReply?: boolean | undefined;
      cursor?: string | undefined;
      limit: number;
    }): Promise<{ records: ConversationRecord[]; nextCursor: string | null }> {
      const pattern = filter.query ? `%${filter.query.replace(/[\\%_]/g, '\\$&')}%` : null;
      // The search is a clause of its own, present only with a query: behind "$n IS NULL OR" the planner could not make
      // it a join driven by the few matches, and read every conversation of the company to filter them (5 ms of 8 at
      // 10,000 conversations).
      const search = pattern
        ? `AND c.id IN (
             -- Served by the trigram indexes of migration 009 (a pattern of fewer than three characters reads the
             -- company's rows).
             SELECT m.conversation_id FROM messages m
             WHERE m.corp_id = $1 AND m.kind = 'text' AND m.body->>'text' ILIKE $9
             UNION
             SELECT found.id FROM customers who JOIN conversations found ON found.customer_id = who.id
             WHERE who.corp_id = $1 AND (coalesce(who.name, '') || E'\\n' || coalesce(who.email, '')) ILIKE $9)`
        : '';
      const { rows } = await db.query<ConversationRow>(
        `${selectConversation()}
         WHERE c.corp_id = $1 AND ($2::uuid IS NULL OR c.customer_id = $2) AND ($3::text IS NULL OR c.status = $3)
           AND (NOT $4::boolean OR c.assigned_employee_id IS NOT DISTINCT FROM $5)
           AND ($6::uuid IS NULL OR (c.updated_at, c.id) < (SELECT updated_at, id FROM conversations WHERE id = $6))
           AND (NOT $8::boolean OR (c.awaiting_reply AND c.status <> 'closed'))
           ${search}
         ORDER BY c.updated_at DESC, c.id DESC LIMIT $7`,
        [
          filter.corpId,
          filter.customerId ?? null,
          filter.status ?? null,
          filter.assigneeId !== undefined,
          filter.assigneeId ?? null,
          filter.cursor ?? null,
          filter.limit + 1,
          filter.awaitingReply === true,
          ...(pattern ? [pattern] : []),
        ],
      );
      const records = rows.slice(0, filter.limit).map(toRecord);
      return { records, nextCursor: rows.length > filter.limit ? records.at(-1)!.id : null };
    },

    /** An export page: the corp's conversations in creation order, after the conversation `cursor`. */
    async exportPage(
      corpId: string,
      filter: { customerId?: string | undefined; cursor?: string | undefined; limit: number },
    ) {
      const { rows } = await db.query<ConversationRow>(
        `${selectConversation()}
         WHERE c.corp_id = $1 AND ($2::uuid IS NULL OR c.customer_id = $2)
           AND ($3::uuid IS NULL OR (c.created_at, c.id) > (SELECT created_at, id FROM conversations WHERE id = $3))
         ORDER BY c.created_at, c.id LIMIT $4`,
        [corpId, filter.customerId ?? null, filter.cursor ?? null, filter.limit + 1],
      );
      const records = rows.slice(0, filter.limit).map(toRecord);
      return { records, nextCursor: rows.length > filter.limit ? records.at(-1)!.id : null };
    },

    /** Hands a conversation to an employee (see `reassign`), in a transaction of its own. */
    assign: (change: Reassignment) => db.transaction((tx) => reassign(tx, change)),

    /** How a customer's conversations changed hands, oldest first. */
    async transfers(customerId: string): Promise<Transfer[]> {
      const { rows } = await db.query<TransferRow>(
        `SELECT t.*, f.name AS from_name, e.name AS to_name, b.name AS by_name
         FROM conversation_transfers t
         JOIN conversations c ON c.id = t.conversation_id
         LEFT JOIN employees f ON f.corp_id = t.corp_id AND f.id = t.from_employee_id
         JOIN employees e ON e.corp_id = t.corp_id AND e.id = t.to_employee_id
         LEFT JOIN employees b ON b.corp_id = t.corp_id AND b.id = t.by_employee_id
         WHERE c.customer_id = $1 ORDER BY t.created_at`,
        [customerId],
      );
      return rows.map((row) => ({
        conversationId: row.conversation_id,
        from: row.from_employee_id ? { id: row.from_employee_id, name: row.from_name ?? row.from_employee_id } : null,
        to: { id: row.to_employee_id, name: row.to_name },
        by: row.by_employee_id ? { id: row.by_employee_id, name: row.by_name ?? row.by_employee_id } : null,
        reason: row.reason,
        note: row.note,
        createdAt: row.created_at.toISOString(),
      }));
    },

    /**
     * Stores a message with the next seq of its conversation (see insertMessages: no gaps, ack after commit), batched
     * with whatever else is being sent meanwhile. A clientId already stored returns that message instead of a second
     * row, whether the batch's check or the unique index (a concurrent writer elsewhere) caught it.
     */
    async append(
      conversationId: string,
      sender: Sender,
      clientId: string | null,
      content: MessageContent,
    ): Promise<
      | { message: Message; duplicate: true }
      | { message: Message; duplicate: false; conversation: ConversationRecord; latest: boolean }
    > {
      const result = await appendInBatch({ conversationId, sender, clientId, content }).catch((error: unknown) => {
        if (clientId && isUniqueViolation(error)) return { refused: true } as const;
        throw error;
      });
      if (!('refused' in result)) return { ...result, duplicate: false };
      // Left out: a retry of a stored message, a conversation that does not exist, or a customer writing into a closed one.
      const stored = clientId ? await storedDuplicate(conversationId, clientId, sender) : undefined;
      if (stored) return { message: stored, duplicate: true };
      // Not a retry, so the conversation is missing, or was closed to its customer when the batch wrote (an employee's
      // message in the same batch may have opened it again since).
      if (!(await owner(conversationId))) throw new InteropError('not_found', 'No such conversation');
      if (sender.kind === 'customer')
        throw new InteropError('conflict', 'This conversation is closed; start a new one');
      throw new InteropError('unavailable', 'The message could not be stored; send it again');
    },

    /** Oldest-to-newest page of up to `limit` messages before `beforeSeq` (or the latest). */
    async historyPage(conversationId: string, beforeSeq: number | undefined, limit: number) {
      const { rows } = await db.query<MessageRow>(
        `SELECT * FROM messages WHERE conversation_id = $1 AND ($2::int IS NULL OR seq < $2)
         ORDER BY seq DESC LIMIT $3`,
        [conversationId, beforeSeq ?? null, limit + 1],
      );
      const hasMore = rows.length > limit;
      return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
    },

    async messagesAfter(conversationId: string, afterSeq: number, limit: number) {
      const { rows } = await db.query<MessageRow>(
        'SELECT * FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [conversationId, afterSeq, limit + 1],
      );
      return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit };
    },

    /** Moves a side's read mark forward (never back) and recounts what it has left unread. */
    async markRead(conversationId: string, side: Side, upToSeq: number): Promise<ConversationRecord> {
      const columns = SIDE_COLUMNS[side];
      await db.query(
        `UPDATE conversations c SET ${columns.readSeq} = mark.seq,
           ${columns.unread} = (SELECT count(*) FROM messages m
             WHERE m.conversation_id = c.id AND m.sender_kind = '${columns.peerKind}' AND m.seq > mark.seq)
         FROM (SELECT GREATEST(${columns.readSeq}, LEAST($2::int, last_seq)) AS seq FROM conversations WHERE id = $1) AS mark
         WHERE c.id = $1`,
        [conversationId, upToSeq],
      );
      return (await get(db, conversationId))!;
    },
  };
}
export type ConversationStore = ReturnType<typeof createConversationStore>;
