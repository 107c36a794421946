// Whether a model, dispute or proposal a page names exists, so that the page of one that does not
// answers 404 (SvelteKit's `error(404)` from its load) instead of a 200 saying "not found". The
// chain decides, not the index: the index may not have caught up with one just created.
import type { Address } from 'viem';
import {
  curationRegistryAbi,
  curiaGovernorAbi,
  modelRegistryAbi,
} from '$protocol/generated/contracts';
import type { Manifest } from '$protocol/manifest';
import { loadManifest } from './manifest';
import { clientFor } from './registry';
import { chainSettings } from './settings';

export type Findable = 'model' | 'dispute' | 'proposal';

/** The one chain read this module makes (a viem client's `readContract`). */
export interface ContractReader {
  readContract(args: {
    address: Address;
    abi: readonly unknown[];
    functionName: string;
    args?: readonly unknown[];
  }): Promise<unknown>;
}

/**
 * Whether `kind` #`id` exists on the chain of `contracts`: a model the registry knows, a dispute
 * the curation registry opened (ids count from 1), a proposal the Governor has a snapshot for. Null
 * when the chain does not answer: the page then loads and says what it can.
 */
export async function existsOnChain(
  reader: ContractReader,
  contracts: Manifest['contracts'],
  kind: Findable,
  id: bigint,
): Promise<boolean | null> {
  try {
    if (kind === 'model') {
      return (await reader.readContract({
        address: contracts.ModelRegistry,
        abi: modelRegistryAbi,
        functionName: 'exists',
        args: [id],
      })) as boolean;
    }
    if (kind === 'dispute') {
      const count = (await reader.readContract({
        address: contracts.CurationRegistry,
        abi: curationRegistryAbi,
        functionName: 'disputeCount',
      })) as bigint;
      return id >= 1n && id <= count;
    }
    const snapshot = (await reader.readContract({
      address: contracts.CuriaGovernor,
      abi: curiaGovernorAbi,
      functionName: 'proposalSnapshot',
      args: [id],
    })) as bigint;
    return snapshot !== 0n;
  } catch {
    return null;
  }
}

/** The same, on the portal's chain and deployment (null: not deployed, or no answer). */
export async function exists(kind: Findable, id: bigint): Promise<boolean | null> {
  const chain = chainSettings();
  const manifest = await loadManifest(chain.id);
  if (!manifest.ok) return null;
  return existsOnChain(
    clientFor(chain).client as unknown as ContractReader,
    manifest.manifest.contracts,
    kind,
    id,
  );
}

/** The plain-language message of a 404 for `kind` #`id`. */
export function notFoundMessage(kind: Findable, id: bigint | string): string {
  const label =
    kind === 'proposal'
      ? `proposal ${String(id).slice(0, 12)}${String(id).length > 12 ? '…' : ''}`
      : `${kind} #${id}`;
  return `There is no ${label} on this chain.`;
}
