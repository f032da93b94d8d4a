import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signToken, userHash } from '../auth/tokens.js';
import { CLIENT_EVENT_NAMES, clientEvents, type CallerRole } from '@interop-kit/elements/protocol';
import { call, startHarness, type Harness } from './harness.js';

describe('authorization', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await h.otherCompany({ id: 'emp_globex' }, ['https://globex.example']);
  });
  after(() => h.close());

  test('a visitor token cannot open or read another visitor conversation', async () => {
    const alice = await h.rawSocket((await h.visitorToken()).token);
    const mallory = await h.rawSocket((await h.visitorToken()).token);
    const opened = await call(alice, 'conversation:open', {});
    assert.equal(opened.ok, true);
    const conversationId = opened.ok && opened.data.id;
    await call(alice, 'message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'text', body: { text: 'my secret' } },
    });

    for (const [event, payload] of [
      ['conversation:open', { conversationId }],
      ['history:page', { conversationId }],
      ['sync', { conversationId, afterSeq: 0 }],
      ['message:read', { conversationId, upToSeq: 1 }],
      [
        'message:send',
        { conversationId, clientId: crypto.randomUUID(), content: { kind: 'text', body: { text: 'hi' } } },
      ],
    ] as const) {
      const ack = await call(mallory, event, payload);
      assert.deepEqual(
        ack.ok ? 'ok' : ack.error.code,
        'not_found',
        `${event}: to mallory, alice's conversation does not exist`,
      );
    }
    const list = await call(mallory, 'conversation:list', {});
    assert.equal(list.ok && list.data.conversations.length, 0, 'the other visitor lists none of alice’s conversations');
  });

  test('a pushed message reaches only the sockets allowed to see it', async () => {
    const alice = await h.rawSocket((await h.visitorToken()).token);
    const bob = await h.rawSocket((await h.visitorToken()).token);
    const globexStaff = await h.rawSocket(await h.employeeToken('emp_globex', 'globex'));
    const seenByBob: unknown[] = [];
    const seenByGlobex: unknown[] = [];
    bob.on('message:new', (m) => seenByBob.push(m));
    globexStaff.on('message:new', (m) => seenByGlobex.push(m));
    const opened = await call(alice, 'conversation:open', {});
    assert.ok(opened.ok);
    const sent = await call(alice, 'message:send', {
      conversationId: opened.data.id,
      clientId: crypto.randomUUID(),
      content: { kind: 'text', body: { text: 'private' } },
    });
    assert.ok(sent.ok);
    // A round trip on each socket after the send: any push would have arrived before its ack.
    await call(bob, 'conversation:list', {});
    await call(globexStaff, 'conversation:list', {});
    assert.deepEqual(seenByBob, []);
    assert.deepEqual(seenByGlobex, []);
  });

  test('every event refuses the callers its protocol entry does not name, before its payload is even read', async () => {
    const visitor = await h.rawSocket((await h.visitorToken()).token);
    const agent = await h.rawSocket(await h.employeeToken('emp_sara'));
    const admin = await h.rawSocket(await h.employeeToken('emp_lin'));
    const sockets = { visitor, employee: agent, admin };
    const allowed = (role: CallerRole, callers: readonly CallerRole[]) =>
      callers.includes(role) || (role === 'admin' && callers.includes('employee'));
    for (const event of CLIENT_EVENT_NAMES) {
      const callers: readonly CallerRole[] = clientEvents[event].callers;
      for (const role of ['visitor', 'employee', 'admin'] as const) {
        // A payload no event accepts: an allowed caller gets invalid_payload, anyone else forbidden.
        const ack = await call(sockets[role], event, { conversationId: 42, unexpected: '\u0000' });
        const code = ack.ok ? 'ok' : ack.error.code;
        if (allowed(role, callers)) assert.notEqual(code, 'forbidden', `${role} may call ${event}`);
        else assert.equal(code, 'forbidden', `${role} may not call ${event}`);
      }
    }
    // A demoted admin loses admin-only events at once, on the socket already open.
    await h.server.db.query(`UPDATE employees SET role = 'agent' WHERE id = 'emp_lin'`);
    try {
      const refused = await call(admin, 'quickreply:save', { title: 'Hi', text: 'Hello' });
      assert.equal(!refused.ok && refused.error.code, 'forbidden');
    } finally {
      await h.server.db.query(`UPDATE employees SET role = 'admin' WHERE id = 'emp_lin'`);
    }
  });

  test('customers may not author the company’s cards or payment requests', async () => {
    const { socket, conversationId } = await h.visitorConversation();
    for (const content of [
      { kind: 'product_card', body: { productId: 'longjing-250' } },
      { kind: 'business_card', body: { employeeId: 'emp_lin' } },
      { kind: 'payment_request', body: { productId: 'longjing-250', quantity: 1 } },
    ]) {
      const ack = await call(socket, 'message:send', { conversationId, clientId: crypto.randomUUID(), content });
      assert.equal(ack.ok ? 'ok' : ack.error.code, 'forbidden', content.kind);
    }
  });

  test('a token of corp A gets forbidden on corp B', async () => {
    const { token } = await h.visitorToken();
    await assert.rejects(h.rawSocket(token, { corp: 'globex' }), (error: Error & { data?: { code: string } }) => {
      assert.equal(error.data?.code, 'forbidden');
      return true;
    });
    // An employee of corp B cannot reach a conversation of corp A either.
    const alice = await h.rawSocket(token);
    const opened = await call(alice, 'conversation:open', {});
    assert.ok(opened.ok);
    const globex = await h.rawSocket(await h.employeeToken('emp_globex', 'globex'));
    const ack = await call(globex, 'conversation:open', { conversationId: opened.data.id });
    assert.equal(!ack.ok && ack.error.code, 'not_found');
    const list = await call(globex, 'conversation:list', {});
    assert.ok(list.ok && list.data.conversations.every((c: { corpId: string }) => c.corpId === 'globex'));
  });

  test('a disallowed Origin is refused on the socket and on the HTTP API', async () => {
    const { token } = await h.visitorToken();
    await assert.rejects(
      h.rawSocket(token, { origin: 'https://evil.example' }),
      (error: Error & { data?: { code: string; reason: string; message: string } }) => {
        assert.deepEqual([error.data?.code, error.data?.reason], ['forbidden', 'origin_not_allowed']);
        assert.match(
          error.data!.message,
          /^Pages on https:\/\/evil\.example may not use acme: an admin of acme must allow this origin/,
        );
        return true;
      },
    );
    // The preflight passes and the refusal itself is readable by the page (no secret in it), so the element and
    // the developer's console can say what is wrong instead of a generic network error. Nothing else is served.
    const preflight = await fetch(`${h.server.url}/api/corps/acme/sessions/visitor`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    const refused = await fetch(`${h.server.url}/api/corps/acme/sessions/visitor`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), 'https://evil.example');
    const body = await refused.json();
    assert.deepEqual([body.error.code, body.error.reason, 'token' in body], ['forbidden', 'origin_not_allowed', false]);
    const customers = await h.server.db.query(`SELECT count(*)::int AS n FROM customers WHERE corp_id = 'acme'`);
    const again = await fetch(`${h.server.url}/api/corps/acme/sessions/visitor`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(again.status, 403);
    assert.deepEqual(
      (await h.server.db.query(`SELECT count(*)::int AS n FROM customers WHERE corp_id = 'acme'`)).rows,
      customers.rows,
      'a refused page makes no customer',
    );

    // The corp's own allowlist works: globex allows its site.
    const allowed = await fetch(`${h.server.url}/api/corps/globex/sessions/visitor`, {
      method: 'OPTIONS',
      headers: { origin: 'https://globex.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://globex.example');
    const globexVisitor = await h.visitorToken({ corp: 'globex' }, { origin: 'https://globex.example' });
    await h.rawSocket(globexVisitor.token, { origin: 'https://globex.example', corp: 'globex' });
  });

  test('forged, tampered and expired tokens are unauthorized', async () => {
    const secret = await h.server.stores.corps.tokenSecret();
    const { token } = await h.visitorToken();
    const [prefix, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = `${prefix}.${Buffer.from(JSON.stringify({ ...claims, corp: 'globex' })).toString('base64url')}.${signature}`;
    const forged = signToken(
      'not-the-secret-not-the-secret-xx',
      { corp: 'acme', kind: 'employee', sub: 'emp_lin' },
      60,
    ).token;
    const expired = signToken(
      secret,
      { corp: 'acme', kind: 'visitor', sub: claims.sub },
      60,
      Date.now() - 120_000,
    ).token;
    for (const bad of [tampered, forged, expired, 'garbage', '']) {
      await assert.rejects(h.rawSocket(bad), (error: Error & { data?: { code: string } }) => {
        assert.equal(error.data?.code, 'unauthorized', `token ${bad.slice(0, 20)} must be unauthorized`);
        return true;
      });
    }
  });

  test('a verified identity needs the corp secret’s HMAC of the user id', async () => {
    const corp = await h.server.stores.corps.getCorp('acme');
    await assert.rejects(h.visitorToken({ userId: 'user-42', userHash: 'ab'.repeat(32) }), /HTTP 401/);
    const { token } = await h.visitorToken({
      userId: 'user-42',
      userHash: userHash(corp!.secret, 'user-42'),
      name: '王小明',
    });
    const socket = await h.rawSocket(token);
    const session = await call(socket, 'session:get');
    assert.ok(session.ok);
    assert.equal(session.data.verified, true);
    assert.equal(session.data.name, '王小明');
    // The same user id from another browser is the same customer.
    const again = await h.visitorToken({ userId: 'user-42', userHash: userHash(corp!.secret, 'user-42') });
    const second = await call(await h.rawSocket(again.token), 'session:get');
    assert.equal(second.ok && second.data.id, session.data.id);
  });

  test('an anonymous visitor key brings back the same customer; a fresh browser is a new one', async () => {
    const first = await h.visitorToken();
    const again = await h.visitorToken({ visitorKey: first.visitorKey });
    const other = await h.visitorToken();
    const id = async (token: string) => {
      const ack = await call(await h.rawSocket(token), 'session:get');
      assert.ok(ack.ok);
      return ack.data.id;
    };
    assert.equal(await id(again.token), await id(first.token));
    assert.notEqual(await id(other.token), await id(first.token));
  });

  test('one address cannot mint visitor sessions without limit', async () => {
    const limited = await startHarness({ limits: { sessionsPerMinute: 5 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const response = await fetch(`${limited.server.url}/api/corps/acme/sessions/visitor`, {
          method: 'POST',
          body: '{}',
        });
        statuses.push(response.status);
        if (response.status === 429)
          assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'rate_limited');
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
      const { rows } = await limited.server.db.query<{ count: number }>('SELECT count(*)::int AS count FROM customers');
      assert.equal(rows[0]!.count, 5, 'refused requests created no customer');
    } finally {
      await limited.close();
    }
  });

  test('the dev employee login does not exist in production', async () => {
    const prod = await startHarness({ production: true });
    try {
      const response = await fetch(`${prod.server.url}/api/corps/acme/sessions/employee-dev`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ employeeId: 'emp_lin' }),
      });
      assert.equal(response.status, 404);
    } finally {
      await prod.close();
    }
  });
});
