// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";

/// @title GovernorPackedCounting
/// @notice OpenZeppelin's simple counting (Against/For/Abstain, quorum counts For + Abstain) and late-quorum protection
/// (a proposal whose quorum is first reached less than `lateQuorumVoteExtension()` before its deadline stays open for
/// that extension after the vote), with the same rules and outcomes as {GovernorCountingSimple} and
/// {GovernorPreventLateQuorum}, the same events and the same functions, at the storage cost of a plain vote.
/// @dev One slot per proposal holds the For and Abstain tallies, the top bits of the proposal's quorum, the late-quorum
/// extension and two flags (quorum known, quorum reached); Against votes have a slot of their own. A For or Abstain vote
/// therefore reads and writes one slot, as in OpenZeppelin, and knows whether it reaches quorum with one comparison
/// instead of computing the quorum (a call to the token and two checkpoint searches) after every vote:
/// - The slot is written when the proposal is created (with the extension then in force), so the first For or Abstain
///   vote rewrites a slot instead of creating one (the creation pays for it).
/// - The quorum is `quorum(proposalSnapshot)`, exactly as OpenZeppelin computes it (GovernorVotesQuorumFraction's
///   checkpoints included: a quorum change applies to every proposal whose snapshot is at or after the change). It is
///   computed once, by the first For or Abstain vote, when the snapshot is past and the value can no longer change, and
///   its top 43 bits are kept: a tally whose top bits differ from them is above or below the quorum for certain; only a
///   tally within 2^53 wei (0.009 CUR) of the quorum computes it again.
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
    /// @dev The kept top bits of the quorum: bits 192-234 hold `quorum >> 53`.
    uint256 private constant _QUORUM_SHIFT = 53;
    uint256 private constant _QUORUM_HIGH_OFFSET = 192;
    uint256 private constant _MASK43 = (1 << 43) - 1;
    /// @dev Bits 235-252: before quorum, the proposal's extension; once reached, the seconds added to the deadline.
    uint256 private constant _WINDOW_OFFSET = 235;
    uint256 private constant _MASK18 = (1 << 18) - 1;
    uint256 private constant _CREATED = 1 << 253;
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

        uint256 tally = _tallies[proposalId];
        // The first For or Abstain vote computes the quorum; the snapshot is past, so it is final.
        uint256 exactQuorum;
        if (tally & _QUORUM_KNOWN == 0) {
            exactQuorum = quorum(proposalSnapshot(proposalId));
            tally |= _QUORUM_KNOWN | (((exactQuorum >> _QUORUM_SHIFT) & _MASK43) << _QUORUM_HIGH_OFFSET);
        }
        uint256 forVotes = tally & _MASK96;
        uint256 abstainVotes = (tally >> 96) & _MASK96;
        if (support == uint8(VoteType.For)) {
            forVotes += totalWeight;
            if (forVotes > _MASK96) revert GovernorTallyOverflow(proposalId, forVotes);
        } else {
            abstainVotes += totalWeight;
            if (abstainVotes > _MASK96) revert GovernorTallyOverflow(proposalId, abstainVotes);
        }
        tally = (tally & ~_TALLIES) | forVotes | (abstainVotes << 96);

        if (tally & _QUORUM_REACHED == 0 && _reaches(proposalId, tally, forVotes + abstainVotes, exactQuorum)) {
            tally = _recordQuorum(proposalId, tally);
        }
        _tallies[proposalId] = tally;
        return totalWeight;
    }

    /// @dev Whether `votes` (For + Abstain) reach the quorum, `exactQuorum` when this vote computed it (else zero).
    function _reaches(uint256 proposalId, uint256 tally, uint256 votes, uint256 exactQuorum)
        private
        view
        returns (bool)
    {
        if (tally & _QUORUM_KNOWN != 0 && exactQuorum == 0) {
            uint256 quorumHigh = (tally >> _QUORUM_HIGH_OFFSET) & _MASK43;
            uint256 votesHigh = votes >> _QUORUM_SHIFT;
            if (votesHigh != quorumHigh) return votesHigh > quorumHigh;
            exactQuorum = quorum(proposalSnapshot(proposalId));
        }
        return votes >= exactQuorum;
    }

    /// @dev The vote that reaches quorum: if it is cast less than the proposal's extension before the deadline, the
    /// deadline moves to the vote's time plus the extension. The window bits then hold the seconds added.
    function _recordQuorum(uint256 proposalId, uint256 tally) private returns (uint256) {
        uint256 deadline = Governor.proposalDeadline(proposalId);
        uint256 extendedDeadline = clock() + ((tally >> _WINDOW_OFFSET) & _MASK18);
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
        uint256 tally = _tallies[proposalId];
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
        _tallies[proposalId] = _CREATED | (uint256(_voteExtension) << _WINDOW_OFFSET);
    }

    /// @dev Marks an Against vote for {proposalDeadline} while Governor checks the proposal's state.
    function _castVote(uint256 proposalId, address account, uint8 support, string memory reason, bytes memory params)
        internal
        virtual
        override
        returns (uint256)
    {
        if (support != uint8(VoteType.Against)) return super._castVote(proposalId, account, support, reason, params);
        _againstVoteInProgress = true;
        uint256 weight = super._castVote(proposalId, account, support, reason, params);
        _againstVoteInProgress = false;
        return weight;
    }
}
