// Starts and stops the indexer (Ponder, indexer/) beside a chain: used by `npm start`,
// `npm run indexer`, the indexer tests and `npm run bench:indexer`.
//
// Ponder resumes after a restart (crash recovery) when it finds its own database schema with the
// same build; a schema used by another build makes it stop. So the schema, and with PGlite the
// database folder, are named after what the index depends on:
//   - the chain instance: chain id and the hash of the deployment's start block (a local chain
//     started over gets a new index, though its chain id and addresses repeat);
//   - the indexer's code and the ABIs (a new build reindexes from the start block).
// A restart with the same chain and code resumes where the previous run stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createPublicClient, http, type Hex } from 'viem';
import { readManifest, manifestPath, type Manifest } from '../../protocol/manifest.ts';
import { ROOT } from '../../protocol/paths.ts';

export const INDEXER_DIR = path.join(ROOT, 'indexer');
export const DEFAULT_INDEXER_PORT = 42069;
const PONDER_BIN = path.join(ROOT, 'node_modules', 'ponder', 'dist', 'esm', 'bin', 'ponder.js');
const PROTOCOL_DIR = path.join(ROOT, 'protocol');
const GENERATED_ABIS = path.join(PROTOCOL_DIR, 'generated', 'contracts.ts');

export interface IndexerOptions {
  rpcUrl: string;
  chainId: number;
  /** Where `<chainId>.json` is read from. */
  deploymentsDir: string;
  /** Curia's data folder: PGlite databases go to `<dataDir>/indexer/`, cards are read from `<dataDir>/docs`. */
  dataDir: string;
  /** HTTP port of the indexer's API (default INDEXER_PORT, else 42069). */
  port?: number;
  /** PostgreSQL connection string; default DATABASE_URL; unset: embedded PGlite. */
  databaseUrl?: string;
  /** Where the model cards are (default CURIA_DOCS_DIR, else `<dataDir>/docs`). */
  docsDir?: string;
  /** The indexer's output is appended here (it is also kept in memory for `logTail`). */
  logFile?: string;
  /** Also print the indexer's output (npm start, npm run indexer). */
  echo?: (line: string) => void;
  /** Aborting it while the indexer starts stops it (SIGTERM, as `stop()`) and rejects. */
  signal?: AbortSignal;
}

export interface IndexedHead {
  block: number;
  timestamp: number;
}

export interface Indexer {
  url: string;
  /** The database schema the index lives in. */
  schema: string;
  database: { kind: 'pglite'; directory: string } | { kind: 'postgres' };
  child: ChildProcess;
  /** Resolves with Ponder's exit code (null: ended by a signal). */
  exited: Promise<number | null>;
  logTail: (lines?: number) => string;
  /** The block the index has processed, from Ponder's /status (undefined before the first one). */
  head: () => Promise<IndexedHead | undefined>;
  /** Resolves once the backfill is done (Ponder's /ready answers 200). */
  waitForReady: (timeoutMs?: number) => Promise<void>;
  /** Resolves once the index has processed block `block`. */
  waitForBlock: (block: number | bigint, timeoutMs?: number) => Promise<IndexedHead>;
  /** SIGTERM, then waits for Ponder to release its database; SIGKILL after `timeoutMs`. */
  stop: (timeoutMs?: number) => Promise<void>;
}

function filesUnder(dir: string, skip: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ts|js|mts)$/.test(d.name))
    .map((d) => path.join(d.parentPath, d.name))
    .filter((f) => !skip(f))
    .sort();
}

/** A hash of everything the index's content depends on but the chain: code, ABIs, Ponder's version. */
export function indexerCodeHash(manifest: Manifest): string {
  const hash = createHash('sha256');
  const files = [
    ...['ponder.config.ts', 'ponder.schema.ts', 'settings.ts'].map((f) =>
      path.join(INDEXER_DIR, f),
    ),
    ...filesUnder(path.join(INDEXER_DIR, 'src'), (f) =>
      f.startsWith(path.join(INDEXER_DIR, 'src', 'api')),
    ),
    // protocol/: the ABIs, the contract table, the enums, the manifest, the cards.
    ...filesUnder(PROTOCOL_DIR, () => false),
    path.join(ROOT, 'node_modules', 'ponder', 'package.json'),
  ];
  for (const file of files) {
    hash.update(path.relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  }
  hash.update(JSON.stringify({ ...manifest, parameters: undefined }));
  return hash.digest('hex');
}

/** The chain instance: the hash of the block the deployment started at. */
async function chainInstance(rpcUrl: string, manifest: Manifest): Promise<Hex> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 2 }) });
  const block = await client.getBlock({ blockNumber: BigInt(manifest.startBlock) });
  if (!block.hash) throw new Error(`block ${manifest.startBlock} has no hash yet`);
  return block.hash;
}

/** INDEXER_PORT (default 42069), checked as the other ports are. */
export function indexerPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.INDEXER_PORT;
  if (raw === undefined || raw === '') return DEFAULT_INDEXER_PORT;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new Error(`INDEXER_PORT must be an integer between 1 and 65535, got "${raw}"`);
  }
  return value;
}

/** The PGlite folders of the indexes of one chain id under `dataDir` (all builds, all instances). */
export function removeLocalIndexes(dataDir: string, chainId: number): string[] {
  const root = path.join(dataDir, 'indexer');
  if (!fs.existsSync(root)) return [];
  const removed: string[] = [];
  for (const name of fs.readdirSync(root)) {
    if (name.startsWith(`${chainId}-`)) {
      fs.rmSync(path.join(root, name), { recursive: true, force: true });
      removed.push(path.join(root, name));
    }
  }
  return removed;
}

