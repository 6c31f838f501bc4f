// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IStaking} from "../interfaces/IStaking.sol";
import {StakingBase} from "./StakingBase.sol";

/**
 * @title StakingRewardSplit
 * @notice How Staking splits a device's rewards, now (`rewardSplit`) or as it stood at a past
 * time (`rewardSplitAt`, from the checkpointed stakes and owners), which Rewards uses at a block's start.
 */
abstract contract StakingRewardSplit is StakingBase {
    using Checkpoints for Checkpoints.Trace208;

    /// @inheritdoc IStaking
    function rewardSplit(bytes32 device)
        external
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        return _splitAt(device, block.timestamp);
    }

    /// @inheritdoc IStaking
    function rewardSplitAt(bytes32 device, uint64 timepoint)
        external
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        return _splitAt(device, timepoint);
    }

    // ------------------------------------------------------------------ internals

    /// @dev The split at `timepoint`: the owner then, and each co-staker candidate with its active
    /// stake then (those with none left out). Candidates are the co-stakers of now and the owner of
    /// now (a co-staker before it took the device over), less the owner then (a previous owner
    /// becomes a co-staker when the device changes hands, but was paid as owner before).
    function _splitAt(bytes32 device, uint256 timepoint)
        internal
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        uint48 point = SafeCast.toUint48(timepoint);
        owner = _ownerAt(device, point);
        uint256 candidates = _devices[device].coStakers.length + 1;
        uint256 count = 0;
        for (uint256 i = 0; i < candidates; ++i) {
            if (_coStakeAt(device, i, owner, point) > 0) ++count;
        }
        coStakers = new address[](count);
        coStakes = new uint256[](count);
        uint256 j = 0;
        for (uint256 i = 0; i < candidates; ++i) {
            uint256 amount = _coStakeAt(device, i, owner, point);
            if (amount == 0) continue;
            coStakers[j] = _candidate(device, i);
            coStakes[j] = amount;
            ++j;
        }
        shareBps = count == 0 ? 0 : _devices[device].shareBps;
    }

    /// @dev The device's owner at `point`; for a time before it was first set (a block that began
    /// before the device was recorded here), its first owner; the zero address for an unknown device.
    function _ownerAt(bytes32 device, uint48 point) internal view returns (address) {
        Checkpoints.Trace208 storage history = _ownerHistory[device];
        if (history.length() == 0) return address(0);
        uint208 owner = history.upperLookupRecent(point);
        return address(uint160(owner != 0 ? owner : history.at(0)._value));
    }

    /// @dev Candidate `i` of `_splitAt`: the co-stakers of now, then the owner of now.
    function _candidate(bytes32 device, uint256 i) internal view returns (address) {
        Device storage d = _devices[device];
        return i < d.coStakers.length ? d.coStakers[i] : d.owner;
    }

    /// @dev Candidate `i`'s active stake at `point`, or 0 when it was the owner then.
    function _coStakeAt(bytes32 device, uint256 i, address ownerThen, uint48 point) internal view returns (uint256) {
        address account = _candidate(device, i);
        return account == ownerThen ? 0 : _activeHistory[device][account].upperLookupRecent(point);
    }
}
