// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICurationRegistry} from "../interfaces/ICurationRegistry.sol";
import {IDisputeHook} from "../interfaces/IDisputeHook.sol";
import {IStakeHook} from "../interfaces/IStakeHook.sol";
import {CurationDisputes} from "./CurationDisputes.sol";
import {CurationParameters} from "./CurationParameters.sol";
import {CurationStaking} from "./CurationStaking.sol";

/// @title CurationRegistry
/// @notice Which of Curia's models are listed, and who pays when the community got it wrong. Composes the listing
/// state machine with curator staking ({CurationStaking}), dispute votes ({CurationDisputes}) and DAO parameters
/// ({CurationParameters}); appeals go to the DAO's Governor.
/// @dev Warning: this contract must be the Governor's trusted proposer for appeals to work, and it never delegates
/// the tokens it holds, so staked tokens do not vote.
contract CurationRegistry is CurationParameters, CurationStaking, CurationDisputes {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice The model registry whose entries are listed here.
    IERC721 public immutable models;
    /// @notice The Governor that decides appeals.
    IGovernor public immutable governor;
    /// @notice Told when a dispute opens and ends (the audit registry, which freezes the bonds of the model's
    /// passing auditors meanwhile).
    IDisputeHook public immutable disputeHook;

    mapping(uint256 modelId => Listing) private _listings;
    mapping(uint256 modelId => uint256 disputeId) private _delistedBy;
    mapping(uint256 modelId => Evidence) private _suspensionEvidence;
    mapping(uint256 modelId => bool) private _guardianSuspended;
    /// @dev The appeal description's `#proposer=<this registry>` suffix (52 bytes), computed once at deployment.
    bytes32 private immutable _proposerSuffixHead;
    bytes20 private immutable _proposerSuffixTail;

    /// @param token_ The governance token (ERC-20 with ERC20Votes checkpoints).
    /// @param models_ The model registry (ERC-721).
    /// @param governor_ The Governor; its executor `timelock` is the treasury.
    /// @param initialParameters One value per {Parameter}, in the enum's order, each within its bounds.
    constructor(
        address token_,
        IERC721 models_,
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
        // "#proposer=0x" and 40 hex digits: 52 bytes, kept as 32 + 20 (building it in appeal costs ~430 bytes of code).
        bytes memory suffix = bytes(string.concat("#proposer=", Strings.toHexString(address(this))));
        bytes20 tail;
        for (uint256 i = 32; i < suffix.length; ++i) {
            tail |= bytes20(suffix[i]) >> (8 * (i - 32));
        }
        // casting to bytes32 is safe: it takes the suffix's first 32 of its 52 bytes, the rest is `tail`.
        // forge-lint: disable-next-line(unsafe-typecast)
        _proposerSuffixHead = bytes32(suffix);
        _proposerSuffixTail = tail;
        disputeHook = disputeHook_;
    }

    // ================================================================ listing

    /// @inheritdoc ICurationRegistry
    function applyForListing(uint256 modelId) external nonReentrant {
        address owner = _checkOwner(modelId);
        Listing memory listing = _listings[modelId];
        // A withdrawn listing challenged within its notice cannot re-apply before its dispute ends.
        if (listing.openDispute != 0) revert CurationDisputeOpen(modelId, listing.openDispute);
        if (listing.status != ListingStatus.None && listing.status != ListingStatus.Withdrawn) {
            revert CurationInvalidStatus(modelId, statusOf(modelId));
        }
        // A bond still held from a withdrawn listing counts towards the new one.
        uint256 bond = _params.listingBond;
        uint256 due = bond > listing.bond ? bond - listing.bond : 0;
        uint40 pendingUntil = uint40(block.timestamp) + _params.challengePeriod;
        listing.status = ListingStatus.Pending;
        listing.pendingUntil = pendingUntil;
        listing.bondReleaseAt = 0;
        listing.bond += due.toUint96();
        _listings[modelId] = listing;
        emit ListingApplied(modelId, owner, listing.bond, pendingUntil);
        if (due != 0) _token.safeTransferFrom(owner, address(this), due);
    }

    /// @inheritdoc ICurationRegistry
    function withdrawListing(uint256 modelId) external nonReentrant {
        address owner = _checkOwner(modelId);
        Listing storage listing = _listings[modelId];
        if (listing.openDispute != 0) revert CurationDisputeOpen(modelId, listing.openDispute);
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
        if (listing.openDispute != 0) revert CurationDisputeOpen(modelId, listing.openDispute);
        if (listing.status != ListingStatus.Withdrawn) revert CurationInvalidStatus(modelId, statusOf(modelId));
        uint256 bond = listing.bond;
        if (bond == 0) revert CurationNothingToWithdraw(modelId, owner);
        if (block.timestamp < listing.bondReleaseAt) revert CurationBondLocked(modelId, listing.bondReleaseAt);
        listing.bond = 0;
        emit BondWithdrawn(modelId, owner, bond);
        _token.safeTransfer(owner, bond);
    }

    // ================================================================ disputes

    /// @inheritdoc ICurationRegistry
    function challenge(uint256 modelId, Reason reason, string calldata evidenceURI, bytes32 evidenceHash)
        external
        nonReentrant
        returns (uint256 disputeId)
    {
        if (bytes(evidenceURI).length == 0 || evidenceHash == bytes32(0)) revert CurationEmptyEvidence();
        Listing storage listing = _listings[modelId];
        if (listing.openDispute != 0) revert CurationDisputeOpen(modelId, listing.openDispute);
        ListingStatus status = statusOf(modelId);
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
        // A listing still stored as Pending whose challenge period is over is Listed: record it, so that it stays
        // Listed (and for sale) while the dispute runs, and a Keep returns it to Listed.
        if (listing.status == ListingStatus.Pending && status != ListingStatus.Pending) {
            listing.status = ListingStatus.Listed;
        }
        uint256 deposit = _params.challengeDeposit;
        uint40 snapshot;
        uint40 votingEndsAt;
        (disputeId, snapshot, votingEndsAt) = _openDispute(
            modelId,
            msg.sender,
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
        disputeHook.onDisputeOpened(modelId, disputeId, reason);
        _token.safeTransferFrom(msg.sender, address(this), deposit);
    }

    /// @inheritdoc ICurationRegistry
    function resolve(uint256 modelId) external nonReentrant {
        Listing storage listing = _listings[modelId];
        uint256 disputeId = _openDisputeOf(modelId, listing);
        Dispute storage d = _disputes[disputeId];
        if (d.state != DisputeState.Voting) revert CurationUnexpectedDisputeState(disputeId, d.state);
        if (block.timestamp <= d.votingEndsAt) revert CurationVotingNotEnded(disputeId, d.votingEndsAt);
        if (_removes(d)) {
            uint40 appealEndsAt = uint40(block.timestamp) + _params.appealWindow;
            d.state = DisputeState.Removed;
            d.appealEndsAt = appealEndsAt;
            listing.status = ListingStatus.Removed;
            emit DisputeResolved(disputeId, modelId, DisputeState.Removed, d.keepVotes, d.removeVotes, appealEndsAt);
        } else {
            d.state = DisputeState.Kept;
            listing.status = d.previousStatus;
            listing.openDispute = 0;
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
        if (d.state != DisputeState.Removed) revert CurationUnexpectedDisputeState(disputeId, d.state);
        if (block.timestamp > d.appealEndsAt) revert CurationAppealWindowClosed(modelId, d.appealEndsAt);

        address[] memory targets = new address[](1);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        targets[0] = address(this);
        calldatas[0] = abi.encodeCall(this.restoreModel, (modelId));
        // The `#proposer=` suffix makes the proposal the registry's alone (Governor._isValidDescriptionForProposer):
        // nobody can front-run the appeal by creating the same proposal first.
        string memory description = string.concat(
            "# Appeal: restore model #",
            Strings.toString(modelId),
            "\n\n",
            statement,
            "\n\n---\nAppeal of dispute #",
            Strings.toString(disputeId),
            ". Executing this proposal lists the model again.\n\n",
            string(abi.encodePacked(_proposerSuffixHead, _proposerSuffixTail))
        );
        uint256 bond = _params.appealBond;
        d.state = DisputeState.Appealed;
        d.appealBond = bond.toUint96();
        // The Governor's proposal id (Governor.hashProposal), computed here rather than asked for.
        proposalId = uint256(keccak256(abi.encode(targets, values, calldatas, keccak256(bytes(description)))));
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
        if (d.state != DisputeState.Appealed) revert CurationUnexpectedDisputeState(disputeId, d.state);
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
        uint256 reward = slashed * _params.challengerRewardBps / BPS;
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
        if (bytes(evidenceURI).length == 0 || evidenceHash == bytes32(0)) revert CurationEmptyEvidence();
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
        _suspensionEvidence[modelId] = Evidence(evidenceURI, evidenceHash);
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
        Listing memory listing = _listings[modelId];
        status = listing.status;
        // A pending model is listed once its challenge period ends, unless a challenge is still being decided.
        if (status == ListingStatus.Pending && listing.openDispute == 0 && block.timestamp >= listing.pendingUntil) {
            status = ListingStatus.Listed;
        }
        if (status == ListingStatus.Listed && block.timestamp < listing.suspendedUntil) {
            status = ListingStatus.Suspended;
        }
    }

    /// @inheritdoc ICurationRegistry
    function isListed(uint256 modelId) external view returns (bool) {
        return statusOf(modelId) == ListingStatus.Listed;
    }

    /// @inheritdoc ICurationRegistry
    function saleStateOf(uint256 modelId) external view returns (bool listed, uint256 activeStake) {
        listed = statusOf(modelId) == ListingStatus.Listed;
        activeStake = _activeStakeOf(modelId);
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
        return (_suspensionEvidence[modelId], _guardianSuspended[modelId]);
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
        Listing memory listing = _listings[modelId];
        if (listing.openDispute != 0) revert CurationDisputeOpen(modelId, listing.openDispute);
        if (listing.status != ListingStatus.Pending && listing.status != ListingStatus.Listed) {
            revert CurationInvalidStatus(modelId, statusOf(modelId));
        }
    }

    function _checkNotFrozen(uint256 modelId) internal view override {
        uint256 disputeId = _listings[modelId].openDispute;
        if (disputeId != 0) revert CurationDisputeOpen(modelId, disputeId);
    }

    function _isDelisted(uint256 modelId) internal view override returns (bool) {
        return _listings[modelId].status == ListingStatus.Delisted;
    }

    function _checkOwner(uint256 modelId) internal view returns (address owner) {
        owner = models.ownerOf(modelId);
        if (owner != msg.sender) revert CurationNotModelOwner(modelId, msg.sender);
    }

    function _openDisputeOf(uint256 modelId, Listing storage listing) internal view returns (uint256 disputeId) {
        disputeId = listing.openDispute;
        if (disputeId == 0) revert CurationNoOpenDispute(modelId);
    }

    /// @dev A challenge that failed: its deposit goes to the model's curators, its owner and the treasury. The
    /// curators' share goes to the treasury when nobody is staked.
    function _shareDeposit(uint256 modelId, uint256 deposit) internal {
        uint256 toCurators = deposit * _params.keepCuratorShareBps / BPS;
        uint256 toCreator = deposit * _params.keepCreatorShareBps / BPS;
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
