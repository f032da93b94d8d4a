import { InteropClient, visitorTokenProvider } from '../../client/index.js';

/**
 * An element's own connection, when it has no provider and no `.client`. Its own module, imported on demand, so an
 * element's first load carries neither socket.io nor the protocol's schemas (inside a provider they never load for it).
 */
export function createOwnClient(options: {
  endpoint: string;
  corp: string;
  token?: string | undefined;
  tokenProvider?: (() => Promise<string>) | undefined;
}): InteropClient {
  return new InteropClient({
    endpoint: options.endpoint,
    corp: options.corp,
    token: options.token,
    tokenProvider: options.tokenProvider ?? visitorTokenProvider({ endpoint: options.endpoint, corp: options.corp }),
  });
}
