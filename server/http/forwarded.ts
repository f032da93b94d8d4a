import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Which proxies in front of the backend are believed (TRUST_PROXY): none (false), any (true), the nearest n hops, or
 * these addresses and subnets. The same setting Fastify gets for its requests, applied here to socket.io's handshakes.
 */
export type TrustProxy = boolean | number | string[];

export interface Forwarded {
  /** The client's address: the nearest untrusted one in X-Forwarded-For, or the peer's. */
  address(request: IncomingMessage): string;
  /** The host the client asked for (X-Forwarded-Host from a trusted proxy, else Host). */
  host(request: IncomingMessage): string | undefined;
  /** The backend's base URL as the client reached it, when a trusted proxy says so (X-Forwarded-Proto and -Host). */
  publicBase(request: IncomingMessage): string | undefined;
}

const first = (header: string | string[] | undefined) =>
  (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim() || undefined;

/** Whether the proxy at `address`, `hop` steps from the backend, is believed (what Fastify's `trustProxy` takes too). */
export function trustFunction(trust: TrustProxy): (address: string, hop: number) => boolean {
  if (typeof trust === 'boolean') return () => trust;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyaddr.compile(trust);
}

export function forwarded(trust: TrustProxy): Forwarded {
  const trusts = trustFunction(trust);
  // Whether the peer itself is a proxy we believe: only then do its X-Forwarded-* headers count.
  const peerTrusted = (request: IncomingMessage) => trusts(request.socket.remoteAddress ?? '', 0);
  return {
    address: (request) => proxyaddr(request, trusts),
    host: (request) => (peerTrusted(request) && first(request.headers['x-forwarded-host'])) || request.headers.host,
    publicBase(request) {
      if (!peerTrusted(request)) return undefined;
      const host = first(request.headers['x-forwarded-host']) ?? request.headers.host;
      // Some proxies name a WebSocket upgrade's scheme ws/wss; the page's URL is http/https all the same.
      const given = first(request.headers['x-forwarded-proto']) ?? 'http';
      const proto = ({ ws: 'http', wss: 'https' } as Record<string, string>)[given] ?? given;
      return host && /^https?$/.test(proto) && /^[\w.-]+(:\d+)?$|^\[[\da-f:]+\](:\d+)?$/i.test(host)
        ? `${proto}://${host}`
        : undefined;
    },
  };
}

/** The backend's base URL as the browser reaches it, for a request (PUBLIC_URL, a trusted proxy's word, or its host). */
export type PublicBase = (request: { raw: IncomingMessage; protocol: string; host: string }) => string;

/** TRUST_PROXY as written: unset or "false", "true", a hop count, or a comma-separated list of addresses/subnets. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
