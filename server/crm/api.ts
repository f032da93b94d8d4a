import swagger from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import * as z from 'zod/mini';
import {
  InteropError,
  MAX_CRM_PAGE,
  MAX_PAGE_SIZE,
  conversationSchema,
  crmConversationPageSchema,
  crmCustomerPageSchema,
  crmMessagePageSchema,
  crmOrderPageSchema,
  crmTransferPageSchema,
  crmTransferQuerySchema,
  customerTransferSchema,
  customerTransferStatusSchema,
  crmPageQuerySchema,
  customerProfileSchema,
  httpErrorSchema,
  messageSchema,
  orderSchema,
  webhookCreateRequestSchema,
  webhookEventSchema,
  webhookSubscriptionCreatedSchema,
  webhookSubscriptionSchema,
} from '@interop-kit/elements/protocol';
import { companyViewer, type Ownership } from '../auth/ownership.js';
import type { ConversationStore } from '../conversations/store.js';
import { conversationView } from '../conversations/store.js';
import type { CorpStore } from '../corps/store.js';
import type { HttpApp } from '../http/fastify.js';
import { orderView, type OrderStore } from '../payments/orders.js';
import type { WebhookStore } from './webhooks.js';
import type { Outbound } from '../http/outbound.js';
import type { PublicBase } from '../http/forwarded.js';
import { managementApi } from '../management/api.js';
import type { Management } from '../management/service.js';
import type { CustomerTransfers } from '../team/transfers.js';

export interface CrmApiOptions {
  stores: { corps: CorpStore; conversations: ConversationStore; orders: OrderStore; webhooks: WebhookStore };
  ownership: Ownership;
  outbound: Outbound;
  /** Webhook receivers must be https in production, except inside the subnets OUTBOUND_ALLOW names. */
  production: boolean;
  management: Management;
  transfers: CustomerTransfers;
  publicBase: PublicBase;
}

/** The schemas the OpenAPI document names as components (`#/components/schemas/<id>`). */
const components = z.registry<{ id: string }>();
components.add(customerProfileSchema, { id: 'Customer' });
components.add(conversationSchema, { id: 'Conversation' });
components.add(messageSchema, { id: 'Message' });
components.add(orderSchema, { id: 'Order' });
components.add(customerTransferSchema, { id: 'CustomerTransfer' });
components.add(webhookSubscriptionSchema, { id: 'WebhookSubscription' });
components.add(webhookSubscriptionCreatedSchema, { id: 'WebhookSubscriptionCreated' });
components.add(webhookEventSchema, { id: 'WebhookEvent' });
components.add(httpErrorSchema, { id: 'Error' });

const errors = { 400: httpErrorSchema, 401: httpErrorSchema, 403: httpErrorSchema, 404: httpErrorSchema };
const uuid = z.uuid();
const seqCursor = z.string().check(z.regex(/^\d{1,10}$/));
const listQuery = z.extend(crmPageQuerySchema, { customerId: z.optional(z.string()) });
const idParam = <K extends string>(name: K) => z.object({ [name]: z.string() } as Record<K, z.ZodMiniString>);

/** `limit` and `cursor` of a list, checked; a cursor names the last item of the previous page. */
function page(query: z.output<typeof listQuery>, cursor: z.ZodMiniType<string> = uuid) {
  if (query.limit < 1 || query.limit > MAX_CRM_PAGE)
    throw new InteropError('invalid_payload', `limit is 1 to ${MAX_CRM_PAGE}`);
  if (query.cursor !== undefined && !cursor.safeParse(query.cursor).success)
    throw new InteropError('invalid_payload', 'The cursor is not valid');
  if (query.customerId !== undefined && !uuid.safeParse(query.customerId).success)
    throw new InteropError('invalid_payload', 'customerId is not valid');
  return { limit: query.limit, cursor: query.cursor, customerId: query.customerId };
}

/**
 * The CRM API, mounted at /api/v1: a company's own systems read its customers, conversations with their messages,
 * and orders (paged in creation order, so an export is stable while new data arrives), and subscribe to webhooks.
 * Every route takes a corp-scoped API key and sees only that corp. Its OpenAPI document is generated from these
 * routes' schemas, the same ones the answers are serialized with.
 */
