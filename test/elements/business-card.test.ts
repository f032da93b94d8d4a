import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import ICAL from 'ical.js';
import '../../src/elements/business-card/define.js';
import '../../src/elements/launcher/define.js';
import '../../src/elements/chat-window/define.js';
import type { IxBusinessCard } from '../../src/elements/business-card/business-card.js';
import type { IxLauncher } from '../../src/elements/launcher/launcher.js';
import { backendInfo, employeeClient, employeeId, forgetVisitor, until } from './backend.js';
import { composerReady, typeAndSend } from './chat.js';
import { decodeQr } from './qr.js';

/** A card of one of this file's company's people (`lin`, `sara`), or of any employee id. */
async function businessCard(
  who: string,
  attributes: { layout?: string; cardUrl?: string } = {},
): Promise<IxBusinessCard> {
  const { url, corp, employees } = await backendInfo();
  const employee = employees[who as keyof typeof employees] ?? who;
  const element = await fixture<IxBusinessCard>(
    html`<ix-business-card endpoint=${url} corp=${corp} employee=${employee} layout=${attributes.layout ?? 'full'} card-url=${attributes.cardUrl ?? ''}></ix-business-card>`,
  );
  return element;
}
const part = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const loaded = (element: IxBusinessCard) => until(() => !!part(element, 'name'), 10000, 'the card');

describe('ix-business-card', () => {
  beforeEach(() => forgetVisitor());
  afterEach(async () => {
    fixtureCleanup();
    await executeServerCommand('employee-status', { id: await employeeId('sara'), status: 'active' });
  });

  it('shows the card with the verified company and contact links, in full and compact layouts, accessibly', async () => {
    const element = await businessCard('lin');
    expect(element.shadowRoot!.querySelector('[aria-busy="true"]'), 'a loading skeleton first').to.not.equal(null);
    await expect(element).to.be.accessible();
    await loaded(element);
    expect(part(element, 'name')!.textContent).to.equal('Lin Wei 林伟');
    expect(part(element, 'title')!.textContent).to.equal('Sales Manager');
    expect(part(element, 'company')!.textContent).to.contain('Acme Tea Co.');
    expect(part(element, 'verified')!.getAttribute('aria-label')).to.equal('Verified company');
    expect((part(element, 'phone') as HTMLAnchorElement).href).to.equal('tel:+862155550101');
    expect((part(element, 'email') as HTMLAnchorElement).href).to.equal('mailto:lin.wei@acme-tea.example');
    expect(part(element, 'bio')!.textContent).to.equal('Helps tea shops and offices choose their teas.');
    expect(part(element, 'avatar')!.textContent).to.equal('LW');
    await expect(element).to.be.accessible();

    const compact = await businessCard('sara', { layout: 'compact' });
    await loaded(compact);
    expect(part(compact, 'bio'), 'no bio in the compact layout').to.equal(null);
    expect(part(compact, 'chat')).to.not.equal(null);
    await expect(compact).to.be.accessible();
  });

  it('"Save contact" downloads a vCard 4.0 that parses back with the Chinese name intact', async () => {
    const element = await businessCard('lin');
    await loaded(element);
    const save = part(element, 'save') as HTMLAnchorElement;
    expect(save.hasAttribute('download')).to.equal(true);
    const response = await fetch(save.href);
    expect(response.headers.get('content-type')).to.equal('text/vcard; charset=utf-8');
    const vcard = new ICAL.Component(ICAL.parse(await response.text()) as unknown[]);
    expect(vcard.getFirstPropertyValue('version')).to.equal('4.0');
    expect(vcard.getFirstPropertyValue('fn')).to.equal('Lin Wei 林伟');
    expect(vcard.getFirstPropertyValue('org')).to.equal('Acme Tea Co.');
    expect(vcard.getFirstPropertyValue('tel')).to.equal('tel:+86-21-5555-0101');
  });

  it('the QR code decodes to the card link (the vCard by default, the page’s own card URL when given)', async () => {
    const element = await businessCard('lin');
    await loaded(element);
    const toggle = part(element, 'qr-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await element.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await until(() => !!part(element, 'qr'), 10000, 'the QR code');
    const qr = part(element, 'qr') as unknown as SVGSVGElement;
    expect(await decodeQr(qr)).to.equal((part(element, 'save') as HTMLAnchorElement).href);
    await expect(element).to.be.accessible();

    const custom = await businessCard('sara', { cardUrl: 'https://acme-tea.example/team/sara?ref=card' });
    await loaded(custom);
    part(custom, 'qr-toggle')!.click();
    await until(() => !!part(custom, 'qr'), 10000, 'the QR code');
    expect(await decodeQr(part(custom, 'qr') as unknown as SVGSVGElement)).to.equal(
      'https://acme-tea.example/team/sara?ref=card',
    );
  });

  it("a departed employee's card points to the successor; an unknown employee gets a clear error", async () => {
    await executeServerCommand('employee-status', {
      id: await employeeId('sara'),
      status: 'departed',
      successorId: await employeeId('lin'),
    });
    const departed = await businessCard('sara');
    await loaded(departed);
    expect(part(departed, 'notice')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Sara Okafor has left the company. Lin Wei 林伟 looks after you now.',
    );
    expect(part(departed, 'phone'), 'no direct line any more').to.equal(null);
    expect(part(departed, 'save')).to.equal(null);
    expect(part(departed, 'chat')!.textContent!.trim()).to.equal('Chat with Lin Wei 林伟');
    await expect(departed).to.be.accessible();

    const unknown = await businessCard('emp_nobody');
    const failed = await oneEvent(unknown, 'ix-error');
    expect(failed.detail.error.code).to.equal('not_found');
    await unknown.updateComplete;
    expect(unknown.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(
      'This business card is not available.',
    );
    await expect(unknown).to.be.accessible();
  });

  it('"Chat with me" opens the page launcher on a conversation assigned to that employee', async () => {
    const { url, corp, employees } = await backendInfo();
    const page = await fixture<HTMLElement>(html`<div>
      <ix-business-card endpoint=${url} corp=${corp} employee=${employees.sara}></ix-business-card>
      <ix-launcher endpoint=${url} corp=${corp}></ix-launcher>
    </div>`);
    const element = page.querySelector('ix-business-card')!;
    const launcher = page.querySelector<IxLauncher>('ix-launcher')!;
    await loaded(element);
    const opened = oneEvent(launcher, 'ix-ready');
    part(element, 'chat')!.click();
    await opened;
    expect(launcher.employee).to.equal(employees.sara);
    const chat = launcher.shadowRoot!.querySelector('ix-chat-window')!;
    await composerReady(chat);
    await typeAndSend(chat, 'Hello Sara');
    await until(() => chat.feed?.messages.length === 1, 10000, 'the message');
    expect(chat.feed!.conversation!.assignee!.id).to.equal(employees.sara);
    const sara = await employeeClient(employees.sara);
    try {
      const { conversations } = await sara.request('conversation:list', {});
      const mine = conversations.find((conversation) => conversation.id === chat.feed!.conversationId);
      expect(mine?.assignee?.id).to.equal(employees.sara);
    } finally {
      sara.close();
    }
  });
});
