// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {
    GovernorVotesQuorumFraction
} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {ICuriaGovernor} from "../interfaces/ICuriaGovernor.sol";
import {Bps} from "../libraries/Bps.sol";
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
} from "./CuriaGovernorBounds.sol";
import {GovernorCodeHashPin} from "./extensions/GovernorCodeHashPin.sol";
import {GovernorGuardianLimits} from "./extensions/GovernorGuardianLimits.sol";
import {GovernorPackedCounting} from "./extensions/GovernorPackedCounting.sol";
import {GovernorTrustedProposer} from "./extensions/GovernorTrustedProposer.sol";

/// @title CuriaGovernor
/// @notice The Curia DAO: OpenZeppelin's Governor with simple counting (Against/For/Abstain), token-weighted votes on
/// the token's timestamp clock, a quorum fraction, late-quorum protection, a proposal guardian that can cancel a
/// malicious proposal at any stage (except one that changes the guardian), execution through a TimelockController that
/// is also the treasury, and one trusted proposer (the curation registry, which opens appeals as proposals); proposals
/// can pin their targets' code. Every setting has hard bounds ({ICuriaGovernor}).
/// @dev A thin composition: counting and late quorum share one slot per proposal ({GovernorPackedCounting}); the rest
/// comes from OpenZeppelin's extensions and the ones in `extensions/`.
contract CuriaGovernor is
    ICuriaGovernor,
    GovernorVotesQuorumFraction,
    GovernorSettings,
    GovernorPackedCounting,
    GovernorGuardianLimits,
    GovernorTimelockControl,
    GovernorTrustedProposer,
    GovernorCodeHashPin
{
    /// @notice Initial settings; each can later be changed by a governance proposal, within the bounds below.
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint48 lateQuorumVoteExtension;
        address proposalGuardian;
        address trustedProposer;
    }

    constructor(IVotes token, TimelockController timelock, Settings memory settings)
        Governor("Curia Governor")
        GovernorVotes(token)
        GovernorVotesQuorumFraction(settings.quorumNumerator)
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorPackedCounting(settings.lateQuorumVoteExtension)
        GovernorTimelockControl(timelock)
        GovernorTrustedProposer(settings.trustedProposer)
    {
        string memory tokenClockMode = IERC6372(address(token)).CLOCK_MODE();
        if (keccak256(bytes(tokenClockMode)) != keccak256("mode=timestamp")) {
            revert CuriaGovernorTokenClockNotTimestamp(tokenClockMode);
        }
        if (settings.proposalGuardian != address(0)) {
            _setProposalGuardian(settings.proposalGuardian);
        }
    }

    /// @inheritdoc GovernorVotes
    /// @dev The token's clock, checked at construction to be the block timestamp, read here without a call to the
    /// token: every proposal, vote and state read asks for the time.
    function clock() public view override(Governor, GovernorVotes) returns (uint48) {
        return Time.timestamp();
    }

    /// @inheritdoc GovernorVotes
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(Governor, GovernorVotes) returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------- bounds

    /// @inheritdoc ICuriaGovernor
    function votingDelayBounds() external pure returns (uint256 min, uint256 max) {
        return (GOVERNOR_MIN_VOTING_DELAY, GOVERNOR_MAX_VOTING_DELAY);
    }

    /// @inheritdoc ICuriaGovernor
    function votingPeriodBounds() external pure returns (uint256 min, uint256 max) {
        return (GOVERNOR_MIN_VOTING_PERIOD, GOVERNOR_MAX_VOTING_PERIOD);
    }

    /// @inheritdoc ICuriaGovernor
    function lateQuorumVoteExtensionBounds() external pure returns (uint256 min, uint256 max) {
        return (GOVERNOR_MIN_LATE_QUORUM_VOTE_EXTENSION, MAX_LATE_QUORUM_VOTE_EXTENSION);
    }

    /// @inheritdoc ICuriaGovernor
    function quorumNumeratorBounds() external pure returns (uint256 min, uint256 max) {
        return (GOVERNOR_MIN_QUORUM_NUMERATOR, GOVERNOR_MAX_QUORUM_NUMERATOR);
    }

    /// @inheritdoc ICuriaGovernor
    function proposalThresholdBounds() public view returns (uint256 min, uint256 max) {
        uint256 supply = IERC20(address(token())).totalSupply();
        return (
            Bps.share(supply, GOVERNOR_MIN_PROPOSAL_THRESHOLD_BPS),
            Bps.share(supply, GOVERNOR_MAX_PROPOSAL_THRESHOLD_BPS)
        );
    }

    /// @dev Within [GOVERNOR_MIN_QUORUM_NUMERATOR, GOVERNOR_MAX_QUORUM_NUMERATOR] (also at construction). Above zero, as
    /// {GovernorPackedCounting} requires: with CUR's fixed positive supply the quorum is then above zero.
    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        if (newQuorumNumerator < GOVERNOR_MIN_QUORUM_NUMERATOR || newQuorumNumerator > GOVERNOR_MAX_QUORUM_NUMERATOR) {
            revert CuriaGovernorQuorumNumeratorOutOfBounds(
                newQuorumNumerator, GOVERNOR_MIN_QUORUM_NUMERATOR, GOVERNOR_MAX_QUORUM_NUMERATOR
            );
        }
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    /// @dev Within [GOVERNOR_MIN_VOTING_DELAY, GOVERNOR_MAX_VOTING_DELAY] (also at construction).
    function _setVotingDelay(uint48 newVotingDelay) internal override {
        if (newVotingDelay < GOVERNOR_MIN_VOTING_DELAY || newVotingDelay > GOVERNOR_MAX_VOTING_DELAY) {
            revert CuriaGovernorVotingDelayOutOfBounds(
                newVotingDelay, GOVERNOR_MIN_VOTING_DELAY, GOVERNOR_MAX_VOTING_DELAY
            );
        }
        super._setVotingDelay(newVotingDelay);
    }

    /// @dev Within [GOVERNOR_MIN_VOTING_PERIOD, GOVERNOR_MAX_VOTING_PERIOD] (also at construction).
    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        if (newVotingPeriod < GOVERNOR_MIN_VOTING_PERIOD || newVotingPeriod > GOVERNOR_MAX_VOTING_PERIOD) {
            revert CuriaGovernorVotingPeriodOutOfBounds(
                newVotingPeriod, GOVERNOR_MIN_VOTING_PERIOD, GOVERNOR_MAX_VOTING_PERIOD
            );
        }
        super._setVotingPeriod(newVotingPeriod);
    }

    /// @dev Within [GOVERNOR_MIN_LATE_QUORUM_VOTE_EXTENSION, MAX_LATE_QUORUM_VOTE_EXTENSION] (also at construction).
    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal override {
        if (
            newVoteExtension < GOVERNOR_MIN_LATE_QUORUM_VOTE_EXTENSION
                || newVoteExtension > MAX_LATE_QUORUM_VOTE_EXTENSION
        ) {
            revert CuriaGovernorLateQuorumExtensionOutOfBounds(
                newVoteExtension, GOVERNOR_MIN_LATE_QUORUM_VOTE_EXTENSION, MAX_LATE_QUORUM_VOTE_EXTENSION
            );
        }
        super._setLateQuorumVoteExtension(newVoteExtension);
    }

    /// @dev Within {proposalThresholdBounds} (also at construction: the token, and its whole supply, exist by then).
    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        (uint256 min, uint256 max) = proposalThresholdBounds();
        if (newProposalThreshold < min || newProposalThreshold > max) {
            revert CuriaGovernorProposalThresholdOutOfBounds(newProposalThreshold, min, max);
        }
        super._setProposalThreshold(newProposalThreshold);
    }

    // The overrides below only resolve multiple inheritance; each defers to the extensions in order.

    function proposalDeadline(uint256 proposalId)
        public
        view
        override(Governor, GovernorPackedCounting)
        returns (uint256)
    {
        return super.proposalDeadline(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public override(Governor, GovernorTrustedProposer) returns (uint256) {
        return super.propose(targets, values, calldatas, description);
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _castVote(uint256 proposalId, address account, uint8 support, string memory reason, bytes memory params)
        internal
        override(Governor, GovernorPackedCounting)
        returns (uint256)
    {
        return super._castVote(proposalId, account, support, reason, params);
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorPackedCounting, GovernorGuardianLimits) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public override(Governor, GovernorGuardianLimits) returns (uint256) {
        return super.cancel(targets, values, calldatas, descriptionHash);
    }

    function _validateCancel(uint256 proposalId, address caller)
        internal
        view
        override(Governor, GovernorProposalGuardian)
        returns (bool)
    {
        return super._validateCancel(proposalId, caller);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorPackedCounting, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
