import type { ReactiveController, ReactiveControllerHost } from 'lit';
// Straight from the modules, not the client's index: a barrel would put the socket stack in the first load (esbuild
// splits by the import graph), while it belongs to the connection, loaded on demand (see base/own-connection.ts).
import { ConversationFeed } from '../../client/conversation-feed.js';
import type { InteropClient } from '../../client/interop-client.js';
import type { DeliveryState } from './message-view.js';
import type {
  Conversation,
  ConversationContextRequest,
  CorpInfo,
  Message,
  PresenceStatus,
  Session,
} from '../../protocol/index.js';

/** What the window was asked to show (its attributes). */
export interface ConversationTarget {
  conversation?: string | undefined;
  product?: string | undefined;
  topic?: string | undefined;
  employee?: string | undefined;
}

export interface ConversationEvents {
  /** Opening (or anything the controller did on its own) failed. */
  fail(error: unknown): void;
  /** A message of the other side arrived in the open conversation. */
  message(message: Message): void;
}

/**
 * Opens and follows the window's conversation: who the viewer is, the company (hours, team presence), the feed of the
 * conversation shown, and (visitors) their list of conversations. Each (re)open supersedes the previous one, so a
 * slow answer for an old conversation is dropped (an open is several requests in a row, each of which may be the
 * one overtaken, so it carries its own run number rather than a LoadController's single load). It follows its
 * target (the window's attributes) by itself, and its host renders again whenever any of this changes.
 */
export class ConversationController implements ReactiveController {
  session: Session | undefined;
  corp: CorpInfo | undefined;
  feed: ConversationFeed | undefined;
  /** The visitor's conversations, once listed. */
  conversations: Conversation[] | undefined;
  readonly presence = new Map<string, PresenceStatus>();

  readonly #host: ReactiveControllerHost;
  readonly #target: () => ConversationTarget;
  readonly #events: ConversationEvents;
  #client: InteropClient | undefined;
  /** A conversation the visitor picked from their list (the `conversation` attribute wins over it). */
  #picked: string | undefined;
  /** The visitor asked for a new conversation: the next message starts one. */
  #startNew = false;
  /** Bumped on every (re)open so a slow answer for an old conversation is dropped. */
  #generation = 0;
  /** The visitor's first conversation while it is being started. */
  #starting: Promise<ConversationFeed | undefined> | undefined;
  /** The target as of the last update (undefined before the first). */
  #shown: string | undefined;

  constructor(host: ReactiveControllerHost, target: () => ConversationTarget, events: ConversationEvents) {
    this.#host = host;
    this.#target = target;
    this.#events = events;
    host.addController(this);
  }

