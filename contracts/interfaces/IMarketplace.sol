// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakeHook} from "./IStakeHook.sol";

/// @title IMarketplace
/// @notice Licenses for Curia's listed models. A model's owner publishes offers (price in ETH or in an ERC-20 the DAO
/// allows, a duration or perpetual, an optional cap, the terms document); anyone buys a license for themselves or for
/// another address. Each sale pays a protocol fee, split between the model's curators (pro rata to their active
/// stake), the auditors who passed the sold version, and the treasury; a share of the creator's proceeds goes to the
/// owners of the upstream models and datasets the version declares. Everyone is paid by pull, in the currency paid.
/// @dev The currency `address(0)` is native ETH. Curator fees accrue per (model, currency) through a reward-per-stake
/// accumulator that the curation registry keeps current through {IStakeHook.onStakeChange}.
interface IMarketplace is IStakeHook {
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

    /// @notice Where each part of a sale went.
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
    error MarketplaceTooManyOffers(uint256 modelId, uint256 max);
    error MarketplaceWrongPayment(uint256 expected, uint256 sent);
    /// @notice The token delivered less than the price (a fee-on-transfer token): refused rather than over-credited.
    error MarketplaceTransferShortfall(address currency, uint256 expected, uint256 received);
    error MarketplaceZeroAddress();
    error MarketplaceNothingToWithdraw(address account, address currency);
    error MarketplaceOnlyTimelock(address caller);
    error MarketplaceOnlyCuration(address caller);
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
    event SaleSplit(uint256 indexed offerId, address currency, Split split);
    event Credited(address indexed account, address indexed currency, uint256 amount);
    event Withdrawn(address indexed account, address indexed currency, uint256 amount);
    event CuratorFeesDistributed(uint256 indexed modelId, address indexed currency, uint256 amount);
    event CurrencySet(address indexed currency, bool oldAllowed, bool newAllowed);
    event FeesSet(uint256[4] oldBps, uint256[4] newBps);

    /// @notice Publishes a license offer for a model the caller owns.
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
    /// token (approved beforehand). A license already held is extended.
    function buyLicense(uint256 offerId, address licensee) external payable returns (uint256 expiresAt);

    /// @notice Pays the caller everything owed in `currency`.
    function withdraw(address currency) external returns (uint256 amount);

    /// @notice Settles the caller's curator fees on `modelIds` and pays everything owed, in each of `currencies`.
    function claimAll(uint256[] calldata modelIds, address[] calldata currencies) external;

    /// @notice Allows or disallows an ERC-20 as a currency. Only the timelock.
    function setCurrency(address currency, bool allowed) external;

    /// @notice Sets the fees in basis points: [protocol fee of the price, curators' and auditors' shares of the
    /// protocol fee (the treasury gets the rest), lineage royalty of the creator's proceeds]. Only the timelock.
    function setFees(uint256[4] calldata bps) external;

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

    /// @notice A model's offers.
    function offersOf(uint256 modelId) external view returns (uint256[] memory);

    /// @notice What `account` can withdraw in `currency` now (curator fees not yet settled excluded).
    function owed(address account, address currency) external view returns (uint256);

    /// @notice A curator's unsettled fees on a model in a currency.
    function pendingCuratorFees(uint256 modelId, address curator, address currency) external view returns (uint256);

    /// @notice Curator fees held but not yet settled to curators, in a currency (includes rounding dust).
    function curatorFeeReserve(address currency) external view returns (uint256);

    /// @notice Whether an ERC-20 is allowed (ETH always is).
    function isCurrencyAllowed(address currency) external view returns (bool);

    /// @notice The fees: [protocol fee, curators' share, auditors' share, lineage royalty], in basis points.
    function fees() external view returns (uint256[4] memory);
}
