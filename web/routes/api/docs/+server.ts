// Stores a small JSON document (a model card, evidence) under its CID in the data folder:
// POST /api/docs → { cid, uri }. Only on the local chain, or when CURIA_ACCEPT_DOCS=1.
import { error, json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { writeDoc } from '$lib/server/docs';
import { chainSettings } from '$lib/server/settings';
import type { RequestHandler } from './$types';

const MAX_BYTES = 64 * 1024;

export const POST: RequestHandler = async ({ request }) => {
  const accept = env.CURIA_ACCEPT_DOCS
    ? env.CURIA_ACCEPT_DOCS === '1'
    : chainSettings().demoAccounts;
  if (!accept) error(403, 'This portal does not store documents; publish yours on IPFS.');
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length === 0) error(400, 'The document is empty.');
  if (bytes.length > MAX_BYTES) error(413, 'The document is larger than 64 KiB.');
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    error(400, 'The document must be UTF-8 JSON.');
  }
  const cid = await writeDoc(bytes);
  return json({ cid, uri: `ipfs://${cid}` });
};
