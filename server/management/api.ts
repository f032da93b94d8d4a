import * as z from 'zod/mini';
import {
  apiKeyCreatedSchema,
  apiKeyCreateRequestSchema,
  apiKeySchema,
  catalogImportResultSchema,
  catalogImportSchema,
  corpSettingsSchema,
  corpSettingsUpdateSchema,
  customerPatchSchema,
  customerProfileSchema,
  employeeDeactivateSchema,
  employeeIdSchema,
  employeeSessionRequestSchema,
  employeeSessionSchema,
  employeeUpsertSchema,
  httpErrorSchema,
  managedEmployeeSchema,
  messageSchema,
  originCheckSchema,
  originSchema,
  outboundMessageSchema,
  productListSchema,
  productSchema,
  productUpsertSchema,
  ssoConfigSchema,
  ssoSettingsSchema,
} from '@interop-kit/elements/protocol';
import type { HttpApp } from '../http/fastify.js';
import type { PublicBase } from '../http/forwarded.js';
import type { Management } from './service.js';

const errors = {
  400: httpErrorSchema,
  401: httpErrorSchema,
  403: httpErrorSchema,
  404: httpErrorSchema,
  409: httpErrorSchema,
};
const apiKey = { auth: 'apiKey' } as const;
const write = { auth: 'apiKey', scope: 'write' } as const;
const admin = { auth: 'apiKey', scope: 'admin' } as const;

const employeeParams = z.object({ employeeId: employeeIdSchema });
const productParams = z.object({ productId: productUpsertSchema.shape.id });
const customerParams = z.object({ customerId: z.uuid() });
const conversationParams = z.object({ conversationId: z.uuid() });
const keyParams = z.object({ keyId: z.uuid() });
const originQuery = z.object({ origin: originSchema });
const sent = z.object({ message: messageSchema, duplicate: z.boolean() });
const deactivated = z.object({ employee: managedEmployeeSchema, movedCustomers: z.int(), movedConversations: z.int() });

/**
 * The management API, beside the CRM API at /api/v1 and in the same OpenAPI document: the company's own systems keep
 * its directory, catalog, settings and customer records in step, and write to customers. Reads need a `read` key,
 * changes to people, products, customers and messages a `write` key, settings, origins and keys an `admin` key.
 */