export function indexerUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Spawns Ponder (`ponder start`) for the deployment on `chainId` and waits until it answers. */
export async function startIndexer(opts: IndexerOptions, timeoutMs = 60_000): Promise<Indexer> {
  if (!fs.existsSync(GENERATED_ABIS)) {
    throw new Error(
      'the typed ABIs are missing (protocol/generated/contracts.ts): run npm run gen',
    );
  }
  const manifest = readManifest(opts.deploymentsDir, opts.chainId);
  if (!manifest) {
    throw new Error(`no deployment manifest ${manifestPath(opts.deploymentsDir, opts.chainId)}`);
  }
  const port = opts.port ?? Number(process.env.INDEXER_PORT || DEFAULT_INDEXER_PORT);
  const databaseUrl = opts.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  const code = indexerCodeHash(manifest);
  const instance = (await chainInstance(opts.rpcUrl, manifest)).slice(2, 10);

  let database: Indexer['database'];
  let schema: string;
  if (databaseUrl) {
    // One database may hold several chains and builds side by side (`npx ponder db prune` in
    // indexer/ drops the schemas no running indexer uses).
    schema = `curia_${opts.chainId}_${instance}_${code.slice(0, 8)}`;
    database = { kind: 'postgres' };
  } else {
    // One folder per chain instance and build (so one schema, Ponder's default); older folders of
    // the same chain id are dropped.
    const root = path.join(opts.dataDir, 'indexer');
    const name = `${opts.chainId}-${instance}-${code.slice(0, 8)}`;
    fs.mkdirSync(root, { recursive: true });
    for (const other of fs.readdirSync(root)) {
      if (other.startsWith(`${opts.chainId}-`) && other !== name) {
        fs.rmSync(path.join(root, other), { recursive: true, force: true });
      }
    }
    database = { kind: 'pglite', directory: path.join(root, name) };
    schema = 'public';
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: 'true',
    INDEXER_RPC_URL: opts.rpcUrl,
    INDEXER_CHAIN_ID: String(opts.chainId),
    CURIA_DEPLOYMENTS_DIR: opts.deploymentsDir,
    CURIA_DATA_DIR: opts.dataDir,
    ...(opts.docsDir ? { CURIA_DOCS_DIR: opts.docsDir } : {}),
  };
  // Ponder lets PORT override --port; DATABASE_URL is passed only when we chose PostgreSQL.
  delete env.PORT;
  delete env.DATABASE_URL;
  delete env.DATABASE_PRIVATE_URL;
  delete env.DATABASE_SCHEMA;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  if (database.kind === 'pglite') env.CURIA_INDEXER_DB_DIR = database.directory;

  let log: number | undefined;
  if (opts.logFile) {
    fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
    log = fs.openSync(opts.logFile, 'a');
  }
  const child = spawn(
    process.execPath,
    [PONDER_BIN, 'start', '--schema', schema, '--port', String(port), '--hostname', '127.0.0.1'],
    { cwd: INDEXER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const tail: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    if (log !== undefined) fs.writeSync(log, chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      tail.push(line);
      opts.echo?.(line);
    }
    if (tail.length > 500) tail.splice(0, tail.length - 500);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (c, signal) => {
      if (log !== undefined) fs.closeSync(log);
      resolve(signal ? null : c);
    });
    child.once('error', () => resolve(-1));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const killOnExit = () => {
    if (alive() && child.pid) process.kill(-child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const url = indexerUrl(port);
  const logTail = (lines = 15) => [...tail, partial].filter(Boolean).slice(-lines).join('\n');
  const get = async (route: string) => {
    const res = await fetch(`${url}${route}`, { signal: AbortSignal.timeout(5_000) });
    return res;
  };
  const head = async (): Promise<IndexedHead | undefined> => {
    const res = await get('/status');
    if (!res.ok) return undefined;
    const status = (await res.json()) as Record<
      string,
      { block?: { number: number; timestamp: number } }
    >;
    const chain = Object.values(status)[0];
    return chain?.block
      ? { block: chain.block.number, timestamp: chain.block.timestamp }
      : undefined;
  };
  const poll = async <T>(what: string, ms: number, probe: () => Promise<T | undefined>) => {
    const deadline = Date.now() + ms;
    let last: unknown;
    while (Date.now() < deadline) {
      if (opts.signal?.aborted)
        throw new Error(`cancelled while waiting for the indexer to ${what}`);
      if (!alive()) {
        throw new Error(`the indexer stopped (exit ${child.exitCode}) ${what}:\n${logTail()}`);
      }
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (err) {
        last = err;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const reason = last ? ` (${(last as Error).message})` : '';
    throw new Error(`the indexer did not ${what} within ${ms} ms${reason}:\n${logTail()}`);
  };
  const stop = async (ms = 20_000) => {
    if (!alive() || !child.pid) return;
    // Ponder shuts down on SIGTERM: it stops indexing, unlocks its schema and closes the database.
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (alive() && child.pid) process.kill(-child.pid, 'SIGKILL');
    }, ms);
    await exited;
    clearTimeout(timer);
  };

  const indexer: Indexer = {
    url,
    schema,
    database,
    child,
    exited,
    logTail,
    head,
    waitForReady: (ms = 120_000) =>
      poll('finish its backfill', ms, async () =>
        (await get('/ready')).ok ? true : undefined,
      ).then(() => undefined),
    waitForBlock: (block, ms = 120_000) =>
      poll(`reach block ${block}`, ms, async () => {
        const h = await head();
        return h && BigInt(h.block) >= BigInt(block) ? h : undefined;
      }),
    stop,
  };
  try {
    await poll('answer', timeoutMs, async () => ((await get('/health')).ok ? true : undefined));
  } catch (err) {
    await stop();
    throw err;
  }
  return indexer;
}
