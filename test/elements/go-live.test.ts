import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { until } from './backend.js';

interface Probe {
  violations: string[];
  errors: string[];
  consoleErrors: string[];
  kitErrors: Array<{ tag: string; code: string; message: string }>;
}
type HostWindow = Window & typeof globalThis & { __probe: Probe };

const shadow = (element: Element | null | undefined, selector: string) => element?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

/** One of the company's pages (`/go-live.html`, served from the origin the company allowed), in an iframe. */
async function companyPage(as: 'customer' | 'employee'): Promise<{ win: HostWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1100px; height: 800px; border: 0';
  frame.src = `/go-live.html?as=${as}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return { win: frame.contentWindow as HostWindow, doc: frame.contentDocument! };
}

const clean = (win: HostWindow) => ({
  violations: win.__probe.violations,
  errors: win.__probe.errors,
  consoleErrors: win.__probe.consoleErrors,
  kitErrors: win.__probe.kitErrors,
});

/**
 * The acceptance, end to end: a production backend on a fresh data folder, set up only with the operator CLI;
 * the company's own pages, on the origin it allowed, embed the CDN build; an employee signed in by the company's own
 * login (token exchange with a write key) answers a customer in Chromium, and no page logs an error.
 */
describe('go live (production, CLI onboarding, CDN build, token exchange)', () => {
  let transcript: string[] = [];

  before(async () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const answer = await executeServerCommand<{ transcript: string[] } | { starting: true }, undefined>('go-live-setup');
      if (!('starting' in answer)) {
        transcript = answer.transcript;
        return;
      }
    }
    throw new Error('the production backend did not come up');
  });

  afterEach(() => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('was onboarded by the CLI alone: a company with this origin, two employees, a catalog, a key', () => {
    expect(transcript[0]).to.match(/^Created golive \("Go Live Tea"\)\./);
    expect(transcript[0]).to.contain(`allowed origins: ${location.origin}`);
    expect(transcript[1]).to.contain('Added mei  Mei Chen  <mei@golive.example>  admin');
    expect(transcript[2]).to.contain('Added tom  Tom Berg  <tom@golive.example>  agent  Sales');
    expect(transcript[3]).to.contain('1 new, 0 updated, 0 unchanged');
    expect(transcript[4]).to.match(/"Company server" \([0-9a-f-]{36}, write\)/);
  });

  it('a customer on the company’s page chats with the employee on its workbench page, with no error anywhere', async () => {
    const customer = await companyPage('customer');
    await until(() => !!customer.win.customElements?.get('ix-launcher'), 10000, 'the kit to load');
    const launcher = customer.doc.querySelector('ix-launcher') as HTMLElement & { open(): void };
    launcher.open();
    const chat = () => shadow(launcher, 'ix-chat-window');
    await until(() => shadow(chat(), 'textarea[part="input"]')?.hasAttribute('disabled') === false, 15000, 'the customer’s chat');
    const input = shadow(chat(), 'textarea[part="input"]') as HTMLTextAreaElement;
    input.value = 'Hello, is the oolong in stock?';
    (shadow(chat(), 'form.composer') as HTMLFormElement).requestSubmit();
    await until(() => !!chat()!.shadowRoot!.querySelector('.message.own[data-state="sent"]'), 10000, 'the question to be stored');

    const employee = await companyPage('employee');
    const workbench = employee.doc.querySelector('ix-workbench')!;
    const row = () => [...(workbench.shadowRoot?.querySelectorAll<HTMLButtonElement>('.conversation') ?? [])].find((button) => button.textContent?.includes('oolong in stock'));
    await until(() => !!row(), 15000, 'the conversation in Tom’s inbox');
    row()!.click();
    const reply = () => shadow(workbench, 'ix-chat-window');
    await until(() => shadow(reply(), 'textarea[part="input"]')?.hasAttribute('disabled') === false, 15000, 'Tom’s composer');
    const answer = shadow(reply(), 'textarea[part="input"]') as HTMLTextAreaElement;
    answer.value = 'Yes, 40 tins left.';
    (shadow(reply(), 'form.composer') as HTMLFormElement).requestSubmit();

    const bubbles = () => [...(chat()?.shadowRoot?.querySelectorAll('.message') ?? [])].map((message) => message.textContent ?? '');
    await until(() => bubbles().some((text) => text.includes('Yes, 40 tins left.')), 15000, 'the answer on the customer’s page');
    expect(bubbles().find((text) => text.includes('Yes, 40 tins left.'))).to.contain('Tom Berg');

    for (const page of [customer, employee]) expect(clean(page.win)).to.deep.equal({ violations: [], errors: [], consoleErrors: [], kitErrors: [] });
  });
});
