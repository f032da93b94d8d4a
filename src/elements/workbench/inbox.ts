import type { ReactiveControllerHost } from 'lit';
import type { InteropClient } from '../../client/index.js';
import type { Conversation, ConversationStatus, InboxScope } from '../../protocol/index.js';

const PAGE = 50;
const SEARCH_DELAY_MS = 250;

export interface InboxFilter {
  scope: InboxScope;
  status: ConversationStatus | undefined;
  /** Only customers waiting for an answer (they spoke last). */
  waiting: boolean;
  query: string;
}

const byRecent = (a: Conversation, b: Conversation) => (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt);

/**
 * The inbox's list: filtered and searched on the server, paged, and kept live from pushes. A pushed conversation
 * joins or leaves the list as it comes to match the filter (handed to me, closed…); while searching, only the
 * conversations found are updated, since the text match is the server's to decide.
 */
export class InboxList {
  filter: InboxFilter = { scope: 'all', status: undefined, waiting: false, query: '' };
  loading = false;
  error: unknown;
  #items = new Map<string, Conversation>();
  #cursor: string | null = null;
  #generation = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly me: () => string | undefined,
  ) {}

  get conversations(): Conversation[] {
    return [...this.#items.values()].sort(byRecent);
  }

  get hasMore(): boolean {
    return this.#cursor !== null;
  }

  get(id: string): Conversation | undefined {
    return this.#items.get(id);
  }

  #matches(conversation: Conversation): boolean {
    const { scope, status, waiting } = this.filter;
    if (status && conversation.status !== status) return false;
    if (waiting && !(conversation.awaitingReply && conversation.status !== 'closed')) return false;
    if (scope === 'mine') return conversation.assignee?.id === this.me();
    if (scope === 'unassigned') return conversation.assignee === null;
    return true;
  }

  /** A pushed conversation: updated in place, added when it now matches, dropped when it no longer does. */
  apply(conversation: Conversation): void {
    const listed = this.#items.has(conversation.id);
    if (!this.#matches(conversation)) {
      if (listed) this.#items.delete(conversation.id);
    } else if (listed || !this.filter.query) {
      this.#items.set(conversation.id, conversation);
    }
    this.host.requestUpdate();
  }

  /** Changes the filter and loads its first page (a search waits for the typing to pause). */
  setFilter(client: InteropClient, change: Partial<InboxFilter>): void {
    this.filter = { ...this.filter, ...change };
    clearTimeout(this.#searchTimer);
    if ('query' in change) this.#searchTimer = setTimeout(() => void this.load(client), SEARCH_DELAY_MS);
    else void this.load(client);
  }

  /** The first page (`more`: the next one) of the current filter. */
  async load(client: InteropClient, more = false): Promise<void> {
    const generation = more ? this.#generation : ++this.#generation;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const { scope, status, waiting, query } = this.filter;
      const page = await client.request('conversation:list', {
        scope,
        limit: PAGE,
        ...(status ? { status } : {}),
        ...(waiting ? { awaitingReply: true } : {}),
        ...(query.trim() ? { query: query.trim() } : {}),
        ...(more && this.#cursor ? { cursor: this.#cursor } : {}),
      });
      if (generation !== this.#generation) return; // the filter changed meanwhile
      if (!more) this.#items.clear();
      for (const conversation of page.conversations) this.#items.set(conversation.id, conversation);
      this.#cursor = page.nextCursor;
      this.error = undefined;
    } catch (error) {
      if (generation === this.#generation) this.error = error;
    } finally {
      if (generation === this.#generation) this.loading = false;
      this.host.requestUpdate();
    }
  }

  clear(): void {
    clearTimeout(this.#searchTimer);
    this.#generation++;
    this.#items.clear();
    this.#cursor = null;
  }
}
