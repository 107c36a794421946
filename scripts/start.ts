// `npm start`: a local Curia chain. Starts anvil with persistent state, deploys Curia once,
// prints the contract addresses and the demo accounts, and runs until Ctrl-C, which stops
// anvil so that it saves its state; the next `npm start` resumes from it.
//
//   npm start               resume (or create) the local chain
//   npm start -- --fresh    delete the saved chain and its manifest first
//
// Environment: ANVIL_PORT (8545), CURIA_DATA_DIR (data), CURIA_DEPLOYMENTS_DIR (deployments),
// CURIA_CONFIG (config/deploy.local.toml, read by Deploy.s.sol), ANVIL_CHAIN_ID (31337);
// a .env file at the root may set them (see .env.example).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { demoAccounts } from './lib/accounts.ts';
import { deployCuria } from './lib/deploy.ts';
import { foundryBinary } from './lib/foundry.ts';
import { manifestPath, readManifest, type Manifest } from './lib/manifest.ts';
import { anvilStateFile, displayPath, loadDotEnv, localConfig, rpcUrl } from './lib/paths.ts';
import { hasCode, isPortFree, nextFreePort, waitForRpc } from './lib/rpc.ts';

const STATE_INTERVAL_SECONDS = 5;
const STOP_TIMEOUT_MS = 15_000;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function usage(): never {
  console.log(
    'Usage: npm start [-- --fresh]\n  --fresh  delete the saved local chain and its manifest, then start over',
  );
  process.exit(0);
}

const args = process.argv.slice(2);
for (const arg of args) {
  if (arg === '--help' || arg === '-h') usage();
  if (arg !== '--fresh') fail(`Unknown option ${arg}; usage: npm start [-- --fresh]`);
}
const fresh = args.includes('--fresh');

let config;
try {
  loadDotEnv();
  config = localConfig();
} catch (err) {
  fail((err as Error).message);
}
const url = rpcUrl(config.port);
const stateFile = anvilStateFile(config);
const anvilDir = path.dirname(stateFile);
const logFile = path.join(anvilDir, 'anvil.log');

if (!(await isPortFree(config.port))) {
  const alt = await nextFreePort(config.port);
  fail(
    `Port ${config.port} on 127.0.0.1 is already in use (is another \`npm start\` or anvil running?)` +
      (alt ? `; try another port: ANVIL_PORT=${alt} npm start` : '; set ANVIL_PORT to a free port'),
  );
}

if (fresh) {
  fs.rmSync(anvilDir, { recursive: true, force: true });
  fs.rmSync(manifestPath(config.deploymentsDir, config.chainId), { force: true });
  console.log(
    `--fresh: deleted ${displayPath(anvilDir)} and ${displayPath(manifestPath(config.deploymentsDir, config.chainId))}`,
  );
}
fs.mkdirSync(anvilDir, { recursive: true });
const resuming = fs.existsSync(stateFile);

// anvil runs in its own process group, so that a Ctrl-C in the terminal reaches only us and
// anvil gets exactly one SIGINT, from us, after which it writes its state and exits.
const log = fs.openSync(logFile, 'a');
const anvil: ChildProcess = spawn(
  foundryBinary('anvil'),
  [
    '--host',
    '127.0.0.1',
    '--port',
    String(config.port),
    '--chain-id',
    String(config.chainId),
    '--state',
    stateFile,
    '--state-interval',
    String(STATE_INTERVAL_SECONDS),
  ],
  { stdio: ['ignore', log, log], detached: true },
);
fs.closeSync(log);

let stopping = false;
const deployment = new AbortController();
const anvilExited = new Promise<number | null>((resolve) => {
  anvil.once('exit', (code, signal) => resolve(signal ? null : code));
  anvil.once('error', (err) => {
    console.error(`Could not start anvil: ${err.message}`);
    resolve(-1);
  });
});
void anvilExited.then((code) => {
  if (stopping) return;
  const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n');
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
// Never leave anvil behind, whatever ends this process.
process.on('exit', () => {
  if (anvil.exitCode === null && anvil.signalCode === null) anvil.kill('SIGKILL');
});

async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  deployment.abort();
  console.log(`\n${signal}: stopping anvil and saving the chain to ${displayPath(stateFile)}…`);
  if (anvil.exitCode === null && anvil.signalCode === null) {
    anvil.kill('SIGINT');
    const timer = setTimeout(() => {
      console.error(`anvil did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      anvil.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await anvilExited;
    clearTimeout(timer);
  }
  console.log('Stopped.');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => void stop(signal));

try {
  const chainId = await waitForRpc(url, 60_000, anvilExited);
  if (chainId !== config.chainId) {
    throw new Error(`the chain at ${url} has id ${chainId}, expected ${config.chainId}`);
  }
  console.log(
    `Curia local chain ${resuming ? 'resumed from' : 'started, saving to'} ${displayPath(stateFile)}`,
  );
  console.log(`  RPC       ${url}  (chain id ${chainId})`);

  let manifest: Manifest | undefined = readManifest(config.deploymentsDir, config.chainId);
  const file = displayPath(manifestPath(config.deploymentsDir, config.chainId));
  if (manifest && (await hasCode(url, manifest.contracts.CuriaGovernor))) {
    console.log(`Curia is deployed (${file}); no redeploy.`);
  } else {
    if (manifest)
      console.log(`${file} points at no code on this chain (it was reset); redeploying.`);
    console.log(
      'Deploying Curia with scripts/Deploy.s.sol (the first run compiles the contracts, ~20 s)…',
    );
    await deployCuria({
      rpcUrl: url,
      chainId: config.chainId,
      deploymentsDir: config.deploymentsDir,
    });
    manifest = readManifest(config.deploymentsDir, config.chainId);
    if (!manifest || !(await hasCode(url, manifest.contracts.CuriaGovernor))) {
      throw new Error(
        `the deployment finished but ${file} does not point at the deployed Governor`,
      );
    }
    console.log(`Deployed Curia (${file}).`);
  }

  console.log('\nContracts');
  for (const [name, address] of Object.entries(manifest.contracts)) {
    console.log(`  ${name.padEnd(20)}${address}`);
  }
  console.log(
    "\nDemo accounts (anvil's public test keys, 10000 ETH and some CUR each; account 0 deployed)",
  );
  for (const a of demoAccounts())
    console.log(`  ${String(a.index).padStart(2)}  ${a.address}  ${a.privateKey}`);
  console.log(
    `\nReady at ${url}. Press Ctrl-C to stop; the chain is saved and the next \`npm start\` resumes it.`,
  );
} catch (err) {
  if (!stopping) {
    console.error(`npm start failed: ${(err as Error).message}`);
    stopping = true;
    anvil.kill('SIGINT');
    await anvilExited;
    process.exit(1);
  }
}
