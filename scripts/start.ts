// `npm start`: the local Curia world. Starts anvil with persistent state, deploys Curia and seeds
// the demo world once, runs the indexer (Ponder) beside the chain, builds the portal when its
// sources changed and serves it, prints the URLs and the demo accounts with their roles, and runs
// until Ctrl-C, which stops the portal, the indexer and anvil (anvil last: it saves the chain); the
// next `npm start` resumes the chain, and the index from where it stopped.
//
//   npm start                    resume (or create) the local chain, index it and serve the portal
//   npm start -- --fresh         delete the saved chain, its manifest, seed record and index first
//   npm start -- --no-portal     no portal (the chain and the indexer)
//   npm start -- --no-indexer    no indexer (e.g. `npm run indexer` runs it in another terminal)
//
// Environment: ANVIL_PORT (8545), PORTAL_PORT (5173), INDEXER_PORT (42069), CURIA_DATA_DIR (data),
// CURIA_DOCS_DIR (<data>/docs: the document store the seed, the portal and the indexer share),
// CURIA_DEPLOYMENTS_DIR (deployments), CURIA_CONFIG (config/deploy.local.toml, read by
// Deploy.s.sol), ANVIL_CHAIN_ID (31337), DATABASE_URL (the index in PostgreSQL instead of PGlite);
// a .env file at the root may set them (see .env.example).
import fs from 'node:fs';
import path from 'node:path';
import { createPublicClient, http } from 'viem';
import { fundRelayer, GATEWAY_HOST, RELAYER } from './lib/accounts.ts';
import { resumeChainClock, spawnAnvil } from './lib/anvil.ts';
import { deployCuria } from './lib/deploy.ts';
import { ensureGenerated } from './lib/gen.ts';
import {
  indexerPort,
  indexerUrl,
  removeLocalIndexes,
  startIndexer,
  type Indexer,
} from './lib/indexer.ts';
import { manifestPath, readManifest, type Manifest } from '../protocol/manifest.ts';
import {
  anvilStateFile,
  displayPath,
  loadDotEnv,
  localConfig,
  type LocalConfig,
  portalPort,
  rpcUrl,
} from '../protocol/paths.ts';
import {
  buildPortal,
  copyBuild,
  portalBuildNeeded,
  portalSourceHash,
  readStamp,
  servePortal,
  type PortalServer,
} from './lib/portal.ts';
import { hasCode, isPortFree, nextFreePort, waitForRpc } from './lib/rpc.ts';
import { readSeedRecord, seedRecordPath, seedStatus } from './seed/index.ts';
import { PEOPLE } from './seed/people.ts';

const STATE_INTERVAL_SECONDS = 5;
const STOP_TIMEOUT_MS = 15_000;
// How long `npm start` waits for the index to catch up with the chain before saying it is ready
// (it keeps indexing afterwards; the portal says how far it got).
const INDEX_CATCH_UP_MS = 180_000;
const OPTIONS = ['--fresh', '--no-portal', '--no-indexer'];
const USAGE = 'usage: npm start [-- --fresh] [-- --no-portal] [-- --no-indexer]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const args = process.argv.slice(2);
for (const arg of args) {
  if (arg === '--help' || arg === '-h') {
    console.log(
      `${USAGE}\n  --fresh      delete the saved local chain, its manifest and seed record, then start over\n` +
        '  --no-portal  no portal build or server (the chain and the indexer)\n' +
        '  --no-indexer no indexer (the portal then looks for one at PUBLIC_INDEXER_URL, else 127.0.0.1:$INDEXER_PORT)',
    );
    process.exit(0);
  }
  if (!OPTIONS.includes(arg)) fail(`Unknown option ${arg}; ${USAGE}`);
}
const fresh = args.includes('--fresh');
const withPortal = !args.includes('--no-portal');
const withIndexer = !args.includes('--no-indexer');

