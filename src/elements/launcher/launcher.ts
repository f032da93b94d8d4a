import type { ReactiveController, ReactiveControllerHost } from 'lit';
// Types only: lit, the client and the chat window load when the chat first opens (see #load), never with the button.
import type { InteropClient } from '../../client/interop-client.js';
import type { IxChatWindow } from '../chat-window/chat-window.js';
import { visitorKeyName } from '../../client/storage.js';
import { ConnectionResolver } from '../base/connection-resolver.js';
import { emit, type EventDetail } from '../base/emit.js';
import { LocalizeController } from '../base/localize.js';
import { launcherTerms } from '../../locales/launcher/index.js';
import { CHAT_EXPORT_PARTS } from '../base/chat-parts.js';
import { adoptStyles, h, reflectAttributes, setOrRemove } from './dom.js';
import { chime } from '../base/chime.js';
import { TitleBadge } from '../base/title-badge.js';
import { UnreadCount } from './unread-count.js';
import { FullScreen } from './full-screen.js';

export const LAUNCHER_POSITIONS = ['bottom-end', 'bottom-start', 'bottom-right', 'bottom-left'] as const;
export type LauncherPosition = (typeof LAUNCHER_POSITIONS)[number];

const ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';
const ICON_CLOSE =
  'M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z';

/** Properties that mirror a text attribute of the same name (absent: undefined, or the default given here). */
const TEXT_ATTRIBUTES = {
  position: 'bottom-end',
  label: undefined,
  product: undefined,
  topic: undefined,
  employee: undefined,
  theme: undefined,
  endpoint: undefined,
  corp: undefined,
  token: undefined,
};
/** Properties that mirror a boolean attribute (present: true). */
const BOOLEAN_ATTRIBUTES = { isOpen: 'open', titleBadge: 'title-badge', sound: 'sound' };

// Without lit, so without lit's server-side stand-in: a plain class where there is no DOM (a server rendering the page
// imports this module and must not crash; the tag is only defined in a browser). Named HTMLElement, which it is in a
// browser, so that tools reading `extends HTMLElement` (the custom-elements manifest) know the class for an element.
const HTMLElement = (globalThis.HTMLElement ?? class {}) as typeof globalThis.HTMLElement;

