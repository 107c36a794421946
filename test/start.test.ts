// `npm start` end to end: a first run starts anvil and deploys Curia, Ctrl-C saves the chain,
// and a second run resumes it with the same contracts and no redeploy. Each run uses its own
// data and deployments folders, a free port and its own chain id, so it never touches the
// developer's local chain (deployments/31337.json, data/).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, http, parseAbi, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_NAMES, manifestPath, readManifest } from '../scripts/lib/manifest.ts';
import { ROOT } from '../scripts/lib/paths.ts';
import { freePort, hasCode } from '../scripts/lib/rpc.ts';
import { interrupt, runStart, waitForOutput, type StartedProcess } from './ts/start-process.ts';

const READY = /Ready at http:\/\/127\.0\.0\.1:\d+/;
// The first run compiles the contracts with forge (about 20 s cold on 2 cores).
const FIRST_START_MS = 240_000;

const governorAbi = parseAbi(['function name() view returns (string)']);

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

describe('npm start', () => {
  it('deploys once, saves the chain on Ctrl-C and resumes it without redeploying', async () => {
    const port = await freePort();
    const chainId = 31_337_000 + Math.floor(Math.random() * 1_000);
    chainIds.push(chainId);
    const env = {
      ANVIL_PORT: String(port),
      ANVIL_CHAIN_ID: String(chainId),
      CURIA_DATA_DIR: path.join(tmp, 'data'),
      CURIA_DEPLOYMENTS_DIR: path.join(tmp, 'deployments'),
    };
    const url = `http://127.0.0.1:${port}`;
    const client = createPublicClient({ transport: http(url) });
    const file = manifestPath(env.CURIA_DEPLOYMENTS_DIR, chainId);
    const stateFile = path.join(env.CURIA_DATA_DIR, 'anvil', 'state.json');

    // First run: a new chain, deployed by forge.
    const first = start(env);
    await waitForOutput(first, READY, FIRST_START_MS);
    expect(first.output()).toContain('Deploying Curia');
    const manifest = readManifest(env.CURIA_DEPLOYMENTS_DIR, chainId);
    expect(manifest).toBeDefined();
    expect(Object.keys(manifest!.contracts)).toEqual(expect.arrayContaining([...CONTRACT_NAMES]));
    for (const [name, address] of Object.entries(manifest!.contracts)) {
      expect(await hasCode(url, address), name).toBe(true);
      expect(first.output()).toContain(`${name.padEnd(20)}${address}`);
    }
    const governor = manifest!.contracts.CuriaGovernor as Address;
    expect(
      await client.readContract({ address: governor, abi: governorAbi, functionName: 'name' }),
    ).toBe('Curia Governor');
    // The demo accounts are printed with their keys.
    expect(first.output()).toContain('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(first.output()).toContain('0xa0Ee7A142d267C1f36714E4a8F75612F20a79720');
    // Nothing leaks into the repository's own deployments folder.
    expect(fs.existsSync(path.join(ROOT, 'deployments', `${chainId}.json`))).toBe(false);

    const blockBefore = await client.getBlockNumber();
    const manifestText = fs.readFileSync(file, 'utf8');
    const manifestMtime = fs.statSync(file).mtimeMs;

    // Ctrl-C: anvil writes its state and the script exits cleanly.
    expect(await interrupt(first)).toBe(0);
    expect(fs.existsSync(stateFile)).toBe(true);
    await expect(hasCode(url, governor)).rejects.toThrow();

    // Second run: the same chain, no redeploy.
    const second = start(env);
    await waitForOutput(second, READY, 60_000);
    expect(second.output()).toContain('no redeploy');
    expect(second.output()).not.toContain('Deploying Curia');
    expect(fs.readFileSync(file, 'utf8')).toBe(manifestText);
    expect(fs.statSync(file).mtimeMs).toBe(manifestMtime);
    for (const [name, address] of Object.entries(manifest!.contracts)) {
      expect(await hasCode(url, address), name).toBe(true);
    }
    expect(
      await client.readContract({ address: governor, abi: governorAbi, functionName: 'name' }),
    ).toBe('Curia Governor');
    expect(await client.getBlockNumber()).toBeGreaterThanOrEqual(blockBefore);
    expect(await interrupt(second)).toBe(0);
  });

  it('refuses a port that is in use with a one-line message and a non-zero exit', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const proc = start({
        ANVIL_PORT: String(port),
        CURIA_DATA_DIR: path.join(tmp, 'busy-data'),
        CURIA_DEPLOYMENTS_DIR: path.join(tmp, 'busy-deployments'),
      });
      const code = await proc.exited;
      expect(code).not.toBe(0);
      const lines = proc.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
      expect(lines[0]).toMatch(/ANVIL_PORT=\d+ npm start/);
      // It neither started anvil nor created the data folder.
      expect(fs.existsSync(path.join(tmp, 'busy-data'))).toBe(false);
    } finally {
      server.close();
    }
  });
});
