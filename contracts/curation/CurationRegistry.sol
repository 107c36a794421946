// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ICurationDisputes} from "../interfaces/ICurationDisputes.sol";
import {ICurationRegistry} from "../interfaces/ICurationRegistry.sol";
import {IDisputeHook} from "../interfaces/IDisputeHook.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IStakeHook} from "../interfaces/IStakeHook.sol";
import {CurationDisputes} from "./CurationDisputes.sol";
import {CurationListings} from "./CurationListings.sol";
import {CurationParameters} from "./CurationParameters.sol";
import {CurationStaking} from "./CurationStaking.sol";

/// @title CurationRegistry
/// @notice Which of Curia's models are listed, and who pays when the community got it wrong. Composes the DAO's
/// parameters ({CurationParameters}), curator staking ({CurationStaking}), the dispute lifecycle with its vote and
/// appeals to the DAO's Governor ({CurationDisputes}) and the listing state machine that answers their hooks
/// ({CurationListings}).
/// @dev Warning: this contract must be the Governor's trusted proposer for appeals to work, and it never delegates
/// the tokens it holds, so staked tokens do not vote.
contract CurationRegistry is
    CurationParameters,
    CurationStaking,
    CurationDisputes,
    CurationListings,
    ICurationRegistry
{
    /// @param token_ The governance token (ERC-20 with ERC20Votes checkpoints).
    /// @param models_ The model registry (ERC-721).
    /// @param governor_ The Governor; its executor `timelock` is the treasury.
    /// @param stakeHook Told before any curator's active stake changes (the marketplace).
    /// @param disputeHook_ Told when a dispute opens and ends (the audit registry).
    /// @param initialParameters Every parameter's first value, by name, each within its bounds.
    constructor(
        address token_,
        IModelRegistry models_,
        IGovernor governor_,
        address timelock,
        address guardian_,
        IStakeHook stakeHook,
        IDisputeHook disputeHook_,
        Parameters memory initialParameters
    )
        CurationParameters(timelock, guardian_, initialParameters)
        CurationStaking(IERC20(token_), stakeHook)
        CurationDisputes(IVotes(token_), governor_, disputeHook_)
        CurationListings(models_)
    {}

    /// @inheritdoc ICurationDisputes
    function nonces(address voter) public view override(CurationDisputes, ICurationDisputes) returns (uint256) {
        return super.nonces(voter);
    }
}
