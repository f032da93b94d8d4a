import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
// Only the chat window and the launcher are defined up front: the provider's module arrives later, as on a page that
// loads it last.
import '../../src/elements/chat-window/define.js';
import '../../src/elements/launcher/define.js';
import { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import { define } from '../../src/elements/base/define.js';
import { backendInfo, forgetVisitor, until } from './backend.js';

describe('ix-provider', () => {
  beforeEach(() => forgetVisitor());
  afterEach(() => fixtureCleanup());

  it('reaches children that upgraded before it did', async () => {
    const { url, corp } = await backendInfo();
    const provider = await fixture<HTMLElementTagNameMap['ix-provider']>(
      html`<ix-provider endpoint=${url} corp=${corp}><ix-chat-window></ix-chat-window><ix-launcher></ix-launcher></ix-provider>`,
    );
    const chat = provider.querySelector('ix-chat-window')!;
    const launcher = provider.querySelector('ix-launcher')!;
    expect(customElements.get('ix-provider')).to.equal(undefined);
    expect(chat.shadowRoot!.querySelector('.notice')?.textContent).to.contain('Not connected');

    await import('../../src/elements/provider/define.js');
    await until(
      () => !chat.shadowRoot!.querySelector('textarea')!.disabled,
      10000,
      'the chat window to get the provider’s client',
    );
    expect(chat.shadowRoot!.querySelector('h2')?.textContent).to.equal('Acme Tea Co.');
    expect(getComputedStyle(provider).display).to.equal('contents');

    // The launcher (no lit, no @lit/context of its own) found the late provider too: its chat uses the shared client.
    launcher.open();
    await until(() => !!launcher.shadowRoot!.querySelector('ix-chat-window'), 10000, 'the launcher’s chat window');
    const launcherChat = launcher.shadowRoot!.querySelector('ix-chat-window')!;
    expect(launcherChat.client).to.equal(provider.client);
    await until(
      () => !launcherChat.shadowRoot!.querySelector('textarea')?.disabled,
      10000,
      'the launcher’s chat to be connected',
    );
  });

  it('a second registration of a tag is skipped instead of throwing', () => {
    class AnotherCopy extends IxChatWindow {}
    expect(() => define('ix-chat-window', AnotherCopy)).not.to.throw();
    expect(customElements.get('ix-chat-window')).to.equal(IxChatWindow);
  });
});
