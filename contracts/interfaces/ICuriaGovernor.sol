// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICuriaGovernor
/// @notice What CuriaGovernor adds to OpenZeppelin's Governor: hard bounds on its settings, so that no passed proposal
/// can set a value that stops the DAO from governing (a quorum the circulating supply cannot reach, a voting period too
/// short to notice, a threshold nobody holds), and limits on the proposal guardian.
interface ICuriaGovernor {
    /// @notice The token does not count time in seconds (ERC-6372 `mode=timestamp`), which this Governor requires.
    error CuriaGovernorTokenClockNotTimestamp(string tokenClockMode);

    /// @notice The voting delay asked for is outside [`min`, `max`] seconds.
    error CuriaGovernorVotingDelayOutOfBounds(uint256 votingDelay, uint256 min, uint256 max);

    /// @notice The voting period asked for is outside [`min`, `max`] seconds.
    error CuriaGovernorVotingPeriodOutOfBounds(uint256 votingPeriod, uint256 min, uint256 max);

    /// @notice The late-quorum extension asked for is outside [`min`, `max`] seconds.
    error CuriaGovernorLateQuorumExtensionOutOfBounds(uint256 extension, uint256 min, uint256 max);

    /// @notice The quorum numerator asked for (percent of the supply) is outside [`min`, `max`].
    error CuriaGovernorQuorumNumeratorOutOfBounds(uint256 quorumNumerator, uint256 min, uint256 max);

    /// @notice The proposal threshold asked for (token units) is outside [`min`, `max`], bounds that are fractions of
    /// the token's supply.
    error CuriaGovernorProposalThresholdOutOfBounds(uint256 proposalThreshold, uint256 min, uint256 max);

    /// @notice Shortest and longest voting delay, in seconds.
    function votingDelayBounds() external pure returns (uint256 min, uint256 max);

    /// @notice Shortest and longest voting period, in seconds.
    function votingPeriodBounds() external pure returns (uint256 min, uint256 max);

    /// @notice Shortest and longest late-quorum extension, in seconds.
    function lateQuorumVoteExtensionBounds() external pure returns (uint256 min, uint256 max);

    /// @notice Lowest and highest quorum numerator, in percent of the supply.
    function quorumNumeratorBounds() external pure returns (uint256 min, uint256 max);

    /// @notice Lowest and highest proposal threshold, in token units (0.01% and 1% of the token's supply).
    function proposalThresholdBounds() external view returns (uint256 min, uint256 max);
}
