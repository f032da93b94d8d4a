import type { CustomerTransfer, Message, PresenceStatus, Todo } from '@interop-kit/elements/protocol';
import type { ConversationRecord } from '../conversations/record.js';
import type { ConversationStore } from '../conversations/store.js';
import type { OrderRecord } from '../payments/orders.js';

/**
 * What the domain tells the world once a change has been committed. Services publish these and know nothing of who
 * listens: the socket gateway turns them into pushes; the channels to come (WeChat kf, email) send them on.
 * Live delivery is at most once (a client that missed one resyncs from the store); what a company's systems must not
 * miss goes through the event outbox instead, written in the change's own transaction (events/outbox.ts).
 */
export type DomainEvent =
  /** A message was stored; `announce` is false for all but the last of a batch (the conversation state is the batch's). */
  | { type: 'message.stored'; conversation: ConversationRecord; message: Message; announce: boolean }
  /** A conversation's state changed (assignee, status, receipts, rating, the customer's name). */
  | { type: 'conversation.changed'; conversation: ConversationRecord }
  /** Someone is typing; `origin` is the connection it came by, which does not hear its own typing. */
  | {
      type: 'typing';
      conversation: ConversationRecord;
      sender: { kind: 'customer' | 'employee'; id: string; name: string };
      typing: boolean;
      origin: string;
    }
  | { type: 'presence.changed'; corpId: string; employeeId: string; status: PresenceStatus }
  | { type: 'order.changed'; order: OrderRecord }
  | { type: 'todo.changed'; corpId: string; employeeId: string; todo: Todo }
  /** A customer's transfer started, was answered, took effect or was refused. */
  | { type: 'transfer.changed'; corpId: string; transfer: CustomerTransfer }
  /** An employee's sessions end now (a departure, a sign-out everywhere): every open connection of theirs is cut. */
  | { type: 'sessions.ended'; corpId: string; employeeId: string };

export type Listener = (event: DomainEvent) => void;

export interface Notifier {
  publish(event: DomainEvent): void;
  /** Adds a listener; returns what removes it. */
  subscribe(listener: Listener): () => void;
}

/** One in-process fan-out: a listener that throws is logged and the others still hear the event. */
export function createNotifier(log: (message: string, error?: unknown) => void): Notifier {
  const listeners = new Set<Listener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          log(`a ${event.type} listener failed`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Tells of a message the conversation store appended, unless it was there already (a retry: nothing new). Only the
 * last of a batch in its conversation announces the conversation's state, which is the batch's.
 */
export function publishAppended(notifier: Notifier, appended: Awaited<ReturnType<ConversationStore['append']>>): void {
  if (appended.duplicate) return;
  const { conversation, message, latest } = appended;
  notifier.publish({ type: 'message.stored', conversation, message, announce: latest });
}
