// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAuditRegistry} from "../../../contracts/interfaces/IAuditRegistry.sol";
import {ICurationRegistry} from "../../../contracts/interfaces/ICurationRegistry.sol";
import {IMarketplace} from "../../../contracts/interfaces/IMarketplace.sol";
import {IModelRegistry} from "../../../contracts/interfaces/IModelRegistry.sol";
import {Marketplace} from "../../../contracts/marketplace/Marketplace.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";
import {HookToken, ITokenHook} from "../mocks/HookToken.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";

/// @notice A model owner contract whose ETH receiver re-enters the marketplace.
contract ReentrantCreator is IERC721Receiver {
    Marketplace internal immutable market;
    uint256 public mode; // 1: re-enter withdraw, 2: re-enter buyLicense
    uint256 public offerId;

    constructor(Marketplace market_) {
        market = market_;
    }

    function setMode(uint256 mode_, uint256 offerId_) external {
        (mode, offerId) = (mode_, offerId_);
    }

    function register(IModelRegistry registry) external returns (uint256) {
        return registry.registerModel(IModelRegistry.Kind.Model, keccak256("evil"), "ipfs://evil", new uint256[](0));
    }

    function withdraw() external {
        market.withdraw(address(0));
    }

    receive() external payable {
        if (mode == 1) market.withdraw(address(0));
        if (mode == 2) market.buyLicense{value: msg.value}(offerId, address(this));
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}

/// @notice A buyer whose token hook re-enters the marketplace in the middle of its payment.
contract ReentrantBuyer is ITokenHook {
    Marketplace internal immutable market;
    uint256 internal offerId;
    bool internal entered;

    constructor(Marketplace market_) {
        market = market_;
    }

    function buy(uint256 offerId_, HookToken token) external {
        offerId = offerId_;
        token.approve(address(market), type(uint256).max);
        market.buyLicense(offerId_, address(this));
    }

    function onTokenTransfer() external {
        if (entered) return;
        entered = true;
        market.buyLicense(offerId, address(this));
    }
}

contract MarketplaceTest is MarketplaceBase {
    // ================================================================ offers

    function test_createOffer_recordsTerms() public view {
        IMarketplace.Offer memory o = marketplace.getOffer(ethOffer);
        assertEq(o.modelId, modelId);
        assertEq(o.currency, address(0));
        assertEq(o.price, ETH_PRICE);
        assertEq(o.duration, DURATION);
        assertTrue(o.active);
        assertEq(o.termsURI, "ipfs://terms");
        assertEq(marketplace.offersOf(modelId).length, 2);
        assertEq(marketplace.offerCount(), 2);
    }

    function test_createOffer_unhappyPaths() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotModelOwner.selector, modelId, buyer));
        vm.prank(buyer);
        marketplace.createOffer(modelId, address(0), 1, 0, 0, "ipfs://t", keccak256("t"));

        vm.startPrank(creator);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceCurrencyNotAllowed.selector, address(token)));
        marketplace.createOffer(modelId, address(token), 1, 0, 0, "ipfs://t", keccak256("t"));
        vm.expectRevert(IMarketplace.MarketplaceZeroPrice.selector);
        marketplace.createOffer(modelId, address(0), 0, 0, 0, "ipfs://t", keccak256("t"));
        vm.expectRevert(IMarketplace.MarketplaceEmptyTerms.selector);
        marketplace.createOffer(modelId, address(0), 1, 0, 0, "", keccak256("t"));
        vm.expectRevert(IMarketplace.MarketplaceEmptyTerms.selector);
        marketplace.createOffer(modelId, address(0), 1, 0, 0, "ipfs://t", bytes32(0));
        for (uint256 i = 2; i < 32; ++i) {
            marketplace.createOffer(modelId, address(0), 1, 0, 0, "ipfs://t", keccak256("t"));
        }
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceTooManyOffers.selector, modelId, 32));
        marketplace.createOffer(modelId, address(0), 1, 0, 0, "ipfs://t", keccak256("t"));
        vm.stopPrank();
    }

    function test_retireOffer_stopsSalesKeepsLicenses() public {
        _buyEth(ethOffer);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNotModelOwner.selector, modelId, buyer));
        vm.prank(buyer);
        marketplace.retireOffer(ethOffer);
        vm.prank(creator);
        marketplace.retireOffer(ethOffer);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOfferInactive.selector, ethOffer));
        _buyEth(ethOffer);
        (bool valid,) = marketplace.hasValidLicense(modelId, buyer);
        assertTrue(valid);
        assertEq(marketplace.licenseOf(modelId, buyer).offerId, ethOffer);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOfferInactive.selector, ethOffer));
        vm.prank(creator);
        marketplace.retireOffer(ethOffer);
    }

    // ================================================================ sales and the fee split

    function test_buyLicense_eth_splitsFees() public {
        _stake(curator1, modelId, 3000e18);
        _stake(curator2, modelId, 1000e18);
        uint256 expiresAt = _buyEth(ethOffer);
        assertEq(expiresAt, block.timestamp + DURATION);
        (bool valid, uint256 until) = marketplace.hasValidLicense(modelId, buyer);
        assertTrue(valid);
        assertEq(until, expiresAt);
        assertEq(address(marketplace).balance, ETH_PRICE);

        // 5% fee: 60% curators (3,000 : 1,000), 20% auditors (none passed: treasury), 20% treasury.
        assertEq(marketplace.pendingCuratorFees(modelId, curator1, address(0)), 0.0225 ether);
        assertEq(marketplace.pendingCuratorFees(modelId, curator2, address(0)), 0.0075 ether);
        assertEq(marketplace.owed(address(timelock), address(0)), 0.02 ether);
        assertEq(marketplace.owed(creator, address(0)), 0.95 ether);
        assertEq(marketplace.curatorFeeReserve(address(0)), 0.03 ether);

        uint256 before = creator.balance;
        vm.prank(creator);
        marketplace.withdraw(address(0));
        assertEq(creator.balance, before + 0.95 ether);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceNothingToWithdraw.selector, creator, address(0)));
        vm.prank(creator);
        marketplace.withdraw(address(0));

        uint256[] memory ids = new uint256[](1);
        ids[0] = modelId;
        address[] memory currencies = new address[](1);
        before = curator1.balance;
        vm.prank(curator1);
        marketplace.claimAll(ids, currencies);
        assertEq(curator1.balance, before + 0.0225 ether);
        assertEq(marketplace.pendingCuratorFees(modelId, curator1, address(0)), 0);
    }

    function test_buyLicense_erc20_perpetualForAnotherAddress() public {
        address user = makeAddr("user");
        vm.prank(buyer);
        uint256 expiresAt = marketplace.buyLicense(usdOffer, user);
        assertEq(expiresAt, type(uint40).max);
        (bool valid,) = marketplace.hasValidLicense(modelId, user);
        assertTrue(valid);
        (valid,) = marketplace.hasValidLicense(modelId, buyer);
        assertFalse(valid);
        assertEq(usd.balanceOf(address(marketplace)), USD_PRICE);
        // No curators, no auditors: the whole 5% goes to the treasury.
        assertEq(marketplace.owed(address(timelock), address(usd)), 10e6);
        assertEq(marketplace.owed(creator, address(usd)), 190e6);
        vm.prank(creator);
        marketplace.withdraw(address(usd));
        assertEq(usd.balanceOf(creator), 190e6);
    }

    function test_buyLicense_expiresAndExtends() public {
        _buyEth(ethOffer);
        skip(DURATION - 10);
        uint256 expiresAt = _buyEth(ethOffer);
        // Extended from the end of the current license, not from now.
        assertEq(expiresAt, START + 1 + CHALLENGE_PERIOD + 2 * DURATION);
        vm.warp(expiresAt);
        (bool valid,) = marketplace.hasValidLicense(modelId, buyer);
        assertFalse(valid);
        expiresAt = _buyEth(ethOffer);
        assertEq(expiresAt, block.timestamp + DURATION);
    }

    function test_buyLicense_capSoldOut() public {
        vm.prank(creator);
        uint256 capped =
            marketplace.createOffer(modelId, address(0), ETH_PRICE, DURATION, 2, "ipfs://terms", keccak256("t"));
        _buyEth(capped);
        _buyEth(capped);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOfferSoldOut.selector, capped, 2));
        _buyEth(capped);
    }

    function test_buyLicense_wrongPayments() public {
        vm.startPrank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceWrongPayment.selector, ETH_PRICE, 1));
        marketplace.buyLicense{value: 1}(ethOffer, buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceWrongPayment.selector, 0, 1));
        marketplace.buyLicense{value: 1}(usdOffer, buyer);
        vm.expectRevert(IMarketplace.MarketplaceZeroAddress.selector);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, address(0));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOfferNotFound.selector, 99));
        marketplace.buyLicense(99, buyer);
        vm.stopPrank();
    }

    function test_buyLicense_notListedReverts() public {
        // Pending
        uint256 pending = _registerModel(creator);
        _apply(pending);
        vm.prank(creator);
        uint256 offer = marketplace.createOffer(pending, address(0), ETH_PRICE, 0, 0, "ipfs://t", keccak256("t"));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceModelNotListed.selector, pending));
        _buyEth(offer);
        // Suspended
        vm.prank(guardian);
        curation.suspend(modelId, "ipfs://incident", keccak256("incident"));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceModelNotListed.selector, modelId));
        _buyEth(ethOffer);
        // Removed, then Delisted
        skip(SUSPENSION_WINDOW);
        _removed(modelId);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceModelNotListed.selector, modelId));
        _buyEth(ethOffer);
        skip(APPEAL_WINDOW + 1);
        curation.finalize(modelId);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceModelNotListed.selector, modelId));
        _buyUsd();
    }

    function test_buyLicense_feeOnTransferTokenRefused() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        vm.prank(address(timelock));
        marketplace.setCurrency(address(fot), true);
        vm.prank(creator);
        uint256 offer = marketplace.createOffer(modelId, address(fot), 100e18, 0, 0, "ipfs://t", keccak256("t"));
        fot.mint(buyer, 1000e18);
        vm.startPrank(buyer);
        fot.approve(address(marketplace), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.MarketplaceTransferShortfall.selector, address(fot), 100e18, 99e18)
        );
        marketplace.buyLicense(offer, buyer);
        vm.stopPrank();
        assertEq(fot.balanceOf(address(marketplace)), 0);
    }

    function test_buyLicense_disallowedCurrencyAfterOffer() public {
        vm.prank(address(timelock));
        marketplace.setCurrency(address(usd), false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceCurrencyNotAllowed.selector, address(usd)));
        _buyUsd();
    }

    // ================================================================ lineage royalties

    function test_buyLicense_paysLineageRoyalties() public {
        address baseOwner = makeAddr("baseOwner");
        address dataOwner = makeAddr("dataOwner");
        uint256 base = _registerModel(baseOwner);
        vm.prank(dataOwner);
        uint256 data = registry.registerModel(IModelRegistry.Kind.Dataset, keccak256("d"), "ipfs://d", new uint256[](0));
        uint256[] memory up = new uint256[](2);
        (up[0], up[1]) = (base, data);
        vm.prank(creator);
        registry.publishVersion(modelId, 1, keccak256("v2"), "ipfs://v2", up);
        // v2 is sold (and its lineage paid) once its challenge window is over.
        skip(CHALLENGE_PERIOD);

        _buyEth(ethOffer);
        // 10% of the creator's 0.95 ETH, split between the two upstream owners.
        assertEq(marketplace.owed(baseOwner, address(0)), 0.0475 ether);
        assertEq(marketplace.owed(dataOwner, address(0)), 0.0475 ether);
        assertEq(marketplace.owed(creator, address(0)), 0.855 ether);
    }

    // ================================================================ auditors

    function test_buyLicense_paysPassingAuditorsOfSoldVersion() public {
        address auditor2 = makeAddr("auditor2");
        _activeAuditor(auditor);
        _activeAuditor(auditor2);
        _pass(auditor, modelId, 1);
        vm.prank(auditor2);
        audits.submitAudit(
            modelId, 1, IAuditRegistry.Verdict.Concerns, [uint8(50), 40, 60, 100], "ipfs://r2", keccak256("r2"), 0
        );
        _buyEth(ethOffer);
        assertEq(marketplace.owed(auditor, address(0)), 0.01 ether);
        assertEq(marketplace.owed(auditor2, address(0)), 0);

        // A new version has no passes yet: once it is listed (its window over), the auditors' share goes to the
        // treasury (with the curators' share, as nobody is staked).
        vm.prank(creator);
        registry.publishVersion(modelId, 1, keccak256("v2"), "ipfs://v2", new uint256[](0));
        skip(CHALLENGE_PERIOD);
        uint256 treasuryBefore = marketplace.owed(address(timelock), address(0));
        _buyEth(ethOffer);
        assertEq(marketplace.owed(auditor, address(0)), 0.01 ether);
        assertEq(marketplace.owed(address(timelock), address(0)), treasuryBefore + 0.05 ether);
    }

    // ================================================================ curator fees: sandwiches and scale

    /// @dev Staking just before a sale earns exactly an honest curator's share per token, and the stake cannot
    /// leave before the unbonding period: the sandwich gains nothing over honest curating.
    function test_sandwich_stakeBuyUnstake_gainsNoMoreThanHonest() public {
        _stake(curator1, modelId, 1000e18);
        address attacker = makeAddr("attacker");
        _fund(attacker, 50_000e18);
        _stake(attacker, modelId, 9000e18);
        _buyEth(ethOffer);
        vm.prank(attacker);
        curation.requestUnstake(modelId, 9000e18);

        uint256 honestPerToken = marketplace.owed(curator1, address(0))
            + marketplace.pendingCuratorFees(modelId, curator1, address(0)) * 1e18 / 1000e18;
        uint256 attackerPerToken = marketplace.owed(attacker, address(0)) * 1e18 / 9000e18;
        assertLe(attackerPerToken, honestPerToken);

        ICurationRegistry.Position memory p = curation.positionOf(modelId, attacker);
        vm.expectRevert(
            abi.encodeWithSelector(ICurationRegistry.CurationStillUnbonding.selector, modelId, attacker, p.releaseAt)
        );
        vm.prank(attacker);
        curation.withdrawStake(modelId);
        // Unbonding stake earns nothing from later sales.
        _buyEth(ethOffer);
        assertEq(marketplace.pendingCuratorFees(modelId, attacker, address(0)), 0);
    }

    function test_stakeAfterSale_earnsNothingFromIt() public {
        _stake(curator1, modelId, 1000e18);
        _buyEth(ethOffer);
        _stake(curator2, modelId, 1000e18);
        assertEq(marketplace.pendingCuratorFees(modelId, curator2, address(0)), 0);
        assertEq(marketplace.pendingCuratorFees(modelId, curator1, address(0)), 0.03 ether);
        // Adding to a stake settles what it earned first.
        _stake(curator1, modelId, 1000e18);
        assertEq(marketplace.owed(curator1, address(0)), 0.03 ether);
        assertEq(marketplace.pendingCuratorFees(modelId, curator1, address(0)), 0);
    }

    function test_claimAll_acrossTenModelsAndTwoCurrencies() public {
        uint256[] memory ids = new uint256[](10);
        for (uint256 i = 0; i < 10; ++i) {
            uint256 id = i == 0 ? modelId : _listedModel();
            ids[i] = id;
            _stake(curator1, id, 100e18);
            vm.startPrank(creator);
            uint256 e = marketplace.createOffer(id, address(0), ETH_PRICE, 0, 0, "ipfs://t", keccak256("t"));
            uint256 u = marketplace.createOffer(id, address(usd), USD_PRICE, 0, 0, "ipfs://t", keccak256("t"));
            vm.stopPrank();
            _buyEth(e);
            vm.prank(buyer);
            marketplace.buyLicense(u, buyer);
        }
        address[] memory currencies = new address[](2);
        currencies[1] = address(usd);
        uint256 eth = curator1.balance;
        vm.prank(curator1);
        marketplace.claimAll(ids, currencies);
        assertEq(curator1.balance - eth, 10 * 0.03 ether);
        assertEq(usd.balanceOf(curator1), 10 * 6e6);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.MarketplaceNothingToWithdraw.selector, curator1, address(0))
        );
        vm.prank(curator1);
        marketplace.claimAll(ids, currencies);
    }

    function test_onStakeChange_onlyCuration() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOnlyCuration.selector, address(this)));
        marketplace.onStakeChange(modelId, curator1, 0);
    }

    // ================================================================ reentrancy

    function test_withdraw_reentrantReceiverCannotDrain() public {
        ReentrantCreator evil = new ReentrantCreator(marketplace);
        uint256 id = evil.register(registry);
        deal(address(token), address(evil), LISTING_BOND);
        vm.startPrank(address(evil));
        token.approve(address(curation), type(uint256).max);
        curation.applyForListing(id);
        uint256 offer = marketplace.createOffer(id, address(0), ETH_PRICE, 0, 0, "ipfs://t", keccak256("t"));
        vm.stopPrank();
        skip(CHALLENGE_PERIOD);
        _buyEth(offer);
        _buyEth(offer);
        uint256 owedBefore = marketplace.owed(address(evil), address(0));
        assertEq(owedBefore, 1.9 ether);

        evil.setMode(1, 0);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        evil.withdraw();
        evil.setMode(2, offer);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        evil.withdraw();
        assertEq(marketplace.owed(address(evil), address(0)), owedBefore);
        assertEq(address(marketplace).balance, 2 ether);

        evil.setMode(0, 0);
        evil.withdraw();
        assertEq(address(evil).balance, 1.9 ether);
    }

    function test_buyLicense_tokenHookCannotReenter() public {
        HookToken hook = new HookToken();
        vm.prank(address(timelock));
        marketplace.setCurrency(address(hook), true);
        vm.prank(creator);
        uint256 offer = marketplace.createOffer(modelId, address(hook), 10e18, 0, 0, "ipfs://t", keccak256("t"));
        ReentrantBuyer attacker = new ReentrantBuyer(marketplace);
        hook.mint(address(attacker), 100e18);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        attacker.buy(offer, hook);
        assertEq(hook.balanceOf(address(marketplace)), 0);
        assertEq(marketplace.getOffer(offer).sold, 0);
    }

    // ================================================================ DAO parameters

    function test_setFees_boundsAndEvents() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOnlyTimelock.selector, creator));
        vm.prank(creator);
        marketplace.setFees([uint256(100), 5000, 2000, 1000]);
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceParameterOutOfBounds.selector, 2001, 2000));
        marketplace.setFees([uint256(2001), 5000, 2000, 1000]);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceParameterOutOfBounds.selector, 10_001, 10_000));
        marketplace.setFees([uint256(100), 9000, 1001, 1000]);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceParameterOutOfBounds.selector, 5001, 5000));
        marketplace.setFees([uint256(100), 5000, 2000, 5001]);
        vm.expectEmit(address(marketplace));
        emit IMarketplace.FeesSet([uint256(500), 6000, 2000, 1000], [uint256(400), 5000, 2000, 1000]);
        marketplace.setFees([uint256(400), 5000, 2000, 1000]);
        vm.expectEmit(address(marketplace));
        emit IMarketplace.CurrencySet(address(usd), true, false);
        marketplace.setCurrency(address(usd), false);
        vm.expectRevert(IMarketplace.MarketplaceZeroAddress.selector);
        marketplace.setCurrency(address(0), true);
        vm.stopPrank();
        assertEq(marketplace.fees()[0], 400);
        assertFalse(marketplace.isCurrencyAllowed(address(usd)));
        assertTrue(marketplace.isCurrencyAllowed(address(0)));
    }
}
