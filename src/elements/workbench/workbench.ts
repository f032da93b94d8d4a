import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { InteropError, type InteropClient } from '../../client/index.js';
import { formatMoney, type Conversation, type Order } from '../../protocol/index.js';
import { IxConnectedElement } from '../base/connected-element.js';
import { IxElement } from '../base/ix-element.js';
import { workbenchStyles } from './workbench.styles.js';

const byRecent = (a: Conversation, b: Conversation) =>
  (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt);

/**
 * @summary The employee portal: the corp's conversations with unread counts, and the selected one in a chat window.
 * @tag ix-workbench
 *
 * Needs an employee session (`token` / `tokenProvider`, or a provider set up with one).
 *
 * @event ix-conversation-select - The employee opened a conversation. `detail: { conversationId }`.
 * @event ix-error - Loading conversations failed. `detail: { error }`.
 *
 * @csspart base - The whole workbench.
 * @csspart list - The conversation list.
 * @csspart conversation - One conversation in the list.
 * @csspart badge - A conversation's unread count.
 * @csspart chat - The chat window of the selected conversation.
 *
 * @cssproperty [--ix-workbench-height=640px] - Height of the workbench.
 */
export class IxWorkbench extends IxConnectedElement {
  static override properties = {
    selected: {},
    theme: { reflect: true },
  };

  static override styles = [IxElement.styles, workbenchStyles];

  /** Id of the open conversation. */
  declare selected: string | undefined;
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  #conversations = new Map<string, Conversation>();
  #orders = new Map<string, Order>();
  #error: InteropError | undefined;
  #loading = false;

