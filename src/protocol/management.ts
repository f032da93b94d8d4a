import * as z from 'zod/mini';
import { businessHoursSchema, MAX_NAME_LENGTH, prechatConfigSchema, welcomeSchema } from './corp.js';
import { transferRulesSchema } from './transfers.js';
import { productSchema } from './commerce.js';
import { MAX_TEXT_LENGTH } from './limits.js';
import { EMPLOYEE_ROLES, MAX_NOTES_LENGTH, MAX_TAG_LENGTH, MAX_TAGS } from './workbench.js';
import { apiKeySchema, webhookSubscriptionSchema } from './crm.js';

/**
 * The management API: how a company runs itself from its own systems (directory and catalog sync, settings, outbound
 * messages) and how its operator runs the backend (the `npm run admin` CLI). Every write is idempotent where a
 * client may retry it: upserts by the company's own ids, messages by their `clientId`.
 */

/** A company's id: lower-case letters, digits and dashes (it appears in URLs and in the embed snippet). */
export const corpIdSchema = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A corp id is 1–63 lower-case letters, digits or dashes'));

/** An employee's id, the company's own (an HR number, a login name, an email address): unique within the company. */
export const employeeIdSchema = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/,
      'An employee id is 1–128 letters, digits or . _ @ + - (starting with a letter or digit)',
    ),
  );

/** The scheme, host and port a page is served from, as browsers send it in `Origin`: `https://shop.example.com`. */
export const originSchema = z.string().check(
  z.maxLength(255),
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'An origin is scheme://host[:port], lower-case, with no path or trailing slash (https://shop.example.com)'),
);

export const MAX_ALLOWED_ORIGINS = 50;

/** The company's accent colour, as hex (`#0a7d5a`): the kit picks a readable text colour for it. */
export const accentColorSchema = z
  .string()
  .check(z.regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'An accent colour is a hex colour: #0a7d5a'));

const httpsUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2048));
const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH));

/** The company as its admins and its own systems see and set it. */
export const corpSettingsSchema = z.object({
  id: z.string(),
  name: z.string(),
  accentColor: z.nullable(z.string()),
  logoUrl: z.nullable(z.string()),
  allowedOrigins: z.array(z.string()),
  businessHours: z.nullable(businessHoursSchema),
  prechat: z.nullable(prechatConfigSchema),
  welcome: z.nullable(welcomeSchema),
  /** How customers change hands (the defaults when the company set none). */
  transferRules: transferRulesSchema,
});
export type CorpSettings = z.infer<typeof corpSettingsSchema>;

/** A change of settings: an omitted field stays as it is, `null` clears it. */
export const corpSettingsUpdateSchema = z.object({
  name: z.optional(name),
  accentColor: z.optional(z.nullable(accentColorSchema)),
  logoUrl: z.optional(z.nullable(httpsUrl)),
  allowedOrigins: z.optional(z.array(originSchema).check(z.maxLength(MAX_ALLOWED_ORIGINS))),
  businessHours: z.optional(z.nullable(businessHoursSchema)),
  prechat: z.optional(z.nullable(prechatConfigSchema)),
  welcome: z.optional(z.nullable(welcomeSchema)),
  /** `null`: back to the defaults. */
  transferRules: z.optional(z.nullable(transferRulesSchema)),
});
export type CorpSettingsUpdate = z.infer<typeof corpSettingsUpdateSchema>;

/** Whether a page served from `origin` may embed the company's elements, and why not. */
export const originCheckSchema = z.object({ origin: z.string(), allowed: z.boolean(), reason: z.string() });
export type OriginCheck = z.infer<typeof originCheckSchema>;

/** An employee as the company's directory knows them. */
export const managedEmployeeSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.nullable(z.string()),
  title: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  role: z.enum(EMPLOYEE_ROLES),
  status: z.enum(['active', 'departed']),
  successorId: z.nullable(z.string()),
});
export type ManagedEmployee = z.infer<typeof managedEmployeeSchema>;

/** Directory sync: the employee as they should be (PUT by id; a repeat changes nothing). */
export const employeeUpsertSchema = z.object({
  name,
  email: z.email().check(z.maxLength(254)),
  title: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(MAX_NAME_LENGTH)))),
  phone: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{5,32}$/)))),
  role: z.optional(z.enum(EMPLOYEE_ROLES)),
});
export type EmployeeUpsert = z.infer<typeof employeeUpsertSchema>;

/** Deactivation: who takes over the employee's customers and conversations (none: they go back to the team). */
export const employeeDeactivateSchema = z.object({ successorId: z.optional(employeeIdSchema) });

export const MAX_CATALOG_IMPORT = 5000;

