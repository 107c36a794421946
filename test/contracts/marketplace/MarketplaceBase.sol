// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAuditRegistry} from "../../../contracts/interfaces/IAuditRegistry.sol";
import {CurationBase} from "../curation/CurationBase.sol";

/// @notice A listed model with curators and an ETH offer and a tUSD offer, and a funded buyer.
abstract contract MarketplaceBase is CurationBase {
    address internal buyer = makeAddr("buyer");
    address internal auditor = makeAddr("auditor");
    uint256 internal modelId;
    uint256 internal ethOffer;
    uint256 internal usdOffer;

    uint256 internal constant ETH_PRICE = 1 ether;
    uint256 internal constant USD_PRICE = 200e6;
    uint256 internal constant DURATION = 30 days;

    function setUp() public virtual override {
        super.setUp();
        modelId = _listedModel();
        vm.startPrank(creator);
        ethOffer = marketplace.createOffer(modelId, address(0), ETH_PRICE, DURATION, 0, "ipfs://terms", keccak256("t"));
        usdOffer = marketplace.createOffer(modelId, address(usd), USD_PRICE, 0, 0, "ipfs://terms", keccak256("t"));
        vm.stopPrank();
        vm.deal(buyer, 100 ether);
        usd.mint(buyer, 1_000_000e6);
        vm.prank(buyer);
        usd.approve(address(marketplace), type(uint256).max);
    }

    /// @dev Buys, then settles the model's till (a sale only fills it), so that the split can be checked at once.
    function _buyEth(uint256 offerId) internal returns (uint256 expiresAt) {
        vm.prank(buyer);
        expiresAt = marketplace.buyLicense{value: ETH_PRICE}(offerId, buyer);
        _settle(marketplace.getOffer(offerId).modelId, address(0));
    }

    /// @dev As {_buyEth}, in tUSD.
    function _buyUsd() internal returns (uint256 expiresAt) {
        vm.prank(buyer);
        expiresAt = marketplace.buyLicense(usdOffer, buyer);
        _settle(modelId, address(usd));
    }

    /// @dev Splits what the model's till in `currency` holds (anyone may).
    function _settle(uint256 id, address currency) internal {
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        marketplace.settleSales(ids, currency);
    }

    function _activeAuditor(address who) internal {
        vm.prank(address(timelock));
        audits.accredit(who);
        _fund(who, AUDITOR_MIN_BOND);
        vm.startPrank(who);
        token.approve(address(audits), type(uint256).max);
        audits.postBond(AUDITOR_MIN_BOND);
        vm.stopPrank();
    }

    function _pass(address who, uint256 id, uint32 version) internal returns (uint256) {
        vm.prank(who);
        return audits.submitAudit(
            id, version, IAuditRegistry.Verdict.Pass, [uint8(90), 95, 80, 100], "ipfs://report", keccak256("r"), 0
        );
    }
}
