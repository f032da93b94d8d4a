import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import * as z from 'zod/mini';
import { openDatabase, type Database } from './db/database.js';
import { prepareDatabase } from './schema.js';
import { seedDemoCorp } from './corps/seed.js';
import { trackPresence } from './sessions/service.js';
import { attachGateway } from './socket/gateway.js';
import { subscribePushes } from './socket/pushes.js';
import { corpApi } from './http/corp-api.js';
import { collectRoutes, createHttpApp, type HttpApp, type RouteEntry } from './http/fastify.js';
import { forwarded, type PublicBase } from './http/forwarded.js';
import { createOutbound } from './http/outbound.js';
import { crmApi } from './crm/api.js';
import { startWebhookDispatcher } from './crm/webhooks.js';
import { createOperatorEndpoint } from './management/operator.js';
import { paymentWebhookRoutes } from './payments/routes.js';
import { createLimits, type Limits } from './limits/limits.js';
import { closeRedis, connectRedis, redisReady } from './cluster/redis.js';
import { attachRedisAdapter } from './cluster/adapter.js';
import { startTimers } from './cluster/timers.js';
import { createMetrics } from './ops/metrics.js';
import { opsRoutes } from './ops/routes.js';
import { createCore, type Core } from './core/container.js';
import type { ServerConfig } from './config.js';

// Error messages in English for everyone reading acks and logs (the browser bundle does not carry them).
z.config(z.locales.en());

/** Strict CSP for the demo pages we serve: proves the kit needs no inline script or style. */
const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** Socket payloads above this are refused by socket.io; message limits below it give typed errors. */
const MAX_SOCKET_PAYLOAD_BYTES = 1024 * 1024;

/** How long a stopping node waits for the acks of events it is handling. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * What the composition root builds: a backend node (the socket gateway, every HTTP route, the timers and the webhook
 * dispatcher), or the operator's CLI working on the database directly (the core alone, nothing listening).
 */
export type Role = 'node' | 'operator';

/** A built backend: the Fastify instance (not yet listening) with the core it serves. `close()` lets go of all of it. */
export interface Interop {
  readonly app: HttpApp;
  readonly core: Core;
  /** The socket.io server of a node. */
  readonly io: Server | undefined;
  readonly routes: readonly RouteEntry[];
  /** Starts listening (a node); says where the CLI and browsers reach it. */
  listen(): Promise<{ url: string; port: number }>;
  deliverWebhooks(): Promise<void>;
}

/**
 * The one composition root, for the server and the CLI alike. Each thing it opens registers its own teardown as it is
 * made: Fastify runs `preClose` hooks first to last (a node drains in that order) and `onClose` hooks last to first,
 * so what was opened last is closed first and the database goes last. A failure half-way closes what was opened.
 */
export async function buildInterop(config: ServerConfig, role: Role): Promise<Interop> {
  let core: Core | undefined;
  let limits: Limits | undefined;
  const app = createHttpApp({
    trustProxy: config.trustProxy,
    log: config.log,
    access: () => ({
      corps: core!.stores.corps,
      keys: core!.stores.apiKeys,
      tokenSecret: core!.tokenSecret,
      limits: limits!,
    }),
  });
  const routes = collectRoutes(app);
  // Set once listening: PUBLIC_URL, else the address it listens on (for one machine and the demo).
  let publicUrl = config.publicUrl ?? '';
  let io: Server | undefined;
  let serveNode: (() => Promise<{ url: string; port: number }>) | undefined;
  let deliverWebhooks = async () => {};
  try {
    // Opened first, so closed last.
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    app.addHook('onClose', async () => db.close());
    // Shared state across nodes is a node's business; the CLI counts nothing and pushes nowhere.
    const redis = role === 'node' ? connectRedis(config.redisUrl, config.log) : undefined;
    if (redis) app.addHook('onClose', async () => closeRedis(redis));
    const counted = createLimits(config.limits, { redis, log: config.log });
    limits = counted;
    app.addHook('onClose', async () => counted.close());
    // Every URL a company chooses (webhooks, its sign-in provider) is called through this: never inward.
    const outbound = createOutbound({
      allow: config.outboundAllow,
      ownUrls: () => [publicUrl, config.publicUrl].filter((url): url is string => Boolean(url)),
      resolve: config.outboundResolve,
    });
    app.addHook('onClose', async () => outbound.close());

    await prepareDatabase(db, async () => {
      // A production backend starts empty: its operator creates the company (npm run admin -- corp create …).
      if (role === 'node' && !config.production && (await seedDemoCorp(db))) config.log('seeded the demo corp "acme"');
    });
    if (redis) await redisReady(redis, config.log);
    const built = await createCore({ config, db, redis, limits: counted, outbound, publicUrl: () => publicUrl });
    core = built;
    app.addHook('onClose', async () => built.close());
    if (role === 'node') {
      const node = await mountNode(app, built, config, { publicUrl: () => publicUrl, redis, limits: counted });
      io = node.io;
      deliverWebhooks = node.deliverWebhooks;
      serveNode = async () => {
        await app.listen({ port: config.port, host: config.host });
        const { port } = app.server.address() as AddressInfo;
        const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
        publicUrl ||= `http://${host}:${port}`;
        await node.listening(port);
        return { url: `http://${host}:${port}`, port };
      };
    }
    await app.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    app,
    core: core!,
    io,
    routes,
    deliverWebhooks: () => deliverWebhooks(),
    async listen() {
      if (!serveNode) throw new Error('Only a node listens');
      try {
        return await serveNode();
      } catch (error) {
        // A busy port: let go of the database (and its data folder) before saying so.
        await app.close();
        throw error;
      }
    },
  };
}

