// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IMeteredLicenses
/// @notice Pay-per-use licenses. A metered offer prices `meterUnits` units of use (downloads, inference calls) at its
/// `price`. The licensee deposits credit for the offer; the model's owner authorizes the hosts that serve it. As it
/// uses the model, the licensee's client signs **cumulative** usage receipts (EIP-712 {UsageReceipt}: units used so
/// far with one host); the host redeems the latest receipt, for many licensees in one batch, and each redemption is
/// split exactly like a sale of the model's listed version (creator, lineage, curators, auditors, treasury).
/// The marketplace keeps the sales: a redemption moves the credit it spends there, as sales of the model's listed
/// version in the offer's currency ({IMarketplace-recordUsage}).
/// @dev What a receipt is worth: `due(units) = units * price / meterUnits`, rounded down; a redemption pays
/// `due(units) - due(unitsRedeemedBefore)` from the credit, so the payments of one (offer, licensee, host) add up to
/// `due` of the highest receipt redeemed whatever the order, an older or replayed receipt is refused, and a host never
/// takes more than was signed nor more than the credit. The licensee withdraws unused credit after
/// {CREDIT_NOTICE} from asking, so a host can redeem what it served before; hosts should stop serving once a
/// withdrawal is asked ({Credit.unlockAt} not 0).
interface IMeteredLicenses {
    /// @notice A pay-per-use offer: `price` per `meterUnits` units of use.
    struct MeteredOffer {
        uint64 modelId;
        address currency;
        bool active;
        uint128 price;
        uint32 meterUnits;
        bytes32 termsHash;
        string termsURI;
    }

    /// @notice A licensee's credit for one metered offer. `unlockAt` is 0, or when the balance may be withdrawn.
    struct Credit {
        uint128 balance;
        uint40 unlockAt;
    }

    /// @notice What a licensee signs: it has used `units` units so far of `offerId` (for `modelId`) served by
    /// `host`; the receipt can be redeemed until `expiry` (a timestamp).
    struct UsageReceipt {
        uint256 modelId;
        uint256 offerId;
        address licensee;
        address host;
        uint256 units;
        uint256 expiry;
    }

    error MeteredNotModelOwner(uint256 modelId, address caller);
    error MeteredOfferNotFound(uint256 offerId);
    error MeteredOfferInactive(uint256 offerId);
    error MeteredCurrencyNotAllowed(address currency);
    error MeteredEmptyTerms();
    error MeteredZeroAddress();
    /// @notice A price, a number of units or a deposit of 0.
    error MeteredZeroAmount();
    /// @notice The model already has `max` active metered offers: retire one first.
    error MeteredTooManyOffers(uint256 modelId, uint256 max);
    error MeteredWrongPayment(uint256 expected, uint256 sent);
    /// @notice The token delivered less than `expected` (a fee-on-transfer token), on a deposit or on a redemption's
    /// way to the marketplace: refused rather than over-credited.
    error MeteredTransferShortfall(address currency, uint256 expected, uint256 received);
    /// @notice The licensee has no credit for the offer.
    error MeteredCreditEmpty(uint256 offerId, address licensee);
    /// @notice The receipt names `receiptModelId`, but its offer is for `offerModelId`.
    error MeteredReceiptWrongModel(uint256 offerId, uint256 offerModelId, uint256 receiptModelId);
    /// @notice Only the host a receipt names may redeem it.
    error MeteredReceiptWrongHost(address host, address caller);
    error MeteredReceiptExpired(uint256 expiry, uint256 nowTime);
    /// @notice The signature is not the licensee's over this receipt (forged, or any field changed).
    error MeteredReceiptBadSignature(address licensee);
    /// @notice The receipt counts `units`, but `redeemed` units were already paid: an older or replayed receipt.
    error MeteredReceiptStale(uint256 units, uint256 redeemed);
    error MeteredHostNotAuthorized(uint256 modelId, address host);
    /// @notice The receipt is worth `due`, more than the licensee's `balance` left for the offer.
    error MeteredCreditShortfall(address licensee, uint256 due, uint256 balance);
    /// @notice The credit cannot be withdrawn yet: ask first ({requestCreditWithdrawal}), then wait until `unlockAt`.
    error MeteredCreditLocked(address licensee, uint256 unlockAt);
    error MeteredReceiptsLengthMismatch(uint256 receipts, uint256 signatures);

