import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { customerDetailSchema, type Conversation } from '@interop-kit/elements/protocol';
import { callOk, startHarness, type Harness } from './harness.js';

// What an employee knows of where a customer is: what their browser said when it asked for a session.
describe('the customer’s last visit', () => {
  let h: Harness;
  let lin: Socket;

  before(async () => {
    h = await startHarness();
    lin = await h.rawSocket(await h.employeeToken('emp_lin'));
  });
  after(() => h.close());

  test('the customer record says where they are: page (never its query), local time zone, language, device', async () => {
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN';
    const visit = {
      pageUrl: 'https://shop.acme.example/teas/longjing?reset=secret-token#buy',
      pageTitle: 'West Lake Longjing',
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
    };
    const { token } = await h.visitorToken({ visit }, { 'user-agent': iphone });
    const socket = await h.rawSocket(token);
    const conversation: Conversation = await callOk(socket, 'conversation:open', { createNew: true });
    const { customer } = customerDetailSchema.parse(
      await callOk(lin, 'customer:get', { customerId: conversation.customer.id }),
    );
    assert.deepEqual(
      { ...customer.lastVisit, at: undefined },
      {
        pageUrl: 'https://shop.acme.example/teas/longjing',
        pageTitle: 'West Lake Longjing',
        timezone: 'Asia/Shanghai',
        language: 'zh-CN',
        device: 'WeChat 8 on iOS 17 (iPhone)',
        at: undefined,
      },
    );
    assert.match(customer.displayName, /^[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+$/, 'a readable name, not a code');
    // Only http(s) pages; nothing stored from a refused request. No user agent: no device, nothing guessed.
    await assert.rejects(h.visitorToken({ visit: { pageUrl: 'javascript:alert(1)' } }), /HTTP 400/);
    const bare = await h.rawSocket((await h.visitorToken({ visit: { language: 'en' } }, { 'user-agent': '' })).token);
    const plain: Conversation = await callOk(bare, 'conversation:open', { createNew: true });
    const known = customerDetailSchema.parse(await callOk(lin, 'customer:get', { customerId: plain.customer.id }));
    assert.deepEqual([known.customer.lastVisit?.language, known.customer.lastVisit?.device], ['en', null]);
  });
});
