import { html, nothing } from 'lit';
import { formatMoney } from '../../protocol/money.js';
import { MAX_ORDER_QUANTITY } from '../../protocol/payment-states.js';
import type { Message, OutgoingContent, Product, QuickReply } from '../../protocol/index.js';
import type { ChatActions } from './chat-actions.js';
import type { Composer } from './composer.js';

type Purpose = 'card' | 'payment';

/** The tools' icons (Material Symbols shapes, 24 px grid). */
const ICONS = {
  card: 'M2 5h20v14H2zm2 2v10h16V7zm2 2h5v5H6zm7 1h5v1.5h-5zm0 3h4v1.5h-4z',
  product: 'M6 7V6a6 6 0 0 1 12 0v1h3v15H3V7zm2 0h8V6a4 4 0 0 0-8 0zm-3 2v11h14V9z',
  payment: 'M2 5h20v14H2zm2 2v2h16V7zm0 5v5h16v-5zm2 2h5v1.5H6z',
  quickReplies: 'M11 21 12 14H7l7-12-1 8h5z',
};
/** The catalog search while it is open, for a product card or a payment request. */
interface Picker {
  purpose: Purpose;
  query: string;
  quantity: number;
  products: Product[] | undefined;
}

/**
 * Employees' tools above the composer: send their business card, a product card or a payment request from the
 * catalog (a search picker), insert a quick reply; and "add to my to-dos" on a customer's message.
 */
export class EmployeeTools {
  readonly #host: ChatActions;
  readonly #composer: Composer;
  #picker: Picker | undefined;
  /** The corp's quick replies, while their list is open. */
  #quickReplies: QuickReply[] | undefined;
  #note = '';

  constructor(host: ChatActions, composer: Composer) {
    this.#host = host;
    this.#composer = composer;
  }

