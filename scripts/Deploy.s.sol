// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Script} from "forge-std/Script.sol";

import {CurationRegistry} from "../contracts/curation/CurationRegistry.sol";
import {CuriaGovernor} from "../contracts/governance/CuriaGovernor.sol";
import {
    GOVERNOR_MAX_PROPOSAL_THRESHOLD_BPS,
    GOVERNOR_MAX_QUORUM_NUMERATOR,
    GOVERNOR_MAX_VOTING_DELAY,
    GOVERNOR_MAX_VOTING_PERIOD,
    GOVERNOR_MIN_LATE_QUORUM_VOTE_EXTENSION,
    GOVERNOR_MIN_PROPOSAL_THRESHOLD_BPS,
    GOVERNOR_MIN_QUORUM_NUMERATOR,
    GOVERNOR_MIN_VOTING_DELAY,
    GOVERNOR_MIN_VOTING_PERIOD
} from "../contracts/governance/CuriaGovernorBounds.sol";
import {ICurationParameters} from "../contracts/interfaces/ICurationParameters.sol";
import {IDisputeHook} from "../contracts/interfaces/IDisputeHook.sol";
import {IMarketplace} from "../contracts/interfaces/IMarketplace.sol";
import {IOwnerHook} from "../contracts/interfaces/IOwnerHook.sol";
import {IPassHook} from "../contracts/interfaces/IPassHook.sol";
import {IStakeHook} from "../contracts/interfaces/IStakeHook.sol";
import {IVersionHook} from "../contracts/interfaces/IVersionHook.sol";
import {AuditRegistry} from "../contracts/marketplace/AuditRegistry.sol";
import {Marketplace} from "../contracts/marketplace/Marketplace.sol";
import {MeteredLicenses} from "../contracts/marketplace/MeteredLicenses.sol";
import {ModelRegistry} from "../contracts/registry/ModelRegistry.sol";
import {CuriaToken} from "../contracts/token/CuriaToken.sol";
import {TestStablecoin} from "./mocks/TestStablecoin.sol";

