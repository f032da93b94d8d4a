import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'socket.io-client';
import {
  customerDetailSchema,
  type Conversation,
  type CustomerTransfer,
  type Message,
  type SystemBody,
  type TeamMember,
  type WebhookEvent,
  webhookEventSchema,
} from '@interop-kit/elements/protocol';
import { call, callOk, next, startHarness, until, type Harness } from './harness.js';

const HOUR = 3600_000;
const text = (value: string) => ({ kind: 'text' as const, body: { text: value } });

/** Customer relationships change hands only as the customer allows: on-job and departure transfers (WeCom's rules). */
describe('customer transfers', () => {
  let h: Harness;
  let now = Date.parse('2026-12-01T09:00:00Z');
  let lin: Socket; // admin
  let sara: Socket;

  before(async () => {
    h = await startHarness({ clock: () => new Date(now) });
    for (const [id, name] of [
      ['emp_omar', 'Omar Haddad'],
      ['emp_chen', 'Chen Jing'],
    ] as const) {
      await h.server.stores.corps.createEmployee({
        ...{ id, corpId: 'acme', name, title: 'Sales', avatarUrl: null, phone: null, email: null, bio: null },
      });
    }
    lin = await h.rawSocket(await h.employeeToken('emp_lin'));
    sara = await h.rawSocket(await h.employeeToken('emp_sara'));
  });
  after(() => h.close());

  /** A new customer who wrote once, owned by `owner` (given to them while nobody owned the customer). */
  async function customerOf(owner: string) {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const conversation: Conversation = await callOk(socket, 'conversation:open', { createNew: true });
    await callOk(socket, 'message:send', {
      conversationId: conversation.id,
      clientId: crypto.randomUUID(),
      content: text('Hi'),
    });
    const customerId = conversation.customer.id;
    await h.server.db.query('UPDATE customers SET assigned_employee_id = $2 WHERE id = $1', [customerId, owner]);
    await callOk(lin, 'conversation:assign', { conversationId: conversation.id, employeeId: owner });
    return { socket, conversation, customerId };
  }

  const detail = async (customerId: string) =>
    customerDetailSchema.parse(await callOk(lin, 'customer:get', { customerId }));
  /** The next notice of `event` in the customer's chat, as the system wrote it. */
  const notice = (socket: Socket, event: string) =>
    next<{ message: Message }>(
      socket,
      'message:new',
      ({ message }) => message.kind === 'system' && message.body.event === event,
    ).then(({ message }) => message.body as SystemBody);
  const pendingNotice = (socket: Socket) => notice(socket, 'transfer_pending');
  const transferUpdate = (status: number) =>
    next<{ transfer: CustomerTransfer }>(lin, 'transfer:updated', ({ transfer }) => transfer.status === status);

  test('an on-job hand-over asks the customer; refused, the employee they had keeps them', async () => {
    const { socket, conversation, customerId } = await customerOf('emp_sara');
    const asked = pendingNotice(socket);
    const staffHears = transferUpdate(2);
    await callOk(sara, 'customer:update', { customerId, ownerId: 'emp_omar' });
    const message = { body: await asked };
    assert.deepEqual(
      [message.body.text, message.body.transferKind, message.body.employeeName, message.body.formerEmployeeName],
      ['Sara Okafor is handing you over to Omar Haddad', 'on_job', 'Omar Haddad', 'Sara Okafor'],
    );
    assert.equal((await staffHears).transfer.customerId, customerId);
    const waiting = await detail(customerId);
    assert.equal(waiting.customer.owner?.id, 'emp_sara', 'nothing moves before the customer answers');
    assert.deepEqual([waiting.customerTransfers[0]!.status, waiting.customerTransfers[0]!.statusName], [2, 'waiting']);
    assert.equal(waiting.customerTransfers[0]!.takesEffectAt, new Date(now + 24 * HOUR).toISOString());
    const waitingFor = async () =>
      Object.fromEntries(
        ((await callOk(lin, 'team:list', {})) as { employees: TeamMember[] }).employees.map((member) => [
          member.id,
          member.waitingTransfers,
        ]),
      );
    assert.deepEqual(
      [(await waitingFor()).emp_sara, (await waitingFor()).emp_omar],
      [1, 1],
      'the team tile counts it for both',
    );

    const kept = notice(socket, 'transfer_refused');
    const refused = await callOk(socket, 'transfer:answer', { transferId: message.body.transferId, accept: false });
    assert.deepEqual([refused.status, refused.statusName], [3, 'refused']);
    assert.equal((await kept).text, 'Sara Okafor keeps looking after you');
    const after = await detail(customerId);
    assert.equal(after.customer.owner?.id, 'emp_sara');
    assert.equal(after.conversations[0]!.assignee?.id, 'emp_sara');
    assert.equal(conversation.id, after.conversations[0]!.id);
    assert.equal((await waitingFor()).emp_sara, 0);

    const again = await call(socket, 'transfer:answer', { transferId: message.body.transferId, accept: true });
    assert.deepEqual(!again.ok && [again.error.code, again.error.message], ['conflict', 'This transfer is refused']);
  });

  test('accepted, the customer, their open conversations and their to-dos go to the taker — not before', async () => {
    const { socket, conversation, customerId } = await customerOf('emp_sara');
    const todo = await callOk(sara, 'todo:create', { text: 'Call back', conversationId: conversation.id });
    const asked = pendingNotice(socket);
    await callOk(lin, 'customer:update', { customerId, ownerId: 'emp_chen' });
    const message = { body: await asked };
    const todos = async (socket: Socket) =>
      ((await callOk(socket, 'todo:list', {})) as { todos: { id: string }[] }).todos;
    assert.ok(
      (await todos(sara)).some((t) => t.id === todo.id),
      'the to-do waits with Sara',
    );

    const moved = notice(socket, 'transferred');
    const done = await callOk(socket, 'transfer:answer', { transferId: message.body.transferId, accept: true });
    assert.deepEqual([done.status, done.statusName], [1, 'done']);
    const movedNotice = await moved;
    assert.deepEqual(
      [movedNotice.employeeName, movedNotice.transferId],
      ['Chen Jing', done.id],
      'names the transfer it closes',
    );
    const after = await detail(customerId);
    assert.deepEqual(after.customer.owner, { id: 'emp_chen', name: 'Chen Jing' });
    assert.equal(after.conversations[0]!.assignee?.id, 'emp_chen');
    const chen = await h.rawSocket(await h.employeeToken('emp_chen'));
    assert.ok(
      (await todos(chen)).some((t) => t.id === todo.id),
      'the to-do followed the customer',
    );

    const stranger = (await h.visitorConversation()).socket;
    const notYours = await call(stranger, 'transfer:answer', { transferId: done.id, accept: false });
    assert.equal(!notYours.ok && notYours.error.code, 'not_found', "nobody answers another customer's transfer");
  });

  test('unanswered, it takes effect when the window has passed (the company sets it), on the timer', async () => {
    await callOk(lin, 'admin:settings', {
      transferRules: { windowHours: 2, maxPerCustomer: 2, periodDays: 90, customerCapacity: null },
    });
    try {
      const { socket, customerId } = await customerOf('emp_sara');
      const asked = pendingNotice(socket);
      await callOk(sara, 'customer:update', { customerId, ownerId: 'emp_omar' });
      await asked;
      now += 1 * HOUR;
      assert.equal((await detail(customerId)).customerTransfers[0]!.statusName, 'waiting', 'an hour: still waiting');
      const done = transferUpdate(1);
      now += 1 * HOUR;
      assert.equal((await done).transfer.customerId, customerId);
      assert.equal((await detail(customerId)).customer.owner?.id, 'emp_omar');
    } finally {
      await callOk(lin, 'admin:settings', { transferRules: null });
    }
  });

  test('a departure asks each customer: meanwhile their conversations wait with the team; refused, the team keeps them', async () => {
    const departing = 'emp_chen';
    const first = await customerOf(departing);
    const second = await customerOf(departing);
    const todo = await callOk(await h.rawSocket(await h.employeeToken(departing)), 'todo:create', {
      text: 'Send the samples',
      conversationId: first.conversation.id,
    });
    const asked = [pendingNotice(first.socket), pendingNotice(second.socket)];
    const result = await callOk(lin, 'employee:depart', { employeeId: departing, successorId: 'emp_sara' });
    assert.equal(result.employee.status, 'departed');
    const [toFirst, toSecond] = await Promise.all(asked);
    assert.deepEqual(
      [toFirst!.transferKind, toFirst!.text],
      ['departure', 'Chen Jing no longer works at Acme Tea Co. — Sara Okafor will look after you from now on'],
    );
    const meanwhile = await detail(first.customerId);
    assert.equal(meanwhile.customer.owner?.id, departing, 'the relationship moves only when the transfer is done');
    assert.equal(meanwhile.conversations[0]!.assignee, null, 'the team answers meanwhile');

    const handedOn = notice(first.socket, 'departed');
    await callOk(first.socket, 'transfer:answer', { transferId: toFirst!.transferId, accept: true });
    assert.equal((await handedOn).employeeName, 'Sara Okafor');
    const done = await detail(first.customerId);
    assert.deepEqual(
      [done.customer.owner?.id, done.conversations[0]!.assignee?.id, done.customerTransfers[0]!.kind],
      ['emp_sara', 'emp_sara', 'departure'],
    );
    const todos = (await callOk(sara, 'todo:list', {})) as { todos: { id: string }[] };
    assert.ok(
      todos.todos.some((t) => t.id === todo.id),
      "the leaver's to-do about the customer followed them",
    );

    const toTeam = notice(second.socket, 'transfer_refused');
    await callOk(second.socket, 'transfer:answer', { transferId: toSecond!.transferId, accept: false });
    assert.equal((await toTeam).text, 'The team will look after you');
    const refused = await detail(second.customerId);
    assert.deepEqual([refused.customer.owner, refused.conversations[0]!.assignee], [null, null]);
  });

  test('at most two transfers of a customer in 90 days, one at a time; a taker at capacity ends it as status 4', async () => {
    const { socket, customerId } = await customerOf('emp_sara');
    for (const to of ['emp_omar', 'emp_lin']) {
      const asked = pendingNotice(socket);
      await callOk(lin, 'customer:update', { customerId, ownerId: to });
      const message = { body: await asked };
      if (to === 'emp_omar') {
        const second = await call(lin, 'customer:update', { customerId, ownerId: 'emp_lin' });
        assert.deepEqual(!second.ok && [second.error.code, second.error.reason], ['conflict', 'transfer_waiting']);
      }
      await callOk(socket, 'transfer:answer', { transferId: message.body.transferId, accept: true });
    }
    const third = await call(lin, 'customer:update', { customerId, ownerId: 'emp_sara' });
    assert.deepEqual(!third.ok && [third.error.code, third.error.reason], ['conflict', 'transfer_limit']);
    assert.match(!third.ok ? third.error.message : '', /2 times in 90 days/);
    now += 91 * 24 * HOUR; // the period has passed
    await callOk(lin, 'admin:settings', {
      transferRules: { windowHours: 24, maxPerCustomer: 2, periodDays: 90, customerCapacity: 1 },
    });
    try {
      const full = await callOk(lin, 'customer:update', { customerId, ownerId: 'emp_omar' });
      assert.equal(full.owner?.id, 'emp_lin');
      const [latest] = (await detail(customerId)).customerTransfers;
      assert.deepEqual([latest!.status, latest!.statusName, latest!.to.id], [4, 'taker_at_capacity', 'emp_omar']);
    } finally {
      await callOk(lin, 'admin:settings', { transferRules: null });
    }
  });

  test('the CRM API pages transfers and says where a customer stands (5: none); each change is a transfer.updated webhook', async () => {
    const key = (await h.server.stores.apiKeys.create('acme', 'CRM', 'admin')).key;
    const api = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${h.server.url}/api/v1/${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      });
      return { status: response.status, body: await response.json() };
    };
    const received: WebhookEvent[] = [];
    const hooks = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(webhookEventSchema.parse(JSON.parse(body)));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks`;
      assert.equal(
        (await api('webhooks', { method: 'POST', body: JSON.stringify({ url, events: ['transfer.updated'] }) })).status,
        200,
      );

      const { socket, customerId } = await customerOf('emp_sara');
      assert.deepEqual((await api(`customers/${customerId}/transfer`)).body, {
        customerId,
        status: 5,
        statusName: 'none',
        transfer: null,
      });
      const asked = pendingNotice(socket);
      await callOk(lin, 'customer:update', { customerId, ownerId: 'emp_omar' });
      await callOk(socket, 'transfer:answer', { transferId: (await asked).transferId, accept: false });
      const standing = await api(`customers/${customerId}/transfer`);
      assert.deepEqual([standing.body.status, standing.body.transfer.to.id], [3, 'emp_omar']);

      const refused = await api(`transfers?customerId=${customerId}&status=3`);
      assert.deepEqual(
        refused.body.data.map((t: CustomerTransfer) => t.statusName),
        ['refused'],
      );
      const everyone = await api('transfers?limit=2');
      assert.equal(everyone.body.data.length, 2);
      const next = await api(`transfers?limit=500&cursor=${everyone.body.nextCursor}`);
      assert.ok(
        !next.body.data.some((t: CustomerTransfer) => everyone.body.data.some((s: CustomerTransfer) => s.id === t.id)),
      );
      assert.equal((await api('transfers?status=7')).status, 400);
      assert.equal((await api(`customers/${crypto.randomUUID()}/transfer`)).status, 404);

      await until(
        async () => (
          await h.server.deliverWebhooks(),
          received.filter((e) => e.data && 'transfer' in e.data).length >= 2
        ),
        10_000,
        'the started and the refused transfer',
      );
      const statuses = received.flatMap((e) =>
        e.type === 'transfer.updated' && e.data.transfer.customerId === customerId ? [e.data.transfer.status] : [],
      );
      assert.deepEqual(statuses, [2, 3]);
    } finally {
      await new Promise((resolve) => hooks.close(resolve));
    }
  });
});
