// A TCP proxy in front of the chain's RPC, for outage journeys: it passes traffic through, refuses
// connections (nothing listens on its port), or hangs (accepts connections and never answers).
import net from 'node:net';
import { freePort } from '../../../scripts/lib/rpc.ts';

export type ProxyMode = 'pass' | 'refuse' | 'hang';

export interface RpcProxy {
  url: string;
  /** Where 'pass' sends traffic (set once the chain is up). */
  target: { host: string; port: number } | null;
  mode: ProxyMode;
  /** Switches mode; every open connection is cut, as when a node stops or restarts. */
  set(mode: ProxyMode): Promise<void>;
  close(): Promise<void>;
}

export async function startRpcProxy(): Promise<RpcProxy> {
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const proxy: RpcProxy = {
    url: `http://127.0.0.1:${port}`,
    target: null,
    mode: 'pass',
    async set(mode) {
      proxy.mode = mode;
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (mode === 'refuse') await stop();
      else if (!server) await listen();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await stop();
    },
  };
  const onConnection = (client: net.Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (proxy.mode === 'hang' || !proxy.target) return; // accepted, never answered
    const upstream = net.connect(proxy.target.port, proxy.target.host);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await listen();
  return proxy;
}
