import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { InteropError } from '@interop-kit/elements/protocol';

/** Resolves a host name to all its addresses (tests inject a resolver whose answer changes, as DNS can). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/** ipaddr.js range names, as a sentence says them. */
const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  carrierGradeNat: 'carrier-grade NAT',
  reserved: 'reserved',
};

export interface OutboundOptions {
  /** Subnets the operator allows although they are inward (OUTBOUND_ALLOW): a company's own network, say. */
  allow: readonly string[];
  /** Where this backend is reached (PUBLIC_URL): never a destination, nor any address its host resolves to. */
  ownUrls: () => readonly string[];
  /**
   * The port this backend listens on: none of its own addresses (its interfaces, loopback, PUBLIC_URL's) is called on
   * it in any mode, whatever OUTBOUND_ALLOW allows (a webhook aimed at its own API would loop).
   */
  listeningPort?: () => number | undefined;
  resolve?: Resolve | undefined;
}

export interface Outbound {
  /** Refuses (invalid_payload) a URL whose host is, or resolves to, an address the backend must not call. */
  check(url: string): Promise<void>;
  /**
   * Whether every address the URL's host stands for is in a subnet the operator allowed (OUTBOUND_ALLOW): inside the
   * company's own network, where plain http may be all a receiver speaks.
   */
  withinAllowed(url: string): Promise<boolean>;
  /**
   * fetch for URLs that companies chose: the address is checked again at every connection (DNS can change between
   * the check and the call, or between deliveries), and no redirect is followed.
   */
  fetch(url: string, init?: UndiciRequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** OUTBOUND_ALLOW as written: addresses or subnets separated by commas (an address alone is its own /32 or /128). */
export function parseOutboundAllow(text: string | undefined): string[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const subnet = entry.includes('/')
      ? entry
      : `${entry}/${ipaddr.isValid(entry) && ipaddr.parse(entry).kind() === 'ipv6' ? 128 : 32}`;
    if (!ipaddr.isValidCIDR(subnet))
      throw new Error(`Invalid configuration: OUTBOUND_ALLOW: ${entry} is not an address or a subnet`);
    return subnet;
  });
}

/** Why the backend may not call `address` on `port`, or undefined when it may. */
type Refusal = (address: string, port: number) => string | undefined;

/** A port, said or implied by the scheme (`https:` or `http:`). */
const portOf = (port: string | number, protocol: string) => Number(port) || (protocol === 'https:' ? 443 : 80);

