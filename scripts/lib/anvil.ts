// Starts and stops a local anvil node: used by `npm start` and by the integration tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestClient, http, publicActions, type Hex } from 'viem';
import { foundryBinary } from './foundry.ts';
import { rpcUrl } from '../../protocol/paths.ts';
import { waitForRpc } from './rpc.ts';

export interface AnvilOptions {
  port: number;
  chainId: number;
  /** Load the chain from this file if it exists, and save it there on exit and every `stateInterval` s. */
  stateFile?: string;
  stateInterval?: number;
  /** Start from this saved state (`anvil --load-state`) without writing it back (test fixtures). */
  loadState?: string;
  /**
   * Save the chain to this file when anvil stops (`--dump-state`), with the states of its recent
   * blocks (`--preserve-historical-states`): the chain loaded from it still answers calls there.
   */
  dumpState?: string;
  /** anvil's own output is appended here (default: its last lines are kept in memory). */
  logFile?: string;
}

export interface Anvil {
  url: string;
  child: ChildProcess;
  /** Resolves with anvil's exit code (null: ended by a signal; -1: could not start). */
  exited: Promise<number | null>;
  /** The last lines anvil logged (when it logs to a file). */
  logTail: (lines?: number) => string;
  /** Sends SIGINT (anvil then saves its state) and waits; SIGKILL after `timeoutMs`. */
  stop: (timeoutMs?: number) => Promise<void>;
}

/**
 * Spawns anvil on 127.0.0.1 in its own process group (so a Ctrl-C in the terminal reaches only
 * the parent, which then stops anvil exactly once). Does not wait for it to answer: see {@link waitForAnvil}.
 */
export function spawnAnvil(opts: AnvilOptions): Anvil {
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--chain-id',
    String(opts.chainId),
  ];
  if (opts.stateFile) {
    fs.mkdirSync(path.dirname(opts.stateFile), { recursive: true });
    args.push('--state', opts.stateFile, '--state-interval', String(opts.stateInterval ?? 5));
  }
  if (opts.loadState) args.push('--load-state', opts.loadState);
  if (opts.dumpState) args.push('--dump-state', opts.dumpState, '--preserve-historical-states');
  // anvil's output goes to the log file, or is kept in memory (its last lines) for error messages.
  let out: number | 'pipe' = 'pipe';
  if (opts.logFile) {
    fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
    out = fs.openSync(opts.logFile, 'a');
  }
  const child = spawn(foundryBinary('anvil'), args, {
    stdio: ['ignore', out, out],
    detached: true,
  });
  if (typeof out === 'number') fs.closeSync(out);
  let recent = '';
  const keep = (chunk: Buffer) => {
    recent = (recent + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? null : code));
    child.once('error', () => resolve(-1));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const killOnExit = () => {
    if (alive()) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  return {
    url: rpcUrl(opts.port),
    child,
    exited,
    logTail: (lines = 5) =>
      (opts.logFile && fs.existsSync(opts.logFile) ? fs.readFileSync(opts.logFile, 'utf8') : recent)
        .trim()
        .split('\n')
        .slice(-lines)
        .join('\n'),
    stop: async (timeoutMs = 15_000) => {
      if (!alive()) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Spawns anvil and waits until it answers with the expected chain id. */
export async function startAnvil(opts: AnvilOptions, timeoutMs = 60_000): Promise<Anvil> {
  const anvil = spawnAnvil(opts);
  try {
    const id = await waitForRpc(anvil.url, timeoutMs, anvil.exited);
    if (id !== opts.chainId)
      throw new Error(`anvil answered with chain id ${id}, not ${opts.chainId}`);
  } catch (err) {
    await anvil.stop();
    const tail = anvil.logTail();
    throw new Error(`${(err as Error).message}${tail ? `\n${tail}` : ''}`);
  }
  return anvil;
}

/**
 * anvil does not save its clock offset with the state: a resumed chain would mine its next block
 * at the wall-clock time, before the last block if the chain was moved forward (time travel).
 * Sets the chain's clock to just after its latest block, so that time on the chain only passes
 * while it runs. Returns the chain time it set.
 */
export async function resumeChainClock(url: string): Promise<number> {
  const client = createTestClient({ mode: 'anvil', transport: http(url) }).extend(publicActions);
  const latest = await client.getBlock({ blockTag: 'latest' });
  const next = Number(latest.timestamp) + 1;
  await client.request<{ Method: 'evm_setTime'; Parameters: [number]; ReturnType: unknown }>({
    method: 'evm_setTime',
    params: [next],
  });
  return next;
}

/** Takes an anvil snapshot of the chain (evm_snapshot) and returns its id. */
export async function snapshotChain(url: string): Promise<Hex> {
  const client = createTestClient({ mode: 'anvil', transport: http(url) });
  return client.request<{ Method: 'evm_snapshot'; Parameters: []; ReturnType: Hex }>({
    method: 'evm_snapshot',
    params: [],
  });
}

/**
 * Reverts the chain to snapshot `id` (evm_revert: blocks, state and clock), which anvil then
 * forgets; throws if anvil has no such snapshot.
 */
export async function revertChain(url: string, id: Hex): Promise<void> {
  const client = createTestClient({ mode: 'anvil', transport: http(url) });
  const ok = await client.request<{ Method: 'evm_revert'; Parameters: [Hex]; ReturnType: boolean }>(
    { method: 'evm_revert', params: [id] },
  );
  if (!ok) throw new Error(`anvil at ${url} has no snapshot ${id}`);
}
