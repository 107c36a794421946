// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPassHook
/// @notice Told by the audit registry before the set of auditors passing a model changes, so that the sales made so
/// far are split among the auditors who had passed it while they were made (the marketplace's tills).
interface IPassHook {
    /// @notice An auditor's Pass on `modelId` is about to be added or withdrawn.
    function onPassersChange(uint256 modelId) external;
}
