import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/product-card/define.js';
import '../../src/elements/launcher/define.js';
import '../../src/elements/provider/define.js';
import '../../src/elements/chat-window/define.js';
import type { IxProductCard } from '../../src/elements/product-card/product-card.js';
import type { IxLauncher } from '../../src/elements/launcher/launcher.js';
import { backendInfo, employeeClient, forgetVisitor, until } from './backend.js';

async function card(product: string, lang = 'en'): Promise<IxProductCard> {
  const { url, corp } = await backendInfo();
  return fixture<IxProductCard>(
    html`<ix-product-card endpoint=${url} corp=${corp} product=${product} lang=${lang}></ix-product-card>`,
  );
}
const part = (element: IxProductCard, name: string) => element.shadowRoot!.querySelector(`[part~="${name}"]`);

describe('ix-product-card', () => {
  beforeEach(() => forgetVisitor());
  afterEach(async () => {
    fixtureCleanup();
  });

  it('shows the catalog product with its price formatted from minor units, and is accessible while loading and loaded', async () => {
    const element = await card('longjing-250');
    expect(element.shadowRoot!.querySelector('[aria-busy="true"]'), 'a loading skeleton first').to.not.equal(null);
    await expect(element).to.be.accessible();
    await until(() => !!part(element, 'title'), 10000, 'the product');
    expect(part(element, 'title')!.textContent).to.equal('West Lake Longjing, 250 g');
    const expected = '¥168.00';
    expect(part(element, 'price')!.textContent).to.equal(expected);
    expect(part(element, 'availability')!.textContent).to.equal('In stock');
    expect((part(element, 'view') as HTMLAnchorElement).href).to.equal(new URL('/', location.href).href);
    // Its picture, from the catalog: a relative URL is the backend's, whatever page embeds the card (this test page
    // is on another origin than the backend, and has no /images).
    const { url } = await backendInfo();
    expect((part(element, 'image') as HTMLImageElement).src).to.equal(new URL('/images/longjing-250.jpg', url).href);
    await expect(element).to.be.accessible();
  });

  it('formats for the reader’s language, and says so when the product does not exist', async () => {
    const chinese = await card('gift-box', 'zh-CN');
    await until(() => part(chinese, 'contact')?.textContent === '咨询此商品', 10000, 'the Chinese card');
    expect(part(chinese, 'price')!.textContent).to.equal('¥388.00');

    const missing = await card('no-such-tea');
    const failed = await oneEvent(missing, 'ix-error');
    expect(failed.detail.error.code).to.equal('not_found');
    await missing.updateComplete;
    expect(missing.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.equal('This product is not available.');
    await expect(missing).to.be.accessible();
  });

  it('"Contact sales about this" opens the page launcher with the product as context (unless cancelled)', async () => {
    const { url, corp } = await backendInfo();
    const page = await fixture<HTMLElement>(html`<div>
      <ix-product-card endpoint=${url} corp=${corp} product="tieguanyin-200"></ix-product-card>
      <ix-launcher endpoint=${url} corp=${corp}></ix-launcher>
    </div>`);
    const element = page.querySelector('ix-product-card')!;
    const launcher = page.querySelector<IxLauncher>('ix-launcher')!;
    await until(() => !!part(element, 'contact'), 10000, 'the card');

    element.addEventListener('ix-contact-sales', (event) => event.preventDefault(), { once: true });
    (part(element, 'contact') as HTMLButtonElement).click();
    await launcher.updateComplete;
    expect(launcher.isOpen, 'a host that handles the event keeps the launcher shut').to.equal(false);

    const opened = oneEvent(launcher, 'ix-open');
    (part(element, 'contact') as HTMLButtonElement).click();
    await opened;
    expect(launcher.product).to.equal('tieguanyin-200');
  });

  it('a product card an employee sends shows in the visitor’s chat as a live card from the catalog', async () => {
    const { url, corp } = await backendInfo();
    const provider = await fixture<HTMLElement>(
      html`<ix-provider endpoint=${url} corp=${corp}><ix-chat-window></ix-chat-window></ix-provider>`,
    );
    const chat = provider.querySelector('ix-chat-window')!;
    await until(() => !chat.shadowRoot!.querySelector('textarea')?.disabled, 10000, 'the composer');
    chat.shadowRoot!.querySelector('textarea')!.value = 'Any gift ideas?';
    chat.shadowRoot!.querySelector<HTMLFormElement>('form.composer')!.requestSubmit();
    await until(() => chat.feed?.messages.length === 1, 10000, 'the question');
    const staff = await employeeClient(chat.feed!.conversation!.assignee!.id);
    try {
      await staff.request('message:send', {
        conversationId: chat.feed!.conversationId,
        clientId: crypto.randomUUID(),
        content: { kind: 'product_card', body: { productId: 'gift-box' } },
      });
      const live = () => chat.shadowRoot!.querySelector<IxProductCard>('.message.peer ix-product-card');
      await until(() => !!live() && !!part(live()!, 'price'), 10000, 'the live card');
      expect(part(live()!, 'title')!.textContent).to.equal('Tasting gift box');
      expect(part(live()!, 'price')!.textContent).to.equal('¥388.00');
      await expect(chat).to.be.accessible();
    } finally {
      staff.close();
    }
  });
});
