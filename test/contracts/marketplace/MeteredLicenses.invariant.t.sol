// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {IMeteredLicenses} from "../../../contracts/interfaces/IMeteredLicenses.sol";
import {Marketplace} from "../../../contracts/marketplace/Marketplace.sol";
import {MeteredLicenses} from "../../../contracts/marketplace/MeteredLicenses.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";

/// @notice Licensees deposit, use (sign ever higher receipts), ask to withdraw and withdraw; the host redeems any
/// receipt it holds, newest or not; time passes. Every action checks its preconditions first (`fail_on_revert`).
contract MeteredHandler is Test {
    MeteredLicenses public immutable metering;
    Marketplace public immutable market;
    address public immutable host;
    uint256 public immutable modelId;
    uint256 public immutable offerId;

    address[3] public licensees;
    uint256[3] internal keys;
    /// @dev Units each licensee has signed for so far, and the receipts the host holds.
    uint256[3] public signedUnits;
    IMeteredLicenses.UsageReceipt[] internal held;
    bytes[] internal heldSigs;

    uint256 public deposited;
    uint256 public withdrawn;
    uint256 public redeemed;

    constructor(MeteredLicenses metering_, Marketplace market_, address host_, uint256 modelId_, uint256 offerId_) {
        (metering, market, host, modelId, offerId) = (metering_, market_, host_, modelId_, offerId_);
        for (uint256 i = 0; i < 3; ++i) {
            (licensees[i], keys[i]) = makeAddrAndKey(string(abi.encodePacked("meteredLicensee", vm.toString(i))));
            vm.deal(licensees[i], 1e24);
        }
    }

    function deposit(uint256 who, uint256 amount) external {
        who %= 3;
        amount = bound(amount, 1, 10 ether);
        vm.prank(licensees[who]);
        metering.depositCredit{value: amount}(offerId, licensees[who], amount);
        deposited += amount;
    }

    /// @dev The licensee's client signs a receipt for more use (it may exceed the credit: the host must check).
    function use(uint256 who, uint256 more) external {
        who %= 3;
        uint256 units = signedUnits[who] + bound(more, 1, 50);
        signedUnits[who] = units;
        IMeteredLicenses.UsageReceipt memory r =
            IMeteredLicenses.UsageReceipt(modelId, offerId, licensees[who], host, units, block.timestamp + 10 days);
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(keys[who], metering.receiptDigest(r));
        held.push(r);
        heldSigs.push(abi.encodePacked(rr, s, v));
    }

    /// @dev The host redeems one receipt it holds, skipping those the contract refuses (stale, expired, over credit).
    function redeem(uint256 index) external {
        if (held.length == 0) return;
        index %= held.length;
        IMeteredLicenses.UsageReceipt memory r = held[index];
        uint256 before = metering.usageRedeemed(offerId, r.licensee, host);
        if (r.units <= before || r.expiry < block.timestamp) return;
        uint256 value = metering.usageDue(offerId, r.units) - metering.usageDue(offerId, before);
        if (value > metering.creditOf(offerId, r.licensee).balance) return;
        IMeteredLicenses.UsageReceipt[] memory rs = new IMeteredLicenses.UsageReceipt[](1);
        bytes[] memory sigs = new bytes[](1);
        (rs[0], sigs[0]) = (r, heldSigs[index]);
        vm.prank(host);
        assertEq(metering.redeemUsage(rs, sigs), value);
        redeemed += value;
        // A host never takes more than the licensee signed for.
        assertLe(metering.usageRedeemed(offerId, r.licensee, host), signedUnits[_indexOf(r.licensee)]);
    }

    function askToWithdraw(uint256 who) external {
        who %= 3;
        if (metering.creditOf(offerId, licensees[who]).balance == 0) return;
        vm.prank(licensees[who]);
        metering.requestCreditWithdrawal(offerId);
    }

    function withdraw(uint256 who) external {
        who %= 3;
        IMeteredLicenses.Credit memory c = metering.creditOf(offerId, licensees[who]);
        if (c.unlockAt == 0 || c.unlockAt > block.timestamp) return;
        vm.prank(licensees[who]);
        withdrawn += metering.withdrawCredit(offerId);
    }

    function wait(uint256 time) external {
        skip(bound(time, 1, 3 days));
    }

    function _indexOf(address who) internal view returns (uint256) {
        for (uint256 i = 0; i < 3; ++i) {
            if (licensees[i] == who) return i;
        }
        revert("unknown licensee");
    }
}

contract MeteredLicensesInvariantTest is MarketplaceBase {
    MeteredHandler internal handler;
    address internal host = makeAddr("host");

    function setUp() public override {
        super.setUp();
        vm.startPrank(creator);
        uint256 offerId =
            metering.createMeteredOffer(modelId, address(0), 0.003 ether, 7, "ipfs://terms", keccak256("t"));
        metering.setHost(modelId, host, true);
        vm.stopPrank();
        handler = new MeteredHandler(metering, marketplace, host, modelId, offerId);
        targetContract(address(handler));
    }

    function _credits() internal view returns (uint256 total) {
        for (uint256 i = 0; i < 3; ++i) {
            total += metering.creditOf(handler.offerId(), handler.licensees(i)).balance;
        }
    }

    /// @dev The credit held always covers exactly what licensees can still withdraw plus what hosts can still
    /// redeem: both come out of the credits, and the contract holds nothing else.
    function invariant_creditHeldEqualsCredits() public view {
        assertEq(address(metering).balance, _credits());
    }

    /// @dev Every wei deposited is still credit, was withdrawn by its licensee, or reached the marketplace as sales.
    function invariant_depositsConserved() public view {
        assertEq(handler.deposited(), _credits() + handler.withdrawn() + handler.redeemed());
        assertEq(address(marketplace).balance, handler.redeemed());
        assertEq(marketplace.tillOf(modelId, address(0)).pending, handler.redeemed());
    }
}
