import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import type { ErrorBody } from '@interop-kit/elements/protocol';
import { call, startHarness, until, type Harness, type HarnessOptions } from './harness.js';
import { redisServerBinary, startRedisServer, type RedisServer } from './support/redis-server.js';

/** A window far longer than any test takes, so counts are exact however slow the machine is. */
const slow = (burst: number) => ({ perSecond: 0.01, burst });

const sendText = (socket: Socket, conversationId: string, text: string) =>
  call(socket, 'message:send', { conversationId, clientId: randomUUID(), content: { kind: 'text', body: { text } } });

const refusals = (acks: { ok: boolean; error?: ErrorBody }[]) => acks.filter((ack) => !ack.ok).map((ack) => ack.error!);

/** The typed refusal a socket's handshake got, or undefined when it connected. */
async function handshakeRefusal(h: Harness, token: string): Promise<ErrorBody | undefined> {
  try {
    (await h.rawSocket(token)).disconnect();
    return undefined;
  } catch (error) {
    return (error as { data: ErrorBody }).data;
  }
}

const redisBinary = redisServerBinary();
const stores = ['memory', 'redis'] as const;

for (const store of stores) {
  // CI installs redis-server (.ci/run); a developer machine without it runs the memory half only.
  describe(
    `limits per person, conversation, key and address (${store})`,
    { skip: store === 'redis' && !redisBinary && !process.env.CI && 'redis-server is not installed' },
    () => {
      let redis: RedisServer | undefined;
      let admin: Redis | undefined;
      const harnesses: Harness[] = [];
      const harness = async (options: HarnessOptions) => {
        const h = await startHarness({ ...options, ...(redis ? { redisUrl: redis.url } : {}) });
        harnesses.push(h);
        return h;
      };

      before(async () => {
        if (store !== 'redis') return;
        redis = await startRedisServer();
        admin = new Redis(redis.url);
        admin.on('error', () => {}); // the last test kills the server under it
      });
      // Every test counts from nothing (the demo company's employees have the same ids in every backend).
      beforeEach(async () => void (await admin?.flushall()));
      after(async () => {
        for (const h of harnesses) await h.close();
        admin?.disconnect();
        await redis?.stop();
      });

      test('one visitor is one person: reconnecting between bursts or spreading over sockets gains nothing', async () => {
        const h = await harness({ limits: { messages: slow(5) } });
        const { token } = await h.visitorToken();
        const first = await h.rawSocket(token);
        const opened = await call(first, 'conversation:open', {});
        assert.ok(opened.ok);
        const conversationId = opened.data.id as string;
        for (let i = 1; i <= 3; i++) assert.ok((await sendText(first, conversationId, `burst one ${i}`)).ok);
        first.disconnect();

        const sockets = [await h.rawSocket(token), await h.rawSocket(token), await h.rawSocket(token)];
        const acks = await Promise.all(
          sockets.flatMap((socket, s) => [1, 2].map((i) => sendText(socket, conversationId, `socket ${s} ${i}`))),
        );
        assert.equal(acks.filter((ack) => ack.ok).length, 2, 'two more of the five, whichever sockets they came by');
        for (const refusal of refusals(acks)) {
          assert.equal(refusal.code, 'rate_limited');
          assert.match(refusal.message, /Too many messages from this person/);
          assert.ok(refusal.retryAfterMs! > 0, 'a refusal says when to try again');
        }
        const { rows } = await h.server.db.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM messages WHERE conversation_id = $1',
          [conversationId],
        );
        assert.equal(rows[0]!.count, 5);
        // Other events are counted apart: the person can still read.
        assert.ok((await call(sockets[0]!, 'history:page', { conversationId })).ok);
      });

      test('sockets are counted per person and per address', async () => {
        const h = await harness({ limits: { socketsPerPerson: 3, socketsPerAddress: 5 } });
        const { token } = await h.visitorToken();
        const held = [await h.rawSocket(token), await h.rawSocket(token), await h.rawSocket(token)];
        const refused = await handshakeRefusal(h, token);
        assert.equal(refused?.code, 'rate_limited');
        assert.match(refused!.message, /for this person \(at most 3\)/);

        // Two other visitors fill the address; a third is refused for the address, not for who they are.
        const others = [
          await h.rawSocket((await h.visitorToken()).token),
          await h.rawSocket((await h.visitorToken()).token),
        ];
        const crowded = await handshakeRefusal(h, (await h.visitorToken()).token);
        assert.equal(crowded?.code, 'rate_limited');
        assert.match(crowded!.message, /from this address \(at most 5\)/);

        // A socket that goes frees its place.
        held[0]!.disconnect();
        await until(async () => (await handshakeRefusal(h, token)) === undefined, 5000, 'a freed place to be taken');
        for (const socket of [...held, ...others]) socket.disconnect();
      });

      test('a conversation takes so many messages whoever writes them', async () => {
        const h = await harness({ limits: { conversationMessages: slow(4) } });
        const visitor = await h.visitorConversation();
        const other = await h.visitorConversation();
        const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
        const acks = [];
        for (let i = 1; i <= 3; i++) acks.push(await sendText(visitor.socket, visitor.conversationId, `customer ${i}`));
        for (let i = 1; i <= 2; i++) acks.push(await sendText(employee, visitor.conversationId, `employee ${i}`));
        assert.deepEqual(
          acks.map((ack) => ack.ok),
          [true, true, true, true, false],
        );
        assert.match(refusals(acks)[0]!.message, /Too many messages in this conversation/);
        assert.ok(
          (await sendText(employee, other.conversationId, 'elsewhere')).ok,
          'another conversation has its own allowance',
        );
        // A retry of a stored message is answered (as a duplicate), not refused.
        const clientId = randomUUID();
        const first = await call(other.socket, 'message:send', {
          conversationId: other.conversationId,
          clientId,
          content: { kind: 'text', body: { text: 'once' } },
        });
        assert.ok(first.ok);
        for (let i = 0; i < 2; i++) assert.ok((await sendText(other.socket, other.conversationId, `fill ${i}`)).ok);
        const spent = await sendText(other.socket, other.conversationId, 'one too many');
        assert.equal(!spent.ok && spent.error.code, 'rate_limited');
        const retry = await call(other.socket, 'message:send', {
          conversationId: other.conversationId,
          clientId,
          content: { kind: 'text', body: { text: 'once' } },
        });
        assert.ok(retry.ok && retry.data.duplicate);
      });

      test('API requests are counted per key, with Retry-After', async () => {
        const h = await harness({ limits: { apiRequests: slow(3) } });
        const key = (await h.server.stores.apiKeys.create('acme', 'busy', 'read')).key;
        const calm = (await h.server.stores.apiKeys.create('acme', 'calm', 'read')).key;
        const get = (apiKey: string) =>
          fetch(`${h.server.url}/api/v1/customers`, { headers: { authorization: `Bearer ${apiKey}` } });
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await get(key)).status);
        const refused = await get(key);
        assert.deepEqual([...statuses, refused.status], [200, 200, 200, 429]);
        assert.ok(Number(refused.headers.get('retry-after')) >= 1);
        const body = (await refused.json()) as { error: ErrorBody };
        assert.equal(body.error.code, 'rate_limited');
        assert.match(body.error.message, /this API key/);
        assert.equal((await get(calm)).status, 200, 'another key has its own allowance');
      });

      if (store === 'redis') {
        test('two nodes on one Redis share every count', async () => {
          const tokenSecret = 'a shared secret of two backend nodes, 32+ chars';
          const limits = { socketsPerPerson: 2, events: slow(6) };
          const one = await harness({ tokenSecret, limits });
          const two = await harness({ tokenSecret, limits });
          const token = await one.employeeToken('emp_lin');
          const onOne = await one.rawSocket(token);
          const onTwo = await two.rawSocket(token);
          const refused = await handshakeRefusal(one, token);
          assert.equal(refused?.code, 'rate_limited', 'the third socket is refused though node one holds only one');

          // Three events on each node spend the person's six.
          const acks = [];
          for (let i = 0; i < 3; i++) acks.push(await call(onOne, 'session:get'), await call(onTwo, 'session:get'));
          assert.ok(acks.every((ack) => ack.ok));
          const seventh = await call(onTwo, 'session:get');
          assert.equal(!seventh.ok && seventh.error.code, 'rate_limited');
        });

        test('with Redis gone, each node goes on counting for itself and nobody is refused for it', async () => {
          const h = await harness({ limits: { events: slow(100) } });
          const socket = await h.rawSocket((await h.visitorToken()).token);
          assert.ok((await call(socket, 'session:get')).ok);
          await redis!.kill();
          assert.ok((await call(socket, 'session:get')).ok, 'an event is still answered');
          const again = await h.rawSocket((await h.visitorToken()).token);
          assert.ok((await call(again, 'session:get')).ok, 'a new socket still connects');
          assert.ok(
            h.logs.some((line) => line.includes('Redis')),
            'the operator is told',
          );
        });
      }
    },
  );
}