  /** The conversations listed, most recent first. */
  get conversations(): Conversation[] {
    return [...this.#conversations.values()].sort(byRecent);
  }

  protected override attachClient(client: InteropClient | undefined) {
    this.#conversations.clear();
    this.#orders.clear();
    this.requestUpdate();
    if (!client) return;
    // Customers see the employee "away" while the workbench tab is hidden, "online" when it is back.
    const reportPresence = () => {
      if (client.status !== 'online') return;
      const status = document.visibilityState === 'hidden' ? 'away' : 'online';
      client.request('presence:set', { status }).catch(() => {
        // Best effort: the next visibility change or reconnect says it again.
      });
    };
    document.addEventListener('visibilitychange', reportPresence);
    const unsubscribe = [
      client.on('conversation', (conversation) => {
        this.#conversations.set(conversation.id, conversation);
        this.requestUpdate();
      }),
      client.on('order', (order) => {
        this.#orders.set(order.id, order);
        this.requestUpdate();
      }),
      // After a reconnect the list may have moved on without us (a load already waiting for the connection will do).
      client.on('status', (status) => {
        if (status === 'online' && !this.#loading) void this.#load(client);
        if (status === 'online' && document.visibilityState === 'hidden') reportPresence();
        this.requestUpdate();
      }),
    ];
    void this.#load(client);
    return () => {
      document.removeEventListener('visibilitychange', reportPresence);
      for (const off of unsubscribe) off();
    };
  }

  async #load(client: InteropClient) {
    this.#loading = true;
    this.requestUpdate();
    try {
      const [{ conversations }, { orders }] = await Promise.all([
        client.request('conversation:list', { limit: 100 }),
        client.request('order:list', { limit: 20 }),
      ]);
      for (const conversation of conversations) this.#conversations.set(conversation.id, conversation);
      for (const order of orders) this.#orders.set(order.id, order);
      this.#error = undefined;
    } catch (error) {
      this.#error = error instanceof InteropError ? error : new InteropError('internal', String(error));
      this.emit('ix-error', { error: this.#error.toJSON() });
    } finally {
      this.#loading = false;
      this.requestUpdate();
    }
  }

  #select(conversationId: string) {
    this.selected = conversationId;
    this.emit('ix-conversation-select', { conversationId });
  }

  /** Arrow keys move through the list (one tab stop for the whole list, as a roving tabindex). */
  #onListKeydown(event: KeyboardEvent) {
    const moves: Record<string, (index: number, count: number) => number> = {
      ArrowDown: (i, n) => Math.min(n - 1, i + 1),
      ArrowUp: (i) => Math.max(0, i - 1),
      Home: () => 0,
      End: (_i, n) => n - 1,
    };
    const move = moves[event.key];
    if (!move) return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.conversation')];
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next = buttons[move(index, buttons.length)];
    for (const button of buttons) button.tabIndex = button === next ? 0 : -1;
    next?.focus();
  }

  /** The corp's latest orders, live: what customers bought and where each payment stands. */
  #renderOrders() {
    const orders = [...this.#orders.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 20);
    return html`<section part="orders" class="orders" aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders</h2>
      ${orders.length === 0
        ? html`<p class="empty">No orders yet.</p>`
        : html`<ul>
            ${repeat(
              orders,
              (order) => order.id,
              (order) => html`<li class="order" part="order" data-id=${order.id} data-status=${order.status}>
                <span class="name" dir="auto">${order.productTitle}${order.quantity > 1 ? ` × ${order.quantity}` : ''}</span>
                <span class="amount">${formatMoney(order.amountMinor, order.currency, document.documentElement.lang || navigator.language)}</span>
                <span class="state" data-status=${order.status}>${order.status.replace('_', ' ')}</span>
                ${order.conversationId && this.#conversations.has(order.conversationId)
                  ? html`<button class="link-button" type="button" @click=${() => this.#select(order.conversationId!)}>
                      Open conversation<span class="visually-hidden"> about ${order.productTitle}</span>
                    </button>`
                  : nothing}
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  protected override render() {
    const conversations = this.conversations;
    const focusable = this.selected && this.#conversations.has(this.selected) ? this.selected : conversations[0]?.id;
    return html`<div class="base" part="base">
      <nav part="list" aria-label="Conversations">
        <h2>Conversations</h2>
        ${this.#error ? html`<p class="notice error" role="alert">${this.#error.message}</p>` : nothing}
        ${conversations.length === 0 && !this.#loading ? html`<p class="empty">No conversations yet.</p>` : nothing}
        <ul @keydown=${this.#onListKeydown}>
          ${repeat(
            conversations,
            (conversation) => conversation.id,
            (conversation) => html`<li>
              <button
                class="conversation"
                part="conversation"
                type="button"
                tabindex=${conversation.id === focusable ? 0 : -1}
                aria-current=${conversation.id === this.selected ? 'true' : 'false'}
                data-id=${conversation.id}
                @click=${() => this.#select(conversation.id)}
              >
                <span class="name">${conversation.customer.name}</span>
                ${conversation.unread > 0
                  ? html`<span class="badge" part="badge"
                      >${conversation.unread}<span class="visually-hidden"> unread</span></span
                    >`
                  : html`<span></span>`}
                <span class="preview" dir="auto">${conversation.lastMessagePreview ?? (conversation.subject || 'No messages yet')}</span>
                ${conversation.status !== 'open' || conversation.rating
                  ? html`<span class="state" data-status=${conversation.status}
                      >${conversation.status === 'pending' ? 'Waiting — left outside business hours' : conversation.status === 'closed' ? 'Closed' : 'Open'}${conversation.rating
                        ? html` · <span aria-hidden="true">★</span> ${conversation.rating.score}/5<span class="visually-hidden"> rating</span>`
                        : nothing}</span
                    >`
                  : nothing}
              </button>
            </li>`,
          )}
        </ul>
        ${this.#renderOrders()}
      </nav>
      <ix-chat-window
        part="chat"
        exportparts="base: chat-base, header: chat-header, messages: chat-messages, message: chat-message, composer: chat-composer, input: chat-input, send: chat-send"
        .client=${this.connection.client}
        conversation=${this.selected ?? nothing}
        theme=${this.theme ?? nothing}
      ></ix-chat-window>
    </div>`;
  }
}
