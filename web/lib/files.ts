// Weights and data files stay on the user's computer: hashed locally with WebCrypto. Documents
// (cards, license terms, reports, evidence) are uploaded to the portal's store through /api/upload
// under their CID; the returned ipfs:// link and sha-256 digest are what go on chain.
import { cidOfBytes, digestHex, sha256Hex } from '$protocol/cid';

/** sha-256 of a file, computed in the browser; nothing is uploaded. */
export async function hashFile(file: Blob): Promise<`0x${string}`> {
  return sha256Hex(new Uint8Array(await file.arrayBuffer()));
}

export interface Uploaded {
  uri: string;
  cid: string;
  /** The sha-256 of the bytes: the bytes32 a contract records as the document's hash. */
  hash: `0x${string}`;
  size: number;
}

/** The upload limit the portal announces by default (UPLOAD_MAX_BYTES may lower or raise it). */
export const UPLOAD_LIMIT = 256 * 1024;

/** What the upload's refusal means for the user, by status. */
function refusal(status: number, reason: string): string {
  switch (status) {
    case 413:
      return `Too large: ${reason || 'the file is over the upload limit.'}`;
    case 415:
      return `Wrong type: ${reason || 'this kind of file is not accepted.'}`;
    case 403:
      return reason || 'This portal does not accept uploads; publish the document on IPFS.';
    case 502:
    case 503:
      return `The document store is not working right now (${reason || `HTTP ${status}`}); try again later. Your input is kept.`;
    default:
      return reason || `The portal could not store the document (HTTP ${status}).`;
  }
}

/** Uploads bytes of a given type; the CID the portal answers is checked against the bytes. */
export async function uploadBytes(bytes: Uint8Array, type: string): Promise<Uploaded> {
  let res: Response;
  try {
    res = await fetch('/api/upload', {
      method: 'POST',
      headers: { 'content-type': type },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
  } catch {
    throw new Error('The portal could not be reached to store the document; try again.');
  }
  const text = await res.text().catch(() => '');
  let body: { ok?: boolean; reason?: string; message?: string; uri?: string; cid?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // a proxy's page, not our JSON
  }
  if (!res.ok || !body.ok || !body.cid || !body.uri) {
    throw new Error(refusal(res.status, body.reason ?? body.message ?? ''));
  }
  const cid = await cidOfBytes(bytes);
  if (body.cid !== cid.toString()) {
    throw new Error('The portal answered a content id that does not match the document.');
  }
  return { uri: body.uri, cid: body.cid, hash: digestHex(cid), size: bytes.length };
}

/** Uploads a file the user picked (its type as the browser reports it, or from its name). */
export async function uploadFile(file: File): Promise<Uploaded> {
  if (file.size > UPLOAD_LIMIT * 4) {
    throw new Error(
      `Too large: ${file.name} is ${formatSize(file.size)}; the limit is ${formatSize(UPLOAD_LIMIT)}.`,
    );
  }
  const type = file.type || typeFromName(file.name);
  return uploadBytes(new Uint8Array(await file.arrayBuffer()), type);
}

function typeFromName(name: string): string {
  if (/\.md$|\.markdown$/i.test(name)) return 'text/markdown';
  if (/\.txt$/i.test(name)) return 'text/plain';
  if (/\.json$/i.test(name)) return 'application/json';
  return '';
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n % 1024 ? 1 : 0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** A model card's `size` (bytes, as the card's text) in words; anything else as written. */
export function formatCardSize(size: string): string {
  return /^\d+$/.test(size) ? formatSize(Number(size)) : size;
}

/** Uploads a JSON document (or a string as JSON/text); returns its ipfs:// URI and sha-256. */
export async function storeDocument(doc: unknown): Promise<Uploaded> {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  let json = true;
  try {
    JSON.parse(text);
  } catch {
    json = false;
  }
  return uploadBytes(new TextEncoder().encode(text), json ? 'application/json' : 'text/markdown');
}
