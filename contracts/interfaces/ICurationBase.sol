// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICurationBase
/// @notice What every part of Curia's curation registry shares: a model's listing status, evidence, and the errors
/// more than one part raises. See {ICurationRegistry} for the whole.
interface ICurationBase {
    // ================================================================ types

    /// @notice A model's listing status, as seen now (see {statusOf}).
    /// @dev `Listed` is stored as `Pending` until the challenge period ends; `Suspended` is a `Listed` model inside a
    /// guardian suspension.
    enum ListingStatus {
        None,
        Pending,
        Listed,
        Suspended,
        Removed,
        Delisted,
        Withdrawn
    }

    /// @notice Evidence: where it is, and the hash of its bytes.
    struct Evidence {
        string uri;
        bytes32 hash;
    }

    // ================================================================ errors

    /// @notice Only the model's owner may do this.
    error CurationNotModelOwner(uint256 modelId, address caller);

    /// @notice The model is not in a status that allows this.
    error CurationInvalidStatus(uint256 modelId, ListingStatus status);

    /// @notice The model has an open dispute: stakes are frozen and no second challenge may open.
    error CurationDisputeOpen(uint256 modelId, uint256 disputeId);

    /// @notice There is nothing to withdraw.
    error CurationNothingToWithdraw(uint256 modelId, address account);

    /// @notice Only the timelock (a governance proposal) may do this.
    error CurationOnlyTimelock(address caller);

    /// @notice Evidence needs a URI and a content hash.
    error CurationEmptyEvidence();
}
