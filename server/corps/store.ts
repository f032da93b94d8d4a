import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  businessHoursSchema,
  type CustomerProfile,
  prechatConfigSchema,
  type BusinessHours,
  type PrechatConfig,
  type ProfileUpdate,
  type Welcome,
  type LastVisit,
  lastVisitSchema,
  transferRulesSchema,
  type TransferRules,
  welcomeSchema,
} from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';
import { eventJson, recordEventSql } from '../events/outbox.js';
import { customerProfile, type Customer } from './customer-profile.js';
import { createEmployeeStore } from './employees.js';

export type { Employee } from './employees.js';
export { customerDisplayName, customerProfile, type Customer } from './customer-profile.js';

export interface Corp {
  id: string;
  name: string;
  secret: string;
  allowedOrigins: string[];
  /** null: always open */
  businessHours: BusinessHours | null;
  /** null: no pre-chat form, no consent asked */
  prechat: PrechatConfig | null;
  /** The greeting and suggested topics of a visitor's first screen; null: the kit's own greeting. */
  welcome: Welcome | null;
  /** The brand the chat window and cards show; null: the kit's defaults. */
  accentColor: string | null;
  logoUrl: string | null;
  /** How customers change hands; null: WeCom's defaults (DEFAULT_TRANSFER_RULES). */
  transferRules: TransferRules | null;
}

interface CorpRow {
  id: string;
  name: string;
  secret: string;
  allowed_origins: string[];
  business_hours: unknown;
  prechat: unknown;
  welcome: unknown;
  accent_color: string | null;
  logo_url: string | null;
  transfer_rules: unknown;
}
interface CustomerRow {
  id: string;
  corp_id: string;
  external_id: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  consent_at: Date | null;
  assigned_employee_id: string | null;
  tags: string[];
  notes: string;
  last_visit: unknown;
  created_at: Date;
}

/** The company's settings kept as JSON, each in its column and checked by its schema on the way in. */
const JSON_SETTINGS = {
  businessHours: ['business_hours', businessHoursSchema],
  prechat: ['prechat', prechatConfigSchema],
  welcome: ['welcome', welcomeSchema],
  transferRules: ['transfer_rules', transferRulesSchema],
} as const;
/** A change of those settings: `undefined` leaves one as it is, `null` clears it. */
type CorpJsonSettings = {
  businessHours?: BusinessHours | null;
  prechat?: PrechatConfig | null;
  welcome?: Welcome | null;
  transferRules?: TransferRules | null;
};

// Settings are parsed on the way out of the database too: a hand-edited row that does not parse counts as unset.
const toCorp = (row: CorpRow): Corp => ({
  id: row.id,
  name: row.name,
  secret: row.secret,
  allowedOrigins: row.allowed_origins,
  businessHours: businessHoursSchema.safeParse(row.business_hours).data ?? null,
  prechat: prechatConfigSchema.safeParse(row.prechat).data ?? null,
  welcome: welcomeSchema.safeParse(row.welcome).data ?? null,
  accentColor: row.accent_color,
  logoUrl: row.logo_url,
  transferRules: transferRulesSchema.safeParse(row.transfer_rules).data ?? null,
});
const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  corpId: row.corp_id,
  externalId: row.external_id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  consentAt: row.consent_at?.toISOString() ?? null,
  assignedEmployeeId: row.assigned_employee_id,
  tags: row.tags,
  notes: row.notes,
  lastVisit: lastVisitSchema.safeParse(row.last_visit).data ?? null,
  createdAt: row.created_at.toISOString(),
});

/** The `customer.created` event of a customer about to be inserted (its record is all defaults but these). */
function newCustomerEvent(corpId: string, id: string, externalId: string | null, name: string | null): string {
  const customer: Customer = {
    id,
    corpId,
    externalId,
    name,
    email: null,
    phone: null,
    consentAt: null,
    assignedEmployeeId: null,
    tags: [],
    notes: '',
    lastVisit: null,
    createdAt: new Date().toISOString(),
  };
  return eventJson(corpId, 'customer.created', { customer: customerProfile(customer, null) });
}

const hashVisitorKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function createCorpStore(db: Queryable) {
  return {
    ...createEmployeeStore(db),
    async getCorp(id: string): Promise<Corp | undefined> {
      const { rows } = await db.query<CorpRow>('SELECT * FROM corps WHERE id = $1', [id]);
      return rows[0] && toCorp(rows[0]);
    },

    async createCorp(corp: { id: string; name: string; allowedOrigins?: string[]; secret?: string }): Promise<Corp> {
      const { rows } = await db.query<CorpRow>(
        'INSERT INTO corps (id, name, secret, allowed_origins) VALUES ($1, $2, $3, $4) RETURNING *',
        [corp.id, corp.name, corp.secret ?? randomBytes(32).toString('hex'), corp.allowedOrigins ?? []],
      );
      return toCorp(rows[0]!);
    },

    async addAllowedOrigin(corpId: string, origin: string): Promise<void> {
      await db.query(
        `UPDATE corps SET allowed_origins = array_append(allowed_origins, $2)
         WHERE id = $1 AND NOT ($2 = ANY(allowed_origins))`,
        [corpId, origin],
      );
    },

    async removeAllowedOrigin(corpId: string, origin: string): Promise<void> {
      await db.query('UPDATE corps SET allowed_origins = array_remove(allowed_origins, $2) WHERE id = $1', [
        corpId,
        origin,
      ]);
    },

    /** The company's name, brand and origins; `undefined` leaves a field as it is, `null` clears it. */
    async updateCorpProfile(
      corpId: string,
      change: { name?: string; accentColor?: string | null; logoUrl?: string | null; allowedOrigins?: string[] },
    ): Promise<void> {
      await db.query(
        `UPDATE corps SET name = COALESCE($2, name),
           accent_color = CASE WHEN $3 THEN $4 ELSE accent_color END,
           logo_url = CASE WHEN $5 THEN $6 ELSE logo_url END,
           allowed_origins = COALESCE($7::text[], allowed_origins)
         WHERE id = $1`,
        [
          corpId,
          change.name ?? null,
          change.accentColor !== undefined,
          change.accentColor ?? null,
          change.logoUrl !== undefined,
          change.logoUrl ?? null,
          change.allowedOrigins ? [...new Set(change.allowedOrigins)] : null,
        ],
      );
    },

    /** Business hours and the pre-chat form; `undefined` leaves a setting as it is, `null` clears it. */
    async updateCorpSettings(corpId: string, settings: CorpJsonSettings): Promise<void> {
      for (const [key, [column, schema]] of Object.entries(JSON_SETTINGS)) {
        const value = settings[key as keyof CorpJsonSettings];
        if (value === undefined) continue;
        await db.query(`UPDATE corps SET ${column} = $2::jsonb WHERE id = $1`, [
          corpId,
          value === null ? null : JSON.stringify(schema.parse(value)),
        ]);
      }
    },

    /** An export page: the corp's customers with their owners, in creation order, after the customer `cursor`. */
    async customerPage(
      corpId: string,
      cursor: string | undefined,
      limit: number,
    ): Promise<{ profiles: CustomerProfile[]; nextCursor: string | null }> {
      const { rows } = await db.query<CustomerRow & { owner_name: string | null }>(
        `SELECT cu.*, e.name AS owner_name FROM customers cu LEFT JOIN employees e ON e.corp_id = cu.corp_id AND e.id = cu.assigned_employee_id
         WHERE cu.corp_id = $1 AND ($2::uuid IS NULL OR (cu.created_at, cu.id) > (SELECT created_at, id FROM customers WHERE id = $2))
         ORDER BY cu.created_at, cu.id LIMIT $3`,
        [corpId, cursor ?? null, limit + 1],
      );
      const profiles = rows
        .slice(0, limit)
        .map((row) =>
          customerProfile(
            toCustomer(row),
            row.assigned_employee_id
              ? { id: row.assigned_employee_id, name: row.owner_name ?? row.assigned_employee_id }
              : null,
          ),
        );
      return { profiles, nextCursor: rows.length > limit ? profiles.at(-1)!.id : null };
    },

    /** A customer's record with the name of the employee who owns the relationship. */
    async profileOf(customer: Customer): Promise<CustomerProfile> {
      const { rows } = customer.assignedEmployeeId
        ? await db.query<{ name: string }>('SELECT name FROM employees WHERE corp_id = $1 AND id = $2', [
            customer.corpId,
            customer.assignedEmployeeId,
          ])
        : { rows: [] };
      return customerProfile(
        customer,
        customer.assignedEmployeeId && rows[0] ? { id: customer.assignedEmployeeId, name: rows[0].name } : null,
      );
    },

    async getCustomer(corpId: string, id: string): Promise<Customer | undefined> {
      const { rows } = await db.query<CustomerRow>('SELECT * FROM customers WHERE corp_id = $1 AND id = $2', [
        corpId,
        id,
      ]);
      return rows[0] && toCustomer(rows[0]);
    },

    /** The customers `fromId` looks after go to `toId` (null: to nobody, the team). Returns how many moved. */
    /** Moves an employee's customers (but those `except`) to another, or to the team (`null`). Returns how many. */
    async handOverCustomers(
      corpId: string,
      fromId: string,
      toId: string | null,
      options: { except?: string[] } = {},
    ): Promise<number> {
      const { rows } = await db.query(
        `UPDATE customers SET assigned_employee_id = $3
         WHERE corp_id = $1 AND assigned_employee_id = $2 AND NOT (id = ANY($4::uuid[])) RETURNING id`,
        [corpId, fromId, toId, options.except ?? []],
      );
      return rows.length;
    },

    /** Employees edit the company's record of a customer; `undefined` leaves a field, `null` clears a contact field. */
    async updateCustomer(
      corpId: string,
      customerId: string,
      update: {
        name?: string | null;
        email?: string | null;
        phone?: string | null;
        tags?: string[];
        notes?: string;
        ownerId?: string;
      },
    ): Promise<Customer | undefined> {
      const set = (field: keyof typeof update) => update[field] !== undefined;
      const { rows } = await db.query<CustomerRow>(
        `UPDATE customers SET
           name = CASE WHEN $3 THEN $4 ELSE name END,
           email = CASE WHEN $5 THEN $6 ELSE email END,
           phone = CASE WHEN $7 THEN $8 ELSE phone END,
           tags = COALESCE($9::text[], tags),
           notes = COALESCE($10, notes),
           assigned_employee_id = COALESCE($11, assigned_employee_id)
         WHERE corp_id = $1 AND id = $2 RETURNING *`,
        [
          corpId,
          customerId,
          set('name'),
          update.name ?? null,
          set('email'),
          update.email ?? null,
          set('phone'),
          update.phone ?? null,
          // One tag once, whatever its case.
          update.tags ? [...new Map(update.tags.map((tag) => [tag.toLowerCase(), tag])).values()] : null,
          update.notes ?? null,
          update.ownerId ?? null,
        ],
      );
      return rows[0] && toCustomer(rows[0]);
    },

    /** Stores the pre-chat form's answers and the customer's consent (the first consent's time is kept). */
    async updateProfile(corpId: string, customerId: string, profile: ProfileUpdate): Promise<Customer> {
      const { rows } = await db.query<CustomerRow>(
        `UPDATE customers SET name = COALESCE($3, name), email = COALESCE($4, email), phone = COALESCE($5, phone),
           consent_at = COALESCE(consent_at, now())
         WHERE corp_id = $1 AND id = $2 RETURNING *`,
        [corpId, customerId, profile.name ?? null, profile.email ?? null, profile.phone ?? null],
      );
      if (!rows[0]) throw new Error(`customer ${customerId} vanished`);
      return toCustomer(rows[0]);
    },

    /**
     * The anonymous customer behind a visitor key, or a new one. The browser keeps the key; we keep only its hash,
     * so a leaked database does not hand out sessions.
     */
    /** Where the customer is now, as their browser and its user agent said when they last asked for a session. */
    async recordVisit(corpId: string, customerId: string, visit: LastVisit): Promise<void> {
      await db.query('UPDATE customers SET last_visit = $3::jsonb WHERE corp_id = $1 AND id = $2', [
        corpId,
        customerId,
        JSON.stringify(lastVisitSchema.parse(visit)),
      ]);
    },

    async resolveAnonymousCustomer(
      corpId: string,
      visitorKey: string | undefined,
    ): Promise<{ customer: Customer; visitorKey: string }> {
      if (visitorKey) {
        const { rows } = await db.query<CustomerRow>(
          'SELECT * FROM customers WHERE corp_id = $1 AND anon_key_hash = $2',
          [corpId, hashVisitorKey(visitorKey)],
        );
        if (rows[0]) return { customer: toCustomer(rows[0]), visitorKey };
      }
      const key = randomBytes(32).toString('base64url');
      const id = randomUUID();
      const { rows } = await db.query<CustomerRow>(
        `WITH created AS (INSERT INTO customers (id, corp_id, anon_key_hash) VALUES ($1, $2, $3) RETURNING *),
           recorded AS (${recordEventSql('$4')})
         SELECT * FROM created`,
        [id, corpId, hashVisitorKey(key), newCustomerEvent(corpId, id, null, null)],
      );
      return { customer: toCustomer(rows[0]!), visitorKey: key };
    },

    /** The customer with this verified company user id, created on first sight. */
    async resolveVerifiedCustomer(corpId: string, externalId: string, name: string | undefined): Promise<Customer> {
      const id = randomUUID();
      // The event is announced only when the row is new (xmax = 0 tells an insert from the conflict's update).
      const { rows } = await db.query<CustomerRow>(
        `WITH upserted AS (
           INSERT INTO customers (id, corp_id, external_id, name) VALUES ($1, $2, $3, $4)
           ON CONFLICT (corp_id, external_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, customers.name)
           RETURNING *, (xmax = 0) AS inserted),
         recorded AS (${recordEventSql('$5')} WHERE EXISTS (SELECT 1 FROM upserted WHERE inserted))
         SELECT * FROM upserted`,
        [id, corpId, externalId, name ?? null, newCustomerEvent(corpId, id, externalId, name ?? null)],
      );
      return toCustomer(rows[0]!);
    },

    /** The server's token-signing secret: generated once, shared by every node through the database. */
    async tokenSecret(): Promise<string> {
      await db.query(
        `INSERT INTO server_settings (key, value) VALUES ('token_secret', $1) ON CONFLICT (key) DO NOTHING`,
        [randomBytes(32).toString('hex')],
      );
      const { rows } = await db.query<{ value: string }>(
        `SELECT value FROM server_settings WHERE key = 'token_secret'`,
      );
      return rows[0]!.value;
    },
  };
}
export type CorpStore = ReturnType<typeof createCorpStore>;
