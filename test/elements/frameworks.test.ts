import { expect } from '@open-wc/testing';
import type { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import type { IxPayButton } from '../../src/elements/pay-button/pay-button.js';
import { FRAMEWORK_HOSTS, hostPage, type FrameworkHost } from '../frameworks/hosts.js';
import { backendInfo, bubbleTexts, forgetVisitor, until } from './backend.js';

const shadow = (element: Element | null | undefined, selector: string) =>
  element?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

/** The framework's app, built by the runner (test/support/framework-hosts.ts), in an iframe. */
async function app(name: FrameworkHost): Promise<Document> {
  const { url, corp } = await backendInfo();
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 900px; border: 0';
  frame.src = `${hostPage(name)}?endpoint=${encodeURIComponent(url)}&corp=${corp}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentDocument!;
}

const eventsText = (doc: Document) => doc.getElementById('events')?.textContent ?? '';

describe('framework hosts', () => {
  beforeEach(() => forgetVisitor());
  afterEach(() => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  for (const name of FRAMEWORK_HOSTS) {
    it(`${name}: properties are set, events reach the app, and re-renders keep the conversation`, async () => {
      const doc = await app(name);
      const card = () => doc.querySelector('ix-product-card');
      await until(
        () => shadow(card(), '[part~="title"]')?.textContent?.includes('Longjing') === true,
        15000,
        'the product card',
      );

      // A property changed by the app's state reaches the element.
      doc.getElementById('switch')!.click();
      await until(
        () => shadow(card(), '[part~="title"]')?.textContent?.includes('Tasting gift box') === true,
        10000,
        'the new product',
      );
      // An event reaches the app's handler, which may cancel it.
      shadow(card(), '[part~="contact"]')!.click();
      await until(() => eventsText(doc).includes('contact:gift-box'), 5000, 'the event in the app');

      const pay = doc.querySelector<IxPayButton>('ix-pay-button')!;
      expect(pay.quantity, 'a number property stays a number').to.equal(2);

      // A conversation, then the app re-renders around it.
      const chat = doc.querySelector<IxChatWindow>('ix-chat-window')!;
      await until(
        () => shadow(chat, 'textarea[part="input"]')?.hasAttribute('disabled') === false,
        15000,
        'the composer',
      );
      (shadow(chat, 'textarea[part="input"]') as HTMLTextAreaElement).value = `Hello from ${name}`;
      (shadow(chat, 'form.composer') as HTMLFormElement).requestSubmit();
      await until(
        () => !!chat.shadowRoot!.querySelector('.message.own[data-state="sent"]'),
        10000,
        'the message stored',
      );
      expect(eventsText(doc)).to.include('send');
      for (let n = 0; n < 3; n++) doc.getElementById('rerender')!.click();
      await until(() => doc.getElementById('renders')?.textContent === 'Renders: 3', 5000, 'the re-renders');
      expect(doc.querySelector('ix-chat-window'), 'the same element').to.equal(chat);
      expect(bubbleTexts(chat)).to.include(`Hello from ${name}`);
      const conversation = chat.feed!.conversationId;
      expect(doc.querySelector<IxChatWindow>('ix-chat-window')!.feed!.conversationId).to.equal(conversation);

      // Events with a detail: the pay button's states arrive in the app.
      shadow(pay, '[part="button"]')!.click();
      await until(() => eventsText(doc).includes('pay:requires_action'), 10000, 'the payment states in the app');
      expect(eventsText(doc)).to.include('pay:creating');
    });
  }
});
