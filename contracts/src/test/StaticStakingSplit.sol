// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStaking} from "../interfaces/IStaking.sol";

/// @title StaticStakingSplit
/// @notice TEST ONLY. A fake of IStaking at the port Rewards uses: anyone sets a device's owner,
/// co-stake share and co-stakers, and `rewardSplit` returns them as set, and so does `rewardSplitAt`
/// for a time at or after `since` (set with the split; before it, the device has no co-stakers).
/// Nothing is staked.
contract StaticStakingSplit is IStaking {
    struct Split {
        address owner;
        uint16 shareBps;
        address[] coStakers;
        uint256[] coStakes;
        uint64 since;
    }

    mapping(bytes32 device => Split) private _splits;

    /// @notice Sets what `rewardSplit(device)` returns (no validation: tests feed bad splits too).
    function setSplit(bytes32 device, address owner, uint16 shareBps, address[] calldata coStakers, uint256[] calldata coStakes) external {
        _splits[device] = Split(owner, shareBps, coStakers, coStakes, 0);
    }

    /// @notice Makes the co-stakers of `device`'s split count only from `since` (Unix seconds) in `rewardSplitAt`.
    function setSplitSince(bytes32 device, uint64 since) external {
        _splits[device].since = since;
    }

    /// @inheritdoc IStaking
    function rewardSplit(bytes32 device)
        external
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        Split storage s = _splits[device];
        return (s.owner, s.shareBps, s.coStakers, s.coStakes);
    }

    /// @inheritdoc IStaking
    function rewardSplitAt(bytes32 device, uint64 timepoint)
        external
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        Split storage s = _splits[device];
        if (timepoint < s.since) return (s.owner, 0, new address[](0), new uint256[](0));
        return (s.owner, s.shareBps, s.coStakers, s.coStakes);
    }

    /// @inheritdoc IStaking
    function slash(bytes32, uint256, bytes32, address) external pure returns (uint256) {
        revert("not implemented");
    }

    /// @inheritdoc IStaking
    function meetsMinimum(bytes32) external pure returns (bool) {
        revert("not implemented");
    }

    /// @inheritdoc IStaking
    function lowestStakeBetween(bytes32, uint64, uint64) external pure returns (uint256) {
        revert("not implemented");
    }

    /// @inheritdoc IStaking
    function minimumStakeAt(bytes32, uint64) external pure returns (uint256) {
        revert("not implemented");
    }

    /// @inheritdoc IStaking
    function stakeOf(bytes32) external pure returns (uint256) {
        revert("not implemented");
    }

    /// @inheritdoc IStaking
    function ownerStakeOf(bytes32) external pure returns (uint256) {
        revert("not implemented");
    }

    /// @inheritdoc IStaking
    function coStakeOf(bytes32, address) external pure returns (uint256) {
        revert("not implemented");
    }

    /// @inheritdoc IStaking
    function minimumStake(bytes32) external pure returns (uint256) {
        revert("not implemented");
    }
}
