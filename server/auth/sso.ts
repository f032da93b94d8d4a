import * as oidc from 'openid-client';
import { InteropError, employeeIdSchema, type SsoConfig, type SsoSettings } from '@interop-kit/elements/protocol';
import type { Corp, CorpStore, Employee } from '../corps/store.js';
import type { Queryable } from '../db/database.js';
import { signEmployeeToken } from './tokens.js';

interface SsoRow {
  display_name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  claim: string;
  match_by: 'id' | 'email';
  create_employees: boolean;
}

const toConfig = (row: SsoRow): SsoConfig => ({
  displayName: row.display_name,
  issuer: row.issuer,
  clientId: row.client_id,
  clientSecret: row.client_secret,
  claim: row.claim,
  matchBy: row.match_by,
  createEmployees: row.create_employees,
});

/** Where the provider sends the browser back: register exactly this at the provider. */
export const ssoRedirectUri = (publicBase: string, corpId: string) => `${publicBase}/api/corps/${corpId}/sso/callback`;

export function ssoSettings(config: SsoConfig, publicBase: string, corpId: string): SsoSettings {
  const { clientSecret: _secret, ...visible } = config;
  return { ...visible, redirectUri: ssoRedirectUri(publicBase, corpId) };
}

/** Each company's single sign-on configuration, one row per corp. */
export function createSsoStore(db: Queryable) {
  return {
    async get(corpId: string): Promise<SsoConfig | undefined> {
      const { rows } = await db.query<SsoRow>('SELECT * FROM corp_sso WHERE corp_id = $1', [corpId]);
      return rows[0] && toConfig(rows[0]);
    },
    async set(corpId: string, config: SsoConfig): Promise<void> {
      await db.query(
        `INSERT INTO corp_sso (corp_id, display_name, issuer, client_id, client_secret, claim, match_by, create_employees)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (corp_id) DO UPDATE SET display_name = EXCLUDED.display_name, issuer = EXCLUDED.issuer,
           client_id = EXCLUDED.client_id, client_secret = EXCLUDED.client_secret, claim = EXCLUDED.claim,
           match_by = EXCLUDED.match_by, create_employees = EXCLUDED.create_employees, updated_at = now()`,
        [
          corpId,
          config.displayName,
          config.issuer,
          config.clientId,
          config.clientSecret,
          config.claim,
          config.matchBy,
          config.createEmployees,
        ],
      );
    },
    async remove(corpId: string): Promise<boolean> {
      const { rows } = await db.query('DELETE FROM corp_sso WHERE corp_id = $1 RETURNING corp_id', [corpId]);
      return rows.length > 0;
    },
  };
}
export type SsoStore = ReturnType<typeof createSsoStore>;

/** What a sign-in in progress keeps (in a signed, HttpOnly cookie) between leaving for the provider and coming back. */
export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export interface SsoOptions {
  store: SsoStore;
  corps: CorpStore;
  tokenSecret: string;
  employeeTokenTtl: number;
  /** Outside production an issuer may be plain http (a provider on the developer's machine, the tests'). */
  production: boolean;
  /** How the backend talks to providers; tests inject faults here (a tampered token endpoint answer). */
  fetch?: oidc.CustomFetch | undefined;
  log: (message: string, error?: unknown) => void;
}

const DISCOVERY_TTL_MS = 10 * 60_000;

/**
 * OpenID Connect single sign-on for employees, per company: the authorization code flow with PKCE, state and nonce,
 * through `openid-client` (which checks the ID token's signature against the provider's keys, its issuer, audience,
 * expiry and nonce). The ID token's configured claim names the employee; a departed one is refused, an unknown one
 * refused or created as an agent when the company says so. Success is an ordinary employee session token.
 */
