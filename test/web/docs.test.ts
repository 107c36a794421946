// The browser's check of a document against its on-chain hash (web/lib/docs.ts): the server's
// answer for /ipfs/<cid>, the bytes re-hashed here, the CID's digest and the contract's hash.
import { sha256 } from 'viem';
import { describe, expect, it } from 'vitest';
import { cidFromUri, linkProblem, verifyDoc } from '../../web/lib/docs';
import { cidOfBytes, digestOfCid } from '../../protocol/cid.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const CARD = enc(JSON.stringify({ name: 'Aurora 7B' }));

/** A stand-in for the portal: answers /ipfs/<cid> from a map, as the route does. */
function portal(docs: Record<string, { bytes: Uint8Array; tampered?: boolean }>) {
  const calls: string[] = [];
  const fetcher = (async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url);
    const [, cid, query] = /^\/ipfs\/([^?]+)(\?.*)?$/.exec(url) ?? [];
    const doc = docs[cid];
    if (!doc) return new Response('not here', { status: 404 });
    if (doc.tampered) {
      return new Response(query ? (doc.bytes as Uint8Array<ArrayBuffer>) : 'mismatch', {
        status: 502,
        headers: { 'x-curia-verified': 'mismatch' },
      });
    }
    return new Response(doc.bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }) as typeof fetch;
  return { fetcher, calls };
}

describe('verifyDoc', () => {
  it('reads CIDs from ipfs:// links and their sha-256 digest', async () => {
    const cid = (await cidOfBytes(CARD)).toString();
    expect(cidFromUri(`ipfs://${cid}`)).toBe(cid);
    expect(cidFromUri(`ipfs://ipfs/${cid}`)).toBe(cid);
    expect(cidFromUri('https://example.org/card.json')).toBeUndefined();
    expect(digestOfCid(cid)).toBe(sha256(CARD));
    expect(digestOfCid('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG')).toBeUndefined();
  });

  it('verifies bytes that match the CID and the on-chain hash', async () => {
    const cid = (await cidOfBytes(CARD)).toString();
    const { fetcher } = portal({ [cid]: { bytes: CARD } });
    const checked = await verifyDoc(`ipfs://${cid}`, sha256(CARD), fetcher);
    expect(checked).toMatchObject({
      status: 'verified',
      cid,
      onChain: sha256(CARD),
      cidDigest: sha256(CARD),
      text: new TextDecoder().decode(CARD),
    });
  });

  it('flags a document the server found altered, with its raw text only for "show anyway"', async () => {
    const cid = (await cidOfBytes(CARD)).toString();
    const altered = enc('{"name":"<img src=x onerror=alert(1)>"}');
    const { fetcher, calls } = portal({ [cid]: { bytes: altered, tampered: true } });
    const checked = await verifyDoc(`ipfs://${cid}`, sha256(CARD), fetcher);
    expect(checked.status).toBe('mismatch');
    expect(checked).not.toHaveProperty('text');
    expect(checked).toMatchObject({ raw: new TextDecoder().decode(altered) });
    expect(calls).toEqual([`/ipfs/${cid}`, `/ipfs/${cid}?unverified=1`]);
  });

  it('flags bytes that arrive different from the CID (re-hashed in the browser)', async () => {
    const cid = (await cidOfBytes(CARD)).toString();
    const { fetcher } = portal({ [cid]: { bytes: enc('{"name":"swapped"}') } });
    const checked = await verifyDoc(`ipfs://${cid}`, undefined, fetcher);
    expect(checked).toMatchObject({ status: 'mismatch', raw: '{"name":"swapped"}' });
  });

  it('flags a link whose CID is not the hash recorded next to it, without fetching', async () => {
    const cid = (await cidOfBytes(CARD)).toString();
    const { fetcher, calls } = portal({ [cid]: { bytes: CARD } });
    const checked = await verifyDoc(`ipfs://${cid}`, `0x${'11'.repeat(32)}`, fetcher);
    expect(checked).toMatchObject({ status: 'mismatch', reason: /different bytes/ });
    expect(calls).toEqual([]);
  });

  it('tells missing and uncheckable documents apart', async () => {
    const cid = (await cidOfBytes(CARD)).toString();
    const { fetcher } = portal({});
    expect(await verifyDoc(`ipfs://${cid}`, undefined, fetcher)).toMatchObject({
      status: 'unavailable',
      reason: 'This portal does not have the document.',
    });
    expect(await verifyDoc('https://example.org/evidence.pdf', undefined, fetcher)).toMatchObject({
      status: 'unchecked',
    });
    expect(
      await verifyDoc('ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG', undefined, fetcher),
    ).toMatchObject({ status: 'unchecked', reason: /raw sha2-256 CIDv1/ });
    // A zero hash is "no hash recorded", not a mismatch.
    const ok = portal({ [cid]: { bytes: CARD } });
    expect(await verifyDoc(`ipfs://${cid}`, `0x${'0'.repeat(64)}`, ok.fetcher)).toMatchObject({
      status: 'verified',
    });
  });
});

describe('linkProblem', () => {
  it('refuses what is not an ipfs://, https:// or http:// address, naming the link', () => {
    expect(linkProblem('not a url at all', 'card link')).toBe(
      'The card link must be an ipfs://, https:// or http:// address.',
    );
    expect(linkProblem('ftp://host/card.md', 'license link')).toMatch(/^The license link must/);
    expect(linkProblem('ipfs://', 'card link')).toMatch(/^The card link must/);
    expect(linkProblem(' ipfs://bafkreigh2akiscaild ', 'card link')).toBeNull();
    expect(linkProblem('https://example.org/LICENSE', 'license link')).toBeNull();
  });
});
