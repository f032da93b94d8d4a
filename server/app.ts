import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'socket.io';
import * as z from 'zod/mini';
import { openDatabase, type Database } from './db/database.js';
import { prepareDatabase } from './schema.js';
import { seedDemoCorp } from './corps/seed.js';
import { collectRoutes, createHttpApp, type HttpApp, type RouteEntry } from './http/fastify.js';
import { createOutbound } from './http/outbound.js';
import { createLimits, type Limits } from './limits/limits.js';
import { createCore, type Core } from './core/container.js';
import type { ServerConfig } from './config.js';

// Error messages in English for everyone reading acks and logs (the browser bundle does not carry them).
z.config(z.locales.en());

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
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: config.log });
    app.addHook('onClose', async () => db.close());
    // Shared state across nodes is a node's business; the CLI counts nothing and pushes nowhere.
    const cluster = role === 'node' && config.redisUrl ? await import('./cluster/redis.js') : undefined;
    const redis = cluster?.connectRedis(config.redisUrl, config.log, config.redisBreaker);
    if (redis) app.addHook('onClose', async () => cluster!.closeRedis(redis.client, redis.breaker));
    const counted = createLimits(config.limits, { redis, log: config.log });
    limits = counted;
    app.addHook('onClose', async () => counted.close());
    // Every URL a company chooses (webhooks, its sign-in provider) is called through this: never inward.
    const outbound = createOutbound({
      allow: config.outboundAllow,
      ownUrls: () => [publicUrl, config.publicUrl].filter((url): url is string => Boolean(url)),
      listeningPort: () => (app.server.address() as AddressInfo | null)?.port,
      resolve: config.outboundResolve,
    });
    app.addHook('onClose', async () => outbound.close());

    await prepareDatabase(db, async () => {
      // A production backend starts empty: its operator creates the company (npm run admin -- corp create …).
      if (role === 'node' && !config.production && (await seedDemoCorp(db))) config.log('seeded the demo corp "acme"');
    });
    if (redis) await cluster!.redisReady(redis.client, config.log);
    const built = await createCore({ config, db, redis, outbound, publicUrl: () => publicUrl });
    core = built;
    app.addHook('onClose', async () => built.close());
    if (role === 'node') {
      const { mountNode } = await import('./node.js');
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
