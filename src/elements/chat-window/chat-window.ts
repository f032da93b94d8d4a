import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
// Straight from the modules, not the client's index: a barrel would put the socket stack in the first load (esbuild
// splits by the import graph), while it belongs to the connection, loaded on demand (see base/own-connection.ts).
import { ConversationFeed, type FeedItem } from '../../client/conversation-feed.js';
import { InteropError } from '../../client/interop-error.js';
import type { InteropClient } from '../../client/interop-client.js';
// The zod-free protocol modules: the schemas belong to the connection (the client checks what crosses the wire).
import { MAX_RATING_COMMENT_LENGTH, MAX_TEXT_LENGTH, UPLOAD_TYPES } from '../../protocol/limits.js';
import { formatBytes, messagePlainText } from '../../protocol/message-text.js';
import { formatMoney } from '../../protocol/money.js';
import { MAX_ORDER_QUANTITY } from '../../protocol/payment-states.js';
import type {
  Conversation,
  ConversationContextRequest,
  CorpInfo,
  Message,
  OutgoingContent,
  PresenceStatus,
  Product,
  QuickReply,
  Session,
} from '../../protocol/index.js';
import { IxConnectedElement } from '../base/connected-element.js';
import { IxElement } from '../base/ix-element.js';
import { LocalizeController } from '../base/localize.js';
import { chatTerms } from '../../locales/chat/index.js';
import { chatWindowStyles } from './chat-window.styles.js';
import { dayLabel, renderFeedItem, type DeliveryState, type MessageViewContext } from './message-view.js';
import { systemNoticeText } from './system-notice.js';
import { transcriptText } from './transcript.js';

/** How close to the bottom (px) still counts as "reading the latest", so new messages scroll into view. */
const STICK_TO_BOTTOM_PX = 48;
/** How close to an edge (px) scrolling renders (or loads) more rows on that side. */
const EDGE_PX = 160;
/**
 * The list is windowed: at most this many rows are in the DOM whatever the history's length, moved by STEP rows as
 * the reader scrolls. (A virtualizer measuring rows with a ResizeObserver made the host page's window report
 * "ResizeObserver loop" errors; a window of real rows with a kept anchor does not.)
 */
const WINDOW_ROWS = 120;
const STEP_ROWS = 40;

type Row = { kind: 'day'; key: string; label: string } | { kind: 'item'; key: string; item: FeedItem };
type View = 'chat' | 'list';
interface Upload {
  name: string;
  progress: number;
  abort: AbortController;
}


