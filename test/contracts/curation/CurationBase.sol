// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationBase} from "../../../contracts/interfaces/ICurationBase.sol";
import {ICurationDisputes} from "../../../contracts/interfaces/ICurationDisputes.sol";
import {IModelRegistry} from "../../../contracts/interfaces/IModelRegistry.sol";
import {CuriaTest} from "../utils/CuriaTest.sol";

/// @notice Curation helpers on top of the deployed system: a creator with a model, curators with tokens.
abstract contract CurationBase is CuriaTest {
    address internal creator = makeAddr("creator");
    address internal curator1 = makeAddr("curator1");
    address internal curator2 = makeAddr("curator2");
    address internal challenger = makeAddr("challenger");

    bytes32 internal constant DISPUTE_BALLOT_TYPEHASH = keccak256(
        "DisputeBallot(uint256 disputeId,uint8 support,address voter,uint256 nonce,uint256 deadline,string reason)"
    );

    function setUp() public virtual override {
        super.setUp();
        address[4] memory funded = [creator, curator1, curator2, challenger];
        for (uint256 i = 0; i < funded.length; ++i) {
            _fund(funded[i], 100_000e18);
        }
        address[5] memory holders = [alice, bob, carol, dave, whale];
        for (uint256 i = 0; i < holders.length; ++i) {
            vm.prank(holders[i]);
            token.approve(address(curation), type(uint256).max);
        }
    }

    function _fund(address who, uint256 amount) internal {
        vm.prank(whale);
        token.transfer(who, amount);
        vm.prank(who);
        token.approve(address(curation), type(uint256).max);
    }

    function _registerModel(address owner) internal returns (uint256 modelId) {
        vm.prank(owner);
        modelId = registry.registerModel(
            IModelRegistry.Kind.Model, keccak256(abi.encode(owner, block.timestamp)), "ipfs://card", new uint256[](0)
        );
    }

    function _apply(uint256 modelId) internal {
        vm.prank(registry.ownerOf(modelId));
        curation.applyForListing(modelId);
    }

    /// @dev A model by `creator`, applied for and past its challenge period: Listed.
    function _listedModel() internal returns (uint256 modelId) {
        modelId = _registerModel(creator);
        _apply(modelId);
        skip(CHALLENGE_PERIOD);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Listed));
    }

    function _isListed(uint256 modelId) internal view returns (bool) {
        return curation.statusOf(modelId) == ICurationBase.ListingStatus.Listed;
    }

    function _stake(address who, uint256 modelId, uint256 amount) internal {
        vm.prank(who);
        curation.stake(modelId, amount);
    }

    function _challenge(uint256 modelId) internal returns (uint256 disputeId) {
        return _challengeAs(challenger, modelId);
    }

    function _challengeAs(address who, uint256 modelId) internal returns (uint256 disputeId) {
        vm.prank(who);
        disputeId =
            curation.challenge(modelId, 0, ICurationDisputes.Reason.Safety, "ipfs://evidence", keccak256("evidence"));
        // The vote opens after the snapshot, the voting delay after the challenge.
        skip(DISPUTE_VOTING_DELAY + 1);
    }

    function _vote(address voter, uint256 disputeId, ICurationDisputes.Support support) internal {
        vm.prank(voter);
        curation.voteOnDispute(disputeId, support, "");
    }

    /// @dev Challenges, votes Remove with the whale, and resolves: the model is Removed and open to appeal.
    function _removed(uint256 modelId) internal returns (uint256 disputeId) {
        return _removedBy(challenger, modelId);
    }

    /// @dev {_removed}, challenged by `who`.
    function _removedBy(address who, uint256 modelId) internal returns (uint256 disputeId) {
        disputeId = _challengeAs(who, modelId);
        _vote(whale, disputeId, ICurationDisputes.Support.Remove);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);
        assertEq(uint8(curation.statusOf(modelId)), uint8(ICurationBase.ListingStatus.Removed));
    }

    function _disputeBallotDigest(
        uint256 disputeId,
        uint8 support,
        address voter,
        uint256 nonce,
        uint256 deadline,
        string memory reason
    ) internal view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(DISPUTE_BALLOT_TYPEHASH, disputeId, support, voter, nonce, deadline, keccak256(bytes(reason)))
        );
        return
            keccak256(abi.encodePacked("\x19\x01", _domainSeparator(address(curation), "Curia Curation"), structHash));
    }
}
