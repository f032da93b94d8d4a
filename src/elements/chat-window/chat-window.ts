import { html, nothing } from 'lit';
import { InteropError } from '../../client/interop-error.js';
import type { InteropClient } from '../../client/interop-client.js';
import { localizePreview, messagePlainText } from '../../protocol/message-text.js';
import type { Message, OutgoingContent } from '../../protocol/index.js';
import { IxConnectedElement } from '../base/connected-element.js';
import { IxElement } from '../base/ix-element.js';
import { LocalizeController } from '../base/localize.js';
import { PageVisibility } from '../base/page-visibility.js';
import { chatTerms } from '../../locales/chat/index.js';
import type { ChatActions } from './chat-actions.js';
import { chatFormStyles } from './chat-forms.styles.js';
import { chatWindowStyles } from './chat-window.styles.js';
import { chatSignalsStyles } from './signals.styles.js';
import { Composer } from './composer.js';
import { ConversationController } from './conversation-controller.js';
import { renderConversationList } from './conversation-list.js';
import { EmployeeTools } from './employee-tools.js';
import { headerNotice, headerTitle, renderHeader, type HeaderView } from './header.js';
import { MessageList } from './message-list.js';
import type { MessageViewContext } from './message-view.js';
import { renderPrechat } from './prechat-form.js';
import { renderClosed } from './rating-form.js';
import { systemNoticeText } from './system-notice.js';
import { downloadTranscript } from './transcript.js';
import { renderWelcome } from './welcome.js';
import { TransferAnswers } from './transfer-answers.js';
import { teamPhoto } from './avatar.js';

type View = 'chat' | 'list';

