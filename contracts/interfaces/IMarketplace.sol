// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOwnerHook} from "./IOwnerHook.sol";
import {IPassHook} from "./IPassHook.sol";
import {IStakeHook} from "./IStakeHook.sol";

/// @title IMarketplace
/// @notice Licenses for Curia's listed models. A model's owner publishes offers (price in ETH or in an ERC-20 the DAO
/// allows, a duration or perpetual, an optional cap, the terms document); anyone buys a license for themselves or for
/// another address. Each sale pays a protocol fee, split between the model's curators (streamed over
/// {FEE_STREAM_PERIOD} from the sale to whoever is staked meanwhile, pro rata to active stake), the auditors active at
/// the split who
/// passed the sold version, and the treasury; a share of the creator's proceeds goes to the owners of the upstream
/// models and datasets the version declares. Everyone is paid by pull, in the currency paid.
/// @dev The currency `address(0)` is native ETH. A sale adds its price to the model's till in that currency
/// ({Till}); the till is split when settled: by {settleSales} (anyone), by a claim or a stake change on the model, or
/// by the next sale once the fee schedule or the model's latest version changed (so every sale keeps the split of its
/// own schedule and version). The creator's part goes to the model's owner at settlement. Curator fees accrue per
/// (model, currency) through a reward-per-stake accumulator fed by a linear stream; the curation registry keeps it
/// current through {IStakeHook.onStakeChange}.
interface IMarketplace is IStakeHook, IPassHook, IOwnerHook {
    /// @notice A license offer. `duration` 0 is perpetual; `cap` 0 is unlimited.
    struct Offer {
        uint64 modelId;
        address currency;
        bool active;
        uint128 price;
        uint40 duration;
        uint32 cap;
        uint32 sold;
        bytes32 termsHash;
        string termsURI;
    }

    /// @notice A license: valid until `expiresAt` (type(uint40).max for perpetual), bought through `offerId`.
    struct License {
        uint40 expiresAt;
        uint64 offerId;
        /// @dev The listed version when the license was last bought or extended.
        uint32 version;
    }

    /// @notice A model's sales in one currency not yet split: `pending` was paid for version `version` under fee
    /// schedule `feeEpoch` ({feeSchedule}), since `openedAt` (the time of the first of them). One slot: a sale adds to
    /// it and writes nothing else.
    /// @dev Every stake change on the model splits its tills first, so the model's active stake has been the same
    /// since `openedAt`: at the split, the curators' share of what streamed since then (as if from `openedAt`) goes to
    /// that stake at once, and only the rest streams on.
    struct Till {
        uint128 pending;
        uint32 version;
        uint32 feeEpoch;
        uint40 openedAt;
    }

    /// @notice The fee schedule, in basis points (10,000 is the whole). Each field is bounded by the contract (see
    /// {setFees}); uint16 is the range of a basis-point value and the width the schedule is stored in.
    struct Fees {
        /// @notice The protocol fee: the share of each sale's price taken before the creator is paid. At most
        /// {MAX_PROTOCOL_FEE_BPS} (20%).
        uint16 protocolFeeBps;
        /// @notice The curators' share of the protocol fee, streamed to the model's curators by active stake.
        uint16 curatorShareBps;
        /// @notice The auditors' share of the protocol fee, for the auditors who passed the sold version. With
        /// `curatorShareBps` at most 10,000; the treasury gets the rest of the protocol fee.
        uint16 auditorShareBps;
        /// @notice The lineage royalty: the share of the creator's proceeds paid to the owners of the upstream
        /// entries the sold version declares. At most {MAX_LINEAGE_ROYALTY_BPS} (50%).
        uint16 lineageRoyaltyBps;
    }

    /// @notice Where each part of a sale, or of a till's sales, went.
    struct Split {
        uint256 creator;
        uint256 royalties;
        uint256 curators;
        uint256 auditors;
        uint256 treasury;
    }

