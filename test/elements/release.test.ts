import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { IxLauncher } from '../../src/elements/launcher/launcher.js';
import { backendInfo, forgetVisitor, until } from './backend.js';

/** Sockets of this file's company connected now, and ever. */
const sockets = () => executeServerCommand<number, undefined>('socket-count');
const handshakes = () => executeServerCommand<number, undefined>('handshake-count');

const CYCLES = 50;

interface Case {
  tag: string;
  attributes(info: Awaited<ReturnType<typeof backendInfo>>): Promise<Record<string, string>>;
  /** What makes it connect, when mounting alone does not. */
  start?(element: HTMLElement): void;
}

const employeeToken = (id: string) =>
  executeServerCommand<string, { employeeId: string }>('employee-token', { employeeId: id });

const CASES: Case[] = [
  { tag: 'ix-chat-window', attributes: async () => ({}) },
  { tag: 'ix-product-card', attributes: async () => ({ product: 'longjing-250' }) },
  { tag: 'ix-pay-button', attributes: async () => ({ product: 'longjing-250' }) },
  { tag: 'ix-business-card', attributes: async ({ employees }) => ({ employee: employees.lin }) },
  { tag: 'ix-workbench', attributes: async ({ employees }) => ({ token: await employeeToken(employees.lin) }) },
  { tag: 'ix-launcher', attributes: async () => ({}), start: (element) => (element as IxLauncher).open() },
];

function make(tag: string, attributes: Record<string, string>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/**
 * Mounts and removes `mount()`'s element `CYCLES` times: every other time once its socket is up, else at once (a page
 * that navigates away mid-connect). Then nothing of it may stay open, and nothing may come back.
 */
async function cycle(
  mount: () => HTMLElement,
  remove: (element: HTMLElement) => void,
  expectedOpen: number,
  perMount = 1,
) {
  const before = await handshakes();
  let connected = 0;
  for (let n = 0; n < CYCLES; n++) {
    const known = await handshakes();
    const element = mount();
    if (n % 2 === 0) {
      await until(async () => (await handshakes()) >= known + perMount, 10000, `mount ${n} to connect`);
      connected += 1;
    }
    remove(element);
  }
  await until(async () => (await sockets()) === expectedOpen, 15000, 'every socket of the removed elements to close');
  const made = (await handshakes()) - before;
  // Each mount made at most one connection (one that was removed at once may have made none), and none came back.
  expect(made).to.be.within(connected * perMount, CYCLES * perMount);
  const settled = await handshakes();
  // One more cycle, waited for: a reconnecting leftover would have shown up by the time it is done.
  const probe = mount();
  await until(async () => (await handshakes()) >= settled + perMount, 10000, 'the probe to connect');
  remove(probe);
  await until(async () => (await sockets()) === expectedOpen, 10000, 'the probe to close');
  expect((await handshakes()) - settled, 'only the probe connected').to.equal(perMount);
}

describe('elements let go of their connections', () => {
  before(() => forgetVisitor());
  afterEach(() => document.body.replaceChildren());

  for (const { tag, attributes, start } of CASES) {
    it(`${tag}: ${CYCLES} mount/remove cycles alone leave no socket open`, async function () {
      this.timeout(120_000);
      const info = await backendInfo();
      const attrs = { endpoint: info.url, corp: info.corp, ...(await attributes(info)) };
      await cycle(
        () => {
          const element = make(tag, attrs);
          document.body.append(element);
          start?.(element);
          return element;
        },
        (element) => element.remove(),
        0,
      );
    });
  }

  it(`${CYCLES} provider cycles: the shared client closes with the provider; elements inside open none of their own`, async function () {
    this.timeout(120_000);
    const info = await backendInfo();
    const visitorCases = CASES.filter((c) => c.tag !== 'ix-workbench' && c.tag !== 'ix-launcher');
    const children = await Promise.all(
      visitorCases.map(async (c) => ({ tag: c.tag, attributes: await c.attributes(info) })),
    );
    const mountProvider = () => {
      const provider = make('ix-provider', { endpoint: info.url, corp: info.corp });
      provider.append(...children.map((child) => make(child.tag, child.attributes)));
      document.body.append(provider);
      return provider;
    };
    await cycle(mountProvider, (provider) => provider.remove(), 0);

    // A provider that stays while the elements inside come and go keeps its one connection.
    const provider = mountProvider();
    await until(async () => (await sockets()) === 1, 10000, 'the provider to connect');
    const before = await handshakes();
    for (let n = 0; n < CYCLES; n++) {
      const chat = make('ix-chat-window', {});
      provider.append(chat);
      if (n % 2 === 0)
        await until(
          () => chat.shadowRoot?.querySelector('textarea')?.disabled === false,
          10000,
          'the chat inside to use the provider',
        );
      chat.remove();
    }
    expect(await handshakes(), 'no element inside opened a connection').to.equal(before);
    expect(await sockets()).to.equal(1);
  });

  it(`React 19 under StrictMode (development build): ${CYCLES} show/hide cycles leave nothing open`, async function () {
    this.timeout(120_000);
    const { url, corp } = await backendInfo();
    const frame = document.createElement('iframe');
    frame.src = `/test-results/frameworks/react19-dev/index.html?endpoint=${encodeURIComponent(url)}&corp=${corp}`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const app = frame.contentDocument!;
    // The app's own provider stays connected throughout.
    await until(async () => (await sockets()) === 1, 15000, 'the app to connect');
    const toggle = () => app.getElementById('toggle')!.click();
    await cycle(
      () => {
        toggle();
        return app.getElementById('comings')!;
      },
      toggle,
      1,
      2, // the chat window's own connection, and the inner provider's
    );
    expect(app.getElementById('comings')).to.equal(null);
  });

  it('an element that is only moved keeps its connection', async () => {
    const info = await backendInfo();
    const chat = make('ix-chat-window', { endpoint: info.url, corp: info.corp });
    const first = document.createElement('div');
    const second = document.createElement('div');
    document.body.append(first, second);
    first.append(chat);
    // Its own connection is up (the composer is usable) and nothing of an earlier test is still counted.
    await until(
      () => chat.shadowRoot?.querySelector('textarea')?.disabled === false,
      10000,
      'the chat window to connect',
    );
    await until(async () => (await sockets()) === 1, 10000, 'only the chat window to be connected');
    const before = await handshakes();
    for (let n = 0; n < 10; n++) (n % 2 ? first : second).append(chat);
    await until(
      () => !chat.shadowRoot!.querySelector('textarea')?.disabled,
      10000,
      'the moved chat window to be usable',
    );
    expect(await handshakes(), 'no new connection').to.equal(before);
    expect(await sockets()).to.equal(1);
    chat.remove();
    await until(async () => (await sockets()) === 0, 10000, 'the socket to close once it left');
  });

  it('a provider whose settings change while it is off the page connects with the new ones once back', async () => {
    const info = await backendInfo();
    const provider = make('ix-provider', { endpoint: info.url, corp: 'no-such-company' }) as HTMLElement & {
      corp: string;
      updateComplete: Promise<boolean>;
    };
    provider.append(make('ix-chat-window', {}));
    document.body.append(provider);
    provider.remove();
    provider.corp = info.corp;
    await provider.updateComplete;
    document.body.append(provider);
    const chat = provider.querySelector('ix-chat-window')!;
    await until(
      () => chat.shadowRoot?.querySelector('textarea')?.disabled === false,
      10000,
      'the chat to connect to the right company',
    );
    expect(await sockets()).to.equal(1);
  });
});
