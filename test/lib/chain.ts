// Saved chains for the tests: Curia deployed on anvil once (and the demo world seeded once), the
// chain's state saved (anvil's state file) beside the manifest (and the seed's data folder), under
// .cache/chains/ (gitignored), keyed on everything the chain depends on: the compiled contracts,
// the deploy script and its config, the seed's code, the accounts and anvil's version. The first
// test that needs one builds it (a fresh clone: once per run); the others start their own anvil
// from it (`anvil --load-state`, well under a second) instead of deploying and seeding again.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fundRelayer } from '../../scripts/lib/accounts.ts';
import { resumeChainClock, startAnvil, type Anvil } from '../../scripts/lib/anvil.ts';
import { deployCuria } from '../../scripts/lib/deploy.ts';
import { indexerCodeHash, startIndexer } from '../../scripts/lib/indexer.ts';
import { readManifest, type Manifest } from '../../protocol/manifest.ts';
import { ROOT } from '../../protocol/paths.ts';
import { withFileLock } from '../../scripts/lib/lock.ts';
import {
  createDatabase,
  databaseExists,
  dropDatabase,
  renameDatabase,
} from '../../scripts/lib/postgres.ts';
import { freePort, rpc } from '../../scripts/lib/rpc.ts';

export const CHAINS_CACHE = path.join(ROOT, '.cache', 'chains');

/** The saved chains' id: their own, so that no other deployment manifest is touched. */
export const TEST_CHAIN_ID = 31_338_001;

export type ChainKind = 'deployed' | 'seeded';

export interface SavedChain {
  kind: ChainKind;
  chainId: number;
  /** anvil's state file (`--load-state`). */
  stateFile: string;
  /** Holds `<chainId>.json`, the deployment's manifest. */
  deploymentsDir: string;
  manifest: Manifest;
  /** `seeded`: the seed's data folder (seed.json, docs/, files/), as `seed()` left it. */
  dataDir?: string;
}

function files(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .filter(keep)
    .sort();
}

