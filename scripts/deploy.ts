// `npm run deploy`: deploys Curia to any EVM chain with scripts/Deploy.s.sol, writes the manifest
// deployments/<chainId>.json, and verifies the deployment by reading it back from the chain.
//
//   npm run deploy -- --rpc-url URL --config FILE [--keystore PATH] [--chain-id N] [--force]
//
// The deployer key comes from the environment (DEPLOYER_PRIVATE_KEY) or from an encrypted keystore
// (--keystore, the password from KEYSTORE_PASSWORD or a prompt); never from the command line.
// Every failure ends with one line on stderr and a non-zero exit.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createPublicClient,
  formatEther,
  getAddress,
  http,
  isAddress,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { demoAccounts } from './lib/accounts.ts';
import { deployCuria } from './lib/deploy.ts';
import { configAddresses, DeployConfigError, readDeployConfig } from './lib/deploy-config.ts';
import { ensureGenerated } from './lib/gen.ts';
import { manifestPath, readManifest } from '../protocol/manifest.ts';
import { displayPath, loadDotEnv, ROOT } from '../protocol/paths.ts';

const USAGE =
  'usage: npm run deploy -- --rpc-url URL --config FILE [--keystore PATH] [--chain-id N] [--force]';
const HELP = `${USAGE}

  --rpc-url URL     the chain's JSON-RPC endpoint (required)
  --config FILE     deployment parameters (TOML; see config/deploy.example.toml); default $CURIA_CONFIG
  --keystore PATH   sign with this encrypted keystore (password: $KEYSTORE_PASSWORD, or a prompt)
  --chain-id N      refuse to deploy unless the RPC serves chain N
  --force           deploy a new instance even if the manifest's contracts are already on the chain

Without --keystore the key is read from $DEPLOYER_PRIVATE_KEY. Manifests go to $CURIA_DEPLOYMENTS_DIR
(default deployments/). Keys are never accepted on the command line.`;

function fail(message: string): never {
  console.error(`npm run deploy: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------- arguments
const argv = process.argv.slice(2);
for (const arg of argv) {
  const name = arg.split('=')[0];
  if (
    [
      '--private-key',
      '--private-keys',
      '--mnemonic',
      '--password',
      '--mnemonic-passphrase',
    ].includes(name)
  ) {
    fail(
      `${name} is refused: never put a key or password on the command line (it lands in shell history and process lists); set DEPLOYER_PRIVATE_KEY, or use --keystore with KEYSTORE_PASSWORD`,
    );
  }
}
let values: {
  'rpc-url'?: string;
  config?: string;
  keystore?: string;
  'chain-id'?: string;
  force?: boolean;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    args: argv,
    options: {
      'rpc-url': { type: 'string' },
      config: { type: 'string' },
      keystore: { type: 'string' },
      'chain-id': { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  fail(`${(err as Error).message.split('\n')[0].replace(/\. To specify.*$/, '')}; ${USAGE}`);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
loadDotEnv();

const rpcUrl = values['rpc-url'];
if (!rpcUrl) fail(`missing --rpc-url URL; ${USAGE}`);
try {
  const u = new URL(rpcUrl);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
} catch {
  fail(`--rpc-url must be an http(s) URL, got "${rpcUrl}"`);
}
let expectedChainId: number | undefined;
if (values['chain-id'] !== undefined) {
  expectedChainId = Number(values['chain-id']);
  if (!Number.isSafeInteger(expectedChainId) || expectedChainId < 1)
    fail(`--chain-id must be a positive integer, got "${values['chain-id']}"`);
}
const configArg = values.config ?? process.env.CURIA_CONFIG;
if (!configArg)
  fail('missing --config FILE (the deployment parameters; start from config/deploy.example.toml)');
const configFile = path.resolve(process.cwd(), configArg);
let cfg;
try {
  cfg = readDeployConfig(configFile);
} catch (err) {
  if (err instanceof DeployConfigError) fail(err.message);
  throw err;
}

// ---------------------------------------------------------------- the key
const envKey = process.env.DEPLOYER_PRIVATE_KEY?.trim();
let signer: { key: Hex } | { keystore: string; password: string };
let deployer: Address | undefined;
if (values.keystore) {
  if (envKey) fail('both DEPLOYER_PRIVATE_KEY and --keystore are set; use one');
  const keystore = path.resolve(process.cwd(), values.keystore);
  let json: { address?: string; crypto?: unknown; Crypto?: unknown };
  try {
    json = JSON.parse(fs.readFileSync(keystore, 'utf8'));
  } catch (err) {
    fail(
      `cannot read the keystore ${values.keystore}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not a JSON keystore'}`,
    );
  }
  if (!json.crypto && !json.Crypto)
    fail(`${values.keystore} is not an encrypted keystore (no "crypto" section)`);
  if (json.address && isAddress(`0x${json.address.replace(/^0x/, '')}`))
    deployer = getAddress(`0x${json.address.replace(/^0x/, '')}`);
  const password =
    process.env.KEYSTORE_PASSWORD ??
    (process.stdin.isTTY ? await promptPassword(`Password for ${values.keystore}: `) : undefined);
  if (password === undefined)
    fail('no password for the keystore: set KEYSTORE_PASSWORD or run in a terminal to be prompted');
  signer = { keystore, password };
} else {
  if (!envKey)
    fail(
      'no deployer key: set DEPLOYER_PRIVATE_KEY in the environment, or pass --keystore PATH (keys are never taken on the command line)',
    );
  const key = (envKey.startsWith('0x') ? envKey : `0x${envKey}`) as Hex;
  if (!/^0x[0-9a-fA-F]{64}$/.test(key))
    fail('DEPLOYER_PRIVATE_KEY is not a private key (64 hex digits)');
  deployer = privateKeyToAccount(key).address;
  signer = { key };
}

