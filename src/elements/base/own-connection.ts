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
  // A connection refused for good (the page's origin not allowed, a token refused) is told to the page as ix-error;
  // a transient drop is not (the element says "Reconnecting…" and its own failed actions report themselves).
  client.on('status', (status) => {
    const error = client.lastError;
    if (status === 'error' && error)
      host.dispatchEvent(
        new CustomEvent('ix-error', { detail: { error: error.toJSON() }, bubbles: true, composed: true }),
      );
  });
  followBrand(client, host);
  return client;
}
