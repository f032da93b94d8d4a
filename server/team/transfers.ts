import { randomUUID } from 'node:crypto';
import {
  DEFAULT_TRANSFER_RULES,
  InteropError,
  TRANSFER_STATUS,
  transferStatusName,
  type CustomerTransfer,
  type CustomerTransferKind,
  type CustomerTransferStatus,
  type Message,
  transferRulesSchema,
  type TransferRules,
  type TransferStatusCode,
} from '@interop-kit/elements/protocol';
import { reassign } from '../conversations/assignment.js';
import { insertMessage } from '../conversations/messages.js';
import type { ConversationStore } from '../conversations/store.js';
import type { Corp } from '../corps/store.js';
import type { Notifier } from '../core/notifier.js';
import type { Database, Queryable } from '../db/database.js';
import { recordEvent } from '../events/outbox.js';

type Person = { id: string; name: string };

export interface TransferRequest {
  corpId: string;
  corpName: string;
  customerId: string;
  kind: CustomerTransferKind;
  from: Person;
  to: Person;
  /** null: the company's own systems or its operator. */
  by: Person | null;
}

interface TransferRow {
  id: string;
  corp_id: string;
  customer_id: string;
  kind: CustomerTransferKind;
  from_id: string;
  from_name: string;
  to_id: string;
  to_name: string;
  by_id: string | null;
  by_name: string | null;
  status: TransferStatusCode;
  created_at: Date;
  takes_effect_at: Date;
  decided_at: Date | null;
}

const SELECT_TRANSFERS = `
  SELECT t.id, t.corp_id, t.customer_id, t.kind, t.status, t.created_at, t.takes_effect_at, t.decided_at,
         t.from_employee_id AS from_id, f.name AS from_name, t.to_employee_id AS to_id, n.name AS to_name,
         t.by_employee_id AS by_id, b.name AS by_name
  FROM customer_transfers t
  JOIN employees f ON f.corp_id = t.corp_id AND f.id = t.from_employee_id
  JOIN employees n ON n.corp_id = t.corp_id AND n.id = t.to_employee_id
  LEFT JOIN employees b ON b.corp_id = t.corp_id AND b.id = t.by_employee_id`;

export const transferView = (row: TransferRow): CustomerTransfer => ({
  id: row.id,
  customerId: row.customer_id,
  kind: row.kind,
  from: { id: row.from_id, name: row.from_name },
  to: { id: row.to_id, name: row.to_name },
  status: row.status,
  statusName: transferStatusName(row.status),
  by: row.by_id ? { id: row.by_id, name: row.by_name ?? row.by_id } : null,
  createdAt: row.created_at.toISOString(),
  takesEffectAt: row.takes_effect_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
});

async function readTransfer(tx: Queryable, id: string, lock = false): Promise<TransferRow | undefined> {
  const { rows } = await tx.query<TransferRow>(`${SELECT_TRANSFERS} WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`, [
    id,
  ]);
  return rows[0];
}

