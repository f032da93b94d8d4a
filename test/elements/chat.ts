import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { IxChatWindow } from '../../src/elements/chat-window/chat-window.js';
import type { IxProvider } from '../../src/elements/provider/provider.js';
import { backendInfo, until } from './backend.js';

// Helpers for tests that drive a chat window as a user would. Types only from the kit: a test page that checks what
// an element loads must not have the chat window or socket.io loaded by its helpers. (Callers define the elements.)

/** A visitor's chat window inside a provider, connected. */
export async function visitorWindow(): Promise<{ provider: IxProvider; chat: IxChatWindow }> {
  const { url, corp } = await backendInfo();
  const provider = await fixture<IxProvider>(
    html`<ix-provider endpoint=${url} corp=${corp}><ix-chat-window></ix-chat-window></ix-provider>`,
  );
  const chat = provider.querySelector('ix-chat-window')!;
  await until(() => provider.client?.status === 'online', 10000, 'the visitor to connect');
  return { provider, chat };
}

/** Waits until the composer is there and enabled (a pre-chat form, a closed conversation or no session hide it). */
export async function composerReady(chat: IxChatWindow): Promise<void> {
  await until(
    () => chat.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[part="input"]')?.disabled === false,
    10000,
    'the composer to be ready',
  );
}

/** Types into the composer and presses Enter. */
export async function typeAndSend(chat: IxChatWindow, text: string): Promise<void> {
  chat.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[part="input"]')!.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

/** How many messages the window shows as stored by the server. */
export const sentCount = (chat: IxChatWindow) =>
  chat.shadowRoot!.querySelectorAll('.message[data-state="sent"]').length;
