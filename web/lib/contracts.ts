// Typed handles of Curia's contracts: the address from the manifest and the generated ABI.
import type { Address } from 'viem';
import type { Manifest } from './config';
import {
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
} from './generated/contracts';

export function curiaContracts(manifest: Manifest) {
  const c = manifest.contracts;
  return {
    token: { address: c.CuriaToken, abi: curiaTokenAbi },
    governor: { address: c.CuriaGovernor, abi: curiaGovernorAbi },
    timelock: { address: c.TimelockController, abi: timelockControllerAbi },
    registry: { address: c.ModelRegistry, abi: modelRegistryAbi },
    curation: { address: c.CurationRegistry, abi: curationRegistryAbi },
  } as const;
}
export type CuriaContracts = ReturnType<typeof curiaContracts>;

const cache = new WeakMap<Manifest, CuriaContracts>();

/** The contracts of the page's deployment (null when Curia is not deployed on this chain). */
export function contractsOf(curia: { manifest: Manifest | null }): CuriaContracts | null {
  if (!curia.manifest) return null;
  let c = cache.get(curia.manifest);
  if (!c) cache.set(curia.manifest, (c = curiaContracts(curia.manifest)));
  return c;
}

/** Which contract an address is, by name (for decoding proposal actions). */
export function contractNameOf(manifest: Manifest, address: Address): string | undefined {
  for (const [name, a] of Object.entries(manifest.contracts)) {
    if (a.toLowerCase() === address.toLowerCase()) return name;
  }
  return undefined;
}
