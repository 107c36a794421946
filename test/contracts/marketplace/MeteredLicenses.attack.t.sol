// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

import {ICurationBase} from "../../../contracts/interfaces/ICurationBase.sol";
import {IMeteredLicenses} from "../../../contracts/interfaces/IMeteredLicenses.sol";
import {MeteredLicenses} from "../../../contracts/marketplace/MeteredLicenses.sol";
import {FeeSwitchToken} from "../mocks/FeeSwitchToken.sol";
import {OwnedAccount} from "../mocks/OwnedAccount.sol";
import {MeteredBase} from "./MeteredBase.sol";

/// @notice An account that refuses every signature (ERC-1271): what an EOA's code can become under EIP-7702.
contract RejectingAccount is IERC1271 {
    function isValidSignature(bytes32, bytes memory) external pure returns (bytes4) {
        return 0xffffffff;
    }
}

/// @notice A licensee that re-enters {MeteredLicenses-withdrawCredit} when it receives its ETH.
contract ReenteringLicensee {
    MeteredLicenses public immutable metering;
    uint256 public immutable offerId;
    bool public reentered;

    constructor(MeteredLicenses metering_, uint256 offerId_) {
        (metering, offerId) = (metering_, offerId_);
    }

    function deposit() external payable {
        metering.depositCredit{value: msg.value}(offerId, address(this), msg.value);
        metering.requestCreditWithdrawal(offerId);
    }

    function withdraw() external returns (uint256) {
        return metering.withdrawCredit(offerId);
    }

    receive() external payable {
        try metering.withdrawCredit(offerId) returns (uint256) {
            reentered = true;
        } catch {}
    }
}

