// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";

/// @title GovernorPackedCounting
/// @notice OpenZeppelin's simple counting (Against/For/Abstain, quorum counts For + Abstain) and late-quorum protection
/// (a proposal whose quorum is first reached less than `lateQuorumVoteExtension()` before its deadline stays open for
/// that extension after the vote), with the same rules and outcomes as {GovernorCountingSimple} and
/// {GovernorPreventLateQuorum}, the same events and the same functions, at the storage cost of a plain vote.
/// @dev One slot per proposal holds the For and Abstain tallies, the top bits of the proposal's quorum, the late-quorum
/// extension and three flags (live, quorum known, quorum reached); Against votes have a slot of their own. A For or
/// Abstain vote therefore reads and writes one slot, as in OpenZeppelin, and knows whether it reaches quorum with one
/// comparison instead of computing the quorum (a call to the token and two checkpoint searches) after every vote:
/// - The slot is written when the proposal is created (with the extension then in force, and the live flag), so the
///   first For or Abstain vote rewrites a slot instead of creating one (the creation pays for it). A cancellation clears
///   the live flag.
/// - A For or Abstain vote checks that the proposal is Active from that slot and the proposal's own (snapshot and
///   deadline) instead of computing {Governor-state}: live, the snapshot past, the deadline (extended if quorum was
///   reached late) not past; an executed proposal's deadline is past. When the check fails, {Governor-state} gives the
///   revert its state, as in OpenZeppelin. A Governor overriding {Governor-state} to refuse votes in another case must
///   override {_castVote} too.
/// - The quorum is `quorum(proposalSnapshot)`, exactly as OpenZeppelin computes it (GovernorVotesQuorumFraction's
///   checkpoints included: a quorum change applies to every proposal whose snapshot is at or after the change). It is
///   computed once, by the first For or Abstain vote, when the snapshot is past and the value can no longer change, and
///   its top 42 bits are kept: a tally whose top bits differ from them is above or below the quorum for certain; only a
///   tally within 2^54 wei (0.018 CUR) of the quorum computes it again.
/// - The extension is the one in force when the proposal was created (as the voting delay and period are): a change of
///   `lateQuorumVoteExtension` applies to proposals created after it. OpenZeppelin reads the current value when quorum
///   is reached; with the extension unchanged during a vote, deadlines are the same (differential fuzz tests).
/// - `ProposalExtended` is emitted before the `VoteCast` of the same vote (OpenZeppelin: after).
/// @dev Tallies are 96-bit: the token's supply must stay below 2^96 (CUR's is fixed at 10^26). A Governor using this
/// extension must refuse a zero quorum: OpenZeppelin extends on the first vote of any kind when the quorum is zero.
abstract contract GovernorPackedCounting is Governor {
    /// @notice Vote types, as in {GovernorCountingSimple}.
    enum VoteType {
        Against,
        For,
        Abstain
    }

    /// @notice The longest late-quorum extension the DAO can set, in seconds (3 days). It bounds the window, so that a
    /// vote cast earlier than this before the deadline is known to be outside it.
    uint48 public constant MAX_LATE_QUORUM_VOTE_EXTENSION = 3 days;

    uint256 private constant _MASK96 = (1 << 96) - 1;
    uint256 private constant _TALLIES = (1 << 192) - 1;
    /// @dev The kept top bits of the quorum: bits 192-233 hold `quorum >> 54`.
    uint256 private constant _QUORUM_SHIFT = 54;
    uint256 private constant _QUORUM_HIGH_OFFSET = 192;
    uint256 private constant _MASK42 = (1 << 42) - 1;
    /// @dev Bits 234-251: before quorum, the proposal's extension; once reached, the seconds added to the deadline.
    uint256 private constant _WINDOW_OFFSET = 234;
    uint256 private constant _MASK18 = (1 << 18) - 1;
    /// @dev Bit 252 is unused. Bit 253: created and not canceled.
    uint256 private constant _LIVE = 1 << 253;
    uint256 private constant _QUORUM_KNOWN = 1 << 254;
    uint256 private constant _QUORUM_REACHED = 1 << 255;

    /// @dev For and Abstain tallies, quorum, extension and flags (layout above).
    mapping(uint256 proposalId => uint256) private _tallies;
    mapping(uint256 proposalId => uint256) private _againstVotes;
    mapping(uint256 proposalId => mapping(address voter => bool)) private _hasVoted;

    uint48 private _voteExtension;

    /// @dev Set by an Against vote for its own state check (see {proposalDeadline}). Transient.
    bool private transient _againstVoteInProgress;

    /// @notice A proposal's deadline was pushed back because quorum was reached late (as in GovernorPreventLateQuorum).
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);

    /// @notice The late-quorum extension changed (as in GovernorPreventLateQuorum).
    event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension);

    /// @notice The extension asked for is longer than {MAX_LATE_QUORUM_VOTE_EXTENSION}.
    error GovernorLateQuorumExtensionTooLong(uint48 voteExtension, uint48 maxVoteExtension);

    /// @notice A tally would not fit in 96 bits (the token's supply is too large for this Governor).
    error GovernorTallyOverflow(uint256 proposalId, uint256 tally);

    constructor(uint48 initialVoteExtension) {
        _setLateQuorumVoteExtension(initialVoteExtension);
    }

    // ---------------------------------------------------------------- counting (GovernorCountingSimple's interface)

    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo&quorum=for,abstain";
    }

    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        return _hasVoted[proposalId][account];
    }

    /// @notice The Against, For and Abstain tallies of `proposalId`.
    function proposalVotes(uint256 proposalId)
        public
        view
        virtual
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)
    {
        uint256 tally = _tallies[proposalId];
        return (_againstVotes[proposalId], tally & _MASK96, (tally >> 96) & _MASK96);
    }

    /// @dev Reached once a For or Abstain vote brought the tally to the quorum (a flag set by that vote). Before any
    /// For or Abstain vote the tally is zero and the quorum, above zero, is not reached.
    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        uint256 tally = _tallies[proposalId];
        if (tally & _QUORUM_REACHED != 0) return true;
        if (tally & _QUORUM_KNOWN != 0) return false;
        return quorum(proposalSnapshot(proposalId)) == 0;
    }

    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        return _tallies[proposalId] & _MASK96 > _againstVotes[proposalId];
    }

    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory // params
    )
        internal
        virtual
        override
        returns (uint256)
    {
        if (_hasVoted[proposalId][account]) revert GovernorAlreadyCastVote(account);
        _hasVoted[proposalId][account] = true;

        if (support == uint8(VoteType.Against)) {
            _againstVotes[proposalId] += totalWeight;
            return totalWeight;
        }
        if (support > uint8(VoteType.Abstain)) revert GovernorInvalidVoteType();
        _tallies[proposalId] = _addForOrAbstain(
            proposalId, _tallies[proposalId], support, totalWeight, Governor.proposalDeadline(proposalId), clock()
        );
        return totalWeight;
    }

    /// @dev `tally` with a For or Abstain vote of `weight` added, and the quorum recorded if it reaches it (extending
    /// `deadline`, the original one, if `timepoint` is in the window).
    function _addForOrAbstain(
        uint256 proposalId,
        uint256 tally,
        uint8 support,
        uint256 weight,
        uint256 deadline,
        uint256 timepoint
    ) private returns (uint256) {
        // The first For or Abstain vote computes the quorum; the snapshot is past, so it is final.
        uint256 exactQuorum;
        if (tally & _QUORUM_KNOWN == 0) {
            exactQuorum = quorum(proposalSnapshot(proposalId));
            tally |= _QUORUM_KNOWN | (((exactQuorum >> _QUORUM_SHIFT) & _MASK42) << _QUORUM_HIGH_OFFSET);
        }
        uint256 forVotes = tally & _MASK96;
        uint256 abstainVotes = (tally >> 96) & _MASK96;
        if (support == uint8(VoteType.For)) {
            forVotes += weight;
            if (forVotes > _MASK96) revert GovernorTallyOverflow(proposalId, forVotes);
        } else {
            abstainVotes += weight;
            if (abstainVotes > _MASK96) revert GovernorTallyOverflow(proposalId, abstainVotes);
        }
        tally = (tally & ~_TALLIES) | forVotes | (abstainVotes << 96);

        if (tally & _QUORUM_REACHED == 0 && _reaches(proposalId, tally, forVotes + abstainVotes, exactQuorum)) {
            tally = _recordQuorum(proposalId, tally, deadline, timepoint);
        }
        return tally;
    }

    /// @dev Whether `votes` (For + Abstain) reach the quorum, `exactQuorum` when this vote computed it (else zero).
    function _reaches(uint256 proposalId, uint256 tally, uint256 votes, uint256 exactQuorum)
        private
        view
        returns (bool)
    {
        if (tally & _QUORUM_KNOWN != 0 && exactQuorum == 0) {
            uint256 quorumHigh = (tally >> _QUORUM_HIGH_OFFSET) & _MASK42;
            uint256 votesHigh = votes >> _QUORUM_SHIFT;
            if (votesHigh != quorumHigh) return votesHigh > quorumHigh;
            exactQuorum = quorum(proposalSnapshot(proposalId));
        }
        return votes >= exactQuorum;
    }

    /// @dev The vote that reaches quorum: if it is cast (at `timepoint`) less than the proposal's extension before the
    /// original `deadline`, the deadline moves to the vote's time plus the extension. The window bits then hold the
    /// seconds added.
    function _recordQuorum(uint256 proposalId, uint256 tally, uint256 deadline, uint256 timepoint)
        private
        returns (uint256)
    {
        uint256 extendedDeadline = timepoint + ((tally >> _WINDOW_OFFSET) & _MASK18);
        uint256 added;
        if (extendedDeadline > deadline) {
            added = extendedDeadline - deadline;
            // casting to 'uint64' is safe because a uint48 clock plus an 18-bit extension fits in 49 bits
            // forge-lint: disable-next-line(unsafe-typecast)
            emit ProposalExtended(proposalId, uint64(extendedDeadline));
        }
        return (tally & ~(_MASK18 << _WINDOW_OFFSET)) | (added << _WINDOW_OFFSET) | _QUORUM_REACHED;
    }

    // ---------------------------------------------------------------- late quorum (GovernorPreventLateQuorum's interface)

    /// @notice The proposal's deadline, extended if quorum was reached late.
    /// @dev Before the last {MAX_LATE_QUORUM_VOTE_EXTENSION} of the original deadline no vote can have extended it,
    /// so the tally slot is not read. During an Against vote, whose only use of the deadline is Governor's check that
    /// the vote is not past it, neither is it read while the original deadline is not past (an extended one is later).
    function proposalDeadline(uint256 proposalId) public view virtual override returns (uint256) {
        uint256 deadline = Governor.proposalDeadline(proposalId);
        uint256 timepoint = clock();
        if (timepoint + MAX_LATE_QUORUM_VOTE_EXTENSION <= deadline) return deadline;
        if (timepoint <= deadline && _againstVoteInProgress) return deadline;
        return _extended(deadline, _tallies[proposalId]);
    }

    /// @dev The original `deadline`, extended if the proposal's `tally` records a late quorum.
    function _extended(uint256 deadline, uint256 tally) private pure returns (uint256) {
        if (tally & _QUORUM_REACHED == 0) return deadline;
        return deadline + ((tally >> _WINDOW_OFFSET) & _MASK18);
    }

    /// @notice The late-quorum extension given to proposals created from now on, in seconds.
    function lateQuorumVoteExtension() public view virtual returns (uint48) {
        return _voteExtension;
    }

    /// @notice Changes the late-quorum extension of proposals created after the change. Only through a proposal.
    function setLateQuorumVoteExtension(uint48 newVoteExtension) public virtual onlyGovernance {
        _setLateQuorumVoteExtension(newVoteExtension);
    }

    /// @dev Refuses an extension longer than {MAX_LATE_QUORUM_VOTE_EXTENSION} (also at construction).
    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal virtual {
        if (newVoteExtension > MAX_LATE_QUORUM_VOTE_EXTENSION) {
            revert GovernorLateQuorumExtensionTooLong(newVoteExtension, MAX_LATE_QUORUM_VOTE_EXTENSION);
        }
        emit LateQuorumVoteExtensionSet(_voteExtension, newVoteExtension);
        _voteExtension = newVoteExtension;
    }

    // ---------------------------------------------------------------- hooks

    /// @dev Writes the proposal's tally slot: the extension in force, and a flag so that the slot is never empty.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        _tallies[proposalId] = _LIVE | (uint256(_voteExtension) << _WINDOW_OFFSET);
    }

    /// @dev Clears the live flag: a For or Abstain vote's state check then goes through {Governor-state}, which says
    /// Canceled.
    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._cancel(targets, values, calldatas, descriptionHash);
        _tallies[proposalId] &= ~_LIVE;
    }

    /// @dev A For or Abstain vote (or one of no known type) checks the state from the tally slot it reads anyway (see
    /// the contract's notes) and counts with the values read for it; OpenZeppelin's order of checks and events is
    /// kept (state, weight, already voted, vote type; {VoteCast} or {VoteCastWithParams}; {_tallyUpdated}). An
    /// Against vote takes Governor's path, marked for {proposalDeadline} while Governor checks the proposal's state.
    function _castVote(uint256 proposalId, address account, uint8 support, string memory reason, bytes memory params)
        internal
        virtual
        override
        returns (uint256)
    {
        if (support != uint8(VoteType.Against)) {
            return _castForOrAbstain(proposalId, account, support, reason, params);
        }
        _againstVoteInProgress = true;
        uint256 weight = super._castVote(proposalId, account, support, reason, params);
        _againstVoteInProgress = false;
        return weight;
    }

    function _castForOrAbstain(
        uint256 proposalId,
        address account,
        uint8 support,
        string memory reason,
        bytes memory params
    ) private returns (uint256 weight) {
        uint256 tally = _tallies[proposalId];
        uint256 snapshot = proposalSnapshot(proposalId);
        uint256 deadline = Governor.proposalDeadline(proposalId);
        uint256 timepoint = clock();
        if (tally & _LIVE == 0 || snapshot >= timepoint || timepoint > _extended(deadline, tally)) {
            // Not Active: reverts with the state as Governor computes it.
            _validateStateBitmap(proposalId, _encodeStateBitmap(ProposalState.Active));
        }
        weight = _getVotes(account, snapshot, params);
        if (_hasVoted[proposalId][account]) revert GovernorAlreadyCastVote(account);
        _hasVoted[proposalId][account] = true;
        if (support > uint8(VoteType.Abstain)) revert GovernorInvalidVoteType();
        _tallies[proposalId] = _addForOrAbstain(proposalId, tally, support, weight, deadline, timepoint);

        if (params.length == 0) {
            emit VoteCast(account, proposalId, support, weight, reason);
        } else {
            emit VoteCastWithParams(account, proposalId, support, weight, reason, params);
        }
        _tallyUpdated(proposalId);
    }
}
