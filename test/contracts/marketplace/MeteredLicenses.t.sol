// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarketplace} from "../../../contracts/interfaces/IMarketplace.sol";
import {IMeteredLicenses} from "../../../contracts/interfaces/IMeteredLicenses.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";
import {MeteredBase} from "./MeteredBase.sol";

/// @notice Pay-per-use offers: credit, hosts, cumulative receipts, and every bad receipt the issue names.
contract MeteredLicensesTest is MeteredBase {
    address internal otherHost = makeAddr("otherHost");

    function _receipt(uint256 offerId, uint256 units) internal view returns (IMeteredLicenses.UsageReceipt memory) {
        return _receipt(offerId, licensee, units);
    }

    function _redeemUnits(uint256 units) internal returns (uint256) {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, units);
        return _redeem(host, r, _sign(licenseeKey, r));
    }

    // ================================================================ offers

    function test_createMeteredOffer_notOwner_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredNotModelOwner.selector, modelId, buyer));
        vm.prank(buyer);
        metering.createMeteredOffer(modelId, address(0), 1, 1, "ipfs://t", keccak256("t"));
    }

    function test_createMeteredOffer_zeroUnits_reverts() public {
        vm.expectRevert(IMeteredLicenses.MeteredZeroAmount.selector);
        vm.prank(creator);
        metering.createMeteredOffer(modelId, address(0), 1, 0, "ipfs://t", keccak256("t"));
    }

    function test_createMeteredOffer_currencyNotAllowed_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredCurrencyNotAllowed.selector, address(token)));
        vm.prank(creator);
        metering.createMeteredOffer(modelId, address(token), 1, 1, "ipfs://t", keccak256("t"));
    }

    function test_createMeteredOffer_capFillsThenRetireFrees() public {
        vm.startPrank(creator);
        uint256 last;
        for (uint256 i = 2; i < metering.MAX_OFFERS_PER_MODEL(); ++i) {
            last = metering.createMeteredOffer(modelId, address(0), 1, 1, "ipfs://t", keccak256("t"));
        }
        vm.expectRevert(
            abi.encodeWithSelector(
                IMeteredLicenses.MeteredTooManyOffers.selector, modelId, metering.MAX_OFFERS_PER_MODEL()
            )
        );
        metering.createMeteredOffer(modelId, address(0), 1, 1, "ipfs://t", keccak256("t"));
        metering.retireMeteredOffer(last);
        metering.createMeteredOffer(modelId, address(0), 1, 1, "ipfs://t", keccak256("t"));
        vm.stopPrank();
    }

    function test_openUsageCurrency_onlyMetering() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOnlyMetering.selector, buyer));
        vm.prank(buyer);
        marketplace.openUsageCurrency(modelId, address(0));
    }

    /// @dev Attack: paying oneself sales (and curator fees) without any licensee's credit.
    function test_recordUsage_onlyMetering() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceOnlyMetering.selector, buyer));
        vm.prank(buyer);
        marketplace.recordUsage{value: 1 ether}(modelId, address(0), 1 ether);
    }

    // ================================================================ credit

    function test_depositCredit_usd_creditsLicensee() public {
        vm.prank(licensee);
        metering.depositCredit(meteredUsd, licensee, 100e6);
        assertEq(metering.creditOf(meteredUsd, licensee).balance, 100e6);
        assertEq(usd.balanceOf(address(metering)), 100e6);
    }

    function test_depositCredit_wrongValue_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredWrongPayment.selector, 1 ether, 0.5 ether));
        vm.prank(licensee);
        metering.depositCredit{value: 0.5 ether}(metered, licensee, 1 ether);
    }

    function test_depositCredit_retiredOffer_reverts() public {
        vm.prank(creator);
        metering.retireMeteredOffer(metered);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredOfferInactive.selector, metered));
        vm.prank(licensee);
        metering.depositCredit{value: 1}(metered, licensee, 1);
    }

    function test_withdrawCredit_beforeAsking_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredCreditLocked.selector, licensee, 0));
        vm.prank(licensee);
        metering.withdrawCredit(metered);
    }

    function test_withdrawCredit_beforeNoticeEnds_reverts() public {
        vm.prank(licensee);
        uint256 unlockAt = metering.requestCreditWithdrawal(metered);
        assertEq(unlockAt, block.timestamp + metering.CREDIT_NOTICE());
        skip(metering.CREDIT_NOTICE() - 1);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredCreditLocked.selector, licensee, unlockAt));
        vm.prank(licensee);
        metering.withdrawCredit(metered);
    }

    /// @dev The notice exists so a host can redeem what it served before the licensee leaves.
    function test_requestCreditWithdrawal_hostRedeemsDuringNotice_licenseeGetsTheRest() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 7);
        bytes memory sig = _sign(licenseeKey, r);
        vm.prank(licensee);
        metering.requestCreditWithdrawal(metered);
        skip(1 days);
        assertEq(_redeem(host, r, sig), 7 * UNIT_PRICE);
        skip(metering.CREDIT_NOTICE());
        uint256 before = licensee.balance;
        vm.prank(licensee);
        assertEq(metering.withdrawCredit(metered), DEPOSIT - 7 * UNIT_PRICE);
        assertEq(licensee.balance - before, DEPOSIT - 7 * UNIT_PRICE);
        assertEq(address(metering).balance, 0);
    }

    /// @dev Attack: a third party keeps a licensee's credit locked by depositing dust; a deposit never touches the
    /// pending withdrawal.
    function test_depositCredit_byThirdParty_doesNotResetNotice() public {
        vm.prank(licensee);
        uint256 unlockAt = metering.requestCreditWithdrawal(metered);
        vm.deal(buyer, 1);
        vm.prank(buyer);
        metering.depositCredit{value: 1}(metered, licensee, 1);
        assertEq(metering.creditOf(metered, licensee).unlockAt, unlockAt);
        skip(metering.CREDIT_NOTICE());
        vm.prank(licensee);
        assertEq(metering.withdrawCredit(metered), DEPOSIT + 1);
    }

    // ================================================================ receipts

    function test_redeemUsage_splitsExactlyLikeASale() public {
        _stake(curator1, modelId, 3000e18);
        _stake(curator2, modelId, 1000e18);
        assertEq(_redeemUnits(100), 1 ether); // 100 downloads at 0.01 ETH: the same price as the 1 ETH license
        assertEq(metering.creditOf(metered, licensee).balance, 0);
        assertEq(marketplace.tillOf(modelId, address(0)).pending, 1 ether);
        _settle(modelId, address(0));
        // As test_buyLicense_eth_splitsFees: 5% fee, 60% of it to curators (3:1), 20% treasury + 20% auditors'.
        skip(marketplace.FEE_STREAM_PERIOD());
        assertEq(marketplace.pendingCuratorFees(modelId, curator1, address(0)), 0.0225 ether);
        assertEq(marketplace.pendingCuratorFees(modelId, curator2, address(0)), 0.0075 ether);
        assertEq(marketplace.owed(address(timelock), address(0)), 0.02 ether);
        assertEq(marketplace.owed(creator, address(0)), 0.95 ether);
        assertEq(address(marketplace).balance, 1 ether);
    }

    function test_redeemUsage_perThousandCalls_inUsd() public {
        vm.prank(licensee);
        metering.depositCredit(meteredUsd, licensee, 100e6);
        IMeteredLicenses.UsageReceipt memory r = _receipt(meteredUsd, 1500);
        assertEq(_redeem(host, r, _sign(licenseeKey, r)), 7.5e6); // 5 tUSD per 1,000 calls
        assertEq(metering.usageRedeemed(meteredUsd, licensee, host), 1500);
        assertEq(marketplace.tillOf(modelId, address(usd)).pending, 7.5e6);
        assertEq(usd.balanceOf(address(marketplace)), 7.5e6);
        assertEq(usd.balanceOf(address(metering)), 100e6 - 7.5e6);
    }

    /// @dev Rounding: 10 wei per 3 units. Each receipt pays due(new) - due(old), so the parts add up to due(total)
    /// exactly: nothing is lost to rounding however the units are split.
    function test_redeemUsage_roundsDownAndTelescopes() public {
        vm.prank(creator);
        uint256 offerId = metering.createMeteredOffer(modelId, address(0), 10, 3, "ipfs://t", keccak256("t"));
        vm.prank(licensee);
        metering.depositCredit{value: 100}(offerId, licensee, 100);
        uint256[3] memory expected = [uint256(3), 3, 4];
        for (uint256 units = 1; units <= 3; ++units) {
            IMeteredLicenses.UsageReceipt memory r = _receipt(offerId, units);
            assertEq(_redeem(host, r, _sign(licenseeKey, r)), expected[units - 1]);
        }
        assertEq(metering.creditOf(offerId, licensee).balance, 90);
    }

    /// @dev Attack: a forged receipt (signed by someone else than the licensee it names).
    function test_redeemUsage_forgedSignature_reverts() public {
        (, uint256 otherKey) = makeAddrAndKey("mallory");
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 10);
        bytes memory sig = _sign(otherKey, r);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptBadSignature.selector, licensee));
        _redeem(host, r, sig);
    }

    /// @dev Attack: the host raises the units of a signed receipt.
    function test_redeemUsage_tamperedUnits_reverts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        bytes memory sig = _sign(licenseeKey, r);
        r.units = 30;
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptBadSignature.selector, licensee));
        _redeem(host, r, sig);
    }

    /// @dev Attack: the same receipt redeemed twice.
    function test_redeemUsage_replay_reverts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        bytes memory sig = _sign(licenseeKey, r);
        _redeem(host, r, sig);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptStale.selector, 3, 3));
        _redeem(host, r, sig);
        assertEq(metering.creditOf(metered, licensee).balance, DEPOSIT - 3 * UNIT_PRICE);
    }

    /// @dev Attack: receipts redeemed out of order: the older one is worth nothing once the newer is paid, and the
    /// newer pays only what it adds when it comes second.
    function test_redeemUsage_reordered_paysEachUnitOnce() public {
        IMeteredLicenses.UsageReceipt memory r3 = _receipt(metered, 3);
        IMeteredLicenses.UsageReceipt memory r5 = _receipt(metered, 5);
        bytes memory s3 = _sign(licenseeKey, r3);
        bytes memory s5 = _sign(licenseeKey, r5);
        assertEq(_redeem(host, r5, s5), 5 * UNIT_PRICE);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptStale.selector, 3, 5));
        _redeem(host, r3, s3);
        assertEq(metering.creditOf(metered, licensee).balance, DEPOSIT - 5 * UNIT_PRICE);
    }

    function test_redeemUsage_expired_reverts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        bytes memory sig = _sign(licenseeKey, r);
        skip(1 days + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptExpired.selector, r.expiry, block.timestamp)
        );
        _redeem(host, r, sig);
    }

    /// @dev Attack: a receipt for a cheap model's offer presented as another model's (or the reverse).
    function test_redeemUsage_crossModel_reverts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        r.modelId = modelId + 1;
        bytes memory sig = _sign(licenseeKey, r);
        vm.expectRevert(
            abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptWrongModel.selector, metered, modelId, modelId + 1)
        );
        _redeem(host, r, sig);
    }

    function test_redeemUsage_hostNotAuthorized_reverts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        r.host = otherHost;
        bytes memory sig = _sign(licenseeKey, r);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredHostNotAuthorized.selector, modelId, otherHost));
        _redeem(otherHost, r, sig);
    }

    function test_redeemUsage_hostDeauthorized_reverts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        bytes memory sig = _sign(licenseeKey, r);
        vm.prank(creator);
        metering.setHost(modelId, host, false);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredHostNotAuthorized.selector, modelId, host));
        _redeem(host, r, sig);
    }

    /// @dev Attack: front-running a host's redemption with its own receipt (the receipt names its host).
    function test_redeemUsage_byAnotherHost_reverts() public {
        vm.prank(creator);
        metering.setHost(modelId, otherHost, true);
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        bytes memory sig = _sign(licenseeKey, r);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptWrongHost.selector, host, otherHost));
        _redeem(otherHost, r, sig);
    }

    function test_setHost_notOwner_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredNotModelOwner.selector, modelId, host));
        vm.prank(host);
        metering.setHost(modelId, host, true);
    }

    function test_redeemUsage_moreThanDeposit_reverts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 101);
        bytes memory sig = _sign(licenseeKey, r);
        vm.expectRevert(
            abi.encodeWithSelector(IMeteredLicenses.MeteredCreditShortfall.selector, licensee, 1.01 ether, DEPOSIT)
        );
        _redeem(host, r, sig);
    }

    /// @dev Acting just after a state change: the licensee withdrew, then the host presents an older receipt.
    function test_redeemUsage_afterLicenseeWithdrew_reverts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        r.expiry = block.timestamp + 30 days;
        bytes memory sig = _sign(licenseeKey, r);
        vm.prank(licensee);
        metering.requestCreditWithdrawal(metered);
        skip(metering.CREDIT_NOTICE());
        vm.prank(licensee);
        metering.withdrawCredit(metered);
        vm.expectRevert(
            abi.encodeWithSelector(IMeteredLicenses.MeteredCreditShortfall.selector, licensee, 3 * UNIT_PRICE, 0)
        );
        _redeem(host, r, sig);
    }

    /// @dev A final delisting voids receipts not yet redeemed (the appeal window gave the host time to redeem).
    function test_redeemUsage_modelDelisted_reverts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        r.expiry = block.timestamp + 365 days;
        bytes memory sig = _sign(licenseeKey, r);
        _removed(modelId);
        skip(APPEAL_WINDOW + 1);
        curation.finalize(modelId);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.MarketplaceModelNotListed.selector, modelId));
        _redeem(host, r, sig);
    }

    /// @dev Review 17 (R17-5): usage served and signed while the model was Listed could not be redeemed once a dispute
    /// removed it, and the licensee took its credit back after the notice, before the appeal restored the model: the
    /// creator, curators and auditors were never paid. A Removed model (appealable, or appealed) still takes receipts.
    function test_attack_usageServedBeforeRemovalUnredeemable() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, 3);
        r.expiry = block.timestamp + 60 days;
        bytes memory sig = _sign(licenseeKey, r);
        _removed(modelId);
        _redeem(host, r, sig);
        assertEq(metering.creditOf(metered, licensee).balance, DEPOSIT - 3 * UNIT_PRICE);
        vm.prank(creator);
        curation.appeal(modelId, "wrong");
        r.units = 5;
        _redeem(host, r, _sign(licenseeKey, r));
        assertEq(metering.creditOf(metered, licensee).balance, DEPOSIT - 5 * UNIT_PRICE);
    }

    function test_redeemUsage_lengthMismatch_reverts() public {
        IMeteredLicenses.UsageReceipt[] memory rs = new IMeteredLicenses.UsageReceipt[](2);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptsLengthMismatch.selector, 2, 1));
        vm.prank(host);
        metering.redeemUsage(rs, new bytes[](1));
    }

    /// @dev Fifty licensees in one batch: one sale to the marketplace for the whole run.
    function test_redeemUsage_batchOfFifty_oneSale() public {
        uint256 n = 50;
        IMeteredLicenses.UsageReceipt[] memory rs = new IMeteredLicenses.UsageReceipt[](n);
        bytes[] memory sigs = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            (address who, uint256 key) = makeAddrAndKey(string(abi.encodePacked("user", vm.toString(i))));
            vm.deal(who, 1 ether);
            vm.prank(who);
            metering.depositCredit{value: 1 ether}(metered, who, 1 ether);
            rs[i] = IMeteredLicenses.UsageReceipt(modelId, metered, who, host, i + 1, block.timestamp + 1 days);
            sigs[i] = _sign(key, rs[i]);
        }
        vm.expectEmit(address(metering));
        emit IMeteredLicenses.UsageSold(modelId, address(0), 1, (n * (n + 1) / 2) * UNIT_PRICE);
        vm.prank(host);
        assertEq(metering.redeemUsage(rs, sigs), (n * (n + 1) / 2) * UNIT_PRICE);
        assertEq(marketplace.tillOf(modelId, address(0)).pending, (n * (n + 1) / 2) * UNIT_PRICE);
    }

    /// @dev Cumulative receipts in any order: what the host is paid is `due` of the highest receipt it redeemed,
    /// never more than was signed nor than the deposit.
    function testFuzz_redeemUsage_cumulativeReceipts(uint16[8] memory counts, uint16 price, uint8 meterUnits) public {
        price = uint16(bound(price, 1, type(uint16).max));
        meterUnits = uint8(bound(meterUnits, 1, type(uint8).max));
        vm.prank(creator);
        uint256 offerId =
            metering.createMeteredOffer(modelId, address(0), price, meterUnits, "ipfs://t", keccak256("t"));
        uint256 deposit = uint256(type(uint16).max) * price;
        vm.prank(licensee);
        metering.depositCredit{value: deposit}(offerId, licensee, deposit);
        uint256 highest;
        uint256 paid;
        for (uint256 i = 0; i < counts.length; ++i) {
            IMeteredLicenses.UsageReceipt memory r = _receipt(offerId, counts[i]);
            bytes memory sig = _sign(licenseeKey, r);
            if (counts[i] <= highest) {
                vm.expectRevert(
                    abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptStale.selector, counts[i], highest)
                );
                _redeem(host, r, sig);
            } else {
                paid += _redeem(host, r, sig);
                highest = counts[i];
            }
            assertEq(paid, highest * price / meterUnits);
            assertEq(metering.creditOf(offerId, licensee).balance, deposit - paid);
        }
    }

    // ================================================================ unhappy paths and views

    function test_createMeteredOffer_emptyTerms_reverts() public {
        vm.startPrank(creator);
        vm.expectRevert(IMeteredLicenses.MeteredEmptyTerms.selector);
        metering.createMeteredOffer(modelId, address(0), 1, 1, "", keccak256("t"));
        vm.expectRevert(IMeteredLicenses.MeteredEmptyTerms.selector);
        metering.createMeteredOffer(modelId, address(0), 1, 1, "ipfs://t", bytes32(0));
        vm.stopPrank();
    }

    function test_retireMeteredOffer_twice_reverts() public {
        vm.startPrank(creator);
        metering.retireMeteredOffer(metered);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredOfferInactive.selector, metered));
        metering.retireMeteredOffer(metered);
        vm.stopPrank();
    }

    function test_depositCredit_badInputs_revert() public {
        vm.startPrank(licensee);
        vm.expectRevert(IMeteredLicenses.MeteredZeroAddress.selector);
        metering.depositCredit{value: 1}(metered, address(0), 1);
        vm.expectRevert(IMeteredLicenses.MeteredZeroAmount.selector);
        metering.depositCredit(metered, licensee, 0);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredWrongPayment.selector, 0, 1));
        metering.depositCredit{value: 1}(meteredUsd, licensee, 1e6);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredOfferNotFound.selector, 999));
        metering.depositCredit{value: 1}(999, licensee, 1);
        vm.stopPrank();
    }

    function test_depositCredit_feeOnTransferToken_refused() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        vm.prank(address(timelock));
        marketplace.setCurrency(address(fot), true);
        vm.prank(creator);
        uint256 offerId = metering.createMeteredOffer(modelId, address(fot), 1e18, 1, "ipfs://t", keccak256("t"));
        fot.mint(licensee, 1000e18);
        vm.startPrank(licensee);
        fot.approve(address(metering), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IMeteredLicenses.MeteredTransferShortfall.selector, address(fot), 100e18, 99e18)
        );
        metering.depositCredit(offerId, licensee, 100e18);
        vm.stopPrank();
    }

    function test_requestCreditWithdrawal_noCredit_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredCreditEmpty.selector, meteredUsd, licensee));
        vm.prank(licensee);
        metering.requestCreditWithdrawal(meteredUsd);
    }

    function test_setHost_zeroAddress_reverts() public {
        vm.expectRevert(IMeteredLicenses.MeteredZeroAddress.selector);
        vm.prank(creator);
        metering.setHost(modelId, address(0), true);
    }

    function test_views_offersHostsAndCount() public view {
        IMeteredLicenses.MeteredOffer memory o = metering.getMeteredOffer(metered);
        assertEq(o.modelId, modelId);
        assertEq(o.price, UNIT_PRICE);
        assertEq(o.meterUnits, 1);
        assertTrue(o.active);
        uint256[] memory ids = metering.meteredOffersOf(modelId);
        assertEq(ids.length, 2);
        assertEq(ids[0], metered);
        assertEq(ids[1], meteredUsd);
        assertEq(metering.meteredOfferCount(), 2);
        assertTrue(metering.isHost(modelId, host));
        assertFalse(metering.isHost(modelId, otherHost));
        assertEq(metering.usageDue(meteredUsd, 1500), 7.5e6);
    }
}
