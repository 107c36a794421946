// Gated delivery for SvelteKit routes: the gateway's dependencies from the environment (the chain
// and deployment the portal serves, the document store, the accounts database, the host key), and
// the caller of a request: `Authorization: Bearer <token>` (scripts), else the SIWE session cookie.
import type { RequestEvent } from '@sveltejs/kit';
import { createPublicClient, http, type Address, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { env } from '$env/dynamic/private';
import { usageReceiptVerifier } from '$protocol/usage';
import { appDb, appDbConfig } from '../appdb';
import { currentSession } from '../auth';
import { documentStore } from '../ipfs';
import { loadManifest } from '../manifest';
import { chainSettings } from '../settings';
import { viemAccessVerifier, viemGatewayChain } from './chain';
import { GatewayError } from './errors';
import type { GatewayDeps } from './service';
import { GatewayTokens } from './tokens';

export { GatewayError } from './errors';

const clients = new Map<string, PublicClient>();
function client(rpcUrl: string): PublicClient {
  let c = clients.get(rpcUrl);
  if (!c) {
    c = createPublicClient({ transport: http(rpcUrl, { timeout: 5_000, retryCount: 0 }) });
    clients.set(rpcUrl, c);
  }
  return c;
}

/** The gateway's host address (CURIA_GATEWAY_HOST_KEY), or undefined: pay per use is off. */
export function gatewayHost(): Address | undefined {
  const key = env.CURIA_GATEWAY_HOST_KEY || env.GATEWAY_HOST_KEY;
  if (!key) return undefined;
  try {
    return privateKeyToAccount(key as `0x${string}`).address;
  } catch {
    console.warn('gateway: CURIA_GATEWAY_HOST_KEY is not a private key; pay per use is off');
    return undefined;
  }
}

export async function gatewayTokens(): Promise<GatewayTokens> {
  const chain = chainSettings();
  return new GatewayTokens({
    db: await appDb(appDbConfig(env)),
    chainId: chain.id,
    verify: viemAccessVerifier(client(chain.rpcUrl)),
  });
}

export async function gatewayDeps(): Promise<GatewayDeps> {
  const chain = chainSettings();
  const loaded = await loadManifest(chain.id);
  if (!loaded.ok) throw new GatewayError(503, loaded.message);
  const m = loaded.manifest;
  return {
    chainId: chain.id,
    chain: viemGatewayChain(client(chain.rpcUrl), m),
    store: documentStore(),
    db: await appDb(appDbConfig(env)),
    host: gatewayHost(),
    // On chain (as MeteredLicenses does): an EOA's signature, or a contract licensee's (ERC-1271).
    verifyReceipt: usageReceiptVerifier(
      client(chain.rpcUrl),
      chain.id,
      m.contracts.MeteredLicenses,
    ),
    warn: (message) => console.warn(message),
  };
}

/**
 * The caller of a request: a bearer token's account (a refused token is not silently ignored: its
 * reason is given), else the signed-in session's, else null.
 */
export async function gatewayCaller(
  event: Pick<RequestEvent, 'cookies' | 'request'>,
): Promise<{ account: Address | null; unauthenticated?: string }> {
  const header = event.request.headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match)
      return {
        account: null,
        unauthenticated: 'The Authorization header must be "Bearer <token>".',
      };
    const account = await (await gatewayTokens()).account(match[1]);
    return account
      ? { account }
      : {
          account: null,
          unauthenticated:
            'This gateway token is unknown or expired (tokens last 1 hour): get a new one from POST /api/gateway/token.',
        };
  }
  const session = await currentSession(event);
  return { account: session?.address ?? null };
}

/** A refusal as plain text (curl prints it; a browser shows it). */
export function refusal(err: unknown): Response {
  const known = err instanceof GatewayError;
  if (!known) console.error(err);
  return new Response(
    `${known ? err.message : 'The gateway could not serve this file right now (its database did not answer).'}\n`,
    {
      status: known ? err.status : 503,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    },
  );
}
