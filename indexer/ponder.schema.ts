// The index: every event of every Curia contract (`chain_event`), and the tables the portal reads
// (models, versions, lineage, listings, stakes, disputes, proposals, votes, delegations, offers,
// sales, licenses, fee flows, audits, auditors). Amounts are uint256 (numeric); times are chain
// timestamps in seconds. Time-dependent states (a listing past its challenge period, a proposal
// past its deadline) are stored as their inputs and computed at query time (indexer/src/api).
import { index, onchainTable } from 'ponder';

/** Ponder's column builders, as a table's column function receives them. */
type Columns = Parameters<Extract<Parameters<typeof onchainTable>[1], (t: never) => unknown>>[0];

/** A model card's text, as `model` (the latest version's) and `version` (its own) keep it. */
const cardColumns = (t: Columns) => ({
  /** `ok`, or why the card has no text (`missing`, `invalid`, `remote`). */
  cardStatus: t.text().notNull(),
  name: t.text(),
  title: t.text(),
  description: t.text(),
  tags: t.text().array().notNull(),
  license: t.text(),
  pipelineTag: t.text(),
  language: t.text().array().notNull(),
  /** Lower-case title, name, description and tags, for search. */
  searchText: t.text().notNull(),
});

/** Every log of every Curia contract, with the accounts it names (for an account's history). */
export const chainEvent = onchainTable(
  'chain_event',
  (t) => ({
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    name: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    txFrom: t.hex().notNull(),
    /** The event's arguments, uint256 as decimal strings. */
    args: t.json().notNull(),
    /** Lower-case addresses the event names, and the transaction's sender. */
    accounts: t.text().array().notNull(),
    modelId: t.bigint(),
  }),
  (e) => ({
    accountsIdx: index().using('gin', e.accounts),
    modelIdx: index().on(e.modelId, e.blockNumber),
    nameIdx: index().on(e.name, e.timestamp),
    blockIdx: index().on(e.blockNumber),
  }),
);

/**
 * A registry entry (ERC-721), its latest version and card, its listing and its totals. The lists
 * show the card of the listed version (`version`, joined at read time), not necessarily the latest.
 */
export const model = onchainTable(
  'model',
  (t) => ({
    id: t.bigint().primaryKey(),
    kind: t.text().notNull(),
    creator: t.hex().notNull(),
    owner: t.hex().notNull(),
    registeredAt: t.bigint().notNull(),
    registeredBlock: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
    versionCount: t.integer().notNull(),
    contentHash: t.hex().notNull(),
    metadataUri: t.text().notNull(),
    // The latest version's card (cardColumns).
    ...cardColumns(t),
    // Listing, as stored on chain (see ICurationRegistry.Listing); `status` is computed from these.
    storedStatus: t.text().notNull(),
    pendingUntil: t.bigint().notNull(),
    suspendedUntil: t.bigint().notNull(),
    bondReleaseAt: t.bigint().notNull(),
    bond: t.bigint().notNull(),
    openDispute: t.bigint().notNull(),
    // Versions, as the listing stores them (ICurationRegistry.Listing): the listed version, the candidate (0: none),
    // when the candidate is listed unless challenged, and whether a dispute challenges it. A candidate whose window
    // passed unchallenged is the listed version (read time, as `versionsOf`).
    listedVersion: t.integer().notNull(),
    candidateVersion: t.integer().notNull(),
    candidateUntil: t.bigint().notNull(),
    candidateChallenged: t.boolean().notNull(),
    appliedAt: t.bigint(),
    delistedBy: t.bigint(),
    disputeCount: t.integer().notNull(),
    // Stakes, as `CurationRegistry.stakeOf` reports them.
    stakeActive: t.bigint().notNull(),
    stakeUnbonding: t.bigint().notNull(),
    stakeHeld: t.bigint().notNull(),
    curatorCount: t.integer().notNull(),
    // Marketplace and audits.
    offerCount: t.integer().notNull(),
    saleCount: t.integer().notNull(),
    lastSaleAt: t.bigint(),
    reportCount: t.integer().notNull(),
  }),
  (m) => ({
    ownerIdx: index().on(m.owner),
    creatorIdx: index().on(m.creator),
    registeredIdx: index().on(m.registeredAt),
    stakeIdx: index().on(m.stakeActive),
    salesIdx: index().on(m.saleCount),
    tagsIdx: index().using('gin', m.tags),
  }),
);

