import { randomBytes } from 'node:crypto';

/**
 * The harness's database: with TEST_DATABASE=postgres, one of its own on the PostgreSQL server TEST_POSTGRES_URL names
 * (a user that may create databases), dropped when it closes, so the suite runs on PostgreSQL with test files as
 * isolated as on PGlite (`npm run test:postgres`). Otherwise undefined, and the harness uses PGlite.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  return process.env.TEST_DATABASE === 'postgres' ? createPostgresDatabase() : undefined;
}

/** A database of its own on the PostgreSQL server TEST_POSTGRES_URL names (the multi-node tests need one). */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) throw new Error('TEST_POSTGRES_URL names no PostgreSQL server');
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
