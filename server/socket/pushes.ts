import type { Server } from 'socket.io';
import type { ServerEventName, ServerEventPayload } from '@interop-kit/elements/protocol';
import { conversationView } from '../conversations/store.js';
import type { DomainEvent, Notifier } from '../core/notifier.js';
import { orderView } from '../payments/orders.js';
import { rooms } from './rooms.js';

/**
 * Typed emit for server→client events, to rooms on every node (the adapter carries it), less one connection. One emit
 * per room, so the adapter sends each on that room's channel, to the nodes that have members there only; the rooms of
 * one push never share a socket (a customer's and the staff's, say), so nobody gets it twice.
 */
function emit<E extends ServerEventName>(
  io: Server,
  to: string | string[],
  event: E,
  payload: ServerEventPayload<E>,
  except?: string,
) {
  for (const room of typeof to === 'string' ? [to] : to)
    (except ? io.to(room).except(except) : io.to(room)).emit(event, payload);
}

/** What each domain event means to the sockets: which rooms hear it, as which push. */
export function pushDomainEvent(io: Server, event: DomainEvent): void {
  switch (event.type) {
    case 'conversation.changed': {
      // Each side in its own view (unread counts and receipts are per side).
      const { conversation } = event;
      emit(io, rooms.customer(conversation.customerId), 'conversation:updated', {
        conversation: conversationView(conversation, 'customer'),
      });
      emit(io, rooms.staff(conversation.corpId), 'conversation:updated', {
        conversation: conversationView(conversation, 'employee'),
      });
      return;
    }
    case 'message.stored': {
      // The conversation rides along when the message changed it: one push per room and message, not two.
      const { conversation, message, announce } = event;
      emit(io, rooms.customer(conversation.customerId), 'message:new', {
        message,
        ...(announce ? { conversation: conversationView(conversation, 'customer') } : {}),
      });
      emit(io, rooms.staff(conversation.corpId), 'message:new', {
        message,
        ...(announce ? { conversation: conversationView(conversation, 'employee') } : {}),
      });
      return;
    }
    case 'typing': {
      // Everyone on the other side, and the sender's colleagues; not the connection it came by.
      const { conversation, sender } = event;
      const audience =
        sender.kind === 'customer'
          ? [rooms.staff(conversation.corpId)]
          : [rooms.customer(conversation.customerId), rooms.staff(conversation.corpId)];
      emit(io, audience, 'typing', { conversationId: conversation.id, sender, typing: event.typing }, event.origin);
      return;
    }
    case 'presence.changed':
      emit(io, [rooms.staff(event.corpId), rooms.visitors(event.corpId)], 'presence', {
        employeeId: event.employeeId,
        status: event.status,
      });
      return;
    case 'order.changed':
      emit(io, [rooms.customer(event.order.customerId), rooms.staff(event.order.corpId)], 'pay:status', {
        order: orderView(event.order),
      });
      return;
    case 'todo.changed':
      emit(io, rooms.employee(event.corpId, event.employeeId), 'todo:updated', { todo: event.todo });
      return;
    case 'transfer.changed':
      emit(io, rooms.staff(event.corpId), 'transfer:updated', { transfer: event.transfer });
      return;
    case 'sessions.ended':
      io.in(rooms.employee(event.corpId, event.employeeId)).disconnectSockets(true);
      return;
  }
}

/** The gateway's subscription: every domain event becomes its pushes. Returns what ends it. */
export const subscribePushes = (io: Server, notifier: Notifier) =>
  notifier.subscribe((event) => pushDomainEvent(io, event));
