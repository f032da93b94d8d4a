import { timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Database } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import type { HttpApp } from '../http/fastify.js';
import type { Metrics } from './metrics.js';

export interface OpsOptions {
  nodeId: string;
  db: Database;
  redis: Redis | undefined;
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
 * What a load balancer and an operator's monitoring ask a node: /health (the process answers), /ready (it can serve:
 * database and Redis answer, migrations applied, not stopping) and /metrics (Prometheus).
 */
export async function opsRoutes(app: HttpApp, options: OpsOptions): Promise<void> {
  const { db, redis } = options;
  app.get('/health', async () => ({ ok: true, node: options.nodeId, database: db.engine }));

  app.get('/ready', async (_request, reply) => {
    const [database, migrations, sharedState] = await Promise.all([
      probe(() => db.query('SELECT 1')),
      probe(async () => {
        const pending = await pendingMigrations(db);
        if (pending.length > 0) throw new Error(`not applied: ${pending.join(', ')}`);
      }),
      redis ? probe(() => redis.ping()) : Promise.resolve(undefined),
    ]);
    const checks = {
      database: database ?? 'ok',
      migrations: migrations ?? 'ok',
      redis: redis ? (sharedState ?? 'ok') : 'not configured',
      accepting: options.draining() ? 'stopping' : 'ok',
    };
    const ready = !database && !migrations && !sharedState && !options.draining();
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ ready, node: options.nodeId, checks });
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
