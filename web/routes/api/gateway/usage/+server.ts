// GET /api/gateway/usage?offer=<id>: what the caller's next usage receipt for a pay-per-use offer
// must say at this gateway, so that a browser can sign it for a download: `{ ok, host, units,
// expiry }` (units: one on from what this host counted or was paid; expiry: an hour from the
// chain's time; numbers as decimal strings). Refusals `{ ok: false, reason }`: 400 no offer id,
// 401 not signed in, 404 pay per use is off here, 503 the chain or the database did not answer.
import { json } from '@sveltejs/kit';
import { problem } from '$lib/server/http';
import { gatewayCaller, gatewayDeps, gatewayHost, GatewayError } from '$lib/server/gateway';
import { countedUnits } from '$lib/server/gateway/receipts';
import type { RequestHandler } from './$types';

/** How long a receipt signed for one download stays usable (seconds). */
const RECEIPT_LIFETIME = 3_600n;

export const GET: RequestHandler = async (event) => {
  const offerText = event.url.searchParams.get('offer') ?? '';
  if (!/^\d{1,20}$/.test(offerText)) return problem(400, 'Give the offer as ?offer=<its number>.');
  const offerId = BigInt(offerText);
  try {
    const host = gatewayHost();
    if (!host) return problem(404, 'This portal does not serve pay-per-use offers.');
    const caller = await gatewayCaller(event);
    if (!caller.account)
      return problem(401, caller.unauthenticated ?? 'Sign in with your wallet to download.');
    const deps = await gatewayDeps();
    const [counted, redeemed, now] = await Promise.all([
      countedUnits(deps.db, deps.chainId, offerId, caller.account, host),
      deps.chain.usageRedeemed(offerId, caller.account, host),
      deps.chain.now(),
    ]);
    const units = (counted > redeemed ? counted : redeemed) + 1n;
    return json(
      {
        ok: true,
        host,
        units: units.toString(),
        expiry: (BigInt(now) + RECEIPT_LIFETIME).toString(),
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (err) {
    if (err instanceof GatewayError) return problem(err.status, err.message);
    console.error(err);
    return problem(503, 'The portal cannot count your uses right now: try again in a moment.');
  }
};
