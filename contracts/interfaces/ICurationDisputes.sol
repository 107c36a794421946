// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationBase} from "./ICurationBase.sol";

/// @title ICurationDisputes
/// @notice A dispute's whole life: anyone challenges a model (or its candidate version) with a deposit; token holders
/// vote Keep or Remove with their voting power at the dispute's snapshot, a voting delay after the challenge; a
/// removed model's owner may appeal to the whole DAO through a Governor proposal; a removal that stands is finalized:
/// the model is delisted for good, its owner's bond and a share of its curators' stake slashed, part of it rewarding
/// the challenger.
interface ICurationDisputes is ICurationBase {
    // ================================================================ types

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

    // ================================================================ errors

    /// @notice The model has no open dispute.
    error CurationNoOpenDispute(uint256 modelId);

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

    // ================================================================ events

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

    /// @notice Dispute `disputeId` challenges the candidate `version`, not the listed version.
    event CandidateChallenged(uint256 indexed modelId, uint256 indexed disputeId, uint32 version);

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

    /// @notice `amount` was paid to the treasury.
    event TreasuryPaid(uint256 amount);

    // ================================================================ functions

    /// @notice Challenges `version` of a Pending, Listed or Suspended model, or of a Withdrawn one within its notice,
    /// posting the challenge deposit. `version` 0 or the listed version: a challenge of the listing as it stands (a
    /// removal slashes the bond and the curators). The pending candidate version: a challenge of the candidate only;
    /// the listed version stays on sale and its stakes are not frozen; Remove rejects the candidate for good (no
    /// appeal), slashes nobody and returns the deposit; Keep shares the deposit as any Keep and the candidate is
    /// listed once its window is over. One dispute is open per model, but a challenge of the listed version ends an
    /// open challenge of the candidate (rejected as by a Remove: its challenger gets the deposit back). The dispute's
    /// snapshot is the voting delay after now; its vote runs from the snapshot for the voting period.
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
    /// appeal proposal was defeated or canceled. The challenger gets its deposit back and `challengerRewardBps` of the
    /// owner's bond plus the curators' slash counted up to the bond (so at most the bond: an owner challenging its own
    /// model never profits); the treasury gets the rest of the slash and any appeal bond.
    function finalize(uint256 modelId) external;

    /// @notice A dispute.
    function disputeOf(uint256 disputeId) external view returns (Dispute memory);

    /// @notice The evidence a dispute's challenger posted (empty for an unknown dispute).
    function challengeEvidenceOf(uint256 disputeId) external view returns (Evidence memory);

    /// @notice How many disputes were ever opened; ids run from 1.
    function disputeCount() external view returns (uint256);

    /// @notice Whether `voter` voted on a dispute.
    function hasVoted(uint256 disputeId, address voter) external view returns (bool);

    /// @notice The nonce the next signed ballot of `voter` must use.
    function nonces(address voter) external view returns (uint256);
}
