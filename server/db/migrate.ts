import { readdir, readFile } from 'node:fs/promises';
import type { Database } from './database.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** Applies every migration file not yet applied (up to `upTo`, for tests of a migration), in name order, each in its own transaction. */
export async function migrate(db: Database, upTo?: string): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((row) => row.name),
  );
  const files = (await readdir(MIGRATIONS_DIR))
    .filter((name) => name.endsWith('.sql') && (upTo === undefined || name <= upTo))
    .sort();
  const newlyApplied: string[] = [];
  for (const name of files) {
    if (applied.has(name)) continue;
    const sql = await readFile(new URL(name, MIGRATIONS_DIR), 'utf8');
    // A multi-statement script runs as one implicit transaction, and the bookkeeping row rides in it:
    // a file is applied whole or not at all.
    await db.exec(`${sql}\nINSERT INTO schema_migrations (name) VALUES ('${name.replace(/'/g, "''")}');`);
    newlyApplied.push(name);
  }
  return newlyApplied;
}

/** The migrations this version of the backend has that the database lacks: a node is ready only with none. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql'));
  const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.name));
  return files.filter((name) => !applied.has(name)).sort();
}
