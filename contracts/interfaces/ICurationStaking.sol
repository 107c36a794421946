// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationBase} from "./ICurationBase.sol";

/// @title ICurationStaking
/// @notice Curators stake governance tokens on the models they vouch for. Rewards (a share of failed challengers'
/// deposits) go to a model's curators pro rata to their active stake; when the model is delisted for good, a share of
/// every curator's stake, active and unbonding, is slashed. Stake leaves after an unbonding period and is frozen while
/// the model is disputed. Every slash, reward and claim costs the same whatever the number of curators.
/// @dev Tokens held here are never delegated: staked tokens do not vote.
interface ICurationStaking is ICurationBase {
    // ================================================================ types

    /// @notice A curator's stake on one model. `withdrawable` is what {withdrawStake} pays now: on a delisted model, the
    /// curator's share of what the slash left; otherwise the unbonding stake once released, and nothing while a dispute
    /// of the listed version freezes the stakes (a removal then slashes the unbonding stake too).
    struct Position {
        uint96 active;
        uint96 unbonding;
        uint40 releaseAt;
        uint256 pendingRewards;
        uint256 withdrawable;
    }

    // ================================================================ errors

    /// @notice Amounts must be non-zero.
    error CurationZeroAmount();

    /// @notice A position must hold at least the minimum stake, or nothing.
    error CurationStakeBelowMinimum(uint256 amount, uint256 minimum);

    /// @notice The curator has less active stake on the model than requested.
    error CurationInsufficientStake(uint256 modelId, address curator, uint256 requested, uint256 available);

    /// @notice The unbonding period has not ended.
    error CurationStillUnbonding(uint256 modelId, address account, uint256 releaseAt);

    /// @notice The account has nothing to claim.
    error CurationNothingToClaim(address account);

    // ================================================================ events

    /// @notice A curator staked on a model.
    event Staked(uint256 indexed modelId, address indexed curator, uint256 amount, uint256 totalActive);

    /// @notice A curator started unbonding `amount`, withdrawable from `releaseAt`.
    event UnstakeRequested(uint256 indexed modelId, address indexed curator, uint256 amount, uint256 releaseAt);

    /// @notice A curator withdrew stake (after unbonding, or what is left after a delisting).
    event StakeWithdrawn(uint256 indexed modelId, address indexed curator, uint256 amount);

    /// @notice `amount` was shared among a model's curators, pro rata to their active stake.
    event CuratorRewardsDistributed(uint256 indexed modelId, uint256 amount);

    /// @notice `amount` became claimable by `account` (rewards, refunds, challenger payouts).
    event Credited(address indexed account, uint256 amount);

    /// @notice `account` claimed `amount`.
    event Claimed(address indexed account, uint256 amount);

    // ================================================================ functions

    /// @notice Stakes `amount` on a Pending or Listed model without an open dispute and without a pending candidate.
    function stake(uint256 modelId, uint256 amount) external;

    /// @notice Starts unbonding `amount` of the caller's active stake. While a candidate version is pending, there is
    /// no unbonding period: the stake (and any stake already unbonding) can be withdrawn at once, since it vouched for
    /// the listed version, not the candidate. Unbonding stake earns no rewards and can still be
    /// slashed. A new request adds to the unbonding amount and restarts the period.
    function requestUnstake(uint256 modelId, uint256 amount) external;

    /// @notice Withdraws unbonded stake; on a delisted model, withdraws everything the slash left.
    function withdrawStake(uint256 modelId) external;

    /// @notice Settles the caller's curator rewards on `modelIds` and pays everything claimable in one transfer.
    function claim(uint256[] calldata modelIds) external returns (uint256 amount);

    /// @notice A curator's position on a model, with rewards earned but not yet settled.
    function positionOf(uint256 modelId, address curator) external view returns (Position memory);

    /// @notice Total active and unbonding stake on a model, and the tokens held for its curators.
    function stakeOf(uint256 modelId) external view returns (uint256 active, uint256 unbonding, uint256 held);

    /// @notice What `account` can claim now without settling further rewards.
    function claimable(address account) external view returns (uint256);

    /// @notice Tokens held for curator rewards not yet settled into claimable balances (includes rounding dust).
    function rewardReserve() external view returns (uint256);

    /// @notice The token of bonds, stakes and deposits, whose checkpointed votes weigh in disputes.
    function token() external view returns (address);
}
