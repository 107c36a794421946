// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";

import {GovernorCodeHashPin} from "./GovernorCodeHashPin.sol";

/// @title GovernorGuardianLimits
/// @notice OpenZeppelin's proposal guardian (it may cancel any proposal at any stage before execution), except the
/// proposals that change the guardian: the DAO can always replace or remove its guardian, whatever the guardian thinks
/// of it. So that this cannot shield other actions from the guardian, a proposal that changes the guardian may contain
/// nothing else (besides code-hash pins of the Governor, which only read).
/// @dev A guardian change is a call to this Governor's `setProposalGuardian`. It is the only way to change the
/// guardian: the setter is `onlyGovernance`, so it must come from the executor (the timelock) as a proposal's action;
/// `relay` cannot reach it (the Governor itself is not the executor).
abstract contract GovernorGuardianLimits is GovernorProposalGuardian {
    /// @notice A proposal that changes the guardian has another action (index `actionIndex`), which would put that
    /// action out of the guardian's reach.
    error GovernorGuardianChangeNotAlone(uint256 actionIndex, address target, bytes4 selector);

    /// @notice The guardian cannot cancel a proposal that changes the guardian.
    error GovernorGuardianCannotCancelGuardianChange(uint256 proposalId);

    /// @notice Whether the actions include a call to this Governor's `setProposalGuardian`.
    function changesProposalGuardian(address[] memory targets, bytes[] memory calldatas)
        public
        view
        virtual
        returns (bool)
    {
        if (targets.length != calldatas.length) return false; // refused by Governor as malformed
        for (uint256 i = 0; i < targets.length; ++i) {
            if (targets[i] == address(this) && _selector(calldatas[i]) == this.setProposalGuardian.selector) {
                return true;
            }
        }
        return false;
    }

    /// @notice Cancels a proposal (see Governor): its proposer while it is Pending, the guardian at any stage.
    /// @dev The guardian's right stops at proposals that change the guardian; a guardian who proposed one may still
    /// cancel it while it is Pending, as any proposer may.
    function cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public virtual override returns (uint256) {
        address caller = _msgSender();
        if (caller == proposalGuardian() && changesProposalGuardian(targets, calldatas)) {
            uint256 proposalId = getProposalId(targets, values, calldatas, descriptionHash);
            if (caller != proposalProposer(proposalId) || state(proposalId) != ProposalState.Pending) {
                revert GovernorGuardianCannotCancelGuardianChange(proposalId);
            }
        }
        return super.cancel(targets, values, calldatas, descriptionHash);
    }

    /// @dev Refuses a proposal that changes the guardian and does anything else.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256) {
        if (values.length == targets.length && changesProposalGuardian(targets, calldatas)) {
            for (uint256 i = 0; i < targets.length; ++i) {
                bytes4 selector = _selector(calldatas[i]);
                bool allowed = targets[i] == address(this) && values[i] == 0
                    && (selector == this.setProposalGuardian.selector
                        || selector == GovernorCodeHashPin.requireCodeHash.selector);
                if (!allowed) revert GovernorGuardianChangeNotAlone(i, targets[i], selector);
            }
        }
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _selector(bytes memory data) private pure returns (bytes4) {
        if (data.length < 4) return bytes4(0);
        return bytes4(data[0]) | (bytes4(data[1]) >> 8) | (bytes4(data[2]) >> 16) | (bytes4(data[3]) >> 24);
    }
}
