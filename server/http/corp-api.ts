import cors from '@fastify/cors';
import * as z from 'zod/mini';
import {
  InteropError,
  UPLOAD_TYPES,
  devEmployeesSchema,
  employeeDevLoginRequestSchema,
  sessionTokenSchema,
  uploadResultSchema,
  visitorSessionRequestSchema,
  type UploadResult,
} from '@interop-kit/elements/protocol';
import { isOriginAllowed, originRefused } from '../auth/origins.js';
import { sideOf } from '../auth/session.js';
import { signEmployeeToken, signToken, verifyUserHash } from '../auth/tokens.js';
import type { Cards } from '../cards/cards.js';
import type { Corp, CorpStore } from '../corps/store.js';
import { isImageType, type UploadStore } from '../uploads/store.js';
import { acceptRawBodies, type HttpApp } from './fastify.js';
import { ssoRoutes, type SsoRoutesOptions } from './sso-routes.js';

export interface CorpApiOptions {
  corps: CorpStore;
  uploads: UploadStore;
  cards: Cards;
  uploadMaxBytes: number;
  /** Session requests per client address and minute: each one may create a customer, so scripts must not mint them freely. */
  tokenSecret: string;
  visitorTokenTtl: number;
  employeeTokenTtl: number;
  /** Development conveniences (employee login without a password) exist only outside production. */
  production: boolean;
  sso: Omit<SsoRoutesOptions, 'tokenSecret'>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The corp named in the path of a corp-scoped route, once its Origin rule let the request in. */
    corp: Corp | null;
  }
}

const corpParams = z.object({ corp: z.string() });

function fileName(header: string | string[] | undefined): string {
  let name: string;
  try {
    name = decodeURIComponent(String(header ?? ''));
  } catch {
    throw new InteropError('invalid_payload', 'x-file-name is not URI-encoded');
  }
  // Path separators and control characters (C0, DEL and C1) never reach a download's file name.
  name = name
    .replace(/[/\\\p{Cc}]/gu, '_')
    .trim()
    .slice(0, 255);
  if (!name) throw new InteropError('invalid_payload', 'x-file-name is required');
  return name;
}

const mimeOf = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * The corp-scoped HTTP API, mounted at /api/corps/:corp. A browser caller must be on the corp's origin allowlist
 * (checked before anything else runs); CORS headers are only ever sent to such callers.
 */
