// The helpers shared by the Node scripts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import { createTestClient, custom, http, numberToHex, publicActions } from 'viem';
import { describe, expect, it } from 'vitest';
import { demoAccounts, DEPLOYER } from '../scripts/lib/accounts.ts';
import { resumeChainClock, startAnvil } from '../scripts/lib/anvil.ts';
import { configAddresses, readDeployConfig } from '../scripts/lib/deploy-config.ts';
import { foundryBinary } from '../scripts/lib/foundry.ts';
import {
  ChainUnreachableError,
  GAS_HEADROOM_MIN,
  GAS_HEADROOM_PERCENT,
  verifyTypedDataOnChain,
  withGasHeadroom,
} from '../protocol/chain.ts';
import { readManifest } from '../protocol/manifest.ts';
import { localConfig, portalPort, ROOT } from '../protocol/paths.ts';
import { BUILD_DIR, portalBuildNeeded, portalSourceHash } from '../scripts/lib/portal.ts';
import { freePort } from '../scripts/lib/rpc.ts';
import { CATALOG } from '../scripts/seed/catalog.ts';
import { cidOfBytes } from '../protocol/cid.ts';
import { pseudoWeights, sha256Hex } from '../scripts/seed/content.ts';

describe('scripts/lib', () => {
  it("derives anvil's well-known accounts", () => {
    const accounts = demoAccounts();
    expect(accounts).toHaveLength(10);
    expect(DEPLOYER.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(DEPLOYER.privateKey).toBe(
      '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    );
    expect(accounts[9].address).toBe('0xa0Ee7A142d267C1f36714E4a8F75612F20a79720');
  });

  it('finds the platform binaries of anvil and forge', () => {
    for (const tool of ['anvil', 'forge'] as const) {
      const bin = foundryBinary(tool);
      expect(fs.existsSync(bin), bin).toBe(true);
    }
  });

  it('reads its settings from the environment, with defaults', () => {
    expect(localConfig({})).toEqual({
      dataDir: path.join(ROOT, 'data'),
      docsDir: path.join(ROOT, 'data', 'docs'),
      deploymentsDir: path.join(ROOT, 'deployments'),
      port: 8545,
      chainId: 31337,
    });
    expect(localConfig({ ANVIL_PORT: '9000', CURIA_DATA_DIR: '/tmp/x' })).toMatchObject({
      dataDir: '/tmp/x',
      docsDir: '/tmp/x/docs',
      port: 9000,
    });
    expect(localConfig({ CURIA_DATA_DIR: '/tmp/x', CURIA_DOCS_DIR: '/srv/docs' }).docsDir).toBe(
      '/srv/docs',
    );
    expect(() => localConfig({ ANVIL_PORT: '70000' })).toThrow(/ANVIL_PORT/);
    expect(() => localConfig({ ANVIL_PORT: 'abc' })).toThrow(/ANVIL_PORT/);
  });

  it('checks manifests', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-manifest-'));
    try {
      expect(readManifest(dir, 31337)).toBeUndefined();
      const contracts = {
        CuriaToken: '0x' + '11'.repeat(20),
        TimelockController: '0x' + '22'.repeat(20),
        CuriaGovernor: '0x' + '33'.repeat(20),
        ModelRegistry: '0x' + '44'.repeat(20),
        CurationRegistry: '0x' + '55'.repeat(20),
        Marketplace: '0x' + '66'.repeat(20),
        AuditRegistry: '0x' + '77'.repeat(20),
        MeteredLicenses: '0x' + '88'.repeat(20),
      };
      fs.writeFileSync(
        path.join(dir, '31337.json'),
        JSON.stringify({ chainId: 31337, startBlock: 0, contracts, parameters: {} }),
      );
      expect(readManifest(dir, 31337)?.contracts.CuriaGovernor).toBe(contracts.CuriaGovernor);
      fs.writeFileSync(
        path.join(dir, '1.json'),
        JSON.stringify({ chainId: 1, startBlock: 0, contracts: { CuriaToken: '0x1' } }),
      );
      expect(() => readManifest(dir, 1)).toThrow(/no address for CuriaToken/);
      // Every contract of the one required list (protocol/manifest.ts), the audit registry too.
      const { AuditRegistry: _, ...withoutAudits } = contracts;
      fs.writeFileSync(
        path.join(dir, '5.json'),
        JSON.stringify({ chainId: 5, startBlock: 0, contracts: withoutAudits, parameters: {} }),
      );
      expect(() => readManifest(dir, 5)).toThrow(/no address for AuditRegistry/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scripts/lib: npm start and deploy helpers', () => {
  it('reads the portal port from PORTAL_PORT, 5173 by default', () => {
    expect(portalPort({})).toBe(5173);
    expect(portalPort({ PORTAL_PORT: '4000' })).toBe(4000);
    expect(() => portalPort({ PORTAL_PORT: '0' })).toThrow(/PORTAL_PORT must be an integer/);
  });

  it('hashes the portal sources deterministically and asks for a build without a stamp', () => {
    const hash = portalSourceHash();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(portalSourceHash()).toBe(hash);
    expect(portalBuildNeeded(hash, null)).toBe(true);
    const stamp = { hash, builtAt: new Date().toISOString(), durationMs: 1 };
    expect(portalBuildNeeded(hash, stamp)).toBe(!fs.existsSync(path.join(BUILD_DIR, 'index.js')));
    expect(portalBuildNeeded('0'.repeat(64), stamp)).toBe(true);
  });

  it('reads deployment configs in on-chain units, and names what is wrong in one line', () => {
    const local = readDeployConfig(path.join(ROOT, 'config', 'deploy.local.toml'));
    expect(local.treasury).toBe(60_000_000n * 10n ** 18n);
    expect(local.recipients).toHaveLength(local.amounts.length);
    expect(local.curation[0]).toBe(5_000n * 10n ** 18n); // listing bond, in whole tokens
    expect(local.curation[2]).toBe(259_200n); // challenge period, in seconds
    expect(local.marketplace.testStablecoin).toBe(true);
    expect(configAddresses(local).map((a) => a.key)).toContain('curation.guardian');

    // The example cannot be deployed before its placeholders are replaced.
    expect(() => readDeployConfig(path.join(ROOT, 'config', 'deploy.example.toml'))).toThrow(
      /token\.recipients\[0\] must be an address, got "REPLACE_WITH_FOUNDATION_MULTISIG"/,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-config-'));
    try {
      const write = (text: string) => {
        const file = path.join(dir, 'c.toml');
        fs.writeFileSync(file, text);
        return file;
      };
      const text = fs.readFileSync(path.join(ROOT, 'config', 'deploy.local.toml'), 'utf8');
      expect(() => readDeployConfig(write(text.replace(/^voting_delay = .*\n/m, '')))).toThrow(
        /has no governor\.voting_delay$/,
      );
      expect(() =>
        readDeployConfig(write(text.replace(/^min_delay = .*$/m, 'min_delay = -1'))),
      ).toThrow(/timelock\.min_delay must be a non-negative integer/);
      expect(() => readDeployConfig(write('[token\n'))).toThrow(/is not valid TOML/);
      expect(() => readDeployConfig(path.join(dir, 'none.toml'))).toThrow(/does not exist/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('addresses documents by a CIDv1 whose digest is their sha-256', async () => {
    const empty = new Uint8Array();
    expect((await cidOfBytes(empty)).toString()).toBe(
      'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
    );
    const bytes = new TextEncoder().encode('{"name":"card"}');
    const cid = CID.parse((await cidOfBytes(bytes)).toString());
    expect(Buffer.from(cid.multihash.digest).toString('hex')).toBe(sha256Hex(bytes).slice(2));
  });

  it('writes deterministic, valid safetensors pseudo-weights', () => {
    const spec = CATALOG.find((e) => e.key === 'lumen/aurora-1b')!;
    const a = pseudoWeights(spec, 1);
    expect(pseudoWeights(spec, 1).equals(a)).toBe(true);
    expect(pseudoWeights(spec, 2).equals(a)).toBe(false);
    const headerLength = Number(a.readBigUInt64LE(0));
    expect((8 + headerLength) % 8).toBe(0);
    const header = JSON.parse(a.subarray(8, 8 + headerLength).toString()) as Record<
      string,
      { dtype: string; shape: number[]; data_offsets: [number, number] }
    >;
    let end = 0;
    for (const [name, t] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      expect(t.data_offsets[0]).toBe(end);
      expect(t.data_offsets[1] - t.data_offsets[0]).toBe(t.shape.reduce((x, y) => x * y, 1) * 4);
      end = t.data_offsets[1];
    }
    expect(a.length).toBe(8 + headerLength + end);
  });

  it('resumes a saved chain with its clock after the last block, not at the wall clock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-clock-'));
    const port = await freePort();
    const opts = { port, chainId: 31_336_999, stateFile: path.join(dir, 'state.json') };
    try {
      let anvil = await startAnvil(opts);
      let test = createTestClient({ mode: 'anvil', transport: http(anvil.url) }).extend(
        publicActions,
      );
      await test.increaseTime({ seconds: 30 * 86_400 });
      await test.mine({ blocks: 1 });
      const last = (await test.getBlock()).timestamp;
      await anvil.stop();

      anvil = await startAnvil(opts);
      test = createTestClient({ mode: 'anvil', transport: http(anvil.url) }).extend(publicActions);
      expect((await test.getBlock()).timestamp).toBe(last);
      const set = await resumeChainClock(anvil.url);
      expect(BigInt(set)).toBe(last + 1n);
      await test.mine({ blocks: 1 });
      const next = (await test.getBlock()).timestamp;
      expect(next).toBeGreaterThan(last);
      expect(next).toBeLessThan(last + 60n);
      await anvil.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('protocol/chain: withGasHeadroom', () => {
  const answers: Record<string, unknown> = { eth_estimateGas: '0x186a0', eth_chainId: '0x7a69' };
  const base = custom({ request: async ({ method }) => answers[method] });
  const estimate = async (gas: bigint) => {
    answers.eth_estimateGas = numberToHex(gas);
    const { request } = withGasHeadroom(base)({ retryCount: 0 });
    return request({ method: 'eth_estimateGas', params: [{}] } as never);
  };

  it('raises an estimate by the headroom, at least GAS_HEADROOM_MIN, and leaves other answers alone', async () => {
    // 1,000,000 gas estimated: a quarter more.
    expect(await estimate(1_000_000n)).toBe(
      numberToHex(1_000_000n + (1_000_000n * GAS_HEADROOM_PERCENT) / 100n),
    );
    // 110,000 (a listing whose bond moves votes): a quarter (27,500) is less than two new
    // checkpoints, so GAS_HEADROOM_MIN is added (a CI run reverted out of gas at +25%).
    expect(await estimate(110_000n)).toBe(numberToHex(110_000n + GAS_HEADROOM_MIN));
    const { request } = withGasHeadroom(base)({ retryCount: 0 });
    expect(await request({ method: 'eth_chainId' } as never)).toBe('0x7a69');
  });

  it("raises the gas of an eth_fillTransaction answer the same way (viem's path for local accounts)", async () => {
    answers.eth_fillTransaction = { raw: '0x02', tx: { gas: numberToHex(47_188n), nonce: '0x1' } };
    const { request } = withGasHeadroom(base)({ retryCount: 0 });
    const filled = (await request({ method: 'eth_fillTransaction', params: [{}] } as never)) as {
      raw: string;
      tx: { gas: string; nonce: string };
    };
    // 47,188 estimated (a delegation that reverted out of gas in CI): GAS_HEADROOM_MIN added.
    expect(filled.tx.gas).toBe(numberToHex(47_188n + GAS_HEADROOM_MIN));
    expect(filled.tx.nonce).toBe('0x1');
    expect(filled.raw).toBe('0x02');
  });
});

describe('protocol/chain: verifyTypedDataOnChain', () => {
  const args = {} as Parameters<typeof verifyTypedDataOnChain>[1];
  const client = (verified: boolean | Error, chainAnswers: boolean) => ({
    verifyTypedData: async () => {
      if (verified instanceof Error) throw verified;
      return verified;
    },
    getBlockNumber: async () => {
      if (!chainAnswers) throw new Error('fetch failed');
      return 1n;
    },
  });

  it('is true for a good signature without asking anything more', async () => {
    expect(await verifyTypedDataOnChain(client(true, false), args)).toBe(true);
  });

  it('is false for a bad signature while the chain answers (a throwing check included)', async () => {
    expect(await verifyTypedDataOnChain(client(false, true), args)).toBe(false);
    expect(await verifyTypedDataOnChain(client(new Error('reverted'), true), args)).toBe(false);
  });

  it('throws ChainUnreachableError when the check failed and the chain does not answer', async () => {
    await expect(verifyTypedDataOnChain(client(false, false), args)).rejects.toBeInstanceOf(
      ChainUnreachableError,
    );
  });
});
