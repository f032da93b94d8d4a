import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { businessCardSchema, productSchema, foldVCardLine, toVCard } from '@interop-kit/elements/protocol';
import { call, callOk, startHarness, type Harness } from './harness.js';

describe('cards and catalog', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await h.otherCompany({ title: 'CEO', phone: '+1 555 0100', email: 'hank@globex.example' });
    await h.server.db.query(
      `INSERT INTO products (corp_id, id, title, price_minor, currency, page_path) VALUES ('globex', 'doomsday', 'Device', 1, 'USD', '/d')`,
    );
  });
  after(() => h.close());

  test('a visitor gets an employee card with the verified company', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const card = businessCardSchema.parse(await callOk(socket, 'card:get', { employeeId: 'emp_lin' }));
    assert.equal(card.name, 'Lin Wei 林伟');
    assert.equal(card.title, 'Sales Manager');
    assert.equal(card.phone, '+86 21 5555 0101');
    assert.deepEqual(card.company, { id: 'acme', name: 'Acme Tea Co.', verified: true });
    assert.equal(card.status, 'active');
    assert.equal(card.successor, null);
  });

  test("a departed employee's card names the successor and no longer hands out direct lines", async () => {
    await h.server.db.query(`UPDATE employees SET status = 'departed', successor_id = 'emp_lin' WHERE id = 'emp_sara'`);
    try {
      const socket = await h.rawSocket((await h.visitorToken()).token);
      const card = await callOk(socket, 'card:get', { employeeId: 'emp_sara' });
      assert.equal(card.status, 'departed');
      assert.deepEqual(card.successor, { id: 'emp_lin', name: 'Lin Wei 林伟', title: 'Sales Manager' });
      assert.equal(card.phone, null);
      assert.equal(card.email, null);
    } finally {
      await h.server.db.query(`UPDATE employees SET status = 'active', successor_id = NULL WHERE id = 'emp_sara'`);
    }
  });

  test('products come from the catalog with integer minor units', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const product = productSchema.parse(await callOk(socket, 'product:get', { productId: 'longjing-250' }));
    assert.deepEqual(
      {
        price: product.priceMinor,
        currency: product.currency,
        path: product.pagePath,
        image: product.imageUrl,
        available: product.available,
      },
      { price: 16800, currency: 'CNY', path: '/', image: '/images/longjing-250.jpg', available: true },
    );
  });

  test('employees send product cards from the catalog; visitors cannot, and unknown products are refused', async () => {
    const { socket: visitor, conversationId } = await h.visitorConversation();
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const card = (productId: string) => ({
      conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'product_card', body: { productId } },
    });
    const sent = await callOk(employee, 'message:send', card('gift-box'));
    assert.deepEqual(
      [sent.message.kind, sent.message.body],
      ['product_card', { productId: 'gift-box', title: 'Tasting gift box' }],
    );
    const fromVisitor = await call(visitor, 'message:send', card('gift-box'));
    assert.equal(fromVisitor.ok ? 'ok' : fromVisitor.error.code, 'forbidden');
    const unknown = await call(employee, 'message:send', card('doomsday'));
    assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'not_found', "another corp's product is not in this catalog");
  });

  test('unknown ids and other companies’ employees and products are not_found', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    for (const [event, payload] of [
      ['card:get', { employeeId: 'emp_nobody' }],
      ['card:get', { employeeId: 'emp_hank' }],
      ['product:get', { productId: 'no-such-tea' }],
      ['product:get', { productId: 'doomsday' }],
    ] as const) {
      const ack = await call(socket, event, payload);
      assert.equal(ack.ok ? 'ok' : ack.error.code, 'not_found', `${event} ${JSON.stringify(payload)}`);
    }
  });

  /** Parses a vCard with ical.js (a maintained parser) into its properties' values. */
  function parseVCard(text: string) {
    const card = new ICAL.Component(ICAL.parse(text) as any[]);
    const value = (name: string) => card.getFirstPropertyValue(name);
    return { card, value };
  }

  test("the card's vCard 4.0 link serves a card that parses back with the Chinese name intact", async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const card = await callOk(socket, 'card:get', { employeeId: 'emp_lin' });
    assert.match(card.vcardUrl, /^\/api\/corps\/acme\/cards\/emp_lin\.vcf\?sig=/);
    const response = await fetch(`${h.server.url}${card.vcardUrl}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/vcard; charset=utf-8');
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /attachment; filename\*=UTF-8''Lin%20Wei%20%E6%9E%97%E4%BC%9F\.vcf/,
    );
    const text = await response.text();
    assert.match(text, /^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    const { value } = parseVCard(text);
    assert.equal(value('version'), '4.0');
    assert.equal(value('fn'), 'Lin Wei 林伟');
    assert.equal(value('title'), 'Sales Manager');
    assert.equal(value('email'), 'lin.wei@acme-tea.example');
    assert.equal(value('tel'), 'tel:+86-21-5555-0101');
    assert.equal(value('note'), 'Helps tea shops and offices choose their teas.');
    assert.equal(value('uid'), 'urn:x-interop-kit:acme:emp_lin');

    const forged = await fetch(
      `${h.server.url}/api/corps/acme/cards/emp_sara.vcf?sig=${new URL(card.vcardUrl, h.server.url).searchParams.get('sig')}`,
    );
    assert.equal(forged.status, 404, "one card's signature does not open another's");
  });

  test('the vCard generator escapes, folds on UTF-8 boundaries and round-trips awkward values', () => {
    const awkward = {
      name: '欧阳·娜娜, "Nana"; \\ the second',
      organization: 'Acme; Tea, Co.',
      title: 'Head of 华东 sales\nand partnerships',
      note: '茶'.repeat(60) + ' — 😀 emoji and accents: é à ü',
      email: 'nana@example.com',
      phone: '+86 (21) 5555.0102',
    };
    const text = toVCard(awkward);
    for (const line of text.split('\r\n'))
      assert.ok(new TextEncoder().encode(line).length <= 75, `line too long: ${line}`);
    assert.ok(text.endsWith('END:VCARD\r\n'));
    const { card, value } = parseVCard(text);
    assert.equal(value('fn'), awkward.name);
    assert.equal(value('title'), awkward.title);
    assert.equal(value('note'), awkward.note);
    assert.equal(value('tel'), 'tel:+86-21-5555-0102');
    // ORG is structured (components split on ';'); an escaped ';' keeps it one component.
    assert.deepEqual([card.getFirstProperty('org')!.getValues()].flat().join(';'), 'Acme; Tea, Co.');
    // A 4-octet character right at the boundary moves whole to the next line.
    const folded = foldVCardLine('N:' + 'a'.repeat(72) + '😀');
    assert.deepEqual(folded.split('\r\n '), ['N:' + 'a'.repeat(72), '😀']);
  });

  test('employees send business cards of active colleagues; visitors cannot; the body names the employee', async () => {
    const { socket: visitor, conversationId } = await h.visitorConversation();
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const card = (employeeId: string) => ({
      conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'business_card', body: { employeeId } },
    });
    const sent = await callOk(employee, 'message:send', card('emp_lin'));
    assert.deepEqual(sent.message.body, { employeeId: 'emp_lin', name: 'Lin Wei 林伟' });
    const fromVisitor = await call(visitor, 'message:send', card('emp_lin'));
    assert.equal(fromVisitor.ok ? 'ok' : fromVisitor.error.code, 'forbidden');
    const foreign = await call(employee, 'message:send', card('emp_hank'));
    assert.equal(foreign.ok ? 'ok' : foreign.error.code, 'not_found');
  });

  test('"chat with me" opens a conversation assigned to that employee, resumed next time; a departed one is served by the successor', async () => {
    const socket = await h.rawSocket((await h.visitorToken()).token);
    const withSara = await callOk(socket, 'conversation:open', { employeeId: 'emp_sara' });
    assert.equal(withSara.assignee.id, 'emp_sara');
    const withLin = await callOk(socket, 'conversation:open', { employeeId: 'emp_lin' });
    assert.equal(withLin.assignee.id, 'emp_lin');
    assert.notEqual(withLin.id, withSara.id);
    assert.equal((await callOk(socket, 'conversation:open', { employeeId: 'emp_sara' })).id, withSara.id);
    await h.server.db.query(`UPDATE employees SET status = 'departed', successor_id = 'emp_lin' WHERE id = 'emp_sara'`);
    try {
      assert.equal((await callOk(socket, 'conversation:open', { employeeId: 'emp_sara' })).id, withLin.id);
    } finally {
      await h.server.db.query(`UPDATE employees SET status = 'active', successor_id = NULL WHERE id = 'emp_sara'`);
    }
    const nobody = await call(socket, 'conversation:open', { employeeId: 'emp_hank' });
    assert.equal(nobody.ok ? 'ok' : nobody.error.code, 'not_found');
  });

  test('employees search the catalog; visitors may not list it', async () => {
    const employee = await h.rawSocket(await h.employeeToken('emp_lin'));
    const { products } = await callOk(employee, 'product:list', { query: 'LONG' });
    assert.deepEqual(
      products.map((p: { id: string }) => p.id),
      ['longjing-250'],
      'case-insensitive',
    );
    const all = await callOk(employee, 'product:list', {});
    assert.deepEqual(
      all.products.map((p: { id: string }) => p.id),
      ['tieguanyin-200', 'gift-box', 'longjing-250'],
    );
    const box = await callOk(employee, 'product:list', { query: 'gift' });
    assert.deepEqual(
      box.products.map((p: { id: string }) => p.id),
      ['gift-box'],
    );
    const wildcard = await callOk(employee, 'product:list', { query: '%' });
    assert.deepEqual(wildcard.products, [], '% is a character, not a wildcard');
    const visitor = await h.rawSocket((await h.visitorToken()).token);
    const refused = await call(visitor, 'product:list', {});
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'forbidden');
  });
});
