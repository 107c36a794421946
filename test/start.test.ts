// `npm start` end to end: a first run starts anvil, deploys Curia, seeds the demo world, indexes it
// and serves the portal; the test acts on the chain; Ctrl-C saves it; a second run resumes it with
// the same contracts, the act still there, no redeploy, no reseed, the index resumed where it
// stopped (not from the start block) and (sources unchanged) no portal rebuild. Each run uses its own data and deployments folders, free ports and its own chain id,
// so it never touches the developer's local chain (deployments/31337.json, data/).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseAbi,
  type Address,
  type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../scripts/lib/accounts.ts';
import { manifestPath, readManifest } from '../protocol/manifest.ts';
import { REQUIRED_CONTRACTS } from '../protocol/names.ts';
import { ROOT } from '../protocol/paths.ts';
import { portalSourceHash, readStamp } from '../scripts/lib/portal.ts';
import { freePort, hasCode } from '../scripts/lib/rpc.ts';
import { readSeedRecord } from '../scripts/seed/index.ts';
import { createIndexerClient } from '../protocol/indexer/client.ts';
import { interrupt, runStart, waitForOutput, type StartedProcess } from './ts/start-process.ts';

const READY = /Ready at http:\/\/127\.0\.0\.1:\d+ in [\d.]+ s/;
// The first run may compile the contracts (about 20 s cold on 2 cores), then deploys, seeds and
// builds the portal.
// A cold first start compiles, deploys, seeds and builds the portal: minutes on a busy 2-core machine.
const FIRST_START_MS = 600_000;

const governorAbi = parseAbi(['function name() view returns (string)']);
const registryAbi = parseAbi([
  'function modelCount() view returns (uint256)',
  'function registerModel(uint8 kind, bytes32 contentHash, string metadataURI, uint256[] derivedFrom) returns (uint256)',
  'function ownerOf(uint256 id) view returns (address)',
]);

let tmp: string;
const running: StartedProcess[] = [];
const chainIds: number[] = [];

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-start-'));
});

afterAll(async () => {
  for (const proc of running) await interrupt(proc);
  fs.rmSync(tmp, { recursive: true, force: true });
  // forge script keeps its broadcast records in the repository, per chain id.
  for (const id of chainIds) {
    for (const dir of ['broadcast', 'cache']) {
      fs.rmSync(path.join(ROOT, dir, 'Deploy.s.sol', String(id)), { recursive: true, force: true });
    }
  }
});

function start(env: NodeJS.ProcessEnv, args: string[] = []): StartedProcess {
  const proc = runStart(env, args);
  running.push(proc);
  return proc;
}

