// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @title IModelRegistry
/// @notice Curia's registry of AI models and datasets. Each entry is an ERC-721 token owned by its creator, with an
/// append-only history of versions. A version binds a content hash (sha-256 of the weights or data, or a CID digest)
/// to a metadata document (the model card) and names the version it continues and the entries it derives from.
/// @dev Versions are numbered from 1 in publication order. A version, once published, never changes.
interface IModelRegistry is IERC721 {
    /// @notice What an entry is.
    enum Kind {
        Model,
        Dataset
    }

    /// @notice One immutable version of an entry.
    /// @param contentHash sha-256 of the weights or data (or the digest of their CID).
    /// @param parent The version this one continues (0 for the first version).
    /// @param publishedAt Timestamp of publication.
    /// @param metadataURI Where the metadata document (model card) lives.
    /// @param derivedFrom Registry ids of the models and datasets this version derives from (base models, training
    /// datasets).
    struct Version {
        bytes32 contentHash;
        uint32 parent;
        uint40 publishedAt;
        string metadataURI;
        uint256[] derivedFrom;
    }

    /// @notice An entry with its latest version, as returned by the paginated views.
    struct ModelInfo {
        uint256 modelId;
        address owner;
        Kind kind;
        uint32 versionCount;
        uint40 registeredAt;
        bytes32 latestContentHash;
        string latestMetadataURI;
    }

    /// @notice The entry does not exist.
    error RegistryModelNotFound(uint256 modelId);
    /// @notice `caller` is neither the owner of the entry nor approved for it.
    error RegistryUnauthorized(uint256 modelId, address caller);
    /// @notice The entry has no version with this number.
    error RegistryVersionNotFound(uint256 modelId, uint256 version);
    /// @notice A version needs a non-zero content hash.
    error RegistryZeroContentHash();
    /// @notice A version needs a metadata URI.
    error RegistryEmptyMetadataURI();
    /// @notice A version names more upstream entries than allowed.
    error RegistryLineageTooLong(uint256 length, uint256 max);
    /// @notice An upstream entry does not exist, is the entry itself, or is named twice.
    error RegistryInvalidLineage(uint256 modelId, uint256 upstreamId);
    /// @notice A page asks for more entries than one call may return.
    error RegistryPageTooLarge(uint256 limit, uint256 max);

    /// @notice A new entry was registered by `creator`; its first version follows in {VersionPublished}.
    event ModelRegistered(uint256 indexed modelId, address indexed creator, Kind kind);

    /// @notice A version was published (the first one with the registration).
    event VersionPublished(
        uint256 indexed modelId,
        uint32 indexed version,
        uint32 parent,
        bytes32 contentHash,
        string metadataURI,
        uint256[] derivedFrom
    );

    /// @notice Registers a model or dataset, minted to the caller, with its first version. A contract caller's
    /// `onERC721Received` is called last, once the first version is published (so that an entry is never seen, e.g.
    /// applied for listing, without one).
    /// @param kind Model or Dataset.
    /// @param contentHash sha-256 of the weights or data; non-zero.
    /// @param metadataURI Where the metadata document lives; non-empty.
    /// @param derivedFrom Existing entries this one derives from (at most {MAX_LINEAGE}, no duplicates).
    /// @return modelId The new entry's id (sequential from 1).
    function registerModel(Kind kind, bytes32 contentHash, string calldata metadataURI, uint256[] calldata derivedFrom)
        external
        returns (uint256 modelId);

    /// @notice Publishes a new version of an entry. Only its owner or an approved operator.
    /// @param parent The existing version this one continues.
    /// @return version The new version's number.
    function publishVersion(
        uint256 modelId,
        uint32 parent,
        bytes32 contentHash,
        string calldata metadataURI,
        uint256[] calldata derivedFrom
    ) external returns (uint32 version);

    /// @notice The maximum number of upstream entries one version may name.
    // solhint-disable-next-line func-name-mixedcase
    function MAX_LINEAGE() external view returns (uint256);

    /// @notice The maximum page size of the paginated views.
    // solhint-disable-next-line func-name-mixedcase
    function MAX_PAGE() external view returns (uint256);

    /// @notice How many entries exist; ids run from 1 to this number.
    function modelCount() external view returns (uint256);

    /// @notice Whether an entry exists.
    function exists(uint256 modelId) external view returns (bool);

    /// @notice An entry's kind. Reverts with {RegistryModelNotFound} for an unknown id.
    function kindOf(uint256 modelId) external view returns (Kind);

    /// @notice How many versions an entry has (its latest version number).
    function versionCount(uint256 modelId) external view returns (uint32);

    /// @notice One version of an entry.
    function getVersion(uint256 modelId, uint32 version) external view returns (Version memory);

    /// @notice The content hash of one version (what audits and licenses bind to).
    function contentHashOf(uint256 modelId, uint32 version) external view returns (bytes32);

    /// @notice The upstream entries one version declares.
    function lineageOf(uint256 modelId, uint32 version) external view returns (uint256[] memory);

    /// @notice What a sale of `version` (the listed version, see the curation registry) needs in one call: the
    /// entry's owner and that version's lineage.
    function saleInfoOf(uint256 modelId, uint32 version)
        external
        view
        returns (address owner, uint256[] memory derivedFrom);

    /// @notice Entries `offset + 1` to `offset + limit` (fewer at the end; none past it), with their latest version.
    function getModels(uint256 offset, uint256 limit) external view returns (ModelInfo[] memory);

    /// @notice Versions `offset + 1` to `offset + limit` of an entry (fewer at the end; none past it).
    function getVersions(uint256 modelId, uint256 offset, uint256 limit) external view returns (Version[] memory);
}
