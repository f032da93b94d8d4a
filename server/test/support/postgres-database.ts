import { randomBytes } from 'node:crypto';

/**
 * When TEST_POSTGRES_URL names a PostgreSQL server (a user that may create databases), each harness gets a database of
 * its own there, dropped when it closes: the suite runs on PostgreSQL with test files as isolated as on PGlite.
 * Unset: undefined, and the harness uses PGlite.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) return undefined;
  const { default: pg } = await import('pg');
  const name = `ix_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
