import {
  InteropError,
  messagePlainText,
  MAX_TODO_LENGTH,
  type Message,
  type TeamMember,
} from '@interop-kit/elements/protocol';
import { conversationView, type ConversationStore } from '../conversations/store.js';
import type { CorpStore, Employee } from '../corps/store.js';
import type { Notifier } from '../core/notifier.js';
import type { Operations } from '../core/operations.js';
import { orderView, type OrderStore } from '../payments/orders.js';
import type { Presence } from '../presence/presence.js';
import { viewerOf, type Ownership } from '../auth/ownership.js';
import type { AuthSession } from '../auth/session.js';
import type { QuickReplyStore } from './quick-replies.js';
import type { StatsStore } from './stats.js';
import { activeColleague, type Depart } from '../team/departures.js';
import type { CustomerTransfers } from '../team/transfers.js';
import type { TodoOwner, TodoStore } from './todos.js';

const owner = (session: AuthSession): TodoOwner => ({ corpId: session.corp.id, employeeId: session.id });

export interface WorkbenchDeps {
  corps: CorpStore;
  conversations: ConversationStore;
  orders: OrderStore;
  presence: Presence;
  todos: TodoStore;
  quickReplies: QuickReplyStore;
  stats: StatsStore;
  depart: Depart;
  transfers: CustomerTransfers;
  ownership: Ownership;
  notifier: Notifier;
}

type WorkbenchEvents =
  | 'team:list'
  | 'conversation:assign'
  | 'customer:get'
  | 'customer:update'
  | 'employee:depart'
  | 'quickreply:list'
  | 'quickreply:save'
  | 'quickreply:delete'
  | 'todo:list'
  | 'todo:create'
  | 'todo:update'
  | 'workbench:stats';

