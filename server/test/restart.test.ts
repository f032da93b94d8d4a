import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import { startNodeProcess } from './support/node-process.js';
import type { Message } from '@interop-kit/elements/protocol';

/** The backend as its own process on `dataDir` (`support/node-process.ts`, which the multi-node tests use too). */
const startBackendProcess = (dataDir: string, env: Record<string, string> = {}) =>
  startNodeProcess({ DATA_DIR: dataDir, ...env });

async function visitorSocket(url: string, visitorKey?: string) {
  const response = await fetch(`${url}/api/corps/acme/sessions/visitor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(visitorKey ? { visitorKey } : {}),
  });
  const session = (await response.json()) as { token: string; visitorKey: string };
  const socket = io(url, { auth: { token: session.token }, transports: ['websocket'], reconnection: false });
  await new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(undefined));
    socket.once('connect_error', reject);
  });
  return { socket, visitorKey: session.visitorKey };
}

describe('durability', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test('a backend process killed without warning comes back on the same data folder with history intact (and only one)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ix-restart-'));
    dirs.push(dataDir);
    const first = await startBackendProcess(dataDir);
    const { socket, visitorKey } = await visitorSocket(first.url);
    const opened = await socket.timeout(5000).emitWithAck('conversation:open', {});
    const conversationId = opened.data.id as string;
    for (const word of ['first', 'second', 'third']) {
      const ack = await socket.timeout(5000).emitWithAck('message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        content: { kind: 'text', body: { text: word } },
      });
      assert.equal(ack.ok, true);
    }
    socket.disconnect();
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startBackendProcess(dataDir);
    try {
      await assert.rejects(
        startBackendProcess(dataDir),
        /in use by process/,
        'a second backend on a live data folder refuses to start',
      );
      const again = await visitorSocket(second.url, visitorKey);
      const resumed = await again.socket.timeout(5000).emitWithAck('conversation:open', {});
      assert.equal(resumed.data.id, conversationId, 'the visitor resumes the same conversation');
      const history = await again.socket.timeout(5000).emitWithAck('history:page', { conversationId });
      assert.deepEqual(
        history.data.messages.map((m: Message) => [m.seq, m.kind === 'text' ? m.body.text : '']),
        [
          [1, 'first'],
          [2, 'second'],
          [3, 'third'],
        ],
      );
      again.socket.disconnect();
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }
  });

  test('killed in the middle of a burst: every acknowledged message is there after the restart, seqs gapless, a resend stores the rest once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ix-restart-'));
    dirs.push(dataDir);
    const lifted = Object.fromEntries(
      [
        'RATE_LIMIT_PER_SECOND',
        'RATE_LIMIT_BURST',
        'MESSAGE_RATE_LIMIT_PER_SECOND',
        'MESSAGE_RATE_LIMIT_BURST',
        'CONVERSATION_RATE_LIMIT_PER_SECOND',
        'CONVERSATION_RATE_LIMIT_BURST',
      ].map((name) => [name, '100000']),
    );
    const first = await startBackendProcess(dataDir, lifted);
    const visitors = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const { socket, visitorKey } = await visitorSocket(first.url);
        const opened = await socket.timeout(5000).emitWithAck('conversation:open', { createNew: true });
        return { socket, visitorKey, conversationId: opened.data.id as string };
      }),
    );
    const PER_VISITOR = 60;
    const clientIds = visitors.map(() => Array.from({ length: PER_VISITOR }, () => crypto.randomUUID()));
    const acked = new Map<string, Message>();
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    // Every send at once; the process is killed once a quarter of them are acknowledged, the rest still in flight.
    visitors.forEach(({ socket, conversationId }, v) => {
      for (const [i, clientId] of clientIds[v]!.entries()) {
        socket.emit(
          'message:send',
          { conversationId, clientId, content: { kind: 'text', body: { text: `burst ${i}` } } },
          (ack: { ok: boolean; data: { message: Message } }) => {
            if (!ack.ok) return;
            acked.set(clientId, ack.data.message);
            if (acked.size === (visitors.length * PER_VISITOR) / 4) first.child.kill('SIGKILL');
          },
        );
      }
    });
    await exited;
    for (const { socket } of visitors) socket.disconnect();
    const ackedBeforeKill = new Map(acked);
    assert.ok(ackedBeforeKill.size >= (visitors.length * PER_VISITOR) / 4);

    const second = await startBackendProcess(dataDir, lifted);
    try {
      let resent = 0;
      for (const [v, visitor] of visitors.entries()) {
        const { socket } = await visitorSocket(second.url, visitor.visitorKey);
        const history = async () => {
          const page = await socket
            .timeout(5000)
            .emitWithAck('history:page', { conversationId: visitor.conversationId, limit: 100 });
          return page.data.messages as Message[];
        };
        const before = await history();
        assert.deepEqual(
          before.map((m) => m.seq),
          before.map((_, index) => index + 1),
          'gapless after the kill',
        );
        const storedIds = new Map(before.map((m) => [m.clientId, m]));
        for (const clientId of clientIds[v]!) {
          const ackedMessage = ackedBeforeKill.get(clientId);
          if (ackedMessage)
            assert.deepEqual(storedIds.get(clientId), ackedMessage, 'an acknowledged message survives as acknowledged');
        }
        // The client resends whatever it has no ack for, with the same clientIds: each is stored once.
        for (const [i, clientId] of clientIds[v]!.entries()) {
          if (ackedBeforeKill.has(clientId)) continue;
          const ack = await socket.timeout(5000).emitWithAck('message:send', {
            conversationId: visitor.conversationId,
            clientId,
            content: { kind: 'text', body: { text: `burst ${i}` } },
          });
          assert.equal(ack.ok, true);
          assert.equal(
            ack.data.duplicate,
            storedIds.has(clientId),
            'stored before the kill but not acknowledged: answered as a duplicate',
          );
          resent++;
        }
        const after = await history();
        assert.deepEqual(
          after.map((m) => m.seq),
          after.map((_, index) => index + 1),
          'gapless after the resend',
        );
        assert.deepEqual(after.map((m) => m.clientId).sort(), [...clientIds[v]!].sort(), 'every message once');
        socket.disconnect();
      }
      assert.ok(resent > 0, 'the kill came before every message was acknowledged');
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }
  });
});
