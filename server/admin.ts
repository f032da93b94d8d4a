import { loadConfig } from './config.js';
import { createApiKeyStore } from './auth/api-keys.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';

const USAGE = `Usage (same DATA_DIR / DATABASE_URL as the backend; with the embedded database, stop the backend first):
  npm run admin -- api-key create <corp> <name>     make a CRM API key (printed once)
  npm run admin -- api-key list <corp>
  npm run admin -- api-key revoke <corp> <key id>
  npm run admin -- employee role <corp> <employee id> admin|agent`;

/** Back-office commands for operators of the reference backend. */
async function main(args: string[]): Promise<number> {
  const [area, verb, corpId, ...rest] = args;
  if (!area || !verb || !corpId) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const { rows } = await db.query('SELECT id FROM corps WHERE id = $1', [corpId]);
    if (!rows.length) throw new Error(`No corp "${corpId}"`);
    const keys = createApiKeyStore(db);
    if (area === 'api-key' && verb === 'create' && rest.length) {
      const key = await keys.create(corpId, rest.join(' '));
      console.log(`API key "${key.name}" (${key.id}) for ${corpId}:\n\n  ${key.key}\n\nIt is shown this once; keep it on your servers.`);
    } else if (area === 'api-key' && verb === 'list') {
      for (const key of await keys.list(corpId)) {
        console.log(`${key.id}  ${key.prefix}…  ${key.name}  made ${key.createdAt}${key.revokedAt ? `  revoked ${key.revokedAt}` : ''}`);
      }
    } else if (area === 'api-key' && verb === 'revoke' && rest[0]) {
      if (!(await keys.revoke(corpId, rest[0]))) throw new Error(`No key ${rest[0]} in ${corpId}`);
      console.log(`Revoked ${rest[0]}.`);
    } else if (area === 'employee' && verb === 'role' && rest[0] && (rest[1] === 'admin' || rest[1] === 'agent')) {
      const updated = await db.query('UPDATE employees SET role = $3 WHERE corp_id = $1 AND id = $2 RETURNING id', [corpId, rest[0], rest[1]]);
      if (!updated.rows.length) throw new Error(`No employee ${rest[0]} in ${corpId}`);
      console.log(`${rest[0]} is now ${rest[1] === 'admin' ? 'an admin' : 'an agent'}.`);
    } else {
      console.error(USAGE);
      return 2;
    }
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
