// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IStakeHook
/// @notice Told by the curation registry before a curator's active stake on a model changes, so that rewards accrued
/// elsewhere (license fees in the marketplace) can be settled at the old stake.
interface IStakeHook {
    /// @notice `curator`'s active stake on `modelId` is about to change from `activeBefore`; the model's total active
    /// stake is `totalActiveBefore` until then.
    function onStakeChange(uint256 modelId, address curator, uint256 activeBefore, uint256 totalActiveBefore) external;
}
