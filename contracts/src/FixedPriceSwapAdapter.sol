// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";

/**
 * @title FixedPriceSwapAdapter
 * @notice DEVNET swap for the FeeVault's buybacks: pays GRID at a fixed, admin-set price out
 * of its own GRID balance (funded by a transfer). The stablecoins it receives stay here until
 * the admin withdraws them.
 * @dev `priceWad[token]` is the GRID base units paid per base unit of `token`, scaled by 1e18:
 * `out = amountIn * priceWad / 1e18`, rounded down. For tUSD (6 decimals) at 10 GRID per tUSD:
 * 10e18 GRID / 1e6 base units = 1e13 per base unit, so priceWad = 1e31.
 */
contract FixedPriceSwapAdapter is ISwapAdapter, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice The GRID token paid out.
    IERC20 public immutable grid;

    /// @notice GRID base units per base unit of a token, scaled by 1e18 (zero: not swappable).
    mapping(address token => uint256) public priceWad;

    /// @notice The admin set the price of `token` to `priceWad`.
    event PriceSet(address indexed token, uint256 priceWad);

    /// @notice `caller` swapped `amountIn` of `tokenIn` for `amountOut` GRID, sent to `to`.
    event Swapped(address indexed caller, address indexed tokenIn, uint256 amountIn, uint256 amountOut, address to);

    /// @notice The admin withdrew `amount` of `token` to `to`.
    event Withdrawn(address indexed token, address indexed to, uint256 amount);

    /// @notice A zero address was given where an account or contract is required.
    error FixedPriceSwapAdapterZeroAddress();

    /// @notice `token` has no price: it cannot be swapped here.
    error FixedPriceSwapAdapterNoPrice(address token);

    /// @notice The swap would pay `amountOut` GRID, less than `minOut`.
    error FixedPriceSwapAdapterSlippage(uint256 amountOut, uint256 minOut);

    /// @notice The adapter holds `available` GRID, less than the `needed` payout.
    error FixedPriceSwapAdapterInsufficientGrid(uint256 available, uint256 needed);

    /**
     * @notice Deploys the adapter.
     * @param grid_ The GRID token it pays out.
     * @param admin The account given DEFAULT_ADMIN_ROLE (sets prices, withdraws).
     */
    constructor(IERC20 grid_, address admin) {
        if (address(grid_) == address(0) || admin == address(0)) revert FixedPriceSwapAdapterZeroAddress();
        grid = grid_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /**
     * @notice Pulls `amountIn` of `tokenIn` from the caller and sends GRID at the fixed price to `to`.
     * @param tokenIn The token sold; it must have a price.
     * @param amountIn How much of it, in base units.
     * @param minOut The least GRID to send, else the call reverts.
     * @param to Who receives the GRID.
     * @return amountOut The GRID sent.
     */
    function swap(address tokenIn, uint256 amountIn, uint256 minOut, address to) external nonReentrant returns (uint256 amountOut) {
        if (to == address(0)) revert FixedPriceSwapAdapterZeroAddress();
        uint256 price = priceWad[tokenIn];
        if (price == 0) revert FixedPriceSwapAdapterNoPrice(tokenIn);
        amountOut = Math.mulDiv(amountIn, price, 1e18);
        if (amountOut < minOut) revert FixedPriceSwapAdapterSlippage(amountOut, minOut);
        uint256 available = grid.balanceOf(address(this));
        if (available < amountOut) revert FixedPriceSwapAdapterInsufficientGrid(available, amountOut);
        emit Swapped(msg.sender, tokenIn, amountIn, amountOut, to);
        IERC20(tokenIn).safeTransferFrom(msg.sender, address(this), amountIn);
        grid.safeTransfer(to, amountOut);
    }

    /**
     * @notice Sets the fixed price of `token`. DEFAULT_ADMIN_ROLE only.
     * @param token The token sold for GRID (not GRID itself).
     * @param priceWad_ GRID base units per base unit of `token`, times 1e18; zero disables it.
     */
    function setPrice(address token, uint256 priceWad_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token == address(0) || token == address(grid)) revert FixedPriceSwapAdapterZeroAddress();
        priceWad[token] = priceWad_;
        emit PriceSet(token, priceWad_);
    }

    /**
     * @notice Withdraws tokens the adapter holds (stablecoins received, or unneeded GRID). DEFAULT_ADMIN_ROLE only.
     * @param token The token to withdraw.
     * @param to Who receives it.
     * @param amount How much, in base units.
     */
    function withdraw(address token, address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (to == address(0)) revert FixedPriceSwapAdapterZeroAddress();
        emit Withdrawn(token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }
}
