// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";

import {ICuriaGovernor} from "../../../../contracts/interfaces/ICuriaGovernor.sol";
import {BaselineGovernorLateQuorum} from "../../../../scripts/bench/Baselines.sol";
import {CuriaTest} from "../../utils/CuriaTest.sol";

/// @dev CuriaGovernor's counting and late-quorum rule (GovernorPackedCounting) against OpenZeppelin's GovernorPreventLateQuorum:
/// the same votes at the same times give the same deadline and the same state, vote after vote.
contract GovernorPackedCountingTest is CuriaTest {
    uint256 internal constant VOTERS = 5;

    /// @dev OpenZeppelin's late-quorum protection as shipped (the bench's baseline): the reference to match.
    BaselineGovernorLateQuorum internal referenceGovernor;
    address[VOTERS] internal voters;

    function setUp() public override {
        super.setUp();
        referenceGovernor = _reference(uint48(LATE_QUORUM_EXTENSION));
        for (uint256 i = 0; i < VOTERS; ++i) {
            voters[i] = makeAddr(string.concat("voter", vm.toString(i)));
            vm.prank(voters[i]);
            token.delegate(voters[i]);
        }
    }

    /// @dev OpenZeppelin's Governor with the same settings and `extension`. Its own timelock is never used.
    function _reference(uint48 extension) internal returns (BaselineGovernorLateQuorum) {
        return new BaselineGovernorLateQuorum(
            token,
            new TimelockController(0, new address[](0), new address[](0), address(this)),
            uint48(VOTING_DELAY),
            uint32(VOTING_PERIOD),
            0,
            QUORUM_PERCENT,
            extension
        );
    }

    /// @dev Both governors see one proposal with the same id; returns it after funding the voters, once voting opened.
    function _open(uint256[VOTERS] memory amounts) internal returns (uint256 id) {
        Proposal memory p;
        (id, p) = _proposeOnBoth(amounts);
        vm.warp(governor.proposalSnapshot(id) + 1);
    }

    /// @dev The same, still Pending; with the proposal, to cancel it.
    function _proposeOnBoth(uint256[VOTERS] memory amounts) internal returns (uint256 id, Proposal memory p) {
        uint256 quorum = governor.quorum(block.timestamp - 1);
        for (uint256 i = 0; i < VOTERS; ++i) {
            // Each voter holds up to 60% of the quorum: quorum is reached by the second to fifth vote, or never.
            amounts[i] = bound(amounts[i], 1e18, (quorum * 6) / 10);
            vm.prank(whale);
            token.transfer(voters[i], amounts[i]);
        }
        skip(1);
        p = _singleCall(address(token), "", "# Reference\nSame actions on both governors.");
        id = _propose(alice, p);
        vm.prank(alice);
        uint256 referenceId = referenceGovernor.propose(p.targets, p.values, p.calldatas, p.description);
        assertEq(referenceId, id);
    }

    function _assertSame(uint256 id) internal view {
        assertEq(governor.proposalDeadline(id), referenceGovernor.proposalDeadline(id), "deadline");
        assertEq(uint8(governor.state(id)), uint8(referenceGovernor.state(id)), "state");
    }

    /// @dev Each voter votes `choices[i]` (bounded to Against/For/Abstain) on both governors after `delays[i]`: votes
    /// spread over the whole period, often inside the late window, never past the deadline. Both agree after each vote.
    function _voteOnBoth(uint256 id, uint256[VOTERS] memory delays, uint8[VOTERS] memory choices) internal {
        for (uint256 i = 0; i < VOTERS; ++i) {
            uint256 deadline = governor.proposalDeadline(id);
            uint256 next = block.timestamp + bound(delays[i], 0, VOTING_PERIOD / 2);
            vm.warp(next > deadline ? deadline : next);
            uint8 support = uint8(bound(choices[i], 0, 2));
            vm.prank(voters[i]);
            governor.castVote(id, support);
            vm.prank(voters[i]);
            referenceGovernor.castVote(id, support);
            _assertSame(id);
        }
    }

    function _allFor() internal pure returns (uint8[VOTERS] memory choices) {
        for (uint256 i = 0; i < VOTERS; ++i) {
            choices[i] = 1;
        }
    }

    function testFuzz_castVote_sameDeadlineAsOpenZeppelin(
        uint256[VOTERS] memory amounts,
        uint256[VOTERS] memory delays,
        uint8[VOTERS] memory choices
    ) public {
        uint256 id = _open(amounts);
        _voteOnBoth(id, delays, choices);
        vm.warp(governor.proposalDeadline(id) + 1);
        _assertSame(id);
    }

    /// @dev The deadline and state read at any time, before, inside and after the late window, equal OpenZeppelin's.
    function testFuzz_proposalDeadline_sameAtAnyTime(
        uint256[VOTERS] memory amounts,
        uint256[VOTERS] memory delays,
        uint256[4] memory readAt
    ) public {
        uint256 id = _open(amounts);
        _voteOnBoth(id, delays, _allFor());
        // Time only moves forward: each read is later than the last vote and than the read before it.
        uint256 end = governor.proposalDeadline(id) + LATE_QUORUM_EXTENSION;
        for (uint256 i = 0; i < readAt.length; ++i) {
            vm.warp(bound(readAt[i], block.timestamp, end));
            _assertSame(id);
        }
    }

    function test_castVote_quorumReachedEarlyNeverExtends() public {
        uint256[VOTERS] memory amounts;
        uint256 id = _open(amounts);
        uint256 deadline = governor.proposalDeadline(id);
        vm.prank(whale);
        governor.castVote(id, 1); // whale alone reaches quorum, far from the deadline
        vm.warp(deadline);
        vm.prank(voters[0]);
        governor.castVote(id, 0);
        assertEq(governor.proposalDeadline(id), deadline);
    }

    function test_castVote_lateQuorumExtendsOnceAndEmits() public {
        uint256[VOTERS] memory amounts;
        uint256 id = _open(amounts);
        uint256 deadline = governor.proposalDeadline(id);
        vm.warp(deadline - 1);
        vm.expectEmit(address(governor));
        emit GovernorPreventLateQuorum.ProposalExtended(id, uint64(deadline - 1 + LATE_QUORUM_EXTENSION));
        vm.prank(whale);
        governor.castVote(id, 1);
        uint256 extended = governor.proposalDeadline(id);
        assertEq(extended, deadline - 1 + LATE_QUORUM_EXTENSION);
        // A later vote inside the extension does not move the deadline again.
        vm.warp(extended);
        vm.prank(voters[0]);
        governor.castVote(id, 0);
        vm.prank(voters[1]);
        governor.castVote(id, 1); // a For vote too, up to the extended deadline
        assertEq(governor.proposalDeadline(id), extended);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active));
    }

    function _setExtension(uint48 extension) internal view returns (Proposal memory p) {
        p = _singleCall(
            address(governor),
            abi.encodeCall(GovernorPreventLateQuorum.setLateQuorumVoteExtension, (extension)),
            string.concat("# Late quorum\nExtension ", vm.toString(extension))
        );
    }

    function test_setLateQuorumVoteExtension_aboveMaxReverts() public {
        uint48 max = governor.MAX_LATE_QUORUM_VOTE_EXTENSION();
        Proposal memory p = _setExtension(max + 1);
        _passAndQueue(alice, p);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICuriaGovernor.CuriaGovernorLateQuorumExtensionOutOfBounds.selector, max + 1, 1 hours, max
            )
        );
        _execute(p);

        _passAndExecute(_setExtension(max));
        assertEq(governor.lateQuorumVoteExtension(), max);
    }

    /// @dev With the longest extension the DAO can set, the rule still matches OpenZeppelin's.
    function testFuzz_castVote_sameDeadlineAtMaxExtension(uint256[VOTERS] memory amounts, uint256[VOTERS] memory delays)
        public
    {
        uint48 max = governor.MAX_LATE_QUORUM_VOTE_EXTENSION();
        _passAndExecute(_setExtension(max));
        referenceGovernor = _reference(max);
        uint256 id = _open(amounts);
        _voteOnBoth(id, delays, _allFor());
    }

    /// @dev A vote of any type (0-3), at any time from creation to past the extended deadline, on a proposal canceled
    /// by its proposer or not, after earlier votes: accepted by both governors with the same weight, or refused by
    /// both with the same error (a For or Abstain vote checks the state from the tally slot, not through `state`).
    function testFuzz_castVote_sameOutcomeAsOpenZeppelin(
        uint256[VOTERS] memory amounts,
        uint256[VOTERS] memory delays,
        uint256 at,
        uint8 support,
        bool canceled,
        bool voteTwice
    ) public {
        (uint256 id, Proposal memory p) = _proposeOnBoth(amounts);
        if (canceled) {
            vm.startPrank(alice);
            governor.cancel(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
            referenceGovernor.cancel(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
            vm.stopPrank();
        } else {
            vm.warp(governor.proposalSnapshot(id) + 1);
            // The voters vote For at spread times: the quorum may be reached early, late (extending the deadline)
            // or not at all.
            _voteOnBoth(id, delays, _allFor());
        }
        uint256 end = governor.proposalDeadline(id) + 2 * LATE_QUORUM_EXTENSION;
        vm.warp(bound(at, block.timestamp, end));
        address voter = voteTwice && !canceled ? voters[0] : makeAddr("late voter");
        vm.prank(whale);
        token.transfer(voter, 0);
        uint8 choice = uint8(bound(support, 0, 3));
        vm.prank(voter);
        (bool ok, bytes memory result) = address(governor).call(abi.encodeCall(IGovernor.castVote, (id, choice)));
        vm.prank(voter);
        (bool referenceOk, bytes memory referenceResult) =
            address(referenceGovernor).call(abi.encodeCall(IGovernor.castVote, (id, choice)));
        assertEq(ok, referenceOk, "accepted by one only");
        assertEq(result, referenceResult, "another weight or error");
        _assertSame(id);
    }

    /// @dev The guardian cancels an Active proposal: a For, Abstain or Against vote is then refused as OpenZeppelin
    /// refuses it, with the state Canceled (the cancellation cleared the tally slot's live flag).
    function test_castVote_onProposalCanceledWhileActive_revertsCanceled() public {
        uint256[VOTERS] memory amounts;
        (uint256 id, Proposal memory p) = _proposeOnBoth(amounts);
        vm.warp(governor.proposalSnapshot(id) + 1);
        vm.prank(voters[0]);
        governor.castVote(id, 1);
        vm.prank(guardian);
        governor.cancel(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
        for (uint8 support = 0; support < 3; ++support) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IGovernor.GovernorUnexpectedProposalState.selector,
                    id,
                    IGovernor.ProposalState.Canceled,
                    bytes32(uint256(1) << uint8(IGovernor.ProposalState.Active))
                )
            );
            vm.prank(voters[1]);
            governor.castVote(id, support);
        }
    }

    /// @dev An id no proposal has: refused as OpenZeppelin refuses it.
    function test_castVote_nonexistentProposal_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorNonexistentProposal.selector, 42));
        vm.prank(voters[0]);
        governor.castVote(42, 1);
    }
}
