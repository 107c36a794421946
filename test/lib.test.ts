// The helpers shared by the Node scripts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoAccounts, DEPLOYER } from '../scripts/lib/accounts.ts';
import { foundryBinary } from '../scripts/lib/foundry.ts';
import { readManifest } from '../scripts/lib/manifest.ts';
import { localConfig, ROOT } from '../scripts/lib/paths.ts';

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
      deploymentsDir: path.join(ROOT, 'deployments'),
      port: 8545,
      chainId: 31337,
    });
    expect(localConfig({ ANVIL_PORT: '9000', CURIA_DATA_DIR: '/tmp/x' })).toMatchObject({
      dataDir: '/tmp/x',
      port: 9000,
    });
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
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
