import { InteropError, TRANSFER_STATUS } from '@interop-kit/elements/protocol';
import { handOverOpenConversations } from '../conversations/assignment.js';
import type { ConversationStore } from '../conversations/store.js';
import { createCorpStore, type Corp, type CorpStore, type Employee } from '../corps/store.js';
import type { Notifier } from '../core/notifier.js';
import type { Database, Queryable } from '../db/database.js';
import { createTodoStore } from '../workbench/todos.js';
import { createTransferStore } from './transfer-store.js';
import type { CustomerTransfers } from './transfers.js';

type Person = { id: string; name: string };

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
 * every customer relationship: in one transaction each of their customers is asked whether the successor may take
 * over (a departure transfer: it takes effect when they accept or the window passes; their open conversations wait
 * with the team meanwhile), and their other open conversations and unfinished to-dos go to the successor — or
 * everything back to the team when there is none. Their access
 * ends at once: every open socket is cut, and their tokens are refused from now on (the handshake and every HTTP
 * request read the employee's status). A repeat of the same departure changes nothing.
 */
export function createDepartures(deps: {
  db: Database;
  corps: CorpStore;
  conversations: ConversationStore;
  transfers: CustomerTransfers;
  notifier: Notifier;
}) {
  const { db, corps, conversations, transfers, notifier } = deps;

  /** A departure transfer for each customer the leaver owned; one that cannot be transferred is left out. */
  async function transferCustomers(tx: Queryable, corp: Corp, from: Person, to: Person, by: Person | null) {
    const customers = await createTransferStore(tx).customersOf(corp.id, from.id);
    const started = [];
    for (const id of customers) {
      const request = { corpId: corp.id, corpName: corp.name, customerId: id, from, to, by };
      const told = await transfers.start(tx, { ...request, kind: 'departure' }).catch((error: unknown) => {
        if (error instanceof InteropError && error.code === 'conflict') return undefined; // to the team
        throw error;
      });
      if (told) started.push(told);
    }
    return started;
  }

  return async function depart(departure: Departure): Promise<DepartureResult> {
    const { corp } = departure;
    if (departure.employeeId === departure.successorId)
      throw new InteropError('invalid_payload', 'The successor must be someone else');
    const leaving = await corps.getEmployee(corp.id, departure.employeeId);
    if (!leaving) throw new InteropError('not_found', `No employee ${departure.employeeId}`);
    if (leaving.status === 'departed') {
      // A retried request changes nothing and says so; a different successor is a conflict.
      if (departure.successorId !== null && leaving.successorId !== departure.successorId) {
        throw new InteropError('conflict', `${leaving.name} has already left`);
      }
      return { employee: leaving, movedCustomers: 0, movedConversations: 0 };
    }
    const successor =
      departure.successorId === null ? null : await activeColleague(corps, corp.id, departure.successorId);
    const to = successor && { id: successor.id, name: successor.name };
    // One unit of work over the stores that hold each part: all of it happens, or none.
    const moved = await db.transaction(async (tx) => {
      const people = createCorpStore(tx);
      await people.markDeparted(corp.id, leaving.id, to?.id ?? null);
      // Each customer is asked whether the successor may take over (a departure transfer); their conversations wait
      // with the team meanwhile. One the company may not transfer again, or a successor at capacity: the team's.
      const started = to
        ? await transferCustomers(tx, corp, { id: leaving.id, name: leaving.name }, to, departure.by)
        : [];
      const waiting = started.filter((told) => told.transfer.status === TRANSFER_STATUS.waiting);
      const toTeam = await people.handOverCustomers(corp.id, leaving.id, null, {
        except: waiting.map((told) => told.transfer.customerId),
      });
      const notices = await handOverOpenConversations(tx, {
        corpId: corp.id,
        leaving: { id: leaving.id, name: leaving.name, corpName: corp.name },
        successor: to,
        by: departure.by,
        teamsFor: waiting.map((told) => told.transfer.customerId),
      });
      // Unfinished to-dos are the company's work too; those about a customer who is asked follow them when the
      // transfer takes effect; with nobody to take them they stay, closed to the leaver.
      if (to)
        await createTodoStore(tx).handOver(corp.id, leaving.id, to.id, {
          exceptCustomers: waiting.map((told) => told.transfer.customerId),
        });
      return { customers: waiting.length + toTeam, notices, started };
    });
    for (const told of moved.started) await transfers.publish(told);
    notifier.publish({ type: 'sessions.ended', corpId: corp.id, employeeId: leaving.id });
    for (const { conversationId, message } of moved.notices) {
      const conversation = await conversations.get(conversationId);
      if (conversation && message) notifier.publish({ type: 'message.stored', conversation, message, announce: true });
      else if (conversation) notifier.publish({ type: 'conversation.changed', conversation });
    }
    const employee = (await corps.getEmployee(corp.id, leaving.id))!;
    return { employee, movedCustomers: moved.customers, movedConversations: moved.notices.length };
  };
}
export type Depart = ReturnType<typeof createDepartures>;
