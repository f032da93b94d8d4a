import { html, nothing, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { customerName } from '../../protocol/visitor-name.js';
import { LoadController } from '../base/load-controller.js';
import type { InteropClient } from '../../client/index.js';
import { InteropError } from '../../protocol/interop-error.js';
import { formatMoney } from '../../protocol/money.js';
import type {
  Conversation,
  CustomerDetail,
  CustomerTransfer,
  LastVisit,
  Order,
  TeamMember,
} from '../../protocol/index.js';
import { httpUrl } from '../base/http-url.js';
import type { WorkbenchTerms } from '../../locales/workbench/en.js';

/** The customer panel beside the open conversation: the company's record of the customer, kept by any employee. */
export class CustomerPanel {
  /** The record, read again after each change (the one shown stays meanwhile); a newer read supersedes an older. */
  readonly #record: LoadController<CustomerDetail>;
  /** What the last action refused. */
  #refusal: InteropError | undefined;
  /** What the last action said (saved, handed over): a polite status line. */
  status = '';
  #customerId: string | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    this.#record = new LoadController(host, true);
  }

  get detail(): CustomerDetail | undefined {
    return this.#record.value;
  }

  /** Why the record could not be read, or what the last action refused. */
  get error(): InteropError | undefined {
    return this.#refusal ?? this.#record.error;
  }

  /** Shows `customerId`'s record (loaded now), or nothing. */
  show(client: InteropClient | undefined, customerId: string | undefined): void {
    if (customerId === this.#customerId) return;
    this.#customerId = customerId;
    this.status = '';
    this.#refusal = undefined;
    void this.#record.run(undefined);
    if (client) void this.reload(client);
  }

  async reload(client: InteropClient): Promise<void> {
    const customerId = this.#customerId;
    if (customerId) await this.#record.run(() => client.request('customer:get', { customerId }));
  }

  /** A change pushed for the customer shown: the record as it now is, at once. */
  #patch(detail: CustomerDetail) {
    this.#record.value = detail;
    this.host.requestUpdate();
  }

  /** A pushed change that concerns this customer (an order, one of their conversations) is shown at once. */
  applyOrder(order: Order): void {
    if (!this.detail || order.customerId !== this.detail.customer.id) return;
    const others = this.detail.orders.filter((item) => item.id !== order.id);
    this.#patch({ ...this.detail, orders: [order, ...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) });
  }

  applyConversation(client: InteropClient, conversation: Conversation): void {
    const detail = this.detail;
    if (!detail || conversation.customer.id !== detail.customer.id) return;
    const known = detail.conversations.find((item) => item.id === conversation.id);
    // A new conversation, a hand-over or a rename changes more than the row: the record is read again. A new message
    // (the usual push, many a minute in a busy chat) only updates the row.
    if (
      !known ||
      known.assignee?.id !== conversation.assignee?.id ||
      known.customer.name !== conversation.customer.name
    ) {
      void this.reload(client);
      return;
    }
    this.#patch({
      ...detail,
      conversations: detail.conversations.map((item) => (item.id === conversation.id ? conversation : item)),
    });
  }

  async #run(client: InteropClient, action: () => Promise<unknown>, done: string | (() => string)): Promise<void> {
    try {
      await action();
      this.#refusal = undefined;
      this.status = typeof done === 'string' ? done : done();
      await this.reload(client);
    } catch (error) {
      this.#refusal = InteropError.of(error);
      this.status = '';
      this.host.requestUpdate();
    }
  }

  async saveProfile(client: InteropClient, form: HTMLFormElement, terms: WorkbenchTerms): Promise<void> {
    const data = new FormData(form);
    const field = (name: string) => {
      const value = String(data.get(name) ?? '').trim();
      return value ? value : null;
    };
    const tags = String(data.get('tags') ?? '')
      .split(/[,，]/)
      .map((tag) => tag.trim())
      .filter(Boolean);
    await this.#run(
      client,
      () =>
        client.request('customer:update', {
          customerId: this.#customerId!,
          name: field('name'),
          email: field('email'),
          phone: field('phone'),
          tags,
          notes: String(data.get('notes') ?? ''),
        }),
      terms.saved,
    );
  }

  /** A new owner: at once when nobody owned the customer, else the customer is asked (a transfer). */
  async setOwner(client: InteropClient, ownerId: string, terms: WorkbenchTerms): Promise<void> {
    let asked = false;
    await this.#run(
      client,
      async () => {
        const profile = await client.request('customer:update', { customerId: this.#customerId!, ownerId });
        asked = profile.owner?.id !== ownerId;
      },
      () => (asked ? terms.transferAsked : terms.saved),
    );
  }

  /** A pushed change of one of the shown customer's transfers: the record is read again. */
  applyTransfer(client: InteropClient, transfer: CustomerTransfer): void {
    if (this.detail?.customer.id === transfer.customerId) void this.reload(client);
  }

  async handOver(
    client: InteropClient,
    conversationId: string,
    to: TeamMember,
    note: string,
    terms: WorkbenchTerms,
  ): Promise<void> {
    await this.#run(
      client,
      () =>
        client.request('conversation:assign', {
          conversationId,
          employeeId: to.id,
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      terms.transferred(to.name),
    );
  }
}

export interface CustomerPanelView {
  panel: CustomerPanel;
  client: InteropClient;
  terms: WorkbenchTerms;
  lang: string;
  me: string | undefined;
  team: TeamMember[];
  conversation: Conversation | undefined;
  select(conversationId: string): void;
}

/** Where the customer is, as their browser said when they last opened the chat: page, local time, language, device. */
function renderVisit(visit: LastVisit | null, terms: WorkbenchTerms, lang: string) {
  if (!visit) return html`<p class="muted visit-unknown">${terms.visitUnknown}</p>`;
  const page = httpUrl(visit.pageUrl, location.href);
  let localTime: string | undefined;
  try {
    localTime = visit.timezone
      ? new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone: visit.timezone }).format(
          new Date(),
        )
      : undefined;
  } catch {
    localTime = undefined; // a time zone this browser does not know
  }
  const row = (label: string, value: unknown) =>
    value ? html`<dt>${label}</dt><dd dir="auto">${value}</dd>` : nothing;
  return html`<dl class="visit" aria-label=${terms.visit}>
    ${row(terms.visitPage, page ? html`<a href=${page} target="_blank" rel="noopener noreferrer">${visit.pageTitle || page}</a>` : visit.pageTitle)}
    ${row(terms.visitLocalTime, localTime && `${localTime} · ${visit.timezone}`)}
    ${row(terms.visitLanguage, visit.language)}
    ${row(terms.visitDevice, visit.device)}
    ${row(terms.visitSeen, new Date(visit.at).toLocaleString(lang))}
  </dl>`;
}

