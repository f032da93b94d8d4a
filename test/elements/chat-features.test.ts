import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { ConversationFeed, visitorKeyName, type InteropClient } from '../../src/client/index.js';
import type { BusinessHours, PrechatConfig } from '../../src/protocol/index.js';
import '../../src/elements/provider/define.js';
import '../../src/elements/chat-window/define.js';
import '../../src/elements/workbench/define.js';
import type { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import { backendInfo, bubbleTexts, employeeClient, employeeId, forgetVisitor, until } from './backend.js';
import { composerReady, sentCount, typeAndSend, visitorWindow } from './chat.js';
import { rgbOf } from './colors.js';

const corpSettings = (settings: {
  businessHours?: BusinessHours | null;
  prechat?: PrechatConfig | null;
  accentColor?: string | null;
  logoUrl?: string | null;
}) => executeServerCommand('corp-settings', settings);
const shadow = (chat: IxChatWindow) => chat.shadowRoot!;
const text = (value: string) => ({ kind: 'text' as const, body: { text: value } });

/** A visitor window with one message sent, and a client of the employee the conversation is assigned to. */
async function conversationWithStaff(first = 'Hello') {
  const window = await visitorWindow();
  await composerReady(window.chat);
  await typeAndSend(window.chat, first);
  await until(() => sentCount(window.chat) === 1, 10000, 'the first message');
  const assignee = window.chat.feed!.conversation!.assignee!.id;
  const staff = await employeeClient(assignee);
  return { ...window, staff, conversationId: window.chat.feed!.conversationId };
}

/** A file input's change, as when the user picks `file`. */
function pick(chat: IxChatWindow, file: File) {
  const input = shadow(chat).querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function pngFile(name: string): Promise<File> {
  const canvas = new OffscreenCanvas(64, 48);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#16a34a';
  context.fillRect(0, 0, 64, 48);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

describe('ix-chat-window: the customer chat', () => {
  const staffClients: InteropClient[] = [];
  beforeEach(() => forgetVisitor());
  afterEach(async () => {
    for (const client of staffClients.splice(0)) client.close();
    fixtureCleanup();
    await corpSettings({ businessHours: null, prechat: null, accentColor: null, logoUrl: null });
  });

  it('a burst of 50 sends across a dropped connection arrives once each, in order', async function () {
    this.timeout(60000); // its waits below are longer than the default test timeout
    const { chat, staff, conversationId } = await conversationWithStaff('start');
    staffClients.push(staff);
    const texts = Array.from({ length: 50 }, (_, index) => `burst ${index + 1}`);
    texts.slice(0, 20).forEach((value) => chat.feed!.send(text(value)));
    await executeServerCommand('drop-connections');
    texts.slice(20).forEach((value) => chat.feed!.send(text(value)));
    await until(() => sentCount(chat) === 51, 30000, 'all 50 delivered');
    const history = await staff.request('history:page', { conversationId, limit: 100 });
    expect(history.messages.map((message) => (message.kind === 'text' ? message.body.text : ''))).to.deep.equal([
      'start',
      ...texts,
    ]);
    expect(history.messages.map((message) => message.seq)).to.deep.equal(
      Array.from({ length: 51 }, (_, index) => index + 1),
    );
    expect(bubbleTexts(chat).slice(1)).to.deep.equal(texts);
  });

  it('delivery and read receipts flip on the sender side as the employee receives and reads', async () => {
    const { chat, staff, conversationId } = await conversationWithStaff('Are you there?');
    staffClients.push(staff);
    const delivery = () => shadow(chat).querySelector('.message.own')?.getAttribute('data-delivery');
    expect(delivery()).to.equal('sent');
    const feed = new ConversationFeed(staff, conversationId);
    await feed.start(); // the employee's device has it now
    await until(() => delivery() === 'delivered', 10000, '"Delivered"');
    expect(shadow(chat).querySelector('.message.own .delivery')?.textContent).to.equal('Delivered');
    await feed.markRead();
    await until(() => delivery() === 'read', 10000, '"Read"');
    feed.dispose();
    await expect(chat).to.be.accessible();
  });

  it('shows the assigned employee online and typing, and tells the employee when the visitor types', async () => {
    const { chat, staff, conversationId } = await conversationWithStaff();
    staffClients.push(staff);
    const subtitle = () => shadow(chat).querySelector('.presence')?.textContent ?? '';
    await until(() => subtitle().includes('Online'), 10000, 'the employee online');
    expect(shadow(chat).querySelector('.presence')?.getAttribute('data-presence')).to.equal('online');

    await staff.request('typing', { conversationId, typing: true });
    await until(
      () => (shadow(chat).querySelector('.typing')?.textContent ?? '').includes('is typing'),
      10000,
      'the typing indicator',
    );
    await staff.request('presence:set', { status: 'away' });
    await until(() => subtitle().includes('Away'), 10000, 'the employee away');

    const typing = new Promise<{ typing: boolean }>((resolve) => staff.on('typing', resolve));
    shadow(chat).querySelector('textarea')!.focus();
    await sendKeys({ type: 'Let me' });
    expect((await typing).typing).to.equal(true);
    // A reply ends the indicator at once.
    await staff.request('message:send', { conversationId, clientId: crypto.randomUUID(), content: text('Sure?') });
    await until(
      () => (shadow(chat).querySelector('.typing')?.textContent ?? '').trim() === '',
      10000,
      'the indicator to go',
    );
    await expect(chat).to.be.accessible();
  });

  it('an employee whose workbench tab is hidden shows as away to the customer', async () => {
    const { chat, staff } = await conversationWithStaff();
    staffClients.push(staff);
    const workbench = await fixture<HTMLElement>(html`<ix-workbench .client=${staff}></ix-workbench>`);
    const presence = () => shadow(chat).querySelector('.presence')?.getAttribute('data-presence');
    await until(() => presence() === 'online', 10000, 'online');
    const setVisibility = (state: DocumentVisibilityState) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      setVisibility('hidden');
      await until(() => presence() === 'away', 10000, 'away while hidden');
      setVisibility('visible');
      await until(() => presence() === 'online', 10000, 'online again');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    workbench.remove();
  });

  it('uploads an image with progress and shows it; a file over the limit gets a typed error', async () => {
    const { chat, provider } = await visitorWindow();
    await composerReady(chat);
    pick(chat, await pngFile('茶园.png'));
    await chat.updateComplete;
    expect(shadow(chat).querySelector('[part="upload"] progress'), 'the progress bar while uploading').to.not.equal(
      null,
    );
    await until(
      () => !!shadow(chat).querySelector<HTMLImageElement>('.message[data-state="sent"] img'),
      10000,
      'the image message',
    );
    const image = shadow(chat).querySelector<HTMLImageElement>('.message[data-state="sent"] img')!;
    expect(image.alt).to.equal('茶园.png');
    await until(() => image.complete && image.naturalWidth === 64, 10000, 'the image to load from the backend');
    expect(shadow(chat).querySelector('[part="upload"]'), 'no progress bar once sent').to.equal(null);

    pick(chat, new File([new Uint8Array(1024 * 1024 + 1)], 'catalog.pdf', { type: 'application/pdf' }));
    await until(
      () => (shadow(chat).querySelector('.notice')?.textContent ?? '').includes('Files are limited to 1.0 MB'),
      5000,
      'the limit',
    );
    pick(chat, new File(['<svg/>'], 'x.svg', { type: 'image/svg+xml' }));
    await until(
      () => (shadow(chat).querySelector('.notice')?.textContent ?? '').includes('cannot be sent'),
      5000,
      'the type refused',
    );

    // The server enforces the same limit with a typed error, and reports progress while it reads.
    const fractions: number[] = [];
    const fits = await provider.client!.upload(
      new Blob([new Uint8Array(900 * 1024)], { type: 'application/pdf' }),
      'fits.pdf',
      {
        onProgress: (fraction) => fractions.push(fraction),
      },
    );
    expect(fits.size).to.equal(900 * 1024);
    expect(fractions.at(-1)).to.equal(1);
    const refused = await provider
      .client!.upload(new Blob([new Uint8Array(1024 * 1024 + 1)], { type: 'application/pdf' }), 'big.pdf')
      .catch((error: unknown) => error);
    expect((refused as { code?: string }).code).to.equal('too_large');
    await expect(chat).to.be.accessible();
  });

  it('turns only http(s), mailto and tel into links, and keeps line breaks', async () => {
    const { chat, staff, conversationId } = await conversationWithStaff();
    staffClients.push(staff);
    const message =
      'See https://acme.example/tea?x=1 (spring).\nOr javascript:alert(1), data:text/html,hi, mailto:sales@acme.example, tel:+862155550101';
    await staff.request('message:send', { conversationId, clientId: crypto.randomUUID(), content: text(message) });
    await until(() => bubbleTexts(chat).includes(message), 10000, 'the reply');
    const bubble = [...shadow(chat).querySelectorAll('.message.peer .bubble')].at(-1)!;
    const links = [...bubble.querySelectorAll('a')];
    expect(links.map((link) => link.href)).to.deep.equal([
      'https://acme.example/tea?x=1',
      'mailto:sales@acme.example',
      'tel:+862155550101',
    ]);
    for (const link of links) expect(link.rel).to.contain('noopener');
    expect(bubble.innerHTML).to.not.contain('javascript:alert(1)</a>');
    expect(getComputedStyle(bubble).whiteSpace).to.equal('pre-wrap');
  });

  it('10,000 messages keep the DOM small; scrolling up loads older ones without moving what the reader sees', async () => {
    const { url, corp } = await backendInfo();
    const seeded = await executeServerCommand<{ visitorKey: string }, { count: number }>('seed-history', {
      count: 10_000,
    });
    localStorage.setItem(visitorKeyName(url, corp), seeded.visitorKey);
    const { chat } = await visitorWindow();
    await until(() => bubbleTexts(chat).includes('Message 10000'), 15000, 'the latest messages');
    const domRows = () => shadow(chat).querySelectorAll('.message').length;
    expect(domRows()).to.be.at.most(120);
    expect(shadow(chat).querySelectorAll('[part="day"]').length, 'day separators').to.be.greaterThan(0);
    const log = shadow(chat).querySelector<HTMLElement>('.messages')!;
    expect(log.scrollHeight - log.scrollTop - log.clientHeight, 'opens at the newest').to.be.lessThan(50);

    // Scroll to the top a few times: older pages come in above, the message at the top stays where it was.
    for (let round = 0; round < 4; round++) {
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      const first = [...shadow(chat).querySelectorAll<HTMLElement>('.message')].find(
        (row) => row.getBoundingClientRect().bottom > log.getBoundingClientRect().top,
      )!;
      const seq = first.dataset.seq;
      const before = first.getBoundingClientRect().top;
      await until(() => !chat.feed!.loading, 10000, 'the page');
      await chat.updateComplete;
      const after = shadow(chat).querySelector<HTMLElement>(`.message[data-seq="${seq}"]`)!.getBoundingClientRect().top;
      expect(Math.abs(after - before), `message ${seq} stays put`).to.be.lessThan(2);
    }
    expect(chat.feed!.messages.length).to.be.greaterThan(50);
    expect(domRows(), 'still windowed').to.be.at.most(130);
    await expect(chat).to.be.accessible();
  });

  it('hand-over and closing notices read in the reader’s language, rendered from the stored event', async () => {
    const { chat, staff, conversationId } = await conversationWithStaff('Who can help me?');
    staffClients.push(staff);
    chat.lang = 'zh-CN';
    const { employees } = await backendInfo();
    const successor =
      chat.feed!.conversation!.assignee!.id === employees.sara
        ? { id: employees.lin, name: 'Lin Wei 林伟' }
        : { id: employees.sara, name: 'Sara Okafor' };
    await staff.request('conversation:assign', { conversationId, employeeId: successor.id });
    await until(
      () => bubbleTexts(chat).at(-1) === `现由 ${successor.name} 为您服务`,
      10000,
      'the hand-over notice in Chinese',
    );
    await staff.request('conversation:close', { conversationId });
    await until(
      () => (bubbleTexts(chat).at(-1) ?? '').endsWith('结束了本次会话'),
      10000,
      'the closing notice in Chinese',
    );
    chat.lang = 'en';
    await until(
      () => bubbleTexts(chat).includes(`${successor.name} is now looking after you`),
      10000,
      'the same notice in English',
    );
    expect(bubbleTexts(chat).at(-1)).to.contain('closed the conversation');
  });

  it('after the employee closes it the visitor rates the conversation, and the rating reaches the employee', async () => {
    const { chat, staff, conversationId } = await conversationWithStaff('Thanks!');
    staffClients.push(staff);
    await staff.request('conversation:close', { conversationId });
    await until(() => !!shadow(chat).querySelector('[part="rating"] form'), 10000, 'the rating form');
    expect(bubbleTexts(chat).at(-1)).to.contain('closed the conversation');
    expect(shadow(chat).querySelector('textarea[part="input"]'), 'no composer on a closed conversation').to.equal(null);
    await expect(chat).to.be.accessible();

    shadow(chat).querySelector<HTMLInputElement>('input[name="score"][value="4"]')!.click();
    shadow(chat).querySelector<HTMLTextAreaElement>('textarea[name="comment"]')!.value = 'Quick answers';
    shadow(chat).querySelector<HTMLButtonElement>('[part="rating"] button[type="submit"]')!.click();
    await until(
      () => (shadow(chat).querySelector('.thanks')?.textContent ?? '').includes('4 of 5'),
      10000,
      'the thanks',
    );
    const seen = await staff.request('conversation:open', { conversationId });
    expect(seen.rating).to.deep.equal({ score: 4, comment: 'Quick answers' });

    const workbench = await fixture<HTMLElement>(
      html`<ix-workbench .client=${staff} selected=${conversationId}></ix-workbench>`,
    );
    const row = () => workbench.shadowRoot!.querySelector(`.conversation[data-id="${conversationId}"] .state`);
    await until(() => (row()?.textContent ?? '').includes('4/5'), 10000, 'the rating in the workbench list');
    const employeeWindow = workbench.shadowRoot!.querySelector('ix-chat-window')!;
    await until(
      () => (shadow(employeeWindow).querySelector('.customer-rating')?.textContent ?? '').includes('4 of 5'),
      10000,
      'the rating for staff',
    );
    await expect(workbench).to.be.accessible();

    // "Start a new conversation" leaves the closed one behind.
    [...shadow(chat).querySelectorAll<HTMLButtonElement>('[part="rating"] button')]
      .find((button) => button.textContent?.includes('new'))!
      .click();
    await composerReady(chat);
    await typeAndSend(chat, 'Another question');
    await until(
      () => !!chat.feed && chat.feed.conversationId !== conversationId && sentCount(chat) === 1,
      10000,
      'a new conversation',
    );
  });

  it('asks for the pre-chat form and consent first, and outside business hours says when someone will answer', async () => {
    const tomorrow = String((new Date().getUTCDay() + 1) % 7) as '1';
    await corpSettings({
      businessHours: { timezone: 'UTC', weekly: { [tomorrow]: [['09:00', '17:00']] } },
      prechat: { fields: ['name', 'email'], consentText: 'Acme may contact me about my question.' },
    });
    const { chat } = await visitorWindow();
    await until(() => !!shadow(chat).querySelector('[part="prechat"]'), 10000, 'the pre-chat form');
    expect(shadow(chat).querySelector('.notice')?.textContent).to.contain("We're away");
    await expect(chat).to.be.accessible();

    const form = shadow(chat).querySelector<HTMLFormElement>('[part="prechat"]')!;
    form.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Mei Chen';
    form.querySelector<HTMLInputElement>('input[name="email"]')!.value = 'mei@example.com';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect(shadow(chat).querySelector('[part="prechat"]'), 'consent is required').to.not.equal(null);
    form.querySelector<HTMLInputElement>('input[name="consent"]')!.click();
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await composerReady(chat);
    await typeAndSend(chat, 'Please call me tomorrow');
    await until(() => sentCount(chat) === 1, 10000, 'the message left');
    expect(chat.feed!.conversation!.status).to.equal('pending');
    expect(chat.feed!.conversation!.customer.name).to.equal('Mei Chen');
    // The team sees it waiting.
    const staff = await employeeClient();
    staffClients.push(staff);
    const workbench = await fixture<HTMLElement>(html`<ix-workbench .client=${staff}></ix-workbench>`);
    const row = () => workbench.shadowRoot!.querySelector(`.conversation[data-id="${chat.feed!.conversationId}"]`);
    await until(
      () => (row()?.querySelector('.state')?.textContent ?? '').includes('Waiting'),
      10000,
      'pending in the workbench',
    );
    expect(row()!.querySelector('.name')?.textContent).to.equal('Mei Chen');
  });

  it('two tabs of one visitor show the same conversation and read state, without duplicates', async () => {
    const { url, corp } = await backendInfo();
    // Two windows with their own connections and the same stored visitor: two tabs.
    const first = await fixture<IxChatWindow>(html`<ix-chat-window endpoint=${url} corp=${corp}></ix-chat-window>`);
    await composerReady(first);
    await typeAndSend(first, 'from tab one');
    await until(() => sentCount(first) === 1, 10000, 'sent in tab one');
    const second = await fixture<IxChatWindow>(
      html`<ix-chat-window endpoint=${url} corp=${corp} style="display:none"></ix-chat-window>`,
    );
    await until(() => bubbleTexts(second).includes('from tab one'), 10000, 'tab two has it');

    const staff = await employeeClient(first.feed!.conversation!.assignee!.id);
    staffClients.push(staff);
    await staff.request('message:send', {
      conversationId: first.feed!.conversationId,
      clientId: crypto.randomUUID(),
      content: text('reply'),
    });
    await until(
      () => bubbleTexts(first).includes('reply') && bubbleTexts(second).includes('reply'),
      10000,
      'the reply in both',
    );
    // Tab one is visible and reads it; hidden tab two learns that from the server.
    await until(
      () => second.feed!.conversation!.unread === 0 && second.feed!.conversation!.readSeq === 2,
      10000,
      'read state in tab two',
    );
    expect(bubbleTexts(first)).to.deep.equal(['from tab one', 'reply']);
    expect(bubbleTexts(second)).to.deep.equal(['from tab one', 'reply']);
  });

  it('speaks Chinese when the page does (pack loaded on demand), and renders right-to-left and dark', async () => {
    const before = performance.getEntriesByType('resource').filter((entry) => /src\/locales\/zh-CN/.test(entry.name));
    expect(
      before.map((entry) => entry.name),
      'no Chinese pack before it is needed',
    ).to.deep.equal([]);
    const { url, corp } = await backendInfo();
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="zh-CN"><ix-chat-window endpoint=${url} corp=${corp}></ix-chat-window></div>`,
    );
    const chat = wrapper.querySelector('ix-chat-window')!;
    await until(
      () => shadow(chat).querySelector('textarea')?.placeholder === '输入消息…',
      10000,
      'the Chinese strings',
    );
    expect(shadow(chat).querySelector('.send')?.textContent).to.equal('发送');
    await composerReady(chat);
    await expect(chat).to.be.accessible();
    wrapper.setAttribute('lang', 'en');
    await until(
      () => shadow(chat).querySelector('textarea')?.placeholder === 'Write a message…',
      5000,
      'back to English',
    );

    // Right to left, dark: own messages on the left, the dark palette, and a screenshot to look at.
    fixtureCleanup();
    forgetVisitor();
    const { chat: rtl, staff, conversationId } = await conversationWithStaff('Is the tea in stock?');
    staffClients.push(staff);
    await staff.request('message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: text('نعم، الشاي متوفر.'),
    });
    await until(() => bubbleTexts(rtl).length === 2, 10000, 'the reply');
    rtl.setAttribute('dir', 'rtl');
    rtl.setAttribute('theme', 'dark');
    await rtl.updateComplete;
    const own = shadow(rtl).querySelector('.message.own .bubble')!.getBoundingClientRect();
    const peer = shadow(rtl).querySelector('.message.peer .bubble')!.getBoundingClientRect();
    expect(own.left, 'own message on the left in RTL').to.be.lessThan(peer.left);
    expect(getComputedStyle(shadow(rtl).querySelector('.base')!).backgroundColor).to.equal('rgb(15, 23, 42)');
    expect(getComputedStyle(shadow(rtl).querySelector('.base')!).direction).to.equal('rtl');
    const shot = await executeServerCommand<{ bytes: number }, { name: string }>('screenshot', {
      name: 'chat-rtl-dark',
    });
    expect(shot.bytes).to.be.greaterThan(1000);
    await expect(rtl).to.be.accessible();
  });

  it('downloads a plain-text transcript and lists the visitor’s conversations', async () => {
    const { chat, staff, conversationId } = await conversationWithStaff('Where is my order?');
    staffClients.push(staff);
    await staff.request('message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: text('It ships today.'),
    });
    await until(() => bubbleTexts(chat).length === 2, 10000, 'the reply');

    const click = HTMLAnchorElement.prototype.click;
    let downloaded: { name: string; href: string } | undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloaded = { name: this.download, href: this.href };
    };
    try {
      [...shadow(chat).querySelectorAll<HTMLButtonElement>('.actions button')]
        .find((button) => button.textContent?.includes('transcript'))!
        .click();
      await until(() => !!downloaded, 5000, 'the download');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(downloaded!.name).to.match(/^transcript-.*\.txt$/);
    const transcript = await (await fetch(downloaded!.href)).text();
    expect(transcript).to.contain('You: Where is my order?');
    expect(transcript).to.match(/\] (Lin Wei 林伟|Sara Okafor): It ships today\./);

    [...shadow(chat).querySelectorAll<HTMLButtonElement>('.actions button')]
      .find((button) => button.textContent?.includes('All conversations'))!
      .click();
    await until(() => shadow(chat).querySelectorAll('.conversation-list li').length === 1, 10000, 'the list');
    await expect(chat).to.be.accessible();
    shadow(chat).querySelector<HTMLButtonElement>('.conversation-list .primary')!.click();
    await composerReady(chat);
    await typeAndSend(chat, 'A second question');
    await until(() => !!chat.feed && chat.feed.conversationId !== conversationId, 10000, 'a second conversation');
    [...shadow(chat).querySelectorAll<HTMLButtonElement>('.actions button')]
      .find((button) => button.textContent?.includes('All conversations'))!
      .click();
    await until(
      () => shadow(chat).querySelectorAll('.conversation-list li').length === 2,
      10000,
      'both conversations listed',
    );
  });

  it('the header names who actually answers, not only who was assigned', async () => {
    const { chat, staff, conversationId } = await conversationWithStaff('Is the gift box in stock?');
    staffClients.push(staff);
    const assignee = chat.feed!.conversation!.assignee!;
    const subtitle = () =>
      shadow(chat).querySelector('[part="subtitle"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    await until(() => subtitle().startsWith(`${assignee.name} will answer you`), 10000, 'the assignee first');
    // A colleague (not the assignee) answers.
    const colleagueId = await employeeId(assignee.id === (await employeeId('lin')) ? 'sara' : 'lin');
    const colleague = await employeeClient(colleagueId);
    staffClients.push(colleague);
    const { message } = await colleague.request('message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      content: text('Yes, 12 left.'),
    });
    await until(() => subtitle().startsWith(`${message.sender.name} is answering`), 10000, 'the one who answered');
    // Handed over since: the new assignee will answer (not whoever wrote before the hand-over).
    await staff.request('conversation:assign', { conversationId, employeeId: colleagueId });
    await until(
      () => subtitle().startsWith(`${message.sender.name} will answer you`),
      10000,
      'the one it was handed to',
    );
  });

  it('a page about another product starts its own conversation, and keeps the one going in sight', async () => {
    const { url, corp } = await backendInfo();
    const first = await conversationWithStaff('A question with no product');
    staffClients.push(first.staff);
    fixtureCleanup();
    const provider = await fixture(
      html`<ix-provider endpoint=${url} corp=${corp}><ix-chat-window product="gift-box"></ix-chat-window></ix-provider>`,
    );
    const chat = provider.querySelector('ix-chat-window')!;
    const ongoing = () => shadow(chat).querySelector<HTMLElement>('[part="ongoing"]');
    await until(() => !!ongoing(), 10000, 'the ongoing conversation offered');
    expect(ongoing()!.textContent).to.contain('Your conversation “A question with no product” is still open.');
    await expect(chat).to.be.accessible();
    ongoing()!.querySelector('button')!.click();
    await until(
      () =>
        chat.feed?.conversationId === first.conversationId && bubbleTexts(chat).includes('A question with no product'),
      10000,
      'back in it',
    );
    expect(ongoing()).to.equal(null);
  });

  it('wears the company’s accent colour and logo (with readable text), unless the page sets its own', async () => {
    const logo = new URL('/images/gift-box.jpg', (await backendInfo()).url).href;
    await corpSettings({ accentColor: '#f5d90a', logoUrl: logo });
    const { provider, chat } = await visitorWindow();
    const header = () => shadow(chat).querySelector<HTMLElement>('[part="header"]')!;
    await until(() => getComputedStyle(header()).backgroundColor === 'rgb(245, 217, 10)', 10000, 'the company accent');
    expect(rgbOf(getComputedStyle(header()).color), 'dark text on a light accent').to.deep.equal([0, 0, 0]);
    await until(() => shadow(chat).querySelector<HTMLImageElement>('[part="logo"]')?.src === logo, 10000, 'the logo');
    provider.style.setProperty('--ix-accent', '#0f766e');
    provider.style.setProperty('--ix-accent-text', '#ffffff');
    expect(getComputedStyle(header()).backgroundColor, 'the page wins').to.equal('rgb(15, 118, 110)');
    expect(getComputedStyle(header()).color).to.equal('rgb(255, 255, 255)');
    provider.style.removeProperty('--ix-accent-text');
    expect(rgbOf(getComputedStyle(header()).color), 'white text derived on a dark accent').to.deep.equal([
      255, 255, 255,
    ]);
    await expect(chat).to.be.accessible();
  });
});
