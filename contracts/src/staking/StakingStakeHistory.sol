// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IStaking} from "../interfaces/IStaking.sol";
import {StakingBase} from "./StakingBase.sol";

/**
 * @title StakingStakeHistory
 * @notice A device's active stake over a past interval and its minimum stake at a past time, from
 * their checkpoints: the coordinator nominates a device for a block only if it held, throughout the
 * block, the minimum in force when the block began.
 */
abstract contract StakingStakeHistory is StakingBase {
    using Checkpoints for Checkpoints.Trace208;

    /// @inheritdoc IStaking
    function lowestStakeBetween(bytes32 device, uint64 from, uint64 to) external view returns (uint256 lowest) {
        if (from >= to) revert StakingEmptyInterval(from, to);
        Checkpoints.Trace208 storage history = _deviceActiveHistory[device];
        uint256 len = history.length();
        uint256 i = _firstAfter(history, SafeCast.toUint48(from));
        lowest = i == 0 ? 0 : history.at(SafeCast.toUint32(i - 1))._value;
        for (; i < len; ++i) {
            Checkpoints.Checkpoint208 memory c = history.at(SafeCast.toUint32(i));
            if (c._key >= to) break;
            lowest = Math.min(lowest, c._value);
        }
    }

    /// @inheritdoc IStaking
    function minimumStakeAt(bytes32 device, uint64 timepoint) external view returns (uint256) {
        ClassSince[] storage classes = _classHistory[device];
        uint256 low;
        uint256 high = classes.length;
        while (low < high) {
            uint256 mid = Math.average(low, high);
            if (classes[mid].since > timepoint) high = mid;
            else low = mid + 1;
        }
        bytes32 hardwareClass = low == 0 ? bytes32(0) : classes[low - 1].hardwareClass;
        return _minimumOf(_multiplierHistory[hardwareClass].upperLookupRecent(SafeCast.toUint48(timepoint)));
    }

    // ------------------------------------------------------------------ internals

    /// @dev The index of the first checkpoint whose time is after `point` (the length when none is).
    function _firstAfter(Checkpoints.Trace208 storage history, uint48 point) internal view returns (uint256 low) {
        uint256 high = history.length();
        while (low < high) {
            uint256 mid = Math.average(low, high);
            if (history.at(SafeCast.toUint32(mid))._key > point) high = mid;
            else low = mid + 1;
        }
    }
}
