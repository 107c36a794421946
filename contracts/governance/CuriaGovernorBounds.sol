// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// The bounds of CuriaGovernor's settings (docs/contracts.md explains each), as file-level constants so that the deploy
// script checks a config against the same numbers the Governor enforces.

/// @dev Shortest voting delay, in seconds.
uint256 constant GOVERNOR_MIN_VOTING_DELAY = 1 hours;
/// @dev Longest voting delay, in seconds.
uint256 constant GOVERNOR_MAX_VOTING_DELAY = 14 days;
/// @dev Shortest voting period, in seconds (at least the longest late-quorum extension).
uint256 constant GOVERNOR_MIN_VOTING_PERIOD = 3 days;
/// @dev Longest voting period, in seconds.
uint256 constant GOVERNOR_MAX_VOTING_PERIOD = 30 days;
/// @dev Shortest late-quorum extension, in seconds (the longest is GovernorPackedCounting's, 3 days).
uint256 constant GOVERNOR_MIN_LATE_QUORUM_VOTE_EXTENSION = 1 hours;
/// @dev Lowest quorum, in percent of the supply.
uint256 constant GOVERNOR_MIN_QUORUM_NUMERATOR = 1;
/// @dev Highest quorum, in percent of the supply.
uint256 constant GOVERNOR_MAX_QUORUM_NUMERATOR = 20;
/// @dev Lowest proposal threshold, in basis points of the supply.
uint256 constant GOVERNOR_MIN_PROPOSAL_THRESHOLD_BPS = 1;
/// @dev Highest proposal threshold, in basis points of the supply.
uint256 constant GOVERNOR_MAX_PROPOSAL_THRESHOLD_BPS = 100;
