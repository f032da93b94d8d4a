import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { InteropClient } from '../../src/client/index.js';
import '../../src/elements/provider/define.js';
import '../../src/elements/chat-window/define.js';
import '../../src/elements/workbench/define.js';
import type { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import {
  backendInfo,
  bubbleTexts,
  employeeClient,
  forgetVisitor,
  startBackend,
  stopBackend,
  until,
  useOwnBackend,
} from './backend.js';
import { composerReady, sentCount, typeAndSend, visitorWindow } from './chat.js';

// This file stops and starts its backend, so it gets one of its own.
useOwnBackend();

/** A visitor's window, ready to write in. */
async function readyWindow() {
  const window = await visitorWindow();
  await composerReady(window.chat);
  return window;
}

describe('ix-chat-window', () => {
  let staff: InteropClient | undefined;
  beforeEach(() => forgetVisitor());
  afterEach(async () => {
    staff?.close();
    staff = undefined;
    fixtureCleanup();
    await startBackend();
  });

  it('is accessible when empty and says how to start', async () => {
    const { chat } = await readyWindow();
    // The demo company's greeting (its first screen is tested in look.test.ts).
    expect(chat.shadowRoot!.querySelector('[part="welcome"] .greeting')?.textContent).to.contain('Ask us about a tea');
    expect(chat.shadowRoot!.querySelector('h2')?.textContent).to.equal('Acme Tea Co.');
    await expect(chat).to.be.accessible();
  });

  it('a visitor message reaches the employee workbench and the reply reaches the visitor', async () => {
    const { chat } = await readyWindow();
    await typeAndSend(chat, 'Is the Longjing in stock?');
    await until(() => sentCount(chat) === 1, 10000, 'the visitor message to be sent');
    expect(chat.shadowRoot!.querySelector('textarea')!.value, 'the composer is cleared').to.equal('');

    staff = await employeeClient();
    const workbench = await fixture(html`<ix-workbench .client=${staff}></ix-workbench>`);
    const conversationId = chat.feed!.conversationId;
    const row = () =>
      workbench.shadowRoot!.querySelector<HTMLButtonElement>(`.conversation[data-id="${conversationId}"]`);
    await until(() => !!row(), 10000, 'the conversation in the workbench list');
    expect(row()!.querySelector('.badge')?.textContent).to.contain('1');
    expect(row()!.querySelector('.preview')?.textContent).to.equal('Is the Longjing in stock?');

    row()!.click();
    const employeeChat = workbench.shadowRoot!.querySelector('ix-chat-window')!;
    await until(
      () => bubbleTexts(employeeChat).includes('Is the Longjing in stock?'),
      10000,
      'the message in the employee chat',
    );
    await until(() => !row()!.querySelector('.badge'), 10000, 'the unread badge to clear once read');

    await typeAndSend(employeeChat, 'Yes — 40 tins left.');
    await until(() => bubbleTexts(chat).includes('Yes — 40 tins left.'), 10000, 'the reply at the visitor');
    const reply = [...chat.shadowRoot!.querySelectorAll('.message')].at(-1)!;
    expect(reply.classList.contains('peer'), 'the reply is on the other side').to.equal(true);
    expect(reply.querySelector('.meta')?.textContent).to.contain('Lin Wei');
    // The visitor has read it: the employee sees "Read" under their message.
    await until(
      () => employeeChat.shadowRoot!.querySelector('.message.own .meta')?.textContent?.includes('Read') ?? false,
      10000,
      'read receipt',
    );
    await expect(chat).to.be.accessible();
    await expect(employeeChat).to.be.accessible();
  });

  it('messages sent before the conversation exists arrive in the order written, in one conversation', async () => {
    const { chat } = await readyWindow();
    const input = chat.shadowRoot!.querySelector('textarea')!;
    const form = chat.shadowRoot!.querySelector<HTMLFormElement>('form.composer')!;
    // Three sends in one go: the first one starts the conversation, the others come while it is being started.
    for (const text of ['first', 'second', 'third']) {
      input.value = text;
      form.requestSubmit();
    }
    await until(() => sentCount(chat) === 3, 10000, 'three sent');
    expect(bubbleTexts(chat)).to.deep.equal(['first', 'second', 'third']);
    const staff = await employeeClient();
    try {
      const { conversations } = await staff.request('conversation:list', {
        customerId: chat.feed!.conversation!.customer.id,
      });
      expect(conversations.length, 'one conversation').to.equal(1);
    } finally {
      staff.close();
    }
  });

  it('after a reload the history is back, in order, without duplicates', async () => {
    const first = await readyWindow();
    for (const text of ['one', 'two', 'three']) await typeAndSend(first.chat, text);
    await until(() => sentCount(first.chat) === 3, 10000, 'three sent');
    fixtureCleanup(); // the page goes away; the visitor key stays in localStorage, as across a reload

    const second = await readyWindow();
    await until(() => sentCount(second.chat) === 3, 10000, 'history after reload');
    expect(bubbleTexts(second.chat)).to.deep.equal(['one', 'two', 'three']);
    const seqs = [...second.chat.shadowRoot!.querySelectorAll('.message')].map((m) =>
      Number(m.getAttribute('data-seq')),
    );
    expect(seqs).to.deep.equal([1, 2, 3]);
  });

  it('a message written while the backend is down is delivered exactly once after it comes back', async function () {
    this.timeout(60000); // its waits below are longer than the default test timeout
    const { chat } = await readyWindow();
    await typeAndSend(chat, 'before');
    await until(() => sentCount(chat) === 1, 10000, 'first message sent');

    await stopBackend();
    await until(
      () => chat.shadowRoot!.querySelector('.notice')?.textContent?.includes('Reconnecting') ?? false,
      10000,
      'the offline notice',
    );
    await typeAndSend(chat, 'while offline');
    const pending = chat.shadowRoot!.querySelector('.message[data-state="sending"]');
    expect(pending?.textContent).to.contain('while offline');
    expect(pending?.textContent).to.contain('Sending');

    await startBackend();
    await until(() => sentCount(chat) === 2, 20000, 'delivery after reconnect');
    expect(bubbleTexts(chat)).to.deep.equal(['before', 'while offline']);
    expect(chat.shadowRoot!.querySelector('.notice')).to.equal(null);

    staff = await employeeClient();
    const history = await staff.request('history:page', { conversationId: chat.feed!.conversationId });
    expect(history.messages.map((m) => (m.kind === 'text' ? m.body.text : m.kind))).to.deep.equal([
      'before',
      'while offline',
    ]);
  });

  it('a message queued offline survives closing the page and is delivered once by the next page', async function () {
    this.timeout(60000); // its waits below are longer than the default test timeout
    const first = await readyWindow();
    await typeAndSend(first.chat, 'hello');
    await until(() => sentCount(first.chat) === 1, 10000, 'first message sent');
    const conversationId = first.chat.feed!.conversationId;

    await stopBackend();
    await until(() => first.provider.client?.status === 'offline', 10000, 'offline');
    await typeAndSend(first.chat, 'written offline, then the tab was closed');
    await until(() => !!first.chat.shadowRoot!.querySelector('.message[data-state="sending"]'), 5000, 'queued');
    fixtureCleanup(); // the page closes with the message still queued (in localStorage)
    await startBackend();

    const second = await readyWindow();
    await until(() => sentCount(second.chat) === 2, 20000, 'the queued message delivered by the new page');
    expect(bubbleTexts(second.chat)).to.deep.equal(['hello', 'written offline, then the tab was closed']);
    staff = await employeeClient();
    const history = await staff.request('history:page', { conversationId });
    expect(history.messages.length, 'stored exactly once').to.equal(2);
  });

  it('Shift+Enter starts a new line and Enter sends both lines as one message', async () => {
    const { chat } = await readyWindow();
    const input = chat.shadowRoot!.querySelector('textarea')!;
    input.focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    expect(input.value).to.equal('line one\nline two');
    expect(chat.shadowRoot!.querySelectorAll('.message').length, 'nothing sent yet').to.equal(0);
    await sendKeys({ press: 'Enter' });
    await until(() => sentCount(chat) === 1, 10000, 'the message');
    expect(bubbleTexts(chat)).to.deep.equal(['line one\nline two']);
  });

  it('message text is rendered as text, never as HTML', async () => {
    const { chat } = await readyWindow();
    const attack = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    await typeAndSend(chat, attack);
    await until(() => sentCount(chat) === 1, 10000, 'the message');
    const bubble = chat.shadowRoot!.querySelector('.message .bubble')!;
    expect(bubble.textContent).to.equal(attack);
    expect(bubble.querySelector('img, b')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('a cancelled ix-send keeps the text and sends nothing', async () => {
    const { chat } = await readyWindow();
    const cancelled = new Promise<void>((resolve) =>
      chat.addEventListener('ix-send', (event) => (event.preventDefault(), resolve()), { once: true }),
    );
    await typeAndSend(chat, 'not yet');
    await cancelled;
    await chat.updateComplete;
    expect(chat.shadowRoot!.querySelector('textarea')!.value).to.equal('not yet');
    expect(chat.shadowRoot!.querySelectorAll('.message').length).to.equal(0);
  });

  it('works alone with endpoint and corp attributes, without a provider', async () => {
    const { url, corp } = await backendInfo();
    const chat = await fixture<IxChatWindow>(
      html`<ix-chat-window endpoint=${url} corp=${corp} heading="Sales"></ix-chat-window>`,
    );
    await until(() => !chat.shadowRoot!.querySelector('textarea')!.disabled, 10000, 'ready');
    await typeAndSend(chat, 'standalone');
    await until(() => sentCount(chat) === 1, 10000, 'sent');
    expect(chat.shadowRoot!.querySelector('h2')?.textContent).to.equal('Sales');
    await expect(chat).to.be.accessible();
  });

  it('shows that chat is unreachable without blocking the page when the backend is down', async () => {
    // Port 9 on loopback: nothing listens there.
    const chat = await fixture<IxChatWindow>(
      html`<ix-chat-window endpoint="http://127.0.0.1:9" corp="acme"></ix-chat-window>`,
    );
    // The page's own controls answer a real mouse and keyboard meanwhile.
    const host = await fixture<HTMLElement>(
      html`<div><button type="button">host page control</button><input aria-label="Host input"></div>`,
    );
    const [button, input] = [host.querySelector('button')!, host.querySelector('input')!];
    const trustedClicks: Event[] = [];
    button.addEventListener('click', (event) => event.isTrusted && trustedClicks.push(event));
    const center = (element: Element) => {
      const box = element.getBoundingClientRect();
      return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] as [number, number];
    };
    await sendMouse({ type: 'click', position: center(button) });
    expect(trustedClicks.length).to.equal(1);
    await sendMouse({ type: 'click', position: center(input) });
    await sendKeys({ type: 'typed' });
    expect(input.value).to.equal('typed');
    await until(
      () => chat.shadowRoot!.querySelector('.notice')?.textContent?.includes('Reconnecting') ?? false,
      10000,
      'the offline notice',
    );
    await expect(chat).to.be.accessible();
  });
});
