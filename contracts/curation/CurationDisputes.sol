// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICurationRegistry} from "../interfaces/ICurationRegistry.sol";
import {Bps} from "../libraries/Bps.sol";

/// @title CurationDisputes
/// @notice Dispute records and their token-holder vote: Keep or Remove, weighted by each voter's delegated voting
/// power at the dispute's snapshot, the voting delay after the challenge (as the Governor does). Power borrowed for the
/// challenge's block is gone by the snapshot, and a holder who sees the challenge has the delay to delegate. The vote
/// runs from the snapshot for the voting period. One vote per account, directly or by EIP-712 signature (EOA or
/// EIP-1271) with a deadline, relayed by anyone.
abstract contract CurationDisputes is ICurationRegistry, EIP712, Nonces {
    using SafeCast for uint256;

    /// @notice The EIP-712 type of a signed dispute vote.
    bytes32 public constant DISPUTE_BALLOT_TYPEHASH = keccak256(
        "DisputeBallot(uint256 disputeId,uint8 support,address voter,uint256 nonce,uint256 deadline,string reason)"
    );

    /// @notice The token whose checkpointed votes weigh in disputes.
    IVotes internal immutable _votes;

    uint256 private _disputeCount;
    mapping(uint256 disputeId => Dispute) internal _disputes;
    mapping(uint256 disputeId => mapping(address voter => bool)) private _hasVoted;
    mapping(uint256 disputeId => Evidence) private _evidence;

    constructor(IVotes votes_) EIP712("Curia Curation", "1") {
        _votes = votes_;
    }

    /// @inheritdoc ICurationRegistry
    function voteOnDispute(uint256 disputeId, Support support, string calldata reason) external returns (uint256) {
        return _castVote(disputeId, msg.sender, support, reason);
    }

    /// @inheritdoc ICurationRegistry
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
        if (!_isValidSignature(voter, digest, signature)) revert CurationInvalidSignature(voter);
        return _castVote(disputeId, voter, support, reason);
    }

    /// @inheritdoc ICurationRegistry
    function disputeOf(uint256 disputeId) external view returns (Dispute memory) {
        return _disputes[disputeId];
    }

    /// @inheritdoc ICurationRegistry
    function challengeEvidenceOf(uint256 disputeId) external view returns (Evidence memory) {
        return _evidenceOf(disputeId);
    }

    /// @inheritdoc ICurationRegistry
    function disputeCount() external view returns (uint256) {
        return _disputeCount;
    }

    /// @inheritdoc ICurationRegistry
    function hasVoted(uint256 disputeId, address voter) external view returns (bool) {
        return _hasVoted[disputeId][voter];
    }

    /// @inheritdoc ICurationRegistry
    function nonces(address voter) public view virtual override(ICurationRegistry, Nonces) returns (uint256) {
        return super.nonces(voter);
    }

    /// @dev Whether `signature` is `voter`'s over `digest` (an EOA's ECDSA signature, or EIP-1271).
    function _isValidSignature(address voter, bytes32 digest, bytes calldata signature)
        internal
        view
        virtual
        returns (bool);

    /// @dev Opens a dispute by the caller on `version` of `modelId`. Its snapshot is `votingDelay` after now, and its vote ends `votingPeriod`
    /// after the snapshot. The quorum is read at the snapshot, when it is known (see {_quorum}).
    function _openDispute(
        uint256 modelId,
        uint32 version,
        Reason reason,
        ListingStatus previousStatus,
        uint256 deposit,
        uint256 votingDelay,
        uint256 votingPeriod,
        uint256 quorumBps
    ) internal returns (uint256 disputeId, uint40 snapshot, uint40 votingEndsAt) {
        disputeId = ++_disputeCount;
        // casting to uint40 is safe: timestamps fit until the year 36812, and both periods are at most 30 days.
        // forge-lint: disable-start(unsafe-typecast)
        snapshot = uint40(block.timestamp + votingDelay);
        votingEndsAt = uint40(snapshot + votingPeriod);
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
        // casting to uint16 is safe: the quorum parameter is at most 5,000 basis points.
        // forge-lint: disable-next-line(unsafe-typecast)
        d.quorumBps = uint16(quorumBps);
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
