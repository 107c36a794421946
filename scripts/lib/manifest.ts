// The deployment manifest `deployments/<chainId>.json` that scripts/Deploy.s.sol writes.
import fs from 'node:fs';
import path from 'node:path';
import type { Address } from 'viem';

export const CONTRACT_NAMES = [
  'CuriaToken',
  'TimelockController',
  'CuriaGovernor',
  'ModelRegistry',
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export interface Manifest {
  chainId: number;
  startBlock: number;
  contracts: Record<ContractName, Address> & Record<string, Address>;
  parameters: Record<string, string | number>;
}

export function manifestPath(deploymentsDir: string, chainId: number): string {
  return path.join(deploymentsDir, `${chainId}.json`);
}

/** Reads and checks a manifest; `undefined` if the file does not exist. */
export function readManifest(deploymentsDir: string, chainId: number): Manifest | undefined {
  const file = manifestPath(deploymentsDir, chainId);
  if (!fs.existsSync(file)) return undefined;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.chainId !== chainId) {
    throw new Error(`${file} is for chain ${manifest.chainId}, not ${chainId}`);
  }
  for (const name of new Set([...CONTRACT_NAMES, ...Object.keys(manifest.contracts ?? {})])) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(manifest.contracts?.[name] ?? '')) {
      throw new Error(`${file} has no address for ${name}`);
    }
  }
  return manifest;
}
