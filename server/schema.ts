import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { installAppendFunction } from './conversations/messages.js';

/**
 * Brings a database to what this version of the backend needs: the migrations, then the routines defined in code,
 * then what `thenSeed` adds.
 */
export async function prepareDatabase(db: Database, thenSeed?: () => Promise<void>): Promise<void> {
  // Nodes starting together take turns: one migrates (and seeds), the others find it done.
  await db.exclusive(MIGRATION_LOCK, async () => {
    await migrate(db);
    await installAppendFunction(db);
    await thenSeed?.();
  });
}

/** The advisory lock nodes starting together take in turn ("ixmigrate" in hex, of no meaning beyond this). */
const MIGRATION_LOCK = 0x69786d6967;
