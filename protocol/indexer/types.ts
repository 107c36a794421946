// What the indexer's HTTP API (indexer/src/api) returns: the contract between the indexer and the
// portal. JSON only: uint256 values are decimal strings (`Uint`, parse with BigInt), chain times
// are unix seconds, addresses and hashes are lower-case hex. Lists and history come from here;
// balances, voting power and anything a user is about to act on are read from the chain.

import {
  DISPUTE_STATES as CONTRACT_DISPUTE_STATES,
  LISTING_STATUSES,
  PROPOSAL_STATES,
  type DisputeStateName,
  type ListingStatusName,
  type ProposalStateName,
  VERDICTS,
} from '../enums.ts';
import type { CardSummary } from '../card.ts';

/** A uint256 as a decimal string. */
export type Uint = string;
export type Hex = `0x${string}`;
export type Address = Hex;

export { LISTING_STATUSES, PROPOSAL_STATES };
export type ListingStatus = ListingStatusName;
export type ProposalState = ProposalStateName;
/** A dispute's state in the index: the contract's DisputeState but None (an indexed dispute exists). */
export type DisputeState = Exclude<DisputeStateName, 'None'>;
export const DISPUTE_STATES: readonly DisputeState[] = CONTRACT_DISPUTE_STATES.filter(
  (s): s is DisputeState => s !== 'None',
);

/** `IAuditRegistry.Verdict`. */
export const AUDIT_VERDICTS = VERDICTS;
export type AuditVerdict = (typeof VERDICTS)[number];

export const MODEL_SORTS = [
  'relevance',
  'newest',
  'oldest',
  'updated',
  'stake',
  'sales',
  'title',
] as const;
export type ModelSort = (typeof MODEL_SORTS)[number];

export const AUDITED_FILTERS = ['pass', 'any'] as const;
export type AuditedFilter = (typeof AUDITED_FILTERS)[number];

/** The cheapest offer one can buy now (active, not sold out), per currency (zero address: ETH). */
export interface PriceRow {
  currency: Address;
  price: Uint;
  /** Available offers in this currency. */
  offers: number;
}

/**
 * Audit verdicts on the version the lists show (`ModelSummary.listedVersion`, or the latest when
 * never listed): current reports only (an amended report counts once, as its amendment), as
 * `AuditRegistry.reportsOf(modelId, version)` lists them. A Pass slashed after a delisting does not
 * count as a Pass: it is counted in `slashed`.
 */
export interface AuditSummary {
  version: number;
  pass: number;
  concerns: number;
  fail: number;
  /** Current Passes on that version whose auditor was slashed for them (not in `pass`). */
  slashed: number;
}

/** A listing's pending candidate version (issue 16): in its challenge window, or challenged. */
export interface CandidateRow {
  version: number;
  /** When it is listed unless challenged (chain seconds). */
  until: number;
  /** A dispute challenges it (`ModelSummary.openDispute`): listed only if the vote keeps it. */
  challenged: boolean;
}

export const BUCKETS = { hour: 3_600, day: 86_400, week: 604_800 } as const;
export type Bucket = keyof typeof BUCKETS;

/** How far the index has caught up with the chain. */
export interface IndexHead {
  chainId: number;
  /** The last block the index processed, and its timestamp (null before the first block). */
  block: number | null;
  timestamp: number | null;
  /** The chain's latest block as the indexer's RPC sees it (null if the RPC did not answer). */
  chainBlock: number | null;
  /** chainBlock − block. */
  lagBlocks: number | null;
  /** The backfill is done (Ponder's /ready). */
  ready: boolean;
}

