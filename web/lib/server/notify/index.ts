// The portal's notifications, configured from the environment:
//   DATABASE_URL                 PostgreSQL shared by every instance; unset: PGlite in
//                                $CURIA_ACCOUNTS_DB_DIR (default $CURIA_DATA_DIR/accounts)
//   CURIA_NOTIFY_WORKER          "0": this instance serves pages only and runs no worker
//   CURIA_NOTIFY_INTERVAL_MS     pause between the worker's passes (default 1000)
//   CURIA_WEBHOOK_ALLOW_PRIVATE  "1": webhooks may point to loopback and private addresses
//   ORIGIN                       the portal's public URL (links in feeds and webhooks)
import { erc20Abi, type Address } from 'viem';
import { env } from '$env/dynamic/private';
import { createIndexerClient } from '$protocol/indexer/client';
import { appDb, appDbConfig } from '../appdb';
import { clientFor } from '../registry';
import { chainSettings, serverIndexerUrl } from '../settings';
import type { Db } from '../signals/db';
import { NotifyWorker } from './worker';

export function allowPrivateWebhooks(): boolean {
  return env.CURIA_WEBHOOK_ALLOW_PRIVATE === '1';
}

export function portalUrl(fallback?: string): string {
  return env.ORIGIN || fallback || `http://127.0.0.1:${env.PORT || '5173'}`;
}

export async function notifyDb(): Promise<Db> {
  return appDb(appDbConfig(env));
}

const KEY = Symbol.for('curia.notify.worker');

/** Starts this process's worker once (hooks.server.ts `init`); a no-op without an indexer. */
export async function startNotifyWorker(): Promise<void> {
  const g = globalThis as Record<symbol, unknown>;
  if (g[KEY] || env.CURIA_NOTIFY_WORKER === '0') return;
  const indexerUrl = serverIndexerUrl();
  if (!indexerUrl) return;
  const db = await notifyDb();
  const worker = new NotifyWorker({
    db,
    indexer: createIndexerClient({ baseUrl: indexerUrl, timeoutMs: 5_000 }),
    chainId: chainSettings().id,
    currencyOf: async (address) => {
      const { client } = clientFor(chainSettings());
      const token = { address: address as Address, abi: erc20Abi } as const;
      const [symbol, decimals] = await Promise.all([
        client.readContract({ ...token, functionName: 'symbol' }),
        client.readContract({ ...token, functionName: 'decimals' }),
      ]);
      return { address: address as Address, symbol, decimals };
    },
    portalUrl: portalUrl(),
    allowPrivate: allowPrivateWebhooks(),
    intervalMs: Number(env.CURIA_NOTIFY_INTERVAL_MS) || 1_000,
    log: (m) => console.warn(m),
    onPass: ({ scanned, sent }) => {
      if (env.CURIA_NOTIFY_LOG === '1' && (scanned?.inserted || scanned?.retracted || sent))
        console.log(
          `notify: ${new Date().toISOString()} head ${scanned?.head} inserted ${scanned?.inserted} retracted ${scanned?.retracted} sent ${sent}`,
        );
    },
  });
  g[KEY] = worker;
  worker.start();
  const stop = () => void worker.stop();
  process.once('sveltekit:shutdown', stop);
}
