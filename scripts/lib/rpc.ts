// Node readiness checks and port helpers. JSON-RPC goes through viem's HTTP transport.
import net from 'node:net';
import { createPublicClient, http, type PublicClient } from 'viem';

const clients = new Map<string, PublicClient>();

/** A viem public client for `url` (cached), with short timeouts and no retries, for checks. */
export function checkClient(url: string): PublicClient {
  let client = clients.get(url);
  if (!client) {
    client = createPublicClient({ transport: http(url, { timeout: 5_000, retryCount: 0 }) });
    clients.set(url, client);
  }
  return client;
}

/** One JSON-RPC call, for methods viem has no action for. */
export async function rpc<T = unknown>(
  url: string,
  method: string,
  params: unknown[] = [],
): Promise<T> {
  const request = checkClient(url).request as (args: {
    method: string;
    params: unknown[];
  }) => Promise<unknown>;
  return (await request({ method, params })) as T;
}

/**
 * Polls `eth_chainId` until the node answers and returns the chain id. Gives up after `timeoutMs`,
 * or as soon as `abort` resolves (e.g. the node process exited).
 */
export async function waitForRpc(
  url: string,
  timeoutMs = 30_000,
  abort?: Promise<unknown>,
): Promise<number> {
  let aborted = false;
  void abort?.then(() => (aborted = true));
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline && !aborted) {
    try {
      return await checkClient(url).getChainId();
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (aborted) throw new Error(`the node at ${url} stopped before answering`);
  const reason = (lastError as { shortMessage?: string })?.shortMessage ?? String(lastError);
  throw new Error(`no answer from ${url} within ${timeoutMs} ms: ${reason}`);
}

/** True if the account at `address` holds contract code. */
export async function hasCode(url: string, address: string): Promise<boolean> {
  const code = await checkClient(url).getCode({ address: address as `0x${string}` });
  return code !== undefined && code !== '0x' && code !== '0x0';
}

/** True if nothing listens on `host:port` (we could bind it ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port after `port` (for a helpful message when `port` is taken). */
export async function nextFreePort(port: number, host = '127.0.0.1'): Promise<number | undefined> {
  for (let p = port + 1; p <= Math.min(port + 100, 65535); p++) {
    if (await isPortFree(p, host)) return p;
  }
  return undefined;
}

/** A port the OS says is free right now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
