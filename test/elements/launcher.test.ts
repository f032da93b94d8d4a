import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { InteropClient } from '../../src/client/index.js';
import '../../src/elements/launcher/define.js';
import type { IxLauncher } from '../../src/elements/launcher/launcher.js';
import type { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import { composerReady, typeAndSend } from './chat.js';
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

// This file stops and starts its backend, so it gets one of its own.
useOwnBackend();

/** Modules the page has fetched whose URL matches `pattern` (the dev server serves each module on its own). */
const loadedModules = (pattern: RegExp) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => pattern.test(name));

const chatOf = (launcher: IxLauncher) => launcher.shadowRoot!.querySelector<IxChatWindow>('ix-chat-window');
const button = (launcher: IxLauncher) => launcher.shadowRoot!.querySelector<HTMLButtonElement>('button.launcher')!;

async function standaloneLauncher(attributes: { product?: string } = {}): Promise<IxLauncher> {
  const { url, corp } = await backendInfo();
  return fixture<IxLauncher>(
    html`<ix-launcher endpoint=${url} corp=${corp} product=${attributes.product ?? ''}></ix-launcher>`,
  );
}

async function openAndWait(launcher: IxLauncher): Promise<IxChatWindow> {
  const ready = oneEvent(launcher, 'ix-ready');
  launcher.open();
  await ready;
  const chat = chatOf(launcher)!;
  await composerReady(chat);
  return chat;
}

