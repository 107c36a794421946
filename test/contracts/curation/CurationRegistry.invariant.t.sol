// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";

import {CurationRegistry} from "../../../contracts/curation/CurationRegistry.sol";
import {CuriaGovernor} from "../../../contracts/governance/CuriaGovernor.sol";
import {ICurationBase} from "../../../contracts/interfaces/ICurationBase.sol";
import {ICurationDisputes} from "../../../contracts/interfaces/ICurationDisputes.sol";
import {ICurationListings} from "../../../contracts/interfaces/ICurationListings.sol";
import {ICurationParameters} from "../../../contracts/interfaces/ICurationParameters.sol";
import {ICurationStaking} from "../../../contracts/interfaces/ICurationStaking.sol";
import {IModelRegistry} from "../../../contracts/interfaces/IModelRegistry.sol";
import {ModelRegistry} from "../../../contracts/registry/ModelRegistry.sol";
import {CuriaToken} from "../../../contracts/token/CuriaToken.sol";
import {CurationBase} from "./CurationBase.sol";

/// @notice Drives every curation action in random order. Each action first checks that it is valid, so that
/// `fail_on_revert` turns any unexpected revert into a failure.
contract CurationHandler is Test {
    CurationRegistry public immutable curation;
    CuriaToken public immutable token;
    ModelRegistry public immutable registry;
    CuriaGovernor public immutable governor;
    address public immutable timelock;
    address public immutable guardian;

    address[] public creators;
    address[] public curators;
    address[] public challengers;
    address[] public voters;
    uint256[] public modelIds;
    uint256 public distributions;
    /// @dev Reward settlements (each may round down by less than one wei per model it settles).
    uint256 public settlements;

    /// @dev How often each action really ran (not returned early), to check that runs reach every state.
    function ran(bytes32 action) external view returns (uint256) {
        return _ranByHash[action];
    }

    mapping(bytes32 action => uint256) internal _ranByHash;

    uint256 internal constant MAX_MODELS = 6;

    constructor(
        CurationRegistry curation_,
        CuriaToken token_,
        ModelRegistry registry_,
        CuriaGovernor governor_,
        address timelock_,
        address guardian_,
        address[] memory voters_
    ) {
        (curation, token, registry, governor, timelock, guardian) =
        (curation_, token_, registry_, governor_, timelock_, guardian_);
        voters = voters_;
        for (uint256 i = 0; i < 2; ++i) {
            creators.push(makeAddr(string.concat("creator", vm.toString(i))));
            challengers.push(makeAddr(string.concat("challenger", vm.toString(i))));
        }
        for (uint256 i = 0; i < 4; ++i) {
            curators.push(makeAddr(string.concat("curator", vm.toString(i))));
        }
    }

    /// @dev Called once by the test after funding.
    function approveAll() external {
        address[] memory all = allActors();
        for (uint256 i = 0; i < all.length; ++i) {
            vm.prank(all[i]);
            token.approve(address(curation), type(uint256).max);
        }
    }

    function allActors() public view returns (address[] memory all) {
        all = new address[](creators.length + curators.length + challengers.length);
        uint256 k;
        for (uint256 i = 0; i < creators.length; ++i) {
            all[k++] = creators[i];
        }
        for (uint256 i = 0; i < curators.length; ++i) {
            all[k++] = curators[i];
        }
        for (uint256 i = 0; i < challengers.length; ++i) {
            all[k++] = challengers[i];
        }
    }

    function modelCount() external view returns (uint256) {
        return modelIds.length;
    }

    function curatorCount() external view returns (uint256) {
        return curators.length;
    }

    // ---------------------------------------------------------------- actions

    function listModel(uint256 creatorSeed) external {
        if (modelIds.length >= MAX_MODELS) return;
        address creator = creators[creatorSeed % creators.length];
        if (token.balanceOf(creator) < curation.parameter(ICurationParameters.Parameter.ListingBond)) return;
        vm.startPrank(creator);
        uint256 modelId = registry.registerModel(
            IModelRegistry.Kind.Model, keccak256(abi.encode(modelIds.length + 1)), "ipfs://card", new uint256[](0)
        );
        curation.applyForListing(modelId);
        vm.stopPrank();
        modelIds.push(modelId);
        ++_ranByHash[keccak256("listModel")];
    }

    function reapply(uint256 modelSeed) external {
        (bool ok, uint256 modelId) = _model(modelSeed);
        ICurationListings.Listing memory l = curation.listingOf(modelId);
        // A withdrawn listing challenged within its notice cannot re-apply before its dispute ends.
        if (!ok || l.status != ICurationBase.ListingStatus.Withdrawn || l.openDispute != 0) return;
        vm.prank(registry.ownerOf(modelId));
        curation.applyForListing(modelId);
        ++_ranByHash[keccak256("reapply")];
    }

    function stake(uint256 curatorSeed, uint256 modelSeed, uint256 amount) external {
        (bool ok, uint256 modelId) = _model(modelSeed);
        if (!ok) return;
        ICurationListings.Listing memory l = curation.listingOf(modelId);
        if (l.openDispute != 0) return;
        if (l.status != ICurationBase.ListingStatus.Pending && l.status != ICurationBase.ListingStatus.Listed) {
            return;
        }
        // No new stake while a candidate version is pending (stake may leave freely then).
        if (l.candidate != 0 && (l.candidateChallenged || block.timestamp < l.candidateUntil)) return;
        address curator = curators[curatorSeed % curators.length];
        uint256 balance = token.balanceOf(curator);
        if (balance < 1e18) return;
        amount = bound(amount, 1e18, balance);
        vm.prank(curator);
        curation.stake(modelId, amount);
        ++_ranByHash[keccak256("stake")];
        settlements += modelIds.length;
    }

    function requestUnstake(uint256 curatorSeed, uint256 modelSeed, uint256 amount) external {
        (bool ok, uint256 modelId) = _model(modelSeed);
        if (!ok) return;
        ICurationListings.Listing memory l = curation.listingOf(modelId);
        if (l.openDispute != 0 || l.status == ICurationBase.ListingStatus.Delisted) return;
        address curator = curators[curatorSeed % curators.length];
        uint256 active = curation.positionOf(modelId, curator).active;
        if (active == 0) return;
        amount = bound(amount, 1, active);
        if (active - amount < 1e18) amount = active;
        vm.prank(curator);
        curation.requestUnstake(modelId, amount);
        ++_ranByHash[keccak256("requestUnstake")];
        settlements += modelIds.length;
    }

    function withdrawStake(uint256 curatorSeed, uint256 modelSeed) external {
        (bool ok, uint256 modelId) = _model(modelSeed);
        if (!ok) return;
        address curator = curators[curatorSeed % curators.length];
        ICurationListings.Listing memory l = curation.listingOf(modelId);
        ICurationStaking.Position memory p = curation.positionOf(modelId, curator);
        if (l.status == ICurationBase.ListingStatus.Delisted) {
            if (p.active + p.unbonding == 0) return;
        } else if (l.openDispute != 0 || p.unbonding == 0) {
            return;
        } else if (block.timestamp < p.releaseAt) {
            vm.warp(p.releaseAt);
        }
        // The position's `withdrawable` is exactly what the withdrawal pays.
        uint256 expected = curation.positionOf(modelId, curator).withdrawable;
        uint256 before = token.balanceOf(curator);
        vm.prank(curator);
        curation.withdrawStake(modelId);
        assertEq(token.balanceOf(curator) - before, expected);
        ++_ranByHash[keccak256("withdrawStake")];
        settlements += modelIds.length;
    }

    function claim(uint256 actorSeed) external {
        address[] memory all = allActors();
        address actor = all[actorSeed % all.length];
        uint256 due = curation.claimable(actor);
        for (uint256 i = 0; i < modelIds.length; ++i) {
            due += curation.positionOf(modelIds[i], actor).pendingRewards;
        }
        if (due == 0) return;
        vm.prank(actor);
        curation.claim(modelIds);
        ++_ranByHash[keccak256("claim")];
        settlements += modelIds.length;
    }

    function challenge(uint256 challengerSeed, uint256 modelSeed, uint8 reason) external {
        if (modelIds.length == 0) this.listModel(modelSeed);
        (bool ok, uint256 modelId) = _model(modelSeed);
        if (!ok) return;
        // An open challenge of the candidate does not stop one of the listed version: it ends it (rejected).
        ICurationListings.Listing memory l = curation.listingOf(modelId);
        if (l.openDispute != 0 && !l.candidateChallenged) return;
        ICurationBase.ListingStatus s = curation.statusOf(modelId);
        // A withdrawn listing can still be challenged within its notice (until its bond is released).
        bool inNotice =
            s == ICurationBase.ListingStatus.Withdrawn && block.timestamp < curation.listingOf(modelId).bondReleaseAt;
        if (
            s != ICurationBase.ListingStatus.Pending && s != ICurationBase.ListingStatus.Listed
                && s != ICurationBase.ListingStatus.Suspended && !inNotice
        ) return;
        address challenger = challengers[challengerSeed % challengers.length];
        if (token.balanceOf(challenger) < curation.parameter(ICurationParameters.Parameter.ChallengeDeposit)) return;
        vm.prank(challenger);
        curation.challenge(modelId, 0, ICurationDisputes.Reason(bound(reason, 0, 3)), "ipfs://evidence", bytes32("e"));
        ++_ranByHash[keccak256("challenge")];
    }

    /// @dev The owner publishes a new version: a live listing takes it as its candidate.
    function publishVersion(uint256 modelSeed) external {
        (bool ok, uint256 modelId) = _model(modelSeed);
        if (!ok) return;
        ICurationListings.Listing memory l = curation.listingOf(modelId);
        bool live = l.status == ICurationBase.ListingStatus.Pending || l.status == ICurationBase.ListingStatus.Listed;
        // A challenged candidate cannot be replaced under its vote.
        if (live && l.candidateChallenged) return;
        vm.prank(registry.ownerOf(modelId));
        registry.publishVersion(
            modelId, 1, keccak256(abi.encode(modelId, block.timestamp)), "ipfs://v", new uint256[](0)
        );
        ++_ranByHash[keccak256("publishVersion")];
    }

    /// @dev Challenges the pending candidate version of a live listing.
    function challengeCandidate(uint256 challengerSeed, uint256 modelSeed) external {
        (bool ok, uint256 modelId) = _model(modelSeed);
        if (!ok) return;
        ICurationListings.Listing memory l = curation.listingOf(modelId);
        if (l.openDispute != 0 || l.candidate == 0 || block.timestamp >= l.candidateUntil) return;
        if (l.status != ICurationBase.ListingStatus.Pending && l.status != ICurationBase.ListingStatus.Listed) {
            return;
        }
        address challenger = challengers[challengerSeed % challengers.length];
        if (token.balanceOf(challenger) < curation.parameter(ICurationParameters.Parameter.ChallengeDeposit)) return;
        vm.prank(challenger);
        curation.challenge(modelId, l.candidate, ICurationDisputes.Reason.Safety, "ipfs://evidence", bytes32("e"));
        ++_ranByHash[keccak256("challengeCandidate")];
    }

    function vote(uint256 voterSeed, uint256 disputeSeed, bool remove) external {
        uint256 count = curation.disputeCount();
        if (count == 0) return;
        // Prefer a dispute still being voted on: scan back from a random one.
        uint256 disputeId = bound(disputeSeed, 1, count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 candidate = (disputeId + i - 1) % count + 1;
            if (curation.disputeOf(candidate).state == ICurationDisputes.DisputeState.Voting) {
                disputeId = candidate;
                break;
            }
        }
        ICurationDisputes.Dispute memory d = curation.disputeOf(disputeId);
        address voter = voters[voterSeed % voters.length];
        if (d.state != ICurationDisputes.DisputeState.Voting || block.timestamp > d.votingEndsAt) return;
        // The vote opens after the snapshot, the voting delay after the challenge.
        if (block.timestamp <= d.snapshot) vm.warp(uint256(d.snapshot) + 1);
        if (curation.hasVoted(disputeId, voter) || token.getPastVotes(voter, d.snapshot) == 0) return;
        vm.prank(voter);
        curation.voteOnDispute(
            disputeId, remove ? ICurationDisputes.Support.Remove : ICurationDisputes.Support.Keep, "handler"
        );
        ++_ranByHash[keccak256("vote")];
    }

    function resolve(uint256 modelSeed) external {
        (bool ok, uint256 modelId, ICurationDisputes.Dispute memory d) = _openDispute(modelSeed);
        if (!ok || d.state != ICurationDisputes.DisputeState.Voting) return;
        if (block.timestamp <= d.votingEndsAt) vm.warp(uint256(d.votingEndsAt) + 1);
        (uint256 activeBefore,,) = curation.stakeOf(modelId);
        curation.resolve(modelId);
        if (
            curation.disputeOf(curation.listingOf(modelId).openDispute).state == ICurationDisputes.DisputeState.None
                && activeBefore != 0
        ) ++distributions;
        ++_ranByHash[keccak256("resolve")];
    }

    function appeal(uint256 modelSeed) external {
        (bool ok, uint256 modelId, ICurationDisputes.Dispute memory d) = _openDispute(modelSeed);
        if (!ok || d.state != ICurationDisputes.DisputeState.Removed || block.timestamp > d.appealEndsAt) return;
        address owner = registry.ownerOf(modelId);
        if (token.balanceOf(owner) < curation.parameter(ICurationParameters.Parameter.AppealBond)) return;
        vm.prank(owner);
        curation.appeal(modelId, "appeal");
        ++_ranByHash[keccak256("appeal")];
    }

    /// @dev Stands for an executed appeal proposal: the timelock calls restoreModel.
    function restore(uint256 modelSeed) external {
        (bool ok, uint256 modelId, ICurationDisputes.Dispute memory d) = _openDispute(modelSeed);
        if (!ok || d.state != ICurationDisputes.DisputeState.Appealed) return;
        (uint256 activeBefore,,) = curation.stakeOf(modelId);
        vm.prank(timelock);
        curation.restoreModel(modelId);
        if (activeBefore != 0) ++distributions;
        ++_ranByHash[keccak256("restore")];
    }

    function finalize(uint256 modelSeed) external {
        (bool ok, uint256 modelId, ICurationDisputes.Dispute memory d) = _openDispute(modelSeed);
        if (!ok) return;
        if (d.state == ICurationDisputes.DisputeState.Removed) {
            if (block.timestamp <= d.appealEndsAt) vm.warp(uint256(d.appealEndsAt) + 1);
        } else if (d.state == ICurationDisputes.DisputeState.Appealed) {
            // Nobody votes on appeals here: past its deadline the proposal is defeated.
            uint256 deadline = governor.proposalDeadline(d.proposalId);
            if (block.timestamp <= deadline) vm.warp(deadline + 1);
            if (governor.state(d.proposalId) != IGovernor.ProposalState.Defeated) return;
        } else {
            return;
        }
        curation.finalize(modelId);
        ++_ranByHash[keccak256("finalize")];
    }

    function withdrawListing(uint256 modelSeed) external {
        (bool ok, uint256 modelId) = _model(modelSeed);
        if (!ok || curation.listingOf(modelId).openDispute != 0) return;
        ICurationBase.ListingStatus s = curation.statusOf(modelId);
        if (s != ICurationBase.ListingStatus.Pending && s != ICurationBase.ListingStatus.Listed) return;
        vm.prank(registry.ownerOf(modelId));
        curation.withdrawListing(modelId);
        ++_ranByHash[keccak256("withdrawListing")];
    }

    function withdrawBond(uint256 modelSeed) external {
        (bool ok, uint256 modelId) = _model(modelSeed);
        if (!ok) return;
        ICurationListings.Listing memory l = curation.listingOf(modelId);
        if (l.status != ICurationBase.ListingStatus.Withdrawn || l.bond == 0 || l.openDispute != 0) return;
        if (block.timestamp < l.bondReleaseAt) vm.warp(l.bondReleaseAt);
        vm.prank(registry.ownerOf(modelId));
        curation.withdrawBond(modelId);
        ++_ranByHash[keccak256("withdrawBond")];
    }

    function suspend(uint256 modelSeed) external {
        (bool ok, uint256 modelId) = _model(modelSeed);
        if (!ok || curation.statusOf(modelId) != ICurationBase.ListingStatus.Listed) return;
        // The guardian suspends a model once; a renewal is the DAO's (the timelock).
        (, bool guardianUsed,) = curation.suspensionOf(modelId);
        vm.prank(guardianUsed ? timelock : guardian);
        curation.suspend(modelId, "ipfs://incident", keccak256("incident"));
        ++_ranByHash[keccak256("suspend")];
    }

    function warp(uint256 seconds_) external {
        skip(bound(seconds_, 1, 4 days));
    }

    // ---------------------------------------------------------------- helpers

    function _model(uint256 seed) internal view returns (bool, uint256) {
        if (modelIds.length == 0) return (false, 0);
        return (true, modelIds[seed % modelIds.length]);
    }

    function _openDispute(uint256 seed) internal view returns (bool, uint256, ICurationDisputes.Dispute memory d) {
        (bool ok, uint256 modelId) = _model(seed);
        if (!ok) return (false, 0, d);
        uint256 disputeId = curation.listingOf(modelId).openDispute;
        if (disputeId == 0) return (false, 0, d);
        return (true, modelId, curation.disputeOf(disputeId));
    }
}

