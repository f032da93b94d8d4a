import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import { backendInfo, until } from './backend.js';
import { openFrame, sendFromLauncher, shadow } from './host-frames.js';

interface Probe {
  kitErrors: Array<{ tag: string; code: string; reason?: string; message: string }>;
  violations: string[];
  errors: string[];
  warnings: string[];
  globalsBefore: string[];
  clicks: number;
  refusedScripts: string[];
}
type HostWindow = Window & typeof globalThis & { __probe: Probe };

/**
 * Globals the kit's libraries create on import and the kit cannot avoid: lit's version registries and property
 * metadata, and zod's shared config. Named one by one, so any other global fails the test.
 */
const LIBRARY_GLOBALS = [
  'litHtmlVersions',
  'reactiveElementVersions',
  'litElementVersions',
  'litPropertyMetadata',
  '__zod_globalConfig',
];

/**
 * A company's page, in an iframe: plain HTML under `script-src 'self'; style-src 'self'; connect-src` the backend,
 * loading the CDN build with one `<script type="module">` (served by the backend plugin, see its `serve`).
 */
async function hostPage(
  scenario: 'csp' | 'twice' | 'offline',
): Promise<{ frame: HTMLIFrameElement; win: HostWindow; doc: Document }> {
  const { corp, employees } = await backendInfo();
  const page = await openFrame<HostWindow>(
    `/host-page.html?scenario=${scenario}&corp=${corp}&employee=${employees.lin}`,
  );
  const { win } = page;
  await until(
    () => (!!win.__probe && !!win.customElements.get('ix-launcher')) || !!win.customElements.get('ix-product-card'),
    10000,
    'the kit to load',
  );
  return page;
}

