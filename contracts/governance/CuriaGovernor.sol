// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {
    GovernorVotesQuorumFraction
} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {GovernorCodeHashPin} from "./extensions/GovernorCodeHashPin.sol";
import {GovernorLateQuorumWindow} from "./extensions/GovernorLateQuorumWindow.sol";
import {GovernorTrustedProposer} from "./extensions/GovernorTrustedProposer.sol";

/// @title CuriaGovernor
/// @notice The Curia DAO: OpenZeppelin's Governor with simple counting (Against/For/Abstain), token-weighted votes on
/// the token's timestamp clock, a quorum fraction, late-quorum protection (checked only inside the late window), a proposal guardian that can cancel a
/// malicious proposal at any stage, execution through a TimelockController that is also the treasury, and one trusted
/// proposer (the curation registry, which opens appeals as proposals); proposals can pin their targets' code.
/// @dev A thin composition: every behaviour comes from the extensions.
contract CuriaGovernor is
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotesQuorumFraction,
    GovernorLateQuorumWindow,
    GovernorProposalGuardian,
    GovernorTimelockControl,
    GovernorTrustedProposer,
    GovernorCodeHashPin
{
    /// @notice Initial settings; each can later be changed by a governance proposal.
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint48 lateQuorumVoteExtension;
        address proposalGuardian;
        address trustedProposer;
    }

    /// @notice The token does not count time in seconds (ERC-6372 `mode=timestamp`), which this Governor requires.
    error CuriaGovernorTokenClockNotTimestamp(string tokenClockMode);

    /// @notice A quorum of zero would let any single vote pass a proposal and switch off late-quorum protection.
    error CuriaGovernorZeroQuorum();

    constructor(IVotes token, TimelockController timelock, Settings memory settings)
        Governor("Curia Governor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(settings.quorumNumerator)
        GovernorPreventLateQuorum(settings.lateQuorumVoteExtension)
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

    /// @dev Refuses a zero quorum numerator (also at construction): {GovernorLateQuorumWindow} relies on a quorum
    /// above zero, and the token's supply is fixed and positive, so any numerator from 1 keeps it there.
    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        if (newQuorumNumerator == 0) revert CuriaGovernorZeroQuorum();
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    // The overrides below only resolve multiple inheritance; each defers to the extensions in order.

    function proposalDeadline(uint256 proposalId)
        public
        view
        override(Governor, GovernorLateQuorumWindow)
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
        override(Governor, GovernorLateQuorumWindow)
        returns (uint256)
    {
        return super._castVote(proposalId, account, support, reason, params);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorLateQuorumWindow) {
        super._tallyUpdated(proposalId);
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
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
