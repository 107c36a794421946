// Content-addressed documents: CIDs that carry the same sha-256 the contracts record, the upload
// allowlist told apart by the bytes, the folder store and Kubo's RPC API (a small local stand-in
// for a Kubo node), and the hash re-checked on every read so a changed file is never served.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sha256 as viemSha256 } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidOfBytes, cidOfDigest, digestHex, parseCid, sha256Hex } from '../protocol/cid.ts';
import { classify, MAX_UPLOAD_BYTES, sniff } from '../web/lib/server/ipfs/content.ts';
import { fetchVerified, folderStore, kuboStore, StoreError } from '../protocol/store.ts';
import { CID } from 'multiformats/cid';
import { readCard } from '../indexer/src/lib/cards.ts';
import { storeDoc } from '../scripts/seed/content.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const CARD = enc(JSON.stringify({ name: 'Aurora 7B', license: 'apache-2.0' }));
const PDF = enc('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('CIDs', () => {
  it("are raw sha2-256 CIDv1 whose digest is the contracts' content hash", async () => {
    const cid = await cidOfBytes(CARD);
    expect(cid.toString()).toMatch(/^bafkrei[a-z2-7]{52}$/);
    expect(digestHex(cid)).toBe(viemSha256(CARD));
    expect(cidOfDigest(viemSha256(CARD)).toString()).toBe(cid.toString());
    expect(await sha256Hex(CARD)).toBe(viemSha256(CARD));
  });

  it('parses only CIDs whose bytes can be checked', () => {
    expect(parseCid('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy').ok).toBe(true);
    const v0 = parseCid('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG');
    expect(v0).toMatchObject({ ok: false, message: expect.stringMatching(/raw sha2-256 CIDv1/) });
    expect(parseCid('../../etc/passwd')).toMatchObject({
      ok: false,
      message: /not a content identifier/,
    });
  });
});

describe('uploads', () => {
  it('accept the allowed types when the bytes agree', () => {
    expect(classify(CARD, 'application/json')).toEqual({ ok: true, type: 'application/json' });
    expect(classify(enc('# Terms\n\nUse it kindly.'), 'text/markdown; charset=utf-8')).toEqual({
      ok: true,
      type: 'text/markdown',
    });
    expect(classify(PDF, 'application/pdf')).toEqual({ ok: true, type: 'application/pdf' });
    expect(classify(PNG, 'image/png')).toEqual({ ok: true, type: 'image/png' });
    expect(sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });

  it('refuse empty, oversize, unlisted and disguised files with a reason', () => {
    expect(classify(new Uint8Array(), 'application/json')).toMatchObject({
      ok: false,
      status: 400,
      message: 'The file is empty.',
    });
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x61);
    expect(classify(big, 'text/plain')).toMatchObject({
      ok: false,
      status: 413,
      message: 'The file is 256.0 KiB; the limit is 256 KiB.',
    });
    expect(classify(enc('<html><script>x</script>'), 'text/html')).toMatchObject({
      ok: false,
      status: 415,
      message: expect.stringMatching(
        /"text\/html" files are not accepted\. Allowed: JSON, Markdown/,
      ),
    });
    expect(classify(CARD, null)).toMatchObject({ status: 415, message: /without a type/ });
    expect(classify(enc('not json {'), 'application/json')).toMatchObject({
      status: 415,
      message: 'The file is declared as JSON but its content is plain text.',
    });
    expect(classify(new Uint8Array([0, 1, 2, 3]), 'text/plain')).toMatchObject({
      status: 415,
      message: /content is not any allowed type/,
    });
    expect(classify(PNG, 'application/pdf')).toMatchObject({ status: 415, message: /PNG image/ });
  });
});