export async function managementApi(
  app: HttpApp,
  options: { management: Management; publicBase: PublicBase },
): Promise<void> {
  const m = options.management;
  const corp = (request: { apiCorpId: string | null }) => request.apiCorpId!;

  app.get(
    '/settings',
    { config: apiKey, schema: { summary: "The company's settings", response: { 200: corpSettingsSchema, ...errors } } },
    (request) => m.settings(corp(request)),
  );
  app.patch(
    '/settings',
    {
      config: admin,
      schema: {
        summary: 'Change settings: an omitted field stays, null clears it',
        body: corpSettingsUpdateSchema,
        response: { 200: corpSettingsSchema, ...errors },
      },
    },
    (request) => m.updateSettings(corp(request), request.body),
  );
  app.put(
    '/origins',
    {
      config: admin,
      schema: {
        summary: 'Allow a page origin to embed the elements (idempotent)',
        querystring: originQuery,
        response: { 200: corpSettingsSchema, ...errors },
      },
    },
    (request) => m.addOrigin(corp(request), request.query.origin),
  );
  app.delete(
    '/origins',
    {
      config: admin,
      schema: {
        summary: 'Stop allowing a page origin (idempotent)',
        querystring: originQuery,
        response: { 200: corpSettingsSchema, ...errors },
      },
    },
    (request) => m.removeOrigin(corp(request), request.query.origin),
  );
  app.get(
    '/origins/check',
    {
      config: apiKey,
      schema: {
        summary: 'Whether a page served from an origin may embed the elements, and why',
        querystring: z.object({ origin: z.string().check(z.maxLength(2048)) }),
        response: { 200: originCheckSchema, ...errors },
      },
    },
    (request) => m.checkOrigin(corp(request), request.query.origin),
  );

  app.get(
    '/employees',
    {
      config: apiKey,
      schema: {
        summary: 'The directory',
        response: { 200: z.object({ data: z.array(managedEmployeeSchema) }), ...errors },
      },
    },
    async (request) => ({
      data: await m.listEmployees(corp(request)),
    }),
  );
  app.get(
    '/employees/:employeeId',
    {
      config: apiKey,
      schema: { summary: 'One employee', params: employeeParams, response: { 200: managedEmployeeSchema, ...errors } },
    },
    (request) => m.getEmployee(corp(request), request.params.employeeId),
  );
  app.put(
    '/employees/:employeeId',
    {
      config: write,
      schema: {
        summary: 'Directory sync: create or update an employee by your own id (a departed employee stays departed)',
        params: employeeParams,
        body: employeeUpsertSchema,
        response: { 200: managedEmployeeSchema, 201: managedEmployeeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { employee, created } = await m.upsertEmployee(corp(request), request.params.employeeId, request.body);
      return reply.code(created ? 201 : 200).send(employee);
    },
  );
  app.post(
    '/employees/:employeeId/deactivate',
    {
      config: write,
      schema: {
        summary:
          'Deactivate an employee: their sessions end now; their customers, open conversations and to-dos go to the successor, or back to the team',
        params: employeeParams,
        body: employeeDeactivateSchema,
        response: { 200: deactivated, ...errors },
      },
    },
    (request) => m.deactivateEmployee(corp(request), request.params.employeeId, request.body.successorId),
  );

  app.get(
    '/products',
    { config: apiKey, schema: { summary: 'The catalog', response: { 200: productListSchema, ...errors } } },
    async (request) => ({
      data: await m.listProducts(corp(request)),
    }),
  );
  app.put(
    '/products/:productId',
    {
      config: write,
      schema: {
        summary: 'Catalog sync: create or update one product',
        params: productParams,
        body: z.omit(productUpsertSchema, { id: true }),
        response: { 200: productSchema, ...errors },
      },
    },
    async (request) => {
      const { productId } = request.params;
      await m.importCatalog(corp(request), [{ ...request.body, id: productId }]);
      return (await m.listProducts(corp(request))).find((product) => product.id === productId)!;
    },
  );
  app.post(
    '/products/import',
    {
      config: write,
      schema: {
        summary: 'Catalog sync: create or update many products at once, all or none',
        body: catalogImportSchema,
        response: { 200: catalogImportResultSchema, ...errors },
      },
    },
    (request) => m.importCatalog(corp(request), request.body.products),
  );
  app.delete(
    '/products/:productId',
    {
      config: write,
      schema: {
        summary: 'Remove a product (orders keep their copy)',
        params: productParams,
        response: { 200: z.object({ removed: z.boolean() }), ...errors },
      },
    },
    (request) => m.removeProduct(corp(request), request.params.productId),
  );

  app.patch(
    '/customers/:customerId',
    {
      config: write,
      schema: {
        summary: "Update the company's record of a customer: contact fields, notes, tags, owner",
        params: customerParams,
        body: customerPatchSchema,
        response: { 200: customerProfileSchema, ...errors },
      },
    },
    (request) => m.patchCustomer(corp(request), request.params.customerId, request.body),
  );
  app.post(
    '/customers/:customerId/messages',
    {
      config: write,
      schema: {
        summary:
          'Write to a customer (their open conversation, or a new one), as an employee or as the company; retry with the same clientId',
        params: customerParams,
        body: outboundMessageSchema,
        response: { 200: sent, ...errors },
      },
    },
    (request) => m.postToCustomer(corp(request), request.params.customerId, request.body),
  );
  app.post(
    '/conversations/:conversationId/messages',
    {
      config: write,
      schema: {
        summary: 'Write into a conversation, as an employee or as the company; retry with the same clientId',
        params: conversationParams,
        body: outboundMessageSchema,
        response: { 200: sent, ...errors },
      },
    },
    (request) => m.postToConversation(corp(request), request.params.conversationId, request.body),
  );

  app.post(
    '/sessions/employee',
    {
      config: write,
      schema: {
        summary:
          "Token exchange: a workbench session for an active employee, for companies with their own login (set it as the workbench's token)",
        body: employeeSessionRequestSchema,
        response: { 200: employeeSessionSchema, ...errors },
      },
    },
    (request) => m.employeeSession(corp(request), request.body.employeeId),
  );

  app.get(
    '/sso',
    {
      config: admin,
      schema: {
        summary: 'Single sign-on: the OpenID provider employees sign in with (null: none)',
        response: { 200: z.nullable(ssoSettingsSchema), ...errors },
      },
    },
    (request) => m.ssoSettings(corp(request), options.publicBase(request)),
  );
  app.put(
    '/sso',
    {
      config: admin,
      schema: {
        summary: 'Name the OpenID provider; register the answer’s redirectUri there',
        body: ssoConfigSchema,
        response: { 200: ssoSettingsSchema, ...errors },
      },
    },
    (request) => m.setSso(corp(request), request.body, options.publicBase(request)),
  );
  app.delete(
    '/sso',
    {
      config: admin,
      schema: { summary: 'Turn single sign-on off', response: { 200: z.object({ removed: z.boolean() }), ...errors } },
    },
    (request) => m.removeSso(corp(request)),
  );

  app.get(
    '/api-keys',
    {
      config: admin,
      schema: { summary: 'API keys', response: { 200: z.object({ data: z.array(apiKeySchema) }), ...errors } },
    },
    async (request) => ({
      data: await m.listApiKeys(corp(request)),
    }),
  );
  app.post(
    '/api-keys',
    {
      config: admin,
      schema: {
        summary: 'Make an API key; the answer carries the key, shown this once',
        body: apiKeyCreateRequestSchema,
        response: { 200: apiKeyCreatedSchema, ...errors },
      },
    },
    (request) => m.createApiKey(corp(request), request.body.name, request.body.scope),
  );
  app.delete(
    '/api-keys/:keyId',
    {
      config: admin,
      schema: {
        summary: 'Revoke an API key',
        params: keyParams,
        response: { 200: z.object({ revoked: z.boolean() }), ...errors },
      },
    },
    (request) => m.revokeApiKey(corp(request), request.params.keyId),
  );
}