// ---------------------------------------------------------------- the chain
const client = createPublicClient({
  transport: http(rpcUrl, { timeout: 10_000, retryCount: 1 }),
}) as PublicClient;
let chainId: number;
try {
  chainId = await client.getChainId();
} catch (err) {
  fail(`cannot reach the RPC at ${rpcUrl} (${networkReason(err)})`);
}
if (expectedChainId !== undefined && chainId !== expectedChainId) {
  fail(
    `the RPC at ${rpcUrl} serves chain ${chainId}, not the expected chain ${expectedChainId} (--chain-id)`,
  );
}
const clientVersion = await client.request({ method: 'web3_clientVersion' }).catch(() => '');
const devChain = /^(anvil|hardhat|ganache)/i.test(String(clientVersion));
if (!devChain) {
  // Settings that are only safe on a throwaway chain.
  const publicKeys = new Set(demoAccounts(20).map((a) => a.address));
  const exposed = configAddresses(cfg).find((a) => publicKeys.has(a.address));
  if (exposed) {
    fail(
      `config ${displayPath(configFile)}: ${exposed.key} is ${exposed.address}, one of anvil's public test accounts whose key everyone knows; refusing to deploy to chain ${chainId}`,
    );
  }
  if (cfg.marketplace.testStablecoin) {
    fail(
      `config ${displayPath(configFile)}: marketplace.test_stablecoin = true deploys a token anyone can mint; it is for local chains only (chain ${chainId} is not one)`,
    );
  }
}
if (deployer) {
  const balance = await client.getBalance({ address: deployer });
  if (balance === 0n)
    fail(`the deployer ${deployer} has no ETH on chain ${chainId} to pay for gas`);
}

const deploymentsDir = path.resolve(ROOT, process.env.CURIA_DEPLOYMENTS_DIR || 'deployments');
const file = manifestPath(deploymentsDir, chainId);
let previous;
try {
  previous = readManifest(deploymentsDir, chainId);
} catch {
  previous = undefined; // unreadable: it is replaced
}
if (previous) {
  const code = await client.getCode({ address: previous.contracts.CuriaGovernor });
  if (code && code !== '0x') {
    if (!values.force) {
      fail(
        `Curia is already deployed on chain ${chainId} (${displayPath(file)}); pass --force to deploy another instance`,
      );
    }
  }
}
// forge writes the manifest while it simulates, before broadcasting: a failed deployment must not
// replace the manifest of a working one.
const previousText = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
/**
 * Writes through a temporary file and a rename, so that a reader (another deploy on the same
 * folder) never sees the file truncated: one that read it empty then "restored" an empty manifest.
 */
function writeWhole(target: string, text: string): void {
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, target);
}
function restoreManifest(): void {
  if (previousText === undefined) return void fs.rmSync(file, { force: true });
  const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (now !== previousText) writeWhole(file, previousText);
}

