// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAuditRegistry} from "../interfaces/IAuditRegistry.sol";
import {ICurationRegistry} from "../interfaces/ICurationRegistry.sol";
import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IStakeHook} from "../interfaces/IStakeHook.sol";

/// @title Marketplace
/// @notice License offers and sales for listed models, with the fee split and pull payments described in
/// {IMarketplace}.
/// @dev Custody: every wei and token unit held here is either owed to an account (`_owed`) or reserved for curators
/// (`_feeReserve`, settled through the per-(model, currency) accumulator). Nothing loops over curators or buyers; the
/// loops over lineage (at most 16 upstream entries) and passing auditors (at most 4 paid) are bounded.
contract Marketplace is IMarketplace, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    uint256 internal constant BPS = 10_000;

    /// @dev What the split of one sale needs, read once.
    struct Sale {
        uint256 modelId;
        address currency;
        uint256 price;
        uint256 activeStake;
        address owner;
        uint32 version;
        uint256[] lineage;
    }
    /// @dev Accumulator scale: above any total stake in wei, so rounding loses less than a wei per operation.
    uint256 internal constant PRECISION = 1e36;
    /// @notice Passing auditors of a version who share the auditors' fee of its sales.
    uint256 public constant MAX_PAID_PASSES = 4;
    /// @notice Currencies that can accrue curator fees on one model (bounds the work of every stake change).
    uint256 public constant MAX_FEE_CURRENCIES = 4;
    /// @notice Offers one model may have.
    uint256 public constant MAX_OFFERS_PER_MODEL = 32;
    /// @notice Hard caps on the fees, in basis points: protocol fee, curators' share, auditors' share, royalty.
    uint256 public constant MAX_PROTOCOL_FEE_BPS = 2000;
    uint256 public constant MAX_LINEAGE_ROYALTY_BPS = 5000;

    IModelRegistry public immutable models;
    ICurationRegistry public immutable curation;
    IAuditRegistry public immutable audits;
    /// @notice The DAO's timelock: sets parameters and receives the treasury's share (by pull).
    address public immutable treasury;

    uint16 private _protocolFeeBps;
    uint16 private _curatorShareBps;
    uint16 private _auditorShareBps;
    uint16 private _lineageRoyaltyBps;

    uint256 private _offerCount;
    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 modelId => uint256[]) private _modelOffers;
    mapping(uint256 modelId => mapping(address account => License)) private _licenses;
    mapping(address currency => bool) private _allowed;

    mapping(address account => mapping(address currency => uint256)) private _owed;
    mapping(address currency => uint256) private _feeReserve;
    mapping(uint256 modelId => address[]) private _feeCurrencies;
    mapping(uint256 modelId => mapping(address currency => uint256)) private _feePerStake;
    mapping(uint256 modelId => mapping(address curator => mapping(address currency => uint256))) private _feePaid;

    constructor(
        IModelRegistry models_,
        ICurationRegistry curation_,
        IAuditRegistry audits_,
        address treasury_,
        uint256[4] memory feeBps,
        address[] memory currencies
    ) {
        models = models_;
        curation = curation_;
        audits = audits_;
        treasury = treasury_;
        _setFees(feeBps);
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
        uint256[] storage ids = _modelOffers[modelId];
        if (ids.length >= MAX_OFFERS_PER_MODEL) revert MarketplaceTooManyOffers(modelId, MAX_OFFERS_PER_MODEL);
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
        ids.push(offerId);
        emit OfferCreated(offerId, modelId, currency, price, duration, cap, termsURI, termsHash);
    }

    /// @inheritdoc IMarketplace
    function retireOffer(uint256 offerId) external {
        Offer storage offer = _offer(offerId);
        uint256 modelId = offer.modelId;
        if (models.ownerOf(modelId) != msg.sender) revert MarketplaceNotModelOwner(modelId, msg.sender);
        if (!offer.active) revert MarketplaceOfferInactive(offerId);
        offer.active = false;
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
        // The listed version is what is sold: its lineage is paid and the license records it.
        Sale memory sale = Sale(modelId, currency, price, 0, address(0), 0, new uint256[](0));
        {
            (bool listed, uint256 activeStake, uint256 version) = curation.saleStateOf(modelId);
            if (!listed) revert MarketplaceModelNotListed(modelId);
            (sale.activeStake, sale.version) = (activeStake, version.toUint32());
        }
        if (currency != address(0) && !_allowed[currency]) revert MarketplaceCurrencyNotAllowed(currency);

        // Checks done: record the sale.
        unchecked {
            // sold < cap <= type(uint32).max, or cap is 0 and a uint32 count of sales is not reachable in practice.
            ++offer.sold;
        }
        expiresAt = _extendLicense(modelId, licensee, offerId, offer.duration, sale.version);
        (sale.owner, sale.lineage) = models.saleInfoOf(modelId, sale.version);
        emit LicenseBought(modelId, offerId, licensee, msg.sender, sale.version, currency, price, expiresAt);
        emit SaleSplit(offerId, currency, _split(sale));

        // Interactions last: take the payment.
        if (currency == address(0)) {
            if (msg.value != price) revert MarketplaceWrongPayment(price, msg.value);
        } else {
            if (msg.value != 0) revert MarketplaceWrongPayment(0, msg.value);
            IERC20 token = IERC20(currency);
            uint256 before = token.balanceOf(address(this));
            token.safeTransferFrom(msg.sender, address(this), price);
            uint256 received = token.balanceOf(address(this)) - before;
            if (received != price) revert MarketplaceTransferShortfall(currency, price, received);
        }
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
        for (uint256 c = 0; c < currencies.length; ++c) {
            address currency = currencies[c];
            uint256 settled;
            for (uint256 m = 0; m < modelIds.length; ++m) {
                settled += _settleCurator(modelIds[m], msg.sender, currency, _activeStake(modelIds[m], msg.sender));
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
    function onStakeChange(uint256 modelId, address curator, uint256 activeBefore) external {
        if (msg.sender != address(curation)) revert MarketplaceOnlyCuration(msg.sender);
        address[] storage currencies = _feeCurrencies[modelId];
        uint256 n = currencies.length;
        for (uint256 i = 0; i < n; ++i) {
            address currency = currencies[i];
            uint256 settled = _settleCurator(modelId, curator, currency, activeBefore);
            if (settled != 0) {
                _feeReserve[currency] -= settled;
                _credit(curator, currency, settled);
            }
        }
    }

    // ================================================================ DAO

    /// @inheritdoc IMarketplace
    function setCurrency(address currency, bool allowed) external onlyTimelock {
        _setCurrency(currency, allowed);
    }

    /// @inheritdoc IMarketplace
    function setFees(uint256[4] calldata bps) external onlyTimelock {
        _setFees(bps);
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
        return _modelOffers[modelId];
    }

    /// @inheritdoc IMarketplace
    function owed(address account, address currency) external view returns (uint256) {
        return _owed[account][currency];
    }

    /// @inheritdoc IMarketplace
    function pendingCuratorFees(uint256 modelId, address curator, address currency) external view returns (uint256) {
        return _activeStake(modelId, curator) * (_feePerStake[modelId][currency] - _feePaid[modelId][curator][currency])
            / PRECISION;
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
    function fees() public view returns (uint256[4] memory) {
        return [uint256(_protocolFeeBps), _curatorShareBps, _auditorShareBps, _lineageRoyaltyBps];
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
        if (duration == 0 || current == type(uint40).max) {
            expiresAt = type(uint40).max;
        } else {
            // A valid license is extended from its end, an expired one from now.
            expiresAt = (current > block.timestamp ? current : block.timestamp) + duration;
            if (expiresAt >= type(uint40).max) expiresAt = type(uint40).max - 1;
        }
        // casting to uint40 is safe: expiresAt was capped at type(uint40).max just above.
        // forge-lint: disable-next-line(unsafe-typecast)
        license.expiresAt = uint40(expiresAt);
        license.offerId = offerId.toUint64();
        license.version = version;
    }

    /// @dev Credits every party of a sale of `price` in `currency`. Shares round down; every remainder goes to the
    /// creator or the treasury, so the parts add up to the price exactly.
    function _split(Sale memory sale) internal returns (Split memory s) {
        (uint256 modelId, address currency) = (sale.modelId, sale.currency);
        uint256 protocolFee = sale.price * _protocolFeeBps / BPS;
        uint256 creatorProceeds = sale.price - protocolFee;

        s.curators = protocolFee * _curatorShareBps / BPS;
        s.auditors = protocolFee * _auditorShareBps / BPS;
        s.treasury = protocolFee - s.curators - s.auditors;
        if (s.curators != 0 && !_distributeToCurators(modelId, currency, s.curators, sale.activeStake)) {
            s.treasury += s.curators;
            s.curators = 0;
        }
        if (s.auditors != 0) {
            address[] memory passers = audits.passersOf(modelId, sale.version);
            uint256 n = passers.length < MAX_PAID_PASSES ? passers.length : MAX_PAID_PASSES;
            if (n == 0) {
                s.treasury += s.auditors;
                s.auditors = 0;
            } else {
                uint256 each = s.auditors / n;
                for (uint256 i = 0; i < n; ++i) {
                    _credit(passers[i], currency, each);
                }
                s.treasury += s.auditors - each * n;
                s.auditors = each * n;
            }
        }

        uint256[] memory upstream = sale.lineage;
        if (upstream.length != 0 && _lineageRoyaltyBps != 0) {
            uint256 each = creatorProceeds * _lineageRoyaltyBps / BPS / upstream.length;
            for (uint256 i = 0; i < upstream.length; ++i) {
                _credit(models.ownerOf(upstream[i]), currency, each);
            }
            s.royalties = each * upstream.length;
        }
        s.creator = creatorProceeds - s.royalties;
        _credit(sale.owner, currency, s.creator);
        _credit(treasury, currency, s.treasury);
    }

    /// @dev Adds `amount` to the model's curator accumulator in `currency`. False when nobody is staked, or the model
    /// already accrues the maximum number of currencies: the caller sends the share to the treasury.
    function _distributeToCurators(uint256 modelId, address currency, uint256 amount, uint256 active)
        internal
        returns (bool)
    {
        if (active == 0) return false;
        uint256 acc = _feePerStake[modelId][currency];
        if (acc == 0) {
            address[] storage known = _feeCurrencies[modelId];
            bool found;
            for (uint256 i = 0; i < known.length; ++i) {
                if (known[i] == currency) found = true;
            }
            if (!found) {
                if (known.length >= MAX_FEE_CURRENCIES) return false;
                known.push(currency);
            }
        }
        // active >= 1e18 (the curation minimum stake), so rounding loses less than one wei.
        _feePerStake[modelId][currency] = acc + amount * PRECISION / active;
        _feeReserve[currency] += amount;
        emit CuratorFeesDistributed(modelId, currency, amount);
        return true;
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
        amount = active * (acc - paid) / PRECISION;
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
        if (currency == address(0)) Address.sendValue(payable(account), amount);
        else IERC20(currency).safeTransfer(account, amount);
    }

    function _setCurrency(address currency, bool allowed) internal {
        if (currency == address(0)) revert MarketplaceZeroAddress();
        emit CurrencySet(currency, _allowed[currency], allowed);
        _allowed[currency] = allowed;
    }

    function _setFees(uint256[4] memory bps) internal {
        if (bps[0] > MAX_PROTOCOL_FEE_BPS) revert MarketplaceParameterOutOfBounds(bps[0], MAX_PROTOCOL_FEE_BPS);
        if (bps[1] + bps[2] > BPS) revert MarketplaceParameterOutOfBounds(bps[1] + bps[2], BPS);
        if (bps[3] > MAX_LINEAGE_ROYALTY_BPS) revert MarketplaceParameterOutOfBounds(bps[3], MAX_LINEAGE_ROYALTY_BPS);
        emit FeesSet(fees(), bps);
        // Each value is at most 10,000: it fits in uint16.
        // forge-lint: disable-start(unsafe-typecast)
        (_protocolFeeBps, _curatorShareBps, _auditorShareBps, _lineageRoyaltyBps) =
        (uint16(bps[0]), uint16(bps[1]), uint16(bps[2]), uint16(bps[3]));
        // forge-lint: disable-end(unsafe-typecast)
    }
}
