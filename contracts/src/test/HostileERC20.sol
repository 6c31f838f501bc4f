// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title HostileERC20
/// @notice TEST ONLY. An ERC20 that, once armed, calls back into a target contract with
/// preset calldata during every transfer: it checks that contracts holding tokens cannot be
/// re-entered (and drained) through a token's transfer hook.
contract HostileERC20 is ERC20 {
    address public target;
    bytes public attack;
    bool public armed;
    /// @notice How many re-entries were attempted, and whether any succeeded.
    uint256 public attempts;
    bool public anySucceeded;

    constructor() ERC20("Hostile", "HOST") {}

    /// @notice Mints freely (test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the hook: every later transfer calls `target` with `data` once.
    function arm(address target_, bytes calldata data) external {
        target = target_;
        attack = data;
        armed = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (armed) {
            armed = false; // one attempt per arming, so the hook cannot loop forever
            attempts += 1;
            (bool ok,) = target.call(attack);
            if (ok) anySucceeded = true;
        }
    }
}
