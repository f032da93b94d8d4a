import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import {
  API_KEY_SCOPES,
  EMPLOYEE_ROLES,
  InteropError,
  MAX_NAME_LENGTH,
  catalogImportSchema,
  corpIdSchema,
  corpSettingsUpdateSchema,
  employeeIdSchema,
  employeeUpsertSchema,
  originSchema,
  ssoConfigSchema,
  type CorpSettings,
  type SsoSettings,
  type ManagedEmployee,
} from '@interop-kit/elements/protocol';
import type { HttpApp } from '../http/fastify.js';
import type { Management } from './service.js';

/**
 * The operator's commands (`npm run admin -- …`), as data: the CLI builds one from its arguments and runs it on the
 * database itself, or — when a backend is running on the data folder — sends it to that backend, which runs the
 * same code. Either way the output is the same text.
 */
export const operatorCommandSchema = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('corp.create'),
    corp: corpIdSchema,
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH)),
    origins: z.array(originSchema),
  }),
  z.object({ verb: z.literal('corp.show'), corp: corpIdSchema }),
  z.object({ verb: z.literal('corp.set'), corp: corpIdSchema, update: corpSettingsUpdateSchema }),
  z.object({ verb: z.literal('corp.origin.add'), corp: corpIdSchema, origin: originSchema }),
  z.object({ verb: z.literal('corp.origin.remove'), corp: corpIdSchema, origin: originSchema }),
  z.object({ verb: z.literal('corp.origin.list'), corp: corpIdSchema }),
  z.object({ verb: z.literal('corp.origin.check'), corp: corpIdSchema, origin: z.string().check(z.maxLength(2048)) }),
  z.object({ verb: z.literal('corp.sso.set'), corp: corpIdSchema, sso: ssoConfigSchema }),
  z.object({ verb: z.literal('corp.sso.show'), corp: corpIdSchema }),
  z.object({ verb: z.literal('corp.sso.remove'), corp: corpIdSchema }),
  z.object({
    verb: z.literal('employee.add'),
    corp: corpIdSchema,
    employeeId: employeeIdSchema,
    employee: employeeUpsertSchema,
  }),
  z.object({
    verb: z.literal('employee.update'),
    corp: corpIdSchema,
    employeeId: employeeIdSchema,
    change: z.partial(employeeUpsertSchema),
  }),
  z.object({
    verb: z.literal('employee.deactivate'),
    corp: corpIdSchema,
    employeeId: employeeIdSchema,
    successorId: z.optional(employeeIdSchema),
  }),
  z.object({
    verb: z.literal('employee.role'),
    corp: corpIdSchema,
    employeeId: employeeIdSchema,
    role: z.enum(EMPLOYEE_ROLES),
  }),
  z.object({ verb: z.literal('employee.list'), corp: corpIdSchema }),
  z.object({ verb: z.literal('catalog.import'), corp: corpIdSchema, products: catalogImportSchema.shape.products }),
  z.object({
    verb: z.literal('api-key.create'),
    corp: corpIdSchema,
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    scope: z.enum(API_KEY_SCOPES),
  }),
  z.object({ verb: z.literal('api-key.list'), corp: corpIdSchema }),
  z.object({ verb: z.literal('api-key.revoke'), corp: corpIdSchema, keyId: z.uuid() }),
]);
export type OperatorCommand = z.infer<typeof operatorCommandSchema>;

const employeeLine = (e: ManagedEmployee) =>
  `${e.id}  ${e.name}  <${e.email ?? 'no email'}>  ${e.role}${e.title ? `  ${e.title}` : ''}${e.status === 'departed' ? `  departed${e.successorId ? ` → ${e.successorId}` : ''}` : ''}`;

const settingsText = (s: CorpSettings) =>
  [
    `${s.id}: ${s.name}`,
    `  accent colour:   ${s.accentColor ?? '(default)'}`,
    `  logo:            ${s.logoUrl ?? '(none)'}`,
    `  allowed origins: ${s.allowedOrigins.length ? s.allowedOrigins.join(' ') : '(none: only pages served by this backend may embed it)'}`,
    `  business hours:  ${s.businessHours ? JSON.stringify(s.businessHours) : '(always open)'}`,
    `  pre-chat form:   ${s.prechat ? JSON.stringify(s.prechat) : '(none)'}`,
    `  welcome:         ${s.welcome ? JSON.stringify(s.welcome) : "(the kit's greeting, no topics)"}`,
  ].join('\n');

