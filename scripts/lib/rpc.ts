// A minimal JSON-RPC client for readiness checks, with no dependency on a running viem client.
import net from 'node:net';

export async function rpc<T = unknown>(
  url: string,
  method: string,
  params: unknown[] = [],
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`${method}: HTTP ${res.status}`);
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
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
      return Number(await rpc<string>(url, 'eth_chainId'));
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (aborted) throw new Error(`the node at ${url} stopped before answering`);
  throw new Error(`no answer from ${url} within ${timeoutMs} ms: ${String(lastError)}`);
}

/** True if the account at `address` holds contract code. */
export async function hasCode(url: string, address: string): Promise<boolean> {
  const code = await rpc<string>(url, 'eth_getCode', [address, 'latest']);
  return typeof code === 'string' && code !== '0x' && code !== '0x0';
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
