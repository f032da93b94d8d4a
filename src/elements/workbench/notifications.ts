import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';
import type { InteropClient } from '../../client/index.js';
import type { Conversation, Message } from '../../protocol/index.js';
import { localizePreview, messagePlainText } from '../../protocol/message-text.js';
import { customerName } from '../../protocol/visitor-name.js';
import { chime } from '../base/chime.js';
import type { InboxList } from './inbox.js';
import { TitleBadge } from '../base/title-badge.js';

/** What the notifications read from the workbench. */
export interface NotificationsHost extends ReactiveElement {
  /** Opt-in: the tab title counts unread customer messages, and the browser's notifications (once allowed). */
  notify: boolean;
  /** Opt-in: a short chime for each customer message the employee is not looking at. */
  sound: boolean;
  selected: string | undefined;
  lang: string;
}

/**
 * An employee's notifications while the workbench is open. Only for conversations that are theirs or nobody's yet
 * (a colleague's customers are the colleague's to hear about): the tab title counts their unread messages ("(3) Acme
 * Portal"); a new customer message they are not looking at chimes (`sound`) and, while the tab is hidden, shows as the
 * browser's notification once the employee allowed them (`notify`; `requestPermission()` asks, from a click).
 */
export class EmployeeNotifications implements ReactiveController {
  readonly #host: NotificationsHost;
  readonly #inbox: Pick<InboxList, 'conversations' | 'get'>;
  readonly #me: () => string | undefined;
  readonly #open: (conversationId: string) => void;
  readonly #previewTags: () => Readonly<Record<string, string>>;
  #title = new TitleBadge();

  constructor(
    host: NotificationsHost,
    options: {
      inbox: Pick<InboxList, 'conversations' | 'get'>;
      me: () => string | undefined;
      open: (conversationId: string) => void;
      /** The reader's words for a message's kind ("[Image]"), as the inbox's previews use. */
      previewTags: () => Readonly<Record<string, string>>;
    },
  ) {
    this.#host = host;
    this.#inbox = options.inbox;
    this.#me = options.me;
    this.#open = options.open;
    this.#previewTags = options.previewTags;
    host.addController(this);
  }

  /** The button that asks for the browser's notifications: while it could show them and was not asked yet. */
  render(label: string) {
    const canAsk = this.#host.notify && typeof Notification !== 'undefined' && Notification.permission === 'default';
    return canAsk
      ? html`<p class="notify-offer"><button type="button" @click=${() => void this.requestPermission()}>${label}</button></p>`
      : nothing;
  }

  /** Asks the browser for permission to notify (must come from a click). */
  async requestPermission(): Promise<void> {
    await Notification.requestPermission().catch(() => undefined);
    this.#host.requestUpdate();
  }

  #mine(conversation: Conversation | undefined): conversation is Conversation {
    return !!conversation && (!conversation.assignee || conversation.assignee.id === this.#me());
  }

  /** The unread customer messages of the employee's conversations, as the tab title's count. */
  get unread(): number {
    return this.#inbox.conversations
      .filter((conversation) => this.#mine(conversation) && conversation.status !== 'closed')
      .reduce((sum, conversation) => sum + conversation.unread, 0);
  }

  hostUpdated(): void {
    this.#title.show(this.#host.notify ? this.unread : 0);
  }

  hostDisconnected(): void {
    this.#title.show(0);
  }

  /** Follows a client's messages; returns what stops it. */
  follow(client: InteropClient): () => void {
    return client.on('message', (message) => this.#arrived(message));
  }

  #arrived(message: Message) {
    if (message.sender.kind !== 'customer') return;
    const conversation = this.#inbox.get(message.conversationId);
    // A new conversation's first message may come before the conversation: unassigned, so it is everyone's.
    if (conversation && !this.#mine(conversation)) return;
    const looking = document.visibilityState === 'visible' && this.#host.selected === message.conversationId;
    if (looking) return;
    if (this.#host.sound) chime();
    if (!this.#host.notify || document.visibilityState === 'visible') return;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const name = conversation ? customerName(conversation.customer, this.#host.lang) : (message.sender.name ?? '');
    const body = localizePreview(messagePlainText(message), this.#previewTags());
    const notification = new Notification(name, { body, tag: message.conversationId });
    notification.onclick = () => {
      window.focus();
      this.#open(message.conversationId);
      notification.close();
    };
  }
}
