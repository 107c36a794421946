// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAuditRegistry} from "../../../contracts/interfaces/IAuditRegistry.sol";
import {ICurationBase} from "../../../contracts/interfaces/ICurationBase.sol";
import {ICurationDisputes} from "../../../contracts/interfaces/ICurationDisputes.sol";
import {ICurationParameters} from "../../../contracts/interfaces/ICurationParameters.sol";
import {IModelRegistry} from "../../../contracts/interfaces/IModelRegistry.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";

contract AuditRegistryTest is MarketplaceBase {
    uint8[4] internal scores = [uint8(90), 95, 80, 100];

    function test_accredit_bond_becomesActive() public {
        assertFalse(audits.isActiveAuditor(auditor));
        vm.expectEmit(address(audits));
        emit IAuditRegistry.AuditorAccredited(auditor);
        vm.prank(address(timelock));
        audits.accredit(auditor);
        assertFalse(audits.isActiveAuditor(auditor)); // not bonded yet
        _fund(auditor, AUDITOR_MIN_BOND);
        vm.startPrank(auditor);
        token.approve(address(audits), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditBondTooLow.selector, 1e18, AUDITOR_MIN_BOND));
        audits.postBond(1e18);
        audits.postBond(AUDITOR_MIN_BOND);
        vm.stopPrank();
        assertTrue(audits.isActiveAuditor(auditor));
        assertEq(token.balanceOf(address(audits)), AUDITOR_MIN_BOND);
    }

    function test_accredit_onlyTimelockAndOnce() public {
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditOnlyTimelock.selector, auditor));
        vm.prank(auditor);
        audits.accredit(auditor);
        vm.startPrank(address(timelock));
        audits.accredit(auditor);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditAccreditationUnchanged.selector, auditor, true));
        audits.accredit(auditor);
        audits.revoke(auditor);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditAccreditationUnchanged.selector, auditor, false));
        audits.revoke(auditor);
        vm.stopPrank();
    }

    function test_postBond_unaccreditedReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotActiveAuditor.selector, auditor));
        vm.prank(auditor);
        audits.postBond(AUDITOR_MIN_BOND);
    }

    function test_submitAudit_bindsToVersionHash() public {
        _activeAuditor(auditor);
        uint256 id = _pass(auditor, modelId, 1);
        IAuditRegistry.Report memory r = audits.getReport(id);
        assertEq(r.auditor, auditor);
        assertEq(r.modelId, modelId);
        assertEq(r.version, 1);
        assertEq(r.contentHash, registry.contentHashOf(modelId, 1));
        assertEq(r.quality, 90);
        assertEq(r.safety, 95);
        assertEq(r.reportURI, "ipfs://report");
        assertEq(audits.reportCount(), 1);
        assertEq(audits.reportsOf(modelId, 1, 0, 10)[0], id);
        assertEq(audits.passersOf(modelId, 1)[0], auditor);
        // A new version does not inherit the audit.
        vm.prank(creator);
        registry.publishVersion(modelId, 1, keccak256("v2"), "ipfs://v2", new uint256[](0));
        assertEq(audits.passersOf(modelId, 2).length, 0);
    }

    function test_submitAudit_amendmentReplaces() public {
        _activeAuditor(auditor);
        uint256 first = _pass(auditor, modelId, 1);
        vm.prank(auditor);
        uint256 second = audits.submitAudit(
            modelId, 1, IAuditRegistry.Verdict.Fail, [uint8(10), 5, 30, 100], "ipfs://r2", keccak256("r2"), first
        );
        assertEq(audits.getReport(first).replacedBy, second);
        assertEq(audits.getReport(second).replaces, first);
        // The original stays readable (append-only) but no longer counts as a pass.
        assertEq(uint8(audits.getReport(first).verdict), uint8(IAuditRegistry.Verdict.Pass));
        assertEq(audits.passersOf(modelId, 1).length, 0);
        assertEq(audits.reportsOf(modelId, 1, 0, 10).length, 2);

        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditInvalidAmendment.selector, 3, first));
        vm.prank(auditor);
        audits.submitAudit(modelId, 1, IAuditRegistry.Verdict.Pass, scores, "ipfs://r3", keccak256("r3"), first);
    }

    function test_submitAudit_unhappyPaths() public {
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotActiveAuditor.selector, auditor));
        _pass(auditor, modelId, 1);
        _activeAuditor(auditor);
        vm.startPrank(auditor);
        vm.expectRevert(IAuditRegistry.AuditEmptyReport.selector);
        audits.submitAudit(modelId, 1, IAuditRegistry.Verdict.Pass, scores, "", keccak256("r"), 0);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditScoreOutOfRange.selector, 101));
        audits.submitAudit(
            modelId, 1, IAuditRegistry.Verdict.Pass, [uint8(101), 0, 0, 0], "ipfs://r", keccak256("r"), 0
        );
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryVersionNotFound.selector, modelId, 2));
        audits.submitAudit(modelId, 2, IAuditRegistry.Verdict.Pass, scores, "ipfs://r", keccak256("r"), 0);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditPageTooLarge.selector, 1001, 1000));
        audits.reportsOf(modelId, 1, 0, 1001);
    }

    function test_bond_unbondingAndWithdrawal() public {
        _activeAuditor(auditor);
        vm.startPrank(auditor);
        audits.requestBondWithdrawal();
        assertFalse(audits.isActiveAuditor(auditor));
        uint256 at = block.timestamp + AUDITOR_UNBONDING_PERIOD;
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditBondLocked.selector, auditor, at));
        audits.withdrawBond();
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditBondLocked.selector, auditor, at));
        audits.requestBondWithdrawal();
        vm.warp(at);
        audits.withdrawBond();
        assertEq(token.balanceOf(auditor), AUDITOR_MIN_BOND);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNothingToWithdraw.selector, auditor));
        audits.withdrawBond();
        vm.stopPrank();
    }

    function test_revoke_startsUnbonding() public {
        _activeAuditor(auditor);
        vm.prank(address(timelock));
        audits.revoke(auditor);
        assertFalse(audits.isActiveAuditor(auditor));
        assertEq(audits.auditorOf(auditor).unbondingAt, block.timestamp + AUDITOR_UNBONDING_PERIOD);
    }

    // ================================================================ skin in the game

    function _delist(uint256 id, ICurationDisputes.Reason reason) internal {
        vm.prank(challenger);
        curation.challenge(id, 0, reason, "ipfs://evidence", keccak256("e"));
        _removeByVote(id, curation.disputeCount());
    }

    /// @dev The open dispute `disputeId` on `id` voted Remove by the whale, resolved and finalized (no appeal).
    function _removeByVote(uint256 id, uint256 disputeId) internal {
        skip(DISPUTE_VOTING_DELAY + 1);
        _vote(whale, disputeId, ICurationDisputes.Support.Remove);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(id);
        skip(APPEAL_WINDOW + 1);
        curation.finalize(id);
    }

    function test_slash_passOnModelDelistedForSafety() public {
        _activeAuditor(auditor);
        uint256 reportId = _pass(auditor, modelId, 1);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotSlashable.selector, reportId));
        audits.slash(reportId);

        _delist(modelId, ICurationDisputes.Reason.Safety);
        uint256 treasuryBefore = token.balanceOf(address(timelock));
        vm.expectEmit(address(audits));
        emit IAuditRegistry.AuditorSlashed(auditor, reportId, 3000e18);
        assertEq(audits.slash(reportId), 3000e18);
        assertEq(audits.auditorOf(auditor).bond, 7000e18);
        assertEq(token.balanceOf(address(timelock)), treasuryBefore + 3000e18);
        // Once per report; and the auditor, now under the minimum bond, is no longer active.
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotSlashable.selector, reportId));
        audits.slash(reportId);
        assertFalse(audits.isActiveAuditor(auditor));
    }

    /// @dev Holders vote on the version, not on the reason: a delisting for License (or Other) slashes its passers too.
    function test_slash_forLicenseDelisting() public {
        _activeAuditor(auditor);
        uint256 reportId = _pass(auditor, modelId, 1);
        _delist(modelId, ICurationDisputes.Reason.License);
        assertEq(audits.slash(reportId), 3000e18);
        assertEq(audits.auditorOf(auditor).openDisputes, 0);
    }

    /// @dev Review of session 19: only a Quality or Safety delisting slashed passers, and the first challenger picks the
    /// reason while one dispute at a time may be open. An auditor whose Pass was about to be slashed (an honest Safety
    /// challenge coming) challenged first for License: the honest challenge was refused, the vote removed the model all
    /// the same, and the auditor kept its whole bond and took the challenger's reward. Now any delisting of the passed
    /// version freezes and slashes the Pass, whoever challenged and for whatever reason.
    function test_attack_auditorChallengesFirstForLicenseToDodgeSlash() public {
        _activeAuditor(auditor);
        uint256 passId = _pass(auditor, modelId, 1);
        _fund(auditor, CHALLENGE_DEPOSIT);
        vm.prank(auditor);
        uint256 disputeId =
            curation.challenge(modelId, 0, ICurationDisputes.Reason.License, "ipfs://lic", keccak256("lic"));
        // The honest Safety challenge is refused: one dispute at a time.
        vm.expectRevert(abi.encodeWithSelector(ICurationBase.CurationDisputeOpen.selector, modelId, disputeId));
        vm.prank(challenger);
        curation.challenge(modelId, 0, ICurationDisputes.Reason.Safety, "ipfs://safety", keccak256("s"));
        // The auditor's own challenge froze its bond all the same.
        assertEq(audits.auditorOf(auditor).openDisputes, 1);
        vm.prank(auditor);
        audits.requestBondWithdrawal();
        _removeByVote(modelId, disputeId);
        skip(AUDITOR_UNBONDING_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditBondFrozen.selector, auditor, 1));
        vm.prank(auditor);
        audits.withdrawBond();
        // Anyone slashes the Pass; only the rest of the bond leaves.
        assertEq(audits.slash(passId), 3000e18);
        vm.prank(auditor);
        audits.withdrawBond();
        assertEq(token.balanceOf(auditor), 7000e18);
    }

    function test_slash_notForConcernsOrUnknown() public {
        _activeAuditor(auditor);
        vm.prank(auditor);
        uint256 reportId =
            audits.submitAudit(modelId, 1, IAuditRegistry.Verdict.Concerns, scores, "ipfs://r", keccak256("r"), 0);
        _delist(modelId, ICurationDisputes.Reason.Quality);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotSlashable.selector, reportId));
        audits.slash(reportId);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditReportNotFound.selector, 77));
        audits.slash(77);
    }

    /// @dev Issue 15 item 3: a Pass could be amended after the delisting and before anyone called slash, dodging it.
    function test_amendAfterDelistingBeforeSlash_refusedAndSlashed() public {
        _activeAuditor(auditor);
        uint256 reportId = _pass(auditor, modelId, 1);
        _delist(modelId, ICurationDisputes.Reason.Quality);
        uint256 disputeId = curation.delistedBy(modelId);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditModelDisputed.selector, modelId, disputeId));
        vm.prank(auditor);
        audits.submitAudit(modelId, 1, IAuditRegistry.Verdict.Fail, scores, "ipfs://r2", keccak256("r2"), reportId);
        assertEq(audits.getReport(reportId).replacedBy, 0);
        assertEq(audits.slash(reportId), 3000e18);
    }

    /// @dev Issue 15 item 3: an auditor could leave when a challenge opened and withdraw the whole bond before the
    /// delisting. The bond is frozen from the challenge until the Pass is slashed.
    function test_withdrawBondWhenChallengeOpens_frozenUntilSlashed() public {
        _activeAuditor(auditor);
        uint256 reportId = _pass(auditor, modelId, 1);
        vm.prank(challenger);
        uint256 disputeId =
            curation.challenge(modelId, 0, ICurationDisputes.Reason.Safety, "ipfs://evidence", keccak256("e"));
        assertEq(audits.auditorOf(auditor).openDisputes, 1);
        // Amendments are frozen while the model is disputed.
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditModelDisputed.selector, modelId, disputeId));
        vm.prank(auditor);
        audits.submitAudit(modelId, 1, IAuditRegistry.Verdict.Fail, scores, "ipfs://r2", keccak256("r2"), reportId);
        vm.prank(auditor);
        audits.requestBondWithdrawal();
        // The unbonding period covers the longest dispute path, and the freeze holds past it.
        uint256 unbondingAt = audits.auditorOf(auditor).unbondingAt;
        assertGe(audits.unbondingPeriod(), audits.unbondingFloor());
        skip(DISPUTE_VOTING_DELAY + 1);
        _vote(whale, disputeId, ICurationDisputes.Support.Remove);
        vm.warp(unbondingAt);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditBondFrozen.selector, auditor, 1));
        vm.prank(auditor);
        audits.withdrawBond();

        curation.resolve(modelId);
        skip(APPEAL_WINDOW + 1);
        curation.finalize(modelId);
        // Delisted: still frozen until the Pass is slashed.
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditBondFrozen.selector, auditor, 1));
        vm.prank(auditor);
        audits.withdrawBond();
        audits.slash(reportId);
        assertEq(audits.auditorOf(auditor).openDisputes, 0);
        vm.prank(auditor);
        audits.withdrawBond();
        assertEq(token.balanceOf(auditor), 7000e18);
    }

    function test_dispute_keptUnfreezesAndDelistedForLicenseToo() public {
        _activeAuditor(auditor);
        uint256 reportId = _pass(auditor, modelId, 1);
        uint256 disputeId = _challenge(modelId);
        assertEq(audits.auditorOf(auditor).openDisputes, 1);
        // No new Pass on a disputed model (its set of passers is what the dispute froze).
        address late = makeAddr("late");
        _activeAuditor(late);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditModelDisputed.selector, modelId, disputeId));
        _pass(late, modelId, 1);
        // A Concerns report is still welcome.
        vm.prank(late);
        audits.submitAudit(modelId, 1, IAuditRegistry.Verdict.Concerns, scores, "ipfs://c", keccak256("c"), 0);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId); // no votes: kept
        assertEq(audits.auditorOf(auditor).openDisputes, 0);
        vm.prank(auditor);
        audits.submitAudit(modelId, 1, IAuditRegistry.Verdict.Concerns, scores, "ipfs://r2", keccak256("r2"), reportId);
        assertEq(audits.passersOf(modelId, 1).length, 0);

        uint256 pass2 = _pass(auditor, modelId, 1);
        _delist(modelId, ICurationDisputes.Reason.License);
        // A License delisting answers for the Pass as any other: frozen until slashed.
        assertEq(audits.auditorOf(auditor).openDisputes, 1);
        audits.slash(pass2);
        assertEq(audits.auditorOf(auditor).openDisputes, 0);
    }

    /// @dev Review of session 16: only a Pass on the delisted version can be slashed, yet every passer of the model
    /// was frozen at the challenge and released only when its Passes on the whole model were slashed; a Pass on another
    /// version never could be, so the bond stayed frozen for ever. Now the freeze is the disputed version's: an auditor
    /// who passed only the candidate v2 is not frozen by a challenge of the listed v1, and leaves after its delisting.
    function test_attack_passOnOtherVersion_bondFrozenForever() public {
        _activeAuditor(auditor);
        vm.prank(creator);
        registry.publishVersion(modelId, 1, keccak256("v2"), "ipfs://card-v2", new uint256[](0));
        uint256 passV2 = _pass(auditor, modelId, 2);
        vm.prank(auditor);
        audits.requestBondWithdrawal();
        vm.prank(challenger);
        curation.challenge(modelId, 1, ICurationDisputes.Reason.Safety, "ipfs://evidence", keccak256("e"));
        assertEq(audits.auditorOf(auditor).openDisputes, 0, "a Pass on v2 answers nothing for v1");
        _removeByVote(modelId, curation.disputeCount());
        assertEq(curation.disputeOf(curation.delistedBy(modelId)).version, 1);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotSlashable.selector, passV2));
        audits.slash(passV2);
        skip(AUDITOR_UNBONDING_PERIOD);
        vm.prank(auditor);
        audits.withdrawBond();
        assertEq(token.balanceOf(auditor), AUDITOR_MIN_BOND);
    }

    /// @dev The same with Passes on both versions: the one on the delisted v1 is slashed once, which releases the bond
    /// (the Pass on v2 froze nothing), and the rest is withdrawn.
    function test_attack_passOnTwoVersions_slashedOnceStillFrozenForever() public {
        _activeAuditor(auditor);
        uint256 passV1 = _pass(auditor, modelId, 1);
        vm.prank(creator);
        registry.publishVersion(modelId, 1, keccak256("v2"), "ipfs://card-v2", new uint256[](0));
        uint256 passV2 = _pass(auditor, modelId, 2);
        _delist(modelId, ICurationDisputes.Reason.Quality);
        assertEq(audits.auditorOf(auditor).openDisputes, 1, "frozen until the v1 Pass is slashed");
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotSlashable.selector, passV2));
        audits.slash(passV2);
        assertEq(audits.slash(passV1), 3000e18);
        assertEq(audits.auditorOf(auditor).openDisputes, 0);
        vm.prank(auditor);
        audits.requestBondWithdrawal();
        skip(AUDITOR_UNBONDING_PERIOD);
        vm.prank(auditor);
        audits.withdrawBond();
        assertEq(token.balanceOf(auditor), 7000e18);
    }

    /// @dev An owner griefing an honest auditor of v1: it lists a bad v2 and has it delisted for Safety. The v1 Pass
    /// is not slashed and, now, freezes nothing.
    function test_attack_ownerGriefsHonestAuditorOfOldVersion() public {
        _activeAuditor(auditor);
        uint256 passV1 = _pass(auditor, modelId, 1);
        vm.prank(creator);
        registry.publishVersion(modelId, 1, keccak256("bad v2"), "ipfs://card-v2", new uint256[](0));
        skip(CHALLENGE_PERIOD); // v2 is the listed version
        _delist(modelId, ICurationDisputes.Reason.Safety);
        assertEq(curation.disputeOf(curation.delistedBy(modelId)).version, 2);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotSlashable.selector, passV1));
        audits.slash(passV1);
        assertEq(audits.auditorOf(auditor).openDisputes, 0);
        vm.prank(auditor);
        audits.requestBondWithdrawal();
        skip(AUDITOR_UNBONDING_PERIOD);
        vm.prank(auditor);
        audits.withdrawBond();
        assertEq(token.balanceOf(auditor), AUDITOR_MIN_BOND);
    }

    /// @dev Whatever versions an auditor passed and whichever is delisted (for Quality or Safety): once the Passes on
    /// the delisted version are slashed, the bond is free, and only those Passes could be slashed.
    function testFuzz_slash_delistedVersionReleasesTheBond(uint8 passMask, uint8 listedSeed, bool safety) public {
        passMask = uint8(bound(passMask, 1, 7)); // bit v-1: a Pass on version v (1 to 3)
        uint32 listed = uint32(bound(listedSeed, 1, 3));
        for (uint32 v = 2; v <= 3; ++v) {
            vm.prank(creator);
            registry.publishVersion(modelId, v - 1, keccak256(abi.encode(v)), "ipfs://card", new uint256[](0));
            if (v <= listed) skip(CHALLENGE_PERIOD); // listed once its window is over; later ones stay candidates
        }
        _activeAuditor(auditor);
        uint256[4] memory passes;
        for (uint32 v = 1; v <= 3; ++v) {
            if (passMask & (1 << (v - 1)) != 0) passes[v] = _pass(auditor, modelId, v);
        }
        _delist(modelId, safety ? ICurationDisputes.Reason.Safety : ICurationDisputes.Reason.Quality);
        assertEq(curation.disputeOf(curation.delistedBy(modelId)).version, listed);
        for (uint32 v = 1; v <= 3; ++v) {
            if (passes[v] == 0) continue;
            if (v == listed) {
                assertEq(audits.auditorOf(auditor).openDisputes, 1, "frozen until slashed");
                audits.slash(passes[v]);
            } else {
                vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditNotSlashable.selector, passes[v]));
                audits.slash(passes[v]);
            }
        }
        assertEq(audits.auditorOf(auditor).openDisputes, 0);
        uint256 bond = audits.auditorOf(auditor).bond;
        vm.prank(auditor);
        audits.requestBondWithdrawal();
        skip(AUDITOR_UNBONDING_PERIOD);
        vm.prank(auditor);
        audits.withdrawBond();
        assertEq(token.balanceOf(auditor), bond);
    }

    /// @dev A challenge of the listed version freezes its passers' bonds whatever the reason (License, Other).
    function testFuzz_onDisputeOpened_anyReasonFreezesPassers(uint8 r) public {
        ICurationDisputes.Reason reason = ICurationDisputes.Reason(bound(r, 0, 3));
        _activeAuditor(auditor);
        _pass(auditor, modelId, 1);
        vm.prank(challenger);
        curation.challenge(modelId, 0, reason, "ipfs://evidence", keccak256("e"));
        assertEq(audits.auditorOf(auditor).openDisputes, 1);
    }

    /// @dev A challenge of a candidate version, even for Safety, freezes no bond: the vote can reject the candidate,
    /// never delist it, so its Passes can never be slashed for it.
    function test_onDisputeOpened_candidateChallengeFreezesNothing() public {
        _activeAuditor(auditor);
        vm.prank(creator);
        registry.publishVersion(modelId, 1, keccak256("v2"), "ipfs://card-v2", new uint256[](0));
        _pass(auditor, modelId, 2);
        vm.prank(challenger);
        uint256 disputeId =
            curation.challenge(modelId, 2, ICurationDisputes.Reason.Safety, "ipfs://evidence", keccak256("e"));
        assertEq(curation.disputeOf(disputeId).version, 2);
        assertEq(audits.auditorOf(auditor).openDisputes, 0);
        skip(DISPUTE_VOTING_DELAY + 1);
        _vote(whale, disputeId, ICurationDisputes.Support.Remove);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        assertEq(uint8(curation.disputeOf(disputeId).state), uint8(ICurationDisputes.DisputeState.Rejected));
        assertEq(audits.auditorOf(auditor).openDisputes, 0);
    }

    function test_disputeHooks_onlyCuration() public {
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditOnlyCuration.selector, address(this)));
        audits.onDisputeOpened(modelId, 1, 1, ICurationDisputes.Reason.Safety, false);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditOnlyCuration.selector, address(this)));
        audits.onDisputeClosed(modelId, 1, true);
    }

    function test_submitAudit_passersPerVersionBounded() public {
        uint256 max = audits.MAX_PASSERS();
        for (uint256 i = 0; i < max; ++i) {
            address a = makeAddr(string.concat("passer", vm.toString(i)));
            _activeAuditor(a);
            _pass(a, modelId, 1);
        }
        address extra = makeAddr("extra");
        _activeAuditor(extra);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditTooManyPassers.selector, modelId, 1, max));
        _pass(extra, modelId, 1);
    }

    /// @dev Review of session 16: the places of a model's passers were held for good by auditors who had left (a Pass
    /// is dropped only by its auditor's amendment, which needs an active auditor), so no active auditor could pass the
    /// model again and its auditors' share went to the treasury for ever. The bound is now per version: a new version,
    /// which needs its own audits anyway, takes new passers.
    function test_attack_passerPlacesHeldByAuditorsWhoLeft() public {
        uint256 max = audits.MAX_PASSERS();
        for (uint256 i = 0; i < max; ++i) {
            address a = makeAddr(string.concat("passer", vm.toString(i)));
            _activeAuditor(a);
            _pass(a, modelId, 1);
            vm.prank(a);
            audits.requestBondWithdrawal();
        }
        skip(AUDITOR_UNBONDING_PERIOD);
        for (uint256 i = 0; i < max; ++i) {
            vm.prank(makeAddr(string.concat("passer", vm.toString(i))));
            audits.withdrawBond();
        }
        (address[] memory active,) = audits.activePassersOf(modelId, 1);
        assertEq(active.length, 0);
        address fresh = makeAddr("fresh");
        _activeAuditor(fresh);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditTooManyPassers.selector, modelId, 1, max));
        _pass(fresh, modelId, 1);
        vm.prank(creator);
        registry.publishVersion(modelId, 1, keccak256("v2"), "ipfs://card-v2", new uint256[](0));
        _pass(fresh, modelId, 2);
        (active,) = audits.activePassersOf(modelId, 2);
        assertEq(active.length, 1);
        assertEq(active[0], fresh);
    }

    /// @dev Issue 15 item 3: the bond's unbonding period cannot be shorter than the longest dispute path.
    function test_setUnbondingPeriod_flooredByDisputePath() public {
        uint256 floor = CHALLENGE_PERIOD + DISPUTE_VOTING_DELAY + DISPUTE_VOTING_PERIOD + APPEAL_WINDOW + VOTING_DELAY
            + VOTING_PERIOD + LATE_QUORUM_EXTENSION;
        assertEq(audits.unbondingFloor(), floor);
        assertEq(audits.unbondingPeriod(), AUDITOR_UNBONDING_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditOnlyTimelock.selector, auditor));
        vm.prank(auditor);
        audits.setUnbondingPeriod(floor);
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IAuditRegistry.AuditParameterOutOfBounds.selector, floor - 1, floor, 365 days)
        );
        audits.setUnbondingPeriod(floor - 1);
        vm.expectEmit(address(audits));
        emit IAuditRegistry.UnbondingPeriodSet(AUDITOR_UNBONDING_PERIOD, floor);
        audits.setUnbondingPeriod(floor);
        // A longer dispute path raises the period in effect, whatever was set.
        curation.setParameter(ICurationParameters.Parameter.AppealWindow, 30 days);
        vm.stopPrank();
        assertEq(audits.unbondingPeriod(), floor - APPEAL_WINDOW + 30 days);
    }

    function test_parameters_onlyTimelockWithinBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditOnlyTimelock.selector, auditor));
        vm.prank(auditor);
        audits.setAuditorSlashBps(100);
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditParameterOutOfBounds.selector, 10_001, 0, 10_000));
        audits.setAuditorSlashBps(10_001);
        vm.expectRevert(abi.encodeWithSelector(IAuditRegistry.AuditParameterOutOfBounds.selector, 0, 1, 100_000_000e18));
        audits.setMinimumBond(0);
        vm.expectEmit(address(audits));
        emit IAuditRegistry.MinimumBondSet(AUDITOR_MIN_BOND, 5000e18);
        audits.setMinimumBond(5000e18);
        vm.stopPrank();
        assertEq(audits.minimumBond(), 5000e18);
    }
}
