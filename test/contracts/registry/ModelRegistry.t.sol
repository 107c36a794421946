// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Test} from "forge-std/Test.sol";

import {IModelRegistry} from "../../../contracts/interfaces/IModelRegistry.sol";
import {IOwnerHook} from "../../../contracts/interfaces/IOwnerHook.sol";
import {IVersionHook} from "../../../contracts/interfaces/IVersionHook.sol";
import {ModelRegistry} from "../../../contracts/registry/ModelRegistry.sol";

/// @notice Records what the registry told it, and who owned the entry then.
contract RecordingOwnerHook is IOwnerHook {
    ModelRegistry public registry;
    uint256[] public told;
    address[] public ownerWhenTold;

    function setRegistry(ModelRegistry registry_) external {
        registry = registry_;
    }

    function onModelTransfer(uint256 modelId) external {
        told.push(modelId);
        ownerWhenTold.push(registry.ownerOf(modelId));
    }

    function count() external view returns (uint256) {
        return told.length;
    }
}

contract ModelRegistryTest is Test {
    ModelRegistry internal registry;
    address internal creator = makeAddr("creator");
    address internal other = makeAddr("other");

    bytes32 internal constant HASH_1 = keccak256("weights v1");
    bytes32 internal constant HASH_2 = keccak256("weights v2");
    string internal constant URI_1 = "ipfs://bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq";
    string internal constant URI_2 = "ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

    function setUp() public {
        registry = new ModelRegistry(IVersionHook(address(0)), IOwnerHook(address(0)));
    }

    function _none() internal pure returns (uint256[] memory) {
        return new uint256[](0);
    }

    function _ids(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        (ids[0], ids[1]) = (a, b);
    }

    function _register(address who) internal returns (uint256) {
        vm.prank(who);
        return registry.registerModel(IModelRegistry.Kind.Model, HASH_1, URI_1, _none());
    }

    // ---------------------------------------------------------------- registerModel

    function test_registerModel_mintsWithFirstVersion() public {
        vm.expectEmit(address(registry));
        emit IModelRegistry.ModelRegistered(1, creator, IModelRegistry.Kind.Dataset);
        vm.expectEmit(address(registry));
        emit IModelRegistry.VersionPublished(1, 1, 0, HASH_1, URI_1, _none());
        vm.prank(creator);
        uint256 id = registry.registerModel(IModelRegistry.Kind.Dataset, HASH_1, URI_1, _none());

        assertEq(id, 1);
        assertEq(registry.ownerOf(id), creator);
        assertEq(registry.modelCount(), 1);
        assertTrue(registry.exists(id));
        assertEq(uint8(registry.kindOf(id)), uint8(IModelRegistry.Kind.Dataset));
        assertEq(registry.versionCount(id), 1);
        IModelRegistry.Version memory v = registry.getVersion(id, 1);
        assertEq(v.contentHash, HASH_1);
        assertEq(v.parent, 0);
        assertEq(v.publishedAt, block.timestamp);
        assertEq(v.metadataURI, URI_1);
        assertEq(v.derivedFrom.length, 0);
        assertEq(registry.tokenURI(id), URI_1);
    }

    function test_registerModel_sequentialIds() public {
        assertEq(_register(creator), 1);
        assertEq(_register(other), 2);
        assertEq(registry.ownerOf(2), other);
    }

    function test_registerModel_zeroHashReverts() public {
        vm.expectRevert(IModelRegistry.RegistryZeroContentHash.selector);
        registry.registerModel(IModelRegistry.Kind.Model, bytes32(0), URI_1, _none());
    }

    function test_registerModel_emptyURIReverts() public {
        vm.expectRevert(IModelRegistry.RegistryEmptyMetadataURI.selector);
        registry.registerModel(IModelRegistry.Kind.Model, HASH_1, "", _none());
    }

    function test_registerModel_toContractWithoutReceiverReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(this)));
        registry.registerModel(IModelRegistry.Kind.Model, HASH_1, URI_1, _none());
    }

    // ---------------------------------------------------------------- lineage

    function test_lineage_recordsUpstream() public {
        vm.startPrank(creator);
        uint256 base = registry.registerModel(IModelRegistry.Kind.Model, HASH_1, URI_1, _none());
        uint256 data = registry.registerModel(IModelRegistry.Kind.Dataset, HASH_2, URI_2, _none());
        uint256 tuned = registry.registerModel(IModelRegistry.Kind.Model, keccak256("tuned"), URI_1, _ids(base, data));
        vm.stopPrank();
        uint256[] memory up = registry.lineageOf(tuned, 1);
        assertEq(up.length, 2);
        assertEq(up[0], base);
        assertEq(up[1], data);
    }

    function test_lineage_unknownUpstreamReverts() public {
        _register(creator);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryInvalidLineage.selector, 2, 7));
        vm.prank(creator);
        registry.registerModel(IModelRegistry.Kind.Model, HASH_1, URI_1, _ids(7));
    }

    function test_lineage_zeroIdReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryInvalidLineage.selector, 1, 0));
        vm.prank(creator);
        registry.registerModel(IModelRegistry.Kind.Model, HASH_1, URI_1, _ids(0));
    }

    function test_lineage_selfReferenceReverts() public {
        uint256 id = _register(creator);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryInvalidLineage.selector, id, id));
        vm.prank(creator);
        registry.publishVersion(id, 1, HASH_2, URI_2, _ids(id));
    }

    function test_lineage_duplicateReverts() public {
        uint256 base = _register(creator);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryInvalidLineage.selector, 2, base));
        vm.prank(creator);
        registry.registerModel(IModelRegistry.Kind.Model, HASH_1, URI_1, _ids(base, base));
    }

    function test_lineage_tooLongReverts() public {
        uint256[] memory up = new uint256[](17);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryLineageTooLong.selector, 17, 16));
        vm.prank(creator);
        registry.registerModel(IModelRegistry.Kind.Model, HASH_1, URI_1, up);
    }

    function test_lineage_maximumAccepted() public {
        for (uint256 i = 0; i < 16; ++i) {
            _register(creator);
        }
        uint256[] memory up = new uint256[](16);
        for (uint256 i = 0; i < 16; ++i) {
            up[i] = i + 1;
        }
        vm.prank(creator);
        uint256 id = registry.registerModel(IModelRegistry.Kind.Model, HASH_2, URI_2, up);
        assertEq(registry.lineageOf(id, 1).length, 16);
    }

    // ---------------------------------------------------------------- publishVersion

    function test_publishVersion_appends() public {
        uint256 id = _register(creator);
        vm.expectEmit(address(registry));
        emit IModelRegistry.VersionPublished(id, 2, 1, HASH_2, URI_2, _none());
        vm.prank(creator);
        uint32 version = registry.publishVersion(id, 1, HASH_2, URI_2, _none());
        assertEq(version, 2);
        assertEq(registry.versionCount(id), 2);
        assertEq(registry.contentHashOf(id, 2), HASH_2);
        assertEq(registry.getVersion(id, 2).parent, 1);
        assertEq(registry.tokenURI(id), URI_2);
        // The first version is untouched.
        assertEq(registry.contentHashOf(id, 1), HASH_1);
        assertEq(registry.getVersion(id, 1).metadataURI, URI_1);
    }

    function test_publishVersion_branchesFromEarlierParent() public {
        uint256 id = _register(creator);
        vm.startPrank(creator);
        registry.publishVersion(id, 1, HASH_2, URI_2, _none());
        uint32 v3 = registry.publishVersion(id, 1, keccak256("branch"), URI_2, _none());
        vm.stopPrank();
        assertEq(registry.getVersion(id, v3).parent, 1);
    }

    function test_publishVersion_strangerReverts() public {
        uint256 id = _register(creator);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryUnauthorized.selector, id, other));
        vm.prank(other);
        registry.publishVersion(id, 1, HASH_2, URI_2, _none());
    }

    function test_publishVersion_approvedOperator() public {
        uint256 id = _register(creator);
        vm.prank(creator);
        registry.setApprovalForAll(other, true);
        vm.prank(other);
        assertEq(registry.publishVersion(id, 1, HASH_2, URI_2, _none()), 2);
    }

    function test_publishVersion_unknownModelReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        vm.prank(creator);
        registry.publishVersion(9, 1, HASH_2, URI_2, _none());
    }

    function test_publishVersion_unknownParentReverts() public {
        uint256 id = _register(creator);
        vm.startPrank(creator);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryVersionNotFound.selector, id, 2));
        registry.publishVersion(id, 2, HASH_2, URI_2, _none());
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryVersionNotFound.selector, id, 0));
        registry.publishVersion(id, 0, HASH_2, URI_2, _none());
        vm.stopPrank();
    }

    function test_publishVersion_zeroHashReverts() public {
        uint256 id = _register(creator);
        vm.expectRevert(IModelRegistry.RegistryZeroContentHash.selector);
        vm.prank(creator);
        registry.publishVersion(id, 1, bytes32(0), URI_2, _none());
    }

    function test_transfer_movesPublishingRight() public {
        uint256 id = _register(creator);
        vm.prank(creator);
        registry.transferFrom(creator, other, id);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryUnauthorized.selector, id, creator));
        vm.prank(creator);
        registry.publishVersion(id, 1, HASH_2, URI_2, _none());
        vm.prank(other);
        registry.publishVersion(id, 1, HASH_2, URI_2, _none());
        assertEq(registry.ownerOf(id), other);
    }

    /// @dev Whatever is published later, every earlier version reads back exactly as it was published.
    /// @dev The marketplace splits an entry's sales with its seller: the hook hears of every transfer (not of the mint),
    /// before it, while the seller still owns the entry.
    function test_transfer_tellsOwnerHookBeforeItMoves() public {
        RecordingOwnerHook hook = new RecordingOwnerHook();
        registry = new ModelRegistry(IVersionHook(address(0)), hook);
        hook.setRegistry(registry);
        uint256 id = _register(creator);
        assertEq(hook.count(), 0);
        vm.prank(creator);
        registry.transferFrom(creator, other, id);
        assertEq(hook.count(), 1);
        assertEq(hook.told(0), id);
        assertEq(hook.ownerWhenTold(0), creator);
        assertEq(registry.ownerOf(id), other);
        // A refused transfer leaves no trace of the hook's call.
        vm.expectRevert();
        vm.prank(creator);
        registry.transferFrom(other, creator, id);
        assertEq(hook.count(), 1);
    }

    function testFuzz_publishVersion_neverChangesEarlierVersions(bytes32[8] memory hashes, uint8 count) public {
        count = uint8(bound(count, 1, 8));
        uint256 id = _register(creator);
        vm.startPrank(creator);
        for (uint256 i = 0; i < count; ++i) {
            bytes32 h = hashes[i] == bytes32(0) ? bytes32(uint256(1)) : hashes[i];
            hashes[i] = h;
            skip(1);
            registry.publishVersion(id, uint32(i + 1), h, URI_2, _none());
            assertEq(registry.contentHashOf(id, 1), HASH_1);
            for (uint256 j = 0; j <= i; ++j) {
                assertEq(registry.contentHashOf(id, uint32(j + 2)), hashes[j]);
                assertEq(registry.getVersion(id, uint32(j + 2)).parent, j + 1);
            }
        }
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- views and pagination

    function test_views_unknownModelReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryModelNotFound.selector, 1));
        registry.kindOf(1);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryModelNotFound.selector, 0));
        registry.versionCount(0);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryModelNotFound.selector, 3));
        registry.getVersions(3, 0, 10);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 3));
        registry.tokenURI(3);
    }

    function test_views_unknownVersionReverts() public {
        uint256 id = _register(creator);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryVersionNotFound.selector, id, 2));
        registry.getVersion(id, 2);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryVersionNotFound.selector, id, 0));
        registry.contentHashOf(id, 0);
    }

    function test_getModels_pages() public {
        for (uint256 i = 0; i < 5; ++i) {
            _register(i % 2 == 0 ? creator : other);
        }
        vm.prank(other);
        registry.publishVersion(2, 1, HASH_2, URI_2, _none());

        IModelRegistry.ModelInfo[] memory page = registry.getModels(1, 2);
        assertEq(page.length, 2);
        assertEq(page[0].modelId, 2);
        assertEq(page[0].owner, other);
        assertEq(page[0].versionCount, 2);
        assertEq(page[0].latestContentHash, HASH_2);
        assertEq(page[0].latestMetadataURI, URI_2);
        assertEq(page[0].registeredAt, block.timestamp);
        assertEq(page[1].modelId, 3);

        assertEq(registry.getModels(3, 10).length, 2); // short last page
        assertEq(registry.getModels(5, 10).length, 0); // past the end
        assertEq(registry.getModels(type(uint256).max, 10).length, 0);
        assertEq(registry.getModels(0, 0).length, 0);
    }

    function test_getModels_pageTooLargeReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryPageTooLarge.selector, 1001, 1000));
        registry.getModels(0, 1001);
    }

    function test_getModels_thousandInOneCall() public {
        for (uint256 i = 0; i < 1000; ++i) {
            _register(creator);
        }
        IModelRegistry.ModelInfo[] memory page = registry.getModels(0, 1000);
        assertEq(page.length, 1000);
        assertEq(page[999].modelId, 1000);
        assertEq(page[999].latestMetadataURI, URI_1);
    }

    function test_getVersions_pages() public {
        uint256 id = _register(creator);
        vm.startPrank(creator);
        for (uint32 i = 1; i <= 4; ++i) {
            registry.publishVersion(id, i, bytes32(uint256(i + 100)), URI_2, _none());
        }
        vm.stopPrank();
        IModelRegistry.Version[] memory page = registry.getVersions(id, 2, 2);
        assertEq(page.length, 2);
        assertEq(page[0].contentHash, bytes32(uint256(102)));
        assertEq(page[1].parent, 3);
        assertEq(registry.getVersions(id, 4, 5).length, 1);
        assertEq(registry.getVersions(id, 5, 5).length, 0);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RegistryPageTooLarge.selector, 5000, 1000));
        registry.getVersions(id, 0, 5000);
    }
}
