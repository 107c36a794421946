// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IOwnerHook} from "../interfaces/IOwnerHook.sol";
import {IVersionHook} from "../interfaces/IVersionHook.sol";

/// @title ModelRegistry
/// @notice Models and datasets as ERC-721 tokens with an append-only version history and declared lineage.
/// @dev Entries are never burned: ids 1..modelCount all exist. Nothing can modify a published version.
contract ModelRegistry is ERC721, IModelRegistry {
    /// @inheritdoc IModelRegistry
    uint256 public constant MAX_LINEAGE = 16;
    /// @inheritdoc IModelRegistry
    uint256 public constant MAX_PAGE = 1000;

    struct ModelRecord {
        Kind kind;
        uint32 versionCount;
    }

    uint256 private _modelCount;
    mapping(uint256 modelId => ModelRecord) private _models;
    mapping(uint256 modelId => mapping(uint32 version => Version)) private _versions;

    /// @notice Told of every new version after the first (the curation registry, which makes it a candidate of the
    /// model's listing); zero: nobody.
    IVersionHook public immutable versionHook;

    /// @notice Told before an entry changes hands (the marketplace, which splits the sales made so far with the owner
    /// who made them); zero: nobody.
    IOwnerHook public immutable ownerHook;

    /// @param versionHook_ The curation registry (zero: none).
    /// @param ownerHook_ The marketplace (zero: none).
    constructor(IVersionHook versionHook_, IOwnerHook ownerHook_) ERC721("Curia Registry", "CURIA") {
        versionHook = versionHook_;
        ownerHook = ownerHook_;
    }

    // ---------------------------------------------------------------- writes

    /// @inheritdoc IModelRegistry
    function registerModel(Kind kind, bytes32 contentHash, string calldata metadataURI, uint256[] calldata derivedFrom)
        external
        returns (uint256 modelId)
    {
        // Ids are sequential and the new id is not yet counted, so lineage can only name earlier entries.
        modelId = _modelCount + 1;
        _checkVersion(modelId, contentHash, metadataURI, derivedFrom);
        _modelCount = modelId;
        _models[modelId].kind = kind;
        _mint(msg.sender, modelId);
        emit ModelRegistered(modelId, msg.sender, kind);
        _publish(modelId, 0, contentHash, metadataURI, derivedFrom);
        // The receiver check last (it hands control to the new owner): an entry is never seen without its first
        // version, e.g. applied for listing from the callback with version 0, a till no sale could ever split.
        ERC721Utils.checkOnERC721Received(msg.sender, address(0), msg.sender, modelId, "");
    }

    /// @inheritdoc IModelRegistry
    function publishVersion(
        uint256 modelId,
        uint32 parent,
        bytes32 contentHash,
        string calldata metadataURI,
        uint256[] calldata derivedFrom
    ) external returns (uint32 version) {
        address owner = _requireOwned(modelId);
        if (!_isAuthorized(owner, msg.sender, modelId)) revert RegistryUnauthorized(modelId, msg.sender);
        if (parent == 0 || parent > _models[modelId].versionCount) revert RegistryVersionNotFound(modelId, parent);
        _checkVersion(modelId, contentHash, metadataURI, derivedFrom);
        version = _publish(modelId, parent, contentHash, metadataURI, derivedFrom);
        if (address(versionHook) != address(0)) versionHook.onVersionPublished(modelId, version);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IModelRegistry
    function modelCount() external view returns (uint256) {
        return _modelCount;
    }

    /// @inheritdoc IModelRegistry
    function exists(uint256 modelId) public view returns (bool) {
        return modelId != 0 && modelId <= _modelCount;
    }

    /// @inheritdoc IModelRegistry
    function kindOf(uint256 modelId) external view returns (Kind) {
        _requireExists(modelId);
        return _models[modelId].kind;
    }

    /// @inheritdoc IModelRegistry
    function versionCount(uint256 modelId) external view returns (uint32) {
        _requireExists(modelId);
        return _models[modelId].versionCount;
    }

    /// @inheritdoc IModelRegistry
    function getVersion(uint256 modelId, uint32 version) external view returns (Version memory) {
        return _version(modelId, version);
    }

    /// @inheritdoc IModelRegistry
    function contentHashOf(uint256 modelId, uint32 version) external view returns (bytes32) {
        return _version(modelId, version).contentHash;
    }

    /// @inheritdoc IModelRegistry
    function lineageOf(uint256 modelId, uint32 version) external view returns (uint256[] memory) {
        return _version(modelId, version).derivedFrom;
    }

    /// @inheritdoc IModelRegistry
    function saleInfoOf(uint256 modelId, uint32 version)
        external
        view
        returns (address owner, uint256[] memory derivedFrom)
    {
        owner = _requireOwned(modelId);
        derivedFrom = _versions[modelId][version].derivedFrom;
    }

    /// @inheritdoc IModelRegistry
    function getModels(uint256 offset, uint256 limit) external view returns (ModelInfo[] memory page) {
        uint256 count = _pageLength(_modelCount, offset, limit);
        page = new ModelInfo[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 modelId = offset + i + 1;
            ModelRecord memory record = _models[modelId];
            Version storage latest = _versions[modelId][record.versionCount];
            page[i] = ModelInfo({
                modelId: modelId,
                owner: _ownerOf(modelId),
                kind: record.kind,
                versionCount: record.versionCount,
                registeredAt: _versions[modelId][1].publishedAt,
                latestContentHash: latest.contentHash,
                latestMetadataURI: latest.metadataURI
            });
        }
    }

    /// @inheritdoc IModelRegistry
    function getVersions(uint256 modelId, uint256 offset, uint256 limit) external view returns (Version[] memory page) {
        _requireExists(modelId);
        uint256 count = _pageLength(_models[modelId].versionCount, offset, limit);
        page = new Version[](count);
        for (uint256 i = 0; i < count; ++i) {
            // casting to uint32 is safe: offset + i < versionCount, itself a uint32.
            // forge-lint: disable-next-line(unsafe-typecast)
            page[i] = _versions[modelId][uint32(offset + i + 1)];
        }
    }

    /// @notice The metadata URI of the entry's latest version.
    function tokenURI(uint256 modelId) public view override returns (string memory) {
        _requireOwned(modelId);
        return _versions[modelId][_models[modelId].versionCount].metadataURI;
    }

    // ---------------------------------------------------------------- internals

    function _publish(
        uint256 modelId,
        uint32 parent,
        bytes32 contentHash,
        string calldata metadataURI,
        uint256[] calldata derivedFrom
    ) internal returns (uint32 version) {
        version = _models[modelId].versionCount + 1;
        _models[modelId].versionCount = version;
        Version storage v = _versions[modelId][version];
        v.contentHash = contentHash;
        v.parent = parent;
        v.publishedAt = uint40(block.timestamp);
        v.metadataURI = metadataURI;
        if (derivedFrom.length != 0) v.derivedFrom = derivedFrom;
        emit VersionPublished(modelId, version, parent, contentHash, metadataURI, derivedFrom);
    }

    function _checkVersion(
        uint256 modelId,
        bytes32 contentHash,
        string calldata metadataURI,
        uint256[] calldata derivedFrom
    ) internal view {
        if (contentHash == bytes32(0)) revert RegistryZeroContentHash();
        if (bytes(metadataURI).length == 0) revert RegistryEmptyMetadataURI();
        uint256 length = derivedFrom.length;
        if (length > MAX_LINEAGE) revert RegistryLineageTooLong(length, MAX_LINEAGE);
        for (uint256 i = 0; i < length; ++i) {
            uint256 upstreamId = derivedFrom[i];
            if (upstreamId == modelId || !exists(upstreamId)) revert RegistryInvalidLineage(modelId, upstreamId);
            // Bounded by MAX_LINEAGE, so the quadratic duplicate check costs at most 120 comparisons.
            for (uint256 j = 0; j < i; ++j) {
                if (derivedFrom[j] == upstreamId) revert RegistryInvalidLineage(modelId, upstreamId);
            }
        }
    }

    function _version(uint256 modelId, uint32 version) internal view returns (Version storage) {
        _requireExists(modelId);
        if (version == 0 || version > _models[modelId].versionCount) revert RegistryVersionNotFound(modelId, version);
        return _versions[modelId][version];
    }

    /// @dev Tells the owner hook before an existing entry changes hands (not when it is minted), while the seller
    /// still owns it. A transfer the caller may not make reverts after the hook, undoing what it did.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (address(ownerHook) != address(0)) {
            address from = _ownerOf(tokenId);
            if (from != address(0) && from != to) ownerHook.onModelTransfer(tokenId);
        }
        return super._update(to, tokenId, auth);
    }

    function _requireExists(uint256 modelId) internal view {
        if (!exists(modelId)) revert RegistryModelNotFound(modelId);
    }

    function _pageLength(uint256 total, uint256 offset, uint256 limit) internal pure returns (uint256) {
        if (limit > MAX_PAGE) revert RegistryPageTooLarge(limit, MAX_PAGE);
        if (offset >= total) return 0;
        return Math.min(limit, total - offset);
    }
}
