// Files stay on the user's computer: hashed locally with WebCrypto. Small JSON documents (cards,
// statements) can be stored on the portal's server under their CID.
import { cidOfBytes, sha256, toHex } from './cid';

/** sha-256 of a file, computed in the browser; nothing is uploaded. */
export async function hashFile(file: Blob): Promise<`0x${string}`> {
  return toHex(await sha256(await file.arrayBuffer()));
}

/** Stores a JSON document on the portal; returns its ipfs:// URI and sha-256. */
export async function storeDocument(doc: unknown): Promise<{ uri: string; hash: `0x${string}` }> {
  const bytes = new TextEncoder().encode(typeof doc === 'string' ? doc : JSON.stringify(doc));
  const res = await fetch('/api/docs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: bytes,
  });
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // plain text
    }
    throw new Error(message || `The portal could not store the document (HTTP ${res.status}).`);
  }
  const { uri, cid } = (await res.json()) as { uri: string; cid: string };
  if ((await cidOfBytes(bytes)) !== cid) throw new Error('The portal stored different bytes.');
  return { uri, hash: toHex(await sha256(bytes)) };
}
