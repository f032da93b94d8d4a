import type { Conversation, Message, OutgoingContent } from '../protocol/index.js';
import type { InteropClient } from './interop-client.js';
import { InteropError } from './interop-error.js';
import type { OutboxEntry } from './outbox.js';

/** One row of a conversation as a UI shows it: a stored message, or one still on its way. */
export type FeedItem =
  { key: string; state: 'sent'; message: Message } | { key: string; state: 'sending' | 'failed'; entry: OutboxEntry };

const PAGE_SIZE = 50;
/** A typing indicator without news for this long is dropped (the typist's tab may have closed). */
const TYPING_EXPIRES_MS = 6000;
/** While someone keeps typing, say so at most this often. */
const TYPING_RESEND_MS = 2500;

export interface Typist {
  key: string;
  name: string;
}

/**
 * The messages of one conversation, kept in seq order without duplicates, whatever order pushes, acks and syncs
 * arrive in. It syncs after every reconnect and whenever a pushed seq reveals a gap, so nothing is missed.
 */
export class ConversationFeed {
  readonly conversationId: string;
  conversation: Conversation | undefined;
  /** More history exists before the oldest loaded message. */
  hasMore = false;
  loading = false;
  error: InteropError | undefined;

  #client: InteropClient;
  #byId = new Map<string, Message>();
  #ordered: Message[] = [];
  #listeners = new Set<() => void>();
  #unsubscribe: (() => void)[] = [];
  #syncing: Promise<void> | undefined;
  #started = false;
  #marking: { upToSeq: number; done: Promise<void> } | undefined;
  #deliveredSent = 0;
  #delivering = false;
  #typists = new Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>();
  #typingSentAt = 0;
  /** The seq just before the oldest loaded message: everything from here up is ours to hold. */
  #floor: number | undefined;

  constructor(client: InteropClient, conversationId: string) {
    this.#client = client;
    this.conversationId = conversationId;
  }

  /**
   * The newest seq such that no message between the oldest loaded one and it is missing: where a sync resumes.
   * (A pushed message past a gap does not move it, so the sync that follows fetches the gap.)
   */
  get lastSeq(): number {
    let seq = this.#floor ?? 0;
    for (const message of this.#ordered) {
      if (message.seq <= seq) continue;
      if (message.seq !== seq + 1) break;
      seq = message.seq;
    }
    return seq;
  }

  /** The newest seq loaded, gaps or not. */
  get newestSeq(): number {
    return this.#ordered.at(-1)?.seq ?? 0;
  }

  get messages(): readonly Message[] {
    return this.#ordered;
  }

