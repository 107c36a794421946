// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";

/// @title GovernorTrustedProposer
/// @notice Lets one contract chosen by the DAO (Curia's curation registry, for appeals) create proposals without
/// holding the proposal threshold. Everyone else proposes as usual.
/// @dev Warning: the trusted proposer can put any actions to a vote. Only set it to a contract whose proposals are
/// fully determined by its own code (the curation registry only ever proposes "restore model #N"). Proposals it
/// creates still need the vote, the quorum and the timelock like any other.
abstract contract GovernorTrustedProposer is Governor {
    address private _trustedProposer;

    /// @notice The trusted proposer changed.
    event TrustedProposerSet(address oldTrustedProposer, address newTrustedProposer);

    constructor(address initialTrustedProposer) {
        _setTrustedProposer(initialTrustedProposer);
    }

    /// @notice The contract allowed to propose without the proposal threshold (zero: nobody).
    function trustedProposer() public view virtual returns (address) {
        return _trustedProposer;
    }

    /// @notice Replaces or removes (zero address) the trusted proposer. Only through a governance proposal.
    function setTrustedProposer(address newTrustedProposer) public virtual onlyGovernance {
        _setTrustedProposer(newTrustedProposer);
    }

    /// @inheritdoc Governor
    /// @dev The trusted proposer skips the threshold check; the description restriction (`#proposer=`) still holds.
    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public virtual override returns (uint256) {
        address proposer = _msgSender();
        if (proposer != _trustedProposer || proposer == address(0)) {
            return super.propose(targets, values, calldatas, description);
        }
        if (!_isValidDescriptionForProposer(proposer, description)) {
            revert GovernorRestrictedProposer(proposer);
        }
        return _propose(targets, values, calldatas, description, proposer);
    }

    function _setTrustedProposer(address newTrustedProposer) internal virtual {
        emit TrustedProposerSet(_trustedProposer, newTrustedProposer);
        _trustedProposer = newTrustedProposer;
    }
}
