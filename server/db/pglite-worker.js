/**
 * The worker thread that owns PGlite (see pglite-thread.ts). PGlite's WASM Postgres is CPU-bound and synchronous
 * while it runs a statement; here it has a core of its own and the socket event loop never waits on it.
 */
// Plain JavaScript, so the thread needs no TypeScript loader of its own. Types: pglite-thread.ts.
import { PGlite } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {import('./pglite-thread.js').DatabaseRequest} DatabaseRequest */
/** @typedef {import('./pglite-thread.js').DatabaseReply} DatabaseReply */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const db = await PGlite.create(workerData.path);

/** Open transactions by the main thread's id for them, each with the way to end it, and what ending it gave. */
/** @type {Map<number, { tx: import('@electric-sql/pglite').Transaction, finish: (commit: boolean) => void }>} */
const transactions = new Map();
/** @type {Map<number, Promise<unknown>>} */
const outcomes = new Map();
const ROLLBACK = Symbol('rollback');

/**
 * PGlite has no autovacuum: every message rewrites its conversation's row (and publishing an event rewrites it), so
 * without this the dead versions pile up and each send's index lookups slow down with the number of messages ever
 * sent (measured: a send's statement took 4× as long after 24,000 messages into 200 conversations). The tables sends
 * rewrite are vacuumed every few seconds after there were writes (a vacuum skips pages still clean, so a pass costs
 * about what was written since the last), and the conversations' statistics (which the plans of sends and lists
 * depend on) refreshed now and then.
 */
const VACUUM_EVERY_MS = 5000;
/** Every ten minutes: an analysis reads a sample of up to 30,000 rows, a pause the sends would feel if it were often. */
const ANALYZE_EVERY = 120;
let statementsSinceVacuum = 0;
let passes = 0;
setInterval(() => {
  if (statementsSinceVacuum === 0 || transactions.size > 0) return;
  statementsSinceVacuum = 0;
  const analyze = passes++ % ANALYZE_EVERY === 0;
  // One statement each: several in one exec would make a transaction block, where VACUUM cannot run.
  (analyze ? db.exec('VACUUM (ANALYZE) conversations').then(() => db.exec('VACUUM events')) : db.exec('VACUUM conversations, events')).catch(
    (error) => console.error('[interop] PGlite vacuum failed', error),
  );
}, VACUUM_EVERY_MS).unref();

/** @param {DatabaseReply} message */
const reply = (message) => port.postMessage(message);

/** What the main thread needs of a database error: its message and PostgreSQL's fields (code, detail, constraint…). */
/** @param {unknown} error @returns {Record<string, unknown> & { message: string }} */
function errorFields(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  /** @type {Record<string, unknown> & { message: string }} */
  const fields = { message: error.message };
  for (const [key, value] of Object.entries(error)) if (typeof value !== 'object' && typeof value !== 'function') fields[key] = value;
  return fields;
}

/** @param {DatabaseRequest} request @returns {Promise<unknown>} */
async function run(request) {
  switch (request.op) {
    case 'query': {
      statementsSinceVacuum++;
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
              transactions.set(request.tx, { tx, finish: (commits) => (commits ? commit(undefined) : rollback(ROLLBACK)) });
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
      await Promise.race([started, outcome.then((error) => Promise.reject(error ?? new Error('The transaction ended before it began')))]);
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
