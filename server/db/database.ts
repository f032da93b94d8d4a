import { mkdir } from 'node:fs/promises';
import type { Pool, PoolClient } from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { openPgliteThread } from './pglite-thread.js';

export interface QueryResult<Row> {
  rows: Row[];
}

/** What queries run against: the database itself, or one open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<Row>>;
}

/** One PostgreSQL dialect over two engines: embedded PGlite (default) or a PostgreSQL server through `pg`. */
export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` while no other node does work under the same `lock` (PostgreSQL: a session advisory lock; PGlite has
   * one process by its data folder's lock): several nodes starting together migrate once.
   */
  exclusive<T>(lock: number, work: () => Promise<T>): Promise<T>;
  /** Connections for metrics: open, idle, and requests waiting for one (PGlite: its one thread and its queue). */
  stats(): { connections: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** PostgreSQL's unique_violation, from either engine. */
export const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === '23505';

export interface DatabaseOptions {
  /** postgres://… selects a PostgreSQL server; otherwise PGlite stores its files in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Where a connection the server dropped is reported (PostgreSQL); default: standard error. */
  log?: ((message: string, error?: unknown) => void) | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error));
  return options.databaseUrl ? openPostgres(options.databaseUrl, log) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    const db = await openPgliteThread(`${dataDir}/pglite`);
    return { ...db, exclusive: (_lock, work) => work(), close: () => db.close().finally(unlock) };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** How long closing waits for PostgreSQL connections to report that they are closed. */
const CLOSE_WAIT_MS = 5000;

async function openPostgres(
  connectionString: string,
  log: (message: string, error?: unknown) => void,
): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection the server ends (a restart, a failover, an administrator) is an error event on the pool; with
  // no listener it would end the process. The pool drops that connection and opens another when next needed.
  pool.on('error', (error) => log('a database connection was lost; the next query opens another', error));
  // The pool's end resolves once it has asked its connections to close, not once they have: kept here, so close()
  // returns when they are closed (a database dropped right after must find nobody connected).
  const connections = new Set<PoolClient>();
  pool.on('connect', (client) => {
    connections.add(client);
    client.once('end', () => connections.delete(client));
  });
  const wrap = (client: Pool | PoolClient): Queryable => ({
    query: async <Row>(text: string, params?: unknown[]) => ({
      rows: (await client.query(text, params)).rows as Row[],
    }),
  });
  return {
    engine: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    async exclusive(lock, work) {
      const holder = await pool.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [lock]);
        return await work();
      } finally {
        await holder.query('SELECT pg_advisory_unlock($1)', [lock]).catch(() => {});
        holder.release();
      }
    },
    stats: () => ({ connections: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      const closing = [...connections].map((client) => new Promise((resolve) => client.once('end', resolve)));
      await pool.end();
      // Bounded: a connection whose socket never reports its end must not hold a stopping node.
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
      await Promise.race([Promise.all(closing), bound]);
      clearTimeout(timer);
    },
  };
}
