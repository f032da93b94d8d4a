import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { InteropClient, visitorTokenProvider } from '../../client/index.js';
import { clientContext } from './context.js';

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
 * from `endpoint` + `corp` (+ `token` / `tokenProvider`, or an anonymous visitor session). Runs `attach` whenever the
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

  constructor(host: ReactiveElement & ConnectionProps, attach: AttachClient) {
    this.#host = host;
    this.#attach = attach;
    host.addController(this);
    new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        this.#fromContext = client;
        host.requestUpdate();
      },
    });
  }

  get client(): InteropClient | undefined {
    return this.#current;
  }

  hostUpdate(): void {
    const host = this.#host;
    let next = host.client ?? this.#fromContext;
    if (!next && host.endpoint && host.corp) {
      const key = `${host.endpoint}|${host.corp}|${host.token ?? ''}`;
      if (!this.#own || key !== this.#ownKey) {
        this.#own?.close();
        this.#ownKey = key;
        this.#own = new InteropClient({
          endpoint: host.endpoint,
          corp: host.corp,
          token: host.token,
          tokenProvider: host.tokenProvider ?? visitorTokenProvider({ endpoint: host.endpoint, corp: host.corp }),
        });
      }
      next = this.#own;
    } else if (this.#own) {
      // A provider or an explicit client arrived: our own connection is no longer needed.
      this.#own.close();
      this.#own = undefined;
      this.#ownKey = '';
    }
    if (next !== this.#current) this.#switchTo(next);
  }

  #switchTo(next: InteropClient | undefined) {
    this.#cleanup?.();
    this.#current = next;
    next?.connect();
    this.#cleanup = this.#attach(next) ?? undefined;
  }

  hostDisconnected(): void {
    this.#switchTo(undefined);
    // A connection the element made itself goes with it; a shared one belongs to its provider.
    this.#own?.close();
    this.#own = undefined;
    this.#ownKey = '';
  }

  hostConnected(): void {
    // Back in a document: the next update resolves the client again and re-attaches.
    this.#host.requestUpdate();
  }
}
