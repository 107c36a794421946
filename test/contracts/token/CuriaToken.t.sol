// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Test} from "forge-std/Test.sol";

import {CuriaToken} from "../../../contracts/token/CuriaToken.sol";
import {CuriaTest} from "../utils/CuriaTest.sol";

contract CuriaTokenTest is CuriaTest {
    function test_constructor_mintsAllocation() public view {
        assertEq(token.balanceOf(address(timelock)), TREASURY);
        assertEq(token.balanceOf(alice), 1_000_000e18);
        assertEq(token.totalSupply(), TREASURY + 13_550_000e18);
        assertEq(token.symbol(), "CUR");
        assertEq(token.decimals(), 18);
    }

    function test_constructor_lengthMismatchReverts() public {
        vm.expectRevert(abi.encodeWithSelector(CuriaToken.TokenAllocationLengthMismatch.selector, 1, 0));
        new CuriaToken(new address[](1), new uint256[](0));
    }

    function test_clock_isTimestamp() public view {
        assertEq(token.clock(), block.timestamp);
        assertEq(token.CLOCK_MODE(), "mode=timestamp");
    }

    function test_permit_setsAllowanceWithoutGas() public {
        bytes32 typehash =
            keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = MessageHashUtils.toTypedDataHash(
            token.DOMAIN_SEPARATOR(), keccak256(abi.encode(typehash, alice, carol, 5e18, 0, deadline))
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        token.permit(alice, carol, 5e18, deadline, v, r, s);
        assertEq(token.allowance(alice, carol), 5e18);
        assertEq(token.nonces(alice), 1);

        // Replayed: the nonce moved on, so the signature recovers to some other signer.
        vm.expectPartialRevert(ERC20Permit.ERC2612InvalidSigner.selector);
        token.permit(alice, carol, 5e18, deadline, v, r, s);
    }

    function test_delegate_movesVotesWithTransfers() public {
        assertEq(token.getVotes(alice), 1_000_000e18);
        vm.prank(alice);
        token.transfer(bob, 400_000e18);
        assertEq(token.getVotes(alice), 600_000e18);
        assertEq(token.getVotes(bob), 2_400_000e18);
        // Past votes are checkpointed.
        assertEq(token.getPastVotes(alice, block.timestamp - 1), 1_000_000e18);
    }
}

/// @notice Random transfers and delegations among a fixed set of holders.
contract TokenHandler is Test {
    CuriaToken public immutable token;
    address[] public holders;

    constructor(CuriaToken token_, address[] memory holders_) {
        token = token_;
        holders = holders_;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = holders[fromSeed % holders.length];
        address to = holders[toSeed % holders.length];
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        token.transfer(to, amount);
    }

    function delegate(uint256 fromSeed, uint256 toSeed) external {
        address from = holders[fromSeed % holders.length];
        address to = holders[toSeed % holders.length];
        vm.prank(from);
        token.delegate(to);
    }

    function holderCount() external view returns (uint256) {
        return holders.length;
    }
}

contract CuriaTokenInvariantTest is CuriaTest {
    TokenHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory holders = new address[](5);
        (holders[0], holders[1], holders[2], holders[3], holders[4]) = (alice, bob, carol, dave, whale);
        handler = new TokenHandler(token, holders);
        targetContract(address(handler));
    }

    /// @dev Votes are conserved: the holders' votes add up to the balances of the holders who delegated.
    function invariant_votesMatchDelegatedBalances() public view {
        uint256 votes;
        uint256 delegated;
        for (uint256 i = 0; i < handler.holderCount(); ++i) {
            address h = handler.holders(i);
            votes += token.getVotes(h);
            if (token.delegates(h) != address(0)) delegated += token.balanceOf(h);
        }
        assertEq(votes, delegated);
        assertLe(votes, token.totalSupply());
    }

    /// @dev The treasury never votes.
    function invariant_treasuryHasNoVotes() public view {
        assertEq(token.getVotes(address(timelock)), 0);
        assertEq(token.balanceOf(address(timelock)), TREASURY);
    }
}
