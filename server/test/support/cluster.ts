import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { sessionTokenSchema } from '@interop-kit/elements/protocol';
import { createPostgresDatabase } from './postgres-database.js';
import { startNodeProcess, type NodeProcess } from './node-process.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

/** Why the multi-node tests cannot run here, or undefined when they can (CI always can: `.ci/run` starts PostgreSQL). */
export function clusterUnavailable(): string | undefined {
  if (process.env.TEST_POSTGRES_URL) return undefined;
  if (process.env.CI)
    throw new Error('CI must run the multi-node tests: TEST_POSTGRES_URL is not set (.ci/run starts PostgreSQL)');
  return 'needs a PostgreSQL server in TEST_POSTGRES_URL (.ci/run starts one; README: Testing)';
}

/** Several backend processes on one PostgreSQL database and one Redis, all real, as a deployment runs them. */
export interface Cluster {
  nodes: NodeProcess[];
  redis: RedisServer;
  /** The database every node uses (the tests read it to check what was stored). */
  databaseUrl: string;
  /** Starts one more node on the same database and Redis (a replacement in a rolling restart, say). */
  startNode(): Promise<NodeProcess>;
  close(): Promise<void>;
}

export async function startCluster(size: number, env: Record<string, string> = {}): Promise<Cluster> {
  const database = await createPostgresDatabase();
  const redis = await startRedisServer();
  const dataDir = await mkdtemp(join(tmpdir(), 'ix-cluster-'));
  let started = 0;
  const all: NodeProcess[] = [];
  const startNode = async () => {
    started += 1;
    const node = await startNodeProcess({
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      // Every node signs and checks tokens with one secret.
      TOKEN_SECRET: 'the one secret of this test deployment, 32+ characters',
      NODE_ID: `node-${started}`,
      DATA_DIR: join(dataDir, `node-${started}`),
      STATIC_DIR: join(dataDir, 'none'),
      // Generous limits (every test client is on 127.0.0.1), quick timers, short presence leases.
      RATE_LIMIT_PER_SECOND: '2000',
      RATE_LIMIT_BURST: '4000',
      MESSAGE_RATE_LIMIT_PER_SECOND: '2000',
      MESSAGE_RATE_LIMIT_BURST: '4000',
      CONVERSATION_RATE_LIMIT_PER_SECOND: '2000',
      CONVERSATION_RATE_LIMIT_BURST: '4000',
      SESSION_RATE_LIMIT_PER_MINUTE: '100000',
      SOCKETS_PER_ADDRESS: '10000',
      PRESENCE_LEASE_MS: '1500',
      TIMER_POLL_MS: '200',
      SANDBOX_PROCESSING_MS: '300',
      WEBHOOK_POLL_MS: '100',
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_TIMEOUT_MS: '2000',
      ...env,
    });
    all.push(node);
    return node;
  };
  const nodes: NodeProcess[] = [];
  // One after the other: each start is what an operator's first deploy does; the lock makes them safe together too.
  for (let i = 0; i < size; i++) nodes.push(await startNode());
  return {
    nodes,
    redis,
    databaseUrl: database.url,
    startNode,
    async close() {
      await Promise.all(all.map((node) => node.kill()));
      await redis.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function visitorToken(url: string, corp = 'acme'): Promise<string> {
  const response = await fetch(`${url}/api/corps/${corp}/sessions/visitor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`visitor token: HTTP ${response.status}`);
  return sessionTokenSchema.parse(await response.json()).token;
}

export async function employeeToken(url: string, employeeId: string, corp = 'acme'): Promise<string> {
  const response = await fetch(`${url}/api/corps/${corp}/sessions/employee-dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ employeeId }),
  });
  if (!response.ok) throw new Error(`employee token: HTTP ${response.status}`);
  return sessionTokenSchema.parse(await response.json()).token;
}

/** A raw socket to one node (WebSocket), or the handshake's refusal. */
export function socketTo(url: string, token: string, sockets: Socket[]): Promise<Socket> {
  const socket = connectSocket(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A company's webhook receiver: every delivery's event id and delivery id, in arrival order. */
export async function webhookReceiver() {
  const received: { eventId: string; deliveryId: string; type: string }[] = [];
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push({
        eventId: String(request.headers['interop-event-id']),
        deliveryId: String(request.headers['interop-delivery-id']),
        type: String(request.headers['interop-event-type']),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
