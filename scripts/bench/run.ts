// `npm run bench`: the gas of every Curia user action, measured on a fresh local chain against plain
// OpenZeppelin baselines deployed in the same run, plus the scale checks (1 to 1,000 curators).
// Prints a table and writes bench/results.json (gitignored). Issue 8; reference numbers and
// storage floors: gas-anchors.md.
//
// The chain is the bench's own: an in-memory anvil on a free port with chain id 0x62656e; Curia is
// deployed by scripts/Deploy.s.sol, exactly as `npm start` deploys it. Gas is each receipt's
// gasUsed: total transaction gas, the 21,000 base included.
//
// To measure a new action, add one `b.record({...})` to a flow in scripts/bench/flows/ (or a new
// flow, listed in FLOWS below) after the setup it needs.
//
// Then the portal (scripts/bench/portal.ts): /models first rows with 1,000 and 10,000 models in
// headless Chromium, JSON-RPC requests per page load, and the home page's initial JavaScript.
// Then the gateway (scripts/bench/gateway.ts): download throughput of a 100 MB file beside a plain
// static file server in the same run. Last the indexer (scripts/bench/indexer.ts, also `npm run bench:indexer`): events indexed per
// second on a world of 10,000 models and 100,000 events, and model search latency.
//
//   npm run bench                          gas, the portal, then the indexer
//   npm run bench -- --only gas            (or --only portal, --only gateway, --only indexer)
//   npm run bench -- --models 1000 --runs 3   a smaller portal world, fewer navigations
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../protocol/paths.ts';
import { rpc } from '../lib/rpc.ts';
import { Bench } from './bench.ts';
import { startBenchChain } from './chain.ts';
import { measureBaselines } from './flows/baselines.ts';
import { measureClaims, measureCuration, measureRegistry } from './flows/curation.ts';
import { measureGovernance } from './flows/governance.ts';
import { measureMarketplace } from './flows/marketplace.ts';
import { measureMetering } from './flows/metering.ts';
import { measureScale } from './flows/scale.ts';
import { floorNotes, storageFloors } from './notes.ts';
import { measureGateway } from './gateway.ts';
import { measurePortal } from './portal.ts';
import { renderTable, toEntry, writeResults, type Measurement } from './report.ts';

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string' },
    models: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '5' },
  },
});
if (opts.only !== undefined && !['gas', 'portal', 'gateway', 'indexer'].includes(opts.only)) {
  console.error('npm run bench: --only must be gas, portal, gateway or indexer');
  process.exit(2);
}
const SIZES = opts.models!.split(',').map(Number);
const RUNS = Number(opts.runs);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1) || !(RUNS >= 1)) {
  console.error('npm run bench: --models takes model counts (e.g. 1000,10000), --runs a number');
  process.exit(2);
}

const RESULTS = path.join(ROOT, 'bench', 'results.json');

type Flow = [name: string, run: (b: Bench, log: (line: string) => void) => Promise<void>];

const FLOWS: Flow[] = [
  ['baselines (plain OpenZeppelin)', measureBaselines],
  ['governance', measureGovernance],
  ['registry and curation', async (b) => measureCuration(b, await measureRegistry(b))],
  ['claims', measureClaims],
  ['marketplace and audits', measureMarketplace],
  ['pay per use', measureMetering],
  ['scale (1 to 1,000 curators)', measureScale],
];

function log(line: string): void {
  console.log(line);
}

function gitRevision(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

// Ctrl-C: exit, so that the exit hooks stop anvil and forge (each in its own process group).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the bench chain.`);
    process.exit(130);
  });
}

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const measurements: Measurement[] = [];
let failed = false;
let chainInfo: object | undefined;

if (opts.only === undefined || opts.only === 'gas') {
  let chain;
  try {
    chain = await startBenchChain(log);
  } catch (err) {
    console.error(`npm run bench: could not start the bench chain: ${(err as Error).message}`);
    process.exit(1);
  }
  try {
    const info = await rpc<{ hardFork?: string }>(chain.url, 'anvil_nodeInfo');
    const hardfork = info.hardFork ?? 'unknown';
    chainInfo = { chainId: chain.chainId, hardfork, client: 'anvil' };
    log(`Curia deployed (${seconds()}); anvil hardfork ${hardfork}.`);
    const b = new Bench(chain.url, chain.chainId, chain.manifest);
    for (const [name, run] of FLOWS) {
      const t = Date.now();
      await run(b, log);
      log(`measured ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
    measurements.push(...b.measurements);
  } catch (err) {
    failed = true;
    console.error(`\nnpm run bench (gas) failed: ${(err as Error).message}`);
  } finally {
    await chain.stop();
  }
}

if (opts.only === undefined || opts.only === 'portal') {
  const t = Date.now();
  log(`\nPortal: ${SIZES.map((n) => n.toLocaleString('en')).join(' and ')} models…`);
  try {
    measurements.push(...(await measurePortal(log, { sizes: SIZES, runs: RUNS })));
    log(`measured the portal (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed = true;
    console.error(`\nnpm run bench (portal) failed: ${(err as Error).message}`);
  }
}

if (opts.only === undefined || opts.only === 'gateway') {
  const t = Date.now();
  log('\nGateway: download throughput of a 100 MB file, beside a plain static file server…');
  try {
    measurements.push(...(await measureGateway(log)));
    log(`measured the gateway (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed = true;
    console.error(`\nnpm run bench (gateway) failed: ${(err as Error).message}`);
  }
}

if (measurements.length) {
  // Every target row gets its storage floor, printed beside it when the target is missed.
  const floors = storageFloors(measurements.map(toEntry));
  for (const m of measurements) m.floor ??= floors.get(m.name);
  const notes = floorNotes(measurements.map(toEntry));
  console.log(
    `\nCuria: gas is total transaction gas from receipts (21,000 base included); the portal's baseline is its target\n`,
  );
  console.log(renderTable(measurements, notes));
  writeResults(RESULTS, measurements, {
    generatedAt: new Date().toISOString(),
    revision: gitRevision(),
    ...(chainInfo ? { chain: chainInfo } : {}),
    unit: "gas rows: total transaction gas (receipt gasUsed, 21,000 base included); portal and gateway rows: each entry's unit",
    notes,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
  log(`\nWrote ${path.relative(ROOT, RESULTS)} in ${seconds()}.`);
}

if (opts.only === undefined || opts.only === 'indexer') {
  log('\nIndexer (scripts/bench/indexer.ts, PGlite)…');
  try {
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/bench/indexer.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch {
    failed = true;
    console.error('\nnpm run bench (indexer) failed');
  }
}
process.exit(failed ? 1 : 0);
