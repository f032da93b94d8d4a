import { randomBytes, randomUUID } from 'node:crypto';
import { InteropError, type WebhookOverview, type WebhookSubscription } from '@interop-kit/elements/protocol';
import type { Outbound } from '../http/outbound.js';

interface DeliveryRow {
  event_id: string;
  event_type: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  failed_at: Date | null;
}
import { signBody } from '../auth/signature.js';
import type { Database, Queryable } from '../db/database.js';

export const WEBHOOK_SIGNATURE_HEADER = 'interop-signature';

interface SubscriptionRow {
  id: string;
  url: string;
  events: WebhookSubscription['events'];
  created_at: Date;
}
const toSubscription = (row: SubscriptionRow): WebhookSubscription => ({
  id: row.id,
  url: row.url,
  events: row.events,
  createdAt: row.created_at.toISOString(),
});

export function createWebhookStore(db: Queryable) {
  return {
    /** Work waiting, shared by every node: events not yet published, deliveries due. */
    async queueDepths(): Promise<{ events: number; deliveries: number }> {
      const { rows } = await db.query<{ events: number; deliveries: number }>(
        `SELECT (SELECT count(*) FROM events)::int AS events,
                (SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now())::int AS deliveries`,
      );
      return rows[0]!;
    },

    async create(
      corpId: string,
      url: string,
      events: WebhookSubscription['events'],
    ): Promise<WebhookSubscription & { secret: string }> {
      const secret = `whsec_${randomBytes(32).toString('base64url')}`;
      const { rows } = await db.query<SubscriptionRow>(
        'INSERT INTO webhook_subscriptions (id, corp_id, url, events, secret) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [randomUUID(), corpId, url, [...new Set(events)], secret],
      );
      return { ...toSubscription(rows[0]!), secret };
    },
    async list(corpId: string): Promise<WebhookSubscription[]> {
      const { rows } = await db.query<SubscriptionRow>(
        'SELECT * FROM webhook_subscriptions WHERE corp_id = $1 AND deleted_at IS NULL ORDER BY created_at',
        [corpId],
      );
      return rows.map(toSubscription);
    },
    /** Each live subscription with its `recent` latest deliveries and how many were given up on (the admin console). */
    async overview(corpId: string, recent = 10): Promise<WebhookOverview[]> {
      const subscriptions = await this.list(corpId);
      return Promise.all(
        subscriptions.map(async (subscription) => {
          const { rows } = await db.query<DeliveryRow>(
            `SELECT event_id, event_type, attempts, last_status, last_error, created_at, delivered_at, failed_at
             FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at DESC LIMIT $2`,
            [subscription.id, recent],
          );
          const failed = await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = $1 AND failed_at IS NOT NULL',
            [subscription.id],
          );
          return {
            ...subscription,
            failures: failed.rows[0]!.n,
            deliveries: rows.map((row) => ({
              eventId: row.event_id,
              eventType: row.event_type,
              attempts: row.attempts,
              lastStatus: row.last_status,
              lastError: row.last_error,
              createdAt: row.created_at.toISOString(),
              deliveredAt: row.delivered_at?.toISOString() ?? null,
              failedAt: row.failed_at?.toISOString() ?? null,
            })),
          };
        }),
      );
    },
    async remove(corpId: string, id: string): Promise<void> {
      const { rows } = await db.query(
        'UPDATE webhook_subscriptions SET deleted_at = now() WHERE corp_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING id',
        [corpId, id],
      );
      if (!rows.length) throw new InteropError('not_found', 'No such webhook subscription');
    },
  };
}
export type WebhookStore = ReturnType<typeof createWebhookStore>;

export interface DispatcherOptions {
  db: Database;
  /** How often due deliveries are looked for. */
  pollMs: number;
  /** The wait before the first retry; each later one waits twice as long (at most an hour). */
  retryBaseMs: number;
  /** Attempts before a delivery is given up. */
  maxAttempts: number;
  /** How long a receiver has to answer. */
  timeoutMs: number;
  /** Outbound fetch: refuses inward addresses at every connection, follows no redirect. */
  fetch: Outbound['fetch'];
  /** Each failed attempt, and whether the delivery was then given up (metrics). */
  onFailure?: (final: boolean) => void;
  log: (message: string, error?: unknown) => void;
}

