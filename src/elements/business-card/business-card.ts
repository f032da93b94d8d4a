import { html, nothing, svg, type PropertyValues } from 'lit';
import type { InteropClient } from '../../client/index.js';
import type { BusinessCard } from '../../protocol/index.js';
import { IxConnectedElement } from '../base/connected-element.js';
import { IxElement } from '../base/ix-element.js';
import { initials } from '../base/initials.js';
import { LoadController } from '../base/load-controller.js';
import { LocalizeController } from '../base/localize.js';
import { businessCardTerms } from '../../locales/business-card/index.js';
import { lazyQrCode } from '../base/lazy-qr-code.js';
import { httpUrl } from '../base/http-url.js';
import { cardStyles } from '../base/card.styles.js';
import { businessCardStyles } from './business-card.styles.js';
import type { IxLauncher } from '../launcher/launcher.js';

export const BUSINESS_CARD_LAYOUTS = ['full', 'compact'] as const;
export type BusinessCardLayout = (typeof BUSINESS_CARD_LAYOUTS)[number];

const verifiedMark = svg`<path d="M8 0l2 2.2 3-.3.5 3L16 6.5 14.6 9l.6 3-3 .8L10.5 16 8 14.5 5.5 16l-1.7-3.2-3-.8.6-3L0 6.5l2.5-1.6.5-3 3 .3z" fill="currentColor"/><path d="M4.8 8.2l2.2 2.2 4.2-4.4" fill="none" stroke="var(--_surface)" stroke-width="1.6"/>`;

/**
 * @summary An employee's business card: who they are, the verified company they work for, and ways to reach them.
 * @tag ix-business-card
 *
 * The card is loaded from the backend (`card:get`), which vouches for the company. A departed employee's card says so
 * and points to the successor who looks after their customers now.
 *
 * @event ix-chat-request - Cancelable: "Chat with me" was pressed. `detail: { employeeId }` (the successor's, on a
 *   departed employee's card). By default the page's `<ix-launcher>` opens a conversation with that employee.
 * @event ix-error - The card could not be loaded. `detail: { error }`.
 *
 * @csspart base - The card.
 * @csspart avatar - The photo, or the initials.
 * @csspart name - The employee's name.
 * @csspart title - The job title.
 * @csspart company - The company line.
 * @csspart verified - The verified-company mark.
 * @csspart notice - The departed notice.
 * @csspart contact - The phone and email lines.
 * @csspart phone - The phone link.
 * @csspart email - The email link.
 * @csspart bio - The short bio (full layout).
 * @csspart actions - The buttons.
 * @csspart chat - The "Chat with me" button.
 * @csspart save - The "Save contact" link (a vCard 4.0 download).
 * @csspart qr-toggle - The button that shows the QR code.
 * @csspart qr - The QR code of the card link.
 *
 * @cssproperty [--ix-card-width=320px] - Width of the card.
 * @cssproperty [--ix-qr-size=160px] - Size of the QR code.
 */
export class IxBusinessCard extends IxConnectedElement {
  static override properties = {
    employee: {},
    layout: { reflect: true },
    cardUrl: { attribute: 'card-url' },
    noChat: { type: Boolean, attribute: 'no-chat', reflect: true },
    _qrOpen: { state: true },
  };

  static override styles = [IxElement.styles, cardStyles, businessCardStyles];

  /** The employee id whose card to show. */
  declare employee: string | undefined;
  /** `full` (default: bio and contact lines) or `compact` (for chat messages and lists). */
  declare layout: BusinessCardLayout;
  /** The link the QR code carries; default: the card's vCard on the backend (a phone's camera imports it). */
  declare cardUrl: string | undefined;
  /** Hides "Chat with me": the card is shown inside a chat already (or to its own employee). */
  declare noChat: boolean;

  #localize = new LocalizeController(this, businessCardTerms);
  #card = new LoadController<BusinessCard>(this, false, (error) => this.emit('ix-error', { error: error.toJSON() }));
  /** Whether the QR code shows. */
  declare protected _qrOpen: boolean;

  constructor() {
    super();
    this.layout = 'full';
    this._qrOpen = false;
  }

