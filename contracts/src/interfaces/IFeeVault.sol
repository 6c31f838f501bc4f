// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IFeeVault
/// @notice Where every protocol fee goes. GRID fees are burned at once; stablecoin fees wait
/// for a buyback of GRID, which is burned.
interface IFeeVault {
    /// @notice Pulls `amount` of `token` from the caller (it must have approved the vault)
    /// as a fee of kind `kind` (e.g. keccak256("lease.booking")), and burns it if it is GRID.
    function collect(address token, uint256 amount, bytes32 kind) external;
}
