// The bench's gateway row (issue 19): download throughput of the portal's gateway for a 100 MB
// file, beside a plain static file server (node http + fs.createReadStream) in the same run, on
// this machine over loopback. The gateway row runs the gateway's own request (resolveFile:
// the version's card read and checked against its CID, the file opened from the folder store,
// streamed through the sha-256 check that holds back the last chunk, the download logged in an
// accounts database) behind node http; the chain's answers (a valid license) are given in memory,
// so the row measures delivery, not RPC latency. Each server is downloaded `runs` times,
// alternating; the row is the median.
import { createReadStream } from 'node:fs';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { zeroAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { putFileInFolder, folderStore } from '../../protocol/store.ts';
import { digestHex } from '../../protocol/cid.ts';
import { openAppDb } from '../../web/lib/server/appdb.ts';
import { resolveFile, type GatewayChain } from '../../web/lib/server/gateway/service.ts';
import { GatewayError } from '../../web/lib/server/gateway/errors.ts';
import { demoAccounts } from '../lib/accounts.ts';
import type { Measurement } from './report.ts';

const GROUP = 'gateway (issue 19)';
const MB = 1_000_000;

function serve(
  handler: http.RequestListener,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

/** Downloads `url` to its end; MB/s (10^6 bytes per second) and the byte count. */
async function download(url: string): Promise<{ mbps: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  let bytes = 0;
  const reader = res.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
  const seconds = (performance.now() - started) / 1000;
  return { mbps: bytes / MB / seconds, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureGateway(
  log: (line: string) => void,
  opts: { sizeMb?: number; runs?: number } = {},
): Promise<Measurement[]> {
  const sizeMb = opts.sizeMb ?? 100;
  const runs = opts.runs ?? 5;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-bench-gateway-'));
  const docs = path.join(tmp, 'docs');
  const db = await openAppDb({ memory: true });
  const closers: (() => Promise<void>)[] = [];
  try {
    // The file (incompressible bytes) and its card, in the folder store as the seed puts them.
    const file = path.join(tmp, 'model.safetensors');
    const out = fs.openSync(file, 'w');
    for (let i = 0; i < sizeMb; i++) fs.writeSync(out, randomBytes(MB));
    fs.closeSync(out);
    const cid = await putFileInFolder(docs, file);
    const sha = digestHex(cid);
    const store = folderStore(docs);
    const card = await store.put(
      new TextEncoder().encode(
        JSON.stringify({
          name: 'bench',
          files: [{ name: 'model.safetensors', size: sizeMb * MB, sha256: sha.slice(2) }],
        }),
      ),
    );
    const licensee = privateKeyToAccount(demoAccounts(2)[1].privateKey).address;
    const chain: GatewayChain = {
      now: async () => Math.floor(Date.now() / 1000),
      versionCount: async () => 1,
      version: async () => ({ contentHash: sha, metadataURI: `ipfs://${card}` }),
      license: async () => ({
        valid: true,
        expiresAt: 2n ** 40n - 1n,
        version: 1,
        licensedVersion: 1,
      }),
      offer: async () => undefined,
      credit: async () => ({ balance: 0n, unlockAt: 0 }),
      usageRedeemed: async () => 0n,
      isHost: async () => false,
      listed: async () => true,
      ownerOf: async () => zeroAddress,
    };

    const gateway = await serve(async (req, res) => {
      try {
        const got = await resolveFile(
          { chainId: 31337, chain, store, db, verifyReceipt: async () => false },
          { modelId: '1', version: '1', file: 'model.safetensors', account: licensee },
        );
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(got.size),
        });
        Readable.fromWeb(got.stream as import('node:stream/web').ReadableStream<Uint8Array>)
          .on('error', () => res.destroy())
          .pipe(res);
      } catch (err) {
        res.writeHead(err instanceof GatewayError ? err.status : 500).end(String(err));
      }
    });
    closers.push(gateway.close);
    const plain = await serve((req, res) => {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(sizeMb * MB),
      });
      createReadStream(file).pipe(res);
    });
    closers.push(plain.close);

    // One warm-up each (page cache, JIT), then alternating runs.
    await download(gateway.url);
    await download(plain.url);
    const g: number[] = [];
    const p: number[] = [];
    for (let i = 0; i < runs; i++) {
      const a = await download(gateway.url);
      const b = await download(plain.url);
      if (a.bytes !== sizeMb * MB || b.bytes !== sizeMb * MB)
        throw new Error(`a download was short: ${a.bytes} and ${b.bytes} bytes`);
      g.push(a.mbps);
      p.push(b.mbps);
    }
    const gateMbps = Math.round(median(g) * 10) / 10;
    const plainMbps = Math.round(median(p) * 10) / 10;
    log(
      `  gateway ${gateMbps} MB/s (${g.map((x) => x.toFixed(0)).join(', ')}), plain static server ${plainMbps} MB/s (${p.map((x) => x.toFixed(0)).join(', ')})`,
    );
    return [
      {
        group: GROUP,
        name: `download throughput, ${sizeMb} MB file`,
        value: gateMbps,
        unit: 'MB/s',
        beside: [{ label: 'plain static file server', gas: plainMbps }],
        note: `median of ${runs} downloads over loopback each (alternating, after one warm-up): the gateway's request (card checked against its CID, sha-256 checked while streaming, last chunk held back, download logged in PGlite) behind node http, the chain's answers given in memory; beside node http + fs.createReadStream of the same file; runs ${g.map((x) => x.toFixed(0)).join(', ')} vs ${p.map((x) => x.toFixed(0)).join(', ')} MB/s`,
      },
    ];
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await db.close().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
