// Content identifiers for documents the portal stores: CIDv1, raw codec, sha-256, base32 — what
// `ipfs add --cid-version 1 --raw-leaves` gives a file of up to one block (256 KiB).
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** sha-256 of `bytes` with the browser's (or Node's) WebCrypto. */
export async function sha256(bytes: Uint8Array | ArrayBuffer): Promise<Uint8Array> {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

export function toHex(bytes: Uint8Array): `0x${string}` {
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The raw CIDv1 of a sha-256 digest: "b" + base32(0x01 0x55 0x12 0x20 digest). */
export function rawCid(digest: Uint8Array): string {
  const bytes = new Uint8Array(4 + digest.length);
  bytes.set([0x01, 0x55, 0x12, 0x20]);
  bytes.set(digest, 4);
  return 'b' + base32(bytes);
}

export async function cidOfBytes(bytes: Uint8Array): Promise<string> {
  return rawCid(await sha256(bytes));
}