  #toggleQr() {
    this._qrOpen = !this._qrOpen;
  }

  /** The card as last loaded. */
  get card(): BusinessCard | undefined {
    return this.#card.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && changed.has('employee') && this.connection.client) this.#load(this.connection.client);
  }

  protected override attachClient(client: InteropClient | undefined) {
    this.#load(client);
    if (!client) return;
    return client.on('status', (status) => {
      if (status === 'online' && !this.#card.value) this.#load(client);
    });
  }

  #load(client: InteropClient | undefined) {
    const employeeId = this.employee;
    this._qrOpen = false;
    void this.#card.run(client && employeeId ? () => client.request('card:get', { employeeId }) : undefined);
  }

  #chat(employeeId: string) {
    if (!this.emit('ix-chat-request', { employeeId }, { cancelable: true })) return;
    const launcher = document.querySelector<IxLauncher>('ix-launcher');
    if (typeof launcher?.open !== 'function') return; // no launcher on the page, or not defined yet
    launcher.employee = employeeId;
    launcher.open();
  }

  /** What the QR code carries: the page's own card link, or the card's vCard on the backend. */
  get #link(): string | undefined {
    return (
      this.cardUrl || httpUrl(this.#card.value?.vcardUrl, `${this.connection.client?.baseUrl ?? location.origin}/`)
    );
  }

  protected override render() {
    const terms = this.#localize.terms;
    const { value: card, error } = this.#card;
    if (!card) {
      const failed = error !== undefined;
      return html`<article class="base" part="base" aria-busy=${failed ? 'false' : 'true'} lang=${this.#localize.lang}>
        ${
          failed
            ? html`<p class="error" role="alert">${error!.code === 'not_found' ? terms.cardUnavailable : error!.message}</p>`
            : html`<div class="header">
                <div class="skeleton avatar" part="avatar"></div>
                <div class="lines"><div class="skeleton line"></div><div class="skeleton line short"></div></div>
              </div>
              <span class="visually-hidden">${terms.loading}</span>`
        }
      </article>`;
    }
    const baseUrl = `${this.connection.client?.baseUrl ?? location.origin}/`;
    const avatar = httpUrl(card.avatarUrl, baseUrl);
    const departed = card.status === 'departed';
    const link = this.#link;
    const vcard = httpUrl(card.vcardUrl, baseUrl);
    const full = this.layout !== 'compact';
    return html`<article class="base" part="base" aria-labelledby="name" lang=${this.#localize.lang}>
      <div class="header">
        ${
          avatar
            ? html`<img part="avatar" class="avatar" src=${avatar} alt="" />`
            : html`<div part="avatar" class="avatar initials" aria-hidden="true">${initials(card.name)}</div>`
        }
        <div class="lines">
          <h3 id="name" part="name" dir="auto">${card.name}</h3>
          ${card.title ? html`<p part="title" dir="auto">${card.title}</p>` : nothing}
          <p part="company" class="company" dir="auto">
            ${card.company.name}
            ${
              card.company.verified
                ? html`<svg part="verified" class="verified" viewBox="0 0 16 16" role="img" aria-label=${terms.verifiedCompany}>
                  <title>${terms.verifiedCompany}</title>
                  ${verifiedMark}
                </svg>`
                : nothing
            }
          </p>
        </div>
      </div>
      ${
        departed
          ? html`<p part="notice" class="notice" role="note">
            ${terms.departed(card.name)} ${card.successor ? terms.successorServes(card.successor.name) : ''}
          </p>`
          : nothing
      }
      ${
        full && (card.phone || card.email)
          ? html`<ul part="contact" class="contact">
            ${card.phone ? html`<li><a part="phone" href="tel:${card.phone.replace(/[^\d+]/g, '')}">${terms.call} ${card.phone}</a></li>` : nothing}
            ${card.email ? html`<li><a part="email" href="mailto:${card.email}">${terms.sendEmail} ${card.email}</a></li>` : nothing}
          </ul>`
          : nothing
      }
      ${full && card.bio ? html`<p part="bio" class="bio" dir="auto">${card.bio}</p>` : nothing}
      <div part="actions" class="actions">
        ${
          this.noChat
            ? nothing
            : departed
              ? card.successor
                ? html`<button part="chat" type="button" @click=${() => this.#chat(card.successor!.id)}>${terms.chatWith(card.successor.name)}</button>`
                : nothing
              : html`<button part="chat" type="button" @click=${() => this.#chat(card.id)}>${terms.chatWithMe}</button>`
        }
        ${vcard ? html`<a part="save" class="button secondary" href=${vcard} download="${card.name}.vcf">${terms.saveContact}</a>` : nothing}
        ${
          link
            ? html`<button
              part="qr-toggle"
              type="button"
              class="secondary"
              aria-expanded=${this._qrOpen ? 'true' : 'false'}
              aria-controls="qr"
              @click=${this.#toggleQr}
            >
              ${terms.showQr}
            </button>`
            : nothing
        }
      </div>
      ${link ? html`<div id="qr" class="qr" ?hidden=${!this._qrOpen}>${this._qrOpen ? lazyQrCode(this, link, terms.cardQrLabel(card.name)) : nothing}</div>` : nothing}
    </article>`;
  }
}
