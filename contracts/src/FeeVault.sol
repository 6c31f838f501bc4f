// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IFeeVault} from "./interfaces/IFeeVault.sol";
import {IGridToken} from "./interfaces/IGridToken.sol";
import {ISwapAdapter} from "./interfaces/ISwapAdapter.sol";

/**
 * @title FeeVault
 * @notice Receives every protocol fee. GRID fees are burned at once; stablecoin fees are held
 * until a keeper buys GRID back with them through the configured swap adapter, and that GRID
 * is burned too. Every fee, burn and buyback is an event, so all revenue is visible on chain:
 * the GRID burned in total is the sum of `FeeBurned` amounts (also kept in `totalBurned`).
 * @dev `collect` is open to anyone: the caller pays the fee it reports, so a call by an
 * outsider is a donation. Indexers should count the tokens they know.
 */
contract FeeVault is IFeeVault, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice The role allowed to run buybacks.
    bytes32 public constant KEEPER_ROLE = keccak256("KEEPER_ROLE");

    /// @notice The `kind` of the `FeeBurned` events of buybacks.
    bytes32 public constant BUYBACK_KIND = keccak256("buyback");

    /// @notice GRID, burned on collection and after buybacks.
    IGridToken public immutable grid;

    /// @notice The adapter buybacks swap through (zero until the admin sets one).
    ISwapAdapter public swapAdapter;

    /// @notice All GRID this vault has burned, fees and buybacks together.
    uint256 public totalBurned;

    /// @notice A fee of `amount` `token` was paid by `payer`, of kind `kind` (e.g. keccak256("lease.booking")).
    event FeeCollected(address indexed token, address indexed payer, uint256 amount, bytes32 indexed kind);

    /// @notice `amount` GRID was burned: a GRID fee of kind `kind`, or GRID bought back (`BUYBACK_KIND`).
    event FeeBurned(bytes32 indexed kind, uint256 amount);

    /// @notice `amountIn` of `tokenIn` was swapped for `gridOut` GRID, which was burned.
    event BoughtBack(address indexed tokenIn, uint256 amountIn, uint256 gridOut);

    /// @notice The admin set the swap adapter.
    event SwapAdapterSet(address indexed adapter);

    /// @notice A zero address was given where a contract is required.
    error FeeVaultZeroAddress();

    /// @notice A zero amount was given.
    error FeeVaultZeroAmount();

    /// @notice A buyback needs a swap adapter, and none is set.
    error FeeVaultNoSwapAdapter();

    /// @notice GRID cannot be bought back with GRID.
    error FeeVaultGridNotSwappable();

    /// @notice The vault holds only `available` of `token`, less than the `requested` amount.
    error FeeVaultInsufficientBalance(address token, uint256 available, uint256 requested);

    /// @notice The swap delivered `gridOut` GRID, less than `minOut`.
    error FeeVaultSlippage(uint256 gridOut, uint256 minOut);

    /**
     * @notice Deploys the vault.
     * @param grid_ The GRID token.
     * @param admin The account given DEFAULT_ADMIN_ROLE (sets the adapter, grants KEEPER_ROLE).
     */
    constructor(IGridToken grid_, address admin) {
        if (address(grid_) == address(0) || admin == address(0)) revert FeeVaultZeroAddress();
        grid = grid_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /**
     * @notice Pulls `amount` of `token` from the caller (who must have approved the vault) as
     * a fee of kind `kind`; a GRID fee is burned at once, any other token is held for buybacks.
     * @param token The token the fee is paid in.
     * @param amount The fee in the token's base units (a zero fee is refused).
     * @param kind What the fee is for, e.g. keccak256("lease.booking").
     */
    function collect(address token, uint256 amount, bytes32 kind) external nonReentrant {
        if (token == address(0)) revert FeeVaultZeroAddress();
        if (amount == 0) revert FeeVaultZeroAmount();
        bool isGrid = token == address(grid);
        if (isGrid) totalBurned += amount;
        emit FeeCollected(token, msg.sender, amount, kind);
        if (isGrid) emit FeeBurned(kind, amount);
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        if (isGrid) grid.burn(amount);
    }

    /**
     * @notice Swaps `amountIn` of a held stablecoin for GRID through the swap adapter and
     * burns all the GRID received. KEEPER_ROLE only.
     * @param token The stablecoin to sell (not GRID).
     * @param amountIn How much of it to sell, at most the vault's balance.
     * @param minOut The least GRID the swap must deliver, else the call reverts.
     * @return gridOut The GRID received and burned (measured by balance).
     */
    function buyback(address token, uint256 amountIn, uint256 minOut) external onlyRole(KEEPER_ROLE) nonReentrant returns (uint256 gridOut) {
        ISwapAdapter adapter = swapAdapter;
        if (address(adapter) == address(0)) revert FeeVaultNoSwapAdapter();
        if (token == address(grid)) revert FeeVaultGridNotSwappable();
        if (amountIn == 0) revert FeeVaultZeroAmount();
        uint256 available = IERC20(token).balanceOf(address(this));
        if (available < amountIn) revert FeeVaultInsufficientBalance(token, available, amountIn);

        uint256 gridBefore = grid.balanceOf(address(this));
        IERC20(token).forceApprove(address(adapter), amountIn);
        adapter.swap(token, amountIn, minOut, address(this));
        IERC20(token).forceApprove(address(adapter), 0);
        gridOut = grid.balanceOf(address(this)) - gridBefore;
        if (gridOut < minOut) revert FeeVaultSlippage(gridOut, minOut);

        totalBurned += gridOut;
        emit BoughtBack(token, amountIn, gridOut);
        emit FeeBurned(BUYBACK_KIND, gridOut);
        if (gridOut > 0) grid.burn(gridOut);
    }

    /**
     * @notice Sets the adapter buybacks swap through. DEFAULT_ADMIN_ROLE only.
     * @param adapter The adapter (a fixed-price one on the devnet, a DEX adapter in production).
     */
    function setSwapAdapter(ISwapAdapter adapter) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(adapter) == address(0)) revert FeeVaultZeroAddress();
        swapAdapter = adapter;
        emit SwapAdapterSet(address(adapter));
    }
}