export async function crmApi(app: HttpApp, options: CrmApiOptions): Promise<void> {
  const { corps, conversations, orders, webhooks } = options.stores;
  const { ownership } = options;

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Interop Kit CRM and management API',
        version: '1',
        description:
          'Read your customers, conversations and orders, subscribe to webhooks, and keep your directory, catalog, ' +
          'settings and customer records in step. Every request carries an API key (`Authorization: Bearer ixk_…`, made ' +
          'with `npm run admin -- api-key create <corp> <name> --scope read|write|admin`) and sees only its corp: ' +
          '`read` keys may GET, `write` keys may also change employees, products, customers and messages and mint employee ' +
          'sessions, `admin` keys may also change settings, origins, webhooks and keys. ' +
          'Webhook deliveries are POSTs signed with the subscription secret: `Interop-Signature: t=<unix seconds>,v1=<hex ' +
          'HMAC-SHA256(secret, "<t>.<raw body>")>`; failed deliveries are retried with exponential backoff, and ' +
          '`Interop-Event-Id` stays the same across retries.',
      },
      servers: [{ url: '/api/v1' }],
      security: [{ apiKey: [] }],
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A corp API key, ixk_…' } },
      },
      webhooks: {
        event: {
          post: {
            summary: 'An event delivery',
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookEvent' } } } },
            responses: { '200': { description: 'Any 2xx acknowledges it' } },
          },
        },
      },
    },
    transform: createJsonSchemaTransform({ schemaRegistry: components }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: components }),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(managementApi, { management: options.management, publicBase: options.publicBase });

  const apiKey = { auth: 'apiKey' } as const;

  app.get(
    '/customers',
    {
      config: apiKey,
      schema: {
        summary: 'Customers of the corp, in the order they were first seen',
        querystring: crmPageQuerySchema,
        response: { 200: crmCustomerPageSchema, ...errors },
      },
    },
    async (request) => {
      const { limit, cursor } = page(request.query);
      const { profiles, nextCursor } = await corps.customerPage(request.apiCorpId!, cursor, limit);
      return { data: profiles, nextCursor };
    },
  );

  app.get(
    '/customers/:customerId',
    {
      config: apiKey,
      schema: {
        summary: 'One customer',
        params: idParam('customerId'),
        response: { 200: customerProfileSchema, ...errors },
      },
    },
    async (request) => {
      return corps.profileOf(await ownership.customer(companyViewer(request.apiCorpId!), request.params.customerId));
    },
  );

  app.get(
    '/conversations',
    {
      config: apiKey,
      schema: {
        summary: 'Conversations, in the order they started',
        querystring: listQuery,
        response: { 200: crmConversationPageSchema, ...errors },
      },
    },
    async (request) => {
      const { records, nextCursor } = await conversations.exportPage(request.apiCorpId!, page(request.query));
      return { data: records.map((record) => conversationView(record, 'employee')), nextCursor };
    },
  );

  app.get(
    '/conversations/:conversationId/messages',
    {
      config: apiKey,
      schema: {
        summary: "A conversation's messages in seq order",
        params: idParam('conversationId'),
        querystring: crmPageQuerySchema,
        response: { 200: crmMessagePageSchema, ...errors },
      },
    },
    async (request) => {
      const conversation = await ownership.conversation(
        companyViewer(request.apiCorpId!),
        request.params.conversationId,
      );
      const { limit, cursor } = page(request.query, seqCursor);
      const messages = await conversations.messagesAfter(
        conversation.id,
        Number(cursor ?? 0),
        Math.min(limit, MAX_PAGE_SIZE),
      );
      return { data: messages.messages, nextCursor: messages.hasMore ? String(messages.messages.at(-1)!.seq) : null };
    },
  );

  app.get(
    '/orders',
    {
      config: apiKey,
      schema: {
        summary: 'Orders, in the order they were made',
        querystring: listQuery,
        response: { 200: crmOrderPageSchema, ...errors },
      },
    },
    async (request) => {
      const { records, nextCursor } = await orders.exportPage(request.apiCorpId!, page(request.query));
      return { data: records.map(orderView), nextCursor };
    },
  );

  app.get(
    '/transfers',
    {
      config: apiKey,
      schema: {
        summary:
          'Customer transfers (on-job and departure), in the order they started; status 1 done, 2 waiting, 3 refused, 4 taker at capacity',
        querystring: crmTransferQuerySchema,
        response: { 200: crmTransferPageSchema, ...errors },
      },
    },
    async (request) => {
      const { limit, cursor, customerId } = page(request.query);
      const { employeeId, status } = request.query;
      const { records, nextCursor } = await options.transfers.page(request.apiCorpId!, {
        ...{ limit, cursor, customerId, employeeId, status },
      });
      return { data: records, nextCursor };
    },
  );

  app.get(
    '/customers/:customerId/transfer',
    {
      config: apiKey,
      schema: {
        summary: "Where a customer's relationship stands: their latest transfer's status, or 5 (no transfer on record)",
        params: idParam('customerId'),
        response: { 200: customerTransferStatusSchema, ...errors },
      },
    },
    async (request) => {
      const customer = await ownership.customer(companyViewer(request.apiCorpId!), request.params.customerId);
      return options.transfers.statusOf(request.apiCorpId!, customer.id);
    },
  );

  app.get(
    '/webhooks',
    {
      config: { ...apiKey, scope: 'admin' },
      schema: {
        summary: 'Webhook subscriptions',
        response: { 200: z.object({ data: z.array(webhookSubscriptionSchema) }), ...errors },
      },
    },
    async (request) => ({ data: await webhooks.list(request.apiCorpId!) }),
  );

  app.post(
    '/webhooks',
    {
      config: { ...apiKey, scope: 'admin' },
      schema: {
        summary: 'Subscribe a URL to events; the answer carries the signing secret, shown this once',
        body: webhookCreateRequestSchema,
        response: { 200: webhookSubscriptionCreatedSchema, ...errors },
      },
    },
    async (request) => {
      // Plain http crosses the internet readable and forgeable; inside the company's own network (the subnets the
      // operator allowed) it may be all an internal receiver speaks.
      if (
        options.production &&
        !request.body.url.startsWith('https:') &&
        !(await options.outbound.withinAllowed(request.body.url))
      ) {
        throw new InteropError(
          'invalid_payload',
          'Webhook URLs must be https in production, unless their host is inside a subnet the operator allows (OUTBOUND_ALLOW)',
        );
      }
      // Checked again at every delivery: the name may resolve elsewhere by then.
      await options.outbound.check(request.body.url);
      return webhooks.create(request.apiCorpId!, request.body.url, request.body.events);
    },
  );

  app.delete(
    '/webhooks/:subscriptionId',
    {
      config: { ...apiKey, scope: 'admin' },
      schema: {
        summary: 'Stop a subscription (its pending deliveries stop too)',
        params: idParam('subscriptionId'),
        response: { 200: z.object({ deleted: z.boolean() }), ...errors },
      },
    },
    async (request) => {
      const { subscriptionId } = request.params;
      if (!uuid.safeParse(subscriptionId).success) throw new InteropError('not_found', 'No such webhook subscription');
      await webhooks.remove(request.apiCorpId!, subscriptionId);
      return { deleted: true };
    },
  );
}
