import {
  DEFAULT_TRANSFER_RULES,
  InteropError,
  type AdminConsole,
  type ApiKey,
  type ApiKeyScope,
  type CorpSettings,
  type CorpSettingsUpdate,
  type CustomerPatch,
  type CustomerProfile,
  type EmployeeUpsert,
  type ManagedEmployee,
  type Message,
  type OriginCheck,
  type OutboundMessage,
  type ProductUpsert,
  type SsoConfig,
  type SsoSettings,
  type WebhookOverview,
} from '@interop-kit/elements/protocol';
import { createApiKeyStore, type ApiKeyStore } from '../auth/api-keys.js';
import { isOriginAllowed } from '../auth/origins.js';
import { companyViewer, type Ownership } from '../auth/ownership.js';
import { signEmployeeToken } from '../auth/tokens.js';
import { createCatalogStore, type CatalogStore } from '../catalog/store.js';
import type { ConversationRecord, ConversationStore } from '../conversations/store.js';
import { businessHoursStatus } from '../corps/business-hours.js';
import { createCorpStore, type Corp, type CorpStore, type Employee } from '../corps/store.js';
import { publishAppended, type Notifier } from '../core/notifier.js';
import type { Database } from '../db/database.js';
import { activeColleague, type Depart } from '../team/departures.js';
import type { CustomerTransfers } from '../team/transfers.js';
import { ssoSettings, type SsoStore } from '../auth/sso.js';
import type { Outbound } from '../http/outbound.js';

export interface ManagementDeps {
  /** For the units of work that span stores (a company with its first key, a catalog import). */
  db: Database;
  corps: CorpStore;
  conversations: ConversationStore;
  catalog: CatalogStore;
  apiKeys: ApiKeyStore;
  depart: Depart;
  transfers: CustomerTransfers;
  ssoStore: SsoStore;
  ownership: Ownership;
  notifier: Notifier;
  /** Checks URLs a company chooses (its sign-in provider) are not aimed inward. */
  outbound: Pick<Outbound, 'check'>;
  /** The corp's webhook subscriptions with their recent deliveries (the CRM's; handed in, as stores do not call it). */
  webhookOverview: (corpId: string) => Promise<WebhookOverview[]>;
  tokenSecret: string;
  employeeTokenTtl: number;
}

export const corpSettings = (corp: Corp): CorpSettings => ({
  id: corp.id,
  name: corp.name,
  accentColor: corp.accentColor,
  logoUrl: corp.logoUrl,
  allowedOrigins: corp.allowedOrigins,
  businessHours: corp.businessHours,
  prechat: corp.prechat,
  welcome: corp.welcome,
  transferRules: corp.transferRules ?? DEFAULT_TRANSFER_RULES,
});

export const managedEmployee = (employee: Employee): ManagedEmployee => ({
  id: employee.id,
  name: employee.name,
  email: employee.email,
  title: employee.title,
  phone: employee.phone,
  role: employee.role,
  status: employee.status,
  successorId: employee.successorId,
});

/** Whether a page served from `origin` may embed the corp, with the reason a developer can act on. */
export function originCheck(corp: Corp, origin: string): OriginCheck {
  if (isOriginAllowed(origin, undefined, corp.allowedOrigins)) {
    return { origin, allowed: true, reason: `${origin} is one of ${corp.id}'s allowed origins` };
  }
  let normalized: string | undefined;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return { origin, allowed: false, reason: `${origin} is not an origin (scheme://host[:port])` };
  }
  const hint =
    normalized !== origin && corp.allowedOrigins.includes(normalized) ? ` (did you mean ${normalized}?)` : '';
  return {
    origin,
    allowed: false,
    reason: `${origin} is not among ${corp.id}'s allowed origins${hint}; an admin of ${corp.id} must add it`,
  };
}

/**
 * What a company's admins, its own systems (the management API) and its operator (the CLI) do to run it. Every
 * operation is scoped to one corp, checks its input against the corp's own data, and is safe to repeat.
 */
