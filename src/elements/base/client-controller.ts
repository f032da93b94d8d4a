import type { ReactiveController, ReactiveElement } from 'lit';
import type { InteropClient } from '../../client/index.js';
import { ConnectionResolver, type ConnectionProps } from './connection-resolver.js';

export type { ConnectionProps } from './connection-resolver.js';

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
 * A lit element's connection, resolved by the kit's one `ConnectionResolver` (explicit client, provider, or its own).
 * Runs `attach` whenever the resolved client changes and when the element comes back into the document; runs its
 * cleanup before the next attach and when the element leaves.
 */
export class ClientController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #resolver: ConnectionResolver;
  #current: InteropClient | undefined;
  #attach: AttachClient;
  #cleanup: (() => void) | undefined;

  constructor(host: ReactiveElement & ConnectionProps, attach: AttachClient) {
    this.#host = host;
    this.#resolver = new ConnectionResolver(host);
    this.#attach = attach;
    host.addController(this);
  }

  get client(): InteropClient | undefined {
    return this.#current;
  }

  hostUpdate(): void {
    // An update after the element left (a reply arriving late, say) attaches nothing.
    if (!this.#host.isConnected) return;
    const next = this.#resolver.resolve(true);
    if (next !== this.#current) this.#switchTo(next);
  }

  #switchTo(next: InteropClient | undefined) {
    this.#cleanup?.();
    this.#current = next;
    next?.connect();
    this.#cleanup = this.#attach(next) ?? undefined;
  }

  hostConnected(): void {
    this.#resolver.connect();
    // Back in a document: the next update resolves the client again and re-attaches.
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#switchTo(undefined);
    this.#resolver.disconnect();
  }
}
