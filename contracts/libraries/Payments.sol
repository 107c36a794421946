// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title Payments
/// @notice Moving ETH (`currency` zero) or an ERC-20 in and out of a contract that holds what it owes: a payment is
/// taken by measuring the balance (a fee-on-transfer token shows as a shortfall the caller refuses), and paid out by
/// a plain transfer or a value call. Each caller keeps its own errors.
library Payments {
    using SafeERC20 for IERC20;

    /// @dev Pulls `amount` of `token` from `from` and returns what this contract received.
    function pull(IERC20 token, address from, uint256 amount) internal returns (uint256 received) {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        received = token.balanceOf(address(this)) - before;
    }

    /// @dev Sends `amount` of `currency` (zero: ETH) to `to`.
    function send(address currency, address to, uint256 amount) internal {
        if (currency == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(currency).safeTransfer(to, amount);
    }
}
