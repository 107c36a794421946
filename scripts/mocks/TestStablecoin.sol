// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestStablecoin
/// @notice "Test USD" for local chains and demos: 6 decimals, and anyone may mint. Never deploy it on a real network.
contract TestStablecoin is ERC20 {
    constructor() ERC20("Test USD", "tUSD") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` to `to` (a faucet for demos and tests).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
