import { followBrand, InteropClient, visitorTokenProvider } from '../../client/index.js';

/**
 * An element's own connection, when it has no provider and no `.client`. Its own module, imported on demand, so an
 * element's first load carries neither socket.io nor the protocol's schemas (inside a provider they never load for it).
 */
export function createOwnClient(
  host: HTMLElement,
  options: {
    endpoint: string;
    corp: string;
    token?: string | undefined;
    tokenProvider?: (() => Promise<string>) | undefined;
  },
): InteropClient {
  const client = new InteropClient({
    endpoint: options.endpoint,
    corp: options.corp,
    token: options.token,
    tokenProvider: options.tokenProvider ?? visitorTokenProvider({ endpoint: options.endpoint, corp: options.corp }),
  });
  // What a provider does for the clients it shares, the element does for its own: the page hears every failure
  // (a refused origin, a refused token, the service unreachable) as `ix-error`. Dispatched here rather than through
  // emit.ts, which would become a chunk of its own in every element's first load.
  client.on('error', (error) => host.dispatchEvent(new CustomEvent('ix-error', { detail: { error: error.toJSON() }, bubbles: true, composed: true })));
  followBrand(client, host);
  return client;
}
