// The portal's relayer, configured from the environment (server only):
//   CURIA_RELAYER_KEY           the relayer account's private key (0x + 64 hex); unset: relaying is off
//   CURIA_RELAY_LIMIT           relayed transactions per voter per window (default 10)
//   CURIA_RELAY_WINDOW_SECONDS  the window (default 3600)
// The rate limit is counted in this process's memory (one count per portal process, reset on restart).
import { env } from '$env/dynamic/private';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { curiaContracts } from '$lib/contracts';
import { loadManifest } from '../manifest';
import { chainSettings } from '../settings';
import { signalsClient } from '../signals/chain';
import { RateLimiter } from './limiter';
import { RelayService, type RelayWallet } from './service';

// One limiter per process and settings, kept across dev-server reloads.
const KEY = Symbol.for('curia.relay.limiters');
const limiters: Map<string, RateLimiter> =
  ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, RateLimiter> | undefined) ??
  new Map();
(globalThis as Record<symbol, unknown>)[KEY] = limiters;
const services = new Map<string, RelayService>();

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export type RelayResult =
  { ok: true; service: RelayService } | { ok: false; status: number; message: string };

export async function getRelay(): Promise<RelayResult> {
  const chain = chainSettings();
  const manifest = await loadManifest(chain.id);
  if (!manifest.ok) return { ok: false, status: 503, message: manifest.message };
  const key = (env.CURIA_RELAYER_KEY ?? '').trim();
  const count = positive(env.CURIA_RELAY_LIMIT, 10);
  const windowMs = positive(env.CURIA_RELAY_WINDOW_SECONDS, 3600) * 1000;
  const id = [
    chain.id,
    chain.rpcUrl,
    JSON.stringify(manifest.manifest.contracts),
    key,
    count,
    windowMs,
  ].join('|');
  let service = services.get(id);
  if (!service) {
    const limitKey = `${count}/${windowMs}`;
    let limiter = limiters.get(limitKey);
    if (!limiter) limiters.set(limitKey, (limiter = new RateLimiter({ count, windowMs })));
    const client = signalsClient(chain.id, chain.rpcUrl);
    let wallet: RelayWallet | undefined;
    let offReason: string | undefined;
    if (/^0x[0-9a-fA-F]{64}$/.test(key)) {
      wallet = createWalletClient({
        account: privateKeyToAccount(key as `0x${string}`),
        chain: client.chain,
        transport: http(chain.rpcUrl, { timeout: 10_000, retryCount: 1 }),
      });
    } else if (key) {
      offReason =
        'Voting without gas is off on this portal: its relayer key (CURIA_RELAYER_KEY) is not a private key (0x followed by 64 hexadecimal characters). Vote from your own wallet instead.';
    }
    service = new RelayService({
      chainId: chain.id,
      contracts: curiaContracts(manifest.manifest),
      client,
      wallet,
      offReason,
      limiter,
    });
    services.set(id, service);
  }
  return { ok: true, service };
}
