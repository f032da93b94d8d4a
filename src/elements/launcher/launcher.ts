import { html, nothing, svg, type PropertyValues } from 'lit';
import { ContextConsumer } from '@lit/context';
// Types only: the client and the chat window load on demand (see #load), never with the launcher.
import type { InteropClient } from '../../client/interop-client.js';
import type { IxChatWindow } from '../chat-window/chat-window.js';
import { visitorKeyName } from '../../client/storage.js';
import { clientContext } from '../base/context.js';
import { IxElement } from '../base/ix-element.js';
import { LocalizeController } from '../base/localize.js';
import { launcherTerms } from '../../locales/launcher/index.js';
import { launcherStyles } from './launcher.styles.js';

export const LAUNCHER_POSITIONS = ['bottom-end', 'bottom-start', 'bottom-right', 'bottom-left'] as const;
export type LauncherPosition = (typeof LAUNCHER_POSITIONS)[number];

/**
 * @summary The "contact sales" bubble: a corner button with an unread badge that opens the chat window.
 * @tag ix-launcher
 *
 * Its first load is the button alone: the chat window (and, outside an `<ix-provider>`, the connection) is imported
 * when it first opens. A returning visitor's unread badge loads the connection when the page is idle.
 *
 * @event ix-open - The chat window opened.
 * @event ix-close - The chat window closed.
 * @event ix-unread-change - The unread count changed. `detail: { count }`.
 * @event ix-ready - The chat window loaded and rendered, on first open.
 * @event ix-error - The chat window could not be loaded, or the conversation could not be opened. `detail: { error }`.
 *
 * @csspart button - The round launcher button.
 * @csspart badge - The unread count on the button.
 * @csspart panel - The floating panel holding the chat window.
 * @csspart chat-base - The chat window's parts, exported with a `chat-` prefix (`chat-header`, `chat-input`…).
 *
 * @cssproperty [--ix-launcher-size=56px] - Diameter of the button.
 * @cssproperty [--ix-launcher-offset=20px] - Distance from the viewport's corner.
 * @cssproperty [--ix-launcher-z-index=2147483000] - Stacking order above the page.
 * @cssproperty [--ix-accent=#1d4ed8] - Button colour.
 */
export class IxLauncher extends IxElement {
  static override properties = {
    isOpen: { type: Boolean, reflect: true, attribute: 'open' },
    position: { reflect: true },
    label: {},
    product: {},
    topic: {},
    employee: {},
    theme: { reflect: true },
    lang: { reflect: true },
    titleBadge: { type: Boolean, attribute: 'title-badge' },
    sound: { type: Boolean },
    client: { attribute: false },
    endpoint: {},
    corp: {},
    token: {},
    tokenProvider: { attribute: false },
  };

  static override styles = [IxElement.styles, launcherStyles];

  /** Whether the chat window is showing (the `open` attribute; the `open()` method opens it). */
  declare isOpen: boolean;
  /** Which corner: `bottom-end` (default; right in left-to-right pages), `bottom-start`, `bottom-right`, `bottom-left`. */
  declare position: LauncherPosition;
  /** The button's accessible name and tooltip (default "Contact sales"). */
  declare label: string | undefined;
  /** A catalog product id the conversation is about ("contact sales about this item"). */
  declare product: string | undefined;
  /** A free-text topic for the conversation. */
  declare topic: string | undefined;
  /** An employee to talk to (a business card's "Chat with me"): their open conversation, or a new one with them. */
  declare employee: string | undefined;
  /** Color scheme: `light` (default), `dark`, or `auto` (follows the system). Reflected. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Language of the element's strings (`en`, `zh-CN`); default: the nearest `lang` up the page, then the browser's. */
  declare lang: string;
  /** Opt-in: prefix the page title with the unread count, e.g. "(2) Acme Tea". */
  declare titleBadge: boolean;
  /** Opt-in: a short chime when a message arrives while the chat is closed or the page hidden. */
  declare sound: boolean;
  /** An explicit client; wins over a provider's. */
  declare client: InteropClient | undefined;
  /** The backend URL, when the launcher makes its own connection. */
  declare endpoint: string | undefined;
  /** The company id, when the launcher makes its own connection. */
  declare corp: string | undefined;
  /** A session token for its own connection (otherwise a visitor session is requested). */
  declare token: string | undefined;
  /** Returns a fresh session token for its own connection. */
  declare tokenProvider: (() => Promise<string>) | undefined;

