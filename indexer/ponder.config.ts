// Ponder configuration: every contract of the deployment manifest of one chain, from the block the
// deployment started at. Settings come from the environment (indexer/settings.ts); start it with
// scripts/lib/indexer.ts (`npm run indexer`, or `npm start`), which also picks the database schema.
import { createConfig } from 'ponder';
import { CURIA_ABIS } from '../protocol/contracts.ts';
import { indexerSettings } from './settings.ts';

const settings = indexerSettings();
// readManifest has checked that every required contract (protocol/contracts.ts) is there.
const { manifest } = settings;

const contract = <const N extends keyof typeof CURIA_ABIS>(name: N) => ({
  chain: 'curia' as const,
  abi: CURIA_ABIS[name],
  address: manifest.contracts[name],
  startBlock: manifest.startBlock,
});

export default createConfig({
  database: settings.databaseUrl
    ? { kind: 'postgres', connectionString: settings.databaseUrl, poolConfig: { max: 10 } }
    : { kind: 'pglite', directory: settings.pgliteDir },
  chains: {
    curia: {
      id: settings.chainId,
      // Ponder paces each RPC endpoint it is given (20 requests/s at first, rising slowly while
      // the provider keeps up), which is right for hosted providers and ten times too slow for a
      // local anvil: the same local URL given several times is several paced endpoints.
      rpc: settings.local ? Array.from({ length: 16 }, () => settings.rpcUrl) : settings.rpcUrl,
      // anvil mines on demand: poll often so the index follows within a fraction of a second.
      pollingInterval: settings.local ? 200 : 1_000,
      // A local chain can be started over under the same chain id (`npm start -- --fresh`), and a
      // PostgreSQL database shares Ponder's RPC cache across schemas: never cache a local chain
      // there. PGlite keeps one database folder per chain instance (scripts/lib/indexer.ts).
      disableCache: settings.local && settings.databaseUrl !== undefined,
    },
  },
  contracts: {
    CuriaToken: contract('CuriaToken'),
    TimelockController: contract('TimelockController'),
    CuriaGovernor: contract('CuriaGovernor'),
    ModelRegistry: contract('ModelRegistry'),
    CurationRegistry: contract('CurationRegistry'),
    Marketplace: contract('Marketplace'),
    MeteredLicenses: contract('MeteredLicenses'),
    AuditRegistry: contract('AuditRegistry'),
    // Only local deployments have the test stablecoin.
    ...(manifest.contracts.TestStablecoin ? { TestStablecoin: contract('TestStablecoin') } : {}),
  },
});
