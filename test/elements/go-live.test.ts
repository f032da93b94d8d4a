import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { until } from './backend.js';
import { openFrame, sendFromLauncher, shadow } from './host-frames.js';

interface Probe {
  violations: string[];
  errors: string[];
  consoleErrors: string[];
  kitErrors: Array<{ tag: string; code: string; message: string }>;
}
type HostWindow = Window & typeof globalThis & { __probe: Probe };

/** One of the company's pages (`/go-live.html`, served from the origin the company allowed), in an iframe. */
const companyPage = (as: 'customer' | 'employee') =>
  openFrame<HostWindow>(`/go-live.html?as=${as}`, 'width: 1100px; height: 800px; border: 0');

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

  before(async function () {
    // A production backend starts in its own process and the CLI onboards it: on a busy 2-core machine that takes
    // longer than one test's limit. The loop is the bound: 8 answers of at most 10 s each.
    this.timeout(8 * 10_000 + 10_000);
    for (let attempt = 0; attempt < 8; attempt++) {
      const answer = await executeServerCommand<{ transcript: string[] } | { starting: true }, undefined>(
        'go-live-setup',
      );
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
    const chat = await sendFromLauncher(
      customer.doc.querySelector('ix-launcher') as HTMLElement & { open(): void },
      'Hello, is the oolong in stock?',
    );

    const employee = await companyPage('employee');
    const workbench = employee.doc.querySelector('ix-workbench')!;
    const row = () =>
      [...(workbench.shadowRoot?.querySelectorAll<HTMLButtonElement>('.conversation') ?? [])].find((button) =>
        button.textContent?.includes('oolong in stock'),
      );
    await until(() => !!row(), 15000, 'the conversation in Tom’s inbox');
    row()!.click();
    const reply = () => shadow(workbench, 'ix-chat-window');
    await until(
      () => shadow(reply(), 'textarea[part="input"]')?.hasAttribute('disabled') === false,
      15000,
      'Tom’s composer',
    );
    const answer = shadow(reply(), 'textarea[part="input"]') as HTMLTextAreaElement;
    answer.value = 'Yes, 40 tins left.';
    (shadow(reply(), 'form.composer') as HTMLFormElement).requestSubmit();

    const bubbles = () =>
      [...(chat()?.shadowRoot?.querySelectorAll('.message') ?? [])].map((message) => message.textContent ?? '');
    await until(
      () => bubbles().some((text) => text.includes('Yes, 40 tins left.')),
      15000,
      'the answer on the customer’s page',
    );
    expect(bubbles().find((text) => text.includes('Yes, 40 tins left.'))).to.contain('Tom Berg');

    for (const page of [customer, employee])
      expect(clean(page.win)).to.deep.equal({ violations: [], errors: [], consoleErrors: [], kitErrors: [] });
  });
});