/** `n` distinct free ports. */
async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** Waits until the index has processed `block` (the indexer's own /api/head). */
async function indexedTo(indexerUrl: string, block: bigint, timeoutMs = 120_000) {
  const api = createIndexerClient({ baseUrl: indexerUrl });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await api.head().catch(() => undefined);
    if (head?.block != null && BigInt(head.block) >= block) return head;
    if (Date.now() > deadline) {
      throw new Error(`the index did not reach block ${block} (${JSON.stringify(head)})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function setup(name: string) {
  const [port, portalPort, indexerPort] = await freePorts(3);
  const chainId = 32_100_000 + Math.floor(Math.random() * 100_000);
  chainIds.push(chainId);
  const env = {
    ANVIL_PORT: String(port),
    PORTAL_PORT: String(portalPort),
    INDEXER_PORT: String(indexerPort),
    ANVIL_CHAIN_ID: String(chainId),
    CURIA_DATA_DIR: path.join(tmp, name, 'data'),
    CURIA_DEPLOYMENTS_DIR: path.join(tmp, name, 'deployments'),
  };
  return {
    env,
    chainId,
    url: `http://127.0.0.1:${port}`,
    portal: `http://127.0.0.1:${portalPort}`,
    indexer: `http://127.0.0.1:${indexerPort}`,
  };
}

describe('npm start', () => {
  it('deploys, seeds and serves once; Ctrl-C saves the chain; the next start resumes it as it was', async () => {
    const { env, chainId, url, portal, indexer } = await setup('main');
    const client = createPublicClient({ transport: http(url) });
    const api = createIndexerClient({ baseUrl: indexer });
    const file = manifestPath(env.CURIA_DEPLOYMENTS_DIR, chainId);
    const stateFile = path.join(env.CURIA_DATA_DIR, 'anvil', 'state.json');
    const indexerLog = path.join(env.CURIA_DATA_DIR, 'indexer', `${chainId}.log`);

    // First run: a new chain, deployed by forge, seeded, the portal built (if needed) and served.
    const first = start(env);
    await waitForOutput(first, READY, FIRST_START_MS);
    const out1 = first.output();
    expect(out1).toContain('Deploying Curia');
    expect(out1).toContain('Seeding the demo world');
    expect(out1).toContain(`Ready at ${portal}`);
    expect(out1).toContain(`Indexer at ${indexer}`);
    const manifest = readManifest(env.CURIA_DEPLOYMENTS_DIR, chainId);
    expect(manifest).toBeDefined();
    expect(Object.keys(manifest!.contracts)).toEqual(
      expect.arrayContaining([...REQUIRED_CONTRACTS]),
    );
    for (const [name, address] of Object.entries(manifest!.contracts)) {
      expect(await hasCode(url, address), name).toBe(true);
      expect(out1).toContain(`${name.padEnd(20)}${address}`);
    }
    const governor = manifest!.contracts.CuriaGovernor as Address;
    const registry = manifest!.contracts.ModelRegistry as Address;
    expect(
      await client.readContract({ address: governor, abi: governorAbi, functionName: 'name' }),
    ).toBe('Curia Governor');
    // The demo accounts are printed with their roles and keys.
    expect(out1).toMatch(/9 {2}Jun {3}0xa0Ee7A142d267C1f36714E4a8F75612F20a79720 {2}guardian/);
    expect(out1).toMatch(/0 {2}Ada {3}0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 {2}deployer/);
    expect(out1).toContain('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    // The seed ran once and is recorded; the portal build is stamped with its sources.
    const record = readSeedRecord(env.CURIA_DATA_DIR);
    expect(record?.status).toBe('seeded');
    const seeded = Number(
      await client.readContract({
        address: registry,
        abi: registryAbi,
        functionName: 'modelCount',
      }),
    );
    expect(seeded).toBe(Object.keys(record!.world!.entries).length);
    // The indexer answers with the chain's head (npm start waited for it to catch up, unless the
    // machine is so busy that it said it is still catching up), and has every registry entry.
    const head1 = await client.getBlockNumber();
    const indexed1 = await indexedTo(indexer, head1);
    expect(indexed1.chainId).toBe(chainId);
    expect(indexed1.block).toBe(Number(head1));
    expect(indexed1.chainBlock).toBe(Number(head1));
    expect((await api.models({ limit: 1 })).total).toBe(seeded);
    expect(readStamp()?.hash).toMatch(/^[0-9a-f]{64}$/);
    // The portal answers, and was given the chain through its environment.
    const page = await fetch(portal);
    expect(page.status).toBe(200);
    // It runs from its own copy of the build, in the data folder, with the build's stamp: a
    // later build of build/ (the e2e suite, the bench) cannot pull its files away.
    const served = path.join(env.CURIA_DATA_DIR, 'portal', 'build');
    expect(JSON.parse(fs.readFileSync(path.join(served, '.curia-build.json'), 'utf8')).hash).toBe(
      readStamp()?.hash,
    );
    // Nothing leaks into the repository's own deployments folder.
    expect(fs.existsSync(path.join(ROOT, 'deployments', `${chainId}.json`))).toBe(false);

    // Act: Ines registers a model of her own.
    const ines = demoAccounts(9)[8];
    const wallet = createWalletClient({
      account: privateKeyToAccount(ines.privateKey),
      transport: http(url),
    });
    const hash = await wallet.writeContract({
      address: registry,
      abi: registryAbi,
      functionName: 'registerModel',
      args: [0, `0x${'ab'.repeat(32)}` as Hex, 'ipfs://bafkreitest', []],
      chain: null,
    });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    expect(receipt.status).toBe('success');
    const newId = BigInt(seeded + 1);
    const blockBefore = await client.getBlock({ blockTag: 'latest' });
    // The index follows the chain while it runs.
    await indexedTo(indexer, receipt.blockNumber, 30_000);
    expect((await api.models({ limit: 1 })).total).toBe(seeded + 1);
    const manifestText = fs.readFileSync(file, 'utf8');
    const manifestMtime = fs.statSync(file).mtimeMs;

    // Ctrl-C: the portal stops, anvil writes its state and the script exits cleanly.
    expect(await interrupt(first)).toBe(0);
    expect(fs.existsSync(stateFile)).toBe(true);
    await expect(hasCode(url, governor)).rejects.toThrow();
    await expect(fetch(portal)).rejects.toThrow();
    await expect(fetch(`${indexer}/health`)).rejects.toThrow();
    const logBefore = fs.statSync(indexerLog).size;

    // Second run: the same chain and portal, no redeploy, no reseed, no rebuild when the portal's
    // sources did not change in between. How long it takes is printed, not asserted (a timing
    // depends on the machine's load; most of it is the indexer's own start).
    const unchanged = portalSourceHash() === readStamp()?.hash;
    const servedStamp = path.join(env.CURIA_DATA_DIR, 'portal', 'build', '.curia-build.json');
    const copiedAt = fs.statSync(servedStamp).mtimeMs;
    const t0 = Date.now();
    const second = start(env);
    await waitForOutput(second, READY, 120_000);
    const secondMs = Date.now() - t0;
    const out2 = second.output();
    expect(out2).toContain('no redeploy');
    expect(out2).toContain('no reseed');
    expect(out2).not.toContain('Deploying Curia');
    expect(out2).not.toContain('Seeding');
    expect(out2).toContain('chain clock resumed');
    // The index resumed from where it stopped: Ponder recovered its checkpoint and backfilled
    // from a block past the deployment and the seed, not from the start block.
    const log2 = fs.readFileSync(indexerLog, 'utf8').slice(logBefore);
    expect(log2).toMatch(/Detected crash recovery/);
    const range = /Started backfill indexing[^\n]*?block_range\W*(\d+)\W+(\d+)/.exec(log2);
    if (range) expect(Number(range[1])).toBeGreaterThan(manifest!.startBlock + 100);
    const head2 = await client.getBlockNumber();
    expect((await indexedTo(indexer, head2, 30_000)).block).toBe(Number(head2));
    expect((await api.models({ limit: 1 })).total).toBe(seeded + 1);
    if (unchanged) {
      expect(out2).toContain('The portal build is up to date');
      expect(out2).not.toContain('Building the portal');
      // The same build is served from the copy the first run made: not copied again.
      expect(fs.statSync(servedStamp).mtimeMs).toBe(copiedAt);
    } else {
      expect(out2).toContain('Building the portal');
    }
    console.log(`second npm start: ready in ${secondMs} ms${unchanged ? '' : ' (portal rebuilt)'}`);
    expect(fs.readFileSync(file, 'utf8')).toBe(manifestText);
    expect(fs.statSync(file).mtimeMs).toBe(manifestMtime);
    expect(readSeedRecord(env.CURIA_DATA_DIR)?.startedAt).toBe(record!.startedAt);
    for (const [name, address] of Object.entries(manifest!.contracts)) {
      expect(await hasCode(url, address), name).toBe(true);
    }
    // What we did is still there, with its history (logs) and the chain's clock where it stopped.
    expect(
      await client.readContract({
        address: registry,
        abi: registryAbi,
        functionName: 'ownerOf',
        args: [newId],
      }),
    ).toBe(ines.address);
    expect(await client.getTransactionReceipt({ hash })).toMatchObject({ status: 'success' });
    const after = await client.getBlock({ blockTag: 'latest' });
    expect(after.number).toBeGreaterThanOrEqual(blockBefore.number);
    // A block mined now follows the last one in time (anvil alone would restart at the wall clock).
    await createTestClient({ mode: 'anvil', transport: http(url) }).mine({ blocks: 1 });
    const mined = await client.getBlock({ blockTag: 'latest' });
    expect(mined.timestamp).toBeGreaterThanOrEqual(blockBefore.timestamp);
    expect((await fetch(portal)).status).toBe(200);
    expect(await interrupt(second)).toBe(0);
  }, 900_000);

  it('starts over when the last seed was interrupted, instead of seeding a half-seeded chain twice', async () => {
    const { env, chainId, url } = await setup('interrupted');
    const first = start(env, ['--no-portal', '--no-indexer']);
    await waitForOutput(first, /Seeding the demo world/, FIRST_START_MS);
    expect(await interrupt(first)).toBe(0);
    expect(readSeedRecord(env.CURIA_DATA_DIR)?.status).toBe('seeding');

    const second = start(env, ['--no-portal', '--no-indexer']);
    await waitForOutput(second, READY, 180_000);
    expect(second.output()).toMatch(/last seed of the demo world was interrupted/);
    expect(second.output()).toContain('Deploying Curia');
    expect(second.output()).not.toContain('Building the portal');
    expect(readSeedRecord(env.CURIA_DATA_DIR)?.status).toBe('seeded');
    const manifest = readManifest(env.CURIA_DEPLOYMENTS_DIR, chainId)!;
    const client = createPublicClient({ transport: http(url) });
    const count = await client.readContract({
      address: manifest.contracts.ModelRegistry,
      abi: registryAbi,
      functionName: 'modelCount',
    });
    expect(Number(count)).toBe(
      Object.keys(readSeedRecord(env.CURIA_DATA_DIR)!.world!.entries).length,
    );
    expect(await interrupt(second)).toBe(0);
  }, 600_000);

  it('refuses a port that is in use with a one-line message and a non-zero exit', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      for (const variable of ['ANVIL_PORT', 'PORTAL_PORT', 'INDEXER_PORT']) {
        const dataDir = path.join(tmp, `busy-${variable}`);
        const [anvil, web, index] = await freePorts(3);
        const proc = start({
          ANVIL_PORT: String(anvil),
          PORTAL_PORT: String(web),
          INDEXER_PORT: String(index),
          [variable]: String(port),
          CURIA_DATA_DIR: dataDir,
          CURIA_DEPLOYMENTS_DIR: path.join(tmp, 'busy-deployments'),
        });
        const code = await proc.exited;
        expect(code).not.toBe(0);
        const lines = proc.output().trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
        expect(lines[0]).toMatch(new RegExp(`${variable}=\\d+ npm start`));
        // It neither started anvil nor created the data folder.
        expect(fs.existsSync(dataDir)).toBe(false);
      }
    } finally {
      server.close();
    }
  });

  it('rejects unknown options and bad settings in one line', async () => {
    for (const [env, args, pattern] of [
      [{}, ['--frsh'], /^Unknown option --frsh; usage: npm start/],
      [
        { PORTAL_PORT: 'abc' },
        [],
        /^PORTAL_PORT must be an integer between 1 and 65535, got "abc"$/,
      ],
      [{ ANVIL_PORT: '0' }, [], /^ANVIL_PORT must be an integer/],
      [{ INDEXER_PORT: '70000' }, [], /^INDEXER_PORT must be an integer between 1 and 65535/],
    ] as const) {
      const proc = start({ ...env, CURIA_DATA_DIR: path.join(tmp, 'bad') }, [...args]);
      expect(await proc.exited).toBe(1);
      const lines = proc.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
    }
  });
});
