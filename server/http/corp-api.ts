import cors from '@fastify/cors';
import * as z from 'zod/mini';
import { InteropError } from '@interop-kit/elements/protocol';
import { isOriginAllowed, originRefused } from '../auth/origins.js';
import { ssoRoutes, type SsoRoutesOptions } from '../auth/sso-routes.js';
import { cardRoutes } from '../cards/routes.js';
import type { Cards } from '../cards/cards.js';
import type { Corp } from '../corps/store.js';
import { sessionRoutes, type SessionRoutesOptions } from '../sessions/routes.js';
import { uploadRoutes } from '../uploads/routes.js';
import type { UploadStore } from '../uploads/store.js';
import type { HttpApp } from './fastify.js';

export interface CorpApiOptions extends SessionRoutesOptions {
  uploads: UploadStore;
  cards: Cards;
  uploadMaxBytes: number;
  sso: Omit<SsoRoutesOptions, 'tokenSecret'>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The corp named in the path of a corp-scoped route, once its Origin rule let the request in. */
    corp: Corp | null;
  }
}

export const corpParams = z.object({ corp: z.string() });
/** The signature of a link the backend handed out (a file, a vCard). */
export const signedQuery = z.object({ sig: z._default(z.string(), '') });
/** The corp of a request under /api/corps/:corp (its Origin rule has let it in). */
export const corpOf = (request: { corp: Corp | null }) => request.corp!;

/**
 * The corp scope of the HTTP API, mounted at /api/corps/:corp. A browser caller must be on the corp's origin allowlist
 * (checked before anything else runs); CORS headers are only ever sent to such callers.
 */
export async function corpApi(app: HttpApp, options: CorpApiOptions): Promise<void> {
  const { corps } = options;

  app.decorateRequest('corp', null);
  app.addHook('onRequest', async (request, reply) => {
    const corp = await corps.getCorp((request.params as { corp: string }).corp);
    const { origin } = request.headers;
    const allowed = corp && isOriginAllowed(origin, request.host, corp.allowedOrigins);
    if (allowed) {
      request.corp = corp;
      return;
    }
    // A refusal the page can read: a browser hides a response without CORS headers behind a generic network error,
    // and the developer would never learn what to fix. A preflight passes, so the request itself gets this answer.
    if (request.method === 'OPTIONS') return;
    if (origin) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    throw corp
      ? originRefused(corp.id, origin)
      : new InteropError('not_found', `No corp ${(request.params as { corp: string }).corp} on this backend`);
  });
  // The hook above has refused every other origin for every request but a preflight: reflect what reaches CORS.
  await app.register(cors, {
    origin: true,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-file-name'],
    maxAge: 600,
  });
  // The plugin answers preflights in its hook; its own catch-all OPTIONS route does not survive a prefix with a
  // parameter, so this one lets OPTIONS requests reach that hook.
  app.options('/*', async (_request, reply) => reply.code(204).send());
  // JSON sent as text/plain (a script's fetch with a string body, or a page avoiding a CORS preflight) is JSON too.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  // Each capability's routes, from beside its service: they inherit the Origin rule, CORS and the parsers above.
  // Options by name: the ones this plugin got carry its prefix, which a child would add to its own again.
  const { tokenSecret, visitorTokenTtl, employeeTokenTtl, production, uploads, cards, uploadMaxBytes, sso } = options;
  await app.register(sessionRoutes, { corps, tokenSecret, visitorTokenTtl, employeeTokenTtl, production });
  await app.register(ssoRoutes, { ...sso, tokenSecret });
  await app.register(uploadRoutes, { uploads, uploadMaxBytes });
  await app.register(cardRoutes, { cards });
}
