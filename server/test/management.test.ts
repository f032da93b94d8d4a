import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  adminConsoleSchema,
  corpSettingsSchema,
  customerProfileSchema,
  employeeSessionSchema,
  managedEmployeeSchema,
  messageSchema,
  productListSchema,
} from '@interop-kit/elements/protocol';
import { call, callOk, next, startHarness, type Harness } from './harness.js';

describe('management API', () => {
  let h: Harness;
  const keys: Record<'read' | 'write' | 'admin', string> = { read: '', write: '', admin: '' };
  const api = (
    path: string,
    init: { method?: string; body?: unknown; key?: keyof typeof keys; bearer?: string } = {},
  ) =>
    fetch(`${h.server.url}/api/v1/${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.bearer ?? keys[init.key ?? 'admin']}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
  const ok = async (response: Response, status = 200) => {
    const body = await response.json();
    assert.equal(response.status, status, JSON.stringify(body));
    return body;
  };

  before(async () => {
    h = await startHarness();
    for (const scope of ['read', 'write', 'admin'] as const)
      keys[scope] = (await h.server.stores.apiKeys.create('acme', scope, scope)).key;
  });
  after(() => h.close());

  test('each scope does what it says: read only reads, write changes data, admin also settings and keys', async () => {
    assert.equal((await api('employees', { key: 'read' })).status, 200);
    const refused = await api('employees/ana', {
      method: 'PUT',
      key: 'read',
      body: { name: 'Ana', email: 'ana@acme.example' },
    });
    assert.equal(refused.status, 403);
    assert.match((await refused.json()).error.message, /write scope/);
    assert.equal((await api('settings', { method: 'PATCH', key: 'write', body: { name: 'Acme' } })).status, 403);
    assert.equal((await api('api-keys', { key: 'write' })).status, 403);
    assert.equal((await api('webhooks', { key: 'write' })).status, 403);
    assert.equal((await api('api-keys', { key: 'admin' })).status, 200);
  });

  test('directory sync: employees upserted by the company’s own id, again without change, deactivated with their sessions', async () => {
    const ana = { name: 'Ana Lima', email: 'ana@acme.example', title: 'Sales', role: 'agent' };
    const created = managedEmployeeSchema.parse(
      await ok(await api('employees/ana.lima', { method: 'PUT', key: 'write', body: ana }), 201),
    );
    assert.deepEqual([created.id, created.name, created.status], ['ana.lima', 'Ana Lima', 'active']);
    const again = managedEmployeeSchema.parse(
      await ok(await api('employees/ana.lima', { method: 'PUT', key: 'write', body: ana })),
    );
    assert.deepEqual(again, created, 'a repeat changes nothing');
    const renamed = managedEmployeeSchema.parse(
      await ok(await api('employees/ana.lima', { method: 'PUT', key: 'write', body: { ...ana, name: 'Ana L.' } })),
    );
    assert.equal(renamed.title, 'Sales', 'an omitted field would stay; a given one changes');
    assert.equal(renamed.name, 'Ana L.');
    assert.equal((await api('employees/bad%20id', { method: 'PUT', key: 'write', body: ana })).status, 400);
    assert.equal(
      (await api('employees/x', { method: 'PUT', key: 'write', body: { name: 'X', email: 'not an email' } })).status,
      400,
    );

    // Token exchange, then a workbench socket; deactivation cuts it at once and refuses the token afterwards.
    const session = employeeSessionSchema.parse(
      await ok(await api('sessions/employee', { method: 'POST', key: 'write', body: { employeeId: 'ana.lima' } })),
    );
    assert.equal(
      (await api('sessions/employee', { method: 'POST', key: 'read', body: { employeeId: 'ana.lima' } })).status,
      403,
    );
    assert.equal(
      (await api('sessions/employee', { method: 'POST', key: 'write', body: { employeeId: 'nobody' } })).status,
      404,
    );
    const socket = await h.rawSocket(session.token);
    assert.equal((await callOk(socket, 'session:get', {})).kind, 'employee');
    const { conversationId, socket: visitor } = await h.visitorConversation();
    await callOk(socket, 'conversation:assign', { conversationId, employeeId: 'ana.lima' });
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const notice = next<{ message: { body: { event: string; employeeName: string } } }>(
      visitor,
      'message:new',
      // Told at once (the conversation moved), or asked (ana.lima owned the customer: a departure transfer).
      ({ message }) => message.body.event === 'departed' || message.body.event === 'transfer_pending',
    );
    const result = await ok(
      await api('employees/ana.lima/deactivate', { method: 'POST', key: 'write', body: { successorId: 'emp_sara' } }),
    );
    assert.deepEqual(
      [result.employee.status, result.employee.successorId, result.movedConversations],
      ['departed', 'emp_sara', 1],
    );
    assert.equal(await cut, 'io server disconnect');
    assert.equal(
      (await notice).message.body.employeeName,
      'Sara Okafor',
      'the customer is told who looks after them now',
    );
    await assert.rejects(h.rawSocket(session.token), /no access/);
    const repeat = await ok(
      await api('employees/ana.lima/deactivate', { method: 'POST', key: 'write', body: { successorId: 'emp_sara' } }),
    );
    assert.equal(repeat.movedConversations, 0, 'a retried deactivation changes nothing');
    assert.equal(
      (await api('sessions/employee', { method: 'POST', key: 'write', body: { employeeId: 'ana.lima' } })).status,
      409,
    );
  });

  test('catalog sync: products upserted in one go (all or none), one by one, and removed', async () => {
    const product = {
      id: 'puer-357',
      title: 'Pu-erh cake, 357 g',
      description: 'Aged 2015',
      imageUrl: '/img/puer.png',
      priceMinor: 32000,
      currency: 'CNY',
      pagePath: '/products/puer',
    };
    assert.deepEqual(
      await ok(await api('products/import', { method: 'POST', key: 'write', body: { products: [product] } })),
      { created: 1, updated: 0, unchanged: 0 },
    );
    assert.deepEqual(
      await ok(await api('products/import', { method: 'POST', key: 'write', body: { products: [product] } })),
      { created: 0, updated: 0, unchanged: 1 },
    );
    const bad = await api('products/import', {
      method: 'POST',
      key: 'write',
      body: {
        products: [
          { ...product, priceMinor: 1 },
          { ...product, id: 'x', currency: 'yuan' },
        ],
      },
    });
    assert.equal(bad.status, 400, 'one bad product refuses the whole import');
    const updated = await ok(
      await api('products/puer-357', {
        method: 'PUT',
        key: 'write',
        body: { ...product, id: undefined, priceMinor: 30000 },
      }),
    );
    assert.equal(updated.priceMinor, 30000);
    const list = productListSchema.parse(await ok(await api('products', { key: 'read' })));
    assert.equal(list.data.find((p) => p.id === 'puer-357')?.priceMinor, 30000);
    const visitor = await h.visitorConversation();
    assert.equal(
      (await callOk(visitor.socket, 'product:get', { productId: 'puer-357' })).priceMinor,
      30000,
      'the elements see the synced price',
    );
    assert.deepEqual(await ok(await api('products/puer-357', { method: 'DELETE', key: 'write' })), { removed: true });
    assert.deepEqual(await ok(await api('products/puer-357', { method: 'DELETE', key: 'write' })), { removed: false });
    assert.equal((await call(visitor.socket, 'product:get', { productId: 'puer-357' })).ok, false);
  });

  test('settings and origins: read, changed, cleared; an origin check says why', async () => {
    const settings = corpSettingsSchema.parse(await ok(await api('settings', { key: 'read' })));
    assert.equal(settings.id, 'acme');
    const changed = corpSettingsSchema.parse(
      await ok(
        await api('settings', {
          method: 'PATCH',
          body: {
            accentColor: '#0a7d5a',
            logoUrl: 'https://cdn.acme.example/logo.png',
            prechat: { fields: ['name'], consentText: 'OK to chat?' },
          },
        }),
      ),
    );
    assert.deepEqual(
      [changed.accentColor, changed.logoUrl, changed.prechat?.fields],
      ['#0a7d5a', 'https://cdn.acme.example/logo.png', ['name']],
    );
    assert.equal(
      (await api('settings', { method: 'PATCH', body: { accentColor: 'red; background: url(x)' } })).status,
      400,
    );
    const cleared = corpSettingsSchema.parse(
      await ok(await api('settings', { method: 'PATCH', body: { prechat: null } })),
    );
    assert.deepEqual([cleared.prechat, cleared.accentColor], [null, '#0a7d5a'], 'null clears, omitted stays');

    // The first screen: a greeting and suggested topics, which every visitor's corp:info carries; bounded.
    const welcome = { greeting: 'Hi! Ask us anything about tea.', topics: ['Where is my order?', 'Wholesale'] };
    const welcomed = corpSettingsSchema.parse(await ok(await api('settings', { method: 'PATCH', body: { welcome } })));
    assert.deepEqual(welcomed.welcome, welcome);
    const info = await callOk((await h.visitorConversation()).socket, 'corp:info', {});
    assert.deepEqual([info.welcome, info.team.every((member: object) => 'avatarUrl' in member)], [welcome, true]);
    const tooMany = { greeting: 'Hi', topics: ['1', '2', '3', '4', '5', '6', '7'] };
    assert.equal((await api('settings', { method: 'PATCH', body: { welcome: tooMany } })).status, 413, 'too many');
    assert.equal(
      (await api('settings', { method: 'PATCH', body: { welcome: { greeting: ' ', topics: [] } } })).status,
      400,
    );
    assert.equal(
      corpSettingsSchema.parse(await ok(await api('settings', { method: 'PATCH', body: { welcome: null } }))).welcome,
      null,
    );

    const origin = encodeURIComponent('https://shop.acme.example');
    assert.deepEqual((await ok(await api(`origins?origin=${origin}`, { method: 'PUT' }))).allowedOrigins, [
      'https://shop.acme.example',
    ]);
    assert.deepEqual(
      (await ok(await api(`origins?origin=${origin}`, { method: 'PUT' }))).allowedOrigins,
      ['https://shop.acme.example'],
      'idempotent',
    );
    assert.equal(
      (await api(`origins?origin=${encodeURIComponent('https://shop.acme.example/page')}`, { method: 'PUT' })).status,
      400,
    );
    const check = await ok(
      await api(`origins/check?origin=${encodeURIComponent('https://other.example')}`, { key: 'read' }),
    );
    assert.deepEqual([check.allowed, /admin of acme must add it/.test(check.reason)], [false, true]);
    assert.equal((await ok(await api(`origins/check?origin=${origin}`, { key: 'read' }))).allowed, true);
    assert.deepEqual((await ok(await api(`origins?origin=${origin}`, { method: 'DELETE' }))).allowedOrigins, []);
  });

  test('outbound messages as an employee or as the company, safe to retry; customers tagged and updated', async () => {
    const { socket, conversationId } = await h.visitorConversation();
    const customerId = (await callOk(socket, 'session:get', {})).id as string;
    const clientId = crypto.randomUUID();
    const pushed = next<{ message: unknown }>(socket, 'message:new');
    const first = await ok(
      await api(`customers/${customerId}/messages`, {
        method: 'POST',
        key: 'write',
        body: { clientId, text: 'Your order has shipped.' },
      }),
    );
    const retry = await ok(
      await api(`customers/${customerId}/messages`, {
        method: 'POST',
        key: 'write',
        body: { clientId, text: 'Your order has shipped.' },
      }),
    );
    assert.deepEqual([first.duplicate, retry.duplicate, retry.message.id], [false, true, first.message.id]);
    const message = messageSchema.parse((await pushed).message);
    assert.deepEqual(
      [message.conversationId, message.sender.kind, message.sender.id, message.sender.name],
      [conversationId, 'employee', null, 'Acme Tea Co.'],
    );

    const asLin = await ok(
      await api(`conversations/${conversationId}/messages`, {
        method: 'POST',
        key: 'write',
        body: { clientId: crypto.randomUUID(), text: 'Hi, Lin here', employeeId: 'emp_lin' },
      }),
    );
    assert.deepEqual([asLin.message.sender.id, asLin.message.seq], ['emp_lin', 2]);
    assert.equal(
      (
        await api(`conversations/${conversationId}/messages`, {
          method: 'POST',
          key: 'write',
          body: { clientId, text: 'reused', employeeId: 'emp_lin' },
        })
      ).status,
      409,
    );
    assert.equal(
      (
        await api(`conversations/${crypto.randomUUID()}/messages`, {
          method: 'POST',
          key: 'write',
          body: { clientId, text: 'x' },
        })
      ).status,
      404,
    );

    const tagged = customerProfileSchema.parse(
      await ok(
        await api(`customers/${customerId}`, {
          method: 'PATCH',
          key: 'write',
          body: { name: 'Mei', addTags: ['vip', 'wholesale'] },
        }),
      ),
    );
    const twice = customerProfileSchema.parse(
      await ok(
        await api(`customers/${customerId}`, {
          method: 'PATCH',
          key: 'write',
          body: { addTags: ['VIP'], removeTags: ['wholesale'] },
        }),
      ),
    );
    assert.deepEqual([tagged.name, tagged.tags, twice.tags], ['Mei', ['vip', 'wholesale'], ['vip']]);
  });

  test('the OpenAPI document lists the management routes with their schemas', async () => {
    const document = await ok(await fetch(`${h.server.url}/api/v1/openapi.json`));
    for (const path of [
      '/employees/{employeeId}',
      '/products/import',
      '/settings',
      '/origins/check',
      '/sessions/employee',
      '/customers/{customerId}/messages',
    ]) {
      assert.ok(document.paths[path], path);
    }
    assert.ok(document.paths['/employees/{employeeId}'].put.requestBody);
  });

  test('the workbench’s admin events: the console in one read, settings, an origin check, people, keys; agents refused', async () => {
    const receiver = createServer((_request, response) => response.writeHead(500).end());
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      await ok(await api('webhooks', { method: 'POST', body: { url: hookUrl, events: ['customer.created'] } }));
      await h.visitorToken(); // a new customer: one event to deliver (the receiver fails it)
      await h.server.deliverWebhooks();

      const lin = await h.rawSocket(await h.employeeToken('emp_lin'));
      const view = adminConsoleSchema.parse(await callOk(lin, 'admin:console', {}));
      assert.equal(view.settings.id, 'acme');
      assert.ok(view.employees.some((employee) => employee.id === 'emp_sara' && employee.role === 'agent'));
      assert.ok(view.apiKeys.some((key) => key.scope === 'write'));
      const hook = view.webhooks.find((subscription) => subscription.url === hookUrl)!;
      assert.deepEqual(
        [hook.deliveries[0]?.eventType, hook.deliveries[0]?.lastStatus, hook.deliveries[0]?.deliveredAt],
        ['customer.created', 500, null],
      );

      const renamed = await callOk(lin, 'admin:settings', { name: 'Acme Tea', accentColor: '#7a2e2e' });
      assert.deepEqual([renamed.name, renamed.accentColor], ['Acme Tea', '#7a2e2e']);
      assert.equal((await h.server.stores.corps.getCorp('acme'))?.name, 'Acme Tea');
      await callOk(lin, 'admin:settings', { name: 'Acme Tea Co.' });
      assert.equal((await callOk(lin, 'admin:origin-check', { origin: 'https://nowhere.example' })).allowed, false);
      const hired = await callOk(lin, 'admin:employee-save', {
        employeeId: 'kim',
        name: 'Kim Ito',
        email: 'kim@acme.example',
        role: 'admin',
      });
      assert.deepEqual([hired.id, hired.role, hired.status], ['kim', 'admin', 'active']);
      const key = await callOk(lin, 'admin:apikey-create', { name: 'ERP', scope: 'read' });
      assert.match(key.key, /^ixk_/);
      assert.equal((await api('employees', { key: undefined, bearer: key.key })).status, 200);
      assert.deepEqual(await callOk(lin, 'admin:apikey-revoke', { keyId: key.id }), { revoked: true });
      assert.equal((await api('employees', { bearer: key.key })).status, 401);

      const sara = await h.rawSocket(await h.employeeToken('emp_sara'));
      const refused = await call(sara, 'admin:console', {});
      assert.equal(!refused.ok && refused.error.code, 'forbidden');
    } finally {
      receiver.close();
    }
  });
});
