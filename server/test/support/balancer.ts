import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import httpProxy from 'http-proxy';

export interface Balancer {
  url: string;
  /** The nodes it sends to; replace it to take a node out or add one (a rolling restart). */
  targets: string[];
  close(): Promise<void>;
}

const STICKY_COOKIE = 'ix_node';

/**
 * A load balancer in front of several nodes, as nginx would be: a real reverse proxy (http-proxy, WebSocket upgrades
 * included). New clients go round-robin; with `sticky`, a client that has a node keeps it (a cookie naming it, as
 * long-polling needs: every request of a session must reach the node that holds it). A node that refuses the
 * connection is skipped for the next.
 */
export async function startBalancer(targets: string[], options: { sticky?: boolean } = {}): Promise<Balancer> {
  const proxy = httpProxy.createProxyServer({ xfwd: true, ws: true });
  let turn = 0;
  const balancer = { targets: [...targets] } as Balancer;

  function pick(request: IncomingMessage): string | undefined {
    if (options.sticky) {
      const named = /(?:^|;\s*)ix_node=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
      const target = named && balancer.targets.find((url) => url === decodeURIComponent(named));
      if (target) return target;
    }
    if (balancer.targets.length === 0) return undefined;
    return balancer.targets[turn++ % balancer.targets.length];
  }

  proxy.on('proxyRes', (proxyResponse, request) => {
    const target = (request as IncomingMessage & { target?: string }).target;
    if (options.sticky && target) {
      const cookie = `${STICKY_COOKIE}=${encodeURIComponent(target)}; Path=/; HttpOnly`;
      proxyResponse.headers['set-cookie'] = [...(proxyResponse.headers['set-cookie'] ?? []), cookie];
    }
  });
  // A node that is gone: the client gets a 502 (HTTP) or a closed socket (WebSocket) and tries again.
  proxy.on('error', (_error, _request, response) => {
    if ('writeHead' in response && !response.headersSent) response.writeHead(502).end();
    else response.destroy();
  });

  const front: Server = createServer((request, response) => {
    const target = pick(request);
    if (!target) return void response.writeHead(503).end();
    (request as IncomingMessage & { target?: string }).target = target;
    proxy.web(request, response, { target });
  });
  const upgraded = new Set<Socket>();
  front.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    const target = pick(request);
    if (!target) return void socket.destroy();
    proxy.ws(request, socket, head, { target });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  balancer.url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  balancer.close = async () => {
    front.closeAllConnections();
    for (const socket of upgraded) socket.destroy();
    await new Promise((resolve) => front.close(resolve));
    proxy.close();
  };
  return balancer;
}
