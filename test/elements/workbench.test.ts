import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { InteropClient, visitorTokenProvider, type KeyValueStorage } from '../../src/client/index.js';
import '../../src/elements/workbench/define.js';
import type { IxWorkbench } from '../../src/elements/workbench/workbench.js';
import { backendInfo, bubbleTexts, employeeClient, employeeId, until } from './backend.js';

const memory = (): KeyValueStorage => {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
};

/** A visitor on another "browser" (own storage) who writes to the company. */
async function visitorSays(...texts: string[]): Promise<{ client: InteropClient; conversationId: string }> {
  const { url, corp } = await backendInfo();
  const storage = memory();
  const client = new InteropClient({
    endpoint: url,
    corp,
    storage,
    tokenProvider: visitorTokenProvider({ endpoint: url, corp, storage }),
  });
  client.connect();
  const conversation = await client.request('conversation:open', { createNew: true });
  for (const text of texts)
    await client.request('message:send', {
      conversationId: conversation.id,
      clientId: crypto.randomUUID(),
      content: { kind: 'text', body: { text } },
    });
  return { client, conversationId: conversation.id };
}

describe('ix-workbench', () => {
  const clients: InteropClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    fixtureCleanup();
  });

  it('lists conversations with unread counts, newest first, and new ones appear live', async () => {
    const a = await visitorSays('hello from A');
    const b = await visitorSays('hello from B', 'are you there?');
    const staff = await employeeClient(await employeeId('sara'));
    clients.push(a.client, b.client, staff);
    const workbench = await fixture<IxWorkbench>(html`<ix-workbench .client=${staff}></ix-workbench>`);
    const row = (id: string) => workbench.shadowRoot!.querySelector(`.conversation[data-id="${id}"]`);
    await until(() => !!row(a.conversationId) && !!row(b.conversationId), 10000, 'both conversations');
    expect(row(b.conversationId)!.querySelector('.badge')!.textContent).to.contain('2');
    expect(row(a.conversationId)!.querySelector('.badge')!.textContent).to.contain('1');
    const ids = [...workbench.shadowRoot!.querySelectorAll('.conversation')].map((el) => el.getAttribute('data-id'));
    expect(ids.indexOf(b.conversationId)).to.be.below(ids.indexOf(a.conversationId));

    const c = await visitorSays('a brand new customer');
    clients.push(c.client);
    await until(
      () => row(c.conversationId)?.querySelector('.preview')?.textContent === 'a brand new customer',
      10000,
      'the new conversation and its first message to appear live',
    );
    await expect(workbench).to.be.accessible();
  });

  it('is keyboard navigable: arrows move through the list, Enter opens a conversation', async () => {
    const a = await visitorSays('first customer');
    const b = await visitorSays('second customer');
    const staff = await employeeClient();
    clients.push(a.client, b.client, staff);
    const workbench = await fixture<IxWorkbench>(html`<ix-workbench .client=${staff}></ix-workbench>`);
    await until(() => workbench.shadowRoot!.querySelectorAll('.conversation').length >= 2, 10000, 'the list');
    const buttons = () => [...workbench.shadowRoot!.querySelectorAll<HTMLButtonElement>('.conversation')];
    expect(buttons().filter((button) => button.tabIndex === 0).length, 'one tab stop for the list').to.equal(1);
    buttons()[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(workbench.shadowRoot!.activeElement).to.equal(buttons()[1]);
    await sendKeys({ press: 'Enter' });
    const selected = buttons()[1]!.getAttribute('data-id')!;
    await until(() => workbench.selected === selected, 5000, 'selection');
    const chat = workbench.shadowRoot!.querySelector('ix-chat-window')!;
    const expected = selected === a.conversationId ? 'first customer' : 'second customer';
    await until(() => bubbleTexts(chat).includes(expected), 10000, 'the conversation in the chat window');
    expect(buttons()[1]!.getAttribute('aria-current')).to.equal('true');
    await expect(workbench).to.be.accessible();
  });
});
