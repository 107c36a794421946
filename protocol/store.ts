// Where documents live: the data folder (default: one file per document, named by its CID, written
// by the portal's uploads and by the seed through this same folderStore, and read by the portal and
// the indexer through it too), or a real IPFS node through Kubo's RPC API (IPFS_API_URL). Either
// way, whatever comes back is re-hashed against its CID before anyone sees it.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CID } from 'multiformats/cid';
import { cidOfBytes, cidOfDigest, matches } from './cid.ts';

/** Largest document read back (a guard against a huge file under a CID). */
export const MAX_READ_BYTES = 8 * 1024 * 1024;

export interface BlockStore {
  readonly kind: 'folder' | 'kubo';
  /** Stores the bytes; resolves to their raw sha2-256 CIDv1. */
  put(bytes: Uint8Array): Promise<CID>;
  /** The bytes stored under `cid` as the store returns them (unchecked), or undefined. */
  get(cid: CID): Promise<Uint8Array | undefined>;
  /**
   * A stored file of any size as a stream (unchecked: the reader hashes it), with its stored size
   * when the store knows it; undefined when the store does not have it. For version files
   * (weights, data), which can be far larger than a document.
   */
  open(cid: CID): Promise<StoredFile | undefined>;
}

export interface StoredFile {
  size: number | undefined;
  stream: ReadableStream<Uint8Array>;
}

/** Largest file a Kubo store holds as one raw block (its CID is then the file's plain sha-256). */
export const KUBO_MAX_FILE_BYTES = 1024 * 1024;

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
    async open(cid) {
      const file = path.join(dir, cid.toString());
      let size: number;
      try {
        size = (await fs.stat(file)).size;
      } catch {
        return undefined;
      }
      const stream = Readable.toWeb(
        createReadStream(file, { highWaterMark: 256 * 1024 }),
      ) as ReadableStream<Uint8Array>;
      return { size, stream };
    },
  };
}

/**
 * Copies a file of any size into a folder store under its CID, streaming: hashed while it is
 * copied to a temporary file, which is then renamed to `<dir>/<cid>` (atomic: a reader never sees
 * half a file). Resolves to the CID (raw sha2-256 CIDv1: its digest is the file's sha-256).
 */
export async function putFileInFolder(dir: string, source: string): Promise<CID> {
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(
    dir,
    `.put.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`,
  );
  const hash = createHash('sha256');
  try {
    await pipeline(
      createReadStream(source),
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(tmp),
    );
    const cid = cidOfDigest(`0x${hash.digest('hex')}`);
    await fs.rename(tmp, path.join(dir, cid.toString()));
    return cid;
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
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
    // A file whose raw sha2-256 CID Kubo knows is one raw block (added with raw leaves and a
    // chunker of at least its size: up to KUBO_MAX_FILE_BYTES through put()). Larger files are
    // chunked by Kubo into a DAG whose root CID is not the file's sha-256: not served from Kubo.
    async open(cid) {
      const res = await rpc(`block/get?arg=${cid}&offline=true`);
      if (!res.ok) {
        const message = await kuboMessage(res);
        if (/not found|no link named|could not find|ipld: could not/i.test(message))
          return undefined;
        throw new StoreError(`The IPFS node could not return ${cid}: ${message}`);
      }
      if (!res.body) return undefined;
      const length = Number(res.headers.get('content-length'));
      return {
        size: Number.isSafeInteger(length) && length > 0 ? length : undefined,
        stream: res.body as ReadableStream<Uint8Array>,
      };
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
