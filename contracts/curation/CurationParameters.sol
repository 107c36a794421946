// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurationParameters} from "../interfaces/ICurationParameters.sol";
import {Bps} from "../libraries/Bps.sol";
import {CurationHelper} from "./CurationHelper.sol";

/// @title CurationParameters
/// @notice The curation parameters and the guardian, set only by the DAO's timelock, each within hard bounds that stop
/// a foot-gun (no slash above 100%, no zero-length period, no bond that nobody could pay).
/// @dev {Parameters} is packed into two storage slots so that each action reads them cheaply. {parameter} and
/// {setParameter} find a field by its place in the packing (`LAYOUT`), which must follow the struct: one generic read and write instead of
/// one branch per field keeps the registry under the 24,576-byte code limit (EIP-170).
abstract contract CurationParameters is ICurationParameters {
    /// @dev Per {Parameter}, 16 bits: (bit offset in {Parameters} over both slots << 7) | width. See {_fieldOf}.
    uint256 private constant LAYOUT = 0xf418ec10e410dc10d410c818b820ac1880587810682058202c580058;

    /// @notice The DAO's timelock: the only account that sets parameters, and the treasury.
    address internal immutable _timelock;

    /// @notice Pure helpers (parameter bounds, appeal descriptions), deployed here so that their code does not count
    /// against the registry's 24,576-byte limit (EIP-170).
    CurationHelper internal immutable _helper;

    Parameters internal _params;
    address private _guardian;

    /// @param initial Every parameter's first value, by name; each is checked against its bounds and logged as set.
    constructor(address timelock_, address guardian_, Parameters memory initial) {
        _timelock = timelock_;
        CurationHelper helper = new CurationHelper();
        _helper = helper;
        _params = initial;
        for (uint256 i = 0; i <= uint256(type(Parameter).max); ++i) {
            Parameter p = Parameter(i);
            uint256 value = parameter(p);
            _checkBounds(helper, p, value);
            emit ParameterSet(p, 0, value);
        }
        _checkKeepShares();
        _setGuardian(guardian_);
    }

    modifier onlyTimelock() {
        if (msg.sender != _timelock) revert CurationOnlyTimelock(msg.sender);
        _;
    }

    /// @inheritdoc ICurationParameters
    function setParameter(Parameter p, uint256 value) external onlyTimelock {
        _setParameter(_helper, p, value);
    }

    /// @inheritdoc ICurationParameters
    function setGuardian(address newGuardian) external onlyTimelock {
        _setGuardian(newGuardian);
    }

    /// @inheritdoc ICurationParameters
    function guardian() public view returns (address) {
        return _guardian;
    }

    /// @inheritdoc ICurationParameters
    function treasury() external view returns (address) {
        return _timelock;
    }

    /// @inheritdoc ICurationParameters
    function parameter(Parameter p) public view returns (uint256) {
        (uint256 slot, uint256 shift, uint256 mask) = _fieldOf(p);
        return (_paramWord(slot) >> shift) & mask;
    }

    /// @inheritdoc ICurationParameters
    function parameterBounds(Parameter p) public view returns (uint256 min, uint256 max) {
        return _helper.parameterBounds(p);
    }

    function _setParameter(CurationHelper helper, Parameter p, uint256 value) internal {
        _checkBounds(helper, p, value);
        (uint256 slot, uint256 shift, uint256 mask) = _fieldOf(p);
        uint256 word = _paramWord(slot);
        uint256 old = (word >> shift) & mask;
        word = (word & ~(mask << shift)) | (value << shift);
        Parameters storage q = _params;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(add(q.slot, slot), word)
        }
        _checkKeepShares();
        emit ParameterSet(p, old, value);
    }

    /// @dev Reverts unless `value` is within parameter `p`'s hard bounds.
    function _checkBounds(CurationHelper helper, Parameter p, uint256 value) private pure {
        (uint256 min, uint256 max) = helper.parameterBounds(p);
        if (value < min || value > max) revert CurationParameterOutOfBounds(p, value, min, max);
    }

    /// @dev Reverts if the two Keep shares together exceed 100%.
    function _checkKeepShares() private view {
        Parameters storage q = _params;
        if (uint256(q.keepCuratorShareBps) + q.keepCreatorShareBps > Bps.ONE) {
            revert CurationKeepSharesExceedTotal(q.keepCuratorShareBps, q.keepCreatorShareBps);
        }
    }

    /// @dev Where parameter `p` lives in {Parameters}: its slot (0 or 1), bit offset and mask. Solidity packs each
    /// slot's fields from the lowest bits in declaration order; `LAYOUT` holds, per parameter, 16 bits: the field's
    /// offset over both slots (9 bits) and its width (7 bits).
    function _fieldOf(Parameter p) private pure returns (uint256 slot, uint256 shift, uint256 mask) {
        uint256 entry = (LAYOUT >> (16 * uint256(p))) & 0xffff;
        uint256 offset = entry >> 7;
        return (offset >> 8, offset & 255, ~(type(uint256).max << (entry & 0x7f)));
    }

    /// @dev Slot `slot` (0 or 1) of {Parameters}, as one word.
    function _paramWord(uint256 slot) private view returns (uint256 word) {
        Parameters storage q = _params;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            word := sload(add(q.slot, slot))
        }
    }

    function _setGuardian(address newGuardian) internal {
        emit GuardianSet(_guardian, newGuardian);
        _guardian = newGuardian;
    }
}
