// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";

/// @title GovernorLateQuorumWindow
/// @notice OpenZeppelin's late-quorum protection, with the same rule and the same outcome, checked only where it can
/// matter: a proposal whose quorum is first reached by a vote cast less than `lateQuorumVoteExtension()` before its
/// deadline stays open for that extension after the vote.
/// @dev {GovernorPreventLateQuorum} computes the quorum (two checkpoint searches, one in the token) after every vote
/// until quorum is reached, and stores a deadline even when quorum is reached early and that deadline can never
/// lengthen the vote. Here a vote cast before the late window only compares the clock with the deadline; a vote inside
/// the window checks whether quorum had been reached before it, and only a vote that reaches quorum there lets
/// {GovernorPreventLateQuorum-_tallyUpdated} record the extension. {proposalDeadline} returns OpenZeppelin's value, but
/// reads the stored extension only when one can exist: before the window no vote can have recorded one, so a vote or
/// a state read there costs no extra storage read. Events and the setter are OpenZeppelin's.
/// @dev Warning: the outcome equals OpenZeppelin's only while the quorum is above zero. With a zero quorum,
/// OpenZeppelin extends on the first vote cast in the window, while here quorum counts as reached before any vote
/// and nothing is extended. A Governor using this extension must refuse a zero quorum (CuriaGovernor does).
abstract contract GovernorLateQuorumWindow is GovernorPreventLateQuorum {
    /// @notice The longest late-quorum extension the DAO can set, in clock units (3 days on a timestamp clock). It
    /// bounds the window, so that a vote cast earlier than this before the deadline is known to be outside it without
    /// reading the extension.
    uint48 public constant MAX_LATE_QUORUM_VOTE_EXTENSION = 3 days;

    /// @notice The extension asked for is longer than {MAX_LATE_QUORUM_VOTE_EXTENSION}.
    error GovernorLateQuorumExtensionTooLong(uint48 voteExtension, uint48 maxVoteExtension);

    /// @dev Set by {_castVote} for the {_tallyUpdated} of the same vote: the vote is inside the late window and quorum
    /// had not been reached before it. Transient: it never outlives the transaction.
    bool private transient _mayReachLateQuorum;

    /// @dev Before the vote is counted, decides whether it can be the one that reaches quorum late.
    function _castVote(uint256 proposalId, address account, uint8 support, string memory reason, bytes memory params)
        internal
        virtual
        override
        returns (uint256)
    {
        // Outside the window (the common case) only the proposal's own deadline is read, and the extension only in the
        // last MAX_LATE_QUORUM_VOTE_EXTENSION before it. Once an extension is recorded every later vote is inside the
        // window and finds quorum already reached.
        uint256 timepoint = clock();
        uint256 deadline = Governor.proposalDeadline(proposalId);
        if (
            timepoint + MAX_LATE_QUORUM_VOTE_EXTENSION > deadline && timepoint + lateQuorumVoteExtension() > deadline
                && !_quorumReached(proposalId)
        ) {
            _mayReachLateQuorum = true;
        }
        return super._castVote(proposalId, account, support, reason, params);
    }

    /// @inheritdoc GovernorPreventLateQuorum
    /// @dev An extension is recorded only by a vote cast less than {lateQuorumVoteExtension} (at most
    /// {MAX_LATE_QUORUM_VOTE_EXTENSION}) before the original deadline. Until `clock()` is that close to it, no vote so
    /// far can have recorded one, and the original deadline is the deadline: the stored extension is not read.
    function proposalDeadline(uint256 proposalId) public view virtual override returns (uint256) {
        uint256 deadline = Governor.proposalDeadline(proposalId);
        if (clock() + MAX_LATE_QUORUM_VOTE_EXTENSION <= deadline) return deadline;
        return super.proposalDeadline(proposalId);
    }

    /// @dev Refuses an extension longer than {MAX_LATE_QUORUM_VOTE_EXTENSION} (also at construction).
    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal virtual override {
        if (newVoteExtension > MAX_LATE_QUORUM_VOTE_EXTENSION) {
            revert GovernorLateQuorumExtensionTooLong(newVoteExtension, MAX_LATE_QUORUM_VOTE_EXTENSION);
        }
        super._setLateQuorumVoteExtension(newVoteExtension);
    }

    /// @dev Warning: when the vote cannot reach quorum late, the hook returns without calling `super`. Governor's own
    /// hook is empty; an extension placed before this one in the inheritance order that relies on `_tallyUpdated` must
    /// not be combined with it.
    function _tallyUpdated(uint256 proposalId) internal virtual override {
        if (!_mayReachLateQuorum) return;
        _mayReachLateQuorum = false;
        super._tallyUpdated(proposalId);
    }
}
