// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationDisputes} from "./ICurationDisputes.sol";
import {ICurationListings} from "./ICurationListings.sol";
import {ICurationParameters} from "./ICurationParameters.sol";
import {ICurationStaking} from "./ICurationStaking.sol";

/// @title ICurationRegistry
/// @notice Staking-based curation of Curia's models, whole: listings ({ICurationListings}), curator stakes
/// ({ICurationStaking}), disputes with their votes, appeals to the DAO and delistings ({ICurationDisputes}), and the
/// DAO's parameters ({ICurationParameters}). Each part declares the errors and events it raises; what several share
/// is in {ICurationBase}.
/// @dev All amounts are in the governance token. Tokens held here (stakes, bonds, deposits, rewards) are never
/// delegated: staked tokens do not vote.
// solhint-disable-next-line no-empty-blocks
interface ICurationRegistry is ICurationParameters, ICurationStaking, ICurationDisputes, ICurationListings {}
