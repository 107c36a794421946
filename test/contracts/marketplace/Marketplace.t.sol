// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAuditRegistry} from "../../../contracts/interfaces/IAuditRegistry.sol";
import {ICurationParameters} from "../../../contracts/interfaces/ICurationParameters.sol";
import {ICurationStaking} from "../../../contracts/interfaces/ICurationStaking.sol";
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

    /// @dev Issue 15 item 5: retired offers used to count against the cap, so a model re-priced 32 times (create a
    /// new offer, retire the old) could never be offered again.
    function test_thirtyThreePriceChanges_stillOffered() public {
        vm.startPrank(creator);
        marketplace.retireOffer(usdOffer);
        uint256 current = ethOffer;
        for (uint256 i = 0; i < 33; ++i) {
            uint256 next = marketplace.createOffer(
                modelId, address(0), ETH_PRICE + i + 1, DURATION, 0, "ipfs://t", keccak256("t")
            );
            marketplace.retireOffer(current);
            current = next;
        }
        vm.stopPrank();
        assertEq(marketplace.activeOfferCount(modelId), 1);
        assertEq(marketplace.offersOf(modelId).length, 35);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE + 33}(current, buyer);
        (bool valid,) = marketplace.hasValidLicense(modelId, buyer);
        assertTrue(valid);
    }

    /// @dev Smaller finding: a fifth currency's curator share used to go silently to the treasury. Now the offer in a
    /// fifth currency is refused, even after the other currencies' offers were retired (they still accrue fees).
    function test_fifthFeeCurrency_refused() public {
        address[3] memory more = [makeAddr("tokenA"), makeAddr("tokenB"), makeAddr("tokenC")];
        vm.startPrank(address(timelock));
        for (uint256 i = 0; i < 3; ++i) {
            marketplace.setCurrency(more[i], true);
        }
        vm.stopPrank();
        vm.startPrank(creator);
        uint256 third = marketplace.createOffer(modelId, more[0], 1e18, 0, 0, "ipfs://t", keccak256("t"));
        marketplace.createOffer(modelId, more[1], 1e18, 0, 0, "ipfs://t", keccak256("t"));
        marketplace.retireOffer(third);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceTooManyCurrencies.selector, modelId, 4));
        marketplace.createOffer(modelId, more[2], 1e18, 0, 0, "ipfs://t", keccak256("t"));
        // A currency the model already has is fine.
        marketplace.createOffer(modelId, more[0], 2e18, 0, 0, "ipfs://t", keccak256("t"));
        vm.stopPrank();
        assertEq(marketplace.feeCurrenciesOf(modelId).length, 4);
    }

    // ================================================================ licenses never overwritten

    /// @dev Issue 15 item 8: for 1 wei anyone could re-point someone else's perpetual license to an evaluation
    /// offer's terms.
    function test_oneWeiRepointOfPerpetualLicense_refused() public {
        address holder = makeAddr("holder");
        vm.prank(buyer);
        marketplace.buyLicense(usdOffer, holder); // perpetual
        vm.prank(creator);
        uint256 evaluation = marketplace.createOffer(modelId, address(0), 1, 1 days, 0, "ipfs://eval", keccak256("e"));
        address attacker = makeAddr("attacker");
        vm.deal(attacker, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.MarketplacePurchaseGivesNothing.selector, modelId, holder, evaluation)
        );
        vm.prank(attacker);
        marketplace.buyLicense{value: 1}(evaluation, holder);
        IMarketplace.License memory l = marketplace.licenseOf(modelId, holder);
        assertEq(l.offerId, usdOffer);
        assertEq(l.expiresAt, type(uint40).max);
    }

    /// @dev Issue 15 item 8: a perpetual holder who bought a timed offer paid for nothing; so did a repeat purchase
    /// of the same perpetual offer.
    /// @dev A perpetual license: a repeat of its offer gives nothing, and so does a timed offer bought by anyone else;
    /// its holder may move it to a timed offer's terms, from now.
    function test_perpetualHolderBuyingTimedOffer_refusedToOthers() public {
        _buyUsd();
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.MarketplacePurchaseGivesNothing.selector, modelId, buyer, usdOffer)
        );
        _buyUsd();
        address gifter = makeAddr("gifter");
        vm.deal(gifter, ETH_PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.MarketplacePurchaseGivesNothing.selector, modelId, buyer, ethOffer)
        );
        vm.prank(gifter);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        assertEq(address(marketplace).balance, 0);
        assertEq(marketplace.licenseOf(modelId, buyer).offerId, usdOffer);
        assertEq(_buyEth(ethOffer), block.timestamp + DURATION);
        assertEq(marketplace.licenseOf(modelId, buyer).offerId, ethOffer);
    }

    /// @dev Review 17 (R17-1): a holder of a cheap long license (1 year, 0.01 ETH) bought a dear short one (30 days,
    /// 1 ETH) and got the dear terms for 395 days. Moving to other terms now starts them now.
    function test_attack_reTermCarriesCheapTimeIntoDearTerms() public {
        vm.prank(creator);
        uint256 personal =
            marketplace.createOffer(modelId, address(0), 0.01 ether, 365 days, 0, "ipfs://personal", keccak256("p"));
        vm.prank(buyer);
        marketplace.buyLicense{value: 0.01 ether}(personal, buyer);
        skip(10 days);
        assertEq(_buyEth(ethOffer), block.timestamp + DURATION, "the dear terms for what was paid for, from now");
        assertEq(marketplace.licenseOf(modelId, buyer).offerId, ethOffer);
    }

    /// @dev Review 17 (R17-3): anyone could buy the cheapest perpetual offer for someone holding nothing, who could then
    /// never buy a timed offer's terms. The holder may leave a perpetual license it was given for other terms.
    function test_attack_giftedPerpetualLocksHolderOutOfTimedOffers() public {
        address victim = makeAddr("victim");
        vm.prank(buyer);
        marketplace.buyLicense(usdOffer, victim);
        vm.deal(victim, ETH_PRICE);
        vm.prank(victim);
        assertEq(marketplace.buyLicense{value: ETH_PRICE}(ethOffer, victim), block.timestamp + DURATION);
        assertEq(marketplace.licenseOf(modelId, victim).offerId, ethOffer);
    }

    /// @dev Issue 15 item 8: a gift on other terms would re-term (here: move a 30-day license to a 1-hour evaluation's
    /// terms); only the same offer may extend someone else's valid license.
    function test_giftOnOtherTermsOntoValidLicense_refused() public {
        address holder = makeAddr("holder");
        vm.prank(buyer);
        uint256 until = marketplace.buyLicense{value: ETH_PRICE}(ethOffer, holder);
        vm.prank(creator);
        uint256 evaluation = marketplace.createOffer(modelId, address(0), 1, 1 hours, 0, "ipfs://eval", keccak256("e"));
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.MarketplaceLicenseHeldOnOtherTerms.selector, modelId, holder, ethOffer)
        );
        vm.prank(buyer);
        marketplace.buyLicense{value: 1}(evaluation, holder);
        // The same offer extends it from its end.
        vm.prank(buyer);
        assertEq(marketplace.buyLicense{value: ETH_PRICE}(ethOffer, holder), until + DURATION);
        // The holder may move their own license to other terms, which start now (the time left on the old ones
        // ends); an expired license is simply replaced.
        vm.deal(holder, 1);
        vm.prank(holder);
        assertEq(marketplace.buyLicense{value: 1}(evaluation, holder), block.timestamp + 1 hours);
        assertEq(marketplace.licenseOf(modelId, holder).offerId, evaluation);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(buyer);
        assertEq(marketplace.buyLicense{value: ETH_PRICE}(ethOffer, holder), block.timestamp + DURATION);
        assertEq(marketplace.licenseOf(modelId, holder).offerId, ethOffer);
    }

    // ================================================================ sales and the fee split

    /// @dev Sales made over `days_` days, one a day, each for a new licensee, with only curator1 staked (1,000 CUR);
    /// nobody settles (same version and fee schedule). Returns the curators' share of them.
    function _salesWhileAlone(uint256 days_) internal returns (uint256 curatorsShare) {
        _stake(curator1, modelId, 1000e18);
        for (uint256 i = 0; i < days_; ++i) {
            vm.prank(buyer);
            marketplace.buyLicense{value: ETH_PRICE}(ethOffer, address(uint160(0x5A1E00 + i)));
            skip(1 days);
        }
        (IMarketplace.Split memory split,) = marketplace.pendingSplitOf(modelId, address(0));
        return split.curators;
    }

    /// @dev Review 17 (R17-2): the curators' share of sales left in the till for 60 days streamed, once settled, to
    /// whoever was staked from then on: a stake of 99x taken after every sale, which settled the till, took 99% of it.
    /// The stake present while the till filled (every stake change settles it) now gets at once what would have
    /// streamed since its first sale: here all of it.
    function test_attack_lateStakeTakesUnsettledTillFees() public {
        uint256 share = _salesWhileAlone(60);
        assertGt(share, 0);
        address attacker = makeAddr("late staker");
        _fund(attacker, 99_000e18);
        _stake(attacker, modelId, 99_000e18);
        skip(marketplace.FEE_STREAM_PERIOD());
        assertEq(marketplace.pendingCuratorFees(modelId, attacker, address(0)), 0, "nothing of sales before it");
        assertApproxEqAbs(marketplace.pendingCuratorFees(modelId, curator1, address(0)), share, 1);
    }

    /// @dev The same till settled by the lone curator's own unstake request: its share is its own, not streamed to
    /// nobody (the treasury).
    function test_attack_leavingCuratorLosesItsUnsettledTill() public {
        uint256 share = _salesWhileAlone(60);
        uint256 treasuryBefore = marketplace.owed(address(timelock), address(0));
        vm.prank(curator1);
        curation.requestUnstake(modelId, 1000e18);
        skip(marketplace.FEE_STREAM_PERIOD());
        _settle(modelId, address(0));
        assertApproxEqAbs(marketplace.owed(curator1, address(0)), share, 1, "credited at the request");
        // The treasury got its own share of the sales, nothing of the curators'.
        (uint256 streaming,) = marketplace.curatorFeeStream(modelId, address(0));
        assertEq(streaming, 0);
        assertEq(
            marketplace.owed(address(timelock), address(0)) - treasuryBefore,
            60 * ETH_PRICE * 5 / 100 * 20 / 100 + 60 * ETH_PRICE * 5 / 100 * 20 / 100
        );
    }

    /// @dev The stream still keeps a stake that comes just before a sale from taking its share at once: the stake
    /// present at the split gets what would have streamed since the till's first sale (here, a day's worth), and the
    /// rest streams on until a week after that sale.
    function test_settleSales_streamsFromTheFirstSale() public {
        _stake(curator1, modelId, 1000e18);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        uint256 soldAt = block.timestamp;
        skip(1 days);
        (IMarketplace.Split memory split,) = marketplace.pendingSplitOf(modelId, address(0));
        _settle(modelId, address(0));
        uint256 week = marketplace.FEE_STREAM_PERIOD();
        assertApproxEqAbs(marketplace.pendingCuratorFees(modelId, curator1, address(0)), split.curators / 7, 1);
        (uint256 streaming, uint256 endsAt) = marketplace.curatorFeeStream(modelId, address(0));
        assertApproxEqAbs(streaming, split.curators * 6 / 7, 1);
        assertEq(endsAt, soldAt + week);
    }

    /// @dev Review of session 19: a new till's stream ended the joined stream at the later of the two ends, so a cheap
    /// sale pushed a large stream back by days: a 100 ETH sale's 3 ETH streamed to a lone curator until day 7; on day
    /// 6 an attacker staked as much, bought a 0.001 ETH license and split it, and the last seventh of the large stream
    /// then flowed until day 13: the curator, leaving on day 7 as planned, had ~2.60 ETH instead of ~2.79, and the
    /// attacker, alone, took the rest. Now the joined stream ends at the amount-weighted mean of the two ends.
    function test_attack_cheapSalePushesBackTheStreamUnderWay() public {
        address attacker = makeAddr("attacker");
        vm.startPrank(creator);
        uint256 big = marketplace.createOffer(modelId, address(0), 100 ether, 0, 0, "ipfs://t", keccak256("t"));
        uint256 cheap = marketplace.createOffer(modelId, address(0), 0.001 ether, 1 days, 0, "ipfs://t", keccak256("t"));
        vm.stopPrank();
        _stake(curator1, modelId, 1000e18);
        vm.deal(buyer, 100 ether);
        vm.prank(buyer);
        marketplace.buyLicense{value: 100 ether}(big, buyer);
        _settle(modelId, address(0));
        uint256 t0 = block.timestamp;
        (uint256 streaming, uint256 endsAt) = marketplace.curatorFeeStream(modelId, address(0));
        assertEq(streaming, 3 ether);
        assertEq(endsAt, t0 + 7 days);

        // Day 6: the attacker stakes as much as the curator, buys the cheapest license and splits it at once.
        vm.warp(t0 + 6 days);
        _fund(attacker, 1000e18);
        _stake(attacker, modelId, 1000e18);
        vm.deal(attacker, 1 ether);
        vm.prank(attacker);
        marketplace.buyLicense{value: 0.001 ether}(cheap, attacker);
        _settle(modelId, address(0));
        // The end moves by the cheap sale's weight only: its 0.00003 ETH against ~0.43 ETH still streaming.
        (, uint256 newEnd) = marketplace.curatorFeeStream(modelId, address(0));
        assertLe(newEnd - (t0 + 7 days), 1 minutes, "not pushed back by days");

        // Day 7: the curator leaves with its 6/7 alone plus half of the last seventh, less than a wei-scale dust.
        vm.warp(t0 + 7 days + 1 minutes);
        uint256 fees = 3 ether;
        assertApproxEqRel(marketplace.pendingCuratorFees(modelId, curator1, address(0)), fees * 6 / 7 + fees / 14, 1e15);
        assertApproxEqRel(marketplace.pendingCuratorFees(modelId, attacker, address(0)), fees / 14, 1e15);
    }

    /// @dev The joined stream keeps the average release time of its parts: a till equal in amount to what still
    /// streams, ending a week from now, joins a stream with a day left, and the joined stream ends in four days.
    function test_settleSales_joinedStreamEndsAtTheWeightedMeanOfTheEnds() public {
        vm.prank(creator);
        uint256 seventh = marketplace.createOffer(modelId, address(0), ETH_PRICE / 7, 0, 0, "ipfs://t", keccak256("t"));
        _stake(curator1, modelId, 1000e18);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        _settle(modelId, address(0));
        uint256 t0 = block.timestamp;
        skip(6 days);
        // A second sale, split at once: as much streams anew (a week) as still streams of the first (a day left).
        (uint256 left,) = marketplace.curatorFeeStream(modelId, address(0));
        vm.deal(buyer, 1 ether);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE / 7}(seventh, buyer);
        _settle(modelId, address(0));
        (uint256 streaming, uint256 endsAt) = marketplace.curatorFeeStream(modelId, address(0));
        assertApproxEqAbs(streaming, 2 * left, 2);
        assertApproxEqAbs(endsAt, t0 + 6 days + 4 days, 1);
    }

    /// @dev What streams while nobody is staked goes to the treasury: the lone curator leaves a day into the stream,
    /// and when the next one joins two days later, those two days' fees are the treasury's, not the newcomer's.
    function test_accrue_whileNobodyStaked_goesToTheTreasury() public {
        _stake(curator1, modelId, 1000e18);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        _settle(modelId, address(0));
        (uint256 streaming,) = marketplace.curatorFeeStream(modelId, address(0));
        skip(1 days);
        vm.prank(curator1);
        curation.requestUnstake(modelId, 1000e18);
        uint256 treasuryBefore = marketplace.owed(address(timelock), address(0));
        skip(2 days);
        _stake(curator2, modelId, 1000e18);
        assertApproxEqAbs(
            marketplace.owed(address(timelock), address(0)) - treasuryBefore, streaming * 2 / 7, 1, "two days' worth"
        );
        assertEq(marketplace.pendingCuratorFees(modelId, curator2, address(0)), 0, "none of it to the newcomer");
    }

    function test_buyLicense_eth_splitsFees() public {
        _stake(curator1, modelId, 3000e18);
        _stake(curator2, modelId, 1000e18);
        uint256 expiresAt = _buyEth(ethOffer);
        assertEq(expiresAt, block.timestamp + DURATION);
        (bool valid, uint256 until) = marketplace.hasValidLicense(modelId, buyer);
        assertTrue(valid);
        assertEq(until, expiresAt);
        assertEq(address(marketplace).balance, ETH_PRICE);

        // 5% fee: 60% curators (3,000 : 1,000), 20% auditors (none passed: treasury), 20% treasury. The curators'
        // share streams to them over FEE_STREAM_PERIOD.
        assertEq(marketplace.pendingCuratorFees(modelId, curator1, address(0)), 0);
        (uint256 streaming, uint256 endsAt) = marketplace.curatorFeeStream(modelId, address(0));
        assertEq(streaming, 0.03 ether);
        assertEq(endsAt, block.timestamp + marketplace.FEE_STREAM_PERIOD());
        skip(marketplace.FEE_STREAM_PERIOD() / 2);
        assertEq(marketplace.pendingCuratorFees(modelId, curator1, address(0)), 0.011_25 ether);
        skip(marketplace.FEE_STREAM_PERIOD());
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
        _settle(modelId, address(usd));
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

    // ================================================================ the till (issue 17)

    function test_buyLicense_fillsTheTillOnly() public {
        _stake(curator1, modelId, 1000e18);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, makeAddr("friend"));
        // Nobody is credited by a sale: the till holds both prices, stamped with the version and fee schedule.
        IMarketplace.Till memory till = marketplace.tillOf(modelId, address(0));
        assertEq(till.pending, 2 * ETH_PRICE);
        assertEq(till.version, 1);
        assertEq(till.feeEpoch, marketplace.feeEpoch());
        assertEq(marketplace.owed(creator, address(0)), 0);
        assertEq(marketplace.owed(address(timelock), address(0)), 0);
        (IMarketplace.Split memory preview,) = marketplace.pendingSplitOf(modelId, address(0));
        assertEq(preview.creator, 1.9 ether);

        vm.expectEmit(address(marketplace));
        emit IMarketplace.SalesSettled(modelId, address(0), 1, 1, 2 ether, preview);
        _settle(modelId, address(0));
        assertEq(marketplace.tillOf(modelId, address(0)).pending, 0);
        assertEq(marketplace.owed(creator, address(0)), 1.9 ether);
        assertEq(marketplace.owed(address(timelock), address(0)), 0.04 ether);
        (uint256 streaming,) = marketplace.curatorFeeStream(modelId, address(0));
        assertEq(streaming, 0.06 ether);
    }

    function test_claimAll_settlesTheTillForTheCreator() public {
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        uint256[] memory ids = new uint256[](1);
        ids[0] = modelId;
        uint256 before = creator.balance;
        vm.prank(creator);
        marketplace.claimAll(ids, new address[](1));
        assertEq(creator.balance - before, 0.95 ether);
        assertEq(marketplace.tillOf(modelId, address(0)).pending, 0);
    }

    /// @dev A fee change between two sales: the first sale is split under the schedule it was made under (the second
    /// sale settles the till before filling it anew), the second under the new one.
    function test_feeChangeBetweenSales_pastSalesKeepTheirSplit() public {
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        vm.prank(address(timelock));
        marketplace.setFees(_fees(2000, 0, 0, 0));
        assertEq(marketplace.feeEpoch(), 2);
        assertEq(marketplace.feeSchedule(1).protocolFeeBps, PROTOCOL_FEE_BPS);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, makeAddr("friend"));
        // The first sale: 5% fee, all of it to the treasury (nobody staked, nobody passed).
        assertEq(marketplace.owed(creator, address(0)), 0.95 ether);
        assertEq(marketplace.owed(address(timelock), address(0)), 0.05 ether);
        assertEq(marketplace.tillOf(modelId, address(0)).feeEpoch, 2);
        _settle(modelId, address(0));
        assertEq(marketplace.owed(creator, address(0)), 0.95 ether + 0.8 ether);
        assertEq(marketplace.owed(address(timelock), address(0)), 0.05 ether + 0.2 ether);
    }

    /// @dev A new version between two sales: the first sale pays the passers and the lineage of the version it sold.
    function test_newVersionBetweenSales_pastSalesPayTheirVersion() public {
        _activeAuditor(auditor);
        _pass(auditor, modelId, 1);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        address baseOwner = makeAddr("baseOwner");
        uint256[] memory up = new uint256[](1);
        up[0] = _registerModel(baseOwner);
        vm.prank(creator);
        registry.publishVersion(modelId, 1, keccak256("v2"), "ipfs://v2", up);
        // Version 2 is a candidate until its challenge period is over; then it is the listed version, and sold.
        vm.warp(block.timestamp + curation.parameter(ICurationParameters.Parameter.ChallengePeriod));
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, makeAddr("friend"));
        // Version 1's sale: its passer is paid, no royalty (version 1 has no lineage).
        assertEq(marketplace.owed(auditor, address(0)), 0.01 ether);
        assertEq(marketplace.owed(baseOwner, address(0)), 0);
        assertEq(marketplace.tillOf(modelId, address(0)).version, 2);
        _settle(modelId, address(0));
        // Version 2's sale: nobody passed it; its lineage is paid.
        assertEq(marketplace.owed(auditor, address(0)), 0.01 ether);
        assertEq(marketplace.owed(baseOwner, address(0)), 0.095 ether);
    }

    /// @dev A stake change splits the till first, at the stake that was there while it filled.
    function test_stakeChange_settlesTheTillAtTheOldStake() public {
        _stake(curator1, modelId, 1000e18);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        _stake(curator2, modelId, 1000e18);
        assertEq(marketplace.tillOf(modelId, address(0)).pending, 0);
        (uint256 streaming,) = marketplace.curatorFeeStream(modelId, address(0));
        assertEq(streaming, 0.03 ether);
        assertEq(marketplace.owed(creator, address(0)), 0.95 ether);
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

    /// @dev Attack: an auditor passes a model right after sales were made, before anyone split them, to share their
    /// auditor fees. The Pass splits the model's tills first: the earlier sales pay the passers of their time.
    function test_latePasser_doesNotShareEarlierSales() public {
        address latecomer = makeAddr("latecomer");
        _activeAuditor(auditor);
        _activeAuditor(latecomer);
        _pass(auditor, modelId, 1);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        assertGt(marketplace.tillOf(modelId, address(0)).pending, 0);

        _pass(latecomer, modelId, 1);
        assertEq(marketplace.tillOf(modelId, address(0)).pending, 0);
        _settle(modelId, address(0));
        assertEq(marketplace.owed(auditor, address(0)), 0.01 ether);
        assertEq(marketplace.owed(latecomer, address(0)), 0);

        // The next sale is shared by both.
        _buyEth(ethOffer);
        assertEq(marketplace.owed(auditor, address(0)), 0.015 ether);
        assertEq(marketplace.owed(latecomer, address(0)), 0.005 ether);
    }

    /// @dev An auditor who amends a Pass away is paid for the sales made while it stood.
    function test_passWithdrawnByAmendment_keepsEarlierSales() public {
        _activeAuditor(auditor);
        uint256 reportId = _pass(auditor, modelId, 1);
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        vm.prank(auditor);
        audits.submitAudit(
            modelId, 1, IAuditRegistry.Verdict.Fail, [uint8(10), 10, 10, 10], "ipfs://r2", keccak256("r2"), reportId
        );
        assertEq(marketplace.owed(auditor, address(0)), 0.01 ether);
    }

    function test_onPassersChange_onlyAuditRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOnlyAuditRegistry.selector, address(this)));
        marketplace.onPassersChange(modelId);
    }

    function test_onModelTransfer_onlyModelRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOnlyModelRegistry.selector, address(this)));
        marketplace.onModelTransfer(modelId);
    }

    /// @dev A creator sells the model's NFT while sales are still in its till: the till credits the model's owner when
    /// it is split, so the buyer of the NFT could split it and take the seller's proceeds. The transfer splits it first.
    function test_attack_buyNftThenSplitTheSellersSales_sellerKeepsThem() public {
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        address newOwner = makeAddr("newOwner");
        vm.expectEmit(address(marketplace));
        emit IMarketplace.SalesSettled(modelId, address(0), 1, 1, ETH_PRICE, _previewSplit(modelId, address(0)));
        vm.prank(creator);
        registry.transferFrom(creator, newOwner, modelId);
        assertEq(marketplace.tillOf(modelId, address(0)).pending, 0);
        _settle(modelId, address(0));
        assertEq(marketplace.owed(creator, address(0)), 0.95 ether);
        assertEq(marketplace.owed(newOwner, address(0)), 0);
        // Sales after the transfer are the new owner's.
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, makeAddr("friend"));
        _settle(modelId, address(0));
        assertEq(marketplace.owed(creator, address(0)), 0.95 ether);
        assertEq(marketplace.owed(newOwner, address(0)), 0.95 ether);
    }

    /// @dev A transfer the caller may not make reverts whole: the till it would have split is untouched.
    function test_attack_unauthorizedTransferSplitsNothing() public {
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(ethOffer, buyer);
        vm.expectRevert();
        vm.prank(buyer);
        registry.transferFrom(creator, buyer, modelId);
        assertEq(marketplace.tillOf(modelId, address(0)).pending, ETH_PRICE);
    }

    function _previewSplit(uint256 id, address currency) internal view returns (IMarketplace.Split memory preview) {
        (preview,) = marketplace.pendingSplitOf(id, currency);
    }

    /// @dev Issue 15 item 4: an auditor who left (unbonding) or was revoked kept being paid for ever. Their part now
    /// goes to the treasury.
    function test_unbondedOrRevokedAuditor_paidNothing() public {
        address auditor2 = makeAddr("auditor2");
        address auditor3 = makeAddr("auditor3");
        _activeAuditor(auditor);
        _activeAuditor(auditor2);
        _activeAuditor(auditor3);
        _pass(auditor, modelId, 1);
        _pass(auditor2, modelId, 1);
        _pass(auditor3, modelId, 1);
        vm.prank(auditor2);
        audits.requestBondWithdrawal();
        vm.prank(address(timelock));
        audits.revoke(auditor3);

        _buyEth(ethOffer);
        // The auditors' share (0.01 ETH) has three equal parts: one paid, two to the treasury (with the curators'
        // 0.03 ETH, nobody being staked, and its own 0.01 ETH).
        uint256 part = uint256(0.01 ether) / 3;
        assertEq(marketplace.owed(auditor, address(0)), part);
        assertEq(marketplace.owed(auditor2, address(0)), 0);
        assertEq(marketplace.owed(auditor3, address(0)), 0);
        assertEq(marketplace.owed(address(timelock), address(0)), 0.05 ether - part);
    }

    /// @dev Smaller finding: only the first four passers were paid, silently. Every active passer now has a part.
    function test_sixPassersOfVersion_allShareAuditorFees() public {
        address[] memory list = new address[](6);
        for (uint256 i = 0; i < 6; ++i) {
            list[i] = makeAddr(string.concat("passer", vm.toString(i)));
            _activeAuditor(list[i]);
            _pass(list[i], modelId, 1);
        }
        _buyEth(ethOffer);
        uint256 part = uint256(0.01 ether) / 6;
        for (uint256 i = 0; i < 6; ++i) {
            assertEq(marketplace.owed(list[i], address(0)), part);
        }
        assertEq(marketplace.owed(address(timelock), address(0)), 0.05 ether - 6 * part);
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

        ICurationStaking.Position memory p = curation.positionOf(modelId, attacker);
        vm.expectRevert(
            abi.encodeWithSelector(ICurationStaking.CurationStillUnbonding.selector, modelId, attacker, p.releaseAt)
        );
        vm.prank(attacker);
        curation.withdrawStake(modelId);
        // Unbonding stake earns nothing from later sales.
        _buyEth(ethOffer);
        assertEq(marketplace.pendingCuratorFees(modelId, attacker, address(0)), 0);
    }

    /// @dev Issue 15 item 7: staking 100x the existing stake just before a large sale and unstaking right after
    /// used to capture 99% of the sale's curator fees. The fees now stream over FEE_STREAM_PERIOD, so the sandwich
    /// earns at most the share of that period it stayed staked.
    function testFuzz_jitStakeAroundLargeSale_earnsOnlyItsTimeShare(uint256 stayed) public {
        uint256 period = marketplace.FEE_STREAM_PERIOD();
        stayed = bound(stayed, 0, period);
        _stake(curator1, modelId, 1000e18);
        skip(30 days);
        address attacker = makeAddr("attacker");
        _fund(attacker, 100_000e18);
        _stake(attacker, modelId, 100_000e18);
        vm.prank(creator);
        uint256 big = marketplace.createOffer(modelId, address(0), 1000 ether, 0, 0, "ipfs://t", keccak256("t"));
        vm.deal(buyer, 1000 ether);
        vm.prank(buyer);
        marketplace.buyLicense{value: 1000 ether}(big, buyer);
        // The worst case for the curators: the attacker settles the till at once, so the stream starts with the
        // attacker staked (left unsettled, the till is settled when the attacker leaves, and the attacker earns 0).
        _settle(modelId, address(0));
        uint256 curatorFees = 1000 ether * PROTOCOL_FEE_BPS / 10_000 * CURATOR_FEE_SHARE_BPS / 10_000;
        skip(stayed);
        vm.prank(attacker);
        curation.requestUnstake(modelId, 100_000e18);
        skip(period + UNBONDING_PERIOD);
        vm.prank(attacker);
        curation.withdrawStake(modelId);

        uint256 earned = marketplace.owed(attacker, address(0));
        assertLe(earned, curatorFees * stayed / period);
        // The honest curator gets the rest of the stream (rounding aside).
        uint256 honest = marketplace.pendingCuratorFees(modelId, curator1, address(0));
        assertApproxEqAbs(earned + honest, curatorFees, 2);
    }

    function test_stakeAfterSale_earnsOnlyWhatStreamsAfter() public {
        _stake(curator1, modelId, 1000e18);
        _buyEth(ethOffer);
        uint256 period = marketplace.FEE_STREAM_PERIOD();
        skip(period / 2);
        _stake(curator2, modelId, 1000e18);
        assertEq(marketplace.pendingCuratorFees(modelId, curator2, address(0)), 0);
        assertEq(marketplace.pendingCuratorFees(modelId, curator1, address(0)), 0.015 ether);
        skip(period);
        // The second half streamed to both stakes equally.
        assertEq(marketplace.pendingCuratorFees(modelId, curator2, address(0)), 0.0075 ether);
        assertEq(marketplace.pendingCuratorFees(modelId, curator1, address(0)), 0.0225 ether);
        // Adding to a stake settles what it earned first.
        _stake(curator1, modelId, 1000e18);
        assertEq(marketplace.owed(curator1, address(0)), 0.0225 ether);
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
            _settle(id, address(usd));
        }
        address[] memory currencies = new address[](2);
        currencies[1] = address(usd);
        skip(marketplace.FEE_STREAM_PERIOD());
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
        marketplace.onStakeChange(modelId, curator1, 0, 0);
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
        vm.prank(buyer);
        marketplace.buyLicense{value: ETH_PRICE}(offer, makeAddr("friend"));
        _settle(id, address(0));
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
        marketplace.setFees(_fees(100, 5000, 2000, 1000));
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceParameterOutOfBounds.selector, 2001, 2000));
        marketplace.setFees(_fees(2001, 5000, 2000, 1000));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceParameterOutOfBounds.selector, 10_001, 10_000));
        marketplace.setFees(_fees(100, 9000, 1001, 1000));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceParameterOutOfBounds.selector, 5001, 5000));
        marketplace.setFees(_fees(100, 5000, 2000, 5001));
        vm.expectEmit(address(marketplace));
        emit IMarketplace.FeesSet(_fees(500, 6000, 2000, 1000), _fees(400, 5000, 2000, 1000));
        marketplace.setFees(_fees(400, 5000, 2000, 1000));
        vm.expectEmit(address(marketplace));
        emit IMarketplace.CurrencySet(address(usd), true, false);
        marketplace.setCurrency(address(usd), false);
        vm.expectRevert(IMarketplace.MarketplaceZeroAddress.selector);
        marketplace.setCurrency(address(0), true);
        vm.stopPrank();
        IMarketplace.Fees memory f = marketplace.fees();
        assertEq(f.protocolFeeBps, 400);
        assertEq(f.curatorShareBps, 5000);
        assertEq(f.auditorShareBps, 2000);
        assertEq(f.lineageRoyaltyBps, 1000);
        assertFalse(marketplace.isCurrencyAllowed(address(usd)));
        assertTrue(marketplace.isCurrencyAllowed(address(0)));
    }

    /// @dev The two shares are summed in uint256: at the top of uint16 each, the bound still answers with its error
    /// (a uint16 sum would overflow into a panic).
    function test_setFees_sharesAtUint16Max_revertWithBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceParameterOutOfBounds.selector, 131_070, 10_000));
        vm.prank(address(timelock));
        marketplace.setFees(_fees(100, type(uint16).max, type(uint16).max, 1000));
    }

    /// @dev A fee wider than uint16 is not a {IMarketplace.Fees}: the call is refused while decoding, before any bound.
    function test_setFees_valueWiderThanUint16_reverts() public {
        bytes memory data =
            abi.encodeWithSelector(IMarketplace.setFees.selector, uint256(65_536 + 500), uint256(6000), 2000, 1000);
        vm.prank(address(timelock));
        (bool ok,) = address(marketplace).call(data);
        assertFalse(ok);
        assertEq(marketplace.fees().protocolFeeBps, PROTOCOL_FEE_BPS);
        assertEq(marketplace.feeEpoch(), 1);
    }

    /// @dev Every schedule stays readable by its number, field by field; an epoch that never was reads as zeros.
    function test_feeSchedule_keepsEverySchedule() public {
        vm.startPrank(address(timelock));
        marketplace.setFees(_fees(400, 5000, 2000, 1000));
        marketplace.setFees(_fees(0, 0, 10_000, 5000));
        vm.stopPrank();
        assertEq(marketplace.feeEpoch(), 3);
        _assertFees(marketplace.feeSchedule(1), _fees(500, 6000, 2000, 1000));
        _assertFees(marketplace.feeSchedule(2), _fees(400, 5000, 2000, 1000));
        _assertFees(marketplace.feeSchedule(3), _fees(0, 0, 10_000, 5000));
        _assertFees(marketplace.fees(), _fees(0, 0, 10_000, 5000));
        _assertFees(marketplace.feeSchedule(4), _fees(0, 0, 0, 0));
        _assertFees(marketplace.feeSchedule(0), _fees(0, 0, 0, 0));
    }

    function _fees(uint16 protocol, uint16 curators, uint16 auditors, uint16 royalty)
        internal
        pure
        returns (IMarketplace.Fees memory)
    {
        return IMarketplace.Fees({
            protocolFeeBps: protocol, curatorShareBps: curators, auditorShareBps: auditors, lineageRoyaltyBps: royalty
        });
    }

    function _assertFees(IMarketplace.Fees memory actual, IMarketplace.Fees memory expected) internal pure {
        assertEq(actual.protocolFeeBps, expected.protocolFeeBps, "protocolFeeBps");
        assertEq(actual.curatorShareBps, expected.curatorShareBps, "curatorShareBps");
        assertEq(actual.auditorShareBps, expected.auditorShareBps, "auditorShareBps");
        assertEq(actual.lineageRoyaltyBps, expected.lineageRoyaltyBps, "lineageRoyaltyBps");
    }
}
