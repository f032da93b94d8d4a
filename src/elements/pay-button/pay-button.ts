import { html, nothing, type PropertyValues } from 'lit';
import type { InteropClient } from '../../client/index.js';
import type { Order, PaymentProvider, PaymentStatus } from '../../protocol/index.js';
import { InteropError } from '../../protocol/interop-error.js';
import { formatMoney } from '../../protocol/money.js';
import { FINAL_ORDER_STATUSES, PAYMENT_PROVIDERS } from '../../protocol/payment-states.js';
import { IxConnectedElement } from '../base/connected-element.js';
import { IxElement } from '../base/ix-element.js';
import { LocalizeController } from '../base/localize.js';
import { payButtonTerms } from '../../locales/pay-button/index.js';
import { lazyQrCode } from '../base/lazy-qr-code.js';
import { payButtonStyles } from './pay-button.styles.js';

/**
 * @summary Buys a catalog product: creates the order on the backend, shows the payer what to do, and follows the
 *   payment to its outcome. A form-associated element: inside a `<form>` its value is the paid order's id.
 * @tag ix-pay-button
 *
 * The price is the backend's, from its catalog; the button never sends one. Each purchase intent has one idempotency
 * key (kept across reloads and reconnects), so double clicks and retries make one order, and a reloaded page finds its
 * pending order again. Only the backend, told by the payment provider, can make the status `succeeded`.
 *
 * @event ix-pay-click - Cancelable: the button was pressed and an order is about to be created. `detail: { productId, quantity }`.
 * @event ix-pay-status - The status changed. `detail: { status, order }` (`order` is null before one exists).
 * @event ix-pay-succeeded - The payment succeeded. `detail: { order }`.
 * @event ix-pay-failed - The payment failed, was canceled or expired. `detail: { order }`.
 * @event ix-error - The order could not be created or found. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart button - The buy button.
 * @csspart status - The status line (a polite live region).
 * @csspart action - The panel showing what the payer does next.
 * @csspart qr - The QR code of the payment page.
 * @csspart pay-link - The link that opens the payment page on this device.
 * @csspart cancel - The button that cancels an unpaid order.
 *
 * @cssstate idle - Nothing asked yet (likewise `creating`, `requires_action`, `processing`, `succeeded`, `failed`,
 *   `canceled`, `expired`, `refunded`: one state per status).
 * @cssproperty [--ix-qr-size=176px] - Size of the QR code.
 */
export class IxPayButton extends IxConnectedElement {
  static formAssociated = true;

  static override properties = {
    product: {},
    quantity: { type: Number },
    provider: {},
    conversation: {},
    label: {},
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    status: { reflect: true },
    _order: { state: true },
    _error: { state: true },
  };

  static override styles = [IxElement.styles, payButtonStyles];

  /** The catalog id of the product to buy. */
  declare product: string | undefined;
  /** How many to buy (1–99). */
  declare quantity: number;
  /** The payment provider; `sandbox` is the built-in test provider. */
  declare provider: PaymentProvider;
  /** The conversation whose thread gets the payment's status messages (default: the customer's latest open one). */
  declare conversation: string | undefined;
  /** The button text (default "Buy now", localized). */
  declare label: string | undefined;
  /** The form field name; the submitted value is the paid order's id. */
  declare name: string | undefined;
  /** In a form: the form is invalid until the payment succeeded. */
  declare required: boolean;
  /** Cannot be pressed (also while its form or fieldset is disabled). */
  declare disabled: boolean;
  /** The payment's status; reflected, and mirrored as a `:state()`. Set by the element, not by the page. */
  declare status: PaymentStatus;

