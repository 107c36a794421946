// POST /api/relay/prepare: { kind, voter, ... } → { chainId, message } with the signer's current
// nonce (and, for a delegation, an expiry), for the wallet to sign as $lib/relay/messages builds it.
import { json } from '@sveltejs/kit';
import { problem, readJson } from '$lib/server/relay/http';
import { getRelay } from '$lib/server/relay';
import type { PrepareInput } from '$lib/relay/messages';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
  const relay = await getRelay();
  if (!relay.ok) return problem(relay.status, relay.message);
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const answer = await relay.service.prepare(body as PrepareInput);
  return json(answer.body, { status: answer.status });
};
