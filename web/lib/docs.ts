// Fetching untrusted documents (cards, terms, reports, evidence) through the portal's server, and
// checking them against what the chain records. A document's link is `ipfs://<cid>` (a raw sha2-256
// CIDv1): its digest is the sha-256 of the bytes, the same bytes32 a contract records next to the
// link (termsHash, reportHash, evidenceHash). The server re-hashes on every read of /ipfs/<cid>;
// the browser re-hashes too, and compares with the on-chain hash when there is one.
import { cidOfUri, digestOfCid, sha256Hex } from '$protocol/cid';

/**
 * What is wrong with a document link someone typed (`name`: "card link"), or null: an ipfs://,
 * https:// or http:// address. A link goes on chain for good, so a typo is refused before.
 */
export function linkProblem(uri: string, name: string): string | null {
  const text = uri.trim();
  const words = `The ${name} must be an ipfs://, https:// or http:// address.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return words;
  }
  if (url.protocol === 'ipfs:') return /^ipfs:\/\/[a-zA-Z0-9]+/.test(text) ? null : words;
  if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname) return null;
  return words;
}

export type DocFetch = { status: 'ok'; text: string } | { status: 'unavailable'; reason: string };

/** Reads a document without the on-chain check (summaries, previews). */
export async function fetchDoc(uri: string): Promise<DocFetch> {
  const checked = await verifyDoc(uri);
  if (checked.status === 'verified') return { status: 'ok', text: checked.text };
  if (checked.status === 'unchecked' && uri) {
    const url = docUrl(uri);
    if (url) {
      const res = await fetch(url);
      if (res.ok) return { status: 'ok', text: await res.text() };
    }
  }
  return { status: 'unavailable', reason: checked.reason };
}

/** "ipfs://<cid>" → the portal's URL for it; undefined for anything else. */
export function docUrl(uri: string): string | undefined {
  const cid = cidOfUri(uri);
  return cid ? `/api/docs/${cid}` : undefined;
}

export interface DocIds {
  /** The CID from the link, when it is an ipfs:// link. */
  cid?: string;
  /** The digest inside the CID (0x…), when it is a raw sha2-256 CIDv1. */
  cidDigest?: `0x${string}`;
  /** The hash the contract records next to the link, if any. */
  onChain?: `0x${string}`;
}

export type DocCheck = DocIds &
  (
    | { status: 'verified'; text: string; type: string; size: number }
    | { status: 'mismatch'; reason: string; raw?: string }
    | { status: 'unavailable'; reason: string }
    | { status: 'unchecked'; reason: string }
  );

export type VerifiedDoc = Extract<DocCheck, { status: 'verified' }>;

/** The CID named by an `ipfs://<cid>` (or `ipfs://ipfs/<cid>`, `/ipfs/<cid>`) link. */
export function cidFromUri(uri: string): string | undefined {
  const m = /^(?:ipfs:\/\/(?:ipfs\/)?|\/ipfs\/)([A-Za-z0-9]{8,128})$/.exec(uri.trim());
  return m?.[1];
}

/** The distinct ipfs:// links in a text (a proposal description), at most 20. */
export function linkedDocs(text: string): string[] {
  const found = text.match(/ipfs:\/\/(?:ipfs\/)?[A-Za-z0-9]{8,128}/g) ?? [];
  return [...new Set(found)].slice(0, 20);
}

const ZERO = /^0x0{64}$/;
const same = (a?: string, b?: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/**
 * Fetches `uri` through /ipfs/<cid> and checks it: the server re-hashes the stored bytes, the
 * browser re-hashes what arrived, and both must equal the CID's digest and `onChainHash` (when the
 * contract records one). A mismatch keeps the raw text only so the page can show it escaped on
 * request; it is never returned as `text`.
 */
export async function verifyDoc(
  uri: string,
  onChainHash?: string,
  fetcher: typeof fetch = fetch,
): Promise<DocCheck> {
  const onChain =
    onChainHash && !ZERO.test(onChainHash)
      ? (onChainHash.toLowerCase() as `0x${string}`)
      : undefined;
  if (!uri) return { status: 'unchecked', reason: 'No document is linked.', onChain };
  const cid = cidFromUri(uri);
  if (!cid) {
    return {
      status: 'unchecked',
      onChain,
      reason:
        'This link is not an ipfs:// content id, so the portal cannot check it against the chain.',
    };
  }
  const cidDigest = digestOfCid(cid);
  const ids: DocIds = { cid, cidDigest, onChain };
  if (!cidDigest) {
    return {
      ...ids,
      status: 'unchecked',
      reason:
        'Only raw sha2-256 CIDv1 links ("bafkrei…") can be checked against their bytes; this one cannot.',
    };
  }
  if (onChain && !same(cidDigest, onChain)) {
    return {
      ...ids,
      status: 'mismatch',
      reason:
        'The link recorded on chain names different bytes than the hash recorded next to it: the document cannot be the one that was committed.',
    };
  }
  let res: Response;
  try {
    res = await fetcher(`/ipfs/${cid}`);
  } catch {
    return { ...ids, status: 'unavailable', reason: 'The portal did not answer; try again.' };
  }
  if (res.status === 404) {
    return { ...ids, status: 'unavailable', reason: 'This portal does not have the document.' };
  }
  if (res.status === 502 && res.headers.get('x-curia-verified') === 'mismatch') {
    let raw: string | undefined;
    try {
      const r = await fetcher(`/ipfs/${cid}?unverified=1`);
      if (r.headers.get('x-curia-verified') === 'mismatch') raw = await r.text();
    } catch {
      // the raw text is optional
    }
    return {
      ...ids,
      status: 'mismatch',
      raw,
      reason:
        'The stored bytes do not match the hash recorded on chain: the document was changed or damaged after it was published.',
    };
  }
  if (!res.ok) {
    const message = (await res.text().catch(() => '')).slice(0, 300);
    return {
      ...ids,
      status: 'unavailable',
      reason: message || `The portal answered ${res.status}.`,
    };
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const digest = await sha256Hex(bytes);
  const type = (res.headers.get('content-type') ?? '').split(';')[0];
  if (!same(digest, cidDigest) || (onChain && !same(digest, onChain))) {
    return {
      ...ids,
      status: 'mismatch',
      raw: new TextDecoder().decode(bytes.slice(0, 200_000)),
      reason:
        'The bytes that arrived do not match the hash recorded on chain: the document was changed on the way or in the store.',
    };
  }
  return {
    ...ids,
    status: 'verified',
    type,
    size: bytes.length,
    text:
      type.startsWith('image/') || type === 'application/pdf'
        ? ''
        : new TextDecoder().decode(bytes),
  };
}
