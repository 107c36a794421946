// `npm run bench:indexer`: how fast the indexer indexes, and how fast it answers model search, on
// a world scaled to 10,000 models and 100,000 events (not a test: it prints numbers).
//
// The world is made fast: a fresh in-memory anvil with Curia deployed by forge (the real deploy),
// then ~55,000 transactions sent in JSON-RPC batches from anvil's unlocked accounts with mining
// paused, and mined in full blocks: 10,000 models with cards (written to the data folder like the
// seed does), a second version of each with lineage, 2,000 listings, curator stakes, offers and
// license sales, until the contracts have emitted at least 100,000 events. Then the indexer starts
// on the finished chain (a backfill, as after a long outage or on a new server) and the benchmark
// measures events indexed per second, then model search and first-page latency through the API.
//
//   npm run bench:indexer                      PGlite (embedded), the default
//   npm run bench:indexer -- --db postgres     a throwaway PostgreSQL (Debian's postgresql)
//   npm run bench:indexer -- --db both
//   npm run bench:indexer -- --models 2000 --events 20000   a smaller world
//
// Results: printed, and written to data/bench/indexer.json (gitignored), with Ponder's logs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createPublicClient,
  encodeFunctionData,
  http,
  maxUint256,
  parseEther,
  zeroAddress,
  type Address,
  type PublicClient,
} from 'viem';
import { demoAccounts } from '../lib/accounts.ts';
import { startAnvil } from '../lib/anvil.ts';
import { deployCuria } from '../lib/deploy.ts';
import { startIndexer } from '../lib/indexer.ts';
import { readManifest, type Manifest } from '../../protocol/manifest.ts';
import { ROOT } from '../../protocol/paths.ts';
import { startPostgres } from '../lib/postgres.ts';
import { freePort } from '../lib/rpc.ts';
import { createIndexerClient, type ModelQuery } from '../../protocol/indexer/client.ts';
import { batchRpc, PER_BLOCK, writeCard, type Tx } from './world.ts';

type CuriaLib = typeof import('../../protocol/contracts.ts');

const { values: opts } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    models: { type: 'string', default: '10000' },
    events: { type: 'string', default: '100000' },
  },
});
const DATABASES = opts.db === 'both' ? ['pglite', 'postgres'] : [opts.db!];
for (const db of DATABASES) {
  if (db !== 'pglite' && db !== 'postgres')
    throw new Error(`--db must be pglite, postgres or both`);
}
const MODELS = Number(opts.models);
const TARGET_EVENTS = Number(opts.events);
const LISTED = Math.max(1, Math.round(MODELS / 5));
const CHAIN_ID = 0x1d3a;
/** Blocks hold ~330 of these transactions (anvil packs by gas limit, not gas used). */
const BLOCK_GAS_LIMIT = 200_000_000;
/** Blocks of sales sent while the indexer follows the chain. */
const LIVE_BLOCKS = 8;
const RESULTS = path.join(ROOT, 'data', 'bench', 'indexer.json');

const accounts = demoAccounts(10).map((a) => a.address);
const creators = accounts.slice(1, 9);
const curators = accounts;

const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- JSON-RPC in batches

let batch: ReturnType<typeof batchRpc>['batch'];
let call: ReturnType<typeof batchRpc>['call'];
let sendAll: ReturnType<typeof batchRpc>['sendAll'];

// ---------------------------------------------------------------- the world

