// Typed handles on a Curia deployment, from its manifest and the ABIs that `npm run gen` generates
// from forge's artifacts (web/lib/generated/contracts.ts; never hand-copied). Import this module
// only once the ABIs exist: scripts that may run on a fresh clone load it dynamically after
// `ensureGenerated()` (scripts/lib/gen.ts).
import { defineChain, getContract, type Address, type Chain, type PublicClient } from 'viem';
import {
  auditRegistryAbi,
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  marketplaceAbi,
  modelRegistryAbi,
  testStablecoinAbi,
  timelockControllerAbi,
} from '../../web/lib/generated/contracts.ts';
import type { Manifest } from './manifest.ts';

export {
  auditRegistryAbi,
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  marketplaceAbi,
  modelRegistryAbi,
  testStablecoinAbi,
  timelockControllerAbi,
};

// The contracts' enums: one list, shared with the portal and the indexer.
export {
  CURATION_PARAMETERS,
  DISPUTE_STATES,
  DISPUTE_SUPPORT as SUPPORT,
  LISTING_STATUSES,
  PROPOSAL_STATES,
  REASONS,
  VERDICTS,
  VOTE,
  type DisputeStateName,
  type ListingStatusName,
  type ProposalStateName,
} from '../../web/lib/enums.ts';

/** A viem chain for a local or custom node. */
export function chainFor(chainId: number, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name: chainId === 31337 ? 'Curia local' : `Chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** Read handles on every contract of a deployment (TestStablecoin only where deployed). */
export function curiaContracts(manifest: Manifest, client: PublicClient) {
  const c = manifest.contracts;
  const at = <const A extends readonly unknown[]>(abi: A, address: Address) =>
    getContract({ abi, address, client });
  return {
    token: at(curiaTokenAbi, c.CuriaToken),
    timelock: at(timelockControllerAbi, c.TimelockController),
    governor: at(curiaGovernorAbi, c.CuriaGovernor),
    registry: at(modelRegistryAbi, c.ModelRegistry),
    curation: at(curationRegistryAbi, c.CurationRegistry),
    marketplace: c.Marketplace ? at(marketplaceAbi, c.Marketplace) : undefined,
    audits: c.AuditRegistry ? at(auditRegistryAbi, c.AuditRegistry) : undefined,
    stablecoin: c.TestStablecoin ? at(testStablecoinAbi, c.TestStablecoin) : undefined,
  };
}
export type CuriaContracts = ReturnType<typeof curiaContracts>;