/** A list page. `asOf` is the indexed block the rows (and time-dependent states) reflect. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  asOf: { block: number | null; timestamp: number | null };
}

export interface ModelQuery {
  /** Words matched (all of them, case-insensitively) against title, name, description and tags. */
  q?: string;
  kind?: 'Model' | 'Dataset';
  status?: ListingStatus | ListingStatus[];
  tag?: string;
  license?: string;
  pipelineTag?: string;
  language?: string;
  owner?: Address;
  creator?: Address;
  /** Upstream entry: only models whose versions derive from it. */
  derivedFrom?: number | string;
  /**
   * `pass`: a current Pass report, not slashed, on the listed version (the latest when never
   * listed); `any`: any current report on it.
   */
  audited?: AuditedFilter;
  /** Only entries with an offer one can buy now (active, not sold out). */
  hasOffer?: boolean;
  /** Only entries with an available ETH offer at or below this price (wei, decimal). */
  maxPrice?: Uint;
  /** Only entries with (true) or without (false) a pending candidate version (`versionsOf`). */
  hasCandidate?: boolean;
  sort?: ModelSort;
  limit?: number;
  offset?: number;
}

/**
 * A model as the lists show it: its chain data and what the indexer kept of the card (CardSummary)
 * of its listed version (`listedVersion`; the latest when it was never listed), since curation is
 * bound to versions (issue 16): a newer version may be a pending or rejected candidate.
 */
export interface ModelSummary extends Omit<CardSummary, 'status'> {
  id: Uint;
  kind: 'Model' | 'Dataset';
  creator: Address;
  owner: Address;
  registeredAt: number;
  updatedAt: number;
  /** The latest version, its content hash and metadata URI (`ModelRegistry.getModel`). */
  versionCount: number;
  contentHash: Hex;
  metadataUri: string;
  /** The listed version as `CurationRegistry.versionsOf` reads it at `asOf` (0: never listed). */
  listedVersion: number;
  /** The pending candidate version at `asOf`, or null. */
  candidate: CandidateRow | null;
  /** The card shown is this version's: `listedVersion`, or `versionCount` when never listed. */
  cardVersion: number;
  /** `ok`: the card's text is indexed; `missing`/`remote`/`invalid`: only chain data is. */
  cardStatus: CardSummary['status'];
  /** As `CurationRegistry.statusOf` at `asOf`. */
  status: ListingStatus;
  pendingUntil: number;
  suspendedUntil: number;
  bond: Uint;
  openDispute: Uint | null;
  /** The open dispute's state: Voting, or (a Removed entry) Removed while the owner may appeal, Appealed. */
  openDisputeState: DisputeState | null;
  disputeCount: number;
  /** As `CurationRegistry.stakeOf`. */
  stakeActive: Uint;
  stakeUnbonding: Uint;
  stakeHeld: Uint;
  curatorCount: number;
  offerCount: number;
  saleCount: number;
  lastSaleAt: number | null;
  reportCount: number;
  /** Cheapest available offer per currency, ETH first; empty when nothing is for sale. */
  prices: PriceRow[];
  audits: AuditSummary;
}

export interface VersionRow {
  version: number;
  parent: number;
  contentHash: Hex;
  metadataUri: string;
  derivedFrom: Uint[];
  publishedAt: number;
  txHash: Hex;
}

export interface LineageRow {
  modelId: Uint;
  version: number;
  upstreamId: Uint;
  /** The other entry's title (the upstream's for `upstream`, the derived one's for `downstream`). */
  title: string | null;
}

export interface ListingChange {
  event: string;
  status: string;
  disputeId: Uint | null;
  actor: Address;
  until: number | null;
  timestamp: number;
  blockNumber: number;
  txHash: Hex;
}

export interface StakeRow {
  modelId: Uint;
  curator: Address;
  active: Uint;
  unbonding: Uint;
  releaseAt: number;
  totalStaked: Uint;
  totalWithdrawn: Uint;
  slashed: Uint;
  firstStakedAt: number;
  updatedAt: number;
}

/** A curator's stake with its entry's title (/api/accounts/:address/stakes). */
export interface AccountStakeRow extends StakeRow {
  modelTitle: string | null;
}

export interface OfferRow {
  id: Uint;
  modelId: Uint;
  currency: Address;
  price: Uint;
  duration: Uint;
  cap: Uint;
  sold: number;
  active: boolean;
  termsUri: string;
  termsHash: Hex;
  createdAt: number;
  retiredAt: number | null;
}

