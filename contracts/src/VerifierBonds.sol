// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IJobMarket} from "./interfaces/IJobMarket.sol";

/**
 * @title VerifierBonds
 * @notice The job market's escrow ledger and its verifiers' bonds: what the market owes
 * (`liabilities`), each verifier's bond and the part of it open verdicts lock. A verdict locks
 * `verifierBond`; closing the job releases it; a verdict proven wrong loses it.
 */
abstract contract VerifierBonds is IJobMarket, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice The token fees, deposits and bonds are paid in (GRID).
    IERC20 public immutable token;
    /// @notice The part of a verifier's bond each verdict locks until the job closes; lost if the verdict is proven wrong.
    uint256 public immutable verifierBond;

    mapping(address => uint256) private _verifierBonds;
    mapping(address => uint256) private _verifierLocked;
    /// @dev Escrowed fees, locked deposits and bonds: what the market must be able to pay out.
    uint256 internal _owed;

    constructor(IERC20 token_, uint256 verifierBond_) {
        token = token_;
        verifierBond = verifierBond_;
    }

    /// @inheritdoc IJobMarket
    function bondVerifier(uint256 amount) external nonReentrant {
        if (amount == 0) revert JobMarketZeroAmount();
        uint256 bond = _verifierBonds[msg.sender] + amount;
        _verifierBonds[msg.sender] = bond;
        _owed += amount;
        emit VerifierBonded(msg.sender, amount, bond);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IJobMarket
    function unbondVerifier(uint256 amount) external nonReentrant {
        if (amount == 0) revert JobMarketZeroAmount();
        uint256 bond = _verifierBonds[msg.sender];
        uint256 free = bond - _verifierLocked[msg.sender];
        if (amount > free) revert JobMarketVerifierBondLocked(msg.sender, amount, free);
        _verifierBonds[msg.sender] = bond - amount;
        _owed -= amount;
        emit VerifierUnbonded(msg.sender, amount, bond - amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IJobMarket
    function verifierBondOf(address verifier) external view returns (uint256 bond, uint256 locked) {
        return (_verifierBonds[verifier], _verifierLocked[verifier]);
    }

    /// @inheritdoc IJobMarket
    function liabilities() external view returns (uint256) {
        return _owed;
    }

    /// @dev Locks `verifierBond` of the verifier's free bond for one verdict, or reverts.
    function _lockVerifierBond(address verifier) internal {
        uint256 locked = _verifierLocked[verifier];
        uint256 free = _verifierBonds[verifier] - locked;
        if (free < verifierBond) revert JobMarketVerifierBondTooLow(verifier, free, verifierBond);
        _verifierLocked[verifier] = locked + verifierBond;
    }

    /// @dev Frees the bond a verdict locked, once its job closed without the verdict proven wrong.
    function _releaseVerifierBond(address verifier) internal {
        _verifierLocked[verifier] -= verifierBond;
    }

    /// @dev Takes the bond a verdict locked from a verifier proven wrong; returns it for paying `to`.
    function _slashVerifier(uint256 jobId, address verifier, address to) internal returns (uint256 amount) {
        amount = verifierBond;
        _verifierLocked[verifier] -= amount;
        _verifierBonds[verifier] -= amount;
        _owed -= amount;
        emit VerifierSlashed(jobId, verifier, amount, to);
    }

    /// @dev Pays out of escrow (the caller already took `amount` off `_owed`).
    function _pay(address to, uint256 amount) internal {
        if (amount > 0) token.safeTransfer(to, amount);
    }
}
