import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/provider/define.js';
import '../../src/elements/chat-window/define.js';
import '../../src/elements/workbench/define.js';
import type { IxBusinessCard } from '../../src/elements/business-card/business-card.js';
import type { IxPayButton } from '../../src/elements/pay-button/pay-button.js';
import type { IxProductCard } from '../../src/elements/product-card/product-card.js';
import type { IxWorkbench } from '../../src/elements/workbench/workbench.js';
import { employeeClient, forgetVisitor, until } from './backend.js';
import { composerReady, typeAndSend, visitorWindow } from './chat.js';

const part = (element: Element, name: string) =>
  element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

describe('commerce in the conversation', () => {
  beforeEach(() => forgetVisitor());
  afterEach(async () => {
    fixtureCleanup();
  });

  it('the employee sends their card and a product from the composer; the customer buys in the chat; both sides see the payment', async () => {
    const { chat: visitor } = await visitorWindow();
    await composerReady(visitor);
    await typeAndSend(visitor, 'Do you have a gift box?');
    await until(() => visitor.feed?.messages.length === 1, 10000, 'the question');
    const staff = await employeeClient(visitor.feed!.conversation!.assignee!.id);
    try {
      const workbench = await fixture<IxWorkbench>(
        html`<ix-workbench .client=${staff} selected=${visitor.feed!.conversationId}></ix-workbench>`,
      );
      const employeeChat = workbench.shadowRoot!.querySelector('ix-chat-window')!;
      await composerReady(employeeChat);

      // "Send my card": the customer gets the live business card.
      part(employeeChat, 'send-card')!.click();
      const card = () => visitor.shadowRoot!.querySelector<IxBusinessCard>('.message.peer ix-business-card');
      await until(() => !!card() && !!part(card()!, 'name'), 10000, 'the business card in the visitor chat');
      expect(card()!.getAttribute('layout')).to.equal('compact');

      // "Send a product": search the catalog, pick the gift box.
      part(employeeChat, 'send-product')!.click();
      await until(
        () => !!employeeChat.shadowRoot!.querySelector('[part="product-picker"] button[data-product]'),
        10000,
        'the catalog',
      );
      employeeChat.shadowRoot!.querySelector<HTMLInputElement>('[part="product-picker"] input')!.focus();
      await sendKeys({ type: 'gift' });
      const giftBox = () =>
        employeeChat.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="product-picker"] button[data-product]');
      await until(() => giftBox().length === 1, 10000, 'the search result');
      expect(giftBox()[0]!.dataset.product).to.equal('gift-box');
      await expect(workbench).to.be.accessible();
      giftBox()[0]!.click();

      const product = () => visitor.shadowRoot!.querySelector<IxProductCard>('.message.peer ix-product-card');
      await until(() => !!product() && !!part(product()!, 'price'), 10000, 'the product card in the visitor chat');
      const ownCopy = () => employeeChat.shadowRoot!.querySelector<IxProductCard>('ix-product-card');
      await until(() => !!ownCopy() && !!part(ownCopy()!, 'price'), 10000, "the employee's copy");
      expect(ownCopy()!.hasAttribute('no-buy'), 'employees do not get a Buy button').to.equal(true);
      expect(part(ownCopy()!, 'buy')).to.equal(null);

      // The customer buys from the card in the chat, and pays on their phone.
      const pay = () => part(product()!, 'buy') as IxPayButton | null;
      await until(
        () => !!pay() && !!pay()!.shadowRoot && !part(pay()!, 'button')?.hasAttribute('disabled'),
        10000,
        'the Buy button',
      );
      part(pay()!, 'button')!.click();
      await until(() => pay()!.status === 'requires_action', 10000, 'the QR code');
      expect(pay()!.order!.conversationId, 'the purchase reports to this conversation').to.equal(
        visitor.feed!.conversationId,
      );
      await executeServerCommand('sandbox-pay', {
        url: pay()!.order!.nextAction!.url,
        form: { card: '4242424242424242' },
      });
      await until(() => pay()!.status === 'succeeded', 10000, 'the payment');

      const paymentRow = () => visitor.shadowRoot!.querySelector('.message.payment[data-payment-status="succeeded"]');
      await until(() => !!paymentRow(), 10000, 'the payment status message');
      const amount = '¥388.00';
      expect(paymentRow()!.textContent!.trim()).to.equal(`Payment received · Tasting gift box · ${amount}`);
      const order = () => workbench.shadowRoot!.querySelector(`.order[data-id="${pay()!.order!.id}"]`);
      await until(() => order()?.getAttribute('data-status') === 'succeeded', 10000, 'the order in the workbench');
      await expect(visitor).to.be.accessible();
      await expect(workbench).to.be.accessible();
    } finally {
      staff.close();
    }
  });
});
