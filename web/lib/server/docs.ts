// Content-addressed documents (model cards, evidence, audit reports, license terms) for the
// portal's server-side reads (/api/docs, the /models list): read through the one
// document store (web/lib/server/ipfs: the data folder or a Kubo node) that /ipfs/<cid>, uploads,
// the seed and the indexer use, and re-hashed against the CID on every read.
import { documentStore } from './ipfs';
import { parseCid } from '$protocol/cid';
import { fetchVerified, StoreError } from '$protocol/store';

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
  const parsed = parseCid(cid);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  let fetched;
  try {
    fetched = await fetchVerified(documentStore(), parsed.cid);
  } catch (err) {
    if (err instanceof StoreError) return { ok: false, status: 502, message: err.message };
    throw err;
  }
  if (fetched.status === 'missing') {
    return { ok: false, status: 404, message: 'This document is not available on this portal.' };
  }
  // A raw sha-256 CIDv1 names its bytes: never serve a document that no longer matches.
  if (fetched.status === 'tampered') {
    return {
      ok: false,
      status: 502,
      message: 'The stored document does not match its content id; it was changed or damaged.',
    };
  }
  if (fetched.bytes.length > MAX_BYTES) {
    return { ok: false, status: 413, message: 'Document too large.' };
  }
  const text = new TextDecoder().decode(fetched.bytes);
  let json: boolean;
  try {
    JSON.parse(text);
    json = true;
  } catch {
    json = false;
  }
  return { ok: true, text, json };
}