    event MeteredOfferCreated(
        uint256 indexed offerId,
        uint256 indexed modelId,
        address currency,
        uint256 price,
        uint256 meterUnits,
        string termsURI,
        bytes32 termsHash
    );
    event MeteredOfferRetired(uint256 indexed offerId, uint256 indexed modelId);
    event CreditDeposited(
        uint256 indexed offerId, address indexed licensee, address payer, uint256 amount, uint256 newBalance
    );
    event CreditWithdrawalRequested(uint256 indexed offerId, address indexed licensee, uint256 unlockAt);
    event CreditWithdrawn(uint256 indexed offerId, address indexed licensee, uint256 amount);
    event HostSet(uint256 indexed modelId, address indexed host, bool oldAuthorized, bool newAuthorized);
    /// @notice A host redeemed a receipt: `units` used so far (`unitsBefore` paid before); `amount` moved from the
    /// credit to the model's sales.
    event UsageRedeemed(
        uint256 indexed modelId,
        uint256 indexed offerId,
        address indexed licensee,
        address host,
        uint256 unitsBefore,
        uint256 units,
        uint256 amount
    );
    /// @notice A batch's redemptions for one model and currency reached the marketplace as sales of `version`.
    event UsageSold(uint256 indexed modelId, address indexed currency, uint32 version, uint256 amount);

    /// @notice Publishes a pay-per-use offer for a model the caller owns: `price` per `meterUnits` units of use, in
    /// ETH (`address(0)`) or a currency the marketplace allows. At most {MAX_OFFERS_PER_MODEL} active metered offers
    /// per model; the currency counts toward the marketplace's currencies of the model.
    function createMeteredOffer(
        uint256 modelId,
        address currency,
        uint256 price,
        uint256 meterUnits,
        string calldata termsURI,
        bytes32 termsHash
    ) external returns (uint256 offerId);

    /// @notice Retires a metered offer: no new credit. Credit already deposited can still be spent and withdrawn.
    function retireMeteredOffer(uint256 offerId) external;

    /// @notice Adds `amount` to `licensee`'s credit for the active metered offer `offerId` (anyone may fund anyone's
    /// credit; it never changes a pending withdrawal). ETH: send `amount` as value; ERC-20: approve first. A currency
    /// the marketplace no longer allows takes no new credit.
    function depositCredit(uint256 offerId, address licensee, uint256 amount) external payable;

    /// @notice Asks to withdraw the caller's credit for `offerId`: it unlocks {CREDIT_NOTICE} from now.
    function requestCreditWithdrawal(uint256 offerId) external returns (uint256 unlockAt);

    /// @notice Withdraws the caller's whole remaining credit for `offerId`, once unlocked.
    function withdrawCredit(uint256 offerId) external returns (uint256 amount);

    /// @notice The model's owner authorizes `host` to redeem receipts for the model, or withdraws it.
    function setHost(uint256 modelId, address host, bool authorized) external;

    /// @notice Redeems the receipts, each signed by its licensee, all naming the caller as host. A signature by the
    /// licensee's key is accepted even if the account has code since (an EIP-7702 delegation); otherwise the
    /// account's code must accept it (ERC-1271), and may stop accepting it at any time: a host serving a contract
    /// licensee should redeem early. All or nothing: any bad receipt reverts the batch with its reason.
    function redeemUsage(UsageReceipt[] calldata receipts, bytes[] calldata signatures) external returns (uint256 total);

    function MAX_OFFERS_PER_MODEL() external view returns (uint256);

    /// @notice How long after asking a licensee may withdraw credit.
    function CREDIT_NOTICE() external view returns (uint256);

    function getMeteredOffer(uint256 offerId) external view returns (MeteredOffer memory);

    function meteredOfferCount() external view returns (uint256);

    /// @notice Every metered offer of a model, active and retired, oldest first.
    function meteredOffersOf(uint256 modelId) external view returns (uint256[] memory);

    function creditOf(uint256 offerId, address licensee) external view returns (Credit memory);

    /// @notice Units of `offerId` used by `licensee` that `host` has redeemed so far.
    function usageRedeemed(uint256 offerId, address licensee, address host) external view returns (uint256);

    function isHost(uint256 modelId, address host) external view returns (bool);

    /// @notice What `units` units of `offerId` cost in total (`units * price / meterUnits`, rounded down).
    function usageDue(uint256 offerId, uint256 units) external view returns (uint256);

    /// @notice The EIP-712 digest a licensee signs for `receipt`.
    function receiptDigest(UsageReceipt calldata receipt) external view returns (bytes32);
}
