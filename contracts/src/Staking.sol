// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IGridToken} from "./interfaces/IGridToken.sol";
import {IStaking} from "./interfaces/IStaking.sol";
import {StakingBase} from "./staking/StakingBase.sol";
import {StakingRewardSplit} from "./staking/StakingRewardSplit.sol";
import {StakingSlashes} from "./staking/StakingSlashes.sol";
import {StakingStakeHistory} from "./staking/StakingStakeHistory.sol";

/**
 * @title Staking
 * @notice Stakes in GRID behind each device of the Tensorgrid network. The device's owner
 * (recorded by the registrar) stakes; when it opens a co-stake offer, other accounts co-stake
 * for a share of the device's rewards. Unstaking waits out a cooldown; slashes wait out an
 * appeal window before they are paid to the harmed party or burned.
 *
 * Rules this contract adds where the design note is silent:
 * - Pending unstake requests stay slashable until withdrawn (a slash cannot be dodged by
 *   requesting an unstake first); slashes take from active stakes and pending requests pro
 *   rata, each share rounded up, in a fixed order (owner, then co-stakers in list order;
 *   active before pending), so the slash is exact and no one pays more than 1 wei over their share.
 * - An account has at most one open request per device: a second request adds to it and
 *   restarts its cooldown (this keeps slashing bounded). Withdraw an unlocked request first
 *   to keep its amount from waiting again.
 * - A co-staker keeps its slot (at most `maxCoStakers` per device) while it has an active
 *   co-stake or a pending request on the device; every co-stake must reach `minCoStake`.
 * - When the registrar changes a device's owner, the previous owner's stake stays on the
 *   device as a co-stake (it becomes a co-staker, even past `maxCoStakers`), the new owner's
 *   co-stake becomes its owner stake, and the co-stake offer closes (its share stays in force).
 * - Closing an offer stops new co-stakes only; while any co-staker holds a slot (pending
 *   requests included) the share cannot be lowered, so it cannot be cut before unclaimed blocks are claimed.
 * - Overturned slashes are refunded by pull (`claimRefund`), to the accounts they were taken from.
 * - Every change of an account's active stake on a device is checkpointed, so a block's rewards
 *   are split by the co-stakes held at the block's start (`rewardSplitAt`): a co-stake added
 *   later, however large, takes no part of a block that was earned before it.
 * - The device's total active stake is checkpointed too (`lowestStakeBetween`), and so are its
 *   class and the classes' multipliers (`minimumStakeAt`), so a block is judged by the stake held
 *   throughout it against the minimum in force when it began, not by either when the coordinator builds it.
 * - The token is GRID: fee-on-transfer or rebasing tokens are not supported.
 */
