import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';

/** A database of its own, migrated up to `upTo`, for `check` to fill and migrate further; removed afterwards. */
async function fromMigration(upTo: string, check: (db: Database) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ix-migrate-'));
  const db = await openDatabase({ dataDir });
  try {
    await migrate(db, upTo);
    await check(db);
  } finally {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

test('007 moves employees to ids unique per company and keeps every reference', () =>
  fromMigration('006_events.sql', async (db) => {
    // A database as 006 left it: one company, its people, a customer they own, a hand-over, a to-do, a key.
    await db.exec(`
      INSERT INTO corps (id, name, secret) VALUES ('acme', 'Acme', 's');
      INSERT INTO employees (id, corp_id, name, role) VALUES ('lin', 'acme', 'Lin', 'admin'), ('sara', 'acme', 'Sara', 'agent');
      UPDATE employees SET status = 'departed', successor_id = 'lin' WHERE id = 'sara';
      INSERT INTO customers (id, corp_id, assigned_employee_id) VALUES ('00000000-0000-4000-8000-000000000001', 'acme', 'lin');
      INSERT INTO conversations (id, corp_id, customer_id, assigned_employee_id)
        VALUES ('00000000-0000-4000-8000-000000000002', 'acme', '00000000-0000-4000-8000-000000000001', 'lin');
      INSERT INTO conversation_transfers (id, corp_id, conversation_id, from_employee_id, to_employee_id, by_employee_id, reason)
        VALUES ('00000000-0000-4000-8000-000000000003', 'acme', '00000000-0000-4000-8000-000000000002', 'sara', 'lin', 'lin', 'departure');
      INSERT INTO todos (id, corp_id, employee_id, text) VALUES ('00000000-0000-4000-8000-000000000004', 'acme', 'lin', 'Call back');
      INSERT INTO api_keys (id, corp_id, name, key_hash, prefix, created_by) VALUES ('00000000-0000-4000-8000-000000000005', 'acme', 'k', 'h', 'ixk_', 'lin');
    `);
    assert.deepEqual(await migrate(db, '007_go_live.sql'), ['007_go_live.sql']);

    // Another company may now have its own "lin"; a reference must name an employee of its own company.
    await db.exec(`INSERT INTO corps (id, name, secret) VALUES ('globex', 'Globex', 's');
      INSERT INTO employees (id, corp_id, name) VALUES ('lin', 'globex', 'Lin of Globex');`);
    await assert.rejects(
      db.query(
        `INSERT INTO customers (id, corp_id, assigned_employee_id) VALUES ('00000000-0000-4000-8000-000000000006', 'globex', 'sara')`,
      ),
      /foreign key/,
      'Globex has no sara',
    );
    await assert.rejects(
      db.query(
        `INSERT INTO todos (id, corp_id, employee_id, text) VALUES ('00000000-0000-4000-8000-000000000007', 'globex', 'sara', 'x')`,
      ),
      /foreign key/,
    );
    await db.query(
      `INSERT INTO todos (id, corp_id, employee_id, text) VALUES ('00000000-0000-4000-8000-000000000008', 'globex', 'lin', 'x')`,
    );
    const { rows } = await db.query<{ scope: string }>('SELECT scope FROM api_keys');
    assert.deepEqual(rows, [{ scope: 'admin' }], 'keys made before scopes keep what they could do');
    const transfers = await db.query<{ by_employee_id: string }>('SELECT by_employee_id FROM conversation_transfers');
    assert.deepEqual(transfers.rows, [{ by_employee_id: 'lin' }]);
  }));

test('013 points a demo database made before at the photos; other companies’ pictures stay as they are', () =>
  fromMigration('012_first_screen.sql', async (db) => {
    await db.exec(`
      INSERT INTO corps (id, name, secret) VALUES ('acme', 'Acme', 's'), ('globex', 'Globex', 's');
      INSERT INTO products (corp_id, id, title, price_minor, currency, page_path, image_url) VALUES
        ('acme', 'gift-box', 'Gift box', 38800, 'CNY', '/', '/images/gift-box.svg'),
        ('acme', 'own', 'Own', 100, 'CNY', '/', '/images/own.svg'),
        ('globex', 'gift-box', 'Gift box', 100, 'USD', '/', '/images/gift-box.svg');
    `);
    assert.deepEqual(await migrate(db, '013_demo_photos.sql'), ['013_demo_photos.sql']);
    const { rows } = await db.query<{ corp_id: string; id: string; image_url: string }>(
      'SELECT corp_id, id, image_url FROM products ORDER BY corp_id, id',
    );
    assert.deepEqual(
      rows.map((row) => `${row.corp_id}/${row.id}: ${row.image_url}`),
      ['acme/gift-box: /images/gift-box.jpg', 'acme/own: /images/own.svg', 'globex/gift-box: /images/gift-box.svg'],
    );
  }));
