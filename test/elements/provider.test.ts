import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
// Only the chat window is defined up front: the provider's module arrives later, as on a page that loads it last.
import '../../src/elements/chat-window/define.js';
import { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import { define } from '../../src/elements/base/define.js';
import { backendInfo, forgetVisitor, until } from './backend.js';

describe('ix-provider', () => {
  beforeEach(() => forgetVisitor());
  afterEach(() => fixtureCleanup());

  it('reaches children that upgraded before it did', async () => {
    const { url, corp } = await backendInfo();
    const provider = await fixture(html`<ix-provider endpoint=${url} corp=${corp}><ix-chat-window></ix-chat-window></ix-provider>`);
    const chat = provider.querySelector('ix-chat-window')!;
    expect(customElements.get('ix-provider')).to.equal(undefined);
    expect(chat.shadowRoot!.querySelector('.notice')?.textContent).to.contain('Not connected');

    await import('../../src/elements/provider/define.js');
    await until(() => !chat.shadowRoot!.querySelector('textarea')!.disabled, 10000, 'the chat window to get the provider’s client');
    expect(chat.shadowRoot!.querySelector('h2')?.textContent).to.equal('Acme Tea Co.');
    expect(getComputedStyle(provider).display).to.equal('contents');
  });

  it('a second registration of a tag is skipped instead of throwing', () => {
    class AnotherCopy extends IxChatWindow {}
    expect(() => define('ix-chat-window', AnotherCopy)).not.to.throw();
    expect(customElements.get('ix-chat-window')).to.equal(IxChatWindow);
  });
});