contract Staking is StakingSlashes, StakingRewardSplit, StakingStakeHistory {
    using SafeERC20 for IERC20;

    /// @notice Deploys Staking over `token_`; the parameters are `StakingBase`'s.
    constructor(
        IGridToken token_,
        address admin,
        uint64 unstakeCooldown_,
        uint64 appealWindow_,
        uint256 maxCoStakers_,
        uint256 minCoStake_
    ) StakingBase(token_, admin, unstakeCooldown_, appealWindow_, maxCoStakers_, minCoStake_) {}

    // ------------------------------------------------------------------ registry

    /**
     * @notice Records who owns `device` and its hardware class. REGISTRAR_ROLE only. A new
     * owner takes over the device: the previous owner's stake stays as its co-stake, the new
     * owner's co-stake becomes its owner stake, and an open co-stake offer closes.
     * @param device The device id (`bytes32(uint256(uint160(worker)))`).
     * @param owner The device's owner: its operator, or the worker itself.
     * @param hardwareClass The class whose multiplier sets the minimum stake.
     */
    function setDevice(bytes32 device, address owner, bytes32 hardwareClass) external onlyRole(REGISTRAR_ROLE) {
        if (device == bytes32(0)) revert StakingInvalidDevice(device);
        if (owner == address(0)) revert StakingZeroAddress();
        Device storage d = _devices[device];
        address previous = d.owner;
        if (previous != owner) {
            if (previous != address(0) && _holds(device, previous)) _addCoStaker(device, previous);
            if (_coStakerIndex[device][owner] != 0) _removeCoStaker(device, owner);
            _setOwner(device, owner);
            if (d.offerOpen) {
                d.offerOpen = false;
                emit CoStakeOfferClosed(device);
            }
        }
        _setClass(device, hardwareClass);
        emit DeviceSet(device, owner, hardwareClass, previous);
    }

    /**
     * @notice Sets a hardware class's minimum-stake multiplier. MULTIPLIER_ROLE only.
     * @param hardwareClass The class.
     * @param multiplierBps The multiplier in basis points (below 10,000 counts as 1×).
     */
    function setClassMultiplier(bytes32 hardwareClass, uint32 multiplierBps) external onlyRole(MULTIPLIER_ROLE) {
        _setMultiplier(hardwareClass, multiplierBps);
        emit ClassMultiplierSet(hardwareClass, multiplierBps);
    }

    // ------------------------------------------------------------------ staking

    /**
     * @notice Adds to the owner's stake on `device`, pulling `amount` GRID from the caller
     * (approve first). Only the device's owner; the device's active stake must reach its minimum after it.
     * @param device The device.
     * @param amount The amount in base units.
     */
    function stake(bytes32 device, uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        Device storage d = _devices[device];
        if (d.owner == address(0)) revert StakingUnknownDevice(device);
        if (msg.sender != d.owner) revert StakingNotDeviceOwner(device, msg.sender);
        uint256 total = d.active + amount;
        uint256 minimum = _minimumStake(d.hardwareClass);
        if (total < minimum) revert StakingBelowMinimum(device, total, minimum);

        uint256 ownerStake = _active[device][msg.sender] + amount;
        _setActive(device, msg.sender, ownerStake);
        _totalActive += amount;
        emit Staked(device, msg.sender, amount, ownerStake);

        IERC20(address(token)).safeTransferFrom(msg.sender, address(this), amount);
    }

    /**
     * @notice Opens co-staking on `device`: co-stakers will share `shareBps` of its rewards in
     * proportion to their co-stakes. Only the owner. May be called again to raise the share;
     * while any co-staker holds a slot (an active co-stake or a pending unstake) it cannot lower it.
     * @param device The device.
     * @param shareBps The co-stakers' share of the rewards, 1..10,000 basis points.
     */
    function openCoStakeOffer(bytes32 device, uint16 shareBps) external {
        Device storage d = _ownedDevice(device);
        if (shareBps == 0 || shareBps > BPS) revert StakingInvalidShare(shareBps);
        // Not while anyone holds a slot (an active co-stake or a pending request): unclaimed blocks are paid by the share of claim time.
        if (d.coStakers.length > 0 && shareBps < d.shareBps) {
            revert StakingShareDecrease(device, d.shareBps, shareBps);
        }
        d.shareBps = shareBps;
        d.offerOpen = true;
        emit CoStakeOfferOpened(device, shareBps);
    }

    /**
     * @notice Stops new co-stakes on `device`; existing co-stakes keep their share. Only the owner.
     * @param device The device.
     */
    function closeCoStakeOffer(bytes32 device) external {
        Device storage d = _ownedDevice(device);
        if (!d.offerOpen) revert StakingNoCoStakeOffer(device);
        d.offerOpen = false;
        emit CoStakeOfferClosed(device);
    }

    /**
     * @notice Co-stakes `amount` GRID on `device` (approve first). Anyone but the owner, while
     * an offer is open; the account's co-stake must reach `minCoStake`, and a new co-staker
     * needs a free slot (`maxCoStakers`).
     * @param device The device.
     * @param amount The amount in base units.
     */
    function coStake(bytes32 device, uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        Device storage d = _devices[device];
        if (d.owner == address(0)) revert StakingUnknownDevice(device);
        if (msg.sender == d.owner) revert StakingOwnerCannotCoStake(device);
        if (!d.offerOpen) revert StakingNoCoStakeOffer(device);
        uint256 coStake_ = _active[device][msg.sender] + amount;
        if (coStake_ < minCoStake) revert StakingBelowMinimumCoStake(device, coStake_, minCoStake);
        if (_coStakerIndex[device][msg.sender] == 0) {
            if (d.coStakers.length >= maxCoStakers) revert StakingTooManyCoStakers(device, maxCoStakers);
            _addCoStaker(device, msg.sender);
        }

        _setActive(device, msg.sender, coStake_);
        _totalActive += amount;
        emit CoStaked(device, msg.sender, amount, coStake_);

        IERC20(address(token)).safeTransferFrom(msg.sender, address(this), amount);
    }

    /**
     * @notice Moves `amount` of the caller's active stake (owner stake or co-stake) on
     * `device` into an unstake request, withdrawable after `unstakeCooldown`. The amount
     * stops counting toward the device's stake at once but stays slashable until withdrawn.
     * If the caller already has an open request on the device, the amount is added to it and
     * its cooldown restarts.
     * @param device The device.
     * @param amount The amount in base units.
     * @return requestId The request holding the amount.
     */
    function requestUnstake(bytes32 device, uint256 amount) external nonReentrant returns (uint256 requestId) {
        if (amount == 0) revert StakingZeroAmount();
        uint256 available = _active[device][msg.sender];
        if (amount > available) revert StakingInsufficientStake(device, msg.sender, amount, available);

        Device storage d = _devices[device];
        _setActive(device, msg.sender, available - amount);
        d.pending += amount;
        _totalActive -= amount;
        _totalPending += amount;

        uint64 unlocksAt = SafeCast.toUint64(block.timestamp + unstakeCooldown);
        requestId = _openRequest[device][msg.sender];
        UnstakeRequest storage r;
        if (requestId == 0) {
            requestId = ++_lastRequestId;
            _openRequest[device][msg.sender] = requestId;
            r = _requests[requestId];
            r.device = device;
            r.account = msg.sender;
        } else {
            r = _requests[requestId];
        }
        r.amount += amount;
        r.unlocksAt = unlocksAt;
        emit UnstakeRequested(requestId, device, msg.sender, amount, r.amount, unlocksAt);
    }

    /**
     * @notice Pays out an unstake request after its cooldown: what is left of it after slashes.
     * Only the account that requested it; once.
     * @param requestId The request.
     */
    function withdraw(uint256 requestId) external nonReentrant {
        UnstakeRequest storage r = _requests[requestId];
        address account = r.account;
        if (account == address(0)) revert StakingUnknownRequest(requestId);
        if (account != msg.sender) revert StakingNotRequester(requestId, msg.sender);
        if (r.withdrawn) revert StakingAlreadyWithdrawn(requestId);
        if (block.timestamp < r.unlocksAt) revert StakingCooldownActive(requestId, r.unlocksAt);

        bytes32 device = r.device;
        uint256 amount = r.amount;
        r.withdrawn = true;
        delete _openRequest[device][account];
        _devices[device].pending -= amount;
        _totalPending -= amount;
        _releaseIfEmpty(device, account);
        emit Withdrawn(requestId, device, account, amount);

        if (amount > 0) IERC20(address(token)).safeTransfer(account, amount);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IStaking
    function meetsMinimum(bytes32 device) external view returns (bool) {
        Device storage d = _devices[device];
        return d.owner != address(0) && d.active >= _minimumStake(d.hardwareClass);
    }

    /// @inheritdoc IStaking
    function stakeOf(bytes32 device) external view returns (uint256) {
        return _devices[device].active;
    }

    /// @inheritdoc IStaking
    function ownerStakeOf(bytes32 device) external view returns (uint256) {
        address owner = _devices[device].owner;
        return owner == address(0) ? 0 : _active[device][owner];
    }

    /// @inheritdoc IStaking
    function coStakeOf(bytes32 device, address account) external view returns (uint256) {
        return account == _devices[device].owner ? 0 : _active[device][account];
    }

    /// @inheritdoc IStaking
    function minimumStake(bytes32 device) external view returns (uint256) {
        return _minimumStake(_devices[device].hardwareClass);
    }

    /// @notice The minimum-stake multiplier of a hardware class, in basis points (0 when unset).
    function classMultiplier(bytes32 hardwareClass) external view returns (uint32) {
        return _multiplierOf(hardwareClass);
    }

    /// @notice A device's owner, class, co-stake terms and stakes.
    function deviceInfo(bytes32 device) external view returns (DeviceInfo memory info) {
        Device storage d = _devices[device];
        uint256 ownerStake = d.owner == address(0) ? 0 : _active[device][d.owner];
        info = DeviceInfo({
            owner: d.owner,
            hardwareClass: d.hardwareClass,
            shareBps: d.shareBps,
            offerOpen: d.offerOpen,
            ownerStake: ownerStake,
            coStake: d.active - ownerStake,
            pendingUnstake: d.pending
        });
    }

    /// @notice The accounts holding a co-staker slot on `device` (active co-stake or pending request).
    function coStakersOf(bytes32 device) external view returns (address[] memory) {
        return _devices[device].coStakers;
    }

    /// @notice An unstake request (all zero when unknown).
    function unstakeRequest(uint256 requestId) external view returns (UnstakeRequest memory) {
        return _requests[requestId];
    }

    /// @notice The open (not yet withdrawn) request of `account` on `device`, or 0.
    function openRequestOf(bytes32 device, address account) external view returns (uint256) {
        return _openRequest[device][account];
    }

    /// @notice What the contract owes, in total: the token balance always covers the sum.
    function totals() external view returns (uint256 active, uint256 pending, uint256 pendingSlashes, uint256 refunds) {
        return (_totalActive, _totalPending, _totalPendingSlashes, _totalRefunds);
    }

    /// @notice The last ids handed out (requests and slashes count from 1).
    function lastIds() external view returns (uint256 requestId, uint256 slashId) {
        return (_lastRequestId, _lastSlashId);
    }
}
