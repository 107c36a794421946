// The deployment manifest `deployments/<chainId>.json` that scripts/Deploy.s.sol writes: its type,
// its check (every contract of names.ts' required list), and its reader. The portal's server, the
// indexer and the scripts all read it here. No generated ABIs here: it loads on a fresh clone.
import fs from 'node:fs';
import path from 'node:path';
import { isAddress, type Address } from 'viem';
import { REQUIRED_CONTRACTS, type RequiredContractName } from './names.ts';

export interface Manifest {
  chainId: number;
  startBlock: number;
  contracts: Record<RequiredContractName, Address> & Record<string, Address>;
  parameters: Record<string, string | number>;
  /** Added by `npm run deploy`: who deployed, and the blocks the deployment spans. */
  deployment?: { deployer: Address; firstBlock: number; lastBlock: number };
}

export function manifestPath(deploymentsDir: string, chainId: number): string {
  return path.join(deploymentsDir, `${chainId}.json`);
}

/** Checks a parsed manifest: its chain, every required contract, and every address. */
export function checkManifest(json: unknown, chainId: number): Manifest {
  const manifest = json as Manifest;
  if (!manifest || typeof manifest !== 'object') throw new Error('it is not a JSON object');
  if (manifest.chainId !== chainId) throw new Error(`it is for chain ${manifest.chainId}`);
  for (const name of REQUIRED_CONTRACTS) {
    if (!isAddress(manifest.contracts?.[name] ?? '')) throw new Error(`no address for ${name}`);
  }
  for (const [name, address] of Object.entries(manifest.contracts)) {
    if (!isAddress(address)) throw new Error(`bad address for ${name}`);
  }
  return manifest;
}

/** Reads and checks a manifest; `undefined` if the file does not exist. */
export function readManifest(deploymentsDir: string, chainId: number): Manifest | undefined {
  const file = manifestPath(deploymentsDir, chainId);
  if (!fs.existsSync(file)) return undefined;
  try {
    return checkManifest(JSON.parse(fs.readFileSync(file, 'utf8')), chainId);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}
