import { ContextConsumer } from '@lit/context';
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { LitElement, html as litHtml } from 'lit';
import type { InteropClient } from '../../src/client/index.js';
import { clientContext, sessionContext } from '../../src/elements/base/context.js';
import '../../src/elements/provider/define.js';
import '../../src/elements/chat-window/define.js';
import '../../src/elements/workbench/define.js';
import type { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import type { IxWorkbench } from '../../src/elements/workbench/workbench.js';
import { backendInfo, bubbleTexts, employeeClient, forgetVisitor, until } from './backend.js';
import { composerReady, typeAndSend, visitorWindow } from './chat.js';

/** A third-party tile, as a portal builder would write it: it reads the client and the employee from context. */
class TeamSizeTile extends LitElement {
  #client = new ContextConsumer(this, { context: clientContext, subscribe: true });
  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  size: number | undefined;
  override updated() {
    const client = this.#client.value;
    if (client && this.size === undefined) {
      this.size = -1;
      void client.request('team:list', {}).then(({ employees }) => {
        this.size = employees.length;
        this.requestUpdate();
      });
    }
  }
  override render() {
    return litHtml`<h2>Team size</h2><p class="who">${this.#session.value?.name ?? ''}</p><p class="size">${this.size ?? ''}</p>`;
  }
}
customElements.define('acme-team-size', TeamSizeTile);

const part = (element: Element, name: string) =>
  element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const tile = (workbench: IxWorkbench, type: string) =>
  workbench.shadowRoot!.querySelector<HTMLElement>(`.tile-${type}`);
const rows = (workbench: IxWorkbench) => [...workbench.shadowRoot!.querySelectorAll<HTMLElement>('.conversation')];
const rowIds = (workbench: IxWorkbench) => rows(workbench).map((row) => row.dataset.id);

async function portal(client: InteropClient, layout?: unknown): Promise<IxWorkbench> {
  const workbench = await fixture<IxWorkbench>(html`<ix-workbench .client=${client} .layout=${layout}></ix-workbench>`);
  await until(
    () => !!workbench.shadowRoot!.querySelector('.figures') || !tile(workbench, 'keydata'),
    10000,
    'the workbench to load',
  );
  return workbench;
}

/** A visitor on this page (forgotten first) who writes `text`; returns their window and conversation id. */
async function customerWrites(text: string) {
  forgetVisitor();
  const { chat, provider } = await visitorWindow();
  await composerReady(chat);
  await typeAndSend(chat, text);
  await until(
    () => chat.feed?.messages.some((message) => message.kind === 'text') === true,
    10000,
    'the message to be stored',
  );
  return { chat, provider, conversationId: chat.feed!.conversationId };
}

async function selectConversation(workbench: IxWorkbench, conversationId: string): Promise<IxChatWindow> {
  await until(() => rowIds(workbench).includes(conversationId), 10000, 'the conversation in the list');
  rows(workbench)
    .find((row) => row.dataset.id === conversationId)!
    .click();
  const chat = workbench.shadowRoot!.querySelector('ix-chat-window')!;
  await composerReady(chat);
  await until(() => !!part(workbench, 'customer-panel')!.querySelector('form.profile'), 10000, 'the customer panel');
  return chat;
}

describe('ix-workbench portal', () => {
  const clients: InteropClient[] = [];
  let linId = '';
  let saraId = '';
  before(async () => ({ lin: linId, sara: saraId } = (await backendInfo()).employees));
  beforeEach(() => forgetVisitor());
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    fixtureCleanup();
    await executeServerCommand('employee-status', { id: saraId, status: 'active' });
  });

  it('is composed from a JSON layout and the page’s own tiles, which get the client and the employee through context', async () => {
    const lin = await employeeClient(linId);
    clients.push(lin);
    const layout = [
      { type: 'keydata' },
      {
        type: 'list',
        title: 'Sales playbook',
        items: [
          { label: 'Price list', href: 'https://intranet.example/prices', description: 'Updated weekly' },
          { label: 'Unsafe', href: 'javascript:alert(1)' },
        ],
      },
      { type: 'image', src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', alt: 'Not an http image' },
      {
        type: 'webview',
        title: 'Shipping tracker',
        src: 'https://intranet.example/tracker',
        height: 200,
        sandbox: ['allow-scripts'],
      },
    ];
    const workbench = await fixture<IxWorkbench>(html`<ix-workbench .client=${lin} layout=${JSON.stringify(layout)}>
      <acme-team-size></acme-team-size>
    </ix-workbench>`);
    await until(() => !!workbench.shadowRoot!.querySelector('.figures'), 10000, 'the key figures');
    const headings = [...workbench.shadowRoot!.querySelectorAll('.tile h2')].map((h) => h.textContent);
    expect(headings).to.deep.equal(['Today at a glance', 'Sales playbook', 'Shipping tracker']);
    const links = [...tile(workbench, 'list')!.querySelectorAll('a')];
    expect(links.map((a) => a.href)).to.deep.equal(
      ['https://intranet.example/prices'],
      'only http(s) links become anchors',
    );
    expect(tile(workbench, 'image')!.querySelector('img'), 'nor images').to.equal(null);
    const frame = tile(workbench, 'webview')!.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).to.equal('allow-scripts');
    expect(frame.getAttribute('height')).to.equal('200');

    const own = workbench.querySelector('acme-team-size')!;
    await until(
      () => own.shadowRoot!.querySelector('.size')?.textContent === '2',
      10000,
      'the third-party tile to use the client',
    );
    expect(own.shadowRoot!.querySelector('.who')!.textContent).to.equal('Lin Wei 林伟');
    expect(own.assignedSlot, 'placed in the grid').to.not.equal(null);
    await expect(workbench).to.be.accessible();

    // A broken layout says so and falls back to the default tiles.
    const errors: string[] = [];
    workbench.addEventListener('ix-error', (event) => errors.push(event.detail.error.code));
    workbench.layout = [{ type: 'spreadsheet' }];
    await workbench.updateComplete;
    expect(errors).to.deep.equal(['invalid_payload']);
    expect(workbench.shadowRoot!.querySelector('.notice.error')!.textContent).to.contain('not valid');
    await until(() => !!tile(workbench, 'inbox') && !!tile(workbench, 'team'), 5000, 'the default layout');
  });

  it('filters by assignee and status and searches messages on the server; the key figures link into the inbox', async () => {
    const tea = await customerWrites('Do you ship Longjing to Chengdu?');
    fixtureCleanup();
    const box = await customerWrites('Is the gift box wrapped?');
    const lin = await employeeClient(linId);
    clients.push(lin);
    // One of them is Lin's, the other Sara's.
    await lin.request('conversation:assign', { conversationId: tea.conversationId, employeeId: linId });
    await lin.request('conversation:assign', { conversationId: box.conversationId, employeeId: saraId });
    const workbench = await portal(lin);
    await until(
      () => rowIds(workbench).includes(tea.conversationId) && rowIds(workbench).includes(box.conversationId),
      10000,
      'both',
    );

    const search = part(workbench, 'filters')!.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.focus();
    await sendKeys({ type: 'chengdu' });
    await until(
      () => rowIds(workbench).length === 1 && rowIds(workbench)[0] === tea.conversationId,
      10000,
      'the search result',
    );
    search.select();
    await sendKeys({ press: 'Backspace' });
    await until(() => rowIds(workbench).includes(box.conversationId), 10000, 'everything again');

    // "Assigned to me" in the key figures shows my conversations only.
    const mine = workbench.shadowRoot!.querySelector<HTMLButtonElement>('[data-figure="mine"] button')!;
    mine.click();
    await until(
      () => rowIds(workbench).includes(tea.conversationId) && !rowIds(workbench).includes(box.conversationId),
      10000,
      'mine',
    );
    const [scope] = part(workbench, 'filters')!.querySelectorAll('select');
    expect(scope!.value).to.equal('mine');

    // "Customers waiting for an answer": Lin answers the tea question, so only the gift box waits.
    await lin.request('message:send', {
      conversationId: tea.conversationId,
      clientId: crypto.randomUUID(),
      content: { kind: 'text', body: { text: 'Yes, we do.' } },
    });
    workbench.shadowRoot!.querySelector<HTMLButtonElement>('[data-figure="waiting"] button')!.click();
    await until(
      () => rowIds(workbench).includes(box.conversationId) && !rowIds(workbench).includes(tea.conversationId),
      10000,
      'the waiting ones',
    );
    expect(
      rows(workbench)
        .find((row) => row.dataset.id === box.conversationId)!
        .querySelector('[data-waiting]'),
    ).to.not.equal(null);
    expect(part(workbench, 'filters')!.querySelector<HTMLInputElement>('.waiting-filter input')!.checked).to.equal(
      true,
    );
    await expect(workbench).to.be.accessible();

    // Closed ones under "Closed".
    await lin.request('conversation:close', { conversationId: tea.conversationId });
    workbench.showInInbox({ waiting: false });
    const status = part(workbench, 'filters')!.querySelectorAll('select')[1]!;
    status.value = 'closed';
    status.dispatchEvent(new Event('change'));
    await until(
      () =>
        rowIds(workbench).length >= 1 &&
        rowIds(workbench).every((id) => id === tea.conversationId || id !== box.conversationId),
      10000,
      'closed ones',
    );
    expect(rowIds(workbench)).to.include(tea.conversationId);
    await expect(workbench).to.be.accessible();
  });

  it('hands a conversation over with a note: the customer is told live who serves them, the note stays with staff', async () => {
    const { chat: visitor, conversationId } = await customerWrites('I would like to order 40 boxes');
    const lin = await employeeClient(linId);
    clients.push(lin);
    const workbench = await portal(lin);
    await selectConversation(workbench, conversationId);
    const panel = part(workbench, 'customer-panel')!;
    const form = panel.querySelector<HTMLFormElement>('form.handover')!;
    await until(() => !!form.querySelector(`option[value="${saraId}"]`), 10000, 'the team in the hand-over list');
    form.querySelector('select')!.value = saraId;
    form.querySelector('textarea')!.value = 'Wholesale — offer the volume price';
    form.requestSubmit();

    await until(
      () => bubbleTexts(visitor).includes('Sara Okafor is now looking after you'),
      10000,
      'the notice at the customer',
    );
    expect(bubbleTexts(visitor).join(' ')).to.not.contain('volume price');
    await until(
      () => panel.querySelector('.handovers q')?.textContent === 'Wholesale — offer the volume price',
      10000,
      'the note in the panel',
    );
    expect(panel.querySelector('.status-line')!.textContent).to.equal('Handed over to Sara Okafor.');
    await until(
      () =>
        rows(workbench)
          .find((row) => row.dataset.id === conversationId)
          ?.textContent?.includes('Sara Okafor') === true,
      10000,
      'the row',
    );
    await expect(workbench).to.be.accessible();
  });

  it('keeps the customer record: profile, tags and notes saved, the list follows the new name', async () => {
    const { conversationId } = await customerWrites('Hi, it is Kofi');
    const lin = await employeeClient(linId);
    clients.push(lin);
    const workbench = await portal(lin);
    await selectConversation(workbench, conversationId);
    const profile = part(workbench, 'customer-profile') as HTMLFormElement;
    (profile.querySelector('[name="name"]') as HTMLInputElement).value = 'Kofi Boateng';
    (profile.querySelector('[name="tags"]') as HTMLInputElement).value = 'wholesale, VIP';
    (profile.querySelector('[name="notes"]') as HTMLTextAreaElement).value = 'Prefers calls after 18:00';
    profile.requestSubmit();
    await until(
      () => part(workbench, 'customer-panel')!.querySelector('h3')?.textContent === 'Kofi Boateng',
      10000,
      'the saved name',
    );
    await until(
      () =>
        rows(workbench)
          .find((row) => row.dataset.id === conversationId)
          ?.querySelector('.name')?.textContent === 'Kofi Boateng',
      10000,
      'the list',
    );
    const detail = await lin.request('customer:get', {
      customerId: workbench.conversations.find((c) => c.id === conversationId)!.customer.id,
    });
    expect(detail.customer.tags).to.deep.equal(['wholesale', 'VIP']);
    expect(detail.customer.notes).to.equal('Prefers calls after 18:00');
  });

  it('composer extras: a quick reply goes into the composer, a payment request reaches the customer with a Buy button, a message becomes a to-do', async () => {
    const lin = await employeeClient(linId);
    clients.push(lin);
    const { chat: visitor, conversationId } = await customerWrites('Please call me back about the tins');
    const workbench = await portal(lin);

    // Lin, an admin, adds the company's quick reply in its tile.
    const title = `Shipping ${crypto.randomUUID().slice(0, 6)}`;
    const replyForm = tile(workbench, 'quickreplies')!.querySelector<HTMLFormElement>('form.new-reply')!;
    replyForm.querySelector<HTMLInputElement>('[name="title"]')!.value = title;
    replyForm.querySelector<HTMLTextAreaElement>('[name="text"]')!.value = 'We ship within 2 working days.';
    replyForm.requestSubmit();
    await until(() => tile(workbench, 'quickreplies')!.textContent!.includes(title), 10000, 'the new quick reply');
    const reply = (await lin.request('quickreply:list', {})).replies.find((item) => item.title === title)!;

    const employeeChat = await selectConversation(workbench, conversationId);

    part(employeeChat, 'quick-replies')!.click();
    await until(
      () => !!employeeChat.shadowRoot!.querySelector(`[data-reply="${reply.id}"]`),
      10000,
      'the quick replies',
    );
    employeeChat.shadowRoot!.querySelector<HTMLButtonElement>(`[data-reply="${reply.id}"]`)!.click();
    expect(employeeChat.shadowRoot!.querySelector('textarea')!.value).to.equal('We ship within 2 working days.');

    part(employeeChat, 'request-payment')!.click();
    await until(
      () => !!employeeChat.shadowRoot!.querySelector('[data-product="tieguanyin-200"]'),
      10000,
      'the catalog',
    );
    const quantity = employeeChat.shadowRoot!.querySelector<HTMLInputElement>('.quantity input')!;
    quantity.value = '3';
    quantity.dispatchEvent(new Event('change'));
    employeeChat.shadowRoot!.querySelector<HTMLButtonElement>('[data-product="tieguanyin-200"]')!.click();
    const payButton = () => visitor.shadowRoot!.querySelector('.message.peer ix-pay-button');
    await until(() => !!payButton(), 10000, 'the Buy button at the customer');
    expect(payButton()!.getAttribute('quantity')).to.equal('3');
    expect(visitor.shadowRoot!.querySelector('.payment-request')!.textContent).to.contain('Anxi Tieguanyin, 200 g × 3');

    const addTodo = employeeChat.shadowRoot!.querySelector<HTMLButtonElement>('.message.peer [part~="add-todo"]')!;
    addTodo.click();
    const todos = () => [...tile(workbench, 'todos')!.querySelectorAll('.todo')];
    await until(
      () => todos().some((todo) => todo.textContent!.includes('Please call me back about the tins')),
      10000,
      'the to-do in its tile',
    );
    const mine = todos().find((todo) => todo.textContent!.includes('Please call me back about the tins'))!;
    // Due on Friday at 10:00.
    const due = mine.querySelector<HTMLInputElement>('input[type="datetime-local"]')!;
    due.value = '2031-05-16T10:00';
    due.dispatchEvent(new Event('change'));
    await until(
      async () =>
        (await lin.request('todo:list', {})).todos.some(
          (todo) => todo.dueAt === new Date('2031-05-16T10:00').toISOString(),
        ),
      10000,
      'the due time',
    );
    mine.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await until(
      () => !todos().some((todo) => todo.textContent!.includes('Please call me back about the tins')),
      10000,
      'done',
    );
    await expect(workbench).to.be.accessible();
  });

  it('speaks the page’s language: zh-CN strings load on demand', async () => {
    const lin = await employeeClient(linId);
    clients.push(lin);
    const workbench = await fixture<IxWorkbench>(html`<ix-workbench .client=${lin} lang="zh-CN"></ix-workbench>`);
    await until(
      () => workbench.shadowRoot!.querySelector('.tile-keydata h2')?.textContent === '今日概览',
      10000,
      'the Chinese strings',
    );
    expect(workbench.shadowRoot!.querySelector('.tile-inbox h2')!.textContent).to.equal('收件箱');
    await expect(workbench).to.be.accessible();
  });

  it('an admin records a departure: the customers are asked or told live, and the departed employee is cut off', async () => {
    const { chat: visitor, conversationId } = await customerWrites('Is Sara there?');
    const lin = await employeeClient(linId);
    const sara = await employeeClient(saraId);
    clients.push(lin, sara);
    await lin.request('conversation:assign', { conversationId, employeeId: saraId });
    const saraErrors: string[] = [];
    sara.on('error', (error) => saraErrors.push(error.code));

    const workbench = await portal(lin);
    const team = () => tile(workbench, 'team')!;
    await until(() => !!team().querySelector(`.member[data-id="${saraId}"] button`), 10000, 'the departure action');
    team().querySelector<HTMLButtonElement>(`.member[data-id="${saraId}"] button`)!.click();
    await workbench.updateComplete;
    const form = team().querySelector<HTMLFormElement>('form.departure')!;
    expect(form.querySelector('select')!.value).to.equal(linId);
    await expect(workbench).to.be.accessible();
    form.requestSubmit();

    await until(
      () => team().querySelector('.status-line')?.textContent?.includes('are asked to accept Lin Wei 林伟') === true,
      10000,
      'the outcome',
    );
    await until(
      // Told (Sara served the conversation), or asked (Sara owned the customer too: a departure transfer).
      () =>
        bubbleTexts(visitor).some((text) =>
          /Lin Wei 林伟 (is now looking after you|will look after you from now on)/.test(text),
        ),
      10000,
      'the customer told',
    );
    await until(() => sara.status === 'error' || sara.status === 'offline', 10000, "Sara's connection to end");
    await until(() => saraErrors.includes('unauthorized'), 15000, "Sara's token to be refused");
    expect(team().querySelector(`.member[data-id="${saraId}"]`)!.getAttribute('data-status')).to.equal('departed');
  });
});
