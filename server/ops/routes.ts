import { timingSafeEqual } from 'node:crypto';
import type { RedisBreaker } from '../cluster/breaker.js';
import type { Database } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import type { HttpApp } from '../http/fastify.js';
import type { Metrics } from './metrics.js';

export interface OpsOptions {
  nodeId: string;
  db: Database;
  /** Whether Redis is in use now, as this node's breaker says (no Redis configured: undefined). */
  redis: RedisBreaker | undefined;
  /** Strict readiness: not ready while Redis is away. */
  readyRequiresRedis: boolean;
  metrics: Metrics;
  /** True once the node is stopping: the balancer should send nothing more. */
  draining: () => boolean;
  /** When set, /metrics wants `Authorization: Bearer <it>` (METRICS_TOKEN). */
  metricsToken: string | undefined;
}

const CHECK_TIMEOUT_MS = 2000;

/** Settles with what `check` says, or with a timeout's reason: a readiness probe must answer, even about a hang. */
async function probe(check: () => Promise<unknown>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>(
    (resolve) => (timer = setTimeout(() => resolve(`no answer in ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS)),
  );
  try {
    return await Promise.race([check().then(() => undefined), timeout]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Compared in constant time, as bytes (a header of the same length in characters may differ in bytes). */
const sameSecret = (given: string, expected: string) => {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * What a load balancer and an operator's monitoring ask a node: /health (the process answers), /ready (this node can
 * serve: its database answers, migrations applied, not stopping) and /metrics (Prometheus). Redis trouble makes a node
 * `degraded`, not unready: every node would fail together, while each can still serve its own sockets (limits and
 * presence counted locally). READY_REQUIRES_REDIS=true makes it unready instead.
 */
export async function opsRoutes(app: HttpApp, options: OpsOptions): Promise<void> {
  const { db, redis } = options;
  app.get('/health', async () => ({ ok: true, node: options.nodeId, database: db.engine }));

  app.get('/ready', async (_request, reply) => {
    const [database, migrations] = await Promise.all([
      probe(() => db.query('SELECT 1')),
      probe(async () => {
        const pending = await pendingMigrations(db);
        if (pending.length > 0) throw new Error(`not applied: ${pending.join(', ')}`);
      }),
    ]);
    // The breaker's word, not a PING of our own: it knows at once, and asking a Redis that hangs would wait.
    const shared = redis?.state();
    const degraded = shared !== undefined && !shared.available;
    const checks = {
      database: database ?? 'ok',
      migrations: migrations ?? 'ok',
      redis: !shared ? 'not configured' : shared.available ? 'ok' : `degraded since ${shared.since}: ${shared.reason}`,
      accepting: options.draining() ? 'stopping' : 'ok',
    };
    const ready = !database && !migrations && !options.draining() && !(degraded && options.readyRequiresRedis);
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ ready, degraded, node: options.nodeId, checks });
  });

  app.get('/metrics', async (request, reply) => {
    const token = options.metricsToken;
    if (token && !sameSecret(request.headers.authorization ?? '', `Bearer ${token}`)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: { code: 'unauthorized', message: 'METRICS_TOKEN is required' } });
    }
    const { registry } = options.metrics;
    return reply
      .header('content-type', registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });
}