/** The panel's markup: the profile form, the owner, the hand-over form, earlier conversations, orders, hand-overs. */
export function renderCustomerPanel(view: CustomerPanelView) {
  const { panel, client, terms, conversation } = view;
  const detail = panel.detail;
  if (!conversation) return html`<p class="empty">${terms.chooseConversation}</p>`;
  const customer = detail?.customer;
  const colleagues = view.team.filter((member) => member.status === 'active');
  const names = new Map(view.team.map((member) => [member.id, member.name]));
  return html`${panel.error ? html`<p class="notice error" role="alert">${panel.error.message}</p>` : nothing}
    <p class="status-line" role="status">${panel.status}</p>
    ${
      customer
        ? html`<h3 dir="auto">${customerName({ id: customer.id, name: customer.displayName }, view.lang)}</h3>
          <p class="identity">
            ${customer.verified ? html`<span class="verified">${terms.verified}</span> ${terms.externalId(customer.externalId ?? '')}` : terms.anonymous}
          </p>
          ${renderVisit(customer.lastVisit, terms, view.lang)}
          <form class="profile" part="customer-profile" @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            void panel.saveProfile(client, event.currentTarget as HTMLFormElement, terms);
          }}>
            <label>${terms.name}<input name="name" maxlength="100" .value=${customer.name ?? ''} autocomplete="off" /></label>
            <label>${terms.email}<input name="email" type="email" maxlength="254" .value=${customer.email ?? ''} autocomplete="off" /></label>
            <label>${terms.phone}<input name="phone" type="tel" maxlength="32" .value=${customer.phone ?? ''} autocomplete="off" /></label>
            <label>${terms.tags}<input name="tags" maxlength="900" .value=${customer.tags.join(', ')} autocomplete="off" /></label>
            <label>${terms.notes}<textarea name="notes" rows="3" maxlength="10000" .value=${customer.notes}></textarea></label>
            <button type="submit">${terms.save}</button>
          </form>
          <label class="owner">${terms.owner}
            <select .value=${live(customer.owner?.id ?? '')} @change=${(event: Event) => void panel.setOwner(client, (event.target as HTMLSelectElement).value, terms)}>
              ${customer.owner ? nothing : html`<option value="" selected disabled>${terms.nobody}</option>`}
              ${colleagues.map((member) => html`<option value=${member.id} ?selected=${member.id === customer.owner?.id}>${member.name}</option>`)}
            </select>
          </label>
          ${renderTransferState(detail.customerTransfers[0], terms, view.lang)}`
        : html`<p aria-busy="true">${customerName(conversation.customer, view.lang)}</p>`
    }
    <form class="handover" part="handover" @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      const form = event.currentTarget as HTMLFormElement;
      const data = new FormData(form);
      const to = colleagues.find((member) => member.id === data.get('employee'));
      if (to)
        void panel
          .handOver(client, conversation.id, to, String(data.get('note') ?? ''), terms)
          .then(() => form.reset());
    }}>
      <p>${conversation.assignee ? terms.assignedTo(conversation.assignee.name) : terms.unassigned}</p>
      ${
        view.me && conversation.assignee?.id !== view.me
          ? html`<button type="button" class="link-button" @click=${() => {
              const me = colleagues.find((member) => member.id === view.me);
              if (me) void panel.handOver(client, conversation.id, me, '', terms);
            }}>${terms.takeIt}</button>`
          : nothing
      }
      <label>${terms.transfer}
        <select name="employee" required>
          <option value="" selected disabled>—</option>
          ${colleagues.filter((member) => member.id !== conversation.assignee?.id).map((member) => html`<option value=${member.id}>${member.name}</option>`)}
        </select>
      </label>
      <label>${terms.transferNote}<textarea name="note" rows="2" maxlength="1000"></textarea></label>
      <button type="submit">${terms.transferButton}</button>
    </form>
    ${
      detail
        ? html`<h4>${terms.earlierConversations}</h4>
          <ul class="history">
            ${detail.conversations.map(
              (item) => html`<li>
                <button type="button" class="link-button" aria-current=${item.id === conversation.id ? 'true' : 'false'} @click=${() => view.select(item.id)}>
                  ${item.subject ?? item.lastMessagePreview ?? terms.noMessages}
                </button>
                <span class="muted">${item.status === 'closed' ? terms.closed : terms.statuses[item.status]}</span>
              </li>`,
            )}
          </ul>
          <h4>${terms.orders}</h4>
          ${
            detail.orders.length === 0
              ? html`<p class="muted">${terms.noOrders}</p>`
              : html`<ul class="orders">
                ${detail.orders.map(
                  (order) => html`<li data-status=${order.status}>
                    <span dir="auto">${order.productTitle}${order.quantity > 1 ? ` × ${order.quantity}` : ''}</span>
                    <span>${formatMoney(order.amountMinor, order.currency, view.lang)}</span>
                    <span class="state" data-status=${order.status}>${terms.orderStatus[order.status] ?? order.status}</span>
                  </li>`,
                )}
              </ul>`
          }
          ${
            detail.transfers.length
              ? html`<h4>${terms.handovers}</h4>
                <ul class="handovers">
                  ${detail.transfers.map(
                    (transfer) => html`<li>
                      <span>${terms.handover(transfer.from ? (names.get(transfer.from.id) ?? transfer.from.name) : terms.nobody, transfer.to.name, transfer.by?.name ?? terms.theCompany)}</span>
                      <span class="muted">${terms.reasons[transfer.reason]} · ${new Date(transfer.createdAt).toLocaleString(view.lang)}</span>
                      ${transfer.note ? html`<q dir="auto">${transfer.note}</q>` : nothing}
                    </li>`,
                  )}
                </ul>`
              : nothing
          }`
        : nothing
    }`;
}

/** Where the customer's latest transfer stands, beside the owner (nothing once it is long done). */
function renderTransferState(transfer: CustomerTransfer | undefined, terms: WorkbenchTerms, lang: string) {
  if (!transfer) return nothing;
  const states = terms.transferStates;
  const text =
    transfer.statusName === 'waiting'
      ? states.waiting(transfer.to.name, new Date(transfer.takesEffectAt).toLocaleString(lang))
      : transfer.statusName === 'refused'
        ? transfer.kind === 'departure'
          ? states.refusedDeparture(transfer.to.name)
          : states.refused(transfer.from.name, transfer.to.name)
        : transfer.statusName === 'taker_at_capacity'
          ? states.taker_at_capacity(transfer.to.name)
          : states.done(transfer.to.name);
  return html`<p class="transfer-state muted" part="customer-transfer" data-status=${transfer.statusName}>${text}</p>`;
}
