import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ConversationFeed, InteropError, type FeedItem, type InteropClient } from '../../client/index.js';
import { MAX_TEXT_LENGTH, messagePlainText, type Message, type OutgoingContent, type Session } from '../../protocol/index.js';
import { IxConnectedElement } from '../base/connected-element.js';
import { IxElement } from '../base/ix-element.js';
import { chatWindowStyles } from './chat-window.styles.js';

/** How close to the bottom (px) still counts as "reading the latest", so new messages scroll into view. */
const STICK_TO_BOTTOM_PX = 48;

const STATE_LABELS = { sending: 'Sending…', sent: 'Sent', read: 'Read', failed: 'Not sent' } as const;

/**
 * @summary A conversation between a customer and the company: history, live messages and a composer.
 * @tag ix-chat-window
 *
 * Visitor mode (a visitor session, no `conversation`): resumes the visitor's open conversation, or starts one with
 * the first message. With `conversation`: that conversation (employees, or a visitor's chosen one).
 *
 * @event ix-send - Cancelable: a message is about to be sent. `detail: { conversationId, content }`.
 * @event ix-message - A message from the other side arrived. `detail: { message }`.
 * @event ix-error - Opening the conversation failed. `detail: { error }`.
 *
 * @csspart base - The window.
 * @csspart header - The title bar.
 * @csspart title - The title text.
 * @csspart notice - Connection and error notices.
 * @csspart messages - The scrolling message log.
 * @csspart message - One message (also `message-own`, `message-peer` or `message-system`).
 * @csspart bubble - A message's body.
 * @csspart meta - A message's sender, time and delivery state.
 * @csspart composer - The form at the bottom.
 * @csspart input - The text area.
 * @csspart send - The send button.
 *
 * @cssproperty [--ix-chat-height=520px] - Height of the window.
 * @cssproperty [--ix-chat-width=100%] - Width of the window.
 * @cssproperty [--ix-accent=#1d4ed8] - Header, own messages and buttons.
 * @cssproperty [--ix-accent-text=#ffffff] - Text on the accent colour.
 * @cssproperty [--ix-surface=#ffffff] - Background.
 * @cssproperty [--ix-surface-alt=#f1f5f9] - Other side's messages and notices.
 * @cssproperty [--ix-text=#0f172a] - Text.
 * @cssproperty [--ix-muted=#475569] - Secondary text.
 * @cssproperty [--ix-border=#cbd5e1] - Borders.
 * @cssproperty [--ix-radius=12px] - Corner radius.
 * @cssproperty [--ix-font=inherit] - Font family (the host page's by default).
 */
export class IxChatWindow extends IxConnectedElement {
  static override properties = {
    conversation: {},
    heading: {},
    theme: { reflect: true },
  };

  static override styles = [IxElement.styles, chatWindowStyles];

  /** The conversation to show. Without it, a visitor sees (or starts) their own open conversation. */
  declare conversation: string | undefined;
  /** Title in the header; defaults to the company's name (visitors) or the customer's (employees). */
  declare heading: string | undefined;
  /** `light` (default), `dark` or `auto` (follows the system). */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  #session: Session | undefined;
  #feed: ConversationFeed | undefined;
  #error: InteropError | undefined;
  #stickToBottom = true;
  #restoreScroll: { height: number; top: number } | undefined;
  /** Bumped on every (re)open so a slow answer for an old conversation is dropped. */
  #openGeneration = 0;

  /** The conversation's messages and pending sends, as rendered. */
  get feed(): ConversationFeed | undefined {
    return this.#feed;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first render opens through the client controller; later changes of `conversation` reopen here.
    if (this.hasUpdated && changed.has('conversation') && this.connection.client) {
      void this.#open(this.connection.client);
    }
  }

