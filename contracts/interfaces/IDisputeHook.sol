// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationDisputes} from "./ICurationDisputes.sol";

/// @title IDisputeHook
/// @notice Told by the curation registry when a model's dispute opens and when it ends, so that what depends on the
/// model's standing (the bonds of the auditors who passed it) can be frozen meanwhile.
interface IDisputeHook {
    /// @notice A challenge opened dispute `disputeId` on version `version` of `modelId` for `reason`: the listed version,
    /// or (`ofCandidate`) a candidate version, which the vote can reject but never delist.
    function onDisputeOpened(
        uint256 modelId,
        uint256 disputeId,
        uint32 version,
        ICurationDisputes.Reason reason,
        bool ofCandidate
    ) external;

    /// @notice Dispute `disputeId` on `modelId` ended: the model was kept or restored, or (`delisted`) delisted for
    /// good.
    function onDisputeClosed(uint256 modelId, uint256 disputeId, bool delisted) external;
}
