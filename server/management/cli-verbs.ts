import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { API_KEY_SCOPES, productUpsertSchema } from '@interop-kit/elements/protocol';
import type { OperatorCommand } from './operator.js';

/** A command line the CLI cannot make a command of: exit code 2, with the reason. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Verb {
  usage: string;
  about: string;
  options?: Options;
  /** Positional arguments after the verb's words. */
  args: number | [min: number, max: number];
  build(args: string[], values: Values): OperatorCommand | Promise<OperatorCommand>;
}

const json = (flag: string, value: unknown) => {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  try {
    return JSON.parse(String(value)) as unknown;
  } catch {
    throw new UsageError(`--${flag} takes JSON (or "none" to clear it)`);
  }
};
const text = (value: unknown) => (value === undefined ? undefined : String(value));
const employeeFields: Options = {
  name: { type: 'string' },
  email: { type: 'string' },
  title: { type: 'string' },
  phone: { type: 'string' },
  role: { type: 'string' },
};

/** Products from a JSON file (an array, or `{ "products": [...] }`) or a CSV file with a header row of field names. */
async function readCatalog(file: string): Promise<unknown[]> {
  const content = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (extname(file).toLowerCase() === '.csv') {
    const rows = parseCsv(content, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<
      Record<string, string>
    >;
    return rows.map((row) => ({
      ...row,
      priceMinor: /^\d+$/.test(row.priceMinor ?? '') ? Number(row.priceMinor) : row.priceMinor,
      imageUrl: row.imageUrl || null,
      description: row.description ?? '',
      available: row.available === undefined || row.available === '' ? true : /^(true|yes|1)$/i.test(row.available),
    }));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const products = Array.isArray(parsed) ? parsed : (parsed as { products?: unknown }).products;
  if (!Array.isArray(products))
    throw new UsageError(`${file} holds no product list (an array, or { "products": [...] })`);
  return products;
}

/** The operator CLI's verbs: usage, help, arguments, and the command each builds (checked by operatorCommandSchema). */
export const VERBS: Record<string, Verb> = {
  'corp create': {
    usage: 'corp create <corp> --name "<display name>" [--origin <origin>]...',
    about: 'Creates a company; prints its identity secret and its first admin API key (shown once).',
    options: { name: { type: 'string' }, origin: { type: 'string', multiple: true } },
    args: 1,
    build: ([corp], v) => ({
      verb: 'corp.create',
      corp: corp!,
      name: text(v.name) ?? '',
      origins: (v.origin as string[] | undefined) ?? [],
    }),
  },
  'corp show': {
    usage: 'corp show <corp>',
    about: "Shows a company's settings.",
    args: 1,
    build: ([corp]) => ({ verb: 'corp.show', corp: corp! }),
  },
  'corp set': {
    usage:
      'corp set <corp> [--name "<name>"] [--accent <css color>] [--logo <url>] [--hours <json>] [--prechat <json>] [--welcome <json>]',
    about:
      'Changes settings. --hours: {"timezone":"Asia/Shanghai","weekly":{"1":[["09:00","18:00"]]}} (0 = Sunday); ' +
      '--prechat: {"fields":["name","email"],"consentText":"…"}; --welcome: {"greeting":"Hi!","topics":["Where is my order?"]}; ' +
      '"none" clears --accent, --logo, --hours, --prechat or --welcome.',
    options: {
      name: { type: 'string' },
      accent: { type: 'string' },
      logo: { type: 'string' },
      hours: { type: 'string' },
      prechat: { type: 'string' },
      welcome: { type: 'string' },
    },
    args: 1,
    build: ([corp], v) => ({
      verb: 'corp.set',
      corp: corp!,
      update: {
        name: text(v.name),
        accentColor: v.accent === 'none' ? null : text(v.accent),
        logoUrl: v.logo === 'none' ? null : text(v.logo),
        businessHours: json('hours', v.hours),
        prechat: json('prechat', v.prechat),
        welcome: json('welcome', v.welcome),
      } as never,
    }),
  },
  'corp origin add': {
    usage: 'corp origin add <corp> <origin>',
    about: 'Lets pages served from <origin> (https://shop.example.com) embed the elements.',
    args: 2,
    build: ([corp, origin]) => ({ verb: 'corp.origin.add', corp: corp!, origin: origin! }),
  },
  'corp origin remove': {
    usage: 'corp origin remove <corp> <origin>',
    about: 'Stops pages served from <origin> embedding the elements.',
    args: 2,
    build: ([corp, origin]) => ({ verb: 'corp.origin.remove', corp: corp!, origin: origin! }),
  },
  'corp origin list': {
    usage: 'corp origin list <corp>',
    about: 'Lists the allowed origins.',
    args: 1,
    build: ([corp]) => ({ verb: 'corp.origin.list', corp: corp! }),
  },
  'corp origin check': {
    usage: 'corp origin check <corp> <origin>',
    about: 'Says whether a page served from <origin> may embed the elements, and why.',
    args: 2,
    build: ([corp, origin]) => ({ verb: 'corp.origin.check', corp: corp!, origin: origin! }),
  },
  'corp sso set': {
    usage:
      'corp sso set <corp> --issuer <url> --client-id <id> --client-secret <secret> [--name "<provider name>"] ' +
      '[--claim email] [--match email|id] [--create-employees]',
    about:
      'Lets employees sign in with the company’s OpenID Connect provider (authorization code with PKCE). --claim names ' +
      'the ID token claim compared with each employee’s --match (email by default); --create-employees makes an ' +
      'unknown but signed-in person an agent. Prints the redirect URI to register at the provider (set PUBLIC_URL).',
    options: {
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      name: { type: 'string' },
      claim: { type: 'string' },
      match: { type: 'string' },
      'create-employees': { type: 'boolean' },
    },
    args: 1,
    build: ([corp], v) => ({
      verb: 'corp.sso.set',
      corp: corp!,
      sso: {
        issuer: text(v.issuer) ?? '',
        clientId: text(v['client-id']) ?? '',
        clientSecret: text(v['client-secret']) ?? '',
        displayName: text(v.name) ?? (URL.canParse(String(v.issuer)) ? new URL(String(v.issuer)).hostname : ''),
        claim: text(v.claim) ?? 'email',
        matchBy: (text(v.match) ?? 'email') as never,
        createEmployees: v['create-employees'] === true,
      },
    }),
  },
  'corp sso show': {
    usage: 'corp sso show <corp>',
    about: 'Shows the single sign-on settings (not the secret).',
    args: 1,
    build: ([corp]) => ({ verb: 'corp.sso.show', corp: corp! }),
  },
  'corp sso remove': {
    usage: 'corp sso remove <corp>',
    about: 'Turns single sign-on off.',
    args: 1,
    build: ([corp]) => ({ verb: 'corp.sso.remove', corp: corp! }),
  },
  'employee add': {
    usage:
      'employee add <corp> <employee id> --name "<name>" --email <email> [--title "<title>"] [--phone <phone>] [--role admin|agent]',
    about: 'Adds an employee; the id is your own (unique within the company).',
    options: employeeFields,
    args: 2,
    build: ([corp, employeeId], v) => ({
      verb: 'employee.add',
      corp: corp!,
      employeeId: employeeId!,
      employee: {
        name: text(v.name) ?? '',
        email: text(v.email) ?? '',
        title: text(v.title),
        phone: text(v.phone),
        role: text(v.role) as never,
      },
    }),
  },
  'employee update': {
    usage:
      'employee update <corp> <employee id> [--name "<name>"] [--email <email>] [--title "<title>"] [--phone <phone>] [--role admin|agent]',
    about: 'Changes the given fields of an employee.',
    options: employeeFields,
    args: 2,
    build: ([corp, employeeId], v) => ({
      verb: 'employee.update',
      corp: corp!,
      employeeId: employeeId!,
      change: Object.fromEntries(
        Object.entries({ name: v.name, email: v.email, title: v.title, phone: v.phone, role: v.role }).filter(
          ([, value]) => value !== undefined,
        ),
      ) as never,
    }),
  },
  'employee deactivate': {
    usage: 'employee deactivate <corp> <employee id> [--successor <employee id>]',
    about:
      'Ends an employee’s access at once. Their customers, open conversations and to-dos go to --successor ' +
      '(each customer is told who looks after them now), or without one back to the team, unassigned.',
    options: { successor: { type: 'string' } },
    args: 2,
    build: ([corp, employeeId], v) => ({
      verb: 'employee.deactivate',
      corp: corp!,
      employeeId: employeeId!,
      successorId: text(v.successor),
    }),
  },
  'employee role': {
    usage: 'employee role <corp> <employee id> admin|agent',
    about: 'Makes an employee an admin (runs the team, settings and keys) or an agent.',
    args: 3,
    build: ([corp, employeeId, role]) => ({
      verb: 'employee.role',
      corp: corp!,
      employeeId: employeeId!,
      role: role as never,
    }),
  },
  'employee list': {
    usage: 'employee list <corp>',
    about: 'Lists the employees.',
    args: 1,
    build: ([corp]) => ({ verb: 'employee.list', corp: corp! }),
  },
  'catalog import': {
    usage: 'catalog import <corp> <file.json|file.csv>',
    about:
      `Creates or updates products by id, all or none. Fields: ${Object.keys(productUpsertSchema.shape).join(', ')}; ` +
      'prices in minor units (16800 = ¥168.00). JSON: an array or { "products": [...] }; CSV: a header row of those names.',
    args: 2,
    build: async ([corp, file]) => ({
      verb: 'catalog.import',
      corp: corp!,
      products: (await readCatalog(file!)) as never,
    }),
  },
  'api-key create': {
    usage: `api-key create <corp> <name> [--scope ${API_KEY_SCOPES.join('|')}]`,
    about:
      'Makes an API key (shown once). read: GET only; write: also employees, products, customers, messages and ' +
      'employee sessions; admin: also settings, origins, webhooks and keys. Default: read.',
    options: { scope: { type: 'string', default: 'read' } },
    args: [2, 20],
    build: ([corp, ...name], v) => ({
      verb: 'api-key.create',
      corp: corp!,
      name: name.join(' '),
      scope: text(v.scope) as never,
    }),
  },
  'api-key list': {
    usage: 'api-key list <corp>',
    about: 'Lists the API keys.',
    args: 1,
    build: ([corp]) => ({ verb: 'api-key.list', corp: corp! }),
  },
  'api-key revoke': {
    usage: 'api-key revoke <corp> <key id>',
    about: 'Revokes an API key at once.',
    args: 2,
    build: ([corp, keyId]) => ({ verb: 'api-key.revoke', corp: corp!, keyId: keyId! }),
  },
};
