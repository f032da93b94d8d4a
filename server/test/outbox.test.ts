import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Outbox, type KeyValueStorage } from '@interop-kit/elements/client';

/** A storage like localStorage, that counts what each write costs. */
function countingStorage() {
  const data = new Map<string, string>();
  const stats = { writes: 0, bytes: 0 };
  const storage: KeyValueStorage = {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      stats.writes += 1;
      stats.bytes += value.length;
      data.set(key, value);
    },
    removeItem: (key) => void data.delete(key),
  };
  return { storage, data, stats };
}

const KEY = 'ix-outbox:http://backend.test:acme';
const text = (value: string) => ({ kind: 'text' as const, body: { text: value } });

describe('the outbox', () => {
  test('keeps order and state across segments and reloads, and leaves nothing behind once empty', () => {
    const { storage, data } = countingStorage();
    const outbox = new Outbox(storage, KEY);
    const conversation = randomUUID();
    const ids = Array.from({ length: 200 }, (_, i) => outbox.add(conversation, text(`m${i}`), 'visitor:c1').clientId);
    outbox.update(ids[150]!, { state: 'failed', error: { code: 'too_large', message: 'Too long' } });
    for (const id of [ids[0]!, ids[1]!, ids[100]!]) outbox.remove(id);

    const reloaded = new Outbox(storage, KEY).entries();
    assert.deepEqual(
      reloaded.map((entry) => entry.clientId),
      ids.filter((_, i) => ![0, 1, 100].includes(i)),
    );
    assert.equal(reloaded.find((entry) => entry.clientId === ids[150])?.state, 'failed');
    assert.equal(reloaded[0]!.author, 'visitor:c1');

    for (const id of ids) outbox.remove(id);
    assert.deepEqual(outbox.entries(), []);
    assert.deepEqual([...data.keys()], [], 'an empty outbox leaves no item in storage');
  });

  test('each send writes the same few bytes however long the outbox is', () => {
    const { storage, stats } = countingStorage();
    const outbox = new Outbox(storage, KEY);
    const conversation = randomUUID();
    const costOfOne = () => {
      const before = { ...stats };
      outbox.add(conversation, text('Hello'), 'visitor:c1');
      return { writes: stats.writes - before.writes, bytes: stats.bytes - before.bytes };
    };
    const early = costOfOne();
    for (let i = 0; i < 1000; i++) outbox.add(conversation, text(`m${i}`), 'visitor:c1');
    const late = costOfOne();
    assert.ok(late.writes <= 3, `writes per send: ${late.writes}`);
    // The entry (same size) and one index segment of at most 64 ids.
    assert.ok(late.bytes < early.bytes + 64 * 40, `bytes per send: ${early.bytes} early, ${late.bytes} late`);
  });

  test('another tab sees what this one queued, once told by the storage event', () => {
    const { storage } = countingStorage();
    const here = new Outbox(storage, KEY);
    const there = new Outbox(storage, KEY);
    assert.deepEqual(there.entries(), []);
    const entry = here.add(randomUUID(), text('from the other tab'), undefined);
    assert.equal(there.changedElsewhere(`${KEY}:${entry.clientId}`), true);
    assert.equal(there.changedElsewhere('ix-visitor:elsewhere'), false);
    assert.deepEqual(
      there.entries().map((e) => e.clientId),
      [entry.clientId],
    );
  });

  test('an outbox of the old layout moves over with its ids; a corrupt entry costs only itself', () => {
    const { storage, data } = countingStorage();
    const old = [
      {
        clientId: randomUUID(),
        conversationId: randomUUID(),
        content: text('one'),
        createdAt: new Date().toISOString(),
        state: 'sending',
      },
      { clientId: 'not a uuid', conversationId: 'x', content: {}, createdAt: 0, state: 'sending' },
      {
        clientId: randomUUID(),
        conversationId: randomUUID(),
        content: text('two'),
        createdAt: new Date().toISOString(),
        state: 'failed',
        author: 'visitor:c1',
      },
    ];
    data.set(KEY, JSON.stringify(old));
    const entries = new Outbox(storage, KEY).entries();
    assert.deepEqual(
      entries.map((entry) => entry.clientId),
      [old[0]!.clientId, old[2]!.clientId],
    );
    assert.equal(entries[1]!.state, 'failed');
    assert.deepEqual(new Outbox(storage, KEY).entries(), entries, 'stored in the new layout');

    data.set(`${KEY}:${old[0]!.clientId}`, '{broken');
    assert.deepEqual(
      new Outbox(storage, KEY).entries().map((entry) => entry.clientId),
      [old[2]!.clientId],
    );
  });

  test('storage that refuses writes (quota) leaves the outbox working in memory', () => {
    const { storage } = countingStorage();
    const full: KeyValueStorage = {
      ...storage,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const outbox = new Outbox(full, KEY);
    const first = outbox.add(randomUUID(), text('kept in memory'), undefined);
    const second = outbox.add(randomUUID(), text('this too'), undefined);
    outbox.remove(first.clientId);
    assert.deepEqual(
      outbox.entries().map((entry) => entry.clientId),
      [second.clientId],
    );
  });
});
