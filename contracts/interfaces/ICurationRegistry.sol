// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICurationRegistry
/// @notice Staking-based curation of Curia's models. A model's owner applies for listing with a bond; curators stake
/// governance tokens to vouch for it; anyone may challenge it with a deposit, and token holders decide the dispute by a
/// vote weighted by their voting power at the dispute's snapshot, a voting delay after the challenge. A removed model's owner may appeal to the whole DAO
/// through a Governor proposal. When a model is delisted for good, its owner's bond and a share of every curator's
/// stake are slashed, part of it rewarding the challenger.
/// @dev All amounts are in the governance token. Tokens held here (stakes, bonds, deposits, rewards) are never
/// delegated: staked tokens do not vote. Every slash, reward and claim costs the same whatever the number of curators.
interface ICurationRegistry {
    // ================================================================ types

    /// @notice A model's listing status, as seen now (see {statusOf}).
    /// @dev `Listed` is stored as `Pending` until the challenge period ends; `Suspended` is a `Listed` model inside a
    /// guardian suspension.
    enum ListingStatus {
        None,
        Pending,
        Listed,
        Suspended,
        Removed,
        Delisted,
        Withdrawn
    }

    /// @notice Why a model is challenged.
    enum Reason {
        Quality,
        Safety,
        License,
        Other
    }

    /// @notice How a dispute stands. `Rejected`: a challenge of a candidate version that removed it (final).
    enum DisputeState {
        None,
        Voting,
        Kept,
        Removed,
        Appealed,
        Restored,
        Delisted,
        Rejected
    }

    /// @notice A dispute vote: keep the model, or remove it.
    enum Support {
        Keep,
        Remove
    }

    /// @notice The DAO's parameters, each set by the timelock within hard bounds (see {parameterBounds}).
    enum Parameter {
        ListingBond,
        ChallengeDeposit,
        ChallengePeriod,
        DisputeVotingPeriod,
        DisputeQuorumBps,
        AppealBond,
        AppealWindow,
        UnbondingPeriod,
        SuspensionWindow,
        CuratorSlashBps,
        ChallengerRewardBps,
        KeepCuratorShareBps,
        KeepCreatorShareBps,
        DisputeVotingDelay
    }

    /// @notice A model's listing. The first slot holds everything a sale reads (status, suspension, versions).
    /// @dev `version` is the listed version as stored; a `candidate` whose window (`candidateUntil`) passed without a
    /// challenge of it (`candidateChallenged`) is the listed version at read time (see {versionsOf}).
    struct Listing {
        ListingStatus status;
        uint40 pendingUntil;
        uint40 suspendedUntil;
        uint32 openDispute;
        uint32 version;
        uint32 candidate;
        uint40 candidateUntil;
        bool candidateChallenged;
        uint40 bondReleaseAt;
        uint96 bond;
    }

    /// @notice A challenge and its vote.
    struct Dispute {
        uint64 modelId;
        address challenger;
        Reason reason;
        DisputeState state;
        ListingStatus previousStatus;
        uint88 deposit;
        uint40 snapshot;
        uint40 votingEndsAt;
        uint40 appealEndsAt;
        uint16 quorumBps;
        uint32 version;
        uint128 keepVotes;
        uint128 removeVotes;
        uint96 appealBond;
        uint256 proposalId;
    }

    /// @notice Evidence: where it is, and the hash of its bytes.
    struct Evidence {
        string uri;
        bytes32 hash;
    }

    /// @notice A curator's stake on one model.
    struct Position {
        uint96 active;
        uint96 unbonding;
        uint40 releaseAt;
        uint256 pendingRewards;
    }

    // ================================================================ errors

