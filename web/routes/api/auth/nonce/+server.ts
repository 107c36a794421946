// A single-use nonce for a Sign-In with Ethereum message, and what the message must name. At most
// NONCES_PER_MINUTE a minute from one client address (each is a row kept a day: session 19's
// review filled the table from one client at 400 a second).
import { json } from '@sveltejs/kit';
import { getAuth } from '$lib/server/auth';
import { chainSettings } from '$lib/server/settings';
import { handle } from '$lib/server/notify/http';
import { RateLimiter } from '$lib/server/relay/limiter';
import type { RequestHandler } from './$types';

const NONCES_PER_MINUTE = 20;
const KEY = Symbol.for('curia.auth.nonce-limiter');
const limiter: RateLimiter = ((globalThis as Record<symbol, unknown>)[KEY] ??= new RateLimiter({
  count: NONCES_PER_MINUTE,
  windowMs: 60_000,
})) as RateLimiter;

export const POST: RequestHandler = ({ url, getClientAddress }) =>
  handle(async () => {
    const client = getClientAddress();
    const allowed = limiter.check(client);
    if (!allowed.ok) {
      const wait = Math.max(1, Math.ceil((allowed.retryAt - limiter.now()) / 1000));
      return json(
        {
          ok: false,
          reason: `Too many sign-in attempts from this address; try again in ${wait} s.`,
        },
        { status: 429, headers: { 'retry-after': String(wait) } },
      );
    }
    limiter.record(client);
    const { nonce, expiresAt } = await (await getAuth()).issueNonce();
    return json(
      {
        nonce,
        expiresAt: expiresAt.toISOString(),
        domain: url.host,
        uri: url.origin,
        chainId: chainSettings().id,
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  });
