/**
 * The worker thread that owns PGlite (see pglite-thread.ts). PGlite's WASM Postgres is CPU-bound and synchronous
 * while it runs a statement; here it has a core of its own and the socket event loop never waits on it.
 */
// Plain JavaScript, so the thread needs no TypeScript loader of its own. Types: pglite-thread.ts.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {import('./pglite-thread.js').DatabaseRequest} DatabaseRequest */
/** @typedef {import('./pglite-thread.js').DatabaseReply} DatabaseReply */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
// pg_trgm: the workbench search's indexes (migration 009).
const db = await PGlite.create(workerData.path, { extensions: { pg_trgm } });

/** Open transactions by the main thread's id for them, each with the way to end it, and what ending it gave. */
/** @type {Map<number, { tx: import('@electric-sql/pglite').Transaction, finish: (commit: boolean) => void }>} */
const transactions = new Map();
/** @type {Map<number, Promise<unknown>>} */
const outcomes = new Map();
const ROLLBACK = Symbol('rollback');

/**
 * PGlite has no autovacuum: every message rewrites its conversation's row, so without this the dead versions pile up
 * and each send's lookups slow down with the number of messages ever sent (measured: p50 5 -> 21 ms over 32,000
 * messages at 400 msg/s). The conversations are vacuumed every 2 s after writes: the table and its indexes have a row
 * per conversation, so a pass is short however many messages there are. So are the events: the outbox holds only what
 * is not yet published (about a second's worth), each deleted once published. Statistics of the
 * conversations, which the plans of sends and lists depend on, are refreshed every ten minutes. New message texts wait
 * in the search index's pending list, which every search reads whole; it is merged into the index every 2 s (measured:
 * 11 µs a message in bulk, against 390 µs inserted one by one into the index itself).
 */
const MAINTENANCE = [
  { sql: 'VACUUM conversations', everyMs: 2_000 },
  { sql: "SELECT gin_clean_pending_list('messages_text_trgm')", everyMs: 2_000 },
  { sql: 'VACUUM events', everyMs: 2_000 },
  { sql: 'ANALYZE conversations, messages, customers', everyMs: 600_000 },
];
/** @param {unknown} error */
function reportMaintenanceFailure(error) {
  // A database not yet migrated that far (a migration's own test) has no such table or index: nothing to maintain.
  if (/** @type {{ code?: unknown }} */ (error)?.code === '42P01') return;
  console.error('[interop] PGlite maintenance failed', error);
}
let statementsSinceMaintenance = 0;
let maintaining = false;
const lastDone = MAINTENANCE.map(() => 0);
setInterval(() => {
  if (statementsSinceMaintenance === 0 || maintaining) return;
  const now = Date.now();
  const due = MAINTENANCE.filter((task, index) => now - lastDone[index] >= task.everyMs);
  if (!due.length) return;
  for (const task of due) lastDone[MAINTENANCE.indexOf(task)] = now;
  statementsSinceMaintenance = 0;
  maintaining = true;
  // One statement at a time: in one exec they would make a transaction block, where VACUUM cannot run.
  due
    .reduce((done, task) => done.then(() => db.exec(task.sql)).catch(reportMaintenanceFailure), Promise.resolve())
    .finally(() => (maintaining = false));
}, 1_000).unref();

/** @param {DatabaseReply} message */
const reply = (message) => port.postMessage(message);

/** What the main thread needs of a database error: its message and PostgreSQL's fields (code, detail, constraint…). */
/** @param {unknown} error @returns {Record<string, unknown> & { message: string }} */
function errorFields(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  /** @type {Record<string, unknown> & { message: string }} */
  const fields = { message: error.message };
  for (const [key, value] of Object.entries(error))
    if (typeof value !== 'object' && typeof value !== 'function') fields[key] = value;
  return fields;
}

/** @param {DatabaseRequest} request @returns {Promise<unknown>} */
async function run(request) {
  switch (request.op) {
    case 'query': {
      statementsSinceMaintenance++;
      const target = request.tx === undefined ? db : transactions.get(request.tx)?.tx;
      if (!target) throw new Error('The transaction has ended');
      return (await target.query(request.text, request.params)).rows;
    }
    case 'exec':
      await db.exec(request.sql);
      return undefined;
    case 'begin': {
      // The main thread's work runs between begin and end; PGlite keeps every other statement waiting meanwhile.
      /** @type {() => void} */
      let begun = () => {};
      const started = new Promise((resolve) => (begun = () => resolve(undefined)));
      const outcome = db
        .transaction(
          (tx) =>
            new Promise((commit, rollback) => {
              transactions.set(request.tx, {
                tx,
                finish: (commits) => (commits ? commit(undefined) : rollback(ROLLBACK)),
              });
              begun();
            }),
        )
        .then(
          () => undefined,
          (error) => (error === ROLLBACK ? undefined : error),
        )
        .finally(() => transactions.delete(request.tx));
      outcomes.set(request.tx, outcome);
      // A BEGIN that fails never reaches the callback: its outcome answers instead.
      await Promise.race([
        started,
        outcome.then((error) => Promise.reject(error ?? new Error('The transaction ended before it began'))),
      ]);
      return undefined;
    }
    case 'end': {
      const open = transactions.get(request.tx);
      const outcome = outcomes.get(request.tx);
      outcomes.delete(request.tx);
      if (!open || !outcome) throw new Error('The transaction has ended');
      open.finish(request.commit);
      const error = await outcome;
      if (error) throw error;
      return undefined;
    }
    case 'close':
      await db.close();
      return undefined;
  }
}

port.on('message', (/** @type {DatabaseRequest} */ request) => {
  run(request).then(
    (rows) => reply({ id: request.id, ok: true, rows: /** @type {Record<string, unknown>[] | undefined} */ (rows) }),
    (error) => reply({ id: request.id, ok: false, error: errorFields(error) }),
  );
});
reply({ id: 0, ok: true });