describe('the folder store', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-ipfs-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores under the CID, serves verified bytes, and flags a file changed under its CID', async () => {
    const store = folderStore(dir);
    const cid = await store.put(CARD);
    expect(fs.readFileSync(path.join(dir, cid.toString()))).toEqual(Buffer.from(CARD));
    expect(await fetchVerified(store, cid)).toEqual({ status: 'ok', bytes: CARD });
    expect(await fetchVerified(store, await cidOfBytes(PDF))).toEqual({ status: 'missing' });
    fs.writeFileSync(path.join(dir, cid.toString()), JSON.stringify({ name: 'Aurora 7B (evil)' }));
    expect((await fetchVerified(store, cid)).status).toBe('tampered');
  });

  it('is the one store of the seed and the indexer: seeded documents, earlier names, tampering', async () => {
    const docs = fs.mkdtempSync(path.join(dir, 'docs-'));
    // The seed writes through this store: the file is named by its CID alone.
    const card = enc(JSON.stringify({ name: 'Seeded-7B', description: 'a seeded card' }));
    const seeded = await storeDoc(docs, card);
    expect(fs.readdirSync(docs)).toEqual([seeded.cid]);
    expect(seeded.uri).toBe(`ipfs://${seeded.cid}`);
    expect(await readCard(seeded.uri, docs)).toMatchObject({ status: 'ok', name: 'Seeded-7B' });
    // Earlier seeds wrote <cid>.json and <cid>.md: still read, still re-hashed.
    const terms = enc('# Terms\n\nUse it kindly.\n');
    const termsCid = await cidOfBytes(terms);
    fs.writeFileSync(path.join(docs, `${termsCid}.md`), terms);
    expect(await fetchVerified(folderStore(docs), termsCid)).toEqual({
      status: 'ok',
      bytes: terms,
    });
    // One byte changed on disk: the store says tampered, and the indexer keeps no text from it.
    const bytes = fs.readFileSync(seeded.file);
    bytes[bytes.length - 3] ^= 1;
    fs.writeFileSync(seeded.file, bytes);
    expect((await fetchVerified(folderStore(docs), CID.parse(seeded.cid))).status).toBe('tampered');
    expect(await readCard(seeded.uri, docs)).toMatchObject({ status: 'invalid', name: null });
    expect((await readCard(`ipfs://${await cidOfBytes(PDF)}`, docs)).status).toBe('missing');
  });
});

describe("Kubo's RPC API", () => {
  let server: http.Server;
  let url: string;
  const blocks = new Map<string, Buffer>();
  const calls: string[] = [];
  let addAnswer: ((cid: string) => string) | undefined;

  beforeAll(async () => {
    // A stand-in for a Kubo node: /api/v0/add (multipart) and /api/v0/block/get, POST only.
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const u = new URL(req.url!, 'http://x');
        calls.push(`${req.method} ${u.pathname}?${u.searchParams}`);
        if (req.method !== 'POST') return res.writeHead(405).end();
        if (u.pathname === '/api/v0/add') {
          const body = Buffer.concat(chunks);
          const boundary = /boundary=(.+)$/.exec(req.headers['content-type'] ?? '')![1];
          const part = body.toString('latin1').split(`--${boundary}`)[1];
          const content = Buffer.from(part.slice(part.indexOf('\r\n\r\n') + 4, -2), 'latin1');
          const cid = (await cidOfBytes(new Uint8Array(content))).toString();
          blocks.set(cid, content);
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(
            JSON.stringify({ Name: cid, Hash: addAnswer ? addAnswer(cid) : cid, Size: '1' }),
          );
        }
        if (u.pathname === '/api/v0/block/get') {
          const block = blocks.get(u.searchParams.get('arg')!);
          if (!block) {
            res.writeHead(500, { 'content-type': 'application/json' });
            return res.end(
              JSON.stringify({
                Message: 'block was not found locally (offline): ipld: could not find',
                Code: 0,
              }),
            );
          }
          res.writeHead(200, { 'content-type': 'text/plain' });
          return res.end(block);
        }
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('adds as one raw block, reads back offline and re-checks the hash', async () => {
    const store = kuboStore(url);
    const cid = await store.put(PDF);
    expect(cid.toString()).toBe((await cidOfBytes(PDF)).toString());
    expect(calls.at(-1)).toMatch(/\/api\/v0\/add\?cid-version=1&raw-leaves=true&hash=sha2-256/);
    expect(await fetchVerified(store, cid)).toEqual({ status: 'ok', bytes: PDF });
    expect(calls.at(-1)).toBe(`POST /api/v0/block/get?arg=${cid}&offline=true`);
    expect(await fetchVerified(store, await cidOfBytes(PNG))).toEqual({ status: 'missing' });
    // A node that hands back other bytes under the CID is caught.
    blocks.set(cid.toString(), Buffer.from('%PDF-1.7 forged'));
    expect((await fetchVerified(store, cid)).status).toBe('tampered');
  });

  it('refuses when the node files the bytes under another CID, or is down', async () => {
    addAnswer = () => 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
    await expect(kuboStore(url).put(CARD)).rejects.toThrow(
      /stored the file as bafybei.*check its chunker/,
    );
    addAnswer = undefined;
    const down = kuboStore('http://127.0.0.1:9', 2_000);
    await expect(down.put(CARD)).rejects.toBeInstanceOf(StoreError);
    await expect(down.get(await cidOfBytes(CARD))).rejects.toThrow(/not reachable/);
  });
});
