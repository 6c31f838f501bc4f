// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISwapAdapter
/// @notice Swaps a stablecoin for GRID for the FeeVault's buybacks (a fixed-price adapter on the devnet, a DEX in production).
interface ISwapAdapter {
    /// @notice Pulls `amountIn` of `tokenIn` from the caller and sends at least `minOut` GRID to `to`.
    /// @return amountOut the GRID sent
    function swap(address tokenIn, uint256 amountIn, uint256 minOut, address to) external returns (uint256 amountOut);
}