  /** The form association; the host is a group (the button, the payer's next step and the status line). */
  #internals: ElementInternals = Object.assign(this.attachInternals(), { role: 'group' });
  #localize = new LocalizeController(this, payButtonTerms);
  /** The order shown, once one exists. */
  declare protected _order: Order | undefined;
  /** What went wrong last (shown beside the button). */
  declare protected _error: InteropError | undefined;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.quantity = 1;
    this.provider = 'sandbox';
    this.required = false;
    this.disabled = false;
    this.status = 'idle';
  }

  /** The current order, once one exists. */
  get order(): Order | undefined {
    return this._order;
  }

  /** The form the button belongs to. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /** `valueMissing` while a `required` payment has not succeeded. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }

  /** Whether the form may be submitted: false while a `required` payment has not succeeded. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** As `checkValidity()`, and shows the browser's message when it fails. */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** Focuses the button (or the payment page link while the payer has something to do). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('[part="button"], [part="pay-link"]')?.focus(options);
  }

  get #intent(): string {
    return `${this.provider}|${this.product ?? ''}|${this.quantity}`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('status')) {
      this.#internals.states.clear();
      this.#internals.states.add(this.status);
    }
    if (changed.has('status') || changed.has('required')) this.#updateFormState();
    // Another product or quantity is another purchase: start from idle (a pending one of it is found again).
    if (this.hasUpdated && (changed.has('product') || changed.has('quantity') || changed.has('provider'))) {
      this.#reset();
      if (this.connection.client) void this.#resume(this.connection.client);
    }
  }

  protected override attachClient(client: InteropClient | undefined) {
    if (!client) return;
    const offOrder = client.on('order', (order) => {
      if (order.id === this._order?.id) this.#show(order);
    });
    // Back online: anything may have happened meanwhile, and a create whose answer was lost is retried with its key.
    const offStatus = client.on('status', (status) => {
      if (status === 'online') void this.#resume(client);
    });
    void this.#resume(client);
    return () => {
      offOrder();
      offStatus();
      clearTimeout(this.#expiryTimer);
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#expiryTimer);
  }

  /** @internal A form reset starts a finished purchase over. */
  formResetCallback(): void {
    if (FINAL_ORDER_STATUSES.includes(this.status as Order['status'])) this.#reset();
  }

  /** @internal Follows a disabled form or fieldset. */
  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  /** Finds the pending order of this purchase intent (after a reload or reconnect), or carries on creating it. */
  async #resume(client: InteropClient) {
    const key = client.purchases.get(this.#intent);
    if (!key || !this.product) return;
    const intent = this.#intent;
    try {
      this.#show(await client.request('pay:sync', { idempotencyKey: key }));
    } catch (error) {
      if (intent !== this.#intent) return;
      if (error instanceof InteropError && error.code === 'not_found') {
        // The create never reached the server: if we were creating, try again with the same key.
        if (this.status === 'creating') await this.#create(client, key);
        else client.purchases.end(intent);
      }
    }
  }

  async #buy() {
    const client = this.connection.client;
    if (!client || !this.product || this.disabled) return;
    if (this.status === 'creating' || this.status === 'requires_action' || this.status === 'processing') return;
    if (!this.emit('ix-pay-click', { productId: this.product, quantity: this.quantity }, { cancelable: true })) return;
    if (this.status !== 'idle') this.#reset(); // after a failure, a new attempt is a new purchase intent
    await this.#create(client, client.purchases.begin(this.#intent));
  }

  async #create(client: InteropClient, idempotencyKey: string) {
    this.#setStatus('creating', undefined);
    this._error = undefined;
    const intent = this.#intent;
    try {
      const order = await client.request('pay:create', {
        productId: this.product!,
        quantity: this.quantity,
        provider: this.provider,
        idempotencyKey,
        ...(this.conversation ? { conversationId: this.conversation } : {}),
      });
      if (intent === this.#intent) this.#show(order);
    } catch (error) {
      if (intent !== this.#intent) return;
      this._error = InteropError.of(error);
      // Unreachable: keep the key, so the next try (or the reconnect) finds the order if it was made after all.
      if (this._error.code !== 'unavailable') client.purchases.end(intent);
      this.#setStatus('idle', undefined);
      this.emit('ix-error', { error: this._error.toJSON() });
    }
  }

  async #cancel() {
    const client = this.connection.client;
    const order = this._order;
    if (!client || !order) return;
    try {
      this.#show(await client.request('pay:cancel', { orderId: order.id }));
    } catch (error) {
      // Paid or expired meanwhile: the next status push or sync tells which.
      this._error = InteropError.of(error);
    }
  }

  /** Shows an order's state, never going back to an older one (a sync answer can be older than a push). */
  #show(order: Order) {
    if (this._order?.id === order.id && order.updatedAt < this._order.updatedAt) return;
    this._error = undefined;
    if (FINAL_ORDER_STATUSES.includes(order.status)) this.connection.client?.purchases.end(this.#intent);
    // A lapsed payment expires without anyone telling us: ask the backend once its time is up.
    clearTimeout(this.#expiryTimer);
    if (order.status === 'requires_action') {
      const delay = Math.max(0, Date.parse(order.expiresAt) - Date.now()) + 1000;
      if (delay < 2 ** 31)
        this.#expiryTimer = setTimeout(
          () => this.connection.client && void this.#resume(this.connection.client),
          delay,
        );
    }
    this.#setStatus(order.status, order);
  }

  #setStatus(status: PaymentStatus, order: Order | undefined) {
    // An event per change of status: the order arriving while it is still being created is not one.
    const changed = status !== this.status;
    this._order = order;
    this.status = status;
    if (!changed) return;
    this.emit('ix-pay-status', { status, order: order ?? null });
    if (status === 'succeeded' && order) this.emit('ix-pay-succeeded', { order });
    if ((status === 'failed' || status === 'canceled' || status === 'expired') && order)
      this.emit('ix-pay-failed', { order });
  }

  #reset() {
    clearTimeout(this.#expiryTimer);
    this._order = undefined;
    this._error = undefined;
    this.status = 'idle';
  }

  #updateFormState() {
    const paid = this.status === 'succeeded' && this._order;
    this.#internals.setFormValue(paid ? this._order!.id : null);
    if (this.required && !paid)
      this.#internals.setValidity(
        { valueMissing: true },
        this.#localize.terms.paymentRequired,
        this.renderRoot.querySelector('button') ?? undefined,
      );
    else this.#internals.setValidity({});
  }

  protected override updated(): void {
    // The validity anchor (the inner button) exists only after the first render.
    if (this.required) this.#updateFormState();
  }

  #statusText(): string {
    const terms = this.#localize.terms;
    const order = this._order;
    const amount = order ? formatMoney(order.amountMinor, order.currency, this.#localize.lang) : '';
    switch (this.status) {
      case 'idle':
        return this._error ? terms.payUnreachable(this._error.message) : '';
      case 'creating':
        return terms.payPreparing;
      case 'requires_action':
        return terms.payScan(amount);
      case 'processing':
        return terms.payProcessing;
      case 'succeeded':
        return terms.paySucceeded(amount);
      case 'failed':
        return terms.payFailed(order?.failureReason ?? null);
      case 'canceled':
        return terms.payCanceled;
      case 'expired':
        return terms.payExpired;
      case 'refunded':
        return terms.payRefunded;
    }
  }

  protected override render() {
    const terms = this.#localize.terms;
    const order = this._order;
    const busy = this.status === 'creating' || this.status === 'processing';
    const inFlight = busy || this.status === 'requires_action';
    const done = this.status === 'succeeded' || this.status === 'refunded';
    const again = this.status === 'failed' || this.status === 'canceled' || this.status === 'expired';
    const action = this.status === 'requires_action' ? order?.nextAction : undefined;
    const unusable =
      !this.connection.client || !this.product || !(PAYMENT_PROVIDERS as readonly string[]).includes(this.provider);
    return html`<div class="base" part="base" lang=${this.#localize.lang}>
      ${
        done || action
          ? nothing
          : html`<button
            part="button"
            type="button"
            aria-busy=${busy ? 'true' : 'false'}
            aria-describedby="status"
            ?disabled=${this.disabled || unusable || inFlight}
            @click=${this.#buy}
          >
            ${again ? terms.payAgain : (this.label ?? terms.buyNow)}
          </button>`
      }
      ${
        action
          ? html`<div class="action" part="action">
            ${action.type === 'qr' ? lazyQrCode(this, action.url, terms.payQrLabel) : nothing}
            <a part="pay-link" href=${action.url} target="_blank" rel="noopener noreferrer">${terms.payOpenPage}</a>
            <button part="cancel" type="button" class="secondary" @click=${this.#cancel}>${terms.payCancel}</button>
          </div>`
          : nothing
      }
      <p id="status" part="status" role="status" data-status=${this.status} class=${this._error || this.status === 'failed' ? 'error' : ''}>
        ${this.#statusText()}
      </p>
    </div>`;
  }
}