  #localize = new LocalizeController(this, launcherTerms);
  #fromContext: InteropClient | undefined;
  #own: InteropClient | undefined;
  #loaded = false;
  #loading: Promise<void> | undefined;
  #watching: InteropClient | undefined;
  #unwatch: (() => void) | undefined;
  #unread = new Map<string, number>();
  #count = 0;
  #pageTitle: string | undefined;
  #idleHandle: number | undefined;

  constructor() {
    super();
    this.isOpen = false;
    this.position = 'bottom-end';
    this.titleBadge = false;
    this.sound = false;
    new ContextConsumer(this, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        this.#fromContext = client;
        this.requestUpdate();
      },
    });
  }

  /** The unread messages across the visitor's conversations. */
  get unreadCount(): number {
    return this.#count;
  }

  /** The client in use: `.client`, the provider's, or the launcher's own once created. */
  get #client(): InteropClient | undefined {
    return this.client ?? this.#fromContext ?? this.#own;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A returning visitor may have unread replies: connect when the page is idle, never before it is interactive.
    if (!this.#own && this.endpoint && this.corp && !this.client && this.#hasVisitorKey()) {
      const idle = globalThis.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 1500));
      this.#idleHandle = idle(() => void this.#ensureOwnClient()) as number;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#idleHandle !== undefined) (globalThis.cancelIdleCallback ?? clearTimeout)(this.#idleHandle);
    // Moving the launcher (a framework re-render) disconnects and reconnects it at once: only a launcher that stays
    // out of the page gives up its connection.
    setTimeout(() => {
      if (this.isConnected) return;
      this.#unwatch?.();
      this.#unwatch = undefined;
      this.#watching = undefined;
      this.#own?.close();
      this.#own = undefined;
      this.#setTitle(0);
    });
  }

  #hasVisitorKey(): boolean {
    try {
      return !!localStorage.getItem(visitorKeyName(this.endpoint!, this.corp!));
    } catch {
      return false;
    }
  }

  async #ensureOwnClient() {
    if (this.client || this.#fromContext || this.#own || !this.endpoint || !this.corp) return;
    const { createOwnClient } = await import('../base/own-connection.js');
    if (this.#own || !this.isConnected) return;
    this.#own = createOwnClient({ endpoint: this.endpoint, corp: this.corp, token: this.token, tokenProvider: this.tokenProvider });
    this.#own.connect();
    this.requestUpdate();
  }

  /** Opens the chat window, loading it on first use. */
  open(): void {
    this.isOpen = true;
  }

  /** Closes the chat window; focus returns to the button. */
  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    void this.updateComplete.then(() => this.focus());
  }

  /** Opens the chat if it is closed, closes it if it is open. */
  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Focuses the launcher button. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button.launcher')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('isOpen') && this.isOpen) void this.#load();
    this.#watch(this.#client);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('isOpen') || changed.get('isOpen') === undefined) return;
    if (this.isOpen) {
      this.emit('ix-open', {});
      const chat = this.#chat();
      chat?.requestUpdate(); // it now shows, so it may mark messages read
      if (chat) void chat.updateComplete.then(() => chat.focus());
    } else {
      this.emit('ix-close', {});
    }
  }

  #chat(): IxChatWindow | null {
    return this.renderRoot.querySelector('ix-chat-window');
  }

  async #load() {
    this.#loading ??= (async () => {
      try {
        await Promise.all([import('../chat-window/define.js'), this.#ensureOwnClient()]);
        this.#loaded = true;
        this.requestUpdate();
        await this.updateComplete;
        const chat = this.#chat();
        await chat?.updateComplete;
        if (this.isOpen) chat?.focus();
        this.emit('ix-ready', {});
      } catch {
        this.#loading = undefined; // the next open tries again
        this.emit('ix-error', { error: { code: 'unavailable', message: 'The chat could not be loaded' } });
        this.requestUpdate();
      }
    })();
    return this.#loading;
  }

  /** Follows the unread counts of the visitor's conversations on `client`. */
  #watch(client: InteropClient | undefined) {
    if (client === this.#watching) return;
    this.#unwatch?.();
    this.#watching = client;
    this.#unread.clear();
    this.#recount();
    if (!client) return;
    const refresh = () => {
      client
        .request('conversation:list', { limit: 50 })
        .then(({ conversations }) => {
          this.#unread = new Map(conversations.map((conversation) => [conversation.id, conversation.unread]));
          this.#recount();
        })
        .catch(() => {
          // Offline or refused: the badge keeps its last count and refreshes on the next connect.
        });
    };
    const offs = [
      client.on('status', (status) => {
        if (status === 'online') refresh();
        this.requestUpdate();
      }),
      client.on('conversation', (conversation) => {
        this.#unread.set(conversation.id, conversation.unread);
        this.#recount();
      }),
      client.on('message', (message) => {
        if (this.sound && message.sender.kind === 'employee' && (!this.isOpen || document.visibilityState === 'hidden')) chime();
      }),
    ];
    if (client.status === 'online') refresh();
    this.#unwatch = () => offs.forEach((off) => off());
  }

  #recount() {
    const count = [...this.#unread.values()].reduce((sum, unread) => sum + unread, 0);
    if (count === this.#count) return;
    this.#count = count;
    this.#setTitle(count);
    this.emit('ix-unread-change', { count });
    this.requestUpdate();
  }

  #setTitle(count: number) {
    if (!this.titleBadge && this.#pageTitle === undefined) return;
    this.#pageTitle ??= document.title;
    document.title = count > 0 && this.titleBadge ? `(${count}) ${this.#pageTitle}` : this.#pageTitle;
    if (count === 0) this.#pageTitle = undefined;
  }

  #onKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape' && this.isOpen) {
      event.stopPropagation();
      this.close();
    }
  }

  protected override render() {
    const terms = this.#localize.terms;
    const label = this.label ?? terms.contactSales;
    const count = this.#count;
    const name = count > 0 ? `${label}, ${terms.unreadCount(count)}` : label;
    // Physical corners align the panel physically, whatever the page's direction.
    const side = this.position === 'bottom-left' ? 'left' : this.position === 'bottom-right' ? 'right' : nothing;
    return html`<div class="root" data-side=${side} @keydown=${this.#onKeydown}>
      <div class="panel" part="panel" id="panel" role="dialog" aria-label=${label} ?hidden=${!this.isOpen}>
        ${this.#loaded
          ? html`<ix-chat-window
              exportparts="base: chat-base, header: chat-header, title: chat-title, subtitle: chat-subtitle, actions: chat-actions, notice: chat-notice, messages: chat-messages, day: chat-day, message: chat-message, message-own: chat-message-own, message-peer: chat-message-peer, message-system: chat-message-system, bubble: chat-bubble, image: chat-image, file: chat-file, meta: chat-meta, typing: chat-typing, composer: chat-composer, input: chat-input, attach: chat-attach, upload: chat-upload, send: chat-send, prechat: chat-prechat, rating: chat-rating, conversation-list: chat-conversation-list"
              .client=${this.#client}
              product=${this.product ?? nothing}
              topic=${this.topic ?? nothing}
              employee=${this.employee ?? nothing}
              theme=${this.theme ?? nothing}
              lang=${this.#localize.lang}
            ></ix-chat-window>`
          : html`<p class="loading" role="status">${terms.connecting}</p>`}
      </div>
      <button
        class="launcher"
        part="button"
        type="button"
        aria-expanded=${this.isOpen ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${name}
        title=${label}
        @click=${() => this.toggle()}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28">
          ${this.isOpen
            ? svg`<path fill="currentColor" d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z" />`
            : svg`<path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />`}
        </svg>
        ${count > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${count > 99 ? '99+' : count}</span>` : nothing}
      </button>
    </div>`;
  }
}

/** A short two-tone chime made on the spot (no audio file to fetch). Browsers may refuse before a user gesture. */
function chime() {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.connect(audio.destination);
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.4);
    for (const [frequency, start] of [
      [880, 0],
      [1320, 0.12],
    ] as const) {
      const tone = audio.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(audio.currentTime + start);
      tone.stop(audio.currentTime + start + 0.25);
    }
    setTimeout(() => void audio.close(), 800);
  } catch {
    // No audio here; the badge still says it.
  }
}
