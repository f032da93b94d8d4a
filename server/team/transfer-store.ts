import {
  DEFAULT_TRANSFER_RULES,
  transferRulesSchema,
  transferStatusName,
  type CustomerTransfer,
  type CustomerTransferKind,
  type TransferRules,
  type TransferStatusCode,
} from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';

export interface TransferRow {
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

/** The filters of a list of transfers: of one customer, to or from one employee, in one status. */
export interface TransferFilter {
  customerId?: string | undefined;
  employeeId?: string | undefined;
  status?: number | undefined;
}

/**
 * Customer transfers and what they touch (the customer's owner, their open conversations, their to-dos), on a
 * connection or inside the caller's transaction. Times come from the caller's clock.
 */
export function createTransferStore(db: Queryable) {
  return {
    async read(id: string, options: { lock?: boolean } = {}): Promise<TransferRow | undefined> {
      const { rows } = await db.query<TransferRow>(
        `${SELECT_TRANSFERS} WHERE t.id = $1${options.lock ? ' FOR UPDATE OF t' : ''}`,
        [id],
      );
      return rows[0];
    },

    /** The company's rules as they are now (a session's copy of its company may be older). */
    async rules(corpId: string): Promise<TransferRules> {
      const { rows } = await db.query<{ transfer_rules: unknown }>('SELECT transfer_rules FROM corps WHERE id = $1', [
        corpId,
      ]);
      return transferRulesSchema.safeParse(rows[0]?.transfer_rules).data ?? DEFAULT_TRANSFER_RULES;
    },

    /** A customer's transfers done or waiting since `since`, and whether one waits. */
    async recent(customerId: string, since: Date): Promise<{ waiting: boolean; count: number }> {
      const { rows } = await db.query<{ waiting: boolean | null; n: number }>(
        `SELECT bool_or(status = 2) AS waiting, count(*)::int AS n FROM customer_transfers
         WHERE customer_id = $1 AND status IN (1, 2) AND created_at > $2`,
        [customerId, since],
      );
      return { waiting: rows[0]?.waiting === true, count: rows[0]?.n ?? 0 };
    },

    /** The customers an employee has, and those on their way to them. */
    async load(corpId: string, employeeId: string): Promise<number> {
      const { rows } = await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM customers WHERE corp_id = $1 AND assigned_employee_id = $2)
              + (SELECT count(*) FROM customer_transfers WHERE corp_id = $1 AND to_employee_id = $2 AND status = 2) AS n`,
        [corpId, employeeId],
      );
      return Number(rows[0]!.n);
    },

    async insert(transfer: {
      id: string;
      corpId: string;
      customerId: string;
      kind: CustomerTransferKind;
      fromId: string;
      toId: string;
      byId: string | null;
      status: TransferStatusCode;
      createdAt: Date;
      takesEffectAt: Date;
    }): Promise<void> {
      const t = transfer;
      await db.query(
        `INSERT INTO customer_transfers
           (id, corp_id, customer_id, kind, from_employee_id, to_employee_id, by_employee_id, status, created_at, takes_effect_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [t.id, t.corpId, t.customerId, t.kind, t.fromId, t.toId, t.byId, t.status, t.createdAt, t.takesEffectAt],
      );
    },

    async decide(id: string, status: TransferStatusCode, at: Date): Promise<void> {
      await db.query('UPDATE customer_transfers SET status = $2, decided_at = $3 WHERE id = $1', [id, status, at]);
    },

    /** The customer's owner, locked for the change; undefined: no such customer of the corp. */
    async ownerForUpdate(corpId: string, customerId: string): Promise<{ id: string; name: string } | null | undefined> {
      const { rows } = await db.query<{ owner_id: string | null; owner_name: string | null }>(
        `SELECT cu.assigned_employee_id AS owner_id, e.name AS owner_name
         FROM customers cu LEFT JOIN employees e ON e.corp_id = cu.corp_id AND e.id = cu.assigned_employee_id
         WHERE cu.corp_id = $1 AND cu.id = $2 FOR UPDATE OF cu`,
        [corpId, customerId],
      );
      const row = rows[0];
      if (!row) return undefined;
      return row.owner_id === null ? null : { id: row.owner_id, name: row.owner_name ?? row.owner_id };
    },

    /** The customers an employee owns, locked (a departure asks each). */
    async customersOf(corpId: string, employeeId: string): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        'SELECT id FROM customers WHERE corp_id = $1 AND assigned_employee_id = $2 ORDER BY created_at FOR UPDATE',
        [corpId, employeeId],
      );
      return rows.map((row) => row.id);
    },

    async setOwner(customerId: string, employeeId: string | null): Promise<void> {
      await db.query('UPDATE customers SET assigned_employee_id = $2 WHERE id = $1', [customerId, employeeId]);
    },

    /** The customer's open conversations that `fromId` has or that wait with the team, oldest change first. */
    async openConversations(customerId: string, fromId: string): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM conversations WHERE customer_id = $1 AND status <> 'closed'
           AND (assigned_employee_id = $2 OR assigned_employee_id IS NULL) ORDER BY updated_at`,
        [customerId, fromId],
      );
      return rows.map((row) => row.id);
    },

    /** The conversation a notice to the customer goes into: their latest open one, else their latest. */
    async noticeConversation(customerId: string): Promise<string | undefined> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM conversations WHERE customer_id = $1 ORDER BY (status <> 'closed') DESC, updated_at DESC LIMIT 1`,
        [customerId],
      );
      return rows[0]?.id;
    },

    /** `fromId`'s unfinished to-dos about the customer go to `toId`. */
    async moveTodos(customerId: string, fromId: string, toId: string): Promise<void> {
      await db.query(
        `UPDATE todos SET employee_id = $3 WHERE employee_id = $2 AND done_at IS NULL
           AND conversation_id IN (SELECT id FROM conversations WHERE customer_id = $1)`,
        [customerId, fromId, toId],
      );
    },

    /** Waiting transfers whose window has passed by `at`, with their company's name. */
    async due(at: Date, limit: number): Promise<Array<{ id: string; corpName: string }>> {
      const { rows } = await db.query<{ id: string; corp_name: string }>(
        `SELECT t.id, c.name AS corp_name FROM customer_transfers t JOIN corps c ON c.id = t.corp_id
         WHERE t.status = 2 AND t.takes_effect_at <= $1 ORDER BY t.takes_effect_at LIMIT $2`,
        [at, limit],
      );
      return rows.map((row) => ({ id: row.id, corpName: row.corp_name }));
    },

    /** Per employee of the corp: the customers they own, and the transfers to or from them still waiting. */
    async teamCounts(corpId: string): Promise<Map<string, { customers: number; waitingTransfers: number }>> {
      const { rows } = await db.query<{ id: string; customers: number; waiting: number }>(
        `SELECT e.id,
           (SELECT count(*) FROM customers cu WHERE cu.corp_id = e.corp_id AND cu.assigned_employee_id = e.id)::int AS customers,
           (SELECT count(*) FROM customer_transfers t WHERE t.corp_id = e.corp_id AND t.status = 2
              AND (t.from_employee_id = e.id OR t.to_employee_id = e.id))::int AS waiting
         FROM employees e WHERE e.corp_id = $1`,
        [corpId],
      );
      return new Map(rows.map((row) => [row.id, { customers: row.customers, waitingTransfers: row.waiting }]));
    },

    /** Newest first, for the workbench. */
    async list(corpId: string, filter: TransferFilter, limit: number): Promise<CustomerTransfer[]> {
      const { rows } = await db.query<TransferRow>(
        `${SELECT_TRANSFERS} WHERE t.corp_id = $1
           AND ($2::uuid IS NULL OR t.customer_id = $2)
           AND ($3::text IS NULL OR t.from_employee_id = $3 OR t.to_employee_id = $3)
           AND ($4::int IS NULL OR t.status = $4)
         ORDER BY t.created_at DESC, t.id LIMIT $5`,
        [corpId, filter.customerId ?? null, filter.employeeId ?? null, filter.status ?? null, limit],
      );
      return rows.map(transferView);
    },

    /** Oldest first after the transfer `cursor`, for the CRM's export. */
    async page(
      corpId: string,
      query: TransferFilter & { cursor?: string | undefined; limit: number },
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
  };
}
export type TransferStore = ReturnType<typeof createTransferStore>;
