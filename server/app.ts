import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import * as z from 'zod/mini';
import type { PresenceStatus } from '@interop-kit/elements/protocol';
import { openDatabase, type Database } from './db/database.js';
import { prepareDatabase } from './schema.js';
import { createCorpStore } from './corps/store.js';
import { seedDemoCorp } from './corps/seed.js';
import { createConversationStore } from './conversations/store.js';
import { conversationHandlers } from './conversations/handlers.js';
import { announcePresence, sessionHandlers, trackPresence } from './sessions/handlers.js';
import { createCatalogStore } from './catalog/store.js';
import { catalogHandlers } from './catalog/handlers.js';
import { cardHandlers } from './cards/handlers.js';
import { createCards } from './cards/cards.js';
import { createUploadStore } from './uploads/store.js';
import { memoryPresence, redisPresence } from './presence/presence.js';
import { createSandbox } from './payments/sandbox.js';
import { createPayments } from './payments/handlers.js';
import { attachGateway } from './socket/gateway.js';
import { corpApi } from './http/corp-api.js';
import { collectRoutes, createHttpApp, type RouteEntry } from './http/fastify.js';
import { forwarded, type PublicBase } from './http/forwarded.js';
import { createOutbound } from './http/outbound.js';
import { createSso, createSsoStore } from './auth/sso.js';
import { rooms } from './socket/rooms.js';
import { crmApi } from './crm/api.js';
import { createApiKeyStore } from './auth/api-keys.js';
import { createWebhookStore, startWebhookDispatcher } from './crm/webhooks.js';
import { workbenchHandlers } from './workbench/handlers.js';
import { createDepartures } from './team/departures.js';
import { createManagement } from './management/service.js';
import { adminHandlers } from './management/admin-handlers.js';
import { mountOperatorApi } from './management/operator.js';
import { createLimits } from './limits/limits.js';
import { closeRedis, connectRedis, redisReady } from './cluster/redis.js';
import { attachRedisAdapter } from './cluster/adapter.js';
import { startTimers } from './cluster/timers.js';
import { createMetrics } from './ops/metrics.js';
import { mountOpsRoutes } from './ops/routes.js';
import { createQuickReplyStore } from './workbench/quick-replies.js';
import { createTodoStore } from './workbench/todos.js';
import type { ServerConfig } from './config.js';

// Error messages in English for everyone reading acks and logs (the browser bundle does not carry them).
z.config(z.locales.en());

/** Strict CSP for the demo pages we serve: proves the kit needs no inline script or style. */
const DEMO_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** Socket payloads above this are refused by socket.io; message limits below it give typed errors. */
const MAX_SOCKET_PAYLOAD_BYTES = 1024 * 1024;

/** How long a stopping node waits for the acks of events it is handling. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface InteropServer {
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly io: Server;
  readonly http: HttpServer;
  readonly stores: {
    corps: ReturnType<typeof createCorpStore>;
    conversations: ReturnType<typeof createConversationStore>;
    apiKeys: ReturnType<typeof createApiKeyStore>;
  };
  /** Every HTTP route it serves. */
  readonly routes: readonly RouteEntry[];
  /** Delivers queued webhook events now rather than at the next poll. */
  deliverWebhooks(): Promise<void>;
  /** The secret the sandbox provider signs its notifications with (tests forge and replay with it). */
  readonly sandboxWebhookSecret: string;
  close(): Promise<void>;
}

