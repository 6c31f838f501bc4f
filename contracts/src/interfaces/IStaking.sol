// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IStaking
/// @notice The part of Staking that Leases (SLA penalties) and Rewards (reward splits) call.
interface IStaking {
    /// @notice Takes `amount` from the device's stakes pro rata (owner and co-stakers alike)
    /// into a pending slash that waits out the appeal window, then pays `beneficiary`
    /// (a harmed buyer) or is burned when `beneficiary` is the zero address. SLASHER_ROLE only.
    /// @return slashId the id of the pending slash
    function slash(bytes32 device, uint256 amount, bytes32 evidence, address beneficiary) external returns (uint256 slashId);

    /// @notice How a device's rewards are split: the owner keeps `10_000 - shareBps` of them;
    /// the co-stakers share `shareBps` in proportion to their co-stakes.
    function rewardSplit(bytes32 device)
        external
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes);

    /// @notice Whether the device's active stake reaches its minimum (a device below it earns no block rewards).
    function meetsMinimum(bytes32 device) external view returns (bool);
}
