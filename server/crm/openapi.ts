import * as z from 'zod/mini';
import {
  conversationSchema,
  errorBodySchema,
  messageSchema,
  orderSchema,
  customerProfileSchema,
  MAX_CRM_PAGE,
  webhookCreateRequestSchema,
  webhookEventSchema,
  webhookSubscriptionCreatedSchema,
  webhookSubscriptionSchema,
} from '@interop-kit/elements/protocol';

/** A zod schema as an OpenAPI 3.1 schema object (JSON Schema 2020-12, without its `$schema` line). */
function jsonSchema(schema: z.ZodMiniType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const page = (item: string) => ({
  type: 'object',
  required: ['data', 'nextCursor'],
  properties: { data: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last one.' } },
});
const json = (schema: object) => ({ 'application/json': { schema } });
const errors = {
  '400': { description: 'invalid_payload: a malformed query, cursor or body (with the zod issues)', content: json(ref('Error')) },
  '401': { description: 'unauthorized: no API key, or an unknown or revoked one', content: json(ref('Error')) },
  '403': { description: 'forbidden: called from a browser (with an Origin header)', content: json(ref('Error')) },
  '404': { description: 'not_found: no such item in this corp', content: json(ref('Error')) },
};
const pageParameters = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_CRM_PAGE, default: 100 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'The `nextCursor` of the previous page.' },
];
const customerFilter = { name: 'customerId', in: 'query', schema: { type: 'string', format: 'uuid' } };
const listOf = (summary: string, item: string, extra: object[] = []) => ({
  get: { summary, parameters: [...pageParameters, ...extra], responses: { '200': { description: 'A page, oldest first', content: json(page(item)) }, ...errors } },
});

let document: object | undefined;

/** The CRM API's OpenAPI 3.1 document, generated from the same schemas the server answers with. */
export function crmOpenApi(): object {
  document ??= {
    openapi: '3.1.0',
    info: {
      title: 'Interop Kit CRM API',
      version: '1',
      description:
        'Read your customers, conversations and orders, and subscribe to webhooks. Every request carries an API key ' +
        '(`Authorization: Bearer ixk_…`, made with `npm run admin -- api-key create <corp> <name>`) and sees only its corp. ' +
        'Webhook deliveries are POSTs signed with the subscription secret: `Interop-Signature: t=<unix seconds>,v1=<hex ' +
        'HMAC-SHA256(secret, "<t>.<raw body>")>`; failed deliveries are retried with exponential backoff, and ' +
        '`Interop-Event-Id` stays the same across retries.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiKey: [] }],
    paths: {
      '/customers': listOf('Customers of the corp, in the order they were first seen', 'Customer'),
      '/customers/{customerId}': {
        get: {
          summary: 'One customer',
          parameters: [{ name: 'customerId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'The customer', content: json(ref('Customer')) }, ...errors },
        },
      },
      '/conversations': listOf('Conversations, in the order they started', 'Conversation', [customerFilter]),
      '/conversations/{conversationId}/messages': {
        get: {
          summary: "A conversation's messages in seq order",
          parameters: [{ name: 'conversationId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, ...pageParameters],
          responses: { '200': { description: 'A page of messages', content: json(page('Message')) }, ...errors },
        },
      },
      '/orders': listOf('Orders, in the order they were made', 'Order', [customerFilter]),
      '/webhooks': {
        get: {
          summary: 'Webhook subscriptions',
          responses: { '200': { description: 'The subscriptions', content: json({ type: 'object', properties: { data: { type: 'array', items: ref('WebhookSubscription') } } }) }, ...errors },
        },
        post: {
          summary: 'Subscribe a URL to events',
          requestBody: { required: true, content: json(jsonSchema(webhookCreateRequestSchema)) },
          responses: { '200': { description: 'The subscription, with its signing secret (shown this once)', content: json(ref('WebhookSubscriptionCreated')) }, ...errors },
        },
      },
      '/webhooks/{subscriptionId}': {
        delete: {
          summary: 'Stop a subscription (its pending deliveries stop too)',
          parameters: [{ name: 'subscriptionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'Deleted' }, ...errors },
        },
      },
    },
    webhooks: {
      event: { post: { summary: 'An event delivery', requestBody: { content: json(ref('WebhookEvent')) }, responses: { '200': { description: 'Any 2xx acknowledges it' } } } },
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A corp API key, ixk_…' } },
      schemas: {
        Customer: jsonSchema(customerProfileSchema),
        Conversation: jsonSchema(conversationSchema),
        Message: jsonSchema(messageSchema),
        Order: jsonSchema(orderSchema),
        WebhookSubscription: jsonSchema(webhookSubscriptionSchema),
        WebhookSubscriptionCreated: jsonSchema(webhookSubscriptionCreatedSchema),
        WebhookEvent: jsonSchema(webhookEventSchema),
        Error: { type: 'object', required: ['error'], properties: { error: jsonSchema(errorBodySchema) } },
      },
    },
  };
  return document;
}
