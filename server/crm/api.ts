import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import {
  InteropError,
  MAX_PAGE_SIZE,
  type ErrorBody,
  crmPageQuerySchema,
  MAX_CRM_PAGE,
  webhookCreateRequestSchema,
} from '@interop-kit/elements/protocol';
import type { ConversationStore } from '../conversations/store.js';
import { conversationView } from '../conversations/store.js';
import type { CorpStore } from '../corps/store.js';
import type { Queryable } from '../db/database.js';
import { HTTP_STATUS, payloadError, toErrorBody } from '../errors.js';
import { readJson, sendJson } from '../http/body.js';
import { createOrderStore, orderView } from '../payments/orders.js';
import type { ApiKeyStore } from './keys.js';
import { crmOpenApi } from './openapi.js';
import type { WebhookStore } from './webhooks.js';

export interface CrmApiOptions {
  db: Queryable;
  corps: CorpStore;
  conversations: ConversationStore;
  keys: ApiKeyStore;
  webhooks: WebhookStore;
  /** Webhook receivers must be https in production (http is for local development). */
  production: boolean;
  log: (message: string, error?: unknown) => void;
}

const uuid = z.uuid();
const seqCursor = z.string().check(z.regex(/^\d{1,10}$/));

function parse<T extends z.ZodMiniType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw payloadError(result.error.issues, what);
  return result.data;
}

/** `limit` and `cursor` of a list; a cursor names the last item of the previous page. */
function pageQuery(url: URL, cursor: z.ZodMiniType<string> = uuid) {
  const query = parse(crmPageQuerySchema, Object.fromEntries(url.searchParams), 'The query');
  if (query.limit < 1 || query.limit > MAX_CRM_PAGE) throw new InteropError('invalid_payload', `limit is 1 to ${MAX_CRM_PAGE}`);
  if (query.cursor !== undefined) parse(cursor, query.cursor, 'The cursor');
  const customerId = url.searchParams.get('customerId') ?? undefined;
  if (customerId !== undefined) parse(uuid, customerId, 'customerId');
  return { limit: query.limit, cursor: query.cursor, customerId };
}

type Route = (corpId: string, req: IncomingMessage, url: URL, params: string[]) => Promise<unknown>;

/**
 * The CRM API under /api/v1: a company's own systems read its customers, conversations with their messages, and
 * orders (paged in creation order, so an export is stable while new data arrives), and subscribe to webhooks.
 * Authenticated by a corp-scoped API key; every query is filtered by that corp.
 */
export function createCrmApi(options: CrmApiOptions) {
  const { db, corps, conversations, keys, webhooks } = options;
  const orders = createOrderStore(db);

  const routes: Array<[method: string, pattern: RegExp, route: Route]> = [
    [
      'GET',
      /^customers$/,
      async (corpId, _req, url) => {
        const { limit, cursor } = pageQuery(url);
        const { profiles, nextCursor } = await corps.customerPage(corpId, cursor, limit);
        return { data: profiles, nextCursor };
      },
    ],
    [
      'GET',
      /^customers\/([^/]+)$/,
      async (corpId, _req, _url, [id]) => {
        const customer = uuid.safeParse(id).success ? await corps.getCustomer(corpId, id!) : undefined;
        if (!customer) throw new InteropError('not_found', 'No such customer');
        return corps.profileOf(customer);
      },
    ],
    [
      'GET',
      /^conversations$/,
      async (corpId, _req, url) => {
        const { records, nextCursor } = await conversations.exportPage(corpId, pageQuery(url));
        return { data: records.map((record) => conversationView(record, 'employee')), nextCursor };
      },
    ],
    [
      'GET',
      /^conversations\/([^/]+)\/messages$/,
      async (corpId, _req, url, [id]) => {
        const conversation = uuid.safeParse(id).success ? await conversations.get(id!) : undefined;
        if (!conversation || conversation.corpId !== corpId) throw new InteropError('not_found', 'No such conversation');
        const { limit, cursor } = pageQuery(url, seqCursor);
        const page = await conversations.messagesAfter(conversation.id, Number(cursor ?? 0), Math.min(limit, MAX_PAGE_SIZE));
        return { data: page.messages, nextCursor: page.hasMore ? String(page.messages.at(-1)!.seq) : null };
      },
    ],
    [
      'GET',
      /^orders$/,
      async (corpId, _req, url) => {
        const { records, nextCursor } = await orders.exportPage(corpId, pageQuery(url));
        return { data: records.map(orderView), nextCursor };
      },
    ],
    ['GET', /^webhooks$/, async (corpId) => ({ data: await webhooks.list(corpId) })],
    [
      'POST',
      /^webhooks$/,
      async (corpId, req) => {
        const request = parse(webhookCreateRequestSchema, await readJson(req), 'The request body');
        if (options.production && !request.url.startsWith('https:')) throw new InteropError('invalid_payload', 'Webhook URLs must be https');
        return webhooks.create(corpId, request.url, request.events);
      },
    ],
    [
      'DELETE',
      /^webhooks\/([^/]+)$/,
      async (corpId, _req, _url, [id]) => {
        if (!uuid.safeParse(id).success) throw new InteropError('not_found', 'No such webhook subscription');
        await webhooks.remove(corpId, id!);
        return { deleted: true };
      },
    ],
  ];

  /** Handles the request if it is a CRM API route; returns false otherwise. */
  return async function handleCrmApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://internal');
    const match = /^\/api\/v1\/(.+)$/.exec(url.pathname);
    if (!match) return false;
    try {
      if (req.method === 'GET' && match[1] === 'openapi.json') {
        sendJson(res, 200, crmOpenApi());
        return true;
      }
      // Keys belong on the company's servers: a browser page sending one would leak it to everyone who can read it.
      if (req.headers.origin) throw new InteropError('forbidden', 'The CRM API is for servers; a browser may not call it with an API key');
      const corpId = await keys.authenticate(req.headers.authorization);
      for (const [method, pattern, route] of routes) {
        const params = pattern.exec(match[1]!);
        if (params && method === req.method) {
          sendJson(res, 200, await route(corpId, req, url, params.slice(1).map(decodeURIComponent)));
          return true;
        }
      }
      throw new InteropError('not_found', 'No such endpoint');
    } catch (error) {
      req.resume();
      const body: ErrorBody = toErrorBody(error, (cause) => options.log('CRM API request failed', cause));
      sendJson(res, HTTP_STATUS[body.code], { error: body });
    }
    return true;
  };
}
