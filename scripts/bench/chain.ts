// The benchmark's own chain: a fresh in-memory anvil on a free port with a dedicated chain id, so
// `npm run bench` never touches `npm start`'s chain (31337, data/, deployments/31337.json).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployCuria } from '../lib/deploy.ts';
import { foundryBinary } from '../lib/foundry.ts';
import { readManifest, type Manifest } from '../../protocol/manifest.ts';
import { ROOT, rpcUrl } from '../../protocol/paths.ts';
import { freePort, waitForRpc } from '../lib/rpc.ts';

/** "ben" in ASCII: a chain id no other Curia script uses. */
export const BENCH_CHAIN_ID = 0x62656e;
/** The deployment parameters the bench always uses, whatever CURIA_CONFIG says. */
export const BENCH_CONFIG = 'config/deploy.local.toml';

/**
 * Block gas limit of the bench chain. Setup transactions (thousands of curators) are mined in a
 * few large blocks; the limit changes no transaction's gas.
 */
const BLOCK_GAS_LIMIT = 2_000_000_000n;

export interface BenchChain {
  url: string;
  chainId: number;
  manifest: Manifest;
  /** Stops anvil and deletes every file the run wrote. */
  stop: () => Promise<void>;
}

/** Starts anvil, deploys Curia through scripts/Deploy.s.sol (the real deploy path) and returns its manifest. */
export async function startBenchChain(log: (line: string) => void): Promise<BenchChain> {
  const chainId = BENCH_CHAIN_ID;
  const port = await freePort();
  const url = rpcUrl(port);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-bench-'));
  let tail = '';
  const anvil = spawn(
    foundryBinary('anvil'),
    [
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--chain-id',
      String(chainId),
      '--gas-limit',
      String(BLOCK_GAS_LIMIT),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4_000));
  anvil.stdout.on('data', keep);
  anvil.stderr.on('data', keep);
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    anvil.once('exit', () => resolve());
    anvil.once('error', (err) => {
      keep(Buffer.from(`could not start anvil: ${err.message}`));
      resolve();
    });
  });
  void exited.then(() => {
    if (!stopping)
      log(`anvil stopped unexpectedly:\n${tail.trim().split('\n').slice(-10).join('\n')}`);
  });
  const kill = () => {
    if (anvil.exitCode === null && anvil.signalCode === null) anvil.kill('SIGKILL');
  };
  const cleanup = () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    // forge script keeps its broadcast records in the repository, per chain id.
    for (const dir of ['broadcast', 'cache']) {
      fs.rmSync(path.join(ROOT, dir, 'Deploy.s.sol', String(chainId)), {
        recursive: true,
        force: true,
      });
    }
  };
  // Whatever ends the bench (an error, Ctrl-C: see run.ts), anvil goes and the files go.
  const onExit = () => {
    stopping = true;
    kill();
    cleanup();
  };
  process.once('exit', onExit);
  const stop = async () => {
    stopping = true;
    kill();
    await exited;
    process.off('exit', onExit);
    cleanup();
  };

  try {
    const answered = await waitForRpc(url, 30_000, exited);
    if (answered !== chainId)
      throw new Error(`anvil answered chain id ${answered}, not ${chainId}`);
    log(
      `anvil on ${url} (chain id ${chainId}); deploying Curia with scripts/Deploy.s.sol (${BENCH_CONFIG})…`,
    );
    process.env.CURIA_CONFIG = BENCH_CONFIG; // read by Deploy.s.sol
    await deployCuria({ rpcUrl: url, chainId, deploymentsDir: tmp });
    const manifest = readManifest(tmp, chainId);
    if (!manifest) throw new Error('the deployment wrote no manifest');
    return { url, chainId, manifest, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
