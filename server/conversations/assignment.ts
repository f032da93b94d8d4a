import { randomUUID } from 'node:crypto';
import { InteropError, type Message, type SystemBody, type Transfer } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';
import { insertMessage } from './messages.js';

export interface Reassignment {
  conversationId: string;
  to: { id: string; name: string };
  /** null: the company's own systems or its operator. */
  by: { id: string; name: string } | null;
  reason: Transfer['reason'];
  note: string | null;
  /** Set when the conversation moves because its employee left the company: who left, and the company's name. */
  departure?: { id: string; name: string; corpName: string };
  /** The customer transfer that moved it, named in the notice (the chat window closes that transfer's question). */
  transferId?: string;
}

export interface TransferRow {
  conversation_id: string;
  from_employee_id: string | null;
  to_employee_id: string;
  by_employee_id: string | null;
  reason: Transfer['reason'];
  note: string | null;
  created_at: Date;
  from_name: string | null;
  to_name: string;
  by_name: string | null;
}

/**
 * Hands a conversation to `to` inside the caller's transaction: records who moved it and why (the note stays with
 * staff) and tells the customer in the thread who serves them now. Returns null when `to` already has it.
 */
export async function reassign(tx: Queryable, change: Reassignment): Promise<{ message: Message } | null> {
  const { rows } = await tx.query<{ assigned_employee_id: string | null; corp_id: string }>(
    'SELECT assigned_employee_id, corp_id FROM conversations WHERE id = $1 FOR UPDATE',
    [change.conversationId],
  );
  const current = rows[0];
  if (!current) throw new InteropError('not_found', 'No such conversation');
  if (current.assigned_employee_id === change.to.id) return null;
  await tx.query('UPDATE conversations SET assigned_employee_id = $2, updated_at = now() WHERE id = $1', [
    change.conversationId,
    change.to.id,
  ]);
  await tx.query(
    `INSERT INTO conversation_transfers (id, corp_id, conversation_id, from_employee_id, to_employee_id, by_employee_id, reason, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      randomUUID(),
      current.corp_id,
      change.conversationId,
      current.assigned_employee_id,
      change.to.id,
      change.by?.id ?? null,
      change.reason,
      change.note,
    ],
  );
  const { message } = await insertMessage(tx, change.conversationId, { kind: 'system', id: null }, null, {
    kind: 'system',
    body: handOverNotice(change, current.assigned_employee_id !== null),
  });
  return { message };
}

/** What the customer reads when their conversation (or, without one, their relationship) changes hands. */
export function handOverNotice(
  change: Pick<Reassignment, 'to' | 'departure' | 'transferId'>,
  hadSomeone: boolean,
): SystemBody {
  const transfer = change.transferId ? { transferId: change.transferId } : {};
  return change.departure
    ? {
        event: 'departed',
        text: `${change.departure.name} no longer works at ${change.departure.corpName} — ${change.to.name} is now looking after you.`,
        employeeId: change.to.id,
        employeeName: change.to.name,
        formerEmployeeId: change.departure.id,
        formerEmployeeName: change.departure.name,
        corpName: change.departure.corpName,
        ...transfer,
      }
    : {
        event: hadSomeone ? 'transferred' : 'assigned',
        text: `${change.to.name} is now looking after you`,
        employeeId: change.to.id,
        employeeName: change.to.name,
        ...transfer,
      };
}

/**
 * A departing employee's open conversations, inside the caller's transaction: each goes to `successor` (the customer
 * told who looks after them now), or without one back to the team, unassigned. Returns what changed, oldest first,
 * with the notice written into each thread (none when it went back to the team).
 */
export async function handOverOpenConversations(
  tx: Queryable,
  change: {
    corpId: string;
    leaving: { id: string; name: string; corpName: string };
    successor: { id: string; name: string } | null;
    by: Reassignment['by'];
    /** Customers whose conversations go to the team for now (each is asked whether the successor may take over). */
    teamsFor?: string[];
  },
): Promise<Array<{ conversationId: string; message: Message | null }>> {
  const open = await tx.query<{ id: string; customer_id: string }>(
    `SELECT id, customer_id FROM conversations WHERE corp_id = $1 AND assigned_employee_id = $2 AND status <> 'closed' ORDER BY updated_at`,
    [change.corpId, change.leaving.id],
  );
  const teams = new Set(change.teamsFor);
  const moved: Array<{ conversationId: string; message: Message | null }> = [];
  for (const { id, customer_id } of open.rows) {
    if (!change.successor || teams.has(customer_id)) {
      await tx.query('UPDATE conversations SET assigned_employee_id = NULL, updated_at = now() WHERE id = $1', [id]);
      moved.push({ conversationId: id, message: null });
      continue;
    }
    const result = await reassign(tx, {
      conversationId: id,
      to: change.successor,
      by: change.by,
      reason: 'departure',
      note: null,
      departure: change.leaving,
    });
    if (result) moved.push({ conversationId: id, message: result.message });
  }
  return moved;
}
