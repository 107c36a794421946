// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Bps
/// @notice Basis points, written once for every Curia contract: 10,000 bps is the whole.
library Bps {
    /// @notice The whole, in basis points.
    uint256 internal constant ONE = 10_000;

    /// @notice `bps` basis points of `amount`, rounded down.
    function share(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return amount * bps / ONE;
    }
}
