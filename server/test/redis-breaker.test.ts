import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { call, startHarness, until, type Harness } from './harness.js';
import { redisServerBinary, startRedisServer, type RedisServer } from './support/redis-server.js';
import { closeRedis, connectRedis, redisReady } from '../cluster/redis.js';
import { redisSlots } from '../limits/socket-slots.js';

/** A window far longer than any test takes, so counts are exact however slow the machine is. */
const slow = (burst: number) => ({ perSecond: 0.01, burst });

const sendText = (socket: Socket, conversationId: string, text: string) =>
  call(socket, 'message:send', { conversationId, clientId: randomUUID(), content: { kind: 'text', body: { text } } });

async function ready(h: Harness) {
  const response = await fetch(`${h.server.url}/ready`);
  const body = (await response.json()) as { ready: boolean; degraded: boolean; checks: { redis: string } };
  return { status: response.status, ...body };
}

/** A metric's value as /metrics gives it (0 when it has no sample). */
async function metric(h: Harness, sample: string): Promise<number> {
  const text = await (await fetch(`${h.server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

describe(
  'a Redis that hangs (frozen with SIGSTOP) does not stall the node',
  // CI installs redis-server (.ci/run); a developer machine without it skips this file.
  { skip: !redisServerBinary() && !process.env.CI && 'redis-server is not installed' },
  () => {
    let redis: RedisServer;
    const harnesses: Harness[] = [];
    before(async () => {
      redis = await startRedisServer();
    });
    after(async () => {
      for (const h of harnesses) await h.close();
      await redis.stop();
    });
    const harness = async (options: Parameters<typeof startHarness>[0] = {}) => {
      const h = await startHarness({ redisUrl: redis.url, ...options });
      harnesses.push(h);
      return h;
    };

    test('the first command that hangs opens the breaker: limits count locally at once, /ready says degraded, Redis back closes it', async () => {
      const h = await harness({ limits: { messages: slow(30) } });
      const { socket, conversationId } = await h.visitorConversation();
      assert.ok((await sendText(socket, conversationId, 'before')).ok);
      assert.deepEqual(await ready(h).then(({ status, degraded, checks }) => [status, degraded, checks.redis]), [
        200,
        false,
        'ok',
      ]);

      redis.pause();
      try {
        // Each send would wait on three limit commands; after the first times out, none does (the test would
        // outlast its timeout otherwise, and Redis would see three commands per send once it is back).
        const acks = [];
        for (let i = 0; i < 30; i++) acks.push(await sendText(socket, conversationId, `while frozen ${i}`));
        assert.deepEqual(
          acks.map((ack) => ack.ok),
          Array(30).fill(true),
        );
        // From the moment Redis hung, the person's messages are counted on this node: 30 allowed, the 31st refused.
        const refused = await sendText(socket, conversationId, 'one too many');
        assert.equal(!refused.ok && refused.error.code, 'rate_limited');
        assert.equal(await metric(h, 'ix_redis_breaker_opened_total'), 1);
        assert.ok(
          (await metric(h, 'ix_redis_skipped_total{user="limits"}')) >= 29,
          'the limits of every later send skipped Redis',
        );
        assert.equal(await metric(h, 'ix_redis_available'), 0);
        // A balancer keeps this node: it serves its own sockets.
        const degraded = await ready(h);
        assert.equal(degraded.status, 200);
        assert.equal(degraded.degraded, true);
        assert.match(degraded.checks.redis, /^degraded since \d{4}-\d\d-\d\dT.+: .+/);
        // A new socket connects without waiting on Redis for its count.
        const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
        assert.ok((await call(employee, 'session:get')).ok);
      } finally {
        redis.resume();
      }

      // The probe gets its answer, and the node shares its counts in Redis again: there this person has sent two.
      await until(async () => (await ready(h)).degraded === false, 15_000, 'the breaker to close');
      assert.equal(await metric(h, 'ix_redis_available'), 1);
      const skipped = await metric(h, 'ix_redis_skipped_total{user="limits"}');
      assert.ok((await sendText(socket, conversationId, 'after')).ok, 'counted in Redis, not by the local count');
      assert.equal(await metric(h, 'ix_redis_skipped_total{user="limits"}'), skipped);
      assert.ok(h.logs.some((line) => line.startsWith('Redis answers again')));
    });

    test('socket counts are renewed with one ZADD and one PEXPIREAT per key, however many sockets share it', async (t) => {
      // Only the renewal's interval is mocked; Redis and its clock are real.
      t.mock.timers.enable({ apis: ['setInterval'] });
      const shared = connectRedis(redis.url, () => {}, { commandTimeoutMs: 2000, probeMs: 1000 })!;
      await redisReady(shared.client, () => {});
      const slots = redisSlots(shared, () => {});
      try {
        const office = `address:${randomUUID()}`;
        const people = [1, 2, 3].map(() => `person:${randomUUID()}`);
        for (const [index, person] of people.entries()) {
          const held = await slots.hold(`socket-${index}`, [
            { key: person, max: 5 },
            { key: office, max: 5 },
          ]);
          assert.equal(held, -1, 'let in');
        }
        const before = await shared.client.zrange(`ix:sockets:${office}`, '0', '-1', 'WITHSCORES');
        await shared.client.config('RESETSTAT');
        t.mock.timers.tick(20_000); // a third of the lease
        await shared.client.ping(); // after the renewal's pipeline on the same connection
        const stats = await shared.client.info('commandstats');
        const calls = (command: string) => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
        assert.deepEqual([calls('zadd'), calls('pexpireat')], [4, 4], 'three people and their one office');
        const after = await shared.client.zrange(`ix:sockets:${office}`, '0', '-1', 'WITHSCORES');
        assert.deepEqual(
          after.filter((_, index) => index % 2 === 0),
          before.filter((_, index) => index % 2 === 0),
        );
        assert.ok(Number(after[1]) > Number(before[1]), 'each lease moved on');
      } finally {
        await slots.close();
        await closeRedis(shared.client, shared.breaker);
      }
    });

    test('READY_REQUIRES_REDIS: a strict node is unready while Redis is away, and ready again after', async () => {
      const h = await harness({ readyRequiresRedis: true });
      const { socket, conversationId } = await h.visitorConversation();
      redis.pause();
      try {
        assert.ok((await sendText(socket, conversationId, 'opens the breaker')).ok);
        const strict = await ready(h);
        assert.deepEqual([strict.status, strict.ready, strict.degraded], [503, false, true]);
      } finally {
        redis.resume();
      }
      await until(async () => (await ready(h)).status === 200, 15_000, 'the node to be ready again');
    });
  },
);