/// @title Deploy
/// @notice Deploys Curia: token, timelock (executor and treasury), Governor and model registry, wires the timelock's
/// roles to the Governor and renounces every power the deployer held. Tests deploy through {deploy} too, so the
/// deployment they check is the one that ships.
/// @dev `run` reads the TOML file named by `CURIA_CONFIG` (default `config/deploy.local.toml`) and writes the manifest
/// `deployments/<chainId>.json`.
contract Deploy is Script {
    using SafeCast for uint256;

    struct Config {
        uint256 treasuryAmount;
        address[] recipients;
        uint256[] amounts;
        uint256 timelockDelay;
        CuriaGovernor.Settings governor;
        address curationGuardian;
        ICurationParameters.Parameters curation;
        IMarketplace.Fees marketplaceFees;
        address[] currencies;
        bool testStablecoin;
        uint256 auditorMinimumBond;
        uint256 auditorSlashBps;
        uint256 auditorUnbondingPeriod;
    }

    struct Deployment {
        CuriaToken token;
        TimelockController timelock;
        CuriaGovernor governor;
        ModelRegistry registry;
        CurationRegistry curation;
        AuditRegistry audits;
        Marketplace marketplace;
        MeteredLicenses metering;
        TestStablecoin stablecoin;
    }

    error DeployConfigInvalid(string reason);

    function run() external returns (Deployment memory d) {
        // The config's TOML text may come in CURIA_CONFIG_TOML (for files forge may not read); else from the file.
        string memory toml = vm.envOr("CURIA_CONFIG_TOML", string(""));
        if (bytes(toml).length == 0) toml = vm.readFile(vm.envOr("CURIA_CONFIG", string("config/deploy.local.toml")));
        Config memory cfg = loadConfig(toml);
        uint256 startBlock = block.number;
        // The key comes from the environment (never the command line); without one, forge's --sender/--unlocked or
        // --keystore decides who sends.
        uint256 key = vm.envOr("DEPLOYER_PRIVATE_KEY", uint256(0));
        if (key != 0) vm.startBroadcast(key);
        else vm.startBroadcast();
        (, address deployer,) = vm.readCallers();
        d = deploy(cfg, deployer);
        vm.stopBroadcast();
        _writeManifest(d, cfg, startBlock);
    }

    /// @notice Parses a deployment config (amounts in whole tokens, durations in seconds) and checks its bounds.
    function loadConfig(string memory toml) public pure returns (Config memory cfg) {
        cfg.treasuryAmount = vm.parseTomlUint(toml, ".token.treasury") * 1e18;
        cfg.recipients = vm.parseTomlAddressArray(toml, ".token.recipients");
        cfg.amounts = vm.parseTomlUintArray(toml, ".token.amounts");
        for (uint256 i = 0; i < cfg.amounts.length; ++i) {
            cfg.amounts[i] *= 1e18;
        }
        cfg.timelockDelay = vm.parseTomlUint(toml, ".timelock.min_delay");
        cfg.governor = CuriaGovernor.Settings({
            votingDelay: uint48(vm.parseTomlUint(toml, ".governor.voting_delay")),
            votingPeriod: uint32(vm.parseTomlUint(toml, ".governor.voting_period")),
            proposalThreshold: vm.parseTomlUint(toml, ".governor.proposal_threshold") * 1e18,
            quorumNumerator: vm.parseTomlUint(toml, ".governor.quorum_numerator"),
            lateQuorumVoteExtension: uint48(vm.parseTomlUint(toml, ".governor.late_quorum_extension")),
            proposalGuardian: vm.parseTomlAddress(toml, ".governor.proposal_guardian"),
            trustedProposer: address(0)
        });
        cfg.curationGuardian = vm.parseTomlAddress(toml, ".curation.guardian");
        // By name; token amounts are given in whole tokens. A value too wide for its field reverts (SafeCast).
        cfg.curation = ICurationParameters.Parameters({
            listingBond: _curation(toml, "listing_bond", 1e18).toUint88(),
            challengeDeposit: _curation(toml, "challenge_deposit", 1e18).toUint88(),
            challengePeriod: _curation(toml, "challenge_period", 1).toUint32(),
            disputeVotingPeriod: _curation(toml, "dispute_voting_period", 1).toUint32(),
            disputeQuorumBps: _curation(toml, "dispute_quorum_bps", 1).toUint16(),
            appealBond: _curation(toml, "appeal_bond", 1e18).toUint88(),
            appealWindow: _curation(toml, "appeal_window", 1).toUint24(),
            unbondingPeriod: _curation(toml, "unbonding_period", 1).toUint32(),
            suspensionWindow: _curation(toml, "suspension_window", 1).toUint24(),
            curatorSlashBps: _curation(toml, "curator_slash_bps", 1).toUint16(),
            challengerRewardBps: _curation(toml, "challenger_reward_bps", 1).toUint16(),
            keepCuratorShareBps: _curation(toml, "keep_curator_share_bps", 1).toUint16(),
            keepCreatorShareBps: _curation(toml, "keep_creator_share_bps", 1).toUint16(),
            disputeVotingDelay: _curation(toml, "dispute_voting_delay", 1).toUint24()
        });
        cfg.marketplaceFees = IMarketplace.Fees({
            protocolFeeBps: _parseBps(toml, "marketplace.protocol_fee_bps"),
            curatorShareBps: _parseBps(toml, "marketplace.curator_share_bps"),
            auditorShareBps: _parseBps(toml, "marketplace.auditor_share_bps"),
            lineageRoyaltyBps: _parseBps(toml, "marketplace.lineage_royalty_bps")
        });
        cfg.currencies = vm.parseTomlAddressArray(toml, ".marketplace.currencies");
        cfg.testStablecoin = vm.parseTomlBool(toml, ".marketplace.test_stablecoin");
        cfg.auditorMinimumBond = vm.parseTomlUint(toml, ".audits.minimum_bond") * 1e18;
        cfg.auditorSlashBps = vm.parseTomlUint(toml, ".audits.auditor_slash_bps");
        cfg.auditorUnbondingPeriod = vm.parseTomlUint(toml, ".audits.unbonding_period");
        checkConfig(cfg);
    }

    /// @notice Rejects a config that would deploy a DAO nobody can use.
    function checkConfig(Config memory cfg) public pure {
        if (cfg.recipients.length != cfg.amounts.length) {
            revert DeployConfigInvalid("token.recipients and token.amounts differ in length");
        }
        if (cfg.timelockDelay == 0 || cfg.timelockDelay > 30 days) {
            revert DeployConfigInvalid("timelock.min_delay must be between 1 second and 30 days");
        }
        // The Governor's own bounds (CuriaGovernor refuses anything else), checked here first for a readable message.
        CuriaGovernor.Settings memory g = cfg.governor;
        if (g.votingPeriod < GOVERNOR_MIN_VOTING_PERIOD || g.votingPeriod > GOVERNOR_MAX_VOTING_PERIOD) {
            revert DeployConfigInvalid("governor.voting_period must be between 259200 (3 days) and 2592000 (30 days)");
        }
        if (g.votingDelay < GOVERNOR_MIN_VOTING_DELAY || g.votingDelay > GOVERNOR_MAX_VOTING_DELAY) {
            revert DeployConfigInvalid("governor.voting_delay must be between 3600 (1 hour) and 1209600 (14 days)");
        }
        if (g.quorumNumerator < GOVERNOR_MIN_QUORUM_NUMERATOR || g.quorumNumerator > GOVERNOR_MAX_QUORUM_NUMERATOR) {
            revert DeployConfigInvalid("governor.quorum_numerator must be between 1 and 20");
        }
        if (g.lateQuorumVoteExtension < GOVERNOR_MIN_LATE_QUORUM_VOTE_EXTENSION || g.lateQuorumVoteExtension > 3 days) {
            revert DeployConfigInvalid("governor.late_quorum_extension must be between 3600 (1 hour) and 259200 (3 days)");
        }
        uint256 supply = cfg.treasuryAmount;
        for (uint256 i = 0; i < cfg.amounts.length; ++i) {
            supply += cfg.amounts[i];
        }
        if (
            g.proposalThreshold < (supply * GOVERNOR_MIN_PROPOSAL_THRESHOLD_BPS) / 10_000
                || g.proposalThreshold > (supply * GOVERNOR_MAX_PROPOSAL_THRESHOLD_BPS) / 10_000
        ) {
            revert DeployConfigInvalid("governor.proposal_threshold must be between 0.01% and 1% of the token supply");
        }
        IMarketplace.Fees memory fees = cfg.marketplaceFees;
        if (fees.protocolFeeBps > 2000) {
            revert DeployConfigInvalid("marketplace.protocol_fee_bps must be at most 2000 (20%)");
        }
        if (uint256(fees.curatorShareBps) + fees.auditorShareBps > 10_000) {
            revert DeployConfigInvalid("marketplace.curator_share_bps + auditor_share_bps must be at most 10000 (100%)");
        }
        if (fees.lineageRoyaltyBps > 5000) {
            revert DeployConfigInvalid("marketplace.lineage_royalty_bps must be at most 5000 (50%)");
        }
        if (cfg.auditorMinimumBond == 0 || cfg.auditorMinimumBond > 100_000_000e18) {
            revert DeployConfigInvalid("audits.minimum_bond must be between 1 and 100,000,000 CUR");
        }
        if (cfg.auditorSlashBps > 10_000) {
            revert DeployConfigInvalid("audits.auditor_slash_bps must be at most 10000 (100%)");
        }
        // The longest dispute path: a bond must not unbond faster (AuditRegistry.unbondingFloor).
        ICurationParameters.Parameters memory c = cfg.curation;
        uint256 disputePath = uint256(c.challengePeriod) + c.disputeVotingDelay + c.disputeVotingPeriod + c.appealWindow
            + cfg.governor.votingDelay + cfg.governor.votingPeriod + cfg.governor.lateQuorumVoteExtension;
        if (cfg.auditorUnbondingPeriod < disputePath || cfg.auditorUnbondingPeriod > 365 days) {
            revert DeployConfigInvalid("audits.unbonding_period must cover the longest dispute path (see the config) and be at most 365 days");
        }
    }

    /// @notice Deploys and wires the contracts. `deployer` is the account sending the transactions; it ends with no
    /// role anywhere.
    function deploy(Config memory cfg, address deployer) public returns (Deployment memory d) {
        address[] memory currencies = cfg.currencies;
        if (cfg.testStablecoin) {
            d.stablecoin = new TestStablecoin();
            currencies = new address[](cfg.currencies.length + 1);
            for (uint256 i = 0; i < cfg.currencies.length; ++i) {
                currencies[i] = cfg.currencies[i];
            }
            currencies[cfg.currencies.length] = address(d.stablecoin);
        }
        d.timelock = new TimelockController(cfg.timelockDelay, new address[](0), new address[](0), deployer);

        address[] memory recipients = new address[](cfg.recipients.length + 1);
        uint256[] memory amounts = new uint256[](cfg.recipients.length + 1);
        recipients[0] = address(d.timelock);
        amounts[0] = cfg.treasuryAmount;
        for (uint256 i = 0; i < cfg.recipients.length; ++i) {
            recipients[i + 1] = cfg.recipients[i];
            amounts[i + 1] = cfg.amounts[i];
        }
        d.token = new CuriaToken(recipients, amounts);
        // The curation registry opens appeals as Governor proposals, so the Governor must trust it. It is deployed two
        // transactions after the Governor: predict its address from the deployer's nonce, and check it below.
        cfg.governor.trustedProposer = vm.computeCreateAddress(deployer, vm.getNonce(deployer) + 2);
        d.governor = new CuriaGovernor(d.token, d.timelock, cfg.governor);
        // The model registry tells the curation registry (deployed next) of every new version, and the marketplace
        // (deployed three transactions after it) before an entry changes hands.
        d.registry = new ModelRegistry(
            IVersionHook(vm.computeCreateAddress(deployer, vm.getNonce(deployer) + 1)),
            IOwnerHook(vm.computeCreateAddress(deployer, vm.getNonce(deployer) + 3))
        );
        // The marketplace settles curator fees whenever a stake changes, and the audit registry freezes auditors'
        // bonds while a model they passed is disputed: the curation registry calls both. They are deployed one and
        // two transactions after it. The audit registry also tells the marketplace before a model's passers change.
        address audits = vm.computeCreateAddress(deployer, vm.getNonce(deployer) + 1);
        address marketplace = vm.computeCreateAddress(deployer, vm.getNonce(deployer) + 2);
        d.curation = new CurationRegistry(
            address(d.token),
            d.registry,
            d.governor,
            address(d.timelock),
            cfg.curationGuardian,
            IStakeHook(marketplace),
            IDisputeHook(audits),
            cfg.curation
        );
        if (address(d.curation) != cfg.governor.trustedProposer) revert DeployConfigInvalid("curation address moved");
        d.audits = new AuditRegistry(
            d.token,
            d.registry,
            d.curation,
            d.governor,
            address(d.timelock),
            IPassHook(marketplace),
            cfg.auditorUnbondingPeriod,
            cfg.auditorMinimumBond,
            cfg.auditorSlashBps
        );
        if (address(d.audits) != audits) revert DeployConfigInvalid("audit registry address moved");
        // The metered-licenses contract comes right after the marketplace, which accepts usage only from it.
        address metering = vm.computeCreateAddress(deployer, vm.getNonce(deployer) + 1);
        d.marketplace = new Marketplace(
            d.registry, d.curation, d.audits, address(d.timelock), cfg.marketplaceFees, currencies, metering
        );
        if (address(d.marketplace) != marketplace || address(d.registry.ownerHook()) != marketplace) {
            revert DeployConfigInvalid("marketplace address moved");
        }
        d.metering = new MeteredLicenses(d.registry, d.marketplace);
        if (address(d.metering) != metering) revert DeployConfigInvalid("metered licenses address moved");

        // The Governor is the only proposer and canceller; anyone may execute; the deployer lets go of the admin role.
        d.timelock.grantRole(d.timelock.PROPOSER_ROLE(), address(d.governor));
        d.timelock.grantRole(d.timelock.CANCELLER_ROLE(), address(d.governor));
        d.timelock.grantRole(d.timelock.EXECUTOR_ROLE(), address(0));
        d.timelock.renounceRole(d.timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }

    function _writeManifest(Deployment memory d, Config memory cfg, uint256 startBlock) internal {
        string memory c = "contracts";
        vm.serializeAddress(c, "CuriaToken", address(d.token));
        vm.serializeAddress(c, "TimelockController", address(d.timelock));
        vm.serializeAddress(c, "CuriaGovernor", address(d.governor));
        vm.serializeAddress(c, "ModelRegistry", address(d.registry));
        vm.serializeAddress(c, "CurationRegistry", address(d.curation));
        vm.serializeAddress(c, "AuditRegistry", address(d.audits));
        if (address(d.stablecoin) != address(0)) vm.serializeAddress(c, "TestStablecoin", address(d.stablecoin));
        vm.serializeAddress(c, "Marketplace", address(d.marketplace));
        string memory contracts = vm.serializeAddress(c, "MeteredLicenses", address(d.metering));

        string memory p = "parameters";
        vm.serializeUint(p, "timelockDelay", cfg.timelockDelay);
        vm.serializeUint(p, "votingDelay", cfg.governor.votingDelay);
        vm.serializeUint(p, "votingPeriod", cfg.governor.votingPeriod);
        vm.serializeString(p, "proposalThreshold", vm.toString(cfg.governor.proposalThreshold));
        vm.serializeUint(p, "quorumNumerator", cfg.governor.quorumNumerator);
        vm.serializeUint(p, "lateQuorumVoteExtension", cfg.governor.lateQuorumVoteExtension);
        vm.serializeAddress(p, "curationGuardian", cfg.curationGuardian);
        string memory m2 = "marketplace";
        vm.serializeUint(m2, "protocolFeeBps", cfg.marketplaceFees.protocolFeeBps);
        vm.serializeUint(m2, "curatorShareBps", cfg.marketplaceFees.curatorShareBps);
        vm.serializeUint(m2, "auditorShareBps", cfg.marketplaceFees.auditorShareBps);
        vm.serializeUint(m2, "lineageRoyaltyBps", cfg.marketplaceFees.lineageRoyaltyBps);
        vm.serializeString(p, "marketplace", vm.serializeAddress(m2, "currencies", cfg.currencies));
        string memory a2 = "audits";
        vm.serializeString(a2, "minimumBond", vm.toString(cfg.auditorMinimumBond));
        vm.serializeUint(a2, "auditorSlashBps", cfg.auditorSlashBps);
        vm.serializeString(p, "audits", vm.serializeUint(a2, "unbondingPeriod", cfg.auditorUnbondingPeriod));
        string memory q = "curation";
        ICurationParameters.Parameters memory cp = cfg.curation;
        vm.serializeString(q, "listing_bond", vm.toString(cp.listingBond));
        vm.serializeString(q, "challenge_deposit", vm.toString(cp.challengeDeposit));
        vm.serializeString(q, "challenge_period", vm.toString(cp.challengePeriod));
        vm.serializeString(q, "dispute_voting_period", vm.toString(cp.disputeVotingPeriod));
        vm.serializeString(q, "dispute_quorum_bps", vm.toString(cp.disputeQuorumBps));
        vm.serializeString(q, "appeal_bond", vm.toString(cp.appealBond));
        vm.serializeString(q, "appeal_window", vm.toString(cp.appealWindow));
        vm.serializeString(q, "unbonding_period", vm.toString(cp.unbondingPeriod));
        vm.serializeString(q, "suspension_window", vm.toString(cp.suspensionWindow));
        vm.serializeString(q, "curator_slash_bps", vm.toString(cp.curatorSlashBps));
        vm.serializeString(q, "challenger_reward_bps", vm.toString(cp.challengerRewardBps));
        vm.serializeString(q, "keep_curator_share_bps", vm.toString(cp.keepCuratorShareBps));
        vm.serializeString(q, "keep_creator_share_bps", vm.toString(cp.keepCreatorShareBps));
        string memory curation = vm.serializeString(q, "dispute_voting_delay", vm.toString(cp.disputeVotingDelay));
        vm.serializeString(p, "curation", curation);
        string memory parameters = vm.serializeAddress(p, "proposalGuardian", cfg.governor.proposalGuardian);

        string memory m = "manifest";
        vm.serializeUint(m, "chainId", block.chainid);
        vm.serializeUint(m, "startBlock", startBlock);
        vm.serializeString(m, "contracts", contracts);
        string memory manifest = vm.serializeString(m, "parameters", parameters);
        vm.writeJson(manifest, string.concat("deployments/", vm.toString(block.chainid), ".json"));
    }

    /// @dev Curation parameter `key` of the config, times `unit`.
    function _curation(string memory toml, string memory key, uint256 unit) internal pure returns (uint256) {
        return vm.parseTomlUint(toml, string.concat(".curation.", key)) * unit;
    }

    /// @notice Reads the basis-point value at `key` (e.g. "marketplace.protocol_fee_bps"), refusing one above 10,000
    /// (100%) before it is narrowed to uint16; the tighter bounds are {checkConfig}'s.
    function _parseBps(string memory toml, string memory key) internal pure returns (uint16) {
        uint256 value = vm.parseTomlUint(toml, string.concat(".", key));
        if (value > 10_000) revert DeployConfigInvalid(string.concat(key, " must be at most 10000 (100%)"));
        return uint16(value);
    }
}
