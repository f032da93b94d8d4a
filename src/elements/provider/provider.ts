import { ContextProvider } from '@lit/context';
import { css, html, type PropertyValues } from 'lit';
import { followBrand, InteropClient, visitorTokenProvider, type ConnectionStatus } from '../../client/index.js';
import { clientContext } from '../base/context.js';
import { IxElement } from '../base/ix-element.js';

/**
 * @summary Connects to an interop backend and shares the connection with every Interop Kit element inside it.
 * @tag ix-provider
 *
 * @slot - Any content; Interop Kit elements inside use this provider's connection.
 *
 * @event ix-connection-change - The connection status changed. `detail: { status }`.
 * @event ix-error - The connection failed in a way no request was waiting for. `detail: { error }`.
 *
 * @attr endpoint - The backend URL (absolute, or relative to the page).
 * @attr corp - The company (tenant) id.
 * @attr token - A session token from your own backend; without one, an anonymous visitor session is used.
 * @attr user-id - Your user id, for verified identity (with `user-hash`).
 * @attr user-hash - Hex HMAC-SHA256 of `user-id` with the corp secret, computed by your backend.
 */
export class IxProvider extends IxElement {
  static override properties = {
    endpoint: {},
    corp: {},
    token: {},
    userId: { attribute: 'user-id' },
    userHash: { attribute: 'user-hash' },
    tokenProvider: { attribute: false },
  };

  static override styles = [
    IxElement.styles,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  /** The backend URL (absolute, or relative to the page). */
  declare endpoint: string | undefined;
  /** The company id. */
  declare corp: string | undefined;
  /** A session token from your backend (otherwise a visitor session is requested). */
  declare token: string | undefined;
  /** A verified user id of your site (with `user-hash`). */
  declare userId: string | undefined;
  /** HMAC-SHA256 of `user-id` with the company secret, computed by your backend. */
  declare userHash: string | undefined;
  /** Returns a fresh session token; overrides the built-in visitor session. */
  declare tokenProvider: (() => Promise<string>) | undefined;

  #provider = new ContextProvider(this, { context: clientContext });
  #unsubscribe: (() => void)[] = [];

  /** The shared connection, once `endpoint` and `corp` are set. */
  get client(): InteropClient | undefined {
    return this.#provider.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['endpoint', 'corp', 'token', 'userId', 'userHash', 'tokenProvider'] as const;
    const changedConnection = keys.some((key) => changed.has(key));
    // Off the page (a framework may set properties on a provider it removed): no connection is made, and one made
    // for the old settings goes, so the provider connects afresh when it is back.
    if (!this.isConnected) {
      if (changedConnection) this.#disconnect();
      return;
    }
    if (changedConnection || !this.client) this.#connect();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after leaving it. (The first connection is made by the first update, once: connecting here
    // too made a socket the update then closed half-open, a console warning on every page.)
    if (!this.client && this.hasUpdated) this.#connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moved (removed and inserted again in one task): the elements inside keep the shared connection.
    setTimeout(() => {
      if (!this.isConnected) this.#disconnect();
    });
  }

  #connect() {
    this.#disconnect();
    if (!this.endpoint || !this.corp) return;
    const client = new InteropClient({
      endpoint: this.endpoint,
      corp: this.corp,
      token: this.token,
      tokenProvider:
        this.tokenProvider ??
        visitorTokenProvider({
          endpoint: this.endpoint,
          corp: this.corp,
          userId: this.userId,
          userHash: this.userHash,
        }),
    });
    this.#unsubscribe = [
      client.on('status', (status: ConnectionStatus) => this.emit('ix-connection-change', { status })),
      client.on('error', (error) => this.emit('ix-error', { error: error.toJSON() })),
      // The company's accent, inherited by every element inside.
      followBrand(client, this),
    ];
    this.#provider.setValue(client);
    client.connect();
  }

  #disconnect() {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.client?.close();
    this.#provider.setValue(undefined);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
