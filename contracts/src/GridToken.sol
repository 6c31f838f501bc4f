// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";

/**
 * @title GridToken
 * @notice GRID, the token of the Tensorgrid compute network. Rentals, stakes, deposits and
 * rewards are paid in it. 500,000,000 GRID exist at genesis; the rest, up to the cap of
 * 800,000,000 GRID, can only be minted by holders of MINTER_ROLE (the Rewards contract).
 */
contract GridToken is ERC20, ERC20Capped, ERC20Burnable, AccessControl {
    /// @notice The role allowed to mint new GRID, up to the cap.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @notice The hard cap on the total supply: 800,000,000 GRID.
    uint256 public constant MAX_SUPPLY = 800_000_000 ether;

    /// @notice The supply minted to the treasury at genesis: 500,000,000 GRID.
    uint256 public constant GENESIS_SUPPLY = 500_000_000 ether;

    /// @notice A zero address was given where an account is required.
    error GridTokenZeroAddress();

    /**
     * @notice Deploys GRID, mints the genesis supply to `treasury` and makes `admin` the role admin.
     * @param treasury The account that receives the genesis supply.
     * @param admin The account given DEFAULT_ADMIN_ROLE (it grants MINTER_ROLE later).
     */
    constructor(address treasury, address admin) ERC20("Tensorgrid", "GRID") ERC20Capped(MAX_SUPPLY) {
        if (treasury == address(0) || admin == address(0)) revert GridTokenZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _mint(treasury, GENESIS_SUPPLY);
    }

    /**
     * @notice Mints new GRID. Only MINTER_ROLE; reverts with ERC20ExceededCap past the cap.
     * @param to The account that receives the tokens.
     * @param amount The amount in base units (18 decimals).
     */
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @dev Both ERC20 and ERC20Capped define _update; the capped check must run on mints.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}
