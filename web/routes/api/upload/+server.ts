// POST /api/upload: stores a document content-addressed and answers
//   { ok: true, cid, uri: "ipfs://<cid>", digest: "0x<sha-256>", size, type }
// The body is the file itself (Content-Type: its type) or multipart/form-data with a `file` field.
// `digest` is what a contract records as the content hash; GET /ipfs/<cid> serves the bytes back.
// Refusals: { ok: false, reason } with 400 (empty, unreadable), 403 (uploads off), 413 (too large),
// 415 (type not allowed, or content not matching its type), 502 (the IPFS node failed).
import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { classify, formatBytes } from '$lib/server/ipfs/content';
import { digestHex } from '$protocol/cid';
import { documentStore, uploadLimit } from '$lib/server/ipfs';
import { StoreError } from '$protocol/store';
import { chainSettings } from '$lib/server/settings';
import type { RequestHandler } from './$types';

const refuse = (status: number, reason: string) => json({ ok: false, reason }, { status });

export const POST: RequestHandler = async ({ request }) => {
  const accept = env.CURIA_ACCEPT_DOCS
    ? env.CURIA_ACCEPT_DOCS === '1'
    : chainSettings().demoAccounts;
  if (!accept)
    return refuse(403, 'This portal does not accept uploads; publish your file on IPFS.');
  const limit = uploadLimit();
  const length = Number(request.headers.get('content-length') ?? NaN);
  let bytes: Uint8Array;
  let declared: string | null;
  const contentType = request.headers.get('content-type') ?? '';
  try {
    if (/^multipart\/form-data/i.test(contentType)) {
      const form = await request.formData();
      const file = form.get('file');
      if (!(file instanceof File))
        return refuse(400, 'Send the document in a form field named "file".');
      bytes = new Uint8Array(await file.arrayBuffer());
      declared = file.type || null;
    } else {
      bytes = new Uint8Array(await request.arrayBuffer());
      declared = contentType || null;
    }
  } catch {
    // The body is read whole (and so the connection stays usable); the server refuses bodies over
    // its own limit (adapter-node's BODY_SIZE_LIMIT) before we see them.
    if (Number.isFinite(length) && length > limit) {
      return refuse(413, `The file is larger than the limit of ${formatBytes(limit)}.`);
    }
    return refuse(400, 'The upload could not be read; try again.');
  }
  const checked = classify(bytes, declared, limit);
  if (!checked.ok) return refuse(checked.status, checked.message);
  try {
    const cid = await documentStore().put(bytes);
    return json({
      ok: true,
      cid: cid.toString(),
      uri: `ipfs://${cid}`,
      digest: digestHex(cid),
      size: bytes.length,
      type: checked.type,
    });
  } catch (err) {
    if (err instanceof StoreError) return refuse(502, err.message);
    throw err;
  }
};
