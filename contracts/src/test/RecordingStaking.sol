// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStaking} from "../interfaces/IStaking.sol";

/**
 * @title RecordingStaking
 * @notice TEST ONLY. A fake of IStaking at the port: it records every `slash` call (and who
 * made it) instead of taking stake, so Leases can be tested without the real Staking.
 */
contract RecordingStaking is IStaking {
    /// @notice One recorded `slash` call.
    struct SlashCall {
        address caller;
        bytes32 device;
        uint256 amount;
        bytes32 evidence;
        address beneficiary;
    }

    SlashCall[] private _calls;

    /// @notice Emitted for every recorded call, with the id returned.
    event SlashRecorded(uint256 indexed slashId, address indexed caller, bytes32 indexed device, uint256 amount, bytes32 evidence, address beneficiary);

    /// @inheritdoc IStaking
    function slash(bytes32 device, uint256 amount, bytes32 evidence, address beneficiary) external returns (uint256 slashId) {
        slashId = _calls.length + 1;
        _calls.push(SlashCall(msg.sender, device, amount, evidence, beneficiary));
        emit SlashRecorded(slashId, msg.sender, device, amount, evidence, beneficiary);
    }

    /// @notice How many slash calls were recorded.
    /// @return The count.
    function slashCount() external view returns (uint256) {
        return _calls.length;
    }

    /// @notice The recorded call at `index` (0-based; its slash id is index + 1).
    /// @param index The call's position.
    /// @return The recorded call.
    function slashCall(uint256 index) external view returns (SlashCall memory) {
        return _calls[index];
    }

    /// @inheritdoc IStaking
    function rewardSplit(bytes32)
        external
        pure
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        return (address(0), 0, new address[](0), new uint256[](0));
    }

    /// @inheritdoc IStaking
    function rewardSplitAt(bytes32, uint64)
        external
        pure
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        return (address(0), 0, new address[](0), new uint256[](0));
    }

    /// @inheritdoc IStaking
    function meetsMinimum(bytes32) external pure returns (bool) {
        return true;
    }

    /// @inheritdoc IStaking
    function lowestStakeBetween(bytes32, uint64, uint64) external pure returns (uint256) {
        return 0;
    }

    /// @inheritdoc IStaking
    function minimumStakeAt(bytes32, uint64) external pure returns (uint256) {
        return 0;
    }

    /// @inheritdoc IStaking
    function stakeOf(bytes32) external pure returns (uint256) {
        return 0;
    }

    /// @inheritdoc IStaking
    function ownerStakeOf(bytes32) external pure returns (uint256) {
        return 0;
    }

    /// @inheritdoc IStaking
    function coStakeOf(bytes32, address) external pure returns (uint256) {
        return 0;
    }

    /// @inheritdoc IStaking
    function minimumStake(bytes32) external pure returns (uint256) {
        return 0;
    }
}