/** A hash of what a saved chain of `kind` depends on. */
export function chainHash(kind: ChainKind): string {
  const hash = createHash('sha256');
  hash.update(`${kind} ${TEST_CHAIN_ID} historical-states`);
  const inputs = [
    // The compiled contracts and scripts (forge's artifacts; build-info holds build ids only).
    ...files(path.join(ROOT, 'out'), (f) => f.endsWith('.json') && !f.includes('build-info')),
    ...files(path.join(ROOT, 'config'), (f) => f.endsWith('.toml')),
    ...['Deploy.s.sol', 'lib/deploy.ts', 'lib/deploy-config.ts', 'lib/accounts.ts'].map((f) =>
      path.join(ROOT, 'scripts', f),
    ),
    path.join(ROOT, 'node_modules', '@foundry-rs', 'anvil', 'package.json'),
    ...(kind === 'seeded'
      ? [
          ...files(path.join(ROOT, 'scripts'), (f) => /\.(ts|js|json)$/.test(f)),
          ...files(path.join(ROOT, 'web', 'lib'), (f) => /\.(ts|js)$/.test(f)),
          ...files(path.join(ROOT, 'protocol'), (f) => /\.(ts|js|json)$/.test(f)),
        ]
      : []),
  ];
  for (const file of inputs) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function readSaved(kind: ChainKind, dir: string): SavedChain | undefined {
  const deploymentsDir = path.join(dir, 'deployments');
  const stateFile = path.join(dir, 'state.json');
  const dataDir = kind === 'seeded' ? path.join(dir, 'data') : undefined;
  if (!fs.existsSync(stateFile)) return undefined;
  if (dataDir && !fs.existsSync(path.join(dataDir, 'seed.json'))) return undefined;
  const manifest = readManifest(deploymentsDir, TEST_CHAIN_ID);
  return manifest
    ? { kind, chainId: TEST_CHAIN_ID, stateFile, deploymentsDir, manifest, dataDir }
    : undefined;
}

/**
 * A saved chain of `kind`: Curia deployed (and the portal's relayer funded); `seeded`: then the
 * demo world seeded (scripts/seed). Saved by an earlier test of this run or of an earlier run
 * with the same code, else built now and saved.
 */
export async function savedChain(kind: ChainKind): Promise<SavedChain> {
  const name = `${kind}-${chainHash(kind)}`;
  const dir = path.join(CHAINS_CACHE, name);
  const found = readSaved(kind, dir);
  if (found) return found;
  fs.mkdirSync(CHAINS_CACHE, { recursive: true });
  // One builder at a time (the two lanes of `npm test` may both need it): the others wait for it.
  return withFileLock(
    path.join(CHAINS_CACHE, `${name}.lock`),
    async () => readSaved(kind, dir) ?? (await buildChain(kind, name, dir)),
    { staleMs: 20 * 60_000, ready: () => readSaved(kind, dir) },
  );
}

async function buildChain(kind: ChainKind, name: string, dir: string): Promise<SavedChain> {
  // A seeded chain starts from the deployed one.
  const base = kind === 'seeded' ? await savedChain('deployed') : undefined;
  // Built in a folder of its own, then renamed into place: a reader never sees half of it.
  const tmp = fs.mkdtempSync(path.join(CHAINS_CACHE, `.${name}-`));
  const deploymentsDir = path.join(tmp, 'deployments');
  const anvil = await startAnvil({
    port: await freePort(),
    chainId: TEST_CHAIN_ID,
    loadState: base?.stateFile,
    // Saved when anvil stops, with the recent blocks' states (an index a few blocks behind the
    // head still reads the chain at its block).
    dumpState: path.join(tmp, 'state.json'),
    logFile: path.join(tmp, 'anvil.log'),
  });
  try {
    if (base) {
      fs.cpSync(base.deploymentsDir, deploymentsDir, { recursive: true });
      await resumeChainClock(anvil.url);
      const { seed } = await import('../../scripts/seed/index.ts');
      await seed({ rpcUrl: anvil.url, manifest: base.manifest, dataDir: path.join(tmp, 'data') });
    } else {
      await deployCuria({
        rpcUrl: anvil.url,
        chainId: TEST_CHAIN_ID,
        deploymentsDir,
        configFile: 'config/deploy.local.toml',
      });
      await fundRelayer(anvil.url);
    }
  } catch (err) {
    await anvil.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  await anvil.stop(120_000); // anvil writes the state file as it stops
  fs.rmSync(path.join(tmp, 'anvil.log'), { force: true });
  // Older saves of this kind (other code) go.
  for (const other of fs.readdirSync(CHAINS_CACHE)) {
    if (other.startsWith(`${kind}-`) && !other.endsWith('.lock')) {
      fs.rmSync(path.join(CHAINS_CACHE, other), { recursive: true, force: true });
    }
  }
  fs.renameSync(tmp, dir);
  const saved = readSaved(kind, dir);
  if (!saved) throw new Error(`the saved chain ${dir} is incomplete`);
  return saved;
}

export interface LoadedChain {
  anvil: Anvil;
  chainId: number;
  manifest: Manifest;
  /** A copy of the manifest's folder, under the caller's folder. */
  deploymentsDir: string;
  /** `seeded`: a copy of the seed's data folder, under the caller's folder. */
  dataDir?: string;
}

/**
 * Starts an anvil of the caller's own from the saved chain of `kind` (building it first if
 * needed), with copies of its manifest (and seed data) under `dir`.
 */
export async function loadChain(kind: ChainKind, dir: string): Promise<LoadedChain> {
  const saved = await savedChain(kind);
  const deploymentsDir = path.join(dir, 'deployments');
  fs.cpSync(saved.deploymentsDir, deploymentsDir, { recursive: true });
  let dataDir: string | undefined;
  if (saved.dataDir) {
    dataDir = path.join(dir, 'data');
    fs.cpSync(saved.dataDir, dataDir, { recursive: true });
  }
  const anvil = await startAnvil({
    port: await freePort(),
    chainId: saved.chainId,
    loadState: saved.stateFile,
    logFile: path.join(dir, 'anvil.log'),
  });
  // The seeded world's periods (votes, challenges, appeals) run on the chain's clock: it resumes
  // right after the seed's last block. A deployed chain has none yet, so it takes the wall clock.
  if (kind === 'seeded') await resumeChainClock(anvil.url);
  return { anvil, chainId: saved.chainId, manifest: saved.manifest, deploymentsDir, dataDir };
}

/**
 * The index of the saved chain of `kind`, built once per PostgreSQL server (the e2e suite's) into a
 * database used as a template: a stack creates its own database from it (`CREATE DATABASE …
 * TEMPLATE`, a file copy) and its indexer resumes there (Ponder's crash recovery: same chain
 * instance, same build) instead of indexing the whole seeded history again (~1 min a file).
 * Returns the template's name.
 */
export async function indexTemplate(kind: ChainKind, serverUrl: string): Promise<string> {
  const saved = await savedChain(kind);
  const name = `index_${kind}_${indexerCodeHash(saved.manifest).slice(0, 16)}`;
  const lock = path.join(os.tmpdir(), `curia-${name}-${new URL(serverUrl).port}.lock`);
  return withFileLock(
    lock,
    async () => {
      if (!(await databaseExists(serverUrl, name))) await buildIndex(saved, serverUrl, name);
      return name;
    },
    { staleMs: 20 * 60_000 },
  );
}

async function buildIndex(saved: SavedChain, serverUrl: string, name: string): Promise<void> {
  // Built under another name, then renamed: a database of that name is always a whole index.
  const building = `${name}_building`;
  await dropDatabase(serverUrl, building);
  const databaseUrl = await createDatabase(serverUrl, building);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-index-'));
  const anvil = await startAnvil({
    port: await freePort(),
    chainId: saved.chainId,
    loadState: saved.stateFile,
    logFile: path.join(tmp, 'anvil.log'),
  });
  try {
    const indexer = await startIndexer(
      {
        rpcUrl: anvil.url,
        chainId: saved.chainId,
        deploymentsDir: saved.deploymentsDir,
        dataDir: tmp,
        docsDir: saved.dataDir ? path.join(saved.dataDir, 'docs') : undefined,
        port: await freePort(),
        databaseUrl,
        logFile: path.join(tmp, 'indexer.log'),
      },
      // A hang guard: Ponder's first start compiles its configuration (minutes on a busy machine).
      180_000,
    );
    try {
      const head = await rpc<string>(anvil.url, 'eth_blockNumber', []);
      await indexer.waitForBlock(BigInt(head), 300_000);
    } finally {
      await indexer.stop(); // closes its connections: a template must have none
    }
  } finally {
    await anvil.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  await renameDatabase(serverUrl, building, name);
}
