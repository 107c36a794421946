// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICurationStaking} from "../interfaces/ICurationStaking.sol";
import {IStakeHook} from "../interfaces/IStakeHook.sol";
import {Bps} from "../libraries/Bps.sol";
import {RewardPerShare} from "../libraries/RewardPerShare.sol";
import {CurationParameters} from "./CurationParameters.sol";

/// @title CurationStaking
/// @notice Curator stakes per model with share accounting: rewards through a per-model reward-per-stake accumulator,
/// slashing as one factor on the model's pool. Nothing here loops over curators.
/// @dev The final contract decides, through the hooks below, when a model accepts stake, when its stakes are frozen,
/// and when it is delisted.
abstract contract CurationStaking is CurationParameters, ReentrancyGuardTransient, ICurationStaking {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice The smallest non-zero position: keeps the accumulator's precision meaningful.
    uint256 public constant MIN_STAKE = 1e18;

    // The reward-per-stake accumulator ({RewardPerShare}) fits 160 bits: a model's lifetime curator rewards must stay
    // below 2^160 / 1e18 ≈ 1.4e30 wei (1.4 trillion tokens), since each position is at least `MIN_STAKE` = 1e18.

    /// @dev Active stake and the accumulator share one slot: staking touches one pool slot.
    struct Pool {
        uint96 active;
        uint160 rewardPerStake;
    }

    /// @dev Written once, when the model is delisted: the stake owed to curators (`nominal`) and what is left of it.
    struct SlashedPool {
        uint96 nominal;
        uint96 remaining;
    }

    struct StakeRecord {
        uint96 active;
        uint160 rewardPerStakePaid;
    }

    struct UnbondingRecord {
        uint96 amount;
        uint40 releaseAt;
    }

    IERC20 internal immutable _token;
    /// @notice Told before any curator's active stake changes (the marketplace, which pays license fees by stake).
    IStakeHook internal immutable _stakeHook;

    mapping(uint256 modelId => Pool) private _pools;
    mapping(uint256 modelId => uint256) private _unbondingTotal;
    mapping(uint256 modelId => SlashedPool) private _slashedPools;
    mapping(uint256 modelId => mapping(address curator => StakeRecord)) private _stakes;
    mapping(uint256 modelId => mapping(address curator => UnbondingRecord)) private _unbonding;
    mapping(address account => uint256) private _claimable;
    uint256 private _rewardReserve;

    constructor(IERC20 token_, IStakeHook stakeHook_) {
        _token = token_;
        _stakeHook = stakeHook_;
    }

    // ---------------------------------------------------------------- hooks

    /// @dev Reverts unless the model accepts new stake.
    function _checkStakeable(uint256 modelId) internal view virtual;

    /// @dev The open dispute that freezes the model's stakes, or 0 when they are not frozen.
    function _freezingDispute(uint256 modelId) internal view virtual returns (uint256);

    /// @dev How long a stake asked to leave the model now must wait.
    function _unbondingPeriodOf(uint256 modelId) internal view virtual returns (uint256);

    /// @dev Whether the model was delisted for good (its pool slashed).
    function _isDelisted(uint256 modelId) internal view virtual returns (bool);

    // ---------------------------------------------------------------- external

    /// @inheritdoc ICurationStaking
    function stake(uint256 modelId, uint256 amount) external nonReentrant {
        if (amount == 0) revert CurationZeroAmount();
        _checkStakeable(modelId);
        Pool memory pool = _pools[modelId];
        StakeRecord memory record = _stakes[modelId][msg.sender];
        uint256 newActive = record.active + amount;
        if (newActive < MIN_STAKE) revert CurationStakeBelowMinimum(newActive, MIN_STAKE);
        _settle(msg.sender, record, pool.rewardPerStake);
        _stakes[modelId][msg.sender] = StakeRecord(newActive.toUint96(), pool.rewardPerStake);
        _notifyHook(modelId, record.active, pool.active);
        pool.active = (pool.active + amount).toUint96();
        _pools[modelId] = pool;
        emit Staked(modelId, msg.sender, amount, pool.active);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ICurationStaking
    function requestUnstake(uint256 modelId, uint256 amount) external nonReentrant {
        if (amount == 0) revert CurationZeroAmount();
        _checkNotFrozen(modelId);
        if (_isDelisted(modelId)) revert CurationInvalidStatus(modelId, ListingStatus.Delisted);
        Pool memory pool = _pools[modelId];
        StakeRecord memory record = _stakes[modelId][msg.sender];
        if (amount > record.active) revert CurationInsufficientStake(modelId, msg.sender, amount, record.active);
        uint256 left = record.active - amount;
        if (left != 0 && left < MIN_STAKE) revert CurationStakeBelowMinimum(left, MIN_STAKE);
        _settle(msg.sender, record, pool.rewardPerStake);
        _notifyHook(modelId, record.active, pool.active);
        // `left` <= record.active, a uint96; `amount` <= record.active <= pool.active.
        // forge-lint: disable-next-line(unsafe-typecast)
        _stakes[modelId][msg.sender] = StakeRecord(uint96(left), pool.rewardPerStake);
        unchecked {
            // Cannot underflow or truncate: amount <= record.active <= pool.active, a uint96.
            // forge-lint: disable-next-line(unsafe-typecast)
            pool.active -= uint96(amount);
        }
        _pools[modelId] = pool;
        _unbondingTotal[modelId] += amount;
        UnbondingRecord storage u = _unbonding[modelId][msg.sender];
        // casting to uint40 is safe: the unbonding period is at most 90 days.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 releaseAt = uint40(block.timestamp + _unbondingPeriodOf(modelId));
        u.amount = (u.amount + amount).toUint96();
        u.releaseAt = releaseAt;
        emit UnstakeRequested(modelId, msg.sender, amount, releaseAt);
    }

    /// @inheritdoc ICurationStaking
    function withdrawStake(uint256 modelId) external nonReentrant {
        uint256 amount = _isDelisted(modelId) ? _withdrawSlashed(modelId) : _withdrawUnbonded(modelId);
        emit StakeWithdrawn(modelId, msg.sender, amount);
        if (amount != 0) _token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICurationStaking
    function claim(uint256[] calldata modelIds) external nonReentrant returns (uint256 amount) {
        uint256 settled;
        for (uint256 i = 0; i < modelIds.length; ++i) {
            uint256 modelId = modelIds[i];
            StakeRecord storage record = _stakes[modelId][msg.sender];
            if (record.active == 0) continue; // unbonding stake earns nothing; nothing to settle
            uint160 acc = _pools[modelId].rewardPerStake;
            settled += _pending(record.active, acc, record.rewardPerStakePaid);
            record.rewardPerStakePaid = acc;
        }
        amount = _claimable[msg.sender] + settled;
        if (amount == 0) revert CurationNothingToClaim(msg.sender);
        // Settled rewards leave the reserve; they never exceed it (each share is rounded down).
        _rewardReserve -= settled;
        _claimable[msg.sender] = 0;
        emit Claimed(msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICurationStaking
    function positionOf(uint256 modelId, address curator) external view returns (Position memory p) {
        StakeRecord memory record = _stakes[modelId][curator];
        UnbondingRecord memory u = _unbonding[modelId][curator];
        p.active = record.active;
        p.unbonding = u.amount;
        p.releaseAt = u.releaseAt;
        p.pendingRewards = _pending(record.active, _pools[modelId].rewardPerStake, record.rewardPerStakePaid);
        if (_isDelisted(modelId)) {
            uint256 owned = uint256(record.active) + u.amount;
            if (owned != 0) p.withdrawable = _slashedShare(_slashedPools[modelId], owned);
        } else if (block.timestamp >= u.releaseAt && _freezingDispute(modelId) == 0) {
            p.withdrawable = u.amount;
        }
    }

    /// @inheritdoc ICurationStaking
    function stakeOf(uint256 modelId) public view returns (uint256 active, uint256 unbonding, uint256 held) {
        active = _activeStakeOf(modelId);
        unbonding = _unbondingTotal[modelId];
        held = _isDelisted(modelId) ? _slashedPools[modelId].remaining : active + unbonding;
    }

    /// @inheritdoc ICurationStaking
    function claimable(address account) external view returns (uint256) {
        return _claimable[account];
    }

    /// @inheritdoc ICurationStaking
    function rewardReserve() external view returns (uint256) {
        return _rewardReserve;
    }

    /// @inheritdoc ICurationStaking
    function token() external view returns (address) {
        return address(_token);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Shares `amount` (already held by this contract) among the model's active stake. Returns false, changing
    /// nothing, when nobody is staked: the caller sends it elsewhere.
    function _distributeToCurators(uint256 modelId, uint256 amount) internal returns (bool) {
        Pool memory pool = _pools[modelId];
        if (pool.active == 0 || amount == 0) return false;
        // pool.active >= MIN_STAKE, so the increment is at most amount * 1e18; rounding loses less than
        // pool.active / RewardPerShare.PRECISION < 1 wei, which stays in the reserve as dust.
        pool.rewardPerStake = (pool.rewardPerStake + RewardPerShare.increment(amount, pool.active)).toUint160();
        _pools[modelId] = pool;
        _rewardReserve += amount;
        emit CuratorRewardsDistributed(modelId, amount);
        return true;
    }

    /// @dev Slashes `slashBps` of all stake on the model, active and unbonding, and returns the amount taken. Called
    /// once, when the model is delisted for good; each curator's remainder is computed when they withdraw.
    function _slashPool(uint256 modelId, uint256 slashBps) internal returns (uint256 slashed) {
        uint256 nominal = _pools[modelId].active + _unbondingTotal[modelId];
        slashed = Bps.share(nominal, slashBps);
        // Both fit: nominal is the sum of two uint96 totals of tokens from a supply far below 2^96.
        _slashedPools[modelId] = SlashedPool(nominal.toUint96(), (nominal - slashed).toUint96());
    }

    /// @dev Adds to an account's claimable balance.
    function _credit(address account, uint256 amount) internal {
        if (amount == 0) return;
        _claimable[account] += amount;
        emit Credited(account, amount);
    }

    function _withdrawUnbonded(uint256 modelId) private returns (uint256 amount) {
        _checkNotFrozen(modelId);
        UnbondingRecord memory u = _unbonding[modelId][msg.sender];
        if (u.amount == 0) revert CurationNothingToWithdraw(modelId, msg.sender);
        if (block.timestamp < u.releaseAt) revert CurationStillUnbonding(modelId, msg.sender, u.releaseAt);
        amount = u.amount;
        delete _unbonding[modelId][msg.sender];
        _unbondingTotal[modelId] -= amount;
    }

    /// @dev The curator's share of what the slash left, pro rata to their active plus unbonding stake. The last curator
    /// out receives exactly what remains, so no dust is stranded.
    function _withdrawSlashed(uint256 modelId) private returns (uint256 amount) {
        StakeRecord memory record = _stakes[modelId][msg.sender];
        uint256 owned = uint256(record.active) + _unbonding[modelId][msg.sender].amount;
        if (owned == 0) revert CurationNothingToWithdraw(modelId, msg.sender);
        Pool memory pool = _pools[modelId];
        _settle(msg.sender, record, pool.rewardPerStake);
        _notifyHook(modelId, record.active, pool.active);
        // The leaving curator's active stake stops counting, so that fees still streaming to the model's curators
        // (see the marketplace) are shared by those who have not withdrawn yet.
        unchecked {
            // Cannot underflow: record.active is part of pool.active.
            pool.active -= record.active;
        }
        _pools[modelId] = pool;
        SlashedPool memory sp = _slashedPools[modelId];
        amount = _slashedShare(sp, owned);
        unchecked {
            // Cannot underflow or truncate: owned <= nominal and amount <= remaining (each position is part of the
            // pool, and the ratio is <= 1), both uint96.
            // forge-lint: disable-next-line(unsafe-typecast)
            sp.nominal -= uint96(owned);
            // forge-lint: disable-next-line(unsafe-typecast)
            sp.remaining -= uint96(amount);
        }
        _slashedPools[modelId] = sp;
        delete _stakes[modelId][msg.sender];
        delete _unbonding[modelId][msg.sender];
    }

    /// @dev The part of a slashed pool that `owned` nominal stake withdraws (`owned` is part of the pool's nominal).
    function _slashedShare(SlashedPool memory sp, uint256 owned) private pure returns (uint256) {
        return owned * sp.remaining / sp.nominal;
    }

    /// @dev Reverts while the model's stakes are frozen (an open dispute of its listed version).
    function _checkNotFrozen(uint256 modelId) private view {
        uint256 disputeId = _freezingDispute(modelId);
        if (disputeId != 0) revert CurationDisputeOpen(modelId, disputeId);
    }

    /// @dev A model's total active stake: one slot read (what a sale needs, without the unbonding and held totals).
    function _activeStakeOf(uint256 modelId) internal view returns (uint256) {
        return _pools[modelId].active;
    }

    /// @dev Lets the hook settle what the caller earned at their current active stake, before it changes.
    function _notifyHook(uint256 modelId, uint256 activeBefore, uint256 totalActiveBefore) private {
        if (address(_stakeHook) != address(0)) {
            _stakeHook.onStakeChange(modelId, msg.sender, activeBefore, totalActiveBefore);
        }
    }

    /// @dev Moves the curator's earned rewards into their claimable balance. The caller stores the new record.
    function _settle(address curator, StakeRecord memory record, uint160 acc) private {
        uint256 pending = _pending(record.active, acc, record.rewardPerStakePaid);
        if (pending == 0) return;
        _rewardReserve -= pending;
        _credit(curator, pending);
    }

    function _pending(uint256 active, uint160 acc, uint160 paid) private pure returns (uint256) {
        return RewardPerShare.earned(active, acc, paid);
    }
}
