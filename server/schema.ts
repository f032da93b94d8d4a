import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { installAppendFunction } from './conversations/messages.js';

/** Brings a database to what this version of the backend needs: the migrations, then the routines defined in code. */
export async function prepareDatabase(db: Database): Promise<void> {
  await migrate(db);
  await installAppendFunction(db);
}
