// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {
    GovernorVotesQuorumFraction
} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";

import {CuriaGovernor} from "../../../contracts/governance/CuriaGovernor.sol";
import {GovernorGuardianLimits} from "../../../contracts/governance/extensions/GovernorGuardianLimits.sol";
import {ICuriaGovernor} from "../../../contracts/interfaces/ICuriaGovernor.sol";
import {CuriaTest} from "../utils/CuriaTest.sol";

/// @dev Issue 15 items 9 and 10: the Governor's settings stay within hard bounds, and the proposal guardian cannot
/// block the proposal that replaces it. Plus the quorum kept beside the tallies (GovernorPackedCounting) against
/// OpenZeppelin's quorum fraction when the DAO changes the quorum.
contract CuriaGovernorLimitsTest is CuriaTest {
    uint8 internal constant FOR = 1;

    function _call(bytes memory data, string memory description) internal view returns (Proposal memory) {
        return _singleCall(address(governor), data, description);
    }

    /// @dev Passes and queues `p`, then expects its execution to revert with `err`.
    function _executionReverts(Proposal memory p, bytes memory err) internal {
        _passAndQueue(whale, p);
        vm.expectRevert(err);
        _execute(p);
    }

    // ---------------------------------------------------------------- item 9: settings bounds

    /// @dev The attack: one passed proposal sets the quorum to 100%; the treasury never votes, so no later proposal
    /// (not even the one restoring the quorum) could pass. The execution reverts and the DAO keeps governing.
    function test_attack_proposalSetsQuorumTo100Percent_reverts() public {
        Proposal memory brick = _call(
            abi.encodeCall(GovernorVotesQuorumFraction.updateQuorumNumerator, (100)), "# Quorum 100%\nBrick the DAO."
        );
        _executionReverts(
            brick, abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorQuorumNumeratorOutOfBounds.selector, 100, 1, 20)
        );
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT);
        // The DAO still passes proposals, including a quorum change within the bounds.
        _passAndExecute(_call(abi.encodeCall(GovernorVotesQuorumFraction.updateQuorumNumerator, (20)), "# Quorum 20%"));
        assertEq(governor.quorumNumerator(), 20);
    }

    function test_attack_proposalSetsQuorumTo21Percent_reverts() public {
        _executionReverts(
            _call(abi.encodeCall(GovernorVotesQuorumFraction.updateQuorumNumerator, (21)), "# Quorum 21%"),
            abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorQuorumNumeratorOutOfBounds.selector, 21, 1, 20)
        );
    }

    /// @dev A voting period of one block lets a proposal pass before anyone notices; a year-long one stalls the DAO.
    function test_attack_proposalSetsVotingPeriodOutOfBounds_reverts() public {
        _executionReverts(
            _call(abi.encodeCall(GovernorSettings.setVotingPeriod, (1)), "# One second"),
            abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorVotingPeriodOutOfBounds.selector, 1, 3 days, 30 days)
        );
        _executionReverts(
            _call(abi.encodeCall(GovernorSettings.setVotingPeriod, (365 days)), "# One year"),
            abi.encodeWithSelector(
                ICuriaGovernor.CuriaGovernorVotingPeriodOutOfBounds.selector, 365 days, 3 days, 30 days
            )
        );
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
    }

    /// @dev A zero voting delay takes the snapshot in the proposal's own second (a flash loan's block).
    function test_attack_proposalSetsVotingDelayOutOfBounds_reverts() public {
        _executionReverts(
            _call(abi.encodeCall(GovernorSettings.setVotingDelay, (0)), "# No delay"),
            abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorVotingDelayOutOfBounds.selector, 0, 1 hours, 14 days)
        );
        _executionReverts(
            _call(abi.encodeCall(GovernorSettings.setVotingDelay, (15 days)), "# Long delay"),
            abi.encodeWithSelector(
                ICuriaGovernor.CuriaGovernorVotingDelayOutOfBounds.selector, 15 days, 1 hours, 14 days
            )
        );
        assertEq(governor.votingDelay(), VOTING_DELAY);
    }

    /// @dev A zero extension switches late-quorum protection off.
    function test_attack_proposalSetsLateQuorumExtensionToZero_reverts() public {
        _executionReverts(
            _call(abi.encodeWithSignature("setLateQuorumVoteExtension(uint48)", uint48(0)), "# No extension"),
            abi.encodeWithSelector(
                ICuriaGovernor.CuriaGovernorLateQuorumExtensionOutOfBounds.selector, 0, 1 hours, 3 days
            )
        );
        assertEq(governor.lateQuorumVoteExtension(), LATE_QUORUM_EXTENSION);
    }

    /// @dev A threshold of zero opens proposing to anyone (spam, guardian fatigue); one above every holder's power
    /// closes it to everyone.
    function test_attack_proposalSetsProposalThresholdOutOfBounds_reverts() public {
        (uint256 min, uint256 max) = governor.proposalThresholdBounds();
        assertEq(min, token.totalSupply() / 10_000);
        assertEq(max, token.totalSupply() / 100);
        _executionReverts(
            _call(abi.encodeCall(GovernorSettings.setProposalThreshold, (0)), "# Anyone proposes"),
            abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorProposalThresholdOutOfBounds.selector, 0, min, max)
        );
        _executionReverts(
            _call(abi.encodeCall(GovernorSettings.setProposalThreshold, (max + 1)), "# Nobody proposes"),
            abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorProposalThresholdOutOfBounds.selector, max + 1, min, max)
        );
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD);
    }

    function test_setters_acceptTheirBounds() public {
        _passAndExecute(_call(abi.encodeCall(GovernorSettings.setVotingPeriod, (30 days)), "# Period 30 d"));
        _passAndExecute(_call(abi.encodeCall(GovernorSettings.setVotingPeriod, (3 days)), "# Period 3 d"));
        _passAndExecute(_call(abi.encodeCall(GovernorSettings.setVotingDelay, (1 hours)), "# Delay 1 h"));
        _passAndExecute(
            _call(abi.encodeWithSignature("setLateQuorumVoteExtension(uint48)", uint48(1 hours)), "# Extension 1 h")
        );
        (uint256 min,) = governor.proposalThresholdBounds();
        _passAndExecute(_call(abi.encodeCall(GovernorSettings.setProposalThreshold, (min)), "# Threshold min"));
        assertEq(governor.votingPeriod(), 3 days);
        assertEq(governor.votingDelay(), 1 hours);
        assertEq(governor.lateQuorumVoteExtension(), 1 hours);
        assertEq(governor.proposalThreshold(), min);
    }

    function test_constructor_settingsOutOfBoundsRevert() public {
        CuriaGovernor.Settings memory s = governorSettings();
        s.votingPeriod = 1 days;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICuriaGovernor.CuriaGovernorVotingPeriodOutOfBounds.selector, 1 days, 3 days, 30 days
            )
        );
        new CuriaGovernor(token, timelock, s);

        s = governorSettings();
        s.votingDelay = 0;
        vm.expectRevert(
            abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorVotingDelayOutOfBounds.selector, 0, 1 hours, 14 days)
        );
        new CuriaGovernor(token, timelock, s);

        s = governorSettings();
        s.lateQuorumVoteExtension = 4 days;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICuriaGovernor.CuriaGovernorLateQuorumExtensionOutOfBounds.selector, 4 days, 1 hours, 3 days
            )
        );
        new CuriaGovernor(token, timelock, s);

        s = governorSettings();
        s.proposalThreshold = 0;
        (uint256 min, uint256 max) = governor.proposalThresholdBounds();
        vm.expectRevert(
            abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorProposalThresholdOutOfBounds.selector, 0, min, max)
        );
        new CuriaGovernor(token, timelock, s);
    }

    function test_bounds_views() public view {
        (uint256 a, uint256 b) = governor.votingDelayBounds();
        assertEq(a, 1 hours);
        assertEq(b, 14 days);
        (a, b) = governor.votingPeriodBounds();
        assertEq(a, 3 days);
        assertEq(b, 30 days);
        (a, b) = governor.lateQuorumVoteExtensionBounds();
        assertEq(a, 1 hours);
        assertEq(b, governor.MAX_LATE_QUORUM_VOTE_EXTENSION());
        (a, b) = governor.quorumNumeratorBounds();
        assertEq(a, 1);
        assertEq(b, 20);
    }

    // ---------------------------------------------------------------- item 10: the guardian and its replacement

    function _replaceGuardian(address newGuardian) internal view returns (Proposal memory) {
        return _call(abi.encodeCall(governor.setProposalGuardian, (newGuardian)), "# New guardian\nReplace Jun.");
    }

    /// @dev The attack: the DAO votes to remove its guardian; the guardian cancels that proposal, at any stage, and
    /// stays for ever. Now the cancel reverts in every state and the replacement executes.
    function test_attack_guardianCancelsProposalRemovingIt_reverts() public {
        Proposal memory p = _replaceGuardian(carol);
        uint256 id = _propose(alice, p);
        bytes memory refused =
            abi.encodeWithSelector(GovernorGuardianLimits.GovernorGuardianCannotCancelGuardianChange.selector, id);
        vm.expectRevert(refused); // Pending
        vm.prank(guardian);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));

        skip(VOTING_DELAY + 1);
        vm.prank(whale);
        governor.castVote(id, FOR);
        vm.expectRevert(refused); // Active
        vm.prank(guardian);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));

        vm.warp(governor.proposalDeadline(id) + 1);
        _queue(p);
        vm.expectRevert(refused); // Queued
        vm.prank(guardian);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));

        skip(TIMELOCK_DELAY);
        _execute(p);
        assertEq(governor.proposalGuardian(), carol);
    }

    /// @dev The attack the limit above would open: hide a treasury drain inside a guardian change, so that the guardian
    /// cannot cancel it. A guardian change must stand alone.
    function test_attack_bundleTreasuryDrainWithGuardianChange_reverts() public {
        Proposal memory p;
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.targets[0] = address(governor);
        p.calldatas[0] = abi.encodeCall(governor.setProposalGuardian, (carol));
        p.targets[1] = address(token);
        p.calldatas[1] = abi.encodeCall(token.transfer, (carol, TREASURY));
        p.description = "# New guardian\nAnd a small grant.";
        vm.expectRevert(
            abi.encodeWithSelector(
                GovernorGuardianLimits.GovernorGuardianChangeNotAlone.selector,
                1,
                address(token),
                token.transfer.selector
            )
        );
        vm.prank(alice);
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    /// @dev An ETH transfer (empty calldata) beside a guardian change is refused too.
    function test_propose_guardianChangeWithPlainTransferReverts() public {
        Proposal memory p;
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.targets[0] = carol;
        p.values[0] = 1 ether;
        p.targets[1] = address(governor);
        p.calldatas[1] = abi.encodeCall(governor.setProposalGuardian, (carol));
        p.description = "# New guardian, and some ETH";
        assertTrue(governor.changesProposalGuardian(p.targets, p.calldatas));
        vm.expectRevert(
            abi.encodeWithSelector(GovernorGuardianLimits.GovernorGuardianChangeNotAlone.selector, 0, carol, bytes4(0))
        );
        vm.prank(alice);
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    /// @dev A guardian change may carry the portal's code-hash pin of the Governor.
    function test_propose_guardianChangeWithCodeHashPin() public {
        Proposal memory p;
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.targets[0] = address(governor);
        p.calldatas[0] = abi.encodeCall(governor.requireCodeHash, (address(governor), address(governor).codehash));
        p.targets[1] = address(governor);
        p.calldatas[1] = abi.encodeCall(governor.setProposalGuardian, (address(0)));
        p.description = "# Remove the guardian";
        _passAndQueue(alice, p);
        _execute(p);
        assertEq(governor.proposalGuardian(), address(0));
    }

    /// @dev The guardian keeps its power over every other proposal, and, as any proposer, over its own Pending one.
    function test_cancel_guardianProposerCancelsOwnPendingGuardianChange() public {
        vm.prank(whale);
        token.transfer(guardian, PROPOSAL_THRESHOLD);
        vm.prank(guardian);
        token.delegate(guardian);
        skip(1);
        Proposal memory p = _replaceGuardian(carol);
        uint256 id = _propose(guardian, p);
        vm.prank(guardian);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
    }

    // ---------------------------------------------------------------- quorum kept beside the tallies

    /// @dev OpenZeppelin's quorum fraction: a quorum change applies to proposals whose snapshot is at or after it,
    /// including one created before the change but still Pending. The quorum the packed counting keeps (computed by the
    /// first For vote) follows the same rule: a proposal with an earlier snapshot keeps the old quorum.
    function test_updateQuorumNumerator_proposalsCreatedBeforeFollowOpenZeppelin() public {
        Proposal memory change =
            _call(abi.encodeCall(GovernorVotesQuorumFraction.updateQuorumNumerator, (10)), "# Quorum 10%");
        uint256 changeId = _propose(whale, change);
        skip(VOTING_DELAY + 1);
        vm.prank(whale);
        governor.castVote(changeId, FOR);
        vm.warp(governor.proposalDeadline(changeId) + 1);
        _queue(change);
        skip(TIMELOCK_DELAY);

        // Created before the change: one whose snapshot is already past, one still Pending when the change executes.
        Proposal memory early = _call(abi.encodeCall(GovernorSettings.setVotingPeriod, (4 days)), "# Early");
        uint256 earlyId = _propose(alice, early);
        skip(VOTING_DELAY + 1);
        Proposal memory pending = _call(abi.encodeCall(GovernorSettings.setVotingPeriod, (6 days)), "# Pending");
        uint256 pendingId = _propose(alice, pending);
        _execute(change);
        assertEq(governor.quorumNumerator(), 10);

        uint256 oldQuorum = governor.quorum(governor.proposalSnapshot(earlyId));
        assertEq(oldQuorum, (token.totalSupply() * QUORUM_PERCENT) / 100);
        vm.warp(governor.proposalSnapshot(pendingId) + 1);
        uint256 newQuorum = governor.quorum(governor.proposalSnapshot(pendingId));
        assertEq(newQuorum, token.totalSupply() / 10);

        // bob (2M) + alice (1M) + carol (0.5M): above the old quorum (2.94M), below the new one (7.35M).
        address[3] memory voters = [bob, alice, carol];
        for (uint256 i = 0; i < voters.length; ++i) {
            vm.startPrank(voters[i]);
            governor.castVote(earlyId, FOR);
            governor.castVote(pendingId, FOR);
            vm.stopPrank();
        }
        vm.warp(governor.proposalDeadline(pendingId) + 1);
        assertEq(uint8(governor.state(earlyId)), uint8(IGovernor.ProposalState.Succeeded));
        assertEq(uint8(governor.state(pendingId)), uint8(IGovernor.ProposalState.Defeated));
    }

    /// @dev Tallies that end exactly at the quorum, one wei below it, or within the 2^53-wei band where the kept top
    /// bits cannot decide: the outcome is OpenZeppelin's rule, quorum <= For + Abstain.
    function testFuzz_quorumReached_exactAtTheBoundary(uint256 offset, bool abstain) public {
        uint256 id = _propose(alice, _call(abi.encodeCall(GovernorSettings.setVotingPeriod, (4 days)), "# Edge"));
        skip(VOTING_DELAY + 1);
        uint256 quorum = governor.quorum(governor.proposalSnapshot(id));
        offset = bound(offset, 0, 2 ** 54);
        // Two fresh voters, funded and delegated before the snapshot of a second proposal.
        address a = makeAddr("edge-a");
        address b = makeAddr("edge-b");
        uint256 total = quorum - (2 ** 53) + offset; // from 2^53 below the quorum to 2^53 above it
        Proposal memory p2 = _call(abi.encodeCall(GovernorSettings.setVotingPeriod, (5 days)), "# Edge 2");
        vm.startPrank(whale);
        token.transfer(a, total / 2);
        token.transfer(b, total - total / 2);
        vm.stopPrank();
        vm.prank(a);
        token.delegate(a);
        vm.prank(b);
        token.delegate(b);
        skip(1);
        uint256 id2 = _propose(alice, p2);
        vm.warp(governor.proposalSnapshot(id2) + 1);
        vm.prank(a);
        governor.castVote(id2, FOR);
        vm.prank(b);
        governor.castVote(id2, abstain ? 2 : FOR);
        vm.warp(governor.proposalDeadline(id2) + 1);
        IGovernor.ProposalState expected =
            total >= quorum ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated;
        // Abstain counts toward quorum only; For (a's half) still beats Against (zero).
        assertEq(uint8(governor.state(id2)), uint8(expected));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }
}
