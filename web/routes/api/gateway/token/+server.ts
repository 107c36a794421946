// POST /api/gateway/token: `{ account, issuedAt, nonce, signature }`, the signature an EIP-712
// GatewayAccess message (protocol/gateway.ts) → `{ ok, token, account, expiresAt }`, a bearer
// token for the gateway valid 1 hour. Refusals `{ ok: false, reason }`: 400 malformed, 401 a
// stale (> 5 min) or reused message or a signature not the account's, 503 the database is down.
import { json } from '@sveltejs/kit';
import { problem, readJsonBody } from '$lib/server/http';
import { GatewayError, gatewayTokens } from '$lib/server/gateway';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
  const body = await readJsonBody(request, 4_000);
  if (body instanceof Response) return body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return problem(400, 'The request body must be a JSON object.');
  const extra = Object.keys(body).filter(
    (k) => !['account', 'issuedAt', 'nonce', 'signature'].includes(k),
  );
  if (extra.length)
    return problem(400, `Unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}.`);
  try {
    const { token, account, expiresAt } = await (
      await gatewayTokens()
    ).issue(body as Record<string, unknown>);
    return json(
      { ok: true, token, account, expiresAt: expiresAt.toISOString() },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (err) {
    if (err instanceof GatewayError) return problem(err.status, err.message);
    console.error(err);
    return problem(503, 'Gateway tokens are unavailable right now (the database did not answer).');
  }
};