contract CurationRegistryInvariantTest is CurationBase {
    CurationHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory voters = new address[](3);
        (voters[0], voters[1], voters[2]) = (whale, bob, alice);
        handler = new CurationHandler(curation, token, registry, governor, address(timelock), guardian, voters);
        address[] memory actors = handler.allActors();
        for (uint256 i = 0; i < actors.length; ++i) {
            vm.prank(whale);
            token.transfer(actors[i], 200_000e18);
        }
        handler.approveAll();
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](18);
        selectors[0] = CurationHandler.listModel.selector;
        selectors[1] = CurationHandler.reapply.selector;
        selectors[2] = CurationHandler.stake.selector;
        selectors[3] = CurationHandler.requestUnstake.selector;
        selectors[4] = CurationHandler.withdrawStake.selector;
        selectors[5] = CurationHandler.claim.selector;
        selectors[6] = CurationHandler.challenge.selector;
        selectors[7] = CurationHandler.vote.selector;
        selectors[8] = CurationHandler.resolve.selector;
        selectors[9] = CurationHandler.appeal.selector;
        selectors[10] = CurationHandler.restore.selector;
        selectors[11] = CurationHandler.finalize.selector;
        selectors[12] = CurationHandler.withdrawListing.selector;
        selectors[13] = CurationHandler.withdrawBond.selector;
        selectors[14] = CurationHandler.suspend.selector;
        selectors[15] = CurationHandler.warp.selector;
        selectors[16] = CurationHandler.publishVersion.selector;
        selectors[17] = CurationHandler.challengeCandidate.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @dev What goes in equals what can come out: the registry holds exactly the curators' stakes, the listing bonds,
    /// the deposits and appeal bonds of undecided disputes, the reward reserve and every claimable balance.
    function invariant_conservation() public view {
        uint256 owed = curation.rewardReserve();
        uint256 models = handler.modelCount();
        for (uint256 i = 0; i < models; ++i) {
            uint256 modelId = handler.modelIds(i);
            (,, uint256 held) = curation.stakeOf(modelId);
            owed += held + curation.listingOf(modelId).bond;
        }
        for (uint256 disputeId = 1; disputeId <= curation.disputeCount(); ++disputeId) {
            ICurationDisputes.Dispute memory d = curation.disputeOf(disputeId);
            if (
                d.state == ICurationDisputes.DisputeState.Voting || d.state == ICurationDisputes.DisputeState.Removed
                    || d.state == ICurationDisputes.DisputeState.Appealed
            ) owed += d.deposit;
            if (d.state == ICurationDisputes.DisputeState.Appealed) owed += d.appealBond;
        }
        address[] memory actors = handler.allActors();
        for (uint256 i = 0; i < actors.length; ++i) {
            owed += curation.claimable(actors[i]);
        }
        assertEq(token.balanceOf(address(curation)), owed);
    }

    /// @dev Rewards never over-pay: the reserve covers every curator's pending rewards, and rounding dust stays below
    /// one wei per distribution and per settlement.
    function invariant_rewardReserveCoversPending() public view {
        uint256 pending;
        uint256 models = handler.modelCount();
        for (uint256 i = 0; i < models; ++i) {
            for (uint256 j = 0; j < handler.curatorCount(); ++j) {
                pending += curation.positionOf(handler.modelIds(i), handler.curators(j)).pendingRewards;
            }
        }
        uint256 reserve = curation.rewardReserve();
        assertGe(reserve, pending);
        assertLe(reserve - pending, handler.distributions() + handler.settlements());
    }

    /// @dev A live model's pool equals the sum of its curators' positions.
    function invariant_poolsMatchPositions() public view {
        uint256 models = handler.modelCount();
        for (uint256 i = 0; i < models; ++i) {
            uint256 modelId = handler.modelIds(i);
            if (curation.listingOf(modelId).status == ICurationBase.ListingStatus.Delisted) continue;
            uint256 active;
            uint256 unbonding;
            for (uint256 j = 0; j < handler.curatorCount(); ++j) {
                ICurationStaking.Position memory p = curation.positionOf(modelId, handler.curators(j));
                active += p.active;
                unbonding += p.unbonding;
            }
            (uint256 poolActive, uint256 poolUnbonding, uint256 held) = curation.stakeOf(modelId);
            assertEq(poolActive, active);
            assertEq(poolUnbonding, unbonding);
            assertEq(held, active + unbonding);
        }
    }

    /// @dev Shows how often each action really ran (`forge test -vv`): a run that never reaches a state proves nothing.
    function afterInvariant() external view {
        string[17] memory names = [
            "listModel",
            "reapply",
            "stake",
            "requestUnstake",
            "withdrawStake",
            "claim",
            "challenge",
            "vote",
            "resolve",
            "appeal",
            "restore",
            "finalize",
            "withdrawListing",
            "withdrawBond",
            "suspend",
            "publishVersion",
            "challengeCandidate"
        ];
        for (uint256 i = 0; i < names.length; ++i) {
            console.log(names[i], handler.ran(keccak256(bytes(names[i]))));
        }
    }

    /// @dev The handler's actions are reachable and valid: one deliberate path through every one of them, then the
    /// invariants. Guards against a handler that silently returns early and so proves nothing.
    function test_handler_reachesEveryAction() public {
        handler.listModel(0); // model A by creator0
        handler.listModel(1); // model B by creator1
        handler.stake(0, 0, 1000e18);
        handler.stake(1, 0, 500e18);
        handler.stake(2, 1, 300e18);
        handler.requestUnstake(1, 0, 200e18);
        handler.warp(4 days);
        handler.suspend(0);
        handler.withdrawStake(1, 0);
        handler.challenge(0, 0, 1); // A: Remove, appeal, defeated, delisted
        handler.vote(0, 1, true);
        handler.resolve(0);
        handler.appeal(0);
        handler.finalize(0);
        handler.withdrawStake(0, 0);
        handler.challenge(1, 1, 0); // B: Remove, appeal, restored by the DAO
        handler.vote(0, 2, true);
        handler.resolve(1);
        handler.appeal(1);
        handler.restore(1);
        handler.challenge(0, 1, 2); // B again: kept
        handler.vote(1, 3, false);
        handler.resolve(1);
        handler.claim(6); // curator2's rewards on B
        handler.withdrawListing(1);
        handler.withdrawBond(1);
        handler.reapply(1);
        handler.publishVersion(1); // B: a candidate version, challenged and rejected
        handler.challengeCandidate(1, 1);
        handler.vote(0, 4, true);
        handler.resolve(1);
        assertEq(
            uint8(curation.disputeOf(4).state), uint8(ICurationDisputes.DisputeState.Rejected), "candidate rejected"
        );
        string[17] memory names = [
            "listModel",
            "reapply",
            "stake",
            "requestUnstake",
            "withdrawStake",
            "claim",
            "challenge",
            "vote",
            "resolve",
            "appeal",
            "restore",
            "finalize",
            "withdrawListing",
            "withdrawBond",
            "suspend",
            "publishVersion",
            "challengeCandidate"
        ];
        for (uint256 i = 0; i < names.length; ++i) {
            assertGt(handler.ran(keccak256(bytes(names[i]))), 0, names[i]);
        }
        invariant_conservation();
        invariant_rewardReserveCoversPending();
        invariant_poolsMatchPositions();
    }

    /// @dev Tokens held by the registry never vote.
    function invariant_registryNeverVotes() public view {
        assertEq(token.getVotes(address(curation)), 0);
        assertEq(token.delegates(address(curation)), address(0));
    }
}
