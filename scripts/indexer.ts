// `npm run indexer`: runs the indexer beside a running chain (`npm start` in another terminal, or
// any RPC), until Ctrl-C. A second run resumes where the first stopped.
//
// Environment (see indexer/settings.ts): INDEXER_RPC_URL, INDEXER_CHAIN_ID, INDEXER_PORT (42069),
// DATABASE_URL (PostgreSQL; unset: PGlite under $CURIA_DATA_DIR/indexer), CURIA_DATA_DIR,
// CURIA_DEPLOYMENTS_DIR, ANVIL_PORT, ANVIL_CHAIN_ID; a .env file at the root may set them.
import path from 'node:path';
import { DEFAULT_INDEXER_PORT, startIndexer } from './lib/indexer.ts';
import { manifestPath, readManifest } from '../protocol/manifest.ts';
import { displayPath, loadDotEnv, localConfig, rpcUrl } from '../protocol/paths.ts';

function fail(message: string): never {
  console.error(`npm run indexer: ${message}`);
  process.exit(1);
}

try {
  loadDotEnv();
} catch (err) {
  fail((err as Error).message);
}
const local = localConfig();
const chainId = Number(
  process.env.INDEXER_CHAIN_ID || process.env.PUBLIC_CHAIN_ID || local.chainId,
);
const url = process.env.INDEXER_RPC_URL || process.env.PUBLIC_RPC_URL || rpcUrl(local.port);
const port = Number(process.env.INDEXER_PORT || DEFAULT_INDEXER_PORT);
if (!Number.isSafeInteger(chainId) || chainId < 1) fail(`bad chain id "${chainId}"`);
if (!Number.isInteger(port) || port < 1 || port > 65_535) fail(`bad INDEXER_PORT "${port}"`);
const manifest = readManifest(local.deploymentsDir, chainId);
if (!manifest) {
  fail(
    `no deployment manifest ${displayPath(manifestPath(local.deploymentsDir, chainId))}: start the chain first (npm start)`,
  );
}

console.log(`Indexing Curia on chain ${chainId} (${url}) from block ${manifest.startBlock}…`);
let indexer;
try {
  indexer = await startIndexer({
    rpcUrl: url,
    chainId,
    deploymentsDir: local.deploymentsDir,
    dataDir: local.dataDir,
    port,
    logFile: path.join(local.dataDir, 'indexer', `${chainId}.log`),
    echo: (line) => console.log(line),
  });
} catch (err) {
  fail((err as Error).message);
}
const where =
  indexer.database.kind === 'pglite'
    ? `PGlite in ${displayPath(indexer.database.directory)}`
    : `PostgreSQL, schema ${indexer.schema}`;
console.log(
  `Indexer at ${indexer.url}: /api (portal), /sql (SQL over HTTP), /graphql, /status; ${where}. Ctrl-C stops it.`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the indexer (the next run resumes where it stopped)…`);
    void indexer.stop().then(() => process.exit(0));
  });
}
const code = await indexer.exited;
if (!stopping) fail(`the indexer stopped (exit ${code ?? 'by signal'})`);