const ssoText = (s: SsoSettings) =>
  [
    `Single sign-on with ${s.displayName}: ${s.issuer} (client ${s.clientId})`,
    `  employees are matched by their ${s.matchBy} against the ID token's "${s.claim}" claim${s.createEmployees ? '; unknown ones become agents' : ''}`,
    `  register this redirect URI at the provider: ${s.redirectUri}`,
  ].join('\n');

/** Runs one command and says what it did, for a person at a terminal (`publicBase`: where browsers reach the backend). */
export async function runOperatorCommand(m: Management, command: OperatorCommand, publicBase: string): Promise<string> {
  switch (command.verb) {
    case 'corp.create': {
      const { settings, secret, apiKey } = await m.createCorp({
        id: command.corp,
        name: command.name,
        allowedOrigins: command.origins,
      });
      return [
        `Created ${settings.id} ("${settings.name}").`,
        `  allowed origins: ${settings.allowedOrigins.join(' ') || '(none yet: npm run admin -- corp origin add ' + settings.id + ' https://…)'}`,
        '',
        'Identity secret (your backend signs verified user ids with it: HMAC-SHA256(secret, userId)):',
        `  ${secret}`,
        '',
        `First admin API key "${apiKey.name}" (${apiKey.id}):`,
        `  ${apiKey.key}`,
        '',
        'Both are shown this once; keep them on your servers.',
      ].join('\n');
    }
    case 'corp.show':
      return settingsText(await m.settings(command.corp));
    case 'corp.set':
      return `Updated.\n${settingsText(await m.updateSettings(command.corp, command.update))}`;
    case 'corp.origin.add': {
      const settings = await m.addOrigin(command.corp, command.origin);
      return `${command.origin} may embed ${settings.id}. Allowed origins: ${settings.allowedOrigins.join(' ')}`;
    }
    case 'corp.origin.remove': {
      const settings = await m.removeOrigin(command.corp, command.origin);
      return `${command.origin} may no longer embed ${settings.id}. Allowed origins: ${settings.allowedOrigins.join(' ') || '(none)'}`;
    }
    case 'corp.origin.list':
      return (await m.settings(command.corp)).allowedOrigins.join('\n') || '(no allowed origins)';
    case 'corp.origin.check': {
      const check = await m.checkOrigin(command.corp, command.origin);
      return `${check.allowed ? 'allowed' : 'refused'}: ${check.reason}`;
    }
    case 'corp.sso.set':
      return ssoText(await m.setSso(command.corp, command.sso, publicBase));
    case 'corp.sso.show': {
      const settings = await m.ssoSettings(command.corp, publicBase);
      return settings ? ssoText(settings) : `${command.corp} has no single sign-on.`;
    }
    case 'corp.sso.remove':
      return (await m.removeSso(command.corp)).removed
        ? 'Single sign-on is off.'
        : `${command.corp} had no single sign-on.`;
    case 'employee.add': {
      if (await m.getEmployee(command.corp, command.employeeId).catch(() => undefined)) {
        throw new InteropError(
          'conflict',
          `${command.employeeId} already exists in ${command.corp}; use "employee update"`,
        );
      }
      const { employee } = await m.upsertEmployee(command.corp, command.employeeId, command.employee);
      return `Added ${employeeLine(employee)}`;
    }
    case 'employee.update': {
      const current = await m.getEmployee(command.corp, command.employeeId);
      const { employee } = await m.upsertEmployee(command.corp, command.employeeId, {
        name: current.name,
        email: current.email ?? '',
        ...command.change,
      });
      return `Updated ${employeeLine(employee)}`;
    }
    case 'employee.role': {
      const current = await m.getEmployee(command.corp, command.employeeId);
      await m.upsertEmployee(command.corp, command.employeeId, {
        name: current.name,
        email: current.email ?? '',
        role: command.role,
      });
      return `${command.employeeId} is now ${command.role === 'admin' ? 'an admin' : 'an agent'}.`;
    }
    case 'employee.deactivate': {
      const result = await m.deactivateEmployee(command.corp, command.employeeId, command.successorId);
      const successor = result.employee.successorId;
      const customers = successor
        ? `${result.movedCustomers} customer(s) are asked to accept ${successor}`
        : `${result.movedCustomers} customer(s) went to the team (unassigned)`;
      return `${result.employee.name} is deactivated; their sessions ended. ${customers}; ${result.movedConversations} open conversation(s) were handed on.`;
    }
    case 'employee.list':
      return (await m.listEmployees(command.corp)).map(employeeLine).join('\n') || '(no employees)';
    case 'catalog.import': {
      const counts = await m.importCatalog(command.corp, command.products);
      return `Imported ${command.products.length} product(s) into ${command.corp}: ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged.`;
    }
    case 'api-key.create': {
      const key = await m.createApiKey(command.corp, command.name, command.scope);
      return `API key "${key.name}" (${key.id}, ${key.scope}) for ${command.corp}:\n\n  ${key.key}\n\nIt is shown this once; keep it on your servers.`;
    }
    case 'api-key.list':
      return (
        (await m.listApiKeys(command.corp))
          .map(
            (key) =>
              `${key.id}  ${key.prefix}…  ${key.scope}  ${key.name}  made ${key.createdAt}${key.revokedAt ? `  revoked ${key.revokedAt}` : ''}`,
          )
          .join('\n') || '(no API keys)'
      );
    case 'api-key.revoke':
      await m.revokeApiKey(command.corp, command.keyId);
      return `Revoked ${command.keyId}.`;
  }
}