  /** The target changed (an attribute): show what it asks for now. The first update opens through `attach`. */
  hostUpdate(): void {
    const { conversation, product, topic, employee } = this.#target();
    const shown = [conversation, product, topic, employee].join('\n');
    const first = this.#shown === undefined;
    if (shown === this.#shown) return;
    this.#shown = shown;
    if (!first) this.retarget();
  }

  /** Follows `client` (undefined: none); returns what undoes it. */
  attach(client: InteropClient | undefined): () => void {
    this.#generation++; // whatever was opening for the previous client is dropped
    this.#client = client;
    this.session = undefined;
    this.corp = undefined;
    this.#changed();
    if (!client) return () => {};
    const unsubscribe = [
      client.on('status', (status) => {
        // Back online after the first open failed: try again.
        if (status === 'online' && !this.session) void this.open();
        this.#changed();
      }),
      client.on('message', (message) => {
        if (message.conversationId === this.feed?.conversationId && !this.isOwn(message)) this.#events.message(message);
      }),
      client.on('presence', ({ employeeId, status }) => {
        this.presence.set(employeeId, status);
        this.#changed();
      }),
      client.on('conversation', (conversation) => {
        if (!this.conversations) return;
        const known = this.conversations.some((item) => item.id === conversation.id);
        this.conversations = known
          ? this.conversations.map((item) => (item.id === conversation.id ? conversation : item))
          : [conversation, ...this.conversations];
        this.#changed();
      }),
    ];
    void this.open();
    return () => {
      for (const off of unsubscribe) off();
      this.#drop();
    };
  }

  /** The viewer's session as the server now has it (after the pre-chat form, say). */
  updateSession(session: Session): void {
    this.session = session;
    this.#changed();
  }

  /** Shows what the target asks for now, dropping a conversation the visitor picked. */
  retarget(): void {
    this.#picked = undefined;
    if (this.#client) void this.open();
  }

  /** (Re)opens: the session and company, then the asked-for conversation, or (visitors) the one to resume. */
  async open(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const generation = ++this.#generation;
    this.#drop();
    try {
      const [session, corp] = await Promise.all([client.session(), client.request('corp:info', {})]);
      if (generation !== this.#generation) return;
      this.session = session;
      this.corp = corp;
      for (const member of corp.team) this.presence.set(member.id, member.presence);
      let conversationId = this.#target().conversation ?? this.#picked;
      if (!conversationId && session.kind === 'visitor' && !this.#startNew) {
        const { conversations } = await client.request('conversation:list', { limit: 50 });
        if (generation !== this.#generation) return;
        this.conversations = conversations;
        conversationId = this.#resumable(conversations)?.id;
      }
      if (conversationId) await this.#follow(client, conversationId, generation);
    } catch (error) {
      if (generation === this.#generation) this.#events.fail(error);
    }
    this.#changed();
  }

  /**
   * The conversation to write into, started now if the visitor has none yet. Sends that come while it is being
   * started wait for the same one, in the order they came (so their messages keep that order, in one conversation).
   */
  ensureConversation(): Promise<ConversationFeed | undefined> {
    const client = this.#client;
    // While it is being started the feed may already be there: a later send must still wait behind the earlier ones.
    if (this.#starting) return this.#starting;
    if (this.feed || !client) return Promise.resolve(this.feed);
    this.#starting ??= this.#start(client).finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  async #start(client: InteropClient): Promise<ConversationFeed | undefined> {
    const generation = ++this.#generation;
    const { employee } = this.#target();
    const context = this.#context();
    const conversation = await client.request('conversation:open', {
      ...(this.#startNew ? { createNew: true } : {}),
      ...(context ? { context } : {}),
      ...(employee ? { employeeId: employee } : {}),
    });
    this.#startNew = false;
    this.#picked = conversation.id;
    await this.#follow(client, conversation.id, generation);
    return this.feed;
  }

  /** Visitors: show one of their conversations, or (undefined) start a new one with the next message. */
  async pick(conversationId: string | undefined): Promise<void> {
    this.#picked = conversationId;
    this.#startNew = conversationId === undefined;
    if (conversationId) await this.open();
    else {
      this.#drop();
      this.#changed();
    }
  }

  /** Visitors: their conversations, listed afresh. */
  async list(): Promise<void> {
    if (!this.#client) return;
    this.conversations = (await this.#client.request('conversation:list', { limit: 50 })).conversations;
    this.#changed();
  }

  isOwn(message: Message): boolean {
    if (!this.session || message.sender.kind === 'system') return false;
    return this.session.kind === 'visitor' ? message.sender.kind === 'customer' : message.sender.kind === 'employee';
  }

  /** Where one of the reader's stored messages stands by the other side's marks: read, delivered, or sent. */
  deliveryState(message: Message): DeliveryState {
    const marks = this.feed?.conversation;
    if (marks && marks.peerReadSeq >= message.seq) return 'read';
    if (marks && marks.peerDeliveredSeq >= message.seq) return 'delivered';
    return 'sent';
  }

  #context(): ConversationContextRequest | undefined {
    const { product, topic } = this.#target();
    if (!product && !topic) return undefined;
    return { ...(product ? { productId: product } : {}), ...(topic ? { topic } : {}) };
  }

  /** The open conversation to resume: about this page's product/topic if it has one, else the latest. */
  #resumable(conversations: Conversation[]): Conversation | undefined {
    const { product, topic, employee } = this.#target();
    let open = conversations.filter((conversation) => conversation.status !== 'closed');
    if (employee) open = open.filter((conversation) => conversation.assignee?.id === employee);
    if (!product && !topic) return open[0];
    return open.find(
      (conversation) =>
        (conversation.context?.productId ?? undefined) === product &&
        (conversation.context?.topic ?? undefined) === topic,
    );
  }

  async #follow(client: InteropClient, conversationId: string, generation: number) {
    const conversation = await client.request('conversation:open', { conversationId });
    if (generation !== this.#generation) return;
    this.feed?.dispose();
    const feed = new ConversationFeed(client, conversationId);
    feed.conversation = conversation;
    this.feed = feed;
    feed.subscribe(() => this.#changed());
    this.#changed();
    await feed.start();
  }

  #drop() {
    this.feed?.dispose();
    this.feed = undefined;
  }

  /** The one place this controller's state reaches the screen. */
  #changed() {
    this.#host.requestUpdate();
  }
}
