// Where documents live: the data folder (default: one file per document, named by its CID, written
// by the portal's uploads and by the seed through this same folderStore, and read by the portal and
// the indexer through it too), or a real IPFS node through Kubo's RPC API (IPFS_API_URL). Either
// way, whatever comes back is re-hashed against its CID before anyone sees it.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CID } from 'multiformats/cid';
import { cidOfBytes, matches } from './cid.ts';

/** Largest document read back (a guard against a huge file under a CID). */
export const MAX_READ_BYTES = 8 * 1024 * 1024;

export interface BlockStore {
  readonly kind: 'folder' | 'kubo';
  /** Stores the bytes; resolves to their raw sha2-256 CIDv1. */
  put(bytes: Uint8Array): Promise<CID>;
  /** The bytes stored under `cid` as the store returns them (unchecked), or undefined. */
  get(cid: CID): Promise<Uint8Array | undefined>;
}

export class StoreError extends Error {}

export function folderStore(dir: string): BlockStore {
  return {
    kind: 'folder',
    async put(bytes) {
      const cid = await cidOfBytes(bytes);
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, cid.toString());
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
      return cid;
    },
    async get(cid) {
      // `<cid>`; earlier seeds wrote `<cid>.json` / `<cid>.md`, still read so that a seeded data
      // folder keeps working (the bytes are re-hashed all the same).
      let handle;
      for (const name of [cid.toString(), `${cid}.json`, `${cid}.md`]) {
        try {
          handle = await fs.open(path.join(dir, name), 'r');
          break;
        } catch {
          // not under this name
        }
      }
      if (!handle) return undefined;
      try {
        const { size } = await handle.stat();
        if (size > MAX_READ_BYTES)
          throw new StoreError('The stored document is implausibly large.');
        const buffer = Buffer.alloc(size);
        await handle.read(buffer, 0, size, 0);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, size);
      } finally {
        await handle.close();
      }
    },
  };
}

/** Kubo's RPC API (POST /api/v0/…), e.g. http://127.0.0.1:5001. */
export function kuboStore(apiUrl: string, timeoutMs = 15_000): BlockStore {
  const base = apiUrl.replace(/\/+$/, '');
  const rpc = async (pathAndQuery: string, body?: FormData) => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/v0/${pathAndQuery}`, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new StoreError(
        `The IPFS node at ${base} is not reachable (${(err as Error).message}).`,
      );
    }
    return res;
  };
  const kuboMessage = async (res: Response) => {
    const text = await res.text();
    try {
      return (JSON.parse(text) as { Message?: string }).Message ?? text;
    } catch {
      return text || `HTTP ${res.status}`;
    }
  };
  return {
    kind: 'kubo',
    async put(bytes) {
      const expected = await cidOfBytes(bytes);
      const form = new FormData();
      form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), expected.toString());
      // One raw block (chunks of 1 MiB, the most uploads allow): the CID is the sha-256 of the bytes.
      const res = await rpc(
        'add?cid-version=1&raw-leaves=true&hash=sha2-256&chunker=size-1048576&pin=true',
        form,
      );
      if (!res.ok)
        throw new StoreError(`The IPFS node refused the file: ${await kuboMessage(res)}`);
      const lines = (await res.text()).trim().split('\n');
      const added = JSON.parse(lines[lines.length - 1]) as { Hash?: string };
      if (added.Hash !== expected.toString()) {
        throw new StoreError(
          `The IPFS node stored the file as ${added.Hash}, not ${expected}: check its chunker settings.`,
        );
      }
      return expected;
    },
    async get(cid) {
      // offline: answer from the node's own blocks instead of searching the network.
      const res = await rpc(`block/get?arg=${cid}&offline=true`);
      if (!res.ok) {
        const message = await kuboMessage(res);
        if (/not found|no link named|could not find|ipld: could not/i.test(message))
          return undefined;
        throw new StoreError(`The IPFS node could not return ${cid}: ${message}`);
      }
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.length > MAX_READ_BYTES)
        throw new StoreError('The stored document is implausibly large.');
      return bytes;
    },
  };
}

export type Fetched =
  | { status: 'ok'; bytes: Uint8Array }
  | { status: 'missing' }
  | { status: 'tampered'; bytes: Uint8Array };

/** Reads a document and re-checks its hash: 'tampered' when the bytes no longer match the CID. */
export async function fetchVerified(store: BlockStore, cid: CID): Promise<Fetched> {
  const bytes = await store.get(cid);
  if (!bytes) return { status: 'missing' };
  return (await matches(cid, bytes)) ? { status: 'ok', bytes } : { status: 'tampered', bytes };
}
