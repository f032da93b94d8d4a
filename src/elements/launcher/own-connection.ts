import { InteropClient, visitorTokenProvider } from '../../client/index.js';

/**
 * The launcher's own connection when it is not inside an `<ix-provider>`. Its own module, so the launcher's first
 * load carries no socket.io: this is imported when the chat opens, or early for a returning visitor's unread badge.
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