    error MarketplaceNotModelOwner(uint256 modelId, address caller);
    error MarketplaceModelNotListed(uint256 modelId);
    error MarketplaceOfferNotFound(uint256 offerId);
    error MarketplaceOfferInactive(uint256 offerId);
    error MarketplaceOfferSoldOut(uint256 offerId, uint256 cap);
    error MarketplaceCurrencyNotAllowed(address currency);
    error MarketplaceZeroPrice();
    error MarketplaceEmptyTerms();
    /// @notice The model already has `max` active offers: retire one first.
    error MarketplaceTooManyOffers(uint256 modelId, uint256 max);
    /// @notice The model is already offered in `max` currencies (each accrues curator fees for good): an offer in
    /// another currency is refused.
    error MarketplaceTooManyCurrencies(uint256 modelId, uint256 max);
    /// @notice The purchase would add nothing to the licensee's perpetual license: a repeat of the offer it was bought
    /// through, or (by anyone but the licensee) a timed offer.
    error MarketplacePurchaseGivesNothing(uint256 modelId, address licensee, uint256 offerId);
    /// @notice The licensee holds a valid license bought through offer `heldOfferId`: only the licensee may buy
    /// another offer's terms onto it; others may only extend it through the same offer.
    error MarketplaceLicenseHeldOnOtherTerms(uint256 modelId, address licensee, uint256 heldOfferId);
    error MarketplaceWrongPayment(uint256 expected, uint256 sent);
    /// @notice The token delivered less than the price (a fee-on-transfer token): refused rather than over-credited.
    error MarketplaceTransferShortfall(address currency, uint256 expected, uint256 received);
    error MarketplaceZeroAddress();
    error MarketplaceNothingToWithdraw(address account, address currency);
    error MarketplaceOnlyTimelock(address caller);
    error MarketplaceOnlyCuration(address caller);
    error MarketplaceOnlyAuditRegistry(address caller);
    /// @notice Only the model registry tells the marketplace of a transfer.
    error MarketplaceOnlyModelRegistry(address caller);
    error MarketplaceOnlyMetering(address caller);
    /// @notice A fee in {setFees} (or the curators' and auditors' shares together) is `value`, above `max`.
    error MarketplaceParameterOutOfBounds(uint256 value, uint256 max);

    event OfferCreated(
        uint256 indexed offerId,
        uint256 indexed modelId,
        address currency,
        uint256 price,
        uint256 duration,
        uint256 cap,
        string termsURI,
        bytes32 termsHash
    );
    event OfferRetired(uint256 indexed offerId, uint256 indexed modelId);
    event LicenseBought(
        uint256 indexed modelId,
        uint256 indexed offerId,
        address indexed licensee,
        address buyer,
        uint32 version,
        address currency,
        uint256 price,
        uint256 expiresAt
    );
    /// @notice A till's sales were split: `amount` paid for `version` under fee schedule `feeEpoch`.
    event SalesSettled(
        uint256 indexed modelId, address indexed currency, uint32 version, uint32 feeEpoch, uint256 amount, Split split
    );
    event Credited(address indexed account, address indexed currency, uint256 amount);
    event Withdrawn(address indexed account, address indexed currency, uint256 amount);
    event CuratorFeesDistributed(uint256 indexed modelId, address indexed currency, uint256 amount);
    event CurrencySet(address indexed currency, bool oldAllowed, bool newAllowed);
    /// @notice The fee schedule changed from `oldFees` to `newFees` (at deployment `oldFees` is all zeros).
    event FeesSet(Fees oldFees, Fees newFees);

    /// @notice Publishes a license offer for a model the caller owns. A model has at most {MAX_OFFERS_PER_MODEL}
    /// active offers, in at most {MAX_FEE_CURRENCIES} currencies over its life.
    function createOffer(
        uint256 modelId,
        address currency,
        uint256 price,
        uint256 duration,
        uint256 cap,
        string calldata termsURI,
        bytes32 termsHash
    ) external returns (uint256 offerId);

    /// @notice Retires an offer; licenses already sold keep their terms.
    function retireOffer(uint256 offerId) external;

    /// @notice Buys a license on a Listed model for `licensee`. Pays `msg.value` in ETH, or the price in the offer's
    /// token (approved beforehand). A valid license bought through the same offer is extended from its end (timed) or
    /// kept (perpetual: a repeat purchase is refused). Only the licensee may move a valid license to another offer's
    /// terms, perpetual or not, and the new terms start now: the time left on the old ones ends (it is not carried
    /// into the new terms, which may cost more per day). An expired license is simply replaced.
    function buyLicense(uint256 offerId, address licensee) external payable returns (uint256 expiresAt);

    /// @notice Pays the caller everything owed in `currency`.
    function withdraw(address currency) external returns (uint256 amount);

    /// @notice Settles the caller's curator fees on `modelIds` and pays everything owed, in each of `currencies`.
    function claimAll(uint256[] calldata modelIds, address[] calldata currencies) external;

    /// @notice Splits the sales held in the tills of `modelIds` in `currency` (crediting the creator, lineage,
    /// auditors and treasury, and streaming the curators' share). Anyone may call: a sale's parties are paid what the
    /// split gives them whoever settles it. Claims and stake changes settle the tills they touch.
    function settleSales(uint256[] calldata modelIds, address currency) external;

