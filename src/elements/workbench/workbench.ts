import { ContextProvider } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import type { InteropClient } from '../../client/index.js';
import { workbenchTerms, type WorkbenchTerms } from '../../locales/workbench/index.js';
import { InteropError } from '../../protocol/interop-error.js';
import type { Order, QuickReply, Session, Todo } from '../../protocol/index.js';
import { IxConnectedElement } from '../base/connected-element.js';
import { clientContext, sessionContext } from '../base/context.js';
import { IxElement } from '../base/ix-element.js';
import { LocalizeController } from '../base/localize.js';
import { PageVisibility } from '../base/page-visibility.js';
import { ConnectionStatus } from '../base/connection-status.js';
import { KeyFigures } from './key-figures.js';
import { EmployeeNotifications } from './notifications.js';
import { TeamRoster } from './team-roster.js';
import { CustomerPanel } from './customer-panel.js';
import { InboxList, type InboxFilter } from './inbox.js';
import { renderInboxTile } from './inbox-tile.js';
import { DEFAULT_LAYOUT, readLayout, type Tile } from './layout.js';
import type { SettingsTile } from './settings-tile.js';
import { settingsStyles } from './settings.styles.js';
import { headingId, renderTileBody, tileTitle, type TileContext } from './tiles.js';
import { workbenchStyles } from './workbench.styles.js';

/**
 * @summary The employee portal: a grid of tiles — key figures, the inbox (conversation list, chat, customer panel),
 *   to-dos, orders, the team — composed from a JSON layout, the page's own tiles, or both.
 * @tag ix-workbench
 *
 * Needs an employee session (`token` / `tokenProvider`, or a provider or `.client` set up with one). Built-in tiles
 * follow WeCom's workbench templates: `keydata`, `list`, `image`, `webview`, plus `inbox`, `todos`, `orders` and
 * `team`. Any element the page puts inside becomes a tile too, and gets the client and the employee's session
 * through context (`clientContext`, `sessionContext`), like every `ix-` element inside a provider.
 *
 * @slot - The page's own tiles (any elements), placed in the grid after the built-in ones.
 *
 * @attr {boolean} notify - Unread customer messages in the tab title, browser notifications while it is hidden.
 * @attr {boolean} sound - A chime for each customer message the employee is not looking at.
 *
 * @event ix-conversation-select - The employee opened a conversation. `detail: { conversationId }`.
 * @event ix-error - Something the workbench needed failed (loading, saving, a hand-over). `detail: { error }`.
 *
 * @csspart base - The grid of tiles.
 * @csspart tile - Every tile (plus `tile-<type>`, e.g. `tile-inbox`).
 * @csspart list - The inbox's conversation list.
 * @csspart filters - The inbox's filters and search.
 * @csspart conversation - One conversation in the list.
 * @csspart badge - A conversation's unread count.
 * @csspart chat - The chat window of the selected conversation; its own parts are exported as `chat-<part>` (`chat-input`…).
 * @csspart customer-panel - The customer's record beside the chat.
 * @csspart customer-profile - The customer's editable contact fields, tags and notes.
 * @csspart customer-transfer - Where a change of the customer's owner stands (waiting for them, declined, done).
 * @csspart handover - The form that hands the conversation to a colleague.
 * @csspart order - One order in the orders tile.
 *
 * @cssproperty [--ix-workbench-height=640px] - Height of the inbox.
 * @cssproperty [--ix-workbench-tile-min=18rem] - Narrowest a grid column gets before tiles wrap.
 */
export class IxWorkbench extends IxConnectedElement {
  static override properties = {
    selected: {},
    layout: { type: Array },
    notify: { type: Boolean, reflect: true },
    sound: { type: Boolean, reflect: true },
    _session: { state: true },
    _todos: { state: true },
    _orders: { state: true },
    _quickReplies: { state: true },
    _settingsTile: { state: true },
    _departing: { state: true },
    _departureResult: { state: true },
    _failure: { state: true },
  };
  /** For employees only: its own connection waits for `token` or `.tokenProvider` (never an anonymous visitor). */
  readonly signedInOnly = true;
  static override styles = [IxElement.styles, workbenchStyles, settingsStyles];

