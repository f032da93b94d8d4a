import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InteropClient } from '../../client/index.js';

/**
 * Whether an element's connection is online now, re-rendering the element when that changes: what an element shows
 * as live (presence, "online") it only claims while it can know it.
 */
export class ConnectionStatus implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #client: () => InteropClient | undefined;
  #followed: InteropClient | undefined;
  #off: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, client: () => InteropClient | undefined) {
    this.#host = host;
    this.#client = client;
    host.addController(this);
  }

  get online(): boolean {
    return this.#followed?.status === 'online';
  }

  hostUpdated(): void {
    const client = this.#client();
    if (client === this.#followed) return;
    this.#off?.();
    this.#followed = client;
    this.#off = client?.on('status', () => this.#host.requestUpdate());
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#off?.();
    this.#off = this.#followed = undefined;
  }
}
