import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { WorkbenchTerms } from '../../locales/workbench/en.js';
import { formatMoney } from '../../protocol/money.js';
import type { Order, QuickReply, TeamMember, Todo, WorkbenchStats } from '../../protocol/index.js';
import { httpUrl } from '../base/http-url.js';
import type { InboxFilter } from './inbox.js';
import type { Tile } from './layout.js';

/** What the data tiles show and what they may do, handed to them by the workbench. */
export interface TileContext {
  terms: WorkbenchTerms;
  lang: string;
  me: { id: string; isAdmin: boolean } | undefined;
  stats: WorkbenchStats | undefined;
  todos: Todo[];
  orders: Order[];
  team: TeamMember[];
  /** Whether the connection is up: presence shown while it is not would be stale. */
  online: boolean;
  /** The team member whose departure is being recorded, and what the last departure did. */
  departing: string | undefined;
  departureResult: string;
  knownConversation(id: string): boolean;
  showInInbox(filter: Partial<InboxFilter>): void;
  select(conversationId: string): void;
  quickReplies: QuickReply[];
  addTodo(form: HTMLFormElement): void;
  completeTodo(todo: Todo): void;
  setTodoDue(todo: Todo, local: string): void;
  saveQuickReply(form: HTMLFormElement): void;
  deleteQuickReply(reply: QuickReply): void;
  startDeparture(employeeId: string | undefined): void;
  recordDeparture(employeeId: string, successorId: string): void;
}

export const headingId = (index: number) => `tile-${index}-heading`;

function durationText(seconds: number | null, terms: WorkbenchTerms): string {
  if (seconds === null) return terms.noResponseYet;
  return terms.duration(Math.floor(seconds / 60), Math.round(seconds % 60));
}

function keydata(context: TileContext) {
  const { terms, stats } = context;
  const figures = terms.figures;
  const figure = (name: string, label: string, value: string, filter?: Partial<InboxFilter>) =>
    html`<li class="figure" data-figure=${name}>
      ${
        filter
          ? html`<button type="button" class="figure-link" @click=${() => context.showInInbox(filter)}>
            <span class="value">${value}</span><span class="label">${label}</span>
          </button>`
          : html`<span class="value">${value}</span><span class="label">${label}</span>`
      }
    </li>`;
  if (!stats) return html`<p aria-busy="true" class="muted">…</p>`;
  const money = stats.todayOrders.amounts
    .map((amount) => formatMoney(amount.amountMinor, amount.currency, context.lang))
    .join(' + ');
  return html`<ul class="figures">
    ${figure('open', figures.openConversations, String(stats.openConversations), { scope: 'all', status: 'open', waiting: false, query: '' })}
    ${figure('waiting', figures.waitingCustomers, String(stats.waitingCustomers), { scope: 'all', status: undefined, waiting: true, query: '' })}
    ${figure('unassigned', figures.unassigned, String(stats.unassigned), { scope: 'unassigned', status: undefined, waiting: false, query: '' })}
    ${figure('mine', figures.mine, String(stats.mine), { scope: 'mine', status: undefined, waiting: false, query: '' })}
    ${figure('orders', figures.todayOrders, `${stats.todayOrders.count}${money ? ` · ${money}` : ''}`)}
    ${figure('first-response', figures.averageFirstResponse, durationText(stats.averageFirstResponseSeconds, terms))}
    ${figure('todos', figures.openTodos, String(stats.openTodos))}
  </ul>`;
}