  /** Id of the open conversation. */
  declare selected: string | undefined;
  /** The tiles, in order: a JSON array as the attribute, or an array as the property (see `Tile`). */
  declare layout: unknown;
  /** Opt-in: unread customer messages in the tab title, and the browser's notifications once allowed. */
  declare notify: boolean;
  /** Opt-in: a short chime for each customer message the employee is not looking at. */
  declare sound: boolean;
  #localize = new LocalizeController<WorkbenchTerms>(this, workbenchTerms);
  #page = new PageVisibility(this, () => this.#reportPresence());
  #clientProvider = new ContextProvider(this, { context: clientContext });
  #sessionProvider = new ContextProvider(this, { context: sessionContext });
  #inbox = new InboxList(this, () => this._session?.id);
  #panel = new CustomerPanel(this);
  #team = new TeamRoster(this);
  #status = new ConnectionStatus(this, () => this.connection.client);
  #figures = new KeyFigures(this);
  #notifications = new EmployeeNotifications(this, {
    inbox: this.#inbox,
    me: () => this._session?.id,
    open: (conversationId) => this.#select(conversationId),
    previewTags: () => this.#terms.previewTags,
  });
  // What the tiles show: reactive state, so a change renders (maps are replaced, never changed in place).
  declare protected _session: Session | undefined;
  declare protected _todos: ReadonlyMap<string, Todo>;
  declare protected _orders: ReadonlyMap<string, Order>;
  declare protected _quickReplies: QuickReply[];
  declare protected _settingsTile: SettingsTile | undefined;
  declare protected _departing: string | undefined;
  declare protected _departureResult: string;
  declare protected _failure: InteropError | undefined;
  /** Derived from `layout` before each render that changes it. */
  #layoutError = '';
  #tiles: readonly Tile[] = DEFAULT_LAYOUT;

  constructor() {
    super();
    this._todos = new Map();
    this._orders = new Map();
    this._quickReplies = [];
    this._departureResult = '';
    this.notify = false;
    this.sound = false;
  }

  /** The conversations the inbox lists, most recent first. */
  get conversations() {
    return this.#inbox.conversations;
  }

  /** Shows the inbox with this filter (what the key figures link to). */
  showInInbox(filter: Partial<InboxFilter>): void {
    const client = this.connection.client;
    if (client) this.#inbox.setFilter(client, filter);
    this.renderRoot.querySelector<HTMLElement>('.tile-inbox')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  get #terms(): WorkbenchTerms {
    return this.#localize.terms;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('layout')) {
      const { tiles, problem } = readLayout(this.layout);
      this.#tiles = tiles;
      this.#layoutError = problem === undefined ? '' : this.#terms.layoutInvalid(problem);
      if (this.#layoutError)
        this.emit('ix-error', { error: new InteropError('invalid_payload', this.#layoutError).toJSON() });
    }
    if (changed.has('selected')) {
      const conversation = this.selected ? this.#inbox.get(this.selected) : undefined;
      if (conversation || !this.selected) this.#panel.show(this.connection.client, conversation?.customer.id);
    }
  }

  protected override attachClient(client: InteropClient | undefined) {
    this.#clientProvider.setValue(client);
    this._session = undefined;
    this.#sessionProvider.setValue(undefined);
    this.#inbox.clear();
    this.#panel.show(undefined, undefined);
    this._todos = new Map();
    this._orders = new Map();
    this.#figures.clear();
    this.#team.clear();
    if (!client) return;
    const unsubscribe = [
      this.#notifications.follow(client),
      client.on('conversation', (conversation) => {
        this.#inbox.apply(conversation);
        this.#panel.applyConversation(client, conversation);
        if (conversation.id === this.selected) this.#panel.show(client, conversation.customer.id);
        this.#figures.refreshSoon(client);
      }),
      client.on('transfer', (transfer) => this.#panel.applyTransfer(client, transfer)),
      client.on('order', (order) => {
        this._orders = new Map(this._orders).set(order.id, order);
        this.#panel.applyOrder(order);
        this.#figures.refreshSoon(client);
      }),
      client.on('todo', (todo) => {
        this.#setTodo(todo);
        this.#figures.refreshSoon(client);
      }),
      this.#team.follow(client),
      // After a reconnect anything may have changed without us: read it all again.
      client.on('status', (status) => {
        if (status !== 'online') return;
        void this.#load(client);
        if (!this.#page.visible) this.#reportPresence();
      }),
    ];
    if (client.status === 'online') void this.#load(client);
    else
      void client.whenOnline().then(
        () => undefined,
        // A client replaced meanwhile (another token provider, say) is no longer this element's concern.
        (error: unknown) => client === this.connection.client && this.#fail(error),
      );
    return () => {
      this.#figures.clear();
      for (const off of unsubscribe) off();
    };
  }

  /** Customers see the employee "away" while the workbench tab is hidden, "online" when it is back. */
  #reportPresence() {
    const client = this.connection.client;
    if (client?.status !== 'online') return;
    // Best effort: the next visibility change or reconnect says it again.
    client.request('presence:set', { status: this.#page.visible ? 'online' : 'away' }).catch(() => undefined);
  }

  #fail(error: unknown) {
    this._failure = InteropError.of(error);
    this.emit('ix-error', { error: this._failure.toJSON() });
  }

  /** A to-do as it now is: open ones are listed, done ones leave the list. */
  #setTodo(todo: Todo, done = todo.doneAt !== null) {
    const todos = new Map(this._todos);
    if (done) todos.delete(todo.id);
    else todos.set(todo.id, todo);
    this._todos = todos;
  }

  async #load(client: InteropClient) {
    try {
      const session = await client.session();
      if (session.kind !== 'employee') throw new InteropError('forbidden', this.#terms.needsEmployee);
      this._session = session;
      this.#sessionProvider.setValue(session);
      const [{ orders }, { todos }, { replies }] = await Promise.all([
        client.request('order:list', { limit: 20 }),
        client.request('todo:list', {}),
        client.request('quickreply:list', {}),
        this.#team.load(client),
        this.#inbox.load(client),
        this.#figures.refresh(client),
      ]);
      this._orders = new Map([...this._orders, ...orders.map((order) => [order.id, order] as const)]);
      this._todos = new Map(todos.map((todo) => [todo.id, todo]));
      this._quickReplies = replies;
      if (this.selected) this.#panel.show(client, this.#inbox.get(this.selected)?.customer.id);
      this._failure = undefined;
    } catch (error) {
      this.#fail(error);
    }
  }

  #select(conversationId: string) {
    this.selected = conversationId;
    this.emit('ix-conversation-select', { conversationId });
  }

  async #run(action: (client: InteropClient) => Promise<void>) {
    const client = this.connection.client;
    if (!client) return;
    try {
      await action(client);
      this._failure = undefined;
    } catch (error) {
      this.#fail(error);
    }
  }

  #tileContext(): TileContext {
    const me = this._session && this.#team.members.find((member) => member.id === this._session!.id);
    return {
      terms: this.#terms,
      lang: this.#localize.lang,
      me: this._session ? { id: this._session.id, isAdmin: me?.role === 'admin' } : undefined,
      stats: this.#figures.value,
      todos: [...this._todos.values()].sort(
        (a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.createdAt.localeCompare(b.createdAt),
      ),
      orders: [...this._orders.values()],
      team: this.#team.members,
      online: this.#status.online,
      departing: this._departing,
      departureResult: this._departureResult,
      knownConversation: (id) => !!this.#inbox.get(id),
      showInInbox: (filter) => this.showInInbox(filter),
      select: (id) => this.#select(id),
      addTodo: (form) =>
        void this.#run(async (client) => {
          const data = new FormData(form);
          const due = String(data.get('due') ?? '');
          const todo = await client.request('todo:create', {
            text: String(data.get('text') ?? ''),
            ...(due ? { dueAt: new Date(due).toISOString() } : {}),
          });
          this.#setTodo(todo);
          form.reset();
        }),
      quickReplies: this._quickReplies,
      setTodoDue: (todo, local) =>
        void this.#run(async (client) => {
          const updated = await client.request('todo:update', {
            id: todo.id,
            dueAt: local ? new Date(local).toISOString() : null,
          });
          this.#setTodo(updated);
        }),
      saveQuickReply: (form) =>
        void this.#run(async (client) => {
          const data = new FormData(form);
          await client.request('quickreply:save', {
            title: String(data.get('title') ?? ''),
            text: String(data.get('text') ?? ''),
          });
          this._quickReplies = (await client.request('quickreply:list', {})).replies;
          form.reset();
        }),
      deleteQuickReply: (reply) =>
        void this.#run(async (client) => {
          await client.request('quickreply:delete', { id: reply.id });
          this._quickReplies = this._quickReplies.filter((item) => item.id !== reply.id);
        }),
      completeTodo: (todo) =>
        void this.#run(async (client) => {
          await client.request('todo:update', { id: todo.id, done: true });
          this.#setTodo(todo, true);
        }),
      startDeparture: (employeeId) => {
        this._departing = employeeId;
        this._departureResult = '';
      },
      recordDeparture: (employeeId, successorId) =>
        void this.#run(async (client) => {
          const result = await client.request('employee:depart', { employeeId, successorId });
          const successor = this.#team.name(successorId) ?? successorId;
          this._departing = undefined;
          this._departureResult = this.#terms.departureDone(
            result.employee.name,
            result.movedCustomers,
            result.movedConversations,
            successor,
          );
          await this.#team.load(client);
        }),
    };
  }

  /** The settings tile: its module loads when an admin first sees it (nobody else downloads it). */
  #renderSettings(context: TileContext) {
    const client = this.connection.client;
    if (!context.me?.isAdmin || !client) return html`<p class="muted">${this.#terms.adminsOnly}</p>`;
    if (this._settingsTile?.client !== client) {
      this._settingsTile = undefined;
      void import('./settings-tile.js').then(({ SettingsTile }) => {
        if (this.connection.client === client && !this._settingsTile)
          this._settingsTile = new SettingsTile(this, client);
      });
      return html`<p class="muted" aria-busy="true">…</p>`;
    }
    return this._settingsTile.render(this.#terms.settingsTile, this.#localize.lang);
  }

  #renderInbox() {
    const client = this.connection.client;
    return renderInboxTile({
      inbox: this.#inbox,
      panel: this.#panel,
      client,
      terms: this.#terms,
      lang: this.#localize.lang,
      me: this._session?.id,
      team: this.#team.members,
      selected: this.selected,
      theme: this.theme,
      select: (id) => this.#select(id),
    });
  }

  protected override render() {
    const terms = this.#terms;
    const context = this.#tileContext();
    return html`${this.#notifications.render(terms.enableNotifications)}${this._failure ? html`<p class="notice error" role="alert">${this._failure.message}</p>` : nothing}
      ${this.#layoutError ? html`<p class="notice error" role="alert">${this.#layoutError}</p>` : nothing}
      <div class="grid" part="base" lang=${this.#localize.lang} dir=${this.#localize.dir}>
        ${this.#tiles.map((tile, index) => {
          const title = tileTitle(tile, terms);
          return html`<section
            class="tile tile-${tile.type}"
            part="tile tile-${tile.type}"
            data-span=${tile.span ?? (tile.type === 'inbox' ? 'full' : '1')}
            aria-labelledby=${title ? headingId(index) : nothing}
            aria-label=${title ? nothing : tile.type === 'image' ? tile.alt : ''}
          >
            ${title ? html`<h2 id=${headingId(index)}>${title}</h2>` : nothing}
            ${tile.type === 'inbox' ? this.#renderInbox() : tile.type === 'settings' ? this.#renderSettings(context) : renderTileBody(tile, context)}
          </section>`;
        })}
        <slot></slot>
      </div>`;
  }
}