  protected override attachClient(client: InteropClient | undefined) {
    this.#openGeneration++; // whatever was opening for the previous client is dropped
    this.#session = undefined;
    this.#error = undefined;
    this.requestUpdate();
    if (!client) return;
    const unsubscribe = [
      client.on('status', () => this.requestUpdate()),
      client.on('message', (message) => {
        if (message.conversationId === this.#feed?.conversationId && !this.#isOwn(message)) this.emit('ix-message', { message });
      }),
    ];
    void this.#open(client);
    return () => {
      for (const off of unsubscribe) off();
      this.#feed?.dispose();
      this.#feed = undefined;
    };
  }

  async #open(client: InteropClient) {
    const generation = ++this.#openGeneration;
    this.#feed?.dispose();
    this.#feed = undefined;
    this.#error = undefined;
    this.requestUpdate();
    try {
      const session = await client.session();
      if (generation !== this.#openGeneration) return;
      this.#session = session;
      let conversationId = this.conversation;
      if (!conversationId && session.kind === 'visitor') {
        // Resume the visitor's open conversation if there is one; otherwise the first message starts one.
        const { conversations } = await client.request('conversation:list', { limit: 20 });
        conversationId = conversations.find((conversation) => conversation.status !== 'closed')?.id;
      }
      if (generation !== this.#openGeneration) return;
      if (conversationId) await this.#follow(client, conversationId, generation);
    } catch (error) {
      if (generation !== this.#openGeneration) return;
      this.#error = error instanceof InteropError ? error : new InteropError('internal', String(error));
      this.emit('ix-error', { error: this.#error.toJSON() });
    }
    this.requestUpdate();
  }

  async #follow(client: InteropClient, conversationId: string, generation: number) {
    const conversation = await client.request('conversation:open', { conversationId });
    if (generation !== this.#openGeneration) return;
    const feed = new ConversationFeed(client, conversationId);
    feed.conversation = conversation;
    this.#feed = feed;
    feed.subscribe(() => this.requestUpdate());
    this.#stickToBottom = true;
    await feed.start();
  }

  #isOwn(message: Message): boolean {
    if (!this.#session || message.sender.kind === 'system') return false;
    return this.#session.kind === 'visitor' ? message.sender.kind === 'customer' : message.sender.kind === 'employee';
  }

  /**
   * Sends the composer's text. The text leaves the composer at once (so what is typed meanwhile is kept) and goes
   * back if it could not be queued or a listener cancelled `ix-send`.
   */
  async #send() {
    const input = this.renderRoot.querySelector('textarea');
    const client = this.connection.client;
    if (!input || !client) return;
    const text = input.value.trim();
    if (!text) return;
    if (text.length > MAX_TEXT_LENGTH) {
      this.#error = new InteropError('too_large', `Messages are limited to ${MAX_TEXT_LENGTH} characters.`);
      this.requestUpdate();
      return;
    }
    input.value = '';
    const restore = () => {
      input.value = input.value ? `${text}\n${input.value}` : text;
    };
    const content: OutgoingContent = { kind: 'text', body: { text } };
    try {
      if (!this.#feed) {
        // A visitor's first message starts the conversation.
        const generation = ++this.#openGeneration;
        const conversation = await client.request('conversation:open', {});
        await this.#follow(client, conversation.id, generation);
      }
      const feed = this.#feed;
      if (!feed || !this.emit('ix-send', { conversationId: feed.conversationId, content }, { cancelable: true })) {
        restore();
        return;
      }
      feed.send(content);
      this.#error = undefined;
      this.#stickToBottom = true;
    } catch (error) {
      restore();
      this.#error = error instanceof InteropError ? error : new InteropError('internal', String(error));
    }
    this.requestUpdate();
  }

  #onKeydown(event: KeyboardEvent) {
    // Enter sends, Shift+Enter is a new line; an IME composing (Chinese, Japanese…) keeps its Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.#send();
    }
  }

  #onScroll(event: Event) {
    const log = event.currentTarget as HTMLElement;
    this.#stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < STICK_TO_BOTTOM_PX;
  }

  async #loadOlder() {
    const log = this.renderRoot.querySelector<HTMLElement>('.messages');
    if (log) this.#restoreScroll = { height: log.scrollHeight, top: log.scrollTop };
    await this.#feed?.loadOlder();
  }

  protected override updated(): void {
    const log = this.renderRoot.querySelector<HTMLElement>('.messages');
    if (log && this.#restoreScroll) {
      // Older messages went in above: keep what the reader was looking at where it was.
      log.scrollTop = this.#restoreScroll.top + (log.scrollHeight - this.#restoreScroll.height);
      this.#restoreScroll = undefined;
    } else if (log && this.#stickToBottom) {
      log.scrollTop = log.scrollHeight;
    }
    const feed = this.#feed;
    if (feed && this.connection.client?.status === 'online' && document.visibilityState === 'visible') {
      feed.markRead().catch(() => {
        // Read marks are retried with the next update; nothing is lost meanwhile.
      });
    }
  }

  #title(): string {
    if (this.heading) return this.heading;
    if (this.#session?.kind === 'employee') return this.#feed?.conversation?.customer.name ?? 'Conversation';
    return this.#session?.corpName ?? 'Chat';
  }

