// Where the indexer reads the chain, the deployment and the model cards from. Shared by
// ponder.config.ts (inside the Ponder process) and scripts/lib/indexer.ts (which starts it), so
// both resolve the same environment the same way as the portal and `npm start` do.
//
//   INDEXER_RPC_URL   RPC the indexer reads (default PUBLIC_RPC_URL, else http://127.0.0.1:$ANVIL_PORT)
//   INDEXER_CHAIN_ID  chain id (default PUBLIC_CHAIN_ID, else ANVIL_CHAIN_ID, else 31337), as the portal
//   CURIA_DEPLOYMENTS_DIR, CURIA_DATA_DIR   as in .env.example (manifest, data folder)
//   CURIA_DOCS_DIR    content-addressed documents (default $CURIA_DATA_DIR/docs), as the portal
//   DATABASE_URL      PostgreSQL connection string; unset: embedded PGlite
//   CURIA_INDEXER_DB_DIR   PGlite directory (set by scripts/lib/indexer.ts; default $CURIA_DATA_DIR/indexer/<chainId>)
import path from 'node:path';
import { readManifest, manifestPath, type Manifest } from '../protocol/manifest.ts';
import { localConfig, rpcUrl as localRpcUrl } from '../protocol/paths.ts';

export interface IndexerSettings {
  chainId: number;
  rpcUrl: string;
  manifest: Manifest;
  dataDir: string;
  docsDir: string;
  /** PGlite directory (used when `databaseUrl` is unset). */
  pgliteDir: string;
  databaseUrl?: string;
  /** A node on this machine (anvil): blocks arrive fast and the chain may be reset under the same id. */
  local: boolean;
}

export function isLocalRpc(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

export function indexerSettings(env: NodeJS.ProcessEnv = process.env): IndexerSettings {
  const local = localConfig(env);
  const rawChainId = env.INDEXER_CHAIN_ID || env.PUBLIC_CHAIN_ID || env.ANVIL_CHAIN_ID;
  const chainId = rawChainId ? Number(rawChainId) : local.chainId;
  if (!Number.isSafeInteger(chainId) || chainId < 1) {
    throw new Error(`the chain id must be a positive integer, got "${rawChainId}"`);
  }
  const rpcUrl = env.INDEXER_RPC_URL || env.PUBLIC_RPC_URL || localRpcUrl(local.port);
  const manifest = readManifest(local.deploymentsDir, chainId);
  if (!manifest) {
    throw new Error(
      `no deployment manifest ${manifestPath(local.deploymentsDir, chainId)}: deploy Curia first (npm start)`,
    );
  }
  return {
    chainId,
    rpcUrl,
    manifest,
    dataDir: local.dataDir,
    docsDir: path.resolve(env.CURIA_DOCS_DIR || path.join(local.dataDir, 'docs')),
    pgliteDir: path.resolve(
      env.CURIA_INDEXER_DB_DIR || path.join(local.dataDir, 'indexer', String(chainId)),
    ),
    databaseUrl: env.DATABASE_URL || undefined,
    local: isLocalRpc(rpcUrl),
  };
}