// ---------------------------------------------------------------- deploy
const work = new AbortController();
process.on('SIGINT', () => {
  work.abort();
  restoreManifest();
  fail('interrupted; transactions already sent stay on the chain');
});
console.log(
  `Deploying Curia to chain ${chainId} (${String(clientVersion) || rpcUrl}) with ${displayPath(configFile)}` +
    (deployer ? `, from ${deployer}` : '') +
    (values.keystore ? ` (keystore ${values.keystore})` : ''),
);
const started = Date.now();
try {
  if (await ensureGenerated(work.signal))
    console.log('Compiled the contracts and generated the typed ABIs.');
  await deployCuria({
    rpcUrl,
    chainId,
    deploymentsDir,
    configFile,
    signer,
    signal: work.signal,
  });
} catch (err) {
  restoreManifest();
  fail(forgeFailure((err as Error).message));
}
if (previous && previousText !== undefined) {
  const kept = file.replace(/\.json$/, `.${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(kept, previousText);
  console.log(`The previous manifest is kept as ${displayPath(kept)}`);
}
const manifest = readManifest(deploymentsDir, chainId);
if (!manifest) fail(`forge finished but wrote no manifest at ${displayPath(file)}`);
console.log(
  `Deployed in ${((Date.now() - started) / 1000).toFixed(1)} s; manifest ${displayPath(file)}`,
);

// ---------------------------------------------------------------- verify
const { verifyDeployment } = await import('./lib/verify.ts');
const result = await verifyDeployment(client, manifest, cfg);
if (result.failed.length > 0) {
  for (const f of result.failed) console.error(`  ✗ ${f}`);
  fail(
    `the deployment does not match ${displayPath(configFile)}: ${result.failed.length} check(s) failed (${result.failed[0]})`,
  );
}
const { deployer: from, firstBlock, lastBlock } = result.deployment;
const written = JSON.parse(fs.readFileSync(file, 'utf8'));
written.deployment = {
  deployer: from,
  firstBlock: Number(firstBlock),
  lastBlock: Number(lastBlock),
};
writeWhole(file, JSON.stringify(written, null, 2) + '\n');

console.log('\nContracts');
for (const [name, address] of Object.entries(manifest.contracts))
  console.log(`  ${name.padEnd(20)}${address}`);
const spent = await client.getBalance({ address: from }).catch(() => undefined);
console.log(
  `\nVerified on chain (blocks ${firstBlock}-${lastBlock}): ${result.passed.length} checks passed — code at every address, ` +
    `timelock roles (Governor proposes and cancels, anyone executes, deployer ${from} renounced), token supply and allocation, ` +
    `every parameter equal to ${displayPath(configFile)}.` +
    (spent !== undefined ? ` Deployer balance now ${formatEther(spent)} ETH.` : ''),
);
console.log(
  `\nTo serve the portal for this chain: \`npm run build\`, then\n` +
    `  PUBLIC_RPC_URL=<an RPC URL browsers may use> PUBLIC_CHAIN_ID=${chainId} CURIA_DEPLOYMENTS_DIR=${displayPath(deploymentsDir)} node build`,
);

/** Why a request failed, in a few words: the network error code, the HTTP status, or a timeout. */
function networkReason(err: unknown): string {
  const codes: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found',
    ETIMEDOUT: 'timed out',
    ECONNRESET: 'connection reset',
    EHOSTUNREACH: 'host unreachable',
  };
  // Walk the causes (and an AggregateError's errors) for a network error code.
  const queue: unknown[] = [err];
  let deepest = '';
  while (queue.length > 0) {
    const e = queue.shift() as
      | {
          code?: unknown;
          cause?: unknown;
          status?: unknown;
          name?: string;
          message?: string;
          errors?: unknown[];
        }
      | undefined;
    if (!e || typeof e !== 'object') continue;
    if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return codes[e.code] ?? e.code;
    if (typeof e.status === 'number') return `HTTP ${e.status}`;
    if (e.name === 'TimeoutError') return 'no answer within 10 s';
    if (e.message) deepest = e.message.split('\n')[0];
    queue.push(e.cause, ...(e.errors ?? []));
  }
  return deepest || String(err);
}

/** forge's output, reduced to the line that says what went wrong. */
function forgeFailure(output: string): string {
  const invalid = /DeployConfigInvalid\("([^"]*)"\)/.exec(output);
  if (invalid) return `config ${displayPath(configFile)} is out of bounds: ${invalid[1]}`;
  // A constructor's own bound (the marketplace's fees, the audit parameters).
  const bound = /Error: script failed: (\w*(?:OutOfBounds|Exceed\w*)\([^)]*\))/.exec(output);
  if (bound) {
    return `config ${displayPath(configFile)} is out of bounds: ${bound[1]} (the bounds are listed in config/deploy.example.toml)`;
  }
  const missing = /path "([^"]+)" must return exactly one JSON value/.exec(output);
  if (missing) return `config ${displayPath(configFile)} has no ${missing[1].replace(/^\./, '')}`;
  if (/Mac Mismatch/i.test(output)) return `wrong password for the keystore ${values.keystore}`;
  if (/insufficient funds/i.test(output))
    return `the deployer has not enough ETH on chain ${chainId} for the deployment`;
  const scriptFailed = /Error: script failed: (.+)/.exec(output);
  if (scriptFailed) return `Deploy.s.sol failed: ${scriptFailed[1]}`;
  const error = /^Error: (.+)$/m.exec(output);
  if (error) return `forge failed: ${error[1]}`;
  return output.split('\n')[0];
}

/** Reads a password from the terminal without echoing it. */
function promptPassword(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(prompt);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let password = '';
    const onData = (ch: string) => {
      for (const c of ch) {
        if (c === '\r' || c === '\n' || c === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          return resolve(password);
        }
        if (c === '\u0003') {
          process.stdout.write('\n');
          process.exit(130);
        }
        if (c === '\u007f') password = password.slice(0, -1);
        else password += c;
      }
    };
    stdin.on('data', onData);
  });
}