  #subtitle(): string | typeof nothing {
    const conversation = this.#feed?.conversation;
    if (this.#session?.kind === 'visitor' && conversation?.assignee) return `${conversation.assignee.name} will answer you`;
    if (this.#session?.kind === 'employee' && conversation) return conversation.customer.verified ? 'Verified customer' : 'Visitor';
    return nothing;
  }

  #notice(): { text: string; error: boolean } | undefined {
    const client = this.connection.client;
    if (!client) return { text: 'Not connected: set endpoint and corp, or place this inside <ix-provider>.', error: true };
    if (this.#error) return { text: this.#error.message, error: true };
    if (this.#feed?.error) return { text: `Could not load messages: ${this.#feed.error.message}`, error: true };
    if (client.status === 'error') return { text: `Chat is unavailable: ${client.lastError?.message ?? 'connection refused'}`, error: true };
    if (client.status === 'offline') return { text: 'Reconnecting… messages you write will be sent when the connection is back.', error: false };
    if (client.status === 'connecting' && !this.#session) return { text: 'Connecting…', error: false };
    return undefined;
  }

  #renderItem(item: FeedItem) {
    if (item.state !== 'sent') {
      return html`<div class="message own" part="message message-own" data-state=${item.state}>
        <div class="bubble" part="bubble" dir="auto">${item.entry.content.body.text}</div>
        <div class="meta" part="meta">
          <span class="visually-hidden">You:</span>
          ${item.state === 'failed'
            ? html`<span class="failed">${STATE_LABELS.failed}${item.entry.error ? ` (${item.entry.error.message})` : ''}</span>
                <button class="link-button" type="button" @click=${() => this.connection.client?.retry(item.key)}>Retry</button>
                <button class="link-button" type="button" @click=${() => this.connection.client?.discard(item.key)}>Discard</button>`
            : html`<span>${STATE_LABELS.sending}</span>`}
        </div>
      </div>`;
    }
    const { message } = item;
    if (message.kind === 'system') {
      return html`<div class="message system" part="message message-system" data-seq=${message.seq}>
        <div class="bubble" part="bubble" dir="auto">${message.body.text}</div>
      </div>`;
    }
    const own = this.#isOwn(message);
    const read = own && (this.#feed?.conversation?.peerReadSeq ?? 0) >= message.seq;
    const time = new Date(message.createdAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    return html`<div class="message ${own ? 'own' : 'peer'}" part="message ${own ? 'message-own' : 'message-peer'}" data-state="sent" data-seq=${message.seq}>
      <div class="bubble" part="bubble" dir="auto">${message.kind === 'text' ? message.body.text : messagePlainText(message)}</div>
      <div class="meta" part="meta">
        <span>${own ? html`<span class="visually-hidden">You</span>` : (message.sender.name ?? '')}</span>
        <time datetime=${message.createdAt}>${time}</time>
        ${own ? html`<span>${read ? STATE_LABELS.read : STATE_LABELS.sent}</span>` : nothing}
      </div>
    </div>`;
  }

  protected override render() {
    const notice = this.#notice();
    const feed = this.#feed;
    const items = feed?.items ?? [];
    const canWrite = !!this.connection.client && (this.#session?.kind === 'visitor' || !!feed);
    return html`<section class="base" part="base" aria-label=${this.#title()}>
      <header part="header">
        <h2 part="title">${this.#title()}</h2>
        <span class="subtitle">${this.#subtitle()}</span>
      </header>
      ${notice
        ? html`<p class="notice ${notice.error ? 'error' : ''}" part="notice" role=${notice.error ? 'alert' : 'status'}>${notice.text}</p>`
        : nothing}
      <div class="messages" part="messages" role="log" aria-live="polite" aria-label="Messages" tabindex="0" @scroll=${this.#onScroll}>
        ${feed?.hasMore
          ? html`<button class="older" type="button" ?disabled=${feed.loading} @click=${this.#loadOlder}>Load earlier messages</button>`
          : nothing}
        ${items.length === 0 && !feed?.loading
          ? html`<p class="empty">${this.#session?.kind === 'employee' && !feed ? 'Choose a conversation.' : 'Ask us anything — we usually answer within minutes.'}</p>`
          : repeat(items, (item) => item.key, (item) => this.#renderItem(item))}
      </div>
      <form part="composer" @submit=${(event: Event) => (event.preventDefault(), void this.#send())}>
        <textarea
          part="input"
          rows="1"
          aria-label="Message"
          placeholder="Write a message…"
          maxlength=${MAX_TEXT_LENGTH}
          ?disabled=${!canWrite}
          @keydown=${this.#onKeydown}
        ></textarea>
        <button class="send" part="send" type="submit" ?disabled=${!canWrite}>Send</button>
      </form>
    </section>`;
  }
}
