import * as z from 'zod/mini';
import { InteropError } from '@interop-kit/elements/protocol';
import type { Side } from '../conversations/messages.js';
import { customerDisplayName, type Corp, type CorpStore } from '../corps/store.js';
import { isOriginAllowed, originRefused } from './origins.js';
import { verifyToken } from './tokens.js';

/** Who a caller is, established from their signed token (at a socket's handshake, or on an HTTP request). */
export interface AuthSession {
  kind: 'visitor' | 'employee';
  corp: Corp;
  /** customer id for visitors, employee id for employees */
  id: string;
  name: string;
  verified: boolean;
  expiresAt: Date;
  /** The backend's base URL as this caller reached it, when a trusted proxy said so (payment pages are built on it). */
  publicBase?: string | undefined;
}

/** One person across all their sockets and tokens: what their limits are counted against. */
export const personKey = (session: Pick<AuthSession, 'kind' | 'corp' | 'id'>): string =>
  `${session.corp.id}:${session.kind}:${session.id}`;

export const sideOf = (session: AuthSession): Side => (session.kind === 'visitor' ? 'customer' : 'employee');

const credentialsSchema = z.object({
  token: z.string(),
  /** The corp the page means to talk to; a token of another corp is refused. */
  corp: z.optional(z.string()),
});

/**
 * Checks a session token (and the page's Origin against its corp's allowlist) and reads who it names: an active
 * employee, or a customer of the corp.
 */
export async function authenticate(
  credentials: unknown,
  /** The page's Origin, and the host the caller asked for (behind a trusted proxy: X-Forwarded-Host). */
  headers: { origin?: string | undefined; host?: string | undefined },
  tokenSecret: string,
  corps: CorpStore,
): Promise<AuthSession> {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) throw new InteropError('unauthorized', 'A session token is required');
  const claims = verifyToken(tokenSecret, parsed.data.token);
  if (parsed.data.corp !== undefined && parsed.data.corp !== claims.corp) {
    throw new InteropError('forbidden', 'This token belongs to another corp');
  }
  const corp = await corps.getCorp(claims.corp);
  if (!corp) throw new InteropError('unauthorized', 'Unknown corp');
  if (!isOriginAllowed(headers.origin, headers.host, corp.allowedOrigins)) {
    throw originRefused(corp.id, headers.origin);
  }
  const expiresAt = new Date(claims.exp * 1000);
  if (claims.kind === 'employee') {
    const employee = await corps.getEmployee(corp.id, claims.sub);
    if (!employee || employee.status !== 'active')
      throw new InteropError('unauthorized', 'This employee has no access');
    if ((claims.ep ?? 0) !== employee.sessionEpoch)
      throw new InteropError('unauthorized', 'This session was signed out');
    return { kind: 'employee', corp, id: employee.id, name: employee.name, verified: true, expiresAt };
  }
  const customer = await corps.getCustomer(corp.id, claims.sub);
  if (!customer) throw new InteropError('unauthorized', 'Unknown visitor');
  return {
    kind: 'visitor',
    corp,
    id: customer.id,
    name: customerDisplayName(customer),
    verified: claims.uid !== undefined,
    expiresAt,
  };
}
