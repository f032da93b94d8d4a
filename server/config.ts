import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { DEFAULT_UPLOAD_MAX_BYTES } from '@interop-kit/elements/protocol';
import type { CustomFetch } from 'openid-client';
import { parseTrustProxy, type TrustProxy } from './http/forwarded.js';
import type { LimitSettings } from './limits/limits.js';
import { parseOutboundAllow, type Resolve } from './http/outbound.js';
import { createLogger, logFunction } from './ops/log.js';

const integer = (fallback: number) =>
  z.pipe(
    z.optional(z.string().check(z.regex(/^\d+$/))),
    z.transform((value) => (value === undefined ? fallback : Number(value))),
  );

const LOOPBACK = ['127.0.0.0/8', '::1/128'];

/** Limits must allow something: 0 would refuse every request. */
const positive = (fallback: number) =>
  z.pipe(
    z.optional(z.string().check(z.regex(/^[1-9]\d*$/, 'a whole number of at least 1'))),
    z.transform((value) => (value === undefined ? fallback : Number(value))),
  );

/** Every environment variable the backend reads (server/.env.example lists each one; a test keeps them in step). */
export const envSchema = z.object({
  PORT: integer(3000),
  HOST: z._default(z.string(), '127.0.0.1'),
  DATA_DIR: z._default(z.string(), './data'),
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\//))),
  NODE_ENV: z.optional(z.string()),
  TOKEN_SECRET: z.optional(z.string().check(z.minLength(32))),
  VISITOR_TOKEN_TTL: integer(60 * 60),
  EMPLOYEE_TOKEN_TTL: integer(8 * 60 * 60),
  REDIS_URL: z.optional(z.string().check(z.regex(/^rediss?:\/\//))),
  REDIS_COMMAND_TIMEOUT_MS: positive(100),
  REDIS_PROBE_MS: positive(1000),
  READY_REQUIRES_REDIS: z._default(z.enum(['true', 'false']), 'false'),
  PRESENCE_LEASE_MS: positive(15_000),
  NODE_ID: z.optional(z.string().check(z.regex(/^[\w.:@-]{1,100}$/, 'letters, digits and . : @ - _, at most 100'))),
  TIMER_POLL_MS: positive(1000),
  METRICS_TOKEN: z.optional(z.string().check(z.minLength(16))),
  RATE_LIMIT_PER_SECOND: positive(20),
  RATE_LIMIT_BURST: positive(40),
  MESSAGE_RATE_LIMIT_PER_SECOND: positive(5),
  MESSAGE_RATE_LIMIT_BURST: positive(20),
  CONVERSATION_RATE_LIMIT_PER_SECOND: positive(10),
  CONVERSATION_RATE_LIMIT_BURST: positive(30),
  API_RATE_LIMIT_PER_SECOND: positive(20),
  API_RATE_LIMIT_BURST: positive(100),
  SESSION_RATE_LIMIT_PER_MINUTE: positive(60),
  SOCKETS_PER_PERSON: positive(20),
  SOCKETS_PER_ADDRESS: positive(500),
  STATIC_DIR: z._default(z.string(), fileURLToPath(new URL('../dist/demo', import.meta.url))),
  UPLOAD_MAX_BYTES: integer(DEFAULT_UPLOAD_MAX_BYTES),
  PUBLIC_URL: z.optional(z.url({ protocol: /^https?$/ })),
  TRUST_PROXY: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^(true|false|\d+|[\d.:a-fA-F/]+(\s*,\s*[\d.:a-fA-F/]+)*)$/,
          'true, false, a hop count, or addresses/subnets separated by commas',
        ),
      ),
  ),
  OUTBOUND_ALLOW: z.optional(z.string()),
  ORDER_TTL_SECONDS: integer(15 * 60),
  SANDBOX_PROCESSING_MS: integer(3000),
  WEBHOOK_POLL_MS: integer(1000),
  WEBHOOK_RETRY_BASE_MS: integer(30_000),
  WEBHOOK_MAX_ATTEMPTS: integer(10),
  WEBHOOK_TIMEOUT_MS: integer(10_000),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  production: boolean;
  /** Overrides the secret kept in the database (set it when several nodes must agree before the first start). */
  tokenSecret?: string | undefined;
  visitorTokenTtl: number;
  employeeTokenTtl: number;
  /**
   * What several nodes share: rooms and pushes (the socket.io Redis adapter), presence, and every limit. Without it,
   * this node is the whole deployment.
   */
  redisUrl?: string | undefined;
  /**
   * A Redis command unanswered for `commandTimeoutMs` opens the node's breaker: limits and presence are kept on this
   * node at once, pushes to others are counted as lost, and a PING every `probeMs` closes it when Redis answers.
   */
  redisBreaker: { commandTimeoutMs: number; probeMs: number };
  /** Strict readiness: /ready answers 503 while Redis is away (by default the node serves on, `degraded`). */
  readyRequiresRedis: boolean;
  /** This node among several, in logs and in the leases of the timers it holds. Default: host name, process id, random. */
  nodeId: string;
  /** How often the node holding a timer runs it (sandbox settlements, order expiry); a dead holder's pass on in 5×. */
  timerPollMs: number;
  /** The time the customer-transfer rules read (windows, periods); tests move it on rather than wait. Default: now. */
  clock?: (() => Date) | undefined;
  /** When set, /metrics asks for it as a bearer token; unset, keep /metrics off the public path (README). */
  metricsToken?: string | undefined;
  /** With Redis: how long a node that died keeps its employees' presence at most (a third of it more for the sweep). */
  presenceLeaseMs: number;
  /** Limits per person, per API key and per client address (README: Security). */
  limits: LimitSettings;
  /** Built demo pages to serve; missing files are simply not served. */
  staticDir: string;
  /** Largest file a customer or employee may upload. */
  uploadMaxBytes: number;
  /**
   * Where the outside world reaches this backend (payment pages, provider notifications). Default: the address it
   * listens on, which is right for one machine and for the demo.
   */
  publicUrl?: string | undefined;
  /**
   * Which proxies in front are believed (TRUST_PROXY): client addresses (limits), the host pages are served from
   * (origin checks) and public URLs then follow their X-Forwarded-For, -Host and -Proto.
   */
  trustProxy: TrustProxy;
  /** Inward subnets that outbound calls (webhooks, sign-in providers) may reach all the same (OUTBOUND_ALLOW). */
  outboundAllow: string[];
  /** How outbound calls resolve host names (tests inject answers that change, as DNS can). Default: the system's. */
  outboundResolve?: Resolve | undefined;
  /** How long a payer has to pay an order before it expires. */
  orderTtlSeconds: number;
  /** How long the sandbox's "processing" test card stays processing before it succeeds. */
  sandboxProcessingMs: number;
  /** CRM webhook deliveries: how often due ones are sent, the first retry's wait (doubling after), attempts, timeout. */
  webhooks: { pollMs: number; retryBaseMs: number; maxAttempts: number; timeoutMs: number };
  log: (message: string, error?: unknown) => void;
  /** How the backend calls OpenID providers (tests inject a tampering token endpoint here). Default: fetch. */
  ssoFetch?: CustomFetch | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  // A variable set to nothing (DATABASE_URL= in a unit file, say) counts as unset.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const nodeId = e.NODE_ID ?? defaultNodeId();
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    production: e.NODE_ENV === 'production',
    tokenSecret: e.TOKEN_SECRET,
    visitorTokenTtl: e.VISITOR_TOKEN_TTL,
    employeeTokenTtl: e.EMPLOYEE_TOKEN_TTL,
    redisUrl: e.REDIS_URL,
    redisBreaker: { commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS, probeMs: e.REDIS_PROBE_MS },
    readyRequiresRedis: e.READY_REQUIRES_REDIS === 'true',
    presenceLeaseMs: e.PRESENCE_LEASE_MS,
    nodeId,
    timerPollMs: e.TIMER_POLL_MS,
    metricsToken: e.METRICS_TOKEN,
    limits: {
      events: { perSecond: e.RATE_LIMIT_PER_SECOND, burst: e.RATE_LIMIT_BURST },
      messages: { perSecond: e.MESSAGE_RATE_LIMIT_PER_SECOND, burst: e.MESSAGE_RATE_LIMIT_BURST },
      conversationMessages: { perSecond: e.CONVERSATION_RATE_LIMIT_PER_SECOND, burst: e.CONVERSATION_RATE_LIMIT_BURST },
      apiRequests: { perSecond: e.API_RATE_LIMIT_PER_SECOND, burst: e.API_RATE_LIMIT_BURST },
      sessionsPerMinute: e.SESSION_RATE_LIMIT_PER_MINUTE,
      socketsPerPerson: e.SOCKETS_PER_PERSON,
      socketsPerAddress: e.SOCKETS_PER_ADDRESS,
    },
    staticDir: e.STATIC_DIR,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    // The demo on a laptop calls a local sign-in provider and local webhook receivers; production nothing inward.
    outboundAllow:
      e.OUTBOUND_ALLOW !== undefined
        ? parseOutboundAllow(e.OUTBOUND_ALLOW)
        : e.NODE_ENV === 'production'
          ? []
          : LOOPBACK,
    orderTtlSeconds: e.ORDER_TTL_SECONDS,
    sandboxProcessingMs: e.SANDBOX_PROCESSING_MS,
    webhooks: {
      pollMs: e.WEBHOOK_POLL_MS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
    log: logFunction(createLogger(nodeId)),
  };
}

/** Unique among the nodes of a deployment, readable in logs. */
export const defaultNodeId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