    /// @notice Allows or disallows an ERC-20 as a currency. Only the timelock.
    function setCurrency(address currency, bool allowed) external;

    /// @notice Sets the fee schedule ({Fees}) for the sales made from now on; sales already made keep theirs. Only
    /// the timelock. Reverts with {MarketplaceParameterOutOfBounds} if the protocol fee exceeds
    /// {MAX_PROTOCOL_FEE_BPS}, the curators' and auditors' shares together exceed 10,000, or the lineage royalty
    /// exceeds {MAX_LINEAGE_ROYALTY_BPS}.
    function setFees(Fees calldata newFees) external;

    /// @notice Opens the model's accounts in `currency` for a metered offer (counts toward {MAX_FEE_CURRENCIES}).
    /// Only the metered-licenses contract ({IMeteredLicenses}).
    function openUsageCurrency(uint256 modelId, address currency) external;

    /// @notice Adds `amount` of redeemed usage to the model's sales of its listed version in `currency`: split like a
    /// sale. Only the metered-licenses contract, which sends the amount with the call (ETH) or just before (ERC-20).
    /// The model must be Listed or Suspended (usage served before a suspension is still paid; a suspension outlasts
    /// the credit notice); reverts with {MarketplaceModelNotListed} otherwise.
    function recordUsage(uint256 modelId, address currency, uint256 amount) external payable returns (uint32 version);

    /// @notice Whether `account` holds a valid license for `modelId` now, and until when.
    function hasValidLicense(uint256 modelId, address account) external view returns (bool valid, uint256 expiresAt);

    /// @notice The version a host should serve to `account`: 0 without a valid license; else the model's listed version
    /// now if it is Listed (a later version listed while the license is valid), or the version bought.
    function licensedVersionOf(uint256 modelId, address account) external view returns (uint32 version);

    /// @notice The stored license of `account` on `modelId`.
    function licenseOf(uint256 modelId, address account) external view returns (License memory);

    /// @notice An offer.
    function getOffer(uint256 offerId) external view returns (Offer memory);

    /// @notice How many offers exist; ids run from 1.
    function offerCount() external view returns (uint256);

    /// @notice A model's offers, active and retired, in creation order.
    function offersOf(uint256 modelId) external view returns (uint256[] memory);

    /// @notice How many of a model's offers are active.
    function activeOfferCount(uint256 modelId) external view returns (uint256);

    /// @notice The currencies a model has been offered in (at most {MAX_FEE_CURRENCIES}).
    function feeCurrenciesOf(uint256 modelId) external view returns (address[] memory);

    /// @notice A model's curator fees in `currency` still to stream to its curators now, and when the stream ends.
    /// While nobody is staked, what streams is due to the treasury at the next update and is counted here until then.
    function curatorFeeStream(uint256 modelId, address currency)
        external
        view
        returns (uint256 remaining, uint256 endsAt);

    /// @notice A model's till in a currency: sales not yet split.
    function tillOf(uint256 modelId, address currency) external view returns (Till memory);

    /// @notice How the till of `modelId` in `currency` would be split if settled now, and the auditors who would be
    /// paid (each `split.auditors / paidAuditors.length`). The creator's part goes to the model's owner at settlement.
    function pendingSplitOf(uint256 modelId, address currency)
        external
        view
        returns (Split memory split, address[] memory paidAuditors);

    /// @notice The fee schedule numbered `epoch` (see {Till}); all zeros for an epoch that never was.
    function feeSchedule(uint32 epoch) external view returns (Fees memory);

    /// @notice The number of the fee schedule in force (1 at deployment, +1 at every {setFees}).
    function feeEpoch() external view returns (uint32);

    /// @notice What `account` can withdraw in `currency` now (curator fees and tills not yet settled excluded).
    function owed(address account, address currency) external view returns (uint256);

    /// @notice A curator's unsettled fees on a model in a currency (what streamed to them so far).
    function pendingCuratorFees(uint256 modelId, address curator, address currency) external view returns (uint256);

    /// @notice Curator fees held but not yet settled to curators, in a currency (includes rounding dust).
    function curatorFeeReserve(address currency) external view returns (uint256);

    /// @notice Whether an ERC-20 is allowed (ETH always is).
    function isCurrencyAllowed(address currency) external view returns (bool);

    /// @notice The fee schedule in force.
    function fees() external view returns (Fees memory);
}
