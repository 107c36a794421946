// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {CurationRegistry} from "../../../contracts/curation/CurationRegistry.sol";
import {IAuditRegistry} from "../../../contracts/interfaces/IAuditRegistry.sol";
import {ICurationDisputes} from "../../../contracts/interfaces/ICurationDisputes.sol";
import {ICurationParameters} from "../../../contracts/interfaces/ICurationParameters.sol";
import {IMarketplace} from "../../../contracts/interfaces/IMarketplace.sol";
import {IModelRegistry} from "../../../contracts/interfaces/IModelRegistry.sol";
import {AuditRegistry} from "../../../contracts/marketplace/AuditRegistry.sol";
import {Marketplace} from "../../../contracts/marketplace/Marketplace.sol";
import {ModelRegistry} from "../../../contracts/registry/ModelRegistry.sol";
import {CuriaToken} from "../../../contracts/token/CuriaToken.sol";
import {TestStablecoin} from "../../../scripts/mocks/TestStablecoin.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";

/// @notice Sales in two currencies, curator stake changes, claims, withdrawals, audits and auditor bonds, in random
/// order; every action checks its preconditions first (`fail_on_revert`).
contract MarketplaceHandler is Test {
    Marketplace public immutable market;
    CurationRegistry public immutable curation;
    AuditRegistry public immutable audits;
    ModelRegistry public immutable registry;
    CuriaToken public immutable token;
    TestStablecoin public immutable usd;

    address[] public accounts; // everyone who can be owed: creators, curators, auditors, treasury
    address[] public curators;
    address[] public auditors;
    uint256[] public modelIds;
    uint256[] public offers;
    address public buyer = makeAddr("handlerBuyer");
    uint256 public settlements;
    uint256 public distributions;
    uint256 public refusedPurchases;
    uint256 public disputes;
    uint256 public transfers;
    /// @dev The creators, between whom the handler moves models (both are owed accounts).
    address[2] internal owners;
    address public timelock;
    address public challenger = makeAddr("handlerChallenger");
    address[3] public licensees = [makeAddr("licensee0"), makeAddr("licensee1"), makeAddr("licensee2")];

    constructor(
        Marketplace market_,
        CurationRegistry curation_,
        AuditRegistry audits_,
        ModelRegistry registry_,
        CuriaToken token_,
        TestStablecoin usd_,
        uint256[] memory modelIds_,
        uint256[] memory offers_,
        address[] memory curators_,
        address[] memory auditors_,
        address[] memory others
    ) {
        (market, curation, audits, registry, token, usd) = (market_, curation_, audits_, registry_, token_, usd_);
        (modelIds, offers, curators, auditors) = (modelIds_, offers_, curators_, auditors_);
        for (uint256 i = 0; i < curators_.length; ++i) {
            accounts.push(curators_[i]);
        }
        for (uint256 i = 0; i < auditors_.length; ++i) {
            accounts.push(auditors_[i]);
        }
        for (uint256 i = 0; i < others.length; ++i) {
            accounts.push(others[i]);
        }
        owners = [others[0], others[1]];
        vm.deal(buyer, 1e30);
        usd.mint(buyer, 1e30);
        vm.prank(buyer);
        usd.approve(address(market_), type(uint256).max);
        timelock = market_.treasury();
        vm.prank(challenger);
        token_.approve(address(curation_), type(uint256).max);
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    function curatorCount() external view returns (uint256) {
        return curators.length;
    }

    function modelCount() external view returns (uint256) {
        return modelIds.length;
    }

    function auditorCount() external view returns (uint256) {
        return auditors.length;
    }

    /// @dev Buys for one of three licensees (a gift: the buyer is not the licensee), skipping the purchases the
    /// marketplace refuses (they would give the holder nothing, or re-term their license).
    function buy(uint256 offerSeed, uint256 licenseeSeed) external {
        uint256 offerId = offers[offerSeed % offers.length];
        Marketplace.Offer memory o = market.getOffer(offerId);
        address licensee = licensees[licenseeSeed % licensees.length];
        IMarketplace.License memory l = market.licenseOf(o.modelId, licensee);
        if (l.expiresAt > block.timestamp) {
            if (l.expiresAt == type(uint40).max && (o.duration != 0 || l.offerId == offerId)) {
                ++refusedPurchases;
                return;
            }
            if (l.offerId != offerId) {
                ++refusedPurchases;
                return;
            }
        }
        uint256 expiresAt;
        vm.prank(buyer);
        if (o.currency == address(0)) expiresAt = market.buyLicense{value: o.price}(offerId, licensee);
        else expiresAt = market.buyLicense(offerId, licensee);
        // A purchase never shortens a license, nor moves it to other terms.
        assertGe(expiresAt, l.expiresAt);
        ++distributions;
    }

    /// @dev A price change: the owner publishes a new offer and retires the old one (the offer cap counts active
    /// offers only, so this can go on for ever).
    function reprice(uint256 offerSeed, uint256 price) external {
        uint256 i = offerSeed % offers.length;
        Marketplace.Offer memory o = market.getOffer(offers[i]);
        address owner = registry.ownerOf(o.modelId);
        price = bound(price, 1, o.currency == address(0) ? 10 ether : 10_000e6);
        vm.startPrank(owner);
        uint256 next = market.createOffer(o.modelId, o.currency, price, o.duration, 0, "ipfs://t", keccak256("t"));
        market.retireOffer(offers[i]);
        vm.stopPrank();
        offers[i] = next;
    }

    /// @dev The DAO revokes an accreditation, or accredits again.
    function toggleAccreditation(uint256 auditorSeed) external {
        address a = auditors[auditorSeed % auditors.length];
        bool accredited = audits.auditorOf(a).accredited;
        vm.prank(timelock);
        if (accredited) audits.revoke(a);
        else audits.accredit(a);
    }

    /// @dev A challenge nobody votes on: the model's passers are frozen while it runs, and free again once it is kept.
    function challengeKept(uint256 modelSeed) external {
        uint256 id = modelIds[modelSeed % modelIds.length];
        uint256 deposit = curation.parameter(ICurationParameters.Parameter.ChallengeDeposit);
        deal(address(token), challenger, deposit);
        vm.prank(challenger);
        uint256 disputeId = curation.challenge(id, 0, ICurationDisputes.Reason.Quality, "ipfs://e", keccak256("e"));
        // Frozen: the passers of the disputed version, the only Passes the dispute could slash.
        address[] memory passers = audits.passersOf(id, curation.disputeOf(disputeId).version);
        for (uint256 i = 0; i < passers.length; ++i) {
            assertGt(audits.auditorOf(passers[i]).openDisputes, 0);
        }
        skip(
            curation.parameter(ICurationParameters.Parameter.DisputeVotingDelay)
                + curation.parameter(ICurationParameters.Parameter.DisputeVotingPeriod) + 1
        );
        curation.resolve(id);
        ++disputes;
    }

    function stake(uint256 curatorSeed, uint256 modelSeed, uint256 amount) external {
        address c = curators[curatorSeed % curators.length];
        uint256 balance = token.balanceOf(c);
        if (balance < 1e18) return;
        uint256 id = modelIds[modelSeed % modelIds.length];
        // No stake enters while a candidate version waits (CurationCandidatePending).
        (, uint32 candidate,) = curation.versionsOf(id);
        if (candidate != 0) return;
        vm.prank(c);
        curation.stake(id, bound(amount, 1e18, balance));
        ++settlements;
    }

    function requestUnstake(uint256 curatorSeed, uint256 modelSeed, uint256 amount) external {
        address c = curators[curatorSeed % curators.length];
        uint256 id = modelIds[modelSeed % modelIds.length];
        uint256 active = curation.positionOf(id, c).active;
        if (active == 0) return;
        amount = bound(amount, 1, active);
        if (active - amount < 1e18) amount = active;
        vm.prank(c);
        curation.requestUnstake(id, amount);
        ++settlements;
    }

    function withdrawStake(uint256 curatorSeed, uint256 modelSeed) external {
        address c = curators[curatorSeed % curators.length];
        uint256 id = modelIds[modelSeed % modelIds.length];
        CurationRegistry.Position memory p = curation.positionOf(id, c);
        if (p.unbonding == 0) return;
        if (block.timestamp < p.releaseAt) vm.warp(p.releaseAt);
        vm.prank(c);
        curation.withdrawStake(id);
    }

    /// @dev Splits the sales in a model's till (anyone may).
    function settle(uint256 modelSeed, bool inUsd) external {
        uint256[] memory ids = new uint256[](1);
        ids[0] = modelIds[modelSeed % modelIds.length];
        market.settleSales(ids, inUsd ? address(usd) : address(0));
        ++distributions;
    }

    /// @dev The DAO changes the fees between sales: the sales already made keep their schedule's split.
    function setFees(uint256 protocol, uint256 curatorShare, uint256 auditorShare, uint256 royalty) external {
        protocol = bound(protocol, 0, market.MAX_PROTOCOL_FEE_BPS());
        curatorShare = bound(curatorShare, 0, 10_000);
        auditorShare = bound(auditorShare, 0, 10_000 - curatorShare);
        royalty = bound(royalty, 0, market.MAX_LINEAGE_ROYALTY_BPS());
        vm.prank(timelock);
        // Each is bounded to at most 10,000: it fits in uint16.
        market.setFees(
            IMarketplace.Fees({
                protocolFeeBps: uint16(protocol),
                curatorShareBps: uint16(curatorShare),
                auditorShareBps: uint16(auditorShare),
                lineageRoyaltyBps: uint16(royalty)
            })
        );
    }

    /// @dev The owner publishes a new version (with the same lineage): the sales already made pay the old version's
    /// passers and lineage.
    function publishVersion(uint256 modelSeed) external {
        uint256 id = modelIds[modelSeed % modelIds.length];
        uint32 latest = registry.versionCount(id);
        uint256[] memory up = registry.lineageOf(id, latest);
        vm.prank(registry.ownerOf(id));
        registry.publishVersion(id, latest, keccak256(abi.encode(id, latest)), "ipfs://next", up);
    }

    /// @dev The owner sells the model's NFT to the other creator: the sales made until then are split with the seller
    /// (the transfer empties the model's tills), and what is sold after is the new owner's.
    function transferModel(uint256 modelSeed) external {
        uint256 id = modelIds[modelSeed % modelIds.length];
        address from = registry.ownerOf(id);
        address to = from == owners[0] ? owners[1] : owners[0];
        (IMarketplace.Split memory eth,) = market.pendingSplitOf(id, address(0));
        (IMarketplace.Split memory stable,) = market.pendingSplitOf(id, address(usd));
        uint256 ethBefore = market.owed(from, address(0));
        uint256 usdBefore = market.owed(from, address(usd));
        vm.prank(from);
        registry.transferFrom(from, to, id);
        assertEq(market.tillOf(id, address(0)).pending, 0);
        assertEq(market.tillOf(id, address(usd)).pending, 0);
        // At least the creator's part (the seller may also be owed lineage royalties of the same split).
        assertGe(market.owed(from, address(0)), ethBefore + eth.creator);
        assertGe(market.owed(from, address(usd)), usdBefore + stable.creator);
        ++transfers;
    }

    function claimAll(uint256 accountSeed) external {
        address a = accounts[accountSeed % accounts.length];
        address[] memory currencies = new address[](2);
        currencies[1] = address(usd);
        // The claim settles the tills first; settling them here tells what it will pay.
        market.settleSales(modelIds, address(0));
        market.settleSales(modelIds, address(usd));
        uint256 due = market.owed(a, address(0)) + market.owed(a, address(usd));
        for (uint256 i = 0; i < modelIds.length; ++i) {
            due += market.pendingCuratorFees(modelIds[i], a, address(0));
            due += market.pendingCuratorFees(modelIds[i], a, address(usd));
        }
        if (due == 0) return;
        vm.prank(a);
        market.claimAll(modelIds, currencies);
        ++settlements;
    }

    function withdraw(uint256 accountSeed, bool inUsd) external {
        address a = accounts[accountSeed % accounts.length];
        address currency = inUsd ? address(usd) : address(0);
        if (market.owed(a, currency) == 0) return;
        vm.prank(a);
        market.withdraw(currency);
    }

    function audit(uint256 auditorSeed, uint256 modelSeed, uint8 verdict) external {
        address a = auditors[auditorSeed % auditors.length];
        if (!audits.isActiveAuditor(a)) return;
        uint256 id = modelIds[modelSeed % modelIds.length];
        uint32 version = registry.versionCount(id);
        if (audits.passersOf(id, version).length >= audits.MAX_PASSERS()) return;
        // Amend the auditor's current report on this version if there is one.
        uint256[] memory ids = audits.reportsOf(id, version, 0, 1000);
        uint256 replaces;
        for (uint256 i = ids.length; i > 0; --i) {
            IAuditRegistry.Report memory r = audits.getReport(ids[i - 1]);
            if (r.auditor == a && r.replacedBy == 0) {
                replaces = ids[i - 1];
                break;
            }
        }
        vm.prank(a);
        audits.submitAudit(
            id,
            version,
            IAuditRegistry.Verdict(bound(verdict, 0, 2)),
            [uint8(50), 50, 50, 50],
            "ipfs://r",
            keccak256("r"),
            replaces
        );
    }

    function leaveAuditing(uint256 auditorSeed) external {
        address a = auditors[auditorSeed % auditors.length];
        IAuditRegistry.Auditor memory s = audits.auditorOf(a);
        if (s.bond == 0) return;
        vm.startPrank(a);
        if (s.unbondingAt == 0) {
            audits.requestBondWithdrawal();
        } else {
            if (block.timestamp < s.unbondingAt) vm.warp(s.unbondingAt);
            audits.withdrawBond();
        }
        vm.stopPrank();
    }

    function warp(uint256 secs) external {
        skip(bound(secs, 1, 10 days));
    }
}

contract MarketplaceInvariantTest is MarketplaceBase {
    MarketplaceHandler internal handler;
    address[] internal auditorList;

    function setUp() public override {
        super.setUp();
        // A second model derived from the first, by another creator: sales pay lineage royalties.
        address creator2 = makeAddr("creator2");
        _fund(creator2, 100_000e18);
        uint256[] memory up = new uint256[](1);
        up[0] = modelId;
        vm.prank(creator2);
        uint256 derived = registry.registerModel(IModelRegistry.Kind.Model, keccak256("derived"), "ipfs://derived", up);
        vm.prank(creator2);
        curation.applyForListing(derived);
        skip(CHALLENGE_PERIOD);
        vm.startPrank(creator2);
        uint256 o3 = marketplace.createOffer(derived, address(0), 0.3 ether, 1 days, 0, "ipfs://t", keccak256("t"));
        uint256 o4 = marketplace.createOffer(derived, address(usd), 77e6 + 1, 0, 0, "ipfs://t", keccak256("t"));
        vm.stopPrank();

        auditorList.push(makeAddr("auditorA"));
        auditorList.push(makeAddr("auditorB"));
        for (uint256 i = 0; i < auditorList.length; ++i) {
            _activeAuditor(auditorList[i]);
        }
        address[] memory curatorList = new address[](3);
        curatorList[0] = curator1;
        curatorList[1] = curator2;
        curatorList[2] = makeAddr("curator3");
        _fund(curatorList[2], 100_000e18);

        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (modelId, derived);
        uint256[] memory offerIds = new uint256[](4);
        (offerIds[0], offerIds[1], offerIds[2], offerIds[3]) = (ethOffer, usdOffer, o3, o4);
        address[] memory others = new address[](3);
        (others[0], others[1], others[2]) = (creator, creator2, address(timelock));
        handler = new MarketplaceHandler(
            marketplace, curation, audits, registry, token, usd, ids, offerIds, curatorList, auditorList, others
        );
        targetContract(address(handler));
    }

    function _owedTotal(address currency) internal view returns (uint256 total) {
        for (uint256 i = 0; i < handler.accountCount(); ++i) {
            total += marketplace.owed(handler.accounts(i), currency);
        }
    }

    function _pendingTotal(address currency) internal view returns (uint256 total) {
        for (uint256 m = 0; m < handler.modelCount(); ++m) {
            for (uint256 c = 0; c < handler.curatorCount(); ++c) {
                total += marketplace.pendingCuratorFees(handler.modelIds(m), handler.curators(c), currency);
            }
        }
    }

    function _tillsTotal(address currency) internal view returns (uint256 total) {
        for (uint256 m = 0; m < handler.modelCount(); ++m) {
            total += marketplace.tillOf(handler.modelIds(m), currency).pending;
        }
    }

    /// @dev Every wei the marketplace holds is owed to someone, reserved for curators, or in a till of sales not yet
    /// split; nothing else.
    function invariant_ethConserved() public view {
        assertEq(
            address(marketplace).balance,
            _owedTotal(address(0)) + marketplace.curatorFeeReserve(address(0)) + _tillsTotal(address(0))
        );
    }

    function invariant_usdConserved() public view {
        assertEq(
            usd.balanceOf(address(marketplace)),
            _owedTotal(address(usd)) + marketplace.curatorFeeReserve(address(usd)) + _tillsTotal(address(usd))
        );
    }

    /// @dev A till's split gives out exactly what it holds, whatever the schedule, version and auditors: what every
    /// party could withdraw after settling never exceeds the pool.
    function invariant_tillSplitAddsUp() public view {
        address[2] memory currencies = [address(0), address(usd)];
        for (uint256 m = 0; m < handler.modelCount(); ++m) {
            for (uint256 i = 0; i < 2; ++i) {
                (IMarketplace.Split memory s,) = marketplace.pendingSplitOf(handler.modelIds(m), currencies[i]);
                assertEq(
                    s.creator + s.royalties + s.curators + s.auditors + s.treasury,
                    marketplace.tillOf(handler.modelIds(m), currencies[i]).pending
                );
            }
        }
    }

    function _streamingTotal(address currency) internal view returns (uint256 total) {
        for (uint256 m = 0; m < handler.modelCount(); ++m) {
            (uint256 remaining,) = marketplace.curatorFeeStream(handler.modelIds(m), currency);
            total += remaining;
        }
    }

    /// @dev Curator fees never over-pay: the reserve covers what streamed to curators and what is still streaming;
    /// rounding dust stays below a wei per sale and per settlement.
    function invariant_curatorReserveCoversPending() public view {
        address[2] memory currencies = [address(0), address(usd)];
        for (uint256 i = 0; i < 2; ++i) {
            uint256 reserve = marketplace.curatorFeeReserve(currencies[i]);
            uint256 owedToCurators = _pendingTotal(currencies[i]) + _streamingTotal(currencies[i]);
            assertGe(reserve, owedToCurators);
            assertLe(
                reserve - owedToCurators,
                (handler.distributions() + handler.settlements() + 1) * handler.modelCount() * 2
            );
        }
    }

    /// @dev No dispute stays open between actions, so no auditor's bond stays frozen.
    function invariant_noAuditorFrozenWithoutDispute() public view {
        for (uint256 i = 0; i < handler.auditorCount(); ++i) {
            assertEq(audits.auditorOf(handler.auditors(i)).openDisputes, 0);
        }
    }

    /// @dev A model never has more active offers than the cap, however often it was re-priced.
    function invariant_activeOffersWithinCap() public view {
        for (uint256 m = 0; m < handler.modelCount(); ++m) {
            assertLe(marketplace.activeOfferCount(handler.modelIds(m)), marketplace.MAX_OFFERS_PER_MODEL());
        }
    }

    /// @dev The audit registry holds exactly the auditors' bonds.
    function invariant_auditorBondsConserved() public view {
        uint256 bonds;
        for (uint256 i = 0; i < handler.auditorCount(); ++i) {
            bonds += audits.auditorOf(handler.auditors(i)).bond;
        }
        assertEq(token.balanceOf(address(audits)), bonds);
        // Bonds never vote.
        assertEq(token.getVotes(address(audits)), 0);
        assertEq(token.getVotes(address(marketplace)), 0);
    }
}
