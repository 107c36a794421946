// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationBase} from "./ICurationBase.sol";

/// @title ICurationParameters
/// @notice The curation parameters and the guardian, set only by the DAO's timelock (the treasury), each within hard
/// bounds that stop a foot-gun (no slash above 100%, no zero-length period, no bond that nobody could pay).
interface ICurationParameters is ICurationBase {
    // ================================================================ types

    /// @notice The DAO's parameters, each set by the timelock within hard bounds (see {parameterBounds}).
    enum Parameter {
        ListingBond,
        ChallengeDeposit,
        ChallengePeriod,
        DisputeVotingPeriod,
        DisputeQuorumBps,
        AppealBond,
        AppealWindow,
        UnbondingPeriod,
        SuspensionWindow,
        CuratorSlashBps,
        ChallengerRewardBps,
        KeepCuratorShareBps,
        KeepCreatorShareBps,
        DisputeVotingDelay
    }

    /// @notice The parameters' values, packed into two storage slots so that each action reads them cheaply; also the
    /// initial values given to the constructor. Amounts in token units (18 decimals), periods in seconds, shares in
    /// basis points. Each field's bounds: {parameterBounds} of the {Parameter} of the same name.
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

    // ================================================================ errors

    /// @notice A parameter value outside its hard bounds.
    error CurationParameterOutOfBounds(Parameter parameter, uint256 value, uint256 min, uint256 max);

    /// @notice The two Keep shares together exceed 100%.
    error CurationKeepSharesExceedTotal(uint256 curatorShareBps, uint256 creatorShareBps);

    // ================================================================ events

    /// @notice A parameter changed.
    event ParameterSet(Parameter indexed parameter, uint256 oldValue, uint256 newValue);

    /// @notice The guardian changed.
    event GuardianSet(address oldGuardian, address newGuardian);

    // ================================================================ functions

    /// @notice Sets a parameter. Only the timelock, within {parameterBounds}.
    function setParameter(Parameter parameter, uint256 value) external;

    /// @notice Replaces or removes (zero address) the guardian. Only the timelock.
    function setGuardian(address newGuardian) external;

    /// @notice A parameter's current value.
    function parameter(Parameter parameter) external view returns (uint256);

    /// @notice A parameter's hard bounds.
    function parameterBounds(Parameter parameter) external view returns (uint256 min, uint256 max);

    /// @notice The guardian (zero: none).
    function guardian() external view returns (address);

    /// @notice The treasury (the DAO's timelock), which receives slashes and fees and sets the parameters.
    function treasury() external view returns (address);
}
