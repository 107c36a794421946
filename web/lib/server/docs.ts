// Content-addressed documents (model cards, evidence, audit reports) served from the local data
// folder: ipfs://<cid> resolves to $CURIA_DATA_DIR/docs/<cid>. Nothing is fetched from elsewhere.
import fs from 'node:fs/promises';
import path from 'node:path';
import { cidOfBytes } from '$lib/cid';
import { docsDir } from './settings';

/** A CID (v0 or v1, base58/base32) or a hex digest: letters and digits only, so no path tricks. */
const CID = /^[A-Za-z0-9]{8,128}$/;
const MAX_BYTES = 512 * 1024;

export function cidOf(uri: string): string | undefined {
  const match = /^ipfs:\/\/(?:ipfs\/)?([^/?#]+)$/.exec(uri.trim());
  const cid = match?.[1];
  return cid && CID.test(cid) ? cid : undefined;
}

export type DocResult =
  | { ok: true; text: string; json: boolean }
  | { ok: false; status: 400 | 404 | 413 | 502; message: string };

export async function readDoc(cid: string): Promise<DocResult> {
  if (!CID.test(cid)) return { ok: false, status: 400, message: 'Not a content identifier.' };
  const dir = docsDir();
  for (const name of [cid, `${cid}.json`, `${cid}.md`]) {
    const file = path.join(dir, name);
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    if (stat.size > MAX_BYTES) return { ok: false, status: 413, message: 'Document too large.' };
    const bytes = await fs.readFile(file);
    // A raw sha-256 CIDv1 names its bytes: never serve a document that no longer matches.
    if (cid.startsWith('bafkrei') && (await cidOfBytes(bytes)) !== cid) {
      return {
        ok: false,
        status: 502,
        message: 'The stored document does not match its content id; it was changed or damaged.',
      };
    }
    const text = new TextDecoder().decode(bytes);
    let json = name.endsWith('.json');
    if (!name.endsWith('.md')) {
      try {
        JSON.parse(text);
        json = true;
      } catch {
        json = false;
      }
    }
    return { ok: true, text, json };
  }
  return { ok: false, status: 404, message: 'This document is not available on this portal.' };
}
