// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ICurationBase} from "../../../contracts/interfaces/ICurationBase.sol";
import {ICurationDisputes} from "../../../contracts/interfaces/ICurationDisputes.sol";
import {ICurationListings} from "../../../contracts/interfaces/ICurationListings.sol";
import {ICurationParameters} from "../../../contracts/interfaces/ICurationParameters.sol";
import {ICurationStaking} from "../../../contracts/interfaces/ICurationStaking.sol";
import {CurationBase} from "./CurationBase.sol";

contract CurationRegistryTest is CurationBase {
    // ================================================================ listing

    function test_applyForListing_pendingThenListed() public {
        uint256 modelId = _registerModel(creator);
        uint256 before = token.balanceOf(creator);
        vm.expectEmit(address(curation));
        emit ICurationListings.ListingApplied(modelId, creator, LISTING_BOND, block.timestamp + CHALLENGE_PERIOD);
        _apply(modelId);
        assertEq(token.balanceOf(creator), before - LISTING_BOND);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Pending));
        assertFalse(_isListed(modelId));
        skip(CHALLENGE_PERIOD - 1);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Pending));
        skip(1);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Listed));
        assertTrue(_isListed(modelId));
        assertEq(curation.listingOf(modelId).bond, LISTING_BOND);
    }

    function test_applyForListing_notOwnerReverts() public {
        uint256 modelId = _registerModel(creator);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationNotModelOwner.selector, modelId, curator1));
        vm.prank(curator1);
        curation.applyForListing(modelId);
    }

    function test_applyForListing_unknownModelReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        curation.applyForListing(42);
    }

    function test_applyForListing_twiceReverts() public {
        uint256 modelId = _registerModel(creator);
        _apply(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationBase.CurationInvalidStatus.selector, modelId, ICurationBase.ListingStatus.Pending
            )
        );
        vm.prank(creator);
        curation.applyForListing(modelId);
    }

    function test_withdrawListing_bondBackAfterUnbonding() public {
        uint256 modelId = _listedModel();
        uint256 before = token.balanceOf(creator);
        vm.prank(creator);
        curation.withdrawListing(modelId);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Withdrawn));

        uint256 releaseAt = block.timestamp + UNBONDING_PERIOD;
        vm.expectRevert(abi.encodeWithSelector(ICurationListings.CurationBondLocked.selector, modelId, releaseAt));
        vm.prank(creator);
        curation.withdrawBond(modelId);

        vm.warp(releaseAt);
        vm.prank(creator);
        curation.withdrawBond(modelId);
        assertEq(token.balanceOf(creator), before + LISTING_BOND);

        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationNothingToWithdraw.selector, modelId, creator));
        vm.prank(creator);
        curation.withdrawBond(modelId);
    }

    function test_applyForListing_reappliesWithHeldBond() public {
        uint256 modelId = _listedModel();
        vm.prank(creator);
        curation.withdrawListing(modelId);
        uint256 before = token.balanceOf(creator);
        _apply(modelId);
        // The bond still held counts: nothing more to pay.
        assertEq(token.balanceOf(creator), before);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Pending));
    }

    function test_withdrawListing_unhappyPaths() public {
        uint256 modelId = _listedModel();
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationNotModelOwner.selector, modelId, curator1));
        vm.prank(curator1);
        curation.withdrawListing(modelId);

        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationBase.CurationInvalidStatus.selector, modelId, ICurationBase.ListingStatus.Listed
            )
        );
        vm.prank(creator);
        curation.withdrawBond(modelId);

        uint256 disputeId = _challenge(modelId);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, disputeId));
        vm.prank(creator);
        curation.withdrawListing(modelId);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, disputeId));
        vm.prank(creator);
        curation.withdrawBond(modelId);
    }

    function test_withdrawListing_suspendedReverts() public {
        uint256 modelId = _listedModel();
        vm.prank(guardian);
        curation.suspend(modelId, "ipfs://incident", keccak256("ipfs://incident"));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationBase.CurationInvalidStatus.selector, modelId, ICurationBase.ListingStatus.Suspended
            )
        );
        vm.prank(creator);
        curation.withdrawListing(modelId);
    }

    // ================================================================ curating

    function test_stake_unstake_withdraw() public {
        uint256 modelId = _listedModel();
        uint256 before = token.balanceOf(curator1);
        vm.expectEmit(address(curation));
        emit ICurationStaking.Staked(modelId, curator1, 1000e18, 1000e18);
        _stake(curator1, modelId, 1000e18);
        _stake(curator2, modelId, 500e18);
        (uint256 active, uint256 unbonding, uint256 held) = curation.stakeOf(modelId);
        assertEq(active, 1500e18);
        assertEq(unbonding, 0);
        assertEq(held, 1500e18);

        vm.prank(curator1);
        curation.requestUnstake(modelId, 400e18);
        ICurationStaking.Position memory p = curation.positionOf(modelId, curator1);
        assertEq(p.active, 600e18);
        assertEq(p.unbonding, 400e18);
        assertEq(p.releaseAt, block.timestamp + UNBONDING_PERIOD);

        vm.expectRevert(
            abi.encodeWithSelector(ICurationStaking.CurationStillUnbonding.selector, modelId, curator1, p.releaseAt)
        );
        vm.prank(curator1);
        curation.withdrawStake(modelId);

        assertEq(p.withdrawable, 0);
        vm.warp(p.releaseAt);
        assertEq(curation.positionOf(modelId, curator1).withdrawable, 400e18);
        vm.prank(curator1);
        curation.withdrawStake(modelId);
        assertEq(token.balanceOf(curator1), before - 600e18);
        assertEq(curation.positionOf(modelId, curator1).withdrawable, 0);
        (active, unbonding,) = curation.stakeOf(modelId);
        assertEq(active, 1100e18);
        assertEq(unbonding, 0);

        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationNothingToWithdraw.selector, modelId, curator1));
        vm.prank(curator1);
        curation.withdrawStake(modelId);
    }

    function test_stake_onPendingModel() public {
        uint256 modelId = _registerModel(creator);
        _apply(modelId);
        _stake(curator1, modelId, 10e18);
        assertEq(curation.positionOf(modelId, curator1).active, 10e18);
    }

    function test_stake_unhappyPaths() public {
        uint256 modelId = _registerModel(creator);
        vm.expectRevert(ICurationStaking.CurationZeroAmount.selector);
        _stake(curator1, modelId, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationBase.CurationInvalidStatus.selector, modelId, ICurationBase.ListingStatus.None
            )
        );
        _stake(curator1, modelId, 10e18);
        _apply(modelId);
        vm.expectRevert(abi.encodeWithSelector(ICurationStaking.CurationStakeBelowMinimum.selector, 1e17, 1e18));
        _stake(curator1, modelId, 1e17);
        uint256 disputeId = _challenge(modelId);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, disputeId));
        _stake(curator1, modelId, 10e18);
    }

    function test_requestUnstake_unhappyPaths() public {
        uint256 modelId = _listedModel();
        _stake(curator1, modelId, 10e18);
        vm.startPrank(curator1);
        vm.expectRevert(ICurationStaking.CurationZeroAmount.selector);
        curation.requestUnstake(modelId, 0);
        vm.expectRevert(
            abi.encodeWithSelector(ICurationStaking.CurationInsufficientStake.selector, modelId, curator1, 11e18, 10e18)
        );
        curation.requestUnstake(modelId, 11e18);
        vm.expectRevert(abi.encodeWithSelector(ICurationStaking.CurationStakeBelowMinimum.selector, 5e17, 1e18));
        curation.requestUnstake(modelId, 95e17);
        vm.stopPrank();
    }

    function test_stake_frozenWhileChallenged() public {
        uint256 modelId = _listedModel();
        _stake(curator1, modelId, 100e18);
        vm.prank(curator1);
        curation.requestUnstake(modelId, 50e18);
        skip(UNBONDING_PERIOD);
        uint256 disputeId = _challenge(modelId);
        vm.startPrank(curator1);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, disputeId));
        curation.requestUnstake(modelId, 10e18);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, disputeId));
        curation.withdrawStake(modelId);
        vm.stopPrank();
    }

    // ================================================================ challenge → Keep

    function test_challenge_keep_sharesDepositAmongCuratorsCreatorTreasury() public {
        uint256 modelId = _listedModel();
        _stake(curator1, modelId, 3000e18);
        _stake(curator2, modelId, 1000e18);
        uint256 treasuryBefore = token.balanceOf(address(timelock));

        uint256 disputeId = _challenge(modelId);
        _vote(bob, disputeId, ICurationDisputes.Support.Keep); // 2M
        _vote(carol, disputeId, ICurationDisputes.Support.Remove); // 0.5M
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationDisputes.CurationVotingNotEnded.selector,
                disputeId,
                block.timestamp - 1 + DISPUTE_VOTING_PERIOD
            )
        );
        curation.resolve(modelId);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);

        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Listed));
        assertEq(uint8(curation.disputeOf(disputeId).state), uint8(ICurationDisputes.DisputeState.Kept));
        // 50% to curators pro rata (375 / 125), 30% to the creator, 20% to the treasury.
        assertEq(curation.positionOf(modelId, curator1).pendingRewards, 375e18);
        assertEq(curation.positionOf(modelId, curator2).pendingRewards, 125e18);
        assertEq(curation.claimable(creator), 300e18);
        assertEq(token.balanceOf(address(timelock)), treasuryBefore + 200e18);

        uint256[] memory ids = new uint256[](1);
        ids[0] = modelId;
        uint256 before = token.balanceOf(curator1);
        vm.prank(curator1);
        assertEq(curation.claim(ids), 375e18);
        assertEq(token.balanceOf(curator1), before + 375e18);
        vm.expectRevert(abi.encodeWithSelector(ICurationStaking.CurationNothingToClaim.selector, curator1));
        vm.prank(curator1);
        curation.claim(ids);

        // Stakes are free again.
        vm.prank(curator2);
        curation.requestUnstake(modelId, 1000e18);
    }

    function test_challenge_keep_withoutStakersSendsCuratorShareToTreasury() public {
        uint256 modelId = _listedModel();
        uint256 treasuryBefore = token.balanceOf(address(timelock));
        _challenge(modelId);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        assertEq(token.balanceOf(address(timelock)), treasuryBefore + 700e18);
        assertEq(curation.claimable(creator), 300e18);
        assertEq(curation.rewardReserve(), 0);
    }

    function test_resolve_withoutQuorumKeeps() public {
        uint256 modelId = _listedModel();
        uint256 disputeId = _challenge(modelId);
        // dave's 50k is below 2% of the supply.
        _vote(dave, disputeId, ICurationDisputes.Support.Remove);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        assertEq(uint8(curation.disputeOf(disputeId).state), uint8(ICurationDisputes.DisputeState.Kept));
    }

    function test_resolve_tieKeeps() public {
        address keep = makeAddr("keepHolder");
        address remove = makeAddr("removeHolder");
        vm.startPrank(whale);
        token.transfer(keep, 2_000_000e18);
        token.transfer(remove, 2_000_000e18);
        vm.stopPrank();
        vm.prank(keep);
        token.delegate(keep);
        vm.prank(remove);
        token.delegate(remove);
        uint256 modelId = _listedModel();
        uint256 disputeId = _challenge(modelId);
        _vote(keep, disputeId, ICurationDisputes.Support.Keep);
        _vote(remove, disputeId, ICurationDisputes.Support.Remove);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        assertEq(uint8(curation.disputeOf(disputeId).state), uint8(ICurationDisputes.DisputeState.Kept));
    }

    function test_challenge_onPendingKeepsItPendingUntilResolved() public {
        uint256 modelId = _registerModel(creator);
        _apply(modelId);
        uint256 disputeId = _challenge(modelId);
        skip(CHALLENGE_PERIOD);
        // The challenge period ran out during the dispute: still not listed.
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Pending));
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        assertEq(uint8(curation.disputeOf(disputeId).state), uint8(ICurationDisputes.DisputeState.Kept));
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Listed));
    }

    function test_challenge_onListedKeepsItListedAndForSale() public {
        uint256 modelId = _listedModel();
        uint256 disputeId = _challenge(modelId);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Listed));
        assertTrue(_isListed(modelId));
        assertEq(uint8(curation.disputeOf(disputeId).previousStatus), uint8(ICurationBase.ListingStatus.Listed));
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        assertEq(uint8(curation.listingOf(modelId).status), uint8(ICurationBase.ListingStatus.Listed));
    }

    function test_challenge_unhappyPaths() public {
        uint256 modelId = _registerModel(creator);
        vm.startPrank(challenger);
        vm.expectRevert(ICurationBase.CurationEmptyEvidence.selector);
        curation.challenge(modelId, 0, ICurationDisputes.Reason.Quality, "", keccak256("x"));
        vm.expectRevert(ICurationBase.CurationEmptyEvidence.selector);
        curation.challenge(modelId, 0, ICurationDisputes.Reason.Quality, "ipfs://x", bytes32(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationBase.CurationInvalidStatus.selector, modelId, ICurationBase.ListingStatus.None
            )
        );
        curation.challenge(modelId, 0, ICurationDisputes.Reason.Quality, "ipfs://x", keccak256("x"));
        vm.stopPrank();

        _apply(modelId);
        uint256 disputeId = _challenge(modelId);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, disputeId));
        vm.prank(challenger);
        curation.challenge(modelId, 0, ICurationDisputes.Reason.Quality, "ipfs://x", keccak256("x"));
    }

    // ================================================================ votes

    function test_vote_unhappyPaths() public {
        uint256 modelId = _listedModel();
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationDisputeNotFound.selector, 1));
        _vote(bob, 1, ICurationDisputes.Support.Keep);

        uint256 disputeId = _challenge(modelId);
        _vote(bob, disputeId, ICurationDisputes.Support.Keep);
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationAlreadyVoted.selector, disputeId, bob));
        _vote(bob, disputeId, ICurationDisputes.Support.Remove);

        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationNoVotingPower.selector, disputeId, creator));
        _vote(creator, disputeId, ICurationDisputes.Support.Remove);

        uint256 end = curation.disputeOf(disputeId).votingEndsAt;
        vm.warp(end + 1);
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationVotingClosed.selector, disputeId, end));
        _vote(alice, disputeId, ICurationDisputes.Support.Remove);

        curation.resolve(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationDisputes.CurationUnexpectedDisputeState.selector,
                disputeId,
                ICurationDisputes.DisputeState.Kept
            )
        );
        _vote(alice, disputeId, ICurationDisputes.Support.Remove);
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationNoOpenDispute.selector, modelId));
        curation.resolve(modelId);
    }

    /// @dev Tokens acquired after the dispute's snapshot weigh nothing in it.
    function testFuzz_vote_powerAcquiredAfterSnapshotHasNoWeight(uint256 amount, uint256 after_, uint256 delay) public {
        amount = bound(amount, 1e18, token.balanceOf(whale));
        after_ = bound(after_, 1, DISPUTE_VOTING_PERIOD - 1);
        uint256 modelId = _listedModel();
        address attacker = makeAddr("attacker");
        vm.prank(challenger);
        uint256 disputeId = curation.challenge(modelId, 0, ICurationDisputes.Reason.Quality, "ipfs://x", keccak256("x"));
        uint256 snapshot = curation.disputeOf(disputeId).snapshot;
        vm.warp(snapshot + after_);
        _flashAcquire(attacker, amount);
        delay = bound(delay, 0, curation.disputeOf(disputeId).votingEndsAt - block.timestamp);
        skip(delay);
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationNoVotingPower.selector, disputeId, attacker));
        _vote(attacker, disputeId, ICurationDisputes.Support.Remove);
    }

    function _flashAcquire(address attacker, uint256 amount) internal {
        vm.prank(whale);
        token.transfer(attacker, amount);
        vm.prank(attacker);
        token.delegate(attacker);
    }

    function test_voteBySig_gaslessRelay() public {
        uint256 modelId = _listedModel();
        uint256 disputeId = _challenge(modelId);
        string memory reason = "The weights do not match the card's evaluation.";
        bytes32 digest =
            _disputeBallotDigest(disputeId, 1, bob, curation.nonces(bob), block.timestamp + 1 hours, reason);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(bobKey, digest);

        vm.expectEmit(address(curation));
        emit ICurationDisputes.DisputeVoteCast(disputeId, bob, ICurationDisputes.Support.Remove, 2_000_000e18, reason);
        vm.prank(carol); // the relayer pays the gas
        curation.voteOnDisputeBySig(
            disputeId,
            ICurationDisputes.Support.Remove,
            bob,
            block.timestamp + 1 hours,
            reason,
            abi.encodePacked(r, s, v)
        );
        assertTrue(curation.hasVoted(disputeId, bob));
        assertFalse(curation.hasVoted(disputeId, carol));
        assertEq(curation.disputeOf(disputeId).removeVotes, 2_000_000e18);
        assertEq(curation.nonces(bob), 1);

        // Replay: the nonce moved on, so the same signature no longer verifies.
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationInvalidSignature.selector, bob));
        curation.voteOnDisputeBySig(
            disputeId,
            ICurationDisputes.Support.Remove,
            bob,
            block.timestamp + 1 hours,
            reason,
            abi.encodePacked(r, s, v)
        );
    }

    /// @dev A ballot signed for another chain (same contract address) does not verify here.
    function test_voteBySig_otherChainRejected() public {
        uint256 modelId = _listedModel();
        uint256 disputeId = _challenge(modelId);
        uint256 home = block.chainid;
        vm.chainId(home + 1);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(bobKey, _disputeBallotDigest(disputeId, 1, bob, 0, block.timestamp, ""));
        vm.chainId(home);
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationInvalidSignature.selector, bob));
        curation.voteOnDisputeBySig(
            disputeId, ICurationDisputes.Support.Remove, bob, block.timestamp, "", abi.encodePacked(r, s, v)
        );
    }

    function test_voteBySig_tamperedSupportOrReasonRejected() public {
        uint256 modelId = _listedModel();
        uint256 disputeId = _challenge(modelId);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(bobKey, _disputeBallotDigest(disputeId, 1, bob, 0, block.timestamp, "remove"));
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationInvalidSignature.selector, bob));
        curation.voteOnDisputeBySig(
            disputeId, ICurationDisputes.Support.Keep, bob, block.timestamp, "remove", abi.encodePacked(r, s, v)
        );
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationInvalidSignature.selector, bob));
        curation.voteOnDisputeBySig(
            disputeId, ICurationDisputes.Support.Remove, bob, block.timestamp, "keep", abi.encodePacked(r, s, v)
        );
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationInvalidSignature.selector, alice));
        curation.voteOnDisputeBySig(
            disputeId, ICurationDisputes.Support.Remove, alice, block.timestamp, "remove", abi.encodePacked(r, s, v)
        );
    }

    // ================================================================ Remove → Delisted

    /// @dev Review finding: a released unbonding stake on a model under dispute showed as withdrawable in full, while
    /// withdrawStake reverted (frozen) and, after a removal, paid 20% less (the slash reaches unbonding stake).
    function test_positionOf_withdrawableIsNothingWhileFrozen() public {
        uint256 modelId = _listedModel();
        _stake(curator1, modelId, 1000e18);
        _stake(curator2, modelId, 1000e18);
        vm.prank(curator1);
        curation.requestUnstake(modelId, 1000e18);
        uint256 releaseAt = curation.positionOf(modelId, curator1).releaseAt;
        _removed(modelId);
        if (block.timestamp < releaseAt) vm.warp(releaseAt);
        assertEq(curation.positionOf(modelId, curator1).withdrawable, 0);
        vm.expectRevert();
        vm.prank(curator1);
        curation.withdrawStake(modelId);

        vm.warp(curation.disputeOf(curation.listingOf(modelId).openDispute).appealEndsAt + 1);
        curation.finalize(modelId);
        uint256 shown = curation.positionOf(modelId, curator1).withdrawable;
        assertEq(shown, 800e18);
        uint256 before = token.balanceOf(curator1);
        vm.prank(curator1);
        curation.withdrawStake(modelId);
        assertEq(token.balanceOf(curator1) - before, shown);
    }

    function test_remove_noAppeal_delistsWithExactSlash() public {
        uint256 modelId = _listedModel();
        _stake(curator1, modelId, 1000e18);
        _stake(curator2, modelId, 1000e18);
        vm.prank(curator2);
        curation.requestUnstake(modelId, 400e18); // unbonding stake is slashed too
        uint256 treasuryBefore = token.balanceOf(address(timelock));

        uint256 disputeId = _removed(modelId);
        uint256 appealEndsAt = curation.disputeOf(disputeId).appealEndsAt;
        assertEq(appealEndsAt, block.timestamp + APPEAL_WINDOW);
        assertFalse(_isListed(modelId));
        vm.expectRevert(
            abi.encodeWithSelector(ICurationDisputes.CurationAppealWindowOpen.selector, modelId, appealEndsAt)
        );
        curation.finalize(modelId);

        vm.warp(appealEndsAt + 1);
        vm.expectRevert(
            abi.encodeWithSelector(ICurationDisputes.CurationAppealWindowClosed.selector, modelId, appealEndsAt)
        );
        vm.prank(creator);
        curation.appeal(modelId, "too late");

        // Bond 5,000 + 20% of 2,000 staked = 5,400 slashed; half to the challenger, half to the treasury.
        vm.expectEmit(address(curation));
        emit ICurationDisputes.ModelDelisted(modelId, disputeId, 5000e18, 400e18, 2700e18, 2700e18);
        curation.finalize(modelId);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Delisted));
        assertEq(curation.claimable(challenger), 1000e18 + 2700e18);
        assertEq(token.balanceOf(address(timelock)), treasuryBefore + 2700e18);
        assertEq(curation.listingOf(modelId).bond, 0);

        uint256 c1 = token.balanceOf(curator1);
        uint256 c2 = token.balanceOf(curator2);
        // What is left to each curator, before they withdraw it (active and unbonding stake alike).
        assertEq(curation.positionOf(modelId, curator1).withdrawable, 800e18);
        assertEq(curation.positionOf(modelId, curator2).withdrawable, 800e18);
        assertEq(curation.positionOf(modelId, creator).withdrawable, 0);
        vm.prank(curator1);
        curation.withdrawStake(modelId);
        vm.prank(curator2);
        curation.withdrawStake(modelId);
        assertEq(token.balanceOf(curator1), c1 + 800e18);
        assertEq(token.balanceOf(curator2), c2 + 800e18);
        (,, uint256 held) = curation.stakeOf(modelId);
        assertEq(held, 0);

        uint256 ch = token.balanceOf(challenger);
        vm.prank(challenger);
        curation.claim(new uint256[](0));
        assertEq(token.balanceOf(challenger), ch + 3700e18);

        // Delisted is final.
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationBase.CurationInvalidStatus.selector, modelId, ICurationBase.ListingStatus.Delisted
            )
        );
        vm.prank(creator);
        curation.applyForListing(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationBase.CurationInvalidStatus.selector, modelId, ICurationBase.ListingStatus.Delisted
            )
        );
        _stake(curator1, modelId, 10e18);
    }

    // ================================================================ appeals

    function _appeal(uint256 modelId) internal returns (uint256 proposalId) {
        vm.prank(creator);
        proposalId = curation.appeal(modelId, "The challenger's benchmark used the wrong tokenizer.");
    }

    function _appealProposal(uint256 modelId, uint256 disputeId) internal view returns (Proposal memory p) {
        p = _singleCall(
            address(curation),
            abi.encodeCall(ICurationDisputes.restoreModel, (modelId)),
            string.concat(
                "# Appeal: restore model #",
                vm.toString(modelId),
                "\n\nThe challenger's benchmark used the wrong tokenizer.\n\n---\nAppeal of dispute #",
                vm.toString(disputeId),
                ". Executing this proposal lists the model again.\n\n#proposer=",
                Strings.toHexString(address(curation))
            )
        );
    }

    function test_appeal_executedRestoresListing() public {
        uint256 modelId = _listedModel();
        _stake(curator1, modelId, 1000e18);
        uint256 disputeId = _removed(modelId);
        uint256 creatorBefore = token.balanceOf(creator);

        uint256 proposalId = _appeal(modelId);
        assertEq(token.balanceOf(creator), creatorBefore - APPEAL_BOND);
        assertEq(governor.proposalProposer(proposalId), address(curation));
        assertEq(uint8(curation.disputeOf(disputeId).state), uint8(ICurationDisputes.DisputeState.Appealed));
        assertEq(curation.disputeOf(disputeId).proposalId, proposalId);

        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationAppealUndecided.selector, modelId, proposalId));
        curation.finalize(modelId);

        Proposal memory p = _appealProposal(modelId, disputeId);
        assertEq(governor.hashProposal(p.targets, p.values, p.calldatas, _descriptionHash(p)), proposalId);
        skip(VOTING_DELAY + 1);
        vm.prank(whale);
        governor.castVoteWithReason(proposalId, 1, "The removal was a mistake.");
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        _queue(p);
        skip(TIMELOCK_DELAY);
        vm.expectEmit(address(curation));
        emit ICurationDisputes.ModelRestored(modelId, disputeId);
        _execute(p);

        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Listed));
        assertEq(uint8(curation.disputeOf(disputeId).state), uint8(ICurationDisputes.DisputeState.Restored));
        // Appeal bond back plus the creator's share of the deposit, as on Keep.
        assertEq(curation.claimable(creator), APPEAL_BOND + 300e18);
        assertEq(curation.positionOf(modelId, curator1).pendingRewards, 500e18);
        assertEq(curation.listingOf(modelId).bond, LISTING_BOND);
    }

    function test_appeal_defeatedDelists() public {
        uint256 modelId = _listedModel();
        _stake(curator1, modelId, 1000e18);
        _removed(modelId);
        uint256 treasuryBefore = token.balanceOf(address(timelock));
        uint256 proposalId = _appeal(modelId);
        skip(VOTING_DELAY + 1);
        vm.prank(whale);
        governor.castVote(proposalId, 0);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));

        curation.finalize(modelId);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Delisted));
        // Slash: bond 5,000 + 200 of stake; half to the challenger; the rest and the appeal bond to the treasury.
        assertEq(curation.claimable(challenger), 1000e18 + 2600e18);
        assertEq(token.balanceOf(address(timelock)), treasuryBefore + 2600e18 + APPEAL_BOND);
    }

    function test_appeal_canceledByGuardianDelists() public {
        uint256 modelId = _listedModel();
        uint256 disputeId = _removed(modelId);
        _appeal(modelId);
        Proposal memory p = _appealProposal(modelId, disputeId);
        vm.prank(guardian);
        governor.cancel(p.targets, p.values, p.calldatas, _descriptionHash(p));
        curation.finalize(modelId);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Delisted));
    }

    function test_appeal_unhappyPaths() public {
        uint256 modelId = _listedModel();
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationNoOpenDispute.selector, modelId));
        _appeal(modelId);
        uint256 disputeId = _challenge(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationDisputes.CurationUnexpectedDisputeState.selector,
                disputeId,
                ICurationDisputes.DisputeState.Voting
            )
        );
        _appeal(modelId);
        _vote(whale, disputeId, ICurationDisputes.Support.Remove);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationNotModelOwner.selector, modelId, curator1));
        vm.prank(curator1);
        curation.appeal(modelId, "not mine");
        _appeal(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationDisputes.CurationUnexpectedDisputeState.selector,
                disputeId,
                ICurationDisputes.DisputeState.Appealed
            )
        );
        _appeal(modelId);
    }

    function test_restoreModel_onlyTimelock() public {
        uint256 modelId = _listedModel();
        _removed(modelId);
        _appeal(modelId);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationOnlyTimelock.selector, creator));
        vm.prank(creator);
        curation.restoreModel(modelId);
    }

    function test_restoreModel_withoutAppealReverts() public {
        uint256 modelId = _listedModel();
        uint256 disputeId = _removed(modelId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationDisputes.CurationUnexpectedDisputeState.selector,
                disputeId,
                ICurationDisputes.DisputeState.Removed
            )
        );
        vm.prank(address(timelock));
        curation.restoreModel(modelId);
    }

    // ================================================================ guardian suspension

    function test_suspend_lapsesOnItsOwn() public {
        uint256 modelId = _listedModel();
        vm.expectEmit(address(curation));
        emit ICurationListings.ModelSuspended(
            modelId, guardian, block.timestamp + SUSPENSION_WINDOW, "ipfs://incident", keccak256("ipfs://incident")
        );
        vm.prank(guardian);
        curation.suspend(modelId, "ipfs://incident", keccak256("ipfs://incident"));
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Suspended));
        assertFalse(_isListed(modelId));

        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationListings.CurationAlreadySuspended.selector, modelId, block.timestamp + SUSPENSION_WINDOW
            )
        );
        vm.prank(guardian);
        curation.suspend(modelId, "ipfs://again", keccak256("ipfs://again"));

        skip(SUSPENSION_WINDOW - 1);
        assertFalse(_isListed(modelId));
        skip(1);
        assertTrue(_isListed(modelId));
    }

    function test_suspend_thenDisputeRemoves() public {
        uint256 modelId = _listedModel();
        vm.prank(guardian);
        curation.suspend(modelId, "ipfs://incident", keccak256("ipfs://incident"));
        _removed(modelId);
        skip(SUSPENSION_WINDOW);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Removed));
    }

    function test_suspend_unhappyPaths() public {
        uint256 modelId = _registerModel(creator);
        vm.expectRevert(abi.encodeWithSelector(ICurationListings.CurationOnlyGuardian.selector, alice));
        vm.prank(alice);
        curation.suspend(modelId, "ipfs://x", keccak256("ipfs://x"));
        vm.startPrank(guardian);
        vm.expectRevert(ICurationBase.CurationEmptyEvidence.selector);
        curation.suspend(modelId, "", keccak256("x"));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationBase.CurationInvalidStatus.selector, modelId, ICurationBase.ListingStatus.None
            )
        );
        curation.suspend(modelId, "ipfs://x", keccak256("ipfs://x"));
        vm.expectRevert(abi.encodeWithSelector(ICurationListings.CurationNotSuspended.selector, modelId));
        curation.liftSuspension(modelId);
        vm.stopPrank();
    }

    function test_liftSuspension_byGuardianOrTimelock() public {
        uint256 modelId = _listedModel();
        vm.prank(guardian);
        curation.suspend(modelId, "ipfs://incident", keccak256("ipfs://incident"));
        vm.expectRevert(abi.encodeWithSelector(ICurationListings.CurationOnlyGuardian.selector, alice));
        vm.prank(alice);
        curation.liftSuspension(modelId);
        vm.prank(address(timelock));
        curation.liftSuspension(modelId);
        assertTrue(_isListed(modelId));
    }

    // ================================================================ parameters

    function test_setParameter_throughGovernance() public {
        _passAndExecute(
            _singleCall(
                address(curation),
                abi.encodeCall(
                    ICurationParameters.setParameter, (ICurationParameters.Parameter.ChallengeDeposit, 2000e18)
                ),
                "Raise the challenge deposit to 2,000 CUR"
            )
        );
        assertEq(curation.parameter(ICurationParameters.Parameter.ChallengeDeposit), 2000e18);
    }

    function test_setParameter_onlyTimelock() public {
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationOnlyTimelock.selector, alice));
        vm.prank(alice);
        curation.setParameter(ICurationParameters.Parameter.CuratorSlashBps, 100);
    }

    function test_setParameter_bounds() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationParameters.CurationParameterOutOfBounds.selector,
                ICurationParameters.Parameter.CuratorSlashBps,
                10_001,
                0,
                10_000
            )
        );
        curation.setParameter(ICurationParameters.Parameter.CuratorSlashBps, 10_001);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICurationParameters.CurationParameterOutOfBounds.selector,
                ICurationParameters.Parameter.DisputeVotingPeriod,
                0,
                1 hours,
                30 days
            )
        );
        curation.setParameter(ICurationParameters.Parameter.DisputeVotingPeriod, 0);
        vm.expectRevert(abi.encodeWithSelector(ICurationParameters.CurationKeepSharesExceedTotal.selector, 8000, 3000));
        curation.setParameter(ICurationParameters.Parameter.KeepCuratorShareBps, 8000);
        curation.setParameter(ICurationParameters.Parameter.CuratorSlashBps, 10_000);
        vm.stopPrank();
        assertEq(curation.parameter(ICurationParameters.Parameter.CuratorSlashBps), 10_000);
    }

    function testFuzz_setParameter_withinBoundsRoundTrips(uint8 index, uint256 value) public {
        ICurationParameters.Parameter p = ICurationParameters.Parameter(bound(index, 0, 12));
        // The Keep shares pair must stay within 100% together.
        if (
            p == ICurationParameters.Parameter.KeepCuratorShareBps
                || p == ICurationParameters.Parameter.KeepCreatorShareBps
        ) {
            p = ICurationParameters.Parameter.DisputeVotingDelay;
        }
        (uint256 min, uint256 max) = curation.parameterBounds(p);
        value = bound(value, min, max);
        uint256 old = curation.parameter(p);
        vm.expectEmit(address(curation));
        emit ICurationParameters.ParameterSet(p, old, value);
        vm.prank(address(timelock));
        curation.setParameter(p, value);
        assertEq(curation.parameter(p), value);
    }

    function test_setGuardian_onlyTimelockEmitsOldAndNew() public {
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationOnlyTimelock.selector, guardian));
        vm.prank(guardian);
        curation.setGuardian(alice);
        vm.expectEmit(address(curation));
        emit ICurationParameters.GuardianSet(guardian, address(0));
        vm.prank(address(timelock));
        curation.setGuardian(address(0));
        assertEq(curation.guardian(), address(0));
        vm.expectRevert(abi.encodeWithSelector(ICurationListings.CurationOnlyGuardian.selector, guardian));
        vm.prank(guardian);
        curation.suspend(1, "ipfs://x", keccak256("ipfs://x"));
    }

    // ================================================================ the registry never votes

    function test_stakedTokensDoNotVote() public {
        uint256 modelId = _listedModel();
        _stake(curator1, modelId, 5000e18);
        assertEq(token.delegates(address(curation)), address(0));
        assertEq(token.getVotes(address(curation)), 0);
    }
}
