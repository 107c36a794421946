// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Test} from "forge-std/Test.sol";

import {CurationRegistry} from "../../../contracts/curation/CurationRegistry.sol";
import {CuriaGovernor} from "../../../contracts/governance/CuriaGovernor.sol";
import {ICurationParameters} from "../../../contracts/interfaces/ICurationParameters.sol";
import {IMarketplace} from "../../../contracts/interfaces/IMarketplace.sol";
import {AuditRegistry} from "../../../contracts/marketplace/AuditRegistry.sol";
import {Marketplace} from "../../../contracts/marketplace/Marketplace.sol";
import {MeteredLicenses} from "../../../contracts/marketplace/MeteredLicenses.sol";
import {ModelRegistry} from "../../../contracts/registry/ModelRegistry.sol";
import {CuriaToken} from "../../../contracts/token/CuriaToken.sol";
import {Deploy} from "../../../scripts/Deploy.s.sol";
import {TestStablecoin} from "../../../scripts/mocks/TestStablecoin.sol";

/// @notice Shared base: deploys Curia through the real deploy script and gives each actor tokens and voting power.
abstract contract CuriaTest is Test {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant VOTING_DELAY = 1 days;
    uint256 internal constant VOTING_PERIOD = 5 days;
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint256 internal constant LATE_QUORUM_EXTENSION = 1 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 100_000e18;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint256 internal constant TREASURY = 60_000_000e18;

    uint256 internal constant LISTING_BOND = 5000e18;
    uint256 internal constant CHALLENGE_DEPOSIT = 1000e18;
    uint256 internal constant CHALLENGE_PERIOD = 3 days;
    uint256 internal constant DISPUTE_VOTING_DELAY = 1 days;
    uint256 internal constant DISPUTE_VOTING_PERIOD = 3 days;
    uint256 internal constant DISPUTE_QUORUM_BPS = 200;
    uint256 internal constant APPEAL_BOND = 10_000e18;
    uint256 internal constant APPEAL_WINDOW = 2 days;
    uint256 internal constant UNBONDING_PERIOD = 7 days;
    uint256 internal constant SUSPENSION_WINDOW = 7 days;
    uint256 internal constant CURATOR_SLASH_BPS = 2000;
    uint256 internal constant CHALLENGER_REWARD_BPS = 5000;
    uint256 internal constant KEEP_CURATOR_SHARE_BPS = 5000;
    uint256 internal constant KEEP_CREATOR_SHARE_BPS = 3000;

    uint256 internal constant PROTOCOL_FEE_BPS = 500;
    uint256 internal constant CURATOR_FEE_SHARE_BPS = 6000;
    uint256 internal constant AUDITOR_FEE_SHARE_BPS = 2000;
    uint256 internal constant LINEAGE_ROYALTY_BPS = 1000;
    uint256 internal constant AUDITOR_MIN_BOND = 10_000e18;
    uint256 internal constant AUDITOR_SLASH_BPS = 3000;
    uint256 internal constant AUDITOR_UNBONDING_PERIOD = 21 days;

    bytes32 internal constant BALLOT_TYPEHASH =
        keccak256("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)");

    Deploy internal deployScript;
    CuriaToken internal token;
    TimelockController internal timelock;
    CuriaGovernor internal governor;
    ModelRegistry internal registry;
    CurationRegistry internal curation;
    AuditRegistry internal audits;
    Marketplace internal marketplace;
    MeteredLicenses internal metering;
    TestStablecoin internal usd;

    address internal guardian = makeAddr("guardian");
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    uint256 internal bobKey;
    address internal carol = makeAddr("carol");
    address internal dave = makeAddr("dave");
    address internal whale = makeAddr("whale");

    function setUp() public virtual {
        vm.warp(START);
        (alice, aliceKey) = makeAddrAndKey("alice");
        (bob, bobKey) = makeAddrAndKey("bob");

        deployScript = new Deploy();
        Deploy.Deployment memory d = deployScript.deploy(defaultConfig(), address(deployScript));
        token = d.token;
        timelock = d.timelock;
        governor = d.governor;
        registry = d.registry;
        curation = d.curation;
        audits = d.audits;
        marketplace = d.marketplace;
        metering = d.metering;
        usd = d.stablecoin;

        address[5] memory holders = [alice, bob, carol, dave, whale];
        for (uint256 i = 0; i < holders.length; ++i) {
            vm.prank(holders[i]);
            token.delegate(holders[i]);
        }
        // Checkpoints are read strictly in the past: move one second on.
        skip(1);
    }

    /// @dev The Governor's settings the tests deploy with.
    function governorSettings() internal view returns (CuriaGovernor.Settings memory) {
        return CuriaGovernor.Settings({
            votingDelay: uint48(VOTING_DELAY),
            votingPeriod: uint32(VOTING_PERIOD),
            proposalThreshold: PROPOSAL_THRESHOLD,
            quorumNumerator: QUORUM_PERCENT,
            lateQuorumVoteExtension: uint48(LATE_QUORUM_EXTENSION),
            proposalGuardian: guardian,
            trustedProposer: address(0)
        });
    }

    function defaultConfig() internal view returns (Deploy.Config memory cfg) {
        cfg.treasuryAmount = TREASURY;
        cfg.recipients = new address[](5);
        cfg.amounts = new uint256[](5);
        (cfg.recipients[0], cfg.amounts[0]) = (alice, 1_000_000e18);
        (cfg.recipients[1], cfg.amounts[1]) = (bob, 2_000_000e18);
        (cfg.recipients[2], cfg.amounts[2]) = (carol, 500_000e18);
        (cfg.recipients[3], cfg.amounts[3]) = (dave, 50_000e18);
        (cfg.recipients[4], cfg.amounts[4]) = (whale, 10_000_000e18);
        cfg.timelockDelay = TIMELOCK_DELAY;
        cfg.governor = governorSettings();
        cfg.curationGuardian = guardian;
        cfg.curation = ICurationParameters.Parameters({
            listingBond: uint88(LISTING_BOND),
            challengeDeposit: uint88(CHALLENGE_DEPOSIT),
            challengePeriod: uint32(CHALLENGE_PERIOD),
            disputeVotingPeriod: uint32(DISPUTE_VOTING_PERIOD),
            disputeQuorumBps: uint16(DISPUTE_QUORUM_BPS),
            appealBond: uint88(APPEAL_BOND),
            appealWindow: uint24(APPEAL_WINDOW),
            unbondingPeriod: uint32(UNBONDING_PERIOD),
            suspensionWindow: uint24(SUSPENSION_WINDOW),
            curatorSlashBps: uint16(CURATOR_SLASH_BPS),
            challengerRewardBps: uint16(CHALLENGER_REWARD_BPS),
            keepCuratorShareBps: uint16(KEEP_CURATOR_SHARE_BPS),
            keepCreatorShareBps: uint16(KEEP_CREATOR_SHARE_BPS),
            disputeVotingDelay: uint24(DISPUTE_VOTING_DELAY)
        });
        cfg.marketplaceFees = IMarketplace.Fees({
            protocolFeeBps: uint16(PROTOCOL_FEE_BPS),
            curatorShareBps: uint16(CURATOR_FEE_SHARE_BPS),
            auditorShareBps: uint16(AUDITOR_FEE_SHARE_BPS),
            lineageRoyaltyBps: uint16(LINEAGE_ROYALTY_BPS)
        });
        cfg.testStablecoin = true;
        cfg.auditorMinimumBond = AUDITOR_MIN_BOND;
        cfg.auditorSlashBps = AUDITOR_SLASH_BPS;
        cfg.auditorUnbondingPeriod = AUDITOR_UNBONDING_PERIOD;
    }

    // ---------------------------------------------------------------- proposal helpers

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function _singleCall(address target, bytes memory data, string memory description)
        internal
        pure
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.targets[0] = target;
        p.calldatas[0] = data;
        p.description = description;
    }

    function _propose(address proposer, Proposal memory p) internal returns (uint256 proposalId) {
        vm.prank(proposer);
        proposalId = governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function _descriptionHash(Proposal memory p) internal pure returns (bytes32) {
        return keccak256(bytes(p.description));
    }

    function _queue(Proposal memory p) internal returns (uint256) {
        return governor.queue(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    function _execute(Proposal memory p) internal returns (uint256) {
        return governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    /// @dev `proposer` proposes `p`; it passes with `whale`'s vote and is queued, ready to execute.
    function _passAndQueue(address proposer, Proposal memory p) internal returns (uint256 proposalId) {
        proposalId = _propose(proposer, p);
        skip(VOTING_DELAY + 1);
        vm.prank(whale);
        governor.castVote(proposalId, 1);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        _queue(p);
        skip(TIMELOCK_DELAY);
    }

    /// @dev Proposes, passes with `whale`'s vote, queues and executes `p`.
    function _passAndExecute(Proposal memory p) internal returns (uint256 proposalId) {
        proposalId = _passAndQueue(whale, p);
        _execute(p);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed));
    }

    function _ballotDigest(uint256 proposalId, uint8 support, address voter, uint256 nonce)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(BALLOT_TYPEHASH, proposalId, support, voter, nonce));
        return MessageHashUtils.toTypedDataHash(_domainSeparator(address(governor), "Curia Governor"), structHash);
    }

    function _domainSeparator(address verifyingContract, string memory name) internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes("1")),
                block.chainid,
                verifyingContract
            )
        );
    }
}
