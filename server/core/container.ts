import { createHmac } from 'node:crypto';
import type { SharedRedis } from '../cluster/redis.js';
import type { PresenceStatus } from '@interop-kit/elements/protocol';
import { createApiKeyStore } from '../auth/api-keys.js';
import { createOwnership } from '../auth/ownership.js';
import { createSso, createSsoStore } from '../auth/sso.js';
import { createCards } from '../cards/cards.js';
import { cardOperations } from '../cards/service.js';
import { createCatalogStore } from '../catalog/store.js';
import { catalogOperations } from '../catalog/service.js';
import type { ServerConfig } from '../config.js';
import { conversationOperations } from '../conversations/service.js';
import { createConversationStore } from '../conversations/store.js';
import { createCorpStore } from '../corps/store.js';
import { createWebhookStore } from '../crm/webhooks.js';
import type { Database } from '../db/database.js';
import type { Outbound } from '../http/outbound.js';
import { adminOperations } from '../management/admin-operations.js';
import { createManagement } from '../management/service.js';
import { createOrderStore } from '../payments/orders.js';
import { createSandbox } from '../payments/sandbox.js';
import { createPayments } from '../payments/service.js';
import { memoryPresence, redisPresence, type Presence } from '../presence/presence.js';
import { sessionOperations } from '../sessions/service.js';
import { createDepartures } from '../team/departures.js';
import { createCustomerTransfers } from '../team/transfers.js';
import { createUploadStore } from '../uploads/store.js';
import { createQuickReplyStore } from '../workbench/quick-replies.js';
import { workbenchOperations } from '../workbench/service.js';
import { createStatsStore } from '../workbench/stats.js';
import { createTodoStore } from '../workbench/todos.js';
import { createNotifier } from './notifier.js';
import type { Operations } from './operations.js';

export interface CoreOptions {
  config: ServerConfig;
  db: Database;
  redis: SharedRedis | undefined;
  outbound: Outbound;
  /** The backend's public URL: PUBLIC_URL, else the address it listens on once it does (empty before). */
  publicUrl: () => string;
}

/**
 * The domain core: every store built once, the services over them, and the notifier they publish to. Nothing here
 * knows a transport: the socket gateway, the HTTP routes and the operator CLI are ways into the same services, and
 * the gateway subscribes to the notifier to push. What it opens that must be let go is in `close`.
 */
export async function createCore(options: CoreOptions) {
  const { config, db, redis, outbound } = options;
  const notifier = createNotifier(config.log);

  const corps = createCorpStore(db);
  // TOKEN_SECRET, else the one this database keeps (made on its first start).
  const tokenSecret = config.tokenSecret ?? (await corps.tokenSecret());
  const stores = {
    corps,
    conversations: createConversationStore(db),
    catalog: createCatalogStore(db),
    orders: createOrderStore(db),
    uploads: createUploadStore(db, tokenSecret),
    apiKeys: createApiKeyStore(db),
    sso: createSsoStore(db),
    webhooks: createWebhookStore(db),
    todos: createTodoStore(db),
    quickReplies: createQuickReplyStore(db),
    stats: createStatsStore(db),
  };
  const ownership = createOwnership(stores);

  // With Redis, presence is shared by every node; without it this node is the deployment.
  const announce = (corpId: string, employeeId: string, status: PresenceStatus) =>
    notifier.publish({ type: 'presence.changed', corpId, employeeId, status });
  const presence: Presence = redis
    ? redisPresence(redis, announce, { leaseMs: config.presenceLeaseMs, log: config.log })
    : memoryPresence(announce);

  const sandboxWebhookSecret = createHmac('sha256', tokenSecret).update('sandbox-webhook').digest('hex');
  const sandbox = createSandbox({
    db,
    webhookSecret: sandboxWebhookSecret,
    // PUBLIC_URL wins; else what a trusted proxy told about the payer's request; else the listen address.
    publicUrl: (payerBase) => (config.publicUrl ? options.publicUrl() : (payerBase ?? options.publicUrl())),
    processingMs: config.sandboxProcessingMs,
    log: config.log,
  });
  const payments = createPayments({
    db,
    orders: stores.orders,
    catalog: stores.catalog,
    conversations: stores.conversations,
    adapters: { sandbox: sandbox.adapter },
    ownership,
    notifier,
    orderTtlSeconds: config.orderTtlSeconds,
    log: config.log,
  });
  const transfers = createCustomerTransfers({ db, conversations: stores.conversations, notifier, clock: config.clock });
  const depart = createDepartures({ db, corps, conversations: stores.conversations, transfers, notifier });
  const management = createManagement({
    db,
    corps,
    conversations: stores.conversations,
    catalog: stores.catalog,
    apiKeys: stores.apiKeys,
    depart,
    transfers,
    ssoStore: stores.sso,
    ownership,
    notifier,
    webhookOverview: (corpId) => stores.webhooks.overview(corpId),
    outbound,
    tokenSecret,
    employeeTokenTtl: config.employeeTokenTtl,
  });
  const cards = createCards(corps, tokenSecret);
  const sso = createSso({
    store: stores.sso,
    corps,
    tokenSecret,
    employeeTokenTtl: config.employeeTokenTtl,
    production: config.production,
    fetch: config.ssoFetch ?? outbound.fetch,
    log: config.log,
  });

  /** Every operation a client may name, over the services: what the socket gateway dispatches to. */
  const operations: Operations = {
    ...sessionOperations({ corps, presence, uploadMaxBytes: config.uploadMaxBytes }),
    ...conversationOperations({ ...stores, ownership, notifier }),
    ...catalogOperations(stores.catalog),
    ...cardOperations(cards),
    ...payments.operations,
    ...workbenchOperations({ ...stores, presence, depart, transfers, ownership, notifier }),
    'transfer:answer': (payload, session) =>
      transfers.answer(session.corp.id, session.corp.name, session.id, payload.transferId, payload.accept),
    ...adminOperations(management, {
      publicBase: (session) => config.publicUrl ?? session.publicBase ?? options.publicUrl(),
    }),
  };

  return {
    db,
    tokenSecret,
    outbound,
    notifier,
    stores,
    ownership,
    presence,
    sandbox,
    sandboxWebhookSecret,
    payments,
    transfers,
    management,
    cards,
    sso,
    operations,
    /** Signs an employee out everywhere: their tokens are refused from now on and their open connections cut. */
    async signOut(corpId: string, employeeId: string) {
      await corps.endSessions(corpId, employeeId);
      notifier.publish({ type: 'sessions.ended', corpId, employeeId });
    },
    async close() {
      sandbox.close();
      await presence.close();
    },
  };
}
export type Core = Awaited<ReturnType<typeof createCore>>;