describe('host-page citizenship (CDN build)', () => {
  afterEach(async () => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('works under a strict CSP with no violation: chat, cards and the QR code', async () => {
    const { win, doc } = await hostPage('csp');
    await sendFromLauncher(
      doc.querySelector('ix-launcher') as HTMLElement & { open(): void },
      'Hello from a strict page',
    );

    const card = doc.querySelector('ix-product-card')!;
    await until(() => !!shadow(card, '[part~="price"]'), 10000, 'the product card');
    const businessCard = doc.querySelector('ix-business-card')!;
    await until(() => !!shadow(businessCard, '[part~="qr-toggle"]'), 10000, 'the business card');
    shadow(businessCard, '[part~="qr-toggle"]')!.click();
    await until(() => !!shadow(businessCard, '[part~="qr"]'), 10000, 'the QR code');

    expect(win.__probe.violations, 'CSP violations').to.deep.equal([]);
    expect(win.__probe.errors, 'uncaught errors').to.deep.equal([]);
  });

  it('adds no global CSS and no globals but the custom elements (and its libraries’ own registries)', async () => {
    const { win, doc } = await hostPage('csp');
    await until(() => !!shadow(doc.querySelector('ix-product-card'), '[part~="price"]'), 10000, 'the card to render');
    const added = Object.getOwnPropertyNames(win).filter((name) => !win.__probe.globalsBefore.includes(name));
    expect(added.filter((name) => name !== '__probe' && !LIBRARY_GLOBALS.includes(name))).to.deep.equal([]);
    expect(doc.querySelectorAll('style, link[rel="stylesheet"]').length, 'no stylesheet in the document').to.equal(0);
    expect(doc.adoptedStyleSheets.length, 'no adopted sheet on the document').to.equal(0);
    // The page's own elements keep the page's styles: nothing restyled the heading.
    expect(win.getComputedStyle(doc.querySelector('h1')!).fontSize).to.equal('32px');
  });

  it('loads twice on one page (two copies of the kit) without an error, and the elements work', async () => {
    const { win, doc } = await hostPage('twice');
    const card = doc.querySelector('ix-product-card')!;
    await until(() => !!shadow(card, '[part~="price"]'), 10000, 'the product card');
    expect(win.__probe.errors).to.deep.equal([]);
    expect(
      win.__probe.warnings.filter((warning) => warning.includes('already defined')),
      'same version: silently skipped',
    ).to.deep.equal([]);

    // The launcher is the other copy's, and still takes this copy's provider's connection (its unread badge follows
    // it, and it hands it to its chat window).
    const launcher = doc.querySelector('ix-launcher') as HTMLElement & { open(): void };
    const provider = doc.querySelector('ix-provider') as HTMLElement & { client?: object };
    launcher.open();
    const chat = () => shadow(launcher, 'ix-chat-window') as (HTMLElement & { client?: object }) | null;
    await until(
      () => !!provider.client && chat()?.client === provider.client,
      15000,
      'the launcher to hand the provider’s client to its chat',
    );
    await until(
      () => shadow(chat(), 'textarea')?.hasAttribute('disabled') === false,
      15000,
      'the launcher’s chat to connect',
    );
    expect(win.__probe.errors).to.deep.equal([]);
  });

  it('says what is wrong when the company has not allowed the page’s origin: in the window, to the page, in the message', async () => {
    await executeServerCommand('corp-origins', { origins: [] });
    try {
      const { win, doc } = await hostPage('csp');
      const launcher = doc.querySelector('ix-launcher') as HTMLElement & { open(): void };
      launcher.open();
      const chat = () => shadow(launcher, 'ix-chat-window');
      const notice = () => shadow(chat(), '[part~="notice"]')?.textContent ?? '';
      await until(() => notice().includes('the company'), 15000, 'the window to say why');
      expect(notice()).to.contain(
        `Chat is not available on ${win.location.origin}: the company's admin must allow this address`,
      );
      await until(
        () => win.__probe.kitErrors.some((error) => error.tag === 'ix-product-card'),
        15000,
        'the card to report it',
      );
      expect(shadow(doc.querySelector('ix-product-card'), '.error')?.textContent).to.contain('must allow this origin');
      const refusals = () => win.__probe.kitErrors.filter((error) => error.reason === 'origin_not_allowed');
      const everyElement = ['ix-launcher', 'ix-chat-window', 'ix-product-card', 'ix-business-card'];
      await until(
        () => everyElement.every((tag) => refusals().some((error) => error.tag === tag)),
        15000,
        'every element to report it',
      );
      expect(refusals().every((error) => error.code === 'forbidden')).to.equal(true);
      // What the developer reads: the origin, and how the company allows it.
      expect(refusals()[0]!.message).to.contain(`Pages on ${win.location.origin} may not use`);
      expect(refusals()[0]!.message).to.contain('corp origin add');
      expect(win.__probe.errors, 'nothing thrown at the page').to.deep.equal([]);
    } finally {
      await executeServerCommand('corp-origins', {});
    }
  });

  it('pins the kit with Subresource Integrity, and a module that does not match is refused without breaking the page', async () => {
    const { win, doc } = await hostPage('csp');
    const entry = doc.querySelector<HTMLScriptElement>('script[src="/test-results/cdn/all.js"]')!;
    expect(entry.integrity).to.match(/^sha384-[\w+/]+=*$/);
    // The import map pins every chunk too: the ones loaded so far (the connection, a language pack) passed.
    const map = JSON.parse(doc.querySelector('script[type="importmap"]')!.textContent!) as { integrity: object };
    expect(Object.keys(map.integrity).filter((url) => url.includes('/chunks/')).length).to.be.greaterThan(5);
    expect(win.__probe.refusedScripts).to.deep.equal([]);

    const { corp } = await backendInfo();
    const tampered = await openFrame<HostWindow>(`/host-page.html?scenario=tampered&corp=${corp}`);
    expect(tampered.win.__probe.refusedScripts).to.deep.equal(['/test-results/cdn/launcher.js']);
    expect(tampered.win.customElements.get('ix-launcher'), 'the launcher did not run').to.equal(undefined);
    expect(tampered.win.__probe.errors, 'nothing thrown at the page').to.deep.equal([]);
    expect(tampered.win.__probe.violations).to.deep.equal([]);
  });

  it('keeps the host page interactive while the backend is unreachable, and says so in the window', async () => {
    const { frame, win, doc } = await hostPage('offline');
    const launcher = doc.querySelector('ix-launcher') as HTMLElement & { open(): void };
    await until(() => !!shadow(launcher, '[part~="button"]'), 10000, 'the bubble');
    launcher.open();
    // The page goes on working meanwhile, for a real mouse and keyboard: nothing covers or blocks it.
    const at = (element: Element) => {
      const box = element.getBoundingClientRect();
      const offset = frame.getBoundingClientRect();
      return [
        Math.round(offset.left + box.left + box.width / 2),
        Math.round(offset.top + box.top + box.height / 2),
      ] as [number, number];
    };
    await sendMouse({ type: 'click', position: at(doc.getElementById('host-button')!) });
    expect(win.__probe.clicks, 'the click reached the page’s own button').to.equal(1);
    const input = doc.getElementById('host-input') as HTMLInputElement;
    await sendMouse({ type: 'click', position: at(input) });
    await sendKeys({ type: 'still typing' });
    expect(input.value).to.equal('still typing');
    const chat = () => shadow(launcher, 'ix-chat-window');
    await until(
      () =>
        /unavailable|Reconnecting|Connecting|not reachable/i.test(
          shadow(chat(), '[part~="notice"]')?.textContent ?? '',
        ),
      15000,
      'the window to say so',
    );
    expect(win.__probe.errors, 'nothing thrown at the page').to.deep.equal([]);
  });
});