async function buildWorld(
  lib: CuriaLib,
  manifest: Manifest,
  client: PublicClient,
  docsDir: string,
) {
  const A = manifest.contracts;
  const registry = (fn: 'registerModel' | 'publishVersion', args: unknown[]) =>
    encodeFunctionData({ abi: lib.CURIA_ABIS.ModelRegistry, functionName: fn, args } as never);
  const curation = (fn: 'applyForListing' | 'stake', args: unknown[]) =>
    encodeFunctionData({ abi: lib.CURIA_ABIS.CurationRegistry, functionName: fn, args } as never);
  const approve = (spender: Address) =>
    encodeFunctionData({
      abi: lib.CURIA_ABIS.CuriaToken,
      functionName: 'approve',
      args: [spender, maxUint256],
    });

  // 1. Models, in chunks: lineage names only entries of earlier chunks (already mined).
  const cards = [];
  for (let i = 0; i < MODELS; i++) cards.push(await writeCard(docsDir, i));
  const lineage = (i: number, chunkStart: number): bigint[] =>
    chunkStart > 0 && i % 3 === 0 ? [BigInt(1 + ((i * 7919) % chunkStart))] : [];
  const chunk = Math.max(1, Math.ceil(MODELS / 5));
  for (let start = 0; start < MODELS; start += chunk) {
    const txs: Tx[] = [];
    for (let i = start; i < Math.min(MODELS, start + chunk); i++) {
      const kind = i % 10 === 9 ? 1 : 0;
      txs.push({
        from: creators[i % creators.length],
        to: A.ModelRegistry,
        data: registry('registerModel', [kind, cards[i].hash, cards[i].uri, lineage(i, start)]),
      });
    }
    await sendAll(`register models ${start + 1}-${start + txs.length}`, txs);
  }
  const count = Number(
    await client.readContract({
      address: A.ModelRegistry,
      abi: lib.CURIA_ABIS.ModelRegistry,
      functionName: 'modelCount',
    }),
  );
  if (count !== MODELS) throw new Error(`expected ${MODELS} models, the registry has ${count}`);
  const owners: Address[] = [];
  for (let offset = 0; offset < MODELS; offset += 100) {
    const page = await client.readContract({
      address: A.ModelRegistry,
      abi: lib.CURIA_ABIS.ModelRegistry,
      functionName: 'getModels',
      args: [BigInt(offset), 100n],
    });
    for (const m of page) owners[Number(m.modelId)] = m.owner;
  }

  // 2. A second version of every model (a new card text, lineage to an earlier entry).
  const v2: Tx[] = [];
  for (let id = 1; id <= MODELS; id++) {
    const card = await writeCard(docsDir, MODELS + id);
    v2.push({
      from: owners[id],
      to: A.ModelRegistry,
      data: registry('publishVersion', [
        BigInt(id),
        1,
        card.hash,
        card.uri,
        id > 1 && id % 4 === 0 ? [BigInt(id - 1)] : [],
      ]),
    });
  }
  await sendAll('publish second versions', v2);

  // 3. Listings (bond in CUR) and curator stakes.
  await sendAll(
    'approvals',
    [...new Set([...creators, ...curators])].map((from) => ({
      from,
      to: A.CuriaToken,
      data: approve(A.CurationRegistry),
    })),
  );
  const listed = Array.from({ length: LISTED }, (_, k) => 1 + Math.floor((k * MODELS) / LISTED));
  await sendAll(
    'apply for listing',
    listed.map((id) => ({
      from: owners[id],
      to: A.CurationRegistry,
      data: curation('applyForListing', [BigInt(id)]),
    })),
  );
  // Events so far, and what sales will add (~6 each), decide how many stakes (2 events each) to make.
  // Two curators on every listed model (Staked and the CUR Transfer: 2 events each).
  let staked = 0;
  const stakeTxs = (n: number): Tx[] =>
    Array.from({ length: n }, () => {
      const k = staked++;
      const id = listed[k % listed.length];
      const curator = curators[Math.floor(k / listed.length) % curators.length];
      const amount = parseEther(String(1 + (k % 9)));
      return {
        from: curator,
        to: A.CurationRegistry,
        data: curation('stake', [BigInt(id), amount]),
      };
    });
  await sendAll('curator stakes', stakeTxs(2 * listed.length));

  // 4. Past the challenge period: offers, then license sales until the target (a sale emits
  // LicenseBought only: it fills its model's till; the count per sale is measured below).
  await call('evm_increaseTime', [3 * 86_400 + 3_600]);
  await call('evm_mine');
  const market = (fn: 'createOffer' | 'buyLicense', args: unknown[]) =>
    encodeFunctionData({ abi: lib.CURIA_ABIS.Marketplace, functionName: fn, args } as never);
  await sendAll(
    'license offers',
    listed.map((id) => ({
      from: owners[id],
      to: A.Marketplace!,
      data: market('createOffer', [
        BigInt(id),
        zeroAddress,
        parseEther('0.01'),
        30n * 86_400n,
        0n,
        'ipfs://bafkreibenchterms',
        `0x${'11'.repeat(32)}`,
      ]),
    })),
  );
  let sold = 0;
  const saleTxs = (n: number): Tx[] =>
    Array.from({ length: n }, () => {
      const k = sold++;
      return {
        from: accounts[(k * 3) % accounts.length],
        to: A.Marketplace!,
        data: market('buyLicense', [
          BigInt(1 + (k % listed.length)),
          accounts[(k * 7) % accounts.length],
        ]),
        value: parseEther('0.01'),
      };
    });
  const before = await countLogs(manifest, client);
  await sendAll('license sales', saleTxs(listed.length));
  const after = await countLogs(manifest, client);
  const perSale = (after - before) / listed.length;
  for (let missing = TARGET_EVENTS - after; missing > 0;) {
    await sendAll('more license sales', saleTxs(Math.ceil(missing / perSale)));
    missing = TARGET_EVENTS - (await countLogs(manifest, client));
  }
  // Ponder treats the last 30 blocks of an unknown chain as unfinalized and indexes them one by
  // one: empty blocks on top put the whole world in the backfill; live blocks are measured apart.
  for (let i = 0; i < 32; i++) await call('evm_mine');
  return { moreSales: (n: number) => sendAll('live license sales', saleTxs(n)) };
}

