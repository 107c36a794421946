// A single-use nonce for a Sign-In with Ethereum message, and what the message must name.
import { json } from '@sveltejs/kit';
import { getAuth } from '$lib/server/auth';
import { chainSettings } from '$lib/server/settings';
import { handle } from '$lib/server/notify/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ url }) =>
  handle(async () => {
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
