import type { ReactiveController, ReactiveElement } from 'lit';
import type { InteropClient } from '../../client/index.js';
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

export const connectionProperties = {
  client: { attribute: false },
  endpoint: {},
  corp: {},
  token: {},
  tokenProvider: { attribute: false },
} as const;

/** Subscribes an element to a client (or resets it when there is none); returns what undoes the subscription. */
export type AttachClient = (client: InteropClient | undefined) => (() => void) | void;

/**
 * Resolves an element's client: its `.client` property, else the nearest `<ix-provider>`'s, else one of its own made
 * from `endpoint` + `corp` (+ `token` / `tokenProvider`, or an anonymous visitor session), loaded on demand. Runs `attach` whenever the
 * resolved client changes and when the element comes back into the document; runs its cleanup before the next
 * attach and when the element leaves.
 */
export class ClientController implements ReactiveController {
  #host: ReactiveElement & ConnectionProps;
  #fromContext: InteropClient | undefined;
  #own: InteropClient | undefined;
  #ownKey = '';
  #current: InteropClient | undefined;
  #attach: AttachClient;
  #cleanup: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveElement & ConnectionProps, attach: AttachClient) {
    this.#host = host;
    this.#attach = attach;
    host.addController(this);
  }

  get client(): InteropClient | undefined {
    return this.#current;
  }

  hostUpdate(): void {
    const host = this.#host;
    let next = host.client ?? this.#fromContext;
    if (!next && host.endpoint && host.corp) {
      const key = `${host.endpoint}|${host.corp}|${host.token ?? ''}`;
      if (key !== this.#ownKey) {
        this.#own?.close();
        this.#own = undefined;
        this.#ownKey = key;
        void this.#makeOwn(key);
      }
      next = this.#own;
    } else if (this.#ownKey) {
      // A provider or an explicit client arrived: our own connection is no longer needed.
      this.#dropOwn();
    }
    if (next !== this.#current) this.#switchTo(next);
  }

  /** Makes the element's own connection once its module has loaded, unless the element moved on meanwhile. */
  async #makeOwn(key: string) {
    const { createOwnClient } = await import('./own-connection.js');
    const host = this.#host;
    if (key !== this.#ownKey || this.#own || !host.endpoint || !host.corp) return;
    this.#own = createOwnClient({ endpoint: host.endpoint, corp: host.corp, token: host.token, tokenProvider: host.tokenProvider });
    host.requestUpdate();
  }

  #dropOwn() {
    this.#own?.close();
    this.#own = undefined;
    this.#ownKey = '';
  }

  #switchTo(next: InteropClient | undefined) {
    this.#cleanup?.();
    this.#current = next;
    next?.connect();
    this.#cleanup = this.#attach(next) ?? undefined;
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#fromContext = undefined;
    this.#switchTo(undefined);
    // A connection the element made itself goes with it; a shared one belongs to its provider.
    this.#dropOwn();
  }

  hostConnected(): void {
    const host = this.#host;
    this.#unsubscribe = subscribeToContext(host, clientContext, (client) => {
      this.#fromContext = client;
      host.requestUpdate();
    });
    // Back in a document: the next update resolves the client again and re-attaches.
    host.requestUpdate();
  }
}
