import type { Server } from 'socket.io';
import { InteropError } from '../../src/protocol/index.js';
import { emitTo, type Handlers } from '../socket/gateway.js';
import { rooms, sideOf, type SocketSession } from '../socket/session.js';
import { conversationView, type ConversationRecord, type ConversationStore } from './store.js';

const DEFAULT_PAGE = 50;

/** Loads a conversation the session may see: its own (visitor) or its corp's (employee). */
async function authorized(store: ConversationStore, session: SocketSession, id: string): Promise<ConversationRecord> {
  const conversation = await store.get(id);
  if (!conversation) throw new InteropError('not_found', 'Conversation not found');
  const allowed =
    conversation.corpId === session.corp.id && (session.kind === 'employee' || conversation.customerId === session.id);
  if (!allowed) throw new InteropError('forbidden', 'This conversation is not yours');
  return conversation;
}

/** Tells both sides about a conversation's new state, each in its own view. */
export function announceConversation(io: Server, conversation: ConversationRecord) {
  emitTo(io, rooms.customer(conversation.customerId), 'conversation:updated', {
    conversation: conversationView(conversation, 'customer'),
  });
  emitTo(io, rooms.staff(conversation.corpId), 'conversation:updated', {
    conversation: conversationView(conversation, 'employee'),
  });
}

export function conversationHandlers(io: Server, store: ConversationStore): Omit<Handlers, 'session:get'> {
  return {
    async 'conversation:open'(payload, session) {
      if (session.kind === 'employee') {
        if (!payload.conversationId) throw new InteropError('invalid_payload', 'Employees open a conversation by id');
        return conversationView(await authorized(store, session, payload.conversationId), 'employee');
      }
      if (payload.conversationId) {
        return conversationView(await authorized(store, session, payload.conversationId), 'customer');
      }
      const existing = payload.createNew ? undefined : await store.latestOpenForCustomer(session.id);
      if (existing) return conversationView(existing, 'customer');
      const created = await store.create(session.corp.id, session.id, payload.subject ?? null);
      announceConversation(io, created);
      return conversationView(created, 'customer');
    },

    async 'conversation:list'(payload, session) {
      const records = await store.list({
        corpId: session.corp.id,
        ...(session.kind === 'visitor' ? { customerId: session.id } : {}),
        ...(payload.status ? { status: payload.status } : {}),
        limit: payload.limit ?? 50,
      });
      return { conversations: records.map((record) => conversationView(record, sideOf(session))) };
    },

    async 'message:send'(payload, session) {
      await authorized(store, session, payload.conversationId);
      const sender = { kind: sideOf(session), id: session.id, name: session.name };
      const result = await store.append(payload.conversationId, sender, payload.clientId, payload.content);
      if (!result.duplicate) {
        const { conversation, message } = result;
        emitTo(io, [rooms.customer(conversation.customerId), rooms.staff(conversation.corpId)], 'message:new', { message });
        announceConversation(io, conversation);
      }
      return { message: result.message, duplicate: result.duplicate };
    },

    async 'message:read'(payload, session) {
      await authorized(store, session, payload.conversationId);
      const conversation = await store.markRead(payload.conversationId, sideOf(session), payload.upToSeq);
      announceConversation(io, conversation);
      return conversationView(conversation, sideOf(session));
    },

    async 'history:page'(payload, session) {
      await authorized(store, session, payload.conversationId);
      return store.historyPage(payload.conversationId, payload.beforeSeq, payload.limit ?? DEFAULT_PAGE);
    },

    async sync(payload, session) {
      await authorized(store, session, payload.conversationId);
      return store.messagesAfter(payload.conversationId, payload.afterSeq, payload.limit ?? DEFAULT_PAGE);
    },
  };
}