    /// @notice Only the model's owner may do this.
    error CurationNotModelOwner(uint256 modelId, address caller);
    /// @notice The model is not in a status that allows this.
    error CurationInvalidStatus(uint256 modelId, ListingStatus status);
    /// @notice The model has an open dispute: stakes are frozen and no second challenge may open.
    error CurationDisputeOpen(uint256 modelId, uint256 disputeId);
    /// @notice The model has no open dispute.
    error CurationNoOpenDispute(uint256 modelId);
    /// @notice Amounts must be non-zero.
    error CurationZeroAmount();
    /// @notice A position must hold at least the minimum stake, or nothing.
    error CurationStakeBelowMinimum(uint256 amount, uint256 minimum);
    /// @notice The curator has less active stake on the model than requested.
    error CurationInsufficientStake(uint256 modelId, address curator, uint256 requested, uint256 available);
    /// @notice There is nothing to withdraw.
    error CurationNothingToWithdraw(uint256 modelId, address account);
    /// @notice The unbonding period has not ended.
    error CurationStillUnbonding(uint256 modelId, address account, uint256 releaseAt);
    /// @notice The dispute does not exist.
    error CurationDisputeNotFound(uint256 disputeId);
    /// @notice The dispute is not in the state this needs.
    error CurationUnexpectedDisputeState(uint256 disputeId, DisputeState state);
    /// @notice The dispute's voting period is over.
    error CurationVotingClosed(uint256 disputeId, uint256 votingEndsAt);
    /// @notice The dispute's voting period is not over yet.
    error CurationVotingNotEnded(uint256 disputeId, uint256 votingEndsAt);
    /// @notice This account already voted on this dispute.
    error CurationAlreadyVoted(uint256 disputeId, address voter);
    /// @notice This account had no voting power at the dispute's snapshot.
    error CurationNoVotingPower(uint256 disputeId, address voter);
    /// @notice The dispute's vote opens after its snapshot (the voting delay after the challenge).
    error CurationVotingNotStarted(uint256 disputeId, uint256 snapshot);
    /// @notice The signature does not belong to the voter.
    error CurationInvalidSignature(address voter);
    /// @notice The signed ballot's deadline has passed.
    error CurationSignatureExpired(address voter, uint256 deadline);
    /// @notice The appeal window is over.
    error CurationAppealWindowClosed(uint256 modelId, uint256 appealEndsAt);
    /// @notice The appeal window is still open.
    error CurationAppealWindowOpen(uint256 modelId, uint256 appealEndsAt);
    /// @notice The appeal's Governor proposal is still undecided or has passed.
    error CurationAppealUndecided(uint256 modelId, uint256 proposalId);
    /// @notice Only the timelock (a governance proposal) may do this.
    error CurationOnlyTimelock(address caller);
    /// @notice Only the guardian may do this.
    error CurationOnlyGuardian(address caller);
    /// @notice The model is already suspended.
    error CurationAlreadySuspended(uint256 modelId, uint256 suspendedUntil);
    /// @notice The guardian already suspended this model once: a further suspension needs the DAO.
    error CurationGuardianSuspensionUsed(uint256 modelId);
    /// @notice The withdrawn listing's notice is over (its bond is released): it can no longer be challenged.
    error CurationWithdrawalNoticeOver(uint256 modelId, uint256 bondReleaseAt);
    /// @notice The model is not suspended.
    error CurationNotSuspended(uint256 modelId);
    /// @notice A parameter value outside its hard bounds.
    error CurationParameterOutOfBounds(Parameter parameter, uint256 value, uint256 min, uint256 max);
    /// @notice The two Keep shares together exceed 100%.
    error CurationKeepSharesExceedTotal(uint256 curatorShareBps, uint256 creatorShareBps);
    /// @notice Evidence needs a URI and a content hash.
    error CurationEmptyEvidence();
    /// @notice The listing bond is still unbonding.
    error CurationBondLocked(uint256 modelId, uint256 releaseAt);
    /// @notice The account has nothing to claim.
    error CurationNothingToClaim(address account);
    /// @notice Only the model registry reports new versions.
    error CurationNotModelRegistry(address caller);
    /// @notice `version` is not the model's pending candidate version (none, another one, or already listed).
    error CurationNotCandidate(uint256 modelId, uint32 version);
    /// @notice The candidate version is being challenged: it cannot be replaced until its dispute is decided.
    error CurationCandidateDisputed(uint256 modelId, uint256 disputeId);
    /// @notice A candidate version is pending: no new stake until it is listed or rejected (curators may leave freely).
    error CurationCandidatePending(uint256 modelId, uint32 candidate);

