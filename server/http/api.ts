import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import {
  InteropError,
  UPLOAD_TYPES,
  employeeDevLoginRequestSchema,
  type UploadResult,
  visitorSessionRequestSchema,
  type ErrorBody,
  type SessionToken,
} from '@interop-kit/elements/protocol';
import { isOriginAllowed } from '../auth/origins.js';
import { signToken, verifyUserHash } from '../auth/tokens.js';
import type { Corp, CorpStore } from '../corps/store.js';
import { HTTP_STATUS, payloadError, toErrorBody } from '../errors.js';
import { createRateLimiter } from '../socket/rate-limit.js';
import { authenticate, sideOf } from '../auth/session.js';
import { isImageType, type UploadStore } from '../uploads/store.js';
import { readBody, readJson, sendJson } from './body.js';
import type { Cards } from '../cards/cards.js';

export interface ApiOptions {
  corps: CorpStore;
  uploads: UploadStore;
  cards: Cards;
  uploadMaxBytes: number;
  /** Session requests per client address: each one may create a customer, so scripts must not mint them freely. */
  sessionRateLimit: { perMinute: number; burst: number };
  tokenSecret: string;
  visitorTokenTtl: number;
  employeeTokenTtl: number;
  /** Development conveniences (employee login without a password) exist only outside production. */
  production: boolean;
  log: (message: string, error?: unknown) => void;
}

function fileName(header: string | string[] | undefined): string {
  let name = '';
  try {
    name = decodeURIComponent(String(header ?? ''));
  } catch {
    throw new InteropError('invalid_payload', 'x-file-name is not URI-encoded');
  }
  // Path separators and control characters never reach a download's file name.
  name = name.replace(/[\/\\\u0000-\u001f\u007f]/g, '_').trim().slice(0, 255);
  if (!name) throw new InteropError('invalid_payload', 'x-file-name is required');
  return name;
}

function parse<T extends z.ZodMiniType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw payloadError(result.error.issues, 'The request body');
  return result.data;
}

type Route = (corp: Corp, req: IncomingMessage) => Promise<unknown>;

/**
 * The corp-scoped HTTP API under /api/corps/:corp/…. Cross-origin callers must be on the corp's allowlist; CORS
 * headers are only ever sent to them.
 */