  /** Stored messages followed by those still in the outbox (minus any the server already confirmed). */
  get items(): FeedItem[] {
    const confirmed = new Set(this.#ordered.map((message) => message.clientId).filter(Boolean));
    const pending = this.#client
      .pending()
      .filter((entry) => entry.conversationId === this.conversationId && !confirmed.has(entry.clientId));
    return [
      ...this.#ordered.map((message) => ({ key: message.clientId ?? message.id, state: 'sent' as const, message })),
      ...pending.map((entry) => ({ key: entry.clientId, state: entry.state, entry })),
    ];
  }

  /** Who is typing in this conversation right now (the other side, or colleagues). */
  get typists(): Typist[] {
    return [...this.#typists].map(([key, { name }]) => ({ key, name }));
  }

  /** The conversation as the server now has it (an answer to a request about it); subscribers hear of it. */
  update(conversation: Conversation): void {
    this.conversation = conversation;
    this.#changed();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Loads the latest page and starts following the conversation. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#unsubscribe.push(
      this.#client.on('message', (message) => {
        if (message.conversationId !== this.conversationId) return;
        const gap = this.#floor !== undefined && message.seq > this.lastSeq + 1;
        this.#insert([message]);
        if (gap) void this.sync();
      }),
      this.#client.on('conversation', (conversation) => {
        if (conversation.id === this.conversationId) this.update(conversation);
      }),
      this.#client.on('outbox', () => this.#changed()),
      this.#client.on('typing', ({ conversationId, sender, typing }) => {
        if (conversationId !== this.conversationId) return;
        const key = `${sender.kind}:${sender.id ?? ''}`;
        clearTimeout(this.#typists.get(key)?.timer);
        if (typing) {
          const timer = setTimeout(() => {
            this.#typists.delete(key);
            this.#changed();
          }, TYPING_EXPIRES_MS);
          this.#typists.set(key, { name: sender.name ?? '', timer });
        } else this.#typists.delete(key);
        this.#changed();
      }),
      this.#client.on('status', (status) => {
        if (status === 'online') {
          // Back online: catch up, or load at last if the first load never got through.
          if (this.#floor !== undefined) void this.sync();
          else if (!this.loading) void this.#load(undefined);
        }
        this.#changed();
      }),
    );
    await this.#load(undefined);
  }

  /** Loads the page before the oldest message loaded so far. */
  loadOlder(): Promise<void> {
    if (!this.hasMore || this.loading) return Promise.resolve();
    return this.#load(this.#ordered[0]?.seq);
  }

  /** Fetches everything after the last seq we hold, page by page. */
  sync(): Promise<void> {
    this.#syncing ??= this.#syncPages().finally(() => {
      this.#syncing = undefined;
    });
    return this.#syncing;
  }

  send(content: OutgoingContent): OutboxEntry {
    this.#typingSentAt = 0;
    return this.#client.send(this.conversationId, content);
  }

  /**
   * Tells the other side this side is typing (call on every keystroke: it is throttled) or stopped. Best effort: a
   * lost typing event costs nothing.
   */
  typing(active: boolean): void {
    const now = Date.now();
    if (active && now - this.#typingSentAt < TYPING_RESEND_MS) return;
    if (!active && this.#typingSentAt === 0) return;
    this.#typingSentAt = active ? now : 0;
    if (this.#client.status !== 'online') return;
    this.#client.request('typing', { conversationId: this.conversationId, typing: active }).catch(() => {});
  }

  /** Loads every older page (for a transcript). */
  async loadAll(): Promise<void> {
    while (this.hasMore) {
      const before = this.#ordered.length;
      await this.loadOlder();
      if (this.error || this.#ordered.length === before) return;
    }
  }

  /** Marks everything up to the newest message as read by this side (one request at a time, none when read). */
  markRead(): Promise<void> {
    const upToSeq = this.newestSeq;
    if (upToSeq === 0 || (this.conversation && this.conversation.readSeq >= upToSeq)) return Promise.resolve();
    if (this.#marking && this.#marking.upToSeq >= upToSeq) return this.#marking.done;
    const done = this.#client
      .request('message:read', { conversationId: this.conversationId, upToSeq })
      .then((conversation) => this.update(conversation))
      .finally(() => {
        if (this.#marking?.done === done) this.#marking = undefined;
      });
    this.#marking = { upToSeq, done };
    return done;
  }

  dispose(): void {
    for (const { timer } of this.#typists.values()) clearTimeout(timer);
    this.#typists.clear();
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#listeners.clear();
  }

  async #load(beforeSeq: number | undefined) {
    this.loading = true;
    this.#changed();
    try {
      const page = await this.#client.request('history:page', {
        conversationId: this.conversationId,
        limit: PAGE_SIZE,
        ...(beforeSeq === undefined ? {} : { beforeSeq }),
      });
      const first = page.messages[0];
      const floor = first ? first.seq - 1 : (beforeSeq ?? 1) - 1;
      this.#floor = this.#floor === undefined ? floor : Math.min(this.#floor, floor);
      this.hasMore = page.hasMore;
      this.error = undefined;
      this.#insert(page.messages);
    } catch (error) {
      this.error = InteropError.of(error);
    } finally {
      this.loading = false;
      this.#changed();
    }
  }

  async #syncPages() {
    // Before the first page is in, the load itself brings everything.
    if (this.#client.status !== 'online' || this.#floor === undefined) return;
    try {
      for (;;) {
        const page = await this.#client.request('sync', {
          conversationId: this.conversationId,
          afterSeq: this.lastSeq,
          limit: 200,
        });
        this.#insert(page.messages);
        if (!page.hasMore || page.messages.length === 0) break;
      }
      this.error = undefined;
    } catch (error) {
      // The next reconnect syncs again; say why meanwhile.
      this.error = InteropError.of(error);
      this.#changed();
    }
  }

  #insert(messages: readonly Message[]) {
    let added = false;
    for (const message of messages) {
      if (message.conversationId !== this.conversationId || this.#byId.has(message.id)) continue;
      this.#byId.set(message.id, message);
      added = true;
    }
    if (!added) return;
    this.#ordered = [...this.#byId.values()].sort((a, b) => a.seq - b.seq);
    // A message from someone shown typing ends their indicator.
    for (const message of messages) {
      const key = `${message.sender.kind}:${message.sender.id ?? ''}`;
      clearTimeout(this.#typists.get(key)?.timer);
      this.#typists.delete(key);
    }
    this.#changed();
    void this.#acknowledgeDelivery();
  }

  /** Delivery receipt: this device has everything up to the newest seq (one request at a time, coalesced). */
  async #acknowledgeDelivery() {
    if (this.#delivering || this.#client.status !== 'online') return;
    const upToSeq = this.lastSeq;
    if (upToSeq <= this.#deliveredSent) return;
    this.#delivering = true;
    try {
      await this.#client.request('message:delivered', { conversationId: this.conversationId, upToSeq });
      this.#deliveredSent = upToSeq;
    } catch {
      // Retried with the next message or sync.
    } finally {
      this.#delivering = false;
    }
    if (this.lastSeq > this.#deliveredSent) void this.#acknowledgeDelivery();
  }

  #changed() {
    for (const listener of [...this.#listeners]) listener();
  }
}