    // ================================================================ events

    /// @notice The owner applied for listing and posted `bond`; unchallenged, the model is listed at `pendingUntil`.
    event ListingApplied(uint256 indexed modelId, address indexed owner, uint256 bond, uint256 pendingUntil);
    /// @notice The owner withdrew the listing: it is no longer for sale, but it can still be challenged and its bond
    /// slashed until `bondReleaseAt` (the notice), when the owner can take the bond back.
    event ListingWithdrawn(uint256 indexed modelId, address indexed owner, uint256 bondReleaseAt);
    /// @notice A listing bond was paid back.
    event BondWithdrawn(uint256 indexed modelId, address indexed owner, uint256 amount);
    /// @notice A curator staked on a model.
    event Staked(uint256 indexed modelId, address indexed curator, uint256 amount, uint256 totalActive);
    /// @notice A curator started unbonding `amount`, withdrawable from `releaseAt`.
    event UnstakeRequested(uint256 indexed modelId, address indexed curator, uint256 amount, uint256 releaseAt);
    /// @notice A curator withdrew stake (after unbonding, or what is left after a delisting).
    event StakeWithdrawn(uint256 indexed modelId, address indexed curator, uint256 amount);
    /// @notice A model was challenged, opening dispute `disputeId`.
    event Challenged(
        uint256 indexed modelId,
        uint256 indexed disputeId,
        address indexed challenger,
        Reason reason,
        uint256 deposit,
        string evidenceURI,
        bytes32 evidenceHash,
        uint256 snapshot,
        uint256 votingEndsAt
    );
    /// @notice A token holder voted on a dispute.
    event DisputeVoteCast(
        uint256 indexed disputeId, address indexed voter, Support support, uint256 weight, string reason
    );
    /// @notice A dispute's vote was counted: kept, or removed (then open to appeal until `appealEndsAt`).
    event DisputeResolved(
        uint256 indexed disputeId,
        uint256 indexed modelId,
        DisputeState outcome,
        uint256 keepVotes,
        uint256 removeVotes,
        uint256 appealEndsAt
    );
    /// @notice The owner appealed a removal; the DAO decides through Governor proposal `proposalId`.
    event Appealed(uint256 indexed modelId, uint256 indexed disputeId, uint256 proposalId, uint256 bond);
    /// @notice The DAO upheld an appeal: the model is listed again.
    event ModelRestored(uint256 indexed modelId, uint256 indexed disputeId);
    /// @notice A model was delisted for good and slashed.
    event ModelDelisted(
        uint256 indexed modelId,
        uint256 indexed disputeId,
        uint256 bondSlashed,
        uint256 stakeSlashed,
        uint256 challengerReward,
        uint256 toTreasury
    );
    /// @notice A new version of a listed (or pending) model became its candidate: it is listed at `candidateUntil`
    /// unless challenged; the listed version stays on sale meanwhile.
    event CandidatePublished(uint256 indexed modelId, uint32 version, uint256 candidateUntil);
    /// @notice Dispute `disputeId` challenges the candidate `version`, not the listed version.
    event CandidateChallenged(uint256 indexed modelId, uint256 indexed disputeId, uint32 version);
    /// @notice `amount` was shared among a model's curators, pro rata to their active stake.
    event CuratorRewardsDistributed(uint256 indexed modelId, uint256 amount);
    /// @notice `amount` became claimable by `account` (rewards, refunds, challenger payouts).
    event Credited(address indexed account, uint256 amount);
    /// @notice `account` claimed `amount`.
    event Claimed(address indexed account, uint256 amount);
    /// @notice `amount` was paid to the treasury.
    event TreasuryPaid(uint256 amount);
    /// @notice The guardian (or the DAO's timelock) suspended a listed model until `suspendedUntil`.
    event ModelSuspended(
        uint256 indexed modelId, address indexed by, uint256 suspendedUntil, string evidenceURI, bytes32 evidenceHash
    );
    /// @notice A suspension was lifted early.
    event SuspensionLifted(uint256 indexed modelId, address indexed by);
    /// @notice A parameter changed.
    event ParameterSet(Parameter indexed parameter, uint256 oldValue, uint256 newValue);
    /// @notice The guardian changed.
    event GuardianSet(address oldGuardian, address newGuardian);

