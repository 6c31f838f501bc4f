// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title TestUSD
 * @notice DEVNET ONLY. "Test USD" (tUSD), a stablecoin stand-in with 6 decimals like USDC.
 * Anyone may mint any amount (it is the devnet's faucet), so it has no value: never deploy
 * it on a public chain or allow it as a pay token there.
 */
contract TestUSD is ERC20 {
    /// @notice Deploys tUSD with no supply; tokens come from the public faucet `mint`.
    constructor() ERC20("Test USD", "tUSD") {}

    /// @notice tUSD has 6 decimals, like USDC.
    /// @return 6
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /**
     * @notice DEVNET FAUCET: mints `amount` tUSD to `to`, for anyone, without limit.
     * @param to The account that receives the tokens.
     * @param amount The amount in base units (6 decimals).
     */
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
