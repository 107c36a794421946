// Content identifiers of the documents the portal stores: CIDv1, raw codec, sha2-256 (multiformats).
// The digest inside such a CID is the sha-256 of the bytes, the same bytes32 the contracts record,
// so a document, its CID and its on-chain hash check each other.
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import * as Digest from 'multiformats/hashes/digest';
import { sha256 } from 'multiformats/hashes/sha2';

export type ParsedCid = { ok: true; cid: CID } | { ok: false; message: string };

/** The raw sha2-256 CIDv1 of `bytes`. */
export async function cidOfBytes(bytes: Uint8Array): Promise<CID> {
  return CID.create(1, raw.code, await sha256.digest(bytes));
}

/** The CID whose digest is an on-chain content hash (bytes32, 0x-hex). */
export function cidOfDigest(hex: string): CID {
  const clean = hex.replace(/^0x/, '');
  if (!/^[0-9a-fA-F]{64}$/.test(clean)) throw new Error('a content hash is 32 bytes of hex');
  const bytes = Uint8Array.from(clean.match(/../g)!, (b) => parseInt(b, 16));
  return CID.create(1, raw.code, Digest.create(sha256.code, bytes));
}

/**
 * Parses a CID that this portal can verify: CIDv1, raw codec, sha2-256. Others (for example the
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

export function digestHex(cid: CID): `0x${string}` {
  return `0x${Array.from(cid.multihash.digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