describe('ix-launcher', () => {
  let staff: InteropClient | undefined;
  beforeEach(() => forgetVisitor());
  afterEach(async () => {
    staff?.close();
    staff = undefined;
    fixtureCleanup();
    document.title = 'launcher tests';
    await startBackend();
  });

  it('loads the chat window and the connection only when first opened', async () => {
    const launcher = await standaloneLauncher();
    expect(button(launcher).getAttribute('aria-label')).to.equal('Contact sales');
    expect(
      button(launcher).querySelector('svg path')!.getBoundingClientRect().width,
      'the icon is drawn',
    ).to.be.greaterThan(10);
    expect(loadedModules(/chat-window/), 'no chat window before opening').to.deep.equal([]);
    expect(loadedModules(/socket\.io-client|engine\.io-client/), 'no socket.io before opening').to.deep.equal([]);
    expect(customElements.get('ix-chat-window')).to.equal(undefined);
    await expect(launcher).to.be.accessible();

    const chat = await openAndWait(launcher);
    expect(loadedModules(/chat-window\.ts/).length).to.be.greaterThan(0);
    expect(customElements.get('ix-chat-window')).to.not.equal(undefined);
    await until(() => chat.shadowRoot!.activeElement?.tagName === 'TEXTAREA', 5000, 'focus to move into the composer');
    await expect(launcher).to.be.accessible();
  });

  it('opens, closes and toggles by API, mouse and keyboard; Escape closes and focus returns to the button', async () => {
    const launcher = await standaloneLauncher();
    const panel = () => launcher.shadowRoot!.querySelector<HTMLElement>('.panel')!;
    expect(panel().hidden).to.equal(true);

    button(launcher).focus();
    const opened = oneEvent(launcher, 'ix-open');
    const ready = oneEvent(launcher, 'ix-ready');
    await sendKeys({ press: 'Enter' });
    await opened;
    expect(launcher.hasAttribute('open')).to.equal(true);
    expect(button(launcher).getAttribute('aria-expanded')).to.equal('true');
    await ready;
    const chat = chatOf(launcher)!;
    await until(() => chat.shadowRoot!.activeElement?.tagName === 'TEXTAREA', 10000, 'focus in the composer');

    const closed = oneEvent(launcher, 'ix-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await launcher.updateComplete;
    expect(panel().hidden).to.equal(true);
    expect(launcher.shadowRoot!.activeElement === button(launcher), 'focus is back on the launcher').to.equal(true);

    launcher.toggle();
    await launcher.updateComplete;
    expect(panel().hidden).to.equal(false);
    launcher.close();
    await launcher.updateComplete;
    expect(panel().hidden).to.equal(true);
  });

  it('renders while the backend is down, says so on open, and connects once it is back', async function () {
    this.timeout(60000); // its waits below are longer than the default test timeout
    await stopBackend();
    const launcher = await standaloneLauncher();
    // Rendered with the backend down: the bubble does not wait for a connection.
    expect(button(launcher).getAttribute('aria-label')).to.equal('Contact sales');
    expect(launcher.client?.status, 'not connected').to.not.equal('online');
    const ready = oneEvent(launcher, 'ix-ready');
    launcher.open();
    await ready;
    const chat = chatOf(launcher)!;
    const notice = () => chat.shadowRoot!.querySelector('.notice')?.textContent ?? '';
    await until(() => /unavailable|Reconnecting|not reachable/i.test(notice()), 15000, 'the outage notice');
    await expect(launcher).to.be.accessible();

    await startBackend();
    await until(
      () => !chat.shadowRoot!.querySelector('textarea')!.disabled && notice() === '',
      30000,
      'the chat to recover',
    );
  });

  it('counts unread replies on its badge (and in the title when asked), and clears them once read', async () => {
    const launcher = await standaloneLauncher();
    launcher.titleBadge = true;
    document.title = 'Acme Tea';
    const chat = await openAndWait(launcher);
    await typeAndSend(chat, 'Do you ship to Berlin?');
    await until(() => !!chat.feed && chat.feed.messages.length === 1, 10000, 'sent');
    launcher.close();
    await launcher.updateComplete;

    staff = await employeeClient();
    const unread = oneEvent(launcher, 'ix-unread-change');
    staff.send(chat.feed!.conversationId, { kind: 'text', body: { text: 'Yes, in 4 days.' } });
    expect((await unread).detail.count).to.equal(1);
    await launcher.updateComplete;
    expect(launcher.shadowRoot!.querySelector('[part="badge"]')?.textContent).to.equal('1');
    expect(button(launcher).getAttribute('aria-label')).to.equal('Contact sales, 1 unread message');
    expect(document.title).to.equal('(1) Acme Tea');
    await expect(launcher).to.be.accessible();

    launcher.open();
    await until(() => launcher.unreadCount === 0, 10000, 'the badge to clear once read');
    await launcher.updateComplete;
    expect(launcher.shadowRoot!.querySelector('[part="badge"]')).to.equal(null);
    expect(document.title).to.equal('Acme Tea');
    expect(bubbleTexts(chat)).to.deep.equal(['Do you ship to Berlin?', 'Yes, in 4 days.']);
  });

  it('keeps working when the page moves it (a re-render of the host framework)', async () => {
    const launcher = await standaloneLauncher();
    const chat = await openAndWait(launcher);
    const sockets = await executeServerCommand<number, undefined>('socket-count');
    const connection = chat.client;
    const elsewhere = document.createElement('div');
    launcher.parentElement!.append(elsewhere);
    elsewhere.append(launcher);
    await chat.updateComplete; // re-attached to the launcher's connection
    await until(() => !chat.shadowRoot!.querySelector('textarea')?.disabled, 10000, 'connected again');
    await typeAndSend(chat, 'still here');
    await until(() => !!chat.feed && chat.feed.messages.length === 1, 10000, 'sent after the move');
    // An idle callback of ours runs after any the launcher queued when it was re-attached (its idle-time connect).
    await new Promise((resolve) => requestIdleCallback(resolve));
    await chat.updateComplete;
    expect(chat.client, 'the same connection').to.equal(connection);
    expect(
      await executeServerCommand<number, undefined>('socket-count'),
      'still one connection, not a second one',
    ).to.equal(sockets);
  });

  it('starts the conversation about the page product, which the employee sees', async () => {
    const launcher = await standaloneLauncher({ product: 'tieguanyin-200' });
    const chat = await openAndWait(launcher);
    await typeAndSend(chat, 'Is this one roasted?');
    await until(
      () => chat.feed?.conversation?.context?.productId === 'tieguanyin-200',
      10000,
      'the context on the conversation',
    );
    expect(chat.shadowRoot!.querySelector('.context')?.textContent).to.contain('Anxi Tieguanyin, 200 g');
    staff = await employeeClient();
    const seen = await staff.request('conversation:open', { conversationId: chat.feed!.conversationId });
    expect(seen.context?.productTitle).to.equal('Anxi Tieguanyin, 200 g');
    expect(seen.subject).to.equal('Anxi Tieguanyin, 200 g');
  });
});
