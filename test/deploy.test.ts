// `npm run deploy` against a fresh anvil chain (its own port and chain id), as a real deployer
// would use it: a key from the environment, then an encrypted keystore; the manifest is compared
// with the chain. Bad input (unreachable RPC, wrong chain id, missing key, key on the command line,
// config out of bounds, wrong keystore password, an existing deployment) ends with one line on
// stderr and a non-zero exit, and leaves the manifest of the working deployment alone.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  http,
  parseEther,
  type Address,
  type PublicClient,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnvil, type Anvil } from '../scripts/lib/anvil.ts';
import { foundryBinary } from '../scripts/lib/foundry.ts';
import { readManifest, type Manifest } from '../protocol/manifest.ts';
import { ROOT } from '../protocol/paths.ts';
import { freePort } from '../scripts/lib/rpc.ts';

let tmp: string;
let anvil: Anvil;
let chainId: number;
let client: PublicClient;
let deploymentsDir: string;
let config: string;
const deployerKey = generatePrivateKey();
const deployer = privateKeyToAccount(deployerKey).address;
// Fresh addresses for the example config's placeholders.
const holders = Array.from({ length: 4 }, () => privateKeyToAccount(generatePrivateKey()).address);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run --silent deploy -- ...args`: only the script's own output. */
function deploy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const base = { ...process.env };
  for (const k of ['DEPLOYER_PRIVATE_KEY', 'KEYSTORE_PASSWORD', 'CURIA_CONFIG']) delete base[k];
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'deploy', '--', ...args], {
      cwd: ROOT,
      env: { ...base, CURIA_DEPLOYMENTS_DIR: deploymentsDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Fails unless the run exited non-zero with exactly one line on stderr matching `pattern`. */
function expectOneLineError(run: Run, pattern: RegExp): void {
  expect(run.code, run.stdout + run.stderr).not.toBe(0);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^npm run deploy: /);
  expect(lines[0]).toMatch(pattern);
}

function writeConfig(name: string, edit: (toml: string) => string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, edit(fs.readFileSync(config, 'utf8')));
  return file;
}

const governorAbi = [
  ...(['votingDelay', 'votingPeriod', 'proposalThreshold', 'quorumNumerator'] as const).map(
    (name) =>
      ({
        type: 'function',
        name,
        stateMutability: 'view',
        inputs: [],
        outputs: [{ type: 'uint256', name: '' }],
      }) as const,
  ),
] as const;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-deploy-'));
  deploymentsDir = path.join(tmp, 'deployments');
  chainId = 32_300_000 + Math.floor(Math.random() * 100_000);
  anvil = await startAnvil({
    port: await freePort(),
    chainId,
    logFile: path.join(tmp, 'anvil.log'),
  });
  client = createPublicClient({ transport: http(anvil.url) }) as PublicClient;
  // A new deployer with some ETH, as on a real network (not one of anvil's accounts).
  await createTestClient({ mode: 'anvil', transport: http(anvil.url) }).setBalance({
    address: deployer,
    value: parseEther('10'),
  });
  // The documented example config, with real addresses for its placeholders and a few values changed.
  let n = 0;
  config = path.join(tmp, 'deploy.toml');
  fs.writeFileSync(
    config,
    fs
      .readFileSync(path.join(ROOT, 'config', 'deploy.example.toml'), 'utf8')
      .replace(/"REPLACE_[A-Z_]+"/g, () => `"${holders[n++ % holders.length]}"`)
      .replace(/^voting_period = \d+/m, 'voting_period = 259200')
      .replace(/^challenge_deposit = \d+/m, 'challenge_deposit = 750'),
  );
}, 120_000);

afterAll(async () => {
  await anvil?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  for (const dir of ['broadcast', 'cache']) {
    fs.rmSync(path.join(ROOT, dir, 'Deploy.s.sol', String(chainId)), {
      recursive: true,
      force: true,
    });
  }
});

describe('npm run deploy', () => {
  let manifest: Manifest;

  it('deploys to a fresh chain with a key from the environment; the manifest matches the chain', async () => {
    const run = await deploy(
      ['--rpc-url', anvil.url, '--chain-id', String(chainId), '--config', config],
      {
        DEPLOYER_PRIVATE_KEY: deployerKey,
      },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Verified on chain \(blocks \d+-\d+\): \d+ checks passed/);
    manifest = readManifest(deploymentsDir, chainId)!;
    expect(manifest.chainId).toBe(await client.getChainId());
    expect(fs.existsSync(path.join(ROOT, 'deployments', `${chainId}.json`))).toBe(false);

    // Code at every address; no test stablecoin off the local config.
    for (const [name, address] of Object.entries(manifest.contracts)) {
      const code = await client.getCode({ address });
      expect(code && code.length > 2, name).toBe(true);
    }
    expect(manifest.contracts.TestStablecoin).toBeUndefined();

    // The deployment block range and the deployer are recorded, and true.
    const { deployment } = manifest as Manifest & {
      deployment: { deployer: Address; firstBlock: number; lastBlock: number };
    };
    expect(deployment.deployer).toBe(deployer);
    expect(deployment.firstBlock).toBeGreaterThan(manifest.startBlock);
    expect(deployment.lastBlock).toBeGreaterThanOrEqual(deployment.firstBlock);
    expect(deployment.lastBlock).toBeLessThanOrEqual(Number(await client.getBlockNumber()));
    const token = manifest.contracts.CuriaToken;
    expect(
      await client.getCode({ address: token, blockNumber: BigInt(deployment.firstBlock) - 1n }),
    ).toBeUndefined();

    // The parameters the manifest records are the chain's, and the config's.
    const read = (name: (typeof governorAbi)[number]['name']) =>
      client.readContract({
        address: manifest.contracts.CuriaGovernor,
        abi: governorAbi,
        functionName: name,
      });
    const p = manifest.parameters as Record<string, string | number> & {
      curation: Record<string, string>;
    };
    expect(await read('votingPeriod')).toBe(259_200n);
    expect(BigInt(p.votingPeriod)).toBe(259_200n);
    expect(BigInt(p.votingDelay)).toBe(await read('votingDelay'));
    expect(BigInt(p.proposalThreshold)).toBe(await read('proposalThreshold'));
    expect(BigInt(p.quorumNumerator)).toBe(await read('quorumNumerator'));
    expect(p.curation.challenge_deposit).toBe(String(parseEther('750')));
    const parameter = await client.readContract({
      address: manifest.contracts.CurationRegistry,
      abi: [
        {
          type: 'function',
          name: 'parameter',
          stateMutability: 'view',
          inputs: [{ type: 'uint8', name: 'p' }],
          outputs: [{ type: 'uint256', name: '' }],
        },
      ] as const,
      functionName: 'parameter',
      args: [1],
    });
    expect(parameter).toBe(parseEther('750'));
    // The whole supply went to the treasury and the configured holders.
    const balanceOf = (who: Address) =>
      client.readContract({
        address: token,
        abi: [
          {
            type: 'function',
            name: 'balanceOf',
            stateMutability: 'view',
            inputs: [{ type: 'address', name: 'a' }],
            outputs: [{ type: 'uint256', name: '' }],
          },
        ] as const,
        functionName: 'balanceOf',
        args: [who],
      });
    expect(await balanceOf(manifest.contracts.TimelockController)).toBe(parseEther('50000000'));
    expect(await balanceOf(deployer)).toBe(0n);
  }, 300_000);

  it('deploys a second instance with an encrypted keystore (--force), keeping the first manifest', async () => {
    const keystoreDir = path.join(tmp, 'keystores');
    const key = generatePrivateKey();
    const address = privateKeyToAccount(key).address;
    execFileSync(foundryBinary('cast'), [
      'wallet',
      'import',
      'curia-deployer',
      '--private-key',
      key,
      '--keystore-dir',
      keystoreDir,
      '--unsafe-password',
      'correct horse',
    ]);
    await createTestClient({ mode: 'anvil', transport: http(anvil.url) }).setBalance({
      address,
      value: parseEther('10'),
    });
    const keystore = path.join(keystoreDir, 'curia-deployer');

    const noPassword = await deploy([
      '--rpc-url',
      anvil.url,
      '--config',
      config,
      '--keystore',
      keystore,
      '--force',
    ]);
    expectOneLineError(noPassword, /no password for the keystore: set KEYSTORE_PASSWORD/);

    const run = await deploy(
      ['--rpc-url', anvil.url, '--config', config, '--keystore', keystore, '--force'],
      {
        KEYSTORE_PASSWORD: 'correct horse',
      },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const second = readManifest(deploymentsDir, chainId)! as Manifest & {
      deployment: { deployer: Address };
    };
    expect(second.deployment.deployer).toBe(address);
    expect(second.contracts.CuriaGovernor).not.toBe(manifest.contracts.CuriaGovernor);
    const kept = fs
      .readdirSync(deploymentsDir)
      .filter((f) => f.startsWith(`${chainId}.`) && f !== `${chainId}.json`);
    expect(kept).toHaveLength(1);
    expect(
      JSON.parse(fs.readFileSync(path.join(deploymentsDir, kept[0]), 'utf8')).contracts,
    ).toEqual(manifest.contracts);
    manifest = second;
  }, 300_000);

  it('fails in one line, and leaves the manifest alone, on bad input', async () => {
    const before = fs.readFileSync(path.join(deploymentsDir, `${chainId}.json`), 'utf8');
    const key = { DEPLOYER_PRIVATE_KEY: deployerKey };
    const closed = `http://127.0.0.1:${await freePort()}`;
    const cases: [string, string[], NodeJS.ProcessEnv, RegExp][] = [
      [
        'unreachable RPC',
        ['--rpc-url', closed, '--config', config],
        key,
        /cannot reach the RPC at .* \(connection refused\)/,
      ],
      [
        'not a URL',
        ['--rpc-url', 'localhost:8545', '--config', config],
        key,
        /--rpc-url must be an http\(s\) URL/,
      ],
      ['no --rpc-url', ['--config', config], key, /missing --rpc-url URL/],
      [
        'wrong chain id',
        ['--rpc-url', anvil.url, '--config', config, '--chain-id', '1'],
        key,
        new RegExp(`serves chain ${chainId}, not the expected chain 1 \\(--chain-id\\)`),
      ],
      [
        'missing key',
        ['--rpc-url', anvil.url, '--config', config, '--force'],
        {},
        /no deployer key: set DEPLOYER_PRIVATE_KEY/,
      ],
      [
        'malformed key',
        ['--rpc-url', anvil.url, '--config', config],
        { DEPLOYER_PRIVATE_KEY: '0x1234' },
        /DEPLOYER_PRIVATE_KEY is not a private key/,
      ],
      [
        'key on the command line',
        ['--rpc-url', anvil.url, '--config', config, `--private-key=${deployerKey}`],
        {},
        /--private-key is refused: never put a key/,
      ],
      [
        'already deployed',
        ['--rpc-url', anvil.url, '--config', config],
        key,
        /already deployed on chain \d+ .*pass --force/,
      ],
      [
        'timelock delay out of bounds',
        [
          '--rpc-url',
          anvil.url,
          '--config',
          writeConfig('zero-delay.toml', (t) => t.replace(/^min_delay = \d+/m, 'min_delay = 0')),
          '--force',
        ],
        key,
        /out of bounds: timelock\.min_delay must be between 1 second and 30 days/,
      ],
      [
        'quorum out of bounds',
        [
          '--rpc-url',
          anvil.url,
          '--config',
          writeConfig('quorum.toml', (t) =>
            t.replace(/^quorum_numerator = \d+/m, 'quorum_numerator = 21'),
          ),
          '--force',
        ],
        key,
        /out of bounds: governor\.quorum_numerator must be between 1 and 20/,
      ],
      [
        'protocol fee out of bounds',
        [
          '--rpc-url',
          anvil.url,
          '--config',
          writeConfig('fee.toml', (t) =>
            t.replace(/^protocol_fee_bps = \d+/m, 'protocol_fee_bps = 5000'),
          ),
          '--force',
        ],
        key,
        /out of bounds: marketplace\.protocol_fee_bps must be at most 2000 \(20%\)/,
      ],
      [
        // 66,036 would narrow to 500 in uint16 (IMarketplace.Fees): refused whole, never truncated.
        'fee wider than a basis point',
        [
          '--rpc-url',
          anvil.url,
          '--config',
          writeConfig('wide-fee.toml', (t) =>
            t.replace(/^lineage_royalty_bps = \d+/m, 'lineage_royalty_bps = 66036'),
          ),
          '--force',
        ],
        key,
        /out of bounds: marketplace\.lineage_royalty_bps must be at most 10000 \(100%\)/,
      ],
      [
        'config key missing',
        [
          '--rpc-url',
          anvil.url,
          '--config',
          writeConfig('missing.toml', (t) => t.replace(/^voting_delay = \d+\n/m, '')),
          '--force',
        ],
        key,
        /has no governor\.voting_delay/,
      ],
      [
        'config not TOML',
        [
          '--rpc-url',
          anvil.url,
          '--config',
          writeConfig('broken.toml', () => 'treasury = [\n'),
          '--force',
        ],
        key,
        /is not valid TOML/,
      ],
      [
        'no config file',
        ['--rpc-url', anvil.url, '--config', path.join(tmp, 'nope.toml')],
        key,
        /config file .* does not exist/,
      ],
      [
        'wrong keystore password',
        [
          '--rpc-url',
          anvil.url,
          '--config',
          config,
          '--keystore',
          path.join(tmp, 'keystores', 'curia-deployer'),
          '--force',
        ],
        { KEYSTORE_PASSWORD: 'wrong' },
        /wrong password for the keystore/,
      ],
      [
        'unknown option',
        ['--rpc-url', anvil.url, '--confg', config],
        key,
        /Unknown option '--confg'/,
      ],
    ];
    // Independent runs (none writes anything), four at a time.
    const runs = new Map<string, Awaited<ReturnType<typeof deploy>>>();
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases
          .slice(i, i + 4)
          .map(async ([name, args, env]) => runs.set(name, await deploy(args, env))),
      );
    }
    for (const [name, , , pattern] of cases) {
      try {
        expectOneLineError(runs.get(name)!, pattern);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
    }
    expect(fs.readFileSync(path.join(deploymentsDir, `${chainId}.json`), 'utf8')).toBe(before);
    // Nothing was deployed by the failed runs: the working deployment is still the latest.
    const name = await client.readContract({
      address: manifest.contracts.CuriaGovernor,
      abi: [
        {
          type: 'function',
          name: 'name',
          stateMutability: 'view',
          inputs: [],
          outputs: [{ type: 'string', name: '' }],
        },
      ] as const,
      functionName: 'name',
    });
    expect(name).toBe('Curia Governor');
  }, 300_000);
});
