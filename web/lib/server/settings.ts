// Server-only settings, read from the environment at run time (so `node build` honours them).
import path from 'node:path';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { LOCAL_CHAIN_ID, networkName, type ChainSettings } from '$lib/config';

function chainIdFromEnv(): number {
  const raw = publicEnv.PUBLIC_CHAIN_ID || env.ANVIL_CHAIN_ID;
  const id = raw ? Number(raw) : LOCAL_CHAIN_ID;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new Error(`PUBLIC_CHAIN_ID must be a positive integer, got "${raw}"`);
  }
  return id;
}

/** The chain the portal talks to: PUBLIC_CHAIN_ID and PUBLIC_RPC_URL, localhost by default. */
export function chainSettings(): ChainSettings {
  const id = chainIdFromEnv();
  const port = env.ANVIL_PORT || '8545';
  const rpcUrl = publicEnv.PUBLIC_RPC_URL || `http://127.0.0.1:${port}`;
  const local = id === LOCAL_CHAIN_ID || publicEnv.PUBLIC_DEMO_ACCOUNTS === '1';
  return {
    id,
    rpcUrl,
    name: networkName(id, local),
    demoAccounts: publicEnv.PUBLIC_DEMO_ACCOUNTS ? publicEnv.PUBLIC_DEMO_ACCOUNTS === '1' : local,
    indexerUrl: publicIndexerUrl(),
  };
}

/**
 * The indexer as the browser reaches it: PUBLIC_INDEXER_URL ("off" for none), else
 * http://127.0.0.1:$INDEXER_PORT (42069), where `npm start` runs it.
 */
function publicIndexerUrl(): string | null {
  const url = publicEnv.PUBLIC_INDEXER_URL;
  if (url === 'off') return null;
  return url || `http://127.0.0.1:${env.INDEXER_PORT || '42069'}`;
}

/**
 * The indexer as the server reaches it (load functions): INDEXER_URL when the server sees it at
 * another address than the browser (a private network), else the public URL. Null: no index.
 */
export function serverIndexerUrl(): string | null {
  if (env.INDEXER_URL === 'off') return null;
  return env.INDEXER_URL || publicIndexerUrl();
}

/** Where the deployment manifests live (CURIA_DEPLOYMENTS_DIR, default deployments/). */
export function deploymentsDir(): string {
  return path.resolve(env.CURIA_DEPLOYMENTS_DIR || 'deployments');
}

/** Where content-addressed documents are kept: $CURIA_DATA_DIR/docs/<cid> (default data/docs). */
export function docsDir(): string {
  return path.resolve(env.CURIA_DOCS_DIR || path.join(env.CURIA_DATA_DIR || 'data', 'docs'));
}
