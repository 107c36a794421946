// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationBase} from "../../../contracts/interfaces/ICurationBase.sol";
import {CurationBase} from "./CurationBase.sol";

/// @notice Staking, claiming and slashing cost the same whatever the number of curators on the model: gas with 1 and
/// with 1,000 curators already staked, within 1%. Each top-level call runs as its own transaction (`isolate`), so the
/// numbers are those of real transactions (cold storage), and the snapshots record them.
contract CurationScaleTest is CurationBase {
    struct Gas {
        uint256 stake;
        uint256 requestUnstake;
        uint256 claim;
        uint256 finalize;
        uint256 withdrawStake;
    }

    function _measure(uint256 curators) internal returns (Gas memory g) {
        uint256 modelId = _listedModel();
        for (uint256 i = 0; i < curators; ++i) {
            address c = address(uint160(0xC0A700 + i));
            deal(address(token), c, 100e18);
            vm.startPrank(c);
            token.approve(address(curation), type(uint256).max);
            curation.stake(modelId, 100e18);
            vm.stopPrank();
        }
        _stake(curator2, modelId, 100e18);
        // A failed challenge pays the curators (Keep), so that the measured claim has rewards to pay.
        _challenge(modelId);
        skip(DISPUTE_VOTING_PERIOD);
        curation.resolve(modelId);

        _stake(curator1, modelId, 500e18);
        g.stake = vm.snapshotGasLastCall(string.concat("stake_", vm.toString(curators)));

        vm.prank(curator1);
        curation.requestUnstake(modelId, 50e18);
        g.requestUnstake = vm.snapshotGasLastCall(string.concat("requestUnstake_", vm.toString(curators)));

        uint256[] memory ids = new uint256[](1);
        ids[0] = modelId;
        vm.prank(curator2);
        curation.claim(ids);
        g.claim = vm.snapshotGasLastCall(string.concat("claim_", vm.toString(curators)));

        _removed(modelId);
        skip(APPEAL_WINDOW + 1);
        curation.finalize(modelId);
        g.finalize = vm.snapshotGasLastCall(string.concat("finalize_", vm.toString(curators)));

        vm.prank(curator2);
        curation.withdrawStake(modelId);
        g.withdrawStake = vm.snapshotGasLastCall(string.concat("withdrawStake_delisted_", vm.toString(curators)));
    }

    function _assertWithinOnePercent(uint256 one, uint256 many) internal pure {
        uint256 diff = one > many ? one - many : many - one;
        assertLe(diff * 100, one, "gas differs by more than 1% between 1 and 1,000 curators");
    }

    /// forge-config: default.isolate = true
    /// forge-config: ci.isolate = true
    function test_gas_constantInNumberOfCurators() public {
        uint256 snap = vm.snapshotState();
        Gas memory one = _measure(1);
        vm.revertToState(snap);
        Gas memory many = _measure(1000);
        _assertWithinOnePercent(one.stake, many.stake);
        _assertWithinOnePercent(one.requestUnstake, many.requestUnstake);
        _assertWithinOnePercent(one.claim, many.claim);
        _assertWithinOnePercent(one.finalize, many.finalize);
        _assertWithinOnePercent(one.withdrawStake, many.withdrawStake);
        assertEq(uint8(curation.statusOf(1)), uint8(ICurationBase.ListingStatus.Delisted));
    }
}