export async function startInteropServer(config: ServerConfig): Promise<InteropServer> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await prepareDatabase(db, async () => {
    // A production backend starts empty: its operator creates the company (npm run admin -- corp create …).
    if (!config.production && (await seedDemoCorp(db))) config.log('seeded the demo corp "acme"');
  });

  const corps = createCorpStore(db);
  const conversations = createConversationStore(db);
  const tokenSecret = config.tokenSecret ?? (await corps.tokenSecret());
  const catalog = createCatalogStore(db);
  const uploads = createUploadStore(db, tokenSecret);
  const cards = createCards(corps, tokenSecret);
  // Set once listening: PUBLIC_URL, else the address it listens on (for one machine and the demo).
  let publicUrl = config.publicUrl ?? '';
  const sandboxWebhookSecret = createHmac('sha256', tokenSecret).update('sandbox-webhook').digest('hex');
  const sandbox = createSandbox({
    db,
    webhookSecret: sandboxWebhookSecret,
    // PUBLIC_URL wins; else what a trusted proxy told about the payer's request; else the listen address.
    publicUrl: (payerBase) => (config.publicUrl ? publicUrl : (payerBase ?? publicUrl)),
    processingMs: config.sandboxProcessingMs,
    log: config.log,
  });

  const apiKeys = createApiKeyStore(db);
  const redis = connectRedis(config.redisUrl, config.log);
  if (redis) await redisReady(redis, config.log);
  const limits = createLimits(config.limits, { redis, log: config.log });
  const fromProxy = forwarded(config.trustProxy);
  const app = createHttpApp({ corps, keys: apiKeys, tokenSecret, trustProxy: config.trustProxy, limits, log: config.log });
  const routes = collectRoutes(app);
  // Every URL a company chooses (webhooks, its sign-in provider) is called through this: never inward.
  const outbound = createOutbound({
    allow: config.outboundAllow,
    ownUrls: () => [publicUrl, config.publicUrl].filter((url): url is string => Boolean(url)),
    resolve: config.outboundResolve,
  });
  const io = new Server(app.server, {
    // Any origin may attempt the handshake; the gateway then checks it against the token's corp allowlist.
    cors: { origin: true, credentials: false },
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    serveClient: false,
  });
  // With Redis, rooms and pushes span every node, and so does presence; without it this node is the deployment.
  const adapter = redis ? attachRedisAdapter(io, redis, config.log) : undefined;
  const announce = (corpId: string, employeeId: string, status: PresenceStatus) => announcePresence(io, corpId, employeeId, status);
  const presence = redis ? redisPresence(redis, announce, { leaseMs: config.presenceLeaseMs, log: config.log }) : memoryPresence(announce);
  const payments = createPayments(io, {
    db,
    catalog,
    conversations,
    adapters: { sandbox: sandbox.adapter },
    orderTtlSeconds: config.orderTtlSeconds,
    log: config.log,
  });
  const depart = createDepartures(io, { db, corps, conversations });
  const webhooks = createWebhookStore(db);
  const ssoStore = createSsoStore(db);
  const management = createManagement({
    db,
    io,
    corps,
    conversations,
    apiKeys,
    depart,
    ssoStore,
    webhookOverview: (corpId) => webhooks.overview(corpId),
    outbound,
    tokenSecret,
    employeeTokenTtl: config.employeeTokenTtl,
  });
  const metrics = createMetrics();
  metrics.observe({ io, db });
  const gateway = attachGateway(io, {
    tokenSecret,
    forwarded: fromProxy,
    corps,
    limits,
    log: config.log,
    onConnection: (socket, session) => trackPresence(presence, socket, session),
    onAnswered: metrics.eventAnswered,
    handlers: {
      ...sessionHandlers({ corps, presence, uploadMaxBytes: config.uploadMaxBytes }),
      ...conversationHandlers(io, { conversations, corps, catalog, uploads, limits }),
      ...catalogHandlers(catalog),
      ...cardHandlers(cards),
      ...payments.handlers,
      ...workbenchHandlers(io, {
        db,
        corps,
        conversations,
        presence,
        todos: createTodoStore(db),
        quickReplies: createQuickReplyStore(db),
        depart,
      }),
      ...adminHandlers(management, { publicBase: (session) => config.publicUrl ?? session.publicBase ?? publicUrl }),
    },
  });

  const webhookDispatcher = startWebhookDispatcher({
    db,
    ...config.webhooks,
    fetch: outbound.fetch,
    onFailure: metrics.webhookFailed,
    log: config.log,
  });
  const timers = startTimers({
    db,
    nodeId: config.nodeId,
    pollMs: config.timerPollMs,
    work: { 'sandbox-settlements': () => sandbox.settleDue(), 'order-expiry': () => payments.checkDue() },
    log: config.log,
  });
  let draining = false;
  mountOpsRoutes(app, { nodeId: config.nodeId, db, redis, metrics, draining: () => draining, metricsToken: config.metricsToken });
  const publicBase: PublicBase = (request) =>
    config.publicUrl ?? fromProxy.publicBase(request.raw) ?? `${request.protocol}://${request.host}`;
  const sso = createSso({
    store: ssoStore,
    corps,
    tokenSecret,
    employeeTokenTtl: config.employeeTokenTtl,
    production: config.production,
    fetch: config.ssoFetch ?? outbound.fetch,
    log: config.log,
  });
  await app.register(corpApi, {
    prefix: '/api/corps/:corp',
    corps,
    uploads,
    cards,
    uploadMaxBytes: config.uploadMaxBytes,
    tokenSecret,
    visitorTokenTtl: config.visitorTokenTtl,
    employeeTokenTtl: config.employeeTokenTtl,
    production: config.production,
    sso: {
      sso,
      publicBase,
      async signOut(corpId, employeeId) {
        await corps.endSessions(corpId, employeeId);
        io.in(rooms.employee(corpId, employeeId)).disconnectSockets(true);
      },
    },
  });
  const operator = mountOperatorApi(app, { management, dataDir: config.dataDir, publicUrl: () => publicUrl });
  await app.register(crmApi, { prefix: '/api/v1', db, corps, conversations, webhooks, outbound, production: config.production, management, publicBase });
  await app.register(payments.webhookRoutes);
  await app.register(sandbox.routes);
  // Without a build there is nothing to serve (`npm start` builds first); the API and socket work regardless.
  if (existsSync(config.staticDir)) {
    await app.register(fastifyStatic, {
      root: resolve(config.staticDir),
      etag: true,
      cacheControl: config.production,
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) res.header('content-security-policy', DEMO_CSP);
      },
    });
  } else config.log(`no demo build in ${config.staticDir}; run "npm run build" to serve the demo pages`);

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // A busy port: let go of the database (and its data folder) before saying so.
    sandbox.close();
    await timers.close();
    await webhookDispatcher.close();
    await app.close();
    await outbound.close();
    await presence.close();
    await adapter?.close();
    await limits.close();
    redis?.disconnect();
    await db.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  publicUrl ||= `http://${host}:${port}`;
  // The CLI reaches the backend from this machine: on loopback when it listens there or everywhere.
  const localHost = { '0.0.0.0': '127.0.0.1', '::': '[::1]', localhost: '127.0.0.1' }[config.host] ?? (config.host.includes(':') ? `[${config.host}]` : config.host);
  await operator.publish(`http://${localHost}:${port}`);

  return {
    url: `http://${host}:${port}`,
    port,
    db,
    io,
    http: app.server,
    stores: { corps, conversations, apiKeys },
    routes,
    deliverWebhooks: () => webhookDispatcher.kick(),
    sandboxWebhookSecret,
    async close() {
      // Draining: /ready says so, no new connection is taken (the balancer's next try goes to another node), the
      // timers' leases are handed on, and events being handled get their acks before the sockets are let go.
      draining = true;
      app.server.close();
      await timers.close();
      await gateway.settled(DRAIN_TIMEOUT_MS);
      await operator.withdraw();
      sandbox.close();
      await webhookDispatcher.close();
      // Closing the transports (not a socket.io "disconnect") lets clients reconnect to the next start by themselves.
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      // Fastify ends requests in flight too (a long-poll, a keep-alive fetch): their clients retry against the next start.
      await app.close();
      await closed;
      await outbound.close();
      await presence.close();
      await adapter?.close();
      await limits.close();
      if (redis) await closeRedis(redis);
      await db.close();
    },
  };
}