export interface LicenseRow {
  modelId: Uint;
  licensee: Address;
  offerId: Uint;
  expiresAt: Uint;
  purchases: number;
  updatedAt: number;
}

export interface SaleRow {
  id: string;
  modelId: Uint;
  offerId: Uint;
  licensee: Address;
  buyer: Address;
  version: number;
  currency: Address;
  price: Uint;
  expiresAt: Uint;
  creatorShare: Uint | null;
  royalties: Uint | null;
  curators: Uint | null;
  auditors: Uint | null;
  treasury: Uint | null;
  timestamp: number;
  txHash: Hex;
}

/** A licensee's credit for a pay-per-use offer (MeteredLicenses), with the offer's price. */
export interface CreditRow {
  offerId: Uint;
  modelId: Uint;
  modelTitle: string | null;
  licensee: Address;
  currency: Address;
  price: Uint;
  meterUnits: Uint;
  balance: Uint;
  /** 0, or when the credit may be withdrawn (a withdrawal was asked). */
  unlockAt: Uint;
  deposited: Uint;
  spent: Uint;
  updatedAt: number;
}

/** A host's redemption of a licensee's usage receipt. */
export interface UsageRow {
  id: string;
  modelId: Uint;
  offerId: Uint;
  licensee: Address;
  host: Address;
  unitsBefore: Uint;
  units: Uint;
  amount: Uint;
  timestamp: number;
  txHash: Hex;
}

export interface DisputeRow {
  id: Uint;
  modelId: Uint;
  modelTitle: string | null;
  challenger: Address;
  reason: string;
  deposit: Uint;
  evidenceUri: string;
  evidenceHash: Hex;
  previousStatus: string;
  state: DisputeState;
  /** Voting and its period is still open at `asOf`. */
  votingOpen: boolean;
  openedAt: number;
  /** The vote's snapshot: votes open after it (the dispute voting delay after the challenge). */
  snapshot: number;
  votingEndsAt: number;
  keepVotes: Uint;
  removeVotes: Uint;
  voterCount: number;
  resolvedAt: number | null;
  appealEndsAt: number | null;
  appealedAt: number | null;
  proposalId: Uint | null;
  appealBond: Uint | null;
  closedAt: number | null;
  bondSlashed: Uint | null;
  stakeSlashed: Uint | null;
  challengerReward: Uint | null;
  toTreasury: Uint | null;
  txHash: Hex;
}

export interface DisputeVoteRow {
  disputeId: Uint;
  voter: Address;
  support: 'Keep' | 'Remove';
  weight: Uint;
  reason: string;
  timestamp: number;
  txHash: Hex;
}

export interface AuditReportRow {
  id: Uint;
  modelId: Uint;
  version: number;
  auditor: Address;
  verdict: AuditVerdict;
  scores: { quality: number; safety: number; bias: number; license: number };
  contentHash: Hex;
  reportUri: string;
  reportHash: Hex;
  replaces: Uint | null;
  replacedBy: Uint | null;
  slashed: boolean;
  slashAmount: Uint | null;
  submittedAt: number;
  txHash: Hex;
}

/** A report in the list of all reports (/api/audits), with its entry's title. */
export interface AuditRow extends AuditReportRow {
  modelTitle: string | null;
}

export interface AuditQuery {
  auditor?: Address;
  verdict?: AuditVerdict | AuditVerdict[];
  model?: string | number;
  limit?: number;
  offset?: number;
}

export interface ModelDetail extends ModelSummary {
  versions: VersionRow[];
  upstream: LineageRow[];
  downstream: LineageRow[];
  history: ListingChange[];
  curators: StakeRow[];
  offers: OfferRow[];
  disputes: DisputeRow[];
  reports: AuditReportRow[];
  asOf: Page<never>['asOf'];
}

export interface ProposalQuery {
  state?: ProposalState | ProposalState[];
  proposer?: Address;
  /** Only appeals (proposals the curation registry opened), or only other proposals. */
  appeal?: boolean;
  limit?: number;
  offset?: number;
}

