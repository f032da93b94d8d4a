import type { InteropClient } from '../../client/interop-client.js';
import { clientContext } from './context.js';
import { subscribeToContext } from './context-request.js';

/** The properties through which an element can be given its connection. */
export interface ConnectionProps {
  /** An explicit client; wins over the provider's. */
  client: InteropClient | undefined;
  endpoint: string | undefined;
  corp: string | undefined;
  token: string | undefined;
  tokenProvider: (() => Promise<string>) | undefined;
}

/**
 * An element (lit or not) whose connection is resolved: it renders again when the resolution changes. An element
 * for employees only (`signedInOnly`) makes no anonymous visitor session of its own: it waits for a token or a token
 * provider, which a page's script may set after the element connected.
 */
export type ConnectionHost = HTMLElement & ConnectionProps & { requestUpdate(): void; signedInOnly?: boolean };

/**
 * Which client an element uses, decided in one place for every element (the lit ones through `ClientController`, the
 * lit-free launcher directly): its `.client` property, else the nearest `<ix-provider>`'s (asked for with the context
 * protocol's event, again when a provider upgrades later), else a connection of its own made from `endpoint` +
 * `corp` (+ `token` / `tokenProvider`, or an anonymous visitor session), whose module loads on demand.
 */
export class ConnectionResolver {
  readonly #host: ConnectionHost;
  #fromContext: InteropClient | undefined;
  #unsubscribe: (() => void) | undefined;
  #own: InteropClient | undefined;
  /** What the own connection was made for (endpoint, corp, token, token provider): another one replaces it. */
  #ownKey = '';
  #ownProvider: ConnectionProps['tokenProvider'];
  #making: Promise<void> | undefined;

  constructor(host: ConnectionHost) {
    this.#host = host;
  }

  /** The client to use now (undefined: none yet). With `makeOwn`, starts making the element's own when it needs one. */
  resolve(makeOwn: boolean): InteropClient | undefined {
    const host = this.#host;
    const shared = host.client ?? this.#fromContext;
    if (shared || !host.endpoint || !host.corp || (host.signedInOnly && !host.token && !host.tokenProvider)) {
      // A provider or an explicit client arrived (or the attributes went): an own connection is no longer needed.
      this.#dropOwn();
      return shared;
    }
    const key = `${host.endpoint}|${host.corp}|${host.token ?? ''}`;
    // A token provider set after the element connected (a page's script running after the kit's) replaces the own connection.
    if (key !== this.#ownKey || host.tokenProvider !== this.#ownProvider) this.#dropOwn();
    // Only an element on the page makes a connection (lit may still update one that has left).
    if (makeOwn && !this.#ownKey && host.isConnected) {
      this.#ownKey = key;
      this.#ownProvider = host.tokenProvider;
      this.#making = this.#makeOwn(key);
    }
    return this.#own;
  }

  /** Resolves once the own connection that `resolve(true)` started making is there. */
  ready(): Promise<void> | undefined {
    return this.#making;
  }

  /** The element entered a document: listen for a provider. */
  connect(): void {
    this.#unsubscribe ??= subscribeToContext(this.#host, clientContext, (client) => {
      this.#fromContext = client;
      this.#host.requestUpdate();
    });
  }

  /**
   * The element left: forget the provider's client and close a connection of its own (a shared one is its
   * provider's). Moving an element (removed and inserted again in one task, as frameworks do) keeps its connection.
   */
  disconnect(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#fromContext = undefined;
    setTimeout(() => {
      if (!this.#host.isConnected) this.#dropOwn();
    });
  }

  /** Makes the element's own connection once its module has loaded, unless the element moved on meanwhile. */
  async #makeOwn(key: string) {
    const { createOwnClient } = await import('./own-connection.js');
    const host = this.#host;
    if (key !== this.#ownKey || this.#own || !host.endpoint || !host.corp || !host.isConnected) return;
    this.#own = createOwnClient(host, {
      endpoint: host.endpoint,
      corp: host.corp,
      token: host.token,
      tokenProvider: host.tokenProvider,
    });
    host.requestUpdate();
  }

  #dropOwn() {
    this.#own?.close();
    this.#own = undefined;
    this.#ownKey = '';
    this.#ownProvider = undefined;
    this.#making = undefined;
  }
}