/**
 * @summary A conversation between a customer and the company: history, live messages, attachments and a composer.
 * @tag ix-chat-window
 *
 * Visitor mode (a visitor session, no `conversation`): resumes their open conversation, or starts one with the first
 * message; lists their other conversations. With `conversation`: that one (employees, or a visitor's choice).
 *
 * @event ix-send - Cancelable: a message is about to be sent. `detail: { conversationId, content }`.
 * @event ix-message - A message from the other side arrived. `detail: { message }`.
 * @event ix-dismiss - Its close control was pressed (`dismissible`); whoever shows the window hides it.
 * @event ix-error - Something the window did failed (opening, sending, a form); it also shows it. `detail: { error }`.
 *
 * @csspart base - The window.
 * @csspart header - The title bar.
 * @csspart logo - Visitors: the company's logo (its admin sets it), beside the title.
 * @csspart title - The title text.
 * @csspart subtitle - Who answers, and their presence.
 * @csspart ongoing - Visitors on a page about another product: their open conversation, and a button back to it.
 * @csspart actions - The header's buttons (conversations, transcript, close).
 * @csspart dismiss - The header's close button (`dismissible`: the launcher's chat filling a phone's screen).
 * @csspart notice - Connection, business-hours and error notices.
 * @csspart messages - The scrolling message list.
 * @csspart day - A day separator.
 * @csspart message - One message (with one of `message-own`, `message-peer`, `message-system`).
 * @csspart message-own - A message of the viewer's side.
 * @csspart message-peer - A message of the other side.
 * @csspart message-system - A notice in the thread (hand-overs, closing, payments).
 * @csspart message-payment - A payment's outcome in the thread.
 * @csspart new-messages - The "New messages" pill, while newer messages are below what the reader sees.
 * @csspart add-todo - Employees: "Add to my to-dos" on a customer's message.
 * @csspart transfer-choice - Customers: the answers under a hand-over notice.
 * @csspart transfer-refuse - Keep the employee they had (after a departure: someone else from the team).
 * @csspart transfer-accept - Accept the new employee.
 * @csspart avatar - A face (photo or initials): beside the other side's messages, in a visitor's header, on the first screen.
 * @csspart welcome - A visitor's first screen: the team's faces, the company's greeting, the reply time, topics.
 * @csspart topic - A suggested topic on the first screen; pressing it sends it.
 * @csspart bubble - A message's body.
 * @csspart image - An image in a message.
 * @csspart file - A file download in a message.
 * @csspart meta - A message's sender, time and delivery ticks (sent, delivered, read; labelled for screen readers).
 * @csspart typing - The typing indicator.
 * @csspart composer - The form at the bottom.
 * @csspart input - The text area.
 * @csspart attach - The attach-a-file button.
 * @csspart emoji - The button that opens the emoji picker (its module loads then).
 * @csspart emoji-picker - The grid of emoji (arrow keys move, Escape closes).
 * @csspart upload - An upload in progress (with its progress bar).
 * @csspart send - The send button.
 * @csspart prechat - The pre-chat form.
 * @csspart rating - The satisfaction rating form.
 * @csspart conversation-list - The visitor's list of conversations.
 * @csspart tools - Employees: the composer's tools row.
 * @csspart send-card - Employees: "Send my card".
 * @csspart send-product - Employees: "Send a product".
 * @csspart request-payment - Employees: "Request a payment".
 * @csspart quick-replies - Employees: the button that lists the quick replies.
 * @csspart product-picker - Employees: the catalog search for a product card or a payment request.
 * @csspart quick-reply-list - Employees: the list of quick replies.
 *
 * @cssproperty [--ix-chat-height=520px] - Height of the window.
 * @cssproperty [--ix-chat-width=100%] - Width of the window.
 * @cssproperty [--ix-accent=#1d4ed8] - Header, own messages and buttons.
 * @cssproperty [--ix-accent-text] - Text on the accent colour (default: black or white, whichever reads better).
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
    product: {},
    topic: {},
    employee: {},
    dismissible: { type: Boolean, reflect: true },
    _error: { state: true },
    _view: { state: true },
    _announcement: { state: true },
  };

  static override styles = [IxElement.styles, chatWindowStyles, chatSignalsStyles, chatFormStyles];

  /** The conversation to show. Without it, a visitor sees (or starts) their own open conversation. */
  declare conversation: string | undefined;
  /** Title in the header; defaults to the company's name (visitors) or the customer's (employees). */
  declare heading: string | undefined;
  /** A catalog product id: a new conversation is started about it (and resumed while open). */
  declare product: string | undefined;
  /** A free-text topic for a new conversation ("Bulk orders"). */
  declare topic: string | undefined;
  /** Visitors: the employee to talk to (a business card's "Chat with me"); a departed one's successor answers. */
  declare employee: string | undefined;
  /** Shows a close control in the header, which emits `ix-dismiss` (the launcher sets it while the chat fills a phone). */
  declare dismissible: boolean;

  /** The last failure shown (cleared by the next success). */
  declare protected _error: InteropError | undefined;
  /** The conversation, or (visitors) the list of their conversations. */
  declare protected _view: View;
  /** What the polite live region says: the latest message from the other side. */
  declare protected _announcement: string;

  readonly #localize = new LocalizeController(this, chatTerms);
  /** Read marks wait until the reader can see the page. */
  readonly #page = new PageVisibility(this);
  /** What the window's parts may do; not the element's public API. */
  readonly #actions: ChatActions = this.#partsHost();
  readonly #conversation = new ConversationController(this, () => this, {
    fail: (error) => this.#fail(error),
    message: (message) => this.#onMessage(message),
  });
  readonly #list = new MessageList(this);
  readonly #composer = new Composer(this.#actions);
  readonly #tools = new EmployeeTools(this.#actions, this.#composer);
  readonly #transfers = new TransferAnswers(this.#actions);
  #focusWhenReady = false;

  constructor() {
    super();
    this._view = 'chat';
    this._announcement = '';
  }

  /** The conversation's messages and pending sends, as rendered. */
  get feed() {
    return this.#conversation.feed;
  }

  get #terms() {
    return this.#localize.terms;
  }

  /** The window's one error path: shown in its notice and reported as `ix-error`. */
  #fail(error: unknown): void {
    this._error = InteropError.of(error);
    this.emit('ix-error', { error: this._error.toJSON() });
  }

  async #attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await action();
      this._error = undefined;
      return result;
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
  }

  async #sendContent(content: OutgoingContent): Promise<boolean> {
    const feed = await this.#conversation.ensureConversation();
    if (!feed || !this.emit('ix-send', { conversationId: feed.conversationId, content }, { cancelable: true }))
      return false;
    feed.send(content);
    this.#list.toBottom();
    return true;
  }

  #partsHost(): ChatActions {
    // The getters below read the element's private state; inside them `this` is the parts host.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const element = this;
    return {
      addController: (controller) => this.addController(controller),
      removeController: (controller) => this.removeController(controller),
      requestUpdate: () => this.requestUpdate(),
      get updateComplete() {
        return element.updateComplete;
      },
      get renderRoot() {
        return element.renderRoot;
      },
      get terms() {
        return element.#terms;
      },
      get lang() {
        return element.#localize.lang;
      },
      currentClient: () => this.connection.client,
      sendContent: (content) => this.#sendContent(content),
      fail: (error) => this.#fail(error),
      attempt: (action) => this.#attempt(action),
    };
  }

  /** Focuses the composer, or the first field of the form showing; a composer still connecting takes it when ready. */
  override focus(options?: FocusOptions): void {
    const composer = this.renderRoot.querySelector('textarea');
    this.#focusWhenReady = !!composer?.disabled;
    const target = this.renderRoot.querySelector<HTMLElement>(
      'textarea:not([disabled]), form input:not([type="file"]), .primary',
    );
    target?.focus(options);
  }

  protected override attachClient(client: InteropClient | undefined) {
    this._error = undefined;
    return this.#conversation.attach(client);
  }

  #onMessage(message: Message) {
    this._announcement =
      message.kind === 'system'
        ? systemNoticeText(message.body, this.#terms)
        : this.#terms.newMessage(message.sender.name ?? '', messagePlainText(message));
    this.emit('ix-message', { message });
  }

  async #showList() {
    this._view = 'list';
    await this.#attempt(() => this.#conversation.list());
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.conversation-list button')?.focus();
  }

  async #pick(conversationId: string | undefined) {
    this._view = 'chat';
    await this.#conversation.pick(conversationId);
    await this.updateComplete;
    this.renderRoot.querySelector('textarea')?.focus();
  }

  protected override updated(): void {
    if (this.#focusWhenReady && !this.renderRoot.querySelector('textarea')?.disabled) this.focus();
    const feed = this.feed;
    const visible = this.#page.visible && this.getClientRects().length > 0;
    if (feed && this.connection.client?.status === 'online' && visible) {
      feed.markRead().catch(() => {
        // Read marks are retried with the next update; nothing is lost meanwhile.
      });
    }
  }

  /** What the header and the notice line say, from the window's state. */
  #headerView(): HeaderView {
    return {
      heading: this.heading,
      terms: this.#terms,
      lang: this.#localize.lang,
      conversation: this.#conversation,
      feed: this.feed,
      client: this.connection.client,
      error: this._error,
    };
  }

  #messageContext(): MessageViewContext {
    const client = this.connection.client;
    const conversation = this.#conversation;
    return {
      terms: this.#terms,
      lang: this.#localize.lang,
      baseUrl: client?.baseUrl ?? location.origin,
      client,
      photo: (senderId) => teamPhoto(conversation.corp, senderId, client?.baseUrl ?? location.origin),
      viewer: conversation.session?.kind,
      isOwn: (message) => conversation.isOwn(message),
      deliveryState: (message) => conversation.deliveryState(message),
      retry: (clientId) => client?.retry(clientId),
      addTodo: conversation.session?.kind === 'employee' ? (message) => void this.#tools.addTodo(message) : undefined,
      transfer: this.#transfers.context(this.feed, conversation.session?.kind),
      discard: (clientId) => client?.discard(clientId),
    };
  }

  #renderConversation() {
    const { session, corp } = this.#conversation;
    const feed = this.feed;
    const visitor = session?.kind === 'visitor';
    if (visitor && !feed && corp?.prechat && !session.consentAt)
      return renderPrechat(this.#actions, this.#conversation, corp.prechat);
    const closed = feed?.conversation?.status === 'closed';
    const canWrite = !!this.connection.client && (visitor || !!feed);
    const client = this.connection.client;
    const empty =
      session?.kind === 'employee'
        ? this.#terms.chooseConversation
        : renderWelcome({
            corp,
            terms: this.#terms,
            baseUrl: client?.baseUrl ?? location.origin,
            presence: this.#conversation.presence,
            online: client?.status === 'online',
            canWrite,
            send: (text) => void this.#attempt(() => this.#sendContent({ kind: 'text', body: { text } })),
          });
    const messages = this.#list.render({
      feed,
      terms: this.#terms,
      lang: this.#localize.lang,
      empty,
      context: this.#messageContext(),
    });
    const closedPanel = closed
      ? renderClosed(this.#actions, feed!, session?.kind, () => void this.#pick(undefined))
      : nothing;
    if (closed && visitor) return html`${messages}${closedPanel}`;
    const tools = session?.kind === 'employee' ? this.#tools.render(canWrite, session.id) : nothing;
    // A page about another product starts its own conversation: the one already going stays in sight.
    const ongoing =
      visitor && !feed
        ? this.#conversation.conversations?.find(
            (conversation) => conversation.status !== 'closed' && conversation.lastMessageAt,
          )
        : undefined;
    const resume = ongoing
      ? html`<p class="ongoing" part="ongoing">${this.#terms.ongoing(ongoing.subject ?? localizePreview(ongoing.lastMessagePreview ?? this.#terms.conversation, this.#terms.previewTags))}
          <button type="button" class="link" @click=${() => void this.#pick(ongoing.id)}>${this.#terms.continueOngoing}</button></p>`
      : nothing;
    return html`${resume}${messages}${this.#composer.render({ canWrite, feed, uploadMaxBytes: corp?.uploadMaxBytes, tools })}${closedPanel}`;
  }

  protected override render() {
    const terms = this.#terms;
    const view = this.#headerView();
    const notice = headerNotice(view);
    const feed = this.feed;
    const session = this.#conversation.session;
    const context = feed?.conversation?.context;
    const about = context?.productTitle ?? context?.topic;
    return html`<section class="base" part="base" aria-label=${headerTitle(view)} dir=${this.#localize.dir} lang=${this.#localize.lang}>
      ${renderHeader(view, {
        list: session?.kind === 'visitor' && this._view === 'chat' ? () => void this.#showList() : undefined,
        transcript: feed && this._view === 'chat' ? () => void this.#downloadTranscript() : undefined,
        close:
          session?.kind === 'employee' && feed && feed.conversation?.status !== 'closed'
            ? () => void this.#close()
            : undefined,
        dismiss: this.dismissible ? () => this.emit('ix-dismiss', {}) : undefined,
      })}
      ${
        notice
          ? html`<p class="notice ${notice.error ? 'error' : ''}" part="notice" role=${notice.error ? 'alert' : 'status'}>${notice.text}</p>`
          : nothing
      }
      ${about ? html`<p class="context">${terms.about(about)}</p>` : nothing}
      ${this._view === 'list' ? renderConversationList(terms, this.#conversation.conversations ?? [], (id) => void this.#pick(id)) : this.#renderConversation()}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
    </section>`;
  }

  async #close() {
    const feed = this.feed;
    const client = this.connection.client;
    if (!feed || !client) return;
    const closed = await this.#attempt(() =>
      client.request('conversation:close', { conversationId: feed.conversationId }),
    );
    if (closed) feed.update(closed);
  }

  async #downloadTranscript() {
    const feed = this.feed;
    if (!feed) return;
    await this.#attempt(() =>
      downloadTranscript(feed, {
        title: headerTitle(this.#headerView()),
        lang: this.#localize.lang,
        isOwn: (message) => this.#conversation.isOwn(message),
        you: this.#terms.you,
        notice: (body) => systemNoticeText(body, this.#terms),
      }),
    );
  }
}