/**
 * @summary The "contact sales" bubble: a corner button with an unread badge that opens the chat window.
 * @tag ix-launcher
 *
 * Its first load is the button alone, written without lit: lit, the chat window and (outside an `<ix-provider>`) the
 * connection are imported when it first opens. A returning visitor's unread badge loads the connection when the page
 * is idle.
 *
 * @attr {boolean} open - Whether the chat window is showing (the `isOpen` property).
 * @attr {'bottom-end' | 'bottom-start' | 'bottom-right' | 'bottom-left'} position - Which corner (default `bottom-end`).
 * @attr {string} label - The button's accessible name and tooltip (default "Contact sales").
 * @attr {string} product - A catalog product id the conversation is about.
 * @attr {string} topic - A free-text topic for the conversation.
 * @attr {string} employee - An employee to talk to.
 * @attr {'light' | 'dark' | 'auto'} theme - Color scheme (default light).
 * @attr {string} lang - Language of the element's strings.
 * @attr {boolean} title-badge - Prefix the page title with the unread count (the `titleBadge` property).
 * @attr {boolean} sound - A short chime when a message arrives while the chat is closed or the page hidden.
 * @attr {string} endpoint - The backend URL, when the launcher makes its own connection.
 * @attr {string} corp - The company id, when the launcher makes its own connection.
 * @attr {string} token - A session token for its own connection.
 *
 * On a screen narrower than 640 px the open chat fills the screen (following the on-screen keyboard) and closes from
 * its header.
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
export class IxLauncher extends HTMLElement implements ReactiveControllerHost {
  static observedAttributes = ['lang', ...Object.keys(TEXT_ATTRIBUTES), ...Object.values(BOOLEAN_ATTRIBUTES)];

  // Controllers first: the localize controller below registers itself while the element is constructed.
  #controllers = new Set<ReactiveController>();
  #updating: Promise<boolean> | undefined;
  #explicitClient: InteropClient | undefined;
  #tokenProvider: (() => Promise<string>) | undefined;
  #localize = new LocalizeController(this, launcherTerms);
  readonly #connection = new ConnectionResolver(this);
  #loading: Promise<void> | undefined;
  #unread = new UnreadCount(
    (count) => {
      this.#setTitle(count);
      this.#emit('ix-unread-change', { count });
      this.requestUpdate();
    },
    (message) => {
      if (this.sound && message.sender.kind === 'employee' && (!this.isOpen || document.visibilityState === 'hidden'))
        chime();
    },
  );
  #titleBadge = new TitleBadge();
  #idleHandle: number | undefined;
  /** Whether the chat showed at the last render (undefined before the first). */
  #shownOpen: boolean | undefined;
  #chatWindow: IxChatWindow | undefined;

  #root = h('div', { class: 'root' });
  #panel = h('div', { class: 'panel', part: 'panel', id: 'panel', role: 'dialog', hidden: '' });
  #loadingNotice = h('p', { class: 'loading', role: 'status' });
  #icon = h('path', { fill: 'currentColor' });
  #badge = h('span', { class: 'badge', part: 'badge', 'aria-hidden': 'true' });
  #button = h(
    'button',
    { class: 'launcher', part: 'button', type: 'button', 'aria-controls': 'panel' },
    h('svg', { 'aria-hidden': 'true', viewBox: '0 0 24 24', width: '28', height: '28' }, this.#icon),
  );

  #fullScreen = new FullScreen(this.#panel);

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).append(this.#root);
    adoptStyles(this.shadowRoot!);
    this.#panel.append(this.#loadingNotice);
    this.#root.append(this.#panel, this.#button);
    this.#button.addEventListener('click', () => this.toggle());
    // The chat's own close control (its header, when it fills a phone's screen).
    this.#panel.addEventListener('ix-dismiss', () => this.close());
    this.#root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.isOpen) {
        event.stopPropagation();
        this.close();
      }
    });
  }

  // The attribute-backed properties are accessors made below the class (one per attribute, see reflectAttributes).
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
  /** Opt-in: prefix the page title with the unread count, e.g. "(2) Acme Tea". */
  declare titleBadge: boolean;
  /** Opt-in: a short chime when a message arrives while the chat is closed or the page hidden. */
  declare sound: boolean;
  /** The backend URL, when the launcher makes its own connection. */
  declare endpoint: string | undefined;
  /** The company id, when the launcher makes its own connection. */
  declare corp: string | undefined;
  /** A session token for its own connection (otherwise a visitor session is requested). */
  declare token: string | undefined;

  /** An explicit client; wins over a provider's. */
  get client(): InteropClient | undefined {
    return this.#explicitClient;
  }
  set client(value: InteropClient | undefined) {
    this.#explicitClient = value;
    this.requestUpdate();
  }
  /** Returns a fresh session token for its own connection. */
  get tokenProvider(): (() => Promise<string>) | undefined {
    return this.#tokenProvider;
  }
  set tokenProvider(value: (() => Promise<string>) | undefined) {
    this.#tokenProvider = value;
  }

  /** The unread messages across the visitor's conversations. */
  get unreadCount(): number {
    return this.#unread.count;
  }

  /** The client in use: `.client`, the provider's, or the launcher's own once made (on first open, or when idle). */
  get #client(): InteropClient | undefined {
    return this.#connection.resolve(false);
  }

  attributeChangedCallback(): void {
    this.requestUpdate();
  }

  connectedCallback(): void {
    // A framework may set properties before the element is defined: they shadow the accessors until moved onto them.
    for (const name of [
      'client',
      'tokenProvider',
      ...Object.keys(BOOLEAN_ATTRIBUTES),
      ...Object.keys(TEXT_ATTRIBUTES),
    ]) {
      if (!Object.hasOwn(this, name)) continue;
      const self = this as unknown as Record<string, unknown>;
      const value = self[name];
      delete self[name];
      self[name] = value;
    }
    this.#connection.connect();
    this.#controllers.forEach((controller) => controller.hostConnected?.());
    // A returning visitor may have unread replies: connect when the page is idle, never before it is interactive.
    if (!this.#client && this.endpoint && this.corp && this.#hasVisitorKey()) {
      const idle = globalThis.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 1500));
      this.#idleHandle = idle(() => void this.#ensureOwnClient()) as number;
    }
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    this.#controllers.forEach((controller) => controller.hostDisconnected?.());
    if (this.#idleHandle !== undefined) (globalThis.cancelIdleCallback ?? clearTimeout)(this.#idleHandle);
    // Moving the launcher (a framework re-render) disconnects and reconnects it at once: only a launcher that stays
    // out of the page gives up its connection.
    setTimeout(() => {
      if (this.isConnected) return;
      this.#connection.disconnect();
      this.#fullScreen.release();
      this.#unread.follow(undefined);
      this.#setTitle(0);
    });
  }

  /** For reactive controllers (lit's protocol; the launcher's strings come from one). */
  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
  }

  /** For reactive controllers (lit's protocol). */
  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  /** Renders on the next microtask (once, however many changes came first). */
  requestUpdate(): void {
    this.#updating ??= Promise.resolve().then(() => {
      this.#updating = undefined;
      this.#update();
      return true;
    });
  }

  /** Resolves when pending changes have been rendered. */
  get updateComplete(): Promise<boolean> {
    return this.#updating ?? Promise.resolve(true);
  }

  #hasVisitorKey(): boolean {
    try {
      return !!localStorage.getItem(visitorKeyName(this.endpoint!, this.corp!));
    } catch {
      return false;
    }
  }

  /** Makes the launcher's own connection if it needs one, and connects whichever it uses. */
  async #ensureOwnClient() {
    if (!this.isConnected) return;
    this.#connection.resolve(true);
    await this.#connection.ready();
    this.#client?.connect();
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
    this.#button.focus(options);
  }

  #emit<K extends keyof GlobalEventHandlersEventMap>(name: K, detail: EventDetail<K>) {
    emit(this, name, detail);
  }

  async #load() {
    this.#loading ??= (async () => {
      try {
        await Promise.all([import('../chat-window/define.js'), this.#ensureOwnClient()]);
        this.#chatWindow = document.createElement('ix-chat-window');
        this.#chatWindow.setAttribute('exportparts', CHAT_EXPORT_PARTS);
        this.#update();
        this.#loadingNotice.replaceWith(this.#chatWindow);
        const chat = this.#chatWindow;
        await chat.updateComplete;
        if (this.isOpen) chat.focus();
        this.#emit('ix-ready', {});
      } catch {
        this.#loading = undefined; // the next open tries again
        this.#emit('ix-error', { error: { code: 'unavailable', message: 'The chat could not be loaded' } });
      }
    })();
    return this.#loading;
  }

  #setTitle(count: number) {
    this.#titleBadge.show(this.titleBadge ? count : 0);
  }

  /** Brings the shadow DOM in line with the state, then reacts to opening and closing. */
  #update() {
    this.#controllers.forEach((controller) => controller.hostUpdate?.());
    const open = this.isOpen;
    if (open) void this.#load();
    this.#unread.follow(this.#client);

    const terms = this.#localize.terms;
    const label = this.label ?? terms.contactSales;
    const count = this.#unread.count;
    const position = this.position;
    // Physical corners align the panel physically, whatever the page's direction.
    if (position === 'bottom-left' || position === 'bottom-right')
      this.#root.dataset.side = position.replace('bottom-', '');
    else delete this.#root.dataset.side;
    this.#panel.setAttribute('aria-label', label);
    this.#panel.hidden = !open;
    this.#fullScreen.update(open, () => this.requestUpdate());
    this.#loadingNotice.textContent = terms.connecting;
    this.#button.setAttribute('aria-expanded', String(open));
    this.#button.setAttribute('aria-label', count > 0 ? `${label}, ${terms.unreadCount(count)}` : label);
    this.#button.title = label;
    this.#icon.setAttribute('d', open ? ICON_CLOSE : ICON_CHAT);
    this.#badge.textContent = count > 99 ? '99+' : String(count);
    if (count > 0) this.#button.append(this.#badge);
    else this.#badge.remove();

    const chat = this.#chatWindow;
    if (chat) {
      chat.client = this.#client;
      for (const name of ['product', 'topic', 'employee', 'theme'] as const)
        setOrRemove(chat, name, this[name] || undefined);
      // Full screen, the chat closes from its own header: there is no launcher button to press.
      chat.toggleAttribute('dismissible', this.#fullScreen.active);
      chat.setAttribute('lang', this.#localize.lang);
    }
    this.#controllers.forEach((controller) => controller.hostUpdated?.());

    if (this.#shownOpen === undefined || this.#shownOpen === open) {
      this.#shownOpen = open;
      return;
    }
    this.#shownOpen = open;
    if (open) {
      this.#emit('ix-open', {});
      chat?.requestUpdate(); // it now shows, so it may mark messages read
      if (chat) void chat.updateComplete.then(() => chat.focus());
    } else {
      this.#emit('ix-close', {});
    }
  }
}

reflectAttributes(IxLauncher.prototype, TEXT_ATTRIBUTES, BOOLEAN_ATTRIBUTES);
