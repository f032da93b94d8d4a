import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import {
  conversationListSchema,
  customerDetailSchema,
  type Conversation,
  type Message,
  type Todo,
} from '@interop-kit/elements/protocol';
import { call, callOk, next, startHarness, type Harness } from './harness.js';

const text = (value: string) => ({ kind: 'text' as const, body: { text: value } });

describe('workbench backend', () => {
  let h: Harness;
  let lin: Socket; // admin
  let sara: Socket; // agent

  /** A new visitor with a name (and an email), who wrote `words` in a new conversation. */
  async function customerSaying(name: string, words: string, email?: string) {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    await callOk(socket, 'profile:update', { name, ...(email && { email }), consent: true });
    const conversation: Conversation = await callOk(socket, 'conversation:open', { createNew: true });
    await callOk(socket, 'message:send', {
      conversationId: conversation.id,
      clientId: crypto.randomUUID(),
      content: text(words),
    });
    return { socket, conversation };
  }

  const list = async (socket: Socket, filter: Record<string, unknown>) =>
    conversationListSchema.parse(await callOk(socket, 'conversation:list', filter));

  before(async () => {
    h = await startHarness();
    for (const [id, name] of [
      ['emp_chen', 'Chen Jing 陈静'],
      ['emp_omar', 'Omar Haddad'],
    ] as const) {
      await h.server.stores.corps.createEmployee({
        id,
        corpId: 'acme',
        name,
        title: 'Sales',
        avatarUrl: null,
        phone: '+86 21 5555 0110',
        email: null,
        bio: null,
      });
    }
    await h.otherCompany({ name: 'Hank' });
    lin = await h.rawSocket(await h.employeeToken('emp_lin'));
    sara = await h.rawSocket(await h.employeeToken('emp_sara'));
  });
  after(() => h.close());

  test('the inbox filters by assignee and status, searches names and message text on the server, and pages', async () => {
    const tea = await customerSaying('Zhang Wei 张伟', 'Do you ship Longjing to Chengdu?');
    const box = await customerSaying('Ama Mensah', 'Is the gift box wrapped?', 'ama.mensah@example.gh');
    await callOk(sara, 'conversation:assign', { conversationId: box.conversation.id, employeeId: 'emp_sara' });
    const unassigned: Conversation = await callOk(
      await h.rawSocket((await h.visitorToken()).token),
      'conversation:open',
      {},
    );
    await h.server.db.query('UPDATE conversations SET assigned_employee_id = NULL WHERE id = $1', [unassigned.id]);

    const mine = await list(sara, { scope: 'mine' });
    assert.ok(mine.conversations.some((c) => c.id === box.conversation.id));
    assert.ok(mine.conversations.every((c) => c.assignee?.id === 'emp_sara'));
    const nobody = await list(sara, { scope: 'unassigned' });
    assert.deepEqual(
      nobody.conversations.map((c) => c.id),
      [unassigned.id],
    );

    assert.deepEqual(
      (await list(sara, { query: 'chengdu' })).conversations.map((c) => c.id),
      [tea.conversation.id],
      'message text, any case',
    );
    assert.deepEqual(
      (await list(sara, { query: '张伟' })).conversations.map((c) => c.id),
      [tea.conversation.id],
      'customer name',
    );
    assert.deepEqual(
      (await list(sara, { query: 'MENSAH@example' })).conversations.map((c) => c.id),
      [box.conversation.id],
      'customer email',
    );
    assert.deepEqual((await list(sara, { query: 'mensah ama' })).conversations, [], 'not across name and email');
    assert.deepEqual((await list(sara, { query: '100%_' })).conversations, [], 'LIKE wildcards are literal');
    const globex = await h.rawSocket(await h.employeeToken('emp_hank', 'globex'));
    assert.deepEqual((await list(globex, { query: 'chengdu' })).conversations, [], "never another company's");
    globex.disconnect();

    // Waiting for an answer: the customer spoke last. Answering takes it off the list.
    const waiting = () =>
      list(sara, { awaitingReply: true, limit: 100 }).then((page) => page.conversations.map((c) => c.id));
    assert.ok((await waiting()).includes(box.conversation.id));
    assert.ok(
      (await list(sara, { limit: 100 })).conversations.find((c) => c.id === box.conversation.id)!.awaitingReply,
    );
    await callOk(sara, 'message:send', {
      conversationId: box.conversation.id,
      clientId: crypto.randomUUID(),
      content: text('Yes, in paper.'),
    });
    assert.ok(!(await waiting()).includes(box.conversation.id));
    assert.ok((await waiting()).includes(tea.conversation.id));

    await callOk(lin, 'conversation:close', { conversationId: tea.conversation.id });
    assert.ok(!(await waiting()).includes(tea.conversation.id), 'a closed conversation waits for nobody');
    assert.deepEqual((await list(sara, { query: 'chengdu', status: 'open' })).conversations, []);
    assert.equal((await list(sara, { query: 'chengdu', status: 'closed' })).conversations.length, 1);

    // Pages follow each other without gaps or repeats, most recent first.
    const all = (await list(sara, { limit: 100 })).conversations.map((c) => c.id);
    const paged: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await list(sara, { limit: 2, ...(cursor ? { cursor } : {}) });
      paged.push(...page.conversations.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(paged, all);

    // A visitor's list is their own whatever they ask for.
    const own = await list(tea.socket, { scope: 'all', query: 'gift', customerId: box.conversation.customer.id });
    assert.deepEqual(
      own.conversations.map((c) => c.id),
      [tea.conversation.id],
    );
  });

  test('a transfer tells the customer live who serves them now; the note stays with staff', async () => {
    const { socket: customer, conversation } = await customerSaying('Lucía Fernández', 'I need 40 boxes for an event');
    // Waiting in the unassigned queue, where Lin takes it, then hands it on.
    await h.server.db.query('UPDATE conversations SET assigned_employee_id = NULL WHERE id = $1', [conversation.id]);
    await callOk(lin, 'conversation:assign', { conversationId: conversation.id, employeeId: 'emp_lin' });
    const notice = next<{ message: Message }>(
      customer,
      'message:new',
      ({ message }) => message.kind === 'system' && message.body.event === 'transferred',
    );
    const moved: Conversation = await callOk(lin, 'conversation:assign', {
      conversationId: conversation.id,
      employeeId: 'emp_chen',
      note: 'Wholesale order, offer the 10% volume price',
    });
    assert.deepEqual(moved.assignee, { id: 'emp_chen', name: 'Chen Jing 陈静' });
    const { message } = await notice;
    assert.equal(message.kind === 'system' && message.body.text, 'Chen Jing 陈静 is now looking after you');
    assert.deepEqual(
      message.kind === 'system' && [message.body.event, message.body.employeeName],
      ['transferred', 'Chen Jing 陈静'],
      'stored as an event with names',
    );
    assert.doesNotMatch(JSON.stringify(message), /volume price/, 'the customer never sees the note');

    const detail = customerDetailSchema.parse(
      await callOk(sara, 'customer:get', { customerId: conversation.customer.id }),
    );
    assert.deepEqual(
      detail.transfers.map((t) => [t.reason, t.from?.id ?? null, t.to.id, t.by?.id, t.note]),
      [
        ['assign', null, 'emp_lin', 'emp_lin', null],
        ['transfer', 'emp_lin', 'emp_chen', 'emp_lin', 'Wholesale order, offer the 10% volume price'],
      ],
    );
    // Assigning to whoever has it already changes nothing and tells nobody.
    const before = (await callOk(customer, 'history:page', { conversationId: conversation.id })).messages.length;
    await callOk(lin, 'conversation:assign', { conversationId: conversation.id, employeeId: 'emp_chen' });
    assert.equal((await callOk(customer, 'history:page', { conversationId: conversation.id })).messages.length, before);

    for (const [who, payload, code] of [
      [customer, { conversationId: conversation.id, employeeId: 'emp_lin' }, 'forbidden'],
      [lin, { conversationId: conversation.id, employeeId: 'emp_hank' }, 'not_found'],
      [lin, { conversationId: crypto.randomUUID(), employeeId: 'emp_lin' }, 'not_found'],
    ] as const) {
      const ack = await call(who, 'conversation:assign', payload);
      assert.equal(!ack.ok && ack.error.code, code);
    }
  });

  test('employees keep the customer record: contact fields, tags, notes, earlier conversations and orders', async () => {
    const { socket: customer, conversation } = await customerSaying('Kofi', 'Hello');
    const profile = await callOk(sara, 'customer:update', {
      customerId: conversation.customer.id,
      name: 'Kofi Boateng',
      email: 'kofi@example.com',
      tags: ['VIP', 'wholesale', 'vip'],
      notes: 'Prefers WeChat after 18:00',
    });
    assert.equal(profile.displayName, 'Kofi Boateng');
    assert.deepEqual(profile.tags, ['vip', 'wholesale'], 'one tag once, whatever its case');
    assert.ok(profile.owner, 'the employee the first conversation went to (a new owner: transfers.test.ts)');
    const cleared = await callOk(sara, 'customer:update', { customerId: conversation.customer.id, email: null });
    assert.equal(cleared.email, null);
    assert.equal(cleared.notes, 'Prefers WeChat after 18:00', 'what is not sent stays');

    const second: Conversation = await callOk(customer, 'conversation:open', { createNew: true });
    await h.server.db.query(
      `INSERT INTO orders (id, corp_id, customer_id, idempotency_key, product_id, product_title, quantity, unit_price_minor, amount_minor, currency, provider, status, expires_at)
       VALUES (gen_random_uuid(), 'acme', $1, gen_random_uuid(), 'gift-box', 'Tasting gift box', 1, 38800, 38800, 'CNY', 'sandbox', 'succeeded', now())`,
      [conversation.customer.id],
    );
    const detail = customerDetailSchema.parse(
      await callOk(lin, 'customer:get', { customerId: conversation.customer.id }),
    );
    assert.equal(detail.customer.notes, 'Prefers WeChat after 18:00');
    assert.deepEqual(new Set(detail.conversations.map((c) => c.id)), new Set([conversation.id, second.id]));
    assert.deepEqual(
      detail.orders.map((o) => [o.productId, o.status]),
      [['gift-box', 'succeeded']],
    );

    const visitorAsk = await call(customer, 'customer:get', { customerId: conversation.customer.id });
    assert.equal(!visitorAsk.ok && visitorAsk.error.code, 'forbidden');
    const globex = await h.rawSocket(await h.employeeToken('emp_hank', 'globex'));
    const otherCorp = await call(globex, 'customer:get', { customerId: conversation.customer.id });
    assert.equal(!otherCorp.ok && otherCorp.error.code, 'not_found');
    const otherCorpEdit = await call(globex, 'customer:update', {
      customerId: conversation.customer.id,
      notes: 'mine now',
    });
    assert.equal(!otherCorpEdit.ok && otherCorpEdit.error.code, 'not_found');
  });

  test('a departure hands open conversations and to-dos to the successor at once, asks the customers they owned, and ends the access', async () => {
    const omarToken = await h.employeeToken('emp_omar');
    const omar = await h.rawSocket(omarToken);
    const first = await customerSaying('Priya', 'Any oolong samples?');
    const second = await customerSaying('Tomás', 'Invoice please');
    // Priya is Lin's customer whom Omar serves; Tomás is Omar's own (setup: owners set as a hand-over left them).
    for (const [{ conversation }, owner] of [
      [first, 'emp_lin'],
      [second, 'emp_omar'],
    ] as const) {
      await callOk(omar, 'conversation:assign', { conversationId: conversation.id, employeeId: 'emp_omar' });
      await h.server.db.query('UPDATE customers SET assigned_employee_id = $2 WHERE id = $1', [
        conversation.customer.id,
        owner,
      ]);
    }
    await callOk(lin, 'conversation:close', { conversationId: second.conversation.id });
    const todo: Todo = await callOk(omar, 'todo:create', { text: 'Send Priya the sample list' });

    const refused = await call(sara, 'employee:depart', { employeeId: 'emp_omar', successorId: 'emp_sara' });
    assert.equal(!refused.ok && refused.error.code, 'forbidden', 'only admins record departures');
    const toSelf = await call(lin, 'employee:depart', { employeeId: 'emp_omar', successorId: 'emp_omar' });
    assert.equal(!toSelf.ok && toSelf.error.code, 'invalid_payload');

    const told = next<{ message: Message }>(first.socket, 'message:new', ({ message }) => message.kind === 'system');
    const cut = new Promise<string>((resolve) => omar.once('disconnect', resolve));
    const result = await callOk(lin, 'employee:depart', { employeeId: 'emp_omar', successorId: 'emp_sara' });
    assert.equal(result.employee.status, 'departed');
    assert.equal(result.movedCustomers, 1, 'Tomás is asked whether Sara may take over (transfers.test.ts)');
    assert.equal(result.movedConversations, 1, 'the open conversation; the closed one keeps its history as it was');

    const { message } = await told;
    assert.equal(
      message.kind === 'system' && message.body.text,
      'Omar Haddad no longer works at Acme Tea Co. — Sara Okafor is now looking after you.',
    );
    assert.deepEqual(
      message.kind === 'system' && [
        message.body.event,
        message.body.formerEmployeeName,
        message.body.corpName,
        message.body.employeeName,
      ],
      ['departed', 'Omar Haddad', 'Acme Tea Co.', 'Sara Okafor'],
      'stored as an event with the names it concerns, for each reader to render in their language',
    );
    assert.equal(await cut, 'io server disconnect', "the departed employee's socket is cut");
    await assert.rejects(
      h.rawSocket(omarToken),
      (error: Error & { data?: { code: string } }) => error.data?.code === 'unauthorized',
    );
    const upload = await fetch(`${h.server.url}/api/corps/acme/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${omarToken}`, 'content-type': 'text/plain', 'x-file-name': 'a.txt' },
      body: 'x',
    });
    assert.equal(upload.status, 401, 'the token is refused over HTTP too');

    const detail = customerDetailSchema.parse(
      await callOk(sara, 'customer:get', { customerId: first.conversation.customer.id }),
    );
    assert.deepEqual(detail.customer.owner?.id, 'emp_lin', 'the relationship is the company’s: still Lin’s');
    assert.equal(detail.conversations[0]!.assignee?.id, 'emp_sara');
    assert.equal(detail.transfers.at(-1)!.reason, 'departure');
    const closed = customerDetailSchema.parse(
      await callOk(sara, 'customer:get', { customerId: second.conversation.customer.id }),
    );
    assert.deepEqual(
      [closed.customer.owner?.id, closed.customerTransfers[0]?.kind, closed.customerTransfers[0]?.statusName],
      ['emp_omar', 'departure', 'waiting'],
      'the customer is asked, with or without an open conversation; nothing moves before they answer',
    );
    const todos: { todos: Todo[] } = await callOk(sara, 'todo:list', {});
    assert.ok(
      todos.todos.some((t) => t.id === todo.id),
      'unfinished to-dos move too',
    );
    const card = await callOk(first.socket, 'card:get', { employeeId: 'emp_omar' });
    assert.equal(card.successor?.id, 'emp_sara');

    const again = await callOk(lin, 'employee:depart', { employeeId: 'emp_omar', successorId: 'emp_sara' });
    assert.equal(again.movedCustomers, 0, 'a repeat changes nothing');
    const toDeparted = await call(lin, 'employee:depart', { employeeId: 'emp_chen', successorId: 'emp_omar' });
    assert.equal(!toDeparted.ok && toDeparted.error.code, 'conflict', 'nobody succeeds a departed employee');
    const team = await callOk(sara, 'team:list', {});
    assert.deepEqual(
      team.employees.find((e: { id: string }) => e.id === 'emp_omar'),
      {
        id: 'emp_omar',
        name: 'Omar Haddad',
        title: 'Sales',
        role: 'agent',
        status: 'departed',
        presence: 'offline',
        successorId: 'emp_sara',
        customers: 1,
        waitingTransfers: 1,
      },
      'Tomás stays theirs until he answers',
    );
  });

  test('a message becomes a to-do with a due time, listed by due time, shared live with the employee’s other tabs', async () => {
    const { conversation } = await customerSaying('Hana', 'Please call me back about the tins on Friday');
    const history = await callOk(sara, 'history:page', { conversationId: conversation.id });
    const otherTab = await h.rawSocket(await h.employeeToken('emp_sara'));
    const pushed = next<{ todo: Todo }>(otherTab, 'todo:updated');
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const fromMessage: Todo = await callOk(sara, 'todo:create', { messageId: history.messages[0].id, dueAt: due });
    assert.equal(fromMessage.text, 'Please call me back about the tins on Friday');
    assert.equal(fromMessage.conversationId, conversation.id);
    assert.equal(fromMessage.customerName, 'Hana');
    assert.equal((await pushed).todo.id, fromMessage.id);
    const sooner: Todo = await callOk(sara, 'todo:create', {
      text: 'Restock samples',
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const open: { todos: Todo[] } = await callOk(sara, 'todo:list', {});
    const ours = open.todos.filter((t) => [sooner.id, fromMessage.id].includes(t.id)).map((t) => t.id);
    assert.deepEqual(ours, [sooner.id, fromMessage.id], 'soonest first');

    const done: Todo = await callOk(sara, 'todo:update', { id: sooner.id, done: true });
    assert.ok(done.doneAt);
    assert.ok(!(await callOk(sara, 'todo:list', {})).todos.some((t: Todo) => t.id === sooner.id));
    assert.ok((await callOk(sara, 'todo:list', { done: true })).todos.some((t: Todo) => t.id === sooner.id));
    const colleague = await call(lin, 'todo:update', { id: fromMessage.id, done: true });
    assert.equal(!colleague.ok && colleague.error.code, 'not_found', "a colleague's to-do is not yours to tick");
    const globex = await h.rawSocket(await h.employeeToken('emp_hank', 'globex'));
    const foreign = await call(globex, 'todo:create', { messageId: history.messages[0].id });
    assert.equal(!foreign.ok && foreign.error.code, 'not_found');
  });

  test('an employee requests a payment priced from the catalog; customers cannot', async () => {
    const { socket: customer, conversation } = await customerSaying('Ines', 'How do I pay?');
    const sent = await callOk(lin, 'message:send', {
      conversationId: conversation.id,
      clientId: crypto.randomUUID(),
      content: { kind: 'payment_request', body: { productId: 'tieguanyin-200', quantity: 3 } },
    });
    assert.deepEqual(sent.message.body, {
      productId: 'tieguanyin-200',
      quantity: 3,
      title: 'Anxi Tieguanyin, 200 g',
      amountMinor: 38400,
      currency: 'CNY',
    });
    const byCustomer = await call(customer, 'message:send', {
      conversationId: conversation.id,
      clientId: crypto.randomUUID(),
      content: { kind: 'payment_request', body: { productId: 'tieguanyin-200', quantity: 1 } },
    });
    assert.equal(!byCustomer.ok && byCustomer.error.code, 'forbidden');
    const unknown = await call(lin, 'message:send', {
      conversationId: conversation.id,
      clientId: crypto.randomUUID(),
      content: { kind: 'payment_request', body: { productId: 'nope', quantity: 1 } },
    });
    assert.equal(!unknown.ok && unknown.error.code, 'not_found');
  });
});
