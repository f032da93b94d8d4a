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

/**
 * Resolves an element's client: its `.client` property, else the nearest `<ix-provider>`'s, else one of its own made
 * from `endpoint` + `corp` (+ `token` / `tokenProvider`, or an anonymous visitor session). Calls `onChange` when the
 * resolved client changes, so the element re-subscribes.
 */
export class ClientController implements ReactiveController {
  #host: ReactiveElement & ConnectionProps;
  #fromContext: InteropClient | undefined;
  #own: InteropClient | undefined;
  #ownKey = '';
  #current: InteropClient | undefined;
  #onChange: (client: InteropClient | undefined) => void;

  constructor(host: ReactiveElement & ConnectionProps, onChange: (client: InteropClient | undefined) => void) {
    this.#host = host;
    this.#onChange = onChange;
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
    if (next !== this.#current) {
      this.#current = next;
      next?.connect();
      this.#onChange(next);
    }
  }

  hostDisconnected(): void {
    // An element that made its own connection closes it when removed; a shared one belongs to its provider.
    if (this.#own) {
      this.#own.close();
      this.#own = undefined;
      this.#ownKey = '';
      this.#current = undefined;
      this.#onChange(undefined);
    }
  }

  hostConnected(): void {
    this.#host.requestUpdate();
  }
}
