// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {ICurationDisputes} from "../interfaces/ICurationDisputes.sol";
import {ICurationParameters} from "../interfaces/ICurationParameters.sol";
import {Bps} from "../libraries/Bps.sol";

/// @title CurationHelper
/// @notice The curation registry's stateless helpers: the parameters' hard bounds, an appeal's Governor proposal
/// description and the signature check of signed ballots. Deployed by the registry's constructor and called by it, so that this code does not count against the
/// registry's 24,576-byte limit (EIP-170). Pure: it holds nothing and trusts nobody.
contract CurationHelper {
    /// @notice OpenZeppelin's `SignatureChecker.isValidSignatureNow`: an ECDSA signature of an EOA, or EIP-1271.
    function isValidSignatureNow(address signer, bytes32 hash, bytes calldata signature) external view returns (bool) {
        return SignatureChecker.isValidSignatureNow(signer, hash, signature);
    }

    /// @notice A curation parameter's hard bounds (see {ICurationParameters-parameterBounds}).
    function parameterBounds(ICurationParameters.Parameter p) external pure returns (uint256 min, uint256 max) {
        // Amounts: at least 1 token (a free bond or deposit invites spam), at most 100M tokens (the whole supply).
        if (
            p == ICurationParameters.Parameter.ListingBond || p == ICurationParameters.Parameter.ChallengeDeposit
                || p == ICurationParameters.Parameter.AppealBond
        ) {
            return (1e18, 100_000_000e18);
        }
        // Periods: at least an hour (time for people to react), at most 30 days (money is not locked for ever).
        if (
            p == ICurationParameters.Parameter.ChallengePeriod || p == ICurationParameters.Parameter.DisputeVotingPeriod
                || p == ICurationParameters.Parameter.AppealWindow
                || p == ICurationParameters.Parameter.SuspensionWindow
        ) return (1 hours, 30 days);
        // Unbonding: at least a day, so that stake cannot sandwich a payout or leave ahead of a challenge. It is also a
        // withdrawn listing's notice, during which the listing can still be challenged.
        if (p == ICurationParameters.Parameter.UnbondingPeriod) return (1 days, 90 days);
        // Voting delay: at least an hour between the challenge and the snapshot, so that weight borrowed around the
        // challenge is gone by the snapshot and holders who see the challenge can delegate; at most a week.
        if (p == ICurationParameters.Parameter.DisputeVotingDelay) return (1 hours, 7 days);
        // Quorum: at least 1% of the supply, so that no small holding decides a dispute alone; at most half of it,
        // or no dispute could ever remove a model.
        if (p == ICurationParameters.Parameter.DisputeQuorumBps) return (100, 5000);
        // The challenger's reward: at most half of what it counts (the bond, and the curators' slash up to the bond),
        // so that an owner challenging its own model never gets back more than the bond it loses.
        if (p == ICurationParameters.Parameter.ChallengerRewardBps) return (0, Bps.ONE / 2);
        // Shares: 0% to 100%.
        return (0, Bps.ONE);
    }

    /// @notice The Governor proposal of the appeal of dispute `disputeId` on `modelId`: its description, ending with
    /// `#proposer=<registry>` (lowercase hex) so that only `registry` can create it
    /// (Governor._isValidDescriptionForProposer), and its id as the Governor computes it (Governor.hashProposal) for
    /// the one call `registry.restoreModel(modelId)`.
    function appealProposal(uint256 modelId, uint256 disputeId, string calldata statement, address registry)
        external
        pure
        returns (string memory description, uint256 proposalId)
    {
        description = string.concat(
            "# Appeal: restore model #",
            Strings.toString(modelId),
            "\n\n",
            statement,
            "\n\n---\nAppeal of dispute #",
            Strings.toString(disputeId),
            ". Executing this proposal lists the model again.\n\n#proposer=",
            Strings.toHexString(registry)
        );
        address[] memory targets = new address[](1);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        targets[0] = registry;
        calldatas[0] = abi.encodeCall(ICurationDisputes.restoreModel, (modelId));
        proposalId = uint256(keccak256(abi.encode(targets, values, calldatas, keccak256(bytes(description)))));
    }
}
