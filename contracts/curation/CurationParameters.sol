// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationRegistry} from "../interfaces/ICurationRegistry.sol";

/// @title CurationParameters
/// @notice The curation parameters and the guardian, set only by the DAO's timelock, each within hard bounds that stop
/// a foot-gun (no slash above 100%, no zero-length period, no bond that nobody could pay).
/// @dev Packed into two storage slots so that each action reads them cheaply.
abstract contract CurationParameters is ICurationRegistry {
    uint256 internal constant BPS = 10_000;

    struct Parameters {
        // slot 0
        uint88 listingBond;
        uint88 challengeDeposit;
        uint32 challengePeriod;
        uint32 disputeVotingPeriod;
        uint16 disputeQuorumBps;
        // slot 1 (periods of at most 30 days fit 24 bits)
        uint88 appealBond;
        uint24 appealWindow;
        uint32 unbondingPeriod;
        uint24 suspensionWindow;
        uint16 curatorSlashBps;
        uint16 challengerRewardBps;
        uint16 keepCuratorShareBps;
        uint16 keepCreatorShareBps;
        uint24 disputeVotingDelay;
    }

    /// @notice The DAO's timelock: the only account that sets parameters, and the treasury.
    address internal immutable _timelock;

    Parameters internal _params;
    address private _guardian;

    constructor(address timelock_, address guardian_, uint256[14] memory initialValues) {
        _timelock = timelock_;
        for (uint256 i = 0; i < initialValues.length; ++i) {
            _setParameter(Parameter(i), initialValues[i]);
        }
        _setGuardian(guardian_);
    }

    modifier onlyTimelock() {
        if (msg.sender != _timelock) revert CurationOnlyTimelock(msg.sender);
        _;
    }

    /// @inheritdoc ICurationRegistry
    function setParameter(Parameter p, uint256 value) external onlyTimelock {
        _setParameter(p, value);
    }

    /// @inheritdoc ICurationRegistry
    function setGuardian(address newGuardian) external onlyTimelock {
        _setGuardian(newGuardian);
    }

    /// @inheritdoc ICurationRegistry
    function guardian() public view returns (address) {
        return _guardian;
    }

    /// @inheritdoc ICurationRegistry
    function treasury() external view returns (address) {
        return _timelock;
    }

    /// @inheritdoc ICurationRegistry
    function parameter(Parameter p) public view returns (uint256) {
        Parameters memory q = _params;
        if (p == Parameter.ListingBond) return q.listingBond;
        if (p == Parameter.ChallengeDeposit) return q.challengeDeposit;
        if (p == Parameter.ChallengePeriod) return q.challengePeriod;
        if (p == Parameter.DisputeVotingPeriod) return q.disputeVotingPeriod;
        if (p == Parameter.DisputeQuorumBps) return q.disputeQuorumBps;
        if (p == Parameter.AppealBond) return q.appealBond;
        if (p == Parameter.AppealWindow) return q.appealWindow;
        if (p == Parameter.UnbondingPeriod) return q.unbondingPeriod;
        if (p == Parameter.SuspensionWindow) return q.suspensionWindow;
        if (p == Parameter.CuratorSlashBps) return q.curatorSlashBps;
        if (p == Parameter.ChallengerRewardBps) return q.challengerRewardBps;
        if (p == Parameter.KeepCuratorShareBps) return q.keepCuratorShareBps;
        if (p == Parameter.KeepCreatorShareBps) return q.keepCreatorShareBps;
        return q.disputeVotingDelay;
    }

    /// @inheritdoc ICurationRegistry
    function parameterBounds(Parameter p) public pure returns (uint256 min, uint256 max) {
        // Amounts: at least 1 token (a free bond or deposit invites spam), at most 100M tokens (the whole supply).
        if (p == Parameter.ListingBond || p == Parameter.ChallengeDeposit || p == Parameter.AppealBond) {
            return (1e18, 100_000_000e18);
        }
        // Periods: at least an hour (time for people to react), at most 30 days (money is not locked for ever).
        if (
            p == Parameter.ChallengePeriod || p == Parameter.DisputeVotingPeriod || p == Parameter.AppealWindow
                || p == Parameter.SuspensionWindow
        ) return (1 hours, 30 days);
        // Unbonding: at least a day, so that stake cannot sandwich a payout or leave ahead of a challenge. It is also a
        // withdrawn listing's notice, during which the listing can still be challenged.
        if (p == Parameter.UnbondingPeriod) return (1 days, 90 days);
        // Voting delay: at least an hour between the challenge and the snapshot, so that weight borrowed around the
        // challenge is gone by the snapshot and holders who see the challenge can delegate; at most a week.
        if (p == Parameter.DisputeVotingDelay) return (1 hours, 7 days);
        // Quorum: at least 1% of the supply, so that no small holding decides a dispute alone; at most half of it,
        // or no dispute could ever remove a model.
        if (p == Parameter.DisputeQuorumBps) return (100, 5000);
        // Shares: 0% to 100%.
        return (0, BPS);
    }

    function _setParameter(Parameter p, uint256 value) internal {
        (uint256 min, uint256 max) = parameterBounds(p);
        if (value < min || value > max) revert CurationParameterOutOfBounds(p, value, min, max);
        uint256 old = parameter(p);
        Parameters storage q = _params;
        // Every cast below is safe: `value` is within bounds that fit the field's type.
        // forge-lint: disable-start(unsafe-typecast)
        if (p == Parameter.ListingBond) q.listingBond = uint88(value);
        else if (p == Parameter.ChallengeDeposit) q.challengeDeposit = uint88(value);
        else if (p == Parameter.ChallengePeriod) q.challengePeriod = uint32(value);
        else if (p == Parameter.DisputeVotingPeriod) q.disputeVotingPeriod = uint32(value);
        else if (p == Parameter.DisputeQuorumBps) q.disputeQuorumBps = uint16(value);
        else if (p == Parameter.AppealBond) q.appealBond = uint88(value);
        else if (p == Parameter.AppealWindow) q.appealWindow = uint24(value);
        else if (p == Parameter.UnbondingPeriod) q.unbondingPeriod = uint32(value);
        else if (p == Parameter.SuspensionWindow) q.suspensionWindow = uint24(value);
        else if (p == Parameter.CuratorSlashBps) q.curatorSlashBps = uint16(value);
        else if (p == Parameter.ChallengerRewardBps) q.challengerRewardBps = uint16(value);
        else if (p == Parameter.KeepCuratorShareBps) q.keepCuratorShareBps = uint16(value);
        else if (p == Parameter.KeepCreatorShareBps) q.keepCreatorShareBps = uint16(value);
        else q.disputeVotingDelay = uint24(value);
        // forge-lint: disable-end(unsafe-typecast)
        if (uint256(q.keepCuratorShareBps) + q.keepCreatorShareBps > BPS) {
            revert CurationKeepSharesExceedTotal(q.keepCuratorShareBps, q.keepCreatorShareBps);
        }
        emit ParameterSet(p, old, value);
    }

    function _setGuardian(address newGuardian) internal {
        emit GuardianSet(_guardian, newGuardian);
        _guardian = newGuardian;
    }
}
