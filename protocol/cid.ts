// Content identifiers of Curia's documents and files: CIDv1, raw codec, sha2-256 (multiformats),
// hex by viem. The digest inside such a CID is the sha-256 of the bytes, the same bytes32 the
// contracts record, so a document, its CID and its on-chain hash check each other. What
// `ipfs add --cid-version 1 --raw-leaves` gives a file of up to one block (256 KiB).
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import * as Digest from 'multiformats/hashes/digest';
import { sha256 } from 'multiformats/hashes/sha2';
import { bytesToHex, hexToBytes, isHex, type Hex } from 'viem';

export type { CID };
export type ParsedCid = { ok: true; cid: CID } | { ok: false; message: string };

/** The sha-256 of `bytes` as 0x-hex (WebCrypto in the browser, node:crypto in Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<Hex> {
  return bytesToHex((await sha256.digest(bytes)).digest);
}

/** The raw sha2-256 CIDv1 of `bytes`. */
export async function cidOfBytes(bytes: Uint8Array): Promise<CID> {
  return CID.create(1, raw.code, await sha256.digest(bytes));
}

/** The CID whose digest is an on-chain content hash (bytes32, 0x-hex). */
export function cidOfDigest(hex: string): CID {
  const prefixed = (hex.startsWith('0x') ? hex : `0x${hex}`) as Hex;
  if (!isHex(prefixed) || prefixed.length !== 66)
    throw new Error('a content hash is 32 bytes of hex');
  return CID.create(1, raw.code, Digest.create(sha256.code, hexToBytes(prefixed)));
}

/**
 * Parses a CID that Curia can verify: CIDv1, raw codec, sha2-256. Others (for example the
 * CIDv0 "Qm…" of a file added to IPFS with default settings) name a UnixFS graph, not the bytes.
 */
export function parseCid(text: string): ParsedCid {
  let cid: CID;
  try {
    cid = CID.parse(text);
  } catch {
    return { ok: false, message: `"${text.slice(0, 80)}" is not a content identifier (CID).` };
  }
  if (cid.version !== 1 || cid.code !== raw.code || cid.multihash.code !== sha256.code) {
    return {
      ok: false,
      message:
        'Only raw sha2-256 CIDv1 ("bafkrei…") can be checked against their bytes here; add files with `ipfs add --cid-version 1 --raw-leaves`.',
    };
  }
  return { ok: true, cid };
}

/** True when `bytes` hash to the digest inside `cid`. */
export async function matches(cid: CID, bytes: Uint8Array): Promise<boolean> {
  const digest = await sha256.digest(bytes);
  const expected = cid.multihash.digest;
  if (digest.digest.length !== expected.length) return false;
  return digest.digest.every((b, i) => b === expected[i]);
}

/** The sha-256 digest inside a raw sha2-256 CID, as the bytes32 the contracts record. */
export function digestHex(cid: CID): Hex {
  return bytesToHex(cid.multihash.digest);
}

/** The digest carried by a raw sha2-256 CIDv1 given as text, or undefined for any other CID. */
export function digestOfCid(text: string): Hex | undefined {
  const parsed = parseCid(text);
  return parsed.ok ? digestHex(parsed.cid) : undefined;
}

const CID_TEXT = /^[A-Za-z0-9]{8,128}$/;

/** The CID text of an `ipfs://<cid>` (or `ipfs://ipfs/<cid>`) URI; undefined for anything else. */
export function cidOfUri(uri: string): string | undefined {
  const match = /^ipfs:\/\/(?:ipfs\/)?([^/?#]+)$/.exec(uri.trim());
  const cid = match?.[1];
  return cid && CID_TEXT.test(cid) ? cid : undefined;
}
