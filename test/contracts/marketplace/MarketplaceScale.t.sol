// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketplaceBase} from "./MarketplaceBase.sol";

/// @notice A sale and a claim cost the same whatever the number of curators (and buyers): gas with 1 and with 1,000
/// curators staked, each top-level call its own transaction (`isolate`).
contract MarketplaceScaleTest is MarketplaceBase {
    struct Gas {
        uint256 buyEth;
        uint256 buyUsd;
        uint256 claim;
    }

    function _measure(uint256 curators) internal returns (Gas memory g) {
        for (uint256 i = 0; i < curators; ++i) {
            address c = address(uint160(0xC0A700 + i));
            deal(address(token), c, 100e18);
            vm.startPrank(c);
            token.approve(address(curation), type(uint256).max);
            curation.stake(modelId, 100e18);
            vm.stopPrank();
            // Earlier buyers too: the license mapping does not grow any loop.
            vm.deal(c, ETH_PRICE);
            vm.prank(c);
            marketplace.buyLicense{value: ETH_PRICE}(ethOffer, c);
        }
        _stake(curator1, modelId, 100e18);
        // Steady state: the marketplace already holds and owes tUSD (a first sale in a currency writes fresh slots).
        vm.prank(buyer);
        marketplace.buyLicense(usdOffer, buyer);

        // Measured: a first license for a new licensee in each currency.
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, makeAddr("licensee1"));
        g.buyEth = vm.snapshotGasLastCall(string.concat("buyLicense_eth_", vm.toString(curators)));
        vm.prank(buyer);
        marketplace.buyLicense(usdOffer, makeAddr("licensee2"));
        g.buyUsd = vm.snapshotGasLastCall(string.concat("buyLicense_erc20_", vm.toString(curators)));

        uint256[] memory ids = new uint256[](1);
        ids[0] = modelId;
        address[] memory currencies = new address[](1);
        // Curator fees stream: half of them reach the curators. (After the whole period, with 1 curator, the claim
        // would take out of the reserve exactly what its settlement put in, and the slot's reset to its value at the
        // start of the transaction would refund 2,800 gas that 1,000 curators, rounding by a wei, do not get.)
        skip(marketplace.FEE_STREAM_PERIOD() / 2);
        vm.prank(curator1);
        marketplace.claimAll(ids, currencies);
        g.claim = vm.snapshotGasLastCall(string.concat("claimAll_", vm.toString(curators)));
    }

    function _assertWithinOnePercent(uint256 one, uint256 many) internal pure {
        uint256 diff = one > many ? one - many : many - one;
        assertLe(diff * 100, one, "gas differs by more than 1% between 1 and 1,000 curators");
    }

    /// forge-config: default.isolate = true
    /// forge-config: ci.isolate = true
    function test_gas_constantInNumberOfCurators() public {
        uint256 snap = vm.snapshotState();
        Gas memory one = _measure(1);
        vm.revertToState(snap);
        Gas memory many = _measure(1000);
        _assertWithinOnePercent(one.buyEth, many.buyEth);
        _assertWithinOnePercent(one.buyUsd, many.buyUsd);
        _assertWithinOnePercent(one.claim, many.claim);
    }
}
