// GET /api/gateway/receipts: the latest usage receipt of every licensee and offer kept by this
// gateway, for its host to redeem in one batch (scripts/redeem-receipts.ts). Only for the host
// itself: a bearer token of the CURIA_GATEWAY_HOST_KEY account. `{ ok, host, receipts: [...] }`, each
// receipt as protocol/gateway.ts encodeReceipt's JSON object.
import { json } from '@sveltejs/kit';
import { encodeReceipt } from '$protocol/gateway';
import { problem } from '$lib/server/http';
import { gatewayCaller, gatewayDeps, gatewayHost, GatewayError } from '$lib/server/gateway';
import { latestReceipts } from '$lib/server/gateway/receipts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  try {
    const host = gatewayHost();
    if (!host) return problem(404, 'This gateway does not serve pay-per-use offers.');
    const caller = await gatewayCaller(event);
    if (!caller.account)
      return problem(
        401,
        caller.unauthenticated ?? "Send the host's gateway token (Authorization: Bearer <token>).",
      );
    if (caller.account !== host)
      return problem(403, `Only this gateway's host (${host}) may read its receipts.`);
    const deps = await gatewayDeps();
    const receipts = await latestReceipts(deps.db, deps.chainId, host);
    return json(
      { ok: true, host, receipts: receipts.map((r) => JSON.parse(encodeReceipt(r))) },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (err) {
    if (err instanceof GatewayError) return problem(err.status, err.message);
    console.error(err);
    return problem(503, 'Receipts are unavailable right now (the database did not answer).');
  }
};