export interface ProposalRow {
  id: Uint;
  proposer: Address;
  title: string;
  description: string;
  /** As `Governor.state` at `asOf`. */
  state: ProposalState;
  targets: Address[];
  values: Uint[];
  signatures: string[];
  calldatas: Hex[];
  appealOf: Uint | null;
  createdAt: number;
  blockNumber: number;
  txHash: Hex;
  voteStart: number;
  voteEnd: number;
  deadline: number;
  forVotes: Uint;
  againstVotes: Uint;
  abstainVotes: Uint;
  voterCount: number;
  quorum: Uint;
  quorumReached: boolean;
  eta: number | null;
  queuedAt: number | null;
  executedAt: number | null;
  canceledAt: number | null;
}

export interface VoteRow {
  proposalId: Uint;
  voter: Address;
  /** 0 Against, 1 For, 2 Abstain. */
  support: 0 | 1 | 2;
  weight: Uint;
  reason: string;
  params: Hex | null;
  timestamp: number;
  txHash: Hex;
}

export interface DelegateRow {
  account: Address;
  votes: Uint;
  /** Other accounts delegating to this one; its own self-delegation is `selfDelegated`. */
  delegators: number;
  selfDelegated: boolean;
  updatedAt: number;
}

export interface HistoryEntry {
  id: string;
  contract: string;
  name: string;
  blockNumber: number;
  logIndex: number;
  timestamp: number;
  txHash: Hex;
  txFrom: Address;
  args: Record<string, unknown>;
  modelId: Uint | null;
}

export interface EventCount {
  contract: string;
  name: string;
  count: number;
}

export interface Reputation {
  account: Address;
  asOf: Page<never>['asOf'];
  creator: {
    /** Entries registered, models and datasets alike. */
    models: number;
    /** Of them, datasets. */
    datasets: number;
    /** Entries by listing status at `asOf` (statuses with none are absent). */
    byStatus: Partial<Record<ListingStatus, number>>;
    /** Listed or suspended now. */
    listed: number;
    delisted: number;
  };
  curator: {
    positions: number;
    totalStaked: Uint;
    /** Active and unbonding stake now. */
    currentStake: Uint;
    /** Stake placed on models that were later delisted, and what the slash took from it. */
    onDelisted: { models: number; staked: Uint; lost: Uint };
    /** Stake placed on models that were not delisted. */
    onKept: { models: number; staked: Uint };
  };
  challenger: {
    disputes: number;
    /** The model ended delisted. */
    won: number;
    /** The vote kept the model, or the DAO restored it on appeal. */
    lost: number;
    pending: number;
  };
  auditor: {
    accredited: boolean;
    bond: Uint;
    reports: number;
    passes: number;
    /** Pass reports on models later delisted. */
    overturnedPasses: number;
    slashes: number;
    slashedAmount: Uint;
  } | null;
  voter: { proposalVotes: number; disputeVotes: number };
  delegate: { votes: Uint; delegators: number; selfDelegated: boolean } | null;
}

export interface FeePoint {
  /** Start of the bucket (unix seconds). */
  t: number;
  currency: Address;
  sales: number;
  volume: Uint;
  /** Curators' + auditors' + treasury's shares: the protocol fee. */
  protocolFee: Uint;
  curators: Uint;
  auditors: Uint;
  treasury: Uint;
  royalties: Uint;
}

export interface StakePoint {
  t: number;
  staked: Uint;
  unstakeRequested: Uint;
  withdrawn: Uint;
  slashed: Uint;
  /** Stake curators hold at the end of the bucket: staked − withdrawn − slashed, to date. */
  total: Uint;
}

export interface ProposalOutcomePoint {
  t: number;
  created: number;
  /** Proposals created in the bucket, by state at `asOf`. */
  byState: Partial<Record<ProposalState, number>>;
}

export interface Series<T> {
  bucket: Bucket;
  points: T[];
  asOf: Page<never>['asOf'];
}
