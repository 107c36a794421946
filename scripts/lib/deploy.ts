// Runs scripts/Deploy.s.sol against a node with forge: as anvil's account 0 on a local chain, or
// with a key from the environment or an encrypted keystore (scripts/deploy.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { Hex } from 'viem';
import { DEPLOYER } from './accounts.ts';
import { foundryBinary } from './foundry.ts';
import { manifestPath } from '../../protocol/manifest.ts';
import { ROOT } from '../../protocol/paths.ts';

export interface DeployOptions {
  rpcUrl: string;
  chainId: number;
  /** Where the manifest must end up. */
  deploymentsDir: string;
  /** Receives forge's output as it arrives. */
  onOutput?: (chunk: string) => void;
  /** Stops forge and its compiler processes when aborted. */
  signal?: AbortSignal;
  /** The deployment config (CURIA_CONFIG for Deploy.s.sol); default: the environment's, else config/deploy.local.toml. */
  configFile?: string;
  /**
   * Who signs. Default: anvil's account 0 (local chains). `key`: a private key, handed to forge in
   * the environment (DEPLOYER_PRIVATE_KEY). `keystore`: an encrypted keystore file and its password
   * (handed to forge in a private temporary file, never on the command line).
   */
  signer?: { key: Hex } | { keystore: string; password: string };
}

/**
 * Deploys Curia and returns the path of the manifest.
 *
 * A key travels in the environment (`DEPLOYER_PRIVATE_KEY`, which Deploy.s.sol reads), a keystore
 * password in a private temporary file: never on the command line. By default forge signs as
 * anvil's account 0.
 *
 * Deploy.s.sol writes `deployments/<chainId>.json` under the repository root; when the caller
 * wants another deployments folder (CURIA_DEPLOYMENTS_DIR), the fresh manifest is moved there.
 */
export async function deployCuria(opts: DeployOptions): Promise<string> {
  const started = Date.now();
  const rootDeployments = path.join(ROOT, 'deployments');
  fs.mkdirSync(rootDeployments, { recursive: true });
  fs.mkdirSync(opts.deploymentsDir, { recursive: true });

  // --slow: each transaction only after the previous one is confirmed. Sent all at once, anvil
  // sometimes leaves the later ones pending with no block to come for them, and forge waits for
  // their receipts forever (2 of 50 deployments with four at a time on 2 cores; 0 of 60 with --slow).
  const args = [
    'script',
    'scripts/Deploy.s.sol:Deploy',
    '--rpc-url',
    opts.rpcUrl,
    '--broadcast',
    '--slow',
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, CURIA_DEPLOYMENTS_DIR: opts.deploymentsDir };
  let secrets: string | undefined;
  let staged: string | undefined;
  if (opts.configFile) {
    // forge may read files under config/ only (foundry.toml fs_permissions); a config elsewhere is
    // staged where it may read (deployments/, which it writes anyway) for the run.
    const file = path.resolve(ROOT, opts.configFile);
    if (path.relative(path.join(ROOT, 'config'), file).startsWith('..')) {
      staged = path.join(rootDeployments, `.config-${process.pid}-${Date.now()}.toml`);
      fs.copyFileSync(file, staged);
      env.CURIA_CONFIG = path.relative(ROOT, staged);
    } else {
      env.CURIA_CONFIG = path.relative(ROOT, file);
    }
  }
  const signer = opts.signer;
  if (!signer) {
    args.push('--unlocked', '--sender', DEPLOYER.address);
    env.DEPLOYER_PRIVATE_KEY = DEPLOYER.privateKey;
  } else if ('key' in signer) {
    env.DEPLOYER_PRIVATE_KEY = signer.key;
  } else {
    // forge reads the password from a file: a private one, removed as soon as forge ends.
    delete env.DEPLOYER_PRIVATE_KEY;
    secrets = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-deploy-'));
    const passwordFile = path.join(secrets, 'password');
    fs.writeFileSync(passwordFile, signer.password, { mode: 0o600 });
    args.push('--keystore', signer.keystore, '--password-file', passwordFile);
  }
  const removeSecrets = () => {
    if (secrets) fs.rmSync(secrets, { recursive: true, force: true });
    if (staged) fs.rmSync(staged, { force: true });
  };
  const child = spawn(foundryBinary('forge'), args, {
    cwd: ROOT,
    env,
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
  process.once('exit', removeSecrets);
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
    process.off('exit', removeSecrets);
    removeSecrets();
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
