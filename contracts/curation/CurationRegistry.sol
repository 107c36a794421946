// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICurationRegistry} from "../interfaces/ICurationRegistry.sol";
import {IDisputeHook} from "../interfaces/IDisputeHook.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IStakeHook} from "../interfaces/IStakeHook.sol";
import {IVersionHook} from "../interfaces/IVersionHook.sol";
import {Bps} from "../libraries/Bps.sol";
import {CurationDisputes} from "./CurationDisputes.sol";
import {CurationParameters} from "./CurationParameters.sol";
import {CurationStaking} from "./CurationStaking.sol";

/// @title CurationRegistry
/// @notice Which of Curia's models are listed, and who pays when the community got it wrong. Composes the listing
/// state machine with curator staking ({CurationStaking}), dispute votes ({CurationDisputes}) and DAO parameters
/// ({CurationParameters}); appeals go to the DAO's Governor.
/// @dev Warning: this contract must be the Governor's trusted proposer for appeals to work, and it never delegates
/// the tokens it holds, so staked tokens do not vote.
contract CurationRegistry is CurationParameters, CurationStaking, CurationDisputes, IVersionHook {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice The model registry whose entries are listed here.
    IModelRegistry public immutable models;
    /// @notice The Governor that decides appeals.
    IGovernor public immutable governor;
    /// @notice Told when a dispute opens and ends (the audit registry, which freezes the bonds of the model's
    /// passing auditors meanwhile).
    IDisputeHook public immutable disputeHook;

    mapping(uint256 modelId => Listing) private _listings;
    mapping(uint256 modelId => uint256 disputeId) private _delistedBy;
    mapping(uint256 modelId => bool) private _guardianSuspended;

    /// @param token_ The governance token (ERC-20 with ERC20Votes checkpoints).
    /// @param models_ The model registry (ERC-721).
    /// @param governor_ The Governor; its executor `timelock` is the treasury.
    /// @param initialParameters One value per {Parameter}, in the enum's order, each within its bounds.
    constructor(
        address token_,
        IModelRegistry models_,
        IGovernor governor_,
        address timelock,
        address guardian_,
        IStakeHook stakeHook,
        IDisputeHook disputeHook_,
        uint256[14] memory initialParameters
    )
        CurationParameters(timelock, guardian_, initialParameters)
        CurationStaking(IERC20(token_), stakeHook)
        CurationDisputes(IVotes(token_))
    {
        models = models_;
        governor = governor_;
        disputeHook = disputeHook_;
    }

    // ================================================================ listing

    /// @inheritdoc ICurationRegistry
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

    /// @inheritdoc ICurationRegistry
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

    /// @inheritdoc ICurationRegistry
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

    // ================================================================ disputes

    /// @inheritdoc ICurationRegistry
    function challenge(
        uint256 modelId,
        uint32 version,
        Reason reason,
        string calldata evidenceURI,
        bytes32 evidenceHash
    ) external nonReentrant returns (uint256 disputeId) {
        _checkEvidence(evidenceURI, evidenceHash);
        Listing storage listing = _listings[modelId];
        ListingStatus status = _checkChallengeable(modelId, listing);
        // A listing still stored as Pending whose challenge period is over is Listed: record it, so that it stays
        // Listed (and for sale) while the dispute runs, and a Keep returns it to Listed.
        if (listing.status == ListingStatus.Pending && status != ListingStatus.Pending) {
            listing.status = ListingStatus.Listed;
        }
        // A candidate whose window passed unchallenged is the listed version: a challenge of it is about it.
        _promoteCandidate(listing);
        bool ofCandidate = version != 0 && version != listing.version;
        if (ofCandidate) {
            // Only the pending candidate of a live listing; it stays unlisted until the dispute is decided, while
            // the listed version stays on sale and its stakes are not frozen.
            if (version != listing.candidate || status == ListingStatus.Withdrawn) {
                revert CurationNotCandidate(modelId, version);
            }
            listing.candidateChallenged = true;
        } else {
            version = listing.version;
        }
        uint256 deposit = _params.challengeDeposit;
        uint40 snapshot;
        uint40 votingEndsAt;
        (disputeId, snapshot, votingEndsAt) = _openDispute(
            modelId,
            version,
            reason,
            listing.status,
            deposit,
            _params.disputeVotingDelay,
            _params.disputeVotingPeriod,
            _params.disputeQuorumBps
        );
        _recordEvidence(disputeId, evidenceURI, evidenceHash);
        listing.openDispute = disputeId.toUint32();
        emit Challenged(
            modelId, disputeId, msg.sender, reason, deposit, evidenceURI, evidenceHash, snapshot, votingEndsAt
        );
        if (ofCandidate) emit CandidateChallenged(modelId, disputeId, version);
        disputeHook.onDisputeOpened(modelId, disputeId, reason);
        _token.safeTransferFrom(msg.sender, address(this), deposit);
    }

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

    /// @inheritdoc ICurationRegistry
    function resolve(uint256 modelId) external nonReentrant {
        Listing storage listing = _listings[modelId];
        uint256 disputeId = _openDisputeOf(modelId, listing);
        Dispute storage d = _disputes[disputeId];
        _checkDisputeState(disputeId, d, DisputeState.Voting);
        if (block.timestamp <= d.votingEndsAt) revert CurationVotingNotEnded(disputeId, d.votingEndsAt);
        bool removes = _removes(d);
        if (removes && listing.candidateChallenged) {
            // The candidate is rejected, for good: the listed version stays listed; nobody vouched for the candidate,
            // so nobody is slashed, and the challenger gets the deposit back.
            d.state = DisputeState.Rejected;
            _clearCandidate(listing);
            listing.openDispute = 0;
            emit DisputeResolved(disputeId, modelId, DisputeState.Rejected, d.keepVotes, d.removeVotes, 0);
            _disputeClosed(modelId, disputeId, false);
            _credit(d.challenger, d.deposit);
        } else if (removes) {
            uint40 appealEndsAt = uint40(block.timestamp) + _params.appealWindow;
            d.state = DisputeState.Removed;
            d.appealEndsAt = appealEndsAt;
            listing.status = ListingStatus.Removed;
            emit DisputeResolved(disputeId, modelId, DisputeState.Removed, d.keepVotes, d.removeVotes, appealEndsAt);
        } else {
            d.state = DisputeState.Kept;
            listing.status = d.previousStatus;
            listing.openDispute = 0;
            // A kept candidate is listed once its window is over (at once if it already is).
            listing.candidateChallenged = false;
            emit DisputeResolved(disputeId, modelId, DisputeState.Kept, d.keepVotes, d.removeVotes, 0);
            _disputeClosed(modelId, disputeId, false);
            _shareDeposit(modelId, d.deposit);
        }
    }

    /// @inheritdoc ICurationRegistry
    function appeal(uint256 modelId, string calldata statement) external nonReentrant returns (uint256 proposalId) {
        _checkOwner(modelId);
        uint256 disputeId = _openDisputeOf(modelId, _listings[modelId]);
        Dispute storage d = _disputes[disputeId];
        _checkDisputeState(disputeId, d, DisputeState.Removed);
        if (block.timestamp > d.appealEndsAt) revert CurationAppealWindowClosed(modelId, d.appealEndsAt);

        address[] memory targets = new address[](1);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        targets[0] = address(this);
        calldatas[0] = abi.encodeCall(this.restoreModel, (modelId));
        // The `#proposer=` suffix makes the proposal the registry's alone (Governor._isValidDescriptionForProposer):
        // nobody can front-run the appeal by creating the same proposal first.
        string memory description;
        (description, proposalId) = _helper.appealProposal(modelId, disputeId, statement, address(this));
        uint256 bond = _params.appealBond;
        d.state = DisputeState.Appealed;
        d.appealBond = bond.toUint96();
        d.proposalId = proposalId;
        emit Appealed(modelId, disputeId, proposalId, bond);
        _token.safeTransferFrom(msg.sender, address(this), bond);
        governor.propose(targets, values, calldatas, description);
    }

    /// @inheritdoc ICurationRegistry
    function restoreModel(uint256 modelId) external onlyTimelock nonReentrant {
        Listing storage listing = _listings[modelId];
        uint256 disputeId = _openDisputeOf(modelId, listing);
        Dispute storage d = _disputes[disputeId];
        _checkDisputeState(disputeId, d, DisputeState.Appealed);
        d.state = DisputeState.Restored;
        // A listing withdrawn before it was challenged stays withdrawn; any other is listed again.
        listing.status = d.previousStatus == ListingStatus.Withdrawn ? ListingStatus.Withdrawn : ListingStatus.Listed;
        listing.suspendedUntil = 0;
        listing.openDispute = 0;
        emit ModelRestored(modelId, disputeId);
        _disputeClosed(modelId, disputeId, false);
        _credit(models.ownerOf(modelId), d.appealBond);
        _shareDeposit(modelId, d.deposit);
    }

    /// @inheritdoc ICurationRegistry
    function finalize(uint256 modelId) external nonReentrant {
        Listing storage listing = _listings[modelId];
        uint256 disputeId = _openDisputeOf(modelId, listing);
        Dispute storage d = _disputes[disputeId];
        if (d.state == DisputeState.Removed) {
            if (block.timestamp <= d.appealEndsAt) revert CurationAppealWindowOpen(modelId, d.appealEndsAt);
        } else if (d.state == DisputeState.Appealed) {
            // A passed appeal is executed (restoreModel) or stays Queued: the timelock never expires it.
            IGovernor.ProposalState s = governor.state(d.proposalId);
            if (s != IGovernor.ProposalState.Defeated && s != IGovernor.ProposalState.Canceled) {
                revert CurationAppealUndecided(modelId, d.proposalId);
            }
        } else {
            revert CurationUnexpectedDisputeState(disputeId, d.state);
        }

        uint256 bondSlashed = listing.bond;
        d.state = DisputeState.Delisted;
        listing.status = ListingStatus.Delisted;
        listing.openDispute = 0;
        listing.bond = 0;
        _delistedBy[modelId] = disputeId;
        uint256 stakeSlashed = _slashPool(modelId, _params.curatorSlashBps);
        uint256 slashed = bondSlashed + stakeSlashed;
        uint256 reward = Bps.share(slashed, _params.challengerRewardBps);
        uint256 toTreasury = slashed - reward + d.appealBond;
        emit ModelDelisted(modelId, disputeId, bondSlashed, stakeSlashed, reward, toTreasury);
        _disputeClosed(modelId, disputeId, true);
        _credit(d.challenger, d.deposit + reward);
        _payTreasury(toTreasury);
    }

    // ================================================================ guardian

    /// @inheritdoc ICurationRegistry
    function suspend(uint256 modelId, string calldata evidenceURI, bytes32 evidenceHash) external {
        bool byGuardian = msg.sender == guardian();
        if (!byGuardian && msg.sender != _timelock) revert CurationOnlyGuardian(msg.sender);
        _checkEvidence(evidenceURI, evidenceHash);
        ListingStatus status = statusOf(modelId);
        Listing storage listing = _listings[modelId];
        if (status == ListingStatus.Suspended) revert CurationAlreadySuspended(modelId, listing.suspendedUntil);
        if (status != ListingStatus.Listed) revert CurationInvalidStatus(modelId, status);
        // The guardian's emergency brake works once per model: renewing it (after it lapsed or was lifted) would let
        // one account keep a model off sale for ever. Any further suspension is the DAO's, by proposal.
        if (byGuardian) {
            if (_guardianSuspended[modelId]) revert CurationGuardianSuspensionUsed(modelId);
            _guardianSuspended[modelId] = true;
        }
        uint40 until = uint40(block.timestamp) + _params.suspensionWindow;
        listing.suspendedUntil = until;
        _recordEvidence(_suspensionKey(modelId), evidenceURI, evidenceHash);
        emit ModelSuspended(modelId, msg.sender, until, evidenceURI, evidenceHash);
    }

    /// @inheritdoc ICurationRegistry
    function liftSuspension(uint256 modelId) external {
        if (msg.sender != guardian() && msg.sender != _timelock) revert CurationOnlyGuardian(msg.sender);
        if (statusOf(modelId) != ListingStatus.Suspended) revert CurationNotSuspended(modelId);
        _listings[modelId].suspendedUntil = 0;
        emit SuspensionLifted(modelId, msg.sender);
    }

    // ================================================================ views

    /// @inheritdoc ICurationRegistry
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

    /// @inheritdoc ICurationRegistry
    function saleStateOf(uint256 modelId) external view returns (bool listed, uint256 activeStake, uint256 version) {
        listed = statusOf(modelId) == ListingStatus.Listed;
        activeStake = _activeStakeOf(modelId);
        (version,,) = versionsOf(modelId);
    }

    /// @inheritdoc ICurationRegistry
    function versionsOf(uint256 modelId) public view returns (uint32 listed, uint32 candidate, uint256 candidateUntil) {
        Listing storage listing = _listings[modelId];
        if (_candidateListed(listing)) return (listing.candidate, 0, 0);
        return (listing.version, listing.candidate, listing.candidateUntil);
    }

    /// @inheritdoc ICurationRegistry
    function delistedBy(uint256 modelId) external view returns (uint256) {
        return _delistedBy[modelId];
    }

    /// @inheritdoc ICurationRegistry
    function listingOf(uint256 modelId) external view returns (Listing memory) {
        return _listings[modelId];
    }

    /// @inheritdoc ICurationRegistry
    function suspensionOf(uint256 modelId) external view returns (Evidence memory evidence, bool guardianUsed) {
        return (_evidenceOf(_suspensionKey(modelId)), _guardianSuspended[modelId]);
    }

    /// @inheritdoc ICurationRegistry
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc ICurationRegistry
    function nonces(address voter) public view override(ICurationRegistry, CurationDisputes) returns (uint256) {
        return super.nonces(voter);
    }

    // ================================================================ hooks and internals

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

    function _checkNotFrozen(uint256 modelId) internal view override {
        Listing storage listing = _listings[modelId];
        // A challenge of the candidate freezes nothing: the curators vouched for the listed version.
        if (listing.openDispute != 0 && !listing.candidateChallenged) {
            revert CurationDisputeOpen(modelId, listing.openDispute);
        }
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

    function _isValidSignature(address voter, bytes32 digest, bytes calldata signature)
        internal
        view
        override
        returns (bool)
    {
        return _helper.isValidSignatureNow(voter, digest, signature);
    }

    function _isDelisted(uint256 modelId) internal view override returns (bool) {
        return _listings[modelId].status == ListingStatus.Delisted;
    }

    function _checkOwner(uint256 modelId) internal view returns (address owner) {
        owner = models.ownerOf(modelId);
        if (owner != msg.sender) revert CurationNotModelOwner(modelId, msg.sender);
    }

    /// @dev Reverts while a dispute on the listing is open.
    function _checkNoDispute(uint256 modelId, Listing storage listing) internal view {
        if (listing.openDispute != 0) revert CurationDisputeOpen(modelId, listing.openDispute);
    }

    /// @dev Reverts unless dispute `disputeId` is in state `expected`.
    function _checkDisputeState(uint256 disputeId, Dispute storage d, DisputeState expected) internal view {
        if (d.state != expected) revert CurationUnexpectedDisputeState(disputeId, d.state);
    }

    /// @dev Reverts with the listing's status now (one copy of the revert for every status check).
    function _revertInvalidStatus(uint256 modelId) internal view {
        revert CurationInvalidStatus(modelId, statusOf(modelId));
    }

    function _openDisputeOf(uint256 modelId, Listing storage listing) internal view returns (uint256 disputeId) {
        disputeId = listing.openDispute;
        if (disputeId == 0) revert CurationNoOpenDispute(modelId);
    }

    /// @dev A challenge that failed: its deposit goes to the model's curators, its owner and the treasury. The
    /// curators' share goes to the treasury when nobody is staked.
    function _shareDeposit(uint256 modelId, uint256 deposit) internal {
        uint256 toCurators = Bps.share(deposit, _params.keepCuratorShareBps);
        uint256 toCreator = Bps.share(deposit, _params.keepCreatorShareBps);
        uint256 toTreasury = deposit - toCurators - toCreator;
        if (!_distributeToCurators(modelId, toCurators)) toTreasury += toCurators;
        _credit(models.ownerOf(modelId), toCreator);
        _payTreasury(toTreasury);
    }

    /// @dev Tells the audit registry that a dispute ended (one call site keeps the code small).
    function _disputeClosed(uint256 modelId, uint256 disputeId, bool delisted) private {
        disputeHook.onDisputeClosed(modelId, disputeId, delisted);
    }

    function _payTreasury(uint256 amount) internal {
        if (amount == 0) return;
        emit TreasuryPaid(amount);
        _token.safeTransfer(_timelock, amount);
    }
}
