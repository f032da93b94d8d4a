import type { PropertyDeclarations } from 'lit';
import type { InteropClient } from '../../client/index.js';
import { ClientController, connectionProperties, type ConnectionProps } from './client-controller.js';
import { IxElement } from './ix-element.js';

/**
 * The base of every element that talks to the backend: the connection properties (`.client`, `endpoint`, `corp`,
 * `token`, `.tokenProvider`), resolved with the provider's client by a `ClientController`. Subclasses override
 * `attachClient` to subscribe, and return what undoes it.
 */
export class IxConnectedElement extends IxElement implements ConnectionProps {
  static override properties: PropertyDeclarations = { ...connectionProperties };

  /** An explicit client; wins over the provider's. */
  declare client: InteropClient | undefined;
  /** The backend URL, when the element makes its own connection. */
  declare endpoint: string | undefined;
  /** The company id, when the element makes its own connection. */
  declare corp: string | undefined;
  /** A session token for its own connection. */
  declare token: string | undefined;
  /** Returns a fresh session token for its own connection. */
  declare tokenProvider: (() => Promise<string>) | undefined;

  protected readonly connection = new ClientController(this, (client) => this.attachClient(client));

  /** Called with each newly resolved client (or undefined when there is none); returns its cleanup. */
  protected attachClient(_client: InteropClient | undefined): (() => void) | void {}
}
