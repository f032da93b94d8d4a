import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { employeeSessionSchema } from '@interop-kit/elements/protocol';
import { callOk, startHarness, type Harness } from './harness.js';

const ADMIN = join(import.meta.dirname, '..', 'admin.ts');

/** Runs `npm run admin -- …` as the operator would (same command, own process), on the harness's database. */
function admin(h: Harness, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=ix-source', '--import', 'tsx', ADMIN, ...args],
      { env: { ...process.env, DATA_DIR: h.dataDir, DATABASE_URL: h.config.databaseUrl ?? '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('operator CLI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('every verb has --help; bad arguments are refused with the reason and exit code 2', async () => {
    const usage = await admin(h, '--help');
    assert.equal(usage.code, 0);
    const verbs = [...usage.stdout.matchAll(/^ {2}([a-z-]+(?: [a-z-]+){1,2}) </gm)].map((match) => match[1]!);
    assert.ok(verbs.length >= 14, verbs.join(', '));
    // A verb's words, then --help: each answers with its own usage line.
    const helps = await Promise.all(verbs.map((verb) => admin(h, ...verb.split(' '), '--help')));
    helps.forEach((help, index) => {
      assert.equal(help.code, 0, verbs[index]);
      assert.match(help.stdout, new RegExp(`^Usage: npm run admin -- ${verbs[index]} `), verbs[index]);
    });
    const bad = await admin(h, 'corp', 'origin', 'add', 'acme', 'https://shop.example.com/page');
    assert.deepEqual([bad.code, /origin: An origin is scheme:\/\/host/.test(bad.stderr)], [2, true], bad.stderr);
    const unknown = await admin(h, 'employee', 'add', 'nobody-corp', 'x', '--name', 'X', '--email', 'x@example.com');
    assert.deepEqual([unknown.code, unknown.stderr.trim()], [1, 'No corp nobody-corp']);
    assert.equal((await admin(h, 'corp', 'create', 'x', '--nme', 'typo')).code, 2);
  });

  test('onboards a company through the running backend: corp, origin, employees (ids of its own), catalog, a key that mints sessions', async () => {
    const created = await admin(
      h,
      'corp',
      'create',
      'globex',
      '--name',
      'Globex Tea',
      '--origin',
      'https://shop.globex.example',
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Identity secret[^\n]*\n {2}[0-9a-f]{64}/);
    const adminKey = /\n {2}(ixk_\S+)/.exec(created.stdout)?.[1];
    assert.ok(adminKey);
    assert.equal((await admin(h, 'corp', 'create', 'globex', '--name', 'Again')).code, 1, 'a corp id is taken once');

    // The demo company has an emp_lin too: ids are unique per company.
    const lin = await admin(
      h,
      'employee',
      'add',
      'globex',
      'emp_lin',
      '--name',
      'Lin Globex',
      '--email',
      'lin@globex.example',
      '--role',
      'admin',
    );
    assert.equal(lin.code, 0, lin.stderr);
    assert.equal(
      (await admin(h, 'employee', 'add', 'globex', 'mo', '--name', 'Mo', '--email', 'mo@globex.example')).code,
      0,
    );
    assert.equal((await admin(h, 'employee', 'update', 'globex', 'mo', '--title', 'Support')).code, 0);
    const people = await admin(h, 'employee', 'list', 'globex');
    assert.match(people.stdout, /^emp_lin {2}Lin Globex {2}<lin@globex.example> {2}admin$/m);
    assert.match(people.stdout, /^mo {2}Mo {2}<mo@globex.example> {2}agent {2}Support$/m);
    assert.equal(
      (await h.server.stores.corps.getEmployee('acme', 'emp_lin'))?.name,
      'Lin Wei 林伟',
      "the demo company's Lin is untouched",
    );

    const csv = join(h.dataDir, 'catalog.csv');
    await writeFile(
      csv,
      'id,title,description,priceMinor,currency,pagePath\nsencha,Sencha,"Steamed, green",1500,JPY,/p/sencha\n',
    );
    const json = join(h.dataDir, 'catalog.json');
    await writeFile(
      json,
      JSON.stringify({
        products: [{ id: 'sencha', title: 'Sencha 100 g', priceMinor: 1600, currency: 'JPY', pagePath: '/p/sencha' }],
      }),
    );
    assert.match((await admin(h, 'catalog', 'import', 'globex', csv)).stdout, /1 new, 0 updated, 0 unchanged/);
    assert.match((await admin(h, 'catalog', 'import', 'globex', json)).stdout, /0 new, 1 updated, 0 unchanged/);
    const missing = await admin(h, 'catalog', 'import', 'globex', join(h.dataDir, 'nope.csv'));
    assert.deepEqual([missing.code, /no such file/.test(missing.stderr)], [2, true]);

    const made = await admin(h, 'api-key', 'create', 'globex', 'Directory', 'sync', '--scope', 'write');
    const key = /\n {2}(ixk_\S+)/.exec(made.stdout)?.[1];
    assert.match(made.stdout, /"Directory sync" \([0-9a-f-]{36}, write\)/);
    const minted = await fetch(`${h.server.url}/api/v1/sessions/employee`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ employeeId: 'mo' }),
    });
    const { token } = employeeSessionSchema.parse(await minted.json());
    const socket = await h.rawSocket(token, { corp: 'globex', origin: 'https://shop.globex.example' });
    const session = await callOk(socket, 'session:get', {});
    assert.deepEqual([session.kind, session.id, session.corpId], ['employee', 'mo', 'globex']);

    // Deactivation through the running backend ends the open session at once.
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const deactivated = await admin(h, 'employee', 'deactivate', 'globex', 'mo', '--successor', 'emp_lin');
    assert.equal(deactivated.code, 0, deactivated.stderr);
    assert.equal(await cut, 'io server disconnect');
    await assert.rejects(h.rawSocket(token, { corp: 'globex', origin: 'https://shop.globex.example' }), /no access/);
  });

  test('with the backend stopped, the CLI opens the database itself; the backend sees the change when it starts', async () => {
    await h.stop();
    try {
      const added = await admin(h, 'corp', 'origin', 'add', 'globex', 'https://m.globex.example');
      assert.equal(added.code, 0, added.stderr);
      assert.match((await admin(h, 'corp', 'origin', 'list', 'globex')).stdout, /^https:\/\/m\.globex\.example$/m);
    } finally {
      await h.start();
    }
    assert.deepEqual((await h.server.stores.corps.getCorp('globex'))?.allowedOrigins, [
      'https://shop.globex.example',
      'https://m.globex.example',
    ]);
    const check = await admin(h, 'corp', 'origin', 'check', 'globex', 'https://evil.example');
    assert.match(
      check.stdout,
      /^refused: https:\/\/evil\.example is not among globex's allowed origins; an admin of globex must add it/,
    );
  });
});
