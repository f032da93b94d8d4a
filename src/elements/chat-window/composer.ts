import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { ConversationFeed } from '../../client/conversation-feed.js';
import { InteropError } from '../../client/interop-error.js';
import { MAX_TEXT_LENGTH, UPLOAD_TYPES } from '../../protocol/limits.js';
import { formatBytes } from '../../protocol/message-text.js';
import type { ChatActions } from './chat-actions.js';
import type * as EmojiPickerModule from './emoji-picker.js';

interface Upload {
  name: string;
  progress: number;
  abort: AbortController;
}

export interface ComposerView {
  canWrite: boolean;
  feed: ConversationFeed | undefined;
  /** The company's upload limit, once known. */
  uploadMaxBytes: number | undefined;
  /** Employees' tools, shown above the composer. */
  tools: TemplateResult | typeof nothing;
}

/**
 * The composer: a text area (Enter sends, Shift+Enter is a new line), the attach button with the upload in progress,
 * and the send button. What is written leaves the text area at once and comes back if it could not be queued.
 */
export class Composer implements ReactiveController {
  readonly #host: ChatActions;
  #upload: Upload | undefined;
  /** The emoji picker's module once loaded (on first open), and whether it shows. */
  #emoji: typeof EmojiPickerModule | undefined;
  #emojiOpen = false;

  constructor(host: ChatActions) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#upload?.abort.abort();
  }

  get #input() {
    return this.#host.renderRoot.querySelector('textarea');
  }

  /** Adds text to what is being written (a quick reply), to be read and changed before it is sent. */
  insert(text: string): void {
    const input = this.#input;
    if (!input) return;
    input.value = input.value ? `${input.value} ${text}` : text;
    input.focus();
  }

  async send(): Promise<void> {
    const input = this.#input;
    if (!input || !this.#host.currentClient()) return;
    const text = input.value.trim();
    if (!text) return;
    if (text.length > MAX_TEXT_LENGTH)
      return this.#host.fail(new InteropError('too_large', this.#host.terms.tooLong(MAX_TEXT_LENGTH)));
    input.value = '';
    // Not queued (failed, or a listener cancelled ix-send): the text goes back, before anything typed meanwhile, and
    // before the window renders the outcome.
    const restore = () => {
      input.value = input.value ? `${text}\n${input.value}` : text;
    };
    await this.#host.attempt(async () => {
      let queued = false;
      try {
        queued = await this.#host.sendContent({ kind: 'text', body: { text } });
      } finally {
        if (!queued) restore();
      }
    });
  }

  async #attach(event: Event, uploadMaxBytes: number | undefined) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    const client = this.#host.currentClient();
    if (!file || !client) return;
    const terms = this.#host.terms;
    const upload: Upload = { name: file.name, progress: 0, abort: new AbortController() };
    if (!UPLOAD_TYPES.includes(file.type)) return this.#host.fail(new InteropError('invalid_payload', terms.fileType));
    if (uploadMaxBytes !== undefined && file.size > uploadMaxBytes) {
      return this.#host.fail(new InteropError('too_large', terms.fileTooLarge(formatBytes(uploadMaxBytes))));
    }
    await this.#host.attempt(async () => {
      this.#upload = upload;
      this.#host.requestUpdate();
      try {
        const result = await client.upload(file, file.name, {
          signal: upload.abort.signal,
          onProgress: (fraction) => {
            upload.progress = fraction;
            this.#host.requestUpdate();
          },
        });
        await this.#host.sendContent({ kind: result.kind, body: { uploadId: result.uploadId, name: result.name } });
      } catch (error) {
        if (!upload.abort.signal.aborted) throw error; // cancelled by the user: nothing to report
      } finally {
        if (this.#upload === upload) this.#upload = undefined;
        this.#host.requestUpdate();
      }
    });
  }

  async #toggleEmoji() {
    this.#emojiOpen = !this.#emojiOpen;
    this.#emoji ??= await this.#host.attempt(() => import('./emoji-picker.js'));
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    if (this.#emojiOpen) this.#host.renderRoot.querySelector<HTMLElement>('.emoji[tabindex="0"]')?.focus();
  }

  #closeEmoji() {
    this.#emojiOpen = false;
    this.#host.requestUpdate();
    this.#host.renderRoot.querySelector<HTMLElement>('.emoji-toggle')?.focus();
  }

  /** Puts the emoji where the caret is (replacing a selection), and goes back to writing. */
  #insertEmoji(emoji: string) {
    const input = this.#input;
    if (!input) return;
    input.setRangeText(emoji, input.selectionStart, input.selectionEnd, 'end');
    this.#emojiOpen = false;
    this.#host.requestUpdate();
    input.focus();
  }

  #onKeydown = (event: KeyboardEvent) => {
    // Enter sends, Shift+Enter is a new line; an IME composing (Chinese, Japanese…) keeps its Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    }
  };

  render({ canWrite, feed, uploadMaxBytes, tools }: ComposerView) {
    const terms = this.#host.terms;
    const upload = this.#upload;
    return html`${
      upload
        ? html`<div class="upload" part="upload">
            <label>
              <span>${terms.uploading(upload.name)}</span>
              <progress max="1" .value=${upload.progress}></progress>
            </label>
            <button class="link-button" type="button" @click=${() => upload.abort.abort()}>${terms.cancelUpload}</button>
          </div>`
        : nothing
    }
      ${tools}
      ${
        this.#emojiOpen && this.#emoji
          ? this.#emoji.renderEmojiPicker(
              terms.emoji,
              (emoji) => this.#insertEmoji(emoji),
              () => this.#closeEmoji(),
            )
          : nothing
      }
      <form part="composer" class="composer" @submit=${(event: Event) => (event.preventDefault(), void this.send())}>
        <label class="attach" part="attach" title=${terms.attach} ?data-disabled=${!canWrite || !!upload}>
          <span class="visually-hidden">${terms.attach}</span>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path fill="currentColor" d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z" />
          </svg>
          <input type="file" accept=${UPLOAD_TYPES.join(',')} ?disabled=${!canWrite || !!upload}
            @change=${(event: Event) => void this.#attach(event, uploadMaxBytes)} />
        </label>
        <textarea
          part="input"
          rows="1"
          aria-label=${terms.messageLabel}
          placeholder=${terms.messagePlaceholder}
          maxlength=${MAX_TEXT_LENGTH}
          ?disabled=${!canWrite}
          @keydown=${this.#onKeydown}
          @input=${() => feed?.typing(true)}
          @blur=${() => feed?.typing(false)}
        ></textarea>
        <button class="emoji-toggle" part="emoji" type="button" title=${terms.emoji} aria-label=${terms.emoji} ?disabled=${!canWrite}
          aria-expanded=${this.#emojiOpen ? 'true' : 'false'} aria-controls="emoji-picker" @click=${() => void this.#toggleEmoji()}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm-3.5-9a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm7 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM12 17.5a5.5 5.5 0 0 0 5-3.2H7a5.5 5.5 0 0 0 5 3.2z" /></svg>
        </button>
        <button class="send" part="send" type="submit" ?disabled=${!canWrite}>${terms.send}</button>
      </form>`;
  }
}
