// GET /api/relay: whether the portal's relayer is on (and its account and rate limit).
// POST /api/relay: a signed vote, dispute vote or delegation { chainId, message, signature } to send
// on the signer's behalf; answers { ok: true, hash } or { ok: false, code, reason } (lib/server/relay).
import { json } from '@sveltejs/kit';
import { problem, readJson } from '$lib/server/relay/http';
import { getRelay } from '$lib/server/relay';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
  const relay = await getRelay();
  if (!relay.ok) return problem(relay.status, relay.message);
  return json(relay.service.status());
};

export const POST: RequestHandler = async ({ request }) => {
  const relay = await getRelay();
  if (!relay.ok) return problem(relay.status, relay.message);
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const answer = await relay.service.relay(body);
  return json(answer.body, {
    status: answer.status,
    headers:
      'retryAfter' in answer.body && answer.body.retryAfter
        ? { 'retry-after': String(answer.body.retryAfter) }
        : undefined,
  });
};
