import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Server } from 'socket.io';
import type { Database } from '../db/database.js';
import type { AuthSession } from '../auth/session.js';
import type { RedisBreaker } from '../cluster/breaker.js';

/** What `/metrics` reads when Prometheus scrapes it. */
export interface MetricSources {
  io: Server;
  db: Database;
  /** The node's Redis breaker, when it has Redis. */
  redis?: RedisBreaker | undefined;
  /** Work waiting in the database: events to publish, webhook deliveries due. */
  queueDepths: () => Promise<{ events: number; deliveries: number }>;
}

/**
 * The node's Prometheus metrics (README: Several nodes). A registry per server, not prom-client's global one, so
 * several servers in one process (the tests) each count their own.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ix_' });
  let sources: MetricSources | undefined;

  new Gauge({
    name: 'ix_sockets_connected',
    help: 'Sockets connected to this node, by kind of person',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const counts = { visitor: 0, employee: 0 };
      for (const socket of sources?.io.of('/').sockets.values() ?? [])
        counts[(socket.data.session as AuthSession | undefined)?.kind ?? 'visitor'] += 1;
      for (const [kind, count] of Object.entries(counts)) this.set({ kind }, count);
    },
  });
  const events = new Counter({
    name: 'ix_socket_events_total',
    help: 'Socket events handled by this node, by event name and outcome (ok, or the error code acked)',
    labelNames: ['event', 'outcome'],
    registers: [registry],
  });
  const ackSeconds = new Histogram({
    name: 'ix_ack_seconds',
    help: 'Time from a socket event arriving to its ack being sent, by event name',
    labelNames: ['event'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'ix_db_pool_connections',
    help: 'Database connections of this node: open, idle, and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      if (!sources) return;
      const stats = sources.db.stats();
      this.set({ state: 'open' }, stats.connections);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: 'ix_job_queue_depth',
    help: 'Work waiting in the database (shared by every node): events to publish, webhook deliveries due',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      if (!sources) return;
      const depths = await sources.queueDepths();
      this.set({ queue: 'events' }, depths.events);
      this.set({ queue: 'webhook_deliveries' }, depths.deliveries);
    },
  });
  new Gauge({
    name: 'ix_redis_available',
    help: 'Whether this node uses Redis now (1), or its breaker is open and it works alone, degraded (0)',
    registers: [registry],
    collect() {
      if (sources?.redis) this.set(sources.redis.available ? 1 : 0);
    },
  });
  new Counter({
    name: 'ix_redis_breaker_opened_total',
    help: 'How often a failed or timed-out Redis command opened this node’s breaker',
    registers: [registry],
    collect() {
      if (!sources?.redis) return;
      this.reset();
      this.inc(sources.redis.counts().opened);
    },
  });
  new Counter({
    name: 'ix_redis_skipped_total',
    help: 'Redis work done without Redis while the breaker was open, by user (pushes: sent unconfirmed, lost if Redis is down)',
    labelNames: ['user'],
    registers: [registry],
    collect() {
      if (!sources?.redis) return;
      this.reset();
      for (const [user, count] of Object.entries(sources.redis.counts().skipped)) this.inc({ user }, count);
    },
  });
  const webhookFailures = new Counter({
    name: 'ix_webhook_failures_total',
    help: 'Webhook delivery attempts that failed on this node; final="true" when it gave the delivery up',
    labelNames: ['final'],
    registers: [registry],
  });

  return {
    registry,
    /** Connects what the gauges read, once the server has them. */
    observe(from: MetricSources) {
      sources = from;
    },
    /** One socket event answered: its outcome and how long the ack took. */
    eventAnswered(event: string, outcome: string, seconds: number) {
      events.inc({ event, outcome });
      ackSeconds.observe({ event }, seconds);
    },
    webhookFailed(final: boolean) {
      webhookFailures.inc({ final: String(final) });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
