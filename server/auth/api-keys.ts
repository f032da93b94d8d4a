import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { InteropError, type ApiKey } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';

const KEY_PREFIX = 'ixk_';
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

interface ApiKeyRow {
  id: string;
  corp_id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** Corp-scoped keys for the CRM API. Only a hash is stored: a leaked database hands out no keys. */
export function createApiKeyStore(db: Queryable) {
  return {
    async create(corpId: string, name: string, createdBy: string | null = null): Promise<ApiKey & { key: string }> {
      const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const { rows } = await db.query<ApiKeyRow>(
        `INSERT INTO api_keys (id, corp_id, name, key_hash, prefix, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [randomUUID(), corpId, name, hashKey(key), key.slice(0, 12), createdBy],
      );
      return { ...toApiKey(rows[0]!), key };
    },

    async list(corpId: string): Promise<ApiKey[]> {
      const { rows } = await db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE corp_id = $1 ORDER BY created_at', [corpId]);
      return rows.map(toApiKey);
    },

    async revoke(corpId: string, id: string): Promise<boolean> {
      const { rows } = await db.query('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE corp_id = $1 AND id = $2 RETURNING id', [corpId, id]);
      return rows.length > 0;
    },

    /** The corp a bearer key belongs to; a missing, unknown or revoked key is `unauthorized`. */
    async authenticate(authorization: string | undefined): Promise<string> {
      const key = /^Bearer (ixk_[A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '')?.[1];
      if (!key) throw new InteropError('unauthorized', 'An API key is required: Authorization: Bearer ixk_…');
      const { rows } = await db.query<{ corp_id: string }>(
        'UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING corp_id',
        [hashKey(key)],
      );
      if (!rows[0]) throw new InteropError('unauthorized', 'This API key is unknown or revoked');
      return rows[0].corp_id;
    },
  };
}
export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
