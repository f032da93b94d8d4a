import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { startInteropServer, type InteropServer } from '../app.js';
import { defaultNodeId, type ServerConfig } from '../config.js';
import type { LimitSettings } from '../limits/limits.js';
import { DEMO_CORP_ID, DEMO_EMPLOYEES, seedCorp, type DemoEmployee } from '../corps/seed.js';
import { InteropClient, visitorTokenProvider, type KeyValueStorage } from '@interop-kit/elements/client';
import { sessionTokenSchema, type Ack } from '@interop-kit/elements/protocol';
import { createTestDatabase } from './support/postgres-database.js';

export { until } from './until.js';

export interface Harness {
  server: InteropServer;
  dataDir: string;
  config: ServerConfig;
  logs: string[];
  /** Restarts the backend in this process on the same port and data folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
  visitorToken(
    body?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ token: string; visitorKey?: string }>;
  employeeToken(employeeId: string, corp?: string): Promise<string>;
  rawSocket(token: string, options?: { corp?: string; origin?: string }): Promise<Socket>;
  /** A new anonymous visitor's raw socket and the conversation it opened. */
  visitorConversation(): Promise<{ socket: Socket; conversationId: string }>;
  client(token: string | (() => Promise<string>)): InteropClient;
  /** A client for a new anonymous visitor, with the real visitor token provider (kept key, refresh on expiry). */
  visitorClient(): InteropClient;
  /**
   * A new anonymous visitor with one conversation of `count` text messages ("Message n"), alternating customer and
   * Lin Wei, one minute apart and ending now, all read: history for paging and windowing tests and the bench.
   */
  seedHistory(count: number, corp?: TestCorp): Promise<{ visitorKey: string; conversationId: string }>;
  /** A new company like the demo's (same people and catalog under their own ids), so a test file has its own. */
  createCorp(allowedOrigins?: string[]): Promise<TestCorp>;
  /**
   * A second company beside the demo one, "globex", with one employee (default `emp_hank`, Hank Scorpio): for what
   * one company may not see or do of another's.
   */
  otherCompany(employee?: OtherCompanyEmployee, allowedOrigins?: string[]): Promise<void>;
}

export interface OtherCompanyEmployee {
  id?: string;
  name?: string;
  title?: string;
  phone?: string;
  email?: string;
}

export interface TestCorp {
  corp: string;
  employees: Record<DemoEmployee, string>;
}

/** The demo company as a test sees it (a backend of its own has it). */
export const DEMO: TestCorp = { corp: DEMO_CORP_ID, employees: { lin: 'emp_lin', sara: 'emp_sara' } };

/** Limits so generous that tests meet one only where they set it lower (every test client is on 127.0.0.1). */
export const GENEROUS_LIMITS: LimitSettings = {
  events: { perSecond: 200, burst: 400 },
  messages: { perSecond: 200, burst: 400 },
  conversationMessages: { perSecond: 200, burst: 400 },
  apiRequests: { perSecond: 1000, burst: 1000 },
  sessionsPerMinute: 60_000,
  socketsPerPerson: 1000,
  socketsPerAddress: 10_000,
};

export type HarnessOptions = Partial<Omit<ServerConfig, 'limits'>> & { limits?: Partial<LimitSettings> };

