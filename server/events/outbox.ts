import { randomUUID } from 'node:crypto';
import type { WebhookEvent, WebhookEventType } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';

/**
 * The event outbox: a store records what happened in the transaction of the change itself, so a change and its
 * event commit together or not at all. Consumers (the CRM's webhook dispatcher) read the rows; the stores know
 * nothing of them.
 */

export type EventType = WebhookEventType;
export type EventData<T extends EventType> = Extract<WebhookEvent, { type: T }>['data'];

/** A new event of `type` as JSON, for `recordEventSql` (or `recordEvent`). */
export function eventJson<T extends EventType>(corpId: string, type: T, data: EventData<T>): string {
  return JSON.stringify({ id: randomUUID(), type, createdAt: new Date().toISOString(), corpId, data });
}

/** The statement that records the event given as the JSON parameter `param` (inside a larger statement's CTE, say). */
export const recordEventSql = (param: string) => `
  INSERT INTO events (id, corp_id, type, payload)
  SELECT (e.payload->>'id')::uuid, e.payload->>'corpId', e.payload->>'type', e.payload
  FROM (SELECT ${param}::jsonb AS payload) e`;

/** Records an event in the caller's transaction. */
export async function recordEvent<T extends EventType>(
  tx: Queryable,
  corpId: string,
  type: T,
  data: EventData<T>,
): Promise<void> {
  await tx.query(recordEventSql('$1'), [eventJson(corpId, type, data)]);
}
