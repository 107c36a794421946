// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {
    GovernorVotesQuorumFraction
} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {GovernorTrustedProposer} from "../../../contracts/governance/extensions/GovernorTrustedProposer.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {CuriaGovernor} from "../../../contracts/governance/CuriaGovernor.sol";
import {ICuriaGovernor} from "../../../contracts/interfaces/ICuriaGovernor.sol";
import {CuriaTest} from "../utils/CuriaTest.sol";

/// @dev ERC20Votes on OpenZeppelin's default clock: block numbers.
contract BlockClockVotes is ERC20, ERC20Votes {
    constructor() ERC20("Block clock", "BLK") EIP712("Block clock", "1") {
        _mint(msg.sender, 100_000_000e18);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

contract CuriaGovernorTest is CuriaTest {
    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    function _setVotingPeriod(uint32 newPeriod) internal view returns (Proposal memory) {
        return _singleCall(
            address(governor),
            abi.encodeCall(GovernorSettings.setVotingPeriod, (newPeriod)),
            "# Shorter votes\nSet the voting period to 3 days."
        );
    }

    function _bit(IGovernor.ProposalState s) internal pure returns (bytes32) {
        return bytes32(2 ** uint256(s));
    }

    // ---------------------------------------------------------------- lifecycle

    function test_lifecycle_changesParameterThroughTimelock() public {
        Proposal memory p = _setVotingPeriod(3 days);
        uint256 id = _propose(alice, p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));
        assertEq(governor.proposalSnapshot(id), block.timestamp + VOTING_DELAY);

        skip(VOTING_DELAY + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active));

        vm.prank(alice);
        governor.castVoteWithReason(id, FOR, "Faster decisions, same safety: the timelock still applies.");

        // Bob votes by signature; a relayer (carol) pays the gas.
        uint256 nonce = governor.nonces(bob);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(bobKey, _ballotDigest(id, FOR, bob, nonce));
        vm.prank(carol);
        governor.castVoteBySig(id, FOR, bob, abi.encodePacked(r, s, v));
        assertTrue(governor.hasVoted(id, bob));
        assertEq(governor.nonces(bob), nonce + 1);

        vm.prank(dave);
        governor.castVote(id, AGAINST);

        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(forVotes, 3_000_000e18);
        assertEq(against, 50_000e18);
        assertEq(abstain, 0);

        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        _queue(p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));

        // Not before the timelock delay.
        vm.expectRevert();
        _execute(p);

        skip(TIMELOCK_DELAY);
        _execute(p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        assertEq(governor.votingPeriod(), 3 days);
    }

    function test_lifecycle_treasuryTransfer() public {
        Proposal memory p =
            _singleCall(address(token), abi.encodeCall(IERC20.transfer, (carol, 10_000e18)), "Grant carol 10,000 CUR");
        uint256 before = token.balanceOf(carol);
        _passAndExecute(p);
        assertEq(token.balanceOf(carol), before + 10_000e18);
        assertEq(token.balanceOf(address(timelock)), TREASURY - 10_000e18);
    }

    function test_castVoteBySig_rejectsReplayAndWrongSigner() public {
        uint256 id = _propose(alice, _setVotingPeriod(3 days));
        skip(VOTING_DELAY + 1);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(bobKey, _ballotDigest(id, FOR, bob, 0));
        governor.castVoteBySig(id, FOR, bob, abi.encodePacked(r, s, v));

        // Replaying the same signature: the nonce moved on, so it no longer verifies.
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(id, FOR, bob, abi.encodePacked(r, s, v));

        // Alice's key cannot vote for carol.
        (v, r, s) = vm.sign(aliceKey, _ballotDigest(id, FOR, carol, 0));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, carol));
        governor.castVoteBySig(id, FOR, carol, abi.encodePacked(r, s, v));
    }

    function test_castVote_twiceReverts() public {
        uint256 id = _propose(alice, _setVotingPeriod(3 days));
        skip(VOTING_DELAY + 1);
        vm.startPrank(alice);
        governor.castVote(id, FOR);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        governor.castVote(id, AGAINST);
        vm.stopPrank();
    }

    function test_propose_belowThresholdReverts() public {
        Proposal memory p = _setVotingPeriod(3 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, dave, 50_000e18, PROPOSAL_THRESHOLD
            )
        );
        _propose(dave, p);
    }

    function test_propose_restrictedToNamedProposer() public {
        Proposal memory p = _setVotingPeriod(3 days);
        p.description = string.concat(p.description, "#proposer=", Strings.toHexString(alice));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, bob));
        _propose(bob, p);
        // The named proposer can.
        _propose(alice, p);
    }

    function test_quorum_isFourPercentOfSupply() public view {
        assertEq(governor.quorum(block.timestamp - 1), token.totalSupply() * QUORUM_PERCENT / 100);
    }

    function test_defeated_withoutQuorum() public {
        uint256 id = _propose(alice, _setVotingPeriod(3 days));
        skip(VOTING_DELAY + 1);
        vm.prank(dave);
        governor.castVote(id, FOR);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }

    // ---------------------------------------------------------------- flash-acquired power

    /// @dev Tokens bought (or flash-borrowed) after the snapshot, delegated and used in the same block weigh nothing.
    function testFuzz_castVote_powerAcquiredAfterSnapshotCountsZero(uint256 amount, uint256 delay) public {
        amount = bound(amount, 1, token.balanceOf(whale));
        uint256 id = _propose(alice, _setVotingPeriod(3 days));
        delay = bound(delay, VOTING_DELAY + 1, VOTING_DELAY + VOTING_PERIOD);
        skip(delay);

        address attacker = makeAddr("attacker");
        vm.prank(whale);
        token.transfer(attacker, amount);
        vm.startPrank(attacker);
        token.delegate(attacker);
        uint256 weight = governor.castVote(id, FOR);
        vm.stopPrank();

        assertEq(weight, 0);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 0);
        // Returning the tokens in the same block changes nothing either.
        vm.prank(attacker);
        token.transfer(whale, amount);
        assertEq(governor.getVotes(attacker, governor.proposalSnapshot(id)), 0);
    }

    // ---------------------------------------------------------------- late quorum

    /// @dev Whenever quorum is first reached, voting stays open at least the extension after that moment.
    function testFuzz_lateQuorum_extendsDeadline(uint256 offset) public {
        uint256 id = _propose(alice, _setVotingPeriod(3 days));
        uint256 start = block.timestamp + VOTING_DELAY + 1;
        uint256 originalDeadline = governor.proposalDeadline(id);
        offset = bound(offset, 0, originalDeadline - start);
        vm.warp(start + offset);

        vm.prank(whale);
        governor.castVote(id, FOR);

        uint256 deadline = governor.proposalDeadline(id);
        assertGe(deadline, block.timestamp + LATE_QUORUM_EXTENSION);
        assertGe(deadline, originalDeadline);
        if (block.timestamp + LATE_QUORUM_EXTENSION > originalDeadline) {
            assertEq(deadline, block.timestamp + LATE_QUORUM_EXTENSION);
        }
    }

    function test_lateQuorum_opposersCanStillVote() public {
        uint256 id = _propose(alice, _setVotingPeriod(3 days));
        vm.warp(governor.proposalDeadline(id));
        vm.prank(whale);
        governor.castVote(id, FOR);
        uint256 deadline = governor.proposalDeadline(id);
        vm.warp(deadline);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active));
        vm.prank(bob);
        governor.castVote(id, AGAINST);
        vm.warp(deadline + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
    }

    // ---------------------------------------------------------------- guardian

    function _reach(Proposal memory p, IGovernor.ProposalState target) internal returns (uint256 id) {
        id = _propose(alice, p);
        if (target == IGovernor.ProposalState.Pending) return id;
        skip(VOTING_DELAY + 1);
        if (target == IGovernor.ProposalState.Active) return id;
        if (target != IGovernor.ProposalState.Defeated) {
            vm.prank(whale);
            governor.castVote(id, FOR);
        }
        vm.warp(governor.proposalDeadline(id) + 1);
        if (target == IGovernor.ProposalState.Defeated || target == IGovernor.ProposalState.Succeeded) return id;
        _queue(p);
    }

    function test_cancel_guardianInEveryCancellableState() public {
        IGovernor.ProposalState[5] memory states = [
            IGovernor.ProposalState.Pending,
            IGovernor.ProposalState.Active,
            IGovernor.ProposalState.Defeated,
            IGovernor.ProposalState.Succeeded,
            IGovernor.ProposalState.Queued
        ];
        for (uint256 i = 0; i < states.length; ++i) {
            Proposal memory p = _setVotingPeriod(uint32(3 days + i));
            uint256 id = _reach(p, states[i]);
            assertEq(uint8(governor.state(id)), uint8(states[i]));
            vm.prank(guardian);
            governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));
            assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
        }
    }

    function test_cancel_queuedOperationLeavesTimelock() public {
        Proposal memory p = _setVotingPeriod(3 days);
        uint256 id = _reach(p, IGovernor.ProposalState.Queued);
        vm.prank(guardian);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));
        skip(TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Canceled,
                _bit(IGovernor.ProposalState.Succeeded) | _bit(IGovernor.ProposalState.Queued)
            )
        );
        _execute(p);
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
    }

    function test_cancel_strangerReverts() public {
        Proposal memory p = _setVotingPeriod(3 days);
        uint256 id = _reach(p, IGovernor.ProposalState.Active);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, carol));
        vm.prank(carol);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    function test_cancel_executedReverts() public {
        Proposal memory p = _setVotingPeriod(3 days);
        uint256 id = _passAndExecute(p);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Executed,
                bytes32(
                    _bit(IGovernor.ProposalState.Pending) | _bit(IGovernor.ProposalState.Active)
                        | _bit(IGovernor.ProposalState.Defeated) | _bit(IGovernor.ProposalState.Succeeded)
                        | _bit(IGovernor.ProposalState.Queued)
                )
            )
        );
        vm.prank(guardian);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    function test_setProposalGuardian_daoReplacesAndRemoves() public {
        address newGuardian = makeAddr("newGuardian");
        _passAndExecute(
            _singleCall(
                address(governor), abi.encodeCall(governor.setProposalGuardian, (newGuardian)), "Replace the guardian"
            )
        );
        assertEq(governor.proposalGuardian(), newGuardian);

        _passAndExecute(
            _singleCall(
                address(governor), abi.encodeCall(governor.setProposalGuardian, (address(0))), "Remove the guardian"
            )
        );
        assertEq(governor.proposalGuardian(), address(0));
    }

    function test_setProposalGuardian_onlyGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, guardian));
        vm.prank(guardian);
        governor.setProposalGuardian(guardian);
    }

    // ---------------------------------------------------------------- trusted proposer

    function test_trustedProposer_proposesWithoutThreshold() public {
        address registryLike = makeAddr("curation");
        _passAndExecute(
            _singleCall(
                address(governor),
                abi.encodeCall(GovernorTrustedProposer.setTrustedProposer, (registryLike)),
                "Trust the curation registry"
            )
        );
        assertEq(governor.trustedProposer(), registryLike);
        assertEq(token.getVotes(registryLike), 0);
        Proposal memory p = _setVotingPeriod(4 days);
        uint256 id = _propose(registryLike, p);
        assertEq(governor.proposalProposer(id), registryLike);
    }

    function test_trustedProposer_descriptionRestrictionStillHolds() public {
        address registryLike = makeAddr("curation");
        _passAndExecute(
            _singleCall(
                address(governor),
                abi.encodeCall(GovernorTrustedProposer.setTrustedProposer, (registryLike)),
                "Trust the curation registry"
            )
        );
        Proposal memory p = _setVotingPeriod(4 days);
        p.description = string.concat(p.description, "#proposer=", Strings.toHexString(alice));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, registryLike));
        _propose(registryLike, p);
    }

    function test_setTrustedProposer_onlyGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        vm.prank(alice);
        governor.setTrustedProposer(alice);
    }

    // ---------------------------------------------------------------- deployment

    function test_deployment_deployerHoldsNoPower() public view {
        address deployer = address(deployScript);
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), deployer));
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), deployer));
        assertFalse(timelock.hasRole(timelock.CANCELLER_ROLE(), deployer));
        assertFalse(timelock.hasRole(timelock.EXECUTOR_ROLE(), deployer));
        assertEq(token.balanceOf(deployer), 0);
        assertEq(governor.proposalGuardian(), guardian);
        assertEq(governor.trustedProposer(), address(curation));
    }

    function test_deployment_timelockRoles() public view {
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)));
        // Anyone may execute.
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)));
        // Only the timelock administers itself.
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(governor)));
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY);
        assertEq(governor.timelock(), address(timelock));
    }

    function test_deployment_settings() public view {
        assertEq(governor.name(), "Curia Governor");
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD);
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT);
        assertEq(governor.lateQuorumVoteExtension(), LATE_QUORUM_EXTENSION);
        assertEq(address(governor.token()), address(token));
        assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain");
    }

    function test_constructor_tokenOnBlockClockReverts() public {
        CuriaGovernor.Settings memory settings = governorSettings();
        BlockClockVotes blockToken = new BlockClockVotes();
        vm.expectRevert(
            abi.encodeWithSelector(
                ICuriaGovernor.CuriaGovernorTokenClockNotTimestamp.selector, "mode=blocknumber&from=default"
            )
        );
        new CuriaGovernor(blockToken, timelock, settings);
    }

    function test_updateQuorumNumerator_zeroReverts() public {
        Proposal memory p = _singleCall(
            address(governor),
            abi.encodeCall(GovernorVotesQuorumFraction.updateQuorumNumerator, (0)),
            "# No quorum\nLet any vote pass."
        );
        uint256 id = _propose(alice, p);
        skip(VOTING_DELAY + 1);
        vm.prank(whale);
        governor.castVote(id, FOR);
        vm.warp(governor.proposalDeadline(id) + 1);
        _queue(p);
        skip(TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorQuorumNumeratorOutOfBounds.selector, 0, 1, 20)
        );
        _execute(p);
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT);
    }

    function test_constructor_zeroQuorumReverts() public {
        CuriaGovernor.Settings memory settings = governorSettings();
        settings.quorumNumerator = 0;
        vm.expectRevert(
            abi.encodeWithSelector(ICuriaGovernor.CuriaGovernorQuorumNumeratorOutOfBounds.selector, 0, 1, 20)
        );
        new CuriaGovernor(token, timelock, settings);
    }

    function test_clock_sharedWithToken() public view {
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
        assertEq(governor.CLOCK_MODE(), token.CLOCK_MODE());
        assertEq(governor.clock(), token.clock());
        assertEq(governor.clock(), block.timestamp);
    }

    function test_treasury_neverDelegates() public view {
        assertEq(token.delegates(address(timelock)), address(0));
        assertEq(token.getVotes(address(timelock)), 0);
        assertEq(token.balanceOf(address(timelock)), TREASURY);
    }

    function test_relay_onlyGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        vm.prank(alice);
        Governor(payable(address(governor))).relay(alice, 0, "");
    }
}
