import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { SharedRedis } from './cluster/redis.js';
import { Server } from 'socket.io';
import { attachRedisAdapter } from './cluster/adapter.js';
import { startTimers } from './cluster/timers.js';
import type { ServerConfig } from './config.js';
import type { Core } from './core/container.js';
import { crmApi } from './crm/api.js';
import { startWebhookDispatcher } from './crm/webhooks.js';
import { corpApi } from './http/corp-api.js';
import type { HttpApp } from './http/fastify.js';
import { forwarded, type PublicBase } from './http/forwarded.js';
import type { Limits } from './limits/limits.js';
import { createOperatorEndpoint } from './management/operator.js';
import { createMetrics } from './ops/metrics.js';
import { opsRoutes } from './ops/routes.js';
import { paymentWebhookRoutes } from './payments/routes.js';
import { trackPresence } from './sessions/service.js';
import { attachGateway } from './socket/gateway.js';
import { subscribePushes } from './socket/pushes.js';

// The node half of the composition root (app.ts): loaded only when a node is built, so the operator CLI loads the
// core alone (not socket.io, the Redis adapter, the API document or the static files).

/** Strict CSP for the demo pages we serve: proves the kit needs no inline script or style. */
const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** Socket payloads above this are refused by socket.io; message limits below it give typed errors. */
const MAX_SOCKET_PAYLOAD_BYTES = 1024 * 1024;

/** How long a stopping node waits for the acks of events it is handling. */
const DRAIN_TIMEOUT_MS = 10_000;

/** What makes the core a serving node: the socket gateway and its pushes, the HTTP routes, timers and deliveries. */
export async function mountNode(
  app: HttpApp,
  core: Core,
  config: ServerConfig,
  options: { publicUrl: () => string; redis: SharedRedis | undefined; limits: Limits },
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
  metrics.observe({ io, db, redis: options.redis?.breaker, queueDepths: () => stores.webhooks.queueDepths() });

  // Timers hand their leases on at once when the node stops.
  const timers = startTimers({
    db,
    nodeId: config.nodeId,
    pollMs: config.timerPollMs,
    work: {
      'sandbox-settlements': () => core.sandbox.settleDue(),
      'order-expiry': () => core.payments.checkDue(),
      'customer-transfers': async () => void (await core.transfers.completeDue()),
    },
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
    redis: options.redis?.breaker,
    readyRequiresRedis: config.readyRequiresRedis,
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
    transfers: core.transfers,
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
  } else
    config.log(
      `no pages to serve in ${config.staticDir} (STATIC_DIR; in the repository, "npm run build" makes the demo)`,
    );

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
