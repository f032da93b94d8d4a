import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { API_KEY_SCOPES, InteropError, type ApiKey, type ApiKeyScope } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';

const KEY_PREFIX = 'ixk_';
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** What a key's request limit is counted against: never the key itself, which must not sit in memory or Redis. */
export const apiKeyFingerprint = (authorization: string) =>
  createHash('sha256').update(authorization).digest('base64url');

interface ApiKeyRow {
  id: string;
  corp_id: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  prefix: row.prefix,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** Whether a key of scope `held` may do what needs `needed` (each scope includes the ones before it). */
export const scopeAllows = (held: ApiKeyScope, needed: ApiKeyScope) =>
  API_KEY_SCOPES.indexOf(held) >= API_KEY_SCOPES.indexOf(needed);

/** The corp a request's API key belongs to, and what the key may do. */
export interface ApiKeyGrant {
  corpId: string;
  scope: ApiKeyScope;
}

/** Corp-scoped keys for the CRM and management API. Only a hash is stored: a leaked database hands out no keys. */
export function createApiKeyStore(db: Queryable) {
  return {
    async create(
      corpId: string,
      name: string,
      scope: ApiKeyScope,
      createdBy: string | null = null,
    ): Promise<ApiKey & { key: string }> {
      const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const { rows } = await db.query<ApiKeyRow>(
        `INSERT INTO api_keys (id, corp_id, name, scope, key_hash, prefix, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [randomUUID(), corpId, name, scope, hashKey(key), key.slice(0, 12), createdBy],
      );
      return { ...toApiKey(rows[0]!), key };
    },

    async list(corpId: string): Promise<ApiKey[]> {
      const { rows } = await db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE corp_id = $1 ORDER BY created_at', [
        corpId,
      ]);
      return rows.map(toApiKey);
    },

    async revoke(corpId: string, id: string): Promise<boolean> {
      const { rows } = await db.query(
        'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE corp_id = $1 AND id = $2 RETURNING id',
        [corpId, id],
      );
      return rows.length > 0;
    },

    /** The corp and scope of a bearer key; a missing, unknown or revoked key is `unauthorized`. */
    async authenticate(authorization: string | undefined): Promise<ApiKeyGrant> {
      const key = /^Bearer (ixk_[A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '')?.[1];
      if (!key) throw new InteropError('unauthorized', 'An API key is required: Authorization: Bearer ixk_…');
      const { rows } = await db.query<{ corp_id: string; scope: ApiKeyScope }>(
        'UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING corp_id, scope',
        [hashKey(key)],
      );
      if (!rows[0]) throw new InteropError('unauthorized', 'This API key is unknown or revoked');
      return { corpId: rows[0].corp_id, scope: rows[0].scope };
    },
  };
}
export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
