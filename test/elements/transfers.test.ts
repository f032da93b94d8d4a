import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { InteropClient } from '../../src/client/index.js';
import '../../src/elements/provider/define.js';
import '../../src/elements/chat-window/define.js';
import '../../src/elements/workbench/define.js';
import type { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import type { IxWorkbench } from '../../src/elements/workbench/workbench.js';
import { backendInfo, bubbleTexts, employeeClient, forgetVisitor, until } from './backend.js';
import { composerReady, sentCount, typeAndSend, visitorWindow } from './chat.js';

const choice = (chat: IxChatWindow) => chat.shadowRoot!.querySelector('[part="transfer-choice"]');
const button = (chat: IxChatWindow, part: 'transfer-refuse' | 'transfer-accept') =>
  chat.shadowRoot!.querySelector<HTMLButtonElement>(`[part="${part}"]`)!;

/** Presses a button as a keyboard user does. */
async function press(target: HTMLButtonElement) {
  target.focus();
  await sendKeys({ press: 'Enter' });
}

describe('ix-chat-window: a customer asked about a new employee', () => {
  let staff: InteropClient | undefined;
  beforeEach(() => forgetVisitor());
  afterEach(() => {
    staff?.close();
    fixtureCleanup();
  });

  it('answers a hand-over from the thread: keep the one they had, then accept the next; the workbench follows it live', async () => {
    const { chat } = await visitorWindow();
    await composerReady(chat);
    await typeAndSend(chat, 'Do you ship to Chengdu?');
    await until(() => sentCount(chat) === 1, 10000, 'the first message');
    // The customer's owner is the employee their conversation went to.
    const owner = chat.feed!.conversation!.assignee!;
    const { employees } = await backendInfo();
    const colleague = owner.id === employees.lin ? employees.sara : employees.lin;
    staff = await employeeClient(owner.id);
    const customerId = chat.feed!.conversation!.customer.id;

    // The owner hands the customer over from the customer panel of their workbench.
    const workbench = await fixture<IxWorkbench>(
      html`<ix-workbench .client=${staff} selected=${chat.feed!.conversationId}></ix-workbench>`,
    );
    const panel = () => workbench.shadowRoot!;
    const ownerSelect = () => panel().querySelector<HTMLSelectElement>('.owner select');
    const transferState = () => panel().querySelector<HTMLElement>('[part="customer-transfer"]');
    await until(() => ownerSelect()?.value === owner.id, 10000, 'the customer panel');
    ownerSelect()!.value = colleague;
    ownerSelect()!.dispatchEvent(new Event('change'));
    await until(() => transferState()?.dataset.status === 'waiting', 10000, 'the transfer waiting in the panel');
    expect(panel().querySelector('.status-line')!.textContent).to.equal(
      'The customer is asked whether they accept their new contact.',
    );
    expect(transferState()!.textContent).to.match(/^Waiting for the customer: .+ takes over .+ unless they decline$/);
    expect(ownerSelect()!.value, 'the owner stays until the customer answers').to.equal(owner.id);
    // The team tile counts it for both of them, live.
    const counts = (id: string) => panel().querySelector(`.member[data-id="${id}"] .customers`)?.textContent ?? '';
    await until(
      () => [owner.id, colleague].every((id) => counts(id).includes('1 transfer waiting for the customer')),
      10000,
      'the team tile',
    );

    await until(() => choice(chat) !== null, 10000, 'the question in the thread');
    const [asked] = bubbleTexts(chat).filter((text) => text.includes('is handing you over to'));
    expect(asked).to.match(new RegExp(`^${owner.name} is handing you over to .+`));
    expect(button(chat, 'transfer-refuse').textContent!.trim()).to.equal(`Keep talking to ${owner.name}`);
    expect(button(chat, 'transfer-accept').textContent!.trim()).to.equal('OK');
    await expect(chat).to.be.accessible();

    await press(button(chat, 'transfer-refuse'));
    await until(
      () => bubbleTexts(chat).includes(`${owner.name} keeps looking after you`),
      10000,
      'the answer in the thread',
    );
    expect(choice(chat), 'an answered question has no buttons').to.equal(null);
    await until(() => transferState()?.dataset.status === 'refused', 10000, 'the refusal in the workbench, live');
    expect(transferState()!.textContent).to.contain(`${owner.name} keeps them`);

    await staff.request('customer:update', { customerId, ownerId: colleague });
    await until(() => choice(chat) !== null, 10000, 'the second question');
    await press(button(chat, 'transfer-accept'));
    await until(
      () => bubbleTexts(chat).some((text) => text.endsWith('is now looking after you')),
      10000,
      'the new employee in the thread',
    );
    expect(choice(chat)).to.equal(null);
    await until(() => chat.feed!.conversation!.assignee?.id === colleague, 10000, 'the conversation followed');
    await until(() => transferState()?.dataset.status === 'done', 10000, 'done in the workbench');
    await until(() => !counts(colleague).includes('waiting'), 10000, 'nothing waiting in the team tile');
    await until(() => ownerSelect()?.value === colleague, 10000, 'the new owner in the panel');
    await expect(workbench).to.be.accessible();
  });
});
