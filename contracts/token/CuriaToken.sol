// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title CuriaToken
/// @notice Curia's governance token (CUR): ERC-20 with EIP-2612 permits and ERC20Votes checkpoints on a
/// timestamp clock (ERC-6372 `mode=timestamp`), the same clock as the Governor and the curation disputes.
/// @dev The whole supply is minted once at construction; there is no owner and no later mint.
/// Warning: voting power only counts once delegated (delegating to oneself included).
contract CuriaToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice The initial allocation lists differ in length.
    error TokenAllocationLengthMismatch(uint256 recipients, uint256 amounts);

    /// @param recipients Who receives the initial supply (the treasury first, by convention).
    /// @param amounts How much each recipient receives, in wei.
    constructor(address[] memory recipients, uint256[] memory amounts) ERC20("Curia", "CUR") ERC20Permit("Curia") {
        if (recipients.length != amounts.length) {
            revert TokenAllocationLengthMismatch(recipients.length, amounts.length);
        }
        for (uint256 i = 0; i < recipients.length; ++i) {
            _mint(recipients[i], amounts[i]);
        }
    }

    /// @inheritdoc IERC6372
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @inheritdoc IERC6372
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