/** The portal's own events: the team, hand-overs and departures, the customer record, quick replies, to-dos, figures. */
export function workbenchOperations(deps: WorkbenchDeps): Pick<Operations, WorkbenchEvents> {
  const { corps, conversations, orders, presence, todos, quickReplies, stats, depart, transfers, ownership, notifier } =
    deps;

  /** Team members as the workbench shows them: a departed employee is offline whatever sockets remain. */
  async function teamMembers(corpId: string, employees: Employee[]): Promise<TeamMember[]> {
    const [statuses, counts] = await Promise.all([
      presence.statuses(
        corpId,
        employees.map(({ id }) => id),
      ),
      transfers.teamCounts(corpId),
    ]);
    return employees.map((employee, index) => ({
      id: employee.id,
      name: employee.name,
      title: employee.title,
      role: employee.role,
      status: employee.status,
      presence: employee.status === 'active' ? statuses[index]! : 'offline',
      successorId: employee.successorId,
      customers: counts.get(employee.id)?.customers ?? 0,
      waitingTransfers: counts.get(employee.id)?.waitingTransfers ?? 0,
    }));
  }

  /** Sends out what a hand-over wrote: the notice in the thread and the conversation's new state, to both sides. */
  async function publishReassigned(conversationId: string, message: Message) {
    const record = await conversations.get(conversationId);
    if (record) notifier.publish({ type: 'message.stored', conversation: record, message, announce: true });
    return record;
  }

  const publishTodo = (session: AuthSession, todo: Awaited<ReturnType<TodoStore['create']>>) =>
    notifier.publish({ type: 'todo.changed', corpId: session.corp.id, employeeId: session.id, todo });

  return {
    async 'team:list'(_payload, session) {
      return { employees: await teamMembers(session.corp.id, await corps.listEmployees(session.corp.id)) };
    },

    async 'conversation:assign'(payload, session) {
      const conversation = await ownership.conversation(viewerOf(session), payload.conversationId);
      const to = await activeColleague(corps, session.corp.id, payload.employeeId);
      const changed = await conversations.assign({
        conversationId: conversation.id,
        to: { id: to.id, name: to.name },
        by: { id: session.id, name: session.name },
        reason: conversation.assigneeId ? 'transfer' : 'assign',
        note: payload.note || null,
      });
      // Unchanged (it already was theirs): the conversation as it was read above.
      const current = changed ? await publishReassigned(conversation.id, changed.message) : conversation;
      return conversationView(current ?? conversation, 'employee');
    },

    async 'customer:get'(payload, session) {
      const customer = await ownership.customer(viewerOf(session), payload.customerId);
      const [threads, customerOrders, handOvers] = await Promise.all([
        conversations.list({ corpId: session.corp.id, customerId: customer.id, limit: 50 }),
        orders.list({ corpId: session.corp.id, customerId: customer.id, limit: 50 }),
        conversations.transfers(customer.id),
      ]);
      return {
        customer: await corps.profileOf(customer),
        conversations: threads.records.map((record) => conversationView(record, 'employee')),
        orders: customerOrders.map(orderView),
        transfers: handOvers,
        customerTransfers: await transfers.list(session.corp.id, { customerId: customer.id }, 20),
      };
    },

    async 'customer:update'(payload, session) {
      await ownership.customer(viewerOf(session), payload.customerId);
      const { customerId, ownerId, ...change } = payload;
      // A new owner is asked of the customer (an on-job transfer) before the relationship moves.
      if (ownerId !== undefined) {
        const to = await activeColleague(corps, session.corp.id, ownerId);
        await transfers.handOver(session.corp, customerId, to, { id: session.id, name: session.name });
      }
      const updated = (await corps.updateCustomer(session.corp.id, customerId, change))!;
      // The customer's name shows in every inbox listing their conversations.
      if (payload.name !== undefined) {
        const { records } = await conversations.list({ corpId: session.corp.id, customerId, limit: 50 });
        for (const conversation of records) notifier.publish({ type: 'conversation.changed', conversation });
      }
      return corps.profileOf(updated);
    },

    async 'employee:depart'(payload, session) {
      const result = await depart({
        corp: session.corp,
        employeeId: payload.employeeId,
        successorId: payload.successorId,
        by: { id: session.id, name: session.name },
      });
      const [employee] = await teamMembers(session.corp.id, [result.employee]);
      return {
        employee: employee!,
        movedCustomers: result.movedCustomers,
        movedConversations: result.movedConversations,
      };
    },

    async 'quickreply:list'(_payload, session) {
      return { replies: await quickReplies.list(session.corp.id) };
    },

    async 'quickreply:save'(payload, session) {
      return quickReplies.save(session.corp.id, payload);
    },

    async 'quickreply:delete'(payload, session) {
      await quickReplies.remove(session.corp.id, payload.id);
      return {};
    },

    async 'todo:list'(payload, session) {
      return { todos: await todos.list(owner(session), payload.done ?? false, payload.limit ?? 100) };
    },

    async 'todo:create'(payload, session) {
      let conversationId = payload.conversationId ?? null;
      let text = payload.text;
      if (payload.messageId) {
        const { message } = await ownership.message(viewerOf(session), payload.messageId);
        if (conversationId && conversationId !== message.conversationId)
          throw new InteropError('not_found', 'No such message');
        conversationId = message.conversationId;
        text ??= messagePlainText(message).slice(0, MAX_TODO_LENGTH);
      } else if (conversationId) {
        await ownership.conversation(viewerOf(session), conversationId);
      }
      if (!text) throw new InteropError('invalid_payload', 'A to-do needs a text or a message');
      const todo = await todos.create({
        corpId: session.corp.id,
        employeeId: session.id,
        text,
        dueAt: payload.dueAt ?? null,
        conversationId,
        messageId: payload.messageId ?? null,
      });
      publishTodo(session, todo);
      return todo;
    },

    async 'todo:update'(payload, session) {
      const { id, ...change } = payload;
      const todo = await todos.update(owner(session), id, change);
      if (!todo) throw new InteropError('not_found', 'No such to-do');
      publishTodo(session, todo);
      return todo;
    },

    async 'workbench:stats'(_payload, session) {
      const corp = (await corps.getCorp(session.corp.id)) ?? session.corp;
      const [figures, openTodos] = await Promise.all([
        stats.figures(corp.id, session.id, corp.businessHours?.timezone),
        todos.countOpen(owner(session)),
      ]);
      return { ...figures, openTodos };
    },
  };
}