export function createManagement(deps: ManagementDeps) {
  const { db, corps, conversations, catalog, apiKeys, depart, transfers, ownership, notifier } = deps;

  async function corpOf(corpId: string): Promise<Corp> {
    const corp = await corps.getCorp(corpId);
    if (!corp) throw new InteropError('not_found', `No corp ${corpId}`);
    return corp;
  }

  async function employeeOf(corpId: string, employeeId: string): Promise<Employee> {
    const employee = await corps.getEmployee(corpId, employeeId);
    if (!employee) throw new InteropError('not_found', `No employee ${employeeId} in ${corpId}`);
    return employee;
  }

  /** The sender of an outbound message: an active employee, or the company itself. */
  async function outboundSender(corp: Corp, employeeId: string | undefined) {
    if (employeeId === undefined) return { kind: 'employee' as const, id: null, name: corp.name };
    const employee = await activeColleague(corps, corp.id, employeeId);
    return { kind: 'employee' as const, id: employee.id, name: employee.name };
  }

  async function send(
    conversation: ConversationRecord,
    message: OutboundMessage,
    sender: Awaited<ReturnType<typeof outboundSender>>,
  ) {
    const result = await conversations.append(conversation.id, sender, message.clientId, {
      kind: 'text',
      body: { text: message.text },
    });
    publishAppended(notifier, result);
    return { message: result.message, duplicate: result.duplicate };
  }

  return {
    corpOf,

    /** A new company with its identity secret and a first admin API key, all or nothing. */
    async createCorp(input: { id: string; name: string; allowedOrigins: string[] }) {
      return db.transaction(async (tx) => {
        const store = createCorpStore(tx);
        if (await store.getCorp(input.id)) throw new InteropError('conflict', `A corp ${input.id} already exists`);
        const corp = await store.createCorp({
          id: input.id,
          name: input.name,
          allowedOrigins: [...new Set(input.allowedOrigins)],
        });
        const apiKey = await createApiKeyStore(tx).create(corp.id, 'First admin key', 'admin');
        return { settings: corpSettings(corp), secret: corp.secret, apiKey };
      });
    },

    settings: async (corpId: string) => corpSettings(await corpOf(corpId)),

    async updateSettings(corpId: string, update: CorpSettingsUpdate): Promise<CorpSettings> {
      await corpOf(corpId);
      await db.transaction(async (tx) => {
        const store = createCorpStore(tx);
        await store.updateCorpProfile(corpId, update);
        const { businessHours, prechat, welcome, transferRules } = update;
        await store.updateCorpSettings(corpId, { businessHours, prechat, welcome, transferRules });
      });
      return corpSettings(await corpOf(corpId));
    },

    async addOrigin(corpId: string, origin: string): Promise<CorpSettings> {
      await corpOf(corpId);
      await corps.addAllowedOrigin(corpId, origin);
      return corpSettings(await corpOf(corpId));
    },

    async removeOrigin(corpId: string, origin: string): Promise<CorpSettings> {
      await corpOf(corpId);
      await corps.removeAllowedOrigin(corpId, origin);
      return corpSettings(await corpOf(corpId));
    },

    checkOrigin: async (corpId: string, origin: string) => originCheck(await corpOf(corpId), origin),

    listEmployees: async (corpId: string) =>
      (await corps.listEmployees((await corpOf(corpId)).id)).map(managedEmployee),

    getEmployee: async (corpId: string, employeeId: string) => managedEmployee(await employeeOf(corpId, employeeId)),

    async upsertEmployee(corpId: string, employeeId: string, input: EmployeeUpsert) {
      await corpOf(corpId);
      const { employee, created } = await corps.upsertEmployee(corpId, employeeId, input);
      return { employee: managedEmployee(employee), created };
    },

    /** Deactivation by the directory or the operator: a departure, with a successor or back to the team. */
    async deactivateEmployee(corpId: string, employeeId: string, successorId: string | undefined) {
      const result = await depart({
        corp: await corpOf(corpId),
        employeeId,
        successorId: successorId ?? null,
        by: null,
      });
      return {
        employee: managedEmployee(result.employee),
        movedCustomers: result.movedCustomers,
        movedConversations: result.movedConversations,
      };
    },

    listProducts: async (corpId: string) => catalog.all((await corpOf(corpId)).id),

    async importCatalog(corpId: string, products: ProductUpsert[]) {
      await corpOf(corpId);
      const ids = new Set<string>();
      for (const product of products) {
        if (ids.has(product.id)) throw new InteropError('invalid_payload', `Product ${product.id} appears twice`);
        ids.add(product.id);
      }
      return db.transaction((tx) => createCatalogStore(tx).upsert(corpId, products));
    },

    async removeProduct(corpId: string, productId: string): Promise<{ removed: boolean }> {
      await corpOf(corpId);
      return { removed: await catalog.remove(corpId, productId) };
    },

    async patchCustomer(corpId: string, customerId: string, patch: CustomerPatch): Promise<CustomerProfile> {
      const customer = await ownership.customer(companyViewer(corpId), customerId);
      const { addTags, removeTags, ownerId, ...change } = patch;
      // A new owner is asked of the customer (an on-job transfer) before the relationship moves.
      if (ownerId !== undefined) {
        const to = await activeColleague(corps, corpId, ownerId);
        await transfers.handOver(await corpOf(corpId), customerId, to, null);
      }
      if (addTags || removeTags) {
        // Tags are one per spelling whatever the case; one already there keeps its spelling.
        const removed = new Set((removeTags ?? []).map((tag) => tag.toLowerCase()));
        const kept = change.tags ?? customer.tags;
        const present = new Set(kept.map((tag) => tag.toLowerCase()));
        change.tags = [...kept, ...(addTags ?? []).filter((tag) => !present.has(tag.toLowerCase()))].filter(
          (tag) => !removed.has(tag.toLowerCase()),
        );
      }
      const updated = (await corps.updateCustomer(corpId, customerId, change))!;
      if (patch.name !== undefined) {
        const { records } = await conversations.list({ corpId, customerId, limit: 50 });
        for (const conversation of records) notifier.publish({ type: 'conversation.changed', conversation });
      }
      return corps.profileOf(updated);
    },

    async postToConversation(
      corpId: string,
      conversationId: string,
      message: OutboundMessage,
    ): Promise<{ message: Message; duplicate: boolean }> {
      const corp = await corpOf(corpId);
      const conversation = await ownership.conversation(companyViewer(corp.id), conversationId);
      return send(conversation, message, await outboundSender(corp, message.employeeId));
    },

    /**
     * An outbound message to a customer: into their latest conversation that is not closed, or a new one. Only to a
     * customer who agreed to talk with the company when it asks for consent; a retried clientId returns its message.
     */
    async postToCustomer(
      corpId: string,
      customerId: string,
      message: OutboundMessage,
    ): Promise<{ message: Message; duplicate: boolean }> {
      const corp = await corpOf(corpId);
      const customer = await ownership.customer(companyViewer(corp.id), customerId);
      const sender = await outboundSender(corp, message.employeeId);
      const stored = await conversations.storedForCustomer(corp.id, customer.id, message.clientId);
      if (stored) {
        if (stored.sender.kind !== sender.kind || stored.sender.id !== sender.id)
          throw new InteropError('conflict', 'This clientId is already used by another message');
        return { message: stored, duplicate: true };
      }
      if (corp.prechat && !customer.consentAt)
        throw new InteropError('forbidden', 'This customer has not agreed to be contacted');
      const conversation =
        (await conversations.latestOpenForCustomer(customer.id)) ??
        (await conversations.create(corp.id, customer.id, {
          subject: null,
          context: null,
          status: businessHoursStatus(corp.businessHours).open ? 'open' : 'pending',
          assigneeId: sender.id ?? undefined,
        }));
      return send(conversation, message, sender);
    },

    /** Token exchange: a workbench session for an active employee, for companies with their own login. */
    async employeeSession(corpId: string, employeeId: string): Promise<{ token: string; expiresAt: string }> {
      const employee = await activeColleague(corps, (await corpOf(corpId)).id, employeeId);
      return signEmployeeToken(deps.tokenSecret, employee, deps.employeeTokenTtl);
    },

    /** Everything the admin console shows, in one read. */
    async console(corpId: string, publicBase: string): Promise<AdminConsole> {
      const corp = await corpOf(corpId);
      const [sso, employees, keys, webhooks] = await Promise.all([
        deps.ssoStore.get(corp.id),
        corps.listEmployees(corp.id),
        apiKeys.list(corp.id),
        deps.webhookOverview(corp.id),
      ]);
      return {
        settings: corpSettings(corp),
        sso: sso ? ssoSettings(sso, publicBase, corp.id) : null,
        employees: employees.map(managedEmployee),
        apiKeys: keys,
        webhooks,
      };
    },

    async ssoSettings(corpId: string, publicBase: string): Promise<SsoSettings | null> {
      const config = await deps.ssoStore.get((await corpOf(corpId)).id);
      return config ? ssoSettings(config, publicBase, corpId) : null;
    },

    /** Names the company's OpenID provider (replacing any before); its employees may then sign in with it. */
    async setSso(corpId: string, config: SsoConfig, publicBase: string): Promise<SsoSettings> {
      await corpOf(corpId);
      await deps.outbound.check(config.issuer);
      await deps.ssoStore.set(corpId, config);
      return ssoSettings(config, publicBase, corpId);
    },

    async removeSso(corpId: string): Promise<{ removed: boolean }> {
      await corpOf(corpId);
      return { removed: await deps.ssoStore.remove(corpId) };
    },

    listApiKeys: async (corpId: string): Promise<ApiKey[]> => apiKeys.list((await corpOf(corpId)).id),

    async createApiKey(corpId: string, name: string, scope: ApiKeyScope, createdBy: string | null = null) {
      await corpOf(corpId);
      return apiKeys.create(corpId, name, scope, createdBy);
    },

    async revokeApiKey(corpId: string, keyId: string): Promise<{ revoked: boolean }> {
      await corpOf(corpId);
      if (!(await apiKeys.revoke(corpId, keyId))) throw new InteropError('not_found', `No key ${keyId} in ${corpId}`);
      return { revoked: true };
    },
  };
}
export type Management = ReturnType<typeof createManagement>;