let config: LocalConfig;
let webPort: number;
let indexPort: number;
try {
  loadDotEnv();
  config = localConfig();
  webPort = portalPort();
  indexPort = indexerPort();
} catch (err) {
  fail((err as Error).message);
}
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const url = rpcUrl(config.port);
const stateFile = anvilStateFile(config);
const anvilDir = path.dirname(stateFile);
const logFile = path.join(anvilDir, 'anvil.log');
const manifestFile = manifestPath(config.deploymentsDir, config.chainId);
const indexerLog = path.join(config.dataDir, 'indexer', `${config.chainId}.log`);

async function checkPort(port: number, variable: string, what: string): Promise<void> {
  if (await isPortFree(port)) return;
  const alt = await nextFreePort(port);
  fail(
    `Port ${port} on 127.0.0.1 is already in use (${what})` +
      (alt
        ? `; try another port: ${variable}=${alt} npm start`
        : `; set ${variable} to a free port`),
  );
}
await checkPort(config.port, 'ANVIL_PORT', 'is another `npm start` or anvil running?');
if (withPortal) {
  if (webPort === config.port)
    fail(`PORTAL_PORT and ANVIL_PORT are both ${webPort}; choose two ports`);
  await checkPort(webPort, 'PORTAL_PORT', 'is another `npm start` or a dev server running?');
}
if (withIndexer) {
  for (const [other, name] of [
    [config.port, 'ANVIL_PORT'],
    [withPortal ? webPort : -1, 'PORTAL_PORT'],
  ] as const) {
    if (indexPort === other)
      fail(`INDEXER_PORT and ${name} are both ${indexPort}; choose two ports`);
  }
  await checkPort(
    indexPort,
    'INDEXER_PORT',
    'is another `npm start` or `npm run indexer` running?',
  );
}

function wipeChain(reason: string): void {
  fs.rmSync(anvilDir, { recursive: true, force: true });
  fs.rmSync(manifestFile, { force: true });
  fs.rmSync(seedRecordPath(config.dataDir), { force: true });
  // The index of the old chain (a new chain gets a new one anyway; this frees the disk now). An
  // index in PostgreSQL is a schema of its own per chain instance: `npx ponder db prune` in
  // indexer/ drops the unused ones.
  removeLocalIndexes(config.dataDir, config.chainId);
  fs.rmSync(indexerLog, { force: true });
  console.log(
    `${reason}: deleted ${displayPath(anvilDir)}, ${displayPath(manifestFile)}, the seed record and the index`,
  );
}
if (fresh) wipeChain('--fresh');
else if (readSeedRecord(config.dataDir)?.status === 'seeding' && fs.existsSync(stateFile)) {
  wipeChain('The last seed of the demo world was interrupted, so the saved chain is half-seeded');
}
fs.mkdirSync(anvilDir, { recursive: true });
const resuming = fs.existsSync(stateFile);

const anvil = spawnAnvil({
  port: config.port,
  chainId: config.chainId,
  stateFile,
  stateInterval: STATE_INTERVAL_SECONDS,
  logFile,
});
let portal: PortalServer | undefined;
let indexer: Indexer | undefined;
let indexerStart: Promise<Indexer> | undefined;
let stopping = false;
const work = new AbortController();

void anvil.exited.then((code) => {
  if (stopping) return;
  const tail = anvil.logTail();
  if (/address already in use/i.test(tail)) {
    fail(
      `Port ${config.port} on 127.0.0.1 is already in use; set ANVIL_PORT to a free port and run npm start again`,
    );
  }
  fail(
    `anvil stopped unexpectedly (exit ${code ?? 'by signal'}); its log is ${displayPath(logFile)}:\n${tail}` +
      (resuming
        ? '\nIf its saved state is damaged, `npm start -- --fresh` starts a new chain.'
        : ''),
  );
});

async function shutdown(): Promise<void> {
  work.abort();
  if (portal) await portal.stop();
  // An indexer still starting sees the abort and stops itself.
  await indexerStart?.catch(() => undefined);
  // The indexer before anvil: Ponder stops indexing, unlocks its schema and closes the database.
  if (indexer) await indexer.stop(STOP_TIMEOUT_MS);
  await anvil.stop(STOP_TIMEOUT_MS);
}

