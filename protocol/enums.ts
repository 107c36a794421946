// The contracts' enums in their Solidity order: the names the contracts, the index, the portal and
// the scripts use (protocol/indexer/types.ts re-exports some), and how the portal says them. No
// imports: every part loads this file as it is.

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

/** OpenZeppelin's `IGovernor.ProposalState`. */
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

/** `ICurationRegistry.DisputeState`. */
export const DISPUTE_STATES = [
  'None',
  'Voting',
  'Kept',
  'Removed',
  'Appealed',
  'Restored',
  'Delisted',
  'Rejected',
] as const;
export type DisputeStateName = (typeof DISPUTE_STATES)[number];

/** Where a dispute in `Voting` stands: before its snapshot (the voting delay), voting, or counted
 * by nobody yet (anyone can resolve it). */
export const DISPUTE_VOTING_PHASES = ['Voting delay', 'Voting open', 'Voting ended'] as const;
export type DisputeVotingPhase = (typeof DISPUTE_VOTING_PHASES)[number];

/** `ICurationRegistry.Reason`, `ICurationRegistry.Support`, `IAuditRegistry.Verdict` and `ICurationRegistry.Parameter`. */
export const REASONS = ['Quality', 'Safety', 'License', 'Other'] as const;
export type ReasonName = (typeof REASONS)[number];
export const DISPUTE_SUPPORT = { Keep: 0, Remove: 1 } as const;
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
  'DisputeVotingDelay',
] as const;
export type CurationParameterName = (typeof CURATION_PARAMETERS)[number];
/** A parameter's enum value by name: `PARAMETER.SuspensionWindow` is 8. */
export const PARAMETER = Object.fromEntries(CURATION_PARAMETERS.map((p, i) => [p, i])) as {
  readonly [N in CurationParameterName]: number;
};
/** A parameter's key in the deployment config (`curation.<key>`): `ListingBond` → `listing_bond`. */
export const parameterKey = (name: CurationParameterName): string =>
  name.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase();
/** Governor vote support (GovernorCountingSimple's VoteType). */
export const VOTE = { Against: 0, For: 1, Abstain: 2 } as const;

// How the portal says them.

/** A listing status in words: "Not applied" for None. */
export type ListingStatusLabel = 'Not applied' | Exclude<ListingStatusName, 'None'>;
export const LISTING_STATUS: readonly ListingStatusLabel[] = LISTING_STATUSES.map((s) =>
  s === 'None' ? 'Not applied' : s,
);

export const KIND = ['Model', 'Dataset'] as const;

export const REASON = REASONS;
export const DISPUTE_STATE = DISPUTE_STATES;
export const SUPPORT = Object.keys(DISPUTE_SUPPORT) as (keyof typeof DISPUTE_SUPPORT)[];
export const PROPOSAL_STATE = PROPOSAL_STATES;
export const VOTE_TYPE = Object.keys(VOTE) as (keyof typeof VOTE)[];

/** ICurationRegistry.Parameter, with how each value is shown (`CURATION_PARAMETERS`' order). */
export const PARAMETERS = [
  { name: 'Listing bond', unit: 'token' },
  { name: 'Challenge deposit', unit: 'token' },
  { name: 'Challenge period', unit: 'seconds' },
  { name: 'Dispute voting period', unit: 'seconds' },
  { name: 'Dispute quorum', unit: 'bps' },
  { name: 'Appeal bond', unit: 'token' },
  { name: 'Appeal window', unit: 'seconds' },
  { name: 'Unbonding period', unit: 'seconds' },
  { name: 'Suspension window', unit: 'seconds' },
  { name: 'Curator slash', unit: 'bps' },
  { name: 'Challenger reward', unit: 'bps' },
  { name: 'Keep share for curators', unit: 'bps' },
  { name: 'Keep share for the creator', unit: 'bps' },
  { name: 'Dispute voting delay', unit: 'seconds' },
] as const satisfies { length: (typeof CURATION_PARAMETERS)['length'] };
export type ParameterUnit = (typeof PARAMETERS)[number]['unit'];