export function createSso(options: SsoOptions) {
  const { store, corps } = options;
  const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

  /** The provider's metadata and keys, discovered once and kept for a while (a failed discovery is tried again). */
  function providerOf(sso: SsoConfig): Promise<oidc.Configuration> {
    const key = `${sso.issuer}\n${sso.clientId}\n${sso.clientSecret}`;
    const cached = discovered.get(key);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const insecure = new URL(sso.issuer).protocol === 'http:';
    if (insecure && options.production)
      return Promise.reject(new InteropError('invalid_payload', 'An OpenID provider must be https in production'));
    const config = oidc
      .discovery(new URL(sso.issuer), sso.clientId, sso.clientSecret, undefined, {
        // The ID token's signature is checked against the provider's keys too, not only trusted for having come
        // over TLS from the token endpoint (which the spec allows): a proxy or a broken TLS setup cannot forge one.
        execute: insecure
          ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks]
          : [oidc.enableNonRepudiationChecks],
        ...(options.fetch ? { [oidc.customFetch]: options.fetch } : {}),
      })
      .catch((error: unknown) => {
        discovered.delete(key);
        options.log(`OpenID discovery of ${sso.issuer} failed`, error);
        throw new InteropError('unavailable', `The sign-in provider ${sso.displayName} could not be reached`);
      });
    discovered.set(key, { at: Date.now(), config });
    return config;
  }

  async function configured(corpId: string): Promise<SsoConfig> {
    const sso = await store.get(corpId);
    if (!sso) throw new InteropError('not_found', `${corpId} has no single sign-on`);
    return sso;
  }

  /** The employee the ID token's claims name (created as an agent when the company allows it). */
  async function employeeFor(corp: Corp, sso: SsoConfig, claims: Record<string, unknown>): Promise<Employee> {
    const value = claims[sso.claim];
    if (typeof value !== 'string' || !value)
      throw new InteropError('forbidden', `The sign-in did not say who you are (no ${sso.claim} claim)`);
    if (sso.matchBy === 'email' && claims.email_verified === false)
      throw new InteropError('forbidden', 'Your email address is not verified with the sign-in provider');
    const found =
      sso.matchBy === 'email' ? await corps.employeeByEmail(corp.id, value) : await corps.getEmployee(corp.id, value);
    if (found) {
      if (found.status !== 'active')
        throw new InteropError('forbidden', `${found.name} no longer has access to ${corp.name}`);
      return found;
    }
    const email = typeof claims.email === 'string' ? claims.email : sso.matchBy === 'email' ? value : undefined;
    if (!sso.createEmployees || !email || !employeeIdSchema.safeParse(value).success) {
      throw new InteropError('forbidden', `${value} is not an employee of ${corp.name}; ask an admin to add you`);
    }
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 100) : value;
    return (await corps.upsertEmployee(corp.id, value, { name, email })).employee;
  }

  return {
    /** What a sign-in page offers, if anything. */
    async info(corpId: string): Promise<{ name: string } | null> {
      const sso = await store.get(corpId);
      return sso ? { name: sso.displayName } : null;
    },

    /** Where to send the browser, and what to keep until it comes back. */
    async start(corp: Corp, redirectUri: string, returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
      const sso = await configured(corp.id);
      const provider = await providerOf(sso);
      const pending = {
        verifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        returnTo,
      };
      const url = oidc.buildAuthorizationUrl(provider, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },

    /** Redeems the code the provider sent back; the employee's session token, or a typed refusal. */
    async finish(
      corp: Corp,
      callbackUrl: URL,
      pending: PendingSignIn,
    ): Promise<{ token: string; expiresAt: string; employee: Employee }> {
      const sso = await configured(corp.id);
      const provider = await providerOf(sso);
      let claims: Record<string, unknown> | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        claims = idToken;
        // Many providers put profile claims (email, name) in the userinfo answer rather than the ID token.
        if (idToken && idToken[sso.claim] === undefined) {
          claims = { ...(await oidc.fetchUserInfo(provider, tokens.access_token, idToken.sub)), ...idToken };
        }
      } catch (error) {
        options.log(`single sign-on for ${corp.id} refused`, error);
        // openid-client's own message is general; its cause says which check failed (the "aud" claim, the signature…).
        const cause = (error as { cause?: unknown }).cause;
        const detail = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
        throw new InteropError('unauthorized', `The sign-in could not be verified: ${detail}`);
      }
      if (!claims) throw new InteropError('unauthorized', 'The sign-in provider sent no ID token');
      const employee = await employeeFor(corp, sso, claims);
      return { ...signEmployeeToken(options.tokenSecret, employee, options.employeeTokenTtl), employee };
    },

    /** Where the provider ends its own session too (RP-initiated logout), when it offers that. */
    async endSessionUrl(corpId: string, postLogoutRedirectUri: string): Promise<string | null> {
      const sso = await store.get(corpId);
      if (!sso) return null;
      const provider = await providerOf(sso).catch(() => undefined);
      if (!provider?.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(provider, {
        post_logout_redirect_uri: postLogoutRedirectUri,
        client_id: sso.clientId,
      }).href;
    },
  };
}
export type Sso = ReturnType<typeof createSso>;
