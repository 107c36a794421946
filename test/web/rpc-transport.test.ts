// The portal's RPC transport (web/lib/wagmi.ts): on a chain without Multicall3 its code rides as a
// state override, and a lookup the chain did not answer is asked again, never kept as "no override"
// (a chain down for the first read broke every later multicall until a reload).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULTICALL3, rpcTransport } from '../../web/lib/wagmi';

const RUNTIME = '0x6080';
let server: Server;
let url: string;
let down = true;
const overrides: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (down) {
        res.writeHead(503).end();
        return;
      }
      const calls = [JSON.parse(body)].flat() as {
        id: number;
        method: string;
        params: unknown[];
      }[];
      const answers = calls.map(({ id, method, params }) => {
        let result: string = '0x';
        if (method === 'eth_call' && !(params[0] as { to?: string }).to) result = RUNTIME;
        else if (method === 'eth_call') {
          overrides.push(params[2]);
          result = '0x01';
        }
        return { jsonrpc: '2.0', id, result };
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(Array.isArray(JSON.parse(body)) ? answers : answers[0]));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('rpcTransport', () => {
  it('asks again for the Multicall3 code after a chain that did not answer, then sends it', async () => {
    const transport = rpcTransport({
      id: 31337,
      rpcUrl: url,
      name: 'Local',
      demoAccounts: true,
      indexerUrl: null,
    });
    const { request } = transport({ retryCount: 0 });
    const multicall = () =>
      request({ method: 'eth_call', params: [{ to: MULTICALL3, data: '0x82ad56cb' }, 'latest'] });
    // The chain is down for the first read: the read fails as unreachable.
    await expect(multicall()).rejects.toThrow();
    // Back: the code is looked up again and carried as a state override.
    down = false;
    await expect(multicall()).resolves.toBe('0x01');
    expect(overrides).toEqual([{ [MULTICALL3]: { code: RUNTIME } }]);
  });
});