/// @notice Attacks on pay-per-use licenses: each test is named after the attack and asserts that it fails.
contract MeteredLicensesAttackTest is MeteredBase {
    /// @dev secp256k1's order: s and n - s both verify under plain ecrecover.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    // ================================================================ signatures

    /// @dev Attack: the licensee signs receipts with its key, is served, then gives its EOA code (an EIP-7702
    /// delegation to an account that refuses every ERC-1271 check) and asks to withdraw. Its key signed the receipts:
    /// the host still redeems them during the notice.
    function test_attack_eip7702DelegationVoidsSignedReceipts() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, licensee, 7);
        bytes memory sig = _sign(licenseeKey, r);
        vm.etch(licensee, address(new RejectingAccount()).code);
        vm.prank(licensee);
        metering.requestCreditWithdrawal(metered);
        assertEq(_redeem(host, r, sig), 7 * UNIT_PRICE);
        assertEq(metering.creditOf(metered, licensee).balance, DEPOSIT - 7 * UNIT_PRICE);
    }

    /// @dev Attack: an EOA key signs a receipt naming a contract licensee (to spend its credit). A contract's
    /// receipts are checked by ERC-1271 only.
    function test_attack_ecdsaSignatureForContractLicensee_rejected() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("accountOwner");
        (, uint256 malloryKey) = makeAddrAndKey("mallory");
        address account = address(new OwnedAccount(owner));
        vm.prank(licensee);
        metering.depositCredit{value: DEPOSIT}(metered, account, DEPOSIT);
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, account, 5);
        bytes memory forged = _sign(malloryKey, r);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptBadSignature.selector, account));
        _redeem(host, r, forged);
        // The account's own signature (through its owner key) is accepted.
        assertEq(_redeem(host, r, _sign(ownerKey, r)), 5 * UNIT_PRICE);
    }

    /// @dev Attack: the host flips a signature to its twin (s -> n - s), hoping it counts as a new receipt. Receipts
    /// are cumulative (the units, not the signature, are the replay guard) and the twin is refused.
    function test_attack_malleableSignatureTwin_rejected() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, licensee, 3);
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(licenseeKey, metering.receiptDigest(r));
        bytes memory twin = abi.encodePacked(rr, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptBadSignature.selector, licensee));
        _redeem(host, r, twin);
        assertEq(_redeem(host, r, abi.encodePacked(rr, s, v)), 3 * UNIT_PRICE);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptBadSignature.selector, licensee));
        _redeem(host, r, twin);
        assertEq(metering.creditOf(metered, licensee).balance, DEPOSIT - 3 * UNIT_PRICE);
    }

    /// @dev Attack: a receipt signed on one chain replayed on another (same contract address after a fork).
    function test_attack_crossChainReplay_rejected() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, licensee, 3);
        bytes memory sig = _sign(licenseeKey, r);
        vm.chainId(block.chainid + 1);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptBadSignature.selector, licensee));
        _redeem(host, r, sig);
    }

    /// @dev Attack: a receipt signed for the cheap offer presented on a dearer offer of the same model.
    function test_attack_receiptOfOneOfferOnAnother_rejected() public {
        vm.prank(creator);
        uint256 dear = metering.createMeteredOffer(modelId, address(0), 1 ether, 1, "ipfs://t", keccak256("t"));
        vm.prank(licensee);
        metering.depositCredit{value: 5 ether}(dear, licensee, 5 ether);
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, licensee, 3);
        bytes memory sig = _sign(licenseeKey, r);
        r.offerId = dear;
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptBadSignature.selector, licensee));
        _redeem(host, r, sig);
    }

    /// @dev Attack: the model's owner authorizes itself as host and redeems the licensee's receipt for another host
    /// (renamed to itself): the licensee never signed it.
    function test_attack_ownerAsHostWithoutLicenseeSignature_rejected() public {
        vm.prank(creator);
        metering.setHost(modelId, creator, true);
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, licensee, 50);
        bytes memory sig = _sign(licenseeKey, r);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptWrongHost.selector, host, creator));
        _redeem(creator, r, sig);
        r.host = creator;
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptBadSignature.selector, licensee));
        _redeem(creator, r, sig);
        assertEq(metering.creditOf(metered, licensee).balance, DEPOSIT);
    }

    /// @dev Edge: a receipt is redeemable up to and including its expiry second, not after.
    function test_attack_redeemAtExpiry_acceptedThenExpired() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, licensee, 2);
        r.expiry = block.timestamp;
        assertEq(_redeem(host, r, _sign(licenseeKey, r)), 2 * UNIT_PRICE);
        r.units = 3;
        bytes memory sig = _sign(licenseeKey, r);
        skip(1);
        vm.expectRevert(
            abi.encodeWithSelector(IMeteredLicenses.MeteredReceiptExpired.selector, r.expiry, block.timestamp)
        );
        _redeem(host, r, sig);
    }

    // ================================================================ tokens and currencies

    /// @dev Attack: a currency that passes the deposit's balance check, then switches on a transfer fee (USDT's
    /// contract can). A redemption would book more sales in the marketplace than reached it, leaving the last
    /// withdrawer short: it is refused instead, and the credit stays whole.
    function test_attack_feeSwitchedOnAfterDeposit_marketplaceShortChanged() public {
        FeeSwitchToken fst = new FeeSwitchToken();
        vm.prank(address(timelock));
        marketplace.setCurrency(address(fst), true);
        vm.prank(creator);
        uint256 offerId = metering.createMeteredOffer(modelId, address(fst), 1e18, 1, "ipfs://t", keccak256("t"));
        fst.mint(licensee, 100e18);
        vm.startPrank(licensee);
        fst.approve(address(metering), type(uint256).max);
        metering.depositCredit(offerId, licensee, 100e18);
        vm.stopPrank();

        fst.setFee(true);
        IMeteredLicenses.UsageReceipt memory r = _receipt(offerId, licensee, 10);
        bytes memory sig = _sign(licenseeKey, r);
        vm.expectRevert(
            abi.encodeWithSelector(IMeteredLicenses.MeteredTransferShortfall.selector, address(fst), 10e18, 9.9e18)
        );
        _redeem(host, r, sig);
        assertEq(marketplace.tillOf(modelId, address(fst)).pending, 0);
        assertEq(fst.balanceOf(address(marketplace)), 0);
        assertEq(metering.creditOf(offerId, licensee).balance, 100e18);
    }

    /// @dev Attack: the DAO withdraws a currency from the allowlist (a broken or hostile token); new credit in it is
    /// refused, as the marketplace refuses new sales in it, while credit already held is still redeemed and
    /// withdrawn.
    function test_attack_depositInDeallowlistedCurrency_refused() public {
        vm.prank(licensee);
        metering.depositCredit(meteredUsd, licensee, 100e6);
        vm.prank(address(timelock));
        marketplace.setCurrency(address(usd), false);

        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredCurrencyNotAllowed.selector, address(usd)));
        vm.prank(licensee);
        metering.depositCredit(meteredUsd, licensee, 1e6);

        IMeteredLicenses.UsageReceipt memory r = _receipt(meteredUsd, licensee, 2000);
        assertEq(_redeem(host, r, _sign(licenseeKey, r)), 10e6);
        vm.prank(licensee);
        metering.requestCreditWithdrawal(meteredUsd);
        skip(metering.CREDIT_NOTICE());
        vm.prank(licensee);
        assertEq(metering.withdrawCredit(meteredUsd), 90e6);
        assertEq(usd.balanceOf(address(metering)), 0);
    }

    /// @dev Attack: a licensee contract re-enters {withdrawCredit} from its ETH receiver: it is paid once.
    function test_attack_reentrantWithdrawCredit_paidOnce() public {
        ReenteringLicensee attacker = new ReenteringLicensee(metering, metered);
        attacker.deposit{value: 2 ether}();
        skip(metering.CREDIT_NOTICE());
        uint256 held = address(metering).balance;
        assertEq(attacker.withdraw(), 2 ether);
        assertFalse(attacker.reentered());
        assertEq(address(attacker).balance, 2 ether);
        assertEq(address(metering).balance, held - 2 ether);
    }

    // ================================================================ the model's owner

    /// @dev Attack: the owner sells the model NFT while hosts it authorized still hold receipts. The old owner loses
    /// every power over the model's offers and hosts; the hosts it authorized stay authorized (their receipts are
    /// still paid, now to the model's new owner) until the new owner withdraws them.
    function test_attack_modelTransferredMidway_oldOwnerPowerless() public {
        address newOwner = makeAddr("newOwner");
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, licensee, 4);
        bytes memory sig = _sign(licenseeKey, r);
        vm.prank(creator);
        registry.transferFrom(creator, newOwner, modelId);

        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredNotModelOwner.selector, modelId, creator));
        vm.prank(creator);
        metering.setHost(modelId, creator, true);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredNotModelOwner.selector, modelId, creator));
        vm.prank(creator);
        metering.retireMeteredOffer(metered);

        assertEq(_redeem(host, r, sig), 4 * UNIT_PRICE);
        vm.prank(newOwner);
        metering.setHost(modelId, host, false);
        r.units = 5;
        sig = _sign(licenseeKey, r);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredHostNotAuthorized.selector, modelId, host));
        _redeem(host, r, sig);
    }

    /// @dev Attack: the owner retires the offer to strand the credit. Credit already held is still redeemed for what
    /// was served and withdrawn after the notice; only new credit is refused.
    function test_attack_offerRetiredMidway_creditStillRedeemedAndWithdrawn() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, licensee, 6);
        bytes memory sig = _sign(licenseeKey, r);
        vm.prank(creator);
        metering.retireMeteredOffer(metered);
        vm.expectRevert(abi.encodeWithSelector(IMeteredLicenses.MeteredOfferInactive.selector, metered));
        vm.prank(licensee);
        metering.depositCredit{value: 1}(metered, licensee, 1);
        assertEq(_redeem(host, r, sig), 6 * UNIT_PRICE);
        vm.prank(licensee);
        metering.requestCreditWithdrawal(metered);
        skip(metering.CREDIT_NOTICE());
        vm.prank(licensee);
        assertEq(metering.withdrawCredit(metered), DEPOSIT - 6 * UNIT_PRICE);
    }

    // ================================================================ notice

    /// @dev Attack: ask to withdraw with dust, let the notice run out, then deposit for real and be served, so the
    /// credit can leave at once. The credit still shows the pending withdrawal (unlockAt not 0), which hosts are
    /// told to check before serving.
    function test_attack_noticeRunOutThenDeposit_stillFlagged() public {
        vm.prank(licensee);
        uint256 unlockAt = metering.requestCreditWithdrawal(metered);
        skip(metering.CREDIT_NOTICE() + 1);
        vm.prank(licensee);
        metering.depositCredit{value: 5 ether}(metered, licensee, 5 ether);
        IMeteredLicenses.Credit memory credit = metering.creditOf(metered, licensee);
        assertEq(credit.unlockAt, unlockAt);
        assertTrue(credit.unlockAt != 0 && credit.unlockAt <= block.timestamp);
    }

    // ================================================================ suspension

    /// @dev Attack: a licensee is served, the guardian suspends the model (up to 7 days, longer than the 2-day credit
    /// notice), and the licensee asks its credit back at once, betting that the host cannot redeem while the model is
    /// off sale and that the notice ends first. The host still redeems during the suspension: the usage was served.
    function test_attack_withdrawCreditDuringSuspensionDodgesRedemption() public {
        IMeteredLicenses.UsageReceipt memory r = _receipt(metered, licensee, 30);
        r.expiry = block.timestamp + 7 days;
        bytes memory sig = _sign(licenseeKey, r);
        vm.prank(guardian);
        curation.suspend(modelId, "ipfs://incident", keccak256("incident"));
        vm.prank(licensee);
        metering.requestCreditWithdrawal(metered);
        skip(metering.CREDIT_NOTICE() - 1);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Suspended));
        assertEq(_redeem(host, r, sig), 30 * UNIT_PRICE);
        skip(1);
        vm.prank(licensee);
        assertEq(metering.withdrawCredit(metered), DEPOSIT - 30 * UNIT_PRICE);
        assertEq(marketplace.tillOf(modelId, address(0)).pending, 30 * UNIT_PRICE);
    }
}