function todos(context: TileContext) {
  const { terms } = context;
  const now = Date.now();
  return html`${context.todos.length === 0 ? html`<p class="muted">${terms.noTodos}</p>` : nothing}
    <ul class="todos">
      ${repeat(
        context.todos,
        (todo) => todo.id,
        (todo) => html`<li class="todo" data-id=${todo.id}>
          <label>
            <input type="checkbox" @change=${() => context.completeTodo(todo)} />
            <span class="visually-hidden">${terms.done(todo.text)}</span>
            <span aria-hidden="true" dir="auto">${todo.text}</span>
          </label>
          <span class="muted">
            ${todo.dueAt && Date.parse(todo.dueAt) < now ? html`<span class="overdue">${terms.overdue}</span>` : nothing}
            <label class="due">${terms.due}
              <input type="datetime-local" .value=${todo.dueAt ? localInputValue(todo.dueAt) : ''}
                @change=${(event: Event) => context.setTodoDue(todo, (event.target as HTMLInputElement).value)} />
            </label>
            ${
              todo.conversationId && todo.customerName
                ? html`<button type="button" class="link-button" @click=${() => context.select(todo.conversationId!)}>${terms.from(todo.customerName)}</button>`
                : nothing
            }
          </span>
        </li>`,
      )}
    </ul>
    <form class="new-todo" @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      context.addTodo(event.currentTarget as HTMLFormElement);
    }}>
      <label>${terms.newTodo}<input name="text" required maxlength="500" autocomplete="off" /></label>
      <label>${terms.due}<input name="due" type="datetime-local" /></label>
      <button type="submit">${terms.add}</button>
    </form>`;
}

/** An instant as a datetime-local input shows it: the reader's local time, to the minute. */
function localInputValue(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The company's quick replies: every employee reads them (and uses them from the composer); admins keep them. */
function quickReplies(context: TileContext) {
  const { terms } = context;
  const admin = context.me?.isAdmin;
  return html`${context.quickReplies.length === 0 ? html`<p class="muted">${terms.noQuickReplies}</p>` : nothing}
    <ul class="replies">
      ${repeat(
        context.quickReplies,
        (reply) => reply.id,
        (reply) => html`<li class="reply" data-id=${reply.id}>
          <strong dir="auto">${reply.title}</strong>
          <span class="muted" dir="auto">${reply.text}</span>
          ${
            admin
              ? html`<button type="button" class="link-button" @click=${() => context.deleteQuickReply(reply)}>${terms.remove(reply.title)}</button>`
              : nothing
          }
        </li>`,
      )}
    </ul>
    ${
      admin
        ? html`<form class="new-reply" @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            context.saveQuickReply(event.currentTarget as HTMLFormElement);
          }}>
          <label>${terms.replyTitle}<input name="title" required maxlength="80" autocomplete="off" /></label>
          <label>${terms.replyText}<textarea name="text" required rows="2" maxlength="4000"></textarea></label>
          <button type="submit">${terms.add}</button>
        </form>`
        : nothing
    }`;
}

function orders(context: TileContext) {
  const { terms } = context;
  const latest = [...context.orders].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 20);
  if (latest.length === 0) return html`<p class="muted">${terms.noOrders}</p>`;
  return html`<ul class="orders">
    ${repeat(
      latest,
      (order) => order.id,
      (order) => html`<li class="order" part="order" data-id=${order.id} data-status=${order.status}>
        <span class="name" dir="auto">${order.productTitle}${order.quantity > 1 ? ` × ${order.quantity}` : ''}</span>
        <span class="amount">${formatMoney(order.amountMinor, order.currency, context.lang)}</span>
        <span class="state" data-status=${order.status}>${terms.orderStatus[order.status] ?? order.status}</span>
        ${
          order.conversationId && context.knownConversation(order.conversationId)
            ? html`<button class="link-button" type="button" @click=${() => context.select(order.conversationId!)}>
              ${terms.openConversation}<span class="visually-hidden"> — ${order.productTitle}</span>
            </button>`
            : nothing
        }
      </li>`,
    )}
  </ul>`;
}