/** What a running backend leaves in its data folder for the CLI: where it listens and the key it accepts. */
export const OPERATOR_FILE = 'operator.json';
const operatorFileSchema = z.object({ url: z.string(), key: z.string(), pid: z.int() });
export type OperatorEndpoint = z.infer<typeof operatorFileSchema>;

export async function readOperatorFile(dataDir: string): Promise<OperatorEndpoint | undefined> {
  const text = await readFile(join(dataDir, OPERATOR_FILE), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : operatorFileSchema.safeParse(JSON.parse(text)).data;
}

/** A connection from this machine: loopback, or to one of its own addresses from that same address. */
const isLocal = (socket: { remoteAddress?: string | undefined; localAddress?: string | undefined }) =>
  socket.remoteAddress === '127.0.0.1' ||
  socket.remoteAddress === '::1' ||
  socket.remoteAddress === '::ffff:127.0.0.1' ||
  socket.remoteAddress === socket.localAddress;

/**
 * The operator endpoint: the CLI's way into a running backend. Whoever may read the data folder may already open its
 * database, so the key lives there (a file only its owner reads, new at each start); the endpoint also answers
 * connections from this machine only, whatever a proxy says.
 */
export function createOperatorEndpoint(options: {
  management: Management;
  dataDir: string;
  /** Where browsers reach the backend (PUBLIC_URL, or its listen address): not the CLI's loopback address. */
  publicUrl: () => string;
}) {
  const key = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${key}`);
  /** POST /api/operator, as a Fastify plugin. */
  const routes = async (app: HttpApp) => {
    app.post(
      '/api/operator',
      {
        schema: { hide: true, body: operatorCommandSchema },
        // Before the body is read: a stranger learns nothing about the commands.
        onRequest: async (request) => {
          const given = Buffer.from(request.headers.authorization ?? '');
          // A proxy on this machine makes every request look local: one that came through a proxy is not the CLI.
          const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
          if (
            proxied ||
            !isLocal(request.raw.socket) ||
            given.length !== expected.length ||
            !timingSafeEqual(given, expected)
          ) {
            throw new InteropError(
              'unauthorized',
              'The operator endpoint takes the key from the data folder, on this machine',
            );
          }
        },
      },
      async (request) => ({ output: await runOperatorCommand(options.management, request.body, options.publicUrl()) }),
    );
  };
  const file = join(options.dataDir, OPERATOR_FILE);
  return {
    routes,
    /** Tells the CLI where this backend listens (once it does). */
    async publish(url: string) {
      await mkdir(options.dataDir, { recursive: true });
      await writeFile(file, JSON.stringify({ url, key, pid: process.pid }), { mode: 0o600 });
    },
    async withdraw() {
      if ((await readOperatorFile(options.dataDir))?.key === key) await rm(file, { force: true });
    },
  };
}
