// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAuditRegistry} from "../../../contracts/interfaces/IAuditRegistry.sol";
import {ICurationBase} from "../../../contracts/interfaces/ICurationBase.sol";
import {ICurationDisputes} from "../../../contracts/interfaces/ICurationDisputes.sol";
import {ICurationListings} from "../../../contracts/interfaces/ICurationListings.sol";
import {IMarketplace} from "../../../contracts/interfaces/IMarketplace.sol";
import {IModelRegistry} from "../../../contracts/interfaces/IModelRegistry.sol";
import {MarketplaceBase} from "../marketplace/MarketplaceBase.sol";

/// @notice Curation bound to exact versions (issue 16): a listing names a version, a new version of a listed model is
/// a candidate with its own challenge window, challenges name a version, curators may leave freely while a candidate
/// is pending, auditors answer only for the version they passed, and licenses record the version sold. Each top-level
/// call runs as its own transaction (`isolate`), so the gas snapshots (snapshots/CurationVersionsTest.json) are what a
/// user pays, cold storage included.
/// forge-config: default.isolate = true
/// forge-config: ci.isolate = true
contract CurationVersionsTest is MarketplaceBase {
    /// @dev Publishes version 2 of the market model (a listed model by `creator`), declaring `upstream` if non-zero.
    function _publishV2(uint256 upstream) internal returns (uint32 version) {
        uint256[] memory lineage = new uint256[](upstream == 0 ? 0 : 1);
        if (upstream != 0) lineage[0] = upstream;
        vm.prank(creator);
        version = registry.publishVersion(modelId, 1, keccak256("malicious weights"), "ipfs://card-v2", lineage);
        vm.snapshotGasLastCall(upstream == 0 ? "publishVersion_listedModel" : "publishVersion_listedModel_lineage");
    }

    function _challengeVersion(uint32 version, ICurationDisputes.Reason reason) internal returns (uint256 disputeId) {
        vm.prank(challenger);
        disputeId = curation.challenge(modelId, version, reason, "ipfs://evidence", keccak256("evidence"));
        vm.snapshotGasLastCall(version == 0 ? "challenge_listedVersion" : "challenge_candidate");
        skip(DISPUTE_VOTING_DELAY + 1);
    }

    function _listedVersion() internal view returns (uint32 listed) {
        (listed,,) = curation.versionsOf(modelId);
    }

    // ---------------------------------------------------------------- candidates

    function test_applyForListing_namesTheLatestVersion() public view {
        (uint32 listed, uint32 candidate, uint256 until) = curation.versionsOf(modelId);
        assertEq(listed, 1);
        assertEq(candidate, 0);
        assertEq(until, 0);
        assertEq(curation.listingOf(modelId).version, 1);
    }

    /// @dev The owner of a listed model publishes new weights: before, they were on sale at once under the curators'
    /// stake and the auditors' Pass. Now v2 waits out its own challenge window while v1 stays on sale.
    function test_attack_maliciousVersionSoldBeforeWindowEnds() public {
        uint256 publishedAt = block.timestamp;
        vm.expectEmit(address(curation));
        emit ICurationListings.CandidatePublished(modelId, 2, publishedAt + CHALLENGE_PERIOD);
        _publishV2(0);
        (uint32 listed, uint32 candidate, uint256 until) = curation.versionsOf(modelId);
        assertEq(listed, 1);
        assertEq(candidate, 2);
        assertEq(until, publishedAt + CHALLENGE_PERIOD);

        _buyEth(ethOffer);
        assertEq(marketplace.licenseOf(modelId, buyer).version, 1, "sold v1 while v2 is a candidate");

        skip(CHALLENGE_PERIOD - 1);
        (,, uint256 version) = curation.saleStateOf(modelId);
        assertEq(version, 1, "v2 not sold one second before its window ends");
        _buyEth(ethOffer);
        assertEq(marketplace.licenseOf(modelId, buyer).version, 1);

        skip(1);
        (listed, candidate,) = curation.versionsOf(modelId);
        assertEq(listed, 2, "listed when the window passed, without a keeper");
        assertEq(candidate, 0);
        _buyEth(ethOffer);
        assertEq(marketplace.licenseOf(modelId, buyer).version, 2);
    }

    /// @dev Review of session 19: one dispute at a time per model, and a challenge of the candidate took it. An owner
    /// whose listed v1 was about to be challenged published a harmless v2 and challenged it itself (a sock): for the
    /// delay and the vote nobody could challenge v1, which stayed on sale while its curators left; kept, v2 was
    /// listed at once (its window had passed) and v1 was out of reach for good. Now a challenge of the listed version
    /// ends the candidate's challenge (rejected, the sock's deposit back) and freezes v1's stakes at once.
    function test_attack_ownerShieldsListedVersionByChallengingItsCandidate() public {
        address sock = makeAddr("sock");
        _stake(curator1, modelId, 30_000e18);
        _publishV2(0);
        _fund(sock, CHALLENGE_DEPOSIT);
        vm.prank(sock);
        uint256 shield = curation.challenge(modelId, 2, ICurationDisputes.Reason.Other, "ipfs://x", keccak256("x"));
        // Another challenge of the candidate is still refused: one at a time.
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, shield));
        vm.prank(challenger);
        curation.challenge(modelId, 2, ICurationDisputes.Reason.Safety, "ipfs://v2", keccak256("v2"));

        // The honest challenge of the listed v1 goes through and ends the shield.
        vm.expectEmit(address(curation));
        emit ICurationDisputes.DisputeResolved(shield, modelId, ICurationDisputes.DisputeState.Rejected, 0, 0, 0);
        vm.prank(challenger);
        uint256 honest =
            curation.challenge(modelId, 0, ICurationDisputes.Reason.Safety, "ipfs://v1-bad", keccak256("b"));
        assertEq(uint8(curation.disputeOf(shield).state), uint8(ICurationDisputes.DisputeState.Rejected));
        assertEq(curation.claimable(sock), CHALLENGE_DEPOSIT, "the candidate's challenger gets the deposit back");
        assertEq(curation.disputeOf(honest).version, 1);
        assertEq(curation.listingOf(modelId).openDispute, honest);
        (uint32 listed, uint32 candidate,) = curation.versionsOf(modelId);
        assertEq(listed, 1);
        assertEq(candidate, 0, "the candidate is dropped with its challenge");
        // A second challenge of the listed version is refused as before.
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, honest));
        vm.prank(sock);
        curation.challenge(modelId, 0, ICurationDisputes.Reason.Other, "ipfs://y", keccak256("y"));
        // v1's curators are frozen until the vote is counted.
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, honest));
        vm.prank(curator1);
        curation.requestUnstake(modelId, 30_000e18);

        // Removed and delisted: the bond and the curators answer for v1 as for any listed version.
        skip(DISPUTE_VOTING_DELAY + 1);
        _vote(whale, honest, ICurationDisputes.Support.Remove);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        skip(APPEAL_WINDOW + 1);
        curation.finalize(modelId);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Delisted));
        assertEq(curation.listingOf(modelId).bond, 0, "the listing bond is slashed");
        (,, uint256 held) = curation.stakeOf(modelId);
        assertEq(held, 24_000e18, "the curators lose 20%");
    }

    function test_challenge_rejectedCandidateLeavesV1ListedAndOnSale() public {
        _stake(curator1, modelId, 1000e18);
        _publishV2(0);
        uint256 before = curation.claimable(challenger);
        uint256 disputeId = _challengeVersion(2, ICurationDisputes.Reason.Safety);
        assertEq(curation.disputeOf(disputeId).version, 2);
        assertTrue(curation.listingOf(modelId).candidateChallenged);
        _vote(whale, disputeId, ICurationDisputes.Support.Remove);
        // The listed version stays on sale during the vote, and past the candidate's window.
        skip(DISPUTE_VOTING_PERIOD);
        assertGt(block.timestamp, curation.listingOf(modelId).candidateUntil);
        assertEq(_listedVersion(), 1, "a challenged candidate is not listed when its window ends");
        _buyEth(ethOffer);
        assertEq(marketplace.licenseOf(modelId, buyer).version, 1);

        uint256 removeVotes = curation.disputeOf(disputeId).removeVotes;
        vm.expectEmit(address(curation));
        emit ICurationDisputes.DisputeResolved(
            disputeId, modelId, ICurationDisputes.DisputeState.Rejected, 0, removeVotes, 0
        );
        curation.resolve(modelId);

        assertEq(uint8(curation.disputeOf(disputeId).state), uint8(ICurationDisputes.DisputeState.Rejected));
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Listed));
        (uint32 listed, uint32 candidate,) = curation.versionsOf(modelId);
        assertEq(listed, 1);
        assertEq(candidate, 0);
        assertEq(curation.listingOf(modelId).bond, LISTING_BOND, "the listing bond is untouched");
        (uint256 active,,) = curation.stakeOf(modelId);
        assertEq(active, 1000e18, "curators are not slashed for a candidate");
        assertEq(curation.claimable(challenger), before + CHALLENGE_DEPOSIT, "the deposit comes back");
        _buyEth(ethOffer);
        assertEq(marketplace.licenseOf(modelId, buyer).version, 1, "v1 still sells");
        // No appeal and no finalize for a rejected candidate.
        vm.expectRevert(abi.encodeWithSelector(ICurationDisputes.CurationNoOpenDispute.selector, modelId));
        curation.finalize(modelId);
    }

    function test_challenge_keptCandidateListedAfterItsWindow() public {
        _publishV2(0);
        uint256 disputeId = _challengeVersion(2, ICurationDisputes.Reason.Quality);
        _vote(whale, disputeId, ICurationDisputes.Support.Keep);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        assertEq(uint8(curation.disputeOf(disputeId).state), uint8(ICurationDisputes.DisputeState.Kept));
        // The window (3 days) passed during the dispute (1 + 3 days): the kept candidate is listed at once.
        assertEq(_listedVersion(), 2);
    }

    function test_challenge_versionNotTheCandidate_reverts() public {
        _publishV2(0);
        vm.prank(challenger);
        vm.expectRevert(abi.encodeWithSelector(ICurationListings.CurationNotCandidate.selector, modelId, 3));
        curation.challenge(modelId, 3, ICurationDisputes.Reason.Quality, "ipfs://x", keccak256("x"));
    }

    function test_challenge_listedVersionWhileCandidatePendingFreezesStakes() public {
        _stake(curator1, modelId, 1000e18);
        _publishV2(0);
        uint256 disputeId = _challengeVersion(0, ICurationDisputes.Reason.Safety);
        assertEq(curation.disputeOf(disputeId).version, 1, "version 0 names the listed version");
        vm.prank(curator1);
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, disputeId));
        curation.requestUnstake(modelId, 1000e18);
    }

    /// @dev The owner swaps the challenged candidate for another version so that the vote is about nothing.
    function test_attack_replaceChallengedCandidate_reverts() public {
        _publishV2(0);
        uint256 disputeId = _challengeVersion(2, ICurationDisputes.Reason.Safety);
        vm.prank(creator);
        vm.expectRevert(
            abi.encodeWithSelector(ICurationListings.CurationCandidateDisputed.selector, modelId, disputeId)
        );
        registry.publishVersion(modelId, 1, keccak256("v3"), "ipfs://card-v3", new uint256[](0));
    }

    function test_onVersionPublished_onlyModelRegistry_reverts() public {
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(ICurationListings.CurationNotModelRegistry.selector, creator));
        curation.onVersionPublished(modelId, 2);
    }

    function test_publishVersion_unlistedModelHasNoCandidate() public {
        uint256 id = _registerModel(creator);
        vm.prank(creator);
        registry.publishVersion(id, 1, keccak256("v2"), "ipfs://card-v2", new uint256[](0));
        _apply(id);
        (uint32 listed, uint32 candidate,) = curation.versionsOf(id);
        assertEq(listed, 2, "applying lists the latest version");
        assertEq(candidate, 0);
    }

    // ---------------------------------------------------------------- curators

    function test_requestUnstake_candidatePendingLeavesAtOnceWithFullStake() public {
        _stake(curator1, modelId, 1000e18);
        vm.prank(curator1);
        curation.requestUnstake(modelId, 400e18); // unbonding for 7 days, before any candidate
        _publishV2(0);
        uint256 balance = token.balanceOf(curator1);
        vm.prank(curator1);
        curation.requestUnstake(modelId, 600e18);
        vm.snapshotGasLastCall("freeExit_requestUnstake");
        assertEq(curation.positionOf(modelId, curator1).releaseAt, block.timestamp, "no unbonding delay");
        vm.prank(curator1);
        curation.withdrawStake(modelId);
        vm.snapshotGasLastCall("freeExit_withdrawStake");
        assertEq(token.balanceOf(curator1), balance + 1000e18, "the full stake back at once");
        (uint256 active, uint256 unbonding,) = curation.stakeOf(modelId);
        assertEq(active + unbonding, 0);
    }

    function test_requestUnstake_afterCandidateListedUnbondsAgain() public {
        _stake(curator1, modelId, 1000e18);
        _publishV2(0);
        skip(CHALLENGE_PERIOD);
        vm.prank(curator1);
        curation.requestUnstake(modelId, 1000e18);
        assertEq(curation.positionOf(modelId, curator1).releaseAt, block.timestamp + UNBONDING_PERIOD);
    }

    /// @dev Stake that could leave at once would sandwich a sale's curator fee: in before it, out right after.
    function test_attack_stakeDuringCandidateWindowForFreeExit_reverts() public {
        _publishV2(0);
        vm.prank(curator1);
        vm.expectRevert(abi.encodeWithSelector(ICurationListings.CurationCandidatePending.selector, modelId, 2));
        curation.stake(modelId, 1000e18);
    }

    // ---------------------------------------------------------------- auditors

    function test_slash_auditorWhoPassedOnlyV1NotSlashedWhenV2Delisted() public {
        address auditor2 = makeAddr("auditor2");
        _activeAuditor(auditor);
        _activeAuditor(auditor2);
        uint256 passV1 = _pass(auditor, modelId, 1);
        _publishV2(0);
        uint256 passV2 = _pass(auditor2, modelId, 2);
        skip(CHALLENGE_PERIOD);
        assertEq(_listedVersion(), 2);

        uint256 disputeId = _challengeVersion(0, ICurationDisputes.Reason.Safety);
        assertEq(curation.disputeOf(disputeId).version, 2);
        _vote(whale, disputeId, ICurationDisputes.Support.Remove);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        skip(APPEAL_WINDOW + 1);
        curation.finalize(modelId);

        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotSlashable.selector, passV1));
        audits.slash(passV1);
        uint256 slashed = audits.slash(passV2);
        assertEq(slashed, AUDITOR_MIN_BOND * AUDITOR_SLASH_BPS / 10_000, "the auditor of v2 answers for v2");
        assertEq(audits.auditorOf(auditor).bond, AUDITOR_MIN_BOND);
    }

    // ---------------------------------------------------------------- licenses

    function test_buyLicense_recordsVersionAndDeliversLaterListedVersions() public {
        _buyEth(ethOffer);
        IMarketplace.License memory license = marketplace.licenseOf(modelId, buyer);
        assertEq(license.version, 1);
        assertEq(marketplace.licensedVersionOf(modelId, buyer), 1);
        _publishV2(0);
        assertEq(marketplace.licensedVersionOf(modelId, buyer), 1, "the candidate is not delivered");
        skip(CHALLENGE_PERIOD);
        assertEq(marketplace.licensedVersionOf(modelId, buyer), 2, "a later listed version, while valid");
        assertEq(marketplace.licenseOf(modelId, buyer).version, 1, "the record keeps the version bought");
        (bool valid,) = marketplace.hasValidLicense(modelId, buyer);
        assertTrue(valid);
        skip(DURATION);
        assertEq(marketplace.licensedVersionOf(modelId, buyer), 0, "nothing once expired");
        assertEq(marketplace.licensedVersionOf(modelId, makeAddr("stranger")), 0);
    }

    function test_buyLicense_lineageRoyaltiesFollowTheSoldVersion() public {
        address upstreamOwner = makeAddr("upstreamOwner");
        vm.prank(upstreamOwner);
        uint256 upstream =
            registry.registerModel(IModelRegistry.Kind.Dataset, keccak256("data"), "ipfs://data", new uint256[](0));
        _publishV2(upstream);
        _buyEth(ethOffer);
        assertEq(marketplace.owed(upstreamOwner, address(0)), 0, "v1 declares no upstream");
        skip(CHALLENGE_PERIOD);
        _buyEth(ethOffer);
        assertGt(marketplace.owed(upstreamOwner, address(0)), 0, "v2's upstream is paid once v2 sells");
    }
}
