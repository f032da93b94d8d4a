import type { Server } from 'socket.io';
import { InteropError, type Message } from '@interop-kit/elements/protocol';
import { reassign } from '../conversations/assignment.js';
import { announceConversation, pushMessage } from '../conversations/handlers.js';
import type { ConversationStore } from '../conversations/store.js';
import type { Corp, CorpStore, Employee } from '../corps/store.js';
import type { Database } from '../db/database.js';
import { rooms } from '../socket/rooms.js';

export interface Departure {
  corp: Corp;
  employeeId: string;
  /** Who takes over their customers, open conversations and to-dos; null: the team (they become unassigned). */
  successorId: string | null;
  /** The admin who recorded it; null: the company's own systems (the management API) or its operator (the CLI). */
  by: { id: string; name: string } | null;
}

export interface DepartureResult {
  employee: Employee;
  movedCustomers: number;
  movedConversations: number;
}

/** An active employee of the corp: whom work can be handed to. */
export async function activeColleague(corps: CorpStore, corpId: string, employeeId: string): Promise<Employee> {
  const employee = await corps.getEmployee(corpId, employeeId);
  if (!employee) throw new InteropError('not_found', `No employee ${employeeId}`);
  if (employee.status !== 'active') throw new InteropError('conflict', `${employee.name} has left the company`);
  return employee;
}

/**
 * An employee leaves (a departure in the workbench, a deactivation by directory sync or the CLI). The company keeps
 * every customer relationship: in one transaction their customers, open conversations and unfinished to-dos go to
 * the successor (each customer told who looks after them now), or back to the team when there is none. Their access
 * ends at once: every open socket is cut, and their tokens are refused from now on (the handshake and every HTTP
 * request read the employee's status). A repeat of the same departure changes nothing.
 */
export function createDepartures(io: Server, deps: { db: Database; corps: CorpStore; conversations: ConversationStore }) {
  const { db, corps, conversations } = deps;

  return async function depart(departure: Departure): Promise<DepartureResult> {
    const { corp } = departure;
    if (departure.employeeId === departure.successorId) throw new InteropError('invalid_payload', 'The successor must be someone else');
    const leaving = await corps.getEmployee(corp.id, departure.employeeId);
    if (!leaving) throw new InteropError('not_found', `No employee ${departure.employeeId}`);
    if (leaving.status === 'departed') {
      // A retried request changes nothing and says so; a different successor is a conflict.
      if (departure.successorId !== null && leaving.successorId !== departure.successorId) {
        throw new InteropError('conflict', `${leaving.name} has already left`);
      }
      return { employee: leaving, movedCustomers: 0, movedConversations: 0 };
    }
    const successor = departure.successorId === null ? null : await activeColleague(corps, corp.id, departure.successorId);
    const moved = await db.transaction(async (tx) => {
      const params = [corp.id, leaving.id, successor?.id ?? null];
      await tx.query(
        `UPDATE employees SET status = 'departed', successor_id = $3, departed_at = now(), updated_at = now() WHERE corp_id = $1 AND id = $2`,
        params,
      );
      const customers = await tx.query(
        'UPDATE customers SET assigned_employee_id = $3 WHERE corp_id = $1 AND assigned_employee_id = $2 RETURNING id',
        params,
      );
      const open = await tx.query<{ id: string }>(
        `SELECT id FROM conversations WHERE corp_id = $1 AND assigned_employee_id = $2 AND status <> 'closed' ORDER BY updated_at`,
        [corp.id, leaving.id],
      );
      const notices: Array<{ conversationId: string; message: Message | null }> = [];
      for (const { id } of open.rows) {
        if (!successor) {
          // Back to the team: the conversation waits in "unassigned" for whoever picks it up.
          await tx.query('UPDATE conversations SET assigned_employee_id = NULL, updated_at = now() WHERE id = $1', [id]);
          notices.push({ conversationId: id, message: null });
          continue;
        }
        const result = await reassign(tx, {
          conversationId: id,
          to: { id: successor.id, name: successor.name },
          by: departure.by,
          reason: 'departure',
          note: null,
          departure: { id: leaving.id, name: leaving.name, corpName: corp.name },
        });
        if (result) notices.push({ conversationId: id, message: result.message });
      }
      // Unfinished to-dos are the company's work too; with nobody to take them they stay, closed to the leaver.
      if (successor) {
        await tx.query('UPDATE todos SET employee_id = $3 WHERE corp_id = $1 AND employee_id = $2 AND done_at IS NULL', params);
      }
      return { customers: customers.rows.length, notices };
    });
    io.in(rooms.employee(corp.id, leaving.id)).disconnectSockets(true);
    for (const { conversationId, message } of moved.notices) {
      const record = await conversations.get(conversationId);
      if (record && message) pushMessage(io, record, message);
      else if (record) announceConversation(io, record);
    }
    const employee = (await corps.getEmployee(corp.id, leaving.id))!;
    return { employee, movedCustomers: moved.customers, movedConversations: moved.notices.length };
  };
}
export type Depart = ReturnType<typeof createDepartures>;
