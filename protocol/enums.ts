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
] as const;
export type DisputeStateName = (typeof DISPUTE_STATES)[number];

/** Where a dispute in `Voting` stands: before its snapshot (the voting delay), voting, or counted
 * by nobody yet (anyone can resolve it). */
export const DISPUTE_VOTING_PHASES = ['Voting delay', 'Voting open', 'Voting ended'] as const;
export type DisputeVotingPhase = (typeof DISPUTE_VOTING_PHASES)[number];

/** `ICurationRegistry.Reason`, `ICurationRegistry.Support` and `IAuditRegistry.Verdict`. */
export const REASONS = ['Quality', 'Safety', 'License', 'Other'] as const;
export const DISPUTE_SUPPORT = { Keep: 0, Remove: 1 } as const;
export const VERDICTS = ['Pass', 'Concerns', 'Fail'] as const;
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

/**
 * `ICurationRegistry.Parameter` in its Solidity order, the one table of the curation parameters:
 * `id` the enum's name, `key` the deployment config's key (`curation.<key>` in config/*.toml),
 * `name` how the portal says it, `unit` how a value is shown (`token`: whole CUR in the config).
 */
export const PARAMETERS = [
  { id: 'ListingBond', key: 'listing_bond', name: 'Listing bond', unit: 'token' },
  { id: 'ChallengeDeposit', key: 'challenge_deposit', name: 'Challenge deposit', unit: 'token' },
  { id: 'ChallengePeriod', key: 'challenge_period', name: 'Challenge period', unit: 'seconds' },
  {
    id: 'DisputeVotingPeriod',
    key: 'dispute_voting_period',
    name: 'Dispute voting period',
    unit: 'seconds',
  },
  { id: 'DisputeQuorumBps', key: 'dispute_quorum_bps', name: 'Dispute quorum', unit: 'bps' },
  { id: 'AppealBond', key: 'appeal_bond', name: 'Appeal bond', unit: 'token' },
  { id: 'AppealWindow', key: 'appeal_window', name: 'Appeal window', unit: 'seconds' },
  { id: 'UnbondingPeriod', key: 'unbonding_period', name: 'Unbonding period', unit: 'seconds' },
  { id: 'SuspensionWindow', key: 'suspension_window', name: 'Suspension window', unit: 'seconds' },
  { id: 'CuratorSlashBps', key: 'curator_slash_bps', name: 'Curator slash', unit: 'bps' },
  {
    id: 'ChallengerRewardBps',
    key: 'challenger_reward_bps',
    name: 'Challenger reward',
    unit: 'bps',
  },
  {
    id: 'KeepCuratorShareBps',
    key: 'keep_curator_share_bps',
    name: 'Keep share for curators',
    unit: 'bps',
  },
  {
    id: 'KeepCreatorShareBps',
    key: 'keep_creator_share_bps',
    name: 'Keep share for the creator',
    unit: 'bps',
  },
  {
    id: 'DisputeVotingDelay',
    key: 'dispute_voting_delay',
    name: 'Dispute voting delay',
    unit: 'seconds',
  },
] as const;
export type CurationParameterName = (typeof PARAMETERS)[number]['id'];
/** The parameters' enum names in order: `CURATION_PARAMETERS[i]` is `ICurationRegistry.Parameter(i)`. */
export const CURATION_PARAMETERS: readonly CurationParameterName[] = PARAMETERS.map((p) => p.id);
/** A parameter's enum value by name: `PARAMETER.SuspensionWindow` is 8. */
export const PARAMETER = Object.fromEntries(PARAMETERS.map((p, i) => [p.id, i])) as {
  readonly [N in CurationParameterName]: number;
};
export type ParameterUnit = (typeof PARAMETERS)[number]['unit'];
