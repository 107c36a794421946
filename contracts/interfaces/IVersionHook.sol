// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IVersionHook
/// @notice Told by the model registry whenever an entry publishes a new version (not its first), so that curation can
/// make it a candidate of the model's listing instead of putting it on sale at once.
interface IVersionHook {
    /// @notice `version` of `modelId` was just published. Only the model registry calls this.
    function onVersionPublished(uint256 modelId, uint32 version) external;
}