    // ================================================================ listing

    /// @notice Applies for listing a model the caller owns, posting the listing bond. The model is Pending for the
    /// challenge period, then Listed unless challenged. Also re-applies after a withdrawal.
    function applyForListing(uint256 modelId) external;

    /// @notice Withdraws an unchallenged, unsuspended listing: it is no longer for sale at once. The withdrawal is a
    /// notice: until the bond is released (the unbonding period), the model can still be challenged and its bond
    /// slashed, so a withdrawal cannot dodge a challenge.
    function withdrawListing(uint256 modelId) external;

    /// @notice Completes a withdrawal: pays the bond back to the owner once the notice is over and no dispute is open.
    function withdrawBond(uint256 modelId) external;

    // ================================================================ curating

    /// @notice Stakes `amount` on a Pending or Listed model without an open dispute and without a pending candidate.
    function stake(uint256 modelId, uint256 amount) external;

    /// @notice Starts unbonding `amount` of the caller's active stake. While a candidate version is pending, there is
    /// no unbonding period: the stake (and any stake already unbonding) can be withdrawn at once, since it vouched for
    /// the listed version, not the candidate. Unbonding stake earns no rewards and can still be
    /// slashed. A new request adds to the unbonding amount and restarts the period.
    function requestUnstake(uint256 modelId, uint256 amount) external;

    /// @notice Withdraws unbonded stake; on a delisted model, withdraws everything the slash left.
    function withdrawStake(uint256 modelId) external;

    /// @notice Settles the caller's curator rewards on `modelIds` and pays everything claimable in one transfer.
    function claim(uint256[] calldata modelIds) external returns (uint256 amount);

    // ================================================================ disputes

    /// @notice Challenges `version` of a Pending, Listed or Suspended model, or of a Withdrawn one within its notice,
    /// posting the challenge deposit. `version` 0 or the listed version: a challenge of the listing as it stands (a
    /// removal slashes the bond and the curators). The pending candidate version: a challenge of the candidate only;
    /// the listed version stays on sale and its stakes are not frozen; Remove rejects the candidate for good (no
    /// appeal), slashes nobody and returns the deposit; Keep shares the deposit as any Keep and the candidate is
    /// listed once its window is over. The dispute's snapshot is the voting delay after now; its vote runs from the
    /// snapshot for the voting period.
    function challenge(
        uint256 modelId,
        uint32 version,
        Reason reason,
        string calldata evidenceURI,
        bytes32 evidenceHash
    ) external returns (uint256 disputeId);

    /// @notice Votes Keep or Remove, with the caller's voting power at the dispute's snapshot. Open after the snapshot
    /// until `votingEndsAt`.
    function voteOnDispute(uint256 disputeId, Support support, string calldata reason) external returns (uint256);

    /// @notice Votes on behalf of `voter` with their EIP-712 signature (EOA or EIP-1271), valid until `deadline`, over
    /// `DisputeBallot(uint256 disputeId,uint8 support,address voter,uint256 nonce,uint256 deadline,string reason)`.
    function voteOnDisputeBySig(
        uint256 disputeId,
        Support support,
        address voter,
        uint256 deadline,
        string calldata reason,
        bytes calldata signature
    ) external returns (uint256);

    /// @notice Counts a dispute whose vote has ended. Remove needs the quorum (a share of the supply at the snapshot)
    /// and strictly more Remove than Keep; anything else (no quorum, a tie, more Keep) is Keep, which restores the
    /// model's previous status and shares the challenger's deposit (it is not returned). Remove opens the appeal
    /// window.
    function resolve(uint256 modelId) external;

    /// @notice Appeals a removal within the appeal window, posting the appeal bond. Creates a Governor proposal whose
    /// single action is {restoreModel}; its description ends with `#proposer=<this registry>`, so nobody else can
    /// create the same proposal first.
    function appeal(uint256 modelId, string calldata statement) external returns (uint256 proposalId);

