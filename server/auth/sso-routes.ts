import cookie from '@fastify/cookie';
import { createHmac } from 'node:crypto';
import * as z from 'zod/mini';
import { InteropError, ssoInfoSchema } from '@interop-kit/elements/protocol';
import { isOriginAllowed } from './origins.js';
import { ssoRedirectUri, type PendingSignIn, type Sso } from './sso.js';
import type { Corp } from '../corps/store.js';
import type { HttpApp } from '../http/fastify.js';
import type { PublicBase } from '../http/forwarded.js';

export interface SsoRoutesOptions {
  sso: Sso;
  tokenSecret: string;
  /** The backend's base URL as the browser reaches it (PUBLIC_URL, a trusted proxy's word, or the request's host). */
  publicBase: PublicBase;
  /** Ends an employee's sessions everywhere (the socket layer cuts their open sockets). */
  signOut: (corpId: string, employeeId: string) => Promise<void>;
}

const COOKIE = 'ix_sso';
const SIGN_IN_SECONDS = 600;
const pendingSchema = z.object({
  verifier: z.string(),
  state: z.string(),
  nonce: z.string(),
  returnTo: z.string(),
  corp: z.string(),
});

/** A page of the company (an allowed origin) or of this backend: where a sign-in may send the browser back. */
function checkedReturnTo(corp: Corp, value: string | undefined, publicBase: string): string {
  let url: URL;
  try {
    url = new URL(value ?? '');
  } catch {
    throw new InteropError('invalid_payload', 'returnTo must be the absolute URL of the sign-in page');
  }
  if (url.origin !== new URL(publicBase).origin && !isOriginAllowed(url.origin, undefined, corp.allowedOrigins)) {
    throw new InteropError('forbidden', `returnTo ${url.origin} is not one of ${corp.id}'s allowed origins`, {
      reason: 'origin_not_allowed',
    });
  }
  url.hash = '';
  return url.href;
}

/** The page's address with the outcome in its fragment (never sent to any server, not even in Referer). */
const withFragment = (returnTo: string, values: Record<string, string>) =>
  `${returnTo}#${new URLSearchParams(values).toString()}`;

/**
 * Single sign-on routes under /api/corps/:corp: `GET sso` (what to offer), `GET sso/login` (off to the provider),
 * `GET sso/callback` (back: the session token in the return page's fragment), and signing out.
 */
export async function ssoRoutes(app: HttpApp, options: SsoRoutesOptions): Promise<void> {
  const { sso } = options;
  await app.register(cookie, { secret: createHmac('sha256', options.tokenSecret).update('sso-cookie').digest('hex') });
  const corpOf = (request: { corp: Corp | null }) => request.corp!;
  const cookiePath = (corp: Corp) => `/api/corps/${corp.id}/sso`;

  app.get('/sso', { schema: { response: { 200: ssoInfoSchema } } }, async (request) => {
    const corp = corpOf(request);
    const info = await sso.info(corp.id);
    return { sso: info && { name: info.name, loginUrl: `${options.publicBase(request)}${cookiePath(corp)}/login` } };
  });

  app.get(
    '/sso/login',
    { schema: { querystring: z.object({ returnTo: z.string().check(z.maxLength(2048)) }) } },
    async (request, reply) => {
      const corp = corpOf(request);
      const base = options.publicBase(request);
      const returnTo = checkedReturnTo(corp, request.query.returnTo, base);
      const { url, pending } = await sso.start(corp, ssoRedirectUri(base, corp.id), returnTo);
      reply.setCookie(COOKIE, JSON.stringify({ ...pending, corp: corp.id }), {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure: base.startsWith('https:'),
        path: cookiePath(corp),
        maxAge: SIGN_IN_SECONDS,
      });
      return reply.redirect(url, 302);
    },
  );

  app.get('/sso/callback', async (request, reply) => {
    const corp = corpOf(request);
    const base = options.publicBase(request);
    const raw = request.cookies[COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    let pending: PendingSignIn | undefined;
    try {
      const parsed =
        unsigned?.valid && unsigned.value ? pendingSchema.safeParse(JSON.parse(unsigned.value)) : undefined;
      if (parsed?.success && parsed.data.corp === corp.id) pending = parsed.data;
    } catch {
      pending = undefined;
    }
    if (!pending)
      throw new InteropError(
        'unauthorized',
        'This sign-in was not started here, or took longer than 10 minutes: start it again',
      );
    reply.clearCookie(COOKIE, { path: cookiePath(corp) });
    const callbackUrl = new URL(request.url, base);
    try {
      const session = await sso.finish(corp, callbackUrl, pending);
      return reply.redirect(
        withFragment(pending.returnTo, { ix_token: session.token, ix_expires_at: session.expiresAt }),
        303,
      );
    } catch (error) {
      const refusal = InteropError.of(error);
      return reply.redirect(
        withFragment(pending.returnTo, { ix_error: refusal.code, ix_error_message: refusal.message }),
        303,
      );
    }
  });

  app.post(
    '/sessions/employee/sign-out',
    { config: { auth: 'session' }, schema: { response: { 200: z.object({ endSessionUrl: z.nullable(z.string()) }) } } },
    async (request) => {
      const session = request.session!;
      if (session.kind !== 'employee') throw new InteropError('forbidden', 'Only employees sign out');
      await options.signOut(session.corp.id, session.id);
      const returnTo =
        typeof request.headers.origin === 'string' ? request.headers.origin : options.publicBase(request);
      return { endSessionUrl: await sso.endSessionUrl(session.corp.id, returnTo) };
    },
  );
}
