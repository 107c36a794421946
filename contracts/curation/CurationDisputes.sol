// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICurationDisputes} from "../interfaces/ICurationDisputes.sol";
import {IDisputeHook} from "../interfaces/IDisputeHook.sol";
import {Bps} from "../libraries/Bps.sol";
import {CurationStaking} from "./CurationStaking.sol";

/// @title CurationDisputes
/// @notice A dispute's whole life: challenge, vote, resolve, appeal to the DAO, restore or finalize. The vote is the
/// token holders': Keep or Remove, weighted by each voter's delegated voting power at the dispute's snapshot, the
/// voting delay after the challenge (as the Governor does). Power borrowed for the challenge's block is gone by the
/// snapshot, and a holder who sees the challenge has the delay to delegate. The vote runs from the snapshot for the
/// voting period. One vote per account, directly or by EIP-712 signature (EOA or EIP-1271) with a deadline, relayed by
/// anyone. Deposits, bonds and slashes are settled here, through the staking pool's accounts.
/// @dev The listing a dispute is about is the final contract's: it is checked and changed through the hooks below
/// (`_onChallenged`, `_onKept`, `_onRemoved`, `_onRestored`, `_onDelisted`), as OpenZeppelin's Governor leaves
/// counting and quorum to its extensions. This contract must be the Governor's trusted proposer for appeals to work.
abstract contract CurationDisputes is CurationStaking, EIP712, Nonces, ICurationDisputes {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /// @notice The EIP-712 type of a signed dispute vote.
    bytes32 public constant DISPUTE_BALLOT_TYPEHASH = keccak256(
        "DisputeBallot(uint256 disputeId,uint8 support,address voter,uint256 nonce,uint256 deadline,string reason)"
    );

    /// @notice The Governor that decides appeals.
    IGovernor public immutable governor;
    /// @notice Told when a dispute opens and ends (the audit registry, which freezes the bonds of the disputed listed
    /// version's passing auditors meanwhile).
    IDisputeHook public immutable disputeHook;
    /// @notice The token whose checkpointed votes weigh in disputes.
    IVotes internal immutable _votes;

    uint256 private _disputeCount;
    mapping(uint256 disputeId => Dispute) internal _disputes;
    mapping(uint256 disputeId => mapping(address voter => bool)) private _hasVoted;
    mapping(uint256 disputeId => Evidence) private _evidence;

    constructor(IVotes votes_, IGovernor governor_, IDisputeHook disputeHook_) EIP712("Curia Curation", "1") {
        _votes = votes_;
        governor = governor_;
        disputeHook = disputeHook_;
    }

    // ---------------------------------------------------------------- hooks

    /// @dev The model's owner.
    function _ownerOf(uint256 modelId) internal view virtual returns (address);

    /// @dev Reverts unless `version` of the model (0: the listed one) can be challenged now; marks the listing as
    /// disputed by `disputeId`. Returns the version disputed, the listing's status before the dispute, and whether the
    /// dispute is about the pending candidate version rather than the listed one.
    function _onChallenged(uint256 modelId, uint32 version, uint256 disputeId)
        internal
        virtual
        returns (uint32 disputed, ListingStatus previousStatus, bool ofCandidate);

    /// @dev The model's open dispute; reverts with {CurationNoOpenDispute} if none.
    function _openDisputeOf(uint256 modelId) internal view virtual returns (uint256 disputeId);

    /// @dev The vote kept the model: its listing goes back to `previousStatus`, undisputed.
    function _onKept(uint256 modelId, ListingStatus previousStatus) internal virtual;

    /// @dev The vote removed what was disputed. Returns true if it was the candidate version, rejected for good (the
    /// listing is undisputed again); otherwise the model is removed, open to appeal.
    function _onRemoved(uint256 modelId) internal virtual returns (bool candidateRejected);

    /// @dev The DAO upheld the appeal: the listing is restored from `previousStatus`, undisputed.
    function _onRestored(uint256 modelId, ListingStatus previousStatus) internal virtual;

    /// @dev The removal stands: the model is delisted for good by `disputeId`. Returns its owner's bond, slashed.
    function _onDelisted(uint256 modelId, uint256 disputeId) internal virtual returns (uint256 bondSlashed);

    // ---------------------------------------------------------------- external

    /// @inheritdoc ICurationDisputes
    function challenge(
        uint256 modelId,
        uint32 version,
        Reason reason,
        string calldata evidenceURI,
        bytes32 evidenceHash
    ) external nonReentrant returns (uint256 disputeId) {
        _checkEvidence(evidenceURI, evidenceHash);
        disputeId = _disputeCount + 1;
        (uint32 disputed, ListingStatus previousStatus, bool ofCandidate) = _onChallenged(modelId, version, disputeId);
        uint256 deposit = _params.challengeDeposit;
        (uint40 snapshot, uint40 votingEndsAt) =
            _openDispute(disputeId, modelId, disputed, reason, previousStatus, deposit);
        _recordEvidence(disputeId, evidenceURI, evidenceHash);
        emit Challenged(
            modelId, disputeId, msg.sender, reason, deposit, evidenceURI, evidenceHash, snapshot, votingEndsAt
        );
        if (ofCandidate) emit CandidateChallenged(modelId, disputeId, disputed);
        disputeHook.onDisputeOpened(modelId, disputeId, disputed, reason, ofCandidate);
        _token.safeTransferFrom(msg.sender, address(this), deposit);
    }

    /// @inheritdoc ICurationDisputes
    function resolve(uint256 modelId) external nonReentrant {
        uint256 disputeId = _openDisputeOf(modelId);
        Dispute storage d = _disputes[disputeId];
        _checkDisputeState(disputeId, d, DisputeState.Voting);
        if (block.timestamp <= d.votingEndsAt) revert CurationVotingNotEnded(disputeId, d.votingEndsAt);
        if (!_removes(d)) {
            d.state = DisputeState.Kept;
            // A kept candidate is listed once its window is over (at once if it already is).
            _onKept(modelId, d.previousStatus);
            emit DisputeResolved(disputeId, modelId, DisputeState.Kept, d.keepVotes, d.removeVotes, 0);
            _disputeClosed(modelId, disputeId, false);
            _shareDeposit(modelId, d.deposit);
        } else if (_onRemoved(modelId)) {
            _rejectCandidate(modelId, disputeId);
        } else {
            uint40 appealEndsAt = uint40(block.timestamp) + _params.appealWindow;
            d.state = DisputeState.Removed;
            d.appealEndsAt = appealEndsAt;
            emit DisputeResolved(disputeId, modelId, DisputeState.Removed, d.keepVotes, d.removeVotes, appealEndsAt);
        }
    }

    /// @inheritdoc ICurationDisputes
    function appeal(uint256 modelId, string calldata statement) external nonReentrant returns (uint256 proposalId) {
        _checkOwner(modelId);
        uint256 disputeId = _openDisputeOf(modelId);
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

    /// @inheritdoc ICurationDisputes
    function restoreModel(uint256 modelId) external onlyTimelock nonReentrant {
        uint256 disputeId = _openDisputeOf(modelId);
        Dispute storage d = _disputes[disputeId];
        _checkDisputeState(disputeId, d, DisputeState.Appealed);
        d.state = DisputeState.Restored;
        _onRestored(modelId, d.previousStatus);
        emit ModelRestored(modelId, disputeId);
        _disputeClosed(modelId, disputeId, false);
        _credit(_ownerOf(modelId), d.appealBond);
        _shareDeposit(modelId, d.deposit);
    }

    /// @inheritdoc ICurationDisputes
    function finalize(uint256 modelId) external nonReentrant {
        uint256 disputeId = _openDisputeOf(modelId);
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

        d.state = DisputeState.Delisted;
        uint256 bondSlashed = _onDelisted(modelId, disputeId);
        uint256 stakeSlashed = _slashPool(modelId, _params.curatorSlashBps);
        uint256 slashed = bondSlashed + stakeSlashed;
        // The curators' slash counts toward the reward only up to the owner's bond, and the share is at most half: an
        // owner challenging its own model under another name gets back at most the bond it loses, never their stake.
        uint256 reward = Bps.share(bondSlashed + Math.min(stakeSlashed, bondSlashed), _params.challengerRewardBps);
        uint256 toTreasury = slashed - reward + d.appealBond;
        emit ModelDelisted(modelId, disputeId, bondSlashed, stakeSlashed, reward, toTreasury);
        _disputeClosed(modelId, disputeId, true);
        _credit(d.challenger, d.deposit + reward);
        _payTreasury(toTreasury);
    }

    /// @inheritdoc ICurationDisputes
    function voteOnDispute(uint256 disputeId, Support support, string calldata reason) external returns (uint256) {
        return _castVote(disputeId, msg.sender, support, reason);
    }

    /// @inheritdoc ICurationDisputes
    function voteOnDisputeBySig(
        uint256 disputeId,
        Support support,
        address voter,
        uint256 deadline,
        string calldata reason,
        bytes calldata signature
    ) external returns (uint256) {
        if (block.timestamp > deadline) revert CurationSignatureExpired(voter, deadline);
        bytes32 digest = _hashTypedDataV4(
            keccak256(
                abi.encode(
                    DISPUTE_BALLOT_TYPEHASH,
                    disputeId,
                    uint8(support),
                    voter,
                    _useNonce(voter),
                    deadline,
                    keccak256(bytes(reason))
                )
            )
        );
        if (!_helper.isValidSignatureNow(voter, digest, signature)) revert CurationInvalidSignature(voter);
        return _castVote(disputeId, voter, support, reason);
    }

    /// @inheritdoc ICurationDisputes
    function disputeOf(uint256 disputeId) external view returns (Dispute memory) {
        return _disputes[disputeId];
    }

    /// @inheritdoc ICurationDisputes
    function challengeEvidenceOf(uint256 disputeId) external view returns (Evidence memory) {
        return _evidenceOf(disputeId);
    }

    /// @inheritdoc ICurationDisputes
    function disputeCount() external view returns (uint256) {
        return _disputeCount;
    }

    /// @inheritdoc ICurationDisputes
    function hasVoted(uint256 disputeId, address voter) external view returns (bool) {
        return _hasVoted[disputeId][voter];
    }

    /// @inheritdoc ICurationDisputes
    function nonces(address voter) public view virtual override(ICurationDisputes, Nonces) returns (uint256) {
        return super.nonces(voter);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Reverts unless the caller owns the model.
    function _checkOwner(uint256 modelId) internal view returns (address owner) {
        owner = _ownerOf(modelId);
        if (owner != msg.sender) revert CurationNotModelOwner(modelId, msg.sender);
    }

    /// @dev Opens dispute `disputeId` (the next one) by the caller on `version` of `modelId`, with the current
    /// parameters. Its snapshot is the voting delay after now, and its vote ends the voting period after the snapshot.
    function _openDispute(
        uint256 disputeId,
        uint256 modelId,
        uint32 version,
        Reason reason,
        ListingStatus previousStatus,
        uint256 deposit
    ) private returns (uint40 snapshot, uint40 votingEndsAt) {
        _disputeCount = disputeId;
        // casting to uint40 is safe: timestamps fit until the year 36812, and both periods are at most 30 days.
        // forge-lint: disable-start(unsafe-typecast)
        snapshot = uint40(block.timestamp + _params.disputeVotingDelay);
        votingEndsAt = uint40(snapshot + _params.disputeVotingPeriod);
        // forge-lint: disable-end(unsafe-typecast)
        Dispute storage d = _disputes[disputeId];
        d.modelId = modelId.toUint64();
        d.challenger = msg.sender;
        d.reason = reason;
        d.state = DisputeState.Voting;
        d.previousStatus = previousStatus;
        d.deposit = deposit.toUint88();
        d.snapshot = snapshot;
        d.votingEndsAt = votingEndsAt;
        d.quorumBps = _params.disputeQuorumBps;
        d.version = version;
    }

    /// @dev Reverts unless evidence has a URI and a content hash.
    function _checkEvidence(string calldata evidenceURI, bytes32 evidenceHash) internal pure {
        if (bytes(evidenceURI).length == 0 || evidenceHash == bytes32(0)) revert CurationEmptyEvidence();
    }

    /// @dev Records evidence under `key`: a challenge's under its dispute id ({challengeEvidenceOf}), a suspension's
    /// under {_suspensionKey} ({suspensionOf}). One store keeps one copy of the string-to-storage code.
    function _recordEvidence(uint256 key, string calldata evidenceURI, bytes32 evidenceHash) internal {
        _evidence[key] = Evidence(evidenceURI, evidenceHash);
    }

    /// @dev The evidence store's key of `modelId`'s suspension: counted down from the top, far from dispute ids.
    function _suspensionKey(uint256 modelId) internal pure returns (uint256) {
        return type(uint256).max - modelId;
    }

    /// @dev The evidence recorded under `key`.
    function _evidenceOf(uint256 key) internal view returns (Evidence memory) {
        return _evidence[key];
    }

    /// @dev Whether the vote removes the model: quorum reached and strictly more Remove than Keep. Called after the
    /// vote ended, so the snapshot is in the past.
    function _removes(Dispute storage d) internal view returns (bool) {
        uint256 keep = d.keepVotes;
        uint256 remove = d.removeVotes;
        return remove > keep && keep + remove >= Bps.share(_votes.getPastTotalSupply(d.snapshot), d.quorumBps);
    }

    /// @dev Reverts unless dispute `disputeId` is in state `expected`.
    function _checkDisputeState(uint256 disputeId, Dispute storage d, DisputeState expected) private view {
        if (d.state != expected) revert CurationUnexpectedDisputeState(disputeId, d.state);
    }

    /// @dev A challenge that failed: its deposit goes to the model's curators, its owner and the treasury. The
    /// curators' share goes to the treasury when nobody is staked.
    function _shareDeposit(uint256 modelId, uint256 deposit) private {
        uint256 toCurators = Bps.share(deposit, _params.keepCuratorShareBps);
        uint256 toCreator = Bps.share(deposit, _params.keepCreatorShareBps);
        uint256 toTreasury = deposit - toCurators - toCreator;
        if (!_distributeToCurators(modelId, toCurators)) toTreasury += toCurators;
        _credit(_ownerOf(modelId), toCreator);
        _payTreasury(toTreasury);
    }

    /// @dev The candidate challenged by `disputeId` is rejected, for good (the listing has dropped it): the listed version
    /// stays listed; nobody vouched for the candidate, so nobody is slashed, and the challenger gets the deposit back.
    function _rejectCandidate(uint256 modelId, uint256 disputeId) internal {
        Dispute storage d = _disputes[disputeId];
        d.state = DisputeState.Rejected;
        emit DisputeResolved(disputeId, modelId, DisputeState.Rejected, d.keepVotes, d.removeVotes, 0);
        _disputeClosed(modelId, disputeId, false);
        _credit(d.challenger, d.deposit);
    }

    /// @dev Tells the audit registry that a dispute ended (one call site keeps the code small).
    function _disputeClosed(uint256 modelId, uint256 disputeId, bool delisted) private {
        disputeHook.onDisputeClosed(modelId, disputeId, delisted);
    }

    function _payTreasury(uint256 amount) private {
        if (amount == 0) return;
        emit TreasuryPaid(amount);
        _token.safeTransfer(_timelock, amount);
    }

    function _castVote(uint256 disputeId, address voter, Support support, string calldata reason)
        private
        returns (uint256 weight)
    {
        Dispute storage d = _disputes[disputeId];
        if (d.state != DisputeState.Voting) {
            if (d.state == DisputeState.None) revert CurationDisputeNotFound(disputeId);
            revert CurationUnexpectedDisputeState(disputeId, d.state);
        }
        if (block.timestamp <= d.snapshot) revert CurationVotingNotStarted(disputeId, d.snapshot);
        if (block.timestamp > d.votingEndsAt) revert CurationVotingClosed(disputeId, d.votingEndsAt);
        if (_hasVoted[disputeId][voter]) revert CurationAlreadyVoted(disputeId, voter);
        weight = _votes.getPastVotes(voter, d.snapshot);
        if (weight == 0) revert CurationNoVotingPower(disputeId, voter);
        _hasVoted[disputeId][voter] = true;
        // Tallies are bounded by the token's total supply, far below 2^128.
        if (support == Support.Keep) d.keepVotes += weight.toUint128();
        else d.removeVotes += weight.toUint128();
        emit DisputeVoteCast(disputeId, voter, support, weight, reason);
    }
}
