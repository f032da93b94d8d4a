import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { createLogger, logFunction } from '../ops/log.js';
import { call, callOk, startHarness, until, type Harness } from './harness.js';
import { startRedisServer, type RedisServer } from './support/redis-server.js';

interface LogLine {
  level: number;
  msg: string;
  node: string;
  requestId?: string;
  eventId?: string;
  event?: string;
  err?: { message: string };
}

/** The backend's real logger (pino), writing its JSON lines here. */
function capturedLog(node: string) {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { lines, log: logFunction(createLogger(node, stream)) };
}

const metricValue = (text: string, series: string) => {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('operating a node', () => {
  const harnesses: Harness[] = [];
  const redises: RedisServer[] = [];
  const redisServer = async () => {
    const redis = await startRedisServer();
    redises.push(redis);
    return redis;
  };
  const harness = async (options: Parameters<typeof startHarness>[0] = {}) => {
    const h = await startHarness(options);
    harnesses.push(h);
    return h;
  };
  after(async () => {
    for (const h of harnesses) await h.close();
    for (const redis of redises) await redis.stop();
  });

  test('/health says the process answers; /ready says whether this node can serve: Redis gone is degraded, not 503', async () => {
    const redis = await redisServer();
    const h = await harness({ redisUrl: redis.url, nodeId: 'node-a' });
    const health = await fetch(`${h.server.url}/health`);
    assert.deepEqual(await health.json(), { ok: true, node: 'node-a', database: h.server.db.engine });

    const ready = await fetch(`${h.server.url}/ready`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), {
      ready: true,
      degraded: false,
      node: 'node-a',
      checks: { database: 'ok', migrations: 'ok', redis: 'ok', accepting: 'ok' },
    });

    // Redis gone: the node serves on its own (a balancer keeps it), and says it is degraded.
    await redis.kill();
    type Ready = { ready: boolean; degraded: boolean; checks: Record<string, string> };
    const readiness = async () => {
      const response = await fetch(`${h.server.url}/ready`);
      return { status: response.status, body: (await response.json()) as Ready };
    };
    await until(async () => (await readiness()).body.degraded, 5000, 'the node to notice Redis is gone');
    const withoutRedis = await readiness();
    assert.equal(withoutRedis.status, 200);
    assert.equal(withoutRedis.body.ready, true);
    assert.match(withoutRedis.body.checks.redis!, /^degraded since .+: the connection to Redis closed/);
    assert.equal(withoutRedis.body.checks.database, 'ok');
    assert.equal((await fetch(`${h.server.url}/health`)).status, 200, 'alive all the same');

    // A migration this version has and the database lacks: not ready (a node must not serve an older schema).
    await h.server.db.query(`DELETE FROM schema_migrations WHERE name = '011_timers.sql'`);
    const behind = (await (await fetch(`${h.server.url}/ready`)).json()) as { checks: Record<string, string> };
    assert.match(behind.checks.migrations!, /not applied: 011_timers\.sql/);
  });

  test('/metrics: sockets, events by name and outcome, ack latency, database pool, job queue; a token when set', async () => {
    const token = 'a metrics token of some length';
    const h = await harness({ metricsToken: token });
    const { socket, conversationId } = await h.visitorConversation();
    await callOk(socket, 'message:send', {
      conversationId,
      clientId: randomUUID(),
      content: { kind: 'text', body: { text: 'hello' } },
    });
    const unknown = await call(socket, `made:up:${randomUUID()}`, {});
    assert.equal(!unknown.ok && unknown.error.code, 'not_found');

    assert.equal((await fetch(`${h.server.url}/metrics`)).status, 401);
    assert.equal((await fetch(`${h.server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
    // As long in characters as the right one, longer in bytes: refused, not an error.
    const sameLength = `Bearer ${'é'.repeat(token.length)}`;
    assert.equal((await fetch(`${h.server.url}/metrics`, { headers: { authorization: sameLength } })).status, 401);
    const response = await fetch(`${h.server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await response.text();
    assert.equal(metricValue(text, 'ix_sockets_connected{kind="visitor"}'), 1);
    assert.equal(metricValue(text, 'ix_socket_events_total{event="message:send",outcome="ok"}'), 1);
    // An event nobody knows is counted under one name: a client cannot grow the metrics with names it makes up.
    assert.equal(metricValue(text, 'ix_socket_events_total{event="unknown",outcome="not_found"}'), 1);
    assert.equal(metricValue(text, 'ix_ack_seconds_count{event="message:send"}'), 1);
    assert.equal(metricValue(text, 'ix_ack_seconds_bucket{le="+Inf",event="message:send"}'), 1);
    assert.ok(metricValue(text, 'ix_db_pool_connections{state="open"}')! >= 1);
    assert.equal(metricValue(text, 'ix_job_queue_depth{queue="webhook_deliveries"}'), 0);
    assert.ok(metricValue(text, 'ix_job_queue_depth{queue="events"}')! >= 0);
    assert.ok(metricValue(text, 'ix_process_resident_memory_bytes')! > 0);
  });

  test('logs are JSON lines naming the node, and the request or event a failure happened in', async () => {
    const { lines, log } = capturedLog('node-log');
    const h = await harness({ log });
    // A fault at a named point: the quick replies' table is gone, so reading them fails inside the handler.
    await h.server.db.query('ALTER TABLE quick_replies RENAME TO quick_replies_gone');
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const failed = await call(employee, 'quickreply:list', {});
    assert.equal(!failed.ok && failed.error.code, 'internal');
    await until(() => lines.some((line) => line.msg === 'handler failed'));
    const eventLine = lines.find((line) => line.msg === 'handler failed')!;
    assert.equal(eventLine.level, 50);
    assert.equal(eventLine.node, 'node-log');
    assert.equal(eventLine.event, 'quickreply:list');
    assert.match(eventLine.eventId ?? '', new RegExp(`^${employee.id}\\.\\d+$`));
    assert.match(eventLine.err?.message ?? '', /quick_replies/);

    // An HTTP request carries its id back, and its failure's log line names it.
    const apiKey = (await h.server.stores.apiKeys.create('acme', 'crm', 'write')).key;
    await h.server.db.query('ALTER TABLE customers RENAME TO customers_gone');
    const response = await fetch(`${h.server.url}/api/v1/customers`, {
      headers: { authorization: `Bearer ${apiKey}`, 'x-request-id': 'req-42' },
    });
    assert.equal(response.status, 500);
    assert.equal(response.headers.get('x-request-id'), 'req-42');
    const requestLine = lines.find((line) => line.requestId === 'req-42' && line.level === 50);
    assert.ok(requestLine, 'the failure is logged under the request id');
    assert.match(requestLine!.msg, /GET \/api\/v1\/customers failed/);
    const generated = await fetch(`${h.server.url}/health`, { headers: { 'x-request-id': 'not a <sane> id' } });
    assert.match(
      generated.headers.get('x-request-id') ?? '',
      /^[0-9a-f-]{36}$/,
      'an id of its own instead of a hostile one',
    );
  });

  test('PostgreSQL ending the node’s idle connections (a restart, a failover) is logged, not fatal: the next query connects again', async (t) => {
    const { lines, log } = capturedLog('node-db');
    const h = await harness({ log });
    if (h.server.db.engine !== 'postgres')
      return t.skip('PGlite has no connections to lose (the PostgreSQL pass runs this)');
    const visitor = await h.rawSocket((await h.visitorToken()).token);
    // Several connections open and idle in the pool, then ended by the server, as a restart ends them.
    await Promise.all(Array.from({ length: 4 }, () => h.server.db.query('SELECT pg_sleep(0.05)')));
    const { rows } = await h.server.db.query<{ ended: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    assert.ok(rows[0]!.ended >= 1, 'the server ended idle connections of the pool');
    await until(() => lines.some((line) => line.msg.startsWith('a database connection was lost')));
    // The process is still here, and the node still serves.
    const opened = await callOk(visitor, 'conversation:open', {});
    assert.equal(typeof opened.id, 'string');
  });

  test('a stopping node answers the events it was handling before it lets the sockets go', async () => {
    const redis = await redisServer();
    const h = await harness({ redisUrl: redis.url });
    const { socket, conversationId } = await h.visitorConversation();
    const serverSocket = [...h.server.io.of('/').sockets.values()].at(-1)!;
    let received = 0;
    serverSocket.onAny(() => (received += 1));
    // A fault at a named point: Redis stops answering, so each event waits on its rate limit when the node is told to stop.
    redis.pause();
    const sends = Array.from({ length: 20 }, (_, i) =>
      call(socket, 'message:send', {
        conversationId,
        clientId: randomUUID(),
        content: { kind: 'text', body: { text: `m${i}` } },
      }),
    );
    await until(() => received === 20);
    const stopping = h.server.close();
    setTimeout(() => redis.resume(), 200);
    const acks = await Promise.all(sends);
    assert.deepEqual(
      acks.map((ack) => ack.ok),
      Array(20).fill(true),
      'every event that arrived was answered',
    );
    await stopping;
    await until(() => socket.disconnected);
    await h.start();
  });
});