/** Catalog sync: a product as it should be, in the protocol's product shape (PUT by id). */
export const productUpsertSchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'A product id is 1–128 letters, digits or . _ -')),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  description: z._default(z.string().check(z.maxLength(2000)), ''),
  imageUrl: z._default(
    z.nullable(
      z
        .string()
        .check(z.maxLength(2048), z.regex(/^(https?:\/\/|\/)/, 'An image is an http(s) URL or a path on the site')),
    ),
    null,
  ),
  priceMinor: z.int().check(z.nonnegative(), z.maximum(1e12)),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'A currency is an ISO 4217 code: CNY, USD')),
  pagePath: z
    .string()
    .check(
      z.maxLength(2048),
      z.regex(/^(https?:\/\/|\/)/, 'A product page is a path on the site (/products/tea) or an http(s) URL'),
    ),
  available: z._default(z.boolean(), true),
});
export type ProductUpsert = z.infer<typeof productUpsertSchema>;
export const catalogImportSchema = z.object({
  products: z.array(productUpsertSchema).check(z.minLength(1), z.maxLength(MAX_CATALOG_IMPORT)),
});
export const catalogImportResultSchema = z.object({ created: z.int(), updated: z.int(), unchanged: z.int() });
export const productListSchema = z.object({ data: z.array(productSchema) });

const tag = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TAG_LENGTH));

/** A change to the company's record of a customer; `addTags`/`removeTags` are safe to retry, `tags` replaces them all. */
export const customerPatchSchema = z.object({
  name: z.optional(z.nullable(name)),
  email: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
  phone: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{5,32}$/)))),
  notes: z.optional(z.string().check(z.maxLength(MAX_NOTES_LENGTH))),
  tags: z.optional(z.array(tag).check(z.maxLength(MAX_TAGS))),
  addTags: z.optional(z.array(tag).check(z.maxLength(MAX_TAGS))),
  removeTags: z.optional(z.array(tag).check(z.maxLength(MAX_TAGS))),
  ownerId: z.optional(employeeIdSchema),
});
export type CustomerPatch = z.infer<typeof customerPatchSchema>;

/**
 * A message from the company's systems into a conversation: as one of its employees, or (no `employeeId`) as the
 * company itself. `clientId` makes it safe to retry: the same id returns the stored message.
 */
export const outboundMessageSchema = z.object({
  clientId: z.uuid(),
  text: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT_LENGTH)),
  employeeId: z.optional(employeeIdSchema),
});
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/** Token exchange: a company with its own login mints a workbench session for one of its employees. */
export const employeeSessionRequestSchema = z.object({ employeeId: employeeIdSchema });
export const employeeSessionSchema = z.object({ token: z.string(), expiresAt: z.iso.datetime({ offset: true }) });

/**
 * A company's OpenID Connect single sign-on: its provider (the issuer, discovered from /.well-known), the client
 * registered there for the backend, and how an ID token names an employee: `claim` compared with the employee's id
 * or email (`matchBy`). With `createEmployees`, an unknown but authenticated person becomes an agent.
 */
export const ssoConfigSchema = z.object({
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  issuer: z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)),
  clientId: z.string().check(z.minLength(1), z.maxLength(255)),
  clientSecret: z.string().check(z.minLength(1), z.maxLength(1024)),
  claim: z._default(z.string().check(z.regex(/^[\w.:-]{1,64}$/)), 'email'),
  matchBy: z._default(z.enum(['id', 'email']), 'email'),
  createEmployees: z._default(z.boolean(), false),
});
export type SsoConfig = z.infer<typeof ssoConfigSchema>;
/** The configuration as read back: the secret stays on the server; `redirectUri` is what to register at the provider. */
export const ssoSettingsSchema = z.object({
  displayName: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  claim: z.string(),
  matchBy: z.enum(['id', 'email']),
  createEmployees: z.boolean(),
  redirectUri: z.string(),
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;
/** What a sign-in page shows: "Sign in with <name>", or nothing when the company has no single sign-on. */
export const ssoInfoSchema = z.object({ sso: z.nullable(z.object({ name: z.string(), loginUrl: z.string() })) });
export type SsoInfo = z.infer<typeof ssoInfoSchema>;

const timestamp = z.iso.datetime({ offset: true });

/** One attempt history of one event to one subscription, as the admin console lists the recent ones. */
export const webhookDeliverySchema = z.object({
  eventId: z.uuid(),
  eventType: z.string(),
  attempts: z.int(),
  lastStatus: z.nullable(z.int()),
  lastError: z.nullable(z.string()),
  createdAt: timestamp,
  deliveredAt: z.nullable(timestamp),
  failedAt: z.nullable(timestamp),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
/** A subscription with its latest deliveries and how many were given up on. */
export const webhookOverviewSchema = z.extend(webhookSubscriptionSchema, {
  deliveries: z.array(webhookDeliverySchema),
  failures: z.int(),
});
export type WebhookOverview = z.infer<typeof webhookOverviewSchema>;

/** What the workbench's settings tile shows an admin, in one answer. */
export const adminConsoleSchema = z.object({
  settings: corpSettingsSchema,
  sso: z.nullable(ssoSettingsSchema),
  employees: z.array(managedEmployeeSchema),
  apiKeys: z.array(apiKeySchema),
  webhooks: z.array(webhookOverviewSchema),
});
export type AdminConsole = z.infer<typeof adminConsoleSchema>;
export const adminEmployeeSaveSchema = z.extend(employeeUpsertSchema, { employeeId: employeeIdSchema });
export const originCheckRequestSchema = z.object({ origin: z.string().check(z.maxLength(2048)) });
