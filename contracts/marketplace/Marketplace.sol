// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAuditRegistry} from "../interfaces/IAuditRegistry.sol";
import {ICurationBase} from "../interfaces/ICurationBase.sol";
import {ICurationRegistry} from "../interfaces/ICurationRegistry.sol";
import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IOwnerHook} from "../interfaces/IOwnerHook.sol";
import {IPassHook} from "../interfaces/IPassHook.sol";
import {IStakeHook} from "../interfaces/IStakeHook.sol";
import {Bps} from "../libraries/Bps.sol";
import {Payments} from "../libraries/Payments.sol";
import {RewardPerShare} from "../libraries/RewardPerShare.sol";

/// @title Marketplace
/// @notice License offers and sales for listed models, with the fee split and pull payments described in
/// {IMarketplace}.
/// @dev Custody: every wei and token unit held here is either owed to an account (`_owed`), reserved for curators
/// (`_feeReserve`: fees still streaming, and fees streamed into the per-(model, currency) accumulator but not yet
/// settled), or paid by sales not yet split (a model's till per currency, `_tills`).
/// A sale writes one accounting slot, the till: the split (creator, lineage, curators, auditors, treasury) is made
/// when the till is settled, under the fee schedule and for the version recorded in it. A sale settles the till first
/// when the fee schedule or the model's latest version changed since it opened, so each sale is split as it would
/// have been when it was made; stake changes, claims and {settleSales} settle it too. Nothing loops over curators or buyers; the loops over lineage (at most 16 upstream entries), passing
/// auditors (at most {IAuditRegistry-MAX_PASSERS}) and a model's fee currencies (at most 4) are bounded.
contract Marketplace is IMarketplace, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @dev What the split of a till needs, read once.
    struct Sale {
        uint256 modelId;
        address currency;
        uint256 price;
        uint256 activeStake;
        address owner;
        uint32 version;
        FeeSchedule fees;
        uint256[] lineage;
    }

    /// @dev A {Fees} with the schedule's number, in one slot (a nested {Fees} would start a second one). `epoch` grows
    /// with every change.
    struct FeeSchedule {
        uint16 protocolFeeBps;
        uint16 curatorShareBps;
        uint16 auditorShareBps;
        uint16 lineageRoyaltyBps;
        uint32 epoch;
    }

    /// @dev A model's curator fees in one currency that are still streaming: `remaining` is released linearly from
    /// `updatedAt` to `endsAt` into the accumulator. One slot.
    struct Stream {
        uint128 remaining;
        uint40 updatedAt;
        uint40 endsAt;
    }

    /// @dev A model's offers (active and retired) and how many are active.
    struct ModelOffers {
        uint256[] ids;
        uint256 active;
    }

    /// @notice Currencies one model may be offered in (each accrues curator fees; bounds the work of every stake
    /// change). An offer in a fifth currency is refused.
    uint256 public constant MAX_FEE_CURRENCIES = 4;
    /// @notice Active offers one model may have at once (retired offers do not count).
    uint256 public constant MAX_OFFERS_PER_MODEL = 32;
    /// @notice How long a sale's curator fees take to reach the curators: they stream linearly over this period to
    /// whoever is staked while they stream, so stake that enters just before a sale and leaves just after earns only
    /// the share of the period it stayed.
    uint256 public constant FEE_STREAM_PERIOD = 7 days;
    /// @notice Hard caps on the fees, in basis points: protocol fee, curators' share, auditors' share, royalty.
    uint256 public constant MAX_PROTOCOL_FEE_BPS = 2000;
    uint256 public constant MAX_LINEAGE_ROYALTY_BPS = 5000;

    IModelRegistry public immutable models;
    ICurationRegistry public immutable curation;
    IAuditRegistry public immutable audits;
    /// @notice The DAO's timelock: sets parameters and receives the treasury's share (by pull).
    address public immutable treasury;
    /// @notice The metered-licenses contract: the only caller of {recordUsage} and {openUsageCurrency}.
    address public immutable metering;

    FeeSchedule private _fees;
    mapping(uint32 epoch => FeeSchedule) private _feeHistory;
    mapping(uint256 modelId => mapping(address currency => Till)) private _tills;

    uint256 private _offerCount;
    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 modelId => ModelOffers) private _modelOffers;
    mapping(uint256 modelId => mapping(address account => License)) private _licenses;
    mapping(address currency => bool) private _allowed;

    mapping(address account => mapping(address currency => uint256)) private _owed;
    mapping(address currency => uint256) private _feeReserve;
    mapping(uint256 modelId => address[]) private _feeCurrencies;
    mapping(uint256 modelId => mapping(address currency => uint256)) private _feePerStake;
    mapping(uint256 modelId => mapping(address currency => Stream)) private _streams;
    mapping(uint256 modelId => mapping(address curator => mapping(address currency => uint256))) private _feePaid;

    constructor(
        IModelRegistry models_,
        ICurationRegistry curation_,
        IAuditRegistry audits_,
        address treasury_,
        Fees memory initialFees,
        address[] memory currencies,
        address metering_
    ) {
        metering = metering_;
        models = models_;
        curation = curation_;
        audits = audits_;
        treasury = treasury_;
        _setFees(initialFees);
        for (uint256 i = 0; i < currencies.length; ++i) {
            _setCurrency(currencies[i], true);
        }
    }

    modifier onlyTimelock() {
        if (msg.sender != treasury) revert MarketplaceOnlyTimelock(msg.sender);
        _;
    }

    // ================================================================ offers

    /// @inheritdoc IMarketplace
    function createOffer(
        uint256 modelId,
        address currency,
        uint256 price,
        uint256 duration,
        uint256 cap,
        string calldata termsURI,
        bytes32 termsHash
    ) external returns (uint256 offerId) {
        if (models.ownerOf(modelId) != msg.sender) revert MarketplaceNotModelOwner(modelId, msg.sender);
        if (currency != address(0) && !_allowed[currency]) revert MarketplaceCurrencyNotAllowed(currency);
        if (price == 0) revert MarketplaceZeroPrice();
        if (bytes(termsURI).length == 0 || termsHash == bytes32(0)) revert MarketplaceEmptyTerms();
        ModelOffers storage mine = _modelOffers[modelId];
        uint256 active = mine.active;
        if (active >= MAX_OFFERS_PER_MODEL) revert MarketplaceTooManyOffers(modelId, MAX_OFFERS_PER_MODEL);
        _addFeeCurrency(modelId, currency);
        mine.active = active + 1;
        offerId = ++_offerCount;
        _offers[offerId] = Offer({
            modelId: modelId.toUint64(),
            currency: currency,
            active: true,
            price: price.toUint128(),
            duration: duration.toUint40(),
            cap: cap.toUint32(),
            sold: 0,
            termsHash: termsHash,
            termsURI: termsURI
        });
        mine.ids.push(offerId);
        emit OfferCreated(offerId, modelId, currency, price, duration, cap, termsURI, termsHash);
    }

    /// @inheritdoc IMarketplace
    function retireOffer(uint256 offerId) external {
        Offer storage offer = _offer(offerId);
        uint256 modelId = offer.modelId;
        if (models.ownerOf(modelId) != msg.sender) revert MarketplaceNotModelOwner(modelId, msg.sender);
        if (!offer.active) revert MarketplaceOfferInactive(offerId);
        offer.active = false;
        --_modelOffers[modelId].active;
        emit OfferRetired(offerId, modelId);
    }

    // ================================================================ sales

    /// @inheritdoc IMarketplace
    function buyLicense(uint256 offerId, address licensee) external payable nonReentrant returns (uint256 expiresAt) {
        if (licensee == address(0)) revert MarketplaceZeroAddress();
        Offer storage offer = _offer(offerId);
        (uint256 modelId, address currency, uint256 price) = (offer.modelId, offer.currency, offer.price);
        if (!offer.active) revert MarketplaceOfferInactive(offerId);
        if (offer.cap != 0 && offer.sold >= offer.cap) revert MarketplaceOfferSoldOut(offerId, offer.cap);
        // The listed version is what is sold: the license records it and its lineage is paid.
        uint32 version;
        uint256 activeStake;
        {
            bool listed;
            uint256 listedVersion;
            (listed, activeStake, listedVersion) = curation.saleStateOf(modelId);
            if (!listed) revert MarketplaceModelNotListed(modelId);
            version = listedVersion.toUint32();
        }
        if (currency != address(0) && !_allowed[currency]) revert MarketplaceCurrencyNotAllowed(currency);

        // Checks done: record the sale.
        unchecked {
            // sold < cap <= type(uint32).max, or cap is 0 and a uint32 count of sales is not reachable in practice.
            ++offer.sold;
        }
        expiresAt = _extendLicense(modelId, licensee, offerId, offer.duration, version);
        _fillTill(modelId, currency, price, version, activeStake);
        emit LicenseBought(modelId, offerId, licensee, msg.sender, version, currency, price, expiresAt);

        // Interactions last: take the payment.
        if (currency == address(0)) {
            if (msg.value != price) revert MarketplaceWrongPayment(price, msg.value);
        } else {
            if (msg.value != 0) revert MarketplaceWrongPayment(0, msg.value);
            uint256 received = Payments.pull(IERC20(currency), msg.sender, price);
            if (received != price) revert MarketplaceTransferShortfall(currency, price, received);
        }
    }

    /// @inheritdoc IMarketplace
    function openUsageCurrency(uint256 modelId, address currency) external {
        if (msg.sender != metering) revert MarketplaceOnlyMetering(msg.sender);
        _addFeeCurrency(modelId, currency);
    }

    /// @inheritdoc IMarketplace
    function recordUsage(uint256 modelId, address currency, uint256 amount)
        external
        payable
        nonReentrant
        returns (uint32 version)
    {
        if (msg.sender != metering) revert MarketplaceOnlyMetering(msg.sender);
        if (msg.value != (currency == address(0) ? amount : 0)) revert MarketplaceWrongPayment(amount, msg.value);
        (bool listed, uint256 activeStake, uint256 listedVersion) = curation.saleStateOf(modelId);
        // Usage is paid for after it was served: a suspension, or a removal by a dispute still open to an appeal or
        // appealed (nothing is served meanwhile, and either may outlast the credit notice), does not void the receipts
        // of what was used before it. Only a final delisting or a withdrawal does.
        if (!listed) {
            ICurationBase.ListingStatus status = curation.statusOf(modelId);
            if (status != ICurationBase.ListingStatus.Suspended && status != ICurationBase.ListingStatus.Removed) {
                revert MarketplaceModelNotListed(modelId);
            }
        }
        version = listedVersion.toUint32();
        _fillTill(modelId, currency, amount, version, activeStake);
    }

    /// @inheritdoc IMarketplace
    function withdraw(address currency) external nonReentrant returns (uint256 amount) {
        amount = _owed[msg.sender][currency];
        if (amount == 0) revert MarketplaceNothingToWithdraw(msg.sender, currency);
        _pay(msg.sender, currency, amount);
    }

    /// @inheritdoc IMarketplace
    function claimAll(uint256[] calldata modelIds, address[] calldata currencies) external nonReentrant {
        bool paid;
        uint256[] memory totals = new uint256[](modelIds.length);
        uint256[] memory stakes = new uint256[](modelIds.length);
        for (uint256 m = 0; m < modelIds.length; ++m) {
            (totals[m],,) = curation.stakeOf(modelIds[m]);
            stakes[m] = _activeStake(modelIds[m], msg.sender);
        }
        for (uint256 c = 0; c < currencies.length; ++c) {
            address currency = currencies[c];
            uint256 settled;
            for (uint256 m = 0; m < modelIds.length; ++m) {
                _settleTill(modelIds[m], currency, totals[m]);
                _accrue(modelIds[m], currency, totals[m]);
                settled += _settleCurator(modelIds[m], msg.sender, currency, stakes[m]);
            }
            // Settled fees leave the reserve: each was rounded down from what entered it.
            _feeReserve[currency] -= settled;
            uint256 amount = _owed[msg.sender][currency] + settled;
            if (amount == 0) continue;
            _pay(msg.sender, currency, amount);
            paid = true;
        }
        if (!paid) {
            revert MarketplaceNothingToWithdraw(msg.sender, currencies.length == 0 ? address(0) : currencies[0]);
        }
    }

    // ================================================================ curator fees

    /// @inheritdoc IStakeHook
    function onStakeChange(uint256 modelId, address curator, uint256 activeBefore, uint256 totalActiveBefore) external {
        if (msg.sender != address(curation)) revert MarketplaceOnlyCuration(msg.sender);
        address[] storage currencies = _feeCurrencies[modelId];
        uint256 n = currencies.length;
        for (uint256 i = 0; i < n; ++i) {
            address currency = currencies[i];
            // The sales made so far are split and what streamed so far goes to the stake that was there; then the
            // curator is settled at the old stake.
            _settleTill(modelId, currency, totalActiveBefore);
            _accrue(modelId, currency, totalActiveBefore);
            uint256 settled = _settleCurator(modelId, curator, currency, activeBefore);
            if (settled != 0) {
                _feeReserve[currency] -= settled;
                _credit(curator, currency, settled);
            }
        }
    }

    /// @inheritdoc IPassHook
    /// @dev A Pass added after a sale would otherwise share that sale's auditor fees at the next split (and a Pass
    /// withdrawn before it would lose them): the model's tills are split first, among the passers of the time.
    function onPassersChange(uint256 modelId) external {
        if (msg.sender != address(audits)) revert MarketplaceOnlyAuditRegistry(msg.sender);
        _settleTills(modelId);
    }

    /// @inheritdoc IOwnerHook
    /// @dev The creator's part of a till goes to the model's owner when the till is split: a transfer would hand the
    /// new owner the proceeds of sales made before it. The model's tills are split first, while the seller owns it.
    function onModelTransfer(uint256 modelId) external {
        if (msg.sender != address(models)) revert MarketplaceOnlyModelRegistry(msg.sender);
        _settleTills(modelId);
    }

    /// @inheritdoc IMarketplace
    function settleSales(uint256[] calldata modelIds, address currency) external nonReentrant {
        for (uint256 m = 0; m < modelIds.length; ++m) {
            (uint256 total,,) = curation.stakeOf(modelIds[m]);
            _settleTill(modelIds[m], currency, total);
        }
    }

    // ================================================================ DAO

    /// @inheritdoc IMarketplace
    function setCurrency(address currency, bool allowed) external onlyTimelock {
        _setCurrency(currency, allowed);
    }

    /// @inheritdoc IMarketplace
    function setFees(Fees calldata newFees) external onlyTimelock {
        _setFees(newFees);
    }

    // ================================================================ views

    /// @inheritdoc IMarketplace
    function hasValidLicense(uint256 modelId, address account) external view returns (bool valid, uint256 expiresAt) {
        expiresAt = _licenses[modelId][account].expiresAt;
        valid = expiresAt > block.timestamp;
    }

    /// @inheritdoc IMarketplace
    function licensedVersionOf(uint256 modelId, address account) external view returns (uint32 version) {
        License memory license = _licenses[modelId][account];
        if (license.expiresAt <= block.timestamp) return 0;
        (bool listed,, uint256 current) = curation.saleStateOf(modelId);
        // A valid license delivers the listed version bought, and later listed versions while it is valid.
        return listed && current > license.version ? current.toUint32() : license.version;
    }

    /// @inheritdoc IMarketplace
    function licenseOf(uint256 modelId, address account) external view returns (License memory) {
        return _licenses[modelId][account];
    }

    /// @inheritdoc IMarketplace
    function getOffer(uint256 offerId) external view returns (Offer memory) {
        return _offers[offerId];
    }

    /// @inheritdoc IMarketplace
    function offerCount() external view returns (uint256) {
        return _offerCount;
    }

    /// @inheritdoc IMarketplace
    function offersOf(uint256 modelId) external view returns (uint256[] memory) {
        return _modelOffers[modelId].ids;
    }

    /// @inheritdoc IMarketplace
    function activeOfferCount(uint256 modelId) external view returns (uint256) {
        return _modelOffers[modelId].active;
    }

    /// @inheritdoc IMarketplace
    function feeCurrenciesOf(uint256 modelId) external view returns (address[] memory) {
        return _feeCurrencies[modelId];
    }

    /// @inheritdoc IMarketplace
    function curatorFeeStream(uint256 modelId, address currency)
        external
        view
        returns (uint256 remaining, uint256 endsAt)
    {
        (uint256 total,,) = curation.stakeOf(modelId);
        // While nobody is staked, what streams is due to the treasury at the next update: still held here.
        Stream memory s = _streams[modelId][currency];
        if (total != 0) (, s,) = _streamed(modelId, currency, total);
        return (s.remaining, s.endsAt);
    }

    /// @inheritdoc IMarketplace
    function tillOf(uint256 modelId, address currency) external view returns (Till memory) {
        return _tills[modelId][currency];
    }

    /// @inheritdoc IMarketplace
    function pendingSplitOf(uint256 modelId, address currency)
        external
        view
        returns (Split memory s, address[] memory paidAuditors)
    {
        Till memory till = _tills[modelId][currency];
        if (till.pending == 0) return (s, paidAuditors);
        (uint256 total,,) = curation.stakeOf(modelId);
        (s, paidAuditors,) = _computeSplit(_saleOf(modelId, currency, till, total));
    }

    /// @inheritdoc IMarketplace
    function owed(address account, address currency) external view returns (uint256) {
        return _owed[account][currency];
    }

    /// @inheritdoc IMarketplace
    function pendingCuratorFees(uint256 modelId, address curator, address currency) external view returns (uint256) {
        (uint256 total,,) = curation.stakeOf(modelId);
        (uint256 acc,,) = _streamed(modelId, currency, total);
        return RewardPerShare.earned(_activeStake(modelId, curator), acc, _feePaid[modelId][curator][currency]);
    }

    /// @inheritdoc IMarketplace
    function curatorFeeReserve(address currency) external view returns (uint256) {
        return _feeReserve[currency];
    }

    /// @inheritdoc IMarketplace
    function isCurrencyAllowed(address currency) external view returns (bool) {
        return currency == address(0) || _allowed[currency];
    }

    /// @inheritdoc IMarketplace
    function fees() public view returns (Fees memory) {
        return _feesOf(_fees);
    }

    /// @inheritdoc IMarketplace
    function feeSchedule(uint32 epoch) external view returns (Fees memory) {
        return _feesOf(_feeHistory[epoch]);
    }

    /// @inheritdoc IMarketplace
    function feeEpoch() external view returns (uint32) {
        return _fees.epoch;
    }

    // ================================================================ internals

    function _offer(uint256 offerId) internal view returns (Offer storage offer) {
        offer = _offers[offerId];
        if (offer.modelId == 0) revert MarketplaceOfferNotFound(offerId);
    }

    function _extendLicense(uint256 modelId, address licensee, uint256 offerId, uint256 duration, uint32 version)
        internal
        returns (uint256 expiresAt)
    {
        License storage license = _licenses[modelId][licensee];
        uint256 current = license.expiresAt;
        // The term runs from the end of a valid license bought through the same offer, else from now.
        uint256 from = block.timestamp;
        if (current > block.timestamp) {
            // A valid license: a purchase through its offer extends it; one through another offer, by the holder only,
            // re-terms it from now (the time left on the old terms is not carried into terms that may cost more per
            // day). Nothing gives the holder nothing.
            uint256 held = license.offerId;
            if (held == offerId) {
                if (current == type(uint40).max) revert MarketplacePurchaseGivesNothing(modelId, licensee, offerId);
                from = current;
            } else if (licensee != msg.sender) {
                if (current == type(uint40).max && duration != 0) {
                    revert MarketplacePurchaseGivesNothing(modelId, licensee, offerId);
                }
                revert MarketplaceLicenseHeldOnOtherTerms(modelId, licensee, held);
            }
        }
        if (duration == 0) {
            expiresAt = type(uint40).max;
        } else {
            expiresAt = from + duration;
            if (expiresAt >= type(uint40).max) expiresAt = type(uint40).max - 1;
        }
        // casting to uint40 is safe: expiresAt was capped at type(uint40).max just above.
        // forge-lint: disable-next-line(unsafe-typecast)
        license.expiresAt = uint40(expiresAt);
        license.offerId = offerId.toUint64();
        license.version = version;
    }

    /// @dev Adds a sale of `version` to the model's till in `currency`: the one accounting write of a sale. When the
    /// till was opened for another version or fee schedule, what it holds is split as it was first.
    function _fillTill(uint256 modelId, address currency, uint256 price, uint32 version, uint256 activeStake) internal {
        Till memory till = _tills[modelId][currency];
        uint32 epoch = _fees.epoch;
        if (till.version != version || till.feeEpoch != epoch) {
            _settleTill(modelId, currency, till, activeStake);
            (till.pending, till.version, till.feeEpoch) = (0, version, epoch);
        }
        // casting is safe: a timestamp fits in uint40 until the year 36812.
        // forge-lint: disable-next-line(unsafe-typecast)
        if (till.pending == 0) till.openedAt = uint40(block.timestamp);
        till.pending = (till.pending + price).toUint128();
        _tills[modelId][currency] = till;
    }

    /// @dev Splits every till of `modelId` (one per fee currency, at most {MAX_FEE_CURRENCIES}). The model's stake is
    /// read only if a till holds sales (a transfer or a Pass on a model without unsplit sales costs no call).
    function _settleTills(uint256 modelId) internal {
        address[] storage currencies = _feeCurrencies[modelId];
        uint256 n = currencies.length;
        uint256 total;
        bool stakeRead;
        for (uint256 i = 0; i < n; ++i) {
            address currency = currencies[i];
            if (_tills[modelId][currency].pending == 0) continue;
            if (!stakeRead) {
                (total,,) = curation.stakeOf(modelId);
                stakeRead = true;
            }
            _settleTill(modelId, currency, total);
        }
    }

    /// @dev Splits what `modelId`'s till in `currency` holds, and empties it.
    function _settleTill(uint256 modelId, address currency, uint256 activeStake) internal {
        Till memory till = _tills[modelId][currency];
        if (till.pending == 0) return;
        _tills[modelId][currency].pending = 0;
        _settleTill(modelId, currency, till, activeStake);
    }

    /// @dev Credits every party of the sales in `till` (the caller empties it), split under the till's fee schedule
    /// for the till's version. `activeStake` is the model's total active stake now: every stake change settles the
    /// till first, so it is the stake of the whole time the till was filling.
    function _settleTill(uint256 modelId, address currency, Till memory till, uint256 activeStake) internal {
        if (till.pending == 0) return;
        Sale memory sale = _saleOf(modelId, currency, till, activeStake);
        (Split memory s, address[] memory paidAuditors, uint256 n) = _computeSplit(sale);
        emit SalesSettled(modelId, currency, till.version, till.feeEpoch, till.pending, s);
        if (s.curators != 0) _distributeToCurators(modelId, currency, s.curators, activeStake, till.openedAt);
        for (uint256 i = 0; i < n; ++i) {
            _credit(paidAuditors[i], currency, s.auditors / n);
        }
        uint256[] memory upstream = sale.lineage;
        if (s.royalties != 0) {
            for (uint256 i = 0; i < upstream.length; ++i) {
                _credit(models.ownerOf(upstream[i]), currency, s.royalties / upstream.length);
            }
        }
        _credit(sale.owner, currency, s.creator);
        _credit(treasury, currency, s.treasury);
    }

    /// @dev What the split of `till` needs: the model's owner now, the till's version and its lineage, the till's
    /// fee schedule.
    function _saleOf(uint256 modelId, address currency, Till memory till, uint256 activeStake)
        internal
        view
        returns (Sale memory)
    {
        return Sale(
            modelId,
            currency,
            till.pending,
            activeStake,
            models.ownerOf(modelId),
            till.version,
            _feeHistory[till.feeEpoch],
            models.lineageOf(modelId, till.version)
        );
    }

    /// @dev The split of `sale.price`. Shares round down; every remainder goes to the creator or the treasury, so the
    /// parts add up to the price exactly. The auditors' share is divided equally among all current passers of the
    /// version; the parts of those not active now (unbonding or revoked) go to the treasury. Returns the auditors
    /// paid and how many.
    function _computeSplit(Sale memory sale)
        internal
        view
        returns (Split memory s, address[] memory paidAuditors, uint256 n)
    {
        FeeSchedule memory f = sale.fees;
        uint256 protocolFee = Bps.share(sale.price, f.protocolFeeBps);
        uint256 creatorProceeds = sale.price - protocolFee;

        s.curators = Bps.share(protocolFee, f.curatorShareBps);
        s.auditors = Bps.share(protocolFee, f.auditorShareBps);
        s.treasury = protocolFee - s.curators - s.auditors;
        if (sale.activeStake == 0) {
            // Nobody is staked: the curators' share goes to the treasury.
            s.treasury += s.curators;
            s.curators = 0;
        }
        if (s.auditors != 0) {
            uint256 passers;
            (paidAuditors, passers) = audits.activePassersOf(sale.modelId, sale.version);
            n = paidAuditors.length;
            uint256 paid = passers == 0 ? 0 : s.auditors / passers * n;
            s.treasury += s.auditors - paid;
            s.auditors = paid;
        }
        uint256 lineage = sale.lineage.length;
        if (lineage != 0 && f.lineageRoyaltyBps != 0) {
            s.royalties = Bps.share(creatorProceeds, f.lineageRoyaltyBps) / lineage * lineage;
        }
        s.creator = creatorProceeds - s.royalties;
    }

    /// @dev Adds `amount`, the curators' share of sales made since `openedAt` by a stake `active` that has not changed
    /// since, to the model's curator fees in `currency` as if it had streamed from `openedAt`: what would have streamed
    /// by now goes to `active` at once (a stake that came later takes no part of it), the rest joins what is still
    /// streaming, and the joined stream ends at the amount-weighted mean of the two ends: its average release time is
    /// theirs, so a small sale moves the end of a large stream by its small share only (the later end of the two let a
    /// cheap sale push a large stream back by days). False when nobody is staked: the caller sends the share to the
    /// treasury.
    function _distributeToCurators(uint256 modelId, address currency, uint256 amount, uint256 active, uint256 openedAt)
        internal
        returns (bool)
    {
        if (active == 0) return false;
        (uint256 acc, Stream memory s, uint256 released) = _streamed(modelId, currency, active);
        uint256 end = openedAt + FEE_STREAM_PERIOD;
        uint256 streaming = end > block.timestamp ? amount * (end - block.timestamp) / FEE_STREAM_PERIOD : 0;
        uint256 due = amount - streaming;
        // active >= 1e18 (the curation minimum stake), so rounding loses less than one wei.
        if (due != 0) acc += RewardPerShare.increment(due, active);
        if (released != 0 || due != 0) _feePerStake[modelId][currency] = acc;
        if (streaming != 0) {
            // What still streams (after `_streamed`, it streams until a later time than now) and the new part, each
            // weighted by its amount: a uint128 times at most a week, far from overflowing.
            uint256 left = s.endsAt > block.timestamp ? s.endsAt - block.timestamp : 0;
            uint256 merged = (s.remaining * left + streaming * (end - block.timestamp)) / (s.remaining + streaming);
            // casting to uint40 is safe: a timestamp fits until the year 36812.
            // forge-lint: disable-next-line(unsafe-typecast)
            s.endsAt = uint40(block.timestamp + merged);
        }
        // casting is safe: a model's undistributed fees stay far below 2^128 wei; updatedAt fits until the year 36812.
        s.remaining = (s.remaining + streaming).toUint128();
        // forge-lint: disable-next-line(unsafe-typecast)
        s.updatedAt = uint40(block.timestamp);
        _streams[modelId][currency] = s;
        _feeReserve[currency] += amount;
        emit CuratorFeesDistributed(modelId, currency, amount);
        return true;
    }

    /// @dev Releases what streamed since the last update into the accumulator, shared by `active` (the model's total
    /// active stake all that time: every stake change accrues first). What streamed while nobody was staked goes to
    /// the treasury. Returns the stream as stored.
    function _accrue(uint256 modelId, address currency, uint256 active) internal returns (Stream memory s) {
        uint256 acc;
        uint256 released;
        (acc, s, released) = _streamed(modelId, currency, active);
        if (released == 0) return s;
        _streams[modelId][currency] = s;
        if (active == 0) {
            _feeReserve[currency] -= released;
            _credit(treasury, currency, released);
        } else {
            _feePerStake[modelId][currency] = acc;
        }
    }

    /// @dev The accumulator and the stream as {_accrue} would leave them now, and the amount released.
    function _streamed(uint256 modelId, address currency, uint256 active)
        internal
        view
        returns (uint256 acc, Stream memory s, uint256 released)
    {
        s = _streams[modelId][currency];
        acc = _feePerStake[modelId][currency];
        if (s.remaining == 0 || block.timestamp <= s.updatedAt) return (acc, s, 0);
        released = block.timestamp >= s.endsAt
            ? s.remaining
            : uint256(s.remaining) * (block.timestamp - s.updatedAt) / (s.endsAt - s.updatedAt);
        // casting is safe: released <= remaining, a uint128; the timestamp fits in uint40 until the year 36812.
        // forge-lint: disable-start(unsafe-typecast)
        s.remaining -= uint128(released);
        s.updatedAt = uint40(block.timestamp);
        // forge-lint: disable-end(unsafe-typecast)
        // active >= 1e18 (the curation minimum stake), so rounding loses less than one wei.
        if (active != 0) acc += RewardPerShare.increment(released, active);
    }

    /// @dev Records `currency` among the model's fee currencies, refusing a fifth.
    function _addFeeCurrency(uint256 modelId, address currency) internal {
        address[] storage known = _feeCurrencies[modelId];
        uint256 n = known.length;
        for (uint256 i = 0; i < n; ++i) {
            if (known[i] == currency) return;
        }
        if (n >= MAX_FEE_CURRENCIES) revert MarketplaceTooManyCurrencies(modelId, MAX_FEE_CURRENCIES);
        known.push(currency);
        // The till opens here, for the listed version, so that no sale pays for its fresh slot.
        (uint32 listedVersion,,) = curation.versionsOf(modelId);
        _tills[modelId][currency] = Till(0, listedVersion, _fees.epoch, 0);
        // The accumulator starts at 1 (a 1e-36 share of a wei per staked wei, which rounds to nothing) so that sales
        // never pay for its fresh slot: the offer's owner does, once per currency.
        _feePerStake[modelId][currency] = 1;
    }

    /// @dev What `curator` earned on `modelId` in `currency` at stake `active` since the last settlement; moves the
    /// curator's checkpoint to now. The caller takes the amount out of the reserve.
    function _settleCurator(uint256 modelId, address curator, address currency, uint256 active)
        internal
        returns (uint256 amount)
    {
        uint256 acc = _feePerStake[modelId][currency];
        uint256 paid = _feePaid[modelId][curator][currency];
        if (acc == paid) return 0;
        _feePaid[modelId][curator][currency] = acc;
        amount = RewardPerShare.earned(active, acc, paid);
    }

    function _activeStake(uint256 modelId, address curator) internal view returns (uint256) {
        return curation.positionOf(modelId, curator).active;
    }

    function _credit(address account, address currency, uint256 amount) internal {
        if (amount == 0) return;
        _owed[account][currency] += amount;
        emit Credited(account, currency, amount);
    }

    /// @dev Pays out an owed balance in full (checks-effects-interactions: the balance is cleared first).
    function _pay(address account, address currency, uint256 amount) internal {
        _owed[account][currency] = 0;
        emit Withdrawn(account, currency, amount);
        Payments.send(currency, account, amount);
    }

    function _setCurrency(address currency, bool allowed) internal {
        if (currency == address(0)) revert MarketplaceZeroAddress();
        emit CurrencySet(currency, _allowed[currency], allowed);
        _allowed[currency] = allowed;
    }

    function _setFees(Fees memory newFees) internal {
        if (newFees.protocolFeeBps > MAX_PROTOCOL_FEE_BPS) {
            revert MarketplaceParameterOutOfBounds(newFees.protocolFeeBps, MAX_PROTOCOL_FEE_BPS);
        }
        // Summed in uint256: two uint16 shares may exceed uint16.
        uint256 shares = uint256(newFees.curatorShareBps) + newFees.auditorShareBps;
        if (shares > Bps.ONE) revert MarketplaceParameterOutOfBounds(shares, Bps.ONE);
        if (newFees.lineageRoyaltyBps > MAX_LINEAGE_ROYALTY_BPS) {
            revert MarketplaceParameterOutOfBounds(newFees.lineageRoyaltyBps, MAX_LINEAGE_ROYALTY_BPS);
        }
        emit FeesSet(fees(), newFees);
        // Sales made under the old schedule keep it: their tills record its epoch, and the history keeps every
        // schedule.
        FeeSchedule memory f = FeeSchedule({
            protocolFeeBps: newFees.protocolFeeBps,
            curatorShareBps: newFees.curatorShareBps,
            auditorShareBps: newFees.auditorShareBps,
            lineageRoyaltyBps: newFees.lineageRoyaltyBps,
            epoch: _fees.epoch + 1
        });
        _fees = f;
        _feeHistory[f.epoch] = f;
    }

    function _feesOf(FeeSchedule memory f) internal pure returns (Fees memory) {
        return Fees({
            protocolFeeBps: f.protocolFeeBps,
            curatorShareBps: f.curatorShareBps,
            auditorShareBps: f.auditorShareBps,
            lineageRoyaltyBps: f.lineageRoyaltyBps
        });
    }
}
