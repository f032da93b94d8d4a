import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { SESSION_KINDS, InteropError } from '@interop-kit/elements/protocol';

const TOKEN_PREFIX = 'ixt1';

const claimsSchema = z.object({
  corp: z.string(),
  kind: z.enum(SESSION_KINDS),
  /** customer id for visitors, employee id for employees */
  sub: z.string(),
  /** the verified external user id, when the company's backend vouched for it */
  uid: z.optional(z.string()),
  /** employees: the session epoch the token was minted in (signing out moves it on) */
  ep: z.optional(z.int()),
  iat: z.int(),
  exp: z.int(),
});
export type TokenClaims = z.infer<typeof claimsSchema>;

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

export function signToken(
  secret: string,
  claims: Omit<TokenClaims, 'iat' | 'exp'>,
  ttlSeconds: number,
  now = Date.now(),
): { token: string; expiresAt: string } {
  const iat = Math.floor(now / 1000);
  const full: TokenClaims = { ...claims, iat, exp: iat + ttlSeconds };
  const payload = base64url(JSON.stringify(full));
  const token = `${TOKEN_PREFIX}.${payload}.${base64url(mac(secret, `${TOKEN_PREFIX}.${payload}`))}`;
  return { token, expiresAt: new Date(full.exp * 1000).toISOString() };
}

/** An employee's session token, in their current session epoch (every way of signing in mints it here). */
export function signEmployeeToken(
  secret: string,
  employee: { corpId: string; id: string; sessionEpoch: number },
  ttlSeconds: number,
) {
  return signToken(
    secret,
    { corp: employee.corpId, kind: 'employee', sub: employee.id, ep: employee.sessionEpoch },
    ttlSeconds,
  );
}

/** Checks the signature before reading anything, then the shape, then the expiry. */
export function verifyToken(secret: string, token: unknown, now = Date.now()): TokenClaims {
  if (typeof token !== 'string' || token.length > 4096)
    throw new InteropError('unauthorized', 'A session token is required');
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== TOKEN_PREFIX || !payload || !signature)
    throw new InteropError('unauthorized', 'Malformed session token');
  const expected = mac(secret, `${prefix}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InteropError('unauthorized', 'Invalid session token signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InteropError('unauthorized', 'Malformed session token');
  }
  const claims = claimsSchema.safeParse(json);
  if (!claims.success) throw new InteropError('unauthorized', 'Malformed session token');
  if (claims.data.exp * 1000 <= now) throw new InteropError('unauthorized', 'The session token has expired');
  return claims.data;
}

/** What a company's backend computes to vouch for one of its users: hex HMAC-SHA256(corp secret, userId). */
export function userHash(corpSecret: string, userId: string): string {
  return createHmac('sha256', corpSecret).update(userId).digest('hex');
}

export function verifyUserHash(corpSecret: string, userId: string, hash: string): boolean {
  const expected = Buffer.from(userHash(corpSecret, userId), 'hex');
  const given = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
