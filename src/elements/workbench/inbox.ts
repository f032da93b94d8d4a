import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { customerName } from '../../protocol/visitor-name.js';
import { localizePreview } from '../../protocol/message-text.js';
import { repeat } from 'lit/directives/repeat.js';
import type { InteropClient } from '../../client/index.js';
import type { WorkbenchTerms } from '../../locales/workbench/index.js';
import type { Conversation, ConversationStatus, InboxScope } from '../../protocol/index.js';
import { CONVERSATION_STATUSES } from '../../protocol/limits.js';

const PAGE = 50;
const SEARCH_DELAY_MS = 250;

export interface InboxFilter {
  scope: InboxScope;
  status: ConversationStatus | undefined;
  /** Only customers waiting for an answer (they spoke last). */
  waiting: boolean;
  query: string;
}

const byRecent = (a: Conversation, b: Conversation) =>
  (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt);

/**
 * The inbox's list: filtered and searched on the server, paged, and kept live from pushes. A pushed conversation
 * joins or leaves the list as it comes to match the filter (handed to me, closed…); while searching, only the
 * conversations found are updated, since the text match is the server's to decide.
 */
export class InboxList implements ReactiveController {
  filter: InboxFilter = { scope: 'all', status: undefined, waiting: false, query: '' };
  /** On a narrow inbox (a phone), the one pane showing: the list, the conversation, or its customer. */
  pane: 'list' | 'chat' | 'customer' = 'list';
  loading = false;
  error: unknown;
  #items = new Map<string, Conversation>();
  #cursor: string | null = null;
  #generation = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly me: () => string | undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // A search typed just before the workbench left is not run; the next client attach loads afresh.
    clearTimeout(this.#searchTimer);
  }

  /** Shows one pane of a narrow inbox (the back and forward controls). */
  showPane(pane: InboxList['pane']): void {
    this.pane = pane;
    this.host.requestUpdate();
  }

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

export interface InboxListView {
  inbox: InboxList;
  client: InteropClient | undefined;
  terms: WorkbenchTerms;
  lang: string;
  selected: string | undefined;
  select(conversationId: string): void;
}

/** Arrow keys move through the list (one tab stop for the whole list, as a roving tabindex). */
function onListKeydown(event: KeyboardEvent) {
  const moves: Record<string, (index: number, count: number) => number> = {
    ArrowDown: (i, n) => Math.min(n - 1, i + 1),
    ArrowUp: (i) => Math.max(0, i - 1),
    Home: () => 0,
    End: (_i, n) => n - 1,
  };
  const move = moves[event.key];
  if (!move) return;
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('.conversation')];
  const index = buttons.indexOf(event.target as HTMLButtonElement);
  if (index < 0) return;
  event.preventDefault();
  const next = buttons[move(index, buttons.length)];
  for (const button of buttons) button.tabIndex = button === next ? 0 : -1;
  next?.focus();
}

/** The inbox's filters and its conversations, newest activity first (one tab stop; arrows move). */
export function renderInboxList({ inbox, client, terms, lang, selected, select }: InboxListView) {
  const conversations = inbox.conversations;
  const focusable = selected && inbox.get(selected) ? selected : conversations[0]?.id;
  const filter = inbox.filter;
  return html`<nav part="list" class="inbox-list" aria-label=${terms.conversations}>
    <div class="filters" part="filters">
      <label>${terms.scope}
        <select @change=${(event: Event) => client && inbox.setFilter(client, { scope: (event.target as HTMLSelectElement).value as InboxFilter['scope'] })}>
          ${(['all', 'mine', 'unassigned'] as const).map((scope) => html`<option value=${scope} ?selected=${filter.scope === scope}>${terms.scopes[scope]}</option>`)}
        </select>
      </label>
      <label>${terms.status}
        <select @change=${(event: Event) => {
          const value = (event.target as HTMLSelectElement).value;
          if (client) inbox.setFilter(client, { status: value ? (value as InboxFilter['status']) : undefined });
        }}>
          <option value="" ?selected=${!filter.status}>${terms.anyStatus}</option>
          ${CONVERSATION_STATUSES.map((status) => html`<option value=${status} ?selected=${filter.status === status}>${terms.statuses[status]}</option>`)}
        </select>
      </label>
      <label class="waiting-filter">
        <input type="checkbox" .checked=${filter.waiting}
          @change=${(event: Event) => client && inbox.setFilter(client, { waiting: (event.target as HTMLInputElement).checked })} />
        ${terms.waitingOnly}
      </label>
      <input type="search" aria-label=${terms.search} placeholder=${terms.search} maxlength="100" .value=${filter.query}
        @input=${(event: Event) => client && inbox.setFilter(client, { query: (event.target as HTMLInputElement).value })} />
    </div>
    ${conversations.length === 0 && !inbox.loading ? html`<p class="empty">${terms.noConversations}</p>` : nothing}
    <ul @keydown=${onListKeydown} aria-busy=${inbox.loading ? 'true' : 'false'}>
      ${repeat(
        conversations,
        (conversation) => conversation.id,
        (conversation) => html`<li>
          <button
            class="conversation"
            part="conversation"
            type="button"
            tabindex=${conversation.id === focusable ? 0 : -1}
            aria-current=${conversation.id === selected ? 'true' : 'false'}
            data-id=${conversation.id}
            @click=${() => select(conversation.id)}
          >
            <span class="name" dir="auto">${customerName(conversation.customer, lang)}</span>
            ${
              conversation.unread > 0
                ? html`<span class="badge" part="badge">${conversation.unread}<span class="visually-hidden"> ${terms.unread(conversation.unread)}</span></span>`
                : html`<span></span>`
            }
            ${
              conversation.awaitingReply && conversation.status !== 'closed'
                ? html`<span class="waiting" data-waiting>${terms.waitingForAnswer}</span>`
                : nothing
            }
            <span class="preview" dir="auto">${
              conversation.lastMessagePreview
                ? localizePreview(conversation.lastMessagePreview, terms.previewTags)
                : conversation.subject || terms.noMessages
            }</span>
            <span class="state" data-status=${conversation.status}
              >${conversation.status === 'pending' ? terms.waitingOutsideHours : conversation.status === 'closed' ? terms.closed : (conversation.assignee?.name ?? terms.unassigned)}${
                conversation.rating
                  ? html` · <span aria-hidden="true">★</span> ${conversation.rating.score}/5<span class="visually-hidden"> ${terms.rating(conversation.rating.score)}</span>`
                  : nothing
              }</span
            >
          </button>
        </li>`,
      )}
    </ul>
    ${inbox.hasMore ? html`<button type="button" class="link-button" @click=${() => client && void inbox.load(client, true)}>${terms.loadMore}</button>` : nothing}
  </nav>`;
}
