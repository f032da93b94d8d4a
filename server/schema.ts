import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { installAppendFunction } from './conversations/messages.js';

/** Brings a database to what this version of the backend needs: the migrations, then the routines defined in code. */
export async function prepareDatabase(db: Database): Promise<void> {
  await db.exclusive(MIGRATION_LOCK, async () => {
    await migrate(db);
    await installAppendFunction(db);
  });
}

/** The advisory lock nodes starting together take in turn ("ixmigrate" in hex, of no meaning beyond this). */
const MIGRATION_LOCK = 0x69786d6967;
