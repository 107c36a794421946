// Names of the contracts' enums, in their Solidity order, in plain language.

export const LISTING_STATUS = [
  'Not applied',
  'Pending',
  'Listed',
  'Suspended',
  'Removed',
  'Delisted',
  'Withdrawn',
] as const;
export type ListingStatusName = (typeof LISTING_STATUS)[number];

export const KIND = ['Model', 'Dataset'] as const;

export const REASON = ['Quality', 'Safety', 'License', 'Other'] as const;

export const DISPUTE_STATE = [
  'None',
  'Voting',
  'Kept',
  'Removed',
  'Appealed',
  'Restored',
  'Delisted',
] as const;

export const SUPPORT = ['Keep', 'Remove'] as const;

/** OpenZeppelin Governor's ProposalState. */
export const PROPOSAL_STATE = [
  'Pending',
  'Active',
  'Canceled',
  'Defeated',
  'Succeeded',
  'Queued',
  'Expired',
  'Executed',
] as const;

/** GovernorCountingSimple's VoteType. */
export const VOTE_TYPE = ['Against', 'For', 'Abstain'] as const;

/** ICurationRegistry.Parameter, with how each value is shown. */
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
] as const;
export type ParameterUnit = (typeof PARAMETERS)[number]['unit'];
