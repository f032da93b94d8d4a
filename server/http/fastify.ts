import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodFastifySchemaValidationError,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import {
  InteropError,
  unsafeText,
  type ApiKeyScope,
  type ErrorBody,
  type ErrorCode,
} from '@interop-kit/elements/protocol';
import { authenticate, type AuthSession } from '../auth/session.js';
import type { CorpStore } from '../corps/store.js';
import { apiKeyFingerprint, scopeAllows, type ApiKeyStore } from '../auth/api-keys.js';
import type { Limits } from '../limits/limits.js';
import { HTTP_STATUS, payloadError, toErrorBody } from '../errors.js';
import { trustFunction, type TrustProxy } from './forwarded.js';
import { currentLogContext, withLogContext } from '../ops/log.js';

/** How a route's caller proves who they are; routes without it are public or check a signed URL themselves. */
export type HttpAuth = 'session' | 'apiKey';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: HttpAuth;
    /** For `auth: 'apiKey'` routes, what the key must be allowed to do; default: `read` for GET, `write` otherwise. */
    scope?: ApiKeyScope;
    /** A limit this route counts per client address (creating sessions, say), besides any per key. */
    limitPerAddress?: 'sessions';
  }
  interface FastifyRequest {
    /** Set for `auth: 'session'` routes: the visitor or employee the bearer token names. */
    session: AuthSession | null;
    /** Set for `auth: 'apiKey'` routes: the corp the API key belongs to. */
    apiCorpId: string | null;
  }
}

export type HttpApp = FastifyInstance<
  FastifyInstance['server'],
  FastifyRequest['raw'],
  FastifyReply['raw'],
  FastifyInstance['log'],
  ZodTypeProvider
>;

/** JSON bodies of the APIs are small; uploads and provider notifications set their own limits. */
const JSON_BODY_LIMIT = 16 * 1024;

const STATUS_CODES: Partial<Record<number, ErrorCode>> = { 404: 'not_found', 413: 'too_large', 429: 'rate_limited' };

const bearer = (request: FastifyRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];

/** A zod issue as the type provider hands it to Fastify, back in the shape the wire's error bodies use. */
const zodIssue = (error: ZodFastifySchemaValidationError) => ({
  ...(error.params as { origin?: string }),
  code: error.keyword,
  path: error.instancePath.split('/').filter(Boolean),
  message: error.message ?? 'Invalid',
});

/** The wire form of anything a route threw: typed errors as they are, Fastify's own by status, the rest `internal`. */
function httpErrorBody(error: unknown, log: (error: unknown) => void): ErrorBody {
  if (error instanceof InteropError) return error.toJSON();
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = { body: 'The request body', querystring: 'The query', params: 'The path', headers: 'The headers' }[
      error.validationContext ?? 'body'
    ];
    return payloadError(error.validation.map(zodIssue), part ?? 'The request').toJSON();
  }
  const status = (error as Partial<FastifyError>).statusCode;
  if (status && status >= 400 && status < 500) {
    return { code: STATUS_CODES[status] ?? 'invalid_payload', message: (error as Error).message };
  }
  return toErrorBody(error, log);
}

function sendError(reply: FastifyReply, body: ErrorBody) {
  if (body.retryAfterMs !== undefined) reply.header('retry-after', Math.ceil(body.retryAfterMs / 1000));
  return reply.code(HTTP_STATUS[body.code]).header('cache-control', 'no-store').send({ error: body });
}

/** What the authentication hook checks callers against. */
export interface HttpAccess {
  corps: CorpStore;
  keys: ApiKeyStore;
  tokenSecret: string;
  limits: Limits;
}

export interface HttpAppOptions {
  trustProxy: TrustProxy;
  log: (message: string, error?: unknown) => void;
  /**
   * Read at each request: the instance exists before the database it authenticates against, so that everything the
   * composition root opens is closed by the instance's own `onClose` hooks.
   */
  access: () => HttpAccess;
}

/**
 * The backend's HTTP server: Fastify with zod route schemas, one error shape (`{ error: { code, message } }` with the
 * status of its code), and one authentication hook that every route opts into with `config.auth`.
 */