  /** Turns a customer's message into one of the employee's to-dos. */
  async addTodo(message: Message): Promise<void> {
    const client = this.#host.currentClient();
    if (client && (await this.#host.attempt(() => client.request('todo:create', { messageId: message.id }))))
      this.#set({ note: this.#host.terms.todoAdded });
  }

  async #send(content: OutgoingContent) {
    if (await this.#host.attempt(() => this.#host.sendContent(content))) this.#set({ picker: undefined });
  }

  async #search(query: string, purpose: Purpose = this.#picker?.purpose ?? 'card') {
    const client = this.#host.currentClient();
    if (!client) return;
    this.#set({
      quickReplies: undefined,
      picker: { purpose, query, quantity: this.#picker?.quantity ?? 1, products: this.#picker?.products },
    });
    const found = await this.#host.attempt(() => client.request('product:list', { query, limit: 20 }));
    if (found && this.#picker?.query === query) this.#set({ picker: { ...this.#picker, products: found.products } });
  }

  #togglePicker(purpose: Purpose) {
    if (this.#picker?.purpose === purpose) this.#set({ picker: undefined });
    else void this.#search('', purpose);
  }

  async #toggleQuickReplies() {
    const client = this.#host.currentClient();
    if (this.#quickReplies || !client) return this.#set({ quickReplies: undefined });
    this.#set({ picker: undefined });
    const listed = await this.#host.attempt(() => client.request('quickreply:list', {}));
    if (listed) this.#set({ quickReplies: listed.replies });
  }

  /** The picker's choice, sent as a product card or as a request to pay for it. */
  #pick(product: Product) {
    const { purpose, quantity } = this.#picker!;
    void this.#send(
      purpose === 'payment'
        ? { kind: 'payment_request', body: { productId: product.id, quantity } }
        : { kind: 'product_card', body: { productId: product.id } },
    );
  }

  /** The one place this part's state changes and reaches the screen. */
  #set(change: { picker?: Picker | undefined; quickReplies?: QuickReply[] | undefined; note?: string }) {
    if ('picker' in change) this.#picker = change.picker;
    if ('quickReplies' in change) this.#quickReplies = change.quickReplies;
    if (change.note !== undefined) this.#note = change.note;
    this.#host.requestUpdate();
  }

  render(canWrite: boolean, employeeId: string) {
    const terms = this.#host.terms;
    const picker = this.#picker;
    const expanded = (open: boolean) => (open ? 'true' : 'false');
    const icon = (path: string) =>
      html`<svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16"><path fill="currentColor" d=${path} /></svg>`;
    return html`<div class="tools" part="tools">
        <button class="tool" part="send-card" type="button" ?disabled=${!canWrite} title=${terms.sendCard}
          @click=${() => this.#send({ kind: 'business_card', body: { employeeId } })}>${icon(ICONS.card)}${terms.sendCard}</button>
        <button class="tool" part="send-product" type="button" ?disabled=${!canWrite} aria-expanded=${expanded(picker?.purpose === 'card')}
          aria-controls="product-picker" title=${terms.sendProduct} @click=${() => this.#togglePicker('card')}>${icon(ICONS.product)}${terms.sendProduct}</button>
        <button class="tool" part="request-payment" type="button" ?disabled=${!canWrite} aria-expanded=${expanded(picker?.purpose === 'payment')}
          aria-controls="product-picker" title=${terms.requestPayment} @click=${() => this.#togglePicker('payment')}>${icon(ICONS.payment)}${terms.requestPayment}</button>
        <button class="tool" part="quick-replies" type="button" ?disabled=${!canWrite} aria-expanded=${expanded(!!this.#quickReplies)}
          aria-controls="quick-replies" title=${terms.quickReplies} @click=${() => void this.#toggleQuickReplies()}>${icon(ICONS.quickReplies)}${terms.quickReplies}</button>
        ${this.#note ? html`<span class="tool-note" role="status">${this.#note}</span>` : nothing}
      </div>
      ${
        picker
          ? html`<div id="product-picker" class="picker" part="product-picker">
            <div class="picker-fields">
              <input type="search" aria-label=${terms.searchProducts} placeholder=${terms.searchProducts} maxlength="100"
                .value=${picker.query} @input=${(event: Event) => void this.#search((event.target as HTMLInputElement).value)} />
              ${
                picker.purpose === 'payment'
                  ? html`<label class="quantity">${terms.quantity}
                    <input type="number" min="1" max=${MAX_ORDER_QUANTITY} .value=${String(picker.quantity)}
                      @change=${(event: Event) => {
                        const value = Math.round(Number((event.target as HTMLInputElement).value));
                        this.#set({
                          picker: { ...picker, quantity: Math.min(MAX_ORDER_QUANTITY, Math.max(1, value || 1)) },
                        });
                      }} />
                  </label>`
                  : nothing
              }
            </div>
            ${picker.products?.length === 0 ? html`<p>${terms.noProducts}</p>` : nothing}
            <ul>
              ${(picker.products ?? []).map(
                (product) => html`<li>
                  <button type="button" class="link-button" data-product=${product.id} @click=${() => this.#pick(product)}
                  >${product.title} · ${formatMoney(product.priceMinor, product.currency, this.#host.lang)}</button>
                </li>`,
              )}
            </ul>
          </div>`
          : nothing
      }
      ${
        this.#quickReplies
          ? html`<div id="quick-replies" class="picker" part="quick-reply-list">
            ${this.#quickReplies.length === 0 ? html`<p>${terms.noQuickReplies}</p>` : nothing}
            <ul>
              ${this.#quickReplies.map(
                (reply) => html`<li>
                  <button type="button" class="link-button" data-reply=${reply.id} title=${reply.text}
                    @click=${() => (this.#set({ quickReplies: undefined }), this.#composer.insert(reply.text))}>${reply.title}</button>
                </li>`,
              )}
            </ul>
          </div>`
          : nothing
      }`;
  }
}
