// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IMeteredLicenses} from "../interfaces/IMeteredLicenses.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {Payments} from "../libraries/Payments.sol";

/// @title MeteredLicenses
/// @notice Pay-per-use offers, licensees' credit, hosts and cumulative usage receipts ({IMeteredLicenses}); what a
/// host redeems becomes the model's sales in the {Marketplace}, split there like any sale.
/// @dev Custody: every wei and token unit held here is a licensee's credit (`_credits`); a redemption sends what it
/// spends to the marketplace in the same transaction. Nothing loops over licensees or hosts; a batch loops over the
/// receipts its caller sends.
contract MeteredLicenses is IMeteredLicenses, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc IMeteredLicenses
    uint256 public constant CREDIT_NOTICE = 2 days;
    /// @inheritdoc IMeteredLicenses
    uint256 public constant MAX_OFFERS_PER_MODEL = 8;

    bytes32 private constant RECEIPT_TYPEHASH = keccak256(
        "UsageReceipt(uint256 modelId,uint256 offerId,address licensee,address host,uint256 units,uint256 expiry)"
    );

    IModelRegistry public immutable models;
    IMarketplace public immutable marketplace;

    uint256 private _offerCount;
    mapping(uint256 offerId => MeteredOffer) private _offers;
    mapping(uint256 modelId => uint256) private _activeOffers;
    mapping(uint256 modelId => uint256[]) private _modelOffers;
    mapping(uint256 offerId => mapping(address licensee => Credit)) private _credits;
    mapping(uint256 offerId => mapping(address licensee => mapping(address host => uint256))) private _redeemed;
    mapping(uint256 modelId => mapping(address host => bool)) private _hosts;

    /// @dev What a batch has redeemed for one model and currency and not yet sent to the marketplace.
    struct Run {
        uint256 modelId;
        address currency;
        uint256 amount;
    }

    constructor(IModelRegistry models_, IMarketplace marketplace_) EIP712("Curia Metered Licenses", "1") {
        models = models_;
        marketplace = marketplace_;
    }

    // ================================================================ offers

    /// @inheritdoc IMeteredLicenses
    function createMeteredOffer(
        uint256 modelId,
        address currency,
        uint256 price,
        uint256 meterUnits,
        string calldata termsURI,
        bytes32 termsHash
    ) external returns (uint256 offerId) {
        _checkModelOwner(modelId);
        if (currency != address(0) && !marketplace.isCurrencyAllowed(currency)) {
            revert MeteredCurrencyNotAllowed(currency);
        }
        if (price == 0 || meterUnits == 0) revert MeteredZeroAmount();
        if (bytes(termsURI).length == 0 || termsHash == bytes32(0)) revert MeteredEmptyTerms();
        uint256 active = _activeOffers[modelId];
        if (active >= MAX_OFFERS_PER_MODEL) revert MeteredTooManyOffers(modelId, MAX_OFFERS_PER_MODEL);
        _activeOffers[modelId] = active + 1;
        offerId = ++_offerCount;
        _offers[offerId] = MeteredOffer({
            modelId: modelId.toUint64(),
            currency: currency,
            active: true,
            price: price.toUint128(),
            meterUnits: meterUnits.toUint32(),
            termsHash: termsHash,
            termsURI: termsURI
        });
        _modelOffers[modelId].push(offerId);
        emit MeteredOfferCreated(offerId, modelId, currency, price, meterUnits, termsURI, termsHash);
        // The marketplace opens the model's accounts in the currency (or refuses a currency too many).
        marketplace.openUsageCurrency(modelId, currency);
    }

    /// @inheritdoc IMeteredLicenses
    function retireMeteredOffer(uint256 offerId) external {
        MeteredOffer storage offer = _offer(offerId);
        uint256 modelId = offer.modelId;
        _checkModelOwner(modelId);
        if (!offer.active) revert MeteredOfferInactive(offerId);
        offer.active = false;
        --_activeOffers[modelId];
        emit MeteredOfferRetired(offerId, modelId);
    }

    // ================================================================ credit

    /// @inheritdoc IMeteredLicenses
    function depositCredit(uint256 offerId, address licensee, uint256 amount) external payable nonReentrant {
        if (licensee == address(0)) revert MeteredZeroAddress();
        if (amount == 0) revert MeteredZeroAmount();
        MeteredOffer storage offer = _offer(offerId);
        if (!offer.active) revert MeteredOfferInactive(offerId);
        address currency = offer.currency;
        // A currency the DAO has since withdrawn takes no new credit (credit already held is still spent and
        // withdrawn), as the marketplace takes no new sale in it.
        if (currency != address(0) && !marketplace.isCurrencyAllowed(currency)) {
            revert MeteredCurrencyNotAllowed(currency);
        }
        Credit storage credit = _credits[offerId][licensee];
        uint256 balance = credit.balance + amount;
        credit.balance = balance.toUint128();
        emit CreditDeposited(offerId, licensee, msg.sender, amount, balance);

        // Interactions last: take the deposit.
        if (currency == address(0)) {
            if (msg.value != amount) revert MeteredWrongPayment(amount, msg.value);
        } else {
            if (msg.value != 0) revert MeteredWrongPayment(0, msg.value);
            uint256 received = Payments.pull(IERC20(currency), msg.sender, amount);
            if (received != amount) revert MeteredTransferShortfall(currency, amount, received);
        }
    }

    /// @inheritdoc IMeteredLicenses
    function requestCreditWithdrawal(uint256 offerId) external returns (uint256 unlockAt) {
        _offer(offerId);
        Credit storage credit = _credits[offerId][msg.sender];
        if (credit.balance == 0) revert MeteredCreditEmpty(offerId, msg.sender);
        unlockAt = block.timestamp + CREDIT_NOTICE;
        credit.unlockAt = unlockAt.toUint40();
        emit CreditWithdrawalRequested(offerId, msg.sender, unlockAt);
    }

    /// @inheritdoc IMeteredLicenses
    function withdrawCredit(uint256 offerId) external nonReentrant returns (uint256 amount) {
        address currency = _offer(offerId).currency;
        Credit memory credit = _credits[offerId][msg.sender];
        if (credit.unlockAt == 0 || credit.unlockAt > block.timestamp) {
            revert MeteredCreditLocked(msg.sender, credit.unlockAt);
        }
        amount = credit.balance;
        delete _credits[offerId][msg.sender];
        emit CreditWithdrawn(offerId, msg.sender, amount);
        if (amount != 0) Payments.send(currency, msg.sender, amount);
    }

    // ================================================================ hosts and receipts

    /// @inheritdoc IMeteredLicenses
    function setHost(uint256 modelId, address host, bool authorized) external {
        _checkModelOwner(modelId);
        if (host == address(0)) revert MeteredZeroAddress();
        emit HostSet(modelId, host, _hosts[modelId][host], authorized);
        _hosts[modelId][host] = authorized;
    }

    /// @inheritdoc IMeteredLicenses
    function redeemUsage(UsageReceipt[] calldata receipts, bytes[] calldata signatures)
        external
        nonReentrant
        returns (uint256 total)
    {
        if (receipts.length != signatures.length) {
            revert MeteredReceiptsLengthMismatch(receipts.length, signatures.length);
        }
        Run memory run;
        for (uint256 i = 0; i < receipts.length; ++i) {
            (uint256 modelId, address currency, uint256 amount) = _redeem(receipts[i], signatures[i]);
            if (modelId != run.modelId || currency != run.currency) {
                _sell(run);
                (run.modelId, run.currency, run.amount) = (modelId, currency, 0);
            }
            run.amount += amount;
            total += amount;
        }
        _sell(run);
    }

    /// @dev Checks one receipt and takes what it adds from the licensee's credit.
    function _redeem(UsageReceipt calldata r, bytes calldata signature)
        internal
        returns (uint256 modelId, address currency, uint256 amount)
    {
        uint256 before;
        (modelId, currency, before, amount) = _checkReceipt(r, signature);
        Credit storage credit = _credits[r.offerId][r.licensee];
        uint256 balance = credit.balance;
        if (amount > balance) revert MeteredCreditShortfall(r.licensee, amount, balance);
        _redeemed[r.offerId][r.licensee][msg.sender] = r.units;
        unchecked {
            // casting to uint128 is safe: amount <= balance, a uint128, checked above.
            // forge-lint: disable-next-line(unsafe-typecast)
            credit.balance = uint128(balance - amount);
        }
        emit UsageRedeemed(modelId, r.offerId, r.licensee, msg.sender, before, r.units, amount);
    }

    /// @dev The receipt's offer, model and host, its expiry and signature, and what it adds to what was redeemed.
    function _checkReceipt(UsageReceipt calldata r, bytes calldata signature)
        internal
        view
        returns (uint256 modelId, address currency, uint256 before, uint256 amount)
    {
        MeteredOffer storage offer = _offer(r.offerId);
        (modelId, currency) = (offer.modelId, offer.currency);
        if (r.modelId != modelId) revert MeteredReceiptWrongModel(r.offerId, modelId, r.modelId);
        if (r.host != msg.sender) revert MeteredReceiptWrongHost(r.host, msg.sender);
        if (!_hosts[modelId][msg.sender]) revert MeteredHostNotAuthorized(modelId, msg.sender);
        if (r.expiry < block.timestamp) revert MeteredReceiptExpired(r.expiry, block.timestamp);
        if (!_signedBy(r.licensee, _receiptDigest(r), signature)) revert MeteredReceiptBadSignature(r.licensee);
        before = _redeemed[r.offerId][r.licensee][msg.sender];
        if (r.units <= before) revert MeteredReceiptStale(r.units, before);
        (uint256 price, uint256 meterUnits) = (offer.price, offer.meterUnits);
        amount = _due(price, meterUnits, r.units) - _due(price, meterUnits, before);
    }

    /// @dev Sends a run's redemptions to the marketplace as sales of the model.
    function _sell(Run memory run) internal {
        if (run.amount == 0) return;
        uint32 version;
        if (run.currency == address(0)) {
            version = marketplace.recordUsage{value: run.amount}(run.modelId, address(0), run.amount);
        } else {
            // Measured: a token that has switched on a transfer fee since the deposit would leave the marketplace
            // booking sales it does not hold.
            IERC20 token = IERC20(run.currency);
            uint256 before = token.balanceOf(address(marketplace));
            token.safeTransfer(address(marketplace), run.amount);
            uint256 received = token.balanceOf(address(marketplace)) - before;
            if (received != run.amount) revert MeteredTransferShortfall(run.currency, run.amount, received);
            version = marketplace.recordUsage(run.modelId, run.currency, run.amount);
        }
        emit UsageSold(run.modelId, run.currency, version, run.amount);
    }

    // ================================================================ views

    /// @inheritdoc IMeteredLicenses
    function getMeteredOffer(uint256 offerId) external view returns (MeteredOffer memory) {
        return _offer(offerId);
    }

    /// @inheritdoc IMeteredLicenses
    function meteredOffersOf(uint256 modelId) external view returns (uint256[] memory) {
        return _modelOffers[modelId];
    }

    /// @inheritdoc IMeteredLicenses
    function meteredOfferCount() external view returns (uint256) {
        return _offerCount;
    }

    /// @inheritdoc IMeteredLicenses
    function creditOf(uint256 offerId, address licensee) external view returns (Credit memory) {
        return _credits[offerId][licensee];
    }

    /// @inheritdoc IMeteredLicenses
    function usageRedeemed(uint256 offerId, address licensee, address host) external view returns (uint256) {
        return _redeemed[offerId][licensee][host];
    }

    /// @inheritdoc IMeteredLicenses
    function isHost(uint256 modelId, address host) external view returns (bool) {
        return _hosts[modelId][host];
    }

    /// @inheritdoc IMeteredLicenses
    function usageDue(uint256 offerId, uint256 units) external view returns (uint256) {
        MeteredOffer storage offer = _offer(offerId);
        return _due(offer.price, offer.meterUnits, units);
    }

    /// @inheritdoc IMeteredLicenses
    function receiptDigest(UsageReceipt calldata receipt) external view returns (bytes32) {
        return _receiptDigest(receipt);
    }

    // ================================================================ internal

    function _offer(uint256 offerId) internal view returns (MeteredOffer storage offer) {
        offer = _offers[offerId];
        if (offer.modelId == 0) revert MeteredOfferNotFound(offerId);
    }

    function _checkModelOwner(uint256 modelId) internal view {
        if (models.ownerOf(modelId) != msg.sender) revert MeteredNotModelOwner(modelId, msg.sender);
    }

    function _receiptDigest(UsageReceipt calldata r) internal view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(RECEIPT_TYPEHASH, r.modelId, r.offerId, r.licensee, r.host, r.units, r.expiry))
        );
    }

    /// @dev The licensee's key signed `digest`, or the licensee's code accepts the signature (ERC-1271). The key is
    /// tried first: an EOA that later gets code (an EIP-7702 delegation) cannot disown the receipts its key signed
    /// (OpenZeppelin's {SignatureChecker} asks only the code of an account that has some).
    function _signedBy(address licensee, bytes32 digest, bytes calldata signature) internal view returns (bool) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == licensee) return true;
        return licensee.code.length != 0 && SignatureChecker.isValidERC1271SignatureNow(licensee, digest, signature);
    }

    function _due(uint256 price, uint256 meterUnits, uint256 units) internal pure returns (uint256) {
        return units * price / meterUnits;
    }
}