/** What makes the core a serving node: the socket gateway and its pushes, the HTTP routes, timers and deliveries. */
async function mountNode(
  app: HttpApp,
  core: Core,
  config: ServerConfig,
  options: { publicUrl: () => string; redis: ReturnType<typeof connectRedis>; limits: Limits },
) {
  const { stores, db } = core;
  // Draining, first of all: /ready says so and no new connection is taken (the balancer's next try goes elsewhere).
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
    app.server.close();
  });

  const fromProxy = forwarded(config.trustProxy);
  const io = new Server(app.server, {
    // Any origin may attempt the handshake; the gateway then checks it against the token's corp allowlist.
    cors: { origin: true, credentials: false },
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    serveClient: false,
  });
  // With Redis, rooms and pushes span every node.
  const adapter = options.redis ? attachRedisAdapter(io, options.redis, config.log) : undefined;
  if (adapter) app.addHook('onClose', async () => adapter.close());
  const unsubscribe = subscribePushes(io, core.notifier);
  app.addHook('onClose', async () => void unsubscribe());
  const metrics = createMetrics();
  metrics.observe({ io, db, queueDepths: () => stores.webhooks.queueDepths() });

  // Timers hand their leases on at once when the node stops.
  const timers = startTimers({
    db,
    nodeId: config.nodeId,
    pollMs: config.timerPollMs,
    work: { 'sandbox-settlements': () => core.sandbox.settleDue(), 'order-expiry': () => core.payments.checkDue() },
    log: config.log,
  });
  app.addHook('preClose', async () => timers.close());

  const gateway = attachGateway(io, {
    tokenSecret: core.tokenSecret,
    forwarded: fromProxy,
    corps: stores.corps,
    limits: options.limits,
    log: config.log,
    onConnection: (socket, session) => trackPresence(core.presence, socket, session),
    onAnswered: metrics.eventAnswered,
    operations: core.operations,
  });
  // Events being handled get their acks before the sockets are let go.
  app.addHook('preClose', async () => gateway.settled(DRAIN_TIMEOUT_MS));

  const operator = createOperatorEndpoint({
    management: core.management,
    dataDir: config.dataDir,
    publicUrl: options.publicUrl,
  });
  app.addHook('preClose', async () => operator.withdraw());

  const webhookDispatcher = startWebhookDispatcher({
    db,
    ...config.webhooks,
    fetch: core.outbound.fetch,
    onFailure: metrics.webhookFailed,
    log: config.log,
  });
  app.addHook('preClose', async () => webhookDispatcher.close());
  // Last of the drain: closing the transports (not a socket.io "disconnect") lets clients reconnect to the next start
  // by themselves. Fastify then ends requests in flight too (a long-poll, a keep-alive fetch).
  app.addHook('preClose', async () => new Promise<void>((resolve) => io.close(() => resolve())));

  await app.register(opsRoutes, {
    nodeId: config.nodeId,
    db,
    redis: options.redis,
    metrics,
    draining: () => draining,
    metricsToken: config.metricsToken,
  });
  const publicBase: PublicBase = (request) =>
    config.publicUrl ?? fromProxy.publicBase(request.raw) ?? `${request.protocol}://${request.host}`;
  await app.register(corpApi, {
    prefix: '/api/corps/:corp',
    corps: stores.corps,
    uploads: stores.uploads,
    cards: core.cards,
    uploadMaxBytes: config.uploadMaxBytes,
    tokenSecret: core.tokenSecret,
    visitorTokenTtl: config.visitorTokenTtl,
    employeeTokenTtl: config.employeeTokenTtl,
    production: config.production,
    sso: { sso: core.sso, publicBase, signOut: core.signOut },
  });
  await app.register(operator.routes);
  await app.register(crmApi, {
    prefix: '/api/v1',
    stores,
    ownership: core.ownership,
    outbound: core.outbound,
    production: config.production,
    management: core.management,
    publicBase,
  });
  await app.register(paymentWebhookRoutes, { payments: core.payments });
  await app.register(core.sandbox.routes);
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

  return {
    io,
    deliverWebhooks: () => webhookDispatcher.kick(),
    /** Tells the CLI on this machine where to reach the node: on loopback when it listens there or everywhere. */
    async listening(port: number) {
      const localHost =
        { '0.0.0.0': '127.0.0.1', '::': '[::1]', localhost: '127.0.0.1' }[config.host] ??
        (config.host.includes(':') ? `[${config.host}]` : config.host);
      await operator.publish(`http://${localHost}:${port}`);
    },
  };
}

export interface InteropServer {
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly io: Server;
  readonly http: HttpServer;
  readonly stores: Pick<Core['stores'], 'corps' | 'conversations' | 'apiKeys'>;
  /** Every HTTP route it serves. */
  readonly routes: readonly RouteEntry[];
  /** Delivers queued webhook events now rather than at the next poll. */
  deliverWebhooks(): Promise<void>;
  /** The secret the sandbox provider signs its notifications with (tests forge and replay with it). */
  readonly sandboxWebhookSecret: string;
  close(): Promise<void>;
}

/** Builds a node and starts it listening. */
export async function startInteropServer(config: ServerConfig): Promise<InteropServer> {
  const interop = await buildInterop(config, 'node');
  const { url, port } = await interop.listen();
  const { core } = interop;
  return {
    url,
    port,
    db: core.db,
    io: interop.io!,
    http: interop.app.server,
    stores: { corps: core.stores.corps, conversations: core.stores.conversations, apiKeys: core.stores.apiKeys },
    routes: interop.routes,
    deliverWebhooks: interop.deliverWebhooks,
    sandboxWebhookSecret: core.sandboxWebhookSecret,
    close: () => interop.app.close(),
  };
}
