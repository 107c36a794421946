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

/** Governor proposal states, in the order of OpenZeppelin's `IGovernor.ProposalState`. */
export const PROPOSAL_STATES = [
  'Pending',
  'Active',
  'Canceled',
  'Defeated',
  'Succeeded',
  'Queued',
  'Expired',
  'Executed',
] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** `ICurationRegistry.ListingStatus`. */
export const LISTING_STATUSES = [
  'None',
  'Pending',
  'Listed',
  'Suspended',
  'Removed',
  'Delisted',
  'Withdrawn',
] as const;
export type ListingStatusName = (typeof LISTING_STATUSES)[number];

/** `ICurationRegistry.DisputeState`. */
export const DISPUTE_STATES = [
  'None',
  'Voting',
  'Kept',
  'Removed',
  'Appealed',
  'Restored',
  'Delisted',
] as const;
export type DisputeStateName = (typeof DISPUTE_STATES)[number];

/** `ICurationRegistry.Reason`, `ICurationRegistry.Support`, `IAuditRegistry.Verdict` and `ICurationRegistry.Parameter`. */
export const REASONS = ['Quality', 'Safety', 'License', 'Other'] as const;
export const SUPPORT = { Keep: 0, Remove: 1 } as const;
export const VERDICTS = ['Pass', 'Concerns', 'Fail'] as const;
export const CURATION_PARAMETERS = [
  'ListingBond',
  'ChallengeDeposit',
  'ChallengePeriod',
  'DisputeVotingPeriod',
  'DisputeQuorumBps',
  'AppealBond',
  'AppealWindow',
  'UnbondingPeriod',
  'SuspensionWindow',
  'CuratorSlashBps',
  'ChallengerRewardBps',
  'KeepCuratorShareBps',
  'KeepCreatorShareBps',
] as const;
/** Governor vote support (GovernorCountingSimple). */
export const VOTE = { Against: 0, For: 1, Abstain: 2 } as const;

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
