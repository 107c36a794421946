// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICurationListings} from "../interfaces/ICurationListings.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IVersionHook} from "../interfaces/IVersionHook.sol";
import {CurationDisputes} from "./CurationDisputes.sol";

/// @title CurationListings
/// @notice A model's listing: applied for with a bond, listed after an unchallenged challenge period, withdrawn with a
/// notice; new versions as candidates beside the listed one; the guardian's short suspension. Implements the hooks by
/// which staking ({CurationStaking}) and disputes ({CurationDisputes}) check and change a listing.
abstract contract CurationListings is CurationDisputes, IVersionHook, ICurationListings {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice The model registry whose entries are listed here.
    IModelRegistry public immutable models;

    mapping(uint256 modelId => Listing) private _listings;
    mapping(uint256 modelId => uint256 disputeId) private _delistedBy;
    mapping(uint256 modelId => Suspension) private _suspensions;

    /// @dev Per model: whether the guardian used its one suspension, and whether the latest suspension is the DAO's.
    struct Suspension {
        bool guardianUsed;
        bool byDao;
    }

    constructor(IModelRegistry models_) {
        models = models_;
    }

    // ================================================================ listing

    /// @inheritdoc ICurationListings
    function applyForListing(uint256 modelId) external nonReentrant {
        address owner = _checkOwner(modelId);
        Listing storage listing = _listings[modelId];
        // A withdrawn listing challenged within its notice cannot re-apply before its dispute ends.
        _checkNoDispute(modelId, listing);
        if (listing.status != ListingStatus.None && listing.status != ListingStatus.Withdrawn) {
            _revertInvalidStatus(modelId);
        }
        // A bond still held from a withdrawn listing counts towards the new one.
        uint256 bond = _params.listingBond;
        uint256 held = listing.bond;
        uint256 due = bond > held ? bond - held : 0;
        uint40 pendingUntil = uint40(block.timestamp) + _params.challengePeriod;
        listing.status = ListingStatus.Pending;
        listing.pendingUntil = pendingUntil;
        listing.bondReleaseAt = 0;
        // The listing names the latest version; a new version later is a candidate (onVersionPublished).
        listing.version = models.versionCount(modelId);
        listing.candidate = 0;
        listing.candidateUntil = 0;
        listing.candidateChallenged = false;
        listing.bond = (held + due).toUint96();
        emit ListingApplied(modelId, owner, held + due, pendingUntil);
        if (due != 0) _token.safeTransferFrom(owner, address(this), due);
    }

    /// @inheritdoc ICurationListings
    function withdrawListing(uint256 modelId) external nonReentrant {
        address owner = _checkOwner(modelId);
        Listing storage listing = _listings[modelId];
        _checkNoDispute(modelId, listing);
        ListingStatus status = statusOf(modelId);
        if (status != ListingStatus.Pending && status != ListingStatus.Listed) {
            revert CurationInvalidStatus(modelId, status);
        }
        // The notice: until `releaseAt` the withdrawn listing can still be challenged and its bond slashed.
        uint40 releaseAt = uint40(block.timestamp) + _params.unbondingPeriod;
        listing.status = ListingStatus.Withdrawn;
        listing.bondReleaseAt = releaseAt;
        emit ListingWithdrawn(modelId, owner, releaseAt);
    }

    /// @inheritdoc ICurationListings
    function withdrawBond(uint256 modelId) external nonReentrant {
        address owner = _checkOwner(modelId);
        Listing storage listing = _listings[modelId];
        _checkNoDispute(modelId, listing);
        if (listing.status != ListingStatus.Withdrawn) _revertInvalidStatus(modelId);
        uint256 bond = listing.bond;
        if (bond == 0) revert CurationNothingToWithdraw(modelId, owner);
        if (block.timestamp < listing.bondReleaseAt) revert CurationBondLocked(modelId, listing.bondReleaseAt);
        listing.bond = 0;
        emit BondWithdrawn(modelId, owner, bond);
        _token.safeTransfer(owner, bond);
    }

    // ================================================================ versions

    /// @inheritdoc IVersionHook
    function onVersionPublished(uint256 modelId, uint32 version) external {
        if (msg.sender != address(models)) revert CurationNotModelRegistry(msg.sender);
        Listing storage listing = _listings[modelId];
        // A live listing (Pending, Listed or Suspended) takes candidates, and so does a Removed one (a fix published
        // for its appeal: if the DAO restores the model, the fix is listed once its window is over). Any other takes
        // the latest version when it (re-)applies.
        ListingStatus status = listing.status;
        if (status != ListingStatus.Pending && status != ListingStatus.Listed && status != ListingStatus.Removed) {
            return;
        }
        // A challenged candidate cannot be swapped under its vote.
        if (listing.candidateChallenged) revert CurationCandidateDisputed(modelId, listing.openDispute);
        _promoteCandidate(listing);
        uint40 until = uint40(block.timestamp) + _params.challengePeriod;
        listing.candidate = version;
        listing.candidateUntil = until;
        emit CandidatePublished(modelId, version, until);
    }

    // ================================================================ guardian

    /// @inheritdoc ICurationListings
    function suspend(uint256 modelId, string calldata evidenceURI, bytes32 evidenceHash) external {
        bool byGuardian = msg.sender == guardian();
        if (!byGuardian && msg.sender != _timelock) revert CurationOnlyGuardian(msg.sender);
        _checkEvidence(evidenceURI, evidenceHash);
        ListingStatus status = statusOf(modelId);
        Listing storage listing = _listings[modelId];
        if (status == ListingStatus.Suspended) revert CurationAlreadySuspended(modelId, listing.suspendedUntil);
        if (status != ListingStatus.Listed) revert CurationInvalidStatus(modelId, status);
        // The guardian's emergency brake works once per model: renewing it (after it lapsed or was lifted) would let
        // one account keep a model off sale for ever. Any further suspension is the DAO's, by proposal, and only the
        // DAO lifts its own.
        Suspension storage s = _suspensions[modelId];
        if (byGuardian) {
            if (s.guardianUsed) revert CurationGuardianSuspensionUsed(modelId);
            s.guardianUsed = true;
            s.byDao = false;
        } else {
            s.byDao = true;
        }
        uint40 until = uint40(block.timestamp) + _params.suspensionWindow;
        listing.suspendedUntil = until;
        _recordEvidence(_suspensionKey(modelId), evidenceURI, evidenceHash);
        emit ModelSuspended(modelId, msg.sender, until, evidenceURI, evidenceHash);
    }

    /// @inheritdoc ICurationListings
    function liftSuspension(uint256 modelId) external {
        bool byTimelock = msg.sender == _timelock;
        if (!byTimelock && msg.sender != guardian()) revert CurationOnlyGuardian(msg.sender);
        if (statusOf(modelId) != ListingStatus.Suspended) revert CurationNotSuspended(modelId);
        if (!byTimelock && _suspensions[modelId].byDao) revert CurationSuspendedByDao(modelId);
        _listings[modelId].suspendedUntil = 0;
        emit SuspensionLifted(modelId, msg.sender);
    }

    // ================================================================ views

    /// @inheritdoc ICurationListings
    function statusOf(uint256 modelId) public view returns (ListingStatus status) {
        Listing storage listing = _listings[modelId];
        status = listing.status;
        // A pending model is listed once its challenge period ends, unless a challenge of it is still being decided
        // (a challenge of its candidate version does not hold it back).
        if (
            status == ListingStatus.Pending && (listing.openDispute == 0 || listing.candidateChallenged)
                && block.timestamp >= listing.pendingUntil
        ) {
            status = ListingStatus.Listed;
        }
        if (status == ListingStatus.Listed && block.timestamp < listing.suspendedUntil) {
            status = ListingStatus.Suspended;
        }
    }

    /// @inheritdoc ICurationListings
    function saleStateOf(uint256 modelId) external view returns (bool listed, uint256 activeStake, uint256 version) {
        listed = statusOf(modelId) == ListingStatus.Listed;
        activeStake = _activeStakeOf(modelId);
        (version,,) = versionsOf(modelId);
    }

    /// @inheritdoc ICurationListings
    function versionsOf(uint256 modelId) public view returns (uint32 listed, uint32 candidate, uint256 candidateUntil) {
        Listing storage listing = _listings[modelId];
        if (_candidateListed(listing)) return (listing.candidate, 0, 0);
        return (listing.version, listing.candidate, listing.candidateUntil);
    }

    /// @inheritdoc ICurationListings
    function delistedBy(uint256 modelId) external view returns (uint256) {
        return _delistedBy[modelId];
    }

    /// @inheritdoc ICurationListings
    function listingOf(uint256 modelId) external view returns (Listing memory) {
        return _listings[modelId];
    }

    /// @inheritdoc ICurationListings
    function suspensionOf(uint256 modelId)
        external
        view
        returns (Evidence memory evidence, bool guardianUsed, bool byDao)
    {
        Suspension memory s = _suspensions[modelId];
        return (_evidenceOf(_suspensionKey(modelId)), s.guardianUsed, s.byDao);
    }

    // ================================================================ dispute hooks

    function _ownerOf(uint256 modelId) internal view override returns (address) {
        return models.ownerOf(modelId);
    }

    function _onChallenged(uint256 modelId, uint32 version, uint256 disputeId)
        internal
        override
        returns (uint32 disputed, ListingStatus previousStatus, bool ofCandidate)
    {
        Listing storage listing = _listings[modelId];
        uint256 open = listing.openDispute;
        if (open != 0 && listing.candidateChallenged && (version == 0 || version == listing.version)) {
            // A challenge of the listed version ends an open challenge of the candidate, which is rejected (its
            // challenger gets the deposit back): otherwise an owner could hold its listed version out of reach by
            // challenging its own new candidate, and list the candidate the moment that dispute is kept.
            _onRemoved(modelId);
            _rejectCandidate(modelId, open);
        }
        ListingStatus status = _checkChallengeable(modelId, listing);
        // A listing still stored as Pending whose challenge period is over is Listed: record it, so that it stays
        // Listed (and for sale) while the dispute runs, and a Keep returns it to Listed.
        if (listing.status == ListingStatus.Pending && status != ListingStatus.Pending) {
            listing.status = ListingStatus.Listed;
        }
        // A candidate whose window passed unchallenged is the listed version: a challenge of it is about it.
        _promoteCandidate(listing);
        ofCandidate = version != 0 && version != listing.version;
        if (ofCandidate) {
            // Only the pending candidate of a live listing; it stays unlisted until the dispute is decided, while
            // the listed version stays on sale and its stakes are not frozen.
            if (version != listing.candidate || status == ListingStatus.Withdrawn) {
                revert CurationNotCandidate(modelId, version);
            }
            listing.candidateChallenged = true;
            disputed = version;
        } else {
            disputed = listing.version;
        }
        previousStatus = listing.status;
        listing.openDispute = disputeId.toUint32();
    }

    function _openDisputeOf(uint256 modelId) internal view override returns (uint256 disputeId) {
        disputeId = _listings[modelId].openDispute;
        if (disputeId == 0) revert CurationNoOpenDispute(modelId);
    }

    function _onKept(uint256 modelId, ListingStatus previousStatus) internal override {
        Listing storage listing = _listings[modelId];
        listing.status = previousStatus;
        listing.openDispute = 0;
        // A kept candidate is listed once its window is over (at once if it already is).
        listing.candidateChallenged = false;
    }

    function _onRemoved(uint256 modelId) internal override returns (bool candidateRejected) {
        Listing storage listing = _listings[modelId];
        if (listing.candidateChallenged) {
            _clearCandidate(listing);
            listing.openDispute = 0;
            return true;
        }
        listing.status = ListingStatus.Removed;
    }

    function _onRestored(uint256 modelId, ListingStatus previousStatus) internal override {
        Listing storage listing = _listings[modelId];
        // A listing withdrawn before it was challenged stays withdrawn; any other is listed again.
        listing.status = previousStatus == ListingStatus.Withdrawn ? ListingStatus.Withdrawn : ListingStatus.Listed;
        listing.suspendedUntil = 0;
        listing.openDispute = 0;
    }

    function _onDelisted(uint256 modelId, uint256 disputeId) internal override returns (uint256 bondSlashed) {
        Listing storage listing = _listings[modelId];
        bondSlashed = listing.bond;
        listing.status = ListingStatus.Delisted;
        listing.openDispute = 0;
        listing.bond = 0;
        _delistedBy[modelId] = disputeId;
    }

    // ================================================================ staking hooks and internals

    function _checkStakeable(uint256 modelId) internal view override {
        Listing storage listing = _listings[modelId];
        _checkNoDispute(modelId, listing);
        _checkLive(modelId, listing);
        // While a candidate is pending stake leaves freely, so none may enter (it would sandwich a fee for free).
        if (_candidatePending(listing)) revert CurationCandidatePending(modelId, listing.candidate);
    }

    /// @dev Reverts unless the listing can be challenged now; returns its status.
    function _checkChallengeable(uint256 modelId, Listing storage listing)
        internal
        view
        returns (ListingStatus status)
    {
        _checkNoDispute(modelId, listing);
        status = statusOf(modelId);
        if (status == ListingStatus.Withdrawn) {
            // A withdrawal is a notice: the listing stays answerable, bond and stakes, until the bond is released.
            if (block.timestamp >= listing.bondReleaseAt) {
                revert CurationWithdrawalNoticeOver(modelId, listing.bondReleaseAt);
            }
        } else if (
            status != ListingStatus.Pending && status != ListingStatus.Listed && status != ListingStatus.Suspended
        ) {
            revert CurationInvalidStatus(modelId, status);
        }
    }

    /// @dev Reverts unless the listing is live: stored Pending or Listed (Suspended is a Listed one).
    function _checkLive(uint256 modelId, Listing storage listing) internal view {
        if (listing.status != ListingStatus.Pending && listing.status != ListingStatus.Listed) {
            _revertInvalidStatus(modelId);
        }
    }

    function _freezingDispute(uint256 modelId) internal view override returns (uint256) {
        Listing storage listing = _listings[modelId];
        uint256 disputeId = listing.openDispute;
        // A challenge of the candidate freezes nothing: the curators vouched for the listed version.
        if (disputeId == 0 || listing.candidateChallenged) return 0;
        return disputeId;
    }

    function _unbondingPeriodOf(uint256 modelId) internal view override returns (uint256) {
        // A curator may leave at once while a candidate is pending: their stake vouched for the listed version.
        return _candidatePending(_listings[modelId]) ? 0 : _params.unbondingPeriod;
    }

    /// @dev Whether the candidate's window passed unchallenged: it is the listed version.
    function _candidateListed(Listing storage listing) internal view returns (bool) {
        return listing.candidate != 0 && !listing.candidateChallenged && block.timestamp >= listing.candidateUntil;
    }

    /// @dev Whether a candidate is waiting: in its window, or challenged.
    function _candidatePending(Listing storage listing) internal view returns (bool) {
        return listing.candidate != 0 && (listing.candidateChallenged || block.timestamp < listing.candidateUntil);
    }

    /// @dev Stores a candidate listed at read time as the listed version.
    function _promoteCandidate(Listing storage listing) internal {
        if (!_candidateListed(listing)) return;
        listing.version = listing.candidate;
        _clearCandidate(listing);
    }

    function _clearCandidate(Listing storage listing) internal {
        listing.candidate = 0;
        listing.candidateUntil = 0;
        listing.candidateChallenged = false;
    }

    function _isDelisted(uint256 modelId) internal view override returns (bool) {
        return _listings[modelId].status == ListingStatus.Delisted;
    }

    /// @dev Reverts while a dispute on the listing is open.
    function _checkNoDispute(uint256 modelId, Listing storage listing) internal view {
        if (listing.openDispute != 0) revert CurationDisputeOpen(modelId, listing.openDispute);
    }

    /// @dev Reverts with the listing's status now (one copy of the revert for every status check).
    function _revertInvalidStatus(uint256 modelId) internal view {
        revert CurationInvalidStatus(modelId, statusOf(modelId));
    }
}
