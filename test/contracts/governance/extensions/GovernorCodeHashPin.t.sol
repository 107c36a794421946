// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {GovernorCodeHashPin} from "../../../../contracts/governance/extensions/GovernorCodeHashPin.sol";
import {CuriaTest} from "../../utils/CuriaTest.sol";

/// @dev What the voters approved: a harmless grant registry.
contract HonestTarget {
    uint256 public granted;

    function grant(uint256 amount) external {
        granted += amount;
    }
}

/// @dev What the attacker swaps in at the same address after the vote: same selector, another effect.
contract MaliciousTarget {
    uint256 public granted;
    address public owner;

    function grant(uint256) external {
        owner = msg.sender; // e.g. takes over whatever the timelock controls
    }
}

contract GovernorCodeHashPinTest is CuriaTest {
    bytes32 internal constant SALT = keccak256("metamorphic");

    HonestTarget internal target;

    function setUp() public override {
        super.setUp();
        target = new HonestTarget{salt: SALT}();
    }

    function _pinnedProposal() internal view returns (Proposal memory p) {
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.targets[0] = address(governor);
        p.calldatas[0] =
            abi.encodeCall(GovernorCodeHashPin.requireCodeHash, (address(target), address(target).codehash));
        p.targets[1] = address(target);
        p.calldatas[1] = abi.encodeCall(HonestTarget.grant, (100));
        p.description = "# Grant\nPinned to the code voters saw.";
    }

    function test_requireCodeHash_unchangedCodeExecutes() public {
        _passAndExecute(_pinnedProposal());
        assertEq(target.granted(), 100);
    }

    function test_requireCodeHash_codeSwappedAfterVoteReverts() public {
        Proposal memory p = _pinnedProposal();
        bytes32 pinned = address(target).codehash;
        uint256 id = _passAndQueue(alice, p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));

        // The contract is replaced at the same address between the vote and the execution.
        vm.etch(address(target), type(MaliciousTarget).runtimeCode);
        bytes32 swapped = address(target).codehash;
        assertTrue(swapped != pinned);

        vm.expectRevert(
            abi.encodeWithSelector(
                GovernorCodeHashPin.GovernorCodeHashChanged.selector, address(target), pinned, swapped
            )
        );
        _execute(p);
        // Anyone may execute through the timelock directly: the pin is one of the batch's own calls, so it holds there too.
        vm.expectRevert(
            abi.encodeWithSelector(
                GovernorCodeHashPin.GovernorCodeHashChanged.selector, address(target), pinned, swapped
            )
        );
        timelock.executeBatch(
            p.targets, p.values, p.calldatas, 0, bytes20(address(governor)) ^ keccak256(bytes(p.description))
        );
    }

    function testFuzz_requireCodeHash(address account, bytes32 expected) public {
        vm.assume(account.codehash != expected);
        vm.expectRevert(
            abi.encodeWithSelector(
                GovernorCodeHashPin.GovernorCodeHashChanged.selector, account, expected, account.codehash
            )
        );
        governor.requireCodeHash(account, expected);
        governor.requireCodeHash(account, account.codehash);
    }
}
