// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {IModelRegistry} from "../../../contracts/interfaces/IModelRegistry.sol";
import {IOwnerHook} from "../../../contracts/interfaces/IOwnerHook.sol";
import {IVersionHook} from "../../../contracts/interfaces/IVersionHook.sol";
import {ModelRegistry} from "../../../contracts/registry/ModelRegistry.sol";

/// @notice Drives the registry with valid actions only (fail_on_revert) and remembers every published version.
contract RegistryHandler is Test {
    ModelRegistry public immutable registry;
    address[] public actors;

    // Ghost state: what was published, keyed by (model, version).
    mapping(uint256 modelId => mapping(uint32 version => bytes32)) public ghostHash;
    mapping(uint256 modelId => mapping(uint32 version => bytes32)) public ghostUriHash;
    mapping(uint256 modelId => uint32) public ghostVersions;
    mapping(uint256 modelId => address) public ghostOwner;
    uint256 public ghostModels;

    constructor(ModelRegistry registry_) {
        registry = registry_;
        for (uint256 i = 0; i < 4; ++i) {
            actors.push(makeAddr(string.concat("actor", vm.toString(i))));
        }
    }

    function register(uint256 actorSeed, bytes32 contentHash, uint8 kind, uint256 lineageSeed) external {
        address actor = actors[actorSeed % actors.length];
        contentHash = contentHash == bytes32(0) ? bytes32(uint256(1)) : contentHash;
        uint256[] memory up = _lineage(lineageSeed, 0);
        string memory uri = string.concat("ipfs://model-", vm.toString(ghostModels + 1));
        vm.prank(actor);
        uint256 id = registry.registerModel(IModelRegistry.Kind(bound(kind, 0, 1)), contentHash, uri, up);
        ghostModels = id;
        ghostOwner[id] = actor;
        _record(id, 1, contentHash, uri);
    }

    function publish(uint256 modelSeed, uint256 parentSeed, bytes32 contentHash, uint256 lineageSeed) external {
        if (ghostModels == 0) return;
        uint256 id = bound(modelSeed, 1, ghostModels);
        uint32 parent = uint32(bound(parentSeed, 1, ghostVersions[id]));
        contentHash = contentHash == bytes32(0) ? bytes32(uint256(2)) : contentHash;
        uint256[] memory up = _lineage(lineageSeed, id);
        string memory uri = string.concat("ipfs://v-", vm.toString(uint256(contentHash)));
        vm.prank(ghostOwner[id]);
        uint32 version = registry.publishVersion(id, parent, contentHash, uri, up);
        _record(id, version, contentHash, uri);
    }

    function transfer(uint256 modelSeed, uint256 toSeed) external {
        if (ghostModels == 0) return;
        uint256 id = bound(modelSeed, 1, ghostModels);
        address to = actors[toSeed % actors.length];
        vm.prank(ghostOwner[id]);
        registry.transferFrom(ghostOwner[id], to, id);
        ghostOwner[id] = to;
    }

    function _record(uint256 id, uint32 version, bytes32 contentHash, string memory uri) internal {
        ghostVersions[id] = version;
        ghostHash[id][version] = contentHash;
        ghostUriHash[id][version] = keccak256(bytes(uri));
    }

    /// @dev Up to three distinct existing upstream ids, never `self`.
    function _lineage(uint256 seed, uint256 self) internal view returns (uint256[] memory up) {
        uint256 n = ghostModels == 0 ? 0 : seed % 4;
        uint256[] memory tmp = new uint256[](n);
        uint256 len;
        for (uint256 i = 0; i < n; ++i) {
            uint256 candidate = (uint256(keccak256(abi.encode(seed, i))) % ghostModels) + 1;
            bool dup = candidate == self;
            for (uint256 j = 0; j < len; ++j) {
                if (tmp[j] == candidate) dup = true;
            }
            if (!dup) tmp[len++] = candidate;
        }
        up = new uint256[](len);
        for (uint256 i = 0; i < len; ++i) {
            up[i] = tmp[i];
        }
    }
}

contract ModelRegistryInvariantTest is Test {
    ModelRegistry internal registry;
    RegistryHandler internal handler;

    function setUp() public {
        registry = new ModelRegistry(IVersionHook(address(0)), IOwnerHook(address(0)));
        handler = new RegistryHandler(registry);
        targetContract(address(handler));
    }

    /// @dev Provenance: every version ever published still has the hash and URI it was published with.
    function invariant_versionsAreImmutable() public view {
        uint256 models = handler.ghostModels();
        assertEq(registry.modelCount(), models);
        for (uint256 id = 1; id <= models; ++id) {
            uint32 versions = handler.ghostVersions(id);
            assertEq(registry.versionCount(id), versions);
            for (uint32 v = 1; v <= versions; ++v) {
                IModelRegistry.Version memory stored = registry.getVersion(id, v);
                assertEq(stored.contentHash, handler.ghostHash(id, v));
                assertEq(keccak256(bytes(stored.metadataURI)), handler.ghostUriHash(id, v));
                assertLt(stored.parent, v);
            }
        }
    }

    /// @dev Ownership follows transfers, and the paginated view agrees with the single reads.
    function invariant_ownersAndPagesAgree() public view {
        uint256 models = handler.ghostModels();
        IModelRegistry.ModelInfo[] memory page = registry.getModels(0, 1000);
        assertEq(page.length, models);
        for (uint256 i = 0; i < page.length; ++i) {
            uint256 id = i + 1;
            assertEq(page[i].owner, handler.ghostOwner(id));
            assertEq(registry.ownerOf(id), handler.ghostOwner(id));
            assertEq(page[i].versionCount, handler.ghostVersions(id));
            assertEq(page[i].latestContentHash, handler.ghostHash(id, page[i].versionCount));
        }
    }

    /// @dev Lineage only ever points at other, existing entries.
    function invariant_lineagePointsBackwards() public view {
        uint256 models = handler.ghostModels();
        for (uint256 id = 1; id <= models; ++id) {
            uint32 versions = handler.ghostVersions(id);
            for (uint32 v = 1; v <= versions; ++v) {
                uint256[] memory up = registry.lineageOf(id, v);
                for (uint256 k = 0; k < up.length; ++k) {
                    assertTrue(registry.exists(up[k]));
                    assertTrue(up[k] != id);
                }
            }
        }
    }
}