export function createHttpApp(options: HttpAppOptions): HttpApp {
  const app = Fastify({
    logger: false,
    // Each request runs in a log context naming its id (a proxy's X-Request-Id if it sent a sane one), so whatever it
    // logs can be found, and the id goes back in the response for a caller to quote.
    serverFactory: (handler) =>
      createServer((request, response) => {
        const sent = request.headers['x-request-id'];
        const requestId = typeof sent === 'string' && /^[\w.:-]{1,64}$/.test(sent) ? sent : randomUUID();
        response.setHeader('x-request-id', requestId);
        withLogContext({ requestId }, () => handler(request, response));
      }),
    genReqId: () => currentLogContext()?.requestId ?? randomUUID(),
    bodyLimit: JSON_BODY_LIMIT,
    // Closing ends keep-alive and long-poll requests too: their clients retry against the next start.
    forceCloseConnections: true,
    // Fastify gives each start-up step and close hook 10 s by default. Opening a large PGlite data directory, and a
    // node's drain on close (up to index.ts's 30 s stop timeout), can take longer on a loaded machine: they must
    // finish, not fail with "Plugin did not start in time".
    pluginTimeout: 60_000,
    routerOptions: { maxParamLength: 512 },
    trustProxy: trustFunction(options.trustProxy),
    // A URL Fastify cannot route (a bad percent-escape, say) gets the same error shape as everything else.
    frameworkErrors: (error, _request, reply) =>
      sendError(reply as FastifyReply, { code: 'invalid_payload', message: error.message }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    // Named explicitly: a body's stream events run outside the context the request began in.
    const log = (cause: unknown) =>
      withLogContext({ requestId: request.id }, () =>
        options.log(`${request.method} ${request.routeOptions.url ?? request.url} failed`, cause),
      );
    const body = httpErrorBody(error, log);
    return sendError(reply, body);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, { code: 'not_found', message: 'No such endpoint' }));

  // Text the database cannot store (NUL, an unpaired surrogate) is refused in any part of any request, before its
  // route runs: a typed 400 rather than a failed query. (Raw bodies, uploads and notifications, are bytes.)
  // The path and query are checked first of all (a corp's hook looks the corp up before validation), the body once read.
  const refuseUnsafe = (value: unknown, what: string) => {
    const unsafe = unsafeText(value);
    if (unsafe) throw payloadError([unsafe], what);
  };
  app.addHook('onRequest', async (request) => {
    refuseUnsafe(request.params, 'The path');
    refuseUnsafe(request.query, 'The query');
  });
  app.addHook('preValidation', async (request) => refuseUnsafe(request.body, 'The request body'));
  app.decorateRequest('session', null);
  app.decorateRequest('apiCorpId', null);
  app.addHook('onRequest', async (request) => {
    const { auth, limitPerAddress } = request.routeOptions.config;
    if (!auth && !limitPerAddress) return;
    const access = options.access();
    // request.ip follows X-Forwarded-For from a trusted proxy (TRUST_PROXY).
    if (limitPerAddress) await access.limits.take(limitPerAddress, request.ip);
    if (auth === 'session') {
      const corp = (request.params as { corp?: string }).corp;
      const { origin } = request.headers;
      // request.host follows X-Forwarded-Host from a trusted proxy (Fastify's trustProxy).
      request.session = await authenticate(
        { token: bearer(request) ?? '', corp },
        { origin, host: request.host },
        access.tokenSecret,
        access.corps,
      );
    } else if (auth === 'apiKey') {
      // Keys belong on the company's servers: a browser page sending one would leak it to everyone who can read it.
      if (request.headers.origin)
        throw new InteropError('forbidden', 'This API is for servers; a browser may not call it with an API key');
      // Counted before the key is looked up, so a flood with one key never reaches the database.
      await access.limits.take('apiRequests', apiKeyFingerprint(request.headers.authorization ?? ''));
      const grant = await access.keys.authenticate(request.headers.authorization);
      const needed = request.routeOptions.config.scope ?? (request.method === 'GET' ? 'read' : 'write');
      if (!scopeAllows(grant.scope, needed))
        throw new InteropError(
          'forbidden',
          `This needs an API key with the ${needed} scope; this key has ${grant.scope}`,
        );
      request.apiCorpId = grant.corpId;
    }
  });
  return app;
}

/** Takes a request body of any type as raw bytes (signature checks, uploads), within `bodyLimit`. */
export function acceptRawBodies(app: HttpApp, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
}

export interface RouteEntry {
  method: string;
  url: string;
}

/** Every route registered from now on (tests walk them all with malformed input). */
export function collectRoutes(app: HttpApp): readonly RouteEntry[] {
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  return routes;
}
