import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import {
  CLIENT_EVENT_NAMES,
  clientEvents,
  MAX_INT4,
  type CallerRole,
  type ClientEventName,
} from '@interop-kit/elements/protocol';
import type { Socket } from 'socket.io-client';
import { call, startHarness, type Harness } from './harness.js';

/** Fixed, so a failure is found again by the next run; `FUZZ_SEED` explores others. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = 10_000;

/** Text with what breaks databases and parsers: NUL, lone surrogates, quotes, escapes, emoji, CJK, long runs. */
const hostileUnit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\u0000',
      '\uD800',
      '\uDFFF',
      '\uDBFF\uDFFF',
      "'",
      '"',
      '\\',
      '%',
      '_',
      '\n',
      '茶',
      '😀',
      '\u202E',
      '$1',
    ),
  },
);
const hostileText = fc.string({ unit: hostileUnit, maxLength: 64 });
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(-1, 0, 1, MAX_INT4, MAX_INT4 + 1, 2 ** 32, 2 ** 53, -(2 ** 53), 1.5, Number.NaN, Infinity),
);
const leaf = fc.oneof(
  hostileText,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.constantFrom('longjing-250', 'emp_lin', 'sandbox'),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('any'), { maxLength: 4 }),
    fc.dictionary(hostileText, tie('any'), { maxKeys: 4 }),
  ),
})).any;

/** The payload schema's field names, so generated objects reach past the first check into the handlers. */
function fieldsOf(event: ClientEventName): string[] {
  const shape = (clientEvents[event].payload as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** A payload for `event`: anything at all, or its own fields with hostile values (sometimes a valid-looking nested body). */
function payloadFor(event: ClientEventName) {
  const fields = fieldsOf(event);
  const shaped = fields.length
    ? fc.record(
        Object.fromEntries(
          fields.map((name) => [
            name,
            name === 'content'
              ? fc.record({ kind: fc.constantFrom('text', 'product_card', 'image', 'payment_request'), body: value })
              : value,
          ]),
        ),
        {
          requiredKeys: [],
        },
      )
    : fc.constant({});
  return fc.oneof({ weight: 1, arbitrary: value }, { weight: 3, arbitrary: shaped });
}

let h: Harness;
let visitor: Socket;
let admin: Socket;
before(async () => {
  h = await startHarness({ limits: { events: { perSecond: 100_000, burst: 100_000 } } });
  visitor = await h.rawSocket((await h.visitorToken()).token);
  admin = await h.rawSocket(await h.employeeToken('emp_lin'));
});
after(() => h.close());

test(`${RUNS} generated payloads across every client event: a typed answer to each, never internal, no socket dropped`, async () => {
  const answers = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...CLIENT_EVENT_NAMES).chain((event) => fc.tuple(fc.constant(event), payloadFor(event))),
      async ([event, payload]) => {
        const callers: readonly CallerRole[] = clientEvents[event].callers;
        const socket = callers.includes('visitor') ? visitor : admin;
        const ack = await call(socket, event, payload);
        assert.ok(ack && typeof ack.ok === 'boolean', `${event}: an ack`);
        if (!ack.ok) {
          assert.notEqual(ack.error.code, 'internal', `${event} ${JSON.stringify(payload)}: ${ack.error.message}`);
          answers.set(ack.error.code, (answers.get(ack.error.code) ?? 0) + 1);
        } else answers.set('ok', (answers.get('ok') ?? 0) + 1);
        assert.ok(visitor.connected && admin.connected, 'no socket dropped');
      },
    ),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  // The generator reaches past the schemas: some payloads are accepted (and answered), most refused as invalid.
  assert.ok((answers.get('invalid_payload') ?? 0) > RUNS / 2, JSON.stringify(Object.fromEntries(answers)));
  assert.deepEqual(
    h.logs.filter((line) => line.includes('handler failed')),
    [],
    'nothing failed inside a handler',
  );
});

test('NUL and unpaired surrogates are refused as invalid_payload with their path, on the socket and over HTTP', async () => {
  for (const text of ['a\u0000b', 'x\uD800', '\uDC00y']) {
    const ack = await call(visitor, 'profile:update', { name: text, consent: true });
    assert.equal(!ack.ok && ack.error.code, 'invalid_payload', JSON.stringify(text));
    assert.deepEqual(!ack.ok && ack.error.issues?.[0]?.path, ['name']);
  }
  const read = await call(visitor, 'message:read', { conversationId: crypto.randomUUID(), upToSeq: 2 ** 32 });
  assert.equal(!read.ok && read.error.code, 'invalid_payload', 'an integer past the database’s range');
  const response = await fetch(`${h.server.url}/api/corps/acme/sessions/visitor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ visitorKey: 'k\u0000' }),
  });
  assert.equal(response.status, 400);
  assert.equal((await response.json()).error.code, 'invalid_payload');
  const path = await fetch(`${h.server.url}/api/corps/ac%00me/sessions/visitor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(path.status, 400, 'a NUL in a path segment');
});