async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  const parts = [
    portal && 'the portal',
    (indexer ?? indexerStart) && 'the indexer',
    'anvil',
  ].filter(Boolean);
  console.log(
    `\n${signal}: stopping ${parts.join(', ').replace(/, ([^,]*)$/, ' and $1')}, saving the chain to ${displayPath(stateFile)}…`,
  );
  await shutdown();
  console.log('Stopped.');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => void stop(signal));

try {
  // The ABIs (and the compiled contracts the deployment uses) while anvil starts.
  const generated = ensureGenerated(work.signal);
  const chainId = await waitForRpc(url, 60_000, anvil.exited);
  if (chainId !== config.chainId)
    throw new Error(`the chain at ${url} has id ${chainId}, expected ${config.chainId}`);
  console.log(
    `Curia local chain ${resuming ? 'resumed from' : 'started, saving to'} ${displayPath(stateFile)}`,
  );
  if (resuming) {
    const t = await resumeChainClock(url);
    console.log(
      `  chain clock resumed at ${new Date(t * 1000).toISOString().slice(0, 16)}Z (time passes only while it runs)`,
    );
  }
  if (await generated)
    console.log(`Compiled the contracts and generated the typed ABIs (${elapsed()}).`);

  // The portal builds while the chain is deployed and seeded.
  const sourceHash = withPortal ? portalSourceHash() : '';
  let portalBuild: Promise<unknown> | undefined;
  if (withPortal && portalBuildNeeded(sourceHash)) {
    console.log(
      readStamp()
        ? 'Building the portal (its sources changed since the last build)…'
        : 'Building the portal…',
    );
    portalBuild = buildPortal(config.dataDir, work.signal);
    portalBuild.catch(() => {}); // awaited below
  }

  let manifest: Manifest | undefined = readManifest(config.deploymentsDir, config.chainId);
  let deployedNow = false;
  if (manifest && (await hasCode(url, manifest.contracts.CuriaGovernor))) {
    console.log(`Curia is deployed (${displayPath(manifestFile)}); no redeploy.`);
  } else {
    if (manifest)
      console.log(
        `${displayPath(manifestFile)} points at no code on this chain (it was reset); redeploying.`,
      );
    console.log('Deploying Curia with scripts/Deploy.s.sol…');
    await deployCuria({
      rpcUrl: url,
      chainId: config.chainId,
      deploymentsDir: config.deploymentsDir,
      signal: work.signal,
    });
    manifest = readManifest(config.deploymentsDir, config.chainId);
    if (!manifest || !(await hasCode(url, manifest.contracts.CuriaGovernor))) {
      throw new Error(
        `the deployment finished but ${displayPath(manifestFile)} does not point at the deployed Governor`,
      );
    }
    deployedNow = true;
    fs.rmSync(seedRecordPath(config.dataDir), { force: true });
    console.log(`Deployed Curia (${displayPath(manifestFile)}, ${elapsed()}).`);
  }

  // The demo world, once per deployment.
  const status = deployedNow ? 'none' : seedStatus(config.dataDir, manifest);
  if (status === 'seeded') {
    console.log('The demo world is seeded; no reseed.');
  } else {
    const { curiaContracts } = await import('../protocol/contracts.ts');
    const registry = curiaContracts(
      manifest.contracts,
      createPublicClient({ transport: http(url) }),
    ).registry;
    if (!deployedNow && (await registry.read.modelCount()) > 0n) {
      console.log(
        'This chain already has registry entries but no seed record: not seeding it (`npm start -- --fresh` for the demo world).',
      );
    } else {
      console.log('Seeding the demo world (once; the chain clock moves ~19 days ahead)…');
      const { seed } = await import('./seed/index.ts');
      const record = await seed({
        rpcUrl: url,
        manifest,
        dataDir: config.dataDir,
        docsDir: config.docsDir,
        log: (line) => console.log(line),
        // The record says "seeded" only once anvil's periodic dump holds the whole seed, so that a
        // crash right after seeding cannot leave a record ahead of the saved chain.
        // (A dump finishing within a second may have started before the last transaction.)
        persisted: () => stateSavedAfter(Date.now() + 1_000),
      });
      console.log(`Seeded the demo world in ${((record.durationMs ?? 0) / 1000).toFixed(1)} s.`);
    }
  }

  // The indexer: resumes its index when this chain and the indexer's code are those it last saw
  // (Ponder's crash recovery), else indexes from the deployment's start block. It starts and
  // catches up while the portal build finishes and the portal starts.
  if (withIndexer) {
    const t = Date.now();
    indexerStart = startIndexer(
      {
        rpcUrl: url,
        chainId: config.chainId,
        deploymentsDir: config.deploymentsDir,
        dataDir: config.dataDir,
        docsDir: config.docsDir,
        port: indexPort,
        logFile: indexerLog,
        signal: work.signal,
      },
      90_000,
    ).then(
      (started) => {
        indexer = started;
        const where =
          started.database.kind === 'pglite'
            ? `PGlite in ${displayPath(started.database.directory)}`
            : `PostgreSQL, schema ${started.schema}`;
        console.log(
          `Indexer at ${started.url} (${where}; log ${displayPath(indexerLog)}), up in ${((Date.now() - t) / 1000).toFixed(1)} s.`,
        );
        void started.exited.then((code) => {
          if (stopping) return;
          console.error(
            `The indexer stopped unexpectedly (exit ${code ?? 'by signal'}); the portal's lists and history are unavailable until the next npm start. Its log is ${displayPath(indexerLog)}:\n${started.logTail(5)}`,
          );
        });
        return started;
      },
      (err: Error) => {
        throw new Error(
          `${err.message}\n(the indexer's log is ${displayPath(indexerLog)}; \`npm start -- --no-indexer\` runs without it)`,
        );
      },
    );
    indexerStart.catch(() => {}); // awaited below
  }

  if (portalBuild) {
    await portalBuild;
    console.log(`Built the portal (${elapsed()}).`);
  } else if (withPortal) {
    console.log('The portal build is up to date.');
  }
  if (withPortal) {
    // Gasless voting: the portal's relayer is a test account of the local chain, given ETH here,
    // unless CURIA_RELAYER_KEY is set (to another key, or to nothing: relaying off).
    const relayerKey = process.env.CURIA_RELAYER_KEY ?? RELAYER.privateKey;
    if (relayerKey === RELAYER.privateKey) await fundRelayer(url);
    // Pay per use: the gateway's host (test account 18 unless CURIA_GATEWAY_HOST_KEY says otherwise;
    // empty: metered downloads off), given ETH to redeem receipts (npm run redeem-receipts).
    const hostKey = process.env.CURIA_GATEWAY_HOST_KEY ?? GATEWAY_HOST.privateKey;
    if (hostKey === GATEWAY_HOST.privateKey) await fundRelayer(url, GATEWAY_HOST.address);
    // Served from a copy in the data folder: a later build (the e2e suite, the bench) replaces
    // build/ without pulling files from under this portal.
    const served = await copyBuild(path.join(config.dataDir, 'portal'));
    portal = await servePortal(
      webPort,
      {
        CURIA_RELAYER_KEY: relayerKey,
        CURIA_GATEWAY_HOST_KEY: hostKey,
        PUBLIC_RPC_URL: url,
        PUBLIC_CHAIN_ID: String(config.chainId),
        ANVIL_PORT: String(config.port),
        ANVIL_CHAIN_ID: String(config.chainId),
        CURIA_DATA_DIR: config.dataDir,
        CURIA_DOCS_DIR: config.docsDir,
        CURIA_DEPLOYMENTS_DIR: config.deploymentsDir,
        // The same URL for the browser and the portal's server (both on this machine).
        ...(withIndexer
          ? { PUBLIC_INDEXER_URL: indexerUrl(indexPort), INDEXER_URL: indexerUrl(indexPort) }
          : {}),
      },
      undefined,
      served,
    );
    void portal.exited.then((code) => {
      if (stopping) return;
      console.error(
        `The portal stopped unexpectedly (exit ${code ?? 'by signal'}):\n${portal!.output().trim().split('\n').slice(-5).join('\n')}`,
      );
    });
  }

  if (indexerStart) {
    const indexer = await indexerStart;
    const head = await createPublicClient({ transport: http(url) }).getBlockNumber();
    const t = Date.now();
    try {
      await indexer.waitForBlock(head, INDEX_CATCH_UP_MS);
      console.log(
        `Indexed to block ${head}, the chain's head (caught up in ${((Date.now() - t) / 1000).toFixed(1)} s).`,
      );
    } catch (err) {
      if (stopping) throw err;
      const at = await indexer.head().catch(() => undefined);
      console.log(
        `The index is still catching up (block ${at?.block ?? 'none yet'} of ${head}); it goes on in the background and the portal says how far it got.`,
      );
    }
  }

  printSummary(manifest);
  const where = [
    portal && `portal ${portal.url}`,
    indexer && `indexer ${indexer.url}`,
    `chain ${url}`,
  ]
    .filter(Boolean)
    .join(' · ');
  console.log(
    `\nReady at ${portal?.url ?? url} in ${elapsed()} (${where}). Ctrl-C stops; the chain is saved and the next \`npm start\` resumes it.`,
  );
} catch (err) {
  if (!stopping) {
    stopping = true;
    console.error(`npm start failed: ${(err as Error).message}`);
    await shutdown();
    process.exit(1);
  }
}