interface DueRow {
  id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  url: string | null;
  secret: string | null;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;
const BATCH = 20;
const PUBLISH_BATCH = 500;

/**
 * Delivers queued webhook events: signed POSTs, retried with exponential backoff until a 2xx or `maxAttempts`.
 * Rows are claimed with a lease (`FOR UPDATE SKIP LOCKED`), so several nodes share the work without sending one
 * delivery twice at once; a node that dies mid-delivery leaves the lease to expire and the row is tried again.
 */
export function startWebhookDispatcher(options: DispatcherOptions) {
  const { db, log } = options;
  let stopped = false;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  // Long enough to send and record one delivery; after it a dead node's claim goes back to the queue.
  const leaseSeconds = Math.ceil(options.timeoutMs / 1000) + 10;

  async function deliver(row: DueRow): Promise<void> {
    const body = JSON.stringify(row.payload);
    let failure: { status: number | null; error: string } | undefined;
    // Subscriptions are only ever marked deleted, so the row still names one; its deliveries stop there.
    if (!row.url || !row.secret) failure = { status: null, error: 'subscription deleted' };
    else {
      try {
        const response = await options.fetch(row.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'InteropKit-Webhooks/1',
            'interop-event-id': row.event_id,
            'interop-event-type': row.event_type,
            'interop-delivery-id': row.id,
            [WEBHOOK_SIGNATURE_HEADER]: signBody(row.secret, body),
          },
          body,
          // No redirect is followed (outbound fetch): the receiver is the URL the company registered, nothing it points to.
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        await response.body?.cancel();
        if (response.status < 200 || response.status >= 300)
          failure = { status: response.status, error: `HTTP ${response.status}` };
      } catch (error) {
        failure = { status: null, error: error instanceof Error ? error.message : String(error) };
      }
    }
    if (!failure) {
      await db.query(
        'UPDATE webhook_deliveries SET delivered_at = now(), last_status = 200, last_error = NULL WHERE id = $1',
        [row.id],
      );
      return;
    }
    const giveUp = row.attempts >= options.maxAttempts || !row.url;
    const delay = Math.min(MAX_BACKOFF_MS, options.retryBaseMs * 2 ** (row.attempts - 1));
    await db.query(
      `UPDATE webhook_deliveries SET last_status = $2, last_error = $3,
         failed_at = CASE WHEN $4 THEN now() END, next_attempt_at = now() + $5 * interval '1 millisecond'
       WHERE id = $1`,
      [row.id, failure.status, failure.error.slice(0, 500), giveUp, delay],
    );
    options.onFailure?.(giveUp);
    if (giveUp)
      log(`webhook delivery ${row.id} (${row.event_type}) given up after ${row.attempts} attempts: ${failure.error}`);
  }

  /**
   * Turns recorded events into deliveries: one per live subscription of the event's corp and type that existed when
   * it happened. Events are claimed with SKIP LOCKED and deleted in the same statement that writes their deliveries,
   * so each is published once whichever node gets to it, and the outbox holds only what is still to publish.
   */
  async function publish(): Promise<void> {
    while (!stopped) {
      const { rows } = await db.query<{ count: number }>(
        `WITH batch AS (
           SELECT id FROM events ORDER BY created_at LIMIT ${PUBLISH_BATCH} FOR UPDATE SKIP LOCKED),
         published AS (
           DELETE FROM events e USING batch WHERE e.id = batch.id
           RETURNING e.id, e.corp_id, e.type, e.payload, e.created_at),
         queued AS (
           INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, payload)
           SELECT gen_random_uuid(), s.id, p.id, p.type, p.payload
           FROM published p JOIN webhook_subscriptions s
             ON s.corp_id = p.corp_id AND s.deleted_at IS NULL AND p.type = ANY(s.events) AND s.created_at <= p.created_at
           RETURNING 1)
         SELECT count(*)::int AS count FROM published`,
      );
      if (rows[0]!.count < PUBLISH_BATCH) return;
    }
  }

  async function drain(): Promise<void> {
    await publish();
    while (!stopped) {
      const { rows } = await db.query<DueRow>(
        `WITH due AS (
           SELECT id FROM webhook_deliveries
           WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
           ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + interval '${leaseSeconds} seconds'
         FROM due, webhook_subscriptions s
         WHERE d.id = due.id AND s.id = d.subscription_id
         RETURNING d.id, d.event_id, d.event_type, d.payload, d.attempts,
           CASE WHEN s.deleted_at IS NULL THEN s.url END AS url, CASE WHEN s.deleted_at IS NULL THEN s.secret END AS secret`,
      );
      if (rows.length === 0) return;
      await Promise.all(
        rows.map((row) => deliver(row).catch((error: unknown) => log('webhook delivery failed', error))),
      );
    }
  }

  /**
   * Publishes and delivers what is due now (after a change was committed, say) instead of at the next poll. Resolves
   * once a pass that started after this call is done, so everything committed before it has been handled.
   */
  function kick(): Promise<void> {
    if (running) {
      queued ??= running.then(() => {
        queued = undefined;
        return kick();
      });
      return queued;
    }
    running = drain()
      .catch((error: unknown) => log('webhook dispatcher failed', error))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const timer = setInterval(() => void kick(), options.pollMs);
  timer.unref();
  return {
    kick,
    async close() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
export type WebhookDispatcher = ReturnType<typeof startWebhookDispatcher>;
