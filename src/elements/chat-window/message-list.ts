import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ConversationFeed, FeedItem } from '../../client/conversation-feed.js';
import type { Terms } from '../../locales/chat/index.js';
import { dayLabel, renderFeedItem, type MessageViewContext } from './message-view.js';

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

export interface MessageListView {
  feed: ConversationFeed | undefined;
  terms: Terms;
  lang: string;
  /** What shows when there are no messages: a line, or a visitor's first screen. */
  empty: string | TemplateResult;
  context: MessageViewContext;
}

/**
 * The conversation's messages as a windowed list that keeps the reader's place: pinned to the newest message while
 * they read the latest, or the row they were looking at when rows come or go above it (older pages, the window moving).
 */
export class MessageList implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  #feed: ConversationFeed | undefined;
  #stickToBottom = true;
  /** The rendered rows, counted from the newest: rows [length - top, length - bottom) are in the DOM. */
  #window = { top: WINDOW_ROWS, bottom: 0 };
  #rowCount = 0;
  /** The row the reader was looking at, to put back in place after rows came or went above it. */
  #anchor: { key: string; offset: number } | undefined;
  /** The newest row's key at the last render: a new one while the reader is up the history shows the pill. */
  #newestKey: string | undefined;
  /** Messages came while the reader was up the history: the "new messages" pill shows. */
  #unseen = false;
  /**
   * Cards, images and pay buttons inside messages grow after they render, and a phone's keyboard shrinks the list:
   * while the reader is at the bottom, either keeps the newest message in view. (Only scrollTop changes here, never a
   * size, so no resize loop.)
   */
  #resize = new ResizeObserver(() => {
    const log = this.#log;
    if (log && this.#stickToBottom) this.#scrollTo(log, log.scrollHeight);
  });
  /** What the observer watches now: the list and its rows (a new rows element when the list was empty). */
  #observed: Element[] = [];
  /** Where the list last scrolled itself: a scroll event that lands there is ours, not the reader leaving the bottom. */
  #ownScrollTop: number | undefined;

  #scrollTo(log: HTMLElement, top: number) {
    log.scrollTop = top;
    this.#ownScrollTop = log.scrollTop;
  }

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  /** Shows the newest message (after the viewer sent one, say). */
  toBottom(): void {
    this.#stickToBottom = true;
  }

  get #log() {
    return this.#host.shadowRoot?.querySelector<HTMLElement>('.messages') ?? undefined;
  }

  hostUpdated(): void {
    const log = this.#log;
    if (!log) return;
    const watch = [log, log.querySelector('.rows') ?? log];
    if (watch.some((element, index) => element !== this.#observed[index])) {
      this.#resize.disconnect();
      for (const element of watch) this.#resize.observe(element);
      this.#observed = watch;
    }
    this.#placeScroll(log);
  }

  hostDisconnected(): void {
    this.#resize.disconnect();
    this.#observed = [];
  }

  #showNewest = () => {
    this.#stickToBottom = true;
    this.#unseen = false;
    this.#host.requestUpdate();
  };

  render(view: MessageListView) {
    const { feed, terms } = view;
    if (feed !== this.#feed) {
      // Another conversation starts at its newest message.
      this.#feed = feed;
      this.#stickToBottom = true;
      this.#window = { top: WINDOW_ROWS, bottom: 0 };
    }
    const items = feed?.items ?? [];
    const typists = feed?.typists ?? [];
    const newest = items.at(-1);
    if (newest?.key !== this.#newestKey) {
      // The reader's own sends bring them down (toBottom); the other side's wait under the pill.
      if (this.#newestKey !== undefined && !this.#stickToBottom) this.#unseen = true;
      this.#newestKey = newest?.key;
    }
    const rows = this.#rows(items, view);
    this.#rowCount = rows.length;
    if (this.#stickToBottom) this.#window = { top: WINDOW_ROWS, bottom: 0 };
    const shown = rows.slice(Math.max(0, rows.length - this.#window.top), rows.length - this.#window.bottom);
    return html`<div class="messages" part="messages" role="region" aria-label=${terms.messages} tabindex="0" @scroll=${this.#onScroll}>
        ${feed?.loading && feed.messages.length > 0 ? html`<p class="older">${terms.loadingEarlier}</p>` : nothing}
        ${
          items.length === 0 && !feed?.loading
            ? typeof view.empty === 'string'
              ? html`<p class="empty">${view.empty}</p>`
              : view.empty
            : html`<div class="rows">${repeat(
                shown,
                (row) => row.key,
                (row) =>
                  row.kind === 'day'
                    ? html`<div class="day" part="day" role="separator" aria-label=${row.label} data-key=${row.key}><span>${row.label}</span></div>`
                    : renderFeedItem(row.item, view.context),
              )}</div>`
        }
        ${
          this.#unseen
            ? html`<button class="new-messages" part="new-messages" type="button" @click=${this.#showNewest}>${terms.newMessages}
              <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16"><path fill="currentColor" d="M11 4h2v12l5.5-5.5 1.4 1.4L12 19.8l-7.9-7.9 1.4-1.4L11 16z" /></svg></button>`
            : nothing
        }
      </div>
      <p class="typing" part="typing">
        ${
          typists.length
            ? html`<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${terms.typing(
                typists
                  .map((typist) => typist.name)
                  .filter(Boolean)
                  .join(', ') || terms.someoneTyping,
              )}`
            : nothing
        }
      </p>`;
  }

  /** Feed items with a separator before each new day (in the viewer's time zone). */
  #rows(items: FeedItem[], view: MessageListView): Row[] {
    const rows: Row[] = [];
    let lastDay = '';
    for (const item of items) {
      const created = new Date(item.state === 'sent' ? item.message.createdAt : item.entry.createdAt);
      const day = created.toDateString();
      if (day !== lastDay) {
        rows.push({ kind: 'day', key: `day:${day}`, label: dayLabel(created, view.terms, view.lang) });
        lastDay = day;
      }
      rows.push({ kind: 'item', key: item.key, item });
    }
    return rows;
  }

  #onScroll = (event: Event) => {
    const log = event.currentTarget as HTMLElement;
    const fromBottom = log.scrollHeight - log.scrollTop - log.clientHeight;
    const range = this.#window;
    if (log.scrollTop < EDGE_PX) {
      if (range.top < this.#rowCount) {
        this.#keepAnchor(log);
        range.top = Math.min(this.#rowCount, range.top + STEP_ROWS);
        range.bottom = Math.max(range.bottom, range.top - WINDOW_ROWS);
        this.#host.requestUpdate();
      } else if (this.#feed?.hasMore && !this.#feed.loading) {
        this.#keepAnchor(log);
        void this.#feed.loadOlder();
      }
    } else if (fromBottom < EDGE_PX && range.bottom > 0) {
      this.#keepAnchor(log);
      range.bottom = Math.max(0, range.bottom - STEP_ROWS);
      range.top = range.bottom + WINDOW_ROWS;
      this.#host.requestUpdate();
    }
    // Content that grew after the list scrolled itself (a card loading) is not the reader scrolling up.
    if (log.scrollTop !== this.#ownScrollTop)
      this.#stickToBottom = range.bottom === 0 && fromBottom < STICK_TO_BOTTOM_PX;
    if (this.#stickToBottom && this.#unseen) {
      this.#unseen = false;
      this.#host.requestUpdate();
    }
  };

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

  /** Keeps the reader's place: pinned to the newest message, or the anchored row where it was. */
  #placeScroll(log: HTMLElement) {
    const anchor = this.#anchor;
    // While older messages load, several renders happen (the loading line, then the rows): hold the anchor to the end.
    if (!this.#feed?.loading) this.#anchor = undefined;
    const row = anchor && log.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`);
    if (anchor && row) {
      log.scrollTop += row.getBoundingClientRect().top - log.getBoundingClientRect().top - anchor.offset;
    } else if (this.#stickToBottom) {
      this.#scrollTo(log, log.scrollHeight);
    }
  }
}
