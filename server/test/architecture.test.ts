import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..');

/** The backend's modules (not its tests) with the modules each imports. */
async function imports(): Promise<Map<string, string[]>> {
  const files = (await readdir(root, { recursive: true })).filter(
    (file) => file.endsWith('.ts') && !file.startsWith('node_modules') && !file.startsWith('test/'),
  );
  const result = new Map<string, string[]>();
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8');
    result.set(
      relative(root, join(root, file)),
      [...text.matchAll(/^(?:import|export) (?:[^;]*? from )?'([^']+)';/gms)].map((match) => match[1]!),
    );
  }
  return result;
}

test('the backend takes the protocol from the kit’s public exports, never from its sources', async () => {
  for (const [file, specifiers] of await imports()) {
    assert.deepEqual(
      specifiers.filter((specifier) => specifier.includes('/src/')),
      [],
      file,
    );
  }
});

test('stores and services do not call the CRM (only the composition root wires it); the HTTP layer does not reach into the socket layer', async () => {
  for (const [file, specifiers] of await imports()) {
    const dir = file.split('/')[0];
    if (dir !== 'crm' && !['app.ts', 'node.ts', 'core/container.ts'].includes(file))
      assert.deepEqual(
        specifiers.filter((specifier) => specifier.includes('/crm/')),
        [],
        file,
      );
    if (dir === 'http')
      assert.deepEqual(
        specifiers.filter((specifier) => specifier.includes('/socket/')),
        [],
        file,
      );
  }
});

/** The socket edge: the only modules that know socket.io (and the composition root that builds it). */
const SOCKET_EDGE = (file: string) =>
  file.startsWith('socket/') || ['app.ts', 'node.ts', 'cluster/adapter.ts', 'ops/metrics.ts'].includes(file);

/** Transport-free by rule: the services, the core and the stores. */
const DOMAIN = (file: string) =>
  file.startsWith('core/') ||
  file.startsWith('team/') ||
  /(^|\/)(service|store|admin-operations|ownership)\.ts$/.test(file);

test('only the socket edge imports socket.io or the socket layer: the CLI, the HTTP API and the services share a core without it', async () => {
  for (const [file, specifiers] of await imports()) {
    if (SOCKET_EDGE(file)) continue;
    const socketLayer = specifiers.filter(
      (specifier) => /^socket\.io(\/|$)/.test(specifier) || /(^|\/)socket\//.test(specifier),
    );
    assert.deepEqual(socketLayer, [], file);
  }
});

test('services, stores and the core import no transport: not socket.io, not Fastify, not a route module', async () => {
  const domainFiles = [...(await imports())].filter(([file]) => DOMAIN(file));
  assert.ok(domainFiles.length >= 15, `found ${domainFiles.length} domain modules`);
  for (const [file, specifiers] of domainFiles) {
    const transport = specifiers.filter(
      (specifier) =>
        /^(socket\.io|fastify|@fastify\/)/.test(specifier) ||
        /\/(socket|http)\/(?!outbound)/.test(specifier) ||
        /\/(routes|api|corp-api|sso-routes|gateway|pushes)\.js$/.test(specifier),
    );
    assert.deepEqual(transport, [], file);
  }
});

/** SQL text in a string: what only a store (or the database layer itself) may hold. */
const SQL = /(['`])\s*(SELECT|INSERT INTO|UPDATE \w+ (\w+ )?SET|DELETE FROM|WITH \w+ AS)\s[^'`]*\1/;

/**
 * Where SQL may live: a store (a module that makes one, `create…Store`), and these, each for its reason. Everything
 * else — services, socket operations, HTTP routes, the composition root, the CLI — goes through stores.
 */
const SQL_BEYOND_STORES = new Map([
  ['conversations/messages.ts', 'the message append the conversation store batches'],
  ['conversations/assignment.ts', "the conversation store's hand-overs, also run inside a departure's transaction"],
  ['conversations/record.ts', "the conversation store's one SELECT"],
  ['corps/seed.ts', 'the demo company, written at first start'],
  ['events/outbox.ts', 'the outbox row every store writes in its own transaction'],
  ['cluster/timers.ts', 'the timer leases'],
  ['payments/sandbox.ts', "the sandbox provider's own books (an outside provider keeps them elsewhere)"],
  ['ops/routes.ts', "the readiness probe's SELECT 1"],
]);

test('SQL lives in stores: no service, operation, route or composition root holds a query', async () => {
  const files = (await readdir(root, { recursive: true })).filter(
    (file) => file.endsWith('.ts') && !file.startsWith('node_modules') && !file.startsWith('test/'),
  );
  const withSql: string[] = [];
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8');
    if (!SQL.test(text) || file.startsWith('db/') || SQL_BEYOND_STORES.has(file)) continue;
    if (/export function create\w*Store\(/.test(text)) continue;
    withSql.push(file);
  }
  assert.deepEqual(withSql, []);
  for (const file of SQL_BEYOND_STORES.keys()) assert.ok(files.includes(file), `${file} is listed but gone`);
});