/** Every log of every Curia contract so far. */
async function countLogs(manifest: Manifest, client: PublicClient): Promise<number> {
  const latest = Number(await client.getBlockNumber({ cacheTime: 0 }));
  const address = Object.values(manifest.contracts);
  const calls = [];
  for (let block = manifest.startBlock; block <= latest; block++) {
    const tag = `0x${block.toString(16)}`;
    calls.push({ method: 'eth_getLogs', params: [{ address, fromBlock: tag, toBlock: tag }] });
  }
  let total = 0;
  // One block per call, a few calls per batch: responses stay small.
  for (let i = 0; i < calls.length; i += 10) {
    for (const logs of await batch(calls.slice(i, i + 10))) total += (logs as unknown[]).length;
  }
  return total;
}

// ---------------------------------------------------------------- measurements

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latency(label: string, runs: (() => Promise<unknown>)[]) {
  for (const run of runs.slice(0, 3)) await run(); // warm up
  const times: number[] = [];
  for (const run of runs) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const result = {
    queries: times.length,
    p50: +percentile(times, 50).toFixed(1),
    p95: +percentile(times, 95).toFixed(1),
    max: +times[times.length - 1].toFixed(1),
  };
  log(
    `  ${label.padEnd(34)} p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms (${result.queries} queries)`,
  );
  return result;
}

