import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Provider from 'oidc-provider';
import * as oidc from 'openid-client';
import { ssoSettingsSchema } from '@interop-kit/elements/protocol';
import { call, callOk, startHarness, type Harness } from './harness.js';

/** The people the OpenID provider knows, by account id. */
const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  'okta|lin': { email: 'Lin.Wei@acme-tea.example', email_verified: true, name: 'Lin Wei' },
  'okta|sara': { email: 'sara.okafor@acme-tea.example', email_verified: true, name: 'Sara Okafor' },
  'okta|new': { email: 'new.hire@acme-tea.example', email_verified: true, name: 'New Hire' },
};

/** A browser's cookies, per origin, for following the redirects of a sign-in by hand. */
class CookieJar {
  #jar = new Map<string, Map<string, string>>();
  header(url: string) {
    return [...(this.#jar.get(new URL(url).origin)?.entries() ?? [])]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }
  store(url: string, response: Response) {
    const origin = new URL(url).origin;
    const cookies = this.#jar.get(origin) ?? new Map<string, string>();
    this.#jar.set(origin, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=Thu, 01 Jan 1970)/i.test(attribute));
      if (expired) cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value.join('='));
    }
  }
}

describe('single sign-on with a real OpenID provider (oidc-provider on loopback)', () => {
  let h: Harness;
  let op: Server;
  let issuer: string;
  let provider: Provider;
  /** Who the provider's login page signs in next. */
  let signInAs = 'okta|lin';
  /** What the backend's calls to the provider's token endpoint get: the truth, or a tampered answer. */
  let tamper: ((body: Record<string, unknown>) => Record<string, unknown>) | undefined;
  const returnTo = () => `${h.server.url}/workbench.html`;
  const callback = () => `${h.server.url}/api/corps/acme/sso/callback`;
  const adminKey = { value: '' };

  /** Follows redirects like a browser until the sign-in comes back to the page (or `stopAt` matches). */
  async function browse(start: string, jar: CookieJar, stopAt: (url: string) => boolean): Promise<string> {
    let url = start;
    for (let hop = 0; hop < 15; hop++) {
      if (stopAt(url)) return url;
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
      jar.store(url, response);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || !location)
        throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
      url = new URL(location, url).href;
    }
    throw new Error('too many redirects');
  }

  /** A whole sign-in from the workbench page; the outcome the page reads from its URL's fragment. */
  async function signIn(jar = new CookieJar(), until?: (url: string) => boolean) {
    const landed = await browse(
      `${h.server.url}/api/corps/acme/sso/login?returnTo=${encodeURIComponent(returnTo())}`,
      jar,
      (url) => url.startsWith(returnTo()) || (until?.(url) ?? false),
    );
    return { landed, outcome: Object.fromEntries(new URLSearchParams(new URL(landed).hash.slice(1))) };
  }

  before(async () => {
    h = await startHarness({
      ssoFetch: async (url, options) => {
        const response = await fetch(url, options as RequestInit);
        if (!tamper || !String(url).endsWith('/token')) return response;
        return new Response(JSON.stringify(tamper(await response.json())), {
          status: response.status,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    op = createServer();
    await new Promise<void>((resolve) => op.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(op.address() as AddressInfo).port}`;
    const client = (client_id: string) => ({
      client_id,
      client_secret: `${client_id}-secret-that-is-long-enough`,
      redirect_uris: [callback()],
      post_logout_redirect_uris: [h.server.url],
      token_endpoint_auth_method: 'client_secret_post' as const,
    });
    provider = new Provider(issuer, {
      clients: [client('interop'), client('another-app')],
      findAccount: (_ctx, id) =>
        ACCOUNTS[id] ? { accountId: id, claims: () => ({ sub: id, ...ACCOUNTS[id] }) } : undefined,
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      cookies: { keys: ['a-cookie-key-for-the-test-provider'] },
    });
    const callbackHandler = provider.callback();
    // The provider's login and consent page, answered at once for `signInAs` (a person would type a password here).
    op.on('request', async (req, res) => {
      if (!req.url?.startsWith('/interaction/')) return callbackHandler(req, res);
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: signInAs, clientId: String(details.params.client_id) });
      grant.addOIDCScope('openid email profile');
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: signInAs }, consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: false },
      );
    });

    adminKey.value = (await h.server.stores.apiKeys.create('acme', 'sso admin', 'admin')).key;
    const configured = await fetch(`${h.server.url}/api/v1/sso`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey.value}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        displayName: 'Acme Okta',
        issuer,
        clientId: 'interop',
        clientSecret: 'interop-secret-that-is-long-enough',
      }),
    });
    const settings = ssoSettingsSchema.parse(await configured.json());
    assert.deepEqual(
      [settings.redirectUri, settings.claim, settings.matchBy, 'clientSecret' in settings],
      [callback(), 'email', 'email', false],
    );
  });
  after(async () => {
    op.closeAllConnections();
    await new Promise((resolve) => op.close(resolve));
    await h.close();
  });

  test('the sign-in page is offered the provider; an employee signs in and the token opens the workbench', async () => {
    const info = await (await fetch(`${h.server.url}/api/corps/acme/sso`)).json();
    assert.deepEqual(info.sso, { name: 'Acme Okta', loginUrl: `${h.server.url}/api/corps/acme/sso/login` });

    signInAs = 'okta|lin';
    const { landed, outcome } = await signIn();
    assert.equal(landed.split('#')[0], returnTo());
    assert.ok(outcome.ix_token, JSON.stringify(outcome));
    const socket = await h.rawSocket(outcome.ix_token!);
    const session = await callOk(socket, 'session:get', {});
    assert.deepEqual([session.kind, session.id], ['employee', 'emp_lin'], 'matched by email, whatever its case');
  });

  test('an unknown person is refused, or becomes an agent when the company says so; a departed one is refused', async () => {
    signInAs = 'okta|new';
    const refused = await signIn();
    assert.deepEqual([refused.outcome.ix_error, refused.outcome.ix_token], ['forbidden', undefined]);
    assert.match(refused.outcome.ix_error_message!, /new\.hire@acme-tea\.example is not an employee of Acme Tea Co\./);

    await fetch(`${h.server.url}/api/v1/sso`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey.value}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        displayName: 'Acme Okta',
        issuer,
        clientId: 'interop',
        clientSecret: 'interop-secret-that-is-long-enough',
        createEmployees: true,
      }),
    });
    const created = await signIn();
    assert.ok(created.outcome.ix_token);
    const employee = await h.server.stores.corps.getEmployee('acme', 'new.hire@acme-tea.example');
    assert.deepEqual([employee?.name, employee?.role, employee?.status], ['New Hire', 'agent', 'active']);

    await h.server.db.query(
      `UPDATE employees SET status = 'departed' WHERE corp_id = 'acme' AND id = 'new.hire@acme-tea.example'`,
    );
    const departed = await signIn();
    assert.deepEqual(
      [departed.outcome.ix_error, /no longer has access/.test(departed.outcome.ix_error_message!)],
      ['forbidden', true],
    );
  });

  test('an ID token for another client (wrong audience) or with a tampered signature is refused', async () => {
    signInAs = 'okta|sara';
    // Our sign-in goes as far as the provider; its nonce is in the authorization URL.
    const jar = new CookieJar();
    const atProvider = await browse(
      `${h.server.url}/api/corps/acme/sso/login?returnTo=${encodeURIComponent(returnTo())}`,
      jar,
      (url) => url.startsWith(issuer),
    );
    const nonce = new URL(atProvider).searchParams.get('nonce')!;
    // Meanwhile "another-app" gets a perfectly valid ID token for Sara, with that nonce, but for itself.
    const other = await oidc.discovery(
      new URL(issuer),
      'another-app',
      'another-app-secret-that-is-long-enough',
      undefined,
      { execute: [oidc.allowInsecureRequests] },
    );
    const verifier = oidc.randomPKCECodeVerifier();
    const authorize = oidc.buildAuthorizationUrl(other, {
      redirect_uri: callback(),
      scope: 'openid email',
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const back = await browse(authorize.href, new CookieJar(), (url) => url.startsWith(callback()));
    const foreign = await oidc.authorizationCodeGrant(other, new URL(back), {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    assert.equal(foreign.claims()?.aud, 'another-app');

    // The token endpoint's answer to the backend carries that token instead of its own.
    tamper = (body) => ({ ...body, id_token: foreign.id_token });
    try {
      const landed = await browse(atProvider, jar, (url) => url.startsWith(returnTo()));
      const outcome = Object.fromEntries(new URLSearchParams(new URL(landed).hash.slice(1)));
      assert.deepEqual([outcome.ix_error, outcome.ix_token], ['unauthorized', undefined]);
      assert.match(outcome.ix_error_message!, /"aud"/);

      tamper = (body) => {
        const [header, payload, signature] = String(body.id_token).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
        return {
          ...body,
          id_token: [
            header,
            Buffer.from(JSON.stringify({ ...claims, email: 'lin.wei@acme-tea.example' })).toString('base64url'),
            signature,
          ].join('.'),
        };
      };
      const tampered = await signIn();
      assert.deepEqual([tampered.outcome.ix_error, tampered.outcome.ix_token], ['unauthorized', undefined]);
      assert.match(tampered.outcome.ix_error_message!, /signature/i);
    } finally {
      tamper = undefined;
    }
  });

  test('a callback the backend did not start, or a return page on a foreign origin, is refused', async () => {
    const forged = await fetch(`${callback()}?code=stolen&state=guess`, { redirect: 'manual' });
    assert.equal(forged.status, 401);
    const foreign = await fetch(
      `${h.server.url}/api/corps/acme/sso/login?returnTo=${encodeURIComponent('https://evil.example/steal')}`,
      { redirect: 'manual' },
    );
    assert.equal(foreign.status, 403);
  });

  test('signing out ends every session of the employee at once, and offers the provider’s own sign-out', async () => {
    signInAs = 'okta|lin';
    const { outcome } = await signIn();
    const token = outcome.ix_token!;
    const socket = await h.rawSocket(token);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const response = await fetch(`${h.server.url}/api/corps/acme/sessions/employee/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.ok(body.endSessionUrl.startsWith(`${issuer}/session/end`), body.endSessionUrl);
    assert.equal(await cut, 'io server disconnect');
    await assert.rejects(h.rawSocket(token), /signed out/);
    // Signing in again gives a session that works.
    const again = await signIn();
    await h.rawSocket(again.outcome.ix_token!);
  });

  test('an admin sets single sign-on from the workbench (admin socket events): used at once; an agent may not; off again', async () => {
    const lin = await h.rawSocket(await h.employeeToken('emp_lin'));
    const config = {
      displayName: 'Acme SSO',
      issuer,
      clientId: 'interop',
      clientSecret: 'interop-secret-that-is-long-enough',
    };
    const set = ssoSettingsSchema.parse(await callOk(lin, 'admin:sso-set', config));
    assert.deepEqual([set.displayName, set.redirectUri, 'clientSecret' in set], ['Acme SSO', callback(), false]);
    const info = await (await fetch(`${h.server.url}/api/corps/acme/sso`)).json();
    assert.equal(info.sso.name, 'Acme SSO');
    signInAs = 'okta|lin';
    assert.ok((await signIn()).outcome.ix_token, 'signs in with it');

    const sara = await h.rawSocket(await h.employeeToken('emp_sara'));
    const refused = await call(sara, 'admin:sso-remove', {});
    assert.equal(!refused.ok && refused.error.code, 'forbidden');
    // The issuer is an outbound URL like any other: never aimed at the backend itself.
    const inward = await call(lin, 'admin:sso-set', { ...config, issuer: h.server.url });
    assert.equal(inward.ok, false);

    assert.deepEqual(await callOk(lin, 'admin:sso-remove', {}), { removed: true });
    assert.equal((await (await fetch(`${h.server.url}/api/corps/acme/sso`)).json()).sso, null);
    assert.deepEqual(await callOk(lin, 'admin:sso-remove', {}), { removed: false }, 'idempotent');
  });
});