/** The conversation a notice to the customer goes into: their latest open one, else their latest. */
async function noticeConversation(tx: Queryable, customerId: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM conversations WHERE customer_id = $1 ORDER BY (status <> 'closed') DESC, updated_at DESC LIMIT 1`,
    [customerId],
  );
  return rows[0]?.id;
}

/** What a change told the customer and the company, published once it has committed. */
interface Told {
  corpId: string;
  transfer: CustomerTransfer;
  notices: Array<{ conversationId: string; message: Message }>;
}

/**
 * Customer relationships change hands only as the customer allows (WeCom's on-job and departure transfers). A
 * transfer waits (status 2) while the customer is asked in the chat window; it is done (1) when they accept or when
 * the company's window passes unanswered — only then do the customer's open conversations and to-dos follow — and
 * refused (3) when they say no: an on-job transfer keeps the employee they had, a departure leaves them to the team.
 * A taker at their customer capacity ends it at once (4). Each change is a `transfer.updated` event for webhooks.
 */
export function createCustomerTransfers(deps: {
  db: Database;
  conversations: ConversationStore;
  notifier: Notifier;
  clock?: (() => Date) | undefined;
}) {
  const { db, conversations, notifier } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function publish(told: Told) {
    for (const { conversationId, message } of told.notices) {
      const conversation = await conversations.get(conversationId);
      if (conversation) notifier.publish({ type: 'message.stored', conversation, message, announce: true });
    }
    notifier.publish({ type: 'transfer.changed', corpId: told.corpId, transfer: told.transfer });
  }

  /** Status 1 inside the caller's transaction: the customer, their open conversations and to-dos go to the taker. */
  async function complete(tx: Queryable, row: TransferRow, corpName: string): Promise<Told> {
    await tx.query(`UPDATE customer_transfers SET status = 1, decided_at = $2 WHERE id = $1`, [row.id, clock()]);
    await tx.query('UPDATE customers SET assigned_employee_id = $2 WHERE id = $1', [row.customer_id, row.to_id]);
    // Their open conversations, whoever of the two had them (a departure's went to the team meanwhile).
    const open = await tx.query<{ id: string }>(
      `SELECT id FROM conversations WHERE customer_id = $1 AND status <> 'closed'
         AND (assigned_employee_id = $2 OR assigned_employee_id IS NULL) ORDER BY updated_at`,
      [row.customer_id, row.from_id],
    );
    const notices: Told['notices'] = [];
    for (const { id } of open.rows) {
      const moved = await reassign(tx, {
        conversationId: id,
        to: { id: row.to_id, name: row.to_name },
        by: row.by_id ? { id: row.by_id, name: row.by_name ?? row.by_id } : null,
        reason: row.kind === 'departure' ? 'departure' : 'transfer',
        note: null,
        ...(row.kind === 'departure' ? { departure: { id: row.from_id, name: row.from_name, corpName } } : {}),
      });
      if (moved) notices.push({ conversationId: id, message: moved.message });
    }
    await tx.query(
      `UPDATE todos SET employee_id = $3 WHERE employee_id = $2 AND done_at IS NULL
         AND conversation_id IN (SELECT id FROM conversations WHERE customer_id = $1)`,
      [row.customer_id, row.from_id, row.to_id],
    );
    const done = (await readTransfer(tx, row.id))!;
    await recordEvent(tx, row.corp_id, 'transfer.updated', { transfer: transferView(done) });
    return { corpId: row.corp_id, transfer: transferView(done), notices };
  }

  /** Status 3 inside the caller's transaction; the customer is told who serves them now. */
  async function refuse(tx: Queryable, row: TransferRow): Promise<Told> {
    await tx.query(`UPDATE customer_transfers SET status = 3, decided_at = $2 WHERE id = $1`, [row.id, clock()]);
    const keeps = row.kind === 'on_job';
    // A departure refused: the customer is the team's (the leaver cannot keep them).
    if (!keeps) await tx.query('UPDATE customers SET assigned_employee_id = NULL WHERE id = $1', [row.customer_id]);
    const notices: Told['notices'] = [];
    const conversationId = await noticeConversation(tx, row.customer_id);
    if (conversationId) {
      const { message } = await insertMessage(tx, conversationId, { kind: 'system', id: null }, null, {
        kind: 'system',
        body: {
          event: 'transfer_refused',
          text: keeps ? `${row.from_name} keeps looking after you` : 'The team will look after you',
          ...(keeps ? { employeeId: row.from_id, employeeName: row.from_name } : {}),
          transferId: row.id,
          transferKind: row.kind,
        },
      });
      notices.push({ conversationId, message });
    }
    const refused = (await readTransfer(tx, row.id))!;
    await recordEvent(tx, row.corp_id, 'transfer.updated', { transfer: transferView(refused) });
    return { corpId: row.corp_id, transfer: transferView(refused), notices };
  }

  const api = {
    /**
     * Starts one customer's transfer inside the caller's transaction (a departure moves many in one). Refused with a
     * typed error when a transfer of the customer already waits or the company's limit per customer is reached; ends
     * at once as "taker at capacity" when the taker has as many customers as the company allows.
     */
    async start(tx: Queryable, request: TransferRequest): Promise<Told> {
      // The rules as they are now (a session's copy of its company may be older).
      const { rows: corps } = await tx.query<{ transfer_rules: unknown }>(
        'SELECT transfer_rules FROM corps WHERE id = $1',
        [request.corpId],
      );
      const rules: TransferRules =
        transferRulesSchema.safeParse(corps[0]?.transfer_rules).data ?? DEFAULT_TRANSFER_RULES;
      const { rows: recent } = await tx.query<{ waiting: boolean; n: number }>(
        `SELECT bool_or(status = 2) AS waiting, count(*)::int AS n FROM customer_transfers
         WHERE customer_id = $1 AND status IN (1, 2) AND created_at > $2::timestamptz - $3 * interval '1 day'`,
        [request.customerId, clock(), rules.periodDays],
      );
      if (recent[0]?.waiting)
        throw new InteropError('conflict', 'A transfer of this customer is waiting for their answer', {
          reason: 'transfer_waiting',
        });
      if ((recent[0]?.n ?? 0) >= rules.maxPerCustomer)
        throw new InteropError(
          'conflict',
          `This customer has changed hands ${rules.maxPerCustomer} times in ${rules.periodDays} days, the company's limit`,
          { reason: 'transfer_limit' },
        );
      let status: TransferStatusCode = TRANSFER_STATUS.waiting;
      if (rules.customerCapacity !== null) {
        const { rows } = await tx.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM customers WHERE corp_id = $1 AND assigned_employee_id = $2)
                + (SELECT count(*) FROM customer_transfers WHERE corp_id = $1 AND to_employee_id = $2 AND status = 2) AS n`,
          [request.corpId, request.to.id],
        );
        if (Number(rows[0]!.n) >= rules.customerCapacity) status = TRANSFER_STATUS.takerAtCapacity;
      }
      const id = randomUUID();
      await tx.query(
        `INSERT INTO customer_transfers
           (id, corp_id, customer_id, kind, from_employee_id, to_employee_id, by_employee_id, status, created_at,
            takes_effect_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9::timestamptz + $10 * interval '1 hour')`,
        [
          id,
          request.corpId,
          request.customerId,
          request.kind,
          request.from.id,
          request.to.id,
          request.by?.id ?? null,
          status,
          clock(),
          rules.windowHours,
        ],
      );
      const row = (await readTransfer(tx, id))!;
      await recordEvent(tx, request.corpId, 'transfer.updated', { transfer: transferView(row) });
      const notices: Told['notices'] = [];
      const conversationId = status === TRANSFER_STATUS.waiting && (await noticeConversation(tx, request.customerId));
      if (conversationId) {
        const departed = request.kind === 'departure';
        const { message } = await insertMessage(tx, conversationId, { kind: 'system', id: null }, null, {
          kind: 'system',
          body: {
            event: 'transfer_pending',
            text: departed
              ? `${request.from.name} no longer works at ${request.corpName} — ${request.to.name} will look after you from now on`
              : `${request.from.name} is handing you over to ${request.to.name}`,
            employeeId: request.to.id,
            employeeName: request.to.name,
            formerEmployeeId: request.from.id,
            formerEmployeeName: request.from.name,
            corpName: request.corpName,
            transferId: id,
            transferKind: request.kind,
          },
        });
        notices.push({ conversationId, message });
      }
      return { corpId: request.corpId, transfer: transferView(row), notices };
    },

    /** Tells the world of what `start` (or anything else here) changed, once its transaction has committed. */
    publish,

    /**
     * Gives a customer to `to` on the job: a transfer the customer may refuse when someone owns them now; at once
     * when nobody does (there is nobody to keep). Returns the transfer, or null when nothing had to be asked.
     */
    async handOver(corp: Corp, customerId: string, to: Person, by: Person | null): Promise<CustomerTransfer | null> {
      const told = await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ owner_id: string | null; owner_name: string | null }>(
          `SELECT cu.assigned_employee_id AS owner_id, e.name AS owner_name
           FROM customers cu LEFT JOIN employees e ON e.corp_id = cu.corp_id AND e.id = cu.assigned_employee_id
           WHERE cu.corp_id = $1 AND cu.id = $2 FOR UPDATE OF cu`,
          [corp.id, customerId],
        );
        const owner = rows[0];
        if (!owner) throw new InteropError('not_found', 'No such customer');
        if (owner.owner_id === to.id) return undefined;
        if (owner.owner_id === null) {
          await tx.query('UPDATE customers SET assigned_employee_id = $2 WHERE id = $1', [customerId, to.id]);
          return undefined;
        }
        const from = { id: owner.owner_id, name: owner.owner_name ?? owner.owner_id };
        const request = { corpId: corp.id, corpName: corp.name, customerId, from, to, by };
        return api.start(tx, { ...request, kind: 'on_job' });
      });
      if (!told) return null;
      await publish(told);
      return told.transfer;
    },

    /** The customer's answer from the chat window: accept (done now) or refuse. Only their own waiting transfer. */
    async answer(corpId: string, corpName: string, customerId: string, transferId: string, accept: boolean) {
      const told = await db.transaction(async (tx) => {
        const row = await readTransfer(tx, transferId, true);
        if (!row || row.corp_id !== corpId || row.customer_id !== customerId)
          throw new InteropError('not_found', 'No such transfer');
        if (row.status !== TRANSFER_STATUS.waiting)
          throw new InteropError('conflict', `This transfer is ${transferStatusName(row.status).replace(/_/g, ' ')}`);
        return accept ? complete(tx, row, corpName) : refuse(tx, row);
      });
      await publish(told);
      return told.transfer;
    },

    /** The timer's work: every waiting transfer whose window has passed takes effect. Returns how many did. */
    async completeDue(limit = 100): Promise<number> {
      const { rows } = await db.query<{ id: string; corp_name: string }>(
        `SELECT t.id, c.name AS corp_name FROM customer_transfers t JOIN corps c ON c.id = t.corp_id
         WHERE t.status = 2 AND t.takes_effect_at <= $2 ORDER BY t.takes_effect_at LIMIT $1`,
        [limit, clock()],
      );
      let done = 0;
      for (const due of rows) {
        const told = await db.transaction(async (tx) => {
          // Read again under a lock: the customer may have answered since.
          const row = await readTransfer(tx, due.id, true);
          return row?.status === TRANSFER_STATUS.waiting ? complete(tx, row, due.corp_name) : undefined;
        });
        if (told) {
          done += 1;
          await publish(told);
        }
      }
      return done;
    },

    /** Transfers of the company, newest first: of one customer, to or from one employee, in one status. */
    async list(
      corpId: string,
      filter: { customerId?: string; employeeId?: string; status?: number; limit?: number } = {},
    ): Promise<CustomerTransfer[]> {
      const { rows } = await db.query<TransferRow>(
        `${SELECT_TRANSFERS} WHERE t.corp_id = $1
           AND ($2::uuid IS NULL OR t.customer_id = $2)
           AND ($3::text IS NULL OR t.from_employee_id = $3 OR t.to_employee_id = $3)
           AND ($4::int IS NULL OR t.status = $4)
         ORDER BY t.created_at DESC, t.id LIMIT $5`,
        [corpId, filter.customerId ?? null, filter.employeeId ?? null, filter.status ?? null, filter.limit ?? 100],
      );
      return rows.map(transferView);
    },

    /** The CRM's export: transfers oldest first after the transfer `cursor`, narrowed like `list`. */
    async page(
      corpId: string,
      query: {
        cursor?: string | undefined;
        limit: number;
        customerId?: string | undefined;
        employeeId?: string | undefined;
        status?: number | undefined;
      },
    ): Promise<{ records: CustomerTransfer[]; nextCursor: string | null }> {
      const { rows } = await db.query<TransferRow>(
        `${SELECT_TRANSFERS} WHERE t.corp_id = $1
           AND ($2::uuid IS NULL OR (t.created_at, t.id) > (SELECT created_at, id FROM customer_transfers WHERE id = $2))
           AND ($3::uuid IS NULL OR t.customer_id = $3)
           AND ($4::text IS NULL OR t.from_employee_id = $4 OR t.to_employee_id = $4)
           AND ($5::int IS NULL OR t.status = $5)
         ORDER BY t.created_at, t.id LIMIT $6`,
        [
          corpId,
          query.cursor ?? null,
          query.customerId ?? null,
          query.employeeId ?? null,
          query.status ?? null,
          query.limit + 1,
        ],
      );
      const records = rows.slice(0, query.limit).map(transferView);
      return { records, nextCursor: rows.length > query.limit ? records.at(-1)!.id : null };
    },

    /** Where one customer stands: their latest transfer's status, or 5 (no transfer on record). */
    async statusOf(corpId: string, customerId: string): Promise<CustomerTransferStatus> {
      const [latest] = await api.list(corpId, { customerId, limit: 1 });
      const status = latest ? (latest.status as TransferStatusCode) : TRANSFER_STATUS.none;
      return { customerId, status, statusName: transferStatusName(status), transfer: latest ?? null };
    },
  };
  return api;
}
export type CustomerTransfers = ReturnType<typeof createCustomerTransfers>;
