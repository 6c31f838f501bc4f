// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {StakingBase} from "./StakingBase.sol";

/**
 * @title StakingSlashes
 * @notice Staking's slashes: taken pro rata from a device's active stakes and pending requests
 * into a pending slash, overturned (refunded by pull) during the appeal window or resolved after it.
 */
abstract contract StakingSlashes is StakingBase {
    using SafeERC20 for IERC20;

    /**
     * @notice Takes `amount` (at most the device's active plus pending stake) from the
     * device's owner and co-stakers pro rata, from active stakes and pending unstake requests
     * alike, into a pending slash. After `appealWindow` it is paid to `beneficiary`, or burned
     * when `beneficiary` is the zero address. SLASHER_ROLE only; each evidence hash once.
     * @param device The device.
     * @param amount The penalty in base units.
     * @param evidence A unique, non-zero hash of the evidence.
     * @param beneficiary The harmed party (a lease's buyer), or zero to burn.
     * @return slashId The pending slash.
     */
    function slash(bytes32 device, uint256 amount, bytes32 evidence, address beneficiary)
        external
        onlyRole(SLASHER_ROLE)
        nonReentrant
        returns (uint256 slashId)
    {
        if (amount == 0) revert StakingZeroAmount();
        if (evidence == bytes32(0)) revert StakingEvidenceMissing();
        if (_evidenceUsed[evidence]) revert StakingEvidenceUsed(evidence);
        Device storage d = _devices[device];
        uint256 available = d.active + d.pending;
        if (available == 0) revert StakingNothingToSlash(device);
        uint256 taken = Math.min(amount, available);

        _evidenceUsed[evidence] = true;
        slashId = ++_lastSlashId;
        uint64 deadline = SafeCast.toUint64(block.timestamp + appealWindow);
        _slashes[slashId] = SlashInfo({
            device: device, beneficiary: beneficiary, appealDeadline: deadline, status: SlashStatus.Pending, amount: taken, evidence: evidence
        });

        uint256 remaining = _slashAccount(slashId, d.owner, taken, available, taken);
        uint256 n = d.coStakers.length;
        for (uint256 i = 0; i < n; ++i) {
            remaining = _slashAccount(slashId, d.coStakers[i], taken, available, remaining);
        }
        // remaining is 0 here: each share is rounded up and available >= taken.
        _pruneCoStakers(device);
        _totalPendingSlashes += taken;
        emit Slashed(slashId, device, evidence, amount, taken, beneficiary, deadline);
    }

    /**
     * @notice Overturns a pending slash during its appeal window: what it took from each
     * account becomes refundable to that account (`claimRefund`). APPEALS_ROLE only.
     * @param slashId The slash.
     */
    function overturnSlash(uint256 slashId) external onlyRole(APPEALS_ROLE) nonReentrant {
        SlashInfo storage s = _pendingSlash(slashId);
        if (block.timestamp >= s.appealDeadline) revert StakingAppealWindowClosed(slashId, s.appealDeadline);
        s.status = SlashStatus.Overturned;
        uint256 amount = s.amount;
        _totalPendingSlashes -= amount;
        _totalRefunds += amount;
        uint256[] storage shares = _slashShares[slashId];
        uint256 n = shares.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 packed = shares[i];
            _refunds[address(uint160(packed >> 96))] += uint96(packed);
        }
        emit SlashOverturned(slashId, s.device, amount);
    }

    /**
     * @notice Resolves a pending slash once its appeal window has passed: pays its amount to
     * the beneficiary, or burns it when there is none. Anyone may call it; once per slash.
     * @param slashId The slash.
     */
    function resolveSlash(uint256 slashId) external nonReentrant {
        SlashInfo storage s = _pendingSlash(slashId);
        if (block.timestamp < s.appealDeadline) revert StakingAppealWindowOpen(slashId, s.appealDeadline);
        s.status = SlashStatus.Resolved;
        uint256 amount = s.amount;
        address beneficiary = s.beneficiary;
        _totalPendingSlashes -= amount;
        emit SlashResolved(slashId, s.device, beneficiary, amount, beneficiary == address(0));

        if (beneficiary == address(0)) token.burn(amount);
        else IERC20(address(token)).safeTransfer(beneficiary, amount);
    }

    /**
     * @notice Pays the caller everything overturned slashes returned to it.
     */
    function claimRefund() external nonReentrant {
        uint256 amount = _refunds[msg.sender];
        if (amount == 0) revert StakingNothingToRefund(msg.sender);
        _refunds[msg.sender] = 0;
        _totalRefunds -= amount;
        emit RefundClaimed(msg.sender, amount);

        IERC20(address(token)).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ views

    /// @notice A slash (all zero when unknown).
    function slashInfo(uint256 slashId) external view returns (SlashInfo memory) {
        return _slashes[slashId];
    }

    /// @notice What a slash took from each account (what an overturn refunds).
    function slashSharesOf(uint256 slashId) external view returns (address[] memory accounts, uint256[] memory amounts) {
        uint256[] storage shares = _slashShares[slashId];
        accounts = new address[](shares.length);
        amounts = new uint256[](shares.length);
        for (uint256 i = 0; i < shares.length; ++i) {
            accounts[i] = address(uint160(shares[i] >> 96));
            amounts[i] = uint96(shares[i]);
        }
    }

    /// @notice Whether a slash already used this evidence hash.
    function evidenceUsed(bytes32 evidence) external view returns (bool) {
        return _evidenceUsed[evidence];
    }

    /// @notice What overturned slashes left `account` to claim.
    function refundOf(address account) external view returns (uint256) {
        return _refunds[account];
    }

    // ------------------------------------------------------------------ internals

    function _pendingSlash(uint256 slashId) internal view returns (SlashInfo storage s) {
        s = _slashes[slashId];
        if (s.status == SlashStatus.None) revert StakingUnknownSlash(slashId);
        if (s.status != SlashStatus.Pending) revert StakingSlashNotPending(slashId, s.status);
    }

    /// @dev Takes `account`'s pro-rata part of `taken` (rounded up, never past `remaining`) from
    /// its active stake, then from its open request; records the total for a possible refund.
    function _slashAccount(uint256 slashId, address account, uint256 taken, uint256 available, uint256 remaining)
        internal
        returns (uint256)
    {
        bytes32 device = _slashes[slashId].device;
        uint256 active = _active[device][account];
        uint256 fromActive = Math.min(Math.mulDiv(taken, active, available, Math.Rounding.Ceil), remaining);
        remaining -= fromActive;
        uint256 requestId = _openRequest[device][account];
        uint256 fromPending = 0;
        if (requestId != 0) {
            UnstakeRequest storage r = _requests[requestId];
            fromPending = Math.min(Math.mulDiv(taken, r.amount, available, Math.Rounding.Ceil), remaining);
            remaining -= fromPending;
            r.amount -= fromPending;
        }
        if (fromActive + fromPending == 0) return remaining;
        Device storage d = _devices[device];
        _setActive(device, account, active - fromActive);
        d.pending -= fromPending;
        _totalActive -= fromActive;
        _totalPending -= fromPending;
        _slashShares[slashId].push((uint256(uint160(account)) << 96) | SafeCast.toUint96(fromActive + fromPending));
        return remaining;
    }
}
