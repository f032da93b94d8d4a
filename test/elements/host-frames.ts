import { until } from './backend.js';

/** A company's page in an iframe, loaded. */
export async function openFrame<W extends Window>(
  src: string,
  css = 'width: 900px; height: 700px; border: 0',
): Promise<{ frame: HTMLIFrameElement; win: W; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = css;
  frame.src = src;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as W, doc: frame.contentDocument! };
}

export const shadow = (element: Element | null | undefined, selector: string) =>
  element?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

/** Opens a page's launcher and sends `text` from its chat window as a visitor would; resolves once it is stored. */
export async function sendFromLauncher(
  launcher: HTMLElement & { open(): void },
  text: string,
): Promise<() => HTMLElement | null> {
  launcher.open();
  const chat = () => shadow(launcher, 'ix-chat-window');
  await until(
    () => shadow(chat(), 'textarea[part="input"]')?.hasAttribute('disabled') === false,
    15000,
    'the chat to be ready',
  );
  (shadow(chat(), 'textarea[part="input"]') as HTMLTextAreaElement).value = text;
  (shadow(chat(), 'form.composer') as HTMLFormElement).requestSubmit();
  await until(
    () => !!chat()!.shadowRoot!.querySelector('.message.own[data-state="sent"]'),
    10000,
    'the message to be stored',
  );
  return chat;
}
