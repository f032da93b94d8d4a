import { html, nothing, type PropertyValues } from 'lit';
import type { InteropClient } from '../../client/index.js';
import type { Product } from '../../protocol/index.js';
import { formatMoney } from '../../protocol/money.js';
import { IxConnectedElement } from '../base/connected-element.js';
import { IxElement } from '../base/ix-element.js';
import { LoadController } from '../base/load-controller.js';
import { LocalizeController } from '../base/localize.js';
import { productCardTerms } from '../../locales/product-card/index.js';
import { httpUrl } from '../base/http-url.js';
import { cardStyles } from '../base/card.styles.js';
import { productCardStyles } from './product-card.styles.js';
import type { IxLauncher } from '../launcher/launcher.js';

/**
 * @summary A product from the company's catalog (the "mini-program card"): image, title, price, and ways to act on it.
 * @tag ix-product-card
 *
 * Price and availability always come from the backend's catalog, never from the page or a chat message.
 *
 * @event ix-contact-sales - Cancelable: "Contact sales about this" was pressed. `detail: { productId }`. By default
 *   the page's `<ix-launcher>` opens a conversation about the product.
 * @event ix-error - The product could not be loaded. `detail: { error }`.
 *
 * @csspart base - The card.
 * @csspart image - The product image (or its placeholder).
 * @csspart title - The product name.
 * @csspart description - The description.
 * @csspart price - The price.
 * @csspart availability - In stock / out of stock.
 * @csspart actions - The buttons.
 * @csspart view - The link to the product page.
 * @csspart contact - The "Contact sales about this" button.
 * @csspart buy - The Buy button (an `<ix-pay-button>`; its parts are exported as `buy-*`).
 *
 * @cssproperty [--ix-card-width=320px] - Width of the card.
 */
export class IxProductCard extends IxConnectedElement {
  static override properties = {
    product: {},
    noBuy: { type: Boolean, attribute: 'no-buy', reflect: true },
    conversation: {},
  };

  static override styles = [IxElement.styles, cardStyles, productCardStyles];

  /** The catalog id of the product to show. */
  declare product: string | undefined;
  /** Hides the Buy button (an employee's view, or a page that sells elsewhere). */
  declare noBuy: boolean;
  /** The conversation a purchase from this card reports to (set when the card is shown in a chat). */
  declare conversation: string | undefined;

  #localize = new LocalizeController(this, productCardTerms);
  /** The product from the catalog: the last one shown stays while it is read again (its price may have changed). */
  #product = new LoadController<Product>(this, true, (error) => this.emit('ix-error', { error: error.toJSON() }));

  /** The product as last loaded from the catalog. */
  get data(): Product | undefined {
    return this.#product.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && changed.has('product') && this.connection.client) this.#load(this.connection.client);
  }

  protected override attachClient(client: InteropClient | undefined) {
    this.#load(client, { fresh: true });
    if (!client) return;
    // Back online: the price or availability may have changed meanwhile.
    return client.on('status', (status) => {
      if (status === 'online') this.#load(client);
    });
  }

  #load(client: InteropClient | undefined, { fresh = false } = {}) {
    const productId = this.product;
    if (fresh) void this.#product.run(undefined);
    void this.#product.run(client && productId ? () => client.request('product:get', { productId }) : undefined);
  }

  #contactSales() {
    const productId = this.#product.value?.id;
    if (!productId || !this.emit('ix-contact-sales', { productId }, { cancelable: true })) return;
    const launcher = document.querySelector<IxLauncher>('ix-launcher');
    if (typeof launcher?.open !== 'function') return; // no launcher on the page, or not defined yet
    launcher.product = productId;
    launcher.open();
  }

  #renderBuy(product: Product) {
    if (this.noBuy || !product.available) return nothing;
    // The pay button (and its QR code library) loads only where a card offers to buy.
    void import('../pay-button/define.js');
    return html`<ix-pay-button
      part="buy"
      exportparts="base: buy-base, button: buy-button, status: buy-status, action: buy-action, qr: buy-qr, pay-link: buy-pay-link, cancel: buy-cancel"
      .client=${this.connection.client}
      product=${product.id}
      conversation=${this.conversation ?? nothing}
      lang=${this.#localize.lang}
      theme=${this.theme ?? nothing}
    ></ix-pay-button>`;
  }

  protected override render() {
    const terms = this.#localize.terms;
    const { value: product, error } = this.#product;
    if (!product) {
      const failed = error && !this.#product.pending;
      return html`<article class="base" part="base" aria-busy=${failed ? 'false' : 'true'} lang=${this.#localize.lang}>
        ${
          failed
            ? html`<p class="error" role="alert">${error!.code === 'not_found' ? terms.productUnavailable : error!.message}</p>`
            : html`<div class="skeleton image" part="image"></div>
              <div class="skeleton line"></div>
              <div class="skeleton line short"></div>
              <span class="visually-hidden">${terms.loading}</span>`
        }
      </article>`;
    }
    // The product page lives on the company's site; the catalog's image beside the backend, wherever the card is
    // embedded (a relative image URL would 404 on any other origin). Only http(s) reaches the DOM.
    const page = httpUrl(product.pagePath, location.href);
    const image = httpUrl(product.imageUrl, `${this.connection.client?.baseUrl ?? location.origin}/`);
    return html`<article class="base" part="base" aria-labelledby="title" lang=${this.#localize.lang}>
      ${
        image
          ? html`<img part="image" src=${image} alt="" loading="lazy" />`
          : html`<div class="placeholder" part="image" aria-hidden="true">${product.title.slice(0, 1)}</div>`
      }
      <div class="body">
        <h3 id="title" part="title" dir="auto">${product.title}</h3>
        ${product.description ? html`<p part="description" dir="auto">${product.description}</p>` : nothing}
        <p class="price-line">
          <span class="price" part="price">${formatMoney(product.priceMinor, product.currency, this.#localize.lang)}</span>
          <span class="availability" part="availability" data-available=${product.available ? 'true' : 'false'}
            >${product.available ? terms.inStock : terms.outOfStock}</span
          >
        </p>
        <div class="actions" part="actions">
          ${page ? html`<a part="view" href=${page}>${terms.viewProduct}</a>` : nothing}
          ${
            // In a conversation already: no "contact sales" inside the sales chat.
            this.conversation
              ? nothing
              : html`<button part="contact" type="button" @click=${this.#contactSales}>${terms.contactAboutProduct}</button>`
          }
        </div>
        ${this.#renderBuy(product)}
      </div>
    </article>`;
  }
}
