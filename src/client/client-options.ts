import type { Conversation, CustomerTransfer, Message, Order, ServerEventPayload, Todo } from '../protocol/index.js';
import type { InteropError } from './interop-error.js';
import type { OutboxEntry } from './outbox.js';
import type { KeyValueStorage } from './storage.js';

/** Where a client's connection stands. */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline' | 'error' | 'closed';

export interface InteropClientOptions {
  /** The interop backend's URL (origin plus an optional path prefix). */
  endpoint: string;
  /** The company (tenant) id. */
  corp: string;
  /** A session token; when it is refused or runs out, `tokenProvider` is asked for a new one. */
  token?: string | undefined;
  /** Returns a fresh session token. Called on first connect without `token` and whenever the server refuses one. */
  tokenProvider?: (() => Promise<string>) | undefined;
  /** How long a request waits for the connection and then for its ack. Default 10 s. */
  requestTimeoutMs?: number | undefined;
  /** Where the outbox lives. Default: localStorage, or memory where the page may not use it. */
  storage?: KeyValueStorage | undefined;
}

export interface InteropClientEvents {
  status: ConnectionStatus;
  /** Every message the server confirmed: pushed live, returned by a send, or fetched by a sync. */
  message: Message;
  conversation: Conversation;
  /** The outbox changed (a message queued, acknowledged, failed, retried or discarded). */
  outbox: readonly OutboxEntry[];
  /** Someone on the other side (or a colleague) started or stopped typing. */
  typing: ServerEventPayload<'typing'>;
  /** An employee came online, went away or went offline. */
  presence: ServerEventPayload<'presence'>;
  /** An order of this customer (or, for employees, of the corp) changed state. */
  order: Order;
  /** Employees: one of their to-dos was made or changed (here or in another tab). */
  todo: Todo;
  /** Employees: a customer's transfer started, was answered, took effect or was refused. */
  transfer: CustomerTransfer;
  /** Something went wrong that no request was waiting for (a refused connection, a malformed push). */
  error: InteropError;
}

/** Splits an endpoint into what socket.io wants: the origin, and the path its transport lives under. */
export function socketTarget(endpoint: string): { origin: string; path: string; base: string } {
  const url = new URL(endpoint, globalThis.location?.href);
  const base = url.pathname.replace(/\/+$/, '');
  return { origin: url.origin, path: `${base}/socket.io/`, base: `${url.origin}${base}` };
}
