import type { Server } from 'socket.io';
import {
  InteropError,
  messagePlainText,
  MAX_TODO_LENGTH,
  type Message,
  type TeamMember,
} from '@interop-kit/elements/protocol';
import { announceConversation, pushMessage } from '../conversations/handlers.js';
import { conversationView, type ConversationStore } from '../conversations/store.js';
import { type CorpStore, type Customer, type Employee } from '../corps/store.js';
import type { Database } from '../db/database.js';
import { createOrderStore, orderView } from '../payments/orders.js';
import type { Presence } from '../presence/presence.js';
import { emitTo, type Handlers } from '../socket/gateway.js';
import { rooms } from '../socket/rooms.js';
import type { AuthSession } from '../auth/session.js';
import type { QuickReplyStore } from './quick-replies.js';
import { workbenchStats } from './stats.js';
import { activeColleague, type Depart } from '../team/departures.js';
import type { TodoOwner, TodoStore } from './todos.js';

const owner = (session: AuthSession): TodoOwner => ({ corpId: session.corp.id, employeeId: session.id });

export interface WorkbenchDeps {
  db: Database;
  corps: CorpStore;
  conversations: ConversationStore;
  presence: Presence;
  todos: TodoStore;
  quickReplies: QuickReplyStore;
  depart: Depart;
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
export function workbenchHandlers(io: Server, deps: WorkbenchDeps): Pick<Handlers, WorkbenchEvents> {
  const { db, corps, conversations, presence, todos, quickReplies, depart } = deps;
  const orders = createOrderStore(db);

  /** Team members as the workbench shows them: a departed employee is offline whatever sockets remain. */
  async function teamMembers(corpId: string, employees: Employee[]): Promise<TeamMember[]> {
    const statuses = await presence.statuses(corpId, employees.map(({ id }) => id));
    return employees.map((employee, index) => ({
      id: employee.id,
      name: employee.name,
      title: employee.title,
      role: employee.role,
      status: employee.status,
      presence: employee.status === 'active' ? statuses[index]! : 'offline',
      successorId: employee.successorId,
    }));
  }

  async function customerOf(session: AuthSession, customerId: string): Promise<Customer> {
    const customer = await corps.getCustomer(session.corp.id, customerId);
    if (!customer) throw new InteropError('not_found', 'No such customer');
    return customer;
  }

  /** Sends out what a hand-over wrote: the notice in the thread and the conversation's new state, to both sides. */
  async function publishReassigned(conversationId: string, message: Message) {
    const record = await conversations.get(conversationId);
    if (record) pushMessage(io, record, message);
    return record;
  }

  return {
    async 'team:list'(_payload, session) {
      return { employees: await teamMembers(session.corp.id, await corps.listEmployees(session.corp.id)) };
    },

    async 'conversation:assign'(payload, session) {
      const conversation = await conversations.get(payload.conversationId);
      if (!conversation || conversation.corpId !== session.corp.id) throw new InteropError('not_found', 'Conversation not found');
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
      const customer = await customerOf(session, payload.customerId);
      const [threads, customerOrders, transfers] = await Promise.all([
        conversations.list({ corpId: session.corp.id, customerId: customer.id, limit: 50 }),
        orders.list({ corpId: session.corp.id, customerId: customer.id, limit: 50 }),
        conversations.transfers(customer.id),
      ]);
      return {
        customer: await corps.profileOf(customer),
        conversations: threads.records.map((record) => conversationView(record, 'employee')),
        orders: customerOrders.map(orderView),
        transfers,
      };
    },

    async 'customer:update'(payload, session) {
      await customerOf(session, payload.customerId);
      if (payload.ownerId !== undefined) await activeColleague(corps, session.corp.id, payload.ownerId);
      const { customerId, ...change } = payload;
      const updated = (await corps.updateCustomer(session.corp.id, customerId, change))!;
      // The customer's name shows in every inbox listing their conversations.
      if (payload.name !== undefined) {
        const { records } = await conversations.list({ corpId: session.corp.id, customerId, limit: 50 });
        for (const record of records) announceConversation(io, record);
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
      return { employee: employee!, movedCustomers: result.movedCustomers, movedConversations: result.movedConversations };
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
        const { rows } = await db.query<{ conversation_id: string; kind: Message['kind']; body: Message['body'] }>(
          'SELECT conversation_id, kind, body FROM messages WHERE corp_id = $1 AND id = $2',
          [session.corp.id, payload.messageId],
        );
        const message = rows[0];
        if (!message || (conversationId && conversationId !== message.conversation_id)) throw new InteropError('not_found', 'No such message');
        conversationId = message.conversation_id;
        text ??= messagePlainText({ kind: message.kind, body: message.body } as Parameters<typeof messagePlainText>[0]).slice(0, MAX_TODO_LENGTH);
      } else if (conversationId) {
        const conversation = await conversations.get(conversationId);
        if (!conversation || conversation.corpId !== session.corp.id) throw new InteropError('not_found', 'Conversation not found');
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
      emitTo(io, rooms.employee(session.corp.id, session.id), 'todo:updated', { todo });
      return todo;
    },

    async 'todo:update'(payload, session) {
      const { id, ...change } = payload;
      const todo = await todos.update(owner(session), id, change);
      if (!todo) throw new InteropError('not_found', 'No such to-do');
      emitTo(io, rooms.employee(session.corp.id, session.id), 'todo:updated', { todo });
      return todo;
    },

    async 'workbench:stats'(_payload, session) {
      const corp = (await corps.getCorp(session.corp.id)) ?? session.corp;
      const [figures, openTodos] = await Promise.all([
        workbenchStats(db, corp.id, session.id, corp.businessHours?.timezone),
        todos.countOpen(owner(session)),
      ]);
      return { ...figures, openTodos };
    },
  };
}