export function createApi(options: ApiOptions) {
  const { corps, tokenSecret } = options;
  const limiters = new Map<string, () => boolean>();
  const MAX_TRACKED_ADDRESSES = 10_000;
  /** Token bucket per remote address; the oldest addresses are forgotten first when too many are tracked. */
  function allowSession(req: IncomingMessage): boolean {
    const address = req.socket.remoteAddress ?? 'unknown';
    let take = limiters.get(address);
    if (!take) {
      if (limiters.size >= MAX_TRACKED_ADDRESSES) limiters.delete(limiters.keys().next().value!);
      take = createRateLimiter(options.sessionRateLimit.perMinute / 60, options.sessionRateLimit.burst);
      limiters.set(address, take);
    }
    return take();
  }

  const routes: Record<string, Route> = {
    /** A file for a conversation. Authenticated by the session token; the type and size limits are the server's. */
    'POST uploads': async (corp, req) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const session = await authenticate({ token: bearer ?? '', corp: corp.id }, req.headers, tokenSecret, corps);
      const mime = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!UPLOAD_TYPES.includes(mime)) throw new InteropError('invalid_payload', `Files of type "${mime || 'unknown'}" are not accepted`);
      const name = fileName(req.headers['x-file-name']);
      const data = await readBody(req, options.uploadMaxBytes);
      if (data.length === 0) throw new InteropError('invalid_payload', 'The file is empty');
      const record = await options.uploads.create({ corpId: corp.id, uploaderKind: sideOf(session), uploaderId: session.id, name, mime }, data);
      return {
        uploadId: record.id,
        kind: isImageType(mime) ? 'image' : 'file',
        name,
        size: record.size,
        mime,
        url: options.uploads.urlOf(record),
      } satisfies UploadResult;
    },
    'POST sessions/visitor': async (corp, req) => {
      const body = parse(visitorSessionRequestSchema, await readJson(req));
      if (body.userId !== undefined || body.userHash !== undefined) {
        if (body.userId === undefined || body.userHash === undefined || !verifyUserHash(corp.secret, body.userId, body.userHash)) {
          throw new InteropError('unauthorized', 'userHash does not verify userId');
        }
        const customer = await corps.resolveVerifiedCustomer(corp.id, body.userId, body.name);
        return signToken(tokenSecret, { corp: corp.id, kind: 'visitor', sub: customer.id, uid: body.userId }, options.visitorTokenTtl) satisfies SessionToken;
      }
      const { customer, visitorKey } = await corps.resolveAnonymousCustomer(corp.id, body.visitorKey);
      const session = signToken(tokenSecret, { corp: corp.id, kind: 'visitor', sub: customer.id }, options.visitorTokenTtl);
      return { ...session, visitorKey } satisfies SessionToken;
    },
  };

  if (!options.production) {
    routes['POST sessions/employee-dev'] = async (corp, req) => {
      const { employeeId } = parse(employeeDevLoginRequestSchema, await readJson(req));
      const employee = await corps.getEmployee(corp.id, employeeId);
      if (!employee || employee.status !== 'active') throw new InteropError('not_found', 'No such active employee');
      return signToken(tokenSecret, { corp: corp.id, kind: 'employee', sub: employee.id }, options.employeeTokenTtl) satisfies SessionToken;
    };
    routes['GET dev/employees'] = async (corp) => ({
      employees: (await corps.listEmployees(corp.id))
        .filter((employee) => employee.status === 'active')
        .map(({ id, name, title }) => ({ id, name, title })),
    });
  }

  /** Handles the request if it is an API route; returns false otherwise. */
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://internal');
    const match = /^\/api\/corps\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!match) return false;
    const origin = req.headers.origin;
    try {
      const corp = await corps.getCorp(decodeURIComponent(match[1]!));
      if (!corp) throw new InteropError('not_found', 'Unknown corp');
      if (!isOriginAllowed(origin, req.headers.host, corp.allowedOrigins)) {
        throw new InteropError('forbidden', `Origin ${origin} may not use ${corp.id}`);
      }
      if (origin) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'Origin');
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'content-type, authorization, x-file-name',
          'access-control-max-age': '600',
        });
        res.end();
        return true;
      }
      const file = /^files\/([0-9a-f-]{36})\/[^/]*$/.exec(match[2]!);
      if (req.method === 'GET' && file) {
        const record = await options.uploads.read(corp.id, file[1]!, url.searchParams.get('sig') ?? '');
        if (!record) throw new InteropError('not_found', 'No such file');
        res.writeHead(200, {
          'content-type': record.mime,
          'content-length': record.size,
          // Images show inline; everything else downloads. Nothing uploaded can run script on our origin.
          'content-disposition': `${isImageType(record.mime) ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(record.name)}`,
          'content-security-policy': "default-src 'none'; sandbox",
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, max-age=31536000, immutable',
          'cross-origin-resource-policy': 'cross-origin',
        });
        res.end(record.data);
        return true;
      }
      const card = /^cards\/([^/]+)\.vcf$/.exec(match[2]!);
      if (req.method === 'GET' && card) {
        const vcard = await options.cards.vcard(corp, decodeURIComponent(card[1]!), url.searchParams.get('sig') ?? '');
        if (!vcard) throw new InteropError('not_found', 'No such card');
        res.writeHead(200, {
          'content-type': 'text/vcard; charset=utf-8',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(vcard.name)}.vcf`,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
          'cross-origin-resource-policy': 'cross-origin',
        });
        res.end(vcard.text);
        return true;
      }
      const route = routes[`${req.method} ${match[2]}`];
      if (!route) throw new InteropError('not_found', 'No such endpoint');
      if (match[2]!.startsWith('sessions/') && !allowSession(req)) {
        throw new InteropError('rate_limited', 'Too many session requests from this address; try again in a minute');
      }
      sendJson(res, 200, await route(corp, req));
    } catch (error) {
      // Drain what the client is still sending (a refused upload), so it gets to read this answer.
      req.resume();
      const body: ErrorBody = toErrorBody(error, (cause) => options.log('http handler failed', cause));
      sendJson(res, HTTP_STATUS[body.code], { error: body });
    }
    return true;
  };
}
