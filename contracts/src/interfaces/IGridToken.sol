// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IGridToken
/// @notice What other Tensorgrid contracts use of GRID: minting (Rewards holds MINTER_ROLE) and burning.
interface IGridToken is IERC20 {
    /// @notice Mints `amount` to `to`; only MINTER_ROLE, never above the cap.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` of the caller's tokens.
    function burn(uint256 amount) external;

    /// @notice The maximum supply.
    function cap() external view returns (uint256);
}