export async function startHarness({ limits, ...overrides }: HarnessOptions = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ix-test-'));
  const database = overrides.databaseUrl ? undefined : await createTestDatabase();
  const logs: string[] = [];
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: database?.url,
    production: false,
    visitorTokenTtl: 3600,
    employeeTokenTtl: 3600,
    limits: { ...GENEROUS_LIMITS, ...limits },
    staticDir: join(dataDir, 'no-static'),
    uploadMaxBytes: 1024 * 1024,
    trustProxy: false,
    // Test receivers and the test sign-in provider listen on loopback (the outbound guard's own test allows nothing).
    outboundAllow: ['127.0.0.0/8', '::1/128'],
    presenceLeaseMs: 15_000,
    // Generous: a loaded test machine must not open the breaker by accident; the probe comes back quickly.
    redisBreaker: { commandTimeoutMs: 2000, probeMs: 100 },
    readyRequiresRedis: false,
    nodeId: defaultNodeId(),
    timerPollMs: 100,
    orderTtlSeconds: 15 * 60,
    // The sandbox's "processing" card settles this fast in tests.
    sandboxProcessingMs: 300,
    // Webhook retries come quickly in tests.
    webhooks: { pollMs: 50, retryBaseMs: 100, maxAttempts: 4, timeoutMs: 2000 },
    log: (message, error) => logs.push(`${message} ${error instanceof Error ? error.stack : (error ?? '')}`),
    ...overrides,
  };
  const sockets: Socket[] = [];
  let corpCount = 0;
  const clients: InteropClient[] = [];
  const harness: Harness = {
    server: await startInteropServer(config),
    dataDir,
    config,
    logs,
    async stop() {
      await harness.server.close();
    },
    async start() {
      // Same port as before, so clients reconnect to the address they know.
      harness.server = await startInteropServer({ ...config, port: harness.server.port });
    },
    async restart() {
      await harness.stop();
      await harness.start();
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      for (const client of clients) client.close();
      await harness.server.close().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
    async visitorToken(body = {}, headers = {}) {
      const response = await fetch(
        `${harness.server.url}/api/corps/${(body.corp as string) ?? 'acme'}/sessions/visitor`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ ...body, corp: undefined }),
        },
      );
      if (!response.ok) throw new Error(`visitor token: HTTP ${response.status} ${await response.text()}`);
      return sessionTokenSchema.parse(await response.json());
    },
    async employeeToken(employeeId, corp = 'acme') {
      const response = await fetch(`${harness.server.url}/api/corps/${corp}/sessions/employee-dev`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ employeeId }),
      });
      if (!response.ok) throw new Error(`employee token: HTTP ${response.status}`);
      return sessionTokenSchema.parse(await response.json()).token;
    },
    rawSocket(token, options = {}) {
      const socket = connectSocket(harness.server.url, {
        auth: { token, ...(options.corp ? { corp: options.corp } : {}) },
        transports: ['websocket'],
        reconnection: false,
        ...(options.origin ? { extraHeaders: { origin: options.origin } } : {}),
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (error) => reject(error));
      });
    },
    async visitorConversation() {
      const socket = await harness.rawSocket((await harness.visitorToken()).token);
      const opened = await call(socket, 'conversation:open', {});
      if (!opened.ok) throw new Error(`conversation:open failed: ${opened.error.message}`);
      return { socket, conversationId: opened.data.id as string };
    },
    client(token) {
      const client = new InteropClient({
        endpoint: harness.server.url,
        corp: 'acme',
        ...(typeof token === 'string' ? { token } : { tokenProvider: token }),
        requestTimeoutMs: 5000,
      });
      clients.push(client);
      client.connect();
      return client;
    },
    visitorClient() {
      return harness.client(
        visitorTokenProvider({ endpoint: harness.server.url, corp: 'acme', storage: memoryStorage() }),
      );
    },
    async seedHistory(count, { corp, employees } = DEMO) {
      const { visitorKey, token } = await harness.visitorToken({ corp });
      if (!visitorKey) throw new Error('an anonymous session comes with a visitor key');
      const socket = await harness.rawSocket(token);
      const opened = await call(socket, 'conversation:open', { createNew: true });
      socket.disconnect();
      if (!opened.ok) throw new Error(opened.error.message);
      await harness.server.db.query(
        `INSERT INTO messages (id, corp_id, conversation_id, seq, sender_kind, sender_id, sender_name, kind, body, created_at)
         SELECT gen_random_uuid(), $4, $1, n, CASE WHEN n % 2 = 0 THEN 'employee' ELSE 'customer' END,
                CASE WHEN n % 2 = 0 THEN $5 ELSE $2 END, CASE WHEN n % 2 = 0 THEN $6 ELSE NULL END,
                'text', jsonb_build_object('text', 'Message ' || n), now() - (($3::int - n) * interval '1 minute')
         FROM generate_series(1, $3::int) AS n`,
        [opened.data.id, opened.data.customer.id, count, corp, employees.lin, DEMO_EMPLOYEES.lin.name],
      );
      await harness.server.db.query(
        `UPDATE conversations SET last_seq = $2, customer_read_seq = $2, employee_read_seq = $2 WHERE id = $1`,
        [opened.data.id, count],
      );
      return { visitorKey, conversationId: opened.data.id };
    },
    async otherCompany({ id = 'emp_hank', name = 'Hank Scorpio', title, phone, email } = {}, allowedOrigins = []) {
      const { corps } = harness.server.stores;
      await corps.createCorp({ id: 'globex', name: 'Globex', allowedOrigins });
      const contact = { title: title ?? null, phone: phone ?? null, email: email ?? null };
      await corps.createEmployee({ id, corpId: 'globex', name, ...contact, avatarUrl: null, bio: null });
    },
    async createCorp(allowedOrigins = []) {
      const corp = `t${++corpCount}`;
      const employees = await seedCorp(harness.server.db, { id: corp, name: 'Acme Tea Co.', allowedOrigins });
      return { corp, employees };
    },
  };
  return harness;
}

export function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** Emits with an ack and returns the raw ack, as any client would see it. */
export function call(socket: Socket, event: string, ...payload: unknown[]): Promise<Ack<any>> {
  return socket.timeout(5000).emitWithAck(event, ...payload);
}

/** Emits with an ack and returns its data; a refusal throws with its code, so a test reads as the happy path. */
export async function callOk(socket: Socket, event: string, payload: unknown): Promise<any> {
  const ack = await call(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** Resolves with the first value an event delivers that passes `match`. */
export function nextEvent<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  match: (value: T) => boolean = () => true,
  timeoutMs = 5000,
  what = 'event',
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const off = subscribe((value) => {
      if (!match(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** Resolves with the next `event` on a raw socket whose payload passes `match`. */
export function next<T>(
  socket: Socket,
  event: string,
  match: (value: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return nextEvent<T>(
    (listener) => {
      socket.on(event, listener);
      return () => socket.off(event, listener);
    },
    match,
    timeoutMs,
    `a ${event} push`,
  );
}
