// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";

/// @title GovernorCodeHashPin
/// @notice Lets a proposal pin the code its actions will run against. A proposal that lists
/// `requireCodeHash(target, codeHash)` before its other actions executes only if `target` still has the code voters
/// saw; if the code was replaced after the vote (a contract destroyed and redeployed at the same address, as in the
/// Tornado Cash governance attack of 2023) the whole execution reverts.
/// @dev The check is a view call made by the executor (the timelock) as one of the proposal's own actions, so it runs
/// in the same atomic batch as the actions it guards, whoever triggers the execution. The portal's composer adds one
/// pin per contract target.
abstract contract GovernorCodeHashPin is Governor {
    /// @notice `target`'s code is no longer the code pinned by the proposal.
    error GovernorCodeHashChanged(address target, bytes32 expectedCodeHash, bytes32 actualCodeHash);

    /// @notice Reverts with {GovernorCodeHashChanged} unless `target`'s code hash (`EXTCODEHASH`) is
    /// `expectedCodeHash`.
    /// @dev An account without code has hash zero if it was never used and `keccak256("")` otherwise: pin contracts
    /// only.
    function requireCodeHash(address target, bytes32 expectedCodeHash) public view virtual {
        bytes32 actualCodeHash = target.codehash;
        if (actualCodeHash != expectedCodeHash) {
            revert GovernorCodeHashChanged(target, expectedCodeHash, actualCodeHash);
        }
    }
}