/**
 * @summary A conversation between a customer and the company: history, live messages, attachments and a composer.
 * @tag ix-chat-window
 *
 * Visitor mode (a visitor session, no `conversation`): resumes the visitor's open conversation, or starts one with
 * the first message; lists the visitor's other conversations. With `conversation`: that conversation (employees, or
 * a visitor's chosen one).
 *
 * @event ix-send - Cancelable: a message is about to be sent. `detail: { conversationId, content }`.
 * @event ix-message - A message from the other side arrived. `detail: { message }`.
 * @event ix-error - Opening the conversation failed. `detail: { error }`.
 *
 * @csspart base - The window.
 * @csspart header - The title bar.
 * @csspart title - The title text.
 * @csspart subtitle - Who answers, and their presence.
 * @csspart actions - The header's buttons (conversations, transcript, close).
 * @csspart notice - Connection, business-hours and error notices.
 * @csspart messages - The scrolling message list.
 * @csspart day - A day separator.
 * @csspart message - One message (with one of `message-own`, `message-peer`, `message-system`).
 * @csspart message-own - A message of the viewer's side.
 * @csspart message-peer - A message of the other side.
 * @csspart message-system - A notice in the thread (hand-overs, closing, payments).
 * @csspart message-payment - A payment's outcome in the thread.
 * @csspart add-todo - Employees: "Add to my to-dos" on a customer's message.
 * @csspart bubble - A message's body.
 * @csspart image - An image in a message.
 * @csspart file - A file download in a message.
 * @csspart meta - A message's sender, time and delivery state.
 * @csspart typing - The typing indicator.
 * @csspart composer - The form at the bottom.
 * @csspart input - The text area.
 * @csspart attach - The attach-a-file button.
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
    product: {},
    topic: {},
    employee: {},
    lang: { reflect: true },
  };

  static override styles = [IxElement.styles, chatWindowStyles];

  /** The conversation to show. Without it, a visitor sees (or starts) their own open conversation. */
  declare conversation: string | undefined;
  /** Title in the header; defaults to the company's name (visitors) or the customer's (employees). */
  declare heading: string | undefined;
  /** Color scheme: `light` (default), `dark`, or `auto` (follows the system). Reflected. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Language of the element's strings (`en`, `zh-CN`); default: the nearest `lang` up the page, then the browser's. */
  declare lang: string;
  /** A catalog product id: a new conversation is started about it (and resumed while open). */
  declare product: string | undefined;
  /** A free-text topic for a new conversation ("Bulk orders"). */
  declare topic: string | undefined;
  /** Visitors: the employee to talk to (a business card's "Chat with me"); a departed one's successor answers. */
  declare employee: string | undefined;

  #localize = new LocalizeController(this, chatTerms);
  #session: Session | undefined;
  #corp: CorpInfo | undefined;
  #presence = new Map<string, PresenceStatus>();
  #feed: ConversationFeed | undefined;
  #error: InteropError | undefined;
  #view: View = 'chat';
  #conversations: Conversation[] | undefined;
  /** A conversation the visitor picked from their list (the `conversation` attribute wins over it). */
  #picked: string | undefined;
  /** The visitor asked for a new conversation: the next message starts one. */
  #startNew = false;
  #upload: Upload | undefined;
  /** Employees: the catalog search of the product picker while it is open, for a product card or a payment request. */
  #picker: { purpose: 'card' | 'payment'; query: string; quantity: number; products: Product[] | undefined } | undefined;
  /** Employees: the corp's quick replies, while their list is open. */
  #quickReplies: QuickReply[] | undefined;
  #toolNote = '';
  #announcement = '';
  #stickToBottom = true;
  /** The rendered rows, counted from the newest: rows [length - top, length - bottom) are in the DOM. */
  #window = { top: WINDOW_ROWS, bottom: 0 };
  #rowCount = 0;
  /** The row the reader was looking at, to put back in place after rows came or went above it. */
  #anchor: { key: string; offset: number } | undefined;
  /** Bumped on every (re)open so a slow answer for an old conversation is dropped. */
  #openGeneration = 0;

  /** The conversation's messages and pending sends, as rendered. */
  get feed(): ConversationFeed | undefined {
    return this.#feed;
  }

  get #terms() {
    return this.#localize.terms;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first render opens through the client controller; later changes reopen here.
    const reopen = changed.has('conversation') || changed.has('product') || changed.has('topic') || changed.has('employee');
    if (this.hasUpdated && reopen && this.connection.client) {
      this.#picked = undefined;
      void this.#open(this.connection.client);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#upload?.abort.abort();
  }

  #onVisibility = () => this.requestUpdate();

  /** Focuses the composer, or the first field of the form showing; a composer still connecting takes it when ready. */
  override focus(options?: FocusOptions): void {
    const composer = this.renderRoot.querySelector('textarea');
    this.#focusWhenReady = !!composer?.disabled;
    const target = this.renderRoot.querySelector<HTMLElement>('textarea:not([disabled]), form input:not([type="file"]), .primary');
    target?.focus(options);
  }
  #focusWhenReady = false;

  protected override attachClient(client: InteropClient | undefined) {
    this.#openGeneration++; // whatever was opening for the previous client is dropped
    this.#session = undefined;
    this.#corp = undefined;
    this.#error = undefined;
    this.requestUpdate();
    if (!client) return;
    const unsubscribe = [
      client.on('status', (status) => {
        // Back online after the first open failed: try again.
        if (status === 'online' && !this.#session) void this.#open(client);
        this.requestUpdate();
      }),
      client.on('message', (message) => {
        if (message.conversationId !== this.#feed?.conversationId || this.#isOwn(message)) return;
        this.#announce(message);
        this.emit('ix-message', { message });
      }),
      client.on('presence', ({ employeeId, status }) => {
        this.#presence.set(employeeId, status);
        this.requestUpdate();
      }),
      client.on('conversation', (conversation) => {
        if (!this.#conversations) return;
        const known = this.#conversations.some((item) => item.id === conversation.id);
        this.#conversations = known
          ? this.#conversations.map((item) => (item.id === conversation.id ? conversation : item))
          : [conversation, ...this.#conversations];
        this.requestUpdate();
      }),
    ];
    void this.#open(client);
    return () => {
      for (const off of unsubscribe) off();
      this.#feed?.dispose();
      this.#feed = undefined;
    };
  }

  get #context(): ConversationContextRequest | undefined {
    if (!this.product && !this.topic) return undefined;
    return { ...(this.product ? { productId: this.product } : {}), ...(this.topic ? { topic: this.topic } : {}) };
  }

  async #open(client: InteropClient) {
    const generation = ++this.#openGeneration;
    this.#feed?.dispose();
    this.#feed = undefined;
    this.#error = undefined;
    this.requestUpdate();
    try {
      const [session, corp] = await Promise.all([client.session(), client.request('corp:info', {})]);
      if (generation !== this.#openGeneration) return;
      this.#session = session;
      this.#corp = corp;
      for (const member of corp.team) this.#presence.set(member.id, member.presence);
      let conversationId = this.conversation ?? this.#picked;
      if (!conversationId && session.kind === 'visitor' && !this.#startNew) {
        const { conversations } = await client.request('conversation:list', { limit: 50 });
        if (generation !== this.#openGeneration) return;
        this.#conversations = conversations;
        conversationId = this.#resumable(conversations)?.id;
      }
      if (conversationId) await this.#follow(client, conversationId, generation);
    } catch (error) {
      if (generation !== this.#openGeneration) return;
      this.#error = InteropError.of(error);
      this.emit('ix-error', { error: this.#error.toJSON() });
    }
    this.requestUpdate();
  }

  /** The open conversation to resume: about this page's product/topic if it has one, else the latest. */
  #resumable(conversations: Conversation[]): Conversation | undefined {
    let open = conversations.filter((conversation) => conversation.status !== 'closed');
    if (this.employee) open = open.filter((conversation) => conversation.assignee?.id === this.employee);
    if (!this.product && !this.topic) return open[0];
    return open.find(
      (conversation) => (conversation.context?.productId ?? undefined) === this.product && (conversation.context?.topic ?? undefined) === this.topic,
    );
  }

  async #follow(client: InteropClient, conversationId: string, generation: number) {
    const conversation = await client.request('conversation:open', { conversationId });
    if (generation !== this.#openGeneration) return;
    this.#feed?.dispose();
    const feed = new ConversationFeed(client, conversationId);
    feed.conversation = conversation;
    this.#feed = feed;
    this.#view = 'chat';
    feed.subscribe(() => this.requestUpdate());
    this.#stickToBottom = true;
    this.#window = { top: WINDOW_ROWS, bottom: 0 };
    await feed.start();
  }

  /** The conversation to write into, started now if the visitor has none yet. */
  async #ensureConversation(client: InteropClient): Promise<ConversationFeed | undefined> {
    if (this.#feed) return this.#feed;
    const generation = ++this.#openGeneration;
    const context = this.#context;
    const conversation = await client.request('conversation:open', {
      ...(this.#startNew ? { createNew: true } : {}),
      ...(context ? { context } : {}),
      ...(this.employee ? { employeeId: this.employee } : {}),
    });
    this.#startNew = false;
    this.#picked = conversation.id;
    await this.#follow(client, conversation.id, generation);
    return this.#feed;
  }

  #isOwn(message: Message): boolean {
    if (!this.#session || message.sender.kind === 'system') return false;
    return this.#session.kind === 'visitor' ? message.sender.kind === 'customer' : message.sender.kind === 'employee';
  }

  #deliveryState(message: Message): DeliveryState {
    const conversation = this.#feed?.conversation;
    if (conversation && conversation.peerReadSeq >= message.seq) return 'read';
    if (conversation && conversation.peerDeliveredSeq >= message.seq) return 'delivered';
    return 'sent';
  }

  #announce(message: Message) {
    this.#announcement =
      message.kind === 'system' ? systemNoticeText(message.body, this.#terms) : this.#terms.newMessage(message.sender.name ?? '', messagePlainText(message));
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
      this.#error = new InteropError('too_large', this.#terms.tooLong(MAX_TEXT_LENGTH));
      this.requestUpdate();
      return;
    }
    input.value = '';
    const restore = () => {
      input.value = input.value ? `${text}\n${input.value}` : text;
    };
    try {
      if (!(await this.#sendContent(client, { kind: 'text', body: { text } }))) restore();
    } catch (error) {
      restore();
      this.#error = InteropError.of(error);
    }
    this.requestUpdate();
  }

  /** Queues a message in the conversation (started now if need be) unless a listener cancels `ix-send`. */
  async #sendContent(client: InteropClient, content: OutgoingContent): Promise<boolean> {
    const feed = await this.#ensureConversation(client);
    if (!feed || !this.emit('ix-send', { conversationId: feed.conversationId, content }, { cancelable: true })) return false;
    feed.send(content);
    this.#error = undefined;
    this.#stickToBottom = true;
    return true;
  }

  /** Employees: sends a business card or a product card from the composer's tools. */
  async #sendCard(content: OutgoingContent) {
    const client = this.connection.client;
    if (!client) return;
    try {
      if (await this.#sendContent(client, content)) this.#picker = undefined;
    } catch (error) {
      this.#error = InteropError.of(error);
    }
    this.requestUpdate();
  }

  async #searchProducts(query: string, purpose = this.#picker?.purpose ?? 'card') {
    const client = this.connection.client;
    if (!client) return;
    this.#quickReplies = undefined;
    this.#picker = { purpose, query, quantity: this.#picker?.quantity ?? 1, products: this.#picker?.products };
    this.requestUpdate();
    try {
      const { products } = await client.request('product:list', { query, limit: 20 });
      if (this.#picker?.query === query) this.#picker = { ...this.#picker, products };
    } catch (error) {
      this.#error = InteropError.of(error);
    }
    this.requestUpdate();
  }

  /** Employees: the picker's choice, sent as a product card or as a request to pay for it. */
  #pickProduct(product: Product) {
    const picker = this.#picker!;
    void this.#sendCard(
      picker.purpose === 'payment'
        ? { kind: 'payment_request', body: { productId: product.id, quantity: picker.quantity } }
        : { kind: 'product_card', body: { productId: product.id } },
    );
  }

  async #toggleQuickReplies() {
    const client = this.connection.client;
    if (this.#quickReplies || !client) {
      this.#quickReplies = undefined;
      this.requestUpdate();
      return;
    }
    this.#picker = undefined;
    try {
      this.#quickReplies = (await client.request('quickreply:list', {})).replies;
    } catch (error) {
      this.#error = InteropError.of(error);
    }
    this.requestUpdate();
  }

  /** A quick reply goes into the composer, to be read (and changed) before it is sent. */
  #insertReply(reply: QuickReply) {
    const input = this.renderRoot.querySelector('textarea');
    this.#quickReplies = undefined;
    this.requestUpdate();
    if (!input) return;
    input.value = input.value ? `${input.value} ${reply.text}` : reply.text;
    input.focus();
  }

  /** Employees: turns a customer's message into one of their to-dos. */
  async #addTodo(message: Message) {
    const client = this.connection.client;
    if (!client) return;
    try {
      await client.request('todo:create', { messageId: message.id });
      this.#toolNote = this.#terms.todoAdded;
    } catch (error) {
      this.#error = InteropError.of(error);
    }
    this.requestUpdate();
  }

  async #attach(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    const client = this.connection.client;
    if (!file || !client) return;
    const limit = this.#corp?.uploadMaxBytes;
    if (!UPLOAD_TYPES.includes(file.type)) {
      this.#error = new InteropError('invalid_payload', this.#terms.fileType);
    } else if (limit !== undefined && file.size > limit) {
      this.#error = new InteropError('too_large', this.#terms.fileTooLarge(formatBytes(limit)));
    } else {
      await this.#uploadAndSend(client, file);
      return;
    }
    this.requestUpdate();
  }

  async #uploadAndSend(client: InteropClient, file: File) {
    const upload: Upload = { name: file.name, progress: 0, abort: new AbortController() };
    this.#upload = upload;
    this.#error = undefined;
    this.requestUpdate();
    try {
      const feed = await this.#ensureConversation(client);
      if (!feed) return;
      const result = await client.upload(file, file.name, {
        signal: upload.abort.signal,
        onProgress: (fraction) => {
          upload.progress = fraction;
          this.requestUpdate();
        },
      });
      await this.#sendContent(client, { kind: result.kind, body: { uploadId: result.uploadId, name: result.name } });
    } catch (error) {
      if (!upload.abort.signal.aborted) this.#error = InteropError.of(error);
    } finally {
      if (this.#upload === upload) this.#upload = undefined;
      this.requestUpdate();
    }
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
    const fromBottom = log.scrollHeight - log.scrollTop - log.clientHeight;
    const range = this.#window;
    if (log.scrollTop < EDGE_PX) {
      if (range.top < this.#rowCount) {
        this.#keepAnchor(log);
        range.top = Math.min(this.#rowCount, range.top + STEP_ROWS);
        range.bottom = Math.max(range.bottom, range.top - WINDOW_ROWS);
        this.requestUpdate();
      } else if (this.#feed?.hasMore && !this.#feed.loading) {
        this.#keepAnchor(log);
        void this.#feed.loadOlder();
      }
    } else if (fromBottom < EDGE_PX && range.bottom > 0) {
      this.#keepAnchor(log);
      range.bottom = Math.max(0, range.bottom - STEP_ROWS);
      range.top = range.bottom + WINDOW_ROWS;
      this.requestUpdate();
    }
    this.#stickToBottom = range.bottom === 0 && fromBottom < STICK_TO_BOTTOM_PX;
  }

  /**
   * Remembers the first message in view and where it is, so the next render can put it back there. (Not a day
   * separator: older messages of the same day move it up.)
   */
  #keepAnchor(log: HTMLElement) {
    const top = log.getBoundingClientRect().top;
    for (const row of log.querySelectorAll<HTMLElement>('.message[data-key]')) {
      const rect = row.getBoundingClientRect();
      if (rect.bottom > top) {
        this.#anchor = { key: row.dataset.key!, offset: rect.top - top };
        return;
      }
    }
  }

  async #submitPrechat(event: SubmitEvent) {
    event.preventDefault();
    const client = this.connection.client;
    const form = event.currentTarget as HTMLFormElement;
    if (!client || !form.reportValidity()) return;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    try {
      const name = field('name');
      const email = field('email');
      const phone = field('phone');
      this.#session = await client.request('profile:update', {
        consent: true,
        ...(name ? { name } : {}),
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
      });
      this.#error = undefined;
    } catch (error) {
      this.#error = InteropError.of(error);
    }
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector('textarea')?.focus();
  }

  async #submitRating(event: SubmitEvent) {
    event.preventDefault();
    const client = this.connection.client;
    const feed = this.#feed;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const score = Number(data.get('score'));
    if (!client || !feed || !(score >= 1 && score <= 5)) return;
    const comment = String(data.get('comment') ?? '').trim();
    try {
      feed.conversation = await client.request('conversation:rate', {
        conversationId: feed.conversationId,
        score,
        ...(comment ? { comment } : {}),
      });
      this.#error = undefined;
    } catch (error) {
      this.#error = InteropError.of(error);
    }
    this.requestUpdate();
  }

  async #closeConversation() {
    const client = this.connection.client;
    const feed = this.#feed;
    if (!client || !feed) return;
    try {
      feed.conversation = await client.request('conversation:close', { conversationId: feed.conversationId });
    } catch (error) {
      this.#error = InteropError.of(error);
    }
    this.requestUpdate();
  }

  async #showList() {
    const client = this.connection.client;
    if (!client) return;
    this.#view = 'list';
    this.requestUpdate();
    try {
      this.#conversations = (await client.request('conversation:list', { limit: 50 })).conversations;
    } catch (error) {
      this.#error = InteropError.of(error);
    }
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.conversation-list button')?.focus();
  }

  async #pick(conversationId: string | undefined) {
    const client = this.connection.client;
    if (!client) return;
    this.#picked = conversationId;
    this.#startNew = conversationId === undefined;
    this.#view = 'chat';
    if (conversationId) await this.#open(client);
    else {
      this.#feed?.dispose();
      this.#feed = undefined;
      this.requestUpdate();
    }
    await this.updateComplete;
    this.renderRoot.querySelector('textarea')?.focus();
  }

  async #downloadTranscript() {
    const feed = this.#feed;
    if (!feed) return;
    await feed.loadAll();
    const text = transcriptText(feed.messages, {
      title: this.#title(),
      lang: this.#localize.lang,
      isOwn: (message) => this.#isOwn(message),
      you: this.#terms.you,
      notice: (body) => systemNoticeText(body, this.#terms),
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `transcript-${feed.conversationId.slice(0, 8)}.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  protected override updated(): void {
    const log = this.renderRoot.querySelector<HTMLElement>('.messages');
    if (log) this.#placeScroll(log);
    if (this.#focusWhenReady && !this.renderRoot.querySelector('textarea')?.disabled) this.focus();
    const feed = this.#feed;
    const visible = document.visibilityState === 'visible' && this.getClientRects().length > 0;
    if (feed && this.connection.client?.status === 'online' && visible) {
      feed.markRead().catch(() => {
        // Read marks are retried with the next update; nothing is lost meanwhile.
      });
    }
  }

  /** Keeps the reader's place: pinned to the newest message, or the anchored row where it was. */
  #placeScroll(log: HTMLElement) {
    const anchor = this.#anchor;
    // While older messages load, several renders happen (the loading line, then the rows): hold the anchor to the end.
    if (!this.#feed?.loading) this.#anchor = undefined;
    const row = anchor && log.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`);
    if (anchor && row) {
      log.scrollTop += row.getBoundingClientRect().top - log.getBoundingClientRect().top - anchor.offset;
    } else if (this.#stickToBottom) {
      log.scrollTop = log.scrollHeight;
    }
  }

  #title(): string {
    if (this.heading) return this.heading;
    if (this.#session?.kind === 'employee') return this.#feed?.conversation?.customer.name ?? this.#terms.conversation;
    return this.#session?.corpName ?? this.#terms.chat;
  }

  #subtitle() {
    const conversation = this.#feed?.conversation;
    const terms = this.#terms;
    if (this.#session?.kind === 'employee') {
      return conversation ? (conversation.customer.verified ? terms.verifiedCustomer : terms.visitor) : nothing;
    }
    const assignee = conversation?.assignee;
    if (!assignee) return nothing;
    const presence = this.#presence.get(assignee.id) ?? 'offline';
    return html`<span class="presence" data-presence=${presence}><span class="dot" aria-hidden="true"></span>${terms.willAnswer(assignee.name)}
      · ${terms.presence[presence]}</span>`;
  }

  #notice(): { text: string; error: boolean } | undefined {
    const client = this.connection.client;
    const terms = this.#terms;
    if (!client) return { text: terms.notConnected, error: true };
    if (this.#error) return { text: this.#error.message, error: true };
    if (this.#feed?.error) return { text: terms.couldNotLoad(this.#feed.error.message), error: true };
    if (client.status === 'error') return { text: terms.unavailable(client.lastError?.message ?? 'connection refused'), error: true };
    if (client.status === 'offline') return { text: terms.reconnecting, error: false };
    if (client.status === 'connecting' && !this.#session) return { text: terms.connecting, error: false };
    const hours = this.#corp?.hours;
    if (this.#session?.kind === 'visitor' && hours && !hours.open) {
      if (!hours.nextOpenAt) return { text: terms.away, error: false };
      const when = new Intl.DateTimeFormat(this.#localize.lang, { weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(
        new Date(hours.nextOpenAt),
      );
      return { text: terms.awayUntil(when), error: false };
    }
    return undefined;
  }

  /** Feed items with a separator before each new day (in the viewer's time zone). */
  #rows(items: FeedItem[]): Row[] {
    const rows: Row[] = [];
    let lastDay = '';
    for (const item of items) {
      const created = new Date(item.state === 'sent' ? item.message.createdAt : item.entry.createdAt);
      const day = created.toDateString();
      if (day !== lastDay) {
        rows.push({ kind: 'day', key: `day:${day}`, label: dayLabel(created, this.#terms, this.#localize.lang) });
        lastDay = day;
      }
      rows.push({ kind: 'item', key: item.key, item });
    }
    return rows;
  }

  #messageContext(): MessageViewContext {
    const client = this.connection.client;
    return {
      terms: this.#terms,
      lang: this.#localize.lang,
      baseUrl: client?.baseUrl ?? location.origin,
      client,
      viewer: this.#session?.kind,
      isOwn: (message) => this.#isOwn(message),
      deliveryState: (message) => this.#deliveryState(message),
      retry: (clientId) => client?.retry(clientId),
      addTodo: this.#session?.kind === 'employee' ? (message) => void this.#addTodo(message) : undefined,
      discard: (clientId) => client?.discard(clientId),
    };
  }

  #renderMessages() {
    const feed = this.#feed;
    const terms = this.#terms;
    const items = feed?.items ?? [];
    const context = this.#messageContext();
    const typists = feed?.typists ?? [];
    const rows = this.#rows(items);
    this.#rowCount = rows.length;
    if (this.#stickToBottom) this.#window = { top: WINDOW_ROWS, bottom: 0 };
    const shown = rows.slice(Math.max(0, rows.length - this.#window.top), rows.length - this.#window.bottom);
    return html`<div class="messages" part="messages" role="region" aria-label=${terms.messages} tabindex="0" @scroll=${this.#onScroll}>
        ${feed?.loading && feed.messages.length > 0 ? html`<p class="older">${terms.loadingEarlier}</p>` : nothing}
        ${items.length === 0 && !feed?.loading
          ? html`<p class="empty">${this.#session?.kind === 'employee' && !feed ? terms.chooseConversation : terms.emptyVisitor}</p>`
          : repeat(
              shown,
              (row) => row.key,
              (row) =>
                row.kind === 'day'
                  ? html`<div class="day" part="day" role="separator" aria-label=${row.label} data-key=${row.key}><span>${row.label}</span></div>`
                  : renderFeedItem(row.item, context),
            )}
      </div>
      <p class="typing" part="typing">
        ${typists.length
          ? terms.typing(typists.map((typist) => typist.name).filter(Boolean).join(', ') || terms.someoneTyping)
          : nothing}
      </p>`;
  }

  #renderComposer(canWrite: boolean) {
    const terms = this.#terms;
    const upload = this.#upload;
    return html`${upload
        ? html`<div class="upload" part="upload">
            <label>
              <span>${terms.uploading(upload.name)}</span>
              <progress max="1" .value=${upload.progress}></progress>
            </label>
            <button class="link-button" type="button" @click=${() => upload.abort.abort()}>${terms.cancelUpload}</button>
          </div>`
        : nothing}
      ${this.#session?.kind === 'employee' ? this.#renderTools(canWrite) : nothing}
      <form part="composer" class="composer" @submit=${(event: Event) => (event.preventDefault(), void this.#send())}>
        <label class="attach" part="attach" title=${terms.attach} ?data-disabled=${!canWrite || !!upload}>
          <span class="visually-hidden">${terms.attach}</span>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path fill="currentColor" d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z" />
          </svg>
          <input type="file" accept=${UPLOAD_TYPES.join(',')} ?disabled=${!canWrite || !!upload} @change=${this.#attach} />
        </label>
        <textarea
          part="input"
          rows="1"
          aria-label=${terms.messageLabel}
          placeholder=${terms.messagePlaceholder}
          maxlength=${MAX_TEXT_LENGTH}
          ?disabled=${!canWrite}
          @keydown=${this.#onKeydown}
          @input=${() => this.#feed?.typing(true)}
          @blur=${() => this.#feed?.typing(false)}
        ></textarea>
        <button class="send" part="send" type="submit" ?disabled=${!canWrite}>${terms.send}</button>
      </form>`;
  }

  /** Employees: send my business card, a product card or a payment request from the catalog; quick replies. */
  #renderTools(canWrite: boolean) {
    const terms = this.#terms;
    const picker = this.#picker;
    const session = this.#session!;
    const togglePicker = (purpose: 'card' | 'payment') =>
      picker?.purpose === purpose ? ((this.#picker = undefined), this.requestUpdate()) : void this.#searchProducts('', purpose);
    return html`<div class="tools" part="tools">
        <button class="link-button" part="send-card" type="button" ?disabled=${!canWrite}
          @click=${() => this.#sendCard({ kind: 'business_card', body: { employeeId: session.id } })}>${terms.sendCard}</button>
        <button class="link-button" part="send-product" type="button" ?disabled=${!canWrite} aria-expanded=${picker?.purpose === 'card' ? 'true' : 'false'}
          aria-controls="product-picker" @click=${() => togglePicker('card')}>${terms.sendProduct}</button>
        <button class="link-button" part="request-payment" type="button" ?disabled=${!canWrite} aria-expanded=${picker?.purpose === 'payment' ? 'true' : 'false'}
          aria-controls="product-picker" @click=${() => togglePicker('payment')}>${terms.requestPayment}</button>
        <button class="link-button" part="quick-replies" type="button" ?disabled=${!canWrite} aria-expanded=${this.#quickReplies ? 'true' : 'false'}
          aria-controls="quick-replies" @click=${this.#toggleQuickReplies}>${terms.quickReplies}</button>
        ${this.#toolNote ? html`<span class="tool-note" role="status">${this.#toolNote}</span>` : nothing}
      </div>
      ${picker
        ? html`<div id="product-picker" class="picker" part="product-picker">
            <div class="picker-fields">
              <input type="search" aria-label=${terms.searchProducts} placeholder=${terms.searchProducts} maxlength="100"
                .value=${picker.query} @input=${(event: Event) => void this.#searchProducts((event.target as HTMLInputElement).value)} />
              ${picker.purpose === 'payment'
                ? html`<label class="quantity">${terms.quantity}
                    <input type="number" min="1" max=${MAX_ORDER_QUANTITY} .value=${String(picker.quantity)}
                      @change=${(event: Event) => {
                        const value = Math.round(Number((event.target as HTMLInputElement).value));
                        this.#picker = { ...picker, quantity: Math.min(MAX_ORDER_QUANTITY, Math.max(1, value || 1)) };
                      }} />
                  </label>`
                : nothing}
            </div>
            ${picker.products?.length === 0 ? html`<p>${terms.noProducts}</p>` : nothing}
            <ul>
              ${(picker.products ?? []).map(
                (product) => html`<li>
                  <button type="button" class="link-button" data-product=${product.id} @click=${() => this.#pickProduct(product)}
                  >${product.title} · ${formatMoney(product.priceMinor, product.currency, this.#localize.lang)}</button>
                </li>`,
              )}
            </ul>
          </div>`
        : nothing}
      ${this.#quickReplies
        ? html`<div id="quick-replies" class="picker" part="quick-reply-list">
            ${this.#quickReplies.length === 0 ? html`<p>${terms.noQuickReplies}</p>` : nothing}
            <ul>
              ${this.#quickReplies.map(
                (reply) => html`<li>
                  <button type="button" class="link-button" data-reply=${reply.id} title=${reply.text} @click=${() => this.#insertReply(reply)}
                  >${reply.title}</button>
                </li>`,
              )}
            </ul>
          </div>`
        : nothing}`;
  }

  #renderPrechat() {
    const terms = this.#terms;
    const prechat = this.#corp!.prechat!;
    const types = { name: 'text', email: 'email', phone: 'tel' } as const;
    const autocomplete = { name: 'name', email: 'email', phone: 'tel' } as const;
    return html`<form class="prechat" part="prechat" @submit=${this.#submitPrechat}>
      <h3>${terms.prechatTitle}</h3>
      <p>${terms.prechatIntro}</p>
      ${prechat.fields.map(
        (field) => html`<label>
          <span>${terms[field]}</span>
          <input name=${field} type=${types[field]} autocomplete=${autocomplete[field]} required maxlength="254" />
        </label>`,
      )}
      <label class="consent">
        <input type="checkbox" name="consent" required />
        <span>${prechat.consentText}</span>
      </label>
      <button class="primary" type="submit">${terms.startChat}</button>
    </form>`;
  }

  #renderClosed() {
    const terms = this.#terms;
    const conversation = this.#feed!.conversation!;
    const visitor = this.#session?.kind === 'visitor';
    return html`<div class="closed" part="rating">
      <p>${terms.closed}</p>
      ${visitor && conversation.rating
        ? html`<p class="thanks" role="status">${terms.ratingThanks(conversation.rating.score)}</p>`
        : visitor
          ? html`<form class="rating" @submit=${this.#submitRating}>
              <fieldset>
                <legend>${terms.rateTitle}</legend>
                <div class="stars">
                  ${[1, 2, 3, 4, 5].map(
                    (score) => html`<label class="star">
                      <input type="radio" name="score" value=${score} required />
                      <span aria-hidden="true">★</span><span class="visually-hidden">${terms.rateScore(score)}</span>
                    </label>`,
                  )}
                </div>
              </fieldset>
              <label class="comment">
                <span>${terms.ratingComment}</span>
                <textarea name="comment" rows="2" maxlength=${MAX_RATING_COMMENT_LENGTH}></textarea>
              </label>
              <button class="primary" type="submit">${terms.submitRating}</button>
            </form>`
          : conversation.rating
            ? html`<p class="customer-rating">${terms.customerRating(conversation.rating.score, conversation.rating.comment)}</p>`
            : nothing}
      ${visitor ? html`<button class="link-button" type="button" @click=${() => this.#pick(undefined)}>${terms.startNew}</button>` : nothing}
    </div>`;
  }

  #renderList() {
    const terms = this.#terms;
    const conversations = this.#conversations ?? [];
    return html`<div class="conversation-list" part="conversation-list">
      <h3>${terms.conversations}</h3>
      <ul>
        ${conversations.map(
          (conversation) => html`<li>
            <button type="button" data-id=${conversation.id} @click=${() => this.#pick(conversation.id)}>
              <span class="subject">${conversation.subject ?? conversation.lastMessagePreview ?? terms.conversation}</span>
              <span class="status" data-status=${conversation.status}>${terms.statusLabel[conversation.status]}</span>
              ${conversation.unread ? html`<span class="badge">${terms.unreadCount(conversation.unread)}</span>` : nothing}
            </button>
          </li>`,
        )}
      </ul>
      ${conversations.length === 0 ? html`<p class="empty">${terms.noConversations}</p>` : nothing}
      <button class="primary" type="button" @click=${() => this.#pick(undefined)}>${terms.startNew}</button>
    </div>`;
  }

  protected override render() {
    const terms = this.#terms;
    const notice = this.#notice();
    const feed = this.#feed;
    const session = this.#session;
    const visitor = session?.kind === 'visitor';
    const needsPrechat = visitor && !feed && !!this.#corp?.prechat && !session.consentAt;
    const closed = feed?.conversation?.status === 'closed';
    const canWrite = !!this.connection.client && (visitor || !!feed);
    let body;
    if (this.#view === 'list') body = this.#renderList();
    else if (needsPrechat) body = this.#renderPrechat();
    else {
      body = html`${this.#renderMessages()}
      ${closed && visitor ? this.#renderClosed() : this.#renderComposer(canWrite)}
      ${closed && !visitor ? this.#renderClosed() : nothing}`;
    }
    return html`<section class="base" part="base" aria-label=${this.#title()} dir=${this.#localize.dir} lang=${this.#localize.lang}>
      <header part="header">
        <div class="heading">
          <h2 part="title" dir="auto">${this.#title()}</h2>
          <span class="subtitle" part="subtitle">${this.#subtitle()}</span>
        </div>
        <div class="actions" part="actions">
          ${visitor && this.#view === 'chat'
            ? html`<button class="icon-button" type="button" @click=${this.#showList}>${terms.showConversations}</button>`
            : nothing}
          ${feed && this.#view === 'chat'
            ? html`<button class="icon-button" type="button" @click=${this.#downloadTranscript}>${terms.transcript}</button>`
            : nothing}
          ${session?.kind === 'employee' && feed && !closed
            ? html`<button class="icon-button" type="button" @click=${this.#closeConversation}>${terms.closeConversation}</button>`
            : nothing}
        </div>
      </header>
      ${notice
        ? html`<p class="notice ${notice.error ? 'error' : ''}" part="notice" role=${notice.error ? 'alert' : 'status'}>${notice.text}</p>`
        : nothing}
      ${feed?.conversation?.context?.productTitle || feed?.conversation?.context?.topic
        ? html`<p class="context">${terms.about(feed.conversation.context.productTitle ?? feed.conversation.context.topic ?? '')}</p>`
        : nothing}
      ${body}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.#announcement}</div>
    </section>`;
  }
}
