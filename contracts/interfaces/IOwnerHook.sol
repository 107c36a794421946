// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IOwnerHook
/// @notice Told by the model registry before an entry changes hands, so that the sales made so far are split with the
/// owner who held it while they were made (the marketplace's tills credit the model's owner when they are split).
interface IOwnerHook {
    /// @notice `modelId` is about to be transferred; its owner until now is still `ownerOf(modelId)`. Only the model
    /// registry calls this.
    function onModelTransfer(uint256 modelId) external;
}
