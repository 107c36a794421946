// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Calls the sender back on every transfer (an ERC-777-style hook), so that the sender can re-enter.
interface ITokenHook {
    function onTokenTransfer() external;
}

contract HookToken is ERC20 {
    constructor() ERC20("Hook Token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && from.code.length != 0) ITokenHook(from).onTokenTransfer();
    }
}
