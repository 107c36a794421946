// Runs scripts/Deploy.s.sol against a node with forge, as anvil account 0.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEPLOYER } from './accounts.ts';
import { foundryBinary } from './foundry.ts';
import { manifestPath } from './manifest.ts';
import { ROOT } from './paths.ts';

export interface DeployOptions {
  rpcUrl: string;
  chainId: number;
  /** Where the manifest must end up. */
  deploymentsDir: string;
  /** Receives forge's output as it arrives. */
  onOutput?: (chunk: string) => void;
  /** Stops forge and its compiler processes when aborted. */
  signal?: AbortSignal;
}

/**
 * Deploys Curia and returns the path of the manifest.
 *
 * The deployer key travels in the environment (`DEPLOYER_PRIVATE_KEY`), never on the command
 * line. Until Deploy.s.sol reads it, forge sends through anvil's unlocked account 0
 * (`--unlocked --sender`), which needs no key; once it does, forge signs with the key.
 *
 * Deploy.s.sol writes `deployments/<chainId>.json` under the repository root; when the caller
 * wants another deployments folder (CURIA_DEPLOYMENTS_DIR), the fresh manifest is moved there.
 */
export async function deployCuria(opts: DeployOptions): Promise<string> {
  const started = Date.now();
  const rootDeployments = path.join(ROOT, 'deployments');
  fs.mkdirSync(rootDeployments, { recursive: true });
  fs.mkdirSync(opts.deploymentsDir, { recursive: true });

  const args = [
    'script',
    'scripts/Deploy.s.sol:Deploy',
    '--rpc-url',
    opts.rpcUrl,
    '--broadcast',
    '--unlocked',
    '--sender',
    DEPLOYER.address,
  ];
  const child = spawn(foundryBinary('forge'), args, {
    cwd: ROOT,
    env: {
      ...process.env,
      DEPLOYER_PRIVATE_KEY: DEPLOYER.privateKey,
      CURIA_DEPLOYMENTS_DIR: opts.deploymentsDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that an abort ends forge and the solc processes it started.
    detached: true,
  });
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  opts.signal?.addEventListener('abort', killGroup, { once: true });
  process.once('exit', killGroup);
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    opts.onOutput?.(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, signal) => resolve(signal ? null : c));
  }).finally(() => {
    opts.signal?.removeEventListener('abort', killGroup);
    process.off('exit', killGroup);
  });
  if (opts.signal?.aborted) throw new Error('deployment aborted');
  if (code !== 0) {
    throw new Error(
      `forge script scripts/Deploy.s.sol failed (exit ${code ?? 'by signal'}):\n${output.trim()}`,
    );
  }

  const wanted = manifestPath(opts.deploymentsDir, opts.chainId);
  const written = manifestPath(rootDeployments, opts.chainId);
  if (path.resolve(wanted) !== path.resolve(written) && fs.existsSync(written)) {
    if (fs.statSync(written).mtimeMs >= started - 1_000) {
      fs.copyFileSync(written, wanted);
      fs.rmSync(written);
    }
  }
  if (!fs.existsSync(wanted) || fs.statSync(wanted).mtimeMs < started - 1_000) {
    throw new Error(`forge script succeeded but wrote no manifest at ${wanted}:\n${output.trim()}`);
  }
  return wanted;
}
