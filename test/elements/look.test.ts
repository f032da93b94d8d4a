import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/provider/define.js';
import '../../src/elements/chat-window/define.js';
import '../../src/elements/launcher/define.js';
import '../../src/elements/pay-button/define.js';
import '../../src/elements/product-card/define.js';
import '../../src/elements/workbench/define.js';
import type { InteropClient } from '../../src/client/index.js';
import type { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import type { IxLauncher } from '../../src/elements/launcher/launcher.js';
import type { IxPayButton } from '../../src/elements/pay-button/pay-button.js';
import type { IxWorkbench } from '../../src/elements/workbench/workbench.js';
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
import { executeServerCommand } from '@web/test-runner-commands';
import { visitorName } from '../../src/protocol/visitor-name.js';
import { contrast } from './colors.js';

// How the elements look and hold up as a person sees them: geometry, computed colours, the phone, the honest states.
// A backend of its own: one test stops it.
useOwnBackend();
// What the page fetched, for the test of what loads when: the buffer holds 250 entries by default, and a long file
// fills it.
performance.setResourceTimingBufferSize(10_000);

const shadow = (element: Element) => element.shadowRoot!;
const DESKTOP = { width: 1280, height: 800 };
const staff: InteropClient[] = [];

/** A computed colour as an element's stylesheet resolves it: a probe inside its shadow root reads `value`. */
function resolvedColor(host: Element, value: string): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  shadow(host).append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

/** The visitor's chat with one message sent, and the assigned employee's client. */
async function conversationWithStaff(first: string) {
  const window = await visitorWindow();
  await composerReady(window.chat);
  await typeAndSend(window.chat, first);
  await until(() => sentCount(window.chat) === 1, 10000, 'the first message');
  const employee = await employeeClient(window.chat.feed!.conversation!.assignee!.id);
  staff.push(employee);
  return { ...window, employee, conversationId: window.chat.feed!.conversationId };
}

/** The rendered size of an element's button part, inside its shadow root. */
function buttonRect(payButton: Element) {
  const { width, height } = shadow(payButton).querySelector('[part="button"]')!.getBoundingClientRect();
  return { width: Math.round(width), height: Math.round(height) };
}

describe('how the elements look', () => {
  beforeEach(() => forgetVisitor());
  afterEach(async () => {
    for (const client of staff.splice(0)) client.close();
    fixtureCleanup();
    await setViewport(DESKTOP);
    await emulateMedia({ colorScheme: 'light' });
    await startBackend(); // idempotent: a failed test must not leave the backend down for the next
  });

  it('a pay button and a product card in a chat bubble are the size they are on the page, in both themes', async () => {
    const { url, corp } = await backendInfo();
    const { chat, employee, conversationId } = await conversationWithStaff('Can I buy the Longjing here?');
    employee.send(conversationId, { kind: 'payment_request', body: { productId: 'longjing-250', quantity: 1 } });
    employee.send(conversationId, { kind: 'product_card', body: { productId: 'longjing-250' } });
    const standalone = await fixture<IxPayButton>(
      html`<ix-pay-button endpoint=${url} corp=${corp} product="longjing-250"></ix-pay-button>`,
    );
    const embedded = () => shadow(chat).querySelectorAll<IxPayButton>('ix-pay-button');
    const inCard = () =>
      shadow(chat).querySelector('ix-product-card')?.shadowRoot?.querySelector<IxPayButton>('ix-pay-button');
    await until(
      () =>
        !!shadow(standalone).querySelector('[part="button"]') &&
        !!embedded()[0]?.shadowRoot?.querySelector('[part="button"]') &&
        !!inCard()?.shadowRoot?.querySelector('[part="button"]'),
      15000,
      'the three Buy buttons',
    );
    for (const theme of ['light', 'dark'] as const) {
      chat.theme = theme;
      await chat.updateComplete;
      const expected = buttonRect(standalone);
      expect(buttonRect(embedded()[0]!), `the payment request's button (${theme})`).to.deep.equal(expected);
      expect(buttonRect(inCard()!), `the product card's button (${theme})`).to.deep.equal(expected);
      const label = shadow(embedded()[0]!).querySelector('[part="button"]')!;
      expect(getComputedStyle(label).whiteSpace, 'no pre-wrap from the bubble').to.equal('normal');
    }
    // Inside the dark chat the card is dark too, and its text readable on it.
    const card = shadow(chat).querySelector('ix-product-card')!;
    const cardBase = shadow(card).querySelector('[part="base"]')!;
    const title = shadow(card).querySelector('[part="title"]')!;
    expect(contrast(getComputedStyle(cardBase).backgroundColor, '#ffffff'), 'a dark card').to.be.greaterThan(10);
    expect(contrast(getComputedStyle(title).color, getComputedStyle(cardBase).backgroundColor)).to.be.at.least(4.5);
    // No "contact sales" inside the sales chat.
    expect(shadow(card).querySelector('[part="contact"]')).to.equal(null);
    await expect(chat).to.be.accessible();
  });

  it('dark and auto themes pass WCAG AA with the default accent and with a company’s dark green', async () => {
    const { chat, provider, employee, conversationId } = await conversationWithStaff('Dark mode, please');
    employee.send(conversationId, { kind: 'text', body: { text: 'Of course.' } });
    await until(() => bubbleTexts(chat).includes('Of course.'), 10000, 'the reply');
    const check = (when: string) => {
      const surface = getComputedStyle(shadow(chat).querySelector('.base')!).backgroundColor;
      const header = getComputedStyle(shadow(chat).querySelector('header')!);
      const own = getComputedStyle(shadow(chat).querySelector('.message.own .bubble')!);
      const peer = getComputedStyle(shadow(chat).querySelector('.message.peer .bubble')!);
      const meta = getComputedStyle(shadow(chat).querySelector('.meta')!);
      expect(contrast(header.color, header.backgroundColor), `header text (${when})`).to.be.at.least(4.5);
      expect(contrast(own.color, own.backgroundColor), `own bubble (${when})`).to.be.at.least(4.5);
      expect(contrast(peer.color, peer.backgroundColor), `the other side's bubble (${when})`).to.be.at.least(4.5);
      expect(contrast(meta.color, surface), `times and receipts (${when})`).to.be.at.least(4.5);
      // Focus rings: the accent as ink on the surface, and the ring on the header (its text colour).
      expect(contrast(resolvedColor(chat, 'var(--_accent-ink)'), surface), `focus ring (${when})`).to.be.at.least(3);
      return surface;
    };
    chat.theme = 'dark';
    await chat.updateComplete;
    expect(contrast(check('dark'), '#000000'), 'a dark surface').to.be.lessThan(2);
    provider.style.setProperty('--ix-accent', '#14532d');
    check('dark, dark green accent');
    chat.theme = 'light';
    await chat.updateComplete;
    check('light, dark green accent');
    provider.style.setProperty('--ix-accent', '#a3e635');
    check('light, light green accent');

    chat.theme = 'auto';
    await emulateMedia({ colorScheme: 'dark' });
    await chat.updateComplete;
    expect(contrast(check('auto, system dark'), '#000000'), 'follows the system').to.be.lessThan(2);
    await emulateMedia({ colorScheme: 'light' });
    expect(contrast(check('auto, system light'), '#ffffff'), 'and back').to.be.lessThan(1.1);
  });

  it('on a phone the chat fills the screen, follows the keyboard, keeps the page still, and closes to the page', async () => {
    const { url, corp } = await backendInfo();
    await setViewport({ width: 390, height: 844 });
    const launcher = await fixture<IxLauncher>(html`<ix-launcher endpoint=${url} corp=${corp}></ix-launcher>`);
    const ready = oneEvent(launcher, 'ix-ready');
    launcher.open();
    await ready;
    const chat = shadow(launcher).querySelector<IxChatWindow>('ix-chat-window')!;
    await composerReady(chat);
    const panel = shadow(launcher).querySelector<HTMLElement>('[part="panel"]')!;
    const rect = () => panel.getBoundingClientRect();
    expect([rect().x, rect().y, rect().width, rect().height]).to.deep.equal([0, 0, 390, 844]);
    expect(getComputedStyle(document.documentElement).overflow, 'the page behind does not scroll').to.equal('hidden');
    expect(getComputedStyle(shadow(launcher).querySelector('[part="button"]')!).display).to.equal('none');
    for (let n = 1; n <= 12; n++) {
      await typeAndSend(chat, `Line ${n} of a long question`);
      await until(() => sentCount(chat) === n, 10000, `message ${n}`);
    }

    // The keyboard takes the lower half: the composer and the newest message stay inside what is visible.
    await setViewport({ width: 390, height: 420 });
    await until(() => Math.round(rect().height) === Math.round(visualViewport!.height), 5000, 'the panel to follow');
    const composer = shadow(chat).querySelector('[part="composer"]')!.getBoundingClientRect();
    const log = shadow(chat).querySelector('.messages')!.getBoundingClientRect();
    const newest = [...shadow(chat).querySelectorAll('.message')].at(-1)!.getBoundingClientRect();
    expect(composer.bottom, 'the composer').to.be.at.most(visualViewport!.height + 1);
    await until(
      () => {
        const row = [...shadow(chat).querySelectorAll('.message')].at(-1)!.getBoundingClientRect();
        return row.bottom <= log.bottom + 1 && row.top >= log.top - 1;
      },
      5000,
      `the newest message in view (it is at ${newest.top}–${newest.bottom}, the list ${log.top}–${log.bottom})`,
    );
    await expect(launcher).to.be.accessible();

    // Its header closes it (there is no launcher button on top of the composer); the page scrolls again.
    const dismiss = shadow(chat).querySelector<HTMLButtonElement>('[part="dismiss"]')!;
    expect(getComputedStyle(dismiss).display).to.not.equal('none');
    expect(dismiss.getAttribute('aria-label')).to.equal('Close chat');
    dismiss.click();
    await launcher.updateComplete;
    expect(launcher.isOpen).to.equal(false);
    expect(getComputedStyle(document.documentElement).overflow).to.not.equal('hidden');
  });

  it('on a phone the workbench inbox is list → conversation → customer, with a way back from each', async () => {
    await conversationWithStaff('Phone inbox');
    await setViewport({ width: 390, height: 844 });
    const workbench = await fixture<IxWorkbench>(
      html`<ix-workbench .client=${await employeeClient()} layout='[{"type":"inbox"}]'></ix-workbench>`,
    );
    staff.push(workbench.client!);
    const shown = (selector: string) => {
      const element = shadow(workbench).querySelector<HTMLElement>(selector);
      return !!element && element.getBoundingClientRect().height > 0;
    };
    const panes = () => ['.inbox-list', '.chat-pane', '.customer-panel'].filter(shown);
    await until(() => !!shadow(workbench).querySelector('[part="conversation"]'), 10000, 'the list');
    expect(panes(), 'the list alone').to.deep.equal(['.inbox-list']);
    shadow(workbench).querySelector<HTMLButtonElement>('[part="conversation"]')!.click();
    await until(() => panes().join() === '.chat-pane', 5000, 'the conversation alone');
    const bar = () => [...shadow(workbench).querySelectorAll<HTMLButtonElement>('.chat-pane .pane-bar button')];
    expect(bar().map((button) => button.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '← Conversations',
      'Customer →',
    ]);
    bar()[1]!.click();
    await until(() => panes().join() === '.customer-panel', 5000, 'the customer alone');
    // What is known of where they are: this page, its time zone and language, this browser.
    await until(() => !!shadow(workbench).querySelector('.visit'), 10000, 'the visit');
    const visit = Object.fromEntries(
      [...shadow(workbench).querySelectorAll('.visit dt')].map((dt) => [
        dt.textContent,
        dt.nextElementSibling!.textContent,
      ]),
    );
    expect(visit['Language']).to.equal(navigator.language);
    expect(visit['Local time']).to.contain(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(visit['Device']).to.match(/^Chrome \d+ on Linux$/);
    const page = shadow(workbench).querySelector<HTMLAnchorElement>('.visit a')!;
    expect(page.href, 'the page, without its query').to.equal(`${location.origin}${location.pathname}`);
    await expect(workbench).to.be.accessible();
    shadow(workbench).querySelector<HTMLButtonElement>('.customer-panel .pane-bar button')!.click();
    await until(() => panes().join() === '.chat-pane', 5000, 'back to the conversation');
    bar()[0]!.click();
    await until(() => panes().join() === '.inbox-list', 5000, 'back to the list');
    await setViewport(DESKTOP);
    await until(() => panes().length === 3, 5000, 'side by side on a wide screen');
  });

  it('tells the employee of customer messages: the tab title counts them, a chime, a button for desktop notifications', async () => {
    const chimes: number[] = [];
    const RealAudio = globalThis.AudioContext;
    // The chime's sound itself is the browser's: counted here, where a headless browser has no speakers.
    globalThis.AudioContext = class {
      constructor() {
        chimes.push(Date.now());
        throw new Error('no audio here');
      }
    } as unknown as typeof AudioContext;
    const previousTitle = document.title;
    const pageTitle = (document.title = 'Acme portal');
    try {
      // The customer writes first; the conversation is assigned to one of the team, whose workbench this is.
      const { chat, employee } = await conversationWithStaff('Is anyone there?');
      const workbench = await fixture<IxWorkbench>(
        html`<ix-workbench .client=${employee} notify sound layout='[{"type":"inbox"}]'></ix-workbench>`,
      );
      const offer = () => shadow(workbench).querySelector<HTMLButtonElement>('.notify-offer button');
      // Earlier tests left this company's other conversations unread too: the count is theirs and this one's.
      const count = () => Number(/^\((\d+)\) Acme portal$/.exec(document.title)?.[1] ?? 0);
      await until(() => count() > 0 && workbench.conversations.length > 0, 10000, 'an unread count in the tab title');
      const before = count();
      expect(document.title).to.equal(`(${before}) ${pageTitle}`);
      expect(!!offer(), 'offered while the browser was not asked').to.equal(Notification.permission === 'default');
      if (offer()) expect(offer()!.textContent).to.equal('Turn on desktop notifications for new messages');
      expect(chimes, 'no chime for what was there before').to.have.length(0);

      await typeAndSend(chat, 'Hello?');
      await until(() => count() === before + 1, 10000, 'the new one counted');
      expect(chimes, 'a chime for the new message').to.have.length(1);
      await expect(workbench).to.be.accessible();

      // Opened and read: this conversation's two go from the count.
      workbench.selected = chat.feed!.conversationId;
      await until(() => count() === before - 1, 10000, 'its messages read');
      await typeAndSend(chat, 'Still there?');
      const open = shadow(workbench).querySelector('ix-chat-window')!;
      await until(() => bubbleTexts(open).includes('Still there?'), 10000, 'the message in the open conversation');
      expect(chimes, 'no chime for what the employee is looking at').to.have.length(1);
    } finally {
      globalThis.AudioContext = RealAudio;
      document.title = previousTitle;
    }
  });

  it('a desktop notification, in the employee’s language, for a customer message while the tab is hidden; clicking it opens the conversation', async () => {
    await executeServerCommand('grant-notifications', { origin: location.origin });
    expect(Notification.permission, 'allowed, as after the employee clicked Allow').to.equal('granted');
    const shown: Notification[] = [];
    const BrowserNotification = globalThis.Notification;
    // The browser's own notification, each one kept so the test can click it as the employee would.
    globalThis.Notification = class extends BrowserNotification {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(this);
      }
    } as typeof Notification;
    const hidden = Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      const { chat, employee, conversationId } = await conversationWithStaff('A question about my order');
      const workbench = await fixture<IxWorkbench>(
        html`<ix-workbench .client=${employee} notify lang="zh-CN" layout='[{"type":"inbox"}]'></ix-workbench>`,
      );
      await until(() => workbench.conversations.some(({ id }) => id === conversationId), 10000, 'the conversation');
      expect(shadow(workbench).querySelector('.notify-offer'), 'nothing left to ask').to.equal(null);
      expect(shown, 'nothing for what was there before').to.have.length(0);

      await typeAndSend(chat, '我的订单到哪了？');
      await until(() => shown.length === 1, 10000, 'a notification');
      const customer = workbench.conversations.find(({ id }) => id === conversationId)!.customer;
      expect(shown[0]!.title, 'the customer, named in Chinese').to.equal(visitorName(customer.id, 'zh-CN'));
      expect(shown[0]!.body).to.equal('我的订单到哪了？');
      expect(shown[0]!.tag, 'one per conversation: a newer one replaces it').to.equal(conversationId);
      expect(workbench.selected).to.not.equal(conversationId);

      shown[0]!.dispatchEvent(new Event('click'));
      await until(() => workbench.selected === conversationId, 10000, 'the conversation opened');
      const open = shadow(workbench).querySelector('ix-chat-window')!;
      await until(() => bubbleTexts(open).includes('我的订单到哪了？'), 10000, 'its messages');
    } finally {
      globalThis.Notification = BrowserNotification;
      delete (hidden as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('an emoji picker that loads when first opened, works by keyboard, and puts the emoji at the caret', async () => {
    const loaded = () => performance.getEntriesByType('resource').some((entry) => /emoji-picker/.test(entry.name));
    const { chat } = await visitorWindow();
    await composerReady(chat);
    expect(loaded(), 'not loaded with the chat').to.equal(false);
    const input = shadow(chat).querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.value = 'Thanks !';
    input.setSelectionRange(7, 7);
    const toggle = shadow(chat).querySelector<HTMLButtonElement>('[part="emoji"]')!;
    toggle.click();
    await until(() => !!shadow(chat).querySelector('[part="emoji-picker"]'), 10000, 'the picker');
    expect(loaded(), 'loaded on first open').to.equal(true);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await expect(chat).to.be.accessible();
    // Focus is in the grid: two steps right, then Enter picks it.
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    const third = shadow(chat).querySelectorAll<HTMLButtonElement>('.emoji')[2]!;
    expect(shadow(chat).activeElement).to.equal(third);
    await sendKeys({ press: 'Enter' });
    await until(() => !shadow(chat).querySelector('[part="emoji-picker"]'), 5000, 'closed after picking');
    expect(input.value).to.equal(`Thanks ${third.textContent}!`);
    expect(shadow(chat).activeElement, 'back to writing').to.equal(input);
    // Escape closes it and gives focus back to its button.
    toggle.click();
    await until(() => !!shadow(chat).querySelector('.emoji[tabindex="0"]:focus'), 5000, 'open again, focused');
    await sendKeys({ press: 'Escape' });
    await until(() => !shadow(chat).querySelector('[part="emoji-picker"]'), 5000, 'closed by Escape');
    expect(shadow(chat).activeElement).to.equal(toggle);
  });

  it('a reader up the history gets a "new messages" pill; at the bottom, arrivals scroll into view', async () => {
    const { chat, employee, conversationId } = await conversationWithStaff('Scroll test');
    chat.style.setProperty('--ix-chat-height', '320px');
    for (let n = 1; n <= 15; n++) employee.send(conversationId, { kind: 'text', body: { text: `Reply ${n}` } });
    await until(() => bubbleTexts(chat).includes('Reply 15'), 15000, 'the replies');
    const log = shadow(chat).querySelector<HTMLElement>('.messages')!;
    const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 2;
    await until(atBottom, 5000, 'the newest in view while reading the latest');
    const pill = () => shadow(chat).querySelector<HTMLButtonElement>('[part="new-messages"]');
    expect(pill()).to.equal(null);

    log.scrollTop = 0;
    await until(() => log.scrollTop === 0, 5000, 'scrolled up');
    log.dispatchEvent(new Event('scroll'));
    employee.send(conversationId, { kind: 'text', body: { text: 'Anything else?' } });
    await until(() => !!pill(), 10000, 'the pill');
    expect(log.scrollTop, 'the reader stays where they are').to.be.lessThan(5);
    expect(pill()!.textContent).to.contain('New messages');
    await expect(chat).to.be.accessible();
    pill()!.click();
    await until(() => atBottom() && !pill(), 5000, 'at the newest, the pill gone');
  });

  it('a first screen worth opening: the team’s faces, the company’s greeting, the reply time, topics that start it', async () => {
    const welcome = { greeting: 'Hi! Ask us about a tea or your order.', topics: ['Where is my order?', 'Wholesale'] };
    await executeServerCommand('corp-settings', { welcome });
    try {
      const { chat } = await visitorWindow();
      const screen = () => shadow(chat).querySelector<HTMLElement>('[part="welcome"]');
      await until(() => !!screen()?.querySelector('.greeting')?.textContent?.includes('Ask us about'), 10000, 'it');
      const faces = [...screen()!.querySelectorAll('.faces li')];
      expect(faces.map((face) => face.getAttribute('title'))).to.deep.equal(['Lin Wei 林伟', 'Sara Okafor']);
      expect(faces[0]!.textContent, 'initials without a photo, and who it is for screen readers').to.contain('LW');
      expect(screen()!.querySelector('.reply-time')!.textContent).to.match(/replies/);
      const topics = [...screen()!.querySelectorAll<HTMLButtonElement>('[part="topic"]')];
      expect(topics.map((topic) => topic.textContent)).to.deep.equal(welcome.topics);
      await expect(chat).to.be.accessible();
      await composerReady(chat);
      topics[0]!.click();
      await until(() => sentCount(chat) === 1, 10000, 'the topic sent as the first message');
      expect(bubbleTexts(chat)).to.deep.equal(['Where is my order?']);
      expect(screen(), 'the conversation replaces the first screen').to.equal(null);

      // Staff see the anonymous customer by a readable name, in their language (never hex).
      const employee = await employeeClient();
      staff.push(employee);
      const customerId = chat.feed!.conversation!.customer.id;
      const workbench = await fixture<IxWorkbench>(
        html`<ix-workbench .client=${employee} lang="zh-CN" layout='[{"type":"inbox"}]'></ix-workbench>`,
      );
      const names = () =>
        [...shadow(workbench).querySelectorAll('[part="conversation"] .name')].map((n) => n.textContent);
      await until(() => names().includes(visitorName(customerId, 'zh-CN')), 10000, 'the Chinese name in the inbox');
      // A card's preview leads with its kind, in the reader's language too.
      employee.send(chat.feed!.conversationId, { kind: 'product_card', body: { productId: 'longjing-250' } });
      const preview = () =>
        shadow(workbench).querySelector(`[part="conversation"][data-id="${chat.feed!.conversationId}"] .preview`)
          ?.textContent;
      await until(
        () => preview() === '[商品] West Lake Longjing, 250 g',
        10000,
        `the preview in Chinese (${preview()})`,
      );
      expect(visitorName(customerId)).to.match(/^[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+$/);
    } finally {
      await executeServerCommand('corp-settings', { welcome: null });
    }
  });

  it('says "not connected" instead of a stale "online" when the backend goes away, in the chat and the team tile', async function () {
    this.timeout(60000);
    const { chat, employee, conversationId } = await conversationWithStaff('Are you there?');
    employee.send(conversationId, { kind: 'text', body: { text: 'Yes!' } });
    const subtitle = () => shadow(chat).querySelector('[part="subtitle"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    await until(() => /is answering · Online/.test(subtitle()), 10000, 'the answering employee online');
    const workbench = await fixture<IxWorkbench>(
      html`<ix-workbench .client=${await employeeClient()} layout='[{"type":"team"}]'></ix-workbench>`,
    );
    staff.push(workbench.client!);
    const team = () => shadow(workbench).querySelector('.tile-team')?.textContent?.replace(/\s+/g, ' ') ?? '';
    await until(() => team().includes('Online'), 10000, 'the team online');

    await stopBackend();
    await until(() => subtitle().includes('Not connected') && !subtitle().includes('Online'), 15000, 'the chat');
    await until(() => team().includes('Connection lost') && !team().includes('Online'), 15000, 'the team tile');
    await expect(chat).to.be.accessible();

    await startBackend();
    await until(() => /· Online/.test(subtitle()), 30000, 'online again');
  });
});