/** Waits until anvil has written its state file after `since` (it does every few seconds). */
async function stateSavedAfter(since: number): Promise<void> {
  const deadline = Date.now() + (STATE_INTERVAL_SECONDS + 10) * 1000;
  while (Date.now() < deadline) {
    if (fs.existsSync(stateFile) && fs.statSync(stateFile).mtimeMs > since) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `anvil did not save the chain to ${displayPath(stateFile)} within ${STATE_INTERVAL_SECONDS + 10} s`,
  );
}

function printSummary(manifest: Manifest): void {
  console.log('\nContracts');
  for (const [name, address] of Object.entries(manifest.contracts))
    console.log(`  ${name.padEnd(20)}${address}`);
  const record = readSeedRecord(config.dataDir);
  const world = record?.status === 'seeded' ? record.world : undefined;
  if (world) {
    const entries = Object.keys(world.entries).length;
    console.log(
      `\nDemo world: ${entries} registry entries (${world.versions} versions), ${Object.keys(world.proposals).length} proposals, ` +
        `${Object.keys(world.disputes).length} disputes, ${world.offers} license offers, ${world.sales.eth + world.sales.usd} sales; ` +
        `cards and documents in ${displayPath(config.docsDir)}, files in ${displayPath(path.join(config.dataDir, 'files'))}`,
    );
  }
  console.log("\nDemo accounts (anvil's public test keys: never use them on a real network)");
  for (const p of PEOPLE)
    console.log(
      `  ${String(p.index).padStart(2)}  ${p.name.padEnd(6)}${p.address}  ${p.roles.join(', ')}`,
    );
  console.log('\nTheir private keys (to import into a wallet)');
  for (const p of PEOPLE) console.log(`  ${String(p.index).padStart(2)}  ${p.privateKey}`);
  const relayerKey = process.env.CURIA_RELAYER_KEY ?? RELAYER.privateKey;
  console.log(
    relayerKey === RELAYER.privateKey
      ? `\nGasless votes and delegations are sent by the portal's relayer, test account ${RELAYER.index} ${RELAYER.address} (CURIA_RELAYER_KEY).`
      : relayerKey
        ? '\nGasless votes and delegations are sent by the relayer key in CURIA_RELAYER_KEY.'
        : '\nGasless voting is off (CURIA_RELAYER_KEY is empty).',
  );
}