export async function corpApi(app: HttpApp, options: CorpApiOptions): Promise<void> {
  const { corps, tokenSecret } = options;

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
  const corpOf = (request: { corp: Corp | null }) => request.corp!;
  const sessionLimit = { limitPerAddress: 'sessions' } as const;

  app.post(
    '/sessions/visitor',
    {
      schema: {
        params: corpParams,
        body: z.optional(visitorSessionRequestSchema),
        response: { 200: sessionTokenSchema },
      },
      config: sessionLimit,
    },
    async (request) => {
      const corp = corpOf(request);
      const body = request.body ?? {};
      if (body.userId !== undefined || body.userHash !== undefined) {
        if (
          body.userId === undefined ||
          body.userHash === undefined ||
          !verifyUserHash(corp.secret, body.userId, body.userHash)
        ) {
          throw new InteropError('unauthorized', 'userHash does not verify userId');
        }
        const customer = await corps.resolveVerifiedCustomer(corp.id, body.userId, body.name);
        return signToken(
          tokenSecret,
          { corp: corp.id, kind: 'visitor', sub: customer.id, uid: body.userId },
          options.visitorTokenTtl,
        );
      }
      const { customer, visitorKey } = await corps.resolveAnonymousCustomer(corp.id, body.visitorKey);
      const session = signToken(
        tokenSecret,
        { corp: corp.id, kind: 'visitor', sub: customer.id },
        options.visitorTokenTtl,
      );
      return { ...session, visitorKey };
    },
  );

  await app.register(ssoRoutes, { ...options.sso, tokenSecret });

  if (!options.production) {
    app.post(
      '/sessions/employee-dev',
      {
        schema: { params: corpParams, body: employeeDevLoginRequestSchema, response: { 200: sessionTokenSchema } },
        config: sessionLimit,
      },
      async (request) => {
        const corp = corpOf(request);
        const employee = await corps.getEmployee(corp.id, request.body.employeeId);
        if (!employee || employee.status !== 'active') throw new InteropError('not_found', 'No such active employee');
        return signEmployeeToken(tokenSecret, employee, options.employeeTokenTtl);
      },
    );
    app.get(
      '/dev/employees',
      { schema: { params: corpParams, response: { 200: devEmployeesSchema } } },
      async (request) => ({
        employees: (await corps.listEmployees(corpOf(request).id))
          .filter((employee) => employee.status === 'active')
          .map(({ id, name, title }) => ({ id, name, title })),
      }),
    );
  }

  /** A file for a conversation: the bytes as the body, typed by content-type and named by x-file-name. */
  await app.register(async (uploads) => {
    acceptRawBodies(uploads, options.uploadMaxBytes);
    uploads.post(
      '/uploads',
      {
        schema: { params: corpParams, response: { 200: uploadResultSchema } },
        config: { auth: 'session' },
        // Type, name and declared size are refused before a byte of the body is read.
        onRequest: async (request) => {
          const mime = mimeOf(request.headers['content-type']);
          if (!UPLOAD_TYPES.includes(mime))
            throw new InteropError('invalid_payload', `Files of type "${mime || 'unknown'}" are not accepted`);
          fileName(request.headers['x-file-name']);
          if (Number(request.headers['content-length'] ?? 0) > options.uploadMaxBytes) {
            throw new InteropError('too_large', `Files are limited to ${options.uploadMaxBytes} bytes`);
          }
        },
      },
      async (request) => {
        const session = request.session!;
        const data = request.body as Buffer | undefined;
        if (!data?.length) throw new InteropError('invalid_payload', 'The file is empty');
        const mime = mimeOf(request.headers['content-type']);
        const name = fileName(request.headers['x-file-name']);
        const record = await options.uploads.create(
          { corpId: session.corp.id, uploaderKind: sideOf(session), uploaderId: session.id, name, mime },
          data,
        );
        return {
          uploadId: record.id,
          kind: isImageType(mime) ? 'image' : 'file',
          name,
          size: record.size,
          mime,
          url: options.uploads.urlOf(record),
        } satisfies UploadResult;
      },
    );
  });

  const signed = z.object({ sig: z._default(z.string(), '') });

  app.get(
    '/files/:id/:name',
    { schema: { params: z.object({ corp: z.string(), id: z.string(), name: z.string() }), querystring: signed } },
    async (request, reply) => {
      const { id } = request.params;
      const record = z.uuid().safeParse(id).success
        ? await options.uploads.read(corpOf(request).id, id, request.query.sig)
        : undefined;
      if (!record) throw new InteropError('not_found', 'No such file');
      return reply
        .headers({
          'content-type': record.mime,
          // Images show inline; everything else downloads. Nothing uploaded can run script on our origin.
          'content-disposition': `${isImageType(record.mime) ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(record.name)}`,
          'content-security-policy': "default-src 'none'; sandbox",
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, max-age=31536000, immutable',
          'cross-origin-resource-policy': 'cross-origin',
        })
        .send(record.data);
    },
  );

  app.get(
    '/cards/:file',
    { schema: { params: z.object({ corp: z.string(), file: z.string() }), querystring: signed } },
    async (request, reply) => {
      const employeeId = /^(.+)\.vcf$/.exec(request.params.file)?.[1];
      const vcard = employeeId ? await options.cards.vcard(corpOf(request), employeeId, request.query.sig) : undefined;
      if (!vcard) throw new InteropError('not_found', 'No such card');
      return reply
        .headers({
          'content-type': 'text/vcard; charset=utf-8',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(vcard.name)}.vcf`,
          'x-content-type-options': 'nosniff',
          'cross-origin-resource-policy': 'cross-origin',
        })
        .send(vcard.text);
    },
  );
}