function team(context: TileContext) {
  const { terms } = context;
  const active = context.team.filter((member) => member.status === 'active');
  return html`${context.departureResult ? html`<p class="status-line" role="status">${context.departureResult}</p>` : nothing}
    ${context.online ? nothing : html`<p class="status-line" role="status">${terms.presenceUnknown}</p>`}
    <ul class="team">
      ${repeat(
        context.team,
        (member) => member.id,
        (member) => html`<li class="member" data-id=${member.id} data-status=${member.status}>
          <span class="presence" data-presence=${context.online ? member.presence : 'unknown'}><span class="dot" aria-hidden="true"></span>
            <span dir="auto">${member.name}</span></span>
          <span class="muted">${
            member.status === 'departed'
              ? terms.departed
              : [member.title, context.online && terms.presence[member.presence]].filter(Boolean).join(' · ')
          }</span>
          <span class="muted customers">${terms.memberCustomers(member.customers)}${
            member.waitingTransfers ? ` · ${terms.memberWaitingTransfers(member.waitingTransfers)}` : ''
          }</span>
          ${
            context.me?.isAdmin && member.status === 'active' && member.id !== context.me.id
              ? context.departing === member.id
                ? html`<form class="departure" @submit=${(event: SubmitEvent) => {
                    event.preventDefault();
                    const successor = new FormData(event.currentTarget as HTMLFormElement).get('successor');
                    if (successor) context.recordDeparture(member.id, String(successor));
                  }}>
                  <label>${terms.successor}
                    <select name="successor" required>
                      ${active.filter((other) => other.id !== member.id).map((other) => html`<option value=${other.id}>${other.name}</option>`)}
                    </select>
                  </label>
                  <button type="submit" class="danger">${terms.confirmDeparture}</button>
                  <button type="button" class="link-button" @click=${() => context.startDeparture(undefined)}>${terms.cancel}</button>
                </form>`
                : html`<button type="button" class="link-button" @click=${() => context.startDeparture(member.id)}>${terms.recordDeparture(member.name)}</button>`
              : nothing
          }
        </li>`,
      )}
    </ul>`;
}

function list(tile: Extract<Tile, { type: 'list' }>) {
  return html`<ul class="links">
    ${tile.items.map((item) => {
      const href = httpUrl(item.href, location.href);
      return html`<li>
        ${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer" dir="auto">${item.label}</a>` : html`<span dir="auto">${item.label}</span>`}
        ${item.description ? html`<p class="muted" dir="auto">${item.description}</p>` : nothing}
      </li>`;
    })}
  </ul>`;
}

function image(tile: Extract<Tile, { type: 'image' }>) {
  const src = httpUrl(tile.src, location.href);
  const href = httpUrl(tile.href, location.href);
  if (!src) return nothing;
  const img = html`<img src=${src} alt=${tile.alt} loading="lazy" />`;
  return href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${img}</a>` : img;
}

function webview(tile: Extract<Tile, { type: 'webview' }>) {
  const src = httpUrl(tile.src, location.href);
  if (!src) return nothing;
  // Sandboxed without allow-same-origin: whatever the page does, it cannot reach the portal or its session.
  return html`<iframe
    src=${src}
    title=${tile.title}
    sandbox=${(tile.sandbox ?? []).join(' ')}
    referrerpolicy="no-referrer"
    loading="lazy"
    height=${tile.height ?? 320}
  ></iframe>`;
}

/** The body of a built-in tile other than the inbox (which the workbench renders itself). */
export function renderTileBody(tile: Tile, context: TileContext) {
  switch (tile.type) {
    case 'keydata':
      return keydata(context);
    case 'todos':
      return todos(context);
    case 'orders':
      return orders(context);
    case 'team':
      return team(context);
    case 'quickreplies':
      return quickReplies(context);
    case 'list':
      return list(tile);
    case 'image':
      return image(tile);
    case 'webview':
      return webview(tile);
    case 'inbox':
    case 'settings':
      return nothing;
  }
}

/** The default heading of each built-in tile. */
export function tileTitle(tile: Tile, terms: WorkbenchTerms): string {
  if (tile.title) return tile.title;
  const titles: Record<Tile['type'], string> = {
    keydata: terms.keydata,
    inbox: terms.inbox,
    todos: terms.todos,
    orders: terms.orders,
    team: terms.team,
    quickreplies: terms.quickReplies,
    settings: terms.settings,
    list: terms.links,
    image: '',
    webview: '',
  };
  return titles[tile.type];
}