    /// @notice Restores an appealed model. Only the timelock, executing the appeal proposal.
    function restoreModel(uint256 modelId) external;

    /// @notice Delists a removed model for good and slashes it, once the appeal window passed without an appeal or the
    /// appeal proposal was defeated or canceled.
    function finalize(uint256 modelId) external;

    // ================================================================ guardian and parameters

    /// @notice Suspends a Listed model at once (no sales) for the suspension window. The guardian may suspend a
    /// model once; a further suspension of the same model (a renewal after it lapsed or was lifted) is the DAO's
    /// decision: only the timelock may make it.
    function suspend(uint256 modelId, string calldata evidenceURI, bytes32 evidenceHash) external;

    /// @notice Lifts a suspension early. The guardian or the timelock.
    function liftSuspension(uint256 modelId) external;

    /// @notice Sets a parameter. Only the timelock, within {parameterBounds}.
    function setParameter(Parameter parameter, uint256 value) external;

    /// @notice Replaces or removes (zero address) the guardian. Only the timelock.
    function setGuardian(address newGuardian) external;

    // ================================================================ views

    /// @notice A model's status now.
    function statusOf(uint256 modelId) external view returns (ListingStatus);

    /// @notice The dispute that delisted a model for good (0 if it was not delisted).
    function delistedBy(uint256 modelId) external view returns (uint256 disputeId);

    /// @notice What a sale needs in one call: whether the model may be sold now, its total active stake, and the
    /// listed version (the one sold).
    function saleStateOf(uint256 modelId) external view returns (bool listed, uint256 activeStake, uint256 version);

    /// @notice A model's versions as curation sees them now: the listed version (0 if never listed), the pending
    /// candidate (0 if none) and when it is listed unless challenged (while it is challenged, after its dispute).
    function versionsOf(uint256 modelId) external view returns (uint32 listed, uint32 candidate, uint256 candidateUntil);

    /// @notice A model's stored listing.
    function listingOf(uint256 modelId) external view returns (Listing memory);

    /// @notice A dispute.
    function disputeOf(uint256 disputeId) external view returns (Dispute memory);

    /// @notice The evidence a dispute's challenger posted (empty for an unknown dispute).
    function challengeEvidenceOf(uint256 disputeId) external view returns (Evidence memory);

    /// @notice A model's latest suspension's evidence, and whether the guardian already used its one suspension of
    /// the model (any further one is the DAO's).
    function suspensionOf(uint256 modelId) external view returns (Evidence memory evidence, bool guardianUsed);

    /// @notice How many disputes were ever opened; ids run from 1.
    function disputeCount() external view returns (uint256);

    /// @notice Whether `voter` voted on a dispute.
    function hasVoted(uint256 disputeId, address voter) external view returns (bool);

    /// @notice A curator's position on a model, with rewards earned but not yet settled.
    function positionOf(uint256 modelId, address curator) external view returns (Position memory);

    /// @notice Total active and unbonding stake on a model, and the tokens held for its curators.
    function stakeOf(uint256 modelId) external view returns (uint256 active, uint256 unbonding, uint256 held);

    /// @notice What `account` can claim now without settling further rewards.
    function claimable(address account) external view returns (uint256);

    /// @notice A parameter's current value.
    function parameter(Parameter parameter) external view returns (uint256);

    /// @notice A parameter's hard bounds.
    function parameterBounds(Parameter parameter) external view returns (uint256 min, uint256 max);

    /// @notice The guardian (zero: none).
    function guardian() external view returns (address);

    /// @notice The token of bonds, stakes and deposits, whose checkpointed votes weigh in disputes.
    function token() external view returns (address);

    /// @notice The treasury (the DAO's timelock), which receives slashes and fees and sets the parameters.
    function treasury() external view returns (address);

    /// @notice The nonce the next signed ballot of `voter` must use.
    function nonces(address voter) external view returns (uint256);

    /// @notice Tokens held for curator rewards not yet settled into claimable balances (includes rounding dust).
    function rewardReserve() external view returns (uint256);
}
