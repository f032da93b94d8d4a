import { ContextProvider } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import type { InteropClient } from '../../client/index.js';
import { workbenchTerms, type WorkbenchTerms } from '../../locales/workbench/index.js';
import { InteropError } from '../../protocol/interop-error.js';
import type { Order, QuickReply, Session, TeamMember, Todo, WorkbenchStats } from '../../protocol/index.js';
import { IxConnectedElement } from '../base/connected-element.js';
import { clientContext, sessionContext } from '../base/context.js';
import { IxElement } from '../base/ix-element.js';
import { LocalizeController } from '../base/localize.js';
import { CustomerPanel, renderCustomerPanel } from './customer-panel.js';
import { InboxList, renderInboxList, type InboxFilter } from './inbox.js';
import { DEFAULT_LAYOUT, layoutSchema, type Tile } from './layout.js';
import type { SettingsTile } from './settings-tile.js';
import { settingsStyles } from './settings.styles.js';
import { headingId, renderTileBody, tileTitle, type TileContext } from './tiles.js';
import { CHAT_EXPORT_PARTS } from '../base/chat-parts.js';
import { workbenchStyles } from './workbench.styles.js';

/** Figures are read again at most this often while pushes keep coming. */
const STATS_REFRESH_MS = 2000;

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
  };

  /** For employees only: its own connection waits for `token` or `.tokenProvider` (never an anonymous visitor). */
  readonly signedInOnly = true;

  static override styles = [IxElement.styles, workbenchStyles, settingsStyles];

  /** Id of the open conversation. */
  declare selected: string | undefined;
  /** The tiles, in order: a JSON array as the attribute, or an array as the property (see `Tile`). */
  declare layout: unknown;

  #localize = new LocalizeController<WorkbenchTerms>(this, workbenchTerms);
  #clientProvider = new ContextProvider(this, { context: clientContext });
  #sessionProvider = new ContextProvider(this, { context: sessionContext });
  #inbox = new InboxList(this, () => this.#session?.id);
  #panel = new CustomerPanel(this);
  #session: Session | undefined;
  #stats: WorkbenchStats | undefined;
  #todos = new Map<string, Todo>();
  #orders = new Map<string, Order>();
  #team: TeamMember[] = [];
  #quickReplies: QuickReply[] = [];
  #settings: SettingsTile | undefined;
  #departing: string | undefined;
  #departureResult = '';
  #error: InteropError | undefined;
  #layoutError = '';
  #tiles: readonly Tile[] = DEFAULT_LAYOUT;
  #statsTimer: ReturnType<typeof setTimeout> | undefined;

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
      this.#layoutError = '';
      if (this.layout === undefined || this.layout === null) this.#tiles = DEFAULT_LAYOUT;
      else {
        const parsed = layoutSchema.safeParse(this.layout);
        this.#tiles = parsed.success ? parsed.data : DEFAULT_LAYOUT;
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          this.#layoutError = this.#terms.layoutInvalid(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
          this.emit('ix-error', { error: new InteropError('invalid_payload', this.#layoutError).toJSON() });
        }
      }
    }
    if (changed.has('selected')) {
      const conversation = this.selected ? this.#inbox.get(this.selected) : undefined;
      if (conversation || !this.selected) this.#panel.show(this.connection.client, conversation?.customer.id);
    }
  }

  protected override attachClient(client: InteropClient | undefined) {
    this.#clientProvider.setValue(client);
    this.#session = undefined;
    this.#sessionProvider.setValue(undefined);
    this.#inbox.clear();
    this.#panel.show(undefined, undefined);
    this.#todos.clear();
    this.#orders.clear();
    this.#stats = undefined;
    this.#team = [];
    this.requestUpdate();
    if (!client) return;
    // Customers see the employee "away" while the workbench tab is hidden, "online" when it is back.
    const reportPresence = () => {
      if (client.status !== 'online') return;
      const status = document.visibilityState === 'hidden' ? 'away' : 'online';
      client.request('presence:set', { status }).catch(() => {
        // Best effort: the next visibility change or reconnect says it again.
      });
    };
    document.addEventListener('visibilitychange', reportPresence);
    const unsubscribe = [
      client.on('conversation', (conversation) => {
        this.#inbox.apply(conversation);
        this.#panel.applyConversation(client, conversation);
        if (conversation.id === this.selected) this.#panel.show(client, conversation.customer.id);
        this.#refreshStatsSoon(client);
      }),
      client.on('order', (order) => {
        this.#orders.set(order.id, order);
        this.#panel.applyOrder(order);
        this.#refreshStatsSoon(client);
        this.requestUpdate();
      }),
      client.on('todo', (todo) => {
        if (todo.doneAt) this.#todos.delete(todo.id);
        else this.#todos.set(todo.id, todo);
        this.#refreshStatsSoon(client);
        this.requestUpdate();
      }),
      client.on('presence', ({ employeeId, status }) => {
        this.#team = this.#team.map((member) => (member.id === employeeId ? { ...member, presence: status } : member));
        this.requestUpdate();
      }),
      // After a reconnect anything may have changed without us: read it all again.
      client.on('status', (status) => {
        if (status === 'online') {
          void this.#load(client);
          if (document.visibilityState === 'hidden') reportPresence();
        }
        this.requestUpdate();
      }),
    ];
    if (client.status === 'online') void this.#load(client);
    else void client.whenOnline().then(
      () => undefined,
      // A client replaced meanwhile (another token provider, say) is no longer this element's concern.
      (error: unknown) => client === this.connection.client && this.#fail(error),
    );
    return () => {
      document.removeEventListener('visibilitychange', reportPresence);
      clearTimeout(this.#statsTimer);
      for (const off of unsubscribe) off();
    };
  }

  #fail(error: unknown) {
    this.#error = InteropError.of(error);
    this.emit('ix-error', { error: this.#error.toJSON() });
    this.requestUpdate();
  }

  async #load(client: InteropClient) {
    try {
      const session = await client.session();
      if (session.kind !== 'employee') throw new InteropError('forbidden', this.#terms.needsEmployee);
      this.#session = session;
      this.#sessionProvider.setValue(session);
      const [{ orders }, { todos }, { employees }, { replies }] = await Promise.all([
        client.request('order:list', { limit: 20 }),
        client.request('todo:list', {}),
        client.request('team:list', {}),
        client.request('quickreply:list', {}),
        this.#inbox.load(client),
        this.#refreshStats(client),
      ]);
      for (const order of orders) this.#orders.set(order.id, order);
      this.#todos = new Map(todos.map((todo) => [todo.id, todo]));
      this.#team = employees;
      this.#quickReplies = replies;
      if (this.selected) this.#panel.show(client, this.#inbox.get(this.selected)?.customer.id);
      this.#error = undefined;
    } catch (error) {
      this.#fail(error);
    }
    this.requestUpdate();
  }

  async #refreshStats(client: InteropClient) {
    try {
      this.#stats = await client.request('workbench:stats', {});
    } catch {
      // The figures are a summary: the next change or reconnect reads them again.
    }
    this.requestUpdate();
  }

  #refreshStatsSoon(client: InteropClient) {
    if (this.#statsTimer !== undefined) return;
    this.#statsTimer = setTimeout(() => {
      this.#statsTimer = undefined;
      void this.#refreshStats(client);
    }, STATS_REFRESH_MS);
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
      this.#error = undefined;
    } catch (error) {
      this.#fail(error);
    }
    this.requestUpdate();
  }

  #tileContext(): TileContext {
    const me = this.#session && this.#team.find((member) => member.id === this.#session!.id);
    return {
      terms: this.#terms,
      lang: this.#localize.lang,
      me: this.#session ? { id: this.#session.id, isAdmin: me?.role === 'admin' } : undefined,
      stats: this.#stats,
      todos: [...this.#todos.values()].sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.createdAt.localeCompare(b.createdAt)),
      orders: [...this.#orders.values()],
      team: this.#team,
      departing: this.#departing,
      departureResult: this.#departureResult,
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
          this.#todos.set(todo.id, todo);
          form.reset();
        }),
      quickReplies: this.#quickReplies,
      setTodoDue: (todo, local) =>
        void this.#run(async (client) => {
          const updated = await client.request('todo:update', { id: todo.id, dueAt: local ? new Date(local).toISOString() : null });
          this.#todos.set(updated.id, updated);
        }),
      saveQuickReply: (form) =>
        void this.#run(async (client) => {
          const data = new FormData(form);
          await client.request('quickreply:save', { title: String(data.get('title') ?? ''), text: String(data.get('text') ?? '') });
          this.#quickReplies = (await client.request('quickreply:list', {})).replies;
          form.reset();
        }),
      deleteQuickReply: (reply) =>
        void this.#run(async (client) => {
          await client.request('quickreply:delete', { id: reply.id });
          this.#quickReplies = this.#quickReplies.filter((item) => item.id !== reply.id);
        }),
      completeTodo: (todo) =>
        void this.#run(async (client) => {
          await client.request('todo:update', { id: todo.id, done: true });
          this.#todos.delete(todo.id);
        }),
      startDeparture: (employeeId) => {
        this.#departing = employeeId;
        this.#departureResult = '';
        this.requestUpdate();
      },
      recordDeparture: (employeeId, successorId) =>
        void this.#run(async (client) => {
          const result = await client.request('employee:depart', { employeeId, successorId });
          const successor = this.#team.find((member) => member.id === successorId)?.name ?? successorId;
          this.#departing = undefined;
          this.#departureResult = this.#terms.departureDone(result.employee.name, result.movedCustomers, result.movedConversations, successor);
          this.#team = (await client.request('team:list', {})).employees;
        }),
    };
  }

  /** The settings tile: its module loads when an admin first sees it (nobody else downloads it). */
  #renderSettings(context: TileContext) {
    const client = this.connection.client;
    if (!context.me?.isAdmin || !client) return html`<p class="muted">${this.#terms.adminsOnly}</p>`;
    if (this.#settings?.client !== client) {
      this.#settings = undefined;
      void import('./settings-tile.js').then(({ SettingsTile }) => {
        if (this.connection.client === client && !this.#settings) this.#settings = new SettingsTile(this, client);
        this.requestUpdate();
      });
      return html`<p class="muted" aria-busy="true">…</p>`;
    }
    return this.#settings.render(this.#terms.settingsTile, this.#localize.lang);
  }

  #renderInbox() {
    const terms = this.#terms;
    const client = this.connection.client;
    const inbox = this.#inbox;
    const selected = this.selected ? inbox.get(this.selected) : undefined;
    return html`<div class="inbox">
      ${renderInboxList({ inbox, client, terms, selected: this.selected, select: (id) => this.#select(id) })}
      <ix-chat-window
        part="chat"
        exportparts=${CHAT_EXPORT_PARTS}
        .client=${client}
        conversation=${this.selected ?? nothing}
        theme=${this.theme ?? nothing}
      ></ix-chat-window>
      <aside class="customer-panel" part="customer-panel" aria-label=${terms.customer}>
        ${client
          ? renderCustomerPanel({
              panel: this.#panel,
              client,
              terms,
              lang: this.#localize.lang,
              me: this.#session?.id,
              team: this.#team,
              conversation: selected,
              select: (id) => this.#select(id),
            })
          : nothing}
      </aside>
    </div>`;
  }

  protected override render() {
    const terms = this.#terms;
    const context = this.#tileContext();
    return html`${this.#error ? html`<p class="notice error" role="alert">${this.#error.message}</p>` : nothing}
      ${this.#layoutError ? html`<p class="notice error" role="alert">${this.#layoutError}</p>` : nothing}
      <div class="grid" part="base" lang=${this.#localize.lang} dir=${this.#localize.dir}>
        ${this.#tiles.map((tile, index) => {
          const title = tileTitle(tile, terms);
          return html`<section
            class="tile tile-${tile.type}"
            part="tile tile-${tile.type}"
            data-span=${tile.span ?? (tile.type === 'inbox' ? 'full' : '1')}
            aria-labelledby=${title ? headingId(index) : nothing}
            aria-label=${title ? nothing : (tile.type === 'image' ? tile.alt : '')}
          >
            ${title ? html`<h2 id=${headingId(index)}>${title}</h2>` : nothing}
            ${tile.type === 'inbox' ? this.#renderInbox() : tile.type === 'settings' ? this.#renderSettings(context) : renderTileBody(tile, context)}
          </section>`;
        })}
        <slot></slot>
      </div>`;
  }
}
