// A content-addressed document (ipfs://<cid>) from the portal's data folder: GET /api/docs/<cid>
// Served as text/plain (or JSON) with a sandboxing CSP, never as HTML: the content is untrusted.
import { readDoc } from '$lib/server/docs';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
  const doc = await readDoc(params.cid);
  const headers = {
    'content-security-policy': "default-src 'none'; sandbox",
    'x-content-type-options': 'nosniff',
  };
  if (!doc.ok) {
    return new Response(doc.message, {
      status: doc.status,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(doc.text, {
    headers: {
      ...headers,
      'content-type': doc.json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      // Content-addressed: a CID's bytes never change.
      'cache-control': 'public, max-age=31536000, immutable',
    },
  });
};
