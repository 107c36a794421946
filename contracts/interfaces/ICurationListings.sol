// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationBase} from "./ICurationBase.sol";

/// @title ICurationListings
/// @notice A model's listing: its owner applies with a bond; unchallenged for the challenge period, it is listed. A
/// new version of a listed model is a candidate for the challenge period while the listed version stays on sale. The
/// owner may withdraw the listing with a notice; the guardian may suspend a listed model for a short window.
interface ICurationListings is ICurationBase {
    // ================================================================ types

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

    // ================================================================ errors

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

    /// @notice The DAO suspended this model: only the DAO (its timelock) lifts the suspension early.
    error CurationSuspendedByDao(uint256 modelId);

    /// @notice The listing bond is still unbonding.
    error CurationBondLocked(uint256 modelId, uint256 releaseAt);

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

    /// @notice A new version of a listed (or pending) model became its candidate: it is listed at `candidateUntil`
    /// unless challenged; the listed version stays on sale meanwhile.
    event CandidatePublished(uint256 indexed modelId, uint32 version, uint256 candidateUntil);

    /// @notice The guardian (or the DAO's timelock) suspended a listed model until `suspendedUntil`.
    event ModelSuspended(
        uint256 indexed modelId, address indexed by, uint256 suspendedUntil, string evidenceURI, bytes32 evidenceHash
    );

    /// @notice A suspension was lifted early.
    event SuspensionLifted(uint256 indexed modelId, address indexed by);

    // ================================================================ functions

    /// @notice Applies for listing a model the caller owns, posting the listing bond. The model is Pending for the
    /// challenge period, then Listed unless challenged. Also re-applies after a withdrawal.
    function applyForListing(uint256 modelId) external;

    /// @notice Withdraws an unchallenged, unsuspended listing: it is no longer for sale at once. The withdrawal is a
    /// notice: until the bond is released (the unbonding period), the model can still be challenged and its bond
    /// slashed, so a withdrawal cannot dodge a challenge.
    function withdrawListing(uint256 modelId) external;

    /// @notice Completes a withdrawal: pays the bond back to the owner once the notice is over and no dispute is open.
    function withdrawBond(uint256 modelId) external;

    /// @notice Suspends a Listed model at once (no sales) for the suspension window. The guardian may suspend a
    /// model once; a further suspension of the same model (a renewal after it lapsed or was lifted) is the DAO's
    /// decision: only the timelock may make it.
    function suspend(uint256 modelId, string calldata evidenceURI, bytes32 evidenceHash) external;

    /// @notice Lifts a suspension early. The timelock, or the guardian unless the DAO made the suspension (a
    /// guardian's single key does not undo a vote).
    function liftSuspension(uint256 modelId) external;

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

    /// @notice A model's latest suspension's evidence, whether the guardian already used its one suspension of the
    /// model (any further one is the DAO's), and whether the latest suspension is the DAO's (only the DAO lifts it).
    function suspensionOf(uint256 modelId)
        external
        view
        returns (Evidence memory evidence, bool guardianUsed, bool byDao);
}
