// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMeteredLicenses} from "../../../contracts/interfaces/IMeteredLicenses.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";

/// @notice The pay-per-use tests' world: the marketplace's, plus two metered offers on its model (0.01 ETH per
/// download; 5 tUSD per 1,000 calls), an authorized host and a licensee with 1 ETH of credit; and receipts signed and
/// redeemed as a host does.
abstract contract MeteredBase is MarketplaceBase {
    address internal licensee;
    uint256 internal licenseeKey;
    address internal host = makeAddr("host");
    uint256 internal metered; // 0.01 ETH per download
    uint256 internal meteredUsd; // 5 tUSD per 1,000 inference calls

    uint256 internal constant UNIT_PRICE = 0.01 ether;
    uint256 internal constant DEPOSIT = 1 ether;

    function setUp() public virtual override {
        super.setUp();
        (licensee, licenseeKey) = makeAddrAndKey("licensee");
        vm.startPrank(creator);
        metered = metering.createMeteredOffer(modelId, address(0), UNIT_PRICE, 1, "ipfs://terms", keccak256("t"));
        meteredUsd = metering.createMeteredOffer(modelId, address(usd), 5e6, 1000, "ipfs://terms", keccak256("t"));
        metering.setHost(modelId, host, true);
        vm.stopPrank();
        vm.deal(licensee, 100 ether);
        usd.mint(licensee, 1_000_000e6);
        vm.prank(licensee);
        usd.approve(address(metering), type(uint256).max);
        vm.prank(licensee);
        metering.depositCredit{value: DEPOSIT}(metered, licensee, DEPOSIT);
    }

    /// @dev A receipt of `who` for `units` in total on `offerId`, to the host, valid for a day.
    function _receipt(uint256 offerId, address who, uint256 units)
        internal
        view
        returns (IMeteredLicenses.UsageReceipt memory)
    {
        return IMeteredLicenses.UsageReceipt(modelId, offerId, who, host, units, block.timestamp + 1 days);
    }

    function _sign(uint256 key, IMeteredLicenses.UsageReceipt memory r) internal view returns (bytes memory) {
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, metering.receiptDigest(r));
        return abi.encodePacked(rr, s, v);
    }

    /// @dev `caller` redeems one receipt.
    function _redeem(address caller, IMeteredLicenses.UsageReceipt memory r, bytes memory sig)
        internal
        returns (uint256)
    {
        IMeteredLicenses.UsageReceipt[] memory rs = new IMeteredLicenses.UsageReceipt[](1);
        bytes[] memory sigs = new bytes[](1);
        (rs[0], sigs[0]) = (r, sig);
        vm.prank(caller);
        return metering.redeemUsage(rs, sigs);
    }
}
