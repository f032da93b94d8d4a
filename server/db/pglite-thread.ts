import { Worker } from 'node:worker_threads';
import type { Database, Queryable, QueryResult } from './database.js';

/** What the main thread asks of the PGlite thread. */
export type DatabaseRequest = { id: number } & (
  | { op: 'query'; text: string; params: unknown[] | undefined; tx: number | undefined }
  | { op: 'exec'; sql: string }
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' }
);

export type DatabaseReply =
  | { id: number; ok: true; rows?: Record<string, unknown>[] | undefined }
  | { id: number; ok: false; error: Record<string, unknown> & { message: string } };

/** A database error as the engine gave it: the message, and PostgreSQL's `code`, `detail`, `constraint`… as fields. */
class DatabaseError extends Error {
  constructor(fields: Record<string, unknown> & { message: string }) {
    super(fields.message);
    Object.assign(this, fields);
  }
}

/**
 * PGlite in a worker thread of its own: the backend's event loop (sockets, HTTP) keeps its core while the database
 * works on the other. Statements cross the thread as messages (structured clone keeps Dates, JSON and bytes); a
 * transaction is opened in the worker and held there while the caller's work sends its statements into it.
 */
export async function openPgliteThread(path: string): Promise<Omit<Database, 'exclusive'>> {
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: { path } });
  const pending = new Map<
    number,
    { resolve: (rows: Record<string, unknown>[] | undefined) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let stopped: Error | undefined;

  const settle = (reply: DatabaseReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.rows);
    else waiting?.reject(new DatabaseError(reply.error));
  };
  const stop = (error: Error) => {
    stopped ??= error;
    for (const waiting of pending.values()) waiting.reject(stopped);
    pending.clear();
  };
  worker.on('message', settle);
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`The database thread stopped (exit code ${code})`)));

  type Request = DatabaseRequest extends infer R ? (R extends DatabaseRequest ? Omit<R, 'id'> : never) : never;
  const ask = (request: Request) =>
    new Promise<Record<string, unknown>[] | undefined>((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });

  // The worker says it is ready under id 0, or fails to open the database.
  await new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });

  const queryable = (tx: number | undefined): Queryable => ({
    query: async <Row>(text: string, params?: unknown[]) =>
      ({ rows: ((await ask({ op: 'query', text, params, tx })) ?? []) as Row[] }) as QueryResult<Row>,
  });
  let nextTransaction = 1;
  return {
    engine: 'pglite',
    ...queryable(undefined),
    async transaction(work) {
      const tx = nextTransaction++;
      await ask({ op: 'begin', tx });
      let result;
      try {
        result = await work(queryable(tx));
      } catch (error) {
        await ask({ op: 'end', tx, commit: false }).catch(() => {});
        throw error;
      }
      await ask({ op: 'end', tx, commit: true });
      return result;
    },
    exec: async (sql) => {
      await ask({ op: 'exec', sql });
    },
    stats: () => ({ connections: 1, idle: pending.size === 0 ? 1 : 0, waiting: Math.max(0, pending.size - 1) }),
    async close() {
      await ask({ op: 'close' }).catch(() => {});
      await worker.terminate();
    },
  };
}