async function main() {
  const started = Date.now();
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  for (const db of DATABASES)
    fs.rmSync(path.join(path.dirname(RESULTS), `indexer-${db}.log`), { force: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-bench-indexer-'));
  const dataDir = path.join(tmp, 'data');
  const docsDir = path.join(dataDir, 'docs');
  const deploymentsDir = path.join(tmp, 'deployments');
  fs.mkdirSync(docsDir, { recursive: true });
  const anvil = await startAnvil({
    port: await freePort(),
    chainId: CHAIN_ID,
    logFile: path.join(tmp, 'anvil.log'),
  });
  ({ batch, call, sendAll } = batchRpc(anvil.url, log));
  const results: Record<string, unknown> = {
    models: MODELS,
    machine: `${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`,
  };
  try {
    log(`Deploying Curia on a fresh anvil (chain ${CHAIN_ID})…`);
    await deployCuria({ rpcUrl: anvil.url, chainId: CHAIN_ID, deploymentsDir });
    const manifest = readManifest(deploymentsDir, CHAIN_ID)!;
    const lib = await import('../../protocol/contracts.ts');
    const client = createPublicClient({
      transport: http(anvil.url, { batch: true }),
    }) as PublicClient;

    log(
      `Building a world of ${MODELS.toLocaleString('en')} models and ≥ ${TARGET_EVENTS.toLocaleString('en')} events…`,
    );
    await call('evm_setBlockGasLimit', [`0x${BLOCK_GAS_LIMIT.toString(16)}`]);
    await call('evm_setAutomine', [false]);
    const worldStart = Date.now();
    const world = await buildWorld(lib, manifest, client, docsDir);
    await call('evm_setAutomine', [true]);
    let events = await countLogs(manifest, client);
    let head = await client.getBlockNumber({ cacheTime: 0 });
    const blocks = Number(head) - manifest.startBlock;
    results.world = { events, blocks, seconds: (Date.now() - worldStart) / 1000 };
    log(
      `  world: ${events.toLocaleString('en')} events in ${blocks} blocks (${seconds(Date.now() - worldStart)})`,
    );

    for (const database of DATABASES) {
      log(
        `\nIndexing with ${database === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL (throwaway server)'}…`,
      );
      const postgres = database === 'postgres' ? await startPostgres() : undefined;
      const t0 = Date.now();
      const indexer = await startIndexer({
        rpcUrl: anvil.url,
        chainId: CHAIN_ID,
        deploymentsDir,
        dataDir: path.join(dataDir, database),
        docsDir,
        port: await freePort(),
        databaseUrl: postgres?.url,
        logFile: path.join(path.dirname(RESULTS), `indexer-${database}.log`),
      });
      const t1 = Date.now();
      try {
        await indexer.waitForBlock(head, 30 * 60_000);
        const t2 = Date.now();
        const api = createIndexerClient({ baseUrl: indexer.url, timeoutMs: 60_000 });
        const counts = await api.eventCounts();
        const indexed = counts.reduce((n, c) => n + c.count, 0);
        if (indexed !== events)
          throw new Error(`the index holds ${indexed} events, the chain ${events}`);
        const rate = indexed / ((t2 - t1) / 1000);
        log(
          `  started in ${seconds(t1 - t0)}; indexed ${indexed.toLocaleString('en')} events to block ${head} in ${seconds(t2 - t1)}: ${Math.round(rate).toLocaleString('en')} events/s (${Math.round(indexed / ((t2 - t0) / 1000)).toLocaleString('en')} events/s from launch)`,
        );

        // Live: the chain grows by LIVE_BLOCKS blocks of sales while the indexer follows it.
        await call('evm_setAutomine', [false]);
        const liveStart = Date.now();
        await world.moreSales(LIVE_BLOCKS * PER_BLOCK);
        const mined = Date.now();
        await call('evm_setAutomine', [true]);
        head = await client.getBlockNumber({ cacheTime: 0 });
        await indexer.waitForBlock(head, 10 * 60_000);
        const liveEnd = Date.now();
        const after = (await api.eventCounts()).reduce((n, c) => n + c.count, 0);
        const liveRate = (after - indexed) / ((liveEnd - liveStart) / 1000);
        log(
          `  live: ${(after - indexed).toLocaleString('en')} events in ${LIVE_BLOCKS} blocks indexed ${seconds(liveEnd - mined)} after the last one was mined: ${Math.round(liveRate).toLocaleString('en')} events/s while following the chain`,
        );
        events = after;

        const terms = [
          'aurora',
          'speech',
          'medical',
          'quartz 7b',
          'retrieval',
          'legal translation',
          'zephyr',
          '#4242',
          'climate',
          'tidal 350m',
        ];
        const queries: ModelQuery[] = [];
        for (const q of terms) {
          queries.push({ q }, { q, status: 'Listed' }, { q, sort: 'stake' });
        }
        for (const tag of ['asr', 'vision', 'finance']) queries.push({ tag, sort: 'newest' });
        queries.push(
          { kind: 'Dataset', sort: 'title' },
          { status: 'Listed', sort: 'sales' },
          { language: 'sw' },
        );
        const total = (await api.models({ limit: 1 })).total;
        if (total !== MODELS) throw new Error(`the index has ${total} models, expected ${MODELS}`);
        const search = await latency(
          'model search (text + filters)',
          queries.map((q) => () => api.models({ ...q, limit: 25 })),
        );
        const first = await latency(
          '/models first page (newest, 25)',
          Array.from({ length: 20 }, () => () => api.models({ limit: 25 })),
        );
        const detail = await latency(
          'one model with its record',
          Array.from({ length: 20 }, (_, i) => () => api.model(1 + ((i * 491) % MODELS))),
        );
        const history = await latency(
          'account history (first page)',
          accounts.map((a) => () => api.accountHistory(a, { limit: 25 })),
        );
        results[database] = {
          startSeconds: (t1 - t0) / 1000,
          indexSeconds: (t2 - t1) / 1000,
          events: indexed,
          eventsPerSecond: Math.round(rate),
          live: {
            events: after - indexed,
            blocks: LIVE_BLOCKS,
            eventsPerSecond: Math.round(liveRate),
            lagAfterLastBlockSeconds: (liveEnd - mined) / 1000,
          },
          search,
          firstPage: first,
          modelDetail: detail,
          accountHistory: history,
        };
      } finally {
        await indexer.stop();
        await postgres?.stop();
      }
    }
  } finally {
    await anvil.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    for (const dir of ['broadcast', 'cache']) {
      fs.rmSync(path.join(ROOT, dir, 'Deploy.s.sol', String(CHAIN_ID)), {
        recursive: true,
        force: true,
      });
    }
  }
  results.totalSeconds = (Date.now() - started) / 1000;
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  log(`\nDone in ${seconds(Date.now() - started)}; results in ${path.relative(ROOT, RESULTS)}`);
}

main().catch((err) => {
  console.error(`bench:indexer failed: ${(err as Error).message}`);
  process.exit(1);
});
