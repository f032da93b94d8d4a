import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { InteropClient } from '../../src/client/index.js';
import '../../src/elements/workbench/define.js';
import type { IxWorkbench } from '../../src/elements/workbench/workbench.js';
import { employeeClient, employeeId, until } from './backend.js';

const SETTINGS_ONLY = JSON.stringify([{ type: 'settings', span: 'full' }]);

describe('ix-workbench: the settings tile (admin console)', () => {
  const clients: InteropClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    fixtureCleanup();
  });

  async function settings(who: 'lin' | 'sara' = 'lin', lang = 'en') {
    const client = await employeeClient(await employeeId(who));
    clients.push(client);
    const workbench = await fixture<IxWorkbench>(
      html`<ix-workbench .client=${client} layout=${SETTINGS_ONLY} lang=${lang}></ix-workbench>`,
    );
    const root = workbench.shadowRoot!;
    return {
      client,
      workbench,
      root,
      $: <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector),
    };
  }
  const saved = (root: ShadowRoot) => root.querySelector('.settings [role="status"]')?.textContent === 'Saved.';

  it('is for admins: an agent is told so, and the admin events refuse them', async () => {
    const { root, client } = await settings('sara');
    await until(
      () => root.querySelector('.tile-settings p')?.textContent === 'The company’s settings are for its admins.',
      10000,
      'the note',
    );
    await client.request('admin:console', {}).then(
      () => expect.fail('an agent read the console'),
      (error: { code: string }) => expect(error.code).to.equal('forbidden'),
    );
  });

  it('changes the company’s name and accent colour, by keyboard; is accessible', async () => {
    const { workbench, root, $, client } = await settings();
    await until(() => !!$('.settings'), 10000, 'the settings');
    await expect(workbench).to.be.accessible();
    const name = $<HTMLInputElement>('input[name="name"]')!;
    name.focus();
    name.select();
    await sendKeys({ type: 'Acme Tea & Co.' });
    $<HTMLInputElement>('input[name="use-accent"]')!.click();
    const accent = $<HTMLInputElement>('input[name="accent"]')!;
    accent.value = '#0a7d5a';
    name.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => saved(root), 10000, 'saved');
    const info = await client.request('corp:info', {});
    expect([info.name, info.brand.accentColor]).to.deep.equal(['Acme Tea & Co.', '#0a7d5a']);
  });

  it('adds an origin (as typed in the address bar), checks origins with the reason, and removes it', async () => {
    const { root, $ } = await settings();
    await until(() => !!$('.settings'), 10000, 'the settings');
    const originInput = $<HTMLInputElement>('input[name="origin"]')!;
    originInput.value = 'https://shop.acme.example/teas/';
    originInput.form!.requestSubmit();
    await until(
      () =>
        [...root.querySelectorAll('.origins code')].some((code) => code.textContent === 'https://shop.acme.example'),
      10000,
      'the origin listed',
    );
    const check = $<HTMLInputElement>('input[name="check"]')!;
    check.value = 'https://evil.example';
    check.form!.requestSubmit();
    await until(() => !!$('.origin-check'), 10000, 'the check');
    expect($('.origin-check')!.textContent).to.match(
      /^Refused: https:\/\/evil\.example is not among .*allowed origins; an admin of .* must add it/,
    );
    check.value = 'https://shop.acme.example';
    check.form!.requestSubmit();
    await until(() => $('.origin-check')?.dataset.allowed === 'true', 10000, 'allowed');
    [...root.querySelectorAll<HTMLButtonElement>('.origins button')]
      .find((button) => button.textContent?.includes('https://shop.acme.example'))!
      .click();
    await until(
      () =>
        ![...root.querySelectorAll('.origins code')].some((code) => code.textContent === 'https://shop.acme.example'),
      10000,
      'the origin removed',
    );
    expect(root.querySelectorAll('.origins code').length, 'the test pages’ own origins stay').to.be.greaterThan(0);
  });

  it('sets business hours and a pre-chat form that the chat then uses', async () => {
    const { root, $, client } = await settings();
    await until(() => !!$('.settings'), 10000, 'the settings');
    $<HTMLInputElement>('input[name="always"]')!.click();
    $<HTMLInputElement>('input[name="timezone"]')!.value = 'Asia/Shanghai';
    $<HTMLInputElement>('input[name="open-1"]')!.click();
    $<HTMLInputElement>('input[name="from-1"]')!.value = '08:30';
    $<HTMLInputElement>('input[name="always"]')!.form!.requestSubmit();
    const stored = async () => (await client.request('admin:console', {})).settings;
    await until(async () => (await stored()).businessHours !== null && saved(root), 10000, 'hours saved');
    const enabled = $<HTMLInputElement>('input[name="enabled"]')!;
    enabled.click();
    $<HTMLTextAreaElement>('textarea[name="consent"]')!.value = 'We keep your name to answer you.';
    enabled.form!.requestSubmit();
    await until(async () => (await stored()).prechat !== null, 10000, 'the form saved');
    const view = await client.request('admin:console', {});
    expect(view.settings.businessHours).to.deep.equal({
      timezone: 'Asia/Shanghai',
      weekly: { '1': [['08:30', '18:00']] },
    });
    expect(view.settings.prechat).to.deep.equal({
      fields: ['name', 'email'],
      consentText: 'We keep your name to answer you.',
    });
    await client.request('admin:settings', { businessHours: null, prechat: null });
  });

  it('edits the first screen inline: a greeting and topics, one per line; an empty greeting goes back to the kit’s', async () => {
    const { root, $, client } = await settings();
    await until(() => !!$('textarea[name="greeting"]'), 10000, 'the settings');
    const greeting = $<HTMLTextAreaElement>('textarea[name="greeting"]')!;
    greeting.value = 'Hello from Acme!';
    $<HTMLTextAreaElement>('textarea[name="topics"]')!.value = 'Where is my order?\n\n  Wholesale  \n';
    greeting.form!.requestSubmit();
    const stored = async () => (await client.request('admin:console', {})).settings.welcome;
    await until(async () => (await stored()) !== null && saved(root), 10000, 'saved');
    expect(await stored()).to.deep.equal({ greeting: 'Hello from Acme!', topics: ['Where is my order?', 'Wholesale'] });
    await until(
      () => $<HTMLTextAreaElement>('textarea[name="topics"]')?.value === 'Where is my order?\nWholesale',
      10000,
      'shown as saved',
    );
    $<HTMLTextAreaElement>('textarea[name="greeting"]')!.value = '';
    $<HTMLTextAreaElement>('textarea[name="greeting"]')!.form!.requestSubmit();
    await until(async () => (await stored()) === null, 10000, 'cleared');
  });

  it('sets the customer-transfer rules inline: the window, the limit per period, a capacity (empty: none)', async () => {
    const { root, $, client } = await settings();
    await until(() => !!$('input[name="windowHours"]'), 10000, 'the settings');
    expect($<HTMLInputElement>('input[name="windowHours"]')!.value, 'WeCom’s defaults').to.equal('24');
    expect($<HTMLInputElement>('input[name="customerCapacity"]')!.value).to.equal('');
    $<HTMLInputElement>('input[name="windowHours"]')!.value = '48';
    $<HTMLInputElement>('input[name="customerCapacity"]')!.value = '300';
    $<HTMLInputElement>('input[name="windowHours"]')!.form!.requestSubmit();
    const stored = async () => (await client.request('admin:console', {})).settings.transferRules;
    await until(async () => (await stored()).windowHours === 48 && saved(root), 10000, 'saved');
    expect(await stored()).to.deep.equal({ windowHours: 48, maxPerCustomer: 2, periodDays: 90, customerCapacity: 300 });
    await client.request('admin:settings', { transferRules: null });
  });

  it('sets single sign-on inline (no CLI hint), shows the redirect URI to register, and turns it off', async () => {
    const { root, $, client } = await settings();
    await until(() => !!$('input[name="sso-issuer"]'), 10000, 'the settings');
    expect(root.querySelector('.settings')!.textContent).to.not.contain('npm run admin');
    const fill = (name: string, value: string) => ($<HTMLInputElement>(`input[name="${name}"]`)!.value = value);
    fill('sso-name', 'Acme Okta');
    fill('sso-issuer', 'http://127.0.0.1:9/oidc');
    fill('sso-client', 'interop');
    fill('sso-secret', 'a-client-secret');
    $<HTMLInputElement>('input[name="sso-issuer"]')!.form!.requestSubmit();
    const stored = async () => (await client.request('admin:console', {})).sso;
    await until(async () => (await stored())?.displayName === 'Acme Okta', 10000, 'saved');
    await until(() => (root.textContent ?? '').includes('/sso/callback'), 10000, 'the redirect URI shown');
    expect($<HTMLInputElement>('input[name="sso-secret"]')!.value, 'the secret is never shown back').to.equal('');
    await expect(root.host).to.be.accessible();
    [...root.querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent === 'Turn single sign-on off')!
      .click();
    await until(async () => (await stored()) === null, 10000, 'off');
  });

  it('adds an employee, changes a role, and makes an API key shown once, then revokes it', async () => {
    const { root, $, client } = await settings();
    await until(() => !!$('.settings'), 10000, 'the settings');
    const form = $<HTMLInputElement>('input[name="id"]')!.form!;
    (form.elements.namedItem('id') as HTMLInputElement).value = 'kim.ito';
    (form.elements.namedItem('name') as HTMLInputElement).value = 'Kim Ito';
    (form.elements.namedItem('email') as HTMLInputElement).value = 'kim@acme.example';
    form.requestSubmit();
    await until(() => !!root.querySelector('.people li[data-id="kim.ito"]'), 10000, 'Kim listed');
    const sara = await employeeId('sara');
    const role = root.querySelector<HTMLSelectElement>(`.people li[data-id="${sara}"] select`)!;
    role.value = 'admin';
    role.dispatchEvent(new Event('change'));
    await until(
      async () =>
        (await client.request('team:list', {})).employees.some(
          (member) => member.id === sara && member.role === 'admin',
        ),
      10000,
      'Sara an admin',
    );

    const keyForm = root.querySelector<HTMLInputElement>('.keys ~ form input[name="name"]')!.form!;
    (keyForm.elements.namedItem('name') as HTMLInputElement).value = 'Warehouse';
    (keyForm.elements.namedItem('scope') as HTMLSelectElement).value = 'write';
    keyForm.requestSubmit();
    await until(() => !!$('.new-key code'), 10000, 'the new key');
    expect($('.new-key code')!.textContent).to.match(/^ixk_[\w-]{40,}$/);
    const listed = () => [...root.querySelectorAll('.keys li')].find((item) => item.textContent?.includes('Warehouse'));
    await until(() => !!listed(), 10000, 'the key listed');
    expect(listed()!.textContent).to.not.contain($('.new-key code')!.textContent!, 'the list shows the prefix only');
    listed()!.querySelector('button')!.click();
    await until(() => listed()?.textContent?.includes('revoked') ?? false, 10000, 'revoked');
  });

  it('speaks Chinese', async () => {
    const { $, workbench } = await settings('lin', 'zh-CN');
    await until(() => !!$('.settings'), 10000, 'the settings');
    expect(
      [...workbench.shadowRoot!.querySelectorAll('.settings legend')].map((legend) => legend.textContent),
    ).to.include.members(['企业', '允许的来源', '营业时间', '员工与角色', 'API 密钥']);
    await expect(workbench).to.be.accessible();
  });
});
