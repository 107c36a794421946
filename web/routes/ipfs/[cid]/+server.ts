// GET /ipfs/<cid>: a document by its raw sha2-256 CIDv1, re-hashed on every read. 200 with the
// bytes when they match the CID (header x-curia-verified: sha2-256); 404 when this portal does not
// have it; 502 when the stored bytes no longer match the CID (x-curia-verified: mismatch) — a
// tampered document is never served as such: only with ?unverified=1, still as a 502, as plain text
// (so a page can show the altered bytes escaped, behind an explicit "show anyway").
// The content is untrusted: sandboxed, never HTML.
import { documentStore } from '$lib/server/ipfs';
import { parseCid } from '$protocol/cid';
import { sniff } from '$lib/server/ipfs/content';
import { fetchVerified, StoreError } from '$protocol/store';
import type { RequestHandler } from './$types';

const SAFE = {
  'content-security-policy': "default-src 'none'; sandbox",
  'x-content-type-options': 'nosniff',
};

const text = (status: number, message: string, extra: Record<string, string> = {}) =>
  new Response(message, {
    status,
    headers: {
      ...SAFE,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...extra,
    },
  });

const SERVED_AS: Record<string, string> = {
  'application/json': 'application/json; charset=utf-8',
  'text/plain': 'text/plain; charset=utf-8',
  'application/pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
};

export const GET: RequestHandler = async ({ params, url }) => {
  const parsed = parseCid(params.cid);
  if (!parsed.ok) return text(400, parsed.message);
  let fetched;
  try {
    fetched = await fetchVerified(documentStore(), parsed.cid);
  } catch (err) {
    if (err instanceof StoreError) return text(502, err.message);
    throw err;
  }
  if (fetched.status === 'missing') {
    return text(404, 'This document is not available on this portal.');
  }
  if (fetched.status === 'tampered') {
    if (url.searchParams.get('unverified') === '1') {
      return new Response(fetched.bytes as Uint8Array<ArrayBuffer>, {
        status: 502,
        headers: {
          ...SAFE,
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
          'x-curia-verified': 'mismatch',
        },
      });
    }
    return text(
      502,
      'The stored bytes no longer match this content identifier: the document was altered after it was stored, so it is not served.',
      { 'x-curia-verified': 'mismatch' },
    );
  }
  const kind = sniff(fetched.bytes);
  return new Response(fetched.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      ...SAFE,
      'content-type': (kind && SERVED_AS[kind]) ?? 'application/octet-stream',
      'content-length': String(fetched.bytes.length),
      // Content-addressed and verified: these bytes never change.
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"${parsed.cid}"`,
      'x-curia-verified': 'sha2-256',
    },
  });
};