export const version = onchainTable(
  'version',
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    version: t.integer().notNull(),
    parent: t.integer().notNull(),
    contentHash: t.hex().notNull(),
    metadataUri: t.text().notNull(),
    derivedFrom: t.bigint().array().notNull(),
    publishedAt: t.bigint().notNull(),
    /** The dispute that rejected this version as a listing's candidate (null: never rejected). */
    rejectedBy: t.bigint(),
    // This version's card, as `model` keeps the latest's: the lists show the listed version's (issue 16).
    ...cardColumns(t),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (v) => ({ modelIdx: index().on(v.modelId, v.version) }),
);

/** One upstream entry a version declares (base model or dataset). */
export const lineage = onchainTable(
  'lineage',
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    version: t.integer().notNull(),
    upstreamId: t.bigint().notNull(),
  }),
  (l) => ({ upstreamIdx: index().on(l.upstreamId), modelIdx: index().on(l.modelId) }),
);

/** A model's listing history: one row per curation event that changes its listing. */
export const listingChange = onchainTable(
  'listing_change',
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    event: t.text().notNull(),
    /** The stored status after the event (Suspended for a suspension). */
    status: t.text().notNull(),
    disputeId: t.bigint(),
    actor: t.hex().notNull(),
    /** Until when the status holds, where the event says (challenge period, suspension). */
    until: t.bigint(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (l) => ({ modelIdx: index().on(l.modelId, l.timestamp) }),
);

/** A curator's position on a model. */
export const stake = onchainTable(
  'stake',
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    curator: t.hex().notNull(),
    active: t.bigint().notNull(),
    unbonding: t.bigint().notNull(),
    releaseAt: t.bigint().notNull(),
    /** Everything the curator ever staked on the model, and got back. */
    totalStaked: t.bigint().notNull(),
    totalWithdrawn: t.bigint().notNull(),
    /** What the curator lost to a delisting (known when they withdraw what is left). */
    slashed: t.bigint().notNull(),
    firstStakedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (s) => ({ modelIdx: index().on(s.modelId), curatorIdx: index().on(s.curator) }),
);

/** Stake movements, for charts: stake, unstake (start unbonding), withdraw, slash (whole pool). */
export const stakeChange = onchainTable(
  'stake_change',
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    curator: t.hex(),
    kind: t.text().notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (s) => ({ timeIdx: index().on(s.timestamp), modelIdx: index().on(s.modelId, s.timestamp) }),
);

export const dispute = onchainTable(
  'dispute',
  (t) => ({
    id: t.bigint().primaryKey(),
    modelId: t.bigint().notNull(),
    challenger: t.hex().notNull(),
    /** The version challenged: the listed version, or the candidate (CandidateChallenged). */
    version: t.integer(),
    reason: t.text().notNull(),
    deposit: t.bigint().notNull(),
    evidenceUri: t.text().notNull(),
    evidenceHash: t.hex().notNull(),
    /** The stored listing status when challenged (what a Keep restores). */
    previousStatus: t.text().notNull(),
    state: t.text().notNull(),
    openedAt: t.bigint().notNull(),
    /** The vote's snapshot, the voting delay after the challenge: votes open after it. */
    snapshot: t.bigint().notNull(),
    votingEndsAt: t.bigint().notNull(),
    keepVotes: t.bigint().notNull(),
    removeVotes: t.bigint().notNull(),
    voterCount: t.integer().notNull(),
    resolvedAt: t.bigint(),
    appealEndsAt: t.bigint(),
    appealedAt: t.bigint(),
    proposalId: t.bigint(),
    appealBond: t.bigint(),
    closedAt: t.bigint(),
    bondSlashed: t.bigint(),
    stakeSlashed: t.bigint(),
    challengerReward: t.bigint(),
    toTreasury: t.bigint(),
    txHash: t.hex().notNull(),
  }),
  (d) => ({
    modelIdx: index().on(d.modelId),
    challengerIdx: index().on(d.challenger),
    stateIdx: index().on(d.state),
  }),
);

export const disputeVote = onchainTable(
  'dispute_vote',
  (t) => ({
    id: t.text().primaryKey(),
    disputeId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    support: t.text().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (v) => ({ disputeIdx: index().on(v.disputeId), voterIdx: index().on(v.voter) }),
);

export const proposal = onchainTable(
  'proposal',
  (t) => ({
    id: t.bigint().primaryKey(),
    proposer: t.hex().notNull(),
    targets: t.hex().array().notNull(),
    values: t.bigint().array().notNull(),
    signatures: t.text().array().notNull(),
    calldatas: t.hex().array().notNull(),
    description: t.text().notNull(),
    /** The description's first line, without a leading `#`. */
    title: t.text().notNull(),
    /** The dispute this proposal appeals (proposals the curation registry opens). */
    appealOf: t.bigint(),
    createdAt: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    voteStart: t.bigint().notNull(),
    voteEnd: t.bigint().notNull(),
    /** voteEnd, or later when a late quorum extended it. */
    deadline: t.bigint().notNull(),
    forVotes: t.bigint().notNull(),
    againstVotes: t.bigint().notNull(),
    abstainVotes: t.bigint().notNull(),
    voterCount: t.integer().notNull(),
    /** Quorum at voteStart: the token's supply then × the quorum numerator then ÷ 100. */
    quorum: t.bigint().notNull(),
    eta: t.bigint(),
    queuedAt: t.bigint(),
    executedAt: t.bigint(),
    canceledAt: t.bigint(),
    timelockId: t.hex(),
    /** The timelock operation: Pending, Done (executed, maybe directly on the timelock) or Canceled. */
    timelockState: t.text(),
  }),
  (p) => ({
    proposerIdx: index().on(p.proposer),
    createdIdx: index().on(p.createdAt),
    timelockIdx: index().on(p.timelockId),
  }),
);

export const vote = onchainTable(
  'vote',
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    /** 0 Against, 1 For, 2 Abstain. */
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    params: t.hex(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (v) => ({ proposalIdx: index().on(v.proposalId, v.weight), voterIdx: index().on(v.voter) }),
);

/** Governor and token figures that quorums depend on (one row, id `governor`). */
export const governance = onchainTable('governance', (t) => ({
  id: t.text().primaryKey(),
  totalSupply: t.bigint().notNull(),
  quorumNumerator: t.bigint().notNull(),
  /** When the quorum numerator last changed (a proposal's quorum uses the value at its voteStart). */
  quorumNumeratorSince: t.bigint().notNull(),
}));

/** Who delegates to whom (CuriaToken), and each delegate's votes. */
export const delegation = onchainTable(
  'delegation',
  (t) => ({
    id: t.hex().primaryKey(),
    delegate: t.hex().notNull(),
    since: t.bigint().notNull(),
  }),
  (d) => ({ delegateIdx: index().on(d.delegate) }),
);

export const delegate = onchainTable(
  'delegate',
  (t) => ({
    id: t.hex().primaryKey(),
    votes: t.bigint().notNull(),
    /** Other accounts delegating to this one (its own self-delegation is not counted). */
    delegators: t.integer().notNull(),
    /** Whether the account delegates its own tokens to itself. */
    selfDelegated: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (d) => ({ votesIdx: index().on(d.votes) }),
);

/** Voting power over time (DelegateVotesChanged), for charts. */
export const votesChange = onchainTable(
  'votes_change',
  (t) => ({
    id: t.text().primaryKey(),
    delegate: t.hex().notNull(),
    previousVotes: t.bigint().notNull(),
    newVotes: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (v) => ({ delegateIdx: index().on(v.delegate, v.timestamp) }),
);

export const offer = onchainTable(
  'offer',
  (t) => ({
    id: t.bigint().primaryKey(),
    modelId: t.bigint().notNull(),
    currency: t.hex().notNull(),
    price: t.bigint().notNull(),
    duration: t.bigint().notNull(),
    cap: t.bigint().notNull(),
    sold: t.integer().notNull(),
    active: t.boolean().notNull(),
    termsUri: t.text().notNull(),
    termsHash: t.hex().notNull(),
    createdAt: t.bigint().notNull(),
    retiredAt: t.bigint(),
  }),
  (o) => ({ modelIdx: index().on(o.modelId) }),
);

/** One license sale and where its price went (its part of the SalesSettled that split its till; null until then). */
export const sale = onchainTable(
  'sale',
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    offerId: t.bigint().notNull(),
    licensee: t.hex().notNull(),
    buyer: t.hex().notNull(),
    version: t.integer().notNull(),
    currency: t.hex().notNull(),
    price: t.bigint().notNull(),
    expiresAt: t.bigint().notNull(),
    creatorShare: t.bigint(),
    royalties: t.bigint(),
    curators: t.bigint(),
    auditors: t.bigint(),
    treasury: t.bigint(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (s) => ({
    modelIdx: index().on(s.modelId, s.timestamp),
    timeIdx: index().on(s.timestamp),
    buyerIdx: index().on(s.buyer),
    licenseeIdx: index().on(s.licensee),
  }),
);

/** A license as `Marketplace.licenseOf` reports it. */
export const license = onchainTable(
  'license',
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    licensee: t.hex().notNull(),
    offerId: t.bigint().notNull(),
    expiresAt: t.bigint().notNull(),
    purchases: t.integer().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (l) => ({ modelIdx: index().on(l.modelId), licenseeIdx: index().on(l.licensee) }),
);

/** A pay-per-use offer (MeteredLicenses): `price` per `meterUnits` units of use. */
export const meteredOffer = onchainTable(
  'metered_offer',
  (t) => ({
    id: t.bigint().primaryKey(),
    modelId: t.bigint().notNull(),
    currency: t.hex().notNull(),
    price: t.bigint().notNull(),
    meterUnits: t.bigint().notNull(),
    active: t.boolean().notNull(),
    termsUri: t.text().notNull(),
    termsHash: t.hex().notNull(),
    /** Units redeemed by every host, and what they paid. */
    unitsRedeemed: t.bigint().notNull(),
    revenue: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    retiredAt: t.bigint(),
  }),
  (o) => ({ modelIdx: index().on(o.modelId) }),
);

/** A licensee's credit for one metered offer, as `MeteredLicenses.creditOf` reports it. */
export const meteredCredit = onchainTable(
  'metered_credit',
  (t) => ({
    id: t.text().primaryKey(),
    offerId: t.bigint().notNull(),
    modelId: t.bigint().notNull(),
    licensee: t.hex().notNull(),
    balance: t.bigint().notNull(),
    unlockAt: t.bigint().notNull(),
    deposited: t.bigint().notNull(),
    spent: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (c) => ({ licenseeIdx: index().on(c.licensee), modelIdx: index().on(c.modelId) }),
);

/** One redeemed usage receipt. */
export const usageRedemption = onchainTable(
  'usage_redemption',
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    offerId: t.bigint().notNull(),
    licensee: t.hex().notNull(),
    host: t.hex().notNull(),
    unitsBefore: t.bigint().notNull(),
    units: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (u) => ({ modelIdx: index().on(u.modelId, u.timestamp), licenseeIdx: index().on(u.licensee) }),
);

/** Hosts a model's owner authorized to redeem usage receipts. */
export const meteredHost = onchainTable(
  'metered_host',
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    host: t.hex().notNull(),
    authorized: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (h) => ({ modelIdx: index().on(h.modelId) }),
);

/**
 * Fee flows and reward claims: Marketplace Credited, Withdrawn, CuratorFeesDistributed;
 * CurationRegistry Credited, Claimed, CuratorRewardsDistributed, TreasuryPaid.
 * `currency` is the zero address for ETH, the token for ERC-20s (CUR for the curation registry).
 */
export const feeFlow = onchainTable(
  'fee_flow',
  (t) => ({
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    kind: t.text().notNull(),
    account: t.hex(),
    currency: t.hex().notNull(),
    amount: t.bigint().notNull(),
    modelId: t.bigint(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (f) => ({
    accountIdx: index().on(f.account, f.timestamp),
    timeIdx: index().on(f.timestamp),
  }),
);

export const auditor = onchainTable('auditor', (t) => ({
  id: t.hex().primaryKey(),
  accredited: t.boolean().notNull(),
  bond: t.bigint().notNull(),
  unbondingAt: t.bigint().notNull(),
  reportCount: t.integer().notNull(),
  slashCount: t.integer().notNull(),
  slashedAmount: t.bigint().notNull(),
  accreditedAt: t.bigint(),
  updatedAt: t.bigint().notNull(),
}));

export const auditReport = onchainTable(
  'audit_report',
  (t) => ({
    id: t.bigint().primaryKey(),
    modelId: t.bigint().notNull(),
    version: t.integer().notNull(),
    auditor: t.hex().notNull(),
    verdict: t.text().notNull(),
    quality: t.integer().notNull(),
    safety: t.integer().notNull(),
    bias: t.integer().notNull(),
    licenseScore: t.integer().notNull(),
    contentHash: t.hex().notNull(),
    reportUri: t.text().notNull(),
    reportHash: t.hex().notNull(),
    replaces: t.bigint(),
    replacedBy: t.bigint(),
    slashed: t.boolean().notNull(),
    slashAmount: t.bigint(),
    submittedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (r) => ({ modelIdx: index().on(r.modelId, r.version), auditorIdx: index().on(r.auditor) }),
);
