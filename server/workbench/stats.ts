import type { WorkbenchStats } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';

/** A zone PostgreSQL and Intl both know; anything else counts as UTC rather than failing the figures. */
function knownZone(timezone: string | undefined): string {
  if (!timezone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return timezone;
  } catch {
    return 'UTC';
  }
}

/** The key-data figures of a corp, as one employee sees them ("mine" and the to-dos are theirs). */
async function figures(
  db: Queryable,
  corpId: string,
  employeeId: string,
  timezone: string | undefined,
): Promise<Omit<WorkbenchStats, 'openTodos'>> {
  const conversations = await db.query<{
    open: number;
    waiting: number;
    unassigned: number;
    mine: number;
    first_response: number | string | null;
  }>(
    `SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
       count(*) FILTER (WHERE status <> 'closed' AND awaiting_reply)::int AS waiting,
       count(*) FILTER (WHERE status <> 'closed' AND assigned_employee_id IS NULL)::int AS unassigned,
       count(*) FILTER (WHERE status <> 'closed' AND assigned_employee_id = $2)::int AS mine,
       avg(extract(epoch FROM first_response_at - first_customer_message_at))
         FILTER (WHERE first_response_at IS NOT NULL AND first_customer_message_at > now() - interval '7 days') AS first_response
     FROM conversations WHERE corp_id = $1`,
    [corpId, employeeId],
  );
  const orders = await db.query<{ currency: string; count: number; amount: string | number }>(
    `SELECT currency, count(*)::int AS count, sum(amount_minor) AS amount FROM orders
     WHERE corp_id = $1 AND status = 'succeeded' AND updated_at >= date_trunc('day', now(), $2)
     GROUP BY currency ORDER BY currency`,
    [corpId, knownZone(timezone)],
  );
  const row = conversations.rows[0]!;
  return {
    openConversations: row.open,
    waitingCustomers: row.waiting,
    unassigned: row.unassigned,
    mine: row.mine,
    todayOrders: {
      count: orders.rows.reduce((sum, order) => sum + order.count, 0),
      amounts: orders.rows.map((order) => ({ currency: order.currency.trim(), amountMinor: Number(order.amount) })),
    },
    averageFirstResponseSeconds: row.first_response === null ? null : Math.round(Number(row.first_response)),
  };
}

/** The workbench's figures, read across the conversation and order tables. */
export function createStatsStore(db: Queryable) {
  return {
    figures: (corpId: string, employeeId: string, timezone: string | undefined) =>
      figures(db, corpId, employeeId, timezone),
  };
}
export type StatsStore = ReturnType<typeof createStatsStore>;