export function createOutbound(options: OutboundOptions): Outbound {
  const resolve = options.resolve ?? systemResolve;
  const allowed = options.allow.map((subnet) => ipaddr.parseCIDR(subnet));
  /** Whether the operator allowed this address (OUTBOUND_ALLOW). */
  const isAllowed = (address: ipaddr.IPv4 | ipaddr.IPv6) =>
    allowed.some(([subnet, bits]) => subnet.kind() === address.kind() && address.match(subnet, bits));
  /** The addresses a host (bracketed or not) stands for: itself when it is one, else what it resolves to. */
  const addressesOf = async (hostname: string) => {
    const host = hostname.replace(/^\[|\]$/g, '');
    return isIP(host) ? [host] : (await resolve(host).catch(() => [])).map((entry) => entry.address);
  };
  const ownInterfaces = () =>
    new Set(
      Object.values(networkInterfaces())
        .flat()
        .flatMap((entry) => (entry ? [ipaddr.process(entry.address.split('%')[0]!).toNormalizedString()] : [])),
    );

  async function refusalFor(): Promise<Refusal> {
    const own = ownInterfaces();
    const ownPorts = new Set<number>();
    for (const base of options.ownUrls().map((url) => new URL(url))) {
      for (const address of await addressesOf(base.hostname)) own.add(ipaddr.process(address).toNormalizedString());
      ownPorts.add(portOf(base.port, base.protocol));
    }
    const listening = options.listeningPort?.();
    if (listening) ownPorts.add(listening);
    return (raw, port) => {
      // Any spelling ends here as one address: IPv4-mapped IPv6 becomes the IPv4 address it carries.
      const address = ipaddr.process(raw.replace(/^\[|\]$/g, '').split('%')[0]!);
      const range = address.range();
      // Its own listener, in every mode: loopback and "unspecified" (0.0.0.0) reach it as well as its interfaces.
      const ownAddress = own.has(address.toNormalizedString()) || range === 'loopback' || range === 'unspecified';
      if (ownAddress && ownPorts.has(port)) return `${raw} port ${port} is this backend's own address`;
      if (isAllowed(address)) return undefined;
      if (range !== 'unicast') return `${raw} is a ${RANGE_NAMES[range] ?? range} address`;
      if (own.has(address.toNormalizedString())) return `${raw} is this backend's own address`;
      return undefined;
    };
  }

  /** Every address the URL's host stands for, checked; the first refusal wins. */
  async function refuse(url: URL): Promise<void> {
    if (options.ownUrls().some((base) => new URL(base).host === url.host)) {
      throw new InteropError('invalid_payload', `${url.host} is this backend itself`);
    }
    const refusal = await refusalFor();
    // The URL parser has already turned 127.1, 0x7f000001, 2130706433 and 0177.0.0.1 into 127.0.0.1.
    const addresses = await addressesOf(url.hostname);
    if (!addresses.length) throw new InteropError('invalid_payload', `${url.hostname} does not resolve to any address`);
    for (const address of addresses) {
      const why = refusal(address, portOf(url.port, url.protocol));
      if (why)
        throw new InteropError(
          'invalid_payload',
          `${url.host} is refused: ${why}, which the backend never calls (OUTBOUND_ALLOW lets an operator allow a subnet)`,
        );
    }
  }

  // The connection's own lookup refuses what the check would: a host that changed its answer is caught as it connects.
  const guardedLookup =
    (port: number): LookupFunction =>
    (hostname, lookupOptions, callback) => {
      Promise.all([resolve(hostname), refusalFor()]).then(
        ([addresses, refusal]) => {
          const why = addresses.map(({ address }) => refusal(address, port)).find(Boolean);
          if (why) return callback(Object.assign(new Error(`refused: ${why}`), { code: 'EREFUSED_INWARD' }), '', 0);
          if (!addresses.length)
            return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '', 0);
          if (lookupOptions.all)
            return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
          callback(null, addresses[0]!.address, addresses[0]!.family);
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 0),
      );
    };
  // No kept-alive connections (pipelining 0): every call looks the name up and checks it again, for its port.
  const agent = new Agent({
    pipelining: 0,
    connect: (connectOptions, callback) => {
      const port = portOf(connectOptions.port, connectOptions.protocol);
      return buildConnector({ lookup: guardedLookup(port) } as buildConnector.BuildOptions)(connectOptions, callback);
    },
  });

  return {
    async check(url) {
      await refuse(new URL(url));
    },
    async withinAllowed(url) {
      const addresses = await addressesOf(new URL(url).hostname);
      return addresses.length > 0 && addresses.every((raw) => isAllowed(ipaddr.process(raw.split('%')[0]!)));
    },
    async fetch(url, init = {}) {
      const target = new URL(url);
      // An address in the URL itself is never looked up, so it is checked here.
      if (isIP(target.hostname.replace(/^\[|\]$/g, ''))) await refuse(target);
      try {
        return (await undiciFetch(url, { ...init, redirect: 'manual', dispatcher: agent })) as unknown as Response;
      } catch (error) {
        // fetch says only "fetch failed"; the reason (a refusal, a timeout, a reset) is its cause.
        const cause = (error as { cause?: unknown }).cause;
        throw cause instanceof Error ? cause : error;
      }
    },
    close: () => agent.close(),
  };
}
