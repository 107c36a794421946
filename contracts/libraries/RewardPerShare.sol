// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title RewardPerShare
/// @notice The reward-per-share accumulator, written once for the curators' CUR rewards (CurationStaking) and their
/// marketplace fees (Marketplace): a distribution adds `amount / totalShares` to an ever-growing accumulator, and a
/// holder's reward is its shares times what the accumulator gained since the holder was last settled. Nothing loops
/// over holders.
/// @dev Scaled by {PRECISION}, above any total stake in wei, so each distribution loses less than a wei to rounding
/// (the dust stays in the pool that paid it).
library RewardPerShare {
    uint256 internal constant PRECISION = 1e36;

    /// @notice What distributing `amount` over `totalShares` adds to the accumulator.
    function increment(uint256 amount, uint256 totalShares) internal pure returns (uint256) {
        return amount * PRECISION / totalShares;
    }

    /// @notice What `shares` earned while the accumulator went from `paid` to `acc`, rounded down.
    /// @dev Unchecked: `paid` is a past value of the accumulator, which only grows, so `acc >= paid`; and `shares *
    /// (acc - paid)` is about the amount distributed times {PRECISION} (below 2^256 for any amount under 1e41 wei).
    function earned(uint256 shares, uint256 acc, uint256 paid) internal pure returns (uint256) {
        unchecked {
            return shares * (acc - paid) / PRECISION;
        }
    }
}
